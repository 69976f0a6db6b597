import type { Status } from '../types.js';

/** Statuses that mean the task is still to be done. */
export const OPEN_STATUSES: ReadonlySet<Status> = new Set<Status>(['in-progress', 'blocked', 'pending']);

export function isOpen(status: Status | undefined): boolean {
  return status !== undefined && OPEN_STATUSES.has(status);
}

export type VocabularyStatus = Exclude<Status, 'unknown'>;

/** The built-in vocabulary; config `statusWords` adds to it. Lower-case, matched as whole words. */
const WORDS: Record<VocabularyStatus, string[]> = {
  deprecated: [
    'deprecated',
    'superseded',
    'obsolete',
    'cancelled',
    'canceled',
    "won't do",
    'wont do',
    'wontfix',
    "won't fix",
    'skipped',
    'dropped',
    'abandoned',
    'optional - skipped',
  ],
  done: ['complete', 'completed', 'done', 'finished', 'closed', 'resolved', 'merged', 'shipped', 'delivered', 'fixed'],
  'in-progress': [
    'in progress',
    'in-progress',
    'wip',
    'ongoing',
    'started',
    'underway',
    'under way',
    'in review',
    'partial',
    'partially complete',
    'partially done',
    'incomplete',
  ],
  blocked: ['blocked', 'blocking', 'on hold', 'stalled', 'stuck'],
  pending: [
    'pending',
    'not started',
    'not yet started',
    'todo',
    'to do',
    'to-do',
    'planned',
    'queued',
    'backlog',
    'not done',
    'not complete',
    'not completed',
    'not yet complete',
    'remaining',
    'outstanding',
  ],
};

/** Words that say "open" only when nothing stronger is there ("Ready Now", "Open"). */
const WEAK_PENDING = ['ready', 'ready now', 'ready to start', 'open', 'next', 'scheduled', 'upcoming', 'future'];

const EMOJI: [Status, RegExp][] = [
  ['done', /[✅✔☑]/u],
  ['in-progress', /[🟡🔄🚧🏗]/u],
  ['blocked', /[⛔🛑🚫❌🔴]/u],
  ['pending', /[⏳🔵⬜⭕🕐]/u],
];

export interface StatusVocabulary {
  words: Record<VocabularyStatus, RegExp>;
  /** Checkbox markers beyond GFM's `[ ]` and `[x]` and what each means (config `checkboxMarkers`), by the text inside the brackets: `~` for `[~]`. */
  markers: ReadonlyMap<string, VocabularyStatus>;
  weakPending: RegExp;
  /** Every word of any status, for reading a status right after a task ID in prose. */
  any: RegExp;
}

function wordsRegExp(words: string[], flags = 'iu'): RegExp {
  const alternatives = [...new Set(words)]
    .sort((a, b) => b.length - a.length)
    .map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/[ -]+/g, '[\\s-]+'));
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, flags);
}

export function buildVocabulary(
  extra: Partial<Record<VocabularyStatus, string[]>> = {},
  markers: Partial<Record<VocabularyStatus, string[]>> = {},
): StatusVocabulary {
  const merged = Object.fromEntries(
    (Object.keys(WORDS) as VocabularyStatus[]).map((status) => [
      status,
      [...WORDS[status], ...(extra[status] ?? []).map((w) => w.toLowerCase())],
    ]),
  ) as Record<VocabularyStatus, string[]>;
  const words = Object.fromEntries(
    (Object.keys(merged) as VocabularyStatus[]).map((status) => [status, wordsRegExp(merged[status])]),
  ) as Record<VocabularyStatus, RegExp>;
  return {
    words,
    markers: new Map(
      (Object.entries(markers) as [VocabularyStatus, string[]][]).flatMap(([status, written]) =>
        written.map((marker) => [marker.slice(1, -1), status] as const),
      ),
    ),
    weakPending: wordsRegExp(WEAK_PENDING),
    any: wordsRegExp(Object.values(merged).flat()),
  };
}

export const DEFAULT_VOCABULARY = buildVocabulary();

export interface StatusReading {
  status: Status;
  text: string;
}

/** Words such as "not complete" are pending, not done: strip negated phrases before looking for "done". */
const NEGATED_DONE = /(?<![\p{L}])(?:not|never|in)[\s-]*(?:yet\s+)?(?:complete[d]?|done|finished)(?![\p{L}])/giu;
/** "Not started" is pending, not in progress. */
const NEGATED_STARTED = /(?<![\p{L}])not[\s-]+(?:yet[\s-]+)?started(?![\p{L}])/giu;

/**
 * Reads the status a whole cell or label states: "⚠️ IN PROGRESS", "✅ Complete",
 * "CODE COMPLETE · VALIDATION PENDING" (partly done: in progress), "SUPERSEDED".
 */
export function classifyStatus(
  text: string,
  vocabulary: StatusVocabulary = DEFAULT_VOCABULARY,
): StatusReading | undefined {
  // A planning folder writes the same few statuses in cell after cell: each is read once.
  let readings = readingsOf.get(vocabulary);
  if (!readings) {
    readings = new Map();
    readingsOf.set(vocabulary, readings);
  }
  if (readings.has(text)) return readings.get(text);
  if (readings.size >= MAX_READINGS) readings.clear();
  const reading = readStatus(text, vocabulary);
  readings.set(text, reading && Object.freeze(reading));
  return reading;
}

const readingsOf = new WeakMap<StatusVocabulary, Map<string, StatusReading | undefined>>();
const MAX_READINGS = 10_000;

function readStatus(text: string, vocabulary: StatusVocabulary): StatusReading | undefined {
  const trimmed = text.trim();
  if (!trimmed) return undefined;
  const found = new Map<Status, string>();
  for (const status of Object.keys(vocabulary.words) as VocabularyStatus[]) {
    const source =
      status === 'done'
        ? trimmed.replace(NEGATED_DONE, ' ')
        : status === 'in-progress'
          ? trimmed.replace(NEGATED_STARTED, ' ')
          : trimmed;
    const match = vocabulary.words[status].exec(source);
    if (match) found.set(status, match[0]);
  }
  if (found.has('deprecated')) return { status: 'deprecated', text: found.get('deprecated')! };
  const open = (['blocked', 'in-progress', 'pending'] as const).find((status) => found.has(status));
  if (found.has('done') && open) {
    // "Code complete, validation pending": part of it is still open.
    return { status: open === 'blocked' ? 'blocked' : 'in-progress', text: trimmed };
  }
  if (open) return { status: open, text: found.get(open)! };
  if (found.has('done')) return { status: 'done', text: found.get('done')! };
  for (const [status, emoji] of EMOJI) {
    const match = emoji.exec(trimmed);
    if (match) return { status, text: match[0] };
  }
  const weak = vocabulary.weakPending.exec(trimmed);
  if (weak) return { status: 'pending', text: weak[0] };
  return undefined;
}

/** The status a single emoji states, for "✅ TASK-1" and "TASK-1 ✅". */
export function emojiStatus(text: string): StatusReading | undefined {
  for (const [status, emoji] of EMOJI) {
    const match = emoji.exec(text);
    if (match) return { status, text: match[0] };
  }
  return undefined;
}
