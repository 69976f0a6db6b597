import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { EslintResult } from '../../src/report/json.js';
import { ROOT, runCli } from '../helpers/cli.js';
import { removeFolders, writeFolder, type Files } from '../helpers/rule-tester.js';
import { CONFLICT_MESSAGE, CONFLICT_RELATED, INDEX, TRACKER_AGREEING, TRACKER_CONTRADICTING } from './planning.js';

const MARKDOWNLINT_CLI2 = path.join(ROOT, 'node_modules', 'markdownlint-cli2', 'markdownlint-cli2-bin.mjs');
const DESCRIPTION = 'Task lists should not contradict each other';

afterAll(() => removeFolders());

/** A project that installed tasklint (node_modules/tasklint is this checkout) and uses the documented config. */
function project(files: Files): string {
  const dir = writeFolder({
    '.markdownlint-cli2.jsonc': '{\n  // markdownlint\'s own rules are off to keep the output to tasklint\'s findings.\n  "config": { "default": false, "tasklint": true },\n  "customRules": ["tasklint/markdownlint"]\n}\n',
    ...files,
  });
  mkdirSync(path.join(dir, 'node_modules'));
  symlinkSync(ROOT, path.join(dir, 'node_modules', 'tasklint'), 'dir');
  return dir;
}

function markdownlintCli2(args: string[], cwd: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MARKDOWNLINT_CLI2, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe('markdownlint custom rule (tasklint/markdownlint)', { timeout: 60_000 }, () => {
  it('shows each finding at both of its files in markdownlint-cli2, the other place named', async () => {
    const dir = project({ 'index.md': INDEX, 'tracker.md': TRACKER_CONTRADICTING });
    const run = await markdownlintCli2(['*.md'], dir);
    expect(run.code, run.output).toBe(1);
    expect(run.output).toContain(`index.md:5:3 error tasklint ${DESCRIPTION} [task-status-conflict: ${CONFLICT_MESSAGE} (also at tracker.md:5: ${CONFLICT_RELATED})]`);
    expect(run.output).toContain(`tracker.md:5:3 error tasklint ${DESCRIPTION} [task-status-conflict: ${CONFLICT_RELATED}. At index.md:5: ${CONFLICT_MESSAGE}]`);
    expect(run.output).toContain('Summary: 2 error(s)');
  });

  it('reports on a file in a dot folder (.github/ROADMAP.md) against the rest of the folder', async () => {
    const dir = project({ '.github/ROADMAP.md': INDEX, 'tracker.md': TRACKER_CONTRADICTING });
    const run = await markdownlintCli2(['.github/ROADMAP.md'], dir);
    expect(run.code, run.output).toBe(1);
    expect(run.output).toContain(`.github/ROADMAP.md:5:3 error tasklint ${DESCRIPTION} [task-status-conflict: ${CONFLICT_MESSAGE}`);
  });

  it('stays silent on a folder that agrees, and honours tasklint-disable comments', async () => {
    const roadmap = TRACKER_CONTRADICTING.replace('# Tracker', '# Roadmap');
    const suppressed = roadmap.replace('| Task ID', '<!-- tasklint-disable task-status-conflict -->\n\n| Task ID') + '\n<!-- tasklint-enable task-status-conflict -->\n';
    // markdownlint hands rules the text with comments blanked out: they must still count.
    const dir = project({ 'index.md': INDEX, 'tracker.md': TRACKER_AGREEING, 'roadmap.md': suppressed });
    expect(runCli(['.'], dir)).toMatchObject({ code: 0, stdout: '' });
    expect(runCli(['.'], project({ 'index.md': INDEX, 'tracker.md': TRACKER_AGREEING, 'roadmap.md': roadmap })).code).toBe(1);
    const run = await markdownlintCli2(['*.md'], dir);
    expect(run.output).toContain('Summary: 0 error(s)');
    expect(run.code, run.output).toBe(0);
  });

  it('reports the same findings as the command line on the examples folder, each at every file it involves', async () => {
    const dir = project({});
    cpSync(path.join(ROOT, 'examples'), path.join(dir, 'examples'), { recursive: true });
    const cli = runCli(['--format', 'json', '.'], dir);
    const findings = (JSON.parse(cli.stdout) as EslintResult[]).flatMap((result) => result.messages.map((message) => ({ file: result.filePath, ...message })));
    expect(findings.length).toBeGreaterThan(0);

    const run = await markdownlintCli2(['examples/**/*.md'], dir);
    const lines = run.output.split('\n').filter((line) => line.includes(' tasklint '));
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
      expect(lines.some((line) => line.startsWith(at) && line.includes(`${finding.ruleId}: ${finding.message}`)), `${at} ${finding.message}\n${run.output}`).toBe(true);
      for (const related of finding.related.filter((r) => r.filePath !== finding.file)) {
        expected += 1;
        const there = `${name(related.filePath)}:${shownLine(related.filePath, related.line)}`;
        expect(lines.some((line) => line.startsWith(there) && line.includes(finding.message)), `${there} (other place of ${at})\n${run.output}`).toBe(true);
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
    const code = await main({
      directory: dir,
      argv: ['tracker.md'],
      fileContents: { [path.join(dir, 'tracker.md')]: TRACKER_CONTRADICTING },
      logMessage: () => undefined,
      logError: (message: string) => errors.push(message),
    });
    expect(errors.join('\n')).toContain(`tracker.md:5:3 error tasklint ${DESCRIPTION} [task-status-conflict: ${CONFLICT_RELATED}. At index.md:5: ${CONFLICT_MESSAGE}]`);
    expect(code).toBe(1);
  });
});
