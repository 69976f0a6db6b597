import { ruleTester } from '../helpers/rule-tester.js';

ruleTester('invalid-encoding', {
  valid: [
    { name: 'UTF-8 with accents and emoji', files: { 'index.md': '# Café ✅\n' } },
    {
      name: 'UTF-8 with a byte order mark',
      files: { 'index.md': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('# Index\n')]) },
    },
  ],
  invalid: [
    {
      name: 'a Latin-1 file',
      files: { 'notes.md': Buffer.from('# Notes\n\nCaf\xe9 minutes\n', 'latin1') },
      errors: [
        { messageId: 'encoding', file: 'notes.md', line: 3, column: 4, messageIncludes: ['not valid UTF-8', '0xE9'] },
      ],
    },
    {
      name: 'a UTF-16 file is read but reported',
      files: {
        'tracker.md': Buffer.concat([
          Buffer.from([0xff, 0xfe]),
          Buffer.from('# Tracker\n\n| Task ID | Status |\n|---|---|\n| TASK-1 | Pending |\n', 'utf16le'),
        ]),
      },
      errors: [{ messageId: 'encoding', file: 'tracker.md', line: 1, messageIncludes: ['UTF-16'] }],
    },
  ],
});
