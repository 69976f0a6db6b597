import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  FileChangeType,
  TextDocumentSyncKind,
  type Diagnostic as LspDiagnostic,
} from 'vscode-languageserver-protocol/node.js';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ruleDocsUrl } from '../../src/package-info.js';
import type { EslintResult } from '../../src/report/json.js';
import { ROOT, runCli } from '../helpers/cli.js';
import { removeFolders, writeFolder } from '../helpers/rule-tester.js';
import { LspClient, uri } from './lsp-client.js';
import { CONFLICT_MESSAGE, CONFLICT_RELATED, INDEX, TRACKER_AGREEING, TRACKER_CONTRADICTING } from './planning.js';

const clients: LspClient[] = [];
afterEach(() => {
  for (const client of clients.splice(0)) client.kill();
});
afterAll(() => {
  removeFolders();
});

async function start(workspace: string) {
  const started = await LspClient.start(workspace);
  clients.push(started.client);
  return started;
}

const conflictIn = (diagnostics: LspDiagnostic[]) => diagnostics.filter((d) => d.code === 'task-status-conflict');

describe('tasklint --lsp', { timeout: 30_000 }, () => {
  it('shows a contradiction typed into one file in the other one too, then clears both when it is undone', async () => {
    const dir = writeFolder({ 'index.md': INDEX, 'tracker.md': TRACKER_AGREEING });
    const index = path.join(dir, 'index.md');
    const tracker = path.join(dir, 'tracker.md');
    const { client, result } = await start(dir);
    expect(result.capabilities.textDocumentSync).toMatchObject({
      openClose: true,
      change: TextDocumentSyncKind.Incremental,
    });
    expect(result.serverInfo?.name).toBe('tasklint');

    await client.open(index, INDEX);
    await client.open(tracker, TRACKER_AGREEING);
    // Typed, not saved: the disk still agrees.
    const text = await client.edit(tracker, TRACKER_AGREEING, '✅ COMPLETE', 'IN PROGRESS');
    expect(text).toBe(TRACKER_CONTRADICTING);
    await client.waitFor(
      () =>
        conflictIn(client.diagnosticsOf(index)).length === 1 && conflictIn(client.diagnosticsOf(tracker)).length === 1,
      'the conflict in both files',
    );

    const [inIndex] = conflictIn(client.diagnosticsOf(index));
    expect(inIndex).toEqual({
      range: { start: { line: 4, character: 2 }, end: { line: 4, character: 8 } },
      severity: 1,
      code: 'task-status-conflict',
      codeDescription: { href: ruleDocsUrl('task-status-conflict') },
      source: 'tasklint',
      message: CONFLICT_MESSAGE,
      relatedInformation: [
        {
          location: { uri: uri(tracker), range: { start: { line: 4, character: 2 }, end: { line: 4, character: 8 } } },
          message: CONFLICT_RELATED,
        },
      ],
    });
    const [inTracker] = conflictIn(client.diagnosticsOf(tracker));
    expect(inTracker).toMatchObject({
      range: { start: { line: 4, character: 2 } },
      severity: 1,
      code: 'task-status-conflict',
      source: 'tasklint',
      codeDescription: { href: ruleDocsUrl('task-status-conflict') },
    });
    expect(inTracker!.message).toBe(`${CONFLICT_RELATED}. At index.md:5: ${CONFLICT_MESSAGE}`);
    expect(inTracker!.relatedInformation).toEqual([
      { location: { uri: uri(index), range: inIndex!.range }, message: CONFLICT_MESSAGE },
    ]);

    await client.edit(tracker, text, 'IN PROGRESS', '✅ COMPLETE');
    await client.waitFor(
      () => client.diagnosticsOf(index).length === 0 && client.diagnosticsOf(tracker).length === 0,
      'both files to clear',
    );
    expect(client.diagnostics.get(uri(index))).toEqual([]);
    expect(client.diagnostics.get(uri(tracker))).toEqual([]);
    expect(await client.stop()).toBe(0);
  });

  it('checks a large document as it is typed (parsed on a thread with a time limit)', async () => {
    // Over 32 KB: the server parses it on a worker thread, as the command line does.
    const notes = Array.from(
      { length: 800 },
      (_, i) => `- Note ${i}: the storage benchmark ran on node ${i % 7}.`,
    ).join('\n');
    const large = `${TRACKER_AGREEING}\n## Notes\n\n${notes}\n`;
    expect(Buffer.byteLength(large)).toBeGreaterThan(32 * 1024);
    const dir = writeFolder({ 'index.md': INDEX, 'tracker.md': large });
    const index = path.join(dir, 'index.md');
    const tracker = path.join(dir, 'tracker.md');
    const { client } = await start(dir);
    await client.open(tracker, large);
    await client.edit(tracker, large, '✅ COMPLETE', 'IN PROGRESS');
    await client.waitFor(
      () =>
        conflictIn(client.diagnosticsOf(index)).length === 1 && conflictIn(client.diagnosticsOf(tracker)).length === 1,
      'the conflict in both files',
    );
    expect(conflictIn(client.diagnosticsOf(index))[0]!.message).toBe(CONFLICT_MESSAGE);
    expect(await client.stop()).toBe(0);
  });

  it('picks up files changed, deleted and created on disk', async () => {
    const dir = writeFolder({ 'index.md': INDEX, 'tracker.md': TRACKER_AGREEING, '.gitignore': 'drafts/\n' });
    const index = path.join(dir, 'index.md');
    const tracker = path.join(dir, 'tracker.md');
    const { client } = await start(dir);
    await client.open(index, INDEX);

    // Created where .gitignore excludes it: not part of the planning folder, as on the command line.
    const draft = path.join(dir, 'drafts', 'tracker.md');
    mkdirSync(path.dirname(draft));
    writeFileSync(draft, TRACKER_CONTRADICTING);
    await client.savedOnDisk(draft, FileChangeType.Created);
    writeFileSync(tracker, TRACKER_CONTRADICTING);
    await client.savedOnDisk(tracker);
    await client.waitFor(
      () =>
        conflictIn(client.diagnosticsOf(index)).length === 1 && conflictIn(client.diagnosticsOf(tracker)).length === 1,
      'the conflict in both files after tracker.md was saved',
    );
    expect(JSON.stringify(client.diagnosticsOf(index))).not.toContain('drafts');
    expect(client.diagnostics.has(uri(draft))).toBe(false);

    // Deleted: the contradiction goes, and index.md's link to it breaks.
    rmSync(tracker);
    await client.savedOnDisk(tracker, FileChangeType.Deleted);
    await client.waitFor(
      () =>
        client
          .diagnosticsOf(index)
          .map((d) => d.code)
          .join() === 'broken-link' && client.diagnosticsOf(tracker).length === 0,
      'only the broken link after tracker.md was deleted',
    );
    expect(client.diagnosticsOf(index)[0]!.message).toContain('./tracker.md');
    expect(client.diagnostics.get(uri(tracker))).toEqual([]);

    writeFileSync(tracker, TRACKER_AGREEING);
    await client.savedOnDisk(tracker, FileChangeType.Created);
    await client.waitFor(() => client.diagnosticsOf(index).length === 0, 'index.md to clear once tracker.md is back');
    expect(await client.stop()).toBe(0);
  });

  it('a .gitignore created in a subfolder takes what it ignores out of the planning folder', async () => {
    const dir = writeFolder({
      'index.md': INDEX,
      'tracker.md': TRACKER_AGREEING,
      'drafts/tracker.md': TRACKER_CONTRADICTING,
    });
    const index = path.join(dir, 'index.md');
    const draft = path.join(dir, 'drafts', 'tracker.md');
    const { client } = await start(dir);
    await client.open(index, INDEX);
    await client.waitFor(
      () =>
        conflictIn(client.diagnosticsOf(index)).length === 1 && conflictIn(client.diagnosticsOf(draft)).length === 1,
      'the conflict with the draft',
    );

    const gitignore = path.join(dir, 'drafts', '.gitignore');
    writeFileSync(gitignore, 'tracker.md\n');
    await client.savedOnDisk(gitignore, FileChangeType.Created);
    await client.waitFor(
      () => conflictIn(client.diagnosticsOf(index)).length === 0 && client.diagnosticsOf(draft).length === 0,
      'the draft to leave the folder',
    );
    expect(client.diagnostics.get(uri(draft))).toEqual([]);
    // As the command line sees it.
    expect(runCli(['--format', 'json', '.'], dir).stdout).not.toContain('drafts');
    expect(await client.stop()).toBe(0);
  });

  it('shows every finding the command line prints for the examples folder, at each of its places', async () => {
    const examples = path.join(ROOT, 'examples');
    const cli = runCli(['--format', 'json', '.'], examples);
    expect(cli.stderr).toBe('');
    const findings = (JSON.parse(cli.stdout) as EslintResult[]).flatMap((result) =>
      result.messages.map((message) => ({ file: result.filePath, ...message })),
    );
    expect(findings.length).toBeGreaterThan(0);
    const expected =
      findings.length + findings.reduce((sum, f) => sum + f.related.filter((r) => r.filePath !== f.file).length, 0);

    const { client } = await start(examples);
    const all = () => [...client.diagnostics.entries()].flatMap(([file, list]) => list.map((d) => ({ file, ...d })));
    await client.waitFor(() => all().length >= expected, `${expected} diagnostics`);
    expect(all()).toHaveLength(expected);
    for (const finding of findings) {
      const shown = client.diagnosticsOf(finding.file);
      expect(shown, `${finding.file}:${finding.line} ${finding.message}`).toContainEqual(
        expect.objectContaining({
          code: finding.ruleId,
          message: finding.message,
          range: {
            start: { line: finding.line - 1, character: finding.column - 1 },
            end: { line: finding.endLine - 1, character: finding.endColumn - 1 },
          },
          severity: finding.severity === 2 ? 1 : 2,
        }),
      );
      for (const related of finding.related.filter((r) => r.filePath !== finding.file)) {
        const mirrored = client
          .diagnosticsOf(related.filePath)
          .find(
            (d) =>
              d.code === finding.ruleId &&
              d.range.start.line === related.line - 1 &&
              d.message.endsWith(finding.message),
          );
        expect(mirrored, `${related.filePath}:${related.line} for ${finding.message}`).toBeDefined();
        expect(mirrored!.relatedInformation![0]!.location.uri).toBe(uri(finding.file));
      }
    }
    expect(await client.stop()).toBe(0);
  });

  it('reports an invalid config to the user and keeps running', async () => {
    const dir = writeFolder({ 'index.md': INDEX, '.tasklintrc.json': '{ "rules": { "no-such-rule": "error" } }' });
    const { client } = await start(dir);
    await client.open(path.join(dir, 'index.md'), INDEX);
    const said = () => client.serverMessages.some((message) => message.includes('no-such-rule: unknown rule'));
    await new Promise<void>((resolve, reject) => {
      const deadline = Date.now() + 15_000;
      const poll = (): void => {
        if (said()) resolve();
        else if (Date.now() > deadline) reject(new Error(client.serverMessages.join('\n')));
        else setTimeout(poll, 50);
      };
      poll();
    });
    expect(client.serverMessages.join('\n')).not.toMatch(/\n\s+at /);

    // Fixed on disk: the server reads the config again and lints.
    writeFileSync(path.join(dir, '.tasklintrc.json'), '{ "rules": { "task-status-conflict": "warn" } }');
    writeFileSync(path.join(dir, 'tracker.md'), TRACKER_CONTRADICTING);
    await client.savedOnDisk(path.join(dir, '.tasklintrc.json'));
    await client.waitFor(
      () => conflictIn(client.diagnosticsOf(path.join(dir, 'index.md'))).length === 1,
      'the conflict once the config is fixed',
    );
    expect(conflictIn(client.diagnosticsOf(path.join(dir, 'index.md')))[0]!.severity).toBe(2);
    expect(await client.stop()).toBe(0);
  });
  it('warns of a done task whose file is missing, as it is typed, and clears it once the file is written', async () => {
    const tasks = '# Tasks\n\n## Phase 1: Setup\n\n- [x] T001 Create User model in src/models/user.py\n';
    const dir = writeFolder({ 'src/models/base.py': '', 'specs/001-accounts/tasks.md': tasks });
    const file = path.join(dir, 'specs/001-accounts/tasks.md');
    const { client } = await start(dir);
    await client.open(file, tasks);
    const missing = () =>
      client
        .diagnosticsOf(file)
        .filter((d) => d.code === 'done-task-missing-file')
        .map((d) => /the file it names, (\S+), does not exist/.exec(d.message)?.[1]);
    await client.waitFor(() => missing().join() === 'src/models/user.py', 'the missing user model');

    // A task typed, not saved: its file is looked up too.
    await client.edit(file, tasks, 'user.py\n', 'user.py\n- [x] Create Role model in src/models/role.py\n');
    await client.waitFor(() => missing().join() === 'src/models/user.py,src/models/role.py', 'the role model too');

    const user = path.join(dir, 'src/models/user.py');
    writeFileSync(user, 'class User: ...\n');
    await client.savedOnDisk(user, FileChangeType.Created);
    await client.waitFor(
      () => missing().join() === 'src/models/role.py',
      'only the role model once user.py is written',
    );
    expect(await client.stop()).toBe(0);
  });
});
