import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { binWithTasklint, readmeBlock } from '../helpers/readme.js';
import { removeFolders, writeFolder } from '../helpers/rule-tester.js';
import { CONFLICT_MESSAGE, CONFLICT_RELATED, INDEX, TRACKER_AGREEING } from './planning.js';

const nvimVersion = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
const hasNeovim = nvimVersion.status === 0;
// stdout is null, whatever its type says, when there is no nvim to run.
// eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
const version = /^NVIM v(\d+\.\d+\.\d+)/.exec(nvimVersion.stdout ?? '')?.[1] ?? '0.0.0';
const [major, minor] = version.split('.').map(Number) as [number, number];
const SKIP_REASON = 'skipped: nvim is not on PATH (Debian package "neovim"; .ci/run installs it)';
if (!hasNeovim) console.warn(`Neovim LSP test ${SKIP_REASON}`);
const hasNeovim011 = hasNeovim && (major > 0 || minor >= 11);
const SKIP_REASON_011 = hasNeovim
  ? `skipped: the Neovim on PATH is ${version} (Debian 12 ships 0.7), and this snippet needs 0.11 or newer`
  : SKIP_REASON;
if (hasNeovim && !hasNeovim011) console.warn(`Neovim 0.11 snippet test ${SKIP_REASON_011}`);

const bin = binWithTasklint();
afterAll(() => {
  removeFolders();
  bin.remove();
});

/** The README's two snippets, taken from the README itself: what a user pastes into init.lua. */
const SNIPPET_07 = () => readmeBlock('lua', /Neovim.* 0\.7 to 0\.10/).code;
const SNIPPET_011 = () => readmeBlock('lua', /Neovim 0\.11 or newer/).code;

/**
 * Runs after init.lua and after Neovim opened index.md and tracker.md (the snippet attaches
 * tasklint on their FileType; opened from the command line, so that an error in the snippet is
 * shown on standard error, as a user would see it), types a contradiction into the tracker, waits for
 * diagnostics in both buffers, undoes the edit, waits for them to clear, and writes what it saw
 * as JSON. Only functions that Neovim 0.7 has, and that later ones still have.
 */
const DRIVER = String.raw`
local root, out = os.getenv('TASKLINT_WORKSPACE'), os.getenv('TASKLINT_OUT')
local result = { nvim = tostring(vim.version().major) .. '.' .. tostring(vim.version().minor) }
local function finish(err)
  result.error = err
  -- What Neovim showed the user: an error in init.lua or in the snippet's autocommand lands here.
  result.messages = vim.api.nvim_exec('messages', true)
  vim.fn.writefile({ vim.fn.json_encode(result) }, out)
  vim.cmd('qa!')
end
local function clients(buf)
  if vim.lsp.get_clients then return vim.lsp.get_clients({ bufnr = buf }) end
  return vim.lsp.buf_get_clients(buf)
end
local function seen(buf)
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local lsp = (d.user_data or {}).lsp or {}
    table.insert(list, { lnum = d.lnum, col = d.col, message = d.message, source = d.source, code = d.code or lsp.code,
      severity = d.severity, href = (lsp.codeDescription or {}).href, related = lsp.relatedInformation or {} })
  end
  return list
end
local ok, err = pcall(function()
  local index, tracker = vim.fn.bufnr(root .. '/index.md'), vim.fn.bufnr(root .. '/tracker.md')
  vim.cmd('buffer ' .. tracker)
  result.attached = vim.wait(20000, function() return #vim.tbl_values(clients(index)) > 0 and #vim.tbl_values(clients(tracker)) > 0 end, 50)
  local names = {}
  for _, client in pairs(clients(tracker)) do table.insert(names, client.name) end
  result.clients = names
  local row = vim.fn.search('TASK-1') - 1
  local line = vim.api.nvim_buf_get_lines(tracker, row, row + 1, false)[1]
  vim.api.nvim_buf_set_lines(tracker, row, row + 1, false, { (line:gsub('✅ COMPLETE', 'IN PROGRESS')) })
  result.raised = vim.wait(20000, function() return #vim.diagnostic.get(index) > 0 and #vim.diagnostic.get(tracker) > 0 end, 50)
  result.index = seen(index)
  result.tracker = seen(tracker)
  vim.api.nvim_buf_set_lines(tracker, row, row + 1, false, { line })
  result.cleared = vim.wait(20000, function() return #vim.diagnostic.get(index) == 0 and #vim.diagnostic.get(tracker) == 0 end, 50)
end)
finish(not ok and tostring(err) or vim.NIL)
`;

interface SeenDiagnostic {
  lnum: number;
  col: number;
  message: string;
  source: string;
  code: string;
  severity: number;
  href: string;
  related: { location: { uri: string; range: { start: { line: number } } }; message: string }[];
}

interface Seen {
  error: string | null;
  messages: string;
  attached: boolean;
  clients: string[];
  raised: boolean;
  cleared: boolean;
  index: SeenDiagnostic[];
  tracker: SeenDiagnostic[];
}

/** Neovim headless with `initLua` as its init.lua and nothing of the machine's own configuration. */
function runNeovim(dir: string, initLua: string): Promise<{ code: number | null; stderr: string; seen?: Seen }> {
  const home = path.join(dir, '.neovim-home');
  for (const sub of ['config/nvim', 'data', 'state', 'cache']) mkdirSync(path.join(home, sub), { recursive: true });
  const init = path.join(home, 'config', 'nvim', 'init.lua');
  writeFileSync(init, initLua);
  const driver = path.join(home, 'drive-tasklint.lua');
  writeFileSync(driver, DRIVER);
  const out = path.join(home, 'seen.json');
  return new Promise((resolve, reject) => {
    const child = spawn(
      'nvim',
      ['--headless', '-n', '-i', 'NONE', 'index.md', '-c', 'edit tracker.md', '-c', `luafile ${driver}`],
      {
        cwd: dir,
        env: {
          ...process.env,
          // tasklint on PATH, as after `npm link` or a global install; the init.lua read is the README's.
          PATH: `${bin.bin}${path.delimiter}${process.env.PATH ?? ''}`,
          XDG_CONFIG_HOME: path.join(home, 'config'),
          XDG_DATA_HOME: path.join(home, 'data'),
          XDG_STATE_HOME: path.join(home, 'state'),
          XDG_CACHE_HOME: path.join(home, 'cache'),
          TASKLINT_WORKSPACE: dir,
          TASKLINT_OUT: out,
        },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, seen: existsSync(out) ? (JSON.parse(readFileSync(out, 'utf8')) as Seen) : undefined });
    });
  });
}

async function expectTasklintInNeovim(initLua: string): Promise<void> {
  const dir = writeFolder({ 'index.md': INDEX, 'tracker.md': TRACKER_AGREEING });
  // The root the snippets look for: a repository.
  spawnSync('git', ['init', '-q'], { cwd: dir });
  const run = await runNeovim(dir, initLua);
  expect(run.seen, `Neovim wrote nothing (exit ${run.code}): ${run.stderr}`).toBeDefined();
  const seen = run.seen!;
  expect(run.stderr, 'what Neovim showed').not.toMatch(/E\d+:|error/i);
  expect(seen.messages, 'what Neovim showed').not.toMatch(/E\d+:|error/i);
  expect(seen.error).toBeNull();
  expect(seen.attached, 'the snippet attached tasklint to both buffers').toBe(true);
  expect(seen.clients).toEqual(['tasklint']);
  expect(seen.raised).toBe(true);
  expect(seen.index).toEqual([
    expect.objectContaining({
      lnum: 4,
      col: 2,
      message: CONFLICT_MESSAGE,
      source: 'tasklint',
      code: 'task-status-conflict',
      severity: 1,
    }),
  ]);
  expect(seen.index[0]!.href).toMatch(/\/docs\/rules\/task-status-conflict\.md$/);
  expect(seen.index[0]!.related).toEqual([expect.objectContaining({ message: CONFLICT_RELATED })]);
  expect(seen.index[0]!.related[0]!.location.uri).toMatch(/\/tracker\.md$/);
  expect(seen.tracker).toEqual([
    expect.objectContaining({ lnum: 4, col: 2, source: 'tasklint', code: 'task-status-conflict' }),
  ]);
  expect(seen.tracker[0]!.message).toContain(`At index.md:5: ${CONFLICT_MESSAGE}`);
  expect(seen.tracker[0]!.related[0]!.location.uri).toMatch(/\/index\.md$/);
  expect(seen.cleared).toBe(true);
}

describe("the README's Neovim snippets, in Neovim, with tasklint on PATH", () => {
  it.skipIf(!hasNeovim)(
    `0.7 to 0.10: shows the contradiction in both buffers with related information, and clears it${hasNeovim ? ` (Neovim ${version})` : ` (${SKIP_REASON})`}`,
    () => expectTasklintInNeovim(SNIPPET_07()),
    90_000,
  );

  it.skipIf(!hasNeovim011)(
    `0.11 or newer: the same${hasNeovim011 ? ` (Neovim ${version})` : ` (${SKIP_REASON_011})`}`,
    () => expectTasklintInNeovim(SNIPPET_011()),
    90_000,
  );
});
