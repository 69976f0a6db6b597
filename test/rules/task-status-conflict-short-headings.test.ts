import { ruleTester } from '../helpers/rule-tester.js';

/** The folder's index writes every task in full: TASK-0NN. */
const index = `# Plan

| Task ID | Title | Status |
|---------|-------|--------|
| TASK-039 | Write the inventory | ✅ Complete |
| TASK-040 | Add the storage role | ✅ Complete |
| TASK-041 | Replace the storage role | ✅ Complete |
`;

const block = (heading: string, status = '❌ PENDING'): string =>
  `### ${heading}\n\n**Status**: ${status}\n**Priority**: HIGH\n**Dependencies**: Task 039, TASK-040\n`;

ruleTester('task-status-conflict', {
  valid: [
    {
      name: 'a short heading whose block agrees with the index',
      files: {
        'index.md': index,
        'phase.md': `# Phase 4\n\n${block('Task 041: Replace the storage role', '✅ DONE')}`,
      },
    },
    {
      name: '"Task 3" in a document with two schemes that both fit it',
      files: {
        'index.md':
          '# Plan\n\n| ID | Title | Status |\n|---|---|---|\n| TASK-3 | Storage | ✅ Complete |\n| BUG-3 | Crash | ✅ Complete |\n',
        'phase.md': `# Phase 4\n\n| ID | Title |\n|---|---|\n| TASK-1 | Inventory |\n| BUG-1 | Typo |\n\n${block('Task 3: Storage')}`,
      },
    },
    {
      name: '"Task 041 notes" in a history section',
      files: { 'index.md': index, 'phase.md': `# Phase 4\n\n## History\n\n${block('Task 041 notes')}` },
    },
    {
      name: 'a short task heading in a history section',
      files: {
        'index.md': index,
        'phase.md': `# Phase 4\n\n## Change Log\n\n${block('Task 041: Replace the storage role')}`,
      },
    },
    {
      name: 'a numbered step, and a numbered step inside a task block',
      files: {
        'index.md': index,
        'phase.md': `# Phase 4\n\n${block('Step 41: Replace the storage role')}\n### TASK-040: Add the storage role\n\n#### Task 041: Replace the old role\n\n**Status**: ❌ PENDING\n`,
      },
    },
    {
      name: 'a number no scheme of the folder has the shape of',
      files: { 'index.md': index, 'phase.md': `# Phase 4\n\n${block('Task 41.2: Replace the storage role')}` },
    },
  ],
  invalid: [
    {
      name: 'a short heading in a TASK-0NN folder: its status field against the index row',
      files: { 'index.md': index, 'phase.md': `# Phase 4\n\n${block('Task 041: Replace the storage role')}` },
      errors: [
        {
          messageId: 'conflict',
          file: 'index.md',
          line: 7,
          messageIncludes: ['TASK-041', 'phase.md:5'],
          related: [{ file: 'phase.md', line: 5 }],
        },
      ],
    },
    {
      name: 'the document itself writes the scheme in full: it decides over the folder',
      files: {
        'index.md': index,
        'other.md': '# Other\n\n| ID | Title |\n|---|---|\n| CLOUD-041 | Cloud |\n',
        'phase.md': `# Phase 4\n\n- TASK-039: Write the inventory\n\n${block('Task 041: Replace the storage role')}`,
      },
      errors: [{ messageId: 'conflict', file: 'index.md', line: 7, related: [{ file: 'phase.md', line: 7 }] }],
    },
  ],
});
