import type { MentionAt } from '../src/corpus.js';
import { isOpen } from '../src/extract/status.js';
import {
  defineRule,
  placeName,
  SUGGEST_MESSAGES,
  suggestEitherWay,
  taskKey,
  taskKeysOf,
  wantedMentions,
} from '../src/rule.js';
import { displayId } from '../src/scopes.js';
import type { Status, TaskMention } from '../src/types.js';

const STATUS_WORDS: Record<Status, string> = {
  done: 'done',
  'in-progress': 'in progress',
  blocked: 'blocked',
  pending: 'pending',
  deprecated: 'deprecated',
  unknown: 'of unknown status',
};

/** How a message names a place's status: "open" when an open status is implied by an "Active Tasks" listing. */
export function statusWord(mention: Pick<MentionAt['mention'], 'status' | 'statusImplied'>): string {
  return mention.statusImplied && isOpen(mention.status) ? 'open' : STATUS_WORDS[mention.status ?? 'unknown'];
}

/** Which place best states a task's status: its front matter or table row, then its heading or its block's field lines, then a list item, then prose. */
export function statementRank({ mention }: MentionAt): number {
  if (mention.kind === 'definition')
    return mention.source === 'table' || mention.source === 'front-matter'
      ? 0
      : mention.source === 'heading' || mention.source === 'field'
        ? 1
        : 2;
  return mention.source === 'table' ? 3 : 4;
}

/**
 * The places that state a status for today: active documents only (archives describe the past),
 * not criteria or prerequisite lists (checklist-conflict reads those), not code.
 */
export function statedStatuses(mentions: MentionAt[]): MentionAt[] {
  return mentions.filter(
    ({ doc, mention }) =>
      doc.role === 'active' &&
      mention.status !== undefined &&
      mention.status !== 'unknown' &&
      mention.context === 'normal' &&
      mention.source !== 'code',
  );
}

export interface StatusConflict {
  /** The task key (see corpus.ts). */
  key: string;
  /** The ID as written. */
  id: string;
  /** The best statement of one side. */
  primary: MentionAt;
  /** The best statement of the other side in each document that makes it. */
  others: MentionAt[];
  /** How many places state the other side in all. */
  otherCount: number;
}

function best(places: MentionAt[]): MentionAt {
  return [...places].sort((a, b) => statementRank(a) - statementRank(b))[0]!;
}

/** A task stated done in one place and still open (in progress, blocked, pending) in another. */
export function findStatusConflicts(mentions: Iterable<[string, MentionAt[]]>): StatusConflict[] {
  const conflicts: StatusConflict[] = [];
  for (const [key, all] of mentions) {
    const stated = statedStatuses(all);
    const done = stated.filter(({ mention }) => mention.status === 'done');
    const open = stated.filter(({ mention }) => isOpen(mention.status));
    if (done.length === 0 || open.length === 0) continue;
    const primary = best(stated);
    const otherSide = primary.mention.status === 'done' ? open : done;
    const byDoc = new Map<string, MentionAt[]>();
    for (const place of otherSide) byDoc.set(place.doc.file, [...(byDoc.get(place.doc.file) ?? []), place]);
    conflicts.push({
      key,
      id: displayId(key),
      primary,
      others: [...byDoc.values()].map(best),
      otherCount: otherSide.length,
    });
  }
  return conflicts;
}

export default defineRule({
  id: 'task-status-conflict',
  meta: {
    type: 'problem',
    description: 'Disallow a task being done in one place and still open in another',
    messages: {
      conflict:
        '{{id}} is {{status}} here ("{{statusText}}") but {{otherStatus}} at {{other}} ("{{otherText}}"){{more}}.',
      otherPlace: '{{id}} is {{status}} here ("{{statusText}}")',
      ...SUGGEST_MESSAGES,
    },
    hasSuggestions: true,
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
    defaultSeverity: 'error',
    docs: `## What it does

Finds a task that one place calls done (COMPLETE, ✅, a checked box) while another place still
calls it open: in progress, blocked or pending. The places may be in two documents (the index
says COMPLETE, the tracker says IN PROGRESS) or in one.

In folders whose tools number tasks afresh in every feature (spec-kit's \`specs/NNN-name/\`,
Kiro, OpenSpec, ai-dev-tasks), \`T001\` of one feature and \`T001\` of another are two tasks: only
places within one feature are compared (see the README's "ID scopes").

Only active documents count: files under \`archive/\` or named \`*.archived\` describe the past,
and templates hold placeholders. Criteria and prerequisite lists ("Validation Criteria",
"Prerequisites") are not statements of status. "After TASK-1 complete" is a condition, not a
status. Deprecated, superseded and skipped tasks ("OPTIONAL - Skipped") are neither done nor
open; "CODE COMPLETE · VALIDATION PENDING" is still in progress.

A table without a Status column still says its rows are open when it is listed where only
open work is: under a heading such as "Active Tasks", "Remaining", "17 tasks remaining" or
"High Priority - Active Tasks", or in a document or section that says it "tracks only active
(incomplete) tasks". A heading about finished work below it ("Recently Completed") ends that,
as does a section that doubts its rows ("may already be complete, verify status"), and a row
that shows a status of its own (✅, DONE, struck through) keeps it.

## Why is this bad?

The reader cannot tell whether the work is finished. Someone picks up a task that is done, or
a dependent task starts on top of work that is not.

## Example

Incorrect, \`tracker.md\` and \`index.md\` disagree:

\`\`\`markdown file=tracker.md
| Task ID | Description | Status |
|---------|-------------|--------|
| TASK-7 | Fix storage driver | IN PROGRESS |
\`\`\`

\`\`\`markdown file=index.md
**Update:** TASK-7 is now ✅ COMPLETE.
\`\`\`

Correct, both say the same:

\`\`\`markdown file=tracker.md
| Task ID | Description | Status |
|---------|-------------|--------|
| TASK-7 | Fix storage driver | ✅ COMPLETE |
\`\`\`

## Options

None. Add words to the status vocabulary with the config's \`statusWords\`.
`,
  },
  // A finding is about one task and every place that mentions it.
  incremental: taskKeysOf,
  check(corpus, context) {
    for (const conflict of findStatusConflicts(wantedMentions(corpus, context))) {
      const { primary, others, otherCount } = conflict;
      const more = otherCount - 1;
      /** The message at `here`, naming `there` as the other side. */
      const conflictAt = (here: MentionAt, there: MentionAt, moreText: string) => ({
        id: conflict.id,
        status: statusWord(here.mention),
        statusText: here.mention.statusText ?? '',
        otherStatus: statusWord(there.mention),
        other: placeName({ doc: there.doc, range: there.mention.range }, here.doc),
        otherText: there.mention.statusText ?? '',
        more: moreText,
      });
      const placeData = (place: MentionAt) => ({
        id: conflict.id,
        status: statusWord(place.mention),
        statusText: place.mention.statusText ?? '',
      });
      context.report({
        keys: [taskKey(conflict.key)],
        messageId: 'conflict',
        data: conflictAt(primary, others[0]!, more > 0 ? ` and ${more} more place${more === 1 ? '' : 's'}` : ''),
        at: { doc: primary.doc, range: primary.mention.range },
        related: others.map((other) => ({
          at: { doc: other.doc, range: other.mention.range },
          messageId: 'otherPlace',
          data: placeData(other),
          // The two sides are alike: from the other place, the same message the other way round.
          asPrimary: { messageId: 'conflict', data: conflictAt(other, primary, '') },
        })),
        asRelated: { messageId: 'otherPlace', data: placeData(primary) },
        // Which status is true only a person knows: each side may be made to say what the other says.
        suggest: suggestEitherWay(
          { at: { doc: primary.doc, range: primary.mention.range }, written: writtenStatus(primary.mention) },
          others.map((other) => ({
            at: { doc: other.doc, range: other.mention.range },
            written: writtenStatus(other.mention),
          })),
        ),
      });
    }
  },
});

/** The status as written on the mention's line; none when it is implied by a section or is a checkbox. */
function writtenStatus(mention: TaskMention): string | undefined {
  if (mention.statusImplied || !mention.statusText || /^\[[ xX]\]$/.test(mention.statusText)) return undefined;
  return mention.statusText;
}
