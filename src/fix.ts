import {
  closeSync,
  fchmodSync,
  fsyncSync,
  lstatSync,
  openSync,
  readFileSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { UsageError } from './discover.js';
import { loadRules } from './engine.js';
import { lint, type LintOptions, type LintResult } from './lint.js';
import { LINE_END } from './rule.js';
import type { Diagnostic, Fix, Position, TextEdit } from './types.js';

/** A fix as offsets into a document's text (without its BOM), as ESLint's `fix.range`. */
export interface ResolvedFix {
  range: [number, number];
  text: string;
}

/** Passes of fixing and linting again, as ESLint: a fix may uncover another (a count, then the percentage over it). */
export const MAX_PASSES = 10;

/** Offsets where each line starts; line breaks as CommonMark reads them (LF, CRLF, CR). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 10) starts.push(i + 1);
  }
  return starts;
}

/** The offset of a 1-based line and column (UTF-16 units, as the parser counts them), or undefined past the text. */
export function offsetOf(starts: number[], text: string, position: Position): number | undefined {
  const start = starts[position.line - 1];
  if (start === undefined) return undefined;
  const offset = start + position.column - 1;
  const lineEnd = starts[position.line] ?? text.length + 1;
  if (position.column >= LINE_END) return contentEnd(text, start, lineEnd);
  return offset < start || offset > lineEnd ? undefined : Math.min(offset, text.length);
}

/** Where the line that starts at `start` ends, before its line break. */
function contentEnd(text: string, start: number, next: number): number {
  let end = Math.min(next, text.length);
  while (end > start && (text[end - 1] === '\n' || text[end - 1] === '\r')) end--;
  return end;
}

const WORD = /[\p{L}\p{N}_-]/u;

/** Whether `text[at, at + length)` stands alone: "7" in "| **7** |", not in "17" or "7.5". */
function standsAlone(text: string, at: number, length: number): boolean {
  const before = text[at - 1] ?? '';
  const after = text[at + length] ?? '';
  const first = text[at] ?? '';
  const last = text[at + length - 1] ?? '';
  if (WORD.test(first) && (WORD.test(before) || (/[.,]/.test(before) && /\d/.test(text[at - 2] ?? '')))) return false;
  if (WORD.test(last) && (WORD.test(after) || (/[.,]/.test(after) && /\d/.test(text[at + length + 1] ?? ''))))
    return false;
  return true;
}

function resolveEdit(text: string, starts: number[], edit: TextEdit): ResolvedFix | undefined {
  const start = offsetOf(starts, text, edit.range.start);
  const end = offsetOf(starts, text, edit.range.end);
  if (start === undefined || end === undefined || end < start) return undefined;
  if (edit.replaces === undefined) return { range: [start, end], text: edit.text };
  const slice = text.slice(start, end);
  // The range is the text itself ("Ã©" in "cafÃ©"): nothing to search.
  if (slice === edit.replaces) return { range: [start, end], text: edit.text };
  const found: number[] = [];
  for (let at = slice.indexOf(edit.replaces); at !== -1; at = slice.indexOf(edit.replaces, at + 1)) {
    if (standsAlone(text, start + at, edit.replaces.length)) found.push(start + at);
  }
  if (found.length !== 1) return undefined;
  return { range: [found[0]!, found[0]! + edit.replaces.length], text: edit.text };
}

/**
 * A fix's edits as one replacement, as ESLint merges a rule's fixes: undefined when an edit does
 * not find the text it expects or two edits overlap.
 */
export function resolveFix(text: string, fix: Pick<Fix, 'edits'>, starts = lineStarts(text)): ResolvedFix | undefined {
  const edits: ResolvedFix[] = [];
  for (const edit of fix.edits) {
    const resolved = resolveEdit(text, starts, edit);
    if (!resolved) return undefined;
    edits.push(resolved);
  }
  if (edits.length === 0) return undefined;
  edits.sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  let output = '';
  let last = edits[0]!.range[0];
  for (const edit of edits) {
    if (edit.range[0] < last) return undefined;
    output += text.slice(last, edit.range[0]) + edit.text;
    last = edit.range[1];
  }
  const range: [number, number] = [edits[0]!.range[0], last];
  // A fix that changes nothing is no fix: `--fix` would loop on it.
  if (text.slice(range[0], range[1]) === output) return undefined;
  return { range, text: output };
}

/**
 * Applies fixes as ESLint's source-code fixer does: in order of their ranges, a fix that overlaps
 * or touches one already applied waits for the next pass.
 */
export function applyFixes(text: string, fixes: ResolvedFix[]): { output: string; applied: number } {
  const sorted = [...fixes].sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  let output = '';
  let last = Number.NEGATIVE_INFINITY;
  let applied = 0;
  for (const fix of sorted) {
    if (last >= fix.range[0]) continue;
    output += text.slice(Math.max(0, last), fix.range[0]) + fix.text;
    last = fix.range[1];
    applied++;
  }
  return { output: output + text.slice(Math.max(0, last)), applied };
}

export type FixType = 'problem' | 'suggestion' | 'layout';
export const FIX_TYPES: readonly FixType[] = ['problem', 'suggestion', 'layout'];

export interface FixOptions extends LintOptions {
  /** Write the fixed files (`--fix`); false computes them only (`--fix-dry-run`). */
  write: boolean;
  /** Fix only findings of rules of these types (`--fix-type`), as ESLint's `fixTypes`. */
  fixTypes?: readonly FixType[];
  /** Fix only findings of these rules (`--fix-rule`). */
  fixRules?: readonly string[];
  /** Fix only errors (`--quiet`, as ESLint). */
  errorsOnly?: boolean;
}

export interface FixedFile {
  file: string;
  relPath: string;
  before: string;
  after: string;
  /** Whether it was written; false on a dry run or when writing failed (see `problems`). */
  written: boolean;
}

export interface FixResult {
  /** The findings that remain once the fixes are applied. */
  result: LintResult;
  /** The files the fixes change. */
  files: FixedFile[];
  /** Files that were not fixed, and why: the CLI prints them as warnings. */
  problems: string[];
  /** How many fixes were applied over all passes. */
  applied: number;
}

interface Content {
  original: Buffer;
  bom: boolean;
  text: string;
}

function decodeForFix(bytes: Buffer): Content | undefined {
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bom ? bytes.subarray(3) : bytes);
    return { original: bytes, bom, text };
  } catch {
    return undefined;
  }
}

function encode(content: Content, text: string): Buffer {
  const body = Buffer.from(text, 'utf8');
  return content.bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
}

/** The real file a path names, when it lies inside the root whatever links lead there; else undefined. */
function realFileInside(file: string, root: string): string | undefined {
  try {
    const real = realpathSync(file);
    const relative = path.relative(realpathSync(root), real);
    if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
    return statSync(real).isFile() ? real : undefined;
  } catch {
    return undefined;
  }
}

/** Replaces `file` by `bytes` through a temporary file beside it, renamed over it: a reader never sees half a file. */
export function writeAtomically(file: string, bytes: Buffer): void {
  const mode = statSync(file).mode & 0o7777;
  const temp = path.join(
    path.dirname(file),
    `.${path.basename(file)}.tasklint-${process.pid}-${Date.now().toString(36)}.tmp`,
  );
  const fd = openSync(temp, 'wx', mode);
  try {
    try {
      // The mode given to open is narrowed by the umask: the file keeps the one it had.
      fchmodSync(fd, mode);
      writeSync(fd, bytes);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, file);
  } catch (error) {
    try {
      unlinkSync(temp);
    } catch {
      // Already gone.
    }
    throw error;
  }
}

/**
 * Lints, applies the fixes of the findings, lints again, up to `MAX_PASSES` times, then writes the
 * changed files (unless `write` is false). Only a file that was read without problem, lies inside
 * the linted root and has not changed on disk meanwhile is written.
 */
export async function fixFolder(options: FixOptions): Promise<FixResult> {
  const rules = new Map((await loadRules()).map((rule) => [rule.id, rule]));
  const unknown = (options.fixRules ?? []).filter((id) => !rules.has(id));
  if (unknown.length)
    throw new UsageError(
      `--fix-rule: no rule named ${unknown.map((id) => `"${id}"`).join(', ')}; rules that fix: ${[...rules.values()]
        .filter((rule) => rule.meta.fixable)
        .map((rule) => rule.id)
        .join(', ')}`,
    );
  const contents = new Map<string, Content>();
  const current = new Map<string, Buffer>();
  const unreadable = new Set<string>();
  const capture = (file: string, bytes: Buffer) => {
    if (contents.has(file) || unreadable.has(file)) return;
    const content = decodeForFix(bytes);
    if (content) contents.set(file, content);
    else unreadable.add(file);
  };
  const texts = new Map<string, string>();
  const only = options.reportOnly
    ? new Set(options.reportOnly.map((file) => path.resolve(options.cwd ?? process.cwd(), file)))
    : undefined;
  const wanted = (d: Diagnostic): boolean => {
    if (!d.fix) return false;
    if (options.errorsOnly && d.severity !== 'error') return false;
    if (options.fixRules && !options.fixRules.includes(d.ruleId)) return false;
    const type = rules.get(d.ruleId)?.meta.type;
    if (options.fixTypes && (!type || !options.fixTypes.includes(type))) return false;
    return !only || only.has(d.fix.file);
  };

  let result = await lint({ ...options, onRead: capture });
  const problems: string[] = [];
  let applied = 0;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const byFile = new Map<string, Diagnostic[]>();
    for (const d of result.diagnostics) {
      if (!wanted(d)) continue;
      const file = d.fix!.file;
      const doc = result.corpus.byFile.get(file);
      // A file read with a problem (invalid UTF-8, UTF-16) would not be written back as it was.
      if (!doc || doc.problems.length > 0 || !contents.has(file)) continue;
      byFile.set(file, [...(byFile.get(file) ?? []), d]);
    }
    let changed = false;
    for (const [file, diagnostics] of byFile) {
      const content = contents.get(file)!;
      const text = texts.get(file) ?? content.text;
      const starts = lineStarts(text);
      const fixes = diagnostics
        .map((d) => resolveFix(text, d.fix!, starts))
        .filter((fix): fix is ResolvedFix => fix !== undefined);
      if (fixes.length === 0) continue;
      const fixed = applyFixes(text, fixes);
      if (fixed.output === text) continue;
      applied += fixed.applied;
      texts.set(file, fixed.output);
      current.set(file, encode(content, fixed.output));
      changed = true;
    }
    if (!changed) break;
    result = await lint({ ...options, cache: false, contents: current });
  }

  const files: FixedFile[] = [];
  for (const [file, after] of texts) {
    const content = contents.get(file)!;
    if (after === content.text) continue;
    const relPath = result.corpus.byFile.get(file)?.relPath ?? path.relative(result.corpus.root, file);
    const entry: FixedFile = { file, relPath, before: content.text, after, written: false };
    files.push(entry);
    if (!options.write) continue;
    const real = realFileInside(file, result.corpus.root);
    if (!real) {
      problems.push(`${relPath} was not fixed: it leads outside the linted folder`);
      continue;
    }
    try {
      if (!readFileSync(real).equals(content.original)) {
        problems.push(`${relPath} was not fixed: it changed while tasklint was fixing it`);
        continue;
      }
      if (lstatSync(real).isFile()) writeAtomically(real, current.get(file)!);
      entry.written = true;
    } catch (error) {
      problems.push(`${relPath} was not fixed: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
  }
  // What could not be written is still to fix: the report says so.
  if (options.write && files.some((file) => !file.written)) result = await lint({ ...options, cache: false });
  files.sort((a, b) => (a.relPath < b.relPath ? -1 : a.relPath > b.relPath ? 1 : 0));
  return { result, files, problems, applied };
}

/** A unified diff of the fixes, file by file, as `git diff` shows it. */
export async function formatFixDiff(files: FixedFile[]): Promise<string> {
  const { createTwoFilesPatch } = await import('diff');
  return files
    .map((file) =>
      createTwoFilesPatch(`a/${file.relPath}`, `b/${file.relPath}`, file.before, file.after, undefined, undefined, {
        context: 3,
      }).replace(/^=+\n/, ''),
    )
    .join('');
}
