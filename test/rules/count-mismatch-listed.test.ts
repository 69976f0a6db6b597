import { ruleTester } from '../helpers/rule-tester.js';

const tracker = (extra = ''): string => `# Tracker

| Task ID | Description | Status |
|---------|-------------|--------|
| TASK-040 | Registry | Pending |
${extra}| TASK-041 | Benchmarks | Pending |
| TASK-042 | SLURM tests | Pending |
| TASK-043 | Containers | Pending |
| TASK-044 | Full stack | Pending |
| TASK-046 | Packages | Pending |
| TASK-047.1 | Cleanup | Pending |
| TASK-048 | Utilities | Pending |
`;

const milestones = (line: string): string => `# Milestones\n\n- Start the storage work\n- ${line}\n`;

ruleTester('count-mismatch', {
  valid: [
    {
      name: 'a count that matches its range',
      files: { 'tracker.md': tracker(), 'milestones.md': milestones('Execute Phase 6 validation (5 tasks: 040-044)') },
    },
    {
      name: '"(3 tasks: 046, 047.1, 048)" counts three',
      files: { 'tracker.md': tracker(), 'milestones.md': milestones('Complete Phase 4 (3 tasks: 046, 047.1, 048)') },
    },
    {
      name: 'a range over an undefined end claims nothing',
      files: { 'tracker.md': tracker(), 'milestones.md': milestones('Execute Phase 6 validation (4 tasks: 040-045)') },
    },
    {
      name: 'a member no scheme defines claims nothing',
      files: { 'tracker.md': tracker(), 'milestones.md': milestones('Complete Phase 4 (2 tasks: 046, 049)') },
    },
  ],
  invalid: [
    {
      name: '"(4 tasks: 040-044)" over five defined tasks',
      files: { 'tracker.md': tracker(), 'milestones.md': milestones('Execute Phase 6 validation (4 tasks: 040-044)') },
      errors: [
        {
          messageId: 'listed',
          file: 'milestones.md',
          line: 4,
          column: 31,
          messageIncludes: ['"4 tasks"', '040-044 names 5 tasks', 'TASK-040, TASK-041, TASK-042, TASK-043, TASK-044'],
          related: [{ file: 'milestones.md', line: 4, column: 40 }],
        },
      ],
    },
    {
      name: 'a range counts the subtask defined inside it',
      files: {
        'tracker.md': tracker('| TASK-040.1 | Registry mirror | Pending |\n'),
        'milestones.md': milestones('Execute Phase 6 validation (5 tasks: 040-044)'),
      },
      errors: [
        { messageId: 'listed', file: 'milestones.md', line: 4, messageIncludes: ['names 6 tasks', 'TASK-040.1'] },
      ],
    },
    {
      name: 'a list of members that is longer than its count',
      files: { 'tracker.md': tracker(), 'milestones.md': milestones('Complete Phase 4 (2 tasks: 046, 047.1, 048)') },
      errors: [{ messageId: 'listed', file: 'milestones.md', line: 4, messageIncludes: ['names 3 tasks'] }],
    },
  ],
});
