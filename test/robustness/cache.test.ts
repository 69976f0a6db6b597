import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { cacheKey, contentHash, FactsCache } from '../../src/cache.js';
import { resolveConfig } from '../../src/config.js';
import { lint, type LintOptions } from '../../src/lint.js';
import { runCli } from '../helpers/cli.js';
import {
  CONTRADICTING_FILES,
  describeDiagnostic,
  expectContradictionFound,
  makeFolder,
  removeFolders,
} from './helpers.js';

/** Every file tasklint parsed, in this process (the tests run from sources: no worker threads). */
const parsed: string[] = [];
let fakeVersion: string | undefined;

vi.mock('../../src/documents.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/documents.js')>();
  return {
    ...actual,
    factsFromBytes: (...args: Parameters<typeof actual.factsFromBytes>) => {
      parsed.push(path.basename(args[0]));
      return actual.factsFromBytes(...args);
    },
  };
});

vi.mock('../../src/package-info.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/package-info.js')>();
  return {
    ...actual,
    get VERSION() {
      return fakeVersion ?? actual.VERSION;
    },
  };
});

afterAll(removeFolders);
beforeEach(() => {
  parsed.length = 0;
  fakeVersion = undefined;
});

const PHASE =
  '# Phase 3\n\n| Task ID | Description | Status |\n|---|---|---|\n| TASK-9 | Write the runbook | Pending |\n';

function folderWithCache(): { dir: string; location: string; options: LintOptions } {
  const dir = makeFolder({ ...CONTRADICTING_FILES, 'phase-3.md': PHASE });
  const location = path.join(makeFolder(), 'cache');
  return { dir, location, options: { cwd: dir, cache: { location } } };
}

/** Every entry file of the cache at `location`, with its modification time. */
function cacheEntries(location: string): Record<string, number> {
  const entries: Record<string, number> = {};
  for (const name of readdirSync(location, { recursive: true, encoding: 'utf8' })) {
    const file = path.join(location, name);
    if (statSync(file).isFile()) entries[name] = statSync(file).mtimeMs;
  }
  return entries;
}

async function lintParsing(options: LintOptions) {
  parsed.length = 0;
  const result = await lint(options);
  return { result, parsed: [...parsed].sort() };
}

describe('--cache: facts of unchanged files are reused', () => {
  it('a second run over an unchanged folder parses nothing, reports the same, and does not rewrite the cache', async () => {
    const { dir, location, options } = folderWithCache();
    const cold = await lintParsing(options);
    expect(cold.parsed).toEqual(['index.md', 'phase-3.md', 'tracker.md']);
    expect(cold.result.warnings).toEqual([]);
    const written = cacheEntries(location);
    // One entry per file, in one folder named after the version and config.
    expect(Object.keys(written).map((name) => name.replace(/^[0-9a-f]{16}\/[0-9a-f]{40}\.facts$/, 'entry'))).toEqual([
      'entry',
      'entry',
      'entry',
    ]);

    const warm = await lintParsing(options);
    expect(warm.parsed).toEqual([]);
    expect(warm.result.warnings).toEqual([]);
    expect(warm.result.diagnostics).toEqual(cold.result.diagnostics);
    expect(warm.result.corpus.documents).toEqual(cold.result.corpus.documents);
    expectContradictionFound(dir, warm.result);
    expect(cacheEntries(location)).toEqual(written);
  });

  it('a changed file is parsed again, and only its entry is rewritten', async () => {
    const { dir, location, options } = folderWithCache();
    await lint(options);
    const before = cacheEntries(location);
    // The index catches up with the tracker: the contradiction is gone, which stale facts would still show.
    writeFileSync(path.join(dir, 'index.md'), '# Index\n\n- **TASK-7** - Fix storage driver (IN PROGRESS)\n');
    const changed = await lintParsing(options);
    expect(changed.parsed).toEqual(['index.md']);
    expect(
      changed.result.diagnostics
        .filter((d) => d.ruleId === 'task-status-conflict')
        .map((d) => describeDiagnostic(dir, d)),
    ).toEqual([]);
    const uncached = await lint({ cwd: dir });
    expect(changed.result.diagnostics).toEqual(uncached.diagnostics);
    const after = cacheEntries(location);
    expect(Object.keys(after).filter((name) => after[name] !== before[name])).toHaveLength(1);
  });

  it('an added file is parsed; a deleted one loses its entry', async () => {
    const { dir, location, options } = folderWithCache();
    await lint(options);
    writeFileSync(path.join(dir, 'phase-4.md'), '# Phase 4\n\n- **TASK-7** - Fix storage driver (BLOCKED)\n');
    const added = await lintParsing(options);
    expect(added.parsed).toEqual(['phase-4.md']);
    expect(added.result.files.map((file) => path.basename(file))).toEqual([
      'index.md',
      'phase-3.md',
      'phase-4.md',
      'tracker.md',
    ]);
    expect(Object.keys(cacheEntries(location))).toHaveLength(4);
    rmSync(path.join(dir, 'phase-4.md'));
    expect((await lintParsing(options)).parsed).toEqual([]);
    expect(Object.keys(cacheEntries(location))).toHaveLength(3);
  });

  it('linting part of the folder keeps the entries of the rest', async () => {
    const { location, options } = folderWithCache();
    await lint(options);
    await lint({ ...options, paths: ['index.md'] });
    expect(Object.keys(cacheEntries(location))).toHaveLength(3);
    expect((await lintParsing(options)).parsed).toEqual([]);
  });

  it('a config that changes extraction invalidates every entry; one that only changes rules does not', async () => {
    const { options } = folderWithCache();
    await lint(options);
    const rulesOnly = await lintParsing({ ...options, config: { rules: { 'broken-link': 'off' } } });
    expect(rulesOnly.parsed).toEqual([]);
    const newWords = await lintParsing({ ...options, config: { statusWords: { done: ['shipped it'] } } });
    expect(newWords.parsed).toEqual(['index.md', 'phase-3.md', 'tracker.md']);
  });

  it("another tasklint version invalidates every entry; the oldest versions' entries are removed", async () => {
    const { location, options } = folderWithCache();
    await lint(options);
    const [first] = readdirSync(location);
    fakeVersion = '99.0.0';
    expect((await lintParsing(options)).parsed).toEqual(['index.md', 'phase-3.md', 'tracker.md']);
    expect((await lintParsing(options)).parsed).toEqual([]);
    expect(readdirSync(location)).toHaveLength(2);
    for (const version of ['99.1.0', '99.2.0', '99.3.0', '99.4.0']) {
      fakeVersion = version;
      await lint(options);
    }
    // The current version's entries and three others', the most recently written.
    expect(readdirSync(location)).toHaveLength(4);
    expect(readdirSync(location)).not.toContain(first);
  });

  it('entries are bound to their key: facts written under one config are not read under another', async () => {
    const { dir, location, options } = folderWithCache();
    await lint(options);
    const file = path.join(dir, 'index.md');
    const hash = contentHash(readFileSync(file));
    const key = cacheKey(resolveConfig({}, 'test'), dir);
    expect((await new FactsCache(location, key).get(file, dir, hash))?.relPath).toBe('index.md');
    expect(
      await new FactsCache(location, cacheKey(resolveConfig({ historical: ['old/**'] }, 'test'), dir)).get(
        file,
        dir,
        hash,
      ),
    ).toBeUndefined();
    // Nor under another root, where the same file has another relative path, nor for other content.
    expect(await new FactsCache(location, key).get(file, path.dirname(dir), hash)).toBeUndefined();
    expect(await new FactsCache(location, key).get(file, dir, contentHash(Buffer.from('other')))).toBeUndefined();
  });
});

describe('--cache: facts come back exactly as extraction made them', () => {
  it('whatever they hold: numbers JSON cannot write, undefined members, Maps, Dates', async () => {
    const location = path.join(makeFolder(), 'cache');
    const plain = { ...(await lint({ cwd: makeFolder(CONTRADICTING_FILES) })).corpus.documents[0]! };
    const unusual = {
      ...plain,
      percents: [
        {
          percent: Infinity,
          numerator: -0,
          denominator: Number.NaN,
          text: '1e999%',
          range: plain.headings[0]!.range,
          subject: '',
        },
      ],
      extra: new Map([['a', new Date(0)]]),
      maybe: undefined,
    };
    const writer = new FactsCache(location, 'key');
    writer.set('/plain.md', '/', 'hash-1', plain);
    writer.set('/unusual.md', '/', 'hash-2', unusual);
    expect(await writer.finish()).toEqual([]);
    const reader = new FactsCache(location, 'key');
    const read = await reader.get('/unusual.md', '/', 'hash-2');
    expect(read).toStrictEqual(unusual);
    expect(Object.is((read as typeof unusual).percents[0]!.numerator, -0)).toBe(true);
    expect(await reader.get('/plain.md', '/', 'hash-1')).toStrictEqual(plain);
    // The plain facts are stored as JSON (quick to read back), the others by structured clone.
    const formats = Object.keys(cacheEntries(location)).map((name) => {
      const bytes = readFileSync(path.join(location, name));
      return String.fromCharCode(bytes[bytes.indexOf(0x0a) + 1 + 20]!);
    });
    expect(formats.sort()).toEqual(['J', 'V']);
  });

  it('ranges are stored packed, and anything else named "range" comes back as it was', async () => {
    const location = path.join(makeFolder(), 'cache');
    const plain = { ...(await lint({ cwd: makeFolder(CONTRADICTING_FILES) })).corpus.documents[0]! };
    const heading = plain.headings[0]!;
    const odd = {
      ...plain,
      // Not the shape of a range: an extra member, a fraction, a range that is a list.
      headings: [
        { ...heading, range: { ...heading.range, note: 'kept' } },
        { ...heading, range: { start: { line: 1.5, column: 1 }, end: heading.range.end } },
      ],
      percents: [{ range: [1, 2, 3, 4] }],
    };
    const writer = new FactsCache(location, 'key');
    writer.set('/plain.md', '/', 'hash-1', plain);
    writer.set('/odd.md', '/', 'hash-2', odd as unknown as typeof plain);
    expect(await writer.finish()).toEqual([]);
    const reader = new FactsCache(location, 'key');
    expect(await reader.get('/plain.md', '/', 'hash-1')).toStrictEqual(plain);
    expect(await reader.get('/odd.md', '/', 'hash-2')).toStrictEqual(odd);
    const stored = Object.keys(cacheEntries(location)).map((name) =>
      readFileSync(path.join(location, name)).toString('latin1'),
    );
    const json = stored.find((text) => text.includes('"relPath":"'))!;
    expect(json).toContain(
      `"range":[${heading.range.start.line},${heading.range.start.column},${heading.range.end.line},${heading.range.end.column}]`,
    );
    expect(json).not.toContain('"start":');
  });
});

describe('--cache: a broken cache is a warning, never a failure', () => {
  it.each([
    ['garbage', () => Buffer.from('this is not a cache\n')],
    ['truncated entries', (bytes: Buffer) => bytes.subarray(0, 60)],
    ['empty files', () => Buffer.alloc(0)],
    [
      'a flipped byte',
      (bytes: Buffer) => Buffer.concat([bytes.subarray(0, 80), Buffer.from([bytes[80]! ^ 0xff]), bytes.subarray(81)]),
    ],
  ])('a corrupt cache (%s) is ignored, then rebuilt', async (_kind, damage) => {
    const { dir, location, options } = folderWithCache();
    const expected = await lint({ cwd: dir });
    await lint(options);
    for (const name of Object.keys(cacheEntries(location)))
      writeFileSync(path.join(location, name), damage(readFileSync(path.join(location, name))));
    const corrupt = await lintParsing(options);
    expect(corrupt.result.warnings).toEqual([
      expect.stringMatching(/^3 cache entries \(such as .*\.facts\) are corrupt \(.+\); ignored, and rebuilt\.$/),
    ]);
    expect(corrupt.parsed).toEqual(['index.md', 'phase-3.md', 'tracker.md']);
    expect(corrupt.result.diagnostics).toEqual(expected.diagnostics);
    const rebuilt = await lintParsing(options);
    expect(rebuilt.result.warnings).toEqual([]);
    expect(rebuilt.parsed).toEqual([]);
  });

  it('an unwritable cache location: linted all the same, with a warning', async () => {
    const { dir } = folderWithCache();
    const blocker = path.join(makeFolder(), 'a-file');
    writeFileSync(blocker, 'not a folder');
    // Nothing, not even root, can create a folder inside a file.
    const result = await lint({ cwd: dir, cache: { location: path.join(blocker, 'cache') } });
    expect(result.warnings).toEqual([
      expect.stringMatching(/^Cannot write the cache in .*a-file\/cache \(ENOTDIR\); the next run will parse again\.$/),
    ]);
    expectContradictionFound(dir, result);
  });

  it('the CLI prints the warning on stderr and exits as it would without a cache', () => {
    const { dir } = folderWithCache();
    const blocker = path.join(makeFolder(), 'a-file');
    writeFileSync(blocker, 'not a folder');
    const cli = runCli(['--cache-location', path.join(blocker, 'cache'), '.'], dir);
    expect(cli.stderr).toMatch(
      /^tasklint: warning: Cannot write the cache in .* \(ENOTDIR\); the next run will parse again\.\n$/,
    );
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain('TASK-7 is in progress here');
  });

  it('the default location is node_modules/.cache/tasklint of the nearest package with its node_modules', () => {
    const dir = makeFolder({ ...CONTRADICTING_FILES, 'package.json': '{ "name": "planning" }', 'docs/.keep': '' });
    mkdirSync(path.join(dir, 'node_modules'));
    const userCache = makeFolder();
    const cli = runCli(['--cache', '..'], path.join(dir, 'docs'), { XDG_CACHE_HOME: userCache });
    expect(cli.stderr).toBe('');
    expect(Object.keys(cacheEntries(path.join(dir, 'node_modules', '.cache', 'tasklint')))).toHaveLength(2);
    expect(readdirSync(userCache)).toEqual([]);
  });

  it('without a Node project, the user cache folder, one folder per repository wherever in it tasklint runs', () => {
    // A package.json without node_modules (a formatter's settings, say) is no Node project.
    const dir = makeFolder({
      ...CONTRADICTING_FILES,
      'package.json': '{ "prettier": {} }',
      'docs/notes.md': '# Notes\n',
    });
    mkdirSync(path.join(dir, '.git'));
    const userCache = makeFolder();
    expect(runCli(['--cache', '.'], dir, { XDG_CACHE_HOME: userCache }).stderr).toBe('');
    expect(runCli(['--cache', '.'], path.join(dir, 'docs'), { XDG_CACHE_HOME: userCache }).stderr).toBe('');
    expect(readdirSync(dir).sort()).toEqual(['.git', 'docs', 'index.md', 'package.json', 'tracker.md']);
    expect(readdirSync(path.join(userCache, 'tasklint'))).toHaveLength(1);
    expect(
      Object.keys(cacheEntries(path.join(userCache, 'tasklint'))).filter((name) => name.endsWith('.facts')).length,
    ).toBeGreaterThanOrEqual(3);
  });
});
