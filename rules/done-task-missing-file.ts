import path from 'node:path';
import { taskPathFiles, type Corpus } from '../src/corpus.js';
import { layoutOf } from '../src/extract/shapes/layout.js';
import { defineRule } from '../src/rule.js';
import type { DocumentFacts, TaskPath } from '../src/types.js';

/**
 * The done tasks of a document that name a file no folder they may be relative to holds: not
 * there, not ignored by `.gitignore`, not there with other letter case.
 */
export function missingFiles(corpus: Pick<Corpus, 'root' | 'workTree' | 'targets'>, doc: DocumentFacts): TaskPath[] {
  if (doc.role !== 'active' || !doc.taskPaths || !holdsTasks(doc)) return [];
  return doc.taskPaths.filter((taskPath) => {
    const files = taskPathFiles(corpus, doc, taskPath);
    const missing = files.every(({ file }) => {
      const info = corpus.targets.get(file);
      // Not looked up (an edit not seen yet): nothing is known, nothing is said.
      return (
        info?.missing !== undefined &&
        !info.exists &&
        !info.missing.ignored &&
        !info.missing.otherCase &&
        !info.missing.moved
      );
    });
    // Where the file's folder is not there either, it was moved with it or is another repository's.
    return missing && files.some(({ anchor }) => corpus.targets.get(anchor)?.isDirectory === true);
  });
}

/** In a spec-kit feature folder only tasks.md holds tasks: the boxes of checklists/, spec.md and plan.md are review items. */
function holdsTasks(doc: DocumentFacts): boolean {
  if (layoutOf(doc.file)?.format !== 'spec-kit') return true;
  return path.basename(doc.file).toLowerCase() === 'tasks.md';
}

export default defineRule({
  id: 'done-task-missing-file',
  meta: {
    type: 'problem',
    description: 'Disallow a task checked done whose file does not exist',
    messages: {
      missing: '{{task}} is checked done, but the file it names, {{path}}, does not exist.',
    },
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
    defaultSeverity: 'warning',
    docs: `## What it does

Reads the repository paths that checkbox tasks name in their own text, as spec-kit's template
asks every task to (\`- [x] T014 [US1] Create User model in src/models/user.py\`) and Kiro,
ai-dev-tasks and OpenSpec lists often do (\`- [x] 2.1 Add the login form\` over a bullet
\`- Write \\\`frontend/src/Login.tsx\\\`\`). A path is relative, has a folder and a file
extension, and is written plain or in backticks. When the task is checked (\`[x]\`) and the
file exists nowhere it may be relative to, it reports the path.

A path is looked for from the repository's root (the git work tree; without one, the linted
folder and the folder that holds \`specs/\`, \`.kiro/\`, \`openspec/\` or \`tasks/\`), from the
linted folder and from the document's own folder; \`./x.ts\` and \`../x.ts\` from the document's
folder only. A path that leaves the repository is not checked. A folder counts as existing.
The file's folder must exist: when it does not either, the file was most often moved with its
folder, or the path is another repository's (a workspace of several), and nothing is said.

Not reported:

- open tasks, and the documents of archives and templates;
- paths the task removes, renames, moves or replaces (\`Remove \\\`src/old.py\\\`\`, "rename
  a.ts to b.ts": both names), paths it gives as examples (\`e.g. src/x.ts\`) and tasks that say
  they are optional or apply "if exists";
- paths the repository ignores (\`.gitignore\` and \`.git/info/exclude\`: build output, \`dist/\`,
  editor settings), and paths that exist with other letter case (\`src/Models/User.py\`): on a
  case-insensitive disk they are there, and which is meant cannot be told;
- files that were moved: a file of the same name beside it with another extension (\`App.tsx\`
  for \`App.js\`), or one of the same name elsewhere in its top folder (\`src/core/update.ts\`
  for \`src/commands/update.ts\`);
- a list that says its tasks are in several repositories (\`[REPO: web]\` over a section);
- paths of a user's machine (\`~/.config/app.json\`, \`/etc/app.conf\`, \`$HOME/x.sh\`), URLs and
  domains, installed packages (\`node_modules/\`), globs (\`src/**/*.ts\`), placeholders
  (\`src/<name>.py\`, \`path/to/file.py\`, \`[feature]/x.ts\`, \`{id}.json\`);
- links (broken-link checks those), code, struck-through text;
- Markdown paths (\`docs/guide.md\`): documents are often named before they are written, and
  links to them are broken-link's;
- in a spec-kit feature folder, the boxes of \`checklists/\`, \`spec.md\` and \`plan.md\`: review
  items, not tasks.

## Why is this bad?

A checked task that names the file it creates is the commonest way a coding agent's "done" is
not done: the box was ticked, the file was never written (or was written elsewhere). Readers of
the list, and the agent's next session, take the work as finished.

## Example

Incorrect, \`src/models/user.py\` does not exist:

\`\`\`markdown file=specs/001-accounts/tasks.md
## Phase 3: User Story 1 - Sign up (Priority: P1)

- [x] T013 [US1] Create the models package in \`src/models/__init__.py\`
- [x] T014 [US1] Create User model in src/models/user.py
\`\`\`

\`\`\`python file=src/models/__init__.py
\`\`\`

Correct, the file is there:

\`\`\`python file=src/models/user.py
class User: ...
\`\`\`

## Options

None.
`,
  },
  // Each finding is about its own document and the files it names.
  incremental: 'document',
  check(corpus, context) {
    for (const doc of corpus.documents) {
      if (!context.wants(doc)) continue;
      for (const taskPath of missingFiles(corpus, doc))
        context.report({
          messageId: 'missing',
          data: { task: taskName(taskPath.task), path: taskPath.path },
          at: { doc, range: taskPath.range },
        });
    }
  },
});

/** "T014", "Task 2.1", `Task "Create the user model"`. */
function taskName(task: string): string {
  return /^[\p{Lu}\d][\p{L}\d]*(?:[-.]\d+)+$|^[A-Z]+-?\d+$|^Task \d+(?:\.\d+)*$/u.test(task) ? task : `Task "${task}"`;
}
