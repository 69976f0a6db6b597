import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const folders: string[] = [];
afterAll(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

function folder(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'tasklint-fix-'));
  folders.push(dir);
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

const PLAN = `# Plan

## Release Tasks (5 tasks)

| Task ID | Description | Status |
|---------|-------------|--------|
| TASK-1 | Build | Done |
| TASK-2 | Test | Done |
| TASK-3 | Ship | Pending |
| TASK-4 | Announce | Pending |

- Progress: 20% (2/4 tasks)
`;

const FIXED = PLAN.replace('(5 tasks)', '(4 tasks)').replace('20% (2/4', '50% (2/4');

describe('tasklint --fix', () => {
  it('rewrites the derived numbers, reports what is left and exits on what remains', () => {
    const dir = folder({ 'plan.md': PLAN, 'notes.md': '# Notes\n\nNothing to fix.\n' });
    const notesBefore = statSync(path.join(dir, 'notes.md'));
    const before = runCli(['plan.md', 'notes.md'], dir);
    expect(before.code).toBe(1);
    const run = runCli(['--fix', 'plan.md', 'notes.md'], dir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(readFileSync(path.join(dir, 'plan.md'), 'utf8')).toBe(FIXED);
    // A file with nothing to fix is not touched.
    const notesAfter = statSync(path.join(dir, 'notes.md'));
    expect([notesAfter.ino, notesAfter.mtimeMs]).toEqual([notesBefore.ino, notesBefore.mtimeMs]);
    // Nothing is left behind beside the fixed file.
    expect(runCli(['--fix', '.'], dir).code).toBe(0);
    expect(readFileSync(path.join(dir, 'plan.md'), 'utf8')).toBe(FIXED);
  });

  it('says, as ESLint does, how many findings --fix would mend', () => {
    const dir = folder({
      'plan.md': PLAN,
      'index.md': '# Index\n\n| Task ID | Status |\n|---|---|\n| TASK-3 | Done |\n',
    });
    expect(runCli(['.'], dir).stdout).toContain(
      '✖ 3 problems (3 errors, 0 warnings)\n  2 errors and 0 warnings potentially fixable with the `--fix` option.\n',
    );
    expect(runCli(['--fix', '.'], dir).stdout).not.toContain('potentially fixable');
  });

  it('reports the findings a person must settle and exits 1 for them', () => {
    const dir = folder({
      'plan.md': PLAN,
      'index.md': '# Index\n\n| Task ID | Status |\n|---|---|\n| TASK-3 | Done |\n',
    });
    const run = runCli(['--fix', '.'], dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('task-status-conflict');
    expect(run.stdout).not.toContain('count-mismatch');
    expect(run.stdout).not.toContain('percent-mismatch');
    expect(readFileSync(path.join(dir, 'plan.md'), 'utf8')).toBe(FIXED);
  });

  it('keeps CRLF line endings, the BOM and a missing final newline', () => {
    const crlf = PLAN.trimEnd().replace(/\n/g, '\r\n');
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(crlf)]);
    const dir = folder({ 'plan.md': bytes });
    expect(runCli(['--fix', '.'], dir).code).toBe(0);
    const after = readFileSync(path.join(dir, 'plan.md'));
    expect([...after.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(after.subarray(3).toString('utf8')).toBe(FIXED.trimEnd().replace(/\n/g, '\r\n'));
  });

  it("keeps the file's permissions", () => {
    const dir = folder({ 'plan.md': PLAN });
    chmodSync(path.join(dir, 'plan.md'), 0o666);
    expect(runCli(['--fix', '.'], dir).code).toBe(0);
    expect(statSync(path.join(dir, 'plan.md')).mode & 0o777).toBe(0o666);
    expect(readFileSync(path.join(dir, 'plan.md'), 'utf8')).toBe(FIXED);
  });

  it('never writes a file that was read with a problem', () => {
    const latin1 = Buffer.concat([Buffer.from(PLAN.replace('Build', 'Build caf')), Buffer.from([0xe9, 0x0a])]);
    const dir = folder({ 'plan.md': latin1 });
    expect(runCli(['plan.md'], dir).stdout).toContain('count-mismatch');
    expect(runCli(['--fix', '.'], dir).stdout).toContain('count-mismatch');
    expect(readFileSync(path.join(dir, 'plan.md')).equals(latin1)).toBe(true);
  });

  it('writes nothing outside the linted folder, whatever a link says', () => {
    const outside = folder({ 'plan.md': PLAN });
    const dir = folder({ 'index.md': '# Index\n' });
    symlinkSync(path.join(outside, 'plan.md'), path.join(dir, 'plan.md'));
    const run = runCli(['--fix', 'plan.md', 'index.md'], dir);
    expect(run.stderr).toBe('tasklint: warning: plan.md was not fixed: it leads outside the linted folder\n');
    // The report shows what is still there.
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('count-mismatch');
    expect(readFileSync(path.join(outside, 'plan.md'), 'utf8')).toBe(PLAN);
  });

  it('fixes a file inside the folder through a link, leaving the link a link', () => {
    const dir = folder({ 'real/plan.md': PLAN });
    symlinkSync(path.join(dir, 'real', 'plan.md'), path.join(dir, 'plan.md'));
    runCli(['--fix', 'plan.md'], dir);
    expect(readFileSync(path.join(dir, 'real', 'plan.md'), 'utf8')).toBe(FIXED);
  });

  it('--fix-dry-run prints a unified diff and writes nothing', () => {
    const dir = folder({ 'plan.md': PLAN });
    const run = runCli(['--fix-dry-run', '.'], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('--- a/plan.md\n+++ b/plan.md\n');
    expect(run.stdout).toContain('-## Release Tasks (5 tasks)\n+## Release Tasks (4 tasks)\n');
    expect(run.stdout).toContain('-- Progress: 20% (2/4 tasks)\n+- Progress: 50% (2/4 tasks)\n');
    expect(readFileSync(path.join(dir, 'plan.md'), 'utf8')).toBe(PLAN);
  });

  it('--fix-rule and --fix-type narrow what is fixed', () => {
    const dir = folder({ 'plan.md': PLAN });
    const run = runCli(['--fix', '--fix-rule', 'percent-mismatch', '.'], dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('count-mismatch');
    expect(readFileSync(path.join(dir, 'plan.md'), 'utf8')).toBe(PLAN.replace('20% (2/4', '50% (2/4'));
    // Both rules are of type "problem": fixing suggestions only changes nothing.
    const other = folder({ 'plan.md': PLAN });
    expect(runCli(['--fix', '--fix-type', 'suggestion,layout', '.'], other).code).toBe(1);
    expect(readFileSync(path.join(other, 'plan.md'), 'utf8')).toBe(PLAN);
    expect(runCli(['--fix', '--fix-type', 'problem', '.'], other).code).toBe(0);
  });

  it('explains a wrong combination of fix options with exit code 2', () => {
    const dir = folder({ 'plan.md': PLAN });
    expect(runCli(['--fix', '--fix-dry-run', '.'], dir)).toMatchObject({
      code: 2,
      stderr: 'tasklint: --fix and --fix-dry-run cannot be used together\n',
    });
    expect(runCli(['--fix-type', 'problem', '.'], dir)).toMatchObject({
      code: 2,
      stderr: 'tasklint: --fix-type needs --fix or --fix-dry-run\n',
    });
    expect(runCli(['--fix', '--fix-type', 'style', '.'], dir)).toMatchObject({
      code: 2,
      stderr: 'tasklint: unknown --fix-type "style"; use problem, suggestion, layout\n',
    });
    const unknownRule = runCli(['--fix', '--fix-rule', 'no-such-rule', '.'], dir);
    expect(unknownRule.code).toBe(2);
    expect(unknownRule.stderr).toMatch(
      /^tasklint: --fix-rule: no rule named "no-such-rule"; rules that fix: .*count-mismatch/,
    );
    expect(readFileSync(path.join(dir, 'plan.md'), 'utf8')).toBe(PLAN);
  });

  it('--format json gives each fixable message its fix as ESLint does, and the output after --fix-dry-run', () => {
    const dir = folder({ 'plan.md': PLAN });
    const results = JSON.parse(runCli(['-f', 'json', '.'], dir).stdout) as {
      messages: { ruleId: string; fix?: { range: [number, number]; text: string } }[];
      fixableErrorCount: number;
    }[];
    const count = results[0]!.messages.find((m) => m.ruleId === 'count-mismatch')!;
    expect(count.fix).toEqual({ range: [PLAN.indexOf('5 tasks'), PLAN.indexOf('5 tasks') + 7], text: '4 tasks' });
    expect(results[0]!.fixableErrorCount).toBe(2);
    const dry = JSON.parse(runCli(['-f', 'json', '--fix-dry-run', '.'], dir).stdout) as {
      output?: string;
      messages: unknown[];
    }[];
    expect(dry[0]!.output).toBe(FIXED);
    expect(dry[0]!.messages).toEqual([]);
    expect(readFileSync(path.join(dir, 'plan.md'), 'utf8')).toBe(PLAN);
  });

  it('offers a status, attribute or date conflict as suggestions both ways in --format json, and --fix applies none', () => {
    const files = {
      'plan.md':
        '# Plan\n\n**Last Updated:** 2026-11-20\n\n| Task ID | Description | Priority | Status |\n|---|---|---|---|\n| TASK-1 | Build | HIGH | Done |\n\n**Last Updated:** 2026-11-12\n',
      'index.md':
        '# Index\n\n| Task ID | Description | Priority | Status |\n|---|---|---|---|\n| TASK-1 | Build | LOW | In Progress |\n',
    };
    const dir = folder(files);
    interface Suggestion {
      desc: string;
      fix: { range: [number, number]; text: string; filePath?: string };
    }
    const results = JSON.parse(runCli(['-f', 'json', '.'], dir).stdout) as {
      filePath: string;
      messages: { ruleId: string; fix?: unknown; suggestions?: Suggestion[] }[];
    }[];
    const messages = results.flatMap((result) => result.messages.map((m) => ({ ...m, filePath: result.filePath })));
    const status = messages.find((m) => m.ruleId === 'task-status-conflict')!;
    expect(status.fix).toBeUndefined();
    expect(status.suggestions!.map((s) => s.desc)).toEqual([
      expect.stringMatching(/^Make this place say "(Done|In Progress)", as (index|plan)\.md:\d+ does$/),
      expect.stringMatching(/^Make (index|plan)\.md:\d+ say "(Done|In Progress)", as this place does$/),
    ]);
    for (const ruleId of ['task-attribute-conflict', 'date-conflict'])
      expect(messages.find((m) => m.ruleId === ruleId)!.suggestions).toHaveLength(2);
    // Applying a suggestion settles the conflict.
    for (const [i, suggestion] of status.suggestions!.entries()) {
      const target = suggestion.fix.filePath ?? status.filePath;
      const copy = folder(files);
      const file = path.join(copy, path.relative(dir, target));
      const text = readFileSync(file, 'utf8');
      writeFileSync(
        file,
        text.slice(0, suggestion.fix.range[0]) + suggestion.fix.text + text.slice(suggestion.fix.range[1]),
      );
      expect(runCli(['.'], copy).stdout, `suggestion ${i}`).not.toContain('task-status-conflict');
    }
    expect(runCli(['--fix', '.'], dir).code).toBe(1);
    for (const [name, text] of Object.entries(files)) expect(readFileSync(path.join(dir, name), 'utf8')).toBe(text);
  });
});
