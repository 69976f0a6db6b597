import { twoSpecKitFeatures } from '../helpers/formats.js';
import { ruleTester } from '../helpers/rule-tester.js';

/** A phase table whose tasks are TASK-0NN, all pending. */
const tracker = `# Active Workstreams

## Phase 5: Tests

| Task ID | Description | Status |
|---------|-------------|--------|
| TASK-035 | Runtime framework | Pending |
| TASK-036 | Packer tests | Pending |
| TASK-037 | Makefile update | Pending |
| TASK-040 | Container registry | Pending |
| TASK-040.1 | Registry mirror | Pending |
| TASK-041 | Storage benchmarks | Pending |
`;

/** The same tasks, all done. */
const index = `# Task List Index

| Task ID | Description | Status |
|---------|-------------|--------|
| TASK-035 | Runtime framework | ✅ COMPLETE |
| TASK-036 | Packer tests | ✅ COMPLETE |
| TASK-037 | Makefile update | ✅ COMPLETE |
| TASK-040 | Container registry | ✅ COMPLETE |
| TASK-040.1 | Registry mirror | ✅ COMPLETE |
| TASK-041 | Storage benchmarks | ✅ COMPLETE |
`;

ruleTester('task-status-conflict', {
  valid: [
    {
      name: 'a summary line that agrees with the table',
      files: { 'tracker.md': tracker, 'summary.md': '# Summary\n\n**Pending**: Tasks 035-037, 040\n' },
    },
    {
      name: 'a condition: "start once Task 040 is complete"',
      files: { 'tracker.md': tracker, 'plan.md': '# Plan\n\nStart the rollout once Task 040 is complete.\n' },
    },
    {
      name: 'a condition on a range: "after TASK-035-037 are done"',
      files: { 'tracker.md': tracker, 'plan.md': '# Plan\n\n- Deploy after TASK-035-037 are done\n' },
    },
    {
      name: 'a range inside a code span',
      files: { 'tracker.md': tracker, 'notes.md': '# Notes\n\nRun `close Tasks 035-037 complete` to close them.\n' },
    },
    {
      name: 'a range inside a code block',
      files: { 'tracker.md': tracker, 'notes.md': '# Notes\n\n```text\nTasks 035-037: ✅ COMPLETE\n```\n' },
    },
    {
      name: 'a history section',
      files: {
        'tracker.md': tracker,
        'notes.md': '# Notes\n\n## Change History\n\n- TASK-035-037: runtime work ✅ (3 tasks complete)\n',
      },
    },
    {
      name: 'a dated past-tense sentence',
      files: { 'tracker.md': index, 'notes.md': '# Notes\n\nOn 10-20, Tasks 035-037 were not started.\n' },
    },
    {
      name: 'a plan: "will be pending review"',
      files: { 'tracker.md': index, 'notes.md': '# Notes\n\nTasks 035-037 will be pending review next week.\n' },
    },
    {
      name: 'a range whose end no document defines names nothing',
      files: { 'tracker.md': index, 'notes.md': '# Notes\n\n**Pending**: TASK-035-039\n' },
    },
    {
      name: 'a range across two schemes names nothing',
      files: {
        'tracker.md': index,
        'cloud.md': '# Cloud\n\n| Task ID | Description |\n|---|---|\n| CLOUD-037 | Buckets |\n',
        'notes.md': '# Notes\n\n**Pending**: TASK-035 through CLOUD-037\n',
      },
    },
    {
      name: 'a short form two schemes could fit names nothing',
      files: {
        'tracker.md': index,
        'cloud.md': '# Cloud\n\n| Task ID | Description | Status |\n|---|---|---|\n| CLOUD-040 | Buckets | Pending |\n',
        'notes.md': '# Notes\n\nOnly Task 040 remains pending.\n',
      },
    },
    {
      name: 'a short form the document’s own scheme decides: "Task 040" is the document’s CLOUD-040',
      files: {
        'tracker.md': index,
        'cloud.md':
          '# Cloud\n\n| Task ID | Description | Status |\n|---|---|---|\n| CLOUD-040 | Buckets | Pending |\n\nOnly Task 040 remains pending.\n',
      },
    },
    {
      name: '"Task 7" where the tasks are TASK-007: not sure, so nothing',
      files: {
        'tracker.md':
          '# Tracker\n\n| Task ID | Description | Status |\n|---|---|---|\n| TASK-007 | Registry | ✅ DONE |\n| TASK-008 | Mirror | ✅ DONE |\n',
        'notes.md': '# Notes\n\nOnly Task 7 remains pending.\n',
      },
    },
    {
      name: 'two spec-kit features both number T001-T004: a range outside them names neither',
      files: { ...twoSpecKitFeatures(), 'STATUS.md': '# Status\n\n- T001-T003: setup ✅ (3 tasks complete)\n' },
    },
    {
      name: 'two task lists of one folder both number TASK-001...: a range outside them names neither’s',
      files: {
        'hpc-task-list.md':
          '# HPC\n\n| Task ID | Description | Status |\n|---|---|---|\n| TASK-001 | Nodes | Pending |\n| TASK-002 | Storage | Pending |\n',
        'cloud-task-list.md':
          '# Cloud\n\n| Task ID | Description | Status |\n|---|---|---|\n| TASK-001 | Buckets | ✅ DONE |\n| TASK-002 | Network | ✅ DONE |\n',
        'index.md': '# Index\n\n**Completed**: TASK-001-002\n\nOnly Task 002 remains pending.\n',
      },
      config: { idScopes: { files: ['*-task-list.md'], scoped: ['TASK-'] } },
    },
    {
      name: 'an alias: "(was TASK-049)"',
      files: {
        'tracker.md': index,
        'notes.md': '# Notes\n\n**Pending**: TASK-041 (was TASK-049)\n',
      },
    },
  ],
  invalid: [
    {
      name: 'a label over a list of short forms and ranges: "**Pending**: Tasks 035-037, 040"',
      files: { 'index.md': index, 'summary.md': '# Summary\n\n**Pending**: Tasks 035-037, 040\n' },
      errors: ['035', '036', '037', '040'].map((n, i) => ({
        messageId: 'conflict',
        file: 'index.md',
        line: 5 + (i === 3 ? 3 : i),
        messageIncludes: [`TASK-${n} is done here`, 'but open at summary.md:3 ("Pending")'],
        related: [{ file: 'summary.md', line: 3 }],
      })),
    },
    {
      name: 'a range expands to the IDs defined inside it: "TASK-040-041" names TASK-040.1 too',
      files: { 'index.md': index, 'summary.md': '# Summary\n\n**Pending**: TASK-040-041\n' },
      errors: [8, 9, 10].map((line) => ({
        messageId: 'conflict',
        file: 'index.md',
        line,
        related: [{ file: 'summary.md', line: 3 }],
      })),
    },
    {
      name: '"Only Task 040 remains pending"',
      files: { 'index.md': index, 'summary.md': '# Summary\n\nOnly Task 040 remains pending.\n' },
      errors: [{ messageId: 'conflict', file: 'index.md', line: 8, related: [{ file: 'summary.md', line: 3 }] }],
    },
    {
      name: '"Tasks 035-037 NOT started"',
      files: { 'index.md': index, 'summary.md': '# Summary\n\n- Tasks 035-037 NOT started\n' },
      errors: [5, 6, 7].map((line) => ({
        messageId: 'conflict',
        file: 'index.md',
        line,
        related: [{ file: 'summary.md', line: 3 }],
      })),
    },
    {
      name: '"TASK-044 through TASK-048" style: "TASK-035 through TASK-036" under a Completed label',
      files: { 'tracker.md': tracker, 'summary.md': '# Summary\n\n**Completed**: TASK-035 through TASK-036\n' },
      errors: [7, 8].map((line) => ({
        messageId: 'conflict',
        file: 'tracker.md',
        line,
        messageIncludes: ['but done at summary.md:3 ("Completed")'],
        related: [{ file: 'summary.md', line: 3 }],
      })),
    },
    {
      name: '"**Completed**: TASK-035, TASK-036" gives both the label’s status',
      files: { 'tracker.md': tracker, 'summary.md': '# Summary\n\n**Completed**: TASK-035, TASK-036\n' },
      errors: [7, 8].map((line) => ({
        messageId: 'conflict',
        file: 'tracker.md',
        line,
        related: [{ file: 'summary.md', line: 3 }],
      })),
    },
    {
      name: 'a line led by a range: "TASK-035-037: runtime work ✅ (3 tasks complete)"',
      files: {
        'tracker.md': tracker,
        'summary.md': '# Summary\n\n- TASK-035-037: runtime work ✅ (3 tasks complete)\n',
      },
      errors: [7, 8, 9].map((line) => ({
        messageId: 'conflict',
        file: 'tracker.md',
        line,
        related: [{ file: 'summary.md', line: 3 }],
      })),
    },
    {
      name: '"**040**" in the ID column of a table of TASK-0NN rows',
      files: {
        'index.md': index,
        'phase.md':
          '# Phase 6\n\n| Task ID | Description | Status |\n|---|---|---|\n| TASK-041 | Storage benchmarks | ✅ COMPLETE |\n| **040** | Container registry | Pending |\n',
      },
      errors: [{ messageId: 'conflict', file: 'index.md', line: 8, related: [{ file: 'phase.md', line: 6 }] }],
    },
    {
      name: 'a table keyed by numbers only, in a folder whose one scheme is TASK-0NN',
      files: {
        'index.md': index,
        'phase.md':
          '# Phase 6\n\n| ID | Description | Status |\n|---|---|---|\n| 040 | Container registry | Pending |\n',
      },
      errors: [{ messageId: 'conflict', file: 'index.md', line: 8, related: [{ file: 'phase.md', line: 5 }] }],
    },
    {
      name: '"CLOUD-0.1 to 0.2" under an Active label',
      files: {
        'cloud.md':
          '# Cloud\n\n| Task ID | Description | Status |\n|---|---|---|\n| CLOUD-0.1 | Buckets | ✅ DONE |\n| CLOUD-0.2 | Network | ✅ DONE |\n',
        'summary.md': '# Summary\n\n**Active Tasks**: CLOUD-0.1 to 0.2\n',
      },
      errors: [5, 6].map((line) => ({
        messageId: 'conflict',
        file: 'cloud.md',
        line,
        related: [{ file: 'summary.md', line: 3 }],
      })),
    },
  ],
});
