/**
 * Where a task is listed can state its status: a table under "Active Tasks" or "17 tasks
 * remaining", or in a document that "tracks only active (incomplete) tasks", lists open tasks.
 */

const ACTIVE_HEADINGS = [
  /\b(?:active|open|remaining|outstanding|incomplete|unfinished|pending)\s+(?:tasks?|items?|work(?:streams?)?)\b/iu,
  /\b(?:tasks?|items?|work)\s+(?:remaining|outstanding|left|still open|to do)\b/iu,
  /^[^\p{L}\p{N}]*(?:remaining|active|open|outstanding|backlog|to ?do|pending|not started)[^\p{L}\p{N}]*$/iu,
];
/** A heading about finished work ends the open scope below it: "Completed", "Recently Done", "Archive". */
const CLOSED_HEADING =
  /\b(?:complete[d]?|done|finished|archived?|closed|history|historical|deprecated|superseded|cancell?ed)\b/iu;
const CLOSED_PARENTHESIS = /\(\s*(?:✅\s*)?(?:complete[d]?|done|finished|archived|closed)\s*\)/iu;

const ONLY_OPEN =
  /\b(?:this|the)\s+(document|file|page|tracker|list|index|section|table)\b[^.\n]{0,40}?\b(?:tracks?|lists?|contains?|shows?|covers?|holds?|includes?)\s+only\s+(?:the\s+)?(?:active|open|incomplete|remaining|outstanding|unfinished|pending|in[- ]progress)\b/iu;
const DOUBT =
  /\bmay\s+(?:already\s+)?be\s+(?:complete[d]?|done|finished)\b|\bverify\s+(?:their\s+|the\s+|its\s+)?status\b|\bstatus\s+(?:is\s+)?(?:unknown|unclear|unverified|to be confirmed|tbc)\b|\bpossibly\s+(?:already\s+)?(?:complete[d]?|done)\b/iu;

/**
 * A cheap test that lets most paragraphs skip DOUBT, which is slow to fail: each of its phrases
 * needs one of these words followed by a space. `ſ` (long s) is there because DOUBT, a Unicode case-insensitive
 * pattern, reads it as an `s`, which this one does not.
 */
const MAY_DOUBT = /(?:may|verify|status|possibly)\s|\u017f/i;

/** "This document tracks only active tasks" scopes the document; "This section ..." its section. */
export function onlyOpenScope(paragraph: string): 'document' | 'section' | undefined {
  // ONLY_OPEN is slow to fail and needs the word "only" (none of its letters has a non-ASCII case variant).
  if (!/only/i.test(paragraph)) return undefined;
  const match = ONLY_OPEN.exec(paragraph);
  if (!match) return undefined;
  return match[1]!.toLowerCase() === 'section' || match[1]!.toLowerCase() === 'table' ? 'section' : 'document';
}

/** "These may already be complete. Verify status.": the section does not vouch for its rows. */
export function expressesDoubt(paragraph: string): boolean {
  return MAY_DOUBT.test(paragraph) && DOUBT.test(paragraph);
}

/**
 * The nearest heading that decides: an open-work heading (returned), or one about finished work
 * (`null`). `undefined` when no heading of the path says either.
 */
export function openHeading(sectionPath: string[]): string | null | undefined {
  for (let i = sectionPath.length - 1; i >= 0; i--) {
    const heading = sectionPath[i]!;
    const outside = heading.replace(/\([^)]*\)/gu, ' ');
    if (CLOSED_HEADING.test(outside) || CLOSED_PARENTHESIS.test(heading)) return null;
    if (ACTIVE_HEADINGS.some((pattern) => pattern.test(heading))) return heading;
  }
  return undefined;
}

/** A row that carries a status of its own anywhere (✅ in a cell, "DONE"), dependency cells aside. */
export function rowShowsStatus(cells: string[], dependencyColumn: number | undefined): boolean {
  return cells.some(
    (cell, c) =>
      c !== dependencyColumn &&
      /[✅✔☑]|(?<![\p{L}])(?:COMPLETED?|DONE|FINISHED|SUPERSEDED|DEPRECATED|SKIPPED|CANCELL?ED)(?![\p{L}])/u.test(cell),
  );
}
