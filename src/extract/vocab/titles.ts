/**
 * The words of a task's title that say which task it is, for telling a reworded title from an ID
 * used for a second task: "Deploy storage role" and "Storage role deployment ✅ DONE" name one
 * task; "Deploy container registry" and "Write migration guide" name two.
 */

/** Words that say what is done to a task, not which task it is: "Create", "Complete", "Update". */
export const GENERIC_TITLE_WORDS: ReadonlySet<string> = new Set(
  'a an the and or of for to in on with into from by at as via per new all initial final step phase task tasks create creating add adding implement implementing complete completing update updating fix fixing finish start starting set setup up make do build write run'.split(
    ' ',
  ),
);

/** Words a title carries as its status ("(DONE)", "✅ COMPLETED", "- Skipped"), not as its subject. */
export const STATUS_TITLE_WORDS: ReadonlySet<string> = new Set(
  'done completed finished pending blocked deprecated superseded skipped cancelled canceled obsolete wip todo tbd optional started progress status'.split(
    ' ',
  ),
);

/**
 * A heading's group label, "Phase 2: Storage" → `phase 2`, of the kinds that number a plan's
 * parts. Streams and categories are left out: their names are often loose labels.
 */
export const GROUP_LABEL = /\b(phase|stage|milestone|sprint|wave)\s+(\d+(?:\.\d+)*[a-z]?)(?![\p{L}\p{N}])/iu;
