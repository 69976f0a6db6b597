import { ruleTester } from '../helpers/rule-tester.js';

ruleTester('unknown-rule-in-directive', {
  valid: [
    {
      name: 'a comment naming a rule',
      files: { 'index.md': '# Index\n\n<!-- tasklint-disable-next-line broken-link -->\n[a](./a.md)\n' },
    },
    { name: 'a comment naming every rule', files: { 'index.md': '<!-- tasklint-disable-file -->\n# Index\n' } },
    {
      name: 'a description after two dashes is not read as rule ids',
      files: {
        'index.md':
          '# Index\n\n<!-- tasklint-disable-next-line broken-link, broken-anchor -- written later by the release job -->\n[a](./a.md#top)\n',
      },
    },
    {
      name: 'a comment inside a code block is an example, not a directive',
      files: { 'howto.md': '# How to\n\n```markdown\n<!-- tasklint-disable broken-linkz -->\n```\n' },
    },
  ],
  invalid: [
    {
      name: 'a misspelt rule id, with the rule meant',
      files: { 'index.md': '# Index\n\n<!-- tasklint-disable-next-line broken-links -->\n[a](./a.md)\n' },
      errors: [
        {
          messageId: 'unknownRule',
          file: 'index.md',
          line: 3,
          column: 33,
          messageIncludes: [
            'tasklint-disable-next-line names "broken-links", which is not a tasklint rule (did you mean "broken-link"?): the comment silences nothing under that name.',
          ],
        },
      ],
    },
    {
      name: 'each unknown name of a comment, in a list item, with and without a close one',
      files: {
        'plan.md': '# Plan\n\n- <!-- tasklint-disable broken-link, task-status -->\n- <!-- tasklint-enable xyzzy -->\n',
      },
      errors: [
        {
          messageId: 'unknownRule',
          file: 'plan.md',
          line: 3,
          column: 38,
          messageIncludes: ['"task-status"', 'did you mean "task-status-conflict"?'],
        },
        {
          messageId: 'unknownRule',
          file: 'plan.md',
          line: 4,
          column: 24,
          messageIncludes: ['tasklint-enable names "xyzzy"', '(`tasklint --rules` lists them)'],
        },
      ],
    },
    {
      name: 'an archived document is checked too',
      files: { 'archive/old.md': '# Old\n\n<!-- tasklint-disable-file mojibak -->\n' },
      errors: [
        { messageId: 'unknownRule', file: 'archive/old.md', line: 3, messageIncludes: ['did you mean "mojibake"?'] },
      ],
    },
  ],
});
