import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';
import { readmeBlock } from '../helpers/readme.js';
import { removeFolders, writeFolder } from '../helpers/rule-tester.js';

const conflict = {
  'tracker.md':
    '# Tracker\n\n| Task ID | Description | Status |\n|---|---|---|\n| TASK-7 | Fix storage driver | IN PROGRESS |\n',
  'index.md': '# Index\n\nTASK-7 is now ✅ COMPLETE.\n',
};

describe('tasklint on a folder', () => {
  it('prints each contradiction once with its other place, and exits 1', () => {
    const dir = writeFolder(conflict);
    const run = runCli(['.'], dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      'tracker.md\n  5:3  error    TASK-7 is in progress here ("IN PROGRESS") but done at index.md:3 ("COMPLETE").  task-status-conflict',
    );
    expect(run.stdout).toContain('↳ index.md:3:1  TASK-7 is done here ("COMPLETE")');
    expect(run.stdout.match(/task-status-conflict/g)).toHaveLength(1);
    expect(run.stdout).toContain('✖ 1 problem (1 error, 0 warnings)');
  });

  it('finds the config of the folder it lints, run from above it (as ESLint 10 looks up from the linted files)', () => {
    const idsWithoutDash = {
      'planning/.tasklintrc.json': '{ "taskIdPattern": "TASK\\\\d{3}" }\n',
      'planning/a.md': '# A\n\n| Task ID | Description | Status |\n|---|---|---|\n| TASK001 | Mount volumes | Done |\n',
      'planning/b.md':
        '# B\n\n| Task ID | Description | Status |\n|---|---|---|\n| TASK001 | Mount volumes | Pending |\n',
    };
    const dir = writeFolder(idsWithoutDash);
    const fromRoot = runCli(['planning'], dir);
    expect(fromRoot.stdout).toContain('task-status-conflict');
    expect(fromRoot.code).toBe(1);
    expect(runCli(['.'], path.join(dir, 'planning')).stdout).toContain('task-status-conflict');
    expect(runCli(['--print-config', 'planning'], dir).stdout).toContain('TASK\\\\d{3}');
  });

  it('exits 0 and prints nothing on a consistent folder', () => {
    const dir = writeFolder({ 'index.md': '# Index\n\n[Tracker](./tracker.md)\n', 'tracker.md': '# Tracker\n' });
    expect(runCli([], dir)).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('honours .gitignore and lints only Markdown below a folder', () => {
    const dir = writeFolder({ ...conflict, '.gitignore': 'index.md\n', 'notes.txt': 'TASK-7 is COMPLETE.\n' });
    expect(runCli(['.'], dir).code).toBe(0);
  });

  it('lints a file named explicitly whatever its extension', () => {
    const dir = writeFolder({ 'tracker.txt': conflict['tracker.md'], 'index.txt': conflict['index.md'] });
    const run = runCli(['tracker.txt', 'index.txt'], dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('task-status-conflict');
  });

  it("--format json is ESLint's result format with related places", () => {
    const dir = writeFolder(conflict);
    const run = runCli(['--format', 'json'], dir);
    const results = JSON.parse(run.stdout) as {
      filePath: string;
      errorCount: number;
      messages: Record<string, unknown>[];
    }[];
    expect(results.map((r) => path.basename(r.filePath))).toEqual(['index.md', 'tracker.md']);
    const tracker = results[1]!;
    expect(tracker.errorCount).toBe(1);
    expect(tracker.messages[0]).toMatchObject({
      ruleId: 'task-status-conflict',
      severity: 2,
      line: 5,
      column: 3,
      endLine: 5,
      endColumn: 9,
      related: [
        {
          filePath: path.join(dir, 'index.md'),
          line: 3,
          column: 1,
          endLine: 3,
          endColumn: 7,
          message: 'TASK-7 is done here ("COMPLETE")',
        },
      ],
    });
  });

  it('--output-file writes the report and keeps the exit code', () => {
    const dir = writeFolder(conflict);
    const run = runCli(['-f', 'json', '-o', 'report.json'], dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8'))).toHaveLength(2);
  });

  it('warnings alone exit 0, --max-warnings makes them fail, --quiet hides them', () => {
    const dir = writeFolder({ 'notes.md': Buffer.from('# Notes\n\nCaf\xe9\n', 'latin1') });
    const plain = runCli([], dir);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain('warning');
    const strict = runCli(['--max-warnings', '0'], dir);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain('too many warnings');
    expect(runCli(['--quiet'], dir)).toMatchObject({ code: 0, stdout: '' });
  });

  it('--report-only keeps the findings that touch the given file, at either place', () => {
    const dir = writeFolder({ ...conflict, 'other.md': '# Other\n\n[gone](./gone.md)\n' });
    const run = runCli(['.', '--report-only', 'index.md'], dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('task-status-conflict');
    expect(run.stdout).not.toContain('broken-link');
  });
});

describe('inline suppression', () => {
  it('disable-next-line, disable/enable and disable-file silence the named rule', () => {
    const dir = writeFolder({
      'index.md':
        '# Index\n\n<!-- tasklint-disable-next-line broken-link -->\n[a](./a.md)\n\n<!-- tasklint-disable broken-link -->\n[b](./b.md)\n<!-- tasklint-enable broken-link -->\n[c](./c.md)\n',
      'other.md': '<!-- tasklint-disable-file -->\n[d](./d.md)\n',
    });
    const run = runCli(['-f', 'json'], dir);
    const messages = (JSON.parse(run.stdout) as { messages: { message: string; line: number }[] }[]).flatMap(
      (r) => r.messages,
    );
    expect(messages.map((m) => `${m.line} ${m.message}`)).toEqual(['9 Link target "./c.md" does not exist.']);
  });

  it('a comment at the other place of a contradiction silences it too', () => {
    const dir = writeFolder({
      ...conflict,
      'index.md': '# Index\n\n<!-- tasklint-disable-next-line task-status-conflict -->\nTASK-7 is now ✅ COMPLETE.\n',
    });
    expect(runCli([], dir).code).toBe(0);
  });
});

describe('usage and config errors exit 2 with a clear message', () => {
  it('a path that does not exist', () => {
    const run = runCli(['no-such-folder']);
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toMatch(
      /^tasklint: No files matching the pattern "no-such-folder" were found: no such file or directory\.\n/,
    );
  });

  it('an unknown option or format', () => {
    expect(runCli(['--frobnicate']).stderr).toMatch(/^tasklint: unknown option "--frobnicate"/);
    expect(runCli(['--format', 'xml'])).toMatchObject({
      code: 2,
      stderr: 'tasklint: unknown format "xml"; use one of stylish, json, sarif, github\n',
    });
  });

  it('a config with a bad value names the key and why', () => {
    const dir = writeFolder({
      '.tasklintrc.json': JSON.stringify({ rules: { 'broken-link': 'loud' }, exlude: [] }),
      'index.md': '# Index\n',
    });
    const run = runCli([], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Invalid config .tasklintrc.json');
    expect(run.stderr).toContain('exlude: unknown key');
    expect(run.stderr).toContain('rules.broken-link: must be one of "off", "warn", "error"');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('an unknown rule and bad rule options', () => {
    const dir = writeFolder({
      '.tasklintrc.json': JSON.stringify({ rules: { 'no-such-rule': 'warn' } }),
      'index.md': '# Index\n',
    });
    expect(runCli([], dir).stderr).toContain('rules.no-such-rule: unknown rule');
    const dir2 = writeFolder({
      '.tasklintrc.json': JSON.stringify({ rules: { 'broken-link': ['warn', { colour: 'red' }] } }),
      'index.md': '# Index\n',
    });
    const run = runCli([], dir2);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('rules.broken-link[1].colour: unknown key');
  });

  it('JSON that does not parse', () => {
    const dir = writeFolder({ 'tasklint.config.json': '{ "rules": ', 'index.md': '# Index\n' });
    const run = runCli([], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('not valid JSON');
  });

  it('a task ID pattern that is not a regular expression, or backtracks catastrophically', () => {
    const bad = writeFolder({
      '.tasklintrc.json': JSON.stringify({ taskIdPattern: 'TASK-(\\d+' }),
      'index.md': '# Index\n',
    });
    expect(runCli([], bad).stderr).toContain('taskIdPattern: not a valid regular expression');
    const slow = writeFolder({
      '.tasklintrc.json': JSON.stringify({ taskIdPattern: '(A+)+B' }),
      'index.md': '# Index\n',
    });
    const run = runCli([], slow);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('taskIdPattern: takes too long');
  });
});

describe('config', () => {
  it('is found upward from the working directory, also as a "tasklint" key in package.json', () => {
    const dir = writeFolder({
      'package.json': JSON.stringify({ name: 'plans', tasklint: { rules: { 'broken-link': 'off' } } }),
      'docs/index.md': '[gone](./gone.md)\n',
    });
    expect(runCli(['.'], path.join(dir, 'docs')).code).toBe(0);
    const printed = JSON.parse(runCli(['--print-config'], path.join(dir, 'docs')).stdout) as {
      configFile: string;
      rules: Record<string, string>;
    };
    expect(printed.configFile).toBe(path.join(dir, 'package.json'));
    expect(printed.rules['broken-link']).toEqual(['off', {}]);
  });

  it('per-rule severity turns an error into a warning', () => {
    const dir = writeFolder({
      '.tasklintrc.json': JSON.stringify({ rules: { 'broken-link': 'warn' } }),
      'index.md': '[gone](./gone.md)\n',
    });
    const run = runCli([], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('warning  Link target "./gone.md" does not exist.  broken-link');
  });

  it('status words and the task ID pattern are configurable', () => {
    const dir = writeFolder({
      '.tasklintrc.json': JSON.stringify({ taskIdPattern: 'PLAT-\\d+', statusWords: { done: ['landed'] } }),
      'a.md': '| ID | Task | Status |\n|---|---|---|\n| PLAT-12 | Ship it | In Progress |\n',
      'b.md': '| ID | Task | Status |\n|---|---|---|\n| PLAT-12 | Ship it | Landed |\n',
    });
    const run = runCli([], dir);
    expect(run.stdout).toContain('PLAT-12 is in progress here');
  });

  it('checkbox markers beyond [ ] and [x] mean what the config says, and nothing without it', () => {
    const files = {
      'a.md':
        '# Now\n\n- [~] TASK-1 Refactor the importer\n- [-] TASK-2 Drop the old exporter\n- [/] TASK-3 Index the logs\n',
      'b.md':
        '| ID | Task | Status |\n|---|---|---|\n| TASK-1 | Refactor the importer | Done |\n| TASK-2 | Drop the old exporter | Superseded |\n| TASK-3 | Index the logs | Done |\n',
    };
    const configured = runCli(
      [],
      writeFolder({
        ...files,
        '.tasklintrc.json': JSON.stringify({ checkboxMarkers: { 'in-progress': ['[~]'], deprecated: ['[-]'] } }),
      }),
    );
    // [-] agrees with "Superseded"; [/] is listed nowhere, so it says nothing (and never "done").
    expect(configured.stdout).toContain('TASK-1 is done here ("Done") but in progress at a.md:3 ("[~]").');
    expect(configured.stdout).not.toContain('TASK-2');
    expect(configured.stdout).not.toContain('TASK-3');
    expect(runCli([], writeFolder(files)).stdout).not.toContain('TASK-1');
  });

  it("the README's example config is valid as printed, and its checkbox markers are read", () => {
    const dir = writeFolder({
      '.tasklintrc.json': readmeBlock('json', /^JSON only, never executed/).code,
      'planning/a.md': '# Now\n\n- [~] TASK-1 Refactor the importer\n',
      'planning/b.md': '| ID | Task | Status |\n|---|---|---|\n| TASK-1 | Refactor the importer | Done |\n',
    });
    const run = runCli([], dir);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('TASK-1 is done here ("Done") but in progress at planning/a.md:3 ("[~]").');
  });

  it('a bad checkbox marker is named with its key and why', () => {
    const config = `{
  "checkboxMarkers": {
    "done": ["[X]", "~", "[~]"],
    "in-progress": ["[~]"],
    "skipped": ["[-]"]
  }
}
`;
    expect(runCli([], writeFolder({ '.tasklintrc.json': config, 'index.md': '# Index\n' }))).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'tasklint: Invalid config .tasklintrc.json:\n' +
        '  .tasklintrc.json:5:5  checkboxMarkers.skipped: unknown key\n' +
        '  .tasklintrc.json:3:14  checkboxMarkers.done[0]: "[X]" is GFM\'s own checkbox, always done; list only other markers\n' +
        '  .tasklintrc.json:3:21  checkboxMarkers.done[1]: "~" is not a checkbox marker; write one or two characters in brackets, such as "[~]"\n' +
        '  .tasklintrc.json:4:21  checkboxMarkers.in-progress[0]: "[~]" is listed under "done" too; give each marker one status\n',
    });
  });

  it('--config names a file; the schema ships in the package', () => {
    const dir = writeFolder({
      'conf/lint.json': JSON.stringify({
        $schema: '../node_modules/tasklint/schema.json',
        rules: { 'broken-link': 'off' },
      }),
      'index.md': '[gone](./gone.md)\n',
    });
    expect(runCli(['--config', 'conf/lint.json'], dir).code).toBe(0);
    expect(existsSync(path.join(ROOT, 'schema.json'))).toBe(true);
  });
});

describe('help, version, explain, facts', () => {
  it('--version prints the package version', () => {
    const version = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    expect(runCli(['--version'])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it("--explain prints a rule's docs; an unknown rule is a usage error", () => {
    const run = runCli(['--explain', 'percent-mismatch']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('# percent-mismatch');
    expect(run.stdout).toContain('## Why is this bad?');
    expect(runCli(['--explain', 'nope'])).toMatchObject({ code: 2 });
  });

  it('facts shows each task with its places, statuses and percentages', () => {
    const dir = writeFolder(conflict);
    const run = runCli(['facts'], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /TASK-7\n {4}index\.md:3:1 {2}reference \(prose\) {2}status=done "COMPLETE"\n {4}tracker\.md:5:3 {2}definition \(table\) {2}status=in-progress "IN PROGRESS" {2}title="Fix storage driver"/,
    );
    const json = JSON.parse(runCli(['facts', '--json'], dir).stdout) as { tasks: Record<string, unknown[]> };
    expect(json.tasks['TASK-7']).toHaveLength(2);
  });

  it('facts shows the lists that claim to be complete, and the IDs used for two tasks', () => {
    const dir = writeFolder({
      'backend.md':
        '# Backend\n\n**Tasks:** TASK-11, TASK-12\n\n| Task ID | Description | Status |\n|---|---|---|\n| TASK-11 | Deploy container registry | Pending |\n| TASK-12 | Registry benchmarks | Pending |\n',
      'docs.md':
        '# Docs\n\n| Task ID | Description | Status |\n|---|---|---|\n| TASK-11 | Write migration guide | Pending |\n',
    });
    const { stdout } = runCli(['facts'], dir);
    expect(stdout).toContain('\n  TASK-11  (used for 2 tasks, by title)\n');
    expect(stdout).toContain('\n  TASK-12\n');
    expect(stdout).toContain('\n  backend.md:3  tasks: TASK-11, TASK-12  (of the heading at line 1)\n');
  });

  it('facts shows each phase with the places that name it, their statuses, and its tasks', () => {
    const dir = writeFolder({
      'index.md':
        '# Index\n\n| Phase | Tasks | Status |\n|---|---|---|\n| [Phase 0: Foundation](./phase-0-foundation.md) | CLOUD-0.1 to 0.2 | Not Started |\n',
      'phase-0-foundation.md':
        '# Phase 0: Foundation\n\n**Status:** ✅ Completed\n\n| Task ID | Description | Status |\n|---|---|---|\n| CLOUD-0.1 | Accounts | ✅ Complete |\n| CLOUD-0.2 | Network | ✅ Complete |\n',
    });
    const run = runCli(['facts'], dir);
    expect(run.stdout).toContain(
      [
        '  Phase 0: Foundation',
        '    index.md:5  table  status=pending "Not Started"',
        '    phase-0-foundation.md:1  heading (the document)',
        '    phase-0-foundation.md:3  field (the document)  status=done "✅ Completed"',
        '    tasks in phase-0-foundation.md: CLOUD-0.1=done, CLOUD-0.2=done',
      ].join('\n'),
    );
  });
});

afterAll(removeFolders);
