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

ruleTester('checklist-conflict', {
  valid: [
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
