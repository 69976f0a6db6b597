import path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic as LspDiagnostic, TextEdit } from 'vscode-languageserver-protocol/node.js';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { removeFolders, writeFolder } from '../helpers/rule-tester.js';
import { LspClient, uri } from './lsp-client.js';
import { INDEX, TRACKER_CONTRADICTING } from './planning.js';

const clients: LspClient[] = [];
afterEach(() => {
  for (const client of clients.splice(0)) client.kill();
});
afterAll(() => {
  removeFolders();
});

async function start(workspace: string): Promise<LspClient> {
  const { client, result } = await LspClient.start(workspace);
  clients.push(client);
  expect(result.capabilities.codeActionProvider).toEqual({ codeActionKinds: ['quickfix', 'source.fixAll.tasklint'] });
  return client;
}

const PLAN =
  '# Plan\n\n## Release Tasks (5 tasks)\n\n| Task ID | Description | Status |\n|---|---|---|\n| TASK-11 | Tag | Pending |\n| TASK-12 | Publish | Pending |\n| TASK-13 | Announce | Pending |\n| TASK-14 | Archive | Pending |\n\n- Progress: 20% (1/4 tasks)\n';

/** Applies a code action's edits to the text of one document, as an editor does. */
function applied(text: string, action: CodeAction, file: string): string {
  const edits: TextEdit[] = action.edit?.changes?.[uri(file)] ?? [];
  return TextDocument.applyEdits(TextDocument.create(uri(file), 'markdown', 1, text), edits);
}

const of = (diagnostics: LspDiagnostic[], rule: string) => diagnostics.filter((d) => d.code === rule);

describe('tasklint --lsp code actions', { timeout: 30_000 }, () => {
  it("offers a finding's fix as the preferred quick fix; applied, the finding goes", async () => {
    const dir = writeFolder({ 'plan.md': PLAN });
    const plan = path.join(dir, 'plan.md');
    const client = await start(dir);
    await client.open(plan, PLAN);
    await client.waitFor(() => of(client.diagnosticsOf(plan), 'count-mismatch').length === 1, 'the count finding');
    const [count] = of(client.diagnosticsOf(plan), 'count-mismatch');
    const actions = await client.codeActions(plan, count!.range, [count!]);
    expect(actions).toHaveLength(1);
    expect(actions[0]).toMatchObject({
      kind: 'quickfix',
      isPreferred: true,
      title: expect.stringMatching(/^Fix: "5 tasks" is stated here/),
    });
    const fixed = applied(PLAN, actions[0]!, plan);
    expect(fixed).toBe(PLAN.replace('(5 tasks)', '(4 tasks)'));
    await client.change(plan, fixed);
    await client.waitFor(() => of(client.diagnosticsOf(plan), 'count-mismatch').length === 0, 'the count finding gone');
    expect(of(client.diagnosticsOf(plan), 'percent-mismatch')).toHaveLength(1);
  });

  it('source.fixAll.tasklint applies every fix of the file at once', async () => {
    const dir = writeFolder({ 'plan.md': PLAN });
    const plan = path.join(dir, 'plan.md');
    const client = await start(dir);
    await client.open(plan, PLAN);
    await client.waitFor(() => client.diagnosticsOf(plan).length === 2, 'both findings');
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    // Not offered unless asked for by kind, as ESLint's.
    expect((await client.codeActions(plan, range, [])).filter((a) => a.kind === 'source.fixAll.tasklint')).toEqual([]);
    const [fixAll] = await client.codeActions(plan, range, [], ['source.fixAll']);
    expect(fixAll).toMatchObject({ kind: 'source.fixAll.tasklint' });
    const fixed = applied(PLAN, fixAll!, plan);
    expect(fixed).toBe(PLAN.replace('(5 tasks)', '(4 tasks)').replace('20% (1/4', '25% (1/4'));
    await client.change(plan, fixed);
    await client.waitFor(() => client.diagnosticsOf(plan).length === 0, 'no findings left');
  });

  it('offers a status conflict as two suggestions; one applied in the other file clears the finding in both', async () => {
    const dir = writeFolder({ 'index.md': INDEX, 'tracker.md': TRACKER_CONTRADICTING });
    const index = path.join(dir, 'index.md');
    const tracker = path.join(dir, 'tracker.md');
    const client = await start(dir);
    await client.open(index, INDEX);
    await client.open(tracker, TRACKER_CONTRADICTING);
    const conflictIn = (file: string) => of(client.diagnosticsOf(file), 'task-status-conflict');
    await client.waitFor(
      () => conflictIn(index).length === 1 && conflictIn(tracker).length === 1,
      'the conflict in both files',
    );
    const [inIndex] = conflictIn(index);
    const actions = await client.codeActions(index, inIndex!.range, [inIndex!]);
    expect(actions.map((a) => [a.kind, a.title, a.isPreferred])).toEqual([
      ['quickfix', 'Make this place say "IN PROGRESS", as tracker.md:5 does', undefined],
      ['quickfix', 'Make tracker.md:5 say "COMPLETE", as this place does', undefined],
    ]);
    // The second edits the tracker: the index's finding goes too.
    expect(Object.keys(actions[1]!.edit!.changes!)).toEqual([uri(tracker)]);
    const fixed = applied(TRACKER_CONTRADICTING, actions[1]!, tracker);
    expect(fixed).toContain('| TASK-1 | Set up storage | COMPLETE |');
    await client.change(tracker, fixed);
    await client.waitFor(
      () => conflictIn(index).length === 0 && conflictIn(tracker).length === 0,
      'the conflict gone from both files',
    );
  });

  it('fixes a progress figure that links to its task list, and offers one matched by name alone as a suggestion', async () => {
    const rows = Array.from({ length: 8 }, (_, i) => `| HPC-${i + 1} | Step | ${i < 6 ? 'COMPLETE' : 'Pending'} |`);
    const files = {
      'hpc.md': `# HPC SLURM Deployment\n\n| Task ID | Description | Status |\n|---|---|---|\n${rows.join('\n')}\n`,
      'tracker.md':
        '# Tracker\n\n## HPC SLURM Deployment\n\n**Status:** 50% Complete (4/8 tasks)\n\n**Reference:** [hpc.md](./hpc.md)\n',
      'notes.md': '# Notes\n\n## HPC SLURM Deployment\n\n**Status:** 5/8 tasks complete\n',
    };
    const dir = writeFolder(files);
    const tracker = path.join(dir, 'tracker.md');
    const notes = path.join(dir, 'notes.md');
    const client = await start(dir);
    await client.open(tracker, files['tracker.md']);
    await client.open(notes, files['notes.md']);
    const progressIn = (file: string) => of(client.diagnosticsOf(file), 'progress-conflict');
    await client.waitFor(
      () => progressIn(tracker).length === 1 && progressIn(notes).length === 1,
      'a progress finding in each file',
    );
    const [inTracker] = progressIn(tracker);
    const trackerActions = await client.codeActions(tracker, inTracker!.range, [inTracker!]);
    expect(trackerActions.map((a) => [a.title.split(':')[0], a.isPreferred])).toEqual([['Fix', true]]);
    const fixed = applied(files['tracker.md'], trackerActions[0]!, tracker);
    expect(fixed).toBe(files['tracker.md'].replace('50% Complete (4/8', '75% Complete (6/8'));
    const [inNotes] = progressIn(notes);
    const notesActions = await client.codeActions(notes, inNotes!.range, [inNotes!]);
    expect(notesActions.map((a) => [a.title, a.isPreferred])).toEqual([
      ['Make this place say 6/8, as its task list at hpc.md:5 counts', undefined],
    ]);
    const suggested = applied(files['notes.md'], notesActions[0]!, notes);
    expect(suggested).toBe(files['notes.md'].replace('5/8', '6/8'));
    await client.change(tracker, fixed);
    await client.change(notes, suggested);
    await client.waitFor(
      () => client.diagnosticsOf(tracker).length === 0 && client.diagnosticsOf(notes).length === 0,
      'no findings left in either file',
    );
  });
});
