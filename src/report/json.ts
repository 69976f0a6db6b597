import type { Diagnostic } from '../types.js';

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
}

/** ESLint's JSON result format, one result per linted file, each message with its related places. */
export function toEslintResults(files: string[], diagnostics: Diagnostic[]): EslintResult[] {
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
    }));
    const errorCount = messages.filter((m) => m.severity === 2).length;
    return {
      filePath,
      messages,
      suppressedMessages: [],
      errorCount,
      fatalErrorCount: 0,
      warningCount: messages.length - errorCount,
      fixableErrorCount: 0,
      fixableWarningCount: 0,
      usedDeprecatedRules: [],
    };
  });
}

export function formatJson(files: string[], diagnostics: Diagnostic[]): string {
  return JSON.stringify(toEslintResults(files, diagnostics));
}
