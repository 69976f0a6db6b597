import { defineRule } from '../src/rule.js';

export default defineRule({
  id: 'mojibake',
  meta: {
    type: 'problem',
    description: 'Disallow UTF-8 text that was decoded as Windows-1252 or Mac Roman and saved again',
    messages: {
      mojibake:
        'Text is mis-encoded: UTF-8 was read as {{encoding}} and saved again, so "{{text}}" stands for "{{repaired}}" ({{count}} on {{lines}}). Emoji statuses and heading anchors are broken until it is repaired.',
    },
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
    defaultSeverity: 'warning',
    docs: `## What it does

Finds mojibake: UTF-8 bytes that a tool decoded as Windows-1252 or Mac Roman and wrote back, so
that \`✅\` reads \`âœ…\` or \`‚úÖ\`, and \`🎯\` reads \`ðŸŽ¯\` or \`üéØ\`. One finding per
document, at the first damaged place, saying how many places there are and what the first one
stood for.

## Why is this bad?

Statuses in planning documents are often emoji (✅ ⏳ 🟡). Mis-encoded, they are no longer
statuses: tasklint and readers see noise. Headings with emoji get different anchors, so the
table of contents breaks. The damage spreads each time the file is copied.

## Example

Incorrect (the file as saved):

\`\`\`markdown
- âœ… Phase 1 complete
\`\`\`

Correct:

\`\`\`markdown
- ✅ Phase 1 complete
\`\`\`

## Options

None.
`,
  },
  // Each finding is about its own document: after an edit, only that document is checked again.
  incremental: 'document',
  check(corpus, context) {
    for (const doc of corpus.documents) {
      if (!context.wants(doc)) continue;
      const [first] = doc.mojibake;
      if (!first) continue;
      const lines = new Set(doc.mojibake.map((m) => m.range.start.line)).size;
      context.report({
        messageId: 'mojibake',
        data: {
          encoding: first.encoding,
          text: first.text,
          repaired: first.repaired,
          count: `${doc.mojibake.length} place${doc.mojibake.length === 1 ? '' : 's'}`,
          lines: `${lines} line${lines === 1 ? '' : 's'}`,
        },
        at: { doc, range: first.range },
      });
    }
  },
});
