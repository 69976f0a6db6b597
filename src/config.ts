import { readFileSync, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Ajv as AjvClass, ErrorObject } from 'ajv';
import type { Node as JsonNode, ParseError } from 'jsonc-parser';
import { SCHEMA_PATH } from './package-info.js';
import { ruleIds } from './rule-ids.js';
import { didYouMean } from './suggest.js';
import type { IdScopes } from './scopes.js';
import type { SeveritySetting, Status } from './types.js';

/** A rule's severity as a config may write it, as ESLint accepts it: `"off"`, `"warn"`, `"error"`, `0`, `1`, `2`, and `"warning"`, in any case. */
export type SeverityInput = SeveritySetting | 'warning' | 0 | 1 | 2;

export type RuleSetting = SeverityInput | [SeverityInput] | [SeverityInput, Record<string, unknown>];

export interface Config {
  include: string[];
  exclude: string[];
  gitignore: boolean;
  taskIdPattern: string;
  statusWords: Partial<Record<Exclude<Status, 'unknown'>, string[]>>;
  /** Checkbox markers other than GFM's `[ ]` and `[x]`, and the status each means: `{ "in-progress": ["[~]"] }`. */
  checkboxMarkers: Partial<Record<Exclude<Status, 'unknown'>, string[]>>;
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

/** A path into the config: object keys and array indexes. */
export type KeyPath = (string | number)[];

/** Where a config came from: its name in messages, and where a key of it is written. */
export interface ConfigOrigin {
  /** `.tasklintrc.json`, `package.json ("tasklint" key)`, `(options.config)`. */
  label: string;
  /** `file:line:column` of a key (or the nearest key written), for a config read from a file. */
  locate?: (keys: KeyPath) => string | undefined;
}

const origins = new WeakMap<Config, ConfigOrigin>();

/** Where a resolved config came from, for messages about it. */
export function configOrigin(config: Config): ConfigOrigin {
  return origins.get(config) ?? { label: '(options.config)' };
}

export interface ConfigProblem {
  keys: KeyPath;
  text: string;
}

/** One error for every problem at once, each at its line and column when the config is a file. */
export function configError(origin: ConfigOrigin, problems: ConfigProblem[]): ConfigError {
  const lines = problems.map(({ keys, text }) => {
    const where = origin.locate?.(keys);
    return `  ${where ? `${where}  ` : ''}${text}`;
  });
  return new ConfigError(`Invalid config ${origin.label}:\n${[...new Set(lines)].join('\n')}`);
}

const SEVERITIES: Record<string, SeveritySetting> = {
  off: 'off',
  warn: 'warn',
  warning: 'warn',
  error: 'error',
  0: 'off',
  1: 'warn',
  2: 'error',
};

/** `"off"`, `"warn"` or `"error"` for what a config may write (`"Warning"`, `2`), else undefined. */
export function severitySetting(value: unknown): SeveritySetting | undefined {
  if (typeof value === 'number') return Number.isInteger(value) ? SEVERITIES[String(value)] : undefined;
  return typeof value === 'string' ? SEVERITIES[value.toLowerCase()] : undefined;
}

const SEVERITY_WORDS = '"off", "warn", "error" (or "warning", 0, 1, 2)';

/** What is wrong with one rule's setting, if anything; the setting in canonical form otherwise. */
function checkRuleSetting(id: string, setting: unknown): { problem: ConfigProblem } | { setting: RuleSetting } {
  const keys: KeyPath = ['rules', id];
  if (!Array.isArray(setting)) {
    const severity = severitySetting(setting);
    return severity
      ? { setting: severity }
      : { problem: { keys, text: `rules.${id}: must be one of ${SEVERITY_WORDS}, or [severity, { options }]` } };
  }
  if (setting.length < 1 || setting.length > 2)
    return { problem: { keys, text: `rules.${id}: must be [severity] or [severity, { options }]` } };
  const severity = severitySetting(setting[0]);
  if (!severity) return { problem: { keys: [...keys, 0], text: `rules.${id}[0]: must be one of ${SEVERITY_WORDS}` } };
  if (setting.length === 1) return { setting: [severity] };
  const options: unknown = setting[1];
  if (typeof options !== 'object' || options === null || Array.isArray(options))
    return { problem: { keys: [...keys, 1], text: `rules.${id}[1]: must be an object of the rule's options` } };
  return { setting: [severity, options as Record<string, unknown>] };
}

/** Covers TASK-028.1, MLOPS-1.2, CLOUD-0.3, TASK-DOC-1.2 and T001. */
export const DEFAULT_TASK_ID_PATTERN = '(?:[A-Z][A-Z0-9]*-)+\\d+(?:\\.\\d+)*|T\\d{3,}';

export const DEFAULT_CONFIG: Config = {
  include: ['**/*.md'],
  exclude: [],
  gitignore: true,
  taskIdPattern: DEFAULT_TASK_ID_PATTERN,
  statusWords: {},
  checkboxMarkers: {},
  // Both lists are read in order, as .gitignore is: a later `!glob` (from the config) takes a
  // file back out. Case does not matter for archives ("Archive/"). Backlog.md moves finished
  // tasks to backlog/completed/.
  historical: [
    '**/archive/**',
    '**/archives/**',
    '**/archived/**',
    '**/*.archived',
    '**/*.archived.*',
    '**/*[-_.]archive.md',
    '**/*[-_.]archived.md',
    '**/backlog/completed/**',
  ],
  // "template" as a name of its own ("phase-template.md", "templates/", "TEMPLATE.md"), not a
  // word at the start of a name: "template-engine.md" is a plan for a template engine. Coding
  // agents' commands and prompts show example task lists ("- [ ] T001 Create project
  // structure"): placeholders, like a template's.
  templates: [
    '**/[Tt]emplates/**',
    '**/[Tt]emplate.*',
    '**/*[-_.][Tt]emplate',
    '**/*[-_.][Tt]emplate.*',
    '**/_[Tt]emplate*',
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

let configSchema: Record<string, unknown> | undefined;

function schemaValidator(): Validator {
  if (!validateConfigShape) {
    configSchema = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as Record<string, unknown>;
    validateConfigShape = newAjv().compile(configSchema);
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

/** The keys of an Ajv error's instance path, with the unknown key itself for an `additionalProperties` error. */
export function ajvKeys(error: ErrorObject): KeyPath {
  const keys: KeyPath = error.instancePath
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
  if (error.keyword === 'additionalProperties') keys.push(String(error.params.additionalProperty));
  return keys;
}

export function describeAjvError(error: ErrorObject, knownKeys?: (error: ErrorObject) => string[] | undefined): string {
  const where = keyPath(error.instancePath);
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(error.params.additionalProperty);
      const known = knownKeys?.(error);
      return `${where === '(top level)' ? '' : `${where}.`}${key}: unknown key${known ? didYouMean(key, known) : ''}`;
    }
    case 'enum':
      return `${where}: must be one of ${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'type':
      return `${where}: must be ${String(error.params.type)}`;
    default:
      return `${where}: ${error.message ?? 'is invalid'}`;
  }
}

/**
 * The keys a schema allows in the object an `additionalProperties` error is about: what a
 * misspelt key may have meant.
 */
export function allowedKeys(schema: unknown, error: ErrorObject): string[] | undefined {
  let node = schema as { properties?: Record<string, unknown> } | undefined;
  for (const key of ajvKeys(error).slice(0, -1)) node = node?.properties?.[String(key)] as typeof node;
  return node?.properties ? Object.keys(node.properties).filter((key) => key !== '$schema') : undefined;
}

/**
 * Validates a raw config object and fills in the defaults. Every problem is reported at once: the
 * schema's, unknown rule names, bad severities and a bad task ID pattern.
 */
export function resolveConfig(raw: unknown, source: string | ConfigOrigin): Config {
  const origin: ConfigOrigin = typeof source === 'string' ? { label: source } : source;
  // No settings (no config file, or an empty one): the defaults, with nothing to validate.
  if (isEmptyObject(raw)) {
    const config = { ...DEFAULT_CONFIG };
    origins.set(config, origin);
    return config;
  }
  const problems: ConfigProblem[] = [];
  const validate = schemaValidator();
  if (!validate(raw)) {
    // oneOf failures repeat every branch's error; a rule's setting is checked below, in plainer words.
    const errors = (validate.errors ?? []).filter(
      (e) =>
        e.keyword !== 'oneOf' && e.keyword !== 'anyOf' && e.keyword !== 'if' && !e.instancePath.startsWith('/rules/'),
    );
    for (const error of errors)
      problems.push({ keys: ajvKeys(error), text: describeAjvError(error, (e) => allowedKeys(configSchema, e)) });
  }
  const user = raw as Record<string, unknown>;
  const rules: Record<string, RuleSetting> = {};
  if (typeof user.rules === 'object' && user.rules !== null && !Array.isArray(user.rules)) {
    const known = ruleIds();
    for (const [id, setting] of Object.entries(user.rules as Record<string, unknown>)) {
      if (!known.includes(id)) {
        const meant = didYouMean(id, known);
        problems.push({
          keys: ['rules', id],
          text: `rules.${id}: unknown rule${meant || '; run "tasklint --rules" to list them'}`,
        });
        continue;
      }
      const checked = checkRuleSetting(id, setting);
      if ('problem' in checked) problems.push(checked.problem);
      else rules[id] = checked.setting;
    }
  }
  problems.push(...checkboxMarkerProblems(user.checkboxMarkers));
  if (typeof user.taskIdPattern === 'string') {
    const problem = taskIdPatternProblem(user.taskIdPattern);
    if (problem) problems.push({ keys: ['taskIdPattern'], text: `taskIdPattern: ${problem}` });
  }
  if (problems.length > 0) throw configError(origin, problems);
  const typed = user as Partial<Config>;
  const config: Config = {
    ...DEFAULT_CONFIG,
    ...Object.fromEntries(Object.entries(user).filter(([key]) => key !== '$schema')),
    rules,
  };
  if (typed.historical) config.historical = [...DEFAULT_CONFIG.historical, ...typed.historical];
  if (typed.templates) config.templates = [...DEFAULT_CONFIG.templates, ...typed.templates];
  origins.set(config, origin);
  return config;
}

/** `[~]`, `[-]`, `[/]`, `[ x]`: one or two characters in brackets. */
const CHECKBOX_MARKER = /^\[[^[\]\n]{1,2}\]$/u;

/**
 * What is wrong with `checkboxMarkers`, in words (the schema only checks its shape): a marker
 * that is not one, GFM's own `[ ]`, `[x]` and `[X]`, whose meaning is fixed, and a marker given
 * two meanings.
 */
function checkboxMarkerProblems(raw: unknown): ConfigProblem[] {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return [];
  const problems: ConfigProblem[] = [];
  const seen = new Map<string, string>();
  for (const [status, markers] of Object.entries(raw as Record<string, unknown>)) {
    if (!Array.isArray(markers)) continue;
    markers.forEach((marker: unknown, i) => {
      if (typeof marker !== 'string') return;
      const keys: KeyPath = ['checkboxMarkers', status, i];
      const where = `checkboxMarkers.${status}[${i}]`;
      if (!CHECKBOX_MARKER.test(marker))
        problems.push({
          keys,
          text: `${where}: "${marker}" is not a checkbox marker; write one or two characters in brackets, such as "[~]"`,
        });
      else if (marker === '[ ]' || marker.toLowerCase() === '[x]')
        problems.push({
          keys,
          text: `${where}: "${marker}" is GFM's own checkbox, always ${marker === '[ ]' ? 'open' : 'done'}; list only other markers`,
        });
      else if (seen.has(marker) && seen.get(marker) !== status)
        problems.push({
          keys,
          text: `${where}: "${marker}" is listed under "${seen.get(marker)!}" too; give each marker one status`,
        });
      else seen.set(marker, status);
    });
  }
  return problems;
}

/** Strings that make a badly written pattern backtrack exponentially, if it can. */
const ADVERSARIAL = ['a', 'A', '1', 'A-', 'A1', '1.', 'a-', '-', '.', 'T0', 'TASK-1.', ' '].map(
  (unit) => `${unit.repeat(28)}!`,
);

/**
 * A user pattern runs on every line of every file: refuse one that does not compile, matches
 * nothing, or backtracks catastrophically, rather than hang a pre-commit hook. The pattern is
 * tried on adversarial strings in a worker that is stopped after a time limit.
 */
function taskIdPatternProblem(pattern: string): string | undefined {
  if (pattern === DEFAULT_TASK_ID_PATTERN) return undefined;
  let regexp: RegExp;
  try {
    regexp = new RegExp(pattern, 'gu');
  } catch (error) {
    return `not a valid regular expression (${(error as Error).message})`;
  }
  if (regexp.test('')) return 'matches the empty string, so every position would be a task ID';
  if (!finishesInTime(pattern, 1000))
    return 'takes too long on some inputs (catastrophic backtracking, as in "(a+)+"); write it without nested repetition';
  return undefined;
}

export function checkTaskIdPattern(pattern: string, source: string): void {
  const problem = taskIdPatternProblem(pattern);
  if (problem) throw configError({ label: source }, [{ keys: ['taskIdPattern'], text: `taskIdPattern: ${problem}` }]);
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

type Jsonc = typeof import('jsonc-parser');

/** jsonc-parser's error codes in words. */
const PARSE_ERRORS: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'not a valid number',
  PropertyNameExpected: 'a property name in double quotes was expected',
  ValueExpected: 'a value was expected',
  ColonExpected: 'a colon was expected',
  CommaExpected: 'a comma was expected',
  CloseBraceExpected: 'a closing "}" was expected',
  CloseBracketExpected: 'a closing "]" was expected',
  EndOfFileExpected: 'the end of the file was expected',
  InvalidCommentToken: 'comments are not allowed here',
  UnexpectedEndOfComment: 'a comment is not closed',
  UnexpectedEndOfString: 'a string is not closed',
  UnexpectedEndOfNumber: 'a number is cut short',
  InvalidUnicode: 'not a valid \\u escape',
  InvalidEscapeCharacter: 'not a valid escape',
  InvalidCharacter: 'a control character in a string',
};

/** `line:column` (from 1) of each offset of a text. */
function positionsOf(text: string): (offset: number) => string {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return `${low + 1}:${offset - starts[low]! + 1}`;
  };
}

interface ReadConfig {
  value: unknown;
  /** `file:line:column` of a key, or of the nearest one written above it. */
  locate: (keys: KeyPath) => string | undefined;
}

/**
 * A config file's content. `.tasklintrc.json` and `tasklint.config.json` are JSON with comments
 * and trailing commas (as tsconfig.json and VS Code's settings); package.json is strict JSON. A
 * file that does not parse is reported at each error's line and column.
 */
function readConfigFile(
  file: string,
  label: string,
  { strict, within = [] }: { strict: boolean; within?: KeyPath },
): ReadConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch (error) {
    throw new ConfigError(
      `Cannot read config ${label}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  // Loaded only when there is a config file to read.
  const jsonc = require('jsonc-parser') as Jsonc;
  const position = positionsOf(text);
  const name = path.basename(file);
  const errors: ParseError[] = [];
  const options = { allowTrailingComma: !strict, disallowComments: strict, allowEmptyContent: false };
  const tree = jsonc.parseTree(text, errors, options);
  if (errors.length > 0 || !tree) {
    // The first error only: the parser's later ones mostly follow from it.
    const first = errors[0];
    const code = first ? jsonc.printParseErrorCode(first.error) : '';
    const where = first
      ? `${name}:${position(first.offset)}  ${PARSE_ERRORS[code] ?? code}`
      : `${name}  the file is empty`;
    throw new ConfigError(
      `Invalid config ${label}: not valid ${strict ? 'JSON' : 'JSON (comments and trailing commas are allowed)'}:\n  ${where}`,
    );
  }
  const locate = (keys: KeyPath): string | undefined => {
    // The deepest node written on the way: the key itself, or the object that misses it.
    for (let depth = keys.length; depth >= 0; depth--) {
      const node: JsonNode | undefined = jsonc.findNodeAtLocation(tree, [...within, ...keys.slice(0, depth)]);
      if (!node) continue;
      const at =
        node.parent?.type === 'property' && node.parent.children?.[1] === node ? node.parent.offset : node.offset;
      return `${name}:${position(at)}`;
    }
    return undefined;
  };
  return { value: jsonc.getNodeValue(tree) as unknown, locate };
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
        const json = JSON.parse(readFileSync(pkg, 'utf8')) as unknown;
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
  /** Where to start looking upward for a config file (default: `cwd`). */
  searchFrom?: string;
  /** `--config FILE`. */
  configFile?: string;
}

function readConfig(file: string, cwd: string, fromPackageJson: boolean): LoadedConfig {
  const relative = path.relative(cwd, file) || file;
  const label = relative + (fromPackageJson ? ' ("tasklint" key)' : '');
  const read = readConfigFile(file, label, {
    strict: fromPackageJson,
    ...(fromPackageJson ? { within: ['tasklint'] } : {}),
  });
  const value = fromPackageJson ? (read.value as Record<string, unknown> | null)?.tasklint : read.value;
  return { config: resolveConfig(value ?? {}, { label, locate: read.locate }), file, dir: path.dirname(file) };
}

export function loadConfig({ cwd, configFile, searchFrom }: LoadConfigOptions): LoadedConfig {
  if (configFile) {
    const file = path.resolve(cwd, configFile);
    return readConfig(file, cwd, path.basename(file) === 'package.json');
  }
  const found = findConfigFile(searchFrom ?? cwd);
  if (!found) return { config: resolveConfig({}, '(defaults)'), dir: path.resolve(cwd) };
  return readConfig(found.file, cwd, found.fromPackageJson);
}
