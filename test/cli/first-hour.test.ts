import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { removeFolders, writeFolder } from '../helpers/rule-tester.js';

afterAll(removeFolders);

describe('one problem, one finding', () => {
  it('a ticked task that depends on an open one is reported once, by dependency-not-done, about the ticked task', () => {
    const dir = writeFolder({ 'tasks.md': '# Tasks\n\n- [ ] T004 Build the parser\n- [x] T005 Wire the parser into the CLI (depends on T004)\n' });
    const run = runCli(['.'], dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('4:7  error    T005 is done here ("[x]"), but it depends on T004 (on this line), which is pending at line 3 ("[ ]").  dependency-not-done');
    expect(run.stdout).not.toContain('T004 is ticked');
    expect(run.stdout).toContain('✖ 1 problem (1 error, 0 warnings)');
  });
});

describe('a gate that lints nothing fails, as ESLint does (exit 2), unless --no-error-on-unmatched-pattern', () => {
  const hint = 'tasklint: Check the paths and the config\'s include and exclude, or pass --no-error-on-unmatched-pattern to let a run that lints nothing pass.\n';

  it('an empty folder', () => {
    const dir = writeFolder({ 'notes.txt': 'not a planning document\n' });
    expect(runCli([], dir)).toEqual({
      code: 2,
      stdout: '',
      stderr: `tasklint: No files matching the pattern "." were found: no file below it matches include "**/*.md" (the default).\n${hint}`,
    });
    expect(runCli(['--no-error-on-unmatched-pattern'], dir)).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('names each path that matched nothing, and still fails when another did match', () => {
    const dir = writeFolder({ 'plans/index.md': '# Index\n', 'empty/notes.txt': 'x\n' });
    const run = runCli(['plans', 'empty', 'no-such-folder'], dir);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'tasklint: No files matching the pattern "empty" were found: no file below it matches include "**/*.md" (the default).\n' +
        'tasklint: No files matching the pattern "no-such-folder" were found: no such file or directory.\n' +
        hint,
    );
    // Allowed, the paths that do exist are linted as usual.
    const allowed = runCli(['plans', 'empty', 'no-such-folder', '--no-error-on-unmatched-pattern'], dir);
    expect(allowed).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it("a config whose include matches nothing names the config file", () => {
    const dir = writeFolder({ '.tasklintrc.json': '{ "include": ["planning/**/*.md"] }', 'docs/index.md': '# Index\n' });
    expect(runCli([], dir)).toMatchObject({
      code: 2,
      stderr: `tasklint: No files matching the pattern "." were found: no file below it matches include "planning/**/*.md" of .tasklintrc.json.\n${hint}`,
    });
  });

  it("a config whose exclude, or a .gitignore, leaves nothing says what matched and what left it out", () => {
    const dir = writeFolder({ '.tasklintrc.json': '{ "exclude": ["drafts/**"] }', 'drafts/a.md': '# A\n', 'drafts/b.md': '# B\n', 'old/c.md': '# C\n', '.gitignore': 'old/\n' });
    expect(runCli([], dir)).toMatchObject({
      code: 2,
      stderr: `tasklint: All files matched by "." are ignored: 3 files below it match include "**/*.md" (the default), and exclude "drafts/**" of .tasklintrc.json and .gitignore leave none.\n${hint}`,
    });
    expect(runCli(['drafts/a.md'], dir)).toMatchObject({
      code: 2,
      stderr: `tasklint: All files matched by "drafts/a.md" are ignored: exclude "drafts/**" of .tasklintrc.json names it.\n${hint}`,
    });
    expect(runCli(['drafts/a.md', '--no-error-on-unmatched-pattern'], dir)).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('--hook passes when the staged files lie outside the planning folder, or the folder has no document', () => {
    // pre-commit hands the hook every staged Markdown file; which of them are planning documents is the config's to say.
    const dir = writeFolder({ '.git/HEAD': 'ref: refs/heads/main\n', 'planning/.tasklintrc.json': '{ "include": ["active/**/*.md"] }', 'planning/drafts/a.md': '# A\n', 'README.md': '# Readme\n' });
    expect(runCli(['--hook', 'README.md'], dir)).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(runCli(['--hook', 'planning/drafts/a.md'], dir)).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('the programmatic API keeps linting an empty folder to no findings unless asked', async () => {
    const { lint } = await import('../../src/lint.js');
    const dir = writeFolder({});
    expect((await lint({ cwd: dir })).diagnostics).toEqual([]);
    await expect(lint({ cwd: dir, errorOnUnmatchedPattern: true })).rejects.toThrow('No files matching the pattern "." were found');
  });
});
