import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic as LspDiagnostic } from 'vscode-languageserver-protocol/node.js';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { CLI, runCli } from '../helpers/cli.js';
import { removeFolders, writeFolder } from '../helpers/rule-tester.js';
import { LspClient } from './lsp-client.js';
import { CONFLICT_MESSAGE, INDEX, TRACKER_AGREEING, TRACKER_CONTRADICTING } from './planning.js';

const clients: LspClient[] = [];
afterEach(() => {
  for (const client of clients.splice(0)) client.kill();
});
afterAll(() => {
  removeFolders();
});

/** The server as an editor starts it, with the user's cache folder at `cacheHome`. */
async function start(workspace: string, cacheHome: string, args: string[] = ['--lsp']) {
  const { client } = await LspClient.startCommand(process.execPath, [CLI, ...args], workspace, {
    env: { ...process.env, XDG_CACHE_HOME: cacheHome },
  });
  clients.push(client);
  return client;
}

const conflictIn = (diagnostics: LspDiagnostic[]) => diagnostics.filter((d) => d.code === 'task-status-conflict');

/** Every cache entry under the user's cache folder. */
function entries(cacheHome: string): string[] {
  const base = path.join(cacheHome, 'tasklint');
  if (!existsSync(base)) return [];
  return readdirSync(base, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.facts'));
}

describe('tasklint --lsp opens from the cache', { timeout: 60_000 }, () => {
  it('shows the findings of a folder linted with --cache before, and keeps the cache for the next run', async () => {
    const dir = writeFolder({ 'index.md': INDEX, 'tracker.md': TRACKER_CONTRADICTING });
    const cacheHome = writeFolder();
    expect(runCli(['--cache', '.'], dir, { XDG_CACHE_HOME: cacheHome }).code).toBe(1);
    const written = entries(cacheHome);
    expect(written).toHaveLength(2);

    const client = await start(dir, cacheHome);
    const index = path.join(dir, 'index.md');
    const tracker = path.join(dir, 'tracker.md');
    await client.waitFor(
      () =>
        conflictIn(client.diagnosticsOf(index)).length === 1 && conflictIn(client.diagnosticsOf(tracker)).length === 1,
      'the conflict in both files',
    );
    expect(conflictIn(client.diagnosticsOf(index))[0]!.message).toBe(CONFLICT_MESSAGE);
    expect(entries(cacheHome)).toEqual(written);
  });

  it('reads again a file changed on disk since the cache was written, not its stored facts', async () => {
    const dir = writeFolder({ 'index.md': INDEX, 'tracker.md': TRACKER_CONTRADICTING });
    const cacheHome = writeFolder();
    expect(runCli(['--cache', '.'], dir, { XDG_CACHE_HOME: cacheHome }).code).toBe(1);
    // Fixed outside the editor: the conflict is gone.
    writeFileSync(path.join(dir, 'tracker.md'), TRACKER_AGREEING);
    // And a new one, which only a fresh read of the index can show.
    writeFileSync(
      path.join(dir, 'index.md'),
      INDEX.replace('| TASK-2 | Configure scheduler | Pending |', '| TASK-2 | Configure scheduler | ✅ COMPLETE |'),
    );

    const client = await start(dir, cacheHome);
    const index = path.join(dir, 'index.md');
    await client.waitFor(
      () => conflictIn(client.diagnosticsOf(index)).some((d) => d.message.startsWith('TASK-2 is done here')),
      'the conflict on TASK-2 the edited files make',
    );
    expect(conflictIn(client.diagnosticsOf(index)).map((d) => d.message.slice(0, 6))).toEqual(['TASK-2']);
    // The facts of the edited files are stored for the next run.
    expect(entries(cacheHome)).toHaveLength(2);
    expect(runCli(['--cache', '--format', 'json', '.'], dir, { XDG_CACHE_HOME: cacheHome }).stdout).toContain(
      'TASK-2 is done here',
    );
  });

  it('writes the cache where the command line would, and none with --no-cache', async () => {
    const dir = writeFolder({ 'index.md': INDEX, 'tracker.md': TRACKER_CONTRADICTING });
    const tracker = path.join(dir, 'tracker.md');
    const noCache = writeFolder();
    const none = await start(dir, noCache, ['--lsp', '--no-cache']);
    await none.waitFor(() => conflictIn(none.diagnosticsOf(tracker)).length === 1, 'the conflict');
    expect(entries(noCache)).toEqual([]);

    const cacheHome = writeFolder();
    const client = await start(dir, cacheHome);
    await client.waitFor(() => conflictIn(client.diagnosticsOf(tracker)).length === 1, 'the conflict');
    await client.stop();
    // Nothing in the planning folder itself.
    expect(readdirSync(dir).sort()).toEqual(['index.md', 'tracker.md']);
    expect(entries(cacheHome)).toHaveLength(2);
  });
});
