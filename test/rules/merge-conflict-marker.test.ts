import { ruleTester } from '../helpers/rule-tester.js';

const conflicted = `# Phase 2: Storage

### TASK-12: Mount shared storage

<<<<<<< HEAD
**Status:** ⚠️ IN PROGRESS
=======
**Status:** ✅ COMPLETE
>>>>>>> storage-fix

### TASK-13: Benchmarks
`;

ruleTester('merge-conflict-marker', {
  valid: [
    {
      name: 'a setext heading underlined with seven equals signs',
      files: { 'plan.md': 'Phase 2\n=======\n\nSome text.\n' },
    },
    {
      name: 'a lone line of equals signs after a blank line',
      files: { 'plan.md': '# Plan\n\nAbove.\n\n=======\n\nBelow.\n' },
    },
    {
      name: 'markers inside a fenced code block',
      files: {
        'git-howto.md': '# Resolving conflicts\n\n```text\n<<<<<<< HEAD\nours\n=======\ntheirs\n>>>>>>> branch\n```\n',
      },
    },
    {
      name: 'markers inside an indented code block',
      files: {
        'git-howto.md':
          '# Resolving conflicts\n\nA conflict looks like this:\n\n    <<<<<<< HEAD\n    ours\n    >>>>>>> branch\n',
      },
    },
    { name: 'eight angle brackets are not a marker', files: { 'plan.md': '# Plan\n\n<<<<<<<< not a marker\n' } },
    { name: 'a quote nested a few levels deep', files: { 'plan.md': '# Plan\n\n>>> quoted three levels deep\n' } },
  ],
  invalid: [
    {
      name: 'a whole conflict inside a task section: one finding',
      files: { 'phase-2.md': conflicted },
      errors: [
        {
          messageId: 'conflict',
          file: 'phase-2.md',
          line: 5,
          column: 1,
          messageIncludes: ['"<<<<<<< HEAD" here, "=======" at line 7, ">>>>>>> storage-fix" at line 9'],
          related: [
            { file: 'phase-2.md', line: 7 },
            { file: 'phase-2.md', line: 9 },
          ],
        },
      ],
    },
    {
      name: 'a diff3 conflict with its base section, and a second conflict',
      files: {
        'plan.md':
          '# Plan\n\n<<<<<<< ours\na\n||||||| base\nb\n=======\nc\n>>>>>>> theirs\n\ntext\n\n<<<<<<< HEAD\nx\n=======\ny\n>>>>>>> other\n',
      },
      errors: [
        {
          messageId: 'conflict',
          file: 'plan.md',
          line: 3,
          related: [
            { file: 'plan.md', line: 5 },
            { file: 'plan.md', line: 7 },
            { file: 'plan.md', line: 9 },
          ],
        },
        {
          messageId: 'conflict',
          file: 'plan.md',
          line: 13,
          related: [
            { file: 'plan.md', line: 15 },
            { file: 'plan.md', line: 17 },
          ],
        },
      ],
    },
    {
      name: 'a closing marker left behind after a hand merge',
      files: { 'plan.md': '# Plan\n\n- TASK-12 done\n>>>>>>> storage-fix\n' },
      errors: [
        {
          messageId: 'lone',
          file: 'plan.md',
          line: 4,
          messageIncludes: ['">>>>>>> storage-fix" left here, without an opening "<<<<<<<"'],
        },
      ],
    },
    {
      name: 'an opening marker with no end, in an archived file too',
      files: { 'archive/old.md': '# Old\n\n<<<<<<< HEAD\n- TASK-1 done\n=======\n' },
      errors: [
        {
          messageId: 'lone',
          file: 'archive/old.md',
          line: 3,
          messageIncludes: ['without a closing ">>>>>>>"'],
          related: [{ file: 'archive/old.md', line: 5 }],
        },
      ],
    },
  ],
});
