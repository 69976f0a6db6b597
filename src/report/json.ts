import { lineStarts, resolveFix } from '../fix.js';
import type { Diagnostic, DocumentFormat, Fix } from '../types.js';

export interface EslintRelated {
  filePath: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
}

export interface EslintMessage {
  ruleId: string;
  severity: 1 | 2;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  related: EslintRelated[];
  /** As ESLint: offsets into the file's text and what replaces them. */
  fix?: EslintFix;
  suggestions?: { desc: string; fix: EslintFix }[];
}

export interface EslintFix {
  range: [number, number];
  text: string;
  /** A suggestion that edits another file than the message's own. */
  filePath?: string;
}

export interface EslintResult {
  filePath: string;
  messages: EslintMessage[];
  suppressedMessages: [];
  errorCount: number;
  fatalErrorCount: number;
  warningCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
  usedDeprecatedRules: [];
  /** The fixed text, after `--fix` or `--fix-dry-run` changed the file (as ESLint). */
  output?: string;
  /** The coding tool's format the file was read as (tasklint's own field). */
  format?: DocumentFormat;
}

export interface JsonOptions {
  /** The text of a linted file, for the offsets of fixes; without it, messages carry no fix. */
  textOf?: (file: string) => string | undefined;
  /** Fixed texts by file. */
  outputs?: ReadonlyMap<string, string>;
  /** The format each file was read as (spec-kit, Kiro, Backlog.md ...), where it has one. */
  formatOf?: (file: string) => DocumentFormat | undefined;
}

/** ESLint's JSON result format, one result per linted file, each message with its related places. */
export function toEslintResults(files: string[], diagnostics: Diagnostic[], options: JsonOptions = {}): EslintResult[] {
  const starts = new Map<string, number[]>();
  const resolve = (fix: Fix, own: string): EslintFix | undefined => {
    const text = options.textOf?.(fix.file);
    if (text === undefined) return undefined;
    let lines = starts.get(fix.file);
    if (!lines) starts.set(fix.file, (lines = lineStarts(text)));
    const resolved = resolveFix(text, fix, lines);
    return resolved ? { ...resolved, ...(fix.file !== own ? { filePath: fix.file } : {}) } : undefined;
  };
  const byFile = new Map<string, Diagnostic[]>(files.map((file) => [file, []]));
  for (const diagnostic of diagnostics) {
    const list = byFile.get(diagnostic.file) ?? [];
    list.push(diagnostic);
    byFile.set(diagnostic.file, list);
  }
  return [...byFile.keys()].sort().map((filePath) => {
    const messages: EslintMessage[] = byFile.get(filePath)!.map((d) => ({
      ruleId: d.ruleId,
      severity: d.severity === 'error' ? 2 : 1,
      message: d.message,
      line: d.range.start.line,
      column: d.range.start.column,
      endLine: d.range.end.line,
      endColumn: d.range.end.column,
      related: d.related.map((r) => ({
        filePath: r.file,
        line: r.range.start.line,
        column: r.range.start.column,
        endLine: r.range.end.line,
        endColumn: r.range.end.column,
        message: r.message ?? '',
      })),
      ...fixesOf(d, resolve),
    }));
    const errorCount = messages.filter((m) => m.severity === 2).length;
    const format = options.formatOf?.(filePath);
    return {
      filePath,
      messages,
      suppressedMessages: [],
      errorCount,
      fatalErrorCount: 0,
      warningCount: messages.length - errorCount,
      fixableErrorCount: messages.filter((m) => m.fix && m.severity === 2).length,
      fixableWarningCount: messages.filter((m) => m.fix && m.severity === 1).length,
      usedDeprecatedRules: [],
      ...(options.outputs?.has(filePath) ? { output: options.outputs.get(filePath)! } : {}),
      ...(format ? { format } : {}),
    };
  });
}

function fixesOf(
  d: Diagnostic,
  resolve: (fix: Fix, own: string) => EslintFix | undefined,
): Pick<EslintMessage, 'fix' | 'suggestions'> {
  const fix = d.fix && resolve(d.fix, d.file);
  const suggestions = (d.suggestions ?? []).flatMap((suggestion) => {
    const resolved = resolve(suggestion.fix, d.file);
    return resolved ? [{ desc: suggestion.desc, fix: resolved }] : [];
  });
  return { ...(fix ? { fix } : {}), ...(suggestions.length ? { suggestions } : {}) };
}

export function formatJson(files: string[], diagnostics: Diagnostic[], options: JsonOptions = {}): string {
  return JSON.stringify(toEslintResults(files, diagnostics, options));
}
