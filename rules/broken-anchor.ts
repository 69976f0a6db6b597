import { linkTarget } from '../src/corpus.js';
import { defineRule } from '../src/rule.js';
import type { DocumentFacts, Heading } from '../src/types.js';

function normaliseFragment(fragment: string): string {
  let decoded = fragment;
  try {
    decoded = decodeURIComponent(fragment);
  } catch {
    // Keep a malformed escape as written.
  }
  return decoded.replace(/^user-content-/, '').toLowerCase();
}

function anchorsOf(doc: DocumentFacts): Set<string> {
  return new Set([...doc.headings.map((heading) => heading.slug), ...doc.anchors.map((anchor) => anchor.toLowerCase())]);
}

export default defineRule({
  id: 'broken-anchor',
  meta: {
    type: 'problem',
    description: 'Disallow links to headings that do not exist',
    messages: {
      missing: 'Link fragment "#{{fragment}}" matches no heading of {{target}}.',
      mojibake: 'Link fragment "#{{fragment}}" matches no heading of {{target}}: the heading "{{heading}}" would have this anchor, but its emoji is mis-encoded.',
      heading: 'this heading is mis-encoded; its anchor is "#{{slug}}"',
    },
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
    defaultSeverity: 'error',
    docs: `## What it does

Checks every link with a \`#fragment\` whose target is a document of the linted folder (or the
same document): the fragment must be the anchor of one of its headings, made as github.com
makes them (lower case, punctuation and emoji dropped, spaces to hyphens, duplicates numbered
\`-1\`, \`-2\`), or an HTML \`id\`/\`name\`. Targets outside the linted documents are not read.

When the heading exists but its emoji is mis-encoded (\`üéØ What to Work On Next\`), the
message says so: the link is right and the heading must be repaired.

## Why is this bad?

A table of contents or a cross-reference that lands at the top of the page instead of the
section it promised; after a heading is reworded, every link to it breaks silently.

## Example

Incorrect, the heading is "Phase 2: Storage":

\`\`\`markdown
See [phase 2](./plan.md#phase-2-compute).
\`\`\`

Correct:

\`\`\`markdown
See [phase 2](./plan.md#phase-2-storage).
\`\`\`

## Options

None.
`,
  },
  check(corpus, context) {
    for (const doc of corpus.documents) {
      if (doc.role === 'template') continue;
      for (const link of doc.links) {
        if (!link.fragment) continue;
        const targetDoc = corpus.byFile.get(linkTarget(doc, link));
        if (!targetDoc || targetDoc.problems.some((problem) => problem.fatal)) continue;
        const fragment = normaliseFragment(link.fragment);
        if (anchorsOf(targetDoc).has(fragment)) continue;
        const target = targetDoc === doc ? 'this document' : targetDoc.relPath;
        const repaired: Heading | undefined = targetDoc.headings.find((heading) => heading.repairedSlug === fragment);
        if (repaired) {
          context.report({
            messageId: 'mojibake',
            data: { fragment: link.fragment, target, heading: repaired.text },
            at: { doc, range: link.range },
            related: [{ at: { doc: targetDoc, range: repaired.range }, messageId: 'heading', data: { slug: repaired.slug } }],
          });
          continue;
        }
        context.report({ messageId: 'missing', data: { fragment: link.fragment, target }, at: { doc, range: link.range } });
      }
    }
  },
});
