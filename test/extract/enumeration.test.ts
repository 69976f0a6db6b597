import { describe, expect, it } from 'vitest';
import { DEFAULT_TASK_ID_PATTERN } from '../../src/config.js';
import { buildIdMatcher } from '../../src/extract/ids.js';
import { extractEnumerations } from '../../src/extract/shapes/enumeration.js';
import { LineIndex } from '../../src/extract/text.js';
import { parseMarkdown } from '../../src/parse.js';

const ids = buildIdMatcher(DEFAULT_TASK_ID_PATTERN);
const read = (text: string) => extractEnumerations(parseMarkdown(text), new LineIndex(text), ids);

describe('extractEnumerations', () => {
  it('reads a "Tasks:" field of a phase, its heading and its line', () => {
    expect(read('# Plan\n\n## Phase 0: Foundation\n\n**Tasks:** CLOUD-0.1, CLOUD-0.2, CLOUD-0.3\n')).toEqual([
      {
        kind: 'tasks',
        range: { start: { line: 5, column: 1 }, end: { line: 5, column: 43 } },
        members: [
          { written: 'CLOUD-0.1', id: 'CLOUD-0.1' },
          { written: 'CLOUD-0.2', id: 'CLOUD-0.2' },
          { written: 'CLOUD-0.3', id: 'CLOUD-0.3' },
        ],
        headingLine: 3,
      },
    ]);
  });

  it('reads a "remaining" list with bare numbers, in a list item or a heading', () => {
    const lists = read(
      '# Status\n\n- Complete Phase 4 role consolidation (3 tasks remaining: 046, 047.1, 048)\n\n## Storage (Remaining: TASK-046, 048)\n',
    );
    expect(lists.map((list) => [list.kind, list.range.start.line, list.members])).toEqual([
      ['remaining', 3, [{ written: '046' }, { written: '047.1' }, { written: '048' }]],
      [
        'remaining',
        5,
        [
          { written: 'TASK-046', id: 'TASK-046' },
          { written: '048', id: 'TASK-048' },
        ],
      ],
    ]);
  });

  it.each([
    ['a sample', '**Tasks:** e.g. CLOUD-0.1, CLOUD-0.2\n'],
    ['"such as"', 'Remaining: such as TASK-046, TASK-048\n'],
    ['"including"', '**Tasks:** including CLOUD-0.1, CLOUD-0.2\n'],
    ['a preview', 'Next up (remaining: TASK-046, TASK-048)\n'],
    ['a range', '**Tasks:** CLOUD-0.1 to 0.3\n'],
    ['notes after the IDs', '**Tasks:** CLOUD-0.1, CLOUD-0.2 (and the DNS work)\n'],
    ['a single task', '**Tasks:** CLOUD-0.1\n'],
    ['a dated line', 'On 2025-10-20, 2 tasks remaining: TASK-046, TASK-048\n'],
    ['the past', '2 tasks were remaining: TASK-046, TASK-048\n'],
    ['bare numbers in a "Tasks:" field', '**Tasks:** 0.1, 0.2\n'],
    ['a history section', '## History\n\n**Tasks:** CLOUD-0.1, CLOUD-0.2\n'],
    ['an example section', '## Example\n\n**Tasks:** CLOUD-0.1, CLOUD-0.2\n'],
    ['code', '```md\n**Tasks:** CLOUD-0.1, CLOUD-0.2\n```\n'],
  ])('claims nothing for %s', (_name, text) => {
    expect(read(`# Plan\n\n${text}`)).toEqual([]);
  });
});
