import type { Diagnostic, DocumentFacts, InlineDirective, Place } from './types.js';

/**
 * Inline comments turn rules off: `tasklint-disable-next-line`, `tasklint-disable-line`,
 * `tasklint-disable` ... `tasklint-enable`, `tasklint-disable-file`. A contradiction has
 * several places; a comment at any of them silences it, since either side may be the one
 * the author decided to keep.
 */
export function isSuppressed(diagnostic: Diagnostic, byFile: Map<string, DocumentFacts>): boolean {
  const places: Place[] = [diagnostic, ...diagnostic.related];
  return places.some((place) => {
    const doc = byFile.get(place.file);
    return doc ? suppressedAt(doc.directives, diagnostic.ruleId, place.range.start.line) : false;
  });
}

function names(directive: InlineDirective, ruleId: string): boolean {
  return directive.rules.length === 0 || directive.rules.includes(ruleId);
}

export function suppressedAt(directives: InlineDirective[], ruleId: string, line: number): boolean {
  let disabled = false;
  for (const directive of directives) {
    if (!names(directive, ruleId)) continue;
    switch (directive.kind) {
      case 'disable-file':
        return true;
      case 'disable-next-line':
        if (directive.line + 1 === line) return true;
        break;
      case 'disable-line':
        if (directive.line === line) return true;
        break;
      case 'disable':
        if (directive.line <= line) disabled = true;
        break;
      case 'enable':
        if (directive.line <= line) disabled = false;
        break;
    }
  }
  return disabled;
}
