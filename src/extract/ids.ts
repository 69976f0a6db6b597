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
    // "CLOUD-3.x" means every task of phase 3, not a task CLOUD-3.
    all: new RegExp(`(?<![\\p{L}\\p{N}_.-])${core}(?![\\p{L}\\p{N}_]|\\.\\d|\\.[xX](?![\\p{L}\\p{N}]))`, 'gu'),
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

/** A short form or range found in a text: "Task 041", "035-037", "TASK-044 through TASK-048". */
export interface IdGroup {
  index: number;
  /** As written, from the first number to the last. */
  written: string;
  /** Written with the group ("TASK-" of "TASK-035-037") or by the full ID the list began with. */
  prefix?: string;
  from: string;
  to?: string;
}

/** A run of IDs written as one list: "Tasks 036-037, 040", "TASK-046, 047.1, 048". */
export interface IdList {
  index: number;
  end: number;
  groups: IdGroup[];
  /** Where the full IDs of the list start in the text. */
  ids: number[];
}

const NUMBER = '\\d+(?:\\.\\d+)*(?![\\p{L}\\p{N}_]|\\.[\\p{L}\\p{N}*])';
/** "Task 041", "Tasks 035-037", "task #7", and the count before a list: "(4 tasks: 040-044)". */
const TRIGGER = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:[Tt]asks?\\s*#?\\s*|\\d+\\s+tasks?(?:\\s+(?:remaining|left|open|pending|to go))?\\s*:\\s*)(?=\\d)`,
  'gu',
);
const NUMBER_AT = new RegExp(NUMBER, 'uy');
/** Between the two ends of a range whose end is a number: "035-037", "0.1 to 0.2". */
const RANGE_TO_NUMBER = /(?:[-–—]|\.\.|\s+(?:through|thru|to|until)\s+|\s+[–—]\s+)/uy;
/** Between the two ends of a range whose end is a full ID: "TASK-044 through TASK-048". */
const RANGE_TO_ID = /\s*(?:through|thru|to|until|[-–—]|\.\.)\s*/uy;
const LIST_SEPARATOR = /\s*(?:,|&|\/|\band\b|\bor\b)\s*/uy;
/** A number that counts something else: "TASK-046, 2 hours", "Tasks 3 days". */
const UNIT_AFTER =
  /^\s*(?:%|(?:h|hrs?|hours?|mins?|minutes?|d|days?|wks?|weeks?|months?|years?|tasks?|items?|points?|pts|sp|am|pm|x|of)(?![\p{L}\p{N}]))/iu;
/** Wider than this, a range is more likely two numbers than a run of tasks. */
export const MAX_RANGE_WIDTH = 200;

const stickyIds = new WeakMap<IdMatcher, RegExp>();

/** The full ID at `at`; `bounded`: none when a word or ID runs into it (not at a range's end: "T001-T004"). */
function idAt(text: string, at: number, matcher: IdMatcher, bounded = true): string | undefined {
  let sticky = stickyIds.get(matcher);
  if (!sticky)
    stickyIds.set(matcher, (sticky = new RegExp(matcher.all.source.replace(/^\(\?<!\[[^\]]*\]\)/u, ''), 'uy')));
  if (bounded && at > 0 && /[\p{L}\p{N}_.-]/u.test(text[at - 1]!)) return undefined;
  sticky.lastIndex = at;
  const id = sticky.exec(text)?.[0];
  // An empty match (a configured pattern may allow one) names nothing.
  if (!id) return undefined;
  return id;
}

function stickyMatch(pattern: RegExp, text: string, at: number): string | undefined {
  pattern.lastIndex = at;
  return pattern.exec(text)?.[0];
}

function parts(number: string): number[] {
  return number.split('.').map(Number);
}

/** Compares two dotted numbers: 040 < 040.1 < 041. */
export function compareNumbers(a: string, b: string): number {
  const x = parts(a);
  const y = parts(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? -1) - (y[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}

/** Two numbers of one scheme: as many dots, and as many digits where either is zero-padded. */
function sameShape(a: string, b: string): boolean {
  const x = a.split('.');
  const y = b.split('.');
  if (x.length !== y.length) return false;
  const padded = /^0\d/.test(x[0]!) || /^0\d/.test(y[0]!);
  return !padded || x[0]!.length === y[0]!.length;
}

/** Two members of one list: as many digits before the first dot where either is zero-padded. */
export function sameWidth(a: string, b: string): boolean {
  const x = a.split('.')[0]!;
  const y = b.split('.')[0]!;
  return !(/^0\d/.test(x) || /^0\d/.test(y)) || x.length === y.length;
}

/**
 * A range's two ends: the same shape, the first before the last, and no wider than
 * MAX_RANGE_WIDTH where they first differ ("0.1 to 0.2", "035-037"; not "2025-10", "10-2").
 */
export function isRange(from: string, to: string): boolean {
  if (!sameShape(from, to) || compareNumbers(from, to) >= 0) return false;
  const x = parts(from);
  const y = parts(to);
  const i = x.findIndex((part, k) => part !== y[k]);
  return i !== -1 && y[i]! - x[i]! <= MAX_RANGE_WIDTH;
}

/** The scheme's prefix and number of a full ID: `TASK-` and `028.1`. */
export function splitId(id: string): { prefix: string; number: string } | undefined {
  const match = /^(.*?)(\d+(?:\.\d+)*)$/u.exec(id);
  return match ? { prefix: match[1]!, number: match[2]! } : undefined;
}

interface Item {
  end: number;
  group?: IdGroup;
  /** A full ID written as an item. */
  id?: { index: number; prefix: string; number: string };
  /** A range between two schemes: names nothing, and ends the list. */
  mixed?: boolean;
}

function readItem(
  text: string,
  at: number,
  matcher: IdMatcher,
  prefix: string | undefined,
  shape?: string,
): Item | undefined {
  const id = idAt(text, at, matcher);
  if (id) {
    const split = splitId(id);
    if (!split) return undefined;
    let end = at + id.length;
    const separator = stickyMatch(RANGE_TO_ID, text, end);
    const last = separator !== undefined ? idAt(text, end + separator.length, matcher, false) : undefined;
    if (last) {
      const lastSplit = splitId(last);
      end += separator!.length + last.length;
      if (lastSplit?.prefix !== split.prefix || !isRange(split.number, lastSplit.number)) return { end, mixed: true };
      return {
        end,
        group: {
          index: at,
          written: text.slice(at, end),
          prefix: split.prefix,
          from: split.number,
          to: lastSplit.number,
        },
      };
    }
    const numberSeparator = stickyMatch(RANGE_TO_NUMBER, text, end);
    const lastNumber =
      numberSeparator !== undefined ? stickyMatch(NUMBER_AT, text, end + numberSeparator.length) : undefined;
    if (lastNumber && !UNIT_AFTER.test(text.slice(end + numberSeparator!.length + lastNumber.length))) {
      if (!isRange(split.number, lastNumber)) return { end, id: { index: at, ...split } };
      const rangeEnd = end + numberSeparator!.length + lastNumber.length;
      return {
        end: rangeEnd,
        group: {
          index: at,
          written: text.slice(at, rangeEnd),
          prefix: split.prefix,
          from: split.number,
          to: lastNumber,
        },
      };
    }
    return { end, id: { index: at, ...split } };
  }
  if (at > 0 && /[\p{L}\p{N}_.-]/u.test(text[at - 1]!)) return undefined;
  const number = stickyMatch(NUMBER_AT, text, at);
  if (!number || (shape !== undefined && !sameWidth(number, shape))) return undefined;
  let end = at + number.length;
  let to: string | undefined;
  const separator = stickyMatch(RANGE_TO_NUMBER, text, end);
  const last = separator !== undefined ? stickyMatch(NUMBER_AT, text, end + separator.length) : undefined;
  if (last && isRange(number, last)) {
    to = last;
    end += separator!.length + last.length;
  }
  if (UNIT_AFTER.test(text.slice(end))) return undefined;
  return {
    end,
    group: {
      index: at,
      written: text.slice(at, end),
      ...(prefix !== undefined ? { prefix } : {}),
      from: number,
      ...(to ? { to } : {}),
    },
  };
}

/**
 * The lists of IDs in `text` that name tasks short or by range: "Tasks 036-037, 040",
 * "TASK-035-037", "TASK-044 through TASK-048", "CLOUD-0.1 to 0.2", "(4 tasks: 040-044)",
 * "TASK-046, 047.1, 048". A list starts at a full ID or at "Task"/"Tasks" (or "N tasks:")
 * before a number; a number that counts something ("2 hours") ends it. Lists of full IDs only
 * are returned too (their `groups` are empty), so a status written before or after a list is
 * found for every member.
 */
export function findListsOfIds(text: string, matcher: IdMatcher): IdList[] {
  const starts: { index: number; trigger?: number }[] = findIds(text, matcher).map((o) => ({ index: o.index }));
  TRIGGER.lastIndex = 0;
  for (let match = TRIGGER.exec(text); match; match = TRIGGER.exec(text))
    starts.push({ index: match.index, trigger: match.index + match[0].length });
  starts.sort((a, b) => a.index - b.index);
  const lists: IdList[] = [];
  let consumed = 0;
  for (const start of starts) {
    if (start.index < consumed) continue;
    const list: IdList = { index: start.index, end: start.index, groups: [], ids: [] };
    let at = start.trigger ?? start.index;
    let prefix: string | undefined;
    let shape: string | undefined;
    let first = true;
    for (;;) {
      const item = readItem(text, at, matcher, prefix, first && start.trigger === undefined ? undefined : shape);
      if (!item || (first && start.trigger !== undefined && item.id)) break;
      if (item.mixed) {
        list.end = item.end;
        list.groups = [];
        list.ids = [];
        break;
      }
      if (item.id) {
        prefix = item.id.prefix;
        shape = item.id.number;
        list.ids.push(item.id.index);
      } else if (item.group) {
        if (item.group.prefix !== undefined && item.group.to !== undefined) prefix = item.group.prefix;
        shape ??= item.group.from;
        list.groups.push(item.group);
      }
      list.end = item.end;
      first = false;
      const separator = stickyMatch(LIST_SEPARATOR, text, item.end);
      if (separator === undefined) break;
      at = item.end + separator.length;
    }
    if (list.end > list.index) {
      lists.push(list);
      consumed = list.end;
    }
  }
  return lists;
}
