import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { lint } from '../../src/lint.js';
import {
  CONTRADICTING_FILES,
  describeDiagnostic,
  expectContradictionFound,
  findingsIn,
  makeFolder,
  removeFolders,
} from './helpers.js';

/** Files to delete the moment discovery has listed them, before the read stage gets to them. */
const deleteAfterDiscovery: string[] = [];

vi.mock('../../src/discover.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/discover.js')>();
  return {
    ...actual,
    discover: async (...args: Parameters<typeof actual.discover>) => {
      const discovery = await actual.discover(...args);
      for (const file of deleteAfterDiscovery.splice(0)) rmSync(file);
      return discovery;
    },
  };
});

afterAll(removeFolders);

describe('a file deleted between discovery and reading', () => {
  it('is reported as gone, and the rest of the folder is linted', async () => {
    const dir = makeFolder({
      ...CONTRADICTING_FILES,
      'phase-5.md': '# Phase 5\n\n- **TASK-7** - Fix storage driver (IN PROGRESS)\n',
    });
    deleteAfterDiscovery.push(path.join(dir, 'phase-5.md'));
    const result = await lint({ cwd: dir });
    expect(result.files.map((file) => path.basename(file))).toEqual(['index.md', 'phase-5.md', 'tracker.md']);
    const findings = findingsIn(dir, result, 'phase-5.md');
    expect(findings.map((d) => describeDiagnostic(dir, d))).toEqual([
      'phase-5.md:1 unreadable-file File disappeared before it could be read (it was deleted or renamed during the run); it was skipped.',
    ]);
    expectContradictionFound(dir, result);
  });
});
