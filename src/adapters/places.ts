import type { Diagnostic, Place, Range } from '../types.js';

/** A finding as one file shows it: at its own place, with the finding's other places. */
export interface FindingInFile {
  diagnostic: Diagnostic;
  range: Range;
  message: string;
  /** The finding's other places, each with what it says there. */
  others: Place[];
  /** True where this is a related place of a finding reported in another file. */
  mirrored: boolean;
}

function withoutFinalStop(text: string): string {
  return text.replace(/[.\s]+$/, '');
}

/** The finding's message at `place`, one of its related places in another file, followed by what it says at its own place. */
function mirroredMessage(d: Diagnostic, place: Place, nameOf: (file: string) => string): string {
  const here = place.message ? withoutFinalStop(place.message) : 'Another place of this finding';
  // A related place's words may start in lower case ("the heading … has the anchor …"): here they start a sentence.
  return `${here.charAt(0).toUpperCase()}${here.slice(1)}. At ${nameOf(d.file)}:${d.range.start.line}: ${d.message}`;
}

/**
 * `d` shown at `place`, one of its related places in another file, its own place then related:
 * the message as the rule phrases it from there (`asPrimary`), else what is said there followed
 * by the finding's message, so that it stays true read at its new place.
 */
export function shownAt(d: Diagnostic, place: Place, nameOf: (file: string) => string): Diagnostic {
  const { asRelated, ...rest } = d;
  const { asPrimary, ...placeRest } = place;
  const original: Place = {
    file: d.file,
    range: d.range,
    message: asRelated ?? d.message,
    ...(asPrimary ? { asPrimary: d.message } : {}),
  };
  return {
    ...rest,
    file: place.file,
    range: place.range,
    message: asPrimary ?? mirroredMessage(d, place, nameOf),
    related: [original, ...d.related.filter((other) => other !== place)],
    ...(asPrimary && placeRest.message ? { asRelated: placeRest.message } : {}),
  };
}

/**
 * Findings at a place in `files` (the staged files of the pre-commit hook, `--report-only`): a
 * finding whose own place is elsewhere is shown at its first related place in them instead (a
 * staged tracker contradicting an untouched index is reported in the tracker), the other place
 * related. Findings with no place in `files` are dropped.
 */
export function reanchored(
  diagnostics: Diagnostic[],
  files: ReadonlySet<string>,
  nameOf: (file: string) => string,
): Diagnostic[] {
  const shown: Diagnostic[] = [];
  for (const d of diagnostics) {
    if (files.has(d.file)) shown.push(d);
    else {
      const place = d.related.find((related) => files.has(related.file));
      if (place) shown.push(shownAt(d, place, nameOf));
    }
  }
  return shown;
}

/**
 * Editors show findings per file. The CLI reports a contradiction once, at one place; here each
 * file involved gets it at its own place, its message naming where the finding was reported,
 * so whichever file is open shows the contradiction. Related places in the finding's own file
 * stay related information only.
 */
export function findingsByFile(
  diagnostics: Diagnostic[],
  nameOf: (file: string) => string,
): Map<string, FindingInFile[]> {
  const byFile = new Map<string, FindingInFile[]>();
  const add = (file: string, finding: FindingInFile) => {
    const list = byFile.get(file);
    if (list) list.push(finding);
    else byFile.set(file, [finding]);
  };
  for (const d of diagnostics) {
    add(d.file, { diagnostic: d, range: d.range, message: d.message, others: d.related, mirrored: false });
    for (const place of d.related) {
      if (place.file === d.file) continue;
      add(place.file, {
        diagnostic: d,
        range: place.range,
        message: mirroredMessage(d, place, nameOf),
        others: [{ file: d.file, range: d.range, message: d.message }, ...d.related.filter((other) => other !== place)],
        mirrored: true,
      });
    }
  }
  for (const list of byFile.values()) {
    list.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.column - b.range.start.column);
  }
  return byFile;
}
