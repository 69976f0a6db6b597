import type { MentionAt } from '../src/corpus.js';
import { isOpen } from '../src/extract/status.js';
import { defineRule, placeName, taskKey, taskKeysOf } from '../src/rule.js';
import { displayId } from '../src/scopes.js';
import { statedEdges, type StatedEdge } from '../src/query.js';
import { statedStatuses, statementRank, statusWord } from '../src/query.js';

function best(places: MentionAt[]): MentionAt {
  return [...places].sort((a, b) => statementRank(a) - statementRank(b))[0]!;
}

/** The one side a task's statements agree on, if they do: done everywhere, or open everywhere. */
export function agreedStatus(places: MentionAt[] | undefined): { side: 'done' | 'open'; place: MentionAt } | undefined {
  const stated = statedStatuses(places ?? []);
  const done = stated.filter(({ mention }) => mention.status === 'done');
  const open = stated.filter(({ mention }) => isOpen(mention.status));
  // Both: task-status-conflict reports that; neither: nothing to compare.
  if (done.length > 0 && open.length === 0) return { side: 'done', place: best(done) };
  if (open.length > 0 && done.length === 0) return { side: 'open', place: best(open) };
  return undefined;
}

export interface UnfinishedDependency {
  edge: StatedEdge;
  done: MentionAt;
  open: MentionAt;
}

/** Tasks stated done whose dependency is stated open, each status agreed on by every place that states one. */
export function findUnfinishedDependencies(
  edges: StatedEdge[],
  mentions: Map<string, MentionAt[]>,
): UnfinishedDependency[] {
  const found: UnfinishedDependency[] = [];
  for (const edge of edges) {
    if (edge.from === edge.to) continue;
    const dependent = agreedStatus(mentions.get(edge.to));
    if (dependent?.side !== 'done') continue;
    const dependency = agreedStatus(mentions.get(edge.from));
    if (dependency?.side !== 'open') continue;
    found.push({ edge, done: dependent.place, open: dependency.place });
  }
  return found;
}

export default defineRule({
  id: 'dependency-not-done',
  meta: {
    type: 'problem',
    description: 'Disallow a task being done while a task it depends on is not',
    messages: {
      notDone:
        '{{dependent}} is done here ("{{doneText}}"), but it depends on {{dependency}} ({{edge}}), which is {{status}} at {{open}} ("{{openText}}").',
      dependency: '{{dependent}} depends on {{dependency}} here',
      openHere: '{{dependency}} is {{status}} here ("{{openText}}")',
    },
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
    defaultSeverity: 'error',
    docs: `## What it does

Finds a task marked done while a task it depends on is still open (in progress, blocked,
pending, or listed under "Active Tasks"). Dependencies come from Dependencies columns,
"Depends on:" fields and \`A → B\` graphs in code blocks, including vertical arrows (a \`↓\` or
\`▼\`, perhaps on a \`│\` shaft, straight under one task ID and over another); statuses from the same places
\`task-status-conflict\` reads. A range in a dependency field (\`**Dependencies**: TASK-035-037\`,
\`Blocked by: T001-T004\`) depends on every task defined in it; one over an undefined end, or
between two schemes, names none.

Only tasks whose places agree are compared: when one file says a task is done and another says
it is open, \`task-status-conflict\` reports that instead. Archived and template documents are not
read, and criteria and prerequisite lists are not statuses.

## Why is this bad?

Either the task is not really done, or its dependency is finished and its status was never
updated. Both mislead whoever plans the next step.

## Example

Incorrect, TASK-41 is done but TASK-40, which it needs, is pending:

\`\`\`markdown file=tracker.md
| Task ID | Description | Status | Dependencies |
|---------|-------------|--------|--------------|
| TASK-40 | Container registry | Pending | None |
| TASK-41 | Registry benchmarks | ✅ COMPLETE | TASK-40 |
\`\`\`

Correct, the dependency was finished first:

\`\`\`markdown file=tracker.md
| Task ID | Description | Status | Dependencies |
|---------|-------------|--------|--------------|
| TASK-40 | Container registry | ✅ COMPLETE | None |
| TASK-41 | Registry benchmarks | ✅ COMPLETE | TASK-40 |
\`\`\`

## Options

None.
`,
  },
  // A finding depends on the statements of one dependency and the statuses of its two tasks.
  incremental: taskKeysOf,
  check(corpus, context) {
    for (const { edge, done, open } of findUnfinishedDependencies(statedEdges(corpus, context), corpus.mentions)) {
      const statement = edge.places[0]!.at;
      const dependent = displayId(edge.to);
      const dependency = displayId(edge.from);
      context.report({
        keys: [taskKey(edge.from), taskKey(edge.to)],
        messageId: 'notDone',
        data: {
          dependent,
          doneText: done.mention.statusText ?? '',
          dependency,
          edge:
            statement.doc === done.doc && statement.range.start.line === done.mention.range.start.line
              ? 'on this line'
              : `stated at ${placeName(statement, done.doc)}`,
          status: statusWord(open.mention),
          open: placeName({ doc: open.doc, range: open.mention.range }, done.doc),
          openText: open.mention.statusText ?? '',
        },
        at: { doc: done.doc, range: done.mention.range },
        related: [
          ...(statement.doc === done.doc && statement.range.start.line === done.mention.range.start.line
            ? []
            : [{ at: statement, messageId: 'dependency', data: { dependent, dependency } }]),
          {
            at: { doc: open.doc, range: open.mention.range },
            messageId: 'openHere',
            data: { dependency, status: statusWord(open.mention), openText: open.mention.statusText ?? '' },
          },
        ],
      });
    }
  },
});
