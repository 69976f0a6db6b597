import { ruleTester } from '../helpers/rule-tester.js';

/** A spec-kit tasks.md in the template's words: Setup, a blocking Foundational phase, a story. */
const tasks = (foundational: string, story: string, extra = ''): string => `# Tasks: Event search

## Phase 1: Setup (Shared Infrastructure)

- [x] T001 Create the search module in src/search/

## Phase 2: Foundational (Blocking Prerequisites)

**⚠️ CRITICAL**: No user story work can begin until this phase is complete

${foundational}

**Checkpoint**: Foundation ready - user story implementation can now begin in parallel

## Phase 3: User Story 1 - Find events by city (Priority: P1) 🎯 MVP

${story}
${extra}`;

const FILE = 'specs/001-event-search/tasks.md';

ruleTester('blocking-phase-not-done', {
  valid: [
    {
      name: 'the blocking phase is complete before the story starts',
      files: {
        [FILE]: tasks(
          '- [x] T002 Index schema in src/search/schema.ts',
          '- [x] T003 [US1] City filter in src/search/city.ts',
        ),
      },
    },
    {
      name: 'the blocking phase is open and no story task is done yet',
      files: {
        [FILE]: tasks(
          '- [ ] T002 Index schema in src/search/schema.ts',
          '- [ ] T003 [US1] City filter in src/search/city.ts',
        ),
      },
    },
    {
      name: 'an open task of the blocking phase that is deferred, optional or struck through',
      files: {
        [FILE]: tasks(
          '- [x] T002 Index schema\n- [ ] T004 Search analytics — DEFERRED (needs the events pipeline)\n- [ ] T005 (optional) Warm the cache\n- [ ] ~~T006 Second index~~',
          '- [x] T003 [US1] City filter in src/search/city.ts',
        ),
      },
    },
    {
      name: 'a marker the config gives no open status is not open work',
      files: {
        [FILE]: tasks(
          '- [x] T002 Index schema\n- [-] T004 Second index\n- [~] T005 Cache',
          '- [x] T003 [US1] City filter',
        ),
      },
      config: { checkboxMarkers: { deprecated: ['[-]'], done: ['[~]'] } },
    },
    {
      name: 'a task marked [-] or [~] in the blocking phase is not open work',
      files: {
        [FILE]: tasks(
          '- [x] T002 Index schema\n- [-] T004 Second index\n- [~] T005 Cache',
          '- [x] T003 [US1] City filter',
        ),
      },
    },
    {
      name: 'a Setup phase that nothing says is blocking',
      files: {
        'specs/002-member-profiles/tasks.md': `# Tasks: Member profiles

## Phase 1: Setup

- [ ] T001 Create the profile module in src/profiles/

## Phase 3: User Story 1 - Edit a profile (Priority: P1)

- [x] T002 [US1] Profile form in src/profiles/form.tsx
`,
      },
    },
    {
      name: 'the blocking phase blocks user stories, not the polish phase after them',
      files: {
        [FILE]: tasks(
          '- [ ] T002 Index schema in src/search/schema.ts',
          '- [ ] T003 [US1] City filter',
          '\n## Phase 4: Polish & Cross-Cutting Concerns\n\n- [x] T004 Documentation updates in docs/\n',
        ),
      },
    },
    {
      name: 'an archived feature is history',
      files: {
        'archive/specs/001-event-search/tasks.md': tasks('- [ ] T002 Index schema', '- [x] T003 [US1] City filter'),
      },
    },
    {
      name: 'two headings share a phase number: which one is meant is not known',
      files: {
        [FILE]: tasks(
          '- [ ] T002 Index schema',
          '- [x] T003 [US1] City filter',
          '\n## Phase 2: Second foundation\n\n- [x] T004 Other\n',
        ),
      },
    },
    {
      name: 'a dependency on a phase whose tasks are all done',
      files: {
        [FILE]: `# Tasks

## Phase 3: User Story 1 - Browse (Priority: P1)

- [x] T001 [US1] List page

## Phase 4: User Story 2 - Filter (Priority: P2)

- [x] T002 [US2] Filter bar

## Dependencies & Execution Order

- **US2: Filter (Phase 4)**: Depends on Phase 3 (the list must exist)
`,
      },
    },
  ],
  invalid: [
    {
      name: 'a task in progress by a configured marker is open work',
      files: {
        [FILE]: tasks(
          '- [~] T002 Index schema in src/search/schema.ts',
          '- [x] T003 [US1] City filter in src/search/city.ts',
        ),
      },
      config: { checkboxMarkers: { 'in-progress': ['[~]'] } },
      errors: [{ messageId: 'openBlocker', file: FILE, line: 11, messageIncludes: ['T002 is open here ("[~]")'] }],
    },
    {
      name: 'a story task done while a task of the Foundational phase is open',
      files: {
        [FILE]: tasks(
          '- [x] T002 Index schema in src/search/schema.ts\n- [ ] T004 Index migration in migrations/001.sql',
          '- [x] T003 [US1] City filter in src/search/city.ts\n- [x] T005 [US1] Results page',
        ),
      },
      errors: [
        {
          messageId: 'openBlocker',
          file: FILE,
          line: 12,
          messageIncludes: [
            'T004 is open here ("[ ]"), but Phase 2: Foundational must be complete first (its heading says so)',
            'T003 of Phase 3: User Story 1 - Find events by city is done at line 18',
          ],
          related: [{ file: FILE, line: 18 }],
        },
      ],
    },
    {
      name: 'a line of the phase says no user story work can begin until it is complete',
      files: {
        [FILE]: `# Tasks

## Phase 2: Foundational

**⚠️ CRITICAL**: No user story work can begin until this phase is complete

- [ ] T001 Index schema

## Phase 3: User Story 1 - Find events by city (Priority: P1)

- [x] T002 [US1] City filter
`,
      },
      errors: [
        {
          messageId: 'openBlocker',
          file: FILE,
          line: 7,
          messageIncludes: ['"⚠️ CRITICAL: No user story work can begin until this phase is complete" at line 5'],
          related: [
            { file: FILE, line: 5 },
            { file: FILE, line: 11 },
          ],
        },
      ],
    },
    {
      name: 'the heading alone says the phase blocks',
      files: {
        [FILE]: `# Tasks

## Phase 2: Foundational (Auth Migration — Blocks All Stories)

- [ ] T001 Migrate the routes to requireAuth()

## Phase 3: User Story 1 - Secure routes (Priority: P0)

- [x] T002 [US1] Ownership checks
`,
      },
      errors: [
        {
          messageId: 'openBlocker',
          file: FILE,
          line: 5,
          messageIncludes: ['its heading says so'],
          related: [{ file: FILE, line: 9 }],
        },
      ],
    },
    {
      name: 'a Dependencies item names the phase a story waits for',
      files: {
        [FILE]: `# Tasks

## Phase 3: User Story 1 - Profile (Priority: P1)

- [x] T001 [US1] Profile service
- [ ] T002 [US1] Profile endpoints

## Phase 4: User Story 2 - Privacy (Priority: P1)

- [x] T003 [US2] Privacy settings page

## Dependencies & Execution Order

- **US2: Privacy (Phase 4)**: Depends on Phase 3 (profile endpoints must exist to test filtering)
`,
      },
      errors: [
        {
          messageId: 'openBlocker',
          file: FILE,
          line: 6,
          messageIncludes: [
            '"US2: Privacy (Phase 4): Depends on Phase 3',
            'at line 14',
            'T003 of Phase 4: User Story 2 - Privacy is done at line 10',
          ],
          related: [
            { file: FILE, line: 14 },
            { file: FILE, line: 10 },
          ],
        },
      ],
    },
    {
      name: "the older template's MUST COMPLETE BEFORE",
      files: {
        [FILE]: `# Tasks

## Phase 3.2: Tests First (TDD) ⚠️ MUST COMPLETE BEFORE 3.3

- [x] T004 Contract test POST /api/events
- [ ] T005 Contract test GET /api/events

## Phase 3.3: Core Implementation (ONLY after tests are failing)

- [x] T006 Events endpoint in api/events.ts
`,
      },
      errors: [
        {
          messageId: 'openBlocker',
          file: FILE,
          line: 6,
          messageIncludes: ['T005 is open here ("[ ]")', 'T006 of Phase 3.3: Core Implementation'],
        },
      ],
    },
  ],
});
