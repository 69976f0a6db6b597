import path from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { binWithTasklint, readmeBlock } from '../helpers/readme.js';
import { removeFolders, writeFolder } from '../helpers/rule-tester.js';
import { LspClient } from './lsp-client.js';
import { CONFLICT_MESSAGE, INDEX, TRACKER_CONTRADICTING } from './planning.js';

const bin = binWithTasklint();
const clients: LspClient[] = [];
afterEach(() => {
  for (const client of clients.splice(0)) client.kill();
});
afterAll(() => {
  removeFolders();
  bin.remove();
});

/** The server command of the README's VS Code settings. */
function vscodeCommand(): string[] {
  const settings = JSON.parse(readmeBlock('json', /Generic LSP Client/).code) as Record<string, unknown>;
  expect(settings['glspc.languageId']).toBe('markdown');
  return [settings['glspc.serverCommand'] as string, ...(settings['glspc.serverCommandArguments'] as string[])];
}

/** The server command of the README's Helix languages.toml, and that Markdown uses it. */
function helixCommand(): string[] {
  const config = parseToml(readmeBlock('toml', /Helix/).code) as {
    'language-server': Record<string, { command: string; args?: string[] }>;
    language: { name: string; 'language-servers': string[] }[];
  };
  expect(config.language.find((language) => language.name === 'markdown')?.['language-servers']).toContain('tasklint');
  const server = config['language-server'].tasklint!;
  return [server.command, ...(server.args ?? [])];
}

/**
 * The editors themselves are not here, so the command they would run is run as they run it:
 * looked up on PATH, in a planning folder that is no Node project, with tasklint installed
 * globally (a link on PATH, as `npm link` makes), and it must answer as a language server.
 */
describe("the README's editor settings start tasklint's language server from PATH", { timeout: 60_000 }, () => {
  it.each([
    ['VS Code (Generic LSP Client)', vscodeCommand],
    ['Helix', helixCommand],
  ])('%s', async (_editor, commandOf) => {
    const [command, ...args] = commandOf();
    const dir = writeFolder({ 'index.md': INDEX, 'tracker.md': TRACKER_CONTRADICTING });
    const env = { ...process.env, PATH: `${bin.bin}${path.delimiter}${process.env.PATH ?? ''}` };
    const { client, result } = await LspClient.startCommand(command!, args, dir, { cwd: dir, env });
    clients.push(client);
    expect(result.serverInfo?.name).toBe('tasklint');
    const index = path.join(dir, 'index.md');
    await client.open(index, INDEX);
    await client.waitFor(() => client.diagnosticsOf(index).length > 0, 'a diagnostic in index.md');
    expect(client.diagnosticsOf(index).map((d) => d.message)).toEqual([CONFLICT_MESSAGE]);
    expect(await client.stop()).toBe(0);
  });
});
