import { ruleTester } from '../helpers/rule-tester.js';

const TASKS = 'specs/001-accounts/tasks.md';

/** A spec-kit tasks.md with the given task lines under one story phase. */
const tasks = (lines: string): string => `# Tasks: Accounts

## Phase 3: User Story 1 - Sign up (Priority: P1)

${lines}
`;

/** The repository's files beside the list: `src/models/` exists, with one model in it. */
const repo = { 'src/models/base.py': 'class Base: ...\n' };

ruleTester('done-task-missing-file', {
  valid: [
    {
      name: 'the file a done task names exists',
      files: { ...repo, [TASKS]: tasks('- [x] T014 [US1] Create Base model in src/models/base.py') },
    },
    {
      name: 'an open task names a file not written yet',
      files: { ...repo, [TASKS]: tasks('- [ ] T014 [US1] Create User model in src/models/user.py') },
    },
    {
      name: 'the task removes, renames, moves or replaces the file',
      files: {
        ...repo,
        [TASKS]: tasks(
          [
            '- [x] T010 Remove `src/models/old.py`',
            '- [x] T011 Delete the stub in src/models/stub.py',
            '- [x] T012 Rename src/models/user.py to src/models/account.py',
            '- [x] T013 Move the helpers from src/models/helpers.py into src/models/base.py',
            '- [x] T014 Replace src/models/legacy.py with the new base model',
            '- [x] T015 Drop `src/models/cache.py` (deprecated)',
            '- [x] T016 Clean up src/models/tmp.py',
            '- [x] T017 The settings in `src/models/settings.py` were removed',
          ].join('\n'),
        ),
      },
    },
    {
      name: 'the path is written after it with words that say it is gone',
      files: { ...repo, [TASKS]: tasks('- [x] T014 `src/models/old.py` removed, its model lives in the base') },
    },
    {
      name: 'paths the repository ignores: build output, editor settings, a folder pattern',
      files: {
        ...repo,
        '.gitignore': 'dist/\n.vscode/\n*.log\n',
        'dist/.keep': '',
        '.vscode/extensions.json': '{}\n',
        'logs/.keep': '',
        [TASKS]: tasks(
          [
            '- [x] T001 Build the bundle into dist/app.js',
            '- [x] T002 Add the debug profile in `.vscode/launch.json`',
            '- [x] T003 Log requests to logs/requests.log',
          ].join('\n'),
        ),
      },
    },
    {
      name: 'a .gitignore in the file’s folder ignores it',
      files: {
        ...repo,
        'src/models/.gitignore': 'generated.py\n',
        [TASKS]: tasks('- [x] T001 Generate the schema into src/models/generated.py'),
      },
    },
    {
      name: 'paths of a user’s machine, URLs, domains and installed packages',
      files: {
        ...repo,
        'node_modules/left-pad/.keep': '',
        [TASKS]: tasks(
          [
            '- [x] T001 Write the config to ~/.config/accounts/config.json',
            '- [x] T002 Read /etc/accounts/accounts.conf at start',
            '- [x] T003 Source $HOME/.accounts/env.sh',
            '- [x] T004 Fetch https://example.com/src/models/user.py',
            '- [x] T005 Mirror github.com/acme/accounts/setup.py',
            '- [x] T006 Patch node_modules/left-pad/index.js',
            '- [x] T007 Install `@acme/models/index.js`',
          ].join('\n'),
        ),
      },
    },
    {
      name: 'globs and placeholders name no file',
      files: {
        ...repo,
        [TASKS]: tasks(
          [
            '- [x] T001 Lint src/**/*.py',
            '- [x] T002 Test every module in `src/models/*.py`',
            '- [x] T003 One file per model: `src/models/<name>.py`',
            '- [x] T004 Follow the layout of path/to/file.py',
            '- [x] T005 Keep one plan per feature in `specs/[feature]/plan.json`',
            '- [x] T006 Write src/models/{id}.json for each record',
            '- [x] T007 Name tests src/models/test_NNN.py',
          ].join('\n'),
        ),
      },
    },
    {
      name: 'examples and conditional tasks name no file the task made',
      files: {
        ...repo,
        [TASKS]: tasks(
          [
            '- [x] T001 Give each model a module (e.g. `src/models/user.py`)',
            '- [x] T002 Split the models by domain, for example src/models/billing.py',
            '- [x] T003 (optional) Add src/models/audit.py',
            '- [x] T004 Update src/models/user.py if it exists',
          ].join('\n'),
        ),
      },
    },
    {
      name: 'code blocks, commands in code spans, links and struck-through text',
      files: {
        ...repo,
        [TASKS]: tasks(
          [
            '- [x] T001 Commit the model: `git add src/models/user.py`',
            '- [x] T002 Create the [user model](../../src/models/user.py)',
            '- [x] T003 ~~Create src/models/user.py~~',
            '- [x] T004 Create the user model',
            '',
            '  ```',
            '  src/models/user.py',
            '  ```',
          ].join('\n'),
        ),
      },
    },
    {
      name: 'a path that exists as a folder',
      files: {
        ...repo,
        'src/models/v2.0/base.py': '',
        [TASKS]: tasks('- [x] T001 Create the package src/models/v2.0'),
      },
    },
    {
      name: 'a path that exists with other letter case',
      files: { ...repo, [TASKS]: tasks('- [x] T001 Create Base model in src/Models/Base.py') },
    },
    {
      name: 'a file moved: beside it with another extension, or elsewhere in its top folder',
      files: {
        ...repo,
        'src/models/user.ts': '',
        'src/core/update.ts': '',
        'src/commands/list.ts': '',
        [TASKS]: tasks(
          ['- [x] T001 Create the user model in src/models/user.py', '- [x] T002 Write src/commands/update.ts'].join(
            '\n',
          ),
        ),
      },
    },
    {
      name: 'a file whose folder is not there either (moved with it, or another repository’s)',
      files: { ...repo, [TASKS]: tasks('- [x] T001 Create the iOS model in ios/App/Models/User.swift') },
    },
    {
      name: 'a list whose tasks are in several repositories',
      files: {
        ...repo,
        [TASKS]: tasks(
          '**[REPO: accounts-web]** - client tasks\n\n- [x] T001 Create the user model in src/models/user.py',
        ),
      },
    },
    {
      name: 'Markdown paths are left to broken-link',
      files: { ...repo, 'docs/.keep': '', [TASKS]: tasks('- [x] T001 Write the guide in docs/accounts.md') },
    },
    {
      name: 'archived and template documents, and spec-kit checklists',
      files: {
        ...repo,
        'archive/tasks.md': '- [x] T001 Create src/models/user.py\n',
        'templates/tasks-template.md': '- [x] T001 Create src/models/user.py\n',
        'specs/001-accounts/checklists/requirements.md': '- [x] CHK001 The model src/models/user.py is specified\n',
        'specs/001-accounts/plan.md': '- [x] The plan names src/models/user.py\n',
      },
    },
    {
      name: 'a path relative to the document’s folder',
      files: {
        ...repo,
        'specs/001-accounts/contracts/api.yaml': 'openapi: 3.1.0\n',
        [TASKS]: tasks('- [x] T001 Write the contract in contracts/api.yaml\n- [x] T002 Check ./contracts/api.yaml'),
      },
    },
    {
      name: 'a path that leaves the repository',
      files: { ...repo, [TASKS]: tasks('- [x] T001 Share ../../../other/src/models/user.py') },
    },
    {
      name: 'a version or a product name is no path',
      files: { ...repo, [TASKS]: tasks('- [x] T001 Move from Node.js/Express.js to src/models/base.py, and v1/2.0') },
    },
  ],
  invalid: [
    {
      name: 'a spec-kit task checked done names a file that is not there',
      files: { ...repo, [TASKS]: tasks('- [x] T014 [US1] Create User model in src/models/user.py') },
      errors: [
        {
          messageId: 'missing',
          file: TASKS,
          line: 5,
          column: 39,
          messageIncludes: ['T014 is checked done', 'src/models/user.py, does not exist'],
        },
      ],
    },
    {
      name: 'a path in backticks, with a line number, and an uppercase [X]',
      files: { ...repo, [TASKS]: tasks('- [X] T015 [P] Fix the parser in `src/models/parser.py:42`') },
      errors: [{ messageId: 'missing', file: TASKS, line: 5, column: 35, messageIncludes: ['src/models/parser.py'] }],
    },
    {
      name: 'a Kiro task whose bullet names the file',
      files: {
        ...repo,
        '.kiro/specs/accounts/tasks.md': `# Implementation Plan

- [x] 1. Create the user model

  - Create src/models/user.py with the fields
  - _Requirements: 1.1_

- [ ] 2. Create the session model
  - Create src/models/session.py
`,
      },
      errors: [
        {
          messageId: 'missing',
          file: '.kiro/specs/accounts/tasks.md',
          line: 5,
          messageIncludes: ['Task 1 is checked done', 'src/models/user.py'],
        },
      ],
    },
    {
      name: 'an ai-dev-tasks sub-task and an OpenSpec task',
      files: {
        ...repo,
        'tasks/tasks-prd-accounts.md': '## Tasks\n\n- [x] 1.0 Models\n  - [x] 1.1 Add `src/models/account.py`\n',
        'openspec/changes/add-accounts/tasks.md': '## 1. Models\n\n- [x] 1.1 Add src/models/role.py\n',
      },
      errors: [
        {
          messageId: 'missing',
          file: 'openspec/changes/add-accounts/tasks.md',
          line: 3,
          messageIncludes: ['Task 1.1'],
        },
        { messageId: 'missing', file: 'tasks/tasks-prd-accounts.md', line: 4, messageIncludes: ['Task 1.1'] },
      ],
    },
    {
      name: 'the old name of a rename is passed over, a file created in another task is not',
      files: {
        ...repo,
        [TASKS]: tasks(
          '- [x] T001 Rename src/models/a.py to src/models/b.py\n- [x] T002 Create the audit log in src/models/audit.py',
        ),
      },
      errors: [{ messageId: 'missing', file: TASKS, line: 6 }],
    },
    {
      name: 'a task with neither ID nor number is named by its first words',
      files: { ...repo, 'plan.md': '- [x] Create the user model in src/models/user.py\n' },
      errors: [
        {
          messageId: 'missing',
          file: 'plan.md',
          line: 1,
          messageIncludes: ['Task "Create the user model in src/models/user.py" is checked done'],
        },
      ],
    },
    {
      name: 'a .gitignore that ignores something else',
      files: {
        ...repo,
        '.gitignore': 'dist/\n!src/models/user.py\n',
        [TASKS]: tasks('- [x] T014 Create User model in src/models/user.py'),
      },
      errors: [{ messageId: 'missing', file: TASKS, line: 5 }],
    },
  ],
});
