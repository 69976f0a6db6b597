import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { must, run, snapshotOfCheckout } from '../helpers/checkout-snapshot.js';
import { ROOT, runCli } from '../helpers/cli.js';
import { CONFLICT_MESSAGE, INDEX, TRACKER_AGREEING, TRACKER_CONTRADICTING } from './planning.js';

const preCommitVersion = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' });
const hasPreCommit = preCommitVersion.status === 0;
const SKIP_REASON = 'skipped: the pre-commit program is not on PATH (Debian package "pre-commit"; .ci/run installs it)';
if (!hasPreCommit) console.warn(`pre-commit hook test ${SKIP_REASON}`);

/** The contradiction as the hook prints it when only the tracker is staged: at the tracker's line. */
const STAGED_TRACKER_MESSAGE =
  'TASK-1 is in progress here ("IN PROGRESS") but done at planning/index.md:5 ("COMPLETE").';

const folders: string[] = [];
afterAll(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(name: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `tasklint-${name}-`));
  folders.push(dir);
  return dir;
}

describe('tasklint --hook FILE... (what the hook runs)', { timeout: 30_000 }, () => {
  // The hook's cache goes to a user cache folder of the tests' own.
  const userCache = { XDG_CACHE_HOME: tempDir('user-cache') };
  function repository(files: Record<string, string>): string {
    const dir = tempDir('hook-cli');
    for (const [name, content] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      writeFileSync(path.join(dir, name), content);
    }
    spawnSync('git', ['init', '-q'], { cwd: dir });
    return dir;
  }

  it('reads the whole repository and reports what touches the given files, at their place', () => {
    const dir = repository({
      'planning/index.md': INDEX,
      'planning/tracker.md': TRACKER_CONTRADICTING,
      'notes/other.md': '# Other\n',
    });
    const staged = runCli(['--hook', 'planning/tracker.md'], dir, userCache);
    expect(staged.code).toBe(1);
    // The staged tracker's line, the untouched index related.
    expect(staged.stdout).toBe(
      [
        'planning/tracker.md',
        `  5:3  error    ${STAGED_TRACKER_MESSAGE}  task-status-conflict`,
        '       ↳ planning/index.md:5:3  TASK-1 is done here ("COMPLETE")',
        '',
        '✖ 1 problem (1 error, 0 warnings)',
        '',
      ].join('\n'),
    );
    // What the README shows.
    const shown = /### Pre-commit\n[\s\S]*?```text\n([\s\S]*?)```/.exec(
      readFileSync(path.join(ROOT, 'README.md'), 'utf8'),
    )![1]!;
    expect(staged.stdout).toContain(shown);
    // Staging the index instead: the finding is at the index, the tracker related.
    const index = runCli(['--hook', 'planning/index.md'], dir, userCache);
    expect(index.stdout).toContain(
      `planning/index.md\n  5:3  error    ${CONFLICT_MESSAGE.replace('tracker.md', 'planning/tracker.md')}  task-status-conflict\n       ↳ planning/tracker.md:5:3  TASK-1 is in progress here ("IN PROGRESS")\n`,
    );
    expect(runCli(['--hook', 'notes/other.md'], dir, userCache)).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('a finding whose message cannot be turned round is shown at the staged place in its words, then the finding as the rule put it', () => {
    const dir = repository({
      'planning/index.md': '# Index\n\nSee [compute](./compute.md#phase-2-compute).\n',
      'planning/compute.md': '# Phase 2: Compute Cluster\n',
    });
    const staged = runCli(['--hook', 'planning/compute.md'], dir, userCache);
    expect(staged.code).toBe(1);
    const link =
      'Link fragment "#phase-2-compute" matches no heading of planning/compute.md; did you mean "#phase-2-compute-cluster"?';
    expect(staged.stdout).toContain(
      [
        'planning/compute.md',
        `  1:1  error    The heading "Phase 2: Compute Cluster" has the anchor "#phase-2-compute-cluster". At planning/index.md:3: ${link}  broken-anchor`,
        `       ↳ planning/index.md:3:5  ${link}`,
      ].join('\n'),
    );
  });

  it('reads the planning files kept in dot folders (.github/, .kiro/)', () => {
    const dir = repository({ '.github/ROADMAP.md': INDEX, '.kiro/tracker.md': TRACKER_CONTRADICTING });
    const staged = runCli(['--hook', '.github/ROADMAP.md'], dir);
    expect(staged.code).toBe(1);
    expect(staged.stdout).toContain(
      `.github/ROADMAP.md\n  5:3  error    ${CONFLICT_MESSAGE.replace('tracker.md', '.kiro/tracker.md')}`,
    );
  });

  it("reads the config's folder, with its include, when there is a config", () => {
    const dir = repository({
      'docs/planning/.tasklintrc.json': '{ "include": ["active/**/*.md"] }',
      'docs/planning/active/index.md': INDEX,
      'docs/planning/active/tracker.md': TRACKER_CONTRADICTING,
      'docs/planning/drafts/tracker.md': TRACKER_CONTRADICTING,
    });
    const staged = runCli(['--hook', 'docs/planning/active/tracker.md'], dir, userCache);
    expect(staged.code).toBe(1);
    // Places are named from the config's folder; the draft outside `include` is not read.
    expect(staged.stdout).toContain(
      'docs/planning/active/tracker.md\n  5:3  error    TASK-1 is in progress here ("IN PROGRESS") but done at active/index.md:5 ("COMPLETE").',
    );
    expect(staged.stdout).not.toContain('drafts');
    expect(runCli(['--hook', 'docs/planning/drafts/tracker.md'], dir, userCache).code).toBe(0);
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
    const result = spawnSync('pre-commit', ['validate-manifest', '.pre-commit-hooks.yaml'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(result.status, `${result.stdout}${result.stderr}`).toBe(0);
  });

  it.skipIf(!hasPreCommit)(
    `fails a commit that contradicts an unstaged file, passes once fixed and staged with git add -A, leaving nothing in the work tree${hasPreCommit ? '' : ` (${SKIP_REASON})`}`,
    async () => {
      const home = tempDir('pre-commit-home');
      const userCache = path.join(home, 'user-cache');
      const gitConfig = path.join(home, 'gitconfig');
      writeFileSync(
        gitConfig,
        '[user]\n\tname = Test\n\temail = test@example.com\n[commit]\n\tgpgsign = false\n[init]\n\tdefaultBranch = main\n',
      );
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        PRE_COMMIT_HOME: path.join(home, 'cache'),
        XDG_CACHE_HOME: userCache,
        GIT_CONFIG_GLOBAL: gitConfig,
        GIT_CONFIG_NOSYSTEM: '1',
        // The hook's `npm install` reuses the machine's npm cache where it can.
        npm_config_prefer_offline: 'true',
        npm_config_audit: 'false',
        npm_config_fund: 'false',
        npm_config_update_notifier: 'false',
        NO_COLOR: '1',
      };
      // pre-commit clones a hook repository at a rev; installing it runs the real `npm install` of a
      // `language: node` hook, build included.
      const { repo: hookRepo, rev } = await snapshotOfCheckout(tempDir('hook-repo'), env);

      const project = tempDir('project');
      mkdirSync(path.join(project, 'planning'));
      writeFileSync(path.join(project, 'planning', 'index.md'), INDEX);
      writeFileSync(path.join(project, 'planning', 'tracker.md'), TRACKER_AGREEING);
      writeFileSync(
        path.join(project, '.pre-commit-config.yaml'),
        `repos:\n  - repo: ${hookRepo}\n    rev: ${rev}\n    hooks:\n      - id: tasklint\n`,
      );
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
      // At the staged tracker's line, naming the untouched index.
      expect(contradicting.output).toContain(
        `planning/tracker.md\n  5:3  error    ${STAGED_TRACKER_MESSAGE}  task-status-conflict`,
      );
      expect(contradicting.output).toContain('↳ planning/index.md:5:3  TASK-1 is done here ("COMPLETE")');

      // Fixed, and everything staged as users do: the hook left nothing in the work tree to stage.
      writeFileSync(path.join(project, 'planning', 'tracker.md'), TRACKER_AGREEING);
      writeFileSync(path.join(project, 'planning', 'notes.md'), '# Notes\n\nNothing about tasks.\n');
      await must(run('git', ['add', '-A'], project, env));
      const fixed = await commit('tracker agrees again, notes');
      expect(fixed.output, fixed.output).toMatch(/tasklint\.+Passed/);
      expect(fixed.code).toBe(0);
      expect(
        await must(run('git', ['status', '--porcelain', '--untracked-files=all', '--ignored'], project, env)),
      ).toBe('');
      expect(existsSync(path.join(project, 'node_modules'))).toBe(false);
      // The commit holds the user's change and nothing of tasklint's (the tracker is as committed before).
      expect((await must(run('git', ['show', '--name-only', '--format=', 'HEAD'], project, env))).trim()).toBe(
        'planning/notes.md',
      );
      // The hook's cache is in the user's cache folder, one folder per repository.
      expect(readdirSync(path.join(userCache, 'tasklint'))).toHaveLength(1);

      // A contradiction already in the repository does not block a commit that does not touch it.
      writeFileSync(path.join(project, 'planning', 'tracker.md'), TRACKER_CONTRADICTING);
      await must(run('git', ['add', 'planning/tracker.md'], project, env));
      expect((await commit('contradiction committed past the hook', '--no-verify')).code).toBe(0);
      writeFileSync(path.join(project, 'planning', 'notes.md'), '# Notes\n\nStill nothing about tasks.\n');
      await must(run('git', ['add', 'planning/notes.md'], project, env));
      const unrelated = await commit('notes again');
      expect(unrelated.output, unrelated.output).toMatch(/tasklint\.+Passed/);
      expect(unrelated.code).toBe(0);

      // The README's --fix variant: a wrong count in a staged file is fixed, and the commit fails
      // as pre-commit fails any hook that modifies files; staged again, it passes.
      const variant = /To have the hook fix[\s\S]*?```yaml\n([\s\S]*?)```/.exec(
        readFileSync(path.join(ROOT, 'README.md'), 'utf8'),
      )![1]!;
      expect(variant).toContain('args: [--fix]');
      writeFileSync(
        path.join(project, '.pre-commit-config.yaml'),
        variant.replace(/repo: \S+/, `repo: ${hookRepo}`).replace(/rev: \S+/, `rev: ${rev}`),
      );
      const release =
        '# Release\n\n## Release Tasks (3 tasks)\n\n| Task ID | Description | Status |\n|---|---|---|\n| TASK-20 | Tag | Pending |\n| TASK-21 | Publish | Pending |\n';
      writeFileSync(path.join(project, 'planning', 'release.md'), release);
      await must(run('git', ['add', '-A'], project, env));
      const modified = await commit('release plan');
      expect(modified.code, modified.output).not.toBe(0);
      expect(modified.output).toMatch(/tasklint\.+Failed/);
      expect(modified.output).toContain('files were modified by this hook');
      expect(readFileSync(path.join(project, 'planning', 'release.md'), 'utf8')).toBe(
        release.replace('(3 tasks)', '(2 tasks)'),
      );
      await must(run('git', ['add', '-A'], project, env));
      const refixed = await commit('release plan, fixed');
      expect(refixed.output, refixed.output).toMatch(/tasklint\.+Passed/);
      expect(refixed.code).toBe(0);
    },
    240_000,
  );
});
