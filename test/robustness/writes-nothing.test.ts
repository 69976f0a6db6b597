import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
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

  /** The cache's files under `dir`, its hashed folder names written KEY (16 hex digits) and ENTRY. */
  const cacheFiles = (dir: string) =>
    Object.keys(snapshotTree(dir)).map((entry) =>
      entry.replace(/[0-9a-f]{40}\.facts$/, 'ENTRY').replace(/(?<=^|\/)[0-9a-f]{16}(?=\/|$)/g, 'KEY'),
    );

  it('--cache outside a Node project: nothing in the folder, the cache in the user cache folder', () => {
    const dir = planningFolder();
    const userCache = makeFolder();
    const before = snapshotTree(dir);
    expect(runCli(['--cache', '.'], dir, { XDG_CACHE_HOME: userCache }).code).toBe(1);
    expect(runCli(['--cache', '.'], dir, { XDG_CACHE_HOME: userCache }).code).toBe(1);
    expect(snapshotTree(dir)).toEqual(before);
    // A folder per linted folder, in it one per version and config, an entry per readable document (five of them).
    expect(cacheFiles(userCache)).toEqual([
      'tasklint',
      'tasklint/KEY',
      'tasklint/KEY/KEY',
      ...Array(5).fill('tasklint/KEY/KEY/ENTRY'),
    ]);

    // Without XDG_CACHE_HOME, ~/.cache.
    const home = makeFolder();
    expect(runCli(['--cache', '.'], dir, { XDG_CACHE_HOME: undefined, HOME: home }).code).toBe(1);
    expect(snapshotTree(dir)).toEqual(before);
    expect(cacheFiles(home)).toEqual([
      '.cache',
      '.cache/tasklint',
      '.cache/tasklint/KEY',
      '.cache/tasklint/KEY/KEY',
      ...Array(5).fill('.cache/tasklint/KEY/KEY/ENTRY'),
    ]);
  }, 60_000);

  it('--cache in a Node project: node_modules/.cache/tasklint, nothing else', () => {
    const dir = planningFolder();
    writeFileSync(path.join(dir, 'package.json'), '{ "name": "planning" }\n');
    mkdirSync(path.join(dir, 'node_modules'));
    const userCache = makeFolder();
    const before = snapshotTree(dir);
    expect(runCli(['--cache', '.'], dir, { XDG_CACHE_HOME: userCache }).code).toBe(1);
    const added = cacheFiles(dir).filter((entry) => !(entry in before));
    expect(added).toEqual([
      'node_modules/.cache',
      'node_modules/.cache/tasklint',
      'node_modules/.cache/tasklint/KEY',
      ...Array(5).fill('node_modules/.cache/tasklint/KEY/ENTRY'),
    ]);
    expect(cacheFiles(userCache)).toEqual([]);
  }, 60_000);

  it('--cache-location DIR: the cache there, nothing in the folder', () => {
    const dir = planningFolder();
    const outside = makeFolder();
    const before = snapshotTree(dir);
    expect(runCli(['--cache-location', path.join(outside, 'cache'), '.'], dir).code).toBe(1);
    expect(snapshotTree(dir)).toEqual(before);
    expect(cacheFiles(outside)).toEqual(['cache', 'cache/KEY', ...Array(5).fill('cache/KEY/ENTRY')]);
  });

  it('--no-cache: no cache anywhere, not even the one --hook keeps, whatever else is asked', () => {
    const dir = planningFolder();
    spawnSync('git', ['init', '-q'], { cwd: dir });
    const userCache = makeFolder();
    const outside = makeFolder();
    const before = snapshotTree(dir);
    for (const args of [
      ['--hook', 'tracker.md'],
      ['--cache'],
      ['--cache-location', outside],
      ['--hook', '--cache', 'index.md'],
    ]) {
      const cli = runCli(['--no-cache', ...args], dir, { XDG_CACHE_HOME: userCache });
      expect(cli.code, `${args.join(' ')}\n${cli.stderr}`).toBe(1);
      expect(cli.stdout).toContain('TASK-7');
    }
    expect(snapshotTree(dir)).toEqual(before);
    expect(cacheFiles(userCache)).toEqual([]);
    expect(cacheFiles(outside)).toEqual([]);
    // Without it, the hook keeps its cache (in the user cache folder: this folder is no Node project).
    expect(runCli(['--hook', 'tracker.md'], dir, { XDG_CACHE_HOME: userCache }).code).toBe(1);
    expect(snapshotTree(dir)).toEqual(before);
    expect(cacheFiles(userCache).filter((entry) => entry.endsWith('ENTRY'))).toHaveLength(5);
  }, 60_000);
});
