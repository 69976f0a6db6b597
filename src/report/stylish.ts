import path from 'node:path';
import type { Diagnostic } from '../types.js';

export interface StylishOptions {
  cwd: string;
  color: boolean;
}

const paint = (code: number, enabled: boolean) => (text: string) =>
  enabled ? `\u001b[${code}m${text}\u001b[0m` : text;

export function displayPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return relative && !path.isAbsolute(relative) ? relative.split(path.sep).join('/') : file;
}

/** ESLint's stylish layout: grouped by file, `line:col severity message rule-id`, related places indented. */
export function formatStylish(diagnostics: Diagnostic[], { cwd, color }: StylishOptions): string {
  if (diagnostics.length === 0) return '';
  const red = paint(31, color);
  const yellow = paint(33, color);
  const dim = paint(2, color);
  const underline = paint(4, color);
  const bold = paint(1, color);
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    const list = byFile.get(d.file);
    if (list) list.push(d);
    else byFile.set(d.file, [d]);
  }
  const lines: string[] = [];
  for (const [file, list] of byFile) {
    lines.push(underline(displayPath(file, cwd)));
    const width = Math.max(...list.map((d) => `${d.range.start.line}:${d.range.start.column}`.length));
    for (const d of list) {
      const where = `${d.range.start.line}:${d.range.start.column}`.padEnd(width);
      const severity = d.severity === 'error' ? red('error  ') : yellow('warning');
      lines.push(`  ${dim(where)}  ${severity}  ${d.message}  ${dim(d.ruleId)}`);
      for (const related of d.related) {
        const place = `${displayPath(related.file, cwd)}:${related.range.start.line}:${related.range.start.column}`;
        lines.push(`  ${' '.repeat(width)}  ${dim('↳')} ${place}${related.message ? `  ${dim(related.message)}` : ''}`);
      }
    }
    lines.push('');
  }
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  const total = diagnostics.length;
  const summary = `✖ ${total} problem${total === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'})`;
  lines.push(errors > 0 ? red(bold(summary)) : yellow(bold(summary)));
  // As ESLint's stylish: how many of them --fix would mend.
  const fixableErrors = diagnostics.filter((d) => d.fix && d.severity === 'error').length;
  const fixableWarnings = diagnostics.filter((d) => d.fix && d.severity !== 'error').length;
  if (fixableErrors + fixableWarnings > 0) {
    const fixable = `  ${fixableErrors} error${fixableErrors === 1 ? '' : 's'} and ${fixableWarnings} warning${fixableWarnings === 1 ? '' : 's'} potentially fixable with the \`--fix\` option.`;
    lines.push(errors > 0 ? red(bold(fixable)) : yellow(bold(fixable)));
  }
  return `${lines.join('\n')}\n`;
}
