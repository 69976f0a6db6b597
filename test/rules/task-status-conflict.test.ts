import { ruleTester } from '../helpers/rule-tester.js';

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
        'archive/2025-q3.md': '# Archive\n\n| Task ID | Description | Status |\n|---|---|---|\n| TASK-7 | Fix storage driver | ✅ COMPLETE |\n',
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
        'plan.md': '# Plan\n\n**After TASK-7 complete:**\n\n- Start the benchmarks\n\nOnce TASK-7 is done, TASK-8 starts.\n',
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
        'index.md': '# Index\n\n| Task ID | Description | Status |\n|---|---|---|\n| TASK-8 | Benchmark storage | SUPERSEDED |\n',
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
        'task-template.md': '# Template\n\n| Task ID | Description | Status |\n|---|---|---|\n| TASK-7 | Example task | ✅ COMPLETE |\n',
      },
    },
    {
      name: 'a prerequisite bullet is left to checklist-conflict',
      files: {
        'tracker.md': `${trackerInProgress}\n## Next\n\n**Prerequisites:**\n\n- ✅ TASK-7 complete (driver loads)\n`,
      },
    },
    {
      name: 'words like UTF-8 are not task IDs',
      files: {
        'tracker.md': trackerInProgress,
        'notes.md': '# Notes\n\n- UTF-8 complete\n- ISO-8601 done\n',
      },
    },
  ],
  invalid: [
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
      errors: [{ messageId: 'conflict', file: 'tracker.md', line: 8, messageIncludes: ['pending here', 'done at checklist.md:3'], related: [{ file: 'checklist.md', line: 3 }] }],
    },
    {
      name: 'a heading that says COMPLETE against a table that says BLOCKED',
      files: {
        'phase-2.md': '# Phase 2\n\n### TASK-12: Mount shared storage ✅ COMPLETE\n\nDone last week.\n',
        'tracker.md': '# Tracker\n\n| ID | Task | Status |\n|---|---|---|\n| TASK-12 | Mount shared storage | 🔴 BLOCKED |\n',
      },
      errors: [{ messageId: 'conflict', file: 'tracker.md', line: 5, messageIncludes: ['blocked here', 'done at phase-2.md:3'], related: [{ file: 'phase-2.md', line: 3 }] }],
    },
    {
      name: 'two statuses within one document',
      files: {
        'tracker.md': `${trackerInProgress}\n## Summary\n\n- ✅ TASK-8 done (numbers in the wiki)\n`,
      },
      errors: [{ messageId: 'conflict', file: 'tracker.md', line: 8, messageIncludes: ['pending here', 'done at line 12'], related: [{ file: 'tracker.md', line: 12 }] }],
    },
    {
      name: 'partly done is not done',
      files: {
        'tracker.md': '# Tracker\n\n| Task ID | Description | Status |\n|---|---|---|\n| TASK-3 | Build images | CODE COMPLETE · VALIDATION PENDING |\n',
        'index.md': '# Index\n\n### TASK-3: Build images ✅ DONE\n',
      },
      errors: [{ messageId: 'conflict', file: 'tracker.md', line: 5, messageIncludes: ['in progress here'], related: [{ file: 'index.md', line: 3 }] }],
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
      name: 'mojibake does not hide the words',
      files: {
        'tracker.md': trackerInProgress,
        'index.md': Buffer.from('# Index\n\nTASK-7 is now \u00e2\u0153\u2026 COMPLETE.\n', 'utf8'),
      },
      errors: [{ messageId: 'conflict', file: 'tracker.md', line: 7, related: [{ file: 'index.md', line: 3 }] }],
    },
  ],
});
