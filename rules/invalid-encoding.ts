import { defineRule } from '../src/rule.js';

const FIRST_LINE = { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };

export default defineRule({
  id: 'invalid-encoding',
  meta: {
    type: 'problem',
    description: 'Require planning documents to be valid UTF-8',
    messages: {
      encoding: '{{reason}}',
    },
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
    defaultSeverity: 'warning',
    docs: `## What it does

Reports a file that is not valid UTF-8 (it is read anyway, with replacement characters where
bytes are broken) or that is UTF-16 (it is decoded by its byte order mark and linted).
Mojibake, which is valid UTF-8 that says the wrong thing, is the \`mojibake\` rule.

## Why is this bad?

Other tools (git diffs, GitHub, markdownlint, AI agents) read Markdown as UTF-8. A file in
another encoding shows as noise to them and is damaged further each time one of them saves it.

## Example

Incorrect: a file saved as Latin-1, whose \`é\` is the single byte \`0xE9\`.

Correct: the same file saved as UTF-8.

## Options

None.
`,
  },
  // Each finding is about its own document: after an edit, only that document is checked again.
  incremental: 'document',
  check(corpus, context) {
    for (const doc of corpus.documents) {
      if (!context.wants(doc)) continue;
      for (const problem of doc.problems) {
        if (problem.fatal) continue;
        context.report({
          messageId: 'encoding',
          data: { reason: problem.message },
          at: { doc, range: problem.range ?? FIRST_LINE },
        });
      }
    }
  },
});
