import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, readdirSync, readFileSync, lstatSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { CLI, ROOT } from '../helpers/cli.js';
import { writeFolder } from '../helpers/rule-tester.js';
import type { LintResult } from '../../src/lint.js';
import type { Diagnostic } from '../../src/types.js';

/** A tracker and an index that contradict each other on TASK-7: the finding every hostile folder must still produce. */
export const CONTRADICTING_FILES = {
  'tracker.md': `# Active Work

## Phase 2: Storage

| Task ID | Description | Priority | Duration | Status |
|---------|-------------|----------|----------|--------|
| TASK-7 | Fix storage driver | HIGH | 4 hrs | ⚠️ IN PROGRESS |
| TASK-8 | Benchmark storage | HIGH | 2 hrs | Pending |
`,
  'index.md': '# Index\n\n- **TASK-7** - Fix storage driver ✅ COMPLETE\n',
};

/** The user the permission tests run the CLI as when they run as root, who reads through any permission. */
export const OTHER_USER = { uid: 65534, gid: 65534 };

function otherUserCanRun(cli: string): boolean {
  return spawnSync(process.execPath, [cli, '--version'], { ...OTHER_USER, cwd: '/', stdio: 'ignore' }).status === 0;
}

/**
 * The built CLI at a path OTHER_USER can run: this checkout's, or else a copy of what the CLI
 * needs (its package.json, schema, dist/ and production dependencies) in a temporary folder,
 * since a checkout in a private folder (root's home is one) is closed to every other user.
 */
export function cliForOtherUser(): { cli: string } | { skip: string } {
  if (otherUserCanRun(CLI)) return { cli: CLI };
  const copy = writeFolder();
  chmodSync(copy, 0o755);
  const listed = spawnSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], { cwd: ROOT, encoding: 'utf8' });
  const dependencies = listed.stdout.split('\n').filter((dir) => dir && dir !== ROOT);
  for (const part of ['package.json', 'schema.json', 'dist', ...dependencies.map((dir) => path.relative(ROOT, dir))]) {
    cpSync(path.join(ROOT, part), path.join(copy, part), { recursive: true });
  }
  const cli = path.join(copy, path.relative(ROOT, CLI));
  if (otherUserCanRun(cli)) return { cli };
  return {
    skip: 'skipped: another user can read neither this checkout nor a copy of tasklint in the temporary folder, so file permissions cannot be tested as root',
  };
}

/** Temporary planning folders, made and removed as the rule tests do. */
export { writeFolder as makeFolder, removeFolders } from '../helpers/rule-tester.js';

export function describeDiagnostic(dir: string, d: Diagnostic): string {
  return `${path.relative(dir, d.file)}:${d.range.start.line} ${d.ruleId} ${d.message}`;
}

/** The rest of the folder was linted: the TASK-7 contradiction is reported at both its places. */
export function expectContradictionFound(dir: string, result: LintResult): void {
  const conflict = result.diagnostics.find((d) => d.ruleId === 'task-status-conflict' && d.message.includes('TASK-7'));
  expect(conflict, result.diagnostics.map((d) => describeDiagnostic(dir, d)).join('\n')).toBeDefined();
  const places = [conflict!.file, ...conflict!.related.map((r) => r.file)]
    .map((file) => path.relative(dir, file))
    .sort();
  expect(places).toEqual(['index.md', 'tracker.md']);
}

/** The findings `lint` reported on one file. */
export function findingsIn(dir: string, result: LintResult, name: string): Diagnostic[] {
  return result.diagnostics.filter((d) => path.relative(dir, d.file) === name);
}

/** Every entry under `dir` with its type, mode and bytes (or link target): to compare before and after a run. */
export function snapshotTree(dir: string): Record<string, string> {
  const snapshot: Record<string, string> = {};
  const walk = (current: string) => {
    for (const name of readdirSync(current).sort()) {
      const file = path.join(current, name);
      const relative = path.relative(dir, file);
      const stat = lstatSync(file);
      if (stat.isSymbolicLink()) snapshot[relative] = `link ${readlinkSync(file)}`;
      else if (stat.isDirectory()) {
        snapshot[relative] = `dir ${stat.mode.toString(8)}`;
        walk(file);
      } else
        snapshot[relative] = `file ${stat.mode.toString(8)} ${stat.mtimeMs} ${readFileSync(file).toString('base64')}`;
    }
  };
  walk(dir);
  return snapshot;
}
