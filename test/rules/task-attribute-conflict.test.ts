import { twoSpecKitFeatures } from '../helpers/formats.js';
import { ruleTester } from '../helpers/rule-tester.js';

const tracker = `# Active Workstreams

## Phase 4: Consolidation

| Task ID | Description | Priority | Duration | Dependencies |
|---------|-------------|----------|----------|--------------|
| TASK-46 | Create Shared Package Management Role | MEDIUM | 2 hrs | TASK-45 ✅ |
| TASK-47 | Consolidate Base Package Roles | MEDIUM | 1.5 hrs | TASK-46 |
| TASK-48 | Create Shared Utilities Role | MEDIUM | 2 hrs | TASK-47 |
`;

const indexRow = (row: string): string => `# Task List Index

## Active Tasks

| Task ID | Description | Priority | Duration | Dependencies | Status |
|---------|-------------|----------|----------|--------------|--------|
${row}
`;

ruleTester('task-attribute-conflict', {
  valid: [
    {
      name: 'a spec-kit task listed again with a parallel marker added and the summary under it',
      files: {
        'specs/002-member-profiles/tasks.md':
          '# Tasks\n\n## Phase 1: Setup\n\n- [ ] T001 Create profile module in src/profiles/\n- [ ] T002 [P] Add the profile table\n\n## Phase 2: Polish\n\n- [ ] T001 [P] Create profile module in src/profiles/\n\n## Parallel Opportunities\n\n- T001 + T002 can run together\n',
      },
    },
    {
      name: "R-1 of one spec-kit feature's research and R-1 of another's are two decisions",
      files: twoSpecKitFeatures(),
    },
    {
      name: 'the same attributes in both documents',
      files: {
        'tracker.md': tracker,
        'index.md': indexRow(
          '| TASK-46 | Create Shared Package Management Role | MEDIUM | 2 hrs | TASK-45 | Pending |',
        ),
      },
    },
    {
      name: 'a reworded title is the same task',
      files: {
        'tracker.md': tracker,
        'index.md': indexRow(
          '| TASK-46 | Shared Package Management Role (Debian/Ubuntu scope) | MEDIUM | 2 hrs | TASK-45 | Pending |',
        ),
      },
    },
    {
      name: 'a summary list item paraphrases the title and shows the same estimate',
      files: {
        'tracker.md': tracker,
        'plan.md': '# Plan\n\n- TASK-46: Package Manager Role (2 hrs)\n- TASK-47: Base Packages (90 min)\n',
      },
    },
    {
      name: 'two list items that paraphrase differently are not a title conflict',
      files: {
        'tracker.md': tracker,
        'plan.md':
          '# Plan\n\n- MLOPS-1.2: Single GPU LLM Fine-tuning\n- MLOPS-1.3: Multi-node run\n\n**Quick Wins:**\n\n- MLOPS-1.2: Oumi framework validation\n',
      },
    },
    {
      name: 'an archive keeps the old priority',
      files: {
        'tracker.md': tracker,
        'archive/2025-q3.md': indexRow(
          '| TASK-46 | Create Shared Package Management Role | LOW | 3 hrs | TASK-44 | ✅ COMPLETE |',
        ),
      },
    },
    {
      name: 'a template holds placeholder tasks',
      files: {
        'tracker.md': tracker,
        'task-template.md': indexRow('| TASK-46 | Example task title | LOW | 1 hr | None | Pending |'),
      },
    },
    {
      name: 'priorities on different scales are not compared',
      files: {
        'tracker.md': tracker,
        'index.md': indexRow('| TASK-46 | Create Shared Package Management Role | P2 | 2 hrs | TASK-45 | Pending |'),
      },
    },
    {
      name: 'hours and days are not compared',
      files: {
        'tracker.md': tracker,
        'index.md': indexRow(
          '| TASK-46 | Create Shared Package Management Role | MEDIUM | 1 day | TASK-45 | Pending |',
        ),
      },
    },
    {
      name: 'a dependency cell that names no task is not compared',
      files: {
        'tracker.md':
          '# Tracker\n\n| Task ID | Description | Dependencies |\n|---|---|---|\n| TASK-35 | Complete HPC Runtime Framework Integration | Phase 3a ✅ |\n',
        'index.md':
          '# Index\n\n| Task ID | Description | Dependencies |\n|---|---|---|\n| TASK-35 | HPC Runtime Framework Integration | TASK-28.1 ✅ |\n',
      },
    },
    {
      name: 'IDs inside code blocks define nothing',
      files: {
        'tracker.md': tracker,
        'run.md': '# Run\n\n```bash\n# TASK-46: Write migration guide (5 hrs)\nmake validate-role\n```\n',
      },
    },
    {
      name: 'a range in a list item is not a definition of its first task',
      files: {
        'tracker.md': tracker,
        'plan.md': '# Plan\n\n1. TASK-46-48 (10 hrs)\n2. TASK-46 through TASK-48 (6 hrs)\n',
      },
    },
    {
      name: 'a task block that agrees with the tracker, its estimate written as a range',
      files: {
        'tracker.md': tracker,
        'phase-4.md':
          '# Phase 4\n\n### TASK-46: Create Shared Package Management Role\n**Status**: Pending\n**Priority**: MEDIUM\n**Estimated Time**: 1-3 hours\n',
      },
    },
    {
      name: 'an approximate estimate of the same time ("~2 hours" and "2 hrs")',
      files: {
        'tracker.md': tracker,
        'phase-4.md': '# Phase 4\n\n### TASK-46: Create Shared Package Management Role\n**Estimated Time**: ~2 hours\n',
      },
    },
    {
      name: 'a heading over an **ID** field is a loose title, not a second task',
      files: {
        'tracker.md': tracker,
        'phase-4.md': '# Phase 4\n\n### Packages\n\n- **ID**: TASK-46\n- **Priority**: MEDIUM\n',
      },
    },
    {
      name: 'one ID used for two different tasks: their priorities and estimates are not compared (duplicate-task-id says it)',
      files: {
        'tracker.md': tracker,
        'phase-5.md':
          '# Phase 5\n\n### TASK-47: Write migration guide\n**Priority**: LOW\n**Estimated Time**: 5 hours\n',
      },
    },
  ],
  invalid: [
    {
      name: "a task block's **Priority** and **Estimated Time** fields against the tracker",
      files: {
        'tracker.md': tracker,
        'phase-4.md':
          '# Phase 4\n\n### TASK-46: Create Shared Package Management Role\n**Status**: Pending\n**Priority**: HIGH\n**Estimated Time**: 4 hours\n',
      },
      errors: [
        {
          messageId: 'priority',
          file: 'phase-4.md',
          line: 5,
          messageIncludes: ['TASK-46 is HIGH priority here but MEDIUM at tracker.md:7'],
          related: [{ file: 'tracker.md', line: 7 }],
        },
        {
          messageId: 'duration',
          file: 'phase-4.md',
          line: 6,
          messageIncludes: ['estimated at 4 hrs here but 2 hrs at tracker.md:7'],
          related: [{ file: 'tracker.md', line: 7 }],
        },
      ],
    },
    {
      name: 'two priorities for one task (the seeds: MEDIUM in the tracker, LOW in the index)',
      files: {
        'tracker.md': tracker,
        'index.md': indexRow(
          '| TASK-46 | Shared Package Management Role (Debian/Ubuntu scope) | LOW | 2 hrs | TASK-45 | Pending |',
        ),
      },
      errors: [
        {
          messageId: 'priority',
          file: 'index.md',
          line: 7,
          column: 3,
          messageIncludes: ['TASK-46 is LOW priority here but MEDIUM at tracker.md:7'],
          related: [{ file: 'tracker.md', line: 7 }],
        },
      ],
    },
    {
      name: 'two estimates for one task, a list item against a table',
      files: { 'tracker.md': tracker, 'plan.md': '# Plan\n\n1. **TASK-48** - Create Shared Utilities Role (4 hrs)\n' },
      errors: [
        {
          messageId: 'duration',
          file: 'plan.md',
          line: 3,
          messageIncludes: ['estimated at 4 hrs here but 2 hrs at tracker.md:9'],
          related: [{ file: 'tracker.md', line: 9 }],
        },
      ],
    },
    {
      name: 'an estimate of one hour is "1 hr"',
      files: { 'tracker.md': tracker, 'plan.md': '# Plan\n\n1. **TASK-48** - Create Shared Utilities Role (60 min)\n' },
      errors: [
        {
          messageId: 'duration',
          file: 'plan.md',
          line: 3,
          messageIncludes: ['estimated at 1 hr here but 2 hrs at tracker.md:9'],
        },
      ],
    },
    {
      name: 'two dependency lists for one task',
      files: {
        'tracker.md': tracker,
        'index.md': indexRow('| TASK-48 | Create Shared Utilities Role | MEDIUM | 2 hrs | TASK-46 | Pending |'),
      },
      errors: [
        {
          messageId: 'dependencies',
          file: 'index.md',
          line: 7,
          messageIncludes: ['depends on TASK-46 here but on TASK-47 at tracker.md:9'],
          related: [{ file: 'tracker.md', line: 9 }],
        },
      ],
    },
    {
      name: 'an explicit "None" against a dependency',
      files: {
        'tracker.md': tracker,
        'index.md': indexRow('| TASK-47 | Consolidate Base Package Roles | MEDIUM | 1.5 hrs | None | Pending |'),
      },
      errors: [
        {
          messageId: 'dependencies',
          file: 'index.md',
          line: 7,
          messageIncludes: ['depends on nothing here but on TASK-46'],
        },
      ],
    },
    {
      name: 'one finding for a task that three places disagree about, at the odd one',
      files: {
        'tracker.md': tracker,
        'index.md': indexRow('| TASK-47 | Consolidate Base Package Roles | LOW | 1.5 hrs | TASK-46 | Pending |'),
        'phase-4.md':
          '# Phase 4\n\n| Task ID | Description | Priority |\n|---|---|---|\n| TASK-47 | Consolidate Base Package Roles | MEDIUM |\n',
      },
      errors: [
        {
          messageId: 'priority',
          file: 'index.md',
          line: 7,
          related: [
            { file: 'phase-4.md', line: 5 },
            { file: 'tracker.md', line: 8 },
          ],
        },
      ],
    },
  ],
});
