import { symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lint } from '../../src/lint.js';
import { runCli } from '../helpers/cli.js';
import { CONTRADICTING_FILES, makeFolder, removeFolders, snapshotTree } from './helpers.js';

afterAll(removeFolders);

/** A folder with a little of everything tasklint reads, including what it cannot. */
function planningFolder(): string {
  const dir = makeFolder({
    ...CONTRADICTING_FILES,
    'archive/2024.md': '# Archive\n\n- [x] TASK-1 Done long ago\n',
    'notes.txt': 'not Markdown',
    'utf16.md': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('# Hi\n\n[gone](./missing.md)\n', 'utf16le')]),
    'binary.md': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]),
    '.tasklintrc.json': '{ "rules": { "broken-link": "warn" } }',
  });
  symlinkSync('loop.md', path.join(dir, 'loop.md'));
  return dir;
}

describe('tasklint writes nothing but its cache and its --output-file', () => {
  it('the linted folder is byte-identical after a run (API and CLI, every format)', async () => {
    const dir = planningFolder();
    const before = snapshotTree(dir);
    const result = await lint({ cwd: dir });
    expect(result.errorCount).toBeGreaterThan(0);
    for (const format of ['stylish', 'json', 'sarif', 'github']) {
      const cli = runCli(['--format', format, '.'], dir);
      expect(cli.code, cli.stderr).toBe(1);
    }
    expect(runCli(['facts', '.'], dir).code).toBe(0);
    expect(snapshotTree(dir)).toEqual(before);
    // Six CLI runs: a limit for a hang, not a timing.
  }, 60_000);

  it('--output-file adds that file and nothing else', () => {
    const dir = planningFolder();
    const before = snapshotTree(dir);
    expect(runCli(['--format', 'json', '--output-file', 'report.json', '.'], dir).code).toBe(1);
    const after = snapshotTree(dir);
    expect(Object.keys(after).filter((entry) => !(entry in before))).toEqual(['report.json']);
    delete after['report.json'];
    expect(after).toEqual(before);
  });

  it('--cache adds its cache file and nothing else, in the folder or outside it', () => {
    const dir = planningFolder();
    const before = snapshotTree(dir);
    expect(runCli(['--cache', '.'], dir).code).toBe(1);
    expect(runCli(['--cache', '.'], dir).code).toBe(1);
    const after = snapshotTree(dir);
    const added = Object.keys(after).filter((entry) => !(entry in before));
    // The cache: a folder per version and config, an entry per readable document (five of them).
    expect(added.map((entry) => entry.replace(/[0-9a-f]{16}/, 'KEY').replace(/[0-9a-f]{40}\.facts$/, 'ENTRY'))).toEqual([
      'node_modules',
      'node_modules/.cache',
      'node_modules/.cache/tasklint',
      'node_modules/.cache/tasklint/KEY',
      ...Array(5).fill('node_modules/.cache/tasklint/KEY/ENTRY'),
    ]);
    const outside = makeFolder();
    const beforeOutside = snapshotTree(dir);
    expect(runCli(['--cache-location', path.join(outside, 'cache'), '.'], dir).code).toBe(1);
    expect(snapshotTree(dir)).toEqual(beforeOutside);
    expect(Object.keys(snapshotTree(outside)).filter((entry) => entry.endsWith('.facts'))).toHaveLength(5);
    expect(Object.keys(snapshotTree(outside)).every((entry) => entry.startsWith('cache'))).toBe(true);
  }, 60_000);
});
