import { ruleTester } from '../helpers/rule-tester.js';

const index = (
  status0: string,
  status1: string,
  tasks1 = 'CLOUD-1.1, CLOUD-1.2',
  header = 'Tasks',
): string => `# Cloud plan

| Phase | ${header} | Duration | Status |
|-------|-------|----------|--------|
| Phase 0: Foundation | CLOUD-0.1 to 0.2 | 2 weeks | ${status0} |
| Phase 1: Storage | ${tasks1} | 1 week | ${status1} |
`;

const tracker = (backups = 'In Progress'): string => `# Tracker

| Task ID | Title | Status |
|---------|-------|--------|
| CLOUD-0.1 | Accounts | ✅ Done |
| CLOUD-0.2 | Network | ✅ Done |
| CLOUD-1.1 | Buckets | ✅ Done |
| CLOUD-1.2 | Backups | ${backups} |
`;

ruleTester('group-status-conflict', {
  valid: [
    {
      name: 'rows that agree with the tasks they name',
      files: { 'index.md': index('✅ Complete', 'In Progress'), 'tracker.md': tracker() },
    },
    {
      name: 'a member whose places disagree on its status',
      files: {
        'index.md': index('Not Started', '✅ Complete'),
        'tracker.md': tracker(),
        'notes.md': '# Notes\n\n- CLOUD-1.2: Done\n- CLOUD-0.2 (Pending)\n',
      },
    },
    {
      name: 'a member that states no status',
      files: {
        'index.md': index('Not Started', '✅ Complete'),
        'tracker.md': tracker('-').replace('✅ Done |\n| CLOUD-0.2', '- |\n| CLOUD-0.2'),
      },
    },
    {
      name: 'a range over an undefined end names no members',
      files: { 'index.md': index('In Progress', '✅ Complete', 'CLOUD-1.1 to 1.3'), 'tracker.md': tracker() },
    },
    {
      name: "IDs in a dependency column are not the group's tasks",
      files: {
        'index.md': index('In Progress', '✅ Complete', 'CLOUD-1.1, CLOUD-1.2', 'Depends on'),
        'tracker.md': tracker(),
      },
    },
  ],
  invalid: [
    {
      name: 'a row not started whose tasks are all done, and one done with a task open',
      files: { 'index.md': index('Not Started', '✅ Complete'), 'tracker.md': tracker() },
      errors: [
        {
          messageId: 'allDone',
          file: 'index.md',
          line: 5,
          messageIncludes: [
            'Phase 0: Foundation',
            'all 2 of its tasks',
            'CLOUD-0.1 at tracker.md:5',
            'CLOUD-0.2 at tracker.md:6',
          ],
          related: [
            { file: 'tracker.md', line: 5 },
            { file: 'tracker.md', line: 6 },
          ],
        },
        {
          messageId: 'memberOpen',
          file: 'index.md',
          line: 6,
          messageIncludes: ['Phase 1: Storage', 'CLOUD-1.2 is in progress at tracker.md:8'],
          related: [{ file: 'tracker.md', line: 8 }],
        },
      ],
    },
  ],
});
