import type { Diagnostic, DocumentFacts, InlineDirective, Place, Range, Severity } from './types.js';

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

/** The comments that turn `ruleId` off at `line`: each line comment that applies, and the block comment in effect. */
export function suppressorsAt(directives: InlineDirective[], ruleId: string, line: number): InlineDirective[] {
  const found: InlineDirective[] = [];
  let block: InlineDirective | undefined;
  for (const directive of directives) {
    if (!names(directive, ruleId)) continue;
    switch (directive.kind) {
      case 'disable-file':
        found.push(directive);
        break;
      case 'disable-next-line':
        if (directive.line + 1 === line) found.push(directive);
        break;
      case 'disable-line':
        if (directive.line === line) found.push(directive);
        break;
      case 'disable':
        if (directive.line <= line) block = directive;
        break;
      case 'enable':
        if (directive.line <= line) block = undefined;
        break;
    }
  }
  if (block) found.push(block);
  return found;
}

export function suppressedAt(directives: InlineDirective[], ruleId: string, line: number): boolean {
  return suppressorsAt(directives, ruleId, line).length > 0;
}

/**
 * Which comments silenced something, rule by rule: `--report-unused-disable-directives`
 * reports the others, as ESLint does. Every comment that applies to a finding counts as used,
 * at any of its places.
 */
export class DirectiveUse {
  private readonly used = new Map<InlineDirective, Set<string>>();

  /** Whether `diagnostic` is silenced, noting each comment that silences it. */
  suppresses(diagnostic: Diagnostic, byFile: Map<string, DocumentFacts>): boolean {
    let suppressed = false;
    for (const place of [diagnostic, ...diagnostic.related]) {
      const doc = byFile.get(place.file);
      if (!doc) continue;
      for (const directive of suppressorsAt(doc.directives, diagnostic.ruleId, place.range.start.line)) {
        suppressed = true;
        let rules = this.used.get(directive);
        if (!rules) this.used.set(directive, (rules = new Set()));
        rules.add(diagnostic.ruleId);
      }
    }
    return suppressed;
  }

  /** One finding per disable comment that silenced nothing (or nothing of some rules it names, when `known` has them). */
  unused(documents: DocumentFacts[], severity: Severity, known: ReadonlySet<string>): Diagnostic[] {
    const found: Diagnostic[] = [];
    for (const doc of documents) {
      for (const directive of doc.directives) {
        if (directive.kind === 'enable') continue;
        const used = this.used.get(directive);
        let message: string;
        let range: Range = directive.range;
        if (directive.rules.length === 0) {
          if (used) continue;
          message = `Unused tasklint-${directive.kind} directive (no problems were reported).`;
        } else {
          // A name that is no rule is unknown-rule-in-directive's to report.
          const idle = directive.rules
            .map((rule, i) => ({ rule, range: directive.ruleRanges[i] ?? directive.range }))
            .filter(({ rule }) => known.has(rule) && !used?.has(rule));
          if (idle.length === 0) continue;
          if (idle.length < directive.rules.length) range = idle[0]!.range;
          message = `Unused tasklint-${directive.kind} directive (no problems were reported from ${idle.map(({ rule }) => `"${rule}"`).join(' or ')}).`;
        }
        found.push({
          ruleId: UNUSED_DIRECTIVE,
          messageId: 'unused',
          severity,
          message,
          file: doc.file,
          range,
          related: [],
        });
      }
    }
    return found;
  }
}

/** The rule id findings about unused disable comments carry: they come from no rule, as in ESLint. */
export const UNUSED_DIRECTIVE = 'unused-disable-directive';
