import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';
import { removeFolders, writeFolder } from '../helpers/rule-tester.js';

afterAll(removeFolders);

describe('one problem, one finding', () => {
  it('a ticked task that depends on an open one is reported once, by dependency-not-done, about the ticked task', () => {
    const dir = writeFolder({
      'tasks.md': '# Tasks\n\n- [ ] T004 Build the parser\n- [x] T005 Wire the parser into the CLI (depends on T004)\n',
    });
    const run = runCli(['.'], dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      '4:7  error    T005 is done here ("[x]"), but it depends on T004 (on this line), which is pending at line 3 ("[ ]").  dependency-not-done',
    );
    expect(run.stdout).not.toContain('T004 is ticked');
    expect(run.stdout).toContain('✖ 1 problem (1 error, 0 warnings)');
  });
});

describe('a gate that lints nothing fails, as ESLint does (exit 2), unless --no-error-on-unmatched-pattern', () => {
  const hint =
    "tasklint: Check the paths and the config's include and exclude, or pass --no-error-on-unmatched-pattern to let a run that lints nothing pass.\n";

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

  it('a config whose include matches nothing names the config file', () => {
    const dir = writeFolder({
      '.tasklintrc.json': '{ "include": ["planning/**/*.md"] }',
      'docs/index.md': '# Index\n',
    });
    expect(runCli([], dir)).toMatchObject({
      code: 2,
      stderr: `tasklint: No files matching the pattern "." were found: no file below it matches include "planning/**/*.md" of .tasklintrc.json.\n${hint}`,
    });
  });

  it('a config whose exclude, or a .gitignore, leaves nothing says what matched and what left it out', () => {
    const dir = writeFolder({
      '.tasklintrc.json': '{ "exclude": ["drafts/**"] }',
      'drafts/a.md': '# A\n',
      'drafts/b.md': '# B\n',
      'old/c.md': '# C\n',
      '.gitignore': 'old/\n',
    });
    expect(runCli([], dir)).toMatchObject({
      code: 2,
      stderr: `tasklint: All files matched by "." are ignored: 3 files below it match include "**/*.md" (the default), and exclude "drafts/**" of .tasklintrc.json and .gitignore leave none.\n${hint}`,
    });
    expect(runCli(['drafts/a.md'], dir)).toMatchObject({
      code: 2,
      stderr: `tasklint: All files matched by "drafts/a.md" are ignored: exclude "drafts/**" of .tasklintrc.json names it.\n${hint}`,
    });
    expect(runCli(['drafts/a.md', '--no-error-on-unmatched-pattern'], dir)).toEqual({
      code: 0,
      stdout: '',
      stderr: '',
    });
  });

  it('--hook passes when the staged files lie outside the planning folder, or the folder has no document', () => {
    // pre-commit hands the hook every staged Markdown file; which of them are planning documents is the config's to say.
    const dir = writeFolder({
      '.git/HEAD': 'ref: refs/heads/main\n',
      'planning/.tasklintrc.json': '{ "include": ["active/**/*.md"] }',
      'planning/drafts/a.md': '# A\n',
      'README.md': '# Readme\n',
    });
    expect(runCli(['--hook', 'README.md'], dir)).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(runCli(['--hook', 'planning/drafts/a.md'], dir)).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('the language server in a folder with no document yet says nothing of it, and lints the first file typed', async () => {
    const { LspClient } = await import('../surfaces/lsp-client.js');
    const dir = writeFolder({ 'notes.txt': 'not a planning document\n' });
    const { client } = await LspClient.start(dir);
    try {
      const plan = path.join(dir, 'plan.md');
      await client.open(plan, '# Plan\n\n[Design](./design.md)\n');
      await client.waitFor(
        () => client.diagnosticsOf(plan).some((d) => d.code === 'broken-link'),
        'the broken link in the new file',
      );
      expect(
        client.serverMessages.filter((message) => /No files matching|nothing to lint|error/i.test(message)),
      ).toEqual([]);
      expect(await client.stop()).toBe(0);
    } finally {
      client.kill();
    }
  });

  it('the programmatic API keeps linting an empty folder to no findings unless asked', async () => {
    const { lint } = await import('../../src/lint.js');
    const dir = writeFolder({});
    expect((await lint({ cwd: dir })).diagnostics).toEqual([]);
    await expect(lint({ cwd: dir, errorOnUnmatchedPattern: true })).rejects.toThrow(
      'No files matching the pattern "." were found',
    );
  });
});

describe('config files as ESLint users write them', () => {
  it('every problem at once, each at its line and column in the config file, with what was meant', () => {
    const config = `{
  "exlude": ["drafts/**"],
  "maxFileSize": "big",
  "rules": {
    "checklist-conflicts": "error",
    "broken-link": "loud",
    "mojibake": ["warn", 3]
  }
}
`;
    const dir = writeFolder({ '.tasklintrc.json': config, 'index.md': '# Index\n' });
    expect(runCli([], dir)).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'tasklint: Invalid config .tasklintrc.json:\n' +
        '  .tasklintrc.json:2:3  exlude: unknown key; did you mean "exclude"?\n' +
        '  .tasklintrc.json:3:3  maxFileSize: must be integer\n' +
        '  .tasklintrc.json:5:5  rules.checklist-conflicts: unknown rule; did you mean "checklist-conflict"?\n' +
        '  .tasklintrc.json:6:5  rules.broken-link: must be one of "off", "warn", "error" (or "warning", 0, 1, 2), or [severity, { options }]\n' +
        "  .tasklintrc.json:7:26  rules.mojibake[1]: must be an object of the rule's options\n",
    });
  });

  it("a rule's options are checked for every rule at once, at their place", () => {
    const config =
      '{\n  "rules": {\n    "broken-link": ["warn", { "colour": "red" }],\n    "percent-mismatch": ["error", { "tolerance": "none" }]\n  }\n}\n';
    const run = runCli([], writeFolder({ 'tasklint.config.json': config, 'index.md': '# Index\n' }));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^tasklint: Invalid config tasklint\.config\.json:\n {2}tasklint\.config\.json:3:31 {2}rules\.broken-link\[1\]\.colour: unknown key\n {2}tasklint\.config\.json:4:\d+ {2}rules\.percent-mismatch\[1\]/,
    );
  });

  it('.tasklintrc.json and tasklint.config.json may have comments and trailing commas', () => {
    const jsonc =
      '{\n  // Links to files written later.\n  "rules": {\n    "broken-link": "off", /* for now */\n  },\n}\n';
    for (const name of ['.tasklintrc.json', 'tasklint.config.json']) {
      const dir = writeFolder({ [name]: jsonc, 'index.md': '[gone](./gone.md)\n' });
      expect(runCli([], dir), name).toEqual({ code: 0, stdout: '', stderr: '' });
    }
  });

  it('a config that does not parse is reported at its line and column; package.json stays strict JSON', () => {
    const dir = writeFolder({
      '.tasklintrc.json': '{\n  "rules": {\n    "broken-link": "off"\n    "mojibake": "warn"\n  }\n}\n',
      'index.md': '# Index\n',
    });
    expect(runCli([], dir)).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'tasklint: Invalid config .tasklintrc.json: not valid JSON (comments and trailing commas are allowed):\n  .tasklintrc.json:4:5  a comma was expected\n',
    });
    const pkg = writeFolder({
      'package.json': '{\n  "name": "plans",\n  "tasklint": { "rules": { "broken-link": "off", } }\n}\n',
      'index.md': '# Index\n',
    });
    expect(runCli(['--config', 'package.json'], pkg)).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'tasklint: Invalid config package.json ("tasklint" key): not valid JSON:\n  package.json:3:50  a property name in double quotes was expected\n',
    });
  });

  it('severities as ESLint accepts them: 0, 1, 2, any case, and "warning", alone or in the array form', () => {
    const files = { 'index.md': '[gone](./gone.md)\n\n[Top](#nowhere)\n' };
    const severities = (rules: Record<string, unknown>): string[] => {
      const run = runCli(['-f', 'json'], writeFolder({ ...files, '.tasklintrc.json': JSON.stringify({ rules }) }));
      expect(run.stderr).toBe('');
      const [result] = JSON.parse(run.stdout) as { messages: { ruleId: string; severity: number }[] }[];
      return result!.messages.map((m) => `${m.ruleId}:${m.severity}`).sort();
    };
    expect(severities({ 'broken-link': 1, 'broken-anchor': 2 })).toEqual(['broken-anchor:2', 'broken-link:1']);
    expect(severities({ 'broken-link': 'warning', 'broken-anchor': 0 })).toEqual(['broken-link:1']);
    expect(severities({ 'broken-link': ['Warn'], 'broken-anchor': ['ERROR', {}] })).toEqual([
      'broken-anchor:2',
      'broken-link:1',
    ]);
    expect(severities({ 'broken-link': [0], 'broken-anchor': [1, {}] })).toEqual(['broken-anchor:1']);
  });

  it('the schema accepts what tasklint accepts', async () => {
    const { newAjv } = await import('../../src/config.js');
    const validate = newAjv().compile(JSON.parse(readFileSync(`${ROOT}/schema.json`, 'utf8')) as object);
    for (const severity of ['off', 'warn', 'error', 'warning', 'Warn', 0, 1, 2, [2], ['warning', {}]])
      expect(validate({ rules: { 'broken-link': severity } }), JSON.stringify(severity)).toBe(true);
    for (const severity of ['loud', 3, -1, [], ['warn', {}, {}]])
      expect(validate({ rules: { 'broken-link': severity } }), JSON.stringify(severity)).toBe(false);
  });
});

describe('the README', () => {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');

  it('shows what tasklint prints for an invalid config', () => {
    const shown = /```text\n(tasklint: Invalid config \.tasklintrc\.json:\n[\s\S]*?)```/.exec(readme)?.[1];
    expect(shown, 'README block of an invalid config').toBeDefined();
    const dir = writeFolder({
      '.tasklintrc.json': '{\n  "exlude": ["drafts/**"],\n  "rules": {\n    "checklist-conflicts": "error"\n  }\n}\n',
      'index.md': '# Index\n',
    });
    expect(runCli([], dir)).toEqual({ code: 2, stdout: '', stderr: shown });
  });

  it('shows what --report-unused-disable-directives prints for the document it shows', () => {
    const section = readme.slice(readme.indexOf('`--report-unused-disable-directives` reports'));
    const document = /```markdown\n([\s\S]*?)```/.exec(section)?.[1];
    const shown = /```text\n\$ tasklint (.*)\n([\s\S]*?)```/.exec(section);
    expect(document, 'README document').toBeDefined();
    expect(shown, 'README output').not.toBeNull();
    const dir = writeFolder({ 'index.md': document! });
    expect(runCli(shown![1]!.split(' '), dir)).toEqual({ code: 1, stdout: shown![2], stderr: '' });
  });
});

describe('command line hygiene', () => {
  it('--explain with a typo suggests the rule meant', () => {
    expect(runCli(['--explain', 'percent-mismatc'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'tasklint: no rule named "percent-mismatc"; did you mean "percent-mismatch"?\n',
    });
    const far = runCli(['--explain', 'zzz']);
    expect(far).toMatchObject({ code: 2, stdout: '' });
    expect(far.stderr).toMatch(/^tasklint: no rule named "zzz"; known rules: blocking-phase-not-done, broken-anchor, /);
  });

  it('-o creates the folders of the report file', () => {
    const dir = writeFolder({ 'index.md': '[gone](./gone.md)\n' });
    const run = runCli(['-f', 'sarif', '-o', 'reports/ci/out.sarif'], dir);
    expect(run).toEqual({ code: 1, stdout: '', stderr: '' });
    const sarif = JSON.parse(readFileSync(path.join(dir, 'reports/ci/out.sarif'), 'utf8')) as {
      runs: { results: unknown[] }[];
    };
    expect(sarif.runs[0]!.results).toHaveLength(1);
  });

  it('--print-config shows every rule with its effective severity and options, defaults included', () => {
    const dir = writeFolder({
      '.tasklintrc.json':
        '{ "rules": { "broken-link": 1, "duration-mismatch": ["Warning", { "tolerancePercent": 5 }], "mojibake": "off" } }',
    });
    const run = runCli(['--print-config'], dir);
    expect(run.code).toBe(0);
    const printed = JSON.parse(run.stdout) as {
      configFile: string;
      rules: Record<string, [string, Record<string, unknown>]>;
    };
    expect(printed.configFile).toBe(path.join(dir, '.tasklintrc.json'));
    const ids = runCli(['--rules'])
      .stdout.split('\n')
      .filter(Boolean)
      .map((line) => line.split(/\s+/)[0]);
    expect(Object.keys(printed.rules)).toEqual(ids);
    expect(printed.rules['broken-link']).toEqual(['warn', {}]);
    expect(printed.rules.mojibake![0]).toBe('off');
    // The user's options over the rule's defaults.
    expect(printed.rules['duration-mismatch']).toEqual(['warn', { allowRounding: true, tolerancePercent: 5 }]);
    // A rule the config does not name: its default severity and options.
    expect(printed.rules['task-status-conflict']).toEqual(['error', {}]);
    expect(printed.rules['invalid-encoding']).toEqual(['warn', {}]);
  });

  it('an unknown option is quoted as typed, with the option meant', () => {
    const help = 'Run "tasklint --help" for usage.\n';
    expect(runCli(['--bogus'])).toEqual({ code: 2, stdout: '', stderr: `tasklint: unknown option "--bogus"\n${help}` });
    expect(runCli(['--bogus=1'])).toEqual({
      code: 2,
      stdout: '',
      stderr: `tasklint: unknown option "--bogus" (in "--bogus=1")\n${help}`,
    });
    expect(runCli(['--quite'])).toEqual({
      code: 2,
      stdout: '',
      stderr: `tasklint: unknown option "--quite"; did you mean "--quiet"?\n${help}`,
    });
    expect(runCli(['-x'])).toEqual({ code: 2, stdout: '', stderr: `tasklint: unknown option "-x"\n${help}` });
    expect(runCli(['--quiet=1'])).toEqual({
      code: 2,
      stdout: '',
      stderr: `tasklint: option "--quiet" takes no value (in "--quiet=1")\n${help}`,
    });
    expect(runCli(['-f'])).toEqual({
      code: 2,
      stdout: '',
      stderr: `tasklint: option "--format" needs a value\n${help}`,
    });
  });
});

describe('--report-unused-disable-directives (ESLint semantics)', () => {
  const index = [
    '# Index',
    '',
    '<!-- tasklint-disable-next-line broken-link -->',
    '[a](./a.md)',
    '',
    '<!-- tasklint-disable-next-line broken-link -->',
    '[b](./index.md)',
    '',
    '<!-- tasklint-disable-next-line broken-link, broken-anchor -->',
    '[c](./c.md)',
    '',
    '<!-- tasklint-disable -->',
    'Nothing here.',
    '<!-- tasklint-enable -->',
    '',
  ].join('\n');

  it('off by default: the comments silence what they name and nothing is said of the others', () => {
    expect(runCli([], writeFolder({ 'index.md': index }))).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('reports, as errors, each comment that silences nothing, and each rule a comment names for nothing', () => {
    const run = runCli(['--report-unused-disable-directives'], writeFolder({ 'index.md': index }));
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(
      [
        'index.md',
        '  6:1   error    Unused tasklint-disable-next-line directive (no problems were reported from "broken-link").  unused-disable-directive',
        '  9:46  error    Unused tasklint-disable-next-line directive (no problems were reported from "broken-anchor").  unused-disable-directive',
        '  12:1  error    Unused tasklint-disable directive (no problems were reported).  unused-disable-directive',
        '',
        '✖ 3 problems (3 errors, 0 warnings)',
        '',
      ].join('\n'),
    );
  });

  it('--report-unused-disable-directives-severity sets the severity', () => {
    const dir = writeFolder({ 'index.md': index });
    const warn = runCli(['--report-unused-disable-directives-severity', 'warn'], dir);
    expect(warn.code).toBe(0);
    expect(warn.stdout).toContain('✖ 3 problems (0 errors, 3 warnings)');
    expect(runCli(['--report-unused-disable-directives-severity', '0'], dir)).toEqual({
      code: 0,
      stdout: '',
      stderr: '',
    });
    expect(runCli(['--report-unused-disable-directives-severity', 'loud'], dir)).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'tasklint: --report-unused-disable-directives-severity needs off, warn or error (or 0, 1, 2), got "loud"\n',
    });
  });

  it('a comment at the other place of a contradiction is used', () => {
    const dir = writeFolder({
      'tracker.md':
        '# Tracker\n\n| Task ID | Description | Status |\n|---|---|---|\n| TASK-7 | Fix storage driver | IN PROGRESS |\n',
      'index.md': '# Index\n\n<!-- tasklint-disable-next-line task-status-conflict -->\nTASK-7 is now ✅ COMPLETE.\n',
    });
    expect(runCli(['--report-unused-disable-directives'], dir)).toEqual({ code: 0, stdout: '', stderr: '' });
  });
});
