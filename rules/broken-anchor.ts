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

/** Edit distance, bounded: anchors are short. */
function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return 4;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** A heading the fragment was probably meant for: a reworded or extended heading, or a typo. */
function closestHeading(headings: Heading[], fragment: string): Heading | undefined {
  if (fragment.length < 3) return undefined;
  return (
    headings.find((heading) => heading.slug.startsWith(`${fragment}-`)) ??
    headings.find((heading) => fragment.startsWith(`${heading.slug}-`) && heading.slug.length >= 6) ??
    headings.find((heading) => distance(heading.slug, fragment) <= 2)
  );
}

const anchorMemo = new WeakMap<DocumentFacts, Set<string>>();

function anchorsOf(doc: DocumentFacts): Set<string> {
  let anchors = anchorMemo.get(doc);
  if (!anchors)
    anchorMemo.set(
      doc,
      (anchors = new Set([
        ...doc.headings.map((heading) => heading.slug),
        ...doc.anchors.map((anchor) => anchor.toLowerCase()),
      ])),
    );
  return anchors;
}

/** The key of a linked document: a finding depends on the link and on the headings of its target. */
const fileKey = (file: string): string => `file:${file}`;

/** A document's own headings, and the documents its fragment links point into. */
function anchorKeys(doc: DocumentFacts): string[] {
  return [
    fileKey(doc.file),
    ...doc.links.filter((link) => link.fragment).map((link) => fileKey(linkTarget(doc, link))),
  ];
}

export default defineRule({
  id: 'broken-anchor',
  meta: {
    type: 'problem',
    description: 'Disallow links to headings that do not exist',
    messages: {
      missing: 'Link fragment "#{{fragment}}" matches no heading of {{target}}.',
      missingSuggest: 'Link fragment "#{{fragment}}" matches no heading of {{target}}; did you mean "#{{slug}}"?',
      suggestion: 'the heading "{{heading}}" has the anchor "#{{slug}}"',
      mojibake:
        'Link fragment "#{{fragment}}" matches no heading of {{target}}: the heading "{{heading}}" would have this anchor, but its emoji is mis-encoded.',
      heading: 'this heading is mis-encoded; its anchor is "#{{slug}}"',
    },
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
    defaultSeverity: 'error',
    fixable: 'code',
    fixDescription: 'A fragment with one heading close to it ("did you mean") is pointed at that heading.',
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

\`\`\`markdown file=index.md
See [phase 2](./plan.md#phase-2-compute).
\`\`\`

\`\`\`markdown file=plan.md
# Plan

## Phase 2: Storage
\`\`\`

Correct:

\`\`\`markdown file=index.md
See [phase 2](./plan.md#phase-2-storage).
\`\`\`

## Options

None.
`,
  },
  incremental: anchorKeys,
  check(corpus, context) {
    for (const doc of corpus.documents) {
      if (doc.role === 'template' || !context.wants(doc)) continue;
      for (const link of doc.links) {
        if (!link.fragment) continue;
        const targetFile = linkTarget(doc, link);
        const keys = [fileKey(targetFile)];
        if (!context.wantsKey(keys[0]!)) continue;
        const targetDoc = corpus.byFile.get(targetFile);
        if (!targetDoc || targetDoc.problems.some((problem) => problem.fatal)) continue;
        const fragment = normaliseFragment(link.fragment);
        if (anchorsOf(targetDoc).has(fragment)) continue;
        const target = targetDoc === doc ? 'this document' : targetDoc.relPath;
        const repaired: Heading | undefined = targetDoc.headings.find((heading) => heading.repairedSlug === fragment);
        if (repaired) {
          context.report({
            keys,
            messageId: 'mojibake',
            data: { fragment: link.fragment, target, heading: repaired.text },
            at: { doc, range: link.range },
            related: [
              { at: { doc: targetDoc, range: repaired.range }, messageId: 'heading', data: { slug: repaired.slug } },
            ],
          });
          continue;
        }
        const near = closestHeading(targetDoc.headings, fragment);
        if (near) {
          context.report({
            keys,
            messageId: 'missingSuggest',
            data: { fragment: link.fragment, target, slug: near.slug },
            at: { doc, range: link.range },
            related: [
              {
                at: { doc: targetDoc, range: near.range },
                messageId: 'suggestion',
                data: { heading: near.text, slug: near.slug },
              },
            ],
            fix: { edits: [{ range: link.range, replaces: `#${link.fragment}`, text: `#${near.slug}` }] },
          });
          continue;
        }
        context.report({
          keys,
          messageId: 'missing',
          data: { fragment: link.fragment, target },
          at: { doc, range: link.range },
        });
      }
    }
  },
});
