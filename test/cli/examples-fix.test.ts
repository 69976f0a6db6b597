import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';

/** The files `tasklint --fix examples/` changes, as they must read after it; every other file stays as it is. */
const EXPECTED = path.join(ROOT, 'test', 'fixtures', 'examples-fixed');

function filesUnder(dir: string, base = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full, base) : [path.relative(base, full).split(path.sep).join('/')];
  });
}

describe('tasklint --fix examples/ on a copy', () => {
  const copy = mkdtempSync(path.join(tmpdir(), 'tasklint-examples-fix-'));
  afterAll(() => {
    rmSync(copy, { recursive: true, force: true });
  });
  cpSync(path.join(ROOT, 'examples'), copy, { recursive: true });
  const fix = runCli(['--fix', '.'], copy);

  it('fixes the derived numbers, the anchor and the mojibake, file by file as expected, and nothing else', () => {
    expect(fix.stderr).toBe('');
    const expected = new Set(filesUnder(EXPECTED));
    for (const file of filesUnder(path.join(ROOT, 'examples'))) {
      const want = expected.has(file)
        ? readFileSync(path.join(EXPECTED, file))
        : readFileSync(path.join(ROOT, 'examples', file));
      expect(readFileSync(path.join(copy, file)).equals(want), file).toBe(true);
    }
    expect(filesUnder(copy).sort()).toEqual(filesUnder(path.join(ROOT, 'examples')).sort());
  });

  it('leaves only findings that need a person, and a second --fix changes nothing', () => {
    const results = JSON.parse(runCli(['-f', 'json', '.'], copy).stdout) as {
      filePath: string;
      messages: { ruleId: string; line: number; fix?: unknown }[];
    }[];
    const messages = results.flatMap((result) =>
      result.messages.map((m) => ({ ...m, file: path.relative(copy, result.filePath) })),
    );
    expect(messages.filter((m) => m.fix)).toEqual([]);
    const left = new Set(messages.map((m) => m.ruleId));
    const derived = [
      'count-mismatch',
      'percent-mismatch',
      'total-mismatch',
      'duration-mismatch',
      'summary-count-mismatch',
      'mojibake',
      'broken-anchor',
    ];
    // A range of hours, a metric table's total over its status rows and a count beside a range of
    // IDs (the count or the range may be wrong) have no one derived value.
    expect(messages.filter((m) => derived.includes(m.ruleId)).map((m) => `${m.file}:${m.line} ${m.ruleId}`)).toEqual([
      'phase-8-hardening.md:5 duration-mismatch',
      'status-report.md:23 total-mismatch',
      'validation-plan.md:26 count-mismatch',
    ]);
    // The status line of phase-1-storage.md and the README line that links to it now count what
    // its table marks done; a row bound by its name alone, with Pending cells counted from the
    // same tasks, and two figures of one stream with no task list are left to a person.
    expect(messages.filter((m) => m.ruleId === 'progress-conflict').map((m) => `${m.file}:${m.line}`)).toEqual([
      'README.md:16',
      'status-report.md:14',
    ]);
    // A status contradiction, a missing file with no candidate: a person decides.
    expect(left.has('task-status-conflict')).toBe(true);
    expect(left.has('broken-link')).toBe(true);
    const again = runCli(['--fix-dry-run', '.'], copy);
    expect(again.stdout).not.toContain('--- a/');
  });
});
