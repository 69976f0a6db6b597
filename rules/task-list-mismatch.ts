import { taskKeyOf, type Corpus, type MentionAt } from '../src/corpus.js';
import { idPrefix } from '../src/extract/ids.js';
import { definingPlaces, isReusedId, statedStatuses, statementRank } from '../src/query.js';
import { defineRule, placeName, taskKey, taskKeysOf } from '../src/rule.js';
import { displayId } from '../src/scopes.js';
import type { DocumentFacts, Enumeration } from '../src/types.js';
import { isOpen } from '../src/extract/status.js';

/**
 * The task key a member of a list names: its full ID, or a bare number ("047.1") that exactly one
 * ID scheme defines a task with (`TASK-047.1`, not also `CLOUD-047.1`).
 */
export function memberKey(
  corpus: Corpus,
  doc: DocumentFacts,
  member: Enumeration['members'][number],
): string | undefined {
  if (member.id !== undefined) return taskKeyOf(corpus, doc, member.id);
  const keys = [...corpus.prefixes]
    .map((prefix) => taskKeyOf(corpus, doc, `${prefix}${member.written}`))
    .filter((key): key is string => key !== undefined && definingPlaces(corpus.mentions.get(key) ?? []).length > 0);
  return keys.length === 1 ? keys[0] : undefined;
}

/** How many dots an ID has: `CLOUD-0.4` is a task of the level of `CLOUD-0.1`, `CLOUD-0.1.2` is a sub-task. */
const level = (id: string): number => id.split('.').length;

export interface MissingTask {
  list: Enumeration;
  doc: DocumentFacts;
  /** The heading of the block the list is of. */
  block: string;
  missing: MentionAt[];
}

/**
 * The tasks a "**Tasks:**" list of a block leaves out: defined in the same document under the
 * list's own heading (a table row, a heading, a field line), of the listed IDs' scheme and level,
 * not deprecated, and not an ID that names two tasks.
 */
export function findMissingTasks(corpus: Corpus, doc: DocumentFacts, list: Enumeration): MissingTask | undefined {
  if (list.headingLine === undefined) return undefined;
  const headingAt = doc.headings.findIndex((heading) => heading.range.start.line === list.headingLine);
  const heading = doc.headings[headingAt];
  if (!heading) return undefined;
  const next = doc.headings.slice(headingAt + 1).find((other) => other.depth <= heading.depth);
  const end = next ? next.range.start.line : Infinity;
  const listed = list.members.map((member) => member.id!);
  const prefixes = new Set(listed.map(idPrefix));
  const levels = new Set(listed.map(level));
  if (prefixes.size !== 1 || levels.size !== 1) return undefined;
  const missing = new Map<string, MentionAt>();
  for (const mention of doc.mentions) {
    const line = mention.range.start.line;
    if (line <= heading.range.start.line || line >= end || line === list.range.start.line) continue;
    if (listed.includes(mention.id) || missing.has(mention.id) || mention.alias) continue;
    if (!prefixes.has(idPrefix(mention.id)) || !levels.has(level(mention.id))) continue;
    const place = { doc, mention };
    if (definingPlaces([place]).length === 0 || mention.source === 'list') continue;
    if (mention.status === 'deprecated') continue;
    const key = taskKeyOf(corpus, doc, mention.id);
    if (key === undefined || isReusedId(key, corpus.mentions.get(key))) continue;
    missing.set(mention.id, place);
  }
  if (missing.size === 0) return undefined;
  return { list, doc, block: heading.text, missing: [...missing.values()] };
}

export interface DoneRemaining {
  list: Enumeration;
  doc: DocumentFacts;
  key: string;
  done: MentionAt;
}

/** The members of a "remaining" list that every place stating a status calls done. */
export function findDoneRemaining(corpus: Corpus, doc: DocumentFacts, list: Enumeration): DoneRemaining[] {
  const found: DoneRemaining[] = [];
  for (const member of list.members) {
    const key = memberKey(corpus, doc, member);
    if (key === undefined) continue;
    const mentions = corpus.mentions.get(key) ?? [];
    if (isReusedId(key, mentions)) continue;
    const stated = statedStatuses(mentions).filter(
      (place) => !(place.doc === doc && place.mention.range.start.line === list.range.start.line),
    );
    const done = stated.filter(({ mention }) => mention.status === 'done');
    // Open somewhere too: task-status-conflict says so.
    if (done.length === 0 || stated.some(({ mention }) => isOpen(mention.status))) continue;
    found.push({ list, doc, key, done: [...done].sort((a, b) => statementRank(a) - statementRank(b))[0]! });
  }
  return found;
}

export default defineRule({
  id: 'task-list-mismatch',
  meta: {
    type: 'problem',
    description:
      "Disallow a list of a block's tasks that misses one, or a list of remaining tasks that names a done one",
    messages: {
      missingTask:
        '"{{block}}" lists {{count}} tasks here ({{listed}}), but {{missing}} {{verb}} defined under it too, at {{other}}.',
      doneRemaining: '{{id}} is listed as remaining here, but it is done at {{other}} ("{{statusText}}").',
      definedHere: '{{id}} is defined here',
      doneHere: '{{id}} is done here ("{{statusText}}")',
    },
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
    defaultSeverity: 'error',
    docs: `## What it does

Reads the lists that claim to be complete and checks them against the tasks:

- a **"Tasks:" field** of a block ("**Tasks:** CLOUD-0.1, CLOUD-0.2, CLOUD-0.3" right under
  "## Phase 0: Foundation") names every task of that block: a task the same document defines
  under the same heading (a table row, a task heading, a field line), of the same ID scheme and
  level (\`CLOUD-0.4\`, not the sub-task \`CLOUD-0.1.2\`), that the list leaves out is reported;
- a **"remaining" list** ("(3 tasks remaining: 046, 047.1, 048)", "**Remaining:** TASK-046,
  TASK-048") names only open tasks: a member that every place stating a status calls done is
  reported. A bare number ("047.1") names a task when exactly one ID scheme defines a task with
  it.

Only a list that is nothing but IDs and separators counts; a range ("CLOUD-0.1 to 0.3"), notes
or a "see below" make no claim. Samples and previews ("e.g.", "such as", "including", "next up",
"upcoming"), plans ("will"), past tense and dated lines, and lists in History, Changelog,
Example, Preview or Archive sections are not read, nor code, tables, quotes, archives or
templates. A task defined in another document or another feature folder, a deprecated task, a
list item and an ID that names two tasks (see \`duplicate-task-id\`) are not counted as missing.
A task stated both done and open is \`task-status-conflict\`'s.

## Why is this bad?

Whoever reads the block's task list plans without the task it leaves out; whoever reads the
remaining list works on a task that is finished.

## Example

Incorrect, the phase defines CLOUD-0.3 but its "Tasks:" field leaves it out:

\`\`\`markdown file=phase-0.md
## Phase 0: Foundation

**Tasks:** CLOUD-0.1, CLOUD-0.2

| Task ID | Description | Status |
|---------|-------------|--------|
| CLOUD-0.1 | Create the accounts | ✅ Done |
| CLOUD-0.2 | Set up the network | Pending |
| CLOUD-0.3 | Set up the DNS zones | Pending |
\`\`\`

Correct, the field names every task of the phase:

\`\`\`markdown file=phase-0.md
## Phase 0: Foundation

**Tasks:** CLOUD-0.1, CLOUD-0.2, CLOUD-0.3

| Task ID | Description | Status |
|---------|-------------|--------|
| CLOUD-0.1 | Create the accounts | ✅ Done |
| CLOUD-0.2 | Set up the network | Pending |
| CLOUD-0.3 | Set up the DNS zones | Pending |
\`\`\`

## Options

None.
`,
  },
  // A finding is about the tasks a list names or misses: keyed by them.
  incremental: (doc, corpus) => {
    const keys = taskKeysOf(doc, corpus);
    for (const list of doc.enumerations ?? [])
      for (const member of list.members) {
        const key = memberKey(corpus, doc, member);
        if (key !== undefined) keys.add(taskKey(key));
      }
    return keys;
  },
  check(corpus, context) {
    for (const doc of corpus.documents) {
      if (doc.role !== 'active' || !context.wants(doc)) continue;
      for (const list of doc.enumerations ?? []) {
        if (list.kind === 'tasks') {
          const found = findMissingTasks(corpus, doc, list);
          if (!found) continue;
          const ids = found.missing.map(({ mention }) => mention.id);
          const first = found.missing[0]!;
          context.report({
            keys: ids.map((id) => taskKey(taskKeyOf(corpus, doc, id) ?? id)),
            messageId: 'missingTask',
            data: {
              block: found.block,
              count: String(list.members.length),
              listed: list.members.map((member) => member.written).join(', '),
              missing: ids.join(', '),
              verb: ids.length === 1 ? 'is' : 'are',
              other: placeName({ doc, range: first.mention.range }, doc),
            },
            at: { doc, range: list.range },
            related: found.missing.map(({ mention }) => ({
              at: { doc, range: mention.range },
              messageId: 'definedHere',
              data: { id: mention.id },
            })),
          });
          continue;
        }
        for (const found of findDoneRemaining(corpus, doc, list)) {
          const id = displayId(found.key);
          const statusText = found.done.mention.statusText ?? '';
          context.report({
            keys: [taskKey(found.key)],
            messageId: 'doneRemaining',
            data: { id, other: placeName({ doc: found.done.doc, range: found.done.mention.range }, doc), statusText },
            at: { doc, range: list.range },
            related: [
              {
                at: { doc: found.done.doc, range: found.done.mention.range },
                messageId: 'doneHere',
                data: { id, statusText },
              },
            ],
          });
        }
      }
    }
  },
});
