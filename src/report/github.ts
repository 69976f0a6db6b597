import path from 'node:path';
import type { Diagnostic } from '../types.js';
import { shownAt } from '../adapters/places.js';
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
  const workspace = process.env.GITHUB_WORKSPACE;
  return workspace && path.isAbsolute(workspace) ? workspace : cwd;
}

export interface GithubOptions {
  cwd: string;
  /**
   * The files a change touched (`--report-only`, the hook's staged files), when known: an
   * annotation shows only on a line of the pull request's diff, so a finding is annotated at
   * each of its places in these files (in its own words there, see `shownAt`), and nowhere else.
   */
  changedFiles?: string[];
  /** How messages name a file (relative to the corpus root), for the words of a finding shown at another place. */
  nameOf?: (file: string) => string;
}

/** Each finding at its places in `changed`: its own place, and each related place in another file. */
function atChangedPlaces(
  diagnostics: Diagnostic[],
  changed: ReadonlySet<string>,
  nameOf: (file: string) => string,
): Diagnostic[] {
  return diagnostics.flatMap((d) => [
    ...(changed.has(d.file) ? [d] : []),
    ...d.related
      .filter((place) => place.file !== d.file && changed.has(place.file))
      .map((place) => shownAt(d, place, nameOf)),
  ]);
}

/** GitHub Actions workflow commands: one annotation per finding (per changed place, given `changedFiles`), the other places named in the message. */
export function formatGithub(diagnostics: Diagnostic[], { cwd, changedFiles, nameOf }: GithubOptions): string {
  const base = annotationBase(cwd);
  const shown = changedFiles
    ? atChangedPlaces(
        diagnostics,
        new Set(changedFiles.map((file) => path.resolve(cwd, file))),
        nameOf ?? ((file) => displayPath(file, base)),
      )
    : diagnostics;
  return shown
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
      const related = d.related
        .map((r) => ` [also ${displayPath(r.file, base)}:${r.range.start.line}${r.message ? `: ${r.message}` : ''}]`)
        .join('');
      return `::${level} ${properties}::${escapeData(d.message + related)}\n`;
    })
    .join('');
}
