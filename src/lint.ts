import path from 'node:path';
import { loadConfig, resolveConfig, type Config, type LoadedConfig } from './config.js';
import { indexCorpus, resolveTargets, type Corpus } from './corpus.js';
import { discover } from './discover.js';
import { extractSettings, loadDocument } from './documents.js';
import { activeRules, loadRules, runRules } from './engine.js';
import type { Diagnostic } from './types.js';

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
}

export interface LintResult {
  diagnostics: Diagnostic[];
  /** Every file linted, absolute. */
  files: string[];
  corpus: Corpus;
  errorCount: number;
  warningCount: number;
}

export function resolveLoadedConfig(options: Pick<LintOptions, 'cwd' | 'configFile' | 'config'>): LoadedConfig {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  if (options.config) return { config: resolveConfig(options.config, '(options.config)'), dir: cwd };
  return loadConfig({ cwd, ...(options.configFile ? { configFile: options.configFile } : {}) });
}

/** Builds the corpus for `paths`: discover, read, parse, extract, index. */
export async function buildCorpus(paths: string[], cwd: string, loaded: LoadedConfig): Promise<Corpus> {
  const discovery = await discover(paths, { cwd, config: loaded.config, configDir: loaded.dir });
  const settings = extractSettings(loaded.config, discovery.root, loaded.dir);
  const documents = await Promise.all(discovery.files.map((file) => loadDocument(file, settings)));
  const targets = await resolveTargets(discovery.root, documents);
  return indexCorpus(discovery.root, loaded.config, documents, targets);
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
  const rules = activeRules(await loadRules(), loaded.config);
  const corpus = await buildCorpus(options.paths ?? ['.'], cwd, loaded);
  let diagnostics = runRules(corpus, rules);
  if (options.reportOnly) diagnostics = touching(diagnostics, options.reportOnly.map((file) => path.resolve(cwd, file)));
  return {
    diagnostics,
    files: corpus.documents.map((doc) => doc.file),
    corpus,
    errorCount: diagnostics.filter((d) => d.severity === 'error').length,
    warningCount: diagnostics.filter((d) => d.severity === 'warning').length,
  };
}
