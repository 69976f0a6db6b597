import { describe, expect, it } from 'vitest';
import { DEFAULT_TASK_ID_PATTERN } from '../../src/config.js';
import { buildIdMatcher } from '../../src/extract/ids.js';
import { extractGroups, idCell } from '../../src/extract/shapes/groups.js';
import { DEFAULT_VOCABULARY } from '../../src/extract/status.js';
import { LineIndex } from '../../src/extract/text.js';
import { parseMarkdown } from '../../src/parse.js';

const ids = buildIdMatcher(DEFAULT_TASK_ID_PATTERN);

describe('a cell of task IDs', () => {
  it.each([
    ['CLOUD-0.1 to 0.2', [{ prefix: 'CLOUD-', from: '0.1', to: '0.2', text: 'CLOUD-0.1 to 0.2' }]],
    ['**TASK-035-037**', [{ prefix: 'TASK-', from: '035', to: '037', text: 'TASK-035-037' }]],
    [
      'T001, T002',
      [
        { prefix: 'T', from: '001', text: 'T001' },
        { prefix: 'T', from: '002', text: 'T002' },
      ],
    ],
  ])('"%s" names %j', (text, ends) => {
    expect(idCell(text, ids)).toEqual(ends);
  });

  it.each([
    ['CLOUD-0.1 to 0.2 (see notes)', 'more than IDs'],
    ['Setup CLOUD-0.1', 'words before the IDs'],
    ['TASK-035 to CLOUD-037', 'a range between two schemes'],
    ['2 weeks', 'no ID'],
  ])('"%s" names nothing: %s', (text) => {
    expect(idCell(text, ids)).toBeUndefined();
  });
});

describe('an index row with a cell of its tasks', () => {
  const members = (table: string) =>
    extractGroups(parseMarkdown(table), new LineIndex(table), 'index.md', DEFAULT_VOCABULARY, ids).map((group) =>
      group.members?.map((end) => end.text),
    );

  it('gives its group the tasks of its Tasks column', () => {
    expect(
      members(
        '| Phase | Tasks | Duration | Status |\n|---|---|---|---|\n| Phase 0: Foundation | CLOUD-0.1 to 0.2 | 2 weeks | Not Started |\n',
      ),
    ).toEqual([['CLOUD-0.1 to 0.2']]);
  });

  it('not those of a dependency column', () => {
    expect(
      members(
        '| Phase | Depends on | Status |\n|---|---|---|\n| Phase 1: Storage | CLOUD-0.1 to 0.2 | Not Started |\n',
      ),
    ).toEqual([undefined]);
  });
});
