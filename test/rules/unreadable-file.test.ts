import { ruleTester } from '../helpers/rule-tester.js';

const png = Buffer.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
]);

ruleTester('unreadable-file', {
  valid: [
    { name: 'an empty file is a document with nothing in it', files: { 'empty.md': '' } },
    {
      name: 'a file with a UTF-8 byte order mark',
      files: { 'index.md': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('# Index\n')]) },
    },
    {
      name: 'a binary file that is not Markdown is not discovered',
      files: { 'index.md': '# Index\n', 'chart.png': png },
    },
  ],
  invalid: [
    {
      name: 'a binary file named .md',
      files: { 'chart.md': png, 'index.md': '# Index\n' },
      errors: [{ messageId: 'unreadable', file: 'chart.md', line: 1, messageIncludes: ['binary'] }],
    },
    {
      name: 'a file over the size limit',
      files: { 'big.md': `# Big\n\n${'x'.repeat(3000)}\n`, 'index.md': '# Index\n' },
      config: { maxFileSize: 1000 },
      errors: [
        {
          messageId: 'unreadable',
          file: 'big.md',
          line: 1,
          messageIncludes: ['over the 1000 bytes limit', 'maxFileSize'],
        },
      ],
    },
  ],
});
