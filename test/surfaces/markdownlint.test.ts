import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { EslintResult } from '../../src/report/json.js';
import { ROOT, runCli } from '../helpers/cli.js';
import { removeFolders, writeFolder, type Files } from '../helpers/rule-tester.js';
import { CONFLICT_MESSAGE, CONFLICT_RELATED, INDEX, TRACKER_AGREEING, TRACKER_CONTRADICTING } from './planning.js';

const MARKDOWNLINT_CLI2 = path.join(ROOT, 'node_modules', 'markdownlint-cli2', 'markdownlint-cli2-bin.mjs');
const DESCRIPTION = 'Task lists should not contradict each other';

afterAll(() => {
  removeFolders();
});

/** A project that installed tasklint (node_modules/tasklint is this checkout) and uses the documented config. */
function project(files: Files): string {
  const dir = writeFolder({
    '.markdownlint-cli2.jsonc':
      '{\n  // markdownlint\'s own rules are off to keep the output to tasklint\'s findings.\n  "config": { "default": false, "tasklint": true },\n  "customRules": ["tasklint/markdownlint"]\n}\n',
    ...files,
  });
  mkdirSync(path.join(dir, 'node_modules'));
  symlinkSync(ROOT, path.join(dir, 'node_modules', 'tasklint'), 'dir');
  return dir;
}

/** The rule's cache goes to a user cache folder of the tests' own, not the home folder's. */
const USER_CACHE = writeFolder({});

function markdownlintCli2(
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MARKDOWNLINT_CLI2, ...args], {
      cwd,
      env: { ...process.env, XDG_CACHE_HOME: USER_CACHE, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({ code, output });
    });
  });
}

describe('markdownlint custom rule (tasklint/markdownlint)', { timeout: 60_000 }, () => {
  it('writes nothing into a work tree that is no Node project: its cache goes to the user cache folder', async () => {
    // tasklint installed elsewhere (globally, say): the repository has no package.json and no node_modules.
    const dir = writeFolder({
      '.markdownlint-cli2.jsonc': JSON.stringify({
        config: { default: false, tasklint: true },
        customRules: [path.join(ROOT, 'dist', 'src', 'adapters', 'markdownlint.js')],
      }),
      'index.md': INDEX,
      'tracker.md': TRACKER_CONTRADICTING,
    });
    const git = (...args: string[]) => {
      const result = spawnSync('git', args, {
        cwd: dir,
        encoding: 'utf8',
        env: {
          ...process.env,
          GIT_CONFIG_NOSYSTEM: '1',
          GIT_AUTHOR_NAME: 'Test',
          GIT_AUTHOR_EMAIL: 'test@example.com',
          GIT_COMMITTER_NAME: 'Test',
          GIT_COMMITTER_EMAIL: 'test@example.com',
        },
      });
      expect(result.status, result.stderr).toBe(0);
      return result.stdout;
    };
    git('init', '-q');
    git('add', '-A');
    git('commit', '-q', '--no-gpg-sign', '-m', 'plan');
    const userCache = writeFolder({});
    const run = await markdownlintCli2(['*.md'], dir, { XDG_CACHE_HOME: userCache });
    expect(run.code, run.output).toBe(1);
    expect(run.output).toContain(
      `index.md:5:3 error tasklint ${DESCRIPTION} [task-status-conflict: ${CONFLICT_MESSAGE}`,
    );
    expect(git('status', '--porcelain', '--untracked-files=all', '--ignored')).toBe('');
    expect(readdirSync(path.join(userCache, 'tasklint'))).toHaveLength(1);
  });

  it('shows each finding at both of its files in markdownlint-cli2, the other place named', async () => {
    const dir = project({ 'index.md': INDEX, 'tracker.md': TRACKER_CONTRADICTING });
    const run = await markdownlintCli2(['*.md'], dir);
    expect(run.code, run.output).toBe(1);
    expect(run.output).toContain(
      `index.md:5:3 error tasklint ${DESCRIPTION} [task-status-conflict: ${CONFLICT_MESSAGE} (also at tracker.md:5: ${CONFLICT_RELATED})]`,
    );
    expect(run.output).toContain(
      `tracker.md:5:3 error tasklint ${DESCRIPTION} [task-status-conflict: ${CONFLICT_RELATED}. At index.md:5: ${CONFLICT_MESSAGE}]`,
    );
    expect(run.output).toContain('Summary: 2 error(s)');
    // The README prints the tracker's line.
    const shown = /### markdownlint\n[\s\S]*?```text\n([\s\S]*?)```/
      .exec(readFileSync(path.join(ROOT, 'README.md'), 'utf8'))![1]!
      .trim();
    expect(run.output).toContain(shown);
  });

  it("markdownlint-cli2 --fix applies the fixes of tasklint's findings in each file and reports what is left", async () => {
    const plan =
      '# Plan\n\n## Release Tasks (5 tasks)\n\n| Task ID | Description | Status |\n| --- | --- | --- |\n| TASK-11 | Tag | Pending |\n| TASK-12 | Publish | Pending |\n| TASK-13 | Announce | Pending |\n| TASK-14 | Archive | Pending |\n\n- Progress: 20% (1/4 tasks)\n';
    const dir = project({ 'plan.md': plan, 'index.md': INDEX, 'tracker.md': TRACKER_CONTRADICTING });
    const run = await markdownlintCli2(['--fix', '*.md'], dir);
    expect(readFileSync(path.join(dir, 'plan.md'), 'utf8')).toBe(
      plan.replace('(5 tasks)', '(4 tasks)').replace('20% (1/4', '25% (1/4'),
    );
    // A contradiction has no fix: it is still reported, and the files are as they were.
    expect(run.code, run.output).toBe(1);
    expect(run.output).not.toContain('plan.md');
    expect(readFileSync(path.join(dir, 'tracker.md'), 'utf8')).toBe(TRACKER_CONTRADICTING);
    expect(readFileSync(path.join(dir, 'index.md'), 'utf8')).toBe(INDEX);
  });

  describe("severities: a tasklint warning does not fail the run, an error does (the README's configs)", () => {
    /** The JSON blocks of the README's markdownlint section, as printed: the plain config, then the one with warnings. */
    const section = readFileSync(path.join(ROOT, 'README.md'), 'utf8')
      .split('\n### markdownlint\n')[1]!
      .split('\n## ')[0]!;
    const [PLAIN, WITH_WARNINGS] = [...section.matchAll(/```json\n([\s\S]*?)```/g)].map((match) => match[1]!);
    /** A dependency on a task no document defines: a tasklint warning, and nothing markdownlint's own rules report. */
    const WARNING_ONLY = {
      'index.md':
        '# Task index\n\n| Task ID | Description | Status | Depends on |\n| --- | --- | --- | --- |\n| TASK-1 | Set up storage | ✅ COMPLETE | |\n| TASK-2 | Configure scheduler | Pending | TASK-9 |\n',
    };
    const WARNING = 'TASK-9 is a dependency of TASK-2 here, but no linted document defines TASK-9.';
    const warningLine = (severity: string) =>
      `index.md:6:44 ${severity} tasklint-warnings ${DESCRIPTION} (tasklint warnings) [unknown-task-reference: ${WARNING}]`;

    it('the plain config: tasklint errors only, so a folder with only a warning passes (exit 0)', async () => {
      expect(JSON.parse(PLAIN!)).toEqual({ customRules: ['tasklint/markdownlint'] });
      const dir = project({ ...WARNING_ONLY, '.markdownlint-cli2.jsonc': PLAIN! });
      const cli = runCli(['.'], dir);
      expect(cli.stdout).toContain(`warning  ${WARNING}  unknown-task-reference`);
      expect(cli.code).toBe(0);
      const run = await markdownlintCli2(['*.md'], dir);
      expect(run.output).toContain('Summary: 0 error(s)');
      expect(run.code, run.output).toBe(0);
    });

    it('with tasklint/markdownlint-warnings and "tasklint-warnings": "warning", the warning is shown as a warning and the run passes', async () => {
      const dir = project({ ...WARNING_ONLY, '.markdownlint-cli2.jsonc': WITH_WARNINGS! });
      const run = await markdownlintCli2(['*.md'], dir);
      expect(run.output).toContain(warningLine('warning'));
      expect(run.code, run.output).toBe(0);
    });

    it('configured as errors (without "warning"), the warning fails the run', async () => {
      const config = JSON.parse(WITH_WARNINGS!) as { config: Record<string, unknown> };
      delete config.config['tasklint-warnings'];
      const dir = project({ ...WARNING_ONLY, '.markdownlint-cli2.jsonc': JSON.stringify(config) });
      const run = await markdownlintCli2(['*.md'], dir);
      expect(run.output).toContain(warningLine('error'));
      expect(run.code, run.output).toBe(1);
    });

    it("with the warnings rule loaded, markdownlint-cli2 --fix applies a warning's fix too: a progress figure recounted from the list it links to", async () => {
      const rows = Array.from({ length: 4 }, (_, i) => `| HPC-${i + 1} | Step | ${i < 3 ? 'COMPLETE' : 'Pending'} |`);
      const tracker =
        '# Tracker\n\n## HPC\n\n**Status:** 50% Complete (2/4 tasks)\n\n**Reference:** [hpc.md](./hpc.md)\n';
      const dir = project({
        'hpc.md': `# HPC\n\n| Task ID | Description | Status |\n| --- | --- | --- |\n${rows.join('\n')}\n`,
        'tracker.md': tracker,
        '.markdownlint-cli2.jsonc': WITH_WARNINGS!,
      });
      const fix = await markdownlintCli2(['--fix', '*.md'], dir);
      expect(fix.code, fix.output).toBe(0);
      expect(readFileSync(path.join(dir, 'tracker.md'), 'utf8')).toBe(
        tracker.replace('50% Complete (2/4', '75% Complete (3/4'),
      );
      // markdownlint-cli2 lints each file on its own: the list's file may have been linted while
      // the tracker still said 2/4. The next run sees both as they are now.
      const run = await markdownlintCli2(['*.md'], dir);
      expect(run.output).not.toContain('progress-conflict');
      expect(run.code, run.output).toBe(0);
    });

    it('an error still fails the run, with the warnings rule loaded or not', async () => {
      const files = { ...WARNING_ONLY, 'tracker.md': TRACKER_CONTRADICTING };
      for (const config of [PLAIN!, WITH_WARNINGS!]) {
        const run = await markdownlintCli2(['*.md'], project({ ...files, '.markdownlint-cli2.jsonc': config }));
        expect(run.output).toContain(`index.md:5:3 error tasklint ${DESCRIPTION} [task-status-conflict:`);
        expect(run.output.includes(warningLine('warning')), run.output).toBe(config === WITH_WARNINGS);
        expect(run.code, run.output).toBe(1);
      }
    });
  });

  it('reports on a file in a dot folder (.github/ROADMAP.md) against the rest of the folder', async () => {
    const dir = project({ '.github/ROADMAP.md': INDEX, 'tracker.md': TRACKER_CONTRADICTING });
    const run = await markdownlintCli2(['.github/ROADMAP.md'], dir);
    expect(run.code, run.output).toBe(1);
    expect(run.output).toContain(
      `.github/ROADMAP.md:5:3 error tasklint ${DESCRIPTION} [task-status-conflict: ${CONFLICT_MESSAGE}`,
    );
  });

  it('stays silent on a folder that agrees, and honours tasklint-disable comments', async () => {
    const roadmap = TRACKER_CONTRADICTING.replace('# Tracker', '# Roadmap');
    const suppressed =
      roadmap.replace('| Task ID', '<!-- tasklint-disable task-status-conflict -->\n\n| Task ID') +
      '\n<!-- tasklint-enable task-status-conflict -->\n';
    // markdownlint hands rules the text with comments blanked out: they must still count.
    const dir = project({ 'index.md': INDEX, 'tracker.md': TRACKER_AGREEING, 'roadmap.md': suppressed });
    expect(runCli(['.'], dir)).toMatchObject({ code: 0, stdout: '' });
    expect(
      runCli(['.'], project({ 'index.md': INDEX, 'tracker.md': TRACKER_AGREEING, 'roadmap.md': roadmap })).code,
    ).toBe(1);
    const run = await markdownlintCli2(['*.md'], dir);
    expect(run.output).toContain('Summary: 0 error(s)');
    expect(run.code, run.output).toBe(0);
  });

  it('reports the same findings as the command line on the examples folder, each at every file it involves, at its severity', async () => {
    const dir = project({
      '.markdownlint-cli2.jsonc': JSON.stringify({
        config: { default: false, tasklint: true, 'tasklint-warnings': 'warning' },
        customRules: ['tasklint/markdownlint', 'tasklint/markdownlint-warnings'],
      }),
    });
    cpSync(path.join(ROOT, 'examples'), path.join(dir, 'examples'), { recursive: true });
    const cli = runCli(['--format', 'json', 'examples'], dir);
    const findings = (JSON.parse(cli.stdout) as EslintResult[]).flatMap((result) =>
      result.messages.map((message) => ({ file: result.filePath, ...message })),
    );
    expect(findings.length).toBeGreaterThan(0);

    const run = await markdownlintCli2(['examples/**/*.md'], dir);
    const lines = run.output.split('\n').filter((line) => / (error tasklint|warning tasklint-warnings) /.test(line));
    const name = (file: string) => path.relative(dir, file).split(path.sep).join('/');
    // markdownlint gives rules no line of the front matter (and the blank lines after it): a
    // finding there is shown on the first line after it.
    const shownLine = (file: string, line: number): number => {
      const frontMatter = /^---[^\S\r\n]*$[\s\S]+?^---\s*(?:\r\n|\r|\n|$)/m.exec(readFileSync(file, 'utf8'));
      const lines = frontMatter?.index === 0 ? (frontMatter[0].match(/\n/g) ?? []).length : 0;
      return line <= lines ? lines + 1 : line;
    };
    let expected = 0;
    for (const finding of findings) {
      expected += 1;
      const at = `${name(finding.file)}:${shownLine(finding.file, finding.line)}`;
      const severity = finding.severity === 2 ? ' error tasklint ' : ' warning tasklint-warnings ';
      expect(
        lines.some(
          (line) =>
            line.startsWith(at) && line.includes(severity) && line.includes(`${finding.ruleId}: ${finding.message}`),
        ),
        `${at} ${finding.message}\n${run.output}`,
      ).toBe(true);
      for (const related of finding.related.filter((r) => r.filePath !== finding.file)) {
        expected += 1;
        const there = `${name(related.filePath)}:${shownLine(related.filePath, related.line)}`;
        expect(
          lines.some((line) => line.startsWith(there) && line.includes(severity) && line.includes(finding.message)),
          `${there} (other place of ${at})\n${run.output}`,
        ).toBe(true);
      }
    }
    expect(lines).toHaveLength(expected);
  });

  it('lints the text an editor holds, not the saved file (markdownlint-cli2 fileContents)', async () => {
    const dir = project({ 'index.md': INDEX, 'tracker.md': TRACKER_AGREEING });
    const { main } = (await import(path.join(ROOT, 'node_modules', 'markdownlint-cli2', 'markdownlint-cli2.mjs'))) as {
      main: (params: Record<string, unknown>) => Promise<number>;
    };
    const errors: string[] = [];
    // The rule runs in this process here: its cache goes where the other runs' goes.
    const userCache = process.env.XDG_CACHE_HOME;
    process.env.XDG_CACHE_HOME = USER_CACHE;
    const code = await main({
      directory: dir,
      argv: ['tracker.md'],
      fileContents: { [path.join(dir, 'tracker.md')]: TRACKER_CONTRADICTING },
      logMessage: () => undefined,
      logError: (message: string) => errors.push(message),
    }).finally(() => {
      if (userCache === undefined) delete process.env.XDG_CACHE_HOME;
      else process.env.XDG_CACHE_HOME = userCache;
    });
    expect(errors.join('\n')).toContain(
      `tracker.md:5:3 error tasklint ${DESCRIPTION} [task-status-conflict: ${CONFLICT_RELATED}. At index.md:5: ${CONFLICT_MESSAGE}]`,
    );
    expect(code).toBe(1);
  });
});
