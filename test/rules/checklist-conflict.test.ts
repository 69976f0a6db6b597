import { aiDevTasks, backlogFile, backlogTask, kiroSpec, kiroTasks, smallBacklog } from '../helpers/formats.js';
import { ruleTester } from '../helpers/rule-tester.js';

const taskSection = (heading: string, body: string): string => `# Phase 2: Storage

${heading}

${body}
`;

const tracker = `# Active Workstreams

**Last Updated:** 2025-10-30

## Phase 3: Storage

| Task ID | Description | Priority | Duration | Status |
|---------|-------------|----------|----------|--------|
| TASK-28.1 | Fix storage client kernel module | CRITICAL | 4 hrs | ⚠️ IN PROGRESS |
| TASK-40 | Container registry on shared storage | HIGH | 1 hr | Pending |
`;

const phased = (tick: string, phase6Status = ''): string => `# Active Workstreams

## Workstream 1: Infrastructure

### Phase 4: Consolidation (1 task)

| Task ID | Description | Priority |
|---------|-------------|----------|
| TASK-46 | Shared package role | MEDIUM |

### Phase 6: Final Validation (2 tasks)

| Task ID | Description | Priority |${phase6Status ? ' Status |' : ''}
|---------|-------------|----------|${phase6Status ? '--------|' : ''}
| TASK-40 | Container registry | HIGH |${phase6Status ? ` ${phase6Status} |` : ''}
| TASK-41 | Storage benchmarks | HIGH |${phase6Status ? ` ${phase6Status} |` : ''}

## Workstream 2: Rebranding

### Phase 4: Cleanup (1 task)

| Task ID | Description | Status |
|---------|-------------|--------|
| TASK-10 | Clean generated files | Pending |

## Workstream 3: MLOps (Future)

**Prerequisites:**

${tick}
- ⏳ Cloud cluster deployed
`;

/** A phase file as trackers write it: task blocks of field lines with sub-sections. */
const taskBlocks = (blocks: string): string => `# Phase 2: Storage

**Owner:** Platform team

${blocks}
`;

const phaseFile = (heading: string, body: string): string => `# Rollout Plan

${heading}

${body}

## Phase 3: Monitoring

- [ ] Dashboards exist
`;

ruleTester('checklist-conflict', {
  valid: [
    {
      name: 'a task block in progress whose deliverables are open',
      files: {
        'phase-2.md': taskBlocks(
          '### TASK-41: Replace the storage role\n\n**Status**: 🔄 IN PROGRESS\n**Estimated Time**: 4 hours\n\n#### Deliverables\n\n- [ ] Role written\n- [ ] Old playbook deleted',
        ),
      },
    },
    {
      name: 'a done task block whose open boxes are in its history section',
      files: {
        'phase-2.md': taskBlocks(
          '### TASK-41: Replace the storage role\n\n**Status**: ✅ COMPLETE\n\n#### History\n\n- [ ] 2025-10-02: first draft of the role\n- [ ] 2025-10-05: review',
        ),
      },
    },
    {
      name: 'a done task block whose status field states a condition',
      files: {
        'phase-2.md': taskBlocks(
          '### TASK-41: Replace the storage role\n\n**Status**: complete once TASK-40 is complete\n\n#### Deliverables\n\n- [ ] Role written',
        ),
      },
    },
    {
      name: 'a done phase whose ✅ criteria are decorations, not boxes',
      files: {
        'rollout.md': phaseFile(
          '## Phase 2: Storage ✅ COMPLETE',
          '**Validation Criteria:**\n\n- ✅ Mount works on every node\n- ✅ Throughput above 1 GB/s',
        ),
      },
    },
    {
      name: 'a done phase whose open boxes are deferred, optional or struck through',
      files: {
        'rollout.md': phaseFile(
          '## Phase 2: Storage ✅ COMPLETE',
          'The reboot checks are deferred to Phase 3.\n\n- [ ] Mount survives a reboot',
        ),
        'cleanup.md': phaseFile(
          '## Phase 2: Cleanup ✅ COMPLETE',
          '### Acceptance\n\n- [ ] Tune the read-ahead (optional)\n- [ ] ~~Test on ARM~~',
        ),
      },
    },
    {
      name: 'the open boxes of a task or sub-task inside a done phase are theirs',
      files: {
        'rollout.md': phaseFile(
          '## Phase 2: Storage ✅ COMPLETE',
          '### Sub-Task 2.1: Mount the volume\n\n- [ ] Mount on every node\n\n### TASK-41: Replace the storage role\n\n- [ ] Role written',
        ),
      },
    },
    {
      name: 'a phase heading whose title only starts with the word "Complete"',
      files: {
        'tasks.md': phaseFile(
          '## Phase 5: User Story 4 — Complete Account Deletion (Priority: P1)',
          '- [ ] Delete the account\n- [ ] Purge the backups',
        ),
      },
    },
    {
      name: 'a done phase in an archive or a template keeps its boxes',
      files: {
        'archive/rollout.md': phaseFile('## Phase 2: Storage ✅ COMPLETE', '- [ ] Mount on every node'),
        'templates/phase-template.md': phaseFile('## Phase 2: Name ✅ COMPLETE', '- [ ] Deliverable'),
      },
    },
    { name: 'backlog tasks whose criteria are ticked as far as their status says', files: smallBacklog() },
    { name: 'a Kiro spec whose ticked parents have an optional sub-task open', files: kiroSpec() },
    {
      name: 'a Kiro parent ticked over optional sub-tasks written flat beside it',
      files: {
        '.kiro/specs/export/tasks.md': kiroTasks(
          '- [x] 3. Export\n- [x] 3.1 Export as JSON\n- [ ]* 3.2 Property tests for the export\n- [ ] 3.3* Benchmark the export\n- [ ] 4. Import\n',
        ),
      },
    },
    {
      name: 'an ai-dev-tasks parent left open while its sub-tasks are done',
      files: {
        'tasks/tasks-prd-search.md': aiDevTasks(
          '- [ ] 1.0 Search index\n  - [x] 1.1 Index table\n  - [x] 1.2 Fill it\n',
        ),
      },
    },
    {
      name: 'a done backlog task with some criteria ticked',
      files: {
        [backlogFile('TASK-7', 'Trim logs')]: backlogTask({
          id: 'TASK-7',
          title: 'Trim logs',
          status: 'Done',
          criteria: [
            ['Trims', true],
            ['Documents it', false],
          ],
        }),
      },
    },
    {
      name: 'an archived backlog task with its criteria unticked',
      files: {
        [backlogFile('TASK-7', 'Trim logs', 'archive/tasks')]: backlogTask({
          id: 'TASK-7',
          title: 'Trim logs',
          status: 'Done',
          criteria: [
            ['Trims', false],
            ['Documents it', false],
          ],
        }),
      },
    },
    {
      name: "unticked boxes of a done task's description are not its criteria",
      files: {
        [backlogFile('TASK-7', 'Trim logs')]: backlogTask({
          id: 'TASK-7',
          title: 'Trim logs',
          status: 'Done',
          description: 'Ideas for later:\n\n- [ ] trim by size',
          criteria: [['Trims', true]],
        }),
      },
    },
    {
      name: 'a complete task with its checklist ticked',
      files: {
        'phase-2.md': taskSection(
          '### TASK-12: Mount shared storage ✅ COMPLETE',
          '- [x] Client module builds\n- [x] Mount survives a reboot',
        ),
      },
    },
    {
      name: 'a pending task with nothing ticked',
      files: {
        'phase-2.md': taskSection(
          '### TASK-12: Mount shared storage',
          '**Status:** Pending\n\n- [ ] Client module builds\n- [ ] Mount survives a reboot',
        ),
      },
    },
    {
      name: 'a checklist the section explains is deferred',
      files: {
        'phase-2.md': taskSection(
          '### TASK-12: Mount shared storage ✅ COMPLETE',
          'The reboot checks are deferred to TASK-44 (full-stack validation).\n\n- [ ] Client module builds after a kernel update\n- [ ] Mount survives a reboot',
        ),
      },
    },
    {
      name: 'only optional items are unticked',
      files: {
        'phase-2.md': taskSection(
          '### TASK-12: Mount shared storage ✅ COMPLETE',
          '- [x] Client module builds\n- [ ] (optional) Tune the read-ahead\n- [ ] ~~Test on ARM~~',
        ),
      },
    },
    {
      name: 'validation criteria decorated with ✅ while the tasks are pending',
      files: {
        'tracker.md': `${tracker}\n**Validation Criteria:**\n\n- ✅ Container registry accessible from all nodes\n- ✅ TASK-40 complete when every node pulls an image\n`,
      },
    },
    {
      name: 'unticked success metrics naming pending tasks',
      files: {
        'tracker.md': `${tracker}\n### Success Metrics\n\n- [ ] Registry reachable (TASK-40)\n- [ ] Storage client loads (TASK-28.1)\n`,
      },
    },
    {
      name: 'a ticked prerequisite whose task this document calls done',
      files: {
        'plan.md':
          '# Plan\n\n| Task ID | Description | Status |\n|---|---|---|\n| TASK-28.1 | Storage client | ✅ COMPLETE |\n\n## Next\n\n**Prerequisites:**\n\n- ✅ TASK-28.1 complete (storage working)\n',
      },
    },
    {
      name: 'a ticked prerequisite in a document that agrees with most others is left to task-status-conflict',
      files: {
        'tracker.md': tracker,
        'index.md':
          '# Index\n\n**Update:** TASK-28.1 is now ✅ COMPLETE.\n\n## MLOps\n\n**Prerequisites:**\n\n- ✅ Cluster operational (TASK-28.1 complete)\n',
      },
    },
    {
      name: 'a ticked parent over ticked and optional children',
      files: {
        'plan.md': '# Plan\n\n- [x] Storage phase\n  - [x] Client module\n  - [ ] Read-ahead tuning (nice to have)\n',
      },
    },
    {
      name: 'an archive keeps its old checklists',
      files: {
        'archive/phase-2.md': taskSection(
          '### TASK-12: Mount shared storage ✅ COMPLETE',
          '- [ ] Client module builds\n- [ ] Mount survives a reboot',
        ),
      },
    },
    {
      name: 'a ticked phase whose tasks are all done',
      files: { 'tracker.md': phased('- ✅ Phase 6 validation complete', '✅ Done') },
    },
    {
      name: 'a ticked phase whose name matches two headings is ambiguous',
      files: { 'tracker.md': phased('- ✅ Phase 4 complete') },
    },
    {
      name: 'a phase that is not ticked',
      files: { 'tracker.md': phased('- ⏳ Phase 6 validation complete') },
    },
    {
      name: 'a ticked phase outside a prerequisites list is a summary, not a prerequisite',
      files: {
        'tracker.md': `${phased('- ⏳ Cloud ready')}\n**Key Phases:**\n\n- ✅ Phase 6: Final Validation (2/2 complete)\n`,
      },
    },
    {
      name: 'a ticked box that states the status is left to task-status-conflict',
      files: { 'tracker.md': tracker, 'done.md': '# Done\n\n- [x] TASK-40 Container registry on shared storage\n' },
    },
    {
      name: 'a ticked task that depends on an open one is left to dependency-not-done',
      files: {
        'tasks.md':
          '# Tasks\n\n- [ ] T004 Build the parser\n- [x] T005 Wire the parser into the CLI (depends on T004)\n',
      },
    },
    {
      name: 'a ticked task whose closing parenthesis names another task it waits for',
      files: {
        'tasks.md':
          '# Tasks\n\n- [ ] T004 Build the parser\n- [x] T005 Wire the parser into the CLI (after T004)\n- [x] T006 Document the CLI (see T004)\n',
      },
    },
  ],
  invalid: [
    {
      name: 'a task block stated COMPLETE over its open deliverables',
      files: {
        'phase-2.md': taskBlocks(
          '### TASK-41: Replace the storage role\n\n**Status**: ✅ COMPLETE\n**Priority**: HIGH\n**Estimated Time**: 4 hours\n**Dependencies**: TASK-39, TASK-40\n\n#### Deliverables\n\n- [ ] Role written\n- [ ] Old playbook deleted',
        ),
      },
      errors: [
        {
          messageId: 'completeUnchecked',
          file: 'phase-2.md',
          line: 7,
          messageIncludes: [
            'TASK-41 is marked done here ("COMPLETE"), but all 2 items of its checklist (from line 14)',
          ],
          related: [{ file: 'phase-2.md', line: 14 }],
        },
      ],
    },
    {
      name: 'bullet fields: a task block "- **Status**: ✅ COMPLETED" over its open validation boxes',
      files: {
        'phase-2.md': taskBlocks(
          '### TASK-29: Scheduler\n\n- **Status**: ✅ COMPLETED\n- **Effort**: 2 hours\n\n#### Validation\n\n- [ ] Jobs run\n- [ ] GPUs scheduled',
        ),
      },
      errors: [
        {
          messageId: 'completeUnchecked',
          file: 'phase-2.md',
          line: 7,
          messageIncludes: ['TASK-29 is marked done here ("COMPLETED")'],
          related: [{ file: 'phase-2.md', line: 12 }],
        },
      ],
    },
    {
      name: 'bullet fields under a heading that names no ID: "- **ID**: TASK-28.2"',
      files: {
        'phase-2.md': taskBlocks(
          '### Consolidate storage\n\n- **ID**: TASK-28.2\n- **Status**: ✅ COMPLETED\n\n**Acceptance Criteria:**\n\n- [ ] Mounts on all nodes\n- [ ] Survives a reboot',
        ),
      },
      errors: [
        {
          messageId: 'completeUnchecked',
          file: 'phase-2.md',
          line: 8,
          messageIncludes: ['TASK-28.2 is marked done here ("COMPLETED"), but all 2 items of its checklist'],
          related: [{ file: 'phase-2.md', line: 12 }],
        },
      ],
    },
    {
      name: 'a phase heading "Phase 2 ✅ COMPLETE" whose acceptance boxes are all open',
      files: {
        'rollout.md': phaseFile(
          '## Phase 2: Storage ✅ COMPLETE',
          '| Task ID | Description | Status |\n|---|---|---|\n| TASK-50 | Build the volume | ✅ Done |\n\n### Acceptance\n\n- [ ] Cluster deploys\n- [ ] Monitoring is green',
        ),
      },
      errors: [
        {
          messageId: 'completeUnchecked',
          file: 'rollout.md',
          line: 3,
          column: 21,
          messageIncludes: [
            '"Phase 2: Storage" is marked done here ("✅ COMPLETE"), but all 2 items of its checklist (from line 11) are unchecked',
          ],
          related: [{ file: 'rollout.md', line: 11 }],
        },
      ],
    },
    {
      name: 'a phase whose "**Status:**" field says completed while its only box is open',
      files: {
        'rollout.md': phaseFile(
          '### Phase 1: Environment & Prerequisites',
          '**Status:** Completed January 11, 2026\n**Duration:** 5 hours\n\n- [ ] Keycloak runs in Docker',
        ),
      },
      errors: [
        {
          messageId: 'completeUnchecked',
          file: 'rollout.md',
          line: 5,
          messageIncludes: [
            '"Phase 1: Environment & Prerequisites" is marked done here ("Completed")',
            'the only item',
          ],
          related: [{ file: 'rollout.md', line: 8 }],
        },
      ],
    },
    {
      name: 'a Kiro parent ticked while a sub-task written flat beside it is open',
      files: {
        '.kiro/specs/export/tasks.md': kiroTasks(
          '- [x] 3. Export\n- [x] 3.1 Export as JSON\n- [ ] 3.2 Export as CSV\n- [ ]* 3.3 Benchmark the export\n',
        ),
      },
      errors: [
        {
          messageId: 'checkedParent',
          file: '.kiro/specs/export/tasks.md',
          line: 3,
          messageIncludes: ['"3. Export" is ticked here, but 1 of its 2 sub-items is not (first at line 5)'],
          related: [{ file: '.kiro/specs/export/tasks.md', line: 5 }],
        },
      ],
    },
    {
      name: 'an ai-dev-tasks parent ticked while a sub-task is open',
      files: {
        'tasks/tasks-prd-search.md': aiDevTasks(
          '- [x] 1.0 Search index\n  - [x] 1.1 Index table\n  - [ ] 1.2 Fill it\n',
        ),
      },
      errors: [
        {
          messageId: 'checkedParent',
          file: 'tasks/tasks-prd-search.md',
          line: 12,
          related: [{ file: 'tasks/tasks-prd-search.md', line: 14 }],
        },
      ],
    },
    {
      name: 'a backlog task done with none of its acceptance criteria ticked',
      files: {
        ...smallBacklog(),
        [backlogFile('TASK-7', 'Trim logs')]: backlogTask({
          id: 'TASK-7',
          title: 'Trim logs',
          status: 'Done',
          criteria: [
            ['Trims', false],
            ['Documents it', false],
          ],
        }),
      },
      errors: [
        {
          messageId: 'completeUnchecked',
          file: 'backlog/tasks/task-7 - Trim-logs.md',
          line: 4,
          messageIncludes: [
            'TASK-7 is marked done here ("Done"), but all 2 items of its checklist (from line 19) are unchecked',
          ],
          related: [{ file: 'backlog/tasks/task-7 - Trim-logs.md', line: 19 }],
        },
      ],
    },
    {
      name: 'a heading that says COMPLETE over an unticked checklist',
      files: {
        'phase-2.md': taskSection(
          '### TASK-12: Mount shared storage ✅ COMPLETE',
          '**Acceptance Criteria:**\n\n- [ ] Client module builds\n- [ ] Mount survives a reboot',
        ),
      },
      errors: [
        {
          messageId: 'completeUnchecked',
          file: 'phase-2.md',
          line: 3,
          messageIncludes: [
            'TASK-12 is marked done here ("COMPLETE"), but all 2 items of its checklist (from line 7) are unchecked',
          ],
          related: [{ file: 'phase-2.md', line: 7 }],
        },
      ],
    },
    {
      name: 'a Status field that says COMPLETE over an unticked checklist',
      files: {
        'phase-2.md': taskSection(
          '### TASK-12: Mount shared storage',
          '**Status:** ✅ COMPLETE\n**Priority:** HIGH\n\n- [ ] Client module builds',
        ),
      },
      errors: [
        {
          messageId: 'completeUnchecked',
          file: 'phase-2.md',
          line: 5,
          messageIncludes: ['the only item of its checklist (line 8) is unchecked'],
          related: [{ file: 'phase-2.md', line: 8 }],
        },
      ],
    },
    {
      name: 'done in the index, nothing ticked in the phase file',
      files: {
        'index.md':
          '# Index\n\n| Task ID | Description | Status |\n|---|---|---|\n| TASK-12 | Mount shared storage | ✅ Done |\n',
        'phase-2.md': taskSection(
          '### TASK-12: Mount shared storage',
          '- [ ] Client module builds\n- [ ] Mount survives a reboot',
        ),
      },
      errors: [
        {
          messageId: 'doneElsewhereUnchecked',
          file: 'phase-2.md',
          line: 5,
          messageIncludes: [
            'TASK-12 is done at index.md:5 ("Done"), but all 2 items of its checklist here are unchecked',
          ],
          related: [{ file: 'index.md', line: 5 }],
        },
      ],
    },
    {
      name: 'a ticked parent over unticked children',
      files: {
        'plan.md':
          '# Plan\n\n- [x] Storage phase complete\n  - [x] Client module\n  - [ ] Reboot test\n  - [ ] Throughput test\n',
      },
      errors: [
        {
          messageId: 'checkedParent',
          file: 'plan.md',
          line: 3,
          messageIncludes: [
            '"Storage phase complete" is ticked here, but 2 of its 3 sub-items are not (first at line 5)',
          ],
          related: [
            { file: 'plan.md', line: 5 },
            { file: 'plan.md', line: 6 },
          ],
        },
      ],
    },
    {
      name: 'a ticked success metric naming a pending task',
      files: {
        'tracker.md': `${tracker}\n### Success Metrics\n\n- [x] Registry reachable from every node (TASK-40)\n`,
      },
      errors: [
        {
          messageId: 'checkedOpen',
          file: 'tracker.md',
          line: 14,
          messageIncludes: ['TASK-40 is ticked here, but it is pending at line 10 ("Pending")'],
          related: [{ file: 'tracker.md', line: 10 }],
        },
      ],
    },
    {
      name: 'a ticked item about one task that is blocked by another: only its subject is ticked',
      files: {
        'tracker.md': `${tracker}\n### Success Metrics\n\n- [x] Registry reachable from every node (TASK-40, blocked by TASK-28.1)\n`,
      },
      errors: [
        {
          messageId: 'checkedOpen',
          file: 'tracker.md',
          line: 14,
          messageIncludes: ['TASK-40 is ticked here, but it is pending at line 10 ("Pending")'],
          related: [{ file: 'tracker.md', line: 10 }],
        },
      ],
    },
    {
      name: "a ticked phase prerequisite while the phase's tasks are open (the seeds, line 266)",
      files: {
        'tracker.md': phased('- ✅ Phase 6 validation complete').replace(
          '# Active Workstreams\n',
          '# Active Workstreams\n\nThis document tracks **only active (incomplete) tasks**.\n',
        ),
      },
      errors: [
        {
          messageId: 'phaseOpen',
          file: 'tracker.md',
          line: 32,
          messageIncludes: [
            '"Phase 6 validation complete" is ticked as a completed prerequisite here, but Phase 6: Final Validation (2 tasks) still has open tasks: TASK-40 (open at line 17), TASK-41 (open at line 18)',
          ],
          related: [
            { file: 'tracker.md', line: 17 },
            { file: 'tracker.md', line: 18 },
          ],
        },
      ],
    },
    {
      name: 'a ticked prerequisite for a task this document has in progress (the seeds, line 265)',
      files: {
        'tracker.md': `${tracker}\n## Workstream 3: MLOps (Future)\n\n**Prerequisites:**\n\n- ✅ TASK-28.1 complete (storage working)\n- ⏳ Cloud cluster deployed\n`,
        'index.md': '# Index\n\n**Critical Update:** TASK-28.1 is now **✅ COMPLETE**.\n',
      },
      errors: [
        {
          messageId: 'prerequisiteOpen',
          file: 'tracker.md',
          line: 16,
          column: 5,
          messageIncludes: [
            'TASK-28.1 is ticked as a completed prerequisite here ("complete"), but it is in progress at line 9 ("IN PROGRESS")',
          ],
          related: [{ file: 'tracker.md', line: 9 }],
        },
      ],
    },
  ],
});
