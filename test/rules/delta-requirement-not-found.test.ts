import { ruleTester } from '../helpers/rule-tester.js';

const SPEC = 'openspec/specs/auth/spec.md';
const DELTA = 'openspec/changes/shorter-sessions/specs/auth/spec.md';

const spec = (...names: string[]): string =>
  `# Auth Specification\n\n## Purpose\nSign-in.\n\n## Requirements\n\n${names
    .map(
      (name) =>
        `### Requirement: ${name}\nThe system MUST do it.\n\n#### Scenario: It works\n- **WHEN** asked\n- **THEN** done\n`,
    )
    .join('\n')}`;

const delta = (sections: Record<string, string[]>): string =>
  Object.entries(sections)
    .map(
      ([section, names]) =>
        `## ${section} Requirements\n\n${names
          .map((name) =>
            section === 'RENAMED'
              ? name
              : `### Requirement: ${name}\nThe system MUST do it.\n\n#### Scenario: It works\n- **WHEN** asked\n- **THEN** done\n`,
          )
          .join('\n')}`,
    )
    .join('\n');

ruleTester('delta-requirement-not-found', {
  valid: [
    {
      name: 'MODIFIED and REMOVED requirements the spec has; ADDED ones it has not',
      files: {
        [SPEC]: spec('Session Expiration', 'Remember Me'),
        [DELTA]: delta({
          ADDED: ['Two-Factor Authentication'],
          MODIFIED: ['Session Expiration'],
          REMOVED: ['Remember Me'],
        }),
      },
    },
    {
      name: 'a MODIFIED requirement under the name the delta renames it to',
      files: {
        [SPEC]: spec('Session Expiration'),
        [DELTA]: delta({
          RENAMED: ['- FROM: `### Requirement: Session Expiration`\n- TO: `### Requirement: Idle Timeout`\n'],
          MODIFIED: ['Idle Timeout'],
        }),
      },
    },
    {
      name: 'a rename already synced into the spec',
      files: {
        [SPEC]: spec('Idle Timeout'),
        [DELTA]: delta({
          RENAMED: ['- FROM: `### Requirement: Session Expiration`\n- TO: `### Requirement: Idle Timeout`\n'],
        }),
      },
    },
    {
      name: 'a requirement another open change adds: the changes are stacked',
      files: {
        [SPEC]: spec('Session Expiration'),
        'openspec/changes/add-2fa/specs/auth/spec.md': delta({ ADDED: ['Two-Factor Authentication'] }),
        [DELTA]: delta({ MODIFIED: ['Two-Factor Authentication'] }),
      },
    },
    {
      name: 'an archived change is history: the spec has moved on since',
      files: {
        [SPEC]: spec('Idle Timeout'),
        'openspec/changes/archive/2025-01-11-shorter-sessions/specs/auth/spec.md': delta({
          MODIFIED: ['Session Expiration'],
        }),
      },
    },
    {
      name: 'a capability whose spec is not linted: whether it exists is not known',
      files: { [DELTA]: delta({ MODIFIED: ['Session Expiration'] }) },
    },
    {
      name: "headers in a code block, and requirements outside the spec's Requirements section",
      files: {
        [SPEC]: `${spec('Session Expiration')}\n## Notes\n\n### Requirement: Old Idea\n`,
        [DELTA]: `${delta({ MODIFIED: ['Session Expiration'] })}\n\`\`\`markdown\n## MODIFIED Requirements\n### Requirement: Example Only\n\`\`\`\n`,
      },
    },
    {
      name: 'a change in proposed/ names the spec of its own capability',
      files: {
        [SPEC]: spec('Session Expiration'),
        'openspec/changes/proposed/shorter-sessions/specs/auth/spec.md': delta({ MODIFIED: ['Session Expiration'] }),
      },
    },
  ],
  invalid: [
    {
      name: 'a MODIFIED header reworded: the spec calls it otherwise',
      files: {
        [SPEC]: spec('Session Expiration'),
        [DELTA]: delta({ MODIFIED: ['Session Expiration (REPLACES the 30-minute rule)'] }),
      },
      errors: [
        {
          messageId: 'MODIFIED',
          file: DELTA,
          line: 3,
          messageIncludes: [
            'MODIFIED requirement "Session Expiration (REPLACES the 30-minute rule)" is not in openspec/specs/auth/spec.md',
            '`openspec archive` will stop here',
          ],
          related: [{ file: SPEC, line: 6 }],
        },
      ],
    },
    {
      name: 'case counts, as OpenSpec matches it',
      files: { [SPEC]: spec('Session Expiration'), [DELTA]: delta({ REMOVED: ['Session expiration'] }) },
      errors: [
        { messageId: 'REMOVED', file: DELTA, line: 3, messageIncludes: ['REMOVED requirement "Session expiration"'] },
      ],
    },
    {
      name: 'a rename from a requirement the spec does not have',
      files: {
        [SPEC]: spec('Session Expiration'),
        [DELTA]: delta({
          RENAMED: ['- FROM: `### Requirement: Session Timeout`\n- TO: `### Requirement: Idle Timeout`\n'],
        }),
      },
      errors: [
        {
          messageId: 'RENAMED FROM',
          file: DELTA,
          line: 3,
          messageIncludes: ['RENAMED FROM requirement "Session Timeout"'],
        },
      ],
    },
    {
      name: 'a change in approved/ modifies a requirement its spec lacks',
      files: {
        [SPEC]: spec('Session Expiration'),
        'openspec/changes/approved/shorter-sessions/specs/auth/spec.md': delta({ MODIFIED: ['Session Timeout'] }),
      },
      errors: [
        { messageId: 'MODIFIED', file: 'openspec/changes/approved/shorter-sessions/specs/auth/spec.md', line: 3 },
      ],
    },
  ],
});
