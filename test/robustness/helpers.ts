import { readdirSync, readFileSync, lstatSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
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

/** Temporary planning folders, made and removed as the rule tests do. */
export { writeFolder as makeFolder, removeFolders } from '../helpers/rule-tester.js';

export function describeDiagnostic(dir: string, d: Diagnostic): string {
  return `${path.relative(dir, d.file)}:${d.range.start.line} ${d.ruleId} ${d.message}`;
}

/** The rest of the folder was linted: the TASK-7 contradiction is reported at both its places. */
export function expectContradictionFound(dir: string, result: LintResult): void {
  const conflict = result.diagnostics.find((d) => d.ruleId === 'task-status-conflict' && d.message.includes('TASK-7'));
  expect(conflict, result.diagnostics.map((d) => describeDiagnostic(dir, d)).join('\n')).toBeDefined();
  const places = [conflict!.file, ...conflict!.related.map((r) => r.file)].map((file) => path.relative(dir, file)).sort();
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
      } else snapshot[relative] = `file ${stat.mode.toString(8)} ${stat.mtimeMs} ${readFileSync(file).toString('base64')}`;
    }
  };
  walk(dir);
  return snapshot;
}
