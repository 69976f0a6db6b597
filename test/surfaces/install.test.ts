import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Log } from 'sarif';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { must, run, snapshotOfCheckout, type Ran } from '../helpers/checkout-snapshot.js';
import { ROOT } from '../helpers/cli.js';
import { readmeBlocks, type ReadmeBlock } from '../helpers/readme.js';
import { CONFLICT_MESSAGE, INDEX, TRACKER_CONTRADICTING } from './planning.js';

/**
 * Every install command the README prints, run as printed, in fresh folders, with the machine's
 * npm cache. Two placeholders are substituted, and only these: the repository's URL becomes the
 * file: URL of a git snapshot of this checkout (the tests reach no host), and `/path/to/tasklint`
 * the path of a clone of it. Global installs go to a temporary npm prefix.
 */
const REPOSITORY_URL = 'https://github.com/tasklint/tasklint';
const CLONE_PATH = '/path/to/tasklint';
const VERSION = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

const preCommit = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' }).status === 0;
const PRE_COMMIT_SKIP =
  'skipped: the pre-commit program is not on PATH (Debian package "pre-commit"; .ci/run installs it)';
if (!preCommit) console.warn(`pre-commit install test ${PRE_COMMIT_SKIP}`);

const INSTALL = readmeBlocks().filter((block) => block.heading === 'Install');
const used = new Set<ReadmeBlock>();
/** The Install section's one block introduced by words matching `intro`. */
function installBlock(intro: RegExp, lang = 'sh'): string {
  const found = INSTALL.filter((block) => block.lang === lang && intro.test(block.intro));
  if (found.length !== 1)
    throw new Error(`README Install: expected one ${lang} block introduced by ${intro}, found ${found.length}`);
  used.add(found[0]!);
  return found[0]!.code;
}
const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const INSTALL_TEXT = /^## Install\n([\s\S]*?)^## /m.exec(README)?.[1] ?? '';

const BLOCKS = {
  gitUrl: installBlock(/^Into a project, from the git repository/),
  clone: installBlock(/^On PATH, for every project and for the editors, from a clone/),
  folder: installBlock(/^Into a project, from that clone's folder/),
  pack: installBlock(/^From a tarball/),
  tarball: installBlock(/^then, with the `?tasklint-[\d.]+\.tgz`? it wrote copied into the project/),
  globalTarball: installBlock(/^or, for every project/),
  registry: installBlock(/^Once tasklint is published/),
};
const QUICK_START = readmeBlocks()
  .find((block) => block.heading === 'Quick start' && block.lang === 'sh')!
  .code.split('\n')[0]!;
const PROGRAMMATIC = readmeBlocks().filter((block) => block.heading === 'Programmatic use' && block.lang === 'js');
const PRE_COMMIT_CONFIG = readmeBlocks().find((block) => block.heading === 'Pre-commit' && block.lang === 'yaml')!.code;
const PRE_COMMIT_PIN = readmeBlocks().find((block) => block.heading === 'Pre-commit' && block.lang === 'sh')!.code;

const work = mkdtempSync(path.join(tmpdir(), 'tasklint-install-'));
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
}, 120_000);

let env: NodeJS.ProcessEnv;
let snapshot: { repo: string; rev: string };
let clone: string;

/** Env without the npm variables of the `npm test` that may be running this. */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_|^INIT_CWD$/i.test(name)));
}

function withGlobalPrefix(prefix: string): NodeJS.ProcessEnv {
  return { ...env, npm_config_prefix: prefix, PATH: `${path.join(prefix, 'bin')}${path.delimiter}${env.PATH ?? ''}` };
}

/** Runs a README block as a user pastes it into a shell: line after line, stopping at the first that fails. */
function shell(script: string, cwd: string, runEnv: NodeJS.ProcessEnv = env): Promise<Ran> {
  return run('sh', ['-e', '-c', script], cwd, runEnv);
}

const output = (ran: Ran) => `exit ${ran.status}\n${ran.stdout}\n${ran.stderr}`;

/** An empty Node project holding a planning folder with one contradiction. */
async function project(name: string): Promise<string> {
  const dir = path.join(work, name);
  mkdirSync(path.join(dir, 'planning'), { recursive: true });
  writeFileSync(path.join(dir, 'planning', 'index.md'), INDEX);
  writeFileSync(path.join(dir, 'planning', 'tracker.md'), TRACKER_CONTRADICTING);
  await must(run('npm', ['init', '-y'], dir, env));
  return dir;
}

/** `npx tasklint planning/`, as the README prints it, finds the contradiction. */
async function expectLintsPlanning(
  dir: string,
  command = 'npx tasklint planning/',
  runEnv: NodeJS.ProcessEnv = env,
): Promise<void> {
  expect(INSTALL_TEXT).toContain(`\`${command}\``);
  const ran = await shell(command, dir, runEnv);
  expect(ran.stdout, output(ran)).toContain(`planning/index.md\n  5:3  error    ${CONFLICT_MESSAGE}`);
  expect(ran.stderr).toBe('');
  expect(ran.status).toBe(1);
}

beforeAll(async () => {
  const home = path.join(work, 'home');
  mkdirSync(home);
  const gitConfig = path.join(home, 'gitconfig');
  writeFileSync(
    gitConfig,
    '[user]\n\tname = Test\n\temail = test@example.com\n[commit]\n\tgpgsign = false\n[init]\n\tdefaultBranch = main\n',
  );
  env = {
    ...cleanEnv(),
    GIT_CONFIG_GLOBAL: gitConfig,
    GIT_CONFIG_NOSYSTEM: '1',
    PRE_COMMIT_HOME: path.join(home, 'pre-commit'),
    npm_config_prefix: path.join(work, 'no-global'),
    npm_config_prefer_offline: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    NO_COLOR: '1',
  };
  // Named as the repository is, so that `git clone` makes a folder called tasklint.
  const origin = path.join(work, 'origin', 'tasklint');
  mkdirSync(origin, { recursive: true });
  snapshot = await snapshotOfCheckout(origin, env);
}, 60_000);

const substituted = (block: string) => block.replaceAll(REPOSITORY_URL, `file://${snapshot.repo}`);

describe("the README's install commands, run as printed", { timeout: 300_000 }, () => {
  it('every command block of the Install section is run by a test below', () => {
    expect(INSTALL.filter((block) => !used.has(block)).map((block) => block.code)).toEqual([]);
    expect(BLOCKS.tarball).toContain(`tasklint-${VERSION}.tgz`);
  });

  it('from a clone: git clone, npm install, npm link put tasklint on PATH; the quick start runs there', async () => {
    const prefix = path.join(work, 'global-link');
    const ran = await shell(substituted(BLOCKS.clone), work, withGlobalPrefix(prefix));
    expect(ran.status, output(ran)).toBe(0);
    clone = path.join(work, 'tasklint');
    expect(existsSync(path.join(clone, 'dist', 'src', 'cli.js'))).toBe(true);

    const version = await shell('tasklint --version', work, withGlobalPrefix(prefix));
    expect(version.stdout, output(version)).toBe(`${VERSION}\n`);
    // A link to the clone, not a copy of it.
    expect(realpathSync(path.join(prefix, 'lib', 'node_modules', 'tasklint'))).toBe(realpathSync(clone));
    await expectLintsPlanning(await project('linked-globally'), 'tasklint planning/', withGlobalPrefix(prefix));

    const quickStart = await shell(QUICK_START, clone);
    expect(quickStart.stdout, output(quickStart)).toMatch(
      /✖ \d+ problems \(\d+ errors, \d+ warnings\)\n(?: {2}\d+ errors? and \d+ warnings? potentially fixable with the `--fix` option\.\n)?$/,
    );
    expect(quickStart.status).toBe(1);
  });

  it("from a clone's folder: linked into the project, and a clone never built is refused with a message saying what to do", async () => {
    const unbuilt = path.join(work, 'unbuilt');
    await must(run('git', ['clone', '-q', `file://${snapshot.repo}`, unbuilt], work, env));
    const refused = await shell(BLOCKS.folder.replace(CLONE_PATH, unbuilt), await project('from-unbuilt-folder'));
    expect(refused.status).not.toBe(0);
    expect(`${refused.stdout}${refused.stderr}`).toContain(
      'tasklint is not built, and TypeScript, which builds it, is not installed in',
    );
    expect(`${refused.stdout}${refused.stderr}`).toContain('Run `npm install` there first');
    expect(`${refused.stdout}${refused.stderr}`).not.toContain('tsc: not found');

    const dir = await project('from-folder');
    const ran = await shell(BLOCKS.folder.replace(CLONE_PATH, clone), dir);
    expect(ran.status, output(ran)).toBe(0);
    await expectLintsPlanning(dir);
    const required = await run(process.execPath, ['-e', "require('tasklint')"], dir, env);
    expect(required.stderr).toBe('');
    expect(required.status).toBe(0);
  });

  it('from a tarball made by npm pack: into a project, where require and import load it and SARIF links to docs it ships', async () => {
    const packed = await shell(BLOCKS.pack, clone);
    expect(packed.status, output(packed)).toBe(0);
    const tarball = path.join(clone, `tasklint-${VERSION}.tgz`);
    expect(existsSync(tarball), output(packed)).toBe(true);

    const dir = await project('from-tarball');
    copyFileSync(tarball, path.join(dir, path.basename(tarball)));
    const ran = await shell(BLOCKS.tarball, dir);
    expect(ran.status, output(ran)).toBe(0);
    expect(existsSync(path.join(dir, 'node_modules', 'tasklint', 'src')), 'only what the package ships').toBe(false);
    await expectLintsPlanning(dir);

    const required = await run(process.execPath, ['-e', "require('tasklint')"], dir, env);
    expect(required.stderr).toBe('');
    expect(required.status).toBe(0);
    // The README's programmatic examples, ES module and CommonJS.
    expect(PROGRAMMATIC).toHaveLength(2);
    for (const [i, example] of PROGRAMMATIC.entries()) {
      const file = path.join(dir, example.code.includes('require(') ? `example-${i}.cjs` : `example-${i}.mjs`);
      writeFileSync(file, example.code);
      const ranExample = await run(process.execPath, [file], dir, env);
      expect(ranExample.stderr).toBe('');
      expect(ranExample.status).toBe(0);
      expect(ranExample.stdout).toMatch(example.code.includes('require(') ? /^errors: 1\n$/ : /task-status-conflict/);
    }

    const sarif = await run('npx', ['tasklint', '--format', 'sarif', 'planning/'], dir, env);
    const log = JSON.parse(sarif.stdout) as Log;
    const installed = realpathSync(path.join(dir, 'node_modules', 'tasklint'));
    for (const rule of log.runs[0]!.tool.driver.rules!) {
      const docs = fileURLToPath(rule.helpUri!);
      expect(docs).toBe(path.join(installed, 'docs', 'rules', `${rule.id}.md`));
      expect(readFileSync(docs, 'utf8')).toContain(`# ${rule.id}`);
    }
  });

  it('from a tarball, globally: tasklint on PATH, installed from the tarball', async () => {
    const prefix = path.join(work, 'global-tarball');
    const dir = await project('global-tarball-user');
    copyFileSync(path.join(clone, `tasklint-${VERSION}.tgz`), path.join(dir, `tasklint-${VERSION}.tgz`));
    const ran = await shell(BLOCKS.globalTarball, dir, withGlobalPrefix(prefix));
    expect(ran.status, output(ran)).toBe(0);
    expect(realpathSync(path.join(prefix, 'lib', 'node_modules', 'tasklint'))).not.toBe(realpathSync(clone));
    await expectLintsPlanning(dir, 'tasklint planning/', withGlobalPrefix(prefix));
  });

  it('from the git repository: npm clones it, builds it with its dev dependencies, and installs it', async () => {
    const dir = await project('from-git');
    const ran = await shell(substituted(BLOCKS.gitUrl), dir);
    expect(ran.status, output(ran)).toBe(0);
    expect(JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).devDependencies.tasklint).toBe(
      `git+file://${snapshot.repo}`,
    );
    await expectLintsPlanning(dir);
  });

  it('from the registry: not published yet, as the README says', async (context) => {
    expect(INSTALL_TEXT.replace(/\s+/g, ' ')).toContain(
      'It is not on the npm registry yet, so `npm install tasklint` answers 404 until it is published',
    );
    // A dry run: asks the registry, installs nothing, and runs no install script of whatever the name may hold.
    const ran = await shell(BLOCKS.registry, await project('from-registry'), {
      ...env,
      npm_config_dry_run: 'true',
      npm_config_prefer_offline: 'false',
    });
    if (ran.status === 0)
      throw new Error("tasklint is on the npm registry now: the README's Install section says it is not");
    if (!ran.stderr.includes('E404')) context.skip(`the npm registry could not be asked: ${ran.stderr.split('\n')[0]}`);
  });

  it.skipIf(!preCommit)(
    `pre-commit: the README's config, pinned by pre-commit autoupdate, runs the hook${preCommit ? '' : ` (${PRE_COMMIT_SKIP})`}`,
    async () => {
      const dir = await project('pre-commit-user');
      await must(run('git', ['init', '-q'], dir, env));
      const config = path.join(dir, '.pre-commit-config.yaml');
      writeFileSync(config, `${substituted(PRE_COMMIT_CONFIG)}\n`);
      const pinned = await shell(PRE_COMMIT_PIN, dir);
      expect(pinned.status, output(pinned)).toBe(0);
      expect(readFileSync(config, 'utf8')).toBe(
        `${substituted(PRE_COMMIT_CONFIG).replace('rev: HEAD', `rev: ${snapshot.rev}`)}\n`,
      );

      await must(run('git', ['add', '-A'], dir, env));
      const hook = await run('pre-commit', ['run', 'tasklint', '--files', 'planning/tracker.md'], dir, env);
      expect(hook.stdout, output(hook)).toMatch(/tasklint\.+Failed/);
      // The contradiction between the staged tracker and the index, shown at the tracker's line.
      expect(hook.stdout).toContain('task-status-conflict');
      expect(hook.stdout).toMatch(/planning\/tracker\.md\n\s+5:\d+\s+error\b.*planning\/index\.md/u);
      expect(hook.status).toBe(1);
    },
  );
});
