import {
  backlogFile,
  backlogTask,
  kiroRequirements,
  kiroSpec,
  kiroTasks,
  smallBacklog,
  twoSpecKitFeatures,
} from '../helpers/formats.js';
import { ruleTester } from '../helpers/rule-tester.js';

const tracker = `# Active Workstreams

## Phase 4

| Task ID | Description | Priority | Dependencies |
|---------|-------------|----------|--------------|
| TASK-46 | Shared Package Management Role | MEDIUM | TASK-45 ✅ |
| TASK-47 | Consolidate Base Package Roles | MEDIUM | TASK-46 |
`;

/** A spec-kit feature whose spec.md defines stories 1 and 2 (headed as `heading` writes them). */
const storyFeature = (
  labels: string,
  heading = (n: number) => `### User Story ${n} - Story ${n} (Priority: P${n})`,
) => ({
  'specs/003-stories/spec.md': `# Feature Specification: Stories\n\n## User Scenarios & Testing\n\n${heading(1)}\n\nText.\n\n${heading(2)}\n\nText.\n`,
  'specs/003-stories/tasks.md': `# Tasks: Stories\n\n## Phase 3: User Story 1 - Story 1 (Priority: P1)\n\n${labels}\n`,
});

const withTask45 =
  '# Phase 3\n\n| Task ID | Description | Status |\n|---|---|---|\n| TASK-45 | Package inventory | ✅ COMPLETE |\n';

ruleTester('unknown-task-reference', {
  valid: [
    {
      name: "a spec-kit task's [US2] names a story its spec.md defines",
      files: storyFeature('- [ ] T001 [US1] First\n- [ ] T002 [P] [US2] Second'),
    },
    {
      name: "spec.md's stories written `### US-2: Title (P0)`",
      files: storyFeature('- [ ] T001 [US2] Second', (n) => `### US-${n}: Story ${n} (P0)`),
    },
    {
      name: 'a spec.md that heads no story as "User Story N": its labels name nothing written down',
      files: {
        'specs/004-plain/spec.md':
          '# Feature Specification: Plain\n\n## Requirements\n\n- **FR-001**: System MUST work\n',
        'specs/004-plain/tasks.md': '# Tasks\n\n## Phase 3\n\n- [ ] T001 [US7] Something\n',
      },
    },
    {
      name: 'a [US7] in a code block or a prose line is not a task label',
      files: storyFeature('- [ ] T001 [US1] First\n\nLabels look like [US7].\n\n```\n- [ ] T009 [US7] Example\n```'),
    },
    {
      name: 'a Kiro spec whose tasks name acceptance criteria it has',
      files: { ...kiroSpec('event-search'), ...kiroSpec('profiles') },
    },
    {
      name: 'a Kiro spec without requirements.md: its _Requirements:_ lines name nothing written down',
      files: {
        '.kiro/specs/sync-example/tasks.md': kiroTasks(
          '- [ ] 1. Sync\n  - [ ] 1.1 Pull\n    - _Requirements: 1.2, 4.1_\n',
        ),
        ...kiroSpec('profiles'),
      },
    },
    {
      name: 'backlog tasks are defined by their front matter',
      files: { ...smallBacklog(), 'backlog/docs/notes.md': '# Notes\n\nTASK-2 lists what TASK-1 stored.\n' },
    },
    {
      name: 'a backlog task depends on a task that was finished and archived',
      files: {
        ...smallBacklog(),
        [backlogFile('TASK-0', 'Pick a format', 'archive/tasks')]: backlogTask({
          id: 'TASK-0',
          title: 'Pick a format',
          status: 'Done',
        }),
        [backlogFile('TASK-4', 'Rotate')]: backlogTask({
          id: 'TASK-4',
          title: 'Rotate',
          status: 'To Do',
          dependencies: ['TASK-0'],
        }),
      },
    },
    {
      name: 'a spec-kit plan refers to a requirement of its own feature',
      files: {
        ...twoSpecKitFeatures(),
        'specs/002-member-profiles/plan.md':
          '# Implementation Plan\n\nThe avatar service covers FR-002 and FR-003; T004 needs T003.\n',
      },
    },
    {
      name: 'a task split in two names the ID it had',
      files: {
        'tasks.md':
          '# Tasks\n\n- [x] T105a Lint strings on the web, split from T105\n- [ ] T106 Lint strings on mobile (was TASK-49)\n- [ ] T107 Audit a11y, formerly TASK-50\n- [ ] T108 Keep the archived T099 out of the diff\n',
      },
    },
    {
      name: 'a note outside the features refers to a task a feature defines',
      files: { ...twoSpecKitFeatures(), 'NOTES.md': '# Notes\n\nT004 ships with the next release.\n' },
    },
    {
      name: 'a feature refers to a requirement only another feature defines',
      files: {
        ...twoSpecKitFeatures(),
        'specs/002-member-profiles/spec.md':
          '# Feature Specification: Member profiles\n\n- **FR-001**: System MUST let members edit their bio\n- **FR-002**: System MUST resize avatars\n\nLike FR-003 of the search feature, profiles show a distance.\n',
      },
    },
    {
      name: 'the dependency is defined in another document',
      files: { 'tracker.md': tracker, 'phase-3.md': withTask45 },
    },
    {
      name: 'a task defined only in an archive still exists',
      files: { 'tracker.md': tracker, 'archive/2025-q3.md': withTask45 },
    },
    {
      name: 'a task defined by a heading or a list item',
      files: {
        'tracker.md': tracker,
        'notes.md': '# Notes\n\n- TASK-45: Package inventory (done last sprint)\n- TASK-44: Repository mirror\n',
      },
    },
    {
      name: 'IDs in code that is not a graph are commands and examples',
      files: {
        'tracker.md': tracker.replace('TASK-45 ✅', 'None'),
        'run.md': '# Run\n\n```bash\n# TASK-99: smoke test\nmake test-task-99\n```\n',
      },
    },
    {
      name: 'references in archives describe the past',
      files: {
        'tracker.md': tracker,
        'phase-3.md': withTask45,
        'archive/old.md': '# Old\n\n- Depends on TASK-12 from the 2024 plan\n',
      },
    },
    {
      name: 'a template holds placeholder references',
      files: {
        'tracker.md': tracker,
        'phase-3.md': withTask45,
        'task-template.md':
          '# Template\n\n| Task ID | Description | Dependencies |\n|---|---|---|\n| TASK-1 | Example | TASK-0 |\n',
      },
    },
    {
      name: 'words shaped like IDs are not task references',
      files: {
        'tracker.md': tracker,
        'phase-3.md': withTask45,
        'notes.md': '# Notes\n\nFiles are UTF-8 and dates ISO-8601; see RFC-3339.\n',
      },
    },
  ],
  invalid: [
    {
      name: "a spec-kit task's [US3] names a story its spec.md does not define, though another feature's does",
      files: {
        ...storyFeature('- [ ] T001 [US1] First\n- [ ] T002 [US3] Third\n- [ ] T003 [US3] Third again'),
        'specs/005-other/spec.md': '# Spec\n\n### User Story 3 - Elsewhere (Priority: P3)\n',
      },
      errors: [
        {
          messageId: 'unknown',
          file: 'specs/003-stories/tasks.md',
          line: 6,
          column: 12,
          messageIncludes: ['User Story 3 is referenced here, but no linted document defines it'],
        },
      ],
    },
    {
      name: 'a Kiro task names an acceptance criterion its requirements do not have',
      files: {
        ...kiroSpec('event-search'),
        ...kiroSpec('profiles'),
        '.kiro/specs/profiles/requirements.md': kiroRequirements([
          { story: 'to edit a bio', criteria: ['a member saves', 'the bio is too long'] },
        ]),
      },
      errors: [
        {
          messageId: 'unknown',
          file: '.kiro/specs/profiles/tasks.md',
          line: 12,
          messageIncludes: ['Requirement 2.1 is referenced here'],
        },
        {
          messageId: 'unknown',
          file: '.kiro/specs/profiles/tasks.md',
          line: 12,
          messageIncludes: ['Requirement 2.2 is referenced here'],
        },
        { messageId: 'unknown', file: '.kiro/specs/profiles/tasks.md', line: 14, messageIncludes: ['Requirement 2.3'] },
      ],
    },
    {
      name: 'a backlog task depends on a task no file defines',
      files: {
        ...smallBacklog(),
        [backlogFile('TASK-4', 'Rotate')]: backlogTask({
          id: 'TASK-4',
          title: 'Rotate',
          status: 'To Do',
          dependencies: ['task-9'],
          parent: 'task-8',
        }),
      },
      errors: [
        {
          messageId: 'unknownDependency',
          file: 'backlog/tasks/task-4 - Rotate.md',
          line: 8,
          messageIncludes: ['TASK-9 is a dependency of TASK-4 here'],
        },
        {
          messageId: 'unknown',
          file: 'backlog/tasks/task-4 - Rotate.md',
          line: 9,
          messageIncludes: ['TASK-8 is referenced here'],
        },
      ],
    },
    {
      name: 'a spec-kit plan refers to a requirement no feature defines',
      files: {
        ...twoSpecKitFeatures(),
        'specs/002-member-profiles/plan.md': '# Implementation Plan\n\nThe avatar service covers FR-002 and FR-009.\n',
      },
      errors: [
        {
          messageId: 'unknownInFeature',
          file: 'specs/002-member-profiles/plan.md',
          line: 3,
          messageIncludes: ['FR-009 is referenced here, but no document of specs/002-member-profiles defines it.'],
        },
      ],
    },
    {
      name: 'a dependency defined nowhere, referenced from two documents: one finding',
      files: {
        'tracker.md': tracker,
        'index.md':
          '# Index\n\n| Task ID | Description | Dependencies |\n|---|---|---|\n| TASK-46 | Shared Package Management Role | TASK-45 |\n',
      },
      errors: [
        {
          messageId: 'unknownDependency',
          file: 'index.md',
          line: 5,
          column: 46,
          messageIncludes: [
            'TASK-45 is a dependency of TASK-46 here, but no linted document defines TASK-45',
            'also referenced at tracker.md:7',
          ],
          related: [{ file: 'tracker.md', line: 7 }],
        },
      ],
    },
    {
      name: 'a reference in prose',
      files: {
        'tracker.md': tracker.replace('TASK-45 ✅', 'None'),
        'index.md': '# Index\n\nNext up: TASK-52 once the roles are merged.\n',
      },
      errors: [{ messageId: 'unknown', file: 'index.md', line: 3, messageIncludes: ['TASK-52 is referenced here'] }],
    },
    {
      name: 'the end of an arrow in a dependency graph',
      files: {
        'tracker.md': tracker.replace('TASK-45 ✅', 'None'),
        'graph.md': '# Graph\n\n```text\nTASK-47 (Base) → TASK-49 (Cleanup)\n```\n',
      },
      errors: [{ messageId: 'unknown', file: 'graph.md', line: 4, messageIncludes: ['TASK-49'] }],
    },
    {
      name: 'a "Depends on" field inside a task section',
      files: {
        'tracker.md': tracker.replace('TASK-45 ✅', 'None'),
        'phase-5.md': '# Phase 5\n\n### TASK-50: Registry mirror\n\n**Depends on:** TASK-47, TASK-44\n',
      },
      errors: [
        {
          messageId: 'unknownDependency',
          file: 'phase-5.md',
          line: 5,
          messageIncludes: ['TASK-44 is a dependency of TASK-50 here'],
        },
      ],
    },
  ],
});
