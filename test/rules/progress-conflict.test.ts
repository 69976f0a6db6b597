import { afterAll, describe, expect, it } from 'vitest';
import { fixFolder, resolveFix } from '../../src/fix.js';
import { lint } from '../../src/lint.js';
import { lintWithRule, removeFolders, ruleTester, writeFolder } from '../helpers/rule-tester.js';

function tracker(
  status: string,
  reference = './hpc-slurm-task-list.md',
  heading = 'Workstream 1: HPC Infrastructure Completion',
): string {
  return `# Active Workstreams\n\n## ${heading}\n\n**Status:** ${status}\n\n**Reference:** [\`${reference.replace('./', '')}\`](${reference})\n`;
}

const indexTable = (rows: string[]): string =>
  `# Task List Index\n\n## Completion Status Overview\n\n| Task List | Total Tasks | Completed | In Progress | Pending |\n|---|---|---|---|---|\n${rows.join('\n')}\n`;

/** A completion table with only total and completed counts. */
const COMPLETED_ONLY = (row: string): string =>
  `# Task List Index\n\n## Completion Status Overview\n\n| Task List | Total Tasks | Completed |\n|---|---|---|\n${row}\n`;

/** A task list with `done` of `total` tasks marked complete in its table. */
function taskList(title: string, status: string, done: number, total: number, prefix = 'ORB'): string {
  const rows = Array.from(
    { length: total },
    (_, i) => `| ${prefix}-${i + 1} | Step ${i + 1} | ${i < done ? '✅ Complete' : 'Pending'} |`,
  ).join('\n');
  return `# ${title}\n\n**Status:** ${status}\n\n| Task ID | Description | Status |\n|---|---|---|\n${rows}\n`;
}

ruleTester('progress-conflict', {
  valid: [
    {
      name: 'the tracker and the index agree on the linked task list',
      files: {
        'tracker.md': tracker('64% Complete (31/48 tasks)'),
        'index.md': indexTable(['| [HPC SLURM Deployment](./hpc-slurm-task-list.md) | 48 | 31 | 0 | 17 |']),
      },
    },
    {
      name: 'a rounded or truncated percentage is not a different progress',
      files: {
        'tracker.md': tracker('65% Complete (31/48 tasks)'),
        'index.md':
          '# Index\n\n### Infrastructure Deployment\n\n- **Status:** 64% complete (31/48 tasks)\n- **Location:** [`hpc-slurm-task-list.md`](./hpc-slurm-task-list.md)\n',
      },
    },
    {
      name: 'a total with or without its deprecated tasks',
      files: {
        'tracker.md': tracker(
          '100% Complete (8/8 tasks)',
          './remove-pharos-references-task-list.md',
          'Workstream 2: Rebranding',
        ),
        'index.md': indexTable([
          '| [Remove Pharos References](./remove-pharos-references-task-list.md) | 10 (2 deprecated) | 8 | 0 | 0 |',
        ]),
      },
    },
    {
      name: 'an archived tracker describes the past',
      files: {
        'archive/active-workstreams.md': tracker('40% Complete (20/48 tasks)'),
        'index.md': indexTable(['| [HPC SLURM Deployment](./hpc-slurm-task-list.md) | 48 | 31 | 0 | 17 |']),
      },
    },
    {
      name: 'a template holds placeholder progress',
      files: {
        'workstream-template.md': tracker('0% Complete (0/48 tasks)'),
        'tracker.md': tracker('64% Complete (31/48 tasks)'),
      },
    },
    {
      name: 'a fraction in a code block is an example',
      files: {
        'tracker.md': tracker('64% Complete (31/48 tasks)'),
        'howto.md':
          '# How to report\n\n## Workstream 1: HPC Infrastructure Completion\n\n```markdown\n**Status:** 10% Complete (5/48 tasks)\n```\n\n**Reference:** [`hpc-slurm-task-list.md`](./hpc-slurm-task-list.md)\n',
      },
    },
    {
      name: 'reworded titles with no link in common are different subjects',
      files: {
        'tracker.md': '# Tracker\n\n## Storage Benchmarks\n\n**Status:** 2/6 tasks complete\n',
        'index.md': indexTable(['| Storage Migration | 6 | 4 | 0 | 2 |']),
      },
    },
    {
      name: 'a name that two places link to different task lists is ambiguous',
      files: {
        'a.md': '# A\n\n## Backend\n\n**Status:** 3/10 tasks complete\n\n**Reference:** [api.md](./api.md)\n',
        'b.md': '# B\n\n## Backend\n\n**Status:** 7/10 tasks complete\n\n**Reference:** [db.md](./db.md)\n',
      },
    },
    {
      name: 'numbered phases of different lists are not one subject',
      files: {
        'storage.md': '# Storage\n\n- ✅ Phase 1 (6/6 complete)\n',
        'compute.md': '# Compute\n\n- 🟡 Phase 1 (2/6 complete)\n',
      },
    },
    {
      name: 'the task list agrees with what its index says',
      files: {
        'phase-1-storage.md': taskList('Phase 1: Storage', '4 of 6 tasks complete', 4, 6),
        'index.md': '# Index\n\n- **Storage:** [phase-1-storage.md](./phase-1-storage.md) - 4 of 6 done\n',
      },
    },
    {
      name: 'an index that counts a different whole than the tables it holds',
      files: {
        'index.md': `# Index\n\n**Overall Progress:** 76% complete (94/124 tasks)\n\n### Active Tasks\n\n| Task ID | Description | Status |\n|---|---|---|\n| TASK-35 | Runtime framework | Pending |\n| TASK-36 | Packer tests | Pending |\n`,
      },
    },
    {
      name: 'without an alias, differently named subjects with no link in common are not compared',
      files: {
        'tracker.md':
          '# Tracker\n\n## Workstream 1: HPC Infrastructure Completion\n\n**Status:** 60% Complete (29/48 tasks)\n',
        'index.md': indexTable(['| HPC SLURM Deployment | 48 | 31 | 0 | 17 |']),
      },
    },
    {
      name: 'tasks counted for something other than progress',
      files: {
        'tracker.md': tracker('64% Complete (31/48 tasks)'),
        'review.md':
          '# Review\n\n## HPC\n\n2 of 48 tasks need a second reviewer.\n\n**Reference:** [hpc](./hpc-slurm-task-list.md)\n',
      },
    },
    {
      name: 'a "See also:" link to the index does not make the index the subject',
      files: {
        'README.md': '# Index\n\n**Overall Progress:** 64% complete (31/48 tasks)\n',
        'phase-2.md':
          '# Tracker\n\n## Phase 2: Compute\n\n**Status:** 20% complete (1/5 tasks)\n\n**See also:** [the index](./README.md)\n',
      },
    },
    {
      name: 'dates are not fractions',
      files: {
        'tracker.md': tracker('64% Complete (31/48 tasks)'),
        'index.md':
          '# Index\n\n## HPC\n\nReviewed 10/30 and 11/04.\n\n**Reference:** [hpc](./hpc-slurm-task-list.md)\n',
      },
    },
    {
      name: 'labels that name a state, not a subject ("Completed Phases", a bold "NEW")',
      files: {
        'index.md': '# Index\n\n## Completed Phases\n\nProgress: 3/3 tasks complete\n\n**NEW**: 2/6 tasks complete\n',
        'report.md':
          '# Report\n\n## Completed Phases\n\nProgress: 23/23 tasks complete\n\n**NEW**: 5/6 tasks complete\n',
      },
    },
  ],
  invalid: [
    {
      name: 'the tracker says 29/48 where the index row for the same linked list says 31/48',
      files: {
        'tracker.md': tracker('60% Complete (29/48 tasks)'),
        'index.md': indexTable([
          '| [HPC SLURM Deployment](./hpc-slurm-task-list.md) | 48 | 31 | 0 | 17 |',
          '| Documentation | 31 | 31 | 0 | 0 |',
        ]),
      },
      errors: [
        {
          messageId: 'conflict',
          file: 'tracker.md',
          line: 5,
          column: 27,
          messageIncludes: [
            '"Workstream 1: HPC Infrastructure Completion" is 29/48 here but 31/48 at index.md:7 ("HPC SLURM Deployment")',
          ],
          related: [{ file: 'index.md', line: 7 }],
        },
      ],
    },
    {
      name: 'the majority of places outvotes the odd one out, across sections linking the same list',
      files: {
        'tracker.md': tracker('60% Complete (29/48 tasks)'),
        'index.md':
          '# Index\n\n### In Progress\n\n| Task List | Progress | Next |\n|---|---|---|\n| HPC SLURM Deployment | 64% (31/48) | Phase 4 |\n\n#### HPC SLURM Deployment (17 tasks remaining)\n\n**Reference:** [`hpc-slurm-task-list.md`](./hpc-slurm-task-list.md)\n\n### Infrastructure Deployment\n\n- **Status:** 64% complete (31/48 tasks)\n- **Location:** [`hpc-slurm-task-list.md`](./hpc-slurm-task-list.md)\n',
      },
      errors: [
        {
          messageId: 'conflict',
          file: 'tracker.md',
          line: 5,
          messageIncludes: ['29/48 here but 31/48 at index.md:7', 'and 1 more place'],
          related: [{ file: 'index.md', line: 7 }],
        },
      ],
    },
    {
      name: '0/12 against 8/10 with 2 deprecated',
      files: {
        'tracker.md': tracker(
          '0% Complete (0/12 tasks)',
          './remove-pharos-references-task-list.md',
          'Workstream 2: Code Quality & Rebranding',
        ),
        'index.md':
          '# Index\n\n#### Remove Pharos References (10 tasks, 2 deprecated)\n\n**Completion:** 8 of 10 tasks complete (2 deprecated)\n\n**Reference:** [`remove-pharos-references-task-list.md`](./remove-pharos-references-task-list.md)\n',
      },
      errors: [
        {
          messageId: 'conflict',
          file: 'tracker.md',
          line: 5,
          messageIncludes: ['is 0/12 here but 8/10 (2 deprecated) at index.md:5 ("Remove Pharos References")'],
          related: [{ file: 'index.md', line: 5 }],
        },
      ],
    },
    {
      name: 'the same name once "Workstream N:", "(Future)" and "Tasks" are set aside',
      files: {
        'tracker.md':
          '# Tracker\n\n## Workstream 3: MLOps Validation (Future)\n\n**Status:** 20% Complete (2/10 tasks)\n',
        'index.md': indexTable([
          '| **MLOps Validation** | 10 | 0 | 0 | 10 |',
          '| **Documentation** | 31 | 31 | 0 | 0 |',
          '| **Tests** | 15 | 15 | 0 | 0 |',
        ]),
      },
      errors: [
        {
          messageId: 'conflict',
          file: 'tracker.md',
          line: 5,
          messageIncludes: [
            '"Workstream 3: MLOps Validation" is 2/10 here but 0/10 at index.md:7 ("MLOps Validation")',
          ],
          related: [{ file: 'index.md', line: 7 }],
        },
      ],
    },
    {
      name: 'subjects named differently but made one by config aliases',
      files: {
        'tracker.md':
          '# Tracker\n\n## Workstream 1: HPC Infrastructure Completion\n\n**Status:** 60% Complete (29/48 tasks)\n',
        'index.md': indexTable(['| HPC SLURM Deployment | 48 | 31 | 0 | 17 |']),
      },
      config: { aliases: { 'HPC SLURM Deployment': ['HPC Infrastructure Completion'] } },
      errors: [
        {
          messageId: 'conflict',
          file: 'tracker.md',
          line: 5,
          messageIncludes: ['29/48 here but 31/48 at index.md:7'],
          related: [{ file: 'index.md', line: 7 }],
        },
      ],
    },
    {
      name: 'a config alias that names the task list file',
      files: {
        'tracker.md':
          '# Tracker\n\n## Workstream 1: HPC Infrastructure Completion\n\n**Status:** 60% Complete (29/48 tasks)\n',
        'index.md':
          '# Index\n\n## HPC\n\n**Status:** 31/48 tasks complete\n\n**Reference:** [list](./plans/hpc-slurm-task-list.md)\n',
      },
      config: { aliases: { 'HPC Infrastructure Completion': ['hpc-slurm-task-list.md'] } },
      errors: [
        {
          messageId: 'conflict',
          file: 'tracker.md',
          line: 5,
          messageIncludes: ['29/48 here but 31/48 at index.md:5 ("HPC")'],
          related: [{ file: 'index.md', line: 5 }],
        },
      ],
    },
    {
      name: 'a status line against the task table right under it',
      files: { 'phase-1-storage.md': taskList('Phase 1: Storage', '4 of 6 tasks complete', 5, 6) },
      errors: [
        {
          messageId: 'counted',
          file: 'phase-1-storage.md',
          line: 3,
          messageIncludes: [
            '"Phase 1: Storage" is 4/6 here, but its task list (lines 7-12) marks 5 of its 6 tasks done',
          ],
          related: [{ file: 'phase-1-storage.md', line: 7 }],
        },
      ],
      output: { 'phase-1-storage.md': taskList('Phase 1: Storage', '5 of 6 tasks complete', 5, 6) },
    },
    {
      name: 'an index row against the task list it links to',
      files: {
        'phase-2-compute.md': taskList('Phase 2: Compute', 'see the table', 2, 5),
        'index.md': indexTable(['| [Compute](./phase-2-compute.md) | 5 | 1 | 1 | 3 |']),
      },
      errors: [
        {
          messageId: 'counted',
          file: 'index.md',
          line: 7,
          messageIncludes: ['is 1/5 here, but its task list phase-2-compute.md:7 marks 2 of its 5 tasks done'],
          related: [{ file: 'phase-2-compute.md', line: 7 }],
        },
      ],
      // The In Progress and Pending cells count from the same tasks: moving one number breaks the row.
      output: null,
    },
    {
      name: 'an index row with only its total and completed counts, linked to its list',
      files: {
        'phase-2-compute.md': taskList('Phase 2: Compute', 'see the table', 2, 5),
        'index.md': COMPLETED_ONLY('| [Compute](./phase-2-compute.md) | 5 | 1 |'),
      },
      errors: [{ messageId: 'counted', file: 'index.md', line: 7 }],
      output: { 'index.md': COMPLETED_ONLY('| [Compute](./phase-2-compute.md) | 5 | 2 |') },
    },
    {
      name: 'a tracker line bound by its Reference: link, with the percentage written beside it',
      files: {
        'tracker.md': tracker('60% Complete (29/48 tasks)'),
        'hpc-slurm-task-list.md': taskList('HPC SLURM Deployment', 'see the table', 31, 48),
      },
      errors: [
        {
          messageId: 'counted',
          file: 'tracker.md',
          line: 5,
          messageIncludes: ['is 29/48 here, but its task list hpc-slurm-task-list.md:7 marks 31 of its 48 tasks done'],
        },
      ],
      output: { 'tracker.md': tracker('65% Complete (31/48 tasks)') },
    },
    {
      name: 'the percentage keeps the precision it was written in, before or after the fraction',
      files: {
        'tracker.md':
          '# Tracker\n\n- **Storage:** [list](./storage.md) 66.7% (4 of 6 tasks)\n- **Compute:** [list](./compute.md) 1/5 (20%)\n',
        'storage.md': taskList('Storage', 'see the table', 5, 6),
        'compute.md': taskList('Compute', 'see the table', 2, 5),
      },
      errors: [
        { messageId: 'counted', file: 'tracker.md', line: 3 },
        { messageId: 'counted', file: 'tracker.md', line: 4 },
      ],
      output: {
        'tracker.md':
          '# Tracker\n\n- **Storage:** [list](./storage.md) 83.3% (5 of 6 tasks)\n- **Compute:** [list](./compute.md) 2/5 (40%)\n',
      },
    },
    {
      name: 'a figure bound by name alone is offered as a suggestion, never fixed',
      files: {
        'tracker.md': '# Tracker\n\n## Storage\n\n**Status:** 4 of 6 tasks complete\n',
        'index.md': '# Index\n\n- **Storage:** [phase-1-storage.md](./phase-1-storage.md) - 4 of 6 done\n',
        'phase-1-storage.md': taskList('Storage', '5 of 6 tasks complete', 5, 6),
      },
      errors: [
        {
          messageId: 'counted',
          file: 'index.md',
          line: 3,
          messageIncludes: ['1 more place also says 4/6'],
          related: [
            { file: 'phase-1-storage.md', line: 7 },
            { file: 'tracker.md', line: 5 },
          ],
        },
      ],
      // The linked place is fixed; the one that only shares the name is left to a person.
      output: { 'index.md': '# Index\n\n- **Storage:** [phase-1-storage.md](./phase-1-storage.md) - 5 of 6 done\n' },
    },
    {
      name: 'no fix where a number beside the figure may be derived from it',
      files: {
        'tracker.md':
          '# Tracker\n\n- **Storage:** [list](./storage.md) (4/6 complete) - 2 tasks remaining\n- **Compute:** [list](./compute.md) 1 of 5 tasks complete, 3 blocked\n- **Network:** [list](./network.md) 1 of 5 tasks complete (2% of the budget)\n\n## Docs (1/4 complete)\n\n**Reference:** [list](./docs.md)\n',
        'storage.md': taskList('Storage', 'see the table', 5, 6),
        'compute.md': taskList('Compute', 'see the table', 2, 5),
        'network.md': taskList('Network', 'see the table', 2, 5),
        'docs.md': taskList('Docs', 'see the table', 2, 4),
      },
      errors: [
        { messageId: 'counted', file: 'tracker.md', line: 3 },
        { messageId: 'counted', file: 'tracker.md', line: 4 },
        { messageId: 'counted', file: 'tracker.md', line: 5 },
        // A heading's words are its anchor too: links may name it.
        { messageId: 'counted', file: 'tracker.md', line: 7 },
      ],
      output: null,
    },
    {
      name: 'no fix where the whole differs too (another count of deprecated tasks)',
      files: {
        'tracker.md': '# Tracker\n\n- **Cleanup:** [list](./cleanup.md) 3 of 6 tasks complete (1 deprecated)\n',
        'cleanup.md': taskList('Cleanup', 'see the table', 4, 6),
      },
      errors: [{ messageId: 'counted', file: 'tracker.md', line: 3 }],
      output: null,
    },
  ],
});

describe('progress-conflict: suggestions', () => {
  afterAll(removeFolders);

  it('offers a figure bound by name alone the count of its list, to choose', async () => {
    const files = {
      'tracker.md': '# Tracker\n\n## Storage\n\n**Status:** 60% Complete (4/6 tasks)\n',
      'index.md': '# Index\n\n- **Storage:** [phase-1-storage.md](./phase-1-storage.md) - 5 of 6 done\n',
      'phase-1-storage.md': taskList('Storage', '5 of 6 tasks complete', 5, 6),
    };
    const { diagnostics } = await lintWithRule('progress-conflict', files);
    expect(diagnostics).toHaveLength(1);
    const [finding] = diagnostics;
    expect(finding!.fix).toBeUndefined();
    expect(finding!.suggestions!.map((s) => s.desc)).toEqual([
      'Make this place say 5/6, as its task list at phase-1-storage.md:7 counts',
    ]);
    const edited = resolveFix(files['tracker.md'], finding!.suggestions![0]!.fix);
    expect(edited).toBeDefined();
    const text = files['tracker.md'];
    expect(text.slice(0, edited!.range[0]) + edited!.text + text.slice(edited!.range[1])).toBe(
      '# Tracker\n\n## Storage\n\n**Status:** 83% Complete (5/6 tasks)\n',
    );
  });
});

describe('progress-conflict: fixes with every rule on', () => {
  afterAll(removeFolders);

  it('a fixed figure leaves no other finding behind: its percentage, its row and its totals agree', async () => {
    const dir = writeFolder({
      'tracker.md': tracker('60% Complete (29/48 tasks)'),
      'hpc-slurm-task-list.md': taskList('HPC SLURM Deployment', 'see the table', 31, 48, 'HPC'),
      'index.md':
        '# Index\n\n| Task List | Total Tasks | Completed | Completion % |\n|---|---|---|---|\n| [Compute](./phase-2-compute.md) | 5 | 1 | 20% |\n\n**Overall:** 75% complete (3/4 tasks)\n\n- Phase 0 (2/2 complete)\n- Phase 1 (1/2 complete)\n\n**Reference:** [list](./phase-3.md)\n',
      'phase-2-compute.md': taskList('Phase 2: Compute', 'see the table', 2, 5, 'CMP'),
      'phase-3.md': taskList('Phase 3', 'see the table', 2, 4, 'NET'),
    });
    const before = await lint({ cwd: dir, paths: ['.'] });
    const where = (d: { ruleId: string; file: string; range: { start: { line: number } } }): string =>
      `${d.ruleId} ${d.file.slice(dir.length + 1)}:${d.range.start.line}`;
    expect(before.diagnostics.map(where)).toEqual([
      'progress-conflict index.md:5',
      'progress-conflict index.md:7',
      'progress-conflict tracker.md:5',
    ]);
    const fixed = await fixFolder({ cwd: dir, paths: ['.'], write: true });
    expect(Object.fromEntries(fixed.files.map((file) => [file.relPath, file.after]))).toEqual({
      'index.md':
        '# Index\n\n| Task List | Total Tasks | Completed | Completion % |\n|---|---|---|---|\n| [Compute](./phase-2-compute.md) | 5 | 2 | 40% |\n\n**Overall:** 75% complete (3/4 tasks)\n\n- Phase 0 (2/2 complete)\n- Phase 1 (1/2 complete)\n\n**Reference:** [list](./phase-3.md)\n',
      'tracker.md': tracker('65% Complete (31/48 tasks)'),
    });
    // The overall figure is the sum of its phases too: rewriting it alone would break that sum.
    expect(fixed.result.diagnostics.map(where)).toEqual(['progress-conflict index.md:7']);
  });
});
