import { defineRule } from '../src/rule.js';

export default defineRule({
  id: 'requirement-without-scenario',
  meta: {
    type: 'problem',
    description: 'Disallow an OpenSpec requirement with no `#### Scenario:`',
    messages: {
      delta:
        '{{op}} requirement "{{name}}" has no `#### Scenario:`, so `openspec validate` rejects the change ("must include at least one scenario"): add one under it.',
      spec: 'Requirement "{{name}}" has no `#### Scenario:`, so `openspec validate --strict` fails on this spec: add one under it.',
      misplaced: 'this "Scenario:" heading has {{hashes}}, and OpenSpec counts `#### Scenario:` only',
    },
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
    defaultSeverity: 'error',
    docs: `## What it does

Reads OpenSpec's capability specs (\`openspec/specs/CAP/spec.md\`) and the spec deltas of its open
changes (\`openspec/changes/NAME/specs/CAP/spec.md\`), and reports a \`### Requirement: Name\` of
a spec's \`## Requirements\`, or of a delta's \`## ADDED Requirements\` or
\`## MODIFIED Requirements\`, with no \`#### Scenario:\` heading under it (before the next heading
of three \`#\`s or fewer). A "Scenario:" heading with three or five \`#\`s is not counted, as
OpenSpec does not count it, and the finding points at it.

Left alone: REMOVED and RENAMED requirements (names only), archived changes
(\`openspec/changes/archive/\`), a \`#### Scenario:\` inside a fenced code block (an example),
and every Markdown file outside OpenSpec's layout.

## Why is this bad?

Every requirement of OpenSpec is meant to be backed by at least one scenario (WHEN/THEN).
\`openspec validate\` rejects a change whose ADDED or MODIFIED requirement has none, and
\`openspec validate --strict\` a spec whose requirement has none. A scenario written as a bullet,
in bold, or under a heading of three \`#\`s is the usual cause, and the change's tasks may all
be ticked by the time it is found.

## Example

Incorrect, the scenario has three \`#\`s:

\`\`\`markdown file=openspec/changes/add-2fa/specs/auth/spec.md
## ADDED Requirements

### Requirement: Two-Factor Authentication
The system MUST ask for a one-time code after the password.

### Scenario: Code accepted
- **WHEN** the code is right
- **THEN** the user is signed in
\`\`\`

Correct:

\`\`\`markdown file=openspec/changes/add-2fa/specs/auth/spec.md
## ADDED Requirements

### Requirement: Two-Factor Authentication
The system MUST ask for a one-time code after the password.

#### Scenario: Code accepted
- **WHEN** the code is right
- **THEN** the user is signed in
\`\`\`

## Options

None.
`,
  },
  check(corpus, context) {
    for (const doc of corpus.documents) {
      const facts = doc.openSpec;
      if (!facts || doc.role !== 'active' || !context.wants(doc)) continue;
      for (const operation of facts.operations) {
        if (operation.scenarios !== 0) continue;
        const misplaced = operation.misplacedScenario;
        context.report({
          at: { doc, range: operation.range },
          messageId: facts.kind === 'delta' ? 'delta' : 'spec',
          data: { op: operation.op, name: operation.name },
          ...(misplaced
            ? {
                related: [
                  {
                    at: { doc, range: misplaced.range },
                    messageId: 'misplaced',
                    data: { hashes: `${misplaced.depth} \`#\`${misplaced.depth === 1 ? '' : 's'}` },
                  },
                ],
              }
            : {}),
        });
      }
    }
  },
});
