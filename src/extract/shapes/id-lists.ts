/**
 * What a line says of every task of a list of IDs, short forms and ranges included:
 *
 *     **Pending**: Tasks 036-037, 040
 *     Only Task 040 remains pending
 *     - TASK-038-043: storage consolidation ✅ (6 tasks complete)
 *
 * A bold label ("**Pending**:", "**Active Tasks**:") gives its status to a list that is all the line
 * says; a status right after the list ("NOT started", "remains pending") to its members; a line
 * led by a range, the status its rest shows (an emoji, an upper-case word, "(6 tasks complete)").
 * Nothing for a condition ("once Task 040 is complete"), a plan ("will be pending"), a question,
 * a dated past ("on 10-20, Tasks 035-037 were not started") or a history section.
 */
import type { IdList } from '../ids.js';
import { HISTORY_SECTION } from '../vocab/sections.js';
import { classifyStatus, emojiStatus, type StatusReading, type StatusVocabulary } from '../status.js';

/** "start once Task 040 is complete", "verify that Tasks 1-3 are done": a condition or a check, not a status. */
const CONDITION_BEFORE =
  /(?:^|[^\p{L}])(?:after|once|when|whenever|until|unless|before|if|whether|wait(?:ing)? (?:for|on)|requires?|needs?|depends on|blocked by|verify|check|ensure|confirm|make sure|so that|until)\b[^.;:!?]*$/iu;
const DATE =
  /\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}[-/.]\d{1,2}\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|\b(?:yesterday|last (?:week|month|sprint))\b/iu;
const PAST = /\b(?:was|were|had|did)\b/iu;
/** Verbs between a list and its status: "remains pending", "are still in progress", "is now done". */
const VERBS_AFTER = /^\s*(?:(?:remains?|is|are|still|now|stays?|has been|have been)\s+){0,3}/iu;
const UPPERCASE_STATUS =
  /(?<![\p{L}])(?:COMPLETED?|DONE|FINISHED|IN[ -]PROGRESS|BLOCKED|PENDING|NOT STARTED|ON HOLD|DEPRECATED|SUPERSEDED|SKIPPED|CANCELL?ED)(?![\p{L}])/u;
const STATUS_EMOJI = /[✅✔☑⏳🟡🔵🔴⛔🚧🔄❌]/gu;
/** "Active", "Current": a label of open work that the status vocabulary has no word for. */
const ACTIVE_LABEL = /^(?:active|current|open|in flight|ongoing)$/iu;
const NEAR = 200;
const LABEL_NOUN = /\s+(?:tasks?|items?|work|ids?)$/iu;

const wholeWords = new WeakMap<StatusVocabulary, { whole: RegExp; leading: RegExp }>();

function statusWords(vocabulary: StatusVocabulary): { whole: RegExp; leading: RegExp } {
  let words = wholeWords.get(vocabulary);
  if (!words) {
    words = {
      whole: new RegExp(`^(?:${vocabulary.any.source})$`, 'iu'),
      leading: new RegExp(`^(?:${vocabulary.any.source})`, 'iu'),
    };
    wholeWords.set(vocabulary, words);
  }
  return words;
}

/** "Pending", "Completed Tasks", "Active Tasks": a label that is a status and nothing more. */
function labelStatus(label: string, vocabulary: StatusVocabulary): StatusReading | undefined {
  const words = label
    .replace(/[^\p{L}\p{N}\s-]/gu, ' ')
    .trim()
    .replace(/\s+/g, ' ')
    .replace(LABEL_NOUN, '');
  if (ACTIVE_LABEL.test(words)) return { status: 'in-progress', text: label.trim() };
  if (!statusWords(vocabulary).whole.test(words)) return undefined;
  const reading = classifyStatus(words, vocabulary);
  return reading && { status: reading.status, text: label.trim() };
}

/** The status a line's rest shows after a leading range: an emoji all of it agrees on, an upper-case word, "(6 tasks complete)". */
function restStatus(rest: string, vocabulary: StatusVocabulary): StatusReading | undefined {
  if (/\b(?:after|once|when|until|if|will|would|should)\b/iu.test(rest)) return undefined;
  const upper = UPPERCASE_STATUS.exec(rest);
  if (upper) return classifyStatus(upper[0], vocabulary);
  const counted = /\(\s*(?:\d+\s+(?:tasks?|items?)\s+)?([\p{L} -]{3,20}?)\s*\)/u.exec(rest);
  if (counted && statusWords(vocabulary).whole.test(counted[1]!)) return classifyStatus(counted[1]!, vocabulary);
  const emoji = new Set([...rest.matchAll(STATUS_EMOJI)].map((match) => emojiStatus(match[0])?.status));
  if (emoji.size === 1) {
    const [status] = emoji;
    const first = rest.match(STATUS_EMOJI)![0];
    return status ? { status, text: first } : undefined;
  }
  return undefined;
}

/**
 * The status the line around `list` gives each of its members, when it plainly gives one.
 * `leading`: a list at the start of a list item or line may be a summary's subject.
 */
export function statusOfList(
  text: string,
  list: IdList,
  vocabulary: StatusVocabulary,
  sectionPath: readonly string[],
  line: { emphasisedLabel: boolean },
): StatusReading | undefined {
  if (sectionPath.some((heading) => HISTORY_SECTION.test(heading))) return undefined;
  // What a line says of a list is said near it: a long line is read 200 characters either side.
  const lineStart = Math.max(text.lastIndexOf('\n', list.index - 1) + 1, list.index - NEAR);
  const newline = text.indexOf('\n', list.end);
  const lineEnd = Math.min(newline === -1 ? text.length : newline, list.end + NEAR);
  const before = text.slice(lineStart, list.index);
  const after = text.slice(list.end, lineEnd);
  const around = text.slice(lineStart, lineEnd);
  if (DATE.test(around) && PAST.test(around)) return undefined;
  if (after.includes('?')) return undefined;
  // "(3 tasks remaining: 046, 047.1, 048)": the count says they are open.
  const remaining = /^\d+\s+tasks?\s+(?:remaining|left|open|pending|to go)(?=\s*:)/iu.exec(text.slice(list.index));
  if (remaining && !CONDITION_BEFORE.test(before)) return { status: 'pending', text: remaining[0] };

  // "**Pending**: Tasks 036-037, 040": the label is the status; the list is all the line says.
  const label = /^[^\p{L}\p{N}]*([\p{L}][\p{L}\p{N} -]{1,40}?)[^\p{L}\p{N}]*:[^\p{L}\p{N}]*$/u.exec(before);
  if (label) {
    if (!line.emphasisedLabel || !/^\s*(?:\([^)]*\))?\s*[.;]?\s*$/u.test(after)) return undefined;
    return labelStatus(label[1]!, vocabulary);
  }
  if (CONDITION_BEFORE.test(before)) return undefined;

  // "Only Task 040 remains pending", "Tasks 035-037 NOT started".
  const verbs = VERBS_AFTER.exec(after)?.[0] ?? '';
  const rest = after.slice(verbs.length);
  const word = statusWords(vocabulary).leading.exec(rest);
  if (
    word &&
    (verbs.trim() || /^\s/u.test(after)) &&
    /^(?:\s+yet)?\s*(?:$|[.,;:!)]|\s+\(|\s+[-–—]\s)/u.test(rest.slice(word[0].length))
  )
    return classifyStatus(word[0], vocabulary);

  // "- TASK-038-043: storage consolidation ✅ (6 tasks complete)".
  if (/^[^\p{L}\p{N}]*$/u.test(before) && /^\s*[-–—:]\s/u.test(after)) return restStatus(after, vocabulary);
  return undefined;
}
