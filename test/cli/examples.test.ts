import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRules } from '../../src/engine.js';
import { ROOT, runCli } from '../helpers/cli.js';

describe('the bundled examples/ folder', () => {
  const run = runCli(['-f', 'json', 'examples/']);
  const results = JSON.parse(run.stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string; line: number; message: string }> }>;
  const messages = results.flatMap((r) => r.messages.map((m) => ({ ...m, file: path.relative(ROOT, r.filePath) })));

  it('shows every rule firing at least once', async () => {
    const fired = new Set(messages.map((m) => m.ruleId));
    const missing = (await loadRules()).map((rule) => rule.id).filter((id) => !fired.has(id));
    expect(missing, 'rules that never fire on examples/').toEqual([]);
    expect(run.code).toBe(1);
  });

  it('stays silent on its near-misses: the archive, code blocks, criteria lists, rounding, conditions', () => {
    expect(messages.filter((m) => m.file.startsWith('examples/archive/') && m.ruleId !== 'broken-link')).toEqual([]);
    const tracker = messages.filter((m) => m.file === 'examples/tracker.md');
    // The validation criteria (lines 16-19) and the dependency graph in a code block (lines 30-38).
    expect(tracker.filter((m) => (m.line >= 16 && m.line <= 19) || (m.line >= 30 && m.line <= 38))).toEqual([]);
    expect(messages.filter((m) => m.ruleId === 'percent-mismatch' && /6[67]%/.test(m.message))).toEqual([]);
  });
});
