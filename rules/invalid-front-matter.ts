import { defineRule } from '../src/rule.js';
import type { FrontMatterProblem } from '../src/types.js';

const MESSAGES: Record<FrontMatterProblem['kind'], string> = {
  'invalid-yaml': 'invalidYaml',
  'not-a-mapping': 'notMapping',
  'too-large': 'tooLarge',
  'id-mismatch': 'idMismatch',
};

export default defineRule({
  id: 'invalid-front-matter',
  meta: {
    type: 'problem',
    description: "Require a task file's front matter to be valid YAML that names the task its file is named for",
    messages: {
      invalidYaml:
        "The front matter is not valid YAML ({{detail}}): the task's id, status and dependencies were not read.",
      notMapping: 'The front matter is not valid task metadata ({{detail}}): it was not read.',
      tooLarge: 'The front matter is too large ({{detail}}): it was not read.',
      idMismatch: "The task's id disagrees with its file ({{detail}}): one of them was not updated.",
    },
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
    defaultSeverity: 'warning',
    docs: `## What it does

Checks the YAML front matter of Backlog.md task files (\`backlog/tasks/\`, \`drafts/\`,
\`completed/\`, \`archive/\`), which define a task by its \`id\`, \`title\`, \`status\`,
\`priority\`, \`dependencies\` and \`parent_task_id\`. It reports front matter that is not valid
YAML, is not a list of \`key: value\` fields, or is larger than 64 KB (none of those is read, and
the rest of the file still is), and an \`id\` that is not the one the file's name gives
(\`task-12 - Title.md\` with \`id: TASK-13\`). Front matter of other documents is left alone.

## Why is this bad?

Backlog.md and tasklint both read the task from its front matter: when it does not parse, the
task has no status and no dependencies. A task file copied to start another, its \`id\` left as
it was, makes two files claim one task while the file name says otherwise.

## Example

Incorrect, the quote is never closed and the id is not the file's:

\`\`\`markdown file=backlog/tasks/task-12.md
---
id: TASK-13
title: 'Export data
status: To Do
---
\`\`\`

Correct:

\`\`\`markdown file=backlog/tasks/task-12.md
---
id: TASK-12
title: 'Export data'
status: To Do
---
\`\`\`

## Options

None.
`,
  },
  // Each finding is about its own document.
  incremental: 'document',
  check(corpus, context) {
    for (const doc of corpus.documents) {
      if (!context.wants(doc)) continue;
      for (const problem of doc.frontMatterProblems ?? []) {
        context.report({
          messageId: MESSAGES[problem.kind],
          data: { detail: problem.detail },
          at: { doc, range: problem.range },
        });
      }
    }
  },
});
