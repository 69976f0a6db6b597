import { ruleTester } from '../helpers/rule-tester.js';

/** A phase file as the seeds write them: a field block, then a task table. */
const phase = (tasksLine: string, rows: string): string =>
  `# Phase 0: Foundation\n\n**Status:** 🟡 In Progress\n${tasksLine}\n\n## Task Table\n\n| Task ID | Description | Status |\n|---------|-------------|--------|\n${rows}`;

const fourRows =
  '| CLOUD-0.1 | Create the accounts | ✅ Done |\n| CLOUD-0.2 | Set up the network | ✅ Done |\n| CLOUD-0.3 | Set up the DNS zones | Pending |\n| CLOUD-0.4 | Write the access policy | Pending |\n';

const tracker = `# Active Workstreams

## Phase 4: Consolidation

| Task ID | Description | Status |
|---------|-------------|--------|
| TASK-046 | Shared Package Management Role | Pending |
| TASK-047.1 | Cleanup Legacy Base Package Roles | ✅ COMPLETE |
| TASK-048 | Create Shared Utilities Role | Pending |
`;

ruleTester('task-list-mismatch', {
  valid: [
    {
      name: 'the "Tasks:" field names every task of the phase',
      files: { 'phase-0.md': phase('**Tasks:** CLOUD-0.1, CLOUD-0.2, CLOUD-0.3, CLOUD-0.4', fourRows) },
    },
    {
      name: 'a sample of the tasks ("e.g.", "such as", "including")',
      files: {
        'phase-0.md': phase('**Tasks:** e.g. CLOUD-0.1, CLOUD-0.2', fourRows),
        'phase-0b.md': phase('**Tasks:** including CLOUD-0.1, CLOUD-0.2', fourRows.replace(/CLOUD-0/g, 'CLOUD-9')),
      },
    },
    {
      name: 'a preview of what comes next',
      files: { 'phase-0.md': phase('**Next up:** CLOUD-0.3, CLOUD-0.4', fourRows) },
    },
    {
      name: 'the field of a sub-block lists only that block: the phase defines more under other headings',
      files: {
        'phase-0.md':
          '# Phase 0: Foundation\n\n## Week 1\n\n**Tasks:** CLOUD-0.1, CLOUD-0.2\n\n## Week 2\n\n**Tasks:** CLOUD-0.3\n\n## Task Table\n\n| Task ID | Description | Status |\n|---|---|---|\n' +
          fourRows,
      },
    },
    {
      name: 'the extra task is defined in another document',
      files: {
        'index.md': '# Index\n\n## Phase 0: Foundation\n\n**Tasks:** CLOUD-0.1, CLOUD-0.2\n',
        'phase-0.md': phase('', fourRows),
      },
    },
    {
      name: 'the extra task is deprecated, or a sub-task of a listed one',
      files: {
        'phase-0.md': phase(
          '**Tasks:** CLOUD-0.1, CLOUD-0.2',
          '| CLOUD-0.1 | Create the accounts | ✅ Done |\n| CLOUD-0.1.1 | Name the accounts | ✅ Done |\n| CLOUD-0.2 | Set up the network | Pending |\n| CLOUD-0.3 | Old DNS plan | ~~Deprecated~~ |\n',
        ),
      },
    },
    {
      name: 'a list in a history section',
      files: { 'phase-0.md': `${phase('', fourRows)}\n## History\n\n**Tasks:** CLOUD-0.1, CLOUD-0.2\n` },
    },
    {
      name: 'an archive lists fewer tasks',
      files: {
        'phase-0.md': phase('', fourRows),
        'archive/phase-0.md': phase('**Tasks:** CLOUD-0.1, CLOUD-0.2', fourRows),
      },
    },
    {
      name: 'a "remaining" list of open tasks',
      files: {
        'tracker.md': tracker,
        'index.md': '# Index\n\n- Phase 4 role consolidation (2 tasks remaining: 046, 048)\n',
      },
    },
    {
      name: 'a "remaining" list naming a task stated done in one place and open in another (task-status-conflict says so)',
      files: {
        'tracker.md': tracker,
        'status.md':
          '# Status\n\n| Task ID | Description | Status |\n|---|---|---|\n| TASK-047.1 | Cleanup | In Progress |\n',
        'index.md': '# Index\n\n- Phase 4 role consolidation (3 tasks remaining: 046, 047.1, 048)\n',
      },
    },
    {
      name: 'a dated, past-tense "remaining" list',
      files: {
        'tracker.md': tracker,
        'index.md':
          '# Index\n\n- On 2025-10-20, 3 tasks remaining: 046, 047.1, 048\n- 3 tasks were remaining: 046, 047.1, 048\n',
      },
    },
    {
      name: 'a bare number two ID schemes define is no task',
      files: {
        'tracker.md': tracker,
        'other.md':
          '# Other\n\n| Task ID | Description | Status |\n|---|---|---|\n| HPC-047.1 | Cluster docs | ✅ Done |\n',
        'index.md': '# Index\n\n- 3 tasks remaining: 046, 047.1, 048\n',
      },
    },
  ],
  invalid: [
    {
      name: 'a "Tasks:" field of the phase leaves out a task the phase defines',
      files: { 'phase-0.md': phase('**Tasks:** CLOUD-0.1, CLOUD-0.2, CLOUD-0.3', fourRows) },
      errors: [
        {
          messageId: 'missingTask',
          file: 'phase-0.md',
          line: 4,
          messageIncludes: [
            '"Phase 0: Foundation" lists 3 tasks here (CLOUD-0.1, CLOUD-0.2, CLOUD-0.3), but CLOUD-0.4 is defined under it too, at line 13',
          ],
          related: [{ file: 'phase-0.md', line: 13 }],
        },
      ],
    },
    {
      name: 'a phase heading of a plan, its "Tasks:" field and its task blocks',
      files: {
        'plan.md':
          '# Cloud Plan\n\n## Phase 1: Storage\n\n- **Tasks:** CLOUD-1.1, CLOUD-1.2\n- **Duration:** 2 weeks\n\n### CLOUD-1.1: Replace the storage role\n**Status**: ✅ COMPLETED\n\n### CLOUD-1.2: Move the buckets\n**Status**: ❌ PENDING\n\n### CLOUD-1.3: Delete the old playbook\n**Status**: ❌ PENDING\n\n## Phase 2: Compute\n\n### CLOUD-2.1: Node images\n',
      },
      errors: [
        {
          messageId: 'missingTask',
          file: 'plan.md',
          line: 5,
          messageIncludes: ['but CLOUD-1.3 is defined under it too, at line 14'],
          related: [{ file: 'plan.md', line: 14 }],
        },
      ],
    },
    {
      name: 'a "remaining" list names a task that is done (the seeds: "3 tasks remaining: 046, 047.1, 048")',
      files: {
        'tracker.md': tracker,
        'index.md':
          '# Index\n\n## Next Milestones\n\n- Complete Phase 4 role consolidation (3 tasks remaining: 046, 047.1, 048)\n',
      },
      errors: [
        {
          messageId: 'doneRemaining',
          file: 'index.md',
          line: 5,
          messageIncludes: ['TASK-047.1 is listed as remaining here, but it is done at tracker.md:8 ("COMPLETE")'],
          related: [{ file: 'tracker.md', line: 8 }],
        },
      ],
    },
  ],
});
