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

/**
 * Editors show findings per file. The CLI reports a contradiction once, at one place; here each
 * file involved gets it at its own place, its message naming where the finding was reported,
 * so whichever file is open shows the contradiction. Related places in the finding's own file
 * stay related information only.
 */
export function findingsByFile(diagnostics: Diagnostic[], nameOf: (file: string) => string): Map<string, FindingInFile[]> {
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
      const here = place.message ? withoutFinalStop(place.message) : 'Another place of this finding';
      add(place.file, {
        diagnostic: d,
        range: place.range,
        message: `${here}. At ${nameOf(d.file)}:${d.range.start.line}: ${d.message}`,
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
