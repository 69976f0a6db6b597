import { ruleTester } from '../helpers/rule-tester.js';

/** A phase whose heading counts `stated` tasks over `rows` table rows. */
function phase(stated: string, rows: number, extra = ''): string {
  const body = Array.from({ length: rows }, (_, i) => `| TASK-${40 + i} | Task number ${i + 1} | HIGH | 2 hrs |`).join(
    '\n',
  );
  return `# Tracker\n\n### Phase 4: Consolidation (${stated})\n\n| Task ID | Description | Priority | Duration |\n|---------|-------------|----------|----------|\n${body}\n${extra}`;
}

ruleTester('count-mismatch', {
  valid: [
    { name: 'the heading counts the rows of the table under it', files: { 'tracker.md': phase('4 tasks', 4) } },
    {
      name: 'a count with its duration: "(3 tasks - 1.5 hrs)"',
      files: { 'tracker.md': phase('3 tasks - 1.5 hrs', 3) },
    },
    {
      name: 'a "Changes:" list below the table is not what the heading counts',
      files: {
        'tracker.md': phase(
          '2 tasks',
          2,
          '\n**Changes:**\n\n- Rename the role\n- Drop the old package list\n- Update the docs\n- Bump the version\n',
        ),
      },
    },
    {
      name: 'a heading that counts days, not tasks',
      files: { 'tracker.md': phase('3 days', 1) },
    },
    {
      name: 'a heading that counts phases, not tasks',
      files: { 'tracker.md': phase('2 phases', 5) },
    },
    {
      name: 'deprecated rows may be counted: "(10 tasks, 2 deprecated)" over ten rows',
      files: {
        'index.md': `# Index\n\n#### Rebranding (10 tasks, 2 deprecated)\n\n| Task ID | Description | Status |\n|---|---|---|\n${Array.from({ length: 8 }, (_, i) => `| TASK-${i + 1} | Rename part ${i + 1} | ✅ Complete |`).join('\n')}\n| ~~TASK-9~~ | Rename the wiki | DEPRECATED |\n| ~~TASK-10~~ | Rename the chat | DEPRECATED |\n`,
      },
    },
    {
      name: 'deprecated rows may be left out: "(8 tasks)" over ten rows, two deprecated',
      files: {
        'index.md': `# Index\n\n#### Rebranding (8 tasks)\n\n| Task ID | Description | Status |\n|---|---|---|\n${Array.from({ length: 8 }, (_, i) => `| TASK-${i + 1} | Rename part ${i + 1} | Pending |`).join('\n')}\n| TASK-9 | Rename the wiki | SUPERSEDED |\n| TASK-10 | Rename the chat | DEPRECATED |\n`,
      },
    },
    {
      name: '"17 tasks remaining" over twenty rows of which seventeen are open',
      files: {
        'index.md': `# Index\n\n#### HPC Deployment (17 tasks remaining)\n\n| Task ID | Description | Status |\n|---|---|---|\n${Array.from({ length: 20 }, (_, i) => `| TASK-${i + 1} | Step ${i + 1} | ${i < 3 ? '✅ Complete' : 'Pending'} |`).join('\n')}\n`,
      },
    },
    {
      name: 'a subtask listed under its task may be left out of the count',
      files: {
        'tracker.md':
          '# Tracker\n\n### Phase 4 (3 tasks)\n\n| Task ID | Description |\n|---|---|\n| TASK-46 | Package role |\n| TASK-46.1 | Wire it into the roles |\n| TASK-47 | Base role |\n| TASK-48 | Utilities role |\n',
      },
    },
    {
      name: 'an archived tracker describes the past',
      files: { 'archive/tracker.md': phase('6 tasks', 4) },
    },
    {
      name: 'a file named .archived describes the past',
      files: { 'tracker.archived.md': phase('6 tasks', 4) },
    },
    {
      name: 'a template holds placeholder rows',
      files: {
        'phase-template.md':
          '# Phase N: Name\n\n### Phase N: Name (3 tasks)\n\n| Task ID | Description | Duration |\n|---|---|---|\n| TASK-000 | Example task | 1 hr |\n',
      },
    },
    {
      name: 'a table in a code block is not the list the heading counts',
      files: {
        'tracker.md':
          '# Tracker\n\n### Phase 4 (2 tasks)\n\n```markdown\n| Task ID | Description |\n|---|---|\n| TASK-1 | One |\n| TASK-2 | Two |\n| TASK-3 | Three |\n```\n',
      },
    },
    {
      name: 'IDs and arrows in a code block under the table are not counted',
      files: { 'tracker.md': phase('3 tasks', 3, '\n```text\nTASK-40 → TASK-41 → TASK-42 → TASK-43 → TASK-44\n```\n') },
    },
    {
      name: 'a ✅-decorated criteria list is not a task list',
      files: {
        'tracker.md':
          '# Tracker\n\n### Phase 6: Validation (3 tasks)\n\n**Validation Criteria:**\n\n- ✅ TASK-40 registry reachable from all nodes\n- ✅ TASK-41 throughput above 1 GB/s\n',
      },
    },
    {
      name: 'a count with nothing listed under it claims nothing',
      files: {
        'tracker.md':
          '# Tracker\n\n### Next Sprint\n\n3. **HPC Phase 4** - Complete role consolidation (3 tasks, 6.5 hrs)\n\n### Phase 9 (12 tasks)\n\nNot planned yet.\n',
      },
    },
    {
      name: 'a list item whose nested list has as many tasks as it says',
      files: {
        'index.md':
          '# Index\n\n1. **Category 1: Basic Training (2 tasks)** - 3 days\n   - MLOPS-1.1: Single GPU training\n   - MLOPS-1.2: Fine-tuning\n',
      },
    },
    {
      name: 'a fraction and the tasks it leaves agree, deprecated ones aside',
      files: {
        'index.md':
          '# Index\n\n- Phase 4: Consolidation (18/22 complete) - 4 tasks remaining\n\n## Rebranding\n\n**Status:** 8 of 10 tasks complete (2 deprecated)\n\n**Remaining:** 0 tasks\n',
      },
    },
    {
      name: 'as many workstreams as "Workstream N" sections',
      files: {
        'tracker.md':
          '# Active Work\n\n**Active Tasks:** 12 tasks across 2 workstreams\n\n## Workstream 1: Storage\n\nText.\n\n## Workstream 2: Compute\n\nText.\n',
      },
    },
    {
      name: 'a count of the whole over a table that previews its next few ("17 tasks remaining", "The next three:")',
      files: {
        'tracker.md':
          '# Tracker\n\n## HPC Deployment (17 tasks remaining)\n\nThe next three to pick up:\n\n| Task ID | Description | Status |\n|---|---|---|\n| TASK-1 | Mount volumes | Pending |\n| TASK-2 | Tune scheduler | Pending |\n| TASK-3 | Add GPU nodes | Pending |\n',
      },
    },
    {
      name: 'a plan-wide count over the list of the tasks that changed',
      files: {
        'plan.md':
          '# Release 2.0 (20 tasks)\n\nTasks changed since the last review:\n\n- TASK-11: reworded\n- TASK-12: split in two\n',
      },
    },
  ],
  invalid: [
    {
      name: 'a count over a table introduced as all of it',
      files: {
        'tracker.md':
          '# Tracker\n\n## HPC Deployment (17 tasks remaining)\n\nThe remaining tasks:\n\n| Task ID | Description | Status |\n|---|---|---|\n| TASK-1 | Mount volumes | Pending |\n| TASK-2 | Tune scheduler | Pending |\n| TASK-3 | Add GPU nodes | Pending |\n',
      },
      errors: [{ messageId: 'table', file: 'tracker.md', line: 3, messageIncludes: ['17 tasks remaining'] }],
    },
    {
      name: 'a heading says six tasks over a table of four',
      files: { 'tracker.md': phase('6 tasks', 4) },
      errors: [
        {
          messageId: 'table',
          file: 'tracker.md',
          line: 3,
          column: 29,
          messageIncludes: ['"6 tasks"', 'lists 4 tasks (lines 7-10)'],
          related: [
            { file: 'tracker.md', line: 7 },
            { file: 'tracker.md', line: 10 },
          ],
        },
      ],
      output: { 'tracker.md': phase('4 tasks', 4) },
    },
    {
      name: 'a heading says four tasks over a table of five, with a list after it',
      files: { 'tracker.md': phase('4 tasks', 5, '\n**Validation Criteria:**\n\n- ✅ Registry reachable\n') },
      errors: [
        {
          messageId: 'table',
          file: 'tracker.md',
          line: 3,
          messageIncludes: ['lists 5 tasks'],
          related: [
            { file: 'tracker.md', line: 7 },
            { file: 'tracker.md', line: 11 },
          ],
        },
      ],
    },
    {
      name: '"17 tasks remaining" over a table of eleven open tasks',
      files: {
        'index.md': `# Index\n\n### Active Tasks\n\n#### HPC SLURM Deployment (17 tasks remaining)\n\n**Current Focus:** Phase 4, then Phase 6.\n\n| Task ID | Description | Status |\n|---|---|---|\n${Array.from({ length: 11 }, (_, i) => `| TASK-${i + 35} | Step ${i + 1} | Pending |`).join('\n')}\n`,
      },
      errors: [
        {
          messageId: 'table',
          file: 'index.md',
          line: 5,
          messageIncludes: ['"17 tasks remaining"', 'lists 11 tasks (lines 11-21)'],
          related: [
            { file: 'index.md', line: 11 },
            { file: 'index.md', line: 21 },
          ],
        },
      ],
      output: null,
    },
    {
      name: '"N tasks remaining" over a table where fewer are open',
      files: {
        'index.md': `# Index\n\n#### Storage (3 tasks remaining)\n\n| Task ID | Description | Status |\n|---|---|---|\n${Array.from({ length: 5 }, (_, i) => `| TASK-${i + 1} | Step ${i + 1} | ${i < 3 ? '✅ Done' : 'Pending'} |`).join('\n')}\n`,
      },
      errors: [
        { messageId: 'remainingTable', file: 'index.md', line: 3, messageIncludes: ['lists 5 tasks, 2 of them open'] },
      ],
      output: null,
    },
    {
      name: '"(18/22 complete) - 3 tasks remaining": 22 - 18 is 4',
      files: {
        'index.md':
          '# Index\n\n**Key Phases:**\n\n- ✅ Phase 3: Enhancements (3/3 complete)\n- 🟡 Phase 4: Infrastructure Consolidation (18/22 complete) - 3 tasks remaining\n',
      },
      errors: [
        {
          messageId: 'remaining',
          file: 'index.md',
          line: 6,
          messageIncludes: ['"3 tasks remaining"', '18 of 22 complete leaves 4 tasks'],
        },
      ],
      output: {
        'index.md':
          '# Index\n\n**Key Phases:**\n\n- ✅ Phase 3: Enhancements (3/3 complete)\n- 🟡 Phase 4: Infrastructure Consolidation (18/22 complete) - 4 tasks remaining\n',
      },
    },
    {
      name: 'a status line and a remaining line that disagree',
      files: {
        'tracker.md':
          '# Tracker\n\n## Workstream 1: HPC\n\n**Status:** 60% Complete (29/48 tasks)  \n**Remaining:** 17 tasks  \n**Estimated Time:** 31.5 hours\n',
      },
      errors: [
        { messageId: 'remaining', file: 'tracker.md', line: 6, messageIncludes: ['29 of 48 complete leaves 19 tasks'] },
      ],
      output: {
        'tracker.md':
          '# Tracker\n\n## Workstream 1: HPC\n\n**Status:** 60% Complete (29/48 tasks)  \n**Remaining:** 19 tasks  \n**Estimated Time:** 31.5 hours\n',
      },
    },
    {
      name: '"31 tasks across 2 workstreams" in a document with three',
      files: {
        'tracker.md':
          '# Active Workstreams\n\n**Active Tasks:** 31 tasks across 2 workstreams\n\n## Workstream 1: HPC\n\nText.\n\n## Workstream 2: Rebranding\n\nText.\n\n## Workstream 3: MLOps Validation (Future)\n\nText.\n',
      },
      errors: [
        {
          messageId: 'workstreams',
          file: 'tracker.md',
          line: 3,
          messageIncludes: ['"2 workstreams"', '3 workstream sections (line 5, line 9, line 13)'],
          related: [
            { file: 'tracker.md', line: 5 },
            { file: 'tracker.md', line: 9 },
            { file: 'tracker.md', line: 13 },
          ],
        },
      ],
      output: {
        'tracker.md':
          '# Active Workstreams\n\n**Active Tasks:** 31 tasks across 3 workstreams\n\n## Workstream 1: HPC\n\nText.\n\n## Workstream 2: Rebranding\n\nText.\n\n## Workstream 3: MLOps Validation (Future)\n\nText.\n',
      },
    },
    {
      name: 'a list item says three tasks over a nested list of two',
      files: {
        'index.md':
          '# Index\n\n1. **Category 2: Distributed Training (3 tasks)** - 4 days\n   - MLOPS-2.1: Data parallel training\n   - MLOPS-2.2: LLM training\n',
      },
      errors: [
        {
          messageId: 'list',
          file: 'index.md',
          line: 3,
          messageIncludes: ['"3 tasks"', 'has 2 tasks (lines 4-5)'],
          related: [
            { file: 'index.md', line: 4 },
            { file: 'index.md', line: 5 },
          ],
        },
      ],
    },
    {
      name: 'a label over the list it counts',
      files: { 'plan.md': '# Plan\n\n**Blocked work (3 tasks):**\n\n- TASK-7: Storage driver\n- TASK-9: Benchmarks\n' },
      errors: [{ messageId: 'list', file: 'plan.md', line: 3, messageIncludes: ['has 2 tasks'] }],
    },
    {
      name: 'mojibake in the heading does not hide the count',
      files: {
        'tracker.md': Buffer.from(phase('6 tasks', 4).replace('### Phase 4', '### \u00e2\u0153\u2026 Phase 4'), 'utf8'),
      },
      errors: [{ messageId: 'table', file: 'tracker.md', line: 3, messageIncludes: ['lists 4 tasks'] }],
    },
  ],
});
