import { defineRule, placeName, type At, type RelatedReport, type RuleContext } from '../src/rule.js';
import type { DocumentFacts, PhaseBlock, SpecKitFacts, SpecKitPhase, SpecKitTask } from '../src/types.js';

export interface OpenBlocker {
  /** The open task of the blocking phase. */
  open: SpecKitTask;
  phase: SpecKitPhase;
  /** The statements that make the phase block, first the one written first. */
  statements: PhaseBlock[];
  /** Per blocked phase, its first done task. */
  started: { phase: SpecKitPhase; task: SpecKitTask; done: number }[];
}

/** The phases a statement makes wait: every user story phase after the blocking one, or those it names. */
function blockedBy(block: PhaseBlock, facts: SpecKitFacts): SpecKitPhase[] {
  const at = facts.phases.findIndex((phase) => phase.number === block.phase);
  if (at === -1) return [];
  if (block.blocks === 'stories') return facts.phases.slice(at + 1).filter((phase) => phase.story);
  const named = new Set(block.blocks);
  return facts.phases.filter((phase, i) => i !== at && named.has(phase.number));
}

/**
 * Open tasks of a phase that blocks others in which a task is already done. A phase whose number
 * two headings share is left alone: which one a statement means is not known.
 */
export function findOpenBlockers(facts: SpecKitFacts): OpenBlocker[] {
  const numbers = facts.phases.map((phase) => phase.number);
  const unique = (number: string): boolean => numbers.indexOf(number) === numbers.lastIndexOf(number);
  const byPhase = new Map<
    string,
    { phase: SpecKitPhase; statements: PhaseBlock[]; blocked: Map<string, SpecKitPhase> }
  >();
  for (const block of facts.blocks) {
    if (!unique(block.phase)) continue;
    const phase = facts.phases.find((each) => each.number === block.phase);
    if (!phase) continue;
    const blocked = blockedBy(block, facts).filter((each) => unique(each.number));
    if (blocked.length === 0) continue;
    let entry = byPhase.get(block.phase);
    if (!entry) byPhase.set(block.phase, (entry = { phase, statements: [], blocked: new Map() }));
    entry.statements.push(block);
    for (const each of blocked) entry.blocked.set(each.number, each);
  }
  const found: OpenBlocker[] = [];
  for (const { phase, statements, blocked } of byPhase.values()) {
    const started = [...blocked.values()].flatMap((each) => {
      const done = facts.tasks.filter((task) => task.phase === each.number && task.state === 'done');
      return done.length ? [{ phase: each, task: done[0]!, done: done.length }] : [];
    });
    if (started.length === 0) continue;
    for (const task of facts.tasks)
      if (task.phase === phase.number && task.state === 'open' && !task.setAside)
        found.push({ open: task, phase, statements, started });
  }
  return found;
}

/** "Phase 2: Foundational (Blocking Prerequisites)" without its reasons in brackets: "Phase 2: Foundational". */
function phaseName(phase: SpecKitPhase): string {
  const short = phase.title
    .replace(/\s*\([^)]*\)\s*/gu, ' ')
    .replace(/(?:🎯|⚠️?).*$/u, '')
    .trim();
  return short.length > 60 ? `Phase ${phase.number}` : short;
}

export default defineRule({
  id: 'blocking-phase-not-done',
  meta: {
    type: 'problem',
    description: 'Disallow work done in a phase while a phase it waits for still has open tasks',
    messages: {
      openBlocker:
        '{{id}} is open here ("{{marker}}"), but {{phase}} must be complete first ({{statement}}) and {{started}}.',
      statement: '{{phase}} blocks {{what}} here',
      started: '{{id}} of {{phase}} is done here{{more}}',
    },
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
    defaultSeverity: 'error',
    docs: `## What it does

Reads the phases of a spec-kit \`tasks.md\` (\`## Phase 2: Foundational (Blocking Prerequisites)\`)
and what the file says must be complete before what:

- a phase heading that says it is blocking (\`(Blocking Prerequisites)\`, \`Blocks All Stories\`),
  or a line of the phase that says "No user story work can begin until this phase is complete":
  every user story phase after it waits for it;
- an item of the Dependencies section, \`**US2: Privacy (Phase 4)**: Depends on Phase 3\`
  (or \`Phase 2 + Phase 6\`, \`Phases 3–7\`, \`Foundational\`), or \`**Foundational (Phase 2)**:
  ... BLOCKS all user stories\`;
- the older template's \`## Phase 3.2: Tests First ⚠️ MUST COMPLETE BEFORE 3.3\`.

It reports each open task (\`- [ ]\`, or a marker config \`checkboxMarkers\` gives an open status,
such as \`[~]\` for in progress) of such a phase while a task of a phase that waits for it is
done (\`- [x]\`), naming the statement and the first done task of each waiting phase.

A task that says it is optional, deferred or skipped (or is struck through, or sits under an
"(OPTIONAL)" heading) is not open work, nor one marked \`[-]\`, \`[~]\` or \`[/]\` unless the
config gives that marker an open status. A phase number that
two headings share is left alone.

## Why is this bad?

The file says later work cannot begin before the blocking phase is complete. Either the open
task was done and never ticked, or the later work was ticked before what it stands on exists,
which is how a coding agent marks a story done that cannot work yet.

## Example

Incorrect, T004 of the Foundational phase is open while a story's task is done:

\`\`\`markdown file=specs/001-search/tasks.md
## Phase 2: Foundational (Blocking Prerequisites)

- [x] T003 Create the search index schema in src/search/schema.ts
- [ ] T004 Add the index migration in migrations/001_search.sql

## Phase 3: User Story 1 - Find events by city (Priority: P1)

- [x] T005 [US1] City filter in src/search/city.ts
\`\`\`

Correct:

\`\`\`markdown file=specs/001-search/tasks.md
## Phase 2: Foundational (Blocking Prerequisites)

- [x] T003 Create the search index schema in src/search/schema.ts
- [x] T004 Add the index migration in migrations/001_search.sql

## Phase 3: User Story 1 - Find events by city (Priority: P1)

- [x] T005 [US1] City filter in src/search/city.ts
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
      for (const blocker of findOpenBlockers(doc.specKit)) report(doc, blocker, context);
    }
  },
});

function report(doc: DocumentFacts, { open, phase, statements, started }: OpenBlocker, context: RuleContext): void {
  const at = (range: SpecKitTask['range']): At => ({ doc, range });
  const statement = statements[0]!;
  const name = phaseName(phase);
  const shown = started.slice(0, 3);
  const startedText =
    shown
      .map(({ task, phase: each }) => `${task.id} of ${phaseName(each)} is done at ${placeName(at(task.range), doc)}`)
      .join(', ') +
    (started.length > shown.length ? ` and ${started.length - shown.length} more phases have done tasks` : '');
  const related: RelatedReport[] = [
    ...(statement.range.start.line === phase.range.start.line
      ? []
      : [
          {
            at: at(statement.range),
            messageId: 'statement',
            data: { phase: name, what: statement.blocks === 'stories' ? 'the user stories' : 'later work' },
          },
        ]),
    ...started.map(({ task, phase: each, done }) => ({
      at: at(task.range),
      messageId: 'started',
      data: { id: task.id, phase: phaseName(each), more: done > 1 ? ` (${done} tasks of it are)` : '' },
    })),
  ];
  context.report({
    messageId: 'openBlocker',
    data: {
      id: open.id,
      marker: open.marker,
      phase: name,
      statement:
        statement.range.start.line === phase.range.start.line
          ? 'its heading says so'
          : `"${clip(statement.text)}" at ${placeName(at(statement.range), doc)}`,
      started: startedText,
    },
    at: at(open.range),
    related,
  });
}

function clip(text: string): string {
  const plain = text
    .replace(/\*\*/gu, '')
    .replace(/^[-*\s]+/u, '')
    .trim();
  return plain.length > 80 ? `${plain.slice(0, 77)}...` : plain;
}
