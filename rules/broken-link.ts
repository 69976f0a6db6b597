import path from 'node:path';
import { linkTarget } from '../src/corpus.js';
import { defineRule } from '../src/rule.js';

export default defineRule({
  id: 'broken-link',
  meta: {
    type: 'problem',
    description: 'Disallow relative links to files that do not exist',
    messages: {
      missing: 'Link target "{{target}}" does not exist.',
      missingOutside:
        'Link target "{{target}}" does not exist (it is outside the linted folder, so only its existence was checked).',
      missingRenamed: 'Link target "{{target}}" does not exist; {{candidate}} has that name. Was it moved?',
      candidate: 'a document named {{name}}',
    },
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
    defaultSeverity: 'error',
    fixable: 'code',
    fixDescription:
      'A link to a missing file, when exactly one document of the folder has its file name, is pointed at that document (the fragment kept).',
    docs: `## What it does

Checks every relative link and link definition of every document: the file or folder it points
at must exist. Links inside code spans and code blocks are not links. Links with a scheme
(\`https:\`, \`mailto:\`) are not checked. A target outside the linted folder is checked for
existence only, never read. A link to a folder is fine when the folder exists.

When a document of the linted folder has the same file name as the missing target, the message
names it: the file was probably moved.

## Why is this bad?

Planning documents point at each other: an index at its task lists, a tracker at the archive.
When a file is renamed or archived, the links to it silently die, and readers cannot find the
list a summary is about.

## Example

Incorrect, \`phase-9.md\` does not exist:

\`\`\`markdown file=index.md
See [the phase list](./phase-9.md).
\`\`\`

\`\`\`markdown file=phase-1.md
# Phase 1
\`\`\`

Correct:

\`\`\`markdown file=index.md
See [the phase list](./phase-1.md).
\`\`\`

## Options

None.
`,
  },
  // Each finding is about its own document: after an edit, only that document is checked again.
  incremental: 'document',
  check(corpus, context) {
    const byName = new Map<string, string[]>();
    for (const doc of corpus.documents)
      byName.set(path.basename(doc.file), [...(byName.get(path.basename(doc.file)) ?? []), doc.relPath]);
    for (const doc of corpus.documents) {
      if (doc.role === 'template' || !context.wants(doc)) continue;
      for (const link of doc.links) {
        if (!link.path) continue;
        const target = linkTarget(doc, link);
        if (corpus.byFile.has(target)) continue;
        const info = corpus.targets.get(target);
        if (!info || info.exists) continue;
        // Another document of the folder with the same file name: the target was probably moved there.
        const renamed = (byName.get(path.basename(target)) ?? []).filter((relPath) => relPath !== doc.relPath);
        const candidateDoc =
          renamed.length === 1 && !info.outsideRoot
            ? corpus.documents.find((d) => d.relPath === renamed[0])
            : undefined;
        if (candidateDoc) {
          context.report({
            messageId: 'missingRenamed',
            data: { target: link.path, candidate: candidateDoc.relPath },
            at: { doc, range: link.range },
            related: [
              {
                at: { doc: candidateDoc, range: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } } },
                messageId: 'candidate',
                data: { name: path.basename(target) },
              },
            ],
            fix: {
              edits: [
                {
                  range: link.range,
                  replaces: link.path,
                  text: movedPath(doc.relPath, candidateDoc.relPath, link.path),
                },
              ],
            },
          });
          continue;
        }
        context.report({
          messageId: info.outsideRoot ? 'missingOutside' : 'missing',
          data: { target: link.path },
          at: { doc, range: link.range },
        });
      }
    }
  },
});

/** The path from `from` to `to`, written as the link was ("./" kept). */
function movedPath(from: string, to: string, written: string): string {
  const relative = path.posix.relative(path.posix.dirname(from), to);
  return written.startsWith('./') && !relative.startsWith('../') ? `./${relative}` : relative;
}
