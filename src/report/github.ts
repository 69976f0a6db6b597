import path from 'node:path';
import type { Diagnostic } from '../types.js';
import { displayPath } from './stylish.js';

/** Workflow-command values escape %, CR and LF; property values also escape : and ,. */
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** Annotations attach to paths relative to the checkout: `$GITHUB_WORKSPACE` in a workflow, else the working directory. */
function annotationBase(cwd: string): string {
  const workspace = process.env['GITHUB_WORKSPACE'];
  return workspace && path.isAbsolute(workspace) ? workspace : cwd;
}

/** GitHub Actions workflow commands: one annotation per finding, the other places named in the message. */
export function formatGithub(diagnostics: Diagnostic[], { cwd }: { cwd: string }): string {
  const base = annotationBase(cwd);
  return diagnostics
    .map((d) => {
      const level = d.severity === 'error' ? 'error' : 'warning';
      const properties = [
        `file=${escapeProperty(displayPath(d.file, base))}`,
        `line=${d.range.start.line}`,
        `endLine=${d.range.end.line}`,
        `col=${d.range.start.column}`,
        ...(d.range.end.line === d.range.start.line ? [`endColumn=${d.range.end.column}`] : []),
        `title=${escapeProperty(d.ruleId)}`,
      ].join(',');
      const related = d.related.map((r) => ` [also ${displayPath(r.file, base)}:${r.range.start.line}${r.message ? `: ${r.message}` : ''}]`).join('');
      return `::${level} ${properties}::${escapeData(d.message + related)}\n`;
    })
    .join('');
}
