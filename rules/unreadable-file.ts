import { defineRule } from '../src/rule.js';

const FIRST_LINE = { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };

export default defineRule({
  id: 'unreadable-file',
  meta: {
    type: 'problem',
    description: 'Report files that could not be read or parsed and were skipped',
    messages: {
      unreadable: '{{reason}}',
    },
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
    defaultSeverity: 'error',
    docs: `## What it does

Reports each file tasklint had to skip: it could not be read (permission denied, deleted during
the run, a symbolic link loop), it is binary, it is larger than the config's \`maxFileSize\`
(5 MB by default), or it could not be parsed. The rest of the folder is still linted.

## Why is this bad?

A skipped file is a blind spot: its contradictions go unreported, and the contradictions
between it and the other files too.

## Example

Incorrect: \`diagram.md\` is a PNG image saved with a \`.md\` name.

Correct: name it \`diagram.png\`, or exclude it with the config's \`exclude\`.

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
        if (!problem.fatal) continue;
        context.report({
          messageId: 'unreadable',
          data: { reason: problem.message },
          at: { doc, range: problem.range ?? FIRST_LINE },
        });
      }
    }
  },
});
