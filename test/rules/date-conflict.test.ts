import { describe, expect, it } from 'vitest';
import { parseDate } from '../../src/extract/dates.js';
import { lintWithRule, ruleTester } from '../helpers/rule-tester.js';

describe('parseDate', () => {
  it.each([
    ['2025-10-30', '2025-10-30'],
    ['2025/10/30 14:00', '2025-10-30'],
    ['Oct 30, 2025', '2025-10-30'],
    ['October 3rd 2025', '2025-10-03'],
    ['30 October 2025', '2025-10-30'],
    ['2025-02-30', undefined],
    ['10/30/2025', undefined],
    ['TBD', undefined],
  ])('%s is %s', (text, iso) => {
    expect(parseDate(text)?.date).toBe(iso);
  });
});

const doc = (
  top: string,
  bottom: string,
  middle = '## Tasks\n\n| Task ID | Status |\n|---|---|\n| TASK-1 | Pending |',
): string => `# Tracker

${top}

${middle}

---

${bottom}
`;

ruleTester('date-conflict', {
  valid: [
    {
      name: 'top and bottom agree, review after update (the seeds)',
      files: {
        'tracker.md': doc(
          '**Last Updated:** 2025-10-30  \n**Active Tasks:** 3',
          '**Last Updated:** 2025-10-30  \n**Next Review:** 2025-11-01',
        ),
      },
    },
    {
      name: 'last review and last major update are other facts',
      files: {
        'index.md': doc(
          '**Last Updated:** 2025-10-30',
          '**Last Review:** 2025-10-29  \n**Last Major Update:** 2025-10-12 - storage fixed',
        ),
      },
    },
    {
      name: 'sections keep their own dates',
      files: {
        'tracker.md': doc(
          '**Last Updated:** 2025-10-30',
          '**Last Updated:** 2025-10-30',
          '## TASK-1: Storage\n\n**Last Updated:** 2025-09-01\n\n## TASK-2: Compute\n\n- Created: 2025-08-01\n- Last Updated: 2025-08-15',
        ),
      },
    },
    {
      name: 'the same date written two ways',
      files: { 'tracker.md': doc('Last updated: Oct 30, 2025', '*Last updated: 2025-10-30*') },
    },
    {
      name: 'an archive keeps its old dates',
      files: { 'archive/tracker.md': doc('**Last Updated:** 2025-10-30', '**Last Updated:** 2025-09-01') },
    },
    {
      name: 'a template holds placeholder dates',
      files: { 'task-template.md': doc('**Last Updated:** 2025-01-01', '**Last Updated:** 2024-01-01') },
    },
    {
      name: 'dates in code are not the document’s',
      files: { 'tracker.md': doc('**Last Updated:** 2025-10-30', '```text\nLast Updated: 2025-09-01\n```') },
    },
    {
      name: 'a date in a changelog list is not a Last Updated field',
      files: {
        'tracker.md': doc('**Last Updated:** 2025-10-30', '**Changelog:**\n\n- 2025-09-01: created the tracker'),
      },
    },
  ],
  invalid: [
    {
      name: 'top and bottom "Last Updated" differ: reported at the older one',
      files: {
        'tracker.md': doc(
          '**Last Updated:** 2025-10-30',
          '**Last Updated:** 2025-10-28  \n**Next Review:** 2025-11-01',
        ),
      },
      errors: [
        {
          messageId: 'lastUpdatedMismatch',
          file: 'tracker.md',
          line: 13,
          column: 19,
          messageIncludes: ['"Last Updated" says 2025-10-28 here but 2025-10-30 at line 3'],
          related: [{ file: 'tracker.md', line: 3 }],
        },
      ],
    },
    {
      name: 'front matter and the header differ',
      files: {
        'tracker.md': `---\ntitle: Tracker\nlast_updated: 2025-10-01\n---\n\n${doc('**Last Updated:** 2025-10-30', 'Owner: platform team')}`,
      },
      errors: [
        {
          messageId: 'lastUpdatedMismatch',
          file: 'tracker.md',
          line: 3,
          messageIncludes: ['"last_updated" says 2025-10-01'],
          related: [{ file: 'tracker.md', line: 8 }],
        },
      ],
    },
    {
      name: 'a next review before the last update',
      files: { 'tracker.md': doc('**Last Updated:** 2025-10-30', '**Next Review:** 2025-10-15') },
      errors: [
        {
          messageId: 'reviewBeforeUpdate',
          file: 'tracker.md',
          line: 13,
          messageIncludes: ['"Next Review" is 2025-10-15, before "Last Updated" 2025-10-30 at line 3'],
          related: [{ file: 'tracker.md', line: 3 }],
        },
      ],
    },
    {
      name: 'created after the last update',
      files: {
        'tracker.md': doc('**Created:** 2025-11-02  \n**Last Updated:** 2025-10-30', '**Owner:** platform team'),
      },
      errors: [
        {
          messageId: 'createdAfterUpdate',
          file: 'tracker.md',
          line: 3,
          messageIncludes: ['"Created" is 2025-11-02, after "Last Updated" 2025-10-30 at line 4'],
          related: [{ file: 'tracker.md', line: 4 }],
        },
      ],
    },
    {
      name: 'created after the last update within one task section',
      files: {
        'tracker.md': doc(
          '**Owner:** platform team',
          '**Owner:** platform team',
          '## TASK-2: Compute\n\n- Created: 2025-09-20\n- Last Updated: 2025-08-15',
        ),
      },
      errors: [
        { messageId: 'createdAfterUpdate', file: 'tracker.md', line: 7, related: [{ file: 'tracker.md', line: 8 }] },
      ],
    },
  ],
});

describe('date-conflict severity', () => {
  it('a review date left behind is a warning, two Last Updated dates an error', async () => {
    const { diagnostics } = await lintWithRule('date-conflict', {
      'tracker.md': doc('**Last Updated:** 2025-10-30', '**Last Updated:** 2025-10-28  \n**Next Review:** 2025-10-20'),
    });
    expect(diagnostics.map((d) => [d.messageId, d.severity])).toEqual([
      ['lastUpdatedMismatch', 'error'],
      ['reviewBeforeUpdate', 'warning'],
    ]);
  });
});
