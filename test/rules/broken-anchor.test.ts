import { ruleTester } from '../helpers/rule-tester.js';

ruleTester('broken-anchor', {
  valid: [
    {
      name: 'a link to a heading of the same document',
      files: { 'index.md': '# Index\n\n## Completion Status\n\n[Status](#completion-status)\n' },
    },
    {
      name: 'an emoji heading slugs as on github.com',
      files: { 'index.md': '## 🎯 What to Work On Next\n\n[Next](#-what-to-work-on-next)\n' },
    },
    {
      name: 'duplicate headings are numbered',
      files: { 'index.md': '## Notes\n\n## Notes\n\n[Second notes](#notes-1)\n' },
    },
    {
      name: 'punctuation is dropped from anchors',
      files: { 'index.md': '## Phase 4 & 6: Tests (3 tasks)\n\n[Tests](#phase-4--6-tests-3-tasks)\n' },
    },
    {
      name: 'a link to a heading of another document',
      files: { 'index.md': '[Storage](./plan.md#phase-1-storage)\n', 'plan.md': '# Plan\n\n## Phase 1: Storage\n' },
    },
    { name: 'an HTML anchor', files: { 'index.md': '<a id="decisions"></a>\n\n[Decisions](#decisions)\n' } },
    {
      name: 'a target outside the linted documents is not read',
      files: { 'plans/index.md': '[Read-me](../README.md#anything)\n', 'README.md': '# Repo\n' },
      paths: ['plans'],
    },
    {
      name: 'a fragment in a code span is not a link',
      files: { 'index.md': '# Index\n\nUse `[x](#nowhere)` as a pattern.\n' },
    },
    {
      name: 'the case of a fragment does not matter',
      files: { 'index.md': '## Risk Register\n\n[Risks](#Risk-Register)\n' },
    },
  ],
  invalid: [
    {
      name: 'a fragment that matches no heading of its target, with the closest heading suggested',
      files: {
        'index.md': '[Compute](./plan.md#phase-2-compute)\n',
        'plan.md': '# Plan\n\n## Phase 2: Compute Cluster\n',
      },
      errors: [
        {
          messageId: 'missingSuggest',
          file: 'index.md',
          line: 1,
          messageIncludes: ['#phase-2-compute-cluster'],
          related: [{ file: 'plan.md', line: 3 }],
        },
      ],
      output: { 'index.md': '[Compute](./plan.md#phase-2-compute-cluster)\n' },
    },
    {
      name: 'a fragment of the same document with no heading',
      files: { 'index.md': '# Index\n\n[Statistics](#statistics-summary)\n' },
      errors: [{ messageId: 'missing', file: 'index.md', line: 3, messageIncludes: ['this document'] }],
      output: null,
    },
    {
      name: 'a heading whose emoji is mis-encoded no longer has the linked anchor',
      files: {
        'index.md': Buffer.from(
          '- [Next](#-what-to-work-on-next)\n\n## \u00fc\u00e9\u00d8 What to Work On Next\n',
          'utf8',
        ),
      },
      errors: [
        {
          messageId: 'mojibake',
          file: 'index.md',
          line: 1,
          messageIncludes: ['mis-encoded'],
          related: [{ file: 'index.md', line: 3 }],
        },
      ],
      output: null,
    },
  ],
});
