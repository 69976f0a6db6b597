import { describe, expect, it } from 'vitest';
import { DEFAULT_TASK_ID_PATTERN } from '../../src/config.js';
import { extractDocument } from '../../src/extract/document.js';
import { buildIdMatcher } from '../../src/extract/ids.js';
import { buildVocabulary, DEFAULT_VOCABULARY } from '../../src/extract/status.js';
import { parseMarkdown } from '../../src/parse.js';

const ids = buildIdMatcher(DEFAULT_TASK_ID_PATTERN);

function extract(text: string, file: string) {
  return extractDocument(text, parseMarkdown(text), {
    file,
    relPath: file,
    role: 'active',
    ids,
    vocabulary: DEFAULT_VOCABULARY,
  });
}

const TASKS = `# Tasks: Event search

## Phase 1: Setup (Shared Infrastructure)

- [x] T001 Create the search module in src/search/

## Phase 2: Foundational (Blocking Prerequisites)

**⚠️ CRITICAL**: No user story work can begin until this phase is complete

- [ ] T002 [P] Index schema in src/search/schema.ts
- [-] T003 Second index

## Phase 3: User Story 1 - Find events by city (Priority: P1) 🎯 MVP

### Tests for User Story 1 (OPTIONAL - only if tests requested) ⚠️

- [ ] T004 [P] [US1] Contract test in tests/contract/test_city.py

### Implementation for User Story 1

- [x] T005 [US1] City filter in src/search/city.ts

## Phase 4: Polish

- [ ] T006 Documentation updates in docs/

## Dependencies & Execution Order

- **Polish (Phase 4)**: Depends on Phase 3 + Phase 1 (stories first)

\`\`\`bash
- [ ] T099 [US9] An example, not a task
\`\`\`

| Metric | Value |
|--------|-------|
| **Total tasks** | 6 |
| **Phase 3 — US1: City** | 2 tasks |
| US1 tasks | 2 |

Total tasks: 6

### Phase 3.1: a checklist heading after the phases is no phase
`;

describe('spec-kit tasks.md', () => {
  const facts = extract(TASKS, '/repo/specs/001-event-search/tasks.md');
  const specKit = facts.specKit!;

  it('reads the phases at the level of the first, and which are stories', () => {
    expect(specKit.phases.map((phase) => [phase.number, phase.story, phase.range.start.line])).toEqual([
      ['1', false, 3],
      ['2', false, 7],
      ['3', true, 14],
      ['4', false, 24],
    ]);
  });

  it('reads each task line with its marker, labels and phase; set aside under an OPTIONAL heading; none from code', () => {
    expect(
      specKit.tasks.map((task) => [
        task.id,
        task.state,
        task.marker,
        task.setAside,
        task.stories,
        task.parallel,
        task.phase,
      ]),
    ).toEqual([
      ['T001', 'done', '[x]', false, [], false, '1'],
      ['T002', 'open', '[ ]', false, [], true, '2'],
      ['T003', 'other', '[-]', false, [], false, '2'],
      ['T004', 'open', '[ ]', true, ['1'], true, '3'],
      ['T005', 'done', '[x]', false, ['1'], false, '3'],
      ['T006', 'open', '[ ]', false, [], false, '4'],
    ]);
  });

  it('reads what blocks what: the heading, the CRITICAL line, a Dependencies item', () => {
    expect(specKit.blocks.map((block) => [block.phase, block.blocks, block.range.start.line])).toEqual([
      ['2', 'stories', 7],
      ['2', 'stories', 9],
      ['3', ['4'], 30],
      ['1', ['4'], 30],
    ]);
  });

  it('reads the stated counts, each placed at its number', () => {
    expect(specKit.counts.map((count) => [count.of, count.key, count.stated, count.range.start])).toEqual([
      ['total', undefined, 6, { line: 38, column: 21 }],
      ['phase', '3', 2, { line: 39, column: 29 }],
      ['story', '1', 2, { line: 40, column: 15 }],
      ['total', undefined, 6, { line: 42, column: 14 }],
    ]);
  });

  it('makes each [USn] label of a task line a reference to the story', () => {
    const stories = facts.mentions.filter((mention) => mention.id.startsWith('User Story '));
    expect(stories.map((mention) => [mention.id, mention.kind, mention.range.start])).toEqual([
      ['User Story 1', 'reference', { line: 18, column: 16 }],
      ['User Story 1', 'reference', { line: 22, column: 12 }],
    ]);
  });

  it('leaves [P] and [US1] out of the titles', () => {
    expect(facts.mentions.find((mention) => mention.id === 'T005' && mention.kind === 'definition')?.title).toBe(
      'City filter in src/search/city.ts',
    );
  });
});

describe('spec-kit spec.md', () => {
  it('defines the stories its headings name, in either way spec-kit writes them', () => {
    const facts = extract(
      '# Spec\n\n### User Story 1 - Browse (Priority: P1)\n\n### US-2: Filter (P0)\n\n### User Story 5a — Counts\n\n### User Stories overview\n',
      '/repo/specs/001-event-search/spec.md',
    );
    expect(
      facts.mentions
        .filter((m) => m.kind === 'definition' && m.id.startsWith('User Story '))
        .map((m) => [m.id, m.range.start.line]),
    ).toEqual([
      ['User Story 1', 3],
      ['User Story 2', 5],
      ['User Story 5a', 7],
    ]);
  });

  it('reads nothing of the kind outside a spec-kit feature', () => {
    const facts = extract(TASKS, '/repo/notes/tasks.md');
    expect(facts.specKit).toBeUndefined();
    expect(facts.mentions.some((mention) => mention.id.startsWith('User Story '))).toBe(false);
  });
});

describe('checkbox markers the config gives a status', () => {
  const vocabulary = buildVocabulary({}, { 'in-progress': ['[~]'], done: ['[/]'], deprecated: ['[-]'] });
  const read = (text: string, file: string) =>
    extractDocument(text, parseMarkdown(text), { file, relPath: file, role: 'active', ids, vocabulary });

  it('a spec-kit task line: in progress is open work, a done marker done, a skipped one neither', () => {
    const facts = read(
      '# Tasks\n\n## Phase 1: Setup\n\n- [~] T001 A\n- [/] T002 B\n- [-] T003 C\n- [?] T004 D\n',
      '/repo/specs/001-a/tasks.md',
    );
    expect(facts.specKit!.tasks.map((task) => [task.id, task.state, task.marker])).toEqual([
      ['T001', 'open', '[~]'],
      ['T002', 'done', '[/]'],
      ['T003', 'other', '[-]'],
      ['T004', 'other', '[?]'],
    ]);
    const statuses = facts.mentions.filter((m) => m.kind === 'definition').map((m) => [m.id, m.status, m.statusText]);
    expect(statuses).toEqual([
      ['T001', 'in-progress', '[~]'],
      ['T002', 'done', '[/]'],
      ['T003', 'deprecated', '[-]'],
      ['T004', undefined, undefined],
    ]);
  });

  it("a Kiro task's marker; an unknown marker is no task at all", () => {
    const facts = read(
      '# Tasks\n\n- [x] 1. Parent\n  - [~] 1.1 Child\n  - [?] 1.2 Other\n',
      '/repo/.kiro/specs/x/tasks.md',
    );
    expect(facts.mentions.filter((m) => m.kind === 'definition').map((m) => [m.id, m.status, m.statusText])).toEqual([
      ['Task 1', 'done', '[x]'],
      ['Task 1.1', 'in-progress', '[~]'],
    ]);
  });

  it('without the config, [~] and [/] give no status and are never done', () => {
    const facts = extract('# Tasks\n\n- [~] TASK-1 A\n- [/] TASK-2 B\n', '/repo/notes/now.md');
    expect(facts.mentions.filter((m) => m.kind === 'definition').map((m) => [m.id, m.status])).toEqual([
      ['TASK-1', undefined],
      ['TASK-2', undefined],
    ]);
  });
});
