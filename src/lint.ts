import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { cacheKey, cacheLocation, contentHash, FactsCache, type StoredEntry } from './cache.js';
import {
  loadConfig,
  resolveConfig,
  severitySetting,
  type Config,
  type LoadedConfig,
  type SeverityInput,
} from './config.js';
import { indexCorpus, resolveTargets, type Corpus } from './corpus.js';
import { discover, toPosix, UsageError } from './discover.js';
import { reanchored } from './adapters/places.js';
import { activeRules, compareDiagnostics, loadRules, runRules } from './engine.js';
import { readBytesSync } from './read.js';
import { analysisFailed, emptyFacts, extractSettings, type ExtractSettings } from './settings.js';
import type { Diagnostic, DocumentFacts } from './types.js';
import {
  canStartAhead,
  ExtractPool,
  takeThreadStartedAhead,
  threadCount,
  type ExtractJob,
  type PoolCallbacks,
} from './workers/pool.js';

export interface LintOptions {
  /** Files and folders to lint; default the working directory. */
  paths?: string[];
  cwd?: string;
  /** A config file to use instead of searching upward from `cwd`. */
  configFile?: string;
  /** A config object to use as is (validated like a file). */
  config?: Partial<Config>;
  /**
   * Report only findings with a place in one of these files (pre-commit's staged files), each at
   * its place in them: a finding a rule put in another file is shown at its related place here.
   */
  reportOnly?: string[];
  /**
   * Reuse the facts of unchanged files between runs (`--cache`). `true` keeps them in
   * `node_modules/.cache/tasklint` of the Node project around `cwd`, else in the user's cache
   * folder (`defaultCacheLocation`); `{ location }` there.
   */
  cache?: boolean | { location?: string };
  /**
   * Threads to parse on: 1 parses in the main thread, more forces that many worker threads.
   * Default: worker threads when there are enough bytes to pay for them.
   */
  threads?: number;
  /**
   * As ESLint's: `true` throws a UsageError naming each path that lints nothing (missing, no
   * document below it, every file excluded), `false` lets such paths pass. Default: a missing
   * path throws, a folder with nothing to lint gives no findings.
   */
  errorOnUnmatchedPattern?: boolean;
  /**
   * As ESLint's: report each disable comment that silences nothing, at this severity (`"warn"`,
   * `"error"`; also `1`, `2`). Default `"off"`.
   */
  reportUnusedDisableDirectives?: SeverityInput;
  /** Files linted as these bytes instead of what is on disk (`--fix` between its passes). */
  contents?: ReadonlyMap<string, Buffer>;
  /** Called with the bytes of each file as it is read (`--fix` keeps them to apply fixes to). */
  onRead?: (file: string, bytes: Buffer) => void;
}

export interface LintResult {
  diagnostics: Diagnostic[];
  /** Every file linted, absolute. */
  files: string[];
  corpus: Corpus;
  errorCount: number;
  warningCount: number;
  /** Problems that did not stop the run (a corrupt or unwritable cache): the CLI prints them on stderr. */
  warnings: string[];
}

export interface CorpusOptions {
  cache?: LintOptions['cache'];
  threads?: number;
  /** Called with each problem that does not stop the run. */
  onWarning?: (message: string) => void;
  /** Stops the parsing threads; the corpus is then never built. */
  signal?: AbortSignal;
  /** What a path that lints nothing does (see `DiscoverOptions.unmatched`). */
  unmatched?: 'error' | 'allow';
  contents?: LintOptions['contents'];
  onRead?: LintOptions['onRead'];
}

export function resolveLoadedConfig(
  options: Pick<LintOptions, 'cwd' | 'configFile' | 'config' | 'paths'>,
): LoadedConfig {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  if (options.config) return { config: resolveConfig(options.config, '(options.config)'), dir: cwd };
  return loadConfig({
    cwd,
    searchFrom: configSearchStart(cwd, options.paths),
    ...(options.configFile ? { configFile: options.configFile } : {}),
  });
}

/**
 * Where the config is looked for, as ESLint 10 does: from the folder being linted upward, so
 * `tasklint planning/` run from the repository root finds planning/.tasklintrc.json. For several
 * paths, from the folder that holds them all; with none, from the working directory.
 */
function configSearchStart(cwd: string, paths: readonly string[] | undefined): string {
  if (!paths?.length) return cwd;
  const folders = paths.map((given) => {
    const absolute = path.resolve(cwd, given);
    return existsSync(absolute) && statSync(absolute).isDirectory() ? absolute : path.dirname(absolute);
  });
  let common = folders[0]!;
  for (const folder of folders.slice(1))
    while (common !== path.dirname(common) && path.relative(common, folder).startsWith('..'))
      common = path.dirname(common);
  return common;
}

/**
 * What the pool needs from the main thread: the facts of a file whose thread died or ran out of
 * time on it (reported by unreadable-file, the rest of the folder being linted all the same),
 * and parsing here when no thread can start.
 */
export function parseCallbacks(settings: ExtractSettings): PoolCallbacks {
  return {
    crashed: (job, reason) => emptyFacts(job.file, settings, [analysisFailed(reason)]),
    inProcess: async (job) => (await import('./documents.js')).factsFromBytes(job.file, job.bytes, settings),
  };
}

/** Parses and extracts the files whose facts are not cached: on `pool`'s threads if there are any, else here. */
async function extractAll(jobs: ExtractJob[], settings: ExtractSettings, pool: ExtractPool): Promise<DocumentFacts[]> {
  if (jobs.length === 0) return [];
  if (pool.size === 0) {
    // Loaded only now: a run served by the cache or by threads never loads the parser here.
    const { factsFromBytes } = await import('./documents.js');
    return jobs.map((job) => factsFromBytes(job.file, job.bytes, settings));
  }
  return pool.extract(jobs, parseCallbacks(settings));
}

/**
 * Files and cache entries are read synchronously, one after the other: they are small and usually
 * in the operating system's cache, and so read several times faster than through the thread pool.
 */
const READS_PER_TURN = 8;

/**
 * The pool to parse on. A run with a cache parses few files, often none, but loading the parser
 * alone takes longer than everything else such a run does: one thread starts loading it now (or
 * the command line started it already), on another core, while this one finds, reads and looks
 * up the files; it is stopped if nothing has changed.
 */
function parsingPool(cacheAt: string | undefined, threads: number | undefined): ExtractPool {
  const ahead = takeThreadStartedAhead();
  if (ahead && threads === undefined) return ahead;
  // A thread count was asked for: it is used as it is.
  ahead?.close();
  const pool = new ExtractPool();
  if (cacheAt && threads === undefined && canStartAhead() && existsSync(cacheAt)) pool.grow(1);
  return pool;
}

type Job = ExtractJob & { slot: number; hash: string };

/** Builds the corpus for `paths`: discover, read, parse, extract, index. */
export async function buildCorpus(
  paths: string[],
  cwd: string,
  loaded: LoadedConfig,
  options: CorpusOptions = {},
): Promise<Corpus> {
  const warn =
    options.onWarning ??
    ((message: string) => {
      process.emitWarning(message);
    });
  const location = cacheLocation(options.cache, cwd);
  let pool = parsingPool(location, options.threads);
  const abort = () => {
    pool.close();
  };
  options.signal?.addEventListener('abort', abort);
  try {
    const cache = location ? new FactsCache(location, cacheKey(loaded.config, loaded.dir)) : undefined;
    const discovery = await discover(paths, {
      cwd,
      config: loaded.config,
      configDir: loaded.dir,
      ...(loaded.file ? { configFile: loaded.file } : {}),
      ...(options.unmatched ? { unmatched: options.unmatched } : {}),
    });
    const workerSettings = { config: loaded.config, root: discovery.root, configDir: loaded.dir };
    pool.configure(workerSettings);
    const settings = extractSettings(loaded.config, discovery.root, loaded.dir);
    const documents = new Array<DocumentFacts>(discovery.files.length);
    const jobs: Job[] = [];
    // With a thread started ahead, each file that changed goes to it as soon as it is found.
    let early = pool.size > 0 ? pool.start(parseCallbacks(settings)) : undefined;
    const toParse = (job: Job) => {
      jobs.push(job);
      early?.add(job);
    };
    // Now and then a turn of the event loop: the rules load meanwhile (lint), and the thread's
    // messages are heard.
    const turn = (i: number) =>
      i % READS_PER_TURN === READS_PER_TURN - 1 ? new Promise((resolve) => setImmediate(resolve)) : undefined;

    // First every file, and whether its cache entry is for its content (a look at the entry's
    // first bytes): which files changed is known within milliseconds.
    const stored: ({ job: Job; entry: StoredEntry } | undefined)[] = [];
    for (let slot = 0; slot < discovery.files.length; slot++) {
      await turn(slot);
      const file = discovery.files[slot]!;
      const given = options.contents?.get(file);
      const read = given ? { bytes: given } : readBytesSync(file, settings.maxFileSize);
      if (read.bytes) options.onRead?.(file, read.bytes);
      if (!read.bytes) {
        documents[slot] = emptyFacts(file, settings, read.problems);
        continue;
      }
      const job = { file, bytes: read.bytes, slot, hash: cache ? contentHash(read.bytes) : '' };
      const entry = cache?.peek(file, discovery.root, job.hash);
      if (entry) stored.push({ job, entry });
      else toParse(job);
    }
    if (early && jobs.length === 0) {
      // Nothing has changed: the thread started ahead is stopped, its parser perhaps still loading.
      void early.end();
      early = undefined;
      pool.close();
      pool = new ExtractPool(workerSettings);
    }
    // Then the entries are decoded; one that turns out to be corrupt is parsed like a changed file.
    for (let i = 0; i < stored.length; i++) {
      await turn(i);
      const { job, entry } = stored[i]!;
      // The bytes of the file and of its entry are not needed past this point: a big folder does
      // not hold them all while the facts come in.
      stored[i] = undefined;
      const facts = cache!.open(entry, job.file, discovery.root, job.hash);
      if (facts) documents[job.slot] = facts;
      else toParse(job);
    }
    options.signal?.throwIfAborted();

    let extracted: DocumentFacts[];
    if (early) {
      // More threads if much has changed.
      pool.grow(threadCount(options.threads, jobs, pool.size));
      extracted = await early.end();
    } else {
      const threads = threadCount(options.threads, jobs);
      if (threads > 0) pool.grow(threads);
      extracted = await extractAll(jobs, settings, pool);
    }
    pool.close();
    jobs.forEach((job, i) => {
      documents[job.slot] = extracted[i]!;
      cache?.set(job.file, discovery.root, job.hash, extracted[i]!);
    });
    // The cache is written while link targets are looked up.
    const cacheWarnings = cache?.finish();
    const targets = await resolveTargets(discovery.root, documents);
    for (const warning of (await cacheWarnings) ?? []) warn(warning);
    return indexCorpus(discovery.root, loaded.config, documents, targets, loaded.dir);
  } finally {
    pool.close();
    options.signal?.removeEventListener('abort', abort);
  }
}

/** The programmatic API: the same findings the CLI prints. */
export async function lint(options: LintOptions = {}): Promise<LintResult> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const unused = severitySetting(options.reportUnusedDisableDirectives ?? 'off');
  if (!unused)
    throw new UsageError(
      `reportUnusedDisableDirectives must be "off", "warn" or "error" (or 0, 1, 2), got ${JSON.stringify(options.reportUnusedDisableDirectives)}`,
    );
  const loaded = resolveLoadedConfig({ ...options, cwd });
  const warnings: string[] = [];
  // The rules load while the files are read and parsed; a bad rule setting stops the parsing.
  const stop = new AbortController();
  const rulesReady = loadRules().then((rules) => activeRules(rules, loaded.config));
  rulesReady.catch(() => {
    stop.abort();
  });
  const [rules, corpus] = await Promise.all([
    rulesReady,
    buildCorpus(options.paths ?? ['.'], cwd, loaded, {
      ...(options.cache !== undefined ? { cache: options.cache } : {}),
      ...(options.threads !== undefined ? { threads: options.threads } : {}),
      ...(options.errorOnUnmatchedPattern !== undefined
        ? { unmatched: options.errorOnUnmatchedPattern ? ('error' as const) : ('allow' as const) }
        : {}),
      ...(options.contents ? { contents: options.contents } : {}),
      ...(options.onRead ? { onRead: options.onRead } : {}),
      onWarning: (message) => warnings.push(message),
      signal: stop.signal,
    }),
  ]);
  let diagnostics = runRules(
    corpus,
    rules,
    unused === 'off' ? {} : { reportUnusedDisableDirectives: unused === 'warn' ? 'warning' : 'error' },
  );
  if (options.reportOnly) {
    // A finding is shown in the file asked about, even where a rule put it at its other place.
    const nameOf = (file: string) => corpus.byFile.get(file)?.relPath ?? toPosix(path.relative(corpus.root, file));
    diagnostics = reanchored(
      diagnostics,
      new Set(options.reportOnly.map((file) => path.resolve(cwd, file))),
      nameOf,
    ).sort(compareDiagnostics);
  }
  return {
    diagnostics,
    files: corpus.documents.map((doc) => doc.file),
    corpus,
    errorCount: diagnostics.filter((d) => d.severity === 'error').length,
    warningCount: diagnostics.filter((d) => d.severity === 'warning').length,
    warnings,
  };
}
