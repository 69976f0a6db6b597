import { backlogFile, backlogTask, smallBacklog } from '../helpers/formats.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester('invalid-front-matter', {
  valid: [
    { name: 'a backlog whose task files name their own ids', files: smallBacklog() },
    {
      name: 'front matter of a document outside the backlog is not read',
      files: {
        'docs/page.md': "---\ntitle: 'Unclosed\n---\n\n# Page\n",
        'docs/task-9 - Old.md': '---\nid: TASK-10\n---\n',
      },
    },
    {
      name: 'Backlog.md writes file names in lower case and ids in upper case',
      files: {
        'backlog/tasks/back-24.1 - Kanban-view.md': '---\nid: BACK-24.1\ntitle: Kanban view\nstatus: Done\n---\n',
      },
    },
    {
      name: 'a task file without front matter',
      files: { 'backlog/tasks/task-4 - Notes.md': '# Notes\n\nNothing here yet.\n' },
    },
  ],
  invalid: [
    {
      name: 'front matter that is not YAML',
      files: {
        ...smallBacklog(),
        'backlog/tasks/task-4 - Broken.md': '---\nid: TASK-4\ntitle: Broken: title: here\nstatus: To Do\n---\n',
      },
      errors: [
        {
          messageId: 'invalidYaml',
          file: 'backlog/tasks/task-4 - Broken.md',
          line: 3,
          messageIncludes: ['not valid YAML'],
        },
      ],
    },
    {
      name: 'a key given twice',
      files: { 'backlog/tasks/task-4 - Twice.md': '---\nid: TASK-4\nstatus: To Do\nstatus: Done\n---\n' },
      errors: [{ messageId: 'invalidYaml', file: 'backlog/tasks/task-4 - Twice.md', line: 4 }],
    },
    {
      name: 'a task file copied to start another, its id left as it was',
      files: {
        ...smallBacklog(),
        [backlogFile('TASK-4', 'Import events')]: backlogTask({
          id: 'TASK-3',
          title: 'Import events',
          status: 'To Do',
        }),
      },
      errors: [
        {
          messageId: 'idMismatch',
          file: 'backlog/tasks/task-4 - Import-events.md',
          line: 2,
          column: 5,
          messageIncludes: ["the file's name gives task-4, but its front matter says id: TASK-3"],
        },
      ],
    },
    {
      name: 'front matter that is a list',
      files: { 'backlog/drafts/task-5 - List.md': '---\n- id\n- TASK-5\n---\n' },
      errors: [{ messageId: 'notMapping', file: 'backlog/drafts/task-5 - List.md', line: 1 }],
    },
  ],
});
