import type { MentionAt } from '../src/corpus.js';
import { defineRule, placeName, taskKey, taskKeysOf, wantedMentions } from '../src/rule.js';
import { idReuse, type IdReuse } from '../src/query.js';

/** Every ID of the corpus that names two tasks. */
export function findReusedIds(mentions: Iterable<[string, MentionAt[]]>): IdReuse[] {
  const found: IdReuse[] = [];
  for (const [key, all] of mentions) {
    const reuse = idReuse(key, all);
    if (reuse) found.push(reuse);
  }
  return found;
}

export default defineRule({
  id: 'duplicate-task-id',
  meta: {
    type: 'problem',
    description: 'Disallow one task ID being used for two different tasks',
    messages: {
      differentTask:
        '{{id}} names "{{value}}" here but "{{otherValue}}" at {{other}}{{more}}: the same ID seems to be used for two different tasks.',
      differentGroup:
        '{{id}} is "{{value}}" under {{group}} here but "{{otherValue}}" under {{otherGroup}} at {{other}}: the same ID seems to be used for two different tasks.',
      otherPlace: '{{id}} names "{{value}}" here',
    },
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
    // A judgement from titles: worth a look, not a failed build.
    defaultSeverity: 'warning',
    docs: `## What it does

Finds one task ID that the places defining it (table rows, task headings, a tool's checkbox
list, front matter of active documents) use for two different tasks. Two places name two tasks
when:

- their titles share no **content word**. Content words are the title's words, lower-cased and
  split at anything that is not a letter or a digit ("storage-role", "Storage / Role" and
  "storage role" are alike), without bare numbers, emoji, status words ("DONE", "Completed",
  "Skipped", "Deprecated", ...) and words that say what is done rather than to what ("Create",
  "Implement", "Update", "Complete", "the", "of", ...). Two words are one when they are equal, share
  their first five letters ("Deploy"/"Deployment", "Integrate"/"Integration") or one starts the
  other ("Perf"/"Performance"). So "Deploy storage role", "Storage role deployment ✅ DONE" and
  "Storage role" (an index's short form) are one task; "Deploy container registry" and "Write
  migration guide" are two. A title with no content word ("Update", "TBD") is not judged.
- or they stand under two different phases (the nearest heading above each names a phase,
  stage, milestone, sprint or wave by number: "## Phase 2: Storage", "# Phase 3") and their titles
  share fewer than half of the shorter title's content words. "Phase 2" and "Phase 2a" may be a
  phase and its part, and are not different phases; a task listed again in its own phase's
  summary keeps its title and stays silent.

Summary list items and headings over an \`**ID**:\` field paraphrase, so they may join a task's
places but never make a second task. Archives, templates and code are not read. IDs that tools
number afresh in every feature folder (spec-kit's \`T001\`, Kiro's \`2.1\`) are compared within
their feature only.

An ID that names two tasks is not compared by the other rules: \`task-status-conflict\`,
\`task-attribute-conflict\`, \`dependency-not-done\` and \`dependency-cycle\` leave it alone, since
"deprecated in one list and ✅ in the other" is then about two tasks.

Until this rule existed, \`task-attribute-conflict\` reported this with the message id
\`differentTask\`; the message id is kept here. Turn this rule off to allow IDs that number two
lists on purpose.

## Why is this bad?

Every reference to the ID is ambiguous: "depends on TASK-011" may mean either task, and a
status written for one is read as the other's.

## Example

Incorrect, two lists number their tasks alike:

\`\`\`markdown file=backend.md
| Task ID | Description | Status |
|---------|-------------|--------|
| TASK-011 | Deploy container registry | ✅ Done |
\`\`\`

\`\`\`markdown file=docs-plan.md
| Task ID | Description | Status |
|---------|-------------|--------|
| TASK-011 | Write migration guide | Deprecated |
\`\`\`

Correct, the second list has IDs of its own:

\`\`\`markdown file=docs-plan.md
| Task ID | Description | Status |
|---------|-------------|--------|
| DOC-011 | Write migration guide | Deprecated |
\`\`\`

## Options

None.
`,
  },
  // A finding is about one task ID and every place that defines it.
  incremental: taskKeysOf,
  check(corpus, context) {
    for (const reuse of findReusedIds(wantedMentions(corpus, context))) {
      const [primary, ...others] = reuse.tasks;
      const first = others[0]!;
      const more = others.length - 1;
      const messageId = reuse.by === 'title' ? 'differentTask' : 'differentGroup';
      const dataAt = (
        here: (typeof reuse.tasks)[number],
        there: (typeof reuse.tasks)[number],
        moreCount: number,
      ): Record<string, string> => ({
        id: reuse.id,
        value: here.title,
        otherValue: there.title,
        group: here.group ?? '',
        otherGroup: there.group ?? '',
        other: placeName({ doc: there.place.doc, range: there.place.mention.range }, here.place.doc),
        more: moreCount > 0 ? ` (and ${moreCount} more task${moreCount === 1 ? '' : 's'})` : '',
      });
      context.report({
        keys: [taskKey(reuse.key)],
        messageId,
        data: dataAt(primary!, first, more),
        at: { doc: primary!.place.doc, range: primary!.place.mention.range },
        related: others.map((other) => ({
          at: { doc: other.place.doc, range: other.place.mention.range },
          messageId: 'otherPlace',
          data: { id: reuse.id, value: other.title },
          // The two sides are alike: from the other place, the same message the other way round.
          asPrimary: { messageId, data: dataAt(other, primary!, 0) },
        })),
        asRelated: { messageId: 'otherPlace', data: { id: reuse.id, value: primary!.title } },
      });
    }
  },
});
