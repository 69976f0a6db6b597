import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The generator the benchmark uses: planning folders in the style of a real one.
import { generateFolder } from '../../bench/generate.mjs';
import { ROOT } from '../helpers/cli.js';
import { makeFolder, removeFolders } from './helpers.js';

// Worker threads run compiled code: these tests use the build (`npm test` builds first).
const DIST = path.join(ROOT, 'dist', 'src');
type LintModule = typeof import('../../src/lint.js');
type PoolModule = typeof import('../../src/workers/pool.js');
type SettingsModule = typeof import('../../src/settings.js');
type ConfigModule = typeof import('../../src/config.js');
const load = <T>(name: string) => import(pathToFileURL(path.join(DIST, name)).href) as Promise<T>;

let dist: { lint: LintModule['lint']; pool: PoolModule; settings: SettingsModule; config: ConfigModule };

beforeAll(async () => {
  if (!existsSync(path.join(DIST, 'workers', 'extract-worker.js')))
    throw new Error('dist/ is missing: run `npm run build` before these tests (npm test does)');
  const [lintModule, pool, settings, config] = await Promise.all([
    load<LintModule>('lint.js'),
    load<PoolModule>('workers/pool.js'),
    load<SettingsModule>('settings.js'),
    load<ConfigModule>('config.js'),
  ]);
  dist = { lint: lintModule.lint, pool, settings, config };
});
afterAll(removeFolders);

describe('parsing on worker threads', () => {
  it('gives exactly the facts and findings of a single-threaded run', async () => {
    const dir = makeFolder({
      'odd/latin1.md': Buffer.concat([
        Buffer.from('# Caf'),
        Buffer.from([0xe9]),
        Buffer.from('\n\n- **HPCAA-001** - Done ✅ COMPLETE\n'),
      ]),
      'odd/utf16.md': Buffer.concat([
        Buffer.from([0xff, 0xfe]),
        Buffer.from('# Wide\n\n- **HPCAA-002** - Pending\n', 'utf16le'),
      ]),
      'odd/binary.md': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]),
      'odd/deep.md': `${'- '.repeat(1000)}x\n`,
      'odd/empty.md': '',
    });
    generateFolder(path.join(dir, 'plans'), 0.08);
    // Two threads are really started for this folder, not silently replaced by the main thread.
    const someJobs = ['a.md', 'b.md'].map((file) => ({ file, bytes: Buffer.from('# A\n') }));
    expect([dist.pool.threadCount(2, someJobs), dist.pool.threadCount(1, someJobs)]).toEqual([2, 0]);
    const single = await dist.lint({ cwd: dir, threads: 1 });
    const threaded = await dist.lint({ cwd: dir, threads: 2 });
    expect(single.files.length).toBe(13);
    expect(single.diagnostics.length).toBeGreaterThan(10);
    expect(threaded.corpus.documents).toEqual(single.corpus.documents);
    expect(threaded.diagnostics).toEqual(single.diagnostics);
    // toEqual overlooks undefined members; the JSON a reporter prints does not.
    expect(JSON.stringify(threaded.corpus.documents)).toBe(JSON.stringify(single.corpus.documents));
  }, 120_000);

  it('a file that takes longer than its time limit is reported, and the other files are still parsed', async () => {
    const dir = makeFolder();
    const { files } = generateFolder(path.join(dir, 'plans'), 0.05);
    const [slow, ...rest] = files
      .map((file) => ({ file, bytes: readFileSync(file) }))
      .sort((a, b) => b.bytes.length - a.bytes.length);
    const config = dist.config.resolveConfig({}, 'test');
    const settings = dist.settings.extractSettings(config, dir, dir);
    const crashed: string[] = [];
    const pool = new dist.pool.ExtractPool({ config, root: dir, configDir: dir });
    pool.grow(1);
    const facts = await pool
      .extract(
        [slow!, ...rest],
        {
          crashed: (job, reason) => {
            crashed.push(`${path.basename(job.file)}: ${reason}`);
            return dist.settings.emptyFacts(job.file, settings, [
              { kind: 'parse-failed', fatal: true, message: reason },
            ]);
          },
          inProcess: () => Promise.reject(new Error('the threads should have done the work')),
        },
        // No parse can finish in a millisecond: the limit is exceeded on the first file for sure.
        (job) => (job === slow ? 1 : 60_000),
      )
      .finally(() => {
        pool.close();
      });
    expect(crashed).toEqual([
      `${path.basename(slow!.file)}: parsing took longer than 1 ms, the limit for its size; the Markdown parser slows down badly on some shapes, such as long runs of nested list items`,
    ]);
    expect(facts).toHaveLength(files.length);
    expect(facts[0]!.problems.map((problem) => problem.kind)).toEqual(['parse-failed']);
    // A new thread took over: every other file has its headings.
    for (const doc of facts.slice(1)) expect(doc.headings.length).toBeGreaterThan(0);
  }, 120_000);
});
