import { ruleTester } from '../helpers/rule-tester.js';

/** TASK-041 is done and depends on TASK-040, whose status only a summary line states. */
const tracker = `# Tracker

| Task ID | Description | Status | Dependencies |
|---------|-------------|--------|--------------|
| TASK-039 | Registry design | - | None |
| TASK-040 | Container registry | - | TASK-039 |
| TASK-041 | Registry benchmarks | ✅ COMPLETE | TASK-040 |
`;

ruleTester('dependency-not-done', {
  valid: [
    {
      name: 'a summary line that calls the dependency done',
      files: { 'tracker.md': tracker, 'summary.md': '# Summary\n\n**Completed**: Tasks 039-040\n' },
    },
    {
      name: 'a condition on the dependency states no status',
      files: {
        'tracker.md': tracker,
        'summary.md': '# Summary\n\nStart TASK-042 once Tasks 039-040 are pending review.\n',
      },
    },
  ],
  invalid: [
    {
      name: 'a range under a Pending label: the dependency is open',
      files: { 'tracker.md': tracker, 'summary.md': '# Summary\n\n**Pending**: Tasks 039-040\n' },
      errors: [
        {
          messageId: 'notDone',
          file: 'tracker.md',
          line: 7,
          messageIncludes: ['depends on TASK-040', 'summary.md:3'],
          related: [{ file: 'summary.md', line: 3 }],
        },
      ],
    },
  ],
});
