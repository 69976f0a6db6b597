import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';

/**
 * The two real planning documents tasklint was made for live beside the project, not in it.
 * Where they are absent (a clone on its own), this suite says so and is skipped.
 */
const SEEDS = path.resolve(ROOT, '..', 'shared', 'seeds');
const present = existsSync(SEEDS);
if (!present)
  console.warn(
    'seeds suite skipped: the seed planning documents are not beside this checkout (a clone on its own has none)',
  );

interface Message {
  ruleId: string;
  line: number;
  message: string;
  related: { filePath: string; line: number }[];
}

describe.skipIf(!present)('the seeds, linted as one corpus', () => {
  const files = present
    ? readdirSync(SEEDS)
        .filter((name) => name.endsWith('.txt'))
        .sort()
    : [];
  const run = present
    ? runCli(['-f', 'json', ...files.map((name) => path.join(SEEDS, name))])
    : { stdout: '[]', code: 0, stderr: '' };
  const results = JSON.parse(run.stdout) as { filePath: string; messages: Message[] }[];
  const byFile = (prefix: string): Message[] =>
    results.find((r) => path.basename(r.filePath).startsWith(prefix))?.messages ?? [];

  it('reports TASK-028.1 in progress in the tracker and complete in the index, with both places', () => {
    const conflicts = [...byFile('000'), ...byFile('001')].filter(
      (m) => m.ruleId === 'task-status-conflict' && m.message.startsWith('TASK-028.1'),
    );
    expect(conflicts).toHaveLength(1);
    const [finding] = conflicts;
    expect(finding!.line).toBe(38);
    expect(finding!.message).toMatch(/in progress here \("IN PROGRESS"\) but done at 001_c9865a30f4140b8a\.txt:\d+/);
    expect(finding!.related.map((r) => path.basename(r.filePath))).toContain('001_c9865a30f4140b8a.txt');
  });

  it('reports mojibake once in each file, naming the encoding', () => {
    expect(
      byFile('000')
        .filter((m) => m.ruleId === 'mojibake')
        .map((m) => m.message),
    ).toEqual([expect.stringContaining('Windows-1252')]);
    expect(
      byFile('001')
        .filter((m) => m.ruleId === 'mojibake')
        .map((m) => m.message),
    ).toEqual([expect.stringContaining('Mac Roman')]);
  });

  it('reports each relative link whose target is absent, and no link inside code', () => {
    const links = (prefix: string) =>
      byFile(prefix)
        .filter((m) => m.ruleId === 'broken-link')
        .map((m) => m.line);
    expect(links('000')).toEqual([9, 32, 148, 269, 458, 460]);
    // 001 links ./README.md, which the seeds folder happens to have.
    expect(links('001')).toEqual([
      156, 197, 245, 255, 256, 257, 301, 321, 343, 356, 366, 468, 469, 470, 474, 475, 479, 480,
    ]);
  });

  it("reports the index's statistics table and adjusted total against the rows they sum", () => {
    const totals = byFile('001').filter((m) => m.ruleId === 'total-mismatch' && (m.line === 124 || m.line === 445));
    expect(totals.map((m) => [m.line, m.message, m.related.map((r) => r.line)])).toEqual([
      [
        124,
        '"37 complete" is stated here, but the Completed cells of the 3 rows of the table above that are not complete add up to 39 (31 + 0 + 8, lines 116-120).',
        [116, 119, 120],
      ],
      [
        445,
        '"Total tasks defined: 124 (2 deprecated)" is stated here, but the rows that break "Total tasks defined" down by status add up to 123 (94 + 0 + 29, lines 446-448).',
        [446, 447, 448],
      ],
    ]);
  });

  it('reads the vertical arrow of the dependency graph (TASK-044 over ↓ over MLOPS-1.1) as an edge', () => {
    const facts = runCli(['facts', path.join(SEEDS, files[0] ?? '')]);
    expect(facts.stdout).toMatch(/:308 {2}TASK-044 → MLOPS-1\.1 {2}\(graph\)/u);
  });

  it('reports nothing for rounding, criteria lists, code blocks or the dependency graph', () => {
    const all = [...byFile('000'), ...byFile('001')];
    expect(all.filter((m) => m.ruleId === 'percent-mismatch')).toEqual([]);
    // Lines 94-100 (Validation Criteria) and 306-323 (the graph) of the tracker, and its code blocks.
    expect(byFile('000').filter((m) => (m.line >= 94 && m.line <= 100) || (m.line >= 306 && m.line <= 323))).toEqual(
      [],
    );
    expect(all.filter((m) => m.ruleId === 'task-status-conflict').map((m) => m.message.split(' ')[0])).toEqual([
      'TASK-028.1',
    ]);
  });
});
