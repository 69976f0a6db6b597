import { readFileSync, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Ajv as AjvClass, ErrorObject } from 'ajv';
import { SCHEMA_PATH } from './package-info.js';
import type { IdScopes } from './scopes.js';
import type { SeveritySetting, Status } from './types.js';

export type RuleSetting = SeveritySetting | [SeveritySetting] | [SeveritySetting, Record<string, unknown>];

export interface Config {
  include: string[];
  exclude: string[];
  gitignore: boolean;
  taskIdPattern: string;
  statusWords: Partial<Record<Exclude<Status, 'unknown'>, string[]>>;
  historical: string[];
  templates: string[];
  maxFileSize: number;
  aliases: Record<string, string[]>;
  /** Which task IDs are numbered afresh in every feature folder, and which folders those are. */
  idScopes: IdScopes;
  rules: Record<string, RuleSetting>;
}

export interface LoadedConfig {
  config: Config;
  /** The file the config came from, if any. */
  file?: string;
  /** Globs in the config are relative to this directory. */
  dir: string;
}

/** A config problem the user must fix: the CLI prints it and exits 2. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Covers TASK-028.1, MLOPS-1.2, CLOUD-0.3, TASK-DOC-1.2 and T001. */
export const DEFAULT_TASK_ID_PATTERN = '(?:[A-Z][A-Z0-9]*-)+\\d+(?:\\.\\d+)*|T\\d{3,}';

export const DEFAULT_CONFIG: Config = {
  include: ['**/*.md'],
  exclude: [],
  gitignore: true,
  taskIdPattern: DEFAULT_TASK_ID_PATTERN,
  statusWords: {},
  // Backlog.md moves finished tasks to backlog/completed/.
  historical: ['**/archive/**', '**/archived/**', '**/*.archived', '**/*.archived.*', '**/*-archived.md', '**/backlog/completed/**'],
  // Coding agents' commands and prompts show example task lists ("- [ ] T001 Create project
  // structure"): placeholders, like a template's.
  templates: [
    '**/*template*',
    '**/*TEMPLATE*',
    '**/*.prompt.md',
    '**/*.agent.md',
    '**/.github/prompts/**',
    '**/.github/agents/**',
    '**/.claude/commands/**',
    '**/.claude/agents/**',
    '**/.cursor/commands/**',
    '**/.windsurf/workflows/**',
    '**/.gemini/commands/**',
  ],
  maxFileSize: 5 * 1024 * 1024,
  aliases: {},
  idScopes: {},
  rules: {},
};

const CONFIG_FILE_NAMES = ['.tasklintrc.json', 'tasklint.config.json'];


type Validator = ReturnType<AjvClass['compile']>;

const require = createRequire(import.meta.url);

/**
 * A new Ajv instance, loaded on first use: ajv takes some 40 ms to load and compiling a schema
 * 20-80 ms more, which a run with no config and no rule options never needs.
 */
export function newAjv(options: { useDefaults?: boolean } = {}): AjvClass {
  const { Ajv } = require('ajv') as typeof import('ajv');
  return new Ajv({ allErrors: true, strict: false, ...options });
}

let validateConfigShape: Validator | undefined;

function schemaValidator(): Validator {
  if (!validateConfigShape) {
    const schema = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as Record<string, unknown>;
    validateConfigShape = newAjv().compile(schema);
  }
  return validateConfigShape;
}

function isEmptyObject(raw: unknown): boolean {
  return typeof raw === 'object' && raw !== null && !Array.isArray(raw) && Object.keys(raw).length === 0;
}

/** `/rules/foo/1` becomes `rules.foo[1]`: the key path a user searches for. */
export function keyPath(instancePath: string): string {
  if (!instancePath) return '(top level)';
  return instancePath
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((acc, part) => (/^\d+$/.test(part) ? `${acc}[${part}]` : acc ? `${acc}.${part}` : part), '');
}

export function describeAjvError(error: ErrorObject): string {
  const where = keyPath(error.instancePath);
  switch (error.keyword) {
    case 'additionalProperties':
      return `${where === '(top level)' ? '' : `${where}.`}${String(error.params['additionalProperty'])}: unknown key`;
    case 'enum':
      return `${where}: must be one of ${(error.params['allowedValues'] as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'type':
      return `${where}: must be ${String(error.params['type'])}`;
    default:
      return `${where}: ${error.message ?? 'is invalid'}`;
  }
}

/** Validates a raw config object and fills in the defaults. */
export function resolveConfig(raw: unknown, source: string): Config {
  // No settings (no config file, or an empty one): the defaults, with nothing to validate.
  if (isEmptyObject(raw)) return { ...DEFAULT_CONFIG };
  const validate = schemaValidator();
  if (!validate(raw)) {
    const errors = (validate.errors ?? []).filter((e) => e.keyword !== 'oneOf' && e.keyword !== 'if');
    // oneOf failures repeat every branch's error; keep the most specific ones.
    const messages = [...new Set(errors.map(describeAjvError))];
    throw new ConfigError(`Invalid config ${source}:\n  ${messages.join('\n  ')}`);
  }
  const user = raw as Partial<Config> & { $schema?: string };
  const config: Config = {
    ...DEFAULT_CONFIG,
    ...Object.fromEntries(Object.entries(user).filter(([key]) => key !== '$schema')),
  } as Config;
  if (user.historical) config.historical = [...DEFAULT_CONFIG.historical, ...user.historical];
  if (user.templates) config.templates = [...DEFAULT_CONFIG.templates, ...user.templates];
  checkTaskIdPattern(config.taskIdPattern, source);
  return config;
}

/** Strings that make a badly written pattern backtrack exponentially, if it can. */
const ADVERSARIAL = ['a', 'A', '1', 'A-', 'A1', '1.', 'a-', '-', '.', 'T0', 'TASK-1.', ' '].map((unit) => `${unit.repeat(28)}!`);

/**
 * A user pattern runs on every line of every file: refuse one that does not compile, matches
 * nothing, or backtracks catastrophically, rather than hang a pre-commit hook. The pattern is
 * tried on adversarial strings in a worker that is stopped after a time limit.
 */
export function checkTaskIdPattern(pattern: string, source: string): void {
  if (pattern === DEFAULT_TASK_ID_PATTERN) return;
  let regexp: RegExp;
  try {
    regexp = new RegExp(pattern, 'gu');
  } catch (error) {
    throw new ConfigError(`Invalid config ${source}:\n  taskIdPattern: not a valid regular expression (${(error as Error).message})`);
  }
  if (regexp.test('')) throw new ConfigError(`Invalid config ${source}:\n  taskIdPattern: matches the empty string, so every position would be a task ID`);
  if (!finishesInTime(pattern, 1000)) {
    throw new ConfigError(
      `Invalid config ${source}:\n  taskIdPattern: takes too long on some inputs (catastrophic backtracking, as in "(a+)+"); write it without nested repetition`,
    );
  }
}

function finishesInTime(pattern: string, milliseconds: number): boolean {
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(
    `const { workerData } = require('node:worker_threads');
     const re = new RegExp(workerData.pattern, 'gu');
     for (const input of workerData.inputs) { re.lastIndex = 0; while (re.exec(input)) { if (re.lastIndex === 0) break; } }
     Atomics.store(workerData.signal, 0, 1); Atomics.notify(workerData.signal, 0);`,
    { eval: true, workerData: { pattern, inputs: ADVERSARIAL, signal } },
  );
  const outcome = Atomics.wait(signal, 0, 0, milliseconds);
  void worker.terminate();
  return outcome !== 'timed-out' || Atomics.load(signal, 0) === 1;
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`Cannot read config ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
  } catch (error) {
    throw new ConfigError(`Invalid config ${file}: not valid JSON (${(error as Error).message})`);
  }
}

/** Finds the nearest config file from `cwd` upward. */
export function findConfigFile(cwd: string): { file: string; fromPackageJson: boolean } | undefined {
  let dir = path.resolve(cwd);
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = path.join(dir, name);
      if (existsSync(candidate) && statSync(candidate).isFile()) return { file: candidate, fromPackageJson: false };
    }
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        const json = JSON.parse(readFileSync(pkg, 'utf8')) as Record<string, unknown>;
        if (json && typeof json === 'object' && 'tasklint' in json) return { file: pkg, fromPackageJson: true };
      } catch {
        // A broken package.json is not ours to report.
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export interface LoadConfigOptions {
  cwd: string;
  /** `--config FILE`. */
  configFile?: string;
}

export function loadConfig({ cwd, configFile }: LoadConfigOptions): LoadedConfig {
  if (configFile) {
    const file = path.resolve(cwd, configFile);
    const raw = readJson(file);
    const value = path.basename(file) === 'package.json' ? (raw as Record<string, unknown>)['tasklint'] : raw;
    return { config: resolveConfig(value ?? {}, path.relative(cwd, file) || file), file, dir: path.dirname(file) };
  }
  const found = findConfigFile(cwd);
  if (!found) return { config: resolveConfig({}, '(defaults)'), dir: path.resolve(cwd) };
  const raw = readJson(found.file);
  const value = found.fromPackageJson ? (raw as Record<string, unknown>)['tasklint'] : raw;
  const label = (path.relative(cwd, found.file) || found.file) + (found.fromPackageJson ? ' ("tasklint" key)' : '');
  return { config: resolveConfig(value, label), file: found.file, dir: path.dirname(found.file) };
}
