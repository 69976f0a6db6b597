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
| TASK-036 | Packer tests | Pending |
| TASK-037 | Makefile update | ✅ COMPLETE |
| TASK-041 | Storage role | ✅ COMPLETE |
`;

const phase = (status: string, dependencies: string): string =>
  `# Phase 4\n\n### Task 041: Replace the storage role\n\n**Status**: ${status}\n**Dependencies**: ${dependencies}\n`;

/** Each edit, then what the editor shows must be what a full run from scratch shows. */
describe('the language server after edits to a short task heading and a ranged dependency', () => {
  it('agrees with a full run', async () => {
    const dir = writeFolder({ 'index.md': index, 'phase.md': phase('✅ DONE', 'TASK-035-037') });
    const workspace = await PlanningWorkspace.load(dir);
    const found = async (): Promise<string[]> => {
      const { diagnostics } = await workspace.lintChanges();
      expect(diagnostics).toEqual(await workspace.lintFromScratch());
      return diagnostics.map((d) => `${d.ruleId} ${d.message.split(' ')[0]!}`);
    };
    expect(await found()).toEqual(['dependency-not-done TASK-041']);

    // The range no longer reaches the open task.
    await workspace.setText(path.join(dir, 'phase.md'), phase('✅ DONE', 'TASK-037-041'));
    expect(await found()).toEqual([]);

    // The block now states another status than the index.
    await workspace.setText(path.join(dir, 'phase.md'), phase('❌ PENDING', 'TASK-037'));
    expect(await found()).toEqual(['task-status-conflict TASK-041']);

    // The index writes its tasks in another scheme: "041" is of that one now.
    await workspace.setText(path.join(dir, 'index.md'), index.replaceAll('TASK-', 'CLOUD-'));
    expect(await found()).toEqual(['task-status-conflict CLOUD-041']);

    // Two schemes fit "041": it names neither.
    await workspace.setText(path.join(dir, 'index.md'), `${index}| CLOUD-040 | Cloud | Pending |\n`);
    expect(await found()).toEqual([]);
  });
});

describe('the language server after an edit that defines a task inside a counted range', () => {
  it('counts it, as a full run does', async () => {
    const tracker =
      '# Tracker\n\n| Task ID | Title |\n|---|---|\n| TASK-040 | A |\n| TASK-041 | B |\n| TASK-042 | C |\n';
    const dir = writeFolder({ 'tracker.md': tracker, 'plan.md': '# Plan\n\n- Validate (3 tasks: 040-042)\n' });
    const workspace = await PlanningWorkspace.load(dir);
    const found = async (): Promise<string[]> => {
      const { diagnostics } = await workspace.lintChanges();
      expect(diagnostics).toEqual(await workspace.lintFromScratch());
      return diagnostics.filter((d) => d.ruleId === 'count-mismatch').map((d) => d.message);
    };
    expect(await found()).toEqual([]);

    await workspace.setText(path.join(dir, 'tracker.md'), `${tracker}| TASK-040.1 | A mirror |\n`);
    expect(await found()).toEqual([
      '"3 tasks" is stated here, but 040-042 names 4 tasks the folder defines: TASK-040, TASK-040.1, TASK-041, TASK-042.',
    ]);
  });
});
