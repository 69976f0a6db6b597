import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentFacts } from '../../src/types.js';
import { ROOT } from '../helpers/cli.js';
import {
  CONTRADICTING_FILES,
  describeDiagnostic,
  expectContradictionFound,
  makeFolder,
  removeFolders,
} from './helpers.js';

// The pool's threads run compiled code: these tests use the build (`npm test` builds first).
// A thread is made to die, hang or fail to start by TASKLINT_TEST_WORKER_FAULT, which only the
// thread reads (src/workers/extract-worker.ts).
const DIST = path.join(ROOT, 'dist', 'src');
type LintModule = typeof import('../../src/lint.js');
type PoolModule = typeof import('../../src/workers/pool.js');
type SettingsModule = typeof import('../../src/settings.js');
type ConfigModule = typeof import('../../src/config.js');
type DocumentsModule = typeof import('../../src/documents.js');
const load = <T>(name: string) => import(pathToFileURL(path.join(DIST, name)).href) as Promise<T>;

let dist: {
  lint: LintModule;
  pool: PoolModule;
  settings: SettingsModule;
  config: ConfigModule;
  documents: DocumentsModule;
};

beforeAll(async () => {
  if (!existsSync(path.join(DIST, 'workers', 'extract-worker.js')))
    throw new Error('dist/ is missing: run `npm run build` before these tests (npm test does)');
  const [lint, pool, settings, config, documents] = await Promise.all([
    load<LintModule>('lint.js'),
    load<PoolModule>('workers/pool.js'),
    load<SettingsModule>('settings.js'),
    load<ConfigModule>('config.js'),
    load<DocumentsModule>('documents.js'),
  ]);
  dist = { lint, pool, settings, config, documents };
});
afterEach(() => {
  delete process.env.TASKLINT_TEST_WORKER_FAULT;
});
afterAll(removeFolders);

const FILES = {
  ...CONTRADICTING_FILES,
  'phase-3.md':
    '# Phase 3\n\n| Task ID | Description | Status |\n|---|---|---|\n| TASK-9 | Write the runbook | Pending |\n',
  'victim.md': '# Victim\n\n- **TASK-10** - Pending\n',
};

/** A planning folder, its files as jobs for the pool, and what tasklint would make of them. */
function setUp() {
  const dir = makeFolder(FILES);
  const config = dist.config.resolveConfig({}, 'test');
  const settings = dist.settings.extractSettings(config, dir, dir);
  const jobs = Object.keys(FILES)
    .sort()
    .map((name) => ({ file: path.join(dir, name), bytes: Buffer.from(FILES[name as keyof typeof FILES]) }));
  const expected = jobs.map((job) => dist.documents.factsFromBytes(job.file, job.bytes, settings));
  return { dir, config, settings, jobs, expected };
}

/** The fatal problems of each file's facts, by file name: what unreadable-file reports. */
function fatalProblems(facts: DocumentFacts[]): Record<string, string[]> {
  return Object.fromEntries(
    facts.map((doc) => [
      path.basename(doc.file),
      doc.problems.filter((problem) => problem.fatal).map((problem) => problem.message),
    ]),
  );
}

describe('the parsing threads when things go wrong', () => {
  it('a thread that dies on a file: that file "could not be analysed", every other file is parsed', async () => {
    const { dir, config, settings, jobs, expected } = setUp();
    process.env.TASKLINT_TEST_WORKER_FAULT = 'crash-on:victim.md';
    const pool = new dist.pool.ExtractPool({ config, root: dir, configDir: dir });
    pool.grow(1);
    const facts = await pool.extract(jobs, dist.lint.parseCallbacks(settings)).finally(() => {
      pool.close();
    });
    expect(fatalProblems(facts)).toEqual({
      'index.md': [],
      'phase-3.md': [],
      'tracker.md': [],
      'victim.md': ['File could not be analysed (its parsing thread stopped); it was skipped.'],
    });
    // A new thread took over after the crash: the other files have exactly their facts.
    expect(facts.filter((doc) => !doc.file.endsWith('victim.md'))).toEqual(
      expected.filter((doc) => !doc.file.endsWith('victim.md')),
    );
  }, 60_000);

  it('a user sees the file reported by unreadable-file, and the contradiction between the others', async () => {
    const dir = makeFolder(FILES);
    process.env.TASKLINT_TEST_WORKER_FAULT = 'crash-on:victim.md';
    const result = await dist.lint.lint({ cwd: dir, threads: 2 });
    expect(
      result.diagnostics.filter((d) => d.ruleId === 'unreadable-file').map((d) => describeDiagnostic(dir, d)),
    ).toEqual(['victim.md:1 unreadable-file File could not be analysed (its parsing thread stopped); it was skipped.']);
    expectContradictionFound(dir, result);
  }, 60_000);

  it('a thread that never finishes a file is stopped at the time limit; the file is reported, the others parsed', async () => {
    const { dir, config, settings, jobs, expected } = setUp();
    process.env.TASKLINT_TEST_WORKER_FAULT = 'hang-on:victim.md';
    const pool = new dist.pool.ExtractPool({ config, root: dir, configDir: dir });
    pool.grow(1);
    const started = performance.now();
    // A tiny limit for the file that hangs; the usual one for the rest.
    const budget = (job: { file: string; bytes: Buffer }) =>
      job.file.endsWith('victim.md') ? 300 : dist.pool.parseBudget(job.bytes.length);
    const facts = await pool.extract(jobs, dist.lint.parseCallbacks(settings), budget).finally(() => {
      pool.close();
    });
    expect(performance.now() - started).toBeLessThan(30_000);
    expect(fatalProblems(facts)['victim.md']).toEqual([
      'File could not be analysed (parsing took longer than 300 ms, the limit for its size; the Markdown parser slows down badly on some shapes, such as long runs of nested list items); it was skipped.',
    ]);
    expect(facts.filter((doc) => !doc.file.endsWith('victim.md'))).toEqual(
      expected.filter((doc) => !doc.file.endsWith('victim.md')),
    );
  }, 60_000);

  it('no thread able to start: the main thread parses every file, with the same facts', async () => {
    const { dir, config, settings, jobs, expected } = setUp();
    process.env.TASKLINT_TEST_WORKER_FAULT = 'fail-to-start';
    const pool = new dist.pool.ExtractPool({ config, root: dir, configDir: dir });
    pool.grow(2);
    expect(pool.size).toBe(2);
    const parsedHere: string[] = [];
    const callbacks = dist.lint.parseCallbacks(settings);
    const facts = await pool
      .extract(jobs, {
        ...callbacks,
        inProcess: (job) => {
          parsedHere.push(path.basename(job.file));
          return callbacks.inProcess(job);
        },
      })
      .finally(() => {
        pool.close();
      });
    expect(parsedHere.sort()).toEqual(['index.md', 'phase-3.md', 'tracker.md', 'victim.md']);
    expect(facts).toEqual(expected);
  }, 60_000);

  it('no thread able to start, through lint: the same findings as a single-threaded run', async () => {
    const dir = makeFolder(FILES);
    const single = await dist.lint.lint({ cwd: dir, threads: 1 });
    process.env.TASKLINT_TEST_WORKER_FAULT = 'fail-to-start';
    const threaded = await dist.lint.lint({ cwd: dir, threads: 2 });
    expect(threaded.diagnostics).toEqual(single.diagnostics);
    expectContradictionFound(dir, threaded);
  }, 60_000);
});

describe('a thread started ahead of need', () => {
  it('started before the settings are known, given files as they are found: the facts of the main thread, in order', async () => {
    const { dir, config, settings, jobs, expected } = setUp();
    const pool = new dist.pool.ExtractPool();
    pool.grow(1);
    pool.configure({ config, root: dir, configDir: dir });
    const run = pool.start(dist.lint.parseCallbacks(settings));
    for (const job of jobs) {
      run.add(job);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const facts = await run.end().finally(() => {
      pool.close();
    });
    expect(facts).toEqual(expected);
    expect(JSON.stringify(facts)).toBe(JSON.stringify(expected));
  }, 60_000);

  it('nothing to parse: the run ends at once, without waiting for the thread to load the parser', async () => {
    const pool = new dist.pool.ExtractPool();
    pool.grow(1);
    const dir = makeFolder();
    const config = dist.config.resolveConfig({}, 'test');
    pool.configure({ config, root: dir, configDir: dir });
    const run = pool.start(dist.lint.parseCallbacks(dist.settings.extractSettings(config, dir, dir)));
    let facts: DocumentFacts[] | undefined;
    void run.end().then((result) => {
      facts = result;
    });
    // Settled before the event loop turns even once: no message from the thread was waited for.
    await Promise.resolve();
    await Promise.resolve();
    expect(facts).toEqual([]);
    pool.close();
    expect(pool.size).toBe(0);
  });
});
