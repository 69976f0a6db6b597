import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseInPieces, reparse, type ParsedDocument } from '../../src/incremental.js';
import { parseMarkdown } from '../../src/parse.js';

// Blocks of planning documents and of the Markdown around them, chosen for the constructs whose
// extent an edit can change: fences (closed, unclosed, in lists), HTML blocks that run over blank
// lines, lists (tight, loose, nested, lazy lines), block quotes, tables, setext headings,
// indented code, front matter, definitions.
const id = fc.integer({ min: 1, max: 30 }).map((n) => `TASK-${String(n).padStart(3, '0')}`);
const words = fc
  .array(fc.constantFrom('Deploy', 'storage', 'the', 'driver', '✅', 'COMPLETE', 'Pending', '**bold**', '`x`', 'a'), {
    minLength: 1,
    maxLength: 5,
  })
  .map((list) => list.join(' '));
const line = fc.oneof(
  words,
  fc.tuple(id, words).map(([task, text]) => `${task} ${text}`),
);
const block = fc.oneof(
  fc.tuple(fc.integer({ min: 1, max: 4 }), line).map(([depth, text]) => `${'#'.repeat(depth)} ${text}`),
  fc.array(line, { minLength: 1, maxLength: 3 }).map((lines) => lines.join('\n')),
  fc.tuple(line, fc.constantFrom('===', '---')).map(([text, underline]) => `${text}\n${underline}`),
  fc
    .array(fc.tuple(fc.constantFrom('- ', '* ', '1. ', '2) ', '- [ ] ', '- [x] ', '  - '), line), {
      minLength: 1,
      maxLength: 4,
    })
    .chain((items) =>
      fc
        .array(fc.constantFrom('\n', '\n\n'), { minLength: items.length, maxLength: items.length })
        .map((gaps) =>
          items.map(([marker, text], i) => `${marker}${text}${i < items.length - 1 ? gaps[i] : ''}`).join(''),
        ),
    ),
  fc
    .array(line, { minLength: 1, maxLength: 3 })
    .map((lines) => lines.map((text, i) => (i === 2 ? text : `> ${text}`)).join('\n')),
  fc
    .tuple(fc.constantFrom('```', '~~~', '````', '```bash', '- ```'), fc.array(line, { maxLength: 3 }), fc.boolean())
    .map(([fence, body, closed]) => {
      const indent = fence.startsWith('- ') ? '  ' : '';
      const mark = fence.replace(/^- /, '').replace(/bash$/, '');
      return [fence, ...body.map((text) => `${indent}${text}`), ...(closed ? [`${indent}${mark}`] : [])].join('\n');
    }),
  fc.array(line, { minLength: 1, maxLength: 2 }).map((lines) => lines.map((text) => `    ${text}`).join('\n')),
  fc
    .array(fc.tuple(id, fc.constantFrom('✅ Done', 'Pending', 'IN PROGRESS')), { minLength: 1, maxLength: 3 })
    .map((rows) =>
      ['| Task | Status |', '|------|--------|', ...rows.map(([task, s]) => `| ${task} | ${s} |`)].join('\n'),
    ),
  fc.constantFrom(
    '<!-- a comment\n\nthat runs over a blank line -->',
    '<div>\nhtml\n</div>',
    '<!-- tasklint-disable -->',
    '<!--',
  ),
  fc.constantFrom('---', '***', '[ref]: ./other.md', 'See [ref] and [^1].', '[^1]: A footnote.'),
);
const frontMatter = fc.constantFrom('', '---\nid: task-1\nstatus: Done\n---\n', '---\nunclosed: yes\n');
const separator = fc.constantFrom('\n\n', '\n', '\n\n\n', '\n  \n');
const documents = fc
  .tuple(frontMatter, fc.array(fc.tuple(block, separator), { minLength: 1, maxLength: 12 }), fc.boolean())
  .map(([head, blocks, crlf]) => {
    const text = head + blocks.map(([text, gap]) => text + gap).join('');
    return crlf ? text.replace(/\n/g, '\r\n') : text;
  });
// What an edit inserts: a character typed, a line, and the marks that open or close a construct.
const inserted = fc.oneof(
  fc.constantFrom(
    'x',
    ' ',
    '\n',
    '\n\n',
    '`',
    '```',
    '~~~',
    '\n```\n',
    '-',
    '- ',
    '> ',
    '|',
    '#',
    '=',
    '---',
    '<!--',
    '-->',
  ),
  fc.constantFrom('    ', '\t', '1. ', '[x]: /y', '[^1]: z', '\r\n', '</div>', '<div>', '| a |\n|---|', '\uFEFF'),
  line,
);
const edit = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  removed: fc.integer({ min: 0, max: 12 }),
  text: fc.oneof(inserted, fc.constant('')),
  // Edits are drawn to block boundaries (the start of a line) half of the time.
  atLineStart: fc.boolean(),
});

function applyEdit(
  text: string,
  { at, removed, text: insert, atLineStart }: { at: number; removed: number; text: string; atLineStart: boolean },
): string {
  let offset = Math.floor(at * (text.length + 1));
  if (atLineStart) offset = text.lastIndexOf('\n', offset - 1) + 1;
  return text.slice(0, offset) + insert + text.slice(Math.min(text.length, offset + removed));
}

describe('re-parsing only what an edit touched', () => {
  it('gives the tree a full parse gives, after every edit, for every shape of document', async () => {
    let partial = 0;
    await fc.assert(
      fc.asyncProperty(
        documents,
        fc.array(edit, { minLength: 1, maxLength: 8 }),
        fc.boolean(),
        async (start, edits, withFrontMatter) => {
          // A turn of the event loop now and then: the test runner's messages are heard.
          await new Promise((resolve) => setImmediate(resolve));
          const options = { frontMatter: withFrontMatter };
          let text = start;
          let previous: ParsedDocument = { text, tree: parseMarkdown(text, options), frontMatter: withFrontMatter };
          for (const change of edits) {
            text = applyEdit(text, change);
            const result = reparse(previous, text, options);
            expect(result).toBeDefined();
            if (!result!.extent.whole && result!.extent.end - result!.extent.start < text.length) partial++;
            expect(JSON.stringify(result!.tree), JSON.stringify(text)).toBe(
              JSON.stringify(parseMarkdown(text, options)),
            );
            previous = result!;
          }
        },
      ),
      { seed: Number(process.env.SEED ?? 13), numRuns: Number(process.env.RUNS ?? 500) },
    );
    // Most edits re-parse part of the document: this is not a test of whole parses only.
    expect(partial).toBeGreaterThan(500);
  });

  it('parses a document in pieces of a bounded size to the tree a full parse gives, or not at all', async () => {
    let pieces = 0;
    await fc.assert(
      fc.asyncProperty(
        documents,
        fc.integer({ min: 8, max: 200 }),
        fc.boolean(),
        async (text, maxSpan, withFrontMatter) => {
          await new Promise((resolve) => setImmediate(resolve));
          const options = { frontMatter: withFrontMatter, maxSpan };
          const result = parseInPieces(text, options);
          if (!result) return;
          if (text.length > maxSpan) pieces++;
          expect(JSON.stringify(result.tree), JSON.stringify(text)).toBe(
            JSON.stringify(parseMarkdown(text, { frontMatter: withFrontMatter })),
          );
          // And edits after it re-parse from its tree, within the same bounds.
          const edited = `${text.slice(0, text.length >> 1)}x${text.slice(text.length >> 1)}`;
          const again = reparse(result, edited, options);
          if (again)
            expect(JSON.stringify(again.tree)).toBe(
              JSON.stringify(parseMarkdown(edited, { frontMatter: withFrontMatter })),
            );
        },
      ),
      { seed: Number(process.env.SEED ?? 13), numRuns: Number(process.env.RUNS ?? 2000) },
    );
    // The generated documents do get cut: this is not a test of whole parses only.
    expect(pieces).toBeGreaterThan(50);
  });
});
