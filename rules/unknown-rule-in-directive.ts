import { defineRule } from '../src/rule.js';
import { ruleIds } from '../src/rule-ids.js';
import { closest } from '../src/suggest.js';

export default defineRule({
  id: 'unknown-rule-in-directive',
  meta: {
    type: 'problem',
    description: 'Report tasklint-disable and tasklint-enable comments that name a rule tasklint does not have',
    messages: {
      unknownRule:
        'tasklint-{{kind}} names "{{name}}", which is not a tasklint rule{{meant}}: the comment silences nothing under that name.',
    },
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
    defaultSeverity: 'warning',
    docs: `## What it does

Reports each rule id in a \`<!-- tasklint-disable... -->\` or \`<!-- tasklint-enable... -->\`
comment that is not a tasklint rule, at the misspelt name, with the rule it most likely
meant ("did you mean ...?"). A description after two dashes
(\`<!-- tasklint-disable-next-line broken-link -- created by the release job -->\`) is not read
as rule ids. Every document is checked, archived and template ones too.

## Why is this bad?

A comment with a misspelt rule id silences nothing: the finding it was written for is still
reported, and a reader of the document believes it was looked at and allowed.

## Example

Incorrect:

\`\`\`markdown file=index.md
# Index

<!-- tasklint-disable-next-line broken-links -->
[Release notes](./release-notes.md)
\`\`\`

Correct:

\`\`\`markdown file=index.md
# Index

<!-- tasklint-disable-next-line broken-link -- written by the release job -->
[Release notes](./release-notes.md)
\`\`\`

## Options

None.
`,
  },
  // Each finding is about a comment of its own document.
  incremental: 'document',
  check(corpus, context) {
    const known = ruleIds();
    for (const doc of corpus.documents) {
      if (!context.wants(doc)) continue;
      for (const directive of doc.directives) {
        directive.rules.forEach((name, i) => {
          if (known.includes(name)) return;
          const meant = closest(name, known);
          context.report({
            messageId: 'unknownRule',
            data: {
              kind: directive.kind,
              name,
              meant: meant ? ` (did you mean "${meant}"?)` : ' (`tasklint --rules` lists them)',
            },
            at: { doc, range: directive.ruleRanges[i] ?? directive.range },
          });
        });
      }
    }
  },
});
