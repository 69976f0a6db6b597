import { defineRule, type RuleContext } from '../src/rule.js';
import type { DocumentFacts, SpecKitCount, SpecKitFacts, SpecKitTask } from '../src/types.js';

export interface CountedSummary {
  count: SpecKitCount;
  /** The tasks counted, each ID once. */
  tasks: SpecKitTask[];
  /** Counts that agree: the distinct IDs, and the task lines when an ID is listed twice. */
  accepted: number[];
}

/** The tasks a stated count is about, when the file plainly has them; undefined when it is unsure. */
function countedTasks(count: SpecKitCount, facts: SpecKitFacts): SpecKitTask[] | undefined {
  if (count.of === 'total') return facts.tasks;
  if (count.of === 'phase') {
    const phases = facts.phases.filter((phase) => phase.number === count.key);
    if (phases.length !== 1) return undefined;
    return facts.tasks.filter((task) => task.phase === count.key);
  }
  // By story only where the file labels its tasks by story at all.
  if (!facts.tasks.some((task) => task.stories.length > 0)) return undefined;
  return facts.tasks.filter((task) => task.stories.some((story) => story.toLowerCase() === count.key?.toLowerCase()));
}

/** Stated counts of a spec-kit tasks.md that no reading of its task list gives. */
export function findSummaryMismatches(facts: SpecKitFacts): CountedSummary[] {
  const found: CountedSummary[] = [];
  for (const count of facts.counts) {
    const lines = countedTasks(count, facts);
    if (!lines || facts.tasks.length === 0) continue;
    const byId = new Map<string, SpecKitTask>();
    for (const task of lines) if (!byId.has(task.id)) byId.set(task.id, task);
    const accepted = [...new Set([byId.size, lines.length])];
    if (!accepted.includes(count.stated)) found.push({ count, tasks: [...byId.values()], accepted });
  }
  return found;
}

export default defineRule({
  id: 'summary-count-mismatch',
  meta: {
    type: 'problem',
    description:
      "Disallow a task list's summary count (total, per phase, per story) that differs from the tasks it lists",
    messages: {
      total: '"{{text}}" is stated here, but this file lists {{count}} task{{plural}} (lines {{from}}-{{to}}).',
      phase: '"{{text}}" is stated here, but Phase {{key}} lists {{count}} task{{plural}} (from line {{from}}).',
      story:
        '"{{text}}" is stated here, but this file labels {{count}} task{{plural}} [US{{key}}] (from line {{from}}).',
      none: '"{{text}}" is stated here, but this file labels no task [US{{key}}].',
      counted: '{{which}} task counted: {{id}}',
    },
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
    defaultSeverity: 'error',
    fixable: 'code',
    fixDescription:
      'The stated number becomes the number of tasks listed, when one number fits (no task listed twice): "Total tasks: 72" over 84 task lines becomes "Total tasks: 84".',
    docs: `## What it does

Checks the counts a spec-kit \`tasks.md\` states about itself against its task lines
(\`- [ ] T012 [P] [US2] ...\`, with any checkbox marker):

- "Total tasks: 72", "**Total Tasks**: 54", "Total: 42 tasks", or a summary table's
  \`| **Total tasks** | 72 |\` against every task of the file;
- a row of that summary table, \`| Phase 3 — US1: Profile | 11 tasks |\`, against the tasks under
  \`## Phase 3\`;
- a row \`| US1 tasks | 3 |\` against the tasks labelled \`[US1]\`.

An ID listed twice may be counted once or twice. Tasks in code blocks are not tasks. A table is a
summary only when it has a "Total tasks" row; a phase number that two headings share, and a
story count in a file that labels no task by story, are left alone. Archived and template
documents are not checked.

## Why is this bad?

The summary was written when the list was different: tasks were added or dropped afterwards
and the totals never followed. Whoever plans or reports from the summary is off by that many
tasks.

## Example

Incorrect, the summary says three tasks over a list of four:

\`\`\`markdown file=specs/001-search/tasks.md
## Phase 1: Setup

- [x] T001 Create the search module in src/search/
- [x] T002 [P] Add the index schema in src/search/schema.ts

## Phase 3: User Story 1 - Find events by city (Priority: P1)

- [x] T003 [US1] City filter in src/search/city.ts
- [ ] T004 [US1] Results page in src/pages/search.tsx

Total tasks: 3
\`\`\`

Correct:

\`\`\`markdown file=specs/001-search/tasks.md
## Phase 1: Setup

- [x] T001 Create the search module in src/search/
- [x] T002 [P] Add the index schema in src/search/schema.ts

## Phase 3: User Story 1 - Find events by city (Priority: P1)

- [x] T003 [US1] City filter in src/search/city.ts
- [ ] T004 [US1] Results page in src/pages/search.tsx

Total tasks: 4
\`\`\`

## Options

None.
`,
  },
  // Each finding is about its own tasks.md.
  incremental: 'document',
  check(corpus, context) {
    for (const doc of corpus.documents) {
      if (!doc.specKit || doc.role !== 'active' || !context.wants(doc)) continue;
      for (const mismatch of findSummaryMismatches(doc.specKit)) report(doc, mismatch, context);
    }
  },
});

function report(doc: DocumentFacts, { count, tasks, accepted }: CountedSummary, context: RuleContext): void {
  const n = tasks.length;
  const first = tasks[0];
  const last = tasks.at(-1);
  const messageId = n === 0 ? 'none' : count.of;
  const ends = first && last ? (first === last ? [first] : [first, last]) : [];
  context.report({
    messageId,
    data: {
      text: count.text.replace(/\*\*/gu, ''),
      count: n,
      plural: n === 1 ? '' : 's',
      key: count.key ?? '',
      from: first?.range.start.line ?? 0,
      to: last?.range.start.line ?? 0,
    },
    at: { doc, range: count.range },
    related: ends.map((task, i) => ({
      at: { doc, range: task.range },
      messageId: 'counted',
      data: { which: i === 0 ? 'first' : 'last', id: task.id },
    })),
    // The stated number is derived from the list: when one number fits, it becomes that number.
    // Not when the text gives other numbers ("118 (T001–T118)", "242 (234 + 8)"): those would be left stale.
    ...(accepted.length === 1 && onlyNumber(count)
      ? { fix: { edits: [{ range: count.range, replaces: String(count.stated), text: String(n) }] } }
      : {}),
  });
}

/** The stated number is the text's only one, but for the phase or story it names. */
function onlyNumber(count: SpecKitCount): boolean {
  const value = count.text.slice(count.text.lastIndexOf(':') + 1);
  return (value.match(/\d+/gu) ?? []).length === 1;
}
