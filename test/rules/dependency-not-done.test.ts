import { backlogFile, backlogTask, smallBacklog } from '../helpers/formats.js';
import { ruleTester } from '../helpers/rule-tester.js';

const phase = (status40: string, status41: string): string => `# Phase 6: Validation

| Task ID | Description | Status | Dependencies |
|---------|-------------|--------|--------------|
| TASK-40 | Container Registry | ${status40} | None |
| TASK-41 | Registry Benchmarks | ${status41} | TASK-40 |
`;

const verticalGraph = (arrow: string): string =>
  `# Dependencies\n\n### Dependency Graph\n\n\`\`\`text\nCRITICAL PATH:\nTASK-42 (SLURM) → TASK-44 (Full Stack)\n                         ${arrow}\n                   MLOPS-1.1 (Start)\n\`\`\`\n`;

const mlopsTracker = (status: string): string =>
  `# MLOps\n\n| Task ID | Description | Status |\n|---|---|---|\n| TASK-44 | Full-stack test | Pending |\n| MLOPS-1.1 | Single GPU training | ${status} |\n`;

ruleTester('dependency-not-done', {
  valid: [
    {
      name: 'a vertical arrow of a text graph whose lower task has not started',
      files: { 'graph.md': verticalGraph('↓'), 'tracker.md': mlopsTracker('Pending') },
    },
    {
      name: 'a vertical line without an arrow head says no direction',
      files: { 'graph.md': verticalGraph('│'), 'tracker.md': mlopsTracker('✅ Done') },
    },
    { name: 'a backlog whose open tasks wait on done ones', files: smallBacklog() },
    {
      name: 'a backlog task done after a dependency that was finished and moved to completed/',
      files: {
        ...smallBacklog(),
        [backlogFile('TASK-0', 'Pick a log format', 'completed')]: backlogTask({
          id: 'TASK-0',
          title: 'Pick a log format',
          status: 'Done',
        }),
        [backlogFile('TASK-4', 'Rotate the log')]: backlogTask({
          id: 'TASK-4',
          title: 'Rotate the log',
          status: 'Done',
          dependencies: ['TASK-0'],
        }),
      },
    },
    {
      name: 'a draft promises nothing',
      files: {
        ...smallBacklog(),
        [backlogFile('TASK-5', 'Compress old logs', 'drafts')]: backlogTask({
          id: 'TASK-5',
          title: 'Compress old logs',
          status: 'Done',
          dependencies: ['TASK-3'],
        }),
      },
    },
    { name: 'both done', files: { 'phase-6.md': phase('✅ COMPLETE', '✅ COMPLETE') } },
    { name: 'the dependent is still open', files: { 'phase-6.md': phase('Pending', 'Pending') } },
    {
      name: 'the dependency done, the dependent in progress',
      files: { 'phase-6.md': phase('✅ Done', '🟡 In Progress') },
    },
    {
      name: 'a dependency whose status is disputed is left to task-status-conflict',
      files: {
        'phase-6.md': phase('Pending', '✅ COMPLETE'),
        'index.md': '# Index\n\n**Update:** TASK-40 is now ✅ COMPLETE.\n',
      },
    },
    {
      name: 'a deprecated dependency is neither done nor open',
      files: { 'phase-6.md': phase('SUPERSEDED', '✅ COMPLETE') },
    },
    {
      name: 'an archive is not read',
      files: { 'archive/phase-6.md': phase('Pending', '✅ COMPLETE') },
    },
    {
      name: 'a "✅" after the dependency ID says it is done',
      files: {
        'phase-6.md':
          '# Phase 6\n\n| Task ID | Description | Status | Dependencies |\n|---|---|---|---|\n| TASK-41 | Registry Benchmarks | ✅ COMPLETE | TASK-40 ✅ |\n',
        'phase-5.md': '# Phase 5\n\n### TASK-40: Container Registry\n\nDelivered in sprint 12.\n',
      },
    },
    {
      name: 'a graph whose arrows agree with finished work',
      files: {
        'phase-6.md': phase('✅ COMPLETE', '✅ COMPLETE'),
        'graph.md': '# Graph\n\n```text\nTASK-40 → TASK-41\n```\n',
      },
    },
    {
      name: 'a list written short after a full ID, every member done ("TASK-057, 058")',
      files: {
        'phase-5.md':
          '# Phase 5\n\n| Task ID | Description | Status |\n|---------|-------------|--------|\n| TASK-057 | Write the role | ✅ Done |\n| TASK-058 | Test the role | ✅ Done |\n| TASK-059 | Ship the role | ✅ Done |\n\n### TASK-060: Announce\n**Status**: ✅ COMPLETE\n**Dependencies**: TASK-057, 058 (2 hours)\n',
      },
    },
    {
      name: 'a number after a full ID that is no member of a list ("TASK-057, 2 hours")',
      files: {
        'phase-5.md':
          '# Phase 5\n\n| Task ID | Description | Status |\n|---------|-------------|--------|\n| TASK-057 | Write the role | ✅ Done |\n| TASK-058 | Test the role | Pending |\n| TASK-059 | Ship the role | ✅ Done |\n\n| TASK-061 | Announce | ✅ Done |\n\n**Depends on:** nothing but TASK-057, 2 hours of review\n',
      },
    },
  ],
  invalid: [
    {
      name: 'a vertical arrow of a text graph: MLOPS-1.1 done below TASK-44, which is pending',
      files: { 'graph.md': verticalGraph('↓'), 'tracker.md': mlopsTracker('✅ Done') },
      errors: [
        {
          messageId: 'notDone',
          file: 'tracker.md',
          line: 6,
          messageIncludes: ['MLOPS-1.1', 'depends on TASK-44 (stated at graph.md:7), which is pending at line 5'],
          related: [
            { file: 'graph.md', line: 7 },
            { file: 'tracker.md', line: 5 },
          ],
        },
      ],
    },
    {
      name: 'a **Dependencies** field written short after a full ID names both tasks',
      files: {
        'phase-5.md':
          '# Phase 5\n\n| Task ID | Description | Status |\n|---|---|---|\n| TASK-057 | Write the role | ✅ Done |\n| TASK-058 | Test the role | Pending |\n\n### TASK-060: Announce\n**Status**: ✅ COMPLETE\n**Dependencies**: TASK-057, 058\n',
      },
      errors: [
        { messageId: 'notDone', file: 'phase-5.md', line: 9, messageIncludes: ['TASK-058 (stated at line 10)'] },
      ],
    },
    {
      name: 'a dependency list written short after a full ID ("TASK-057, 058") names both tasks',
      files: {
        'phase-5.md':
          '# Phase 5\n\n| Task ID | Description | Status | Dependencies |\n|---|---|---|---|\n| TASK-057 | Write the role | ✅ Done | None |\n| TASK-058 | Test the role | Pending | None |\n| TASK-060 | Announce | ✅ Done | TASK-057, 058 |\n',
      },
      errors: [
        {
          messageId: 'notDone',
          file: 'phase-5.md',
          line: 7,
          messageIncludes: ['TASK-058'],
          related: [{ file: 'phase-5.md', line: 6 }],
        },
      ],
    },
    {
      name: 'a ticked box whose closing parenthesis says what it depends on',
      files: {
        'tasks.md':
          '# Tasks\n\n- [ ] T004 Build the parser\n- [x] T005 Wire the parser into the CLI (depends on T004)\n',
      },
      errors: [
        {
          messageId: 'notDone',
          file: 'tasks.md',
          line: 4,
          column: 7,
          messageIncludes: [
            'T005 is done here ("[x]"), but it depends on T004 (on this line), which is pending at line 3 ("[ ]")',
          ],
          related: [{ file: 'tasks.md', line: 3 }],
        },
      ],
    },
    {
      name: 'a backlog task done while a task it depends on is to do',
      files: {
        ...smallBacklog(),
        [backlogFile('TASK-4', 'Rotate the log')]: backlogTask({
          id: 'TASK-4',
          title: 'Rotate the log',
          status: 'Done',
          dependencies: ['TASK-3'],
        }),
      },
      errors: [
        {
          messageId: 'notDone',
          file: 'backlog/tasks/task-4 - Rotate-the-log.md',
          line: 2,
          messageIncludes: [
            'TASK-4 is done here ("Done"), but it depends on TASK-3 (stated at line 8), which is pending at backlog/tasks/task-3 - Export-events-as-JSON.md:2 ("To Do")',
          ],
          related: [
            { file: 'backlog/tasks/task-4 - Rotate-the-log.md', line: 8 },
            { file: 'backlog/tasks/task-3 - Export-events-as-JSON.md', line: 2 },
          ],
        },
      ],
    },
    {
      name: 'done while the task it depends on is pending (one table)',
      files: { 'phase-6.md': phase('Pending', '✅ COMPLETE') },
      errors: [
        {
          messageId: 'notDone',
          file: 'phase-6.md',
          line: 6,
          messageIncludes: [
            'TASK-41 is done here ("COMPLETE"), but it depends on TASK-40 (on this line), which is pending at line 5 ("Pending")',
          ],
          related: [{ file: 'phase-6.md', line: 5 }],
        },
      ],
    },
    {
      name: 'a dependency stated by a graph, statuses in two documents',
      files: {
        'tracker.md':
          '# Tracker\n\n| Task ID | Description | Status |\n|---|---|---|\n| TASK-40 | Container Registry | ⚠️ IN PROGRESS |\n',
        'phase-6.md':
          '# Phase 6\n\n### TASK-44: Full-stack test ✅ COMPLETE\n\n```text\nTASK-40 (Registry) → TASK-44 (Full Stack)\n```\n',
      },
      errors: [
        {
          messageId: 'notDone',
          file: 'phase-6.md',
          line: 3,
          messageIncludes: ['depends on TASK-40 (stated at line 6), which is in progress at tracker.md:5'],
          related: [
            { file: 'phase-6.md', line: 6 },
            { file: 'tracker.md', line: 5 },
          ],
        },
      ],
    },
    {
      name: 'a dependency listed under "Active Tasks" is open',
      files: {
        'index.md':
          '# Index\n\n## Active Tasks\n\n| Task ID | Description | Priority |\n|---|---|---|\n| TASK-40 | Container Registry | HIGH |\n',
        'phase-6.md': '# Phase 6\n\n### TASK-41: Registry Benchmarks ✅ COMPLETE\n\n**Depends on:** TASK-40\n',
      },
      errors: [
        {
          messageId: 'notDone',
          file: 'phase-6.md',
          line: 3,
          messageIncludes: ['which is open at index.md:7 ("listed under “Active Tasks”")'],
          related: [
            { file: 'phase-6.md', line: 5 },
            { file: 'index.md', line: 7 },
          ],
        },
      ],
    },
  ],
});
