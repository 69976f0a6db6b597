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
  /** How the ID is written where it is not written in full: "047.1" in "TASK-046, 047.1". */
  written?: string;
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

/** ", 047.1", " and 048", " & 048": one more member of a list after a full ID. */
const LIST_MEMBER =
  /^\s*(?:,|&|\/|\band\b|\bor\b)\s*(\d+)((?:\.\d+)*)(?!\.?\d)(?=\s*(?:$|[,;:.)\]&/(|✅✔☑⏳🔄🟡❌⚠]|\band\b|\bor\b|[-–—]\s))/u;

/**
 * Every ID in `text`, with the members a list writes short after a full ID: "TASK-046, 047.1,
 * 048" names TASK-046, TASK-047.1 and TASK-048. A member counts only when it has as many
 * digits before its first dot as the full ID (so "TASK-5, 6 tasks" and "TASK-046, 2 hours" name
 * one task), nothing but a separator stands between, and the full form is an ID of the pattern.
 */
export function findIdLists(text: string, matcher: IdMatcher): IdOccurrence[] {
  const found: IdOccurrence[] = [];
  for (const occurrence of findIds(text, matcher)) {
    found.push(occurrence);
    const lead = /^(.*?)(\d+)((?:\.\d+)*)$/u.exec(occurrence.id);
    if (!lead) continue;
    const [, prefix = '', digits = ''] = lead;
    let at = occurrence.index + occurrence.id.length;
    for (let member = LIST_MEMBER.exec(text.slice(at)); member; member = LIST_MEMBER.exec(text.slice(at))) {
      const [whole, memberDigits = '', decimals = ''] = member;
      if (memberDigits.length !== digits.length) break;
      const id = `${prefix}${memberDigits}${decimals}`;
      matcher.all.lastIndex = 0;
      if (matcher.all.exec(id)?.[0] !== id) break;
      const written = `${memberDigits}${decimals}`;
      found.push({ id, index: at + whole.length - written.length, written });
      at += whole.length;
    }
  }
  return found;
}

export function leadingId(text: string, matcher: IdMatcher): IdOccurrence | undefined {
  const match = matcher.leading.exec(text);
  if (!match?.[1]) return undefined;
  return { id: match[1], index: match.index + match[0].length - match[1].length };
}

/** `TASK-028.1` has the prefix `TASK-`, `T001` has `T`: IDs of one scheme share it. */
export function idPrefix(id: string): string {
  return id.replace(/[\d.]+$/, '');
}
