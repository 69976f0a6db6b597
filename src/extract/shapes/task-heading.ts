/**
 * A heading that names its task by number only, then its title:
 *
 *     ### Task 041: Replace the storage role
 *     ### ✅ Task 7 - Write the docs
 *
 * Which scheme "041" belongs to is the corpus's to find (see corpus.ts): the heading defines
 * TASK-041 only when exactly one scheme in scope fits it. Not a heading without a title after a
 * separator ("Task 041 notes"), nor a step ("Step 2: ...").
 */
import { HISTORY_SECTION } from '../vocab/sections.js';

const SHORT_TASK_HEADING =
  /^[^\p{L}\p{N}]*(?:[Tt]ask|TASK)\s*#?\s*(\d+(?:\.\d+)*)\s*(?::|\s[-–—]|[.–—](?=\s))\s*(?=\S)/u;

export interface ShortTaskHeading {
  /** The number as written: "041". */
  number: string;
  /** Where the number starts in the heading's text. */
  index: number;
  /** The text after the number: ": Replace the storage role". */
  rest: string;
}

export function shortTaskHeading(text: string): ShortTaskHeading | undefined {
  const match = SHORT_TASK_HEADING.exec(text);
  if (!match) return undefined;
  const number = match[1]!;
  const index = match[0].lastIndexOf(number, match[0].length);
  return { number, index, rest: text.slice(index + number.length) };
}

/**
 * The short task heading `text` is, when it defines its task where it stands: not inside a task's
 * block (a numbered step of a task) and not in a history section.
 */
export function definingShortHeading(
  text: string,
  ancestors: readonly { text: string; task: boolean }[],
): ShortTaskHeading | undefined {
  if (ancestors.some((heading) => heading.task || HISTORY_SECTION.test(heading.text))) return undefined;
  return shortTaskHeading(text);
}
