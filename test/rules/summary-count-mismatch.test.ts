import { ruleTester } from '../helpers/rule-tester.js';

const FILE = 'specs/001-event-search/tasks.md';

/** Two phases, four tasks (three of story 1), then a summary. */
const tasks = (summary: string, extra = ''): string => `# Tasks: Event search

## Phase 1: Setup

- [x] T001 Create the search module in src/search/

## Phase 3: User Story 1 - Find events by city (Priority: P1)

- [x] T002 [P] [US1] City filter in src/search/city.ts
- [ ] T003 [US1] Results page in src/pages/search.tsx
- [-] T004 [US1] Map view — deferred
${extra}
## Summary

${summary}
`;

ruleTester('summary-count-mismatch', {
  valid: [
    { name: 'a total that matches, any checkbox marker counted', files: { [FILE]: tasks('Total tasks: 4') } },
    {
      name: 'a summary table whose rows match',
      files: {
        [FILE]: tasks(
          '| Metric | Value |\n|---|---|\n| **Total tasks** | 4 |\n| **Phase 1 (Setup)** | 1 task |\n| **Phase 3 — US1: City** | 3 tasks |\n| US1 tasks | 3 |\n| **Parallel opportunities** | 1 task marked [P] |',
        ),
      },
    },
    {
      name: 'a task listed twice may be counted once or twice',
      files: { [FILE]: tasks('Total tasks: 5', '- [ ] T002 [P] [US1] City filter in src/search/city.ts\n') },
    },
    {
      name: 'a table without a "Total tasks" row is not a summary of the tasks',
      files: { [FILE]: tasks('| Milestone | Phases |\n|---|---|\n| Phase 1 | 7 |') },
    },
    {
      name: 'tasks in a code block are not counted, nor its numbers read',
      files: { [FILE]: tasks('Total tasks: 4', '\n```bash\n- [ ] T009 Example\nTotal tasks: 9\n```\n') },
    },
    { name: 'a total of something else', files: { [FILE]: tasks('Total: 4 hours\nTotal test count: 354') } },
    {
      name: 'a story count in a file that labels no task by story',
      files: {
        [FILE]:
          '# Tasks\n\n## Phase 1: Setup\n\n- [ ] T001 Create the module\n\n| Metric | Count |\n|---|---|\n| Total tasks | 1 |\n| US1 tasks | 4 |\n',
      },
    },
    {
      name: 'an archived feature is history',
      files: { 'archive/specs/001-event-search/tasks.md': tasks('Total tasks: 9') },
    },
    { name: 'a tasks.md outside a spec-kit feature folder', files: { 'notes/tasks.md': tasks('Total tasks: 9') } },
  ],
  invalid: [
    {
      name: 'a total written before tasks were added',
      files: { [FILE]: tasks('Total tasks: 3') },
      errors: [
        {
          messageId: 'total',
          file: FILE,
          line: 15,
          column: 14,
          messageIncludes: ['"Total tasks: 3" is stated here, but this file lists 4 tasks (lines 5-11)'],
          related: [
            { file: FILE, line: 5 },
            { file: FILE, line: 11 },
          ],
        },
      ],
      output: { [FILE]: tasks('Total tasks: 4') },
    },
    {
      name: 'rows of a summary table: the total, a phase and a story',
      files: {
        [FILE]: tasks(
          '| Metric | Value |\n|---|---|\n| **Total tasks** | 5 (T001–T005) |\n| **Phase 3 — US1: City** | 2 tasks |\n| US1 tasks | 2 |',
        ),
      },
      errors: [
        {
          messageId: 'total',
          file: FILE,
          line: 17,
          messageIncludes: ['"Total tasks: 5 (T001–T005)"', 'lists 4 tasks'],
        },
        {
          messageId: 'phase',
          file: FILE,
          line: 18,
          messageIncludes: ['"Phase 3 — US1: City: 2 tasks"', 'Phase 3 lists 3 tasks (from line 9)'],
        },
        {
          messageId: 'story',
          file: FILE,
          line: 19,
          messageIncludes: ['"US1 tasks: 2"', 'this file labels 3 tasks [US1] (from line 9)'],
        },
      ],
    },
    {
      name: 'a story count for a story no task carries',
      files: { [FILE]: tasks('| Metric | Count |\n|---|---|\n| Total tasks | 4 |\n| US2 tasks | 2 |') },
      errors: [{ messageId: 'none', file: FILE, line: 18, messageIncludes: ['this file labels no task [US2]'] }],
    },
  ],
});
