import path from 'node:path';
import { cacheKey, contentHash, defaultCacheLocation, FactsCache } from './cache.js';
import { loadConfig, resolveConfig, type Config, type LoadedConfig } from './config.js';
import { indexCorpus, resolveTargets, type Corpus } from './corpus.js';
import { discover } from './discover.js';
import { activeRules, loadRules, runRules } from './engine.js';
import { readBytes } from './read.js';
import { emptyFacts, extractSettings, type ExtractSettings } from './settings.js';
import type { Diagnostic, DocumentFacts } from './types.js';
import { ExtractPool, threadCount, type ExtractJob } from './workers/pool.js';

export interface LintOptions {
  /** Files and folders to lint; default the working directory. */
  paths?: string[];
  cwd?: string;
  /** A config file to use instead of searching upward from `cwd`. */
  configFile?: string;
  /** A config object to use as is (validated like a file). */
  config?: Partial<Config>;
  /** Report only findings with a place in one of these files (pre-commit's staged files). */
  reportOnly?: string[];
  /**
   * Reuse the facts of unchanged files between runs (`--cache`). `true` keeps them in
   * `node_modules/.cache/tasklint`; `{ location }` elsewhere.
   */
  cache?: boolean | { location?: string };
  /**
   * Threads to parse on: 1 parses in the main thread, more forces that many worker threads.
   * Default: worker threads when there are enough bytes to pay for them.
   */
  threads?: number;
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
}

export function resolveLoadedConfig(options: Pick<LintOptions, 'cwd' | 'configFile' | 'config'>): LoadedConfig {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  if (options.config) return { config: resolveConfig(options.config, '(options.config)'), dir: cwd };
  return loadConfig({ cwd, ...(options.configFile ? { configFile: options.configFile } : {}) });
}

/** Runs `task` over `items` with at most `limit` at a time: a big folder must not open every file at once. */
async function forEachLimited<T>(items: T[], limit: number, task: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      await task(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}

/** Parses and extracts the files whose facts are not cached: on `pool`'s threads if there are any, else here. */
async function extractAll(jobs: ExtractJob[], settings: ExtractSettings, pool: ExtractPool): Promise<DocumentFacts[]> {
  if (jobs.length === 0) return [];
  if (pool.size === 0) {
    // Loaded only now: a run served by the cache or by threads never loads the parser here.
    const { factsFromBytes } = await import('./documents.js');
    return jobs.map((job) => factsFromBytes(job.file, job.bytes, settings));
  }
  return pool.extract(jobs, {
    crashed: (job, reason) =>
      emptyFacts(job.file, settings, [{ kind: 'parse-failed', fatal: true, message: `File could not be analysed (${reason}); it was skipped.` }]),
    inProcess: async (job) => (await import('./documents.js')).factsFromBytes(job.file, job.bytes, settings),
  });
}

function openCache(option: LintOptions['cache'], cwd: string, loaded: LoadedConfig): FactsCache | undefined {
  if (!option) return undefined;
  const location = path.resolve(cwd, (typeof option === 'object' && option.location) || defaultCacheLocation(cwd));
  return new FactsCache(location, cacheKey(loaded.config, loaded.dir));
}

/** Builds the corpus for `paths`: discover, read, parse, extract, index. */
export async function buildCorpus(paths: string[], cwd: string, loaded: LoadedConfig, options: CorpusOptions = {}): Promise<Corpus> {
  const warn = options.onWarning ?? ((message: string) => process.emitWarning(message));
  const discovery = await discover(paths, { cwd, config: loaded.config, configDir: loaded.dir });
  const settings = extractSettings(loaded.config, discovery.root, loaded.dir);
  const cache = openCache(options.cache, cwd, loaded);
  const pool = new ExtractPool({ config: loaded.config, root: discovery.root, configDir: loaded.dir });
  const abort = () => pool.close();
  options.signal?.addEventListener('abort', abort);
  try {
    const documents = new Array<DocumentFacts>(discovery.files.length);
    const jobs: Array<ExtractJob & { slot: number; hash: string }> = [];
    await forEachLimited(discovery.files, 32, async (file, slot) => {
      const read = await readBytes(file, settings.maxFileSize);
      if (!read.bytes) {
        documents[slot] = emptyFacts(file, settings, read.problems);
        return;
      }
      const hash = cache ? contentHash(read.bytes) : '';
      const cached = await cache?.get(file, discovery.root, hash);
      if (cached) documents[slot] = cached;
      else jobs.push({ file, bytes: read.bytes, slot, hash });
    });
    // Reads finish in any order; the work list must not depend on it.
    jobs.sort((a, b) => a.slot - b.slot);
    options.signal?.throwIfAborted();

    pool.grow(threadCount(options.threads, jobs));
    const extracted = await extractAll(jobs, settings, pool);
    pool.close();
    jobs.forEach((job, i) => {
      documents[job.slot] = extracted[i]!;
      cache?.set(job.file, discovery.root, job.hash, extracted[i]!);
    });
    // The cache is written while link targets are looked up.
    const cacheWarnings = cache?.finish();
    const targets = await resolveTargets(discovery.root, documents);
    for (const warning of (await cacheWarnings) ?? []) warn(warning);
    return indexCorpus(discovery.root, loaded.config, documents, targets);
  } finally {
    pool.close();
    options.signal?.removeEventListener('abort', abort);
  }
}

/** Keeps the findings that touch one of `files` at their own place or a related one. */
export function touching(diagnostics: Diagnostic[], files: string[]): Diagnostic[] {
  const wanted = new Set(files.map((file) => path.resolve(file)));
  return diagnostics.filter((d) => wanted.has(d.file) || d.related.some((r) => wanted.has(r.file)));
}

/** The programmatic API: the same findings the CLI prints. */
export async function lint(options: LintOptions = {}): Promise<LintResult> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const loaded = resolveLoadedConfig({ ...options, cwd });
  const warnings: string[] = [];
  // The rules load while the files are read and parsed; a bad rule setting stops the parsing.
  const stop = new AbortController();
  const rulesReady = loadRules().then((rules) => activeRules(rules, loaded.config));
  rulesReady.catch(() => stop.abort());
  const [rules, corpus] = await Promise.all([
    rulesReady,
    buildCorpus(options.paths ?? ['.'], cwd, loaded, {
      ...(options.cache !== undefined ? { cache: options.cache } : {}),
      ...(options.threads !== undefined ? { threads: options.threads } : {}),
      onWarning: (message) => warnings.push(message),
      signal: stop.signal,
    }),
  ]);
  let diagnostics = runRules(corpus, rules);
  if (options.reportOnly) diagnostics = touching(diagnostics, options.reportOnly.map((file) => path.resolve(cwd, file)));
  return {
    diagnostics,
    files: corpus.documents.map((doc) => doc.file),
    corpus,
    errorCount: diagnostics.filter((d) => d.severity === 'error').length,
    warningCount: diagnostics.filter((d) => d.severity === 'warning').length,
    warnings,
  };
}
