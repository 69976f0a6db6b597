import { ruleTester } from '../helpers/rule-tester.js';

/** A phase heading stating `stated` over a table of the given durations. */
function phase(stated: string, durations: string[]): string {
  const body = durations.map((d, i) => `| TASK-${i + 1} | Update part ${i + 1} | ${d} | Low |`).join('\n');
  return `# Workstream 2: Rebranding\n\n### Phase 1: Configuration Files (${stated})\n\n| Task ID | Description | Duration | Risk |\n|---------|-------------|----------|------|\n${body}\n`;
}

/** A label over a list of tasks with their durations. */
function stream(stated: string, durations: string[]): string {
  return `# Plan\n\n**Stream B - Infrastructure Validation (${stated}):**\n\n${durations.map((d, i) => `- TASK-${40 + i}: Validation step ${i + 1} (${d})`).join('\n')}\n`;
}

const workstreams = (top: string): string => `# Active Workstreams

**Last Updated:** 2025-10-30  
**Estimated Completion:** ${top}

## Overview

Tracks active work.

## Workstream 1: HPC

**Estimated Time:** 31.5 hours

## Workstream 2: Rebranding

**Estimated Time:** 8 hours (1 day)

## Workstream 3: MLOps (Future)

**Estimated Time:** 18 days (~3-4 weeks)

## Execution Strategy

**Stream A - Role Consolidation (6.5 hrs):**

- TASK-46: Package Manager Role (2 hrs)
- TASK-47: Integration (3 hrs)
- TASK-48: Base Packages (1.5 hrs)
`;

/** A phase block stating `stated` over two task blocks, one estimated as a range. */
const rangeBlocks = (stated: string, rest = ''): string =>
  `# Storage Plan\n\n## Phase 5: Storage\n\n**Estimated Time**: ${stated}\n\n### TASK-60: Write the role\n\n**Status**: ❌ PENDING\n**Estimated Time**: 8-10 hours\n\n### TASK-61: Test the role\n\n**Status**: ❌ PENDING\n**Estimated Time**: 10 hours\n${rest}`;

/** "Remaining:" over a table whose first row is done. */
const remainingTable = (stated: string): string =>
  `# Storage Plan\n\n## Phase 6: Validation\n\n**Remaining**: ${stated}\n\n| Task ID | Description | Duration | Status |\n|---------|-------------|----------|--------|\n| TASK-40 | Registry | 1 hr | ✅ Done |\n| TASK-41 | Benchmarks | 2 hrs | Pending |\n| TASK-42 | Scheduler tests | 4 hrs | Pending |\n`;

/** "Estimated Time Remaining:" over task blocks, the first one marked ✅. */
const remainingBlocks = (stated: string): string =>
  `# Storage Plan\n\n## Phase 7: Consolidation\n\n**Estimated Time Remaining**: ${stated}\n\n### TASK-70: Package role ✅\n\n**Estimated Time**: 3 hours\n\n### TASK-71: Base packages\n\n**Status**: Pending\n**Estimated Time**: 2 hours\n\n### TASK-72: Utilities\n\n**Status**: 🔄 In progress\n**Estimated Time**: 3 hours\n`;

ruleTester('duration-mismatch', {
  valid: [
    {
      name: 'a TOTAL row with a thousands separator that adds up',
      files: {
        'plan.md':
          '# Plan\n\n| Phase | Name | Duration |\n|---|---|---|\n| 1 | Setup | 900h |\n| 2 | Build | 300h |\n| **TOTAL** | | **1,200h** |\n',
      },
    },
    {
      name: 'the stated time is the sum of the rows',
      files: { 'tracker.md': phase('3 tasks - 2 hrs', ['30 min', '1 hr', '30 min']) },
    },
    {
      name: '"1.5 hrs" over 30 + 20 + 30 min is the sum rounded to the half hour',
      files: { 'tracker.md': phase('3 tasks - 1.5 hrs', ['30 min', '20 min', '30 min']) },
    },
    {
      name: '"3.5 hrs" over 45 + 60 + 60 + 30 min (3.25 hrs) is a rounding tie',
      files: { 'tracker.md': phase('4 tasks - 3.5 hrs', ['45 min', '1 hr', '1 hr', '30 min']) },
    },
    {
      name: 'a label over a list that sums to it',
      files: { 'plan.md': stream('6.5 hrs', ['2 hrs', '3 hrs', '1.5 hrs']) },
    },
    {
      name: 'the workstreams add up to the estimated completion',
      files: { 'tracker.md': workstreams('39.5 hours + 18 days') },
    },
    {
      name: 'a sprint is a time box, not the sum of its tasks',
      files: {
        'plan.md':
          '# Plan\n\n### Sprint 3 (10 days)\n\n| Task ID | Description | Duration |\n|---|---|---|\n| TASK-1 | Build | 2 days |\n| TASK-2 | Test | 3 days |\n',
      },
    },
    {
      name: 'an estimate that excludes part of the work',
      files: {
        'plan.md':
          '# Plan\n\n## MLOps\n\n**Estimated Time to Complete:** 15 working days (3 weeks, excluding Category 4)\n\n- Category 1: Basic Training (2 tasks) - 3 days\n- Category 4: Inference (2 tasks) - 3 days\n- Category 5: Pipeline (2 tasks) - 15 days\n',
      },
    },
    {
      name: 'work that runs in parallel is not summed',
      files: { 'plan.md': stream('8 hrs, can run in parallel', ['4 hrs', '4 hrs', '4 hrs']) },
    },
    {
      name: 'days and hours are never converted into each other',
      files: { 'tracker.md': phase('2 days', ['4 hrs', '4 hrs', '8 hrs']) },
    },
    {
      name: 'durations in a code block under a label are not the list it sums',
      files: { 'plan.md': '# Plan\n\n**Stream C (4 hrs):**\n\n```text\n- TASK-1 (10 hrs)\n- TASK-2 (10 hrs)\n```\n' },
    },
    {
      name: 'an archived plan describes the past',
      files: { 'archive/plan.md': stream('10 hrs', ['2 hrs', '1 hr', '2 hrs', '2 hrs', '2 hrs', '3 hrs']) },
    },
    {
      name: 'a template holds placeholder estimates',
      files: { 'stream-template.md': stream('1 hr', ['2 hrs', '2 hrs']) },
    },
    {
      name: 'a tolerance of 20% lets a rough total stand',
      files: { 'plan.md': stream('10 hrs', ['2 hrs', '1 hr', '2 hrs', '2 hrs', '2 hrs', '3 hrs']) },
      config: { rules: { 'duration-mismatch': ['error', { tolerancePercent: 20 }] } },
    },
    {
      name: 'a list where one item gives no duration is not summed',
      files: { 'plan.md': stream('2 hrs', ['2 hrs', 'owner: Ana']) },
    },
    {
      name: 'an approximate total over a sum within a step of it ("~9 hrs" over 8 hrs)',
      files: { 'plan.md': stream('~9 hrs', ['3 hrs', '2 hrs', '3 hrs']) },
    },
    {
      name: 'a phase total within the range its task blocks add up to (4 + "8-10 hours" + 2 is 14-16 hours)',
      files: {
        'phase-3.md':
          '# Phase 3: Storage\n\n**Estimated Time**: 15 hours\n\n### TASK-31: Write the role\n**Status**: Pending\n**Estimated Time**: 4 hours\n\n### TASK-32: Test the role\n**Estimated Time**: 8-10 hours\n\n### TASK-33: Docs\n**Estimated Time**: 2 hours\n',
      },
    },
    {
      name: 'a TOTAL written with a thousands separator that is the sum ("1,171h")',
      files: {
        'plan.md':
          '# Plan\n\n| Phase | Name | Duration |\n|---|---|---|\n| 1 | Setup | 5h |\n| 2 | Backend | 1,100h |\n| 3 | Mobile | 66h |\n| **TOTAL** | | **1,171h** |\n',
      },
    },
    {
      name: 'a list whose last item gives the total ("- Total: 4 hours") is summed without it',
      files: {
        'plan.md':
          '# Plan\n\n**Stream B - Validation (4 hrs):**\n\n- TASK-40: Validate one (1 hr)\n- TASK-41: Validate two (3 hrs)\n- Total: 4 hours\n',
      },
    },
    {
      name: 'a phase total of 20 hours over task blocks of "8-10 hours" and 10 hours (18-20 hours)',
      files: { 'phase-5.md': rangeBlocks('20 hours') },
    },
    {
      name: 'a stated range that overlaps the sum ("18-22 hours" over 8-10 + 10 hours)',
      files: { 'phase-5.md': rangeBlocks('18-22 hours') },
    },
    {
      name: 'the time left for the open rows ("Remaining: 6 hours") is not the time of every row',
      files: { 'phase-6.md': remainingTable('6 hours') },
    },
    {
      name: 'the time left over task blocks leaves out the block marked ✅',
      files: { 'phase-7.md': remainingBlocks('5 hours') },
    },
    {
      name: 'the time left is unknown when a done row sits among rows that state no status',
      files: {
        'phase-6.md':
          '# Plan\n\n## Phase 6\n\n**Remaining**: 3 hours\n\n| Task ID | Description | Duration | Status |\n|---|---|---|---|\n| TASK-40 | Registry | 1 hr | ✅ Done |\n| TASK-41 | Benchmarks | 2 hrs | |\n| TASK-42 | Scheduler | 4 hrs | |\n',
      },
    },
    {
      name: 'a summary subsection that restates the total ("Total Time: 20 hours") is no part of it',
      files: { 'phase-5.md': rangeBlocks('20 hours', '\n### Summary\n\n**Total Time**: 20 hours\n') },
    },
  ],
  invalid: [
    {
      name: 'a phase total of 25 hours over task blocks that add up to 18-20 hours',
      files: { 'phase-5.md': rangeBlocks('25 hours') },
      errors: [
        {
          messageId: 'mismatch',
          file: 'phase-5.md',
          line: 5,
          messageIncludes: [
            '25 hrs is stated here, but the 2 sections under it add up to 18-20 hrs (8-10 hrs, 10 hrs)',
          ],
          related: [
            { file: 'phase-5.md', line: 10 },
            { file: 'phase-5.md', line: 15 },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'a stated range disjoint from the sum ("12-15 hours" over 18-20 hours)',
      files: { 'phase-5.md': rangeBlocks('12-15 hours') },
      errors: [{ messageId: 'mismatch', file: 'phase-5.md', line: 5, messageIncludes: ['12-15 hrs is stated here'] }],
    },
    {
      name: 'a phase total below a range (4 + "8-10 hours" + 2 is 14-16 hours, not 10)',
      files: {
        'phase-3.md':
          '# Phase 3: Storage\n\n**Estimated Time**: 10 hours\n\n### TASK-31: Write the role\n**Status**: Pending\n**Estimated Time**: 4 hours\n\n### TASK-32: Test the role\n**Estimated Time**: 8-10 hours\n\n### TASK-33: Docs\n**Estimated Time**: 2 hours\n',
      },
      errors: [{ messageId: 'mismatch', file: 'phase-3.md', line: 3, messageIncludes: ['add up to 14-16 hrs'] }],
    },
    {
      name: 'the time left against the open rows only ("Remaining: 4 hours" over 2 + 4 open hours)',
      files: { 'phase-6.md': remainingTable('4 hours') },
      errors: [
        {
          messageId: 'mismatch',
          file: 'phase-6.md',
          line: 5,
          messageIncludes: ['4 hrs is stated here, but the 2 open rows of the table under it add up to 6 hrs'],
          related: [
            { file: 'phase-6.md', line: 10 },
            { file: 'phase-6.md', line: 11 },
          ],
        },
      ],
    },
    {
      name: 'the time left over task blocks against the blocks still open',
      files: { 'phase-7.md': remainingBlocks('8 hours') },
      errors: [
        {
          messageId: 'mismatch',
          file: 'phase-7.md',
          line: 5,
          messageIncludes: ['8 hrs is stated here, but the 2 open sections under it add up to 5 hrs'],
        },
      ],
    },
    {
      name: 'a TOTAL written with a thousands separator against its column ("1,203h")',
      files: {
        'plan.md':
          '# Plan\n\n| Phase | Name | Duration |\n|---|---|---|\n| 1 | Setup | 5h |\n| 2 | Backend | 1,100h |\n| 3 | Mobile | 66h |\n| **TOTAL** | | **1,203h** |\n',
      },
      errors: [
        {
          messageId: 'mismatch',
          file: 'plan.md',
          line: 8,
          messageIncludes: ['1203 hrs is stated here', 'add up to 1171 hrs'],
        },
      ],
    },
    {
      name: 'a phase total against the estimates of its task blocks',
      files: {
        'phase-3.md':
          '# Phase 3: Storage\n\n**Estimated Time**: 10 hours\n\n### TASK-31: Write the role\n**Status**: Pending\n**Estimated Time**: 4 hours\n\n### TASK-32: Test the role\n**Estimated Time**: 3 hours\n\n### TASK-33: Docs\n**Estimated Time**: 2 hours\n',
      },
      errors: [
        {
          messageId: 'mismatch',
          file: 'phase-3.md',
          line: 3,
          messageIncludes: ['10 hrs is stated here', 'the 3 sections under it add up to 9 hrs'],
          related: [
            { file: 'phase-3.md', line: 7 },
            { file: 'phase-3.md', line: 10 },
            { file: 'phase-3.md', line: 13 },
          ],
        },
      ],
    },
    {
      name: 'an approximate total far from its sum, printed as written ("~9 hrs")',
      files: { 'plan.md': stream('~9 hrs', ['3 hrs', '2 hrs', '2 hrs']) },
      errors: [
        {
          messageId: 'mismatch',
          file: 'plan.md',
          line: 3,
          messageIncludes: ['~9 hrs is stated here', 'add up to 7 hrs'],
        },
      ],
      output: null,
    },
    {
      name: 'a TOTAL row written with a thousands separator',
      files: {
        'plan.md':
          '# Plan\n\n| Phase | Name | Duration |\n|---|---|---|\n| 1 | Setup | 900h |\n| 2 | Build | 300h |\n| **TOTAL** | | **1,171h** |\n',
      },
      errors: [
        {
          messageId: 'mismatch',
          file: 'plan.md',
          line: 7,
          messageIncludes: ['1171 hrs is stated here', 'add up to 1200 hrs'],
        },
      ],
    },
    {
      name: 'a label says 10 hrs over tasks of 12',
      files: { 'plan.md': stream('10 hrs', ['2 hrs', '1 hr', '2 hrs', '2 hrs', '2 hrs', '3 hrs']) },
      errors: [
        {
          messageId: 'mismatch',
          file: 'plan.md',
          line: 3,
          column: 41,
          messageIncludes: ['10 hrs is stated here', 'the 6 items of the list under it add up to 12 hrs'],
          related: [
            { file: 'plan.md', line: 5 },
            { file: 'plan.md', line: 10 },
          ],
        },
      ],
      output: { 'plan.md': stream('12 hrs', ['2 hrs', '1 hr', '2 hrs', '2 hrs', '2 hrs', '3 hrs']) },
    },
    {
      name: 'the estimated completion is not the sum of the workstreams',
      files: { 'tracker.md': workstreams('37.5 hours + 18 days') },
      errors: [
        {
          messageId: 'mismatch',
          file: 'tracker.md',
          line: 4,
          messageIncludes: [
            '37.5 hrs + 18 days is stated here',
            'the 3 sections under it add up to 39.5 hrs + 18 days',
          ],
          related: [
            { file: 'tracker.md', line: 12 },
            { file: 'tracker.md', line: 16 },
            { file: 'tracker.md', line: 20 },
          ],
        },
      ],
      output: { 'tracker.md': workstreams('39.5 hours + 18 days') },
    },
    {
      name: 'a heading says 3 hrs over rows of 4',
      files: { 'tracker.md': phase('2 tasks - 3 hrs', ['2 hrs', '2 hrs']) },
      errors: [
        {
          messageId: 'mismatch',
          file: 'tracker.md',
          line: 3,
          messageIncludes: ['3 hrs is stated here', 'the 2 rows of the table under it add up to 4 hrs'],
          related: [
            { file: 'tracker.md', line: 7 },
            { file: 'tracker.md', line: 8 },
          ],
        },
      ],
      output: { 'tracker.md': phase('2 tasks - 4 hrs', ['2 hrs', '2 hrs']) },
    },
    {
      name: 'an estimate over subsections whose task tables add up to less',
      files: {
        'tracker.md':
          '# Tracker\n\n## Workstream 1: HPC\n\n**Estimated Time:** 20 hours\n\n### Phase 3 (1 task)\n\n| Task ID | Description | Duration |\n|---|---|---|\n| TASK-28 | Kernel module | 4 hrs |\n\n### Phase 4 (2 tasks)\n\n| Task ID | Description | Duration |\n|---|---|---|\n| TASK-46 | Package role | 2 hrs |\n| TASK-47 | Base role | 6 hrs |\n',
      },
      errors: [
        {
          messageId: 'mismatch',
          file: 'tracker.md',
          line: 5,
          messageIncludes: ['20 hrs is stated here', 'add up to 12 hrs'],
          related: [
            { file: 'tracker.md', line: 7 },
            { file: 'tracker.md', line: 13 },
          ],
        },
      ],
      output: {
        'tracker.md':
          '# Tracker\n\n## Workstream 1: HPC\n\n**Estimated Time:** 12 hours\n\n### Phase 3 (1 task)\n\n| Task ID | Description | Duration |\n|---|---|---|\n| TASK-28 | Kernel module | 4 hrs |\n\n### Phase 4 (2 tasks)\n\n| Task ID | Description | Duration |\n|---|---|---|\n| TASK-46 | Package role | 2 hrs |\n| TASK-47 | Base role | 6 hrs |\n',
      },
    },
    {
      name: 'a TOTAL row of a time column',
      files: {
        'plan.md':
          '# Plan\n\n| Task ID | Description | Duration |\n|---|---|---|\n| TASK-1 | Build | 2 days |\n| TASK-2 | Test | 3 days |\n| **Total** | | **4 days** |\n',
      },
      errors: [
        {
          messageId: 'mismatch',
          file: 'plan.md',
          line: 7,
          messageIncludes: ['4 days is stated here', 'add up to 5 days'],
        },
      ],
      output: {
        'plan.md':
          '# Plan\n\n| Task ID | Description | Duration |\n|---|---|---|\n| TASK-1 | Build | 2 days |\n| TASK-2 | Test | 3 days |\n| **Total** | | **5 days** |\n',
      },
    },
    {
      name: 'without rounding, 1.5 hrs over 80 minutes is reported',
      files: { 'tracker.md': phase('3 tasks - 1.5 hrs', ['30 min', '20 min', '30 min']) },
      config: { rules: { 'duration-mismatch': ['error', { allowRounding: false }] } },
      errors: [
        {
          messageId: 'mismatch',
          file: 'tracker.md',
          line: 3,
          messageIncludes: ['1.5 hrs is stated here', 'add up to 1.33 hrs'],
        },
      ],
      output: null,
    },
  ],
});
