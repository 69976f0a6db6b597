import { ruleTester } from '../helpers/rule-tester.js';

const header =
  '| Task List | Total Tasks | Completed | In Progress | Pending | Completion % | Status |\n|---|---|---|---|---|---|---|\n';
const rows = [
  '| **HPC Deployment** | 48 | 31 | 0 | 17 | 64% | 🟡 Active |',
  '| **Documentation** | 31 | 31 | 0 | 0 | 100% | ✅ Complete |',
  '| **Test Consolidation** | 15 | 15 | 0 | 0 | 100% | ✅ Complete |',
  '| **MLOps Validation** | 10 | 0 | 0 | 10 | 0% | 🔵 Not Started |',
  '| **Rebranding** | 10 (2 deprecated) | 8 | 0 | 2 | 80% | 🟢 Low Priority |',
  '| **Old Tracker** | 10 | 10 | 0 | 0 | 100% | ✅ Complete |',
].join('\n');

function index(total: string): string {
  return `# Task List Index\n\n## Completion Status Overview\n\n${header}${rows}\n${total}\n`;
}

function breakdown(whole: string, phases: string[]): string {
  return `# Index\n\n### Infrastructure Deployment\n\n- **Status:** ${whole}\n- **Location:** [hpc.md](./hpc.md)\n\n**Key Phases:**\n\n${phases.map((p) => `- ${p}`).join('\n')}\n`;
}

/** A task-list index's "Task Completion Metrics" table. */
const metrics = (total: string, done: string, pending: string, extra = ''): string =>
  `# Task List Index\n\n## Statistics Summary\n\n### Task Completion Metrics\n\n| Metric | Value |\n|--------|-------|\n| Total tasks defined | ${total} |\n| Tasks completed | ${done} |\n| Tasks in progress | 0 (0%) |\n| Tasks pending | ${pending} |\n${extra}| Estimated remaining time | ~23.5 hours + 15 days |\n`;

/** A completion table and the adjusted total written under it. */
const adjusted = (line: string): string =>
  `# Task List Index\n\n## Completion Status Overview\n\n| Task List | Total Tasks | Completed | Pending | Status |\n|-----------|-------------|-----------|---------|--------|\n| **HPC Deployment** | 48 | 31 | 17 | 🟡 Active |\n| **Documentation** | 31 | 31 | 0 | ✅ Complete |\n| **MLOps Validation** | 10 | 0 | 10 | 🔵 Not Started |\n| **Rebranding** | 10 (2 deprecated) | 8 | 2 | 🟢 Low Priority |\n| **TOTAL** | **99** (2 deprecated) | **70** | **29** | 🟡 In Progress |\n\n${line}\n`;

ruleTester('total-mismatch', {
  valid: [
    {
      name: 'a metric table whose status rows add up to its total',
      files: { 'index.md': metrics('124', '95 (77%)', '29 (23%)') },
    },
    {
      name: 'a metric table whose total counts two deprecated tasks the status rows leave out',
      files: { 'index.md': metrics('124 (2 deprecated)', '93 (75%)', '29 (23%)') },
    },
    {
      name: 'a metric table with a "remaining" row beside "pending" counts some tasks twice: no claim',
      files: { 'index.md': metrics('124', '94 (76%)', '29 (23%)', '| Tasks remaining | 29 |\n') },
    },
    {
      name: 'an adjusted total that excludes the complete rows and agrees with the rest',
      files: {
        'index.md': adjusted(
          '**Adjusted Total (excluding completed streams):** 68 tasks (2 deprecated), 39 complete (57%)',
        ),
      },
    },
    {
      name: 'an adjusted total that excludes something the table does not say: no claim',
      files: { 'index.md': adjusted('**Adjusted Total (excluding MLOps):** 58 tasks, 37 complete') },
    },
    {
      name: 'a total far from the table, under another heading, is not about it',
      files: {
        'index.md': adjusted('## Next\n\n**Adjusted Total (excluding completed streams):** 68 tasks, 37 complete'),
      },
    },
    {
      name: 'each column of the TOTAL row is the sum of the rows above it, deprecated ones noted',
      files: {
        'index.md': index(
          '| **TOTAL** | **124** (2 deprecated) | **95** | **0** | **29** | **77%** | 🟡 In Progress |',
        ),
      },
    },
    {
      name: 'a percentage column is not summed (percent-mismatch reads it)',
      files: {
        'index.md':
          '# Index\n\n| List | Tasks | Done % |\n|---|---|---|\n| A | 3 | 66% |\n| B | 5 | 20% |\n| Total | 8 | 38% |\n',
      },
    },
    {
      name: 'a column with a cell that is not a number is left alone',
      files: {
        'index.md':
          '# Index\n\n| List | Tasks | Owner |\n|---|---|---|\n| A | 3 | 2 people |\n| B | — | 1 |\n| Total | 9 | 3 |\n',
      },
    },
    {
      name: 'a heading count over subsections that add up to it',
      files: {
        'index.md':
          '# Index\n\n### 🔴 High Priority - Active Tasks (17 tasks)\n\n#### HPC SLURM Deployment (17 tasks remaining)\n\nText.\n',
      },
    },
    {
      name: 'a heading count over subsections that add up to it without their deprecated tasks',
      files: {
        'index.md':
          '# Index\n\n### Not Started (18 tasks)\n\n#### MLOps Validation (10 tasks)\n\nText.\n\n#### Rebranding (10 tasks, 2 deprecated)\n\nText.\n',
      },
    },
    {
      name: 'a heading count over list items that add up to it',
      files: {
        'index.md':
          '# Index\n\n#### MLOps Validation Tasks (4 tasks)\n\n1. **Category 1: Basic Training (2 tasks)** - 3 days\n2. **Category 2: Distributed Training (2 tasks)** - 4 days\n',
      },
    },
    {
      name: 'a breakdown that names only some phases of the whole',
      files: {
        'index.md': breakdown('64% complete (31/48 tasks)', [
          '✅ Phase 3: Enhancements (3/3 complete)',
          '🟡 Phase 4: Consolidation (18/22 complete)',
        ]),
      },
    },
    {
      name: 'an archived index describes the past',
      files: { 'archive/index.md': index('| **TOTAL** | **124** | **94** | **0** | **29** | **76%** | done |') },
    },
    {
      name: 'a TOTAL row in a code block is an example, not a claim',
      files: { 'index.md': '# Index\n\n```markdown\n| List | Tasks |\n|---|---|\n| A | 3 |\n| Total | 4 |\n```\n' },
    },
    {
      name: 'a template with placeholder numbers',
      files: { 'index-template.md': '# Index\n\n| List | Tasks |\n|---|---|\n| List A | 0 |\n| **TOTAL** | 10 |\n' },
    },
  ],
  invalid: [
    {
      name: 'a metric table whose status rows add up to 123, not 124 (the seeds, line 445)',
      files: { 'index.md': metrics('124 (2 deprecated)', '94 (76%)', '29 (23%)') },
      errors: [
        {
          messageId: 'rows',
          file: 'index.md',
          line: 9,
          messageIncludes: [
            '"Total tasks defined: 124 (2 deprecated)" is stated here, but the rows that break "Total tasks defined" down by status add up to 123 (94 + 0 + 29, lines 10-12)',
          ],
          related: [
            { file: 'index.md', line: 10 },
            { file: 'index.md', line: 11 },
            { file: 'index.md', line: 12 },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'an adjusted total whose done figure is not that of the rows it keeps (the seeds, line 124)',
      files: {
        'index.md': adjusted(
          '**Adjusted Total (excluding completed streams):** 68 tasks (2 deprecated), 37 complete (54%)',
        ),
      },
      errors: [
        {
          messageId: 'rows',
          file: 'index.md',
          line: 13,
          messageIncludes: [
            '"37 complete" is stated here, but the Completed cells of the 3 rows of the table above that are not complete add up to 39 (31 + 0 + 8, lines 7-10)',
          ],
          related: [
            { file: 'index.md', line: 7 },
            { file: 'index.md', line: 9 },
            { file: 'index.md', line: 10 },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'the Completed column adds up to 95 under a TOTAL of 94',
      files: {
        'index.md': index(
          '| **TOTAL** | **124** (2 deprecated) | **94** | **0** | **29** | **76%** | 🟡 In Progress |',
        ),
      },
      errors: [
        {
          messageId: 'column',
          file: 'index.md',
          line: 13,
          column: 38,
          messageIncludes: ['TOTAL Completed is 94', 'add up to 95 (31 + 31 + 15 + 0 + 8 + 10, lines 7-12)'],
          related: [
            { file: 'index.md', line: 7 },
            { file: 'index.md', line: 12 },
          ],
        },
      ],
      output: {
        'index.md': index(
          '| **TOTAL** | **124** (2 deprecated) | **95** | **0** | **29** | **76%** | 🟡 In Progress |',
        ),
      },
    },
    {
      name: 'a second TOTAL row sums only the rows after the first',
      files: {
        'plan.md':
          '# Plan\n\n| Stream | Tasks |\n|---|---|\n| A | 3 |\n| B | 4 |\n| Total | 7 |\n| C | 2 |\n| D | 2 |\n| Total | 5 |\n',
      },
      errors: [
        {
          messageId: 'column',
          file: 'plan.md',
          line: 10,
          messageIncludes: ['TOTAL Tasks is 5', 'the 2 rows above add up to 4'],
        },
      ],
      output: {
        'plan.md':
          '# Plan\n\n| Stream | Tasks |\n|---|---|\n| A | 3 |\n| B | 4 |\n| Total | 7 |\n| C | 2 |\n| D | 2 |\n| Total | 4 |\n',
      },
    },
    {
      name: 'a heading count over subsections that count fewer',
      files: {
        'index.md':
          '# Index\n\n### 🔵 Not Started - Planning Phase (22 tasks)\n\n#### MLOps Validation Tasks (10 tasks)\n\nText.\n\n#### Remove Pharos References (10 tasks, 2 deprecated)\n\nText.\n',
      },
      errors: [
        {
          messageId: 'sections',
          file: 'index.md',
          line: 3,
          messageIncludes: ['"22 tasks"', 'count 20 (10 + 10)'],
          related: [
            { file: 'index.md', line: 5 },
            { file: 'index.md', line: 9 },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'a heading count over list items that count fewer',
      files: {
        'index.md':
          '# Index\n\n#### MLOps Validation Tasks (10 tasks)\n\n1. **Category 1: Basic Training (2 tasks)** - 3 days\n2. **Category 2: Distributed Training (2 tasks)** - 4 days\n3. **Category 3: Inference (2 tasks)** - 3 days\n',
      },
      errors: [{ messageId: 'items', file: 'index.md', line: 3, messageIncludes: ['count 6 (2 + 2 + 2, lines 5-7)'] }],
      output: {
        'index.md':
          '# Index\n\n#### MLOps Validation Tasks (6 tasks)\n\n1. **Category 1: Basic Training (2 tasks)** - 3 days\n2. **Category 2: Distributed Training (2 tasks)** - 4 days\n3. **Category 3: Inference (2 tasks)** - 3 days\n',
      },
    },
    {
      name: 'phases that add up to more than the whole beside them',
      files: {
        'index.md': breakdown('64% complete (31/48 tasks)', [
          '✅ Phase 0: Setup (6/6 complete)',
          '✅ Phase 1: Core (12/12 complete)',
          '✅ Phase 2: Containers (8/8 complete)',
          '✅ Phase 3: Enhancements (3/3 complete)',
          '🟡 Phase 4: Consolidation (18/22 complete)',
          '🔵 Phase 6: Validation (0/4 complete)',
        ]),
      },
      errors: [
        {
          messageId: 'fractions',
          file: 'index.md',
          line: 5,
          messageIncludes: ['"31/48 tasks"', 'adds up to 47/55 (6/6 + 12/12 + 8/8 + 3/3 + 18/22 + 0/4, lines 10-15)'],
          related: [10, 11, 12, 13, 14, 15].map((line) => ({ file: 'index.md', line })),
        },
      ],
    },
  ],
});
