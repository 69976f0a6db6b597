import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { fixFolder } from '../../src/fix.js';
import { lint } from '../../src/lint.js';
import { readFileSync } from 'node:fs';
import { makeFolder, removeFolders } from './helpers.js';

afterAll(removeFolders);

// Pieces of planning documents, as real ones write them, and some noise.
const taskId = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('TASK-', 'MLOPS-', 'CLOUD-'),
      fc.integer({ min: 1, max: 40 }),
      fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
    )
    .map(([prefix, n, sub]) => `${prefix}${String(n).padStart(3, '0')}${sub === undefined ? '' : `.${sub}`}`),
  fc.integer({ min: 1, max: 40 }).map((n) => `T${String(n).padStart(3, '0')}`),
);
const status = fc.constantFrom(
  'COMPLETE',
  'IN PROGRESS',
  'Pending',
  'BLOCKED',
  'BLOCKING',
  '✅ Done',
  '⚠️ IN PROGRESS',
  '🟡 Active',
  '⏳ Pending',
  '❌',
  '🔵 Not Started',
  'Deprecated',
  'âœ… COMPLETE',
  '',
);
const number = fc.oneof(
  fc.integer({ min: 0, max: 200 }).map(String),
  fc.tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 60 })).map(([a, b]) => `${a}/${b}`),
  fc.integer({ min: 0, max: 120 }).map((n) => `${n}%`),
  fc
    .tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 100 }))
    .map(([a, b, p]) => `${p}% complete (${a}/${b} tasks)`),
  // Small fractions, which a table of a few rows may count: progress figures to recompute.
  fc
    .tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 100 }))
    .map(([a, b, p]) => (a <= b ? `${p}% (${a}/${b} tasks)` : `${b} of ${a} tasks complete`)),
  fc
    .tuple(fc.integer({ min: 0, max: 20 }), fc.constantFrom('tasks', 'hours', 'hrs', 'days', 'min'))
    .map(([n, unit]) => `(${n} ${unit})`),
);
const word = fc.constantFrom(
  'Fix',
  'storage',
  'driver',
  'Phase',
  'Deploy',
  'the',
  'cluster',
  'Total',
  'Remaining',
  'Status:',
  'Dependencies:',
  'after',
  'once',
  '→',
  '🎯',
  '🚀',
  'é',
  '日本',
  '**bold**',
  '_it_',
  '~~old~~',
  '<br>',
  '&amp;',
  '\\|',
);
const link = fc
  .tuple(
    fc.constantFrom(
      './index.md',
      'tracker.md',
      '../outside.md',
      'archive/old.md',
      '#phase-1',
      'missing.md',
      'https://example.com',
      'phase-1.md#status',
    ),
    fc.constantFrom('link', 'see', '📋 plan'),
  )
  .map(([target, text]) => `[${text}](${target})`);
const inline = fc
  .array(
    fc.oneof(
      { weight: 4, arbitrary: word },
      { weight: 3, arbitrary: taskId },
      taskId.map((id) => `**${id}**`),
      status,
      number,
      link,
      taskId.map((id) => `\`${id}\``),
    ),
    { minLength: 1, maxLength: 10 },
  )
  .map((parts) => parts.join(' '));
const noise = fc.string({ unit: 'grapheme', maxLength: 40 });

const heading = fc.tuple(fc.integer({ min: 1, max: 6 }), inline).map(([depth, text]) => `${'#'.repeat(depth)} ${text}`);
const listItem = fc
  .tuple(fc.constantFrom('- ', '* ', '1. ', '- [ ] ', '- [x] ', '  - ', '    - [ ] ', '> - '), inline)
  .map(([marker, text]) => `${marker}${text}`);
const list = fc.array(listItem, { minLength: 1, maxLength: 6 }).map((items) => items.join('\n'));
const tableRow = fc
  .tuple(
    taskId,
    inline,
    fc.constantFrom('HIGH', 'LOW', 'CRITICAL', ''),
    fc.constantFrom('2 hrs', '1 day', '30 min', ''),
    status,
    fc.array(taskId, { maxLength: 2 }),
  )
  .map(
    ([id, title, priority, duration, state, deps]) =>
      `| ${id} | ${title} | ${priority} | ${duration} | ${state} | ${deps.join(', ') || 'None'} |`,
  );
const table = fc
  .tuple(fc.array(tableRow, { minLength: 1, maxLength: 6 }), fc.boolean())
  .map(([rows, total]) =>
    [
      '| Task ID | Description | Priority | Duration | Status | Dependencies |',
      '|---------|-------------|----------|----------|--------|--------------|',
      ...rows,
      ...(total ? [`| **TOTAL** | | | **${rows.length * 2} hrs** | | |`] : []),
    ].join('\n'),
  );
// A status line over the table it sums up, as a task list writes it: a progress figure to recompute.
const progressOverTable = fc
  .tuple(
    fc.uniqueArray(fc.tuple(taskId, fc.constantFrom('COMPLETE', '✅ Done', 'Pending', 'IN PROGRESS')), {
      minLength: 1,
      maxLength: 6,
      selector: ([id]) => id,
    }),
    fc.nat(),
    fc.integer({ min: 0, max: 100 }),
    fc.constantFrom(
      '**Status:** P% complete (A/B tasks)',
      'Status: A of B tasks complete',
      '- Storage: P% (A/B tasks)',
    ),
  )
  .map(([rows, done, percent, line]) =>
    [
      line
        .replace('P', String(percent))
        .replace('A', String(done % (rows.length + 1)))
        .replace('B', String(rows.length)),
      '',
      '| Task ID | Description | Priority | Duration | Status | Dependencies |',
      '|---------|-------------|----------|----------|--------|--------------|',
      ...rows.map(([id, state]) => `| ${id} | Step | HIGH | 2 hrs | ${state} | None |`),
    ].join('\n'),
  );
const code = fc
  .tuple(fc.constantFrom('```bash', '```text', '~~~', '```'), fc.array(fc.oneof(taskId, inline), { maxLength: 4 }))
  .map(([fence, lines]) => `${fence}\n${lines.join('\n')}\n${fence.startsWith('~') ? '~~~' : '```'}`);
const block = fc.oneof(
  { weight: 3, arbitrary: heading },
  { weight: 3, arbitrary: inline },
  { weight: 3, arbitrary: list },
  { weight: 3, arbitrary: table },
  { weight: 1, arbitrary: progressOverTable },
  { weight: 1, arbitrary: code },
  { weight: 1, arbitrary: inline.map((text) => `> ${text}`) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '---',
      '<!-- tasklint-disable-next-line -->',
      '<!-- tasklint-disable task-status-conflict -->',
      '**Last Updated:** 2025-10-30',
      '<a id="status"></a>',
    ),
  },
  { weight: 1, arbitrary: noise },
);
const documentText = fc
  .tuple(fc.array(block, { minLength: 0, maxLength: 12 }), fc.constantFrom('\n\n', '\n', '\r\n'))
  .map(([blocks, separator]) => blocks.join(separator));
const NAMES = ['index.md', 'tracker.md', 'phase-1.md', 'archive/old.md', 'task-template.md'];
const folder = fc.uniqueArray(fc.tuple(fc.constantFrom(...NAMES), documentText), {
  minLength: 1,
  maxLength: 4,
  selector: ([name]) => name,
});

describe('generated planning folders', () => {
  it('never make tasklint throw or hang; its output is the same on every run and whatever the order of the files', async () => {
    await fc.assert(
      fc.asyncProperty(folder, fc.nat(), async (files, rotation) => {
        const dir = makeFolder();
        for (const [name, text] of files) {
          mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
          writeFileSync(path.join(dir, name), text);
        }
        const names = files.map(([name]) => name);
        const first = await lint({ cwd: dir, paths: names });
        // Extraction never failed on them: a crash inside it would show as "could not be analysed".
        expect(
          first.corpus.documents.flatMap((doc) => doc.problems.filter((problem) => problem.kind === 'parse-failed')),
        ).toEqual([]);
        for (const diagnostic of first.diagnostics) expect(diagnostic.message).not.toMatch(/\{\{\w+\}\}/);

        const shift = rotation % names.length;
        const reordered = [...names.slice(shift), ...names.slice(0, shift)].reverse();
        const again = await lint({ cwd: dir, paths: reordered });
        expect(again.diagnostics).toEqual(first.diagnostics);
        // The folder named instead of its files: the same corpus, when its root is the same.
        if (names.some((name) => !name.includes('/'))) {
          const folderRun = await lint({ cwd: dir, paths: ['.'] });
          expect(folderRun.diagnostics).toEqual(first.diagnostics);
        }
      }),
      { numRuns: 100 },
    );
  }, 300_000);

  it('are fixed in one --fix: a second changes nothing, and a fix never adds or removes a line', async () => {
    await fc.assert(
      fc.asyncProperty(folder, async (files) => {
        const dir = makeFolder();
        for (const [name, text] of files) {
          mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
          writeFileSync(path.join(dir, name), text);
        }
        const first = await fixFolder({ cwd: dir, paths: ['.'], write: true });
        for (const file of first.files) {
          expect(file.written).toBe(true);
          expect(file.after.split(/\r\n|\r|\n/).length).toBe(file.before.split(/\r\n|\r|\n/).length);
          expect(readFileSync(file.file, 'utf8')).toBe(file.after);
        }
        const second = await fixFolder({ cwd: dir, paths: ['.'], write: false });
        // A finding may still carry a fix whose text is not found (a claim read from reworded
        // text): it is never applied, and nothing changes.
        expect(second.files.map((file) => file.relPath)).toEqual([]);
        expect(second.applied).toBe(0);
      }),
      { numRuns: 60 },
    );
  }, 300_000);
});
