/** Finding task IDs in text by the configured pattern. */

export interface IdMatcher {
  /** Global regexp: every ID in a text. */
  all: RegExp;
  /** The ID at the very start of a text, after decoration (emoji, "Task", numbering). */
  leading: RegExp;
}

/** IDs are bounded like words: `XTASK-1`, `TASK-1x` and the `1.2` of `TASK-1.2.` are not IDs. */
export function buildIdMatcher(pattern: string): IdMatcher {
  const core = `(?:${pattern})`;
  return {
    all: new RegExp(`(?<![\\p{L}\\p{N}_.-])${core}(?![\\p{L}\\p{N}_]|\\.\\d)`, 'gu'),
    leading: new RegExp(`^[^\\p{L}\\p{N}]*?(?:[Tt](?:ask|ASK)\\s*#?\\s*)?(${core})(?![\\p{L}\\p{N}_]|\\.\\d)`, 'u'),
  };
}

const rangePatterns = new WeakMap<IdMatcher, RegExp>();

/**
 * What follows an ID that starts a range rather than names one task: "TASK-001 through TASK-012",
 * "TASK-040-044". Made once per ID pattern.
 */
export function rangeAfterId(ids: IdMatcher): RegExp {
  let pattern = rangePatterns.get(ids);
  if (!pattern) {
    pattern = new RegExp(`^(?:\\s*(?:through|thru|to|until|[-–—]|\\.\\.)\\s*(?:${ids.all.source})|[-–]\\d)`, 'u');
    rangePatterns.set(ids, pattern);
  }
  return pattern;
}

const idReplacers = new WeakMap<IdMatcher, RegExp>();

/** Every ID, for String.replace: a pattern of its own, so replacing never moves the lastIndex that findIds steps `all` by. */
export function idsToReplace(ids: IdMatcher): RegExp {
  let pattern = idReplacers.get(ids);
  if (!pattern) {
    pattern = new RegExp(ids.all.source, 'gu');
    idReplacers.set(ids, pattern);
  }
  return pattern;
}

export interface IdOccurrence {
  id: string;
  index: number;
}

/** Every ID in `text`, in order. Long lines are cut: an ID never needs 10,000 characters. */
export function findIds(text: string, matcher: IdMatcher): IdOccurrence[] {
  const found: IdOccurrence[] = [];
  matcher.all.lastIndex = 0;
  for (let match = matcher.all.exec(text); match; match = matcher.all.exec(text)) {
    if (match[0].length === 0) {
      matcher.all.lastIndex++;
      continue;
    }
    found.push({ id: match[0], index: match.index });
  }
  return found;
}

export function leadingId(text: string, matcher: IdMatcher): IdOccurrence | undefined {
  const match = matcher.leading.exec(text);
  if (!match || !match[1]) return undefined;
  return { id: match[1], index: match.index + match[0].length - match[1].length };
}

/** `TASK-028.1` has the prefix `TASK-`, `T001` has `T`: IDs of one scheme share it. */
export function idPrefix(id: string): string {
  return id.replace(/[\d.]+$/, '');
}
