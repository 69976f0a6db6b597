import { ruleTester } from '../helpers/rule-tester.js';

ruleTester('broken-link', {
  valid: [
    {
      name: 'a link to a document that exists',
      files: { 'index.md': '[Phase 1](./phase-1.md)\n', 'phase-1.md': '# Phase 1\n' },
    },
    {
      name: 'a link to a folder that exists',
      files: { 'index.md': '[Runbooks](./runbooks/)\n', 'runbooks/restart.md': '# Restart\n' },
    },
    {
      name: 'a link to a file that is not Markdown but exists',
      files: { 'index.md': '![Burn-down](./burndown.png)\n', 'burndown.png': 'png' },
    },
    {
      name: 'paths inside code are not links',
      files: {
        'index.md':
          'Run `cat ./missing.md` first.\n\n```bash\nls ./archive/missing-list.md\n```\n\n    [indented](./missing-too.md)\n',
      },
    },
    {
      name: 'web and mail links are not checked',
      files: { 'index.md': '[Site](https://example.com/x.md) [Mail](mailto:a@b.c) [Proto](//cdn.example.com/y.md)\n' },
    },
    {
      name: 'a same-document fragment is a link to an anchor, not a file',
      files: { 'index.md': '# Top\n\n[Up](#top)\n' },
    },
    {
      name: 'a link that leaves the linted folder to a file that exists',
      files: { 'plans/index.md': '[Repo read-me](../README.md)\n', 'README.md': '# Repo\n' },
      paths: ['plans'],
    },
    {
      name: 'a percent-encoded space in a link',
      files: { 'index.md': '[Notes](./meeting%20notes.md)\n', 'meeting notes.md': '# Notes\n' },
    },
    {
      name: 'a template is not held to its placeholder links',
      files: { 'task-template.md': '[Parent list](./PARENT-LIST.md)\n' },
    },
  ],
  invalid: [
    {
      name: 'a relative link to a missing file',
      files: { 'index.md': '# Index\n\nSee [the HPC list](./hpc-task-list.md).\n' },
      errors: [{ messageId: 'missing', file: 'index.md', line: 3, column: 5, messageIncludes: ['./hpc-task-list.md'] }],
      output: null,
    },
    {
      name: 'a link definition to a missing file',
      files: { 'index.md': 'See [the list][list].\n\n[list]: ./gone.md\n' },
      errors: [{ messageId: 'missing', file: 'index.md', line: 3 }],
    },
    {
      name: 'a missing file outside the linted folder is said to be outside',
      files: { 'plans/index.md': '[Design](../../docs/design.md)\n' },
      paths: ['plans'],
      errors: [
        {
          messageId: 'missingOutside',
          file: 'plans/index.md',
          line: 1,
          messageIncludes: ['outside the linted folder'],
        },
      ],
    },
    {
      name: 'a file moved to the archive is named',
      files: { 'index.md': '[Stream B](./stream-b.md)\n', 'archive/stream-b.md': '# Stream B\n' },
      errors: [
        {
          messageId: 'missingRenamed',
          file: 'index.md',
          line: 1,
          messageIncludes: ['archive/stream-b.md'],
          related: [{ file: 'archive/stream-b.md', line: 1 }],
        },
      ],
      output: { 'index.md': '[Stream B](./archive/stream-b.md)\n' },
    },
    {
      name: 'links in an archive break too',
      files: { 'archive/2025.md': '[Old tracker](./tracker-v1.md)\n' },
      errors: [{ messageId: 'missing', file: 'archive/2025.md', line: 1 }],
    },
  ],
});
