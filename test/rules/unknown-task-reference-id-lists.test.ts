import { ruleTester } from '../helpers/rule-tester.js';

const cloud = `# Cloud Phases

| Task ID | Description | Status |
|---------|-------------|--------|
| CLOUD-2.1 | Buckets | Pending |
| CLOUD-2.2 | Network | Pending |
| CLOUD-3.1 | Clusters | Pending |
`;

ruleTester('unknown-task-reference', {
  valid: [
    {
      name: '"CLOUD-3.x" means every task of phase 3, not a task CLOUD-3',
      files: { 'cloud.md': cloud, 'notes.md': '# Notes\n\nAll CLOUD-3.x tasks wait for the clusters.\n' },
    },
    {
      name: 'an example: "adding CLOUD-2.3 would not affect the plan"',
      files: { 'cloud.md': cloud, 'notes.md': '# Notes\n\nAdding CLOUD-2.3 would not affect the schedule.\n' },
    },
    {
      name: 'an alias: "(was CLOUD-2.9)"',
      files: { 'cloud.md': cloud, 'notes.md': '# Notes\n\n- CLOUD-2.2 Network (was CLOUD-2.9)\n' },
    },
    {
      name: 'a range whose end is written short names no undefined task: "CLOUD-2.1 to 2.5"',
      files: { 'cloud.md': cloud, 'notes.md': '# Notes\n\n**Pending**: CLOUD-2.1 to 2.5\n' },
    },
    {
      name: 'a short form names only a defined task: "Task 2.7"',
      files: { 'cloud.md': cloud, 'notes.md': '# Notes\n\nOnly Task 2.7 remains pending.\n' },
    },
  ],
  invalid: [
    {
      name: 'a range whose written-out end no document defines: "CLOUD-2.1 through CLOUD-2.5"',
      files: { 'cloud.md': cloud, 'notes.md': '# Notes\n\n**Pending**: CLOUD-2.1 through CLOUD-2.5\n' },
      errors: [{ messageId: 'unknown', file: 'notes.md', line: 3, column: 32, messageIncludes: ['CLOUD-2.5'] }],
    },
    {
      name: 'a condition on an undefined ID is still a reference',
      files: { 'cloud.md': cloud, 'notes.md': '# Notes\n\nStart once CLOUD-2.4 is complete.\n' },
      errors: [{ messageId: 'unknown', file: 'notes.md', line: 3, messageIncludes: ['CLOUD-2.4'] }],
    },
  ],
});
