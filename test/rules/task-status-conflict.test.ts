import { describe, expect, it } from 'vitest';
import { classifyStatus } from '../../src/extract/status.js';
import { kiroSpec, kiroTasks, specKitTasks, twoSpecKitFeatures } from '../helpers/formats.js';
import { ruleTester } from '../helpers/rule-tester.js';

describe('classifyStatus: the statuses real files use', () => {
  it.each([
    ['CODE COMPLETE · VALIDATION PENDING', 'in-progress'],
    ['✅ Code complete, validation pending', 'in-progress'],
    ['SUPERSEDED', 'deprecated'],
    ['DEPRECATED', 'deprecated'],
    ['OPTIONAL - Skipped', 'deprecated'],
    ['⚠️ IN PROGRESS', 'in-progress'],
    ['Not complete', 'pending'],
    ['✅ COMPLETE', 'done'],
  ])('"%s" is %s', (text, status) => {
    expect(classifyStatus(text)?.status).toBe(status);
  });
});

const trackerInProgress = `# Active Work

## Phase 2: Storage

| Task ID | Description | Priority | Duration | Status |
|---------|-------------|----------|----------|--------|
| TASK-7 | Fix storage driver | HIGH | 4 hrs | ⚠️ IN PROGRESS |
| TASK-8 | Benchmark storage | HIGH | 2 hrs | Pending |
`;

ruleTester('task-status-conflict', {
  valid: [
    {
      name: 'TASK-011 deprecated in one list and ✅ in the other is an ID reused, not a conflict',
      files: {
        'backend/tasks.md':
          '# Backend Tasks\n\n| Task ID | Description | Status |\n|---------|-------------|--------|\n| TASK-011 | Deploy container registry | ✅ Done |\n',
        'docs/tasks.md':
          '# Documentation Tasks\n\n| Task ID | Description | Status |\n|---------|-------------|--------|\n| TASK-011 | Write migration guide | Pending |\n',
      },
    },
    {
      name: 'spec-kit numbers T001 afresh in every feature: two features, two tasks',
      files: twoSpecKitFeatures(),
    },
    {
      name: 'a spec-kit feature linted on its own, next to a feature that numbers the same',
      files: twoSpecKitFeatures(),
      paths: ['specs'],
    },
    {
      name: 'two Kiro specs number their tasks alike',
      files: {
        ...kiroSpec('event-search'),
        ...kiroSpec('profiles'),
        '.kiro/specs/profiles/tasks.md': kiroTasks('- [ ] 1. Profile table\n  - [ ] 1.1 Migration\n'),
      },
    },
    {
      name: "a coding agent's command shows example tasks, not tasks",
      files: {
        'specs/001-event-search/tasks.md':
          '# Tasks\n\n- [x] T001 Create project structure\n- [x] T002 Add the search index\n',
        '.github/prompts/speckit.tasks.prompt.md':
          '# Generate tasks\n\nWrite tasks like these:\n\n- [ ] T001 Create project structure per implementation plan\n- [ ] T002 [P] Initialize the project\n',
        '.claude/commands/speckit.implement.md':
          '# Implement\n\nMark each finished task: - [X] T001 becomes done.\n\n- [ ] T002 Initialize the project\n',
      },
    },
    {
      name: 'features the config names number their own tasks',
      files: {
        'features/search/tasks.md': '# Tasks\n\n- [x] T001 Search index\n',
        'features/profiles/tasks.md': '# Tasks\n\n- [ ] T001 Profile table\n',
      },
      config: { idScopes: { folders: ['features/*'], scoped: ['T'] } },
    },
    {
      name: 'a reference outside every feature to an ID two features define names neither',
      files: { ...twoSpecKitFeatures(), 'STATUS.md': '# Status\n\n- T003 is ✅ COMPLETE\n' },
    },
    {
      name: 'both documents say the same status',
      files: {
        'tracker.md': trackerInProgress,
        'index.md': '# Index\n\n- **TASK-7** - Fix storage driver (IN PROGRESS)\n- **TASK-8** - Benchmark storage\n',
      },
    },
    {
      name: 'an archived document describes the past',
      files: {
        'tracker.md': trackerInProgress,
        'archive/2025-q3.md':
          '# Archive\n\n| Task ID | Description | Status |\n|---|---|---|\n| TASK-7 | Fix storage driver | ✅ COMPLETE |\n',
      },
    },
    {
      name: 'a file named .archived describes the past',
      files: {
        'tracker.md': trackerInProgress,
        'old-tracker.archived.md': '# Old\n\n### TASK-7: Fix storage driver ✅ COMPLETE\n',
      },
    },
    {
      name: 'validation criteria decorated with ✅ are not statuses',
      files: {
        'tracker.md': `${trackerInProgress}\n**Validation Criteria:**\n\n- ✅ TASK-7 complete when the driver loads on every node\n- ✅ Throughput above 1 GB/s\n`,
      },
    },
    {
      name: 'a condition is not a status',
      files: {
        'tracker.md': trackerInProgress,
        'plan.md':
          '# Plan\n\n**After TASK-7 complete:**\n\n- Start the benchmarks\n\nOnce TASK-7 is done, TASK-8 starts.\n',
      },
    },
    {
      name: 'IDs inside code blocks say nothing about status',
      files: {
        'tracker.md': trackerInProgress,
        'graph.md': '# Graph\n\n```text\nTASK-7 (done) → TASK-8\nTASK-7 complete\n```\n',
      },
    },
    {
      name: 'a deprecated task is neither done nor open',
      files: {
        'tracker.md': trackerInProgress,
        'index.md':
          '# Index\n\n| Task ID | Description | Status |\n|---|---|---|\n| TASK-8 | Benchmark storage | SUPERSEDED |\n',
      },
    },
    {
      name: 'a title starting with "Complete" is not a status',
      files: {
        'tracker.md': trackerInProgress,
        'index.md': '# Index\n\n1. **TASK-7** - Complete the storage driver fix (4 hrs)\n',
      },
    },
    {
      name: 'a template holds placeholders, not tasks',
      files: {
        'tracker.md': trackerInProgress,
        'task-template.md':
          '# Template\n\n| Task ID | Description | Status |\n|---|---|---|\n| TASK-7 | Example task | ✅ COMPLETE |\n',
      },
    },
    {
      name: 'a prerequisite bullet is left to checklist-conflict',
      files: {
        'tracker.md': `${trackerInProgress}\n## Next\n\n**Prerequisites:**\n\n- ✅ TASK-7 complete (driver loads)\n`,
      },
    },
    {
      name: 'DEPRECATED and "OPTIONAL - Skipped" are neither done nor open',
      files: {
        'index.md':
          '# Index\n\n| Task ID | Description | Status |\n|---|---|---|\n| TASK-3 | Legacy mirror | DEPRECATED |\n| TASK-4 | ARM images | OPTIONAL - Skipped |\n',
        'summary.md': '# Summary\n\n- ✅ TASK-3 complete (replaced by the registry)\n- ✅ TASK-4 done (not needed)\n',
      },
    },
    {
      name: 'an "Active Tasks" table with a status column says each row\'s own status',
      files: {
        'index.md':
          '# Index\n\n## Active Tasks\n\n| Task ID | Description | Status |\n|---|---|---|\n| TASK-9 | Registry mirror | ✅ COMPLETE |\n',
        'phase.md': '# Phase\n\n### TASK-9: Registry mirror ✅ COMPLETE\n',
      },
    },
    {
      name: 'a "Completed" section inside an active-tasks document lists done work',
      files: {
        'tracker.md':
          '# Active Workstreams\n\nThis document tracks **only active (incomplete) tasks**.\n\n## Recently Completed\n\n| Task ID | Description | Priority |\n|---|---|---|\n| TASK-9 | Registry mirror | HIGH |\n',
        'phase.md': '# Phase\n\n### TASK-9: Registry mirror ✅ COMPLETE\n',
      },
    },
    {
      name: 'a section that doubts its own rows implies nothing',
      files: {
        'tracker.md':
          '# Active Workstreams\n\nThis document tracks **only active (incomplete) tasks**.\n\n### Test Consolidation (3 tasks)\n\n**Note:** These may already be complete. Verify status.\n\n| Task ID | Description | Priority |\n|---|---|---|\n| TASK-35 | Runtime framework | HIGH |\n',
        'index.md': '# Index\n\n- ✅ TASK-35 complete (framework merged)\n',
      },
    },
    {
      name: 'a table without a status column in an ordinary document implies nothing',
      files: {
        'plan.md':
          '# Plan\n\n## Phase 4: Consolidation\n\n| Task ID | Description | Priority |\n|---|---|---|\n| TASK-46 | Package role | MEDIUM |\n',
        'index.md': '# Index\n\n- ✅ TASK-46 complete (role merged)\n',
      },
    },
    {
      name: 'a row in an active table that carries its own ✅ or strike-through',
      files: {
        'index.md':
          '# Index\n\n## Remaining Tasks\n\n| Task ID | Description | Priority |\n|---|---|---|\n| TASK-46 | Package role ✅ | MEDIUM |\n| ~~TASK-47~~ | Base packages | LOW |\n',
        'summary.md': '# Summary\n\n- ✅ TASK-46 complete (role merged)\n- ✅ TASK-47 complete (merged)\n',
      },
    },
    {
      name: 'words like UTF-8 are not task IDs',
      files: {
        'tracker.md': trackerInProgress,
        'notes.md': '# Notes\n\n- UTF-8 complete\n- ISO-8601 done\n',
      },
    },
    {
      name: 'files under archives/ and named *-archive.md describe the past',
      files: {
        'tracker.md': trackerInProgress,
        'archives/2025-q3.md':
          '# Q3\n\n| Task ID | Description | Status |\n|---|---|---|\n| TASK-7 | Fix storage driver | ✅ COMPLETE |\n',
        'storage-archive.md': '# Storage archive\n\n- TASK-7: Fix storage driver ✅ COMPLETE\n',
      },
    },
    {
      name: 'a task template holds placeholders',
      files: {
        'tracker.md': trackerInProgress,
        'phase-template.md':
          '# Phase template\n\n| Task ID | Description | Status |\n|---|---|---|\n| TASK-7 | Describe the task | ✅ COMPLETE |\n',
      },
    },
    {
      name: 'a status quoted under a sub-section of the task block is history, not its status',
      files: {
        'tracker.md': trackerInProgress,
        'phase-2.md':
          '# Phase 2\n\n### TASK-7: Fix storage driver\n\n**Status**: ⚠️ IN PROGRESS\n\n#### History\n\n**Status**: ✅ COMPLETE (first driver, 2025)\n',
      },
    },
    {
      name: 'a status field that states a condition is no status',
      files: {
        'tracker.md': trackerInProgress,
        'phase-2.md':
          '# Phase 2\n\n### TASK-7: Fix storage driver\n\n**Status**: Complete once the kernel patch lands\n',
      },
    },
    {
      name: 'a list item whose title only ends with a status-like phrase',
      files: {
        'tracker.md': trackerInProgress,
        'notes.md': '# Notes\n\n- TASK-7: Fix storage driver - done by the vendor\n',
      },
    },
  ],
  invalid: [
    {
      name: "a task block's **Status** field against the tracker's row",
      files: {
        'tracker.md': trackerInProgress,
        'phase-2.md':
          '# Phase 2\n\n### TASK-7: Fix storage driver\n**Status**: ✅ COMPLETE\n**Priority**: HIGH\n\n#### Deliverables\n\n- [x] driver patched\n',
      },
      errors: [
        {
          messageId: 'conflict',
          file: 'tracker.md',
          line: 7,
          messageIncludes: ['phase-2.md:4', 'COMPLETE'],
          related: [{ file: 'phase-2.md', line: 4 }],
        },
      ],
    },
    {
      name: 'a bullet **Status** under a bullet **ID** of a heading that names no task',
      files: {
        'tracker.md': trackerInProgress,
        'phase-2.md': '# Phase 2\n\n### Storage driver\n\n- **ID**: TASK-7\n- **Status**: ✅ COMPLETED\n',
      },
      errors: [{ messageId: 'conflict', file: 'tracker.md', line: 7, related: [{ file: 'phase-2.md', line: 6 }] }],
    },
    {
      name: "a list item's status in mixed case",
      files: {
        'tracker.md': trackerInProgress,
        'notes.md': '# Notes\n\n- TASK-7: Fix storage driver - Done\n- TASK-8 (Pending)\n',
      },
      errors: [{ messageId: 'conflict', file: 'tracker.md', line: 7, related: [{ file: 'notes.md', line: 3 }] }],
    },
    {
      name: 'a plan for a template engine is a planning document, not a template',
      files: {
        'tracker.md': trackerInProgress,
        'template-engine.md':
          '# Template engine\n\n| Task ID | Description | Status |\n|---|---|---|\n| TASK-7 | Fix storage driver | ✅ COMPLETE |\n',
      },
      errors: [
        { messageId: 'conflict', file: 'template-engine.md', line: 5, related: [{ file: 'tracker.md', line: 7 }] },
      ],
    },
    {
      name: 'a "!" glob in the config takes a file back out of the templates',
      config: { templates: ['!**/storage-template.md'] },
      files: {
        'tracker.md': trackerInProgress,
        'storage-template.md':
          '# Storage template\n\n| Task ID | Description | Status |\n|---|---|---|\n| TASK-7 | Fix storage driver | ✅ COMPLETE |\n',
      },
      errors: [
        { messageId: 'conflict', file: 'storage-template.md', line: 5, related: [{ file: 'tracker.md', line: 7 }] },
      ],
    },
    {
      name: 'a Kiro task numbered twice in one spec, ticked once',
      files: {
        '.kiro/specs/export/tasks.md': kiroTasks(
          '- [x] 1. Export\n  - [x] 1.1 Export as JSON\n- [ ] 2. Import\n  - [ ] 1.1 Export as JSON\n',
        ),
      },
      errors: [
        {
          messageId: 'conflict',
          file: '.kiro/specs/export/tasks.md',
          line: 4,
          messageIncludes: ['Task 1.1 is done here ("[x]") but pending at line 6'],
          related: [{ file: '.kiro/specs/export/tasks.md', line: 6 }],
        },
      ],
    },
    {
      name: 'one spec-kit feature lists a task twice, checked in one place only',
      files: {
        ...twoSpecKitFeatures(),
        'specs/002-member-profiles/tasks.md': specKitTasks('002-member-profiles', [
          {
            title: 'Phase 1: Setup',
            tasks: [{ id: 'T001', done: true, text: 'Create profile module in src/profiles/' }],
          },
          {
            title: 'Phase 2: Polish',
            tasks: [{ id: 'T001', done: false, text: 'Create profile module in src/profiles/' }],
          },
        ]),
      },
      errors: [
        {
          messageId: 'conflict',
          file: 'specs/002-member-profiles/tasks.md',
          line: 9,
          messageIncludes: ['T001 is done here', 'pending at line 13'],
          related: [{ file: 'specs/002-member-profiles/tasks.md', line: 13 }],
        },
      ],
    },
    {
      name: 'a note outside the features about a task only one feature defines',
      files: {
        ...twoSpecKitFeatures(),
        'specs/002-member-profiles/tasks.md': '# Tasks\n\n- [ ] T009 Export profiles\n',
        'STATUS.md': '# Status\n\n- T009 is ✅ COMPLETE\n',
      },
      errors: [
        {
          messageId: 'conflict',
          file: 'STATUS.md',
          line: 3,
          related: [{ file: 'specs/002-member-profiles/tasks.md', line: 3 }],
        },
      ],
    },
    {
      name: 'a folder-wide scheme stays one task across features',
      files: {
        'specs/001-event-search/tasks.md': '# Tasks\n\n- [x] T001 Search index\n- [x] TASK-12 Shared login page\n',
        'specs/002-member-profiles/tasks.md': '# Tasks\n\n- [ ] T001 Profile table\n',
        'backlog.md':
          '# Backlog\n\n| Task ID | Description | Status |\n|---|---|---|\n| TASK-12 | Shared login page | IN PROGRESS |\n',
      },
      config: { idScopes: { scoped: ['T'] } },
      errors: [
        {
          messageId: 'conflict',
          file: 'backlog.md',
          line: 5,
          related: [{ file: 'specs/001-event-search/tasks.md', line: 4 }],
        },
      ],
    },
    {
      name: 'done in the index, in progress in the tracker',
      files: {
        'tracker.md': trackerInProgress,
        'index.md': '# Index\n\n**Critical Update:** TASK-7 (storage driver) is now **✅ COMPLETE**.\n',
      },
      errors: [
        {
          messageId: 'conflict',
          file: 'tracker.md',
          line: 7,
          column: 3,
          messageIncludes: ['TASK-7 is in progress here', 'done at index.md:3'],
          related: [{ file: 'index.md', line: 3 }],
        },
      ],
    },
    {
      name: 'a checked box against a pending row',
      files: {
        'tracker.md': trackerInProgress,
        'checklist.md': '# Checklist\n\n- [x] TASK-8 Benchmark storage\n',
      },
      errors: [
        {
          messageId: 'conflict',
          file: 'tracker.md',
          line: 8,
          messageIncludes: ['pending here', 'done at checklist.md:3'],
          related: [{ file: 'checklist.md', line: 3 }],
        },
      ],
    },
    {
      name: 'a heading that says COMPLETE against a table that says BLOCKED',
      files: {
        'phase-2.md': '# Phase 2\n\n### TASK-12: Mount shared storage ✅ COMPLETE\n\nDone last week.\n',
        'tracker.md':
          '# Tracker\n\n| ID | Task | Status |\n|---|---|---|\n| TASK-12 | Mount shared storage | 🔴 BLOCKED |\n',
      },
      errors: [
        {
          messageId: 'conflict',
          file: 'tracker.md',
          line: 5,
          messageIncludes: ['blocked here', 'done at phase-2.md:3'],
          related: [{ file: 'phase-2.md', line: 3 }],
        },
      ],
    },
    {
      name: 'two statuses within one document',
      files: {
        'tracker.md': `${trackerInProgress}\n## Summary\n\n- ✅ TASK-8 done (numbers in the wiki)\n`,
      },
      errors: [
        {
          messageId: 'conflict',
          file: 'tracker.md',
          line: 8,
          messageIncludes: ['pending here', 'done at line 12'],
          related: [{ file: 'tracker.md', line: 12 }],
        },
      ],
    },
    {
      name: 'partly done is not done',
      files: {
        'tracker.md':
          '# Tracker\n\n| Task ID | Description | Status |\n|---|---|---|\n| TASK-3 | Build images | CODE COMPLETE · VALIDATION PENDING |\n',
        'index.md': '# Index\n\n### TASK-3: Build images ✅ DONE\n',
      },
      errors: [
        {
          messageId: 'conflict',
          file: 'tracker.md',
          line: 5,
          messageIncludes: ['in progress here'],
          related: [{ file: 'index.md', line: 3 }],
        },
      ],
    },
    {
      name: 'one finding per task however many places repeat it',
      files: {
        'tracker.md': trackerInProgress,
        'index.md': '# Index\n\n- ✅ TASK-7 complete (driver fixed)\n- Recent: ✅ TASK-7 done\n',
        'summary.md': '# Summary\n\nTASK-7 is now COMPLETE.\n',
      },
      errors: [
        {
          messageId: 'conflict',
          file: 'tracker.md',
          line: 7,
          messageIncludes: ['and 2 more places'],
          related: [
            { file: 'index.md', line: 3 },
            { file: 'summary.md', line: 3 },
          ],
        },
      ],
    },
    {
      name: 'a row of an "Active Tasks" table is open',
      files: {
        'index.md':
          '# Index\n\n## 🔴 High Priority - Active Tasks (17 tasks)\n\n| Task ID | Description | Priority | Duration |\n|---|---|---|---|\n| TASK-46 | Package role | LOW | 2 hrs |\n',
        'phase-4.md': '# Phase 4\n\n### TASK-46: Package role ✅ COMPLETE\n',
      },
      errors: [
        {
          messageId: 'conflict',
          file: 'index.md',
          line: 7,
          messageIncludes: [
            'TASK-46 is open here ("listed under “🔴 High Priority - Active Tasks (17 tasks)”") but done at phase-4.md:3',
          ],
          related: [{ file: 'phase-4.md', line: 3 }],
        },
      ],
    },
    {
      name: 'a row under "N tasks remaining" is open',
      files: {
        'index.md':
          '# Index\n\n#### Storage (2 tasks remaining)\n\n| Task ID | Description | Dependencies |\n|---|---|---|\n| TASK-46 | Package role | TASK-45 ✅ |\n| TASK-47 | Base packages | TASK-46 |\n',
        'phase-4.md': '# Phase 4\n\n- [x] TASK-47 Base packages\n',
      },
      errors: [
        {
          messageId: 'conflict',
          file: 'index.md',
          line: 8,
          messageIncludes: ['is open here'],
          related: [{ file: 'phase-4.md', line: 3 }],
        },
      ],
    },
    {
      name: 'a row of a document that tracks only active tasks is open',
      files: {
        'tracker.md':
          '# Active Workstreams - Unified Task Tracking\n\n## Overview\n\nThis document tracks **only active (incomplete) tasks** across all workstreams.\n\n## Phase 4: Consolidation (6 tasks)\n\n| Task ID | Description | Priority |\n|---|---|---|\n| TASK-48 | Shared utilities role | MEDIUM |\n',
        'index.md': '# Index\n\n**Update:** TASK-48 is now ✅ COMPLETE.\n',
      },
      errors: [
        {
          messageId: 'conflict',
          file: 'tracker.md',
          line: 11,
          messageIncludes: ['TASK-48 is open here', 'done at index.md:3'],
          related: [{ file: 'index.md', line: 3 }],
        },
      ],
    },
    {
      name: 'a section that tracks only active tasks, but not the next section',
      files: {
        'index.md':
          '# Index\n\n## Active Workstreams Summary\n\nThis section tracks **only active (incomplete) tasks**.\n\n#### Storage\n\n| Task ID | Description |\n|---|---|\n| TASK-48 | Shared utilities role |\n\n## Task Lists by Category\n\n| Task ID | Description |\n|---|---|\n| TASK-49 | Registry mirror |\n',
        'phase.md': '# Phase\n\n- ✅ TASK-48 done (shipped)\n- ✅ TASK-49 done (shipped)\n',
      },
      errors: [{ messageId: 'conflict', file: 'index.md', line: 11, related: [{ file: 'phase.md', line: 3 }] }],
    },
    {
      name: 'mojibake does not hide the words',
      files: {
        'tracker.md': trackerInProgress,
        'index.md': Buffer.from('# Index\n\nTASK-7 is now \u00e2\u0153\u2026 COMPLETE.\n', 'utf8'),
      },
      errors: [{ messageId: 'conflict', file: 'tracker.md', line: 7, related: [{ file: 'index.md', line: 3 }] }],
    },
  ],
});
