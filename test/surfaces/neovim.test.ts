import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI } from '../helpers/cli.js';
import { removeFolders, writeFolder } from '../helpers/rule-tester.js';
import { CONFLICT_MESSAGE, CONFLICT_RELATED, INDEX, TRACKER_AGREEING } from './planning.js';

const nvimVersion = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
const hasNeovim = nvimVersion.status === 0;
const SKIP_REASON = 'skipped: nvim is not on PATH (Debian package "neovim"; .ci/run installs it)';
if (!hasNeovim) console.warn(`Neovim LSP test ${SKIP_REASON}`);

afterAll(() => removeFolders());

/**
 * Neovim's own LSP client, headless: opens index.md and tracker.md, types a contradiction into
 * the tracker, waits for diagnostics in both buffers, undoes the edit, waits for them to clear,
 * and writes what it saw as JSON. `vim.lsp.start` as in the README where Neovim has it (0.8+),
 * `vim.lsp.start_client` + `buf_attach_client` on older ones (Debian 12 ships 0.7).
 */
const SCRIPT = String.raw`
local cli, root, out = os.getenv('TASKLINT_CLI'), os.getenv('TASKLINT_WORKSPACE'), os.getenv('TASKLINT_OUT')
local result = { nvim = tostring(vim.version().major) .. '.' .. tostring(vim.version().minor) }
local function finish(err)
  result.error = err
  vim.fn.writefile({ vim.fn.json_encode(result) }, out)
  vim.cmd('qa!')
end
local config = { name = 'tasklint', cmd = { 'node', cli, '--lsp' }, root_dir = root }
local client_id
local function attach(file)
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local buf = vim.api.nvim_get_current_buf()
  if vim.lsp.start then
    client_id = vim.lsp.start(config)
  else
    client_id = client_id or vim.lsp.start_client(config)
    vim.lsp.buf_attach_client(buf, client_id)
  end
  return buf
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
  local index = attach(root .. '/index.md')
  local tracker = attach(root .. '/tracker.md')
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
  related: Array<{ location: { uri: string; range: { start: { line: number } } }; message: string }>;
}

function runNeovim(dir: string, out: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const script = path.join(dir, 'drive-tasklint.lua');
    writeFileSync(script, SCRIPT);
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

describe('tasklint --lsp in Neovim', () => {
  it.skipIf(!hasNeovim)(
    `shows the contradiction in both buffers with related information, and clears it${hasNeovim ? '' : ` (${SKIP_REASON})`}`,
    async () => {
      const dir = writeFolder({ 'index.md': INDEX, 'tracker.md': TRACKER_AGREEING });
      const out = path.join(dir, 'seen.json');
      const run = await runNeovim(dir, out);
      expect(existsSync(out), `Neovim wrote nothing (exit ${run.code}): ${run.stderr}`).toBe(true);
      const seen = JSON.parse(readFileSync(out, 'utf8')) as { error: string | null; raised: boolean; cleared: boolean; index: SeenDiagnostic[]; tracker: SeenDiagnostic[] };
      expect(seen.error).toBeNull();
      expect(seen.raised).toBe(true);
      expect(seen.index).toEqual([
        expect.objectContaining({ lnum: 4, col: 2, message: CONFLICT_MESSAGE, source: 'tasklint', code: 'task-status-conflict', severity: 1 }),
      ]);
      expect(seen.index[0]!.href).toMatch(/\/docs\/rules\/task-status-conflict\.md$/);
      expect(seen.index[0]!.related).toEqual([expect.objectContaining({ message: CONFLICT_RELATED })]);
      expect(seen.index[0]!.related[0]!.location.uri).toMatch(/\/tracker\.md$/);
      expect(seen.tracker).toEqual([expect.objectContaining({ lnum: 4, col: 2, source: 'tasklint', code: 'task-status-conflict' })]);
      expect(seen.tracker[0]!.message).toContain(`At index.md:5: ${CONFLICT_MESSAGE}`);
      expect(seen.tracker[0]!.related[0]!.location.uri).toMatch(/\/index\.md$/);
      expect(seen.cleared).toBe(true);
    },
    90_000,
  );
});
