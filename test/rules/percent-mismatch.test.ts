import { describe, expect, it } from 'vitest';
import { percentAgrees } from '../../rules/percent-mismatch.js';
import { ruleTester } from '../helpers/rule-tester.js';

describe('percentAgrees', () => {
  it.each([
    [64, 31, 48, true], // 64.58: truncated
    [65, 31, 48, true], // rounded
    [76, 94, 124, true], // 75.8: rounded
    [60, 29, 48, true], // 60.4
    [33.3, 1, 3, true],
    [54, 39, 68, false], // 57.35
    [63, 31, 48, false],
    [33.4, 1, 3, true], // rounded up at one decimal
    [33.5, 1, 3, false],
    [0, 0, 12, true],
    [100, 0, 0, true], // no denominator: nothing to check
  ])('%d%% of %d/%d agrees: %s', (percent, numerator, denominator, expected) => {
    expect(percentAgrees({ percent, numerator, denominator })).toBe(expected);
  });
});

ruleTester('percent-mismatch', {
  valid: [
    { name: 'rounding down (truncation)', files: { 'index.md': '**Status:** 64% (31/48)\n' } },
    {
      name: 'thousands separated by a comma',
      files: { 'index.md': '**Overall Progress:** 9% (103 of 1,171 hours complete)\n\n- Hours: 1,031/1,171 (88%)\n' },
    },
    {
      name: 'rounding to nearest',
      files: { 'index.md': '**Overall Progress:** 76% complete (94/124, excluding 2 deprecated)\n' },
    },
    {
      name: 'fraction written as N of M',
      files: { 'index.md': '- **Status:** 80% complete (8 of 10 tasks, 2 deprecated)\n' },
    },
    {
      name: 'a percentage with no fraction beside it',
      files: { 'index.md': '- Test code reduced by 2,338 lines (71% reduction)\n' },
    },
    {
      name: 'a table row whose % agrees with its counts',
      files: {
        'index.md':
          '| Task List | Total Tasks | Completed | Completion % |\n|---|---|---|---|\n| HPC | 48 | 31 | 64% |\n| Docs | 10 (2 deprecated) | 8 | 80% |\n',
      },
    },
    {
      name: 'a Completion % column after a Progress column of fractions, agreeing',
      files: {
        'index.md':
          '| Phase | Progress | Total | Done | Completion % |\n|---|---|---|---|---|\n| Phase 2 | 3/7 | 7 | 3 | 43% |\n',
      },
    },
    {
      name: 'counts with thousands separators ("15% (175 of 1,171 hours complete)")',
      files: { 'index.md': '**Total Project Progress:** 15% (175 of 1,171 hours complete)\n' },
    },
    { name: 'an archive keeps its old figures', files: { 'archive/q3.md': '**Status:** 54% (39/68)\n' } },
    { name: 'numbers inside code are not claims', files: { 'index.md': '```text\nprogress 54% (39/68)\n```\n' } },
    {
      name: 'a percentage far from an unrelated fraction',
      files: {
        'index.md': 'Throughput 92% of target. Later, in another sentence entirely, we did (3/4) of the reviews.\n',
      },
    },
  ],
  invalid: [
    {
      name: 'a percentage that disagrees with its own fraction',
      files: { 'index.md': '# Index\n\n**Active Work Progress:** 54% complete (39/68, excluding 2 deprecated).\n' },
      errors: [{ messageId: 'mismatch', file: 'index.md', line: 3, messageIncludes: ['54%', '39/68', '57.35%'] }],
      output: { 'index.md': '# Index\n\n**Active Work Progress:** 57% complete (39/68, excluding 2 deprecated).\n' },
    },
    {
      name: 'a percentage that disagrees with counts written with thousands separators',
      files: { 'index.md': '**Progress:** 25% (175 of 1,171 hours complete)\n' },
      errors: [{ messageId: 'mismatch', file: 'index.md', line: 1, messageIncludes: ['25%', '175/1171'] }],
    },
    {
      name: 'a percentage that disagrees with a fraction written with thousands separators',
      files: { 'index.md': '**Overall Progress:** 19% (103 of 1,171 hours complete)\n' },
      errors: [{ messageId: 'mismatch', file: 'index.md', line: 1, messageIncludes: ['19%', '103/1171'] }],
    },
    {
      name: 'a fraction followed by its percentage',
      files: { 'index.md': '- Storage: 4/6 tasks (50%)\n' },
      errors: [{ messageId: 'mismatch', file: 'index.md', line: 1, messageIncludes: ['4/6'] }],
      output: { 'index.md': '- Storage: 4/6 tasks (67%)\n' },
    },
    {
      name: 'a table row whose % disagrees with its counts',
      files: {
        'index.md':
          '| Task List | Total Tasks | Completed | Completion % |\n|---|---|---|---|\n| HPC | 48 | 31 | 58% |\n',
      },
      errors: [{ messageId: 'mismatch', file: 'index.md', line: 3, messageIncludes: ['58%', '31/48'] }],
      output: {
        'index.md':
          '| Task List | Total Tasks | Completed | Completion % |\n|---|---|---|---|\n| HPC | 48 | 31 | 65% |\n',
      },
    },
    {
      name: 'a Completion % column after a Progress column of fractions, disagreeing',
      files: {
        'index.md':
          '| Phase | Progress | Total | Done | Completion % |\n|---|---|---|---|---|\n| Phase 2 | 3/7 | 7 | 3 | 60% |\n',
      },
      errors: [{ messageId: 'mismatch', file: 'index.md', line: 3, messageIncludes: ['60%', '3/7'] }],
      output: {
        'index.md':
          '| Phase | Progress | Total | Done | Completion % |\n|---|---|---|---|---|\n| Phase 2 | 3/7 | 7 | 3 | 43% |\n',
      },
    },
  ],
});
