import { promises as fs } from 'node:fs';
import path from 'node:path';
import { lineStarts, resolveFix } from '../fix.js';
import { ConfigError, type LoadedConfig } from '../config.js';
import { indexCorpus, resolveTargets, type Corpus } from '../corpus.js';
import { discover, toPosix, UsageError } from '../discover.js';
import { extractSettings, factsFromText, type ExtractSettings } from '../documents.js';
import { activeRules, loadRules, runRules, type ActiveRule } from '../engine.js';
import { buildCorpus, resolveLoadedConfig } from '../lint.js';
import { readmeUrl, ruleDocsUrl } from '../package-info.js';
import type { Diagnostic } from '../types.js';
import { findingsByFile, type FindingInFile } from './places.js';
import { corpusScope, type CorpusScope } from './scope.js';

/** The parts of markdownlint's custom-rule API this rule uses (markdownlint 0.3x and later). */
interface MicromarkToken {
  type: string;
  startLine: number;
  startColumn: number;
  text: string;
  children: readonly MicromarkToken[];
}

export interface RuleParams {
  name: string;
  lines: readonly string[];
  frontMatterLines: readonly string[];
  parsers?: { micromark?: { tokens: readonly MicromarkToken[] } };
}

export interface RuleOnErrorInfo {
  lineNumber: number;
  detail?: string;
  range?: [number, number];
  information?: URL;
  fixInfo?: FixInfo;
}

/** markdownlint's fix of one line: `markdownlint-cli2 --fix` applies it. */
export interface FixInfo {
  lineNumber?: number;
  editColumn?: number;
  deleteCount?: number;
  insertText?: string;
}

export interface MarkdownlintRule {
  names: string[];
  description: string;
  information: URL;
  tags: string[];
  parser: 'micromark';
  asynchronous: true;
  function: (params: RuleParams, onError: (info: RuleOnErrorInfo) => void) => Promise<void>;
}

/**
 * markdownlint hands rules the lines with the text of HTML comments blanked out (same length),
 * which would hide `<!-- tasklint-disable -->`. The micromark tokens hold the original text:
 * writing every leaf token back over its place restores the document as it is in the editor.
 */
export function originalText(params: RuleParams): string {
  const lines = [...params.lines];
  const restore = (token: MicromarkToken) => {
    token.text.split(/\r\n|\r|\n/).forEach((part, i) => {
      const index = token.startLine - 1 + i;
      const line = lines[index];
      if (line === undefined) return;
      const column = i === 0 ? token.startColumn - 1 : 0;
      lines[index] = line.slice(0, column) + part + line.slice(column + part.length);
    });
  };
  const visit = (tokens: readonly MicromarkToken[]) => {
    for (const token of tokens) {
      if (token.children.length) visit(token.children);
      else restore(token);
    }
  };
  visit(params.parsers?.micromark?.tokens ?? []);
  return [...params.frontMatterLines, ...lines].join('\n');
}

function sameText(a: string, b: string): boolean {
  const normal = (text: string) => text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  return normal(a) === normal(b);
}

interface PlanningFolder {
  scope: CorpusScope;
  loaded: LoadedConfig;
  settings: ExtractSettings;
  rules: ActiveRule[];
  corpus: Corpus;
  /** The findings of the folder as it is on disk. */
  diagnostics: Diagnostic[];
  /** Modification time and size of each document when it was read. */
  fingerprint: Map<string, string>;
}

async function fingerprintOf(files: string[]): Promise<Map<string, string>> {
  const entries = await Promise.all(
    files.map(async (file) => {
      const stat = await fs.stat(file).catch(() => undefined);
      return [file, stat ? `${stat.mtimeMs}:${stat.size}` : 'missing'] as const;
    }),
  );
  return new Map(entries);
}

async function documentsOf(scope: CorpusScope, loaded: LoadedConfig): Promise<string[]> {
  return (await discover([scope.root], { cwd: scope.root, config: loaded.config, configDir: loaded.dir })).files;
}

async function readFolder(scope: CorpusScope): Promise<PlanningFolder> {
  const loaded = resolveLoadedConfig({
    cwd: scope.root,
    ...(scope.configFile ? { configFile: scope.configFile } : {}),
  });
  const rules = activeRules(await loadRules(), loaded.config);
  // Fingerprint first: a file saved while the folder is read is read again next time.
  const fingerprint = await fingerprintOf(await documentsOf(scope, loaded));
  // Facts of unchanged files come from tasklint's cache, as in the pre-commit hook; a broken cache is only skipped.
  const corpus = await buildCorpus([scope.root], scope.root, loaded, { cache: true });
  const settings = extractSettings(loaded.config, corpus.root, loaded.dir);
  return { scope, loaded, settings, rules, corpus, diagnostics: runRules(corpus, rules), fingerprint };
}

async function unchanged(folder: PlanningFolder): Promise<boolean> {
  const now = await fingerprintOf(await documentsOf(folder.scope, folder.loaded));
  if (now.size !== folder.fingerprint.size) return false;
  for (const [file, print] of now) if (folder.fingerprint.get(file) !== print) return false;
  return true;
}

/**
 * markdownlint calls the rule once per file. The folder is read once and shared by the calls of
 * a run; a later call (an editor linting as you type) first checks, at most once a second,
 * whether any document changed on disk, and reads the folder again only then.
 */
const FRESH_MS = 1000;
const folders = new Map<string, { folder: Promise<PlanningFolder>; checkedAt: number }>();

function planningFolder(scope: CorpusScope): Promise<PlanningFolder> {
  const key = `${scope.root}\0${scope.configFile ?? ''}`;
  const slot = folders.get(key);
  if (slot && Date.now() - slot.checkedAt < FRESH_MS) return slot.folder;
  const previous = slot?.folder;
  const folder = (async () => {
    const old = await previous?.catch(() => undefined);
    if (old && (await unchanged(old))) return old;
    return readFolder(scope);
  })();
  folders.set(key, { folder, checkedAt: Date.now() });
  return folder;
}

/** The findings with a place in `file`, whose text (as markdownlint has it) may differ from the disk. */
async function findingsFor(file: string, text: string): Promise<{ folder: PlanningFolder; findings: FindingInFile[] }> {
  // Outside a repository and without a config, the folder markdownlint-cli2 runs in.
  const folder = await planningFolder(corpusScope([file], path.dirname(file), undefined, { fallback: process.cwd() }));
  const { corpus } = folder;
  let diagnostics = folder.diagnostics;
  const onDisk = await fs.readFile(file, 'utf8').catch(() => undefined);
  // Saved since the folder was read (markdownlint-cli2 --fix writes a file, then lints it again).
  const stat = await fs.stat(file).catch(() => undefined);
  const savedSince = !stat || folder.fingerprint.get(file) !== `${stat.mtimeMs}:${stat.size}`;
  if (corpus.byFile.has(file) && (onDisk === undefined || savedSince || !sameText(onDisk, text))) {
    // Unsaved edits: this document is extracted again from its text, the rest is as read.
    const documents = corpus.documents.map((doc) =>
      doc.file === file ? factsFromText(file, text, folder.settings) : doc,
    );
    const targets = await resolveTargets(corpus.root, documents, corpus.targets);
    diagnostics = runRules(
      indexCorpus(corpus.root, folder.loaded.config, documents, targets, folder.loaded.dir),
      folder.rules,
    );
  }
  const nameOf = (other: string) => toPosix(path.relative(corpus.root, other));
  return { folder, findings: findingsByFile(diagnostics, nameOf).get(file) ?? [] };
}

function describe(finding: FindingInFile, nameOf: (file: string) => string): string {
  // A mirrored finding's message already names the place it was reported at.
  const others = finding.mirrored ? finding.others.slice(1) : finding.others;
  const places = others.map(
    (place) => `${nameOf(place.file)}:${place.range.start.line}${place.message ? `: ${place.message}` : ''}`,
  );
  return `${finding.diagnostic.ruleId}: ${finding.message}${places.length ? ` (also at ${places.join('; ')})` : ''}`;
}

/**
 * Reports the findings of `severity` in `params.name`. markdownlint gives each rule one severity,
 * set in its config (`"warning"` since markdownlint 0.39), so tasklint's errors and its warnings
 * are two rules: a warning must not fail a markdownlint-cli2 run that an error fails.
 */
export async function lintForMarkdownlint(
  params: RuleParams,
  onError: (info: RuleOnErrorInfo) => void,
  severity: 'error' | 'warning' = 'error',
): Promise<void> {
  const file = path.resolve(params.name);
  // Text given on standard input or as a string has no folder to cross-check against.
  const stat = await fs.stat(file).catch(() => undefined);
  if (!stat?.isFile()) return;
  let result;
  const text = originalText(params);
  try {
    result = await findingsFor(file, text);
  } catch (error) {
    if (error instanceof ConfigError || error instanceof UsageError) {
      if (severity === 'error') onError({ lineNumber: 1, detail: `tasklint could not run: ${error.message}` });
      return;
    }
    throw error;
  }
  const offset = params.frontMatterLines.length;
  const nameOf = (other: string) => toPosix(path.relative(result.folder.corpus.root, other));
  for (const finding of result.findings) {
    if ((finding.diagnostic.severity === 'error' ? 'error' : 'warning') !== severity) continue;
    // markdownlint numbers lines after the front matter; a finding inside it goes on the first line.
    const lineNumber = Math.min(Math.max(1, finding.range.start.line - offset), Math.max(1, params.lines.length));
    const lineText = params.lines[lineNumber - 1] ?? '';
    const column = finding.range.start.column;
    const end = finding.range.end.line === finding.range.start.line ? finding.range.end.column : lineText.length + 1;
    const length = Math.min(end - column, lineText.length - column + 1);
    onError({
      lineNumber,
      detail: describe(finding, nameOf),
      ...(finding.range.start.line - offset === lineNumber && column >= 1 && length >= 1
        ? { range: [column, length] as [number, number] }
        : {}),
      information: new URL(ruleDocsUrl(finding.diagnostic.ruleId)),
      ...fixInfoOf(finding, file, text, offset),
    });
  }
}

/**
 * A finding's fix as markdownlint's `fixInfo`: only a fix of this file, and only one that stays
 * within a line (markdownlint edits line by line); a fix of another place is left to tasklint.
 */
function fixInfoOf(finding: FindingInFile, file: string, text: string, offset: number): { fixInfo?: FixInfo } {
  const fix = finding.diagnostic.fix;
  if (fix?.file !== file || finding.mirrored) return {};
  const starts = lineStarts(text);
  const resolved = resolveFix(text, fix, starts);
  if (!resolved || /[\r\n]/.test(text.slice(resolved.range[0], resolved.range[1]) + resolved.text)) return {};
  let line = 0;
  while (line + 1 < starts.length && starts[line + 1]! <= resolved.range[0]) line++;
  const lineNumber = line + 1 - offset;
  if (lineNumber < 1) return {};
  return {
    fixInfo: {
      lineNumber,
      editColumn: resolved.range[0] - starts[line]! + 1,
      deleteCount: resolved.range[1] - resolved.range[0],
      insertText: resolved.text,
    },
  };
}

/** The markdownlint rule reporting tasklint's findings of one severity. */
export function markdownlintRule(severity: 'error' | 'warning'): MarkdownlintRule {
  return {
    names: [severity === 'error' ? 'tasklint' : 'tasklint-warnings'],
    description:
      severity === 'error'
        ? 'Task lists should not contradict each other'
        : 'Task lists should not contradict each other (tasklint warnings)',
    information: new URL(readmeUrl('markdownlint')),
    tags: ['tasks', 'cross-file'],
    parser: 'micromark',
    asynchronous: true,
    function: (params, onError) => lintForMarkdownlint(params, onError, severity),
  };
}

/** `"customRules": ["tasklint/markdownlint"]` in a markdownlint-cli2 config: tasklint's errors. */
const rule: MarkdownlintRule = markdownlintRule('error');

export default rule;
