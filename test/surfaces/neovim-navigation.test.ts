import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI } from '../helpers/cli.js';
import { removeFolders, writeFolder } from '../helpers/rule-tester.js';
import { NAV_INDEX, NAV_TRACKER } from './planning.js';

const nvimVersion = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
const hasNeovim = nvimVersion.status === 0;
const SKIP_REASON = 'skipped: nvim is not on PATH (Debian package "neovim"; .ci/run installs it)';
if (!hasNeovim) console.warn(`Neovim navigation test ${SKIP_REASON}`);

afterAll(() => {
  removeFolders();
});

/**
 * Navigation through Neovim's client: hover and definition requests on TASK-1 in the index, then
 * `vim.lsp.buf.definition()` on TASK-3 (one definition: Neovim jumps to it), the outline, the
 * code lenses, and `vim.lsp.buf.rename()` of TASK-3 there. The client is started as above (0.7 has no `vim.lsp.start`).
 */
const NAVIGATION_SCRIPT = String.raw`
local cli, root, out = os.getenv('TASKLINT_CLI'), os.getenv('TASKLINT_WORKSPACE'), os.getenv('TASKLINT_OUT')
local result = {}
local function finish(err)
  result.error = err
  vim.fn.writefile({ vim.fn.json_encode(result) }, out)
  vim.cmd('qa!')
end
local config = { name = 'tasklint', cmd = { 'node', cli, '--lsp' }, root_dir = root }
local ok, err = pcall(function()
  vim.cmd('edit ' .. vim.fn.fnameescape(root .. '/index.md'))
  local buf = vim.api.nvim_get_current_buf()
  local client_id
  if vim.lsp.start then client_id = vim.lsp.start(config) else
    client_id = vim.lsp.start_client(config)
    vim.lsp.buf_attach_client(buf, client_id)
  end
  -- The folder is read and checked: TASK-1's contradiction is shown.
  result.ready = vim.wait(20000, function() return #vim.diagnostic.get(buf) > 0 end, 50)
  local function at(needle, nth)
    vim.api.nvim_win_set_cursor(0, { 1, 0 })
    for _ = 1, nth do vim.fn.search(needle, 'W') end
    local pos = vim.api.nvim_win_get_cursor(0)
    return { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = { line = pos[1] - 1, character = pos[2] + 1 } }
  end
  local function ask(method, params)
    local responses = vim.lsp.buf_request_sync(buf, method, params, 10000) or {}
    local response = responses[client_id] or {}
    return response.result, response.error
  end
  local hover = ask('textDocument/hover', at('TASK-1', 1))
  result.hover = hover and hover.contents.value or vim.NIL
  result.definitions = {}
  for _, location in ipairs(ask('textDocument/definition', at('TASK-1', 2)) or {}) do
    table.insert(result.definitions, { file = vim.fn.fnamemodify(vim.uri_to_fname(location.uri), ':t'), line = location.range.start.line })
  end
  local symbols = ask('textDocument/documentSymbol', { textDocument = { uri = vim.uri_from_bufnr(buf) } }) or {}
  result.outline = {}
  local function walk(list, depth)
    for _, symbol in ipairs(list) do
      table.insert(result.outline, string.rep('  ', depth) .. symbol.name)
      walk(symbol.children or {}, depth + 1)
    end
  end
  walk(symbols, 0)
  vim.lsp.codelens.refresh()
  vim.wait(10000, function() return #vim.lsp.codelens.get(buf) > 0 end, 50)
  result.lenses = {}
  for _, lens in ipairs(vim.lsp.codelens.get(buf)) do table.insert(result.lenses, { line = lens.range.start.line, title = lens.command.title }) end
  -- Go to definition as a user does it: the cursor on TASK-3, and Neovim opens tracker.md there.
  local params = at('TASK-3', 1)
  vim.api.nvim_win_set_cursor(0, { params.position.line + 1, params.position.character })
  vim.lsp.buf.definition()
  result.jumped = vim.wait(10000, function() return vim.fn.expand('%:t') == 'tracker.md' end, 50)
  local cursor = vim.api.nvim_win_get_cursor(0)
  result.landed = { file = vim.fn.expand('%:t'), line = cursor[1], text = vim.api.nvim_get_current_line():sub(cursor[2] + 1, cursor[2] + 6) }
  -- Rename from there: Neovim applies the edit to both files.
  vim.lsp.buf_attach_client(0, client_id)
  -- A phase's name: its hover lists where it is named and its tasks.
  local tracker = vim.api.nvim_get_current_buf()
  local phase = vim.lsp.buf_request_sync(tracker, 'textDocument/hover', { textDocument = { uri = vim.uri_from_bufnr(tracker) }, position = { line = 2, character = 4 } }, 10000) or {}
  result.phase = (phase[client_id] and phase[client_id].result) and phase[client_id].result.contents.value or vim.NIL
  vim.lsp.buf.rename('TASK-30')
  local function line_of(name, lnum)
    local other = vim.fn.bufnr(root .. '/' .. name)
    return other ~= -1 and (vim.api.nvim_buf_get_lines(other, lnum - 1, lnum, false)[1] or '') or ''
  end
  result.renamed = vim.wait(10000, function() return line_of('index.md', 9):find('TASK-30', 1, true) ~= nil end, 50)
  result.after = { line_of('tracker.md', 9), line_of('index.md', 9) }
end)
finish(not ok and tostring(err) or vim.NIL)
`;

function runNeovim(dir: string, out: string, lua: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const script = path.join(dir, 'drive-tasklint.lua');
    writeFileSync(script, lua);
    const child = spawn('nvim', ['--headless', '--clean', '-n', '-c', `luafile ${script}`], {
      cwd: dir,
      env: { ...process.env, TASKLINT_CLI: CLI, TASKLINT_WORKSPACE: dir, TASKLINT_OUT: out },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

describe('tasklint --lsp navigation in Neovim', () => {
  it.skipIf(!hasNeovim)(
    `hover (on a task and on a phase), go to definition, the outline, code lenses and rename by task ID${hasNeovim ? '' : ` (${SKIP_REASON})`}`,
    async () => {
      const dir = writeFolder({ 'index.md': NAV_INDEX, 'tracker.md': NAV_TRACKER });
      const out = path.join(dir, 'seen.json');
      const run = await runNeovim(dir, out, NAVIGATION_SCRIPT);
      expect(existsSync(out), `Neovim wrote nothing (exit ${run.code}): ${run.stderr}`).toBe(true);
      const seen = JSON.parse(readFileSync(out, 'utf8')) as {
        error: string | null;
        ready: boolean;
        hover: string;
        definitions: { file: string; line: number }[];
        outline: string[];
        lenses: { line: number; title: string }[];
        jumped: boolean;
        landed: { file: string; line: number; text: string };
        phase: string;
        renamed: boolean;
        after: string[];
      };
      expect(seen.error).toBeNull();
      expect(seen.ready).toBe(true);
      expect(seen.hover.split('\n')[0]).toBe('**TASK-1** · Set up storage');
      expect(seen.hover).toContain('/tracker.md#L7): field line · in progress ("IN PROGRESS")');
      expect(seen.hover).toContain('Needed by: [TASK-2](');
      expect(seen.definitions).toEqual([
        { file: 'index.md', line: 6 },
        { file: 'tracker.md', line: 4 },
      ]);
      expect(seen.outline).toEqual(['Task index', '  Storage', '    TASK-1', '    TASK-2', '    TASK-4']);
      expect(seen.lenses).toEqual([{ line: 6, title: 'done here · in progress in 1 other place' }]);
      expect(seen.jumped).toBe(true);
      expect(seen.landed).toEqual({ file: 'tracker.md', line: 9, text: 'TASK-3' });
      expect(seen.phase.split('\n')[0]).toBe('**Phase 1**');
      expect(seen.phase).toMatch(/^Tasks: 2 tasks in tracker\.md \(0 done, 2 open\): \[TASK-1\]\(.*\), \[TASK-3\]\(/m);
      expect(seen.renamed).toBe(true);
      expect(seen.after).toEqual(['### TASK-30: Write runbook', '| TASK-4 | Add monitoring | Pending | TASK-30 |']);
    },
    90_000,
  );
});
