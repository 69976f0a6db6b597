import { ruleTester } from '../helpers/rule-tester.js';

const SPEC = 'openspec/specs/auth/spec.md';
const DELTA = 'openspec/changes/add-2fa/specs/auth/spec.md';

const SCENARIO = '#### Scenario: It works\n- **WHEN** asked\n- **THEN** done\n';
const requirement = (name: string, scenario = SCENARIO): string =>
  `### Requirement: ${name}\nThe system MUST do it.\n\n${scenario}`;
const spec = (...blocks: string[]): string =>
  `# Auth Specification\n\n## Purpose\nSign-in.\n\n## Requirements\n\n${blocks.join('\n')}`;

ruleTester('requirement-without-scenario', {
  valid: [
    {
      name: 'every requirement of a spec and of a delta has a scenario, some two',
      files: {
        [SPEC]: spec(requirement('Session Expiration'), requirement('Remember Me', `${SCENARIO}\n${SCENARIO}`)),
        [DELTA]: `## ADDED Requirements\n\n${requirement('Two-Factor Authentication')}\n## MODIFIED Requirements\n\n${requirement('Session Expiration')}`,
      },
    },
    {
      name: 'REMOVED and RENAMED requirements are names only',
      files: {
        [DELTA]:
          '## REMOVED Requirements\n\n### Requirement: Remember Me\n**Reason**: unsafe\n\n## RENAMED Requirements\n\n- FROM: `### Requirement: Session Expiration`\n- TO: `### Requirement: Idle Timeout`\n',
      },
    },
    {
      name: 'an archived change is history',
      files: {
        'openspec/changes/archive/2025-01-11-add-2fa/specs/auth/spec.md': `## ADDED Requirements\n\n### Requirement: Two-Factor Authentication\nThe system MUST ask for a code.\n`,
      },
    },
    {
      name: 'a scenario under a sub-heading of the requirement (a note of four #s before it) still counts',
      files: {
        [SPEC]: spec(
          `### Requirement: Session Expiration\nThe system MUST end idle sessions.\n\n#### Notes\nSee the audit.\n\n${SCENARIO}`,
        ),
      },
    },
    {
      name: 'a requirement heading outside OpenSpec layout is any heading',
      files: {
        'docs/auth.md': '# Auth\n\n## Requirements\n\n### Requirement: Session Expiration\nSessions end.\n',
      },
    },
  ],
  invalid: [
    {
      name: 'an ADDED requirement whose scenario is in a fence, as an example of the format',
      files: {
        [DELTA]: `## ADDED Requirements\n\n### Requirement: Two-Factor Authentication\nThe system MUST ask for a code, written as:\n\n\`\`\`md\n${SCENARIO}\`\`\`\n`,
      },
      errors: [
        {
          messageId: 'delta',
          file: DELTA,
          line: 3,
          messageIncludes: ['ADDED requirement "Two-Factor Authentication" has no `#### Scenario:`'],
        },
      ],
    },
    {
      name: 'a MODIFIED requirement whose scenario has three #s: the finding points at it',
      files: {
        [DELTA]: `## MODIFIED Requirements\n\n### Requirement: Session Expiration\nThe system MUST end sessions after 15 minutes.\n\n### Scenario: Idle\n- **WHEN** idle\n- **THEN** signed out\n`,
      },
      errors: [
        {
          messageId: 'delta',
          file: DELTA,
          line: 3,
          messageIncludes: ['MODIFIED requirement "Session Expiration"'],
          related: [{ file: DELTA, line: 6 }],
        },
      ],
    },
    {
      name: "a spec's requirement with its scenario as a bold bullet",
      files: {
        [SPEC]: spec(
          requirement('Session Expiration'),
          '### Requirement: Remember Me\nThe system MUST remember a device.\n\n- **Scenario: Remembered**\n',
        ),
      },
      errors: [
        {
          messageId: 'spec',
          file: SPEC,
          line: 15,
          messageIncludes: ['Requirement "Remember Me" has no `#### Scenario:`, so `openspec validate --strict` fails'],
        },
      ],
    },
  ],
});
