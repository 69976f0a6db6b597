import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PlanningWorkspace } from '../../src/lsp/workspace.js';
import { removeFolders, writeFolder } from '../helpers/rule-tester.js';

afterAll(() => {
  removeFolders();
});

const index = `# Task List Index

| Task ID | Description | Status |
|---------|-------------|--------|
| TASK-035 | Runtime framework | ✅ COMPLETE |
| TASK-037 | Makefile update | ✅ COMPLETE |
`;

/** Each edit, then what the editor shows must be what a full run from scratch shows. */
describe('the language server after edits that change what a range names', () => {
  it('agrees with a full run when a range’s line or the IDs defined inside it change', async () => {
    const dir = writeFolder({ 'index.md': index, 'summary.md': '# Summary\n\n**Pending**: Tasks 035-037\n' });
    const workspace = await PlanningWorkspace.load(dir);
    const statuses = async (): Promise<string[]> => {
      const { diagnostics } = await workspace.lintChanges();
      expect(diagnostics).toEqual(await workspace.lintFromScratch());
      return diagnostics.filter((d) => d.ruleId === 'task-status-conflict').map((d) => d.message.split(' ')[0]!);
    };
    expect(await statuses()).toEqual(['TASK-035', 'TASK-037']);

    // A task defined inside the range is named by it.
    await workspace.setText(
      path.join(dir, 'index.md'),
      index.replace('| TASK-037', '| TASK-036 | Packer tests | ✅ COMPLETE |\n| TASK-037'),
    );
    expect(await statuses()).toEqual(['TASK-035', 'TASK-036', 'TASK-037']);

    // The summary line now agrees.
    await workspace.setText(path.join(dir, 'summary.md'), '# Summary\n\n**Completed**: Tasks 035-037\n');
    expect(await statuses()).toEqual([]);

    // An edit that defines no other IDs: the range is resolved again in place.
    await workspace.setText(path.join(dir, 'summary.md'), '# Summary\n\nOnly Task 036 remains pending.\n');
    expect(await statuses()).toEqual(['TASK-036']);

    // The range's end is no longer defined: it names nothing.
    await workspace.setText(path.join(dir, 'summary.md'), '# Summary\n\n- Tasks 035-039 NOT started\n');
    expect(await statuses()).toEqual([]);
  });
});
