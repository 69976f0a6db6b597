import { ruleTester } from '../helpers/rule-tester.js';

/**
 * Checkbox markers other than `[ ]` and `[x]` in checklists: what config `checkboxMarkers` says,
 * read the same way in a GitHub nested task list, Kiro's and ai-dev-tasks' numbered children and
 * Backlog.md's acceptance criteria. A marker it gives no status, or a dropped one, is neither
 * ticked nor owed: never done, never reported as open.
 */
const markers = { checkboxMarkers: { 'in-progress': ['[~]', '[/]'], deprecated: ['[-]'] } };

const nested = '# Plan\n\n- [x] Ship the importer\n  - [x] Parse CSV\n  - [~] Parse JSON\n';
const kiro = {
  '.kiro/specs/export/tasks.md':
    '# Implementation Plan\n\n- [x] 1. Export events\n  - [x] 1.1 Write the CSV writer\n  - [~] 1.2 Write the JSON writer\n',
};
const aiDevTasks = {
  'tasks/tasks-prd-export.md':
    '# Tasks\n\n## Tasks\n\n- [x] 1.0 Export events\n  - [x] 1.1 CSV writer\n  - [/] 1.2 JSON writer\n',
};
const backlogTask = (criteria: string) => ({
  'backlog/tasks/task-1 - Export.md': `---\nid: task-1\ntitle: Export\nstatus: Done\n---\n\n## Acceptance Criteria\n<!-- AC:BEGIN -->\n${criteria}\n<!-- AC:END -->\n`,
});

ruleTester('checklist-conflict', {
  valid: [
    {
      name: 'with no config, [~] and [/] children are neither ticked nor open',
      files: { 'plan.md': nested, ...kiro, ...aiDevTasks, ...backlogTask('- [~] #1 CSV export works') },
    },
    {
      name: 'a child marked as dropped ([-] deprecated) is not owed',
      files: {
        'plan.md': '# Plan\n\n- [x] Ship the importer\n  - [x] Parse CSV\n  - [-] Parse XML\n',
        '.kiro/specs/export/tasks.md':
          '# Implementation Plan\n\n- [x] 1. Export events\n  - [x] 1.1 Write the CSV writer\n  - [-] 1.2 Write the XML writer\n',
        ...backlogTask('- [x] #1 CSV export works\n- [-] #2 XML export works'),
      },
      config: markers,
    },
    {
      name: 'a done backlog task whose only criterion is dropped',
      files: backlogTask('- [-] #1 XML export works'),
      config: markers,
    },
    {
      name: 'a marker the config calls done counts as ticked',
      files: { 'plan.md': nested, ...backlogTask('- [~] #1 CSV export works') },
      config: { checkboxMarkers: { done: ['[~]'] } },
    },
  ],
  invalid: [
    {
      name: 'a ticked parent over a child marked in progress, in a GitHub nested task list',
      files: { 'plan.md': nested },
      config: markers,
      errors: [
        {
          messageId: 'checkedParent',
          file: 'plan.md',
          line: 3,
          messageIncludes: ['"Ship the importer" is ticked here, but 1 of its 2 sub-items is not'],
          related: [{ file: 'plan.md', line: 5, column: 3 }],
        },
      ],
    },
    {
      name: 'a ticked Kiro task over a sub-task marked in progress',
      files: kiro,
      config: markers,
      errors: [{ messageId: 'checkedParent', file: '.kiro/specs/export/tasks.md', line: 3 }],
    },
    {
      name: 'a ticked ai-dev-tasks parent over a sub-task marked [/]',
      files: aiDevTasks,
      config: markers,
      errors: [{ messageId: 'checkedParent', file: 'tasks/tasks-prd-export.md', line: 5 }],
    },
    {
      name: 'a done backlog task whose criteria are only in progress',
      files: backlogTask('- [~] #1 CSV export works\n- [~] #2 JSON export works'),
      config: markers,
      errors: [
        {
          messageId: 'completeUnchecked',
          file: 'backlog/tasks/task-1 - Export.md',
          line: 4,
          messageIncludes: ['all 2 items of its checklist (from line 9) are unchecked'],
        },
      ],
    },
  ],
});
