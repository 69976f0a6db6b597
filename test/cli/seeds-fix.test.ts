import { chmodSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';

/** The two real planning documents live beside the project, not in it: skipped where they are absent. */
const SEEDS = path.resolve(ROOT, '..', 'shared', 'seeds');
const present = existsSync(SEEDS);
if (!present) console.warn(`seeds --fix suite skipped: ${SEEDS} is not here (it sits beside the project, not in it)`);

interface Result {
  filePath: string;
  messages: { ruleId: string; line: number; message: string; fix?: unknown }[];
}

const DERIVED = new Set(['count-mismatch', 'percent-mismatch', 'total-mismatch', 'duration-mismatch', 'mojibake']);

describe.skipIf(!present)('the seeds, fixed in a temporary copy', () => {
  const copy = mkdtempSync(path.join(tmpdir(), 'tasklint-seeds-fix-'));
  afterAll(() => {
    rmSync(copy, { recursive: true, force: true });
  });
  const files = present
    ? readdirSync(SEEDS)
        .filter((name) => name.endsWith('.txt'))
        .sort()
    : [];
  for (const name of files) {
    cpSync(path.join(SEEDS, name), path.join(copy, name));
    chmodSync(path.join(copy, name), 0o644);
  }
  const lintJson = (): Result[] => JSON.parse(runCli(['-f', 'json', ...files], copy).stdout) as Result[];
  const key = (result: Result, m: Result['messages'][number]) =>
    `${path.basename(result.filePath)}:${m.line} ${m.ruleId}`;
  const before = present ? lintJson() : [];
  const fix = present ? runCli(['--fix', ...files], copy) : undefined;
  const after = present ? lintJson() : [];

  it('loses every derived-number and mojibake finding that carried a fix, and no other finding', () => {
    expect(fix!.stderr).toBe('');
    const fixed = new Set(before.flatMap((r) => r.messages.filter((m) => m.fix).map((m) => key(r, m))));
    expect([...fixed].every((k) => DERIVED.has(k.split(' ')[1]!) || k.endsWith('broken-anchor'))).toBe(true);
    expect(fixed.size).toBeGreaterThanOrEqual(8);
    const left = new Set(after.flatMap((r) => r.messages.map((m) => key(r, m))));
    for (const k of fixed) expect(left.has(k), k).toBe(false);
    // What stays is what was there; the one finding besides the fixed ones that goes is a link to
    // a heading whose emoji was mis-encoded, which the repair mends.
    const kept = before.flatMap((r) => r.messages.filter((m) => !m.fix).map((m) => key(r, m)));
    expect(kept.filter((k) => !left.has(k))).toEqual(['001_c9865a30f4140b8a.txt:15 broken-anchor']);
    expect([...left].filter((k) => !kept.includes(k))).toEqual([]);
    expect(after.flatMap((r) => r.messages).filter((m) => m.ruleId === 'mojibake')).toEqual([]);
  });

  it('changes only the lines of the fixed findings and the mis-encoded ones', () => {
    for (const name of files) {
      const was = readFileSync(path.join(SEEDS, name), 'utf8').split('\n');
      const now = readFileSync(path.join(copy, name), 'utf8').split('\n');
      expect(now.length).toBe(was.length);
      const changed = was.flatMap((line, i) => (line !== now[i] ? [i + 1] : []));
      const fixedLines = before
        .filter((r) => path.basename(r.filePath) === name)
        .flatMap((r) => r.messages.filter((m) => m.fix && m.ruleId !== 'mojibake').map((m) => m.line));
      for (const line of changed) {
        if (fixedLines.includes(line)) continue;
        // Otherwise only mis-encoded text was repaired on the line.
        expect(now[line - 1], `${name}:${line}`).not.toBe(was[line - 1]);
        expect(was[line - 1]).toMatch(/[\u00c0-\u00ff\u2018-\u2122]/u);
      }
    }
  });
});
