import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';
import { CONFLICT_MESSAGE, INDEX, TRACKER_AGREEING, TRACKER_CONTRADICTING } from './planning.js';

const preCommitVersion = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' });
const hasPreCommit = preCommitVersion.status === 0;
const SKIP_REASON = 'skipped: the pre-commit program is not on PATH (Debian package "pre-commit"; .ci/run installs it)';
if (!hasPreCommit) console.warn(`pre-commit hook test ${SKIP_REASON}`);

const folders: string[] = [];
afterAll(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(name: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `tasklint-${name}-`));
  folders.push(dir);
  return dir;
}

interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Asynchronous: installing the hook takes a while, and the test worker must keep answering. */
function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

async function must(pending: Promise<Ran>): Promise<string> {
  const result = await pending;
  if (result.status !== 0) throw new Error(`exit ${result.status}\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

/**
 * This checkout as it would be committed (tracked and new files, not the ignored ones), as a git
 * repository of its own: pre-commit clones a hook repository at a rev, and the lead commits
 * later, so the working tree is what must be tested. Installing it runs the real `npm install`
 * of a `language: node` hook, build included.
 */
async function snapshotOfCheckout(env: NodeJS.ProcessEnv): Promise<{ repo: string; rev: string }> {
  const repo = tempDir('hook-repo');
  const listed = (await must(run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], ROOT, env))).split('\0').filter(Boolean);
  for (const file of listed) {
    const source = path.join(ROOT, file);
    if (!existsSync(source) || !statSync(source).isFile()) continue;
    mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
    copyFileSync(source, path.join(repo, file));
  }
  await must(run('git', ['init', '-q'], repo, env));
  await must(run('git', ['add', '-A'], repo, env));
  await must(run('git', ['commit', '-q', '-m', 'snapshot of the tasklint checkout'], repo, env));
  return { repo, rev: (await must(run('git', ['rev-parse', 'HEAD'], repo, env))).trim() };
}

describe('tasklint --hook FILE... (what the hook runs)', { timeout: 30_000 }, () => {
  function repository(files: Record<string, string>): string {
    const dir = tempDir('hook-cli');
    for (const [name, content] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      writeFileSync(path.join(dir, name), content);
    }
    spawnSync('git', ['init', '-q'], { cwd: dir });
    return dir;
  }

  it('reads the whole repository and reports what touches the given files', () => {
    const dir = repository({ 'planning/index.md': INDEX, 'planning/tracker.md': TRACKER_CONTRADICTING, 'notes/other.md': '# Other\n' });
    const staged = runCli(['--hook', 'planning/tracker.md'], dir);
    expect(staged.code).toBe(1);
    expect(staged.stdout).toContain(`planning/index.md\n  5:3  error    ${CONFLICT_MESSAGE.replace('tracker.md', 'planning/tracker.md')}`);
    expect(runCli(['--hook', 'notes/other.md'], dir)).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('reads the planning files kept in dot folders (.github/, .kiro/)', () => {
    const dir = repository({ '.github/ROADMAP.md': INDEX, '.kiro/tracker.md': TRACKER_CONTRADICTING });
    const staged = runCli(['--hook', '.github/ROADMAP.md'], dir);
    expect(staged.code).toBe(1);
    expect(staged.stdout).toContain(`.github/ROADMAP.md\n  5:3  error    ${CONFLICT_MESSAGE.replace('tracker.md', '.kiro/tracker.md')}`);
  });

  it("reads the config's folder, with its include, when there is a config", () => {
    const dir = repository({
      'docs/planning/.tasklintrc.json': '{ "include": ["active/**/*.md"] }',
      'docs/planning/active/index.md': INDEX,
      'docs/planning/active/tracker.md': TRACKER_CONTRADICTING,
      'docs/planning/drafts/tracker.md': TRACKER_CONTRADICTING,
    });
    const staged = runCli(['--hook', 'docs/planning/active/tracker.md'], dir);
    expect(staged.code).toBe(1);
    // Places are named from the config's folder; the draft outside `include` is not read.
    expect(staged.stdout).toContain(CONFLICT_MESSAGE.replace('tracker.md', 'active/tracker.md'));
    expect(staged.stdout).not.toContain('drafts');
    expect(runCli(['--hook', 'docs/planning/drafts/tracker.md'], dir).code).toBe(0);
  });
});

describe('pre-commit hook', { timeout: 30_000 }, () => {
  it('declares a node hook named tasklint that reports on the staged files', () => {
    const manifest = readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8');
    expect(manifest).toMatch(/^- id: tasklint$/m);
    expect(manifest).toMatch(/^ {2}language: node$/m);
    expect(manifest).toMatch(/^ {2}entry: tasklint --hook$/m);
    expect(manifest).toMatch(/^ {2}require_serial: true$/m);
  });

  it.skipIf(!hasPreCommit)(`is a manifest pre-commit accepts${hasPreCommit ? '' : ` (${SKIP_REASON})`}`, () => {
    const result = spawnSync('pre-commit', ['validate-manifest', '.pre-commit-hooks.yaml'], { cwd: ROOT, encoding: 'utf8' });
    expect(result.status, `${result.stdout}${result.stderr}`).toBe(0);
  });

  it.skipIf(!hasPreCommit)(
    `fails a commit that contradicts an unstaged file, passes once fixed${hasPreCommit ? '' : ` (${SKIP_REASON})`}`,
    async () => {
      const home = tempDir('pre-commit-home');
      const gitConfig = path.join(home, 'gitconfig');
      writeFileSync(gitConfig, '[user]\n\tname = Test\n\temail = test@example.com\n[commit]\n\tgpgsign = false\n[init]\n\tdefaultBranch = main\n');
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        PRE_COMMIT_HOME: path.join(home, 'cache'),
        GIT_CONFIG_GLOBAL: gitConfig,
        GIT_CONFIG_NOSYSTEM: '1',
        // The hook's `npm install` reuses the machine's npm cache where it can.
        npm_config_prefer_offline: 'true',
        npm_config_audit: 'false',
        npm_config_fund: 'false',
        npm_config_update_notifier: 'false',
        NO_COLOR: '1',
      };
      const { repo: hookRepo, rev } = await snapshotOfCheckout(env);

      const project = tempDir('project');
      mkdirSync(path.join(project, 'planning'));
      writeFileSync(path.join(project, 'planning', 'index.md'), INDEX);
      writeFileSync(path.join(project, 'planning', 'tracker.md'), TRACKER_AGREEING);
      writeFileSync(path.join(project, '.pre-commit-config.yaml'), `repos:\n  - repo: ${hookRepo}\n    rev: ${rev}\n    hooks:\n      - id: tasklint\n`);
      await must(run('git', ['init', '-q'], project, env));
      await must(run('pre-commit', ['install'], project, env));
      const commit = async (message: string, ...extra: string[]) => {
        const result = await run('git', ['commit', '-m', message, ...extra], project, env);
        return { code: result.status, output: `${result.stdout}${result.stderr}` };
      };

      await must(run('git', ['add', '-A'], project, env));
      const first = await commit('plan');
      expect(first.output, first.output).toMatch(/tasklint\.+Passed/);
      expect(first.code).toBe(0);

      // Only the tracker is staged: the other side of the contradiction is the committed index.
      writeFileSync(path.join(project, 'planning', 'tracker.md'), TRACKER_CONTRADICTING);
      await must(run('git', ['add', 'planning/tracker.md'], project, env));
      const contradicting = await commit('tracker: TASK-1 back in progress');
      expect(contradicting.code, contradicting.output).not.toBe(0);
      expect(contradicting.output).toMatch(/tasklint\.+Failed/);
      // The corpus is the whole repository, so places are named from its root.
      expect(contradicting.output).toContain(
        `planning/index.md\n  5:3  error    ${CONFLICT_MESSAGE.replace('tracker.md', 'planning/tracker.md')}  task-status-conflict`,
      );
      expect(contradicting.output).toContain('↳ planning/tracker.md:5:3');

      writeFileSync(path.join(project, 'planning', 'tracker.md'), TRACKER_AGREEING);
      await must(run('git', ['add', 'planning/tracker.md'], project, env));
      writeFileSync(path.join(project, 'planning', 'notes.md'), '# Notes\n\nNothing about tasks.\n');
      await must(run('git', ['add', 'planning/notes.md'], project, env));
      const fixed = await commit('notes');
      expect(fixed.output, fixed.output).toMatch(/tasklint\.+Passed/);
      expect(fixed.code).toBe(0);

      // A contradiction already in the repository does not block a commit that does not touch it.
      writeFileSync(path.join(project, 'planning', 'tracker.md'), TRACKER_CONTRADICTING);
      await must(run('git', ['add', 'planning/tracker.md'], project, env));
      expect((await commit('contradiction committed past the hook', '--no-verify')).code).toBe(0);
      writeFileSync(path.join(project, 'planning', 'notes.md'), '# Notes\n\nStill nothing about tasks.\n');
      await must(run('git', ['add', 'planning/notes.md'], project, env));
      const unrelated = await commit('notes again');
      expect(unrelated.output, unrelated.output).toMatch(/tasklint\.+Passed/);
      expect(unrelated.code).toBe(0);
    },
    240_000,
  );
});
