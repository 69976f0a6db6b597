import { specKitSpec, twoSpecKitFeatures } from '../helpers/formats.js';
import { ruleTester } from '../helpers/rule-tester.js';

/** spec-kit's `FR-` and `SC-` IDs: each feature's spec.md numbers its own. */

/** A third feature whose spec.md defines FR-001 to FR-005 and SC-001 to SC-003 (beside twoSpecKitFeatures' three each). */
const reminders = {
  'specs/003-event-reminders/spec.md':
    '# Feature Specification: Event reminders\n\n## Requirements\n\n' +
    [1, 2, 3, 4, 5].map((n) => `- **FR-00${n}**: System MUST remind ${n}`).join('\n') +
    '\n\n## Success Criteria\n\n' +
    [1, 2, 3].map((n) => `- **SC-00${n}**: Members hear of ${n}`).join('\n') +
    '\n',
};

const searchTasks = (lines: string) =>
  `# Tasks: Event search\n\n## Phase 3: User Story 1 - Find events by city\n\n${lines}\n`;

ruleTester('unknown-task-reference', {
  valid: [
    {
      name: "tasks, plan and checklist name their feature's requirements as spec-kit writes them",
      files: {
        ...twoSpecKitFeatures(),
        ...reminders,
        'specs/001-event-search/tasks.md': searchTasks(
          '- [ ] T003 [US1] City filter in src/search/city.ts [FR-001]\n- [ ] T004 [US1] Results page, covers FR-002, FR-003 and SC-001',
        ),
        'specs/001-event-search/plan.md': '# Implementation Plan\n\nSorting is done in the database (Spec §FR-002).\n',
        'specs/001-event-search/checklists/requirements.md':
          '# Requirements Checklist: Event search\n\n- [ ] CHK001 Is the empty state specified? [Completeness, Spec §FR-003]\n- [x] CHK002 Is "under a minute" measurable? [Clarity, Spec §SC-001]\n',
      },
    },
    {
      name: 'a range whose members the spec defines, and one with a gap inside it',
      files: {
        ...twoSpecKitFeatures(),
        ...reminders,
        'specs/003-event-reminders/tasks.md':
          '# Tasks: Reminders\n\n## Phase 3: User Story 1\n\n- [ ] T001 Covers FR-001 to FR-003\n- [ ] T002 Covers FR-001–FR-005 and SC-001 through SC-003\n',
        'specs/003-event-reminders/spec.md': reminders['specs/003-event-reminders/spec.md'].replace(
          '- **FR-004**: System MUST remind 4\n',
          '',
        ),
      },
    },
    {
      name: "spec-kit's placeholders and IDs in code name no requirement",
      files: {
        ...twoSpecKitFeatures(),
        ...reminders,
        'specs/001-event-search/plan.md':
          '# Implementation Plan\n\nEach requirement is written FR-XXX or FR-###.\n\n```text\nFR-009 from the old spec\n```\n',
      },
    },
    {
      name: 'a feature with no spec.md, or one whose spec.md points elsewhere, is not checked',
      files: {
        ...twoSpecKitFeatures(),
        ...reminders,
        'specs/004-venues/tasks.md': '# Tasks: Venues\n\n## Phase 1\n\n- [ ] T001 Venue list for FR-004\n',
        'specs/005-tickets/spec.md':
          '# Feature Spec 005: Tickets\n\n> Canonical spec: [../005-tickets.md](../005-tickets.md)\n',
        'specs/005-tickets/research.md': '# Research\n\nFR-05 asks for refunds within a day.\n',
        'specs/005-tickets.md':
          '# Feature Spec 005: Tickets\n\n| ID | Requirement | Priority |\n|---|---|---|\n| FR-01 | Sell tickets | P0 |\n| FR-05 | Refund within a day | P1 |\n',
      },
    },
    {
      name: 'requirements written in a table, and one still awaiting clarification',
      files: {
        ...twoSpecKitFeatures(),
        ...reminders,
        'specs/004-venues/spec.md':
          '# Feature Specification: Venues\n\n| ID | Requirement | Priority |\n|---|---|---|\n| FR-01 | List venues | P0 |\n| FR-02 | Show a map | P1 |\n\n- **FR-03**: System MUST check venues with [NEEDS CLARIFICATION: by whom?]\n',
        'specs/004-venues/tasks.md':
          '# Tasks: Venues\n\n## Phase 3\n\n- [ ] T001 Venue list (FR-01, FR-02)\n- [ ] T002 Checks for FR-03\n',
      },
    },
    {
      name: "a line that names another feature's requirement",
      files: {
        ...twoSpecKitFeatures(),
        ...reminders,
        'specs/001-event-search/plan.md':
          "# Implementation Plan\n\nReminders reuse this index, as Spec 003's FR-005 asks.\nThe digest follows FR-004 of the reminders feature, and SC-003 (spec 003) holds here too.\n- Like 003-event-reminders FR-004, results are cached.\n",
      },
    },
  ],
  invalid: [
    {
      name: "a task names a requirement its feature's spec.md does not define, though another feature's does",
      files: {
        ...twoSpecKitFeatures(),
        ...reminders,
        'specs/001-event-search/tasks.md': searchTasks(
          '- [ ] T003 [US1] City filter in src/search/city.ts [FR-001]\n- [ ] T004 [US1] Distance sort in src/search/sort.ts [FR-005]',
        ),
      },
      errors: [
        {
          messageId: 'unknownInFeature',
          file: 'specs/001-event-search/tasks.md',
          line: 6,
          column: 55,
          messageIncludes: [
            'FR-005 is referenced here, but no document of specs/001-event-search defines it (the feature specs/003-event-reminders defines its own FR-005).',
          ],
        },
      ],
    },
    {
      name: 'a checklist item names a success criterion the spec does not have',
      files: {
        ...twoSpecKitFeatures(),
        'specs/002-member-profiles/checklists/ux.md':
          '# UX Checklist: Member profiles\n\n- [ ] CHK001 Is avatar resizing specified? [Spec §FR-002]\n- [ ] CHK002 Is "fast" quantified? [Clarity, Spec §SC-004]\n',
        'specs/002-member-profiles/spec.md': specKitSpec(
          'Member profiles',
          ['edit a bio', 'resize avatars'],
          ['Edit a profile'],
        ).replace('## Success Criteria\n', '## Success Criteria\n\n- **SC-002**: Profiles load in a second\n'),
      },
      errors: [
        {
          messageId: 'unknownInFeature',
          file: 'specs/002-member-profiles/checklists/ux.md',
          line: 4,
          messageIncludes: ['SC-004 is referenced here, but no document of specs/002-member-profiles defines it.'],
        },
      ],
    },
    {
      name: 'a range that ends past the last requirement',
      files: {
        ...twoSpecKitFeatures(),
        'specs/002-member-profiles/plan.md': '# Implementation Plan\n\nThe profile service covers FR-001–FR-004.\n',
      },
      errors: [
        {
          messageId: 'unknownInFeature',
          file: 'specs/002-member-profiles/plan.md',
          line: 3,
          messageIncludes: ['FR-004 is referenced here, but no document of specs/002-member-profiles defines it.'],
        },
      ],
    },
  ],
});
