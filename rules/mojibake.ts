import { defineRule, type Report } from '../src/rule.js';
import type { Mojibake } from '../src/types.js';

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
    fixable: 'code',
    fixDescription:
      'The file is re-decoded, every damaged run replaced by the text it stood for, when every run repairs whole (no byte lost on the way) and the result is valid UTF-8.',
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
        ...mojibakeFix(doc.mojibake),
      });
    }
  },
});

/**
 * Every run repaired, only when each repairs whole: a run stands for the bytes of its repair, one
 * character a byte (an emoji may have lost its lead byte, which the repair restores); a run with
 * more characters than that kept bytes that decode to nothing.
 */
function mojibakeFix(runs: Mojibake[]): Pick<Report, 'fix'> {
  const edits = [];
  for (const run of runs) {
    const repaired = withPresentationSelector(run) ?? run.repaired;
    if (
      repaired.includes('\uFFFD') ||
      /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(repaired)
    )
      return {};
    if (Array.from(run.text).length > Buffer.byteLength(repaired, 'utf8')) return {};
    edits.push({ range: run.range, replaces: run.text, text: repaired });
  }
  return { fix: { edits } };
}

/**
 * "âš\u00A0ï¸" is ⚠️ (E2 9A A0, EF B8 8F) whose last byte Windows-1252 could not show and dropped.
 * The only bytes it drops are 81, 8D, 8F, 90 and 9D; EF B8 and one of them is U+FE01, FE0D,
 * FE0F, FE10 or FE1D, and after an emoji only U+FE0F, the emoji presentation selector, makes
 * sense: that is the one repair.
 */
function withPresentationSelector(run: Mojibake): string | undefined {
  if (run.encoding !== 'Windows-1252' || !run.text.endsWith('\u00EF\u00B8')) return undefined;
  const last = Array.from(run.repaired).at(-1) ?? '';
  if (!/\p{Extended_Pictographic}/u.test(last)) return undefined;
  if (Array.from(run.text).length !== Buffer.byteLength(run.repaired, 'utf8') + 2) return undefined;
  return `${run.repaired}\uFE0F`;
}
