import { describe, expect, it } from 'vitest';
import { DEFAULT_TASK_ID_PATTERN } from '../../src/config.js';
import { extractDocument } from '../../src/extract/document.js';
import { buildIdMatcher, findIds, findListsOfIds } from '../../src/extract/ids.js';
import { DEFAULT_VOCABULARY } from '../../src/extract/status.js';
import { parseMarkdown } from '../../src/parse.js';

const ids = buildIdMatcher(DEFAULT_TASK_ID_PATTERN);

function extract(text: string) {
  return extractDocument(text, parseMarkdown(text), {
    file: '/plans/doc.md',
    relPath: 'doc.md',
    role: 'active',
    ids,
    vocabulary: DEFAULT_VOCABULARY,
  });
}

/** Each short form or range of a text as [prefix, from, to]. */
function groups(text: string): (string | undefined)[][] {
  return findListsOfIds(text, ids).flatMap((list) => list.groups.map((g) => [g.prefix, g.from, g.to]));
}

describe('short forms and ranges of task IDs', () => {
  it.each([
    ['Tasks 035-037', [[undefined, '035', '037']]],
    ['TASK-035-037', [['TASK-', '035', '037']]],
    ['TASK-044 through TASK-048', [['TASK-', '044', '048']]],
    ['CLOUD-0.1 to 0.2', [['CLOUD-', '0.1', '0.2']]],
    ['T001-T004', [['T', '001', '004']]],
    ['Only Task 040 remains pending', [[undefined, '040', undefined]]],
    ['(4 tasks: 040-044)', [[undefined, '040', '044']]],
    [
      '3 tasks remaining: 046, 047.1, 048',
      [
        [undefined, '046', undefined],
        [undefined, '047.1', undefined],
        [undefined, '048', undefined],
      ],
    ],
    [
      'Pending: Tasks 036-037, 040',
      [
        [undefined, '036', '037'],
        [undefined, '040', undefined],
      ],
    ],
  ])('"%s" names %j', (text, expected) => {
    expect(groups(text)).toEqual(expected);
  });

  it.each([
    ['TASK-044 through CLOUD-048', 'two schemes'],
    ['TASK-046, 2 hours', 'a duration after an ID'],
    ['Task 7 of 10', 'a count'],
    ['TASK-1 - 2 hrs', 'a title and an estimate'],
    ['Tasks 3 days', 'a duration'],
    ['TASK-040-039', 'an end before its start'],
    ['TASK-001-900', 'a range too wide to be tasks'],
    ['on 2025-10-28', 'a date'],
  ])('"%s" names no short form or range (%s)', (text) => {
    expect(groups(text)).toEqual([]);
  });

  it('"CLOUD-3.x" means all of phase 3, not a task CLOUD-3', () => {
    expect(findIds('CLOUD-3.x tasks and CLOUD-3.1', ids).map((o) => o.id)).toEqual(['CLOUD-3.1']);
  });

  it('a list of full IDs is a list too, so a status after it is every member’s', () => {
    const [list] = findListsOfIds('TASK-001, TASK-002 complete', ids);
    expect(list).toMatchObject({ index: 0, end: 18, ids: [0, 10], groups: [] });
  });
});

describe('written short forms and ranges are kept for the corpus', () => {
  it('a range keeps its place and the status the line gives it', () => {
    const facts = extract('# Status\n\n- TASK-038-043: storage consolidation ✅ (6 tasks complete)\n');
    expect(facts.writtenIds).toEqual([
      expect.objectContaining({
        prefix: 'TASK-',
        from: '038',
        to: '043',
        mention: expect.objectContaining({
          kind: 'reference',
          source: 'list',
          status: 'done',
          statusImplied: true,
          range: { start: { line: 3, column: 3 }, end: { line: 3, column: 15 } },
        }),
      }),
    ]);
  });

  it.each([
    ['**Pending**: Tasks 036-037, 040', 'pending', 'Pending'],
    ['**Active Tasks**: Task 028.1', 'in-progress', 'Active Tasks'],
    ['Only Task 040 remains pending.', 'pending', 'pending'],
    ['Tasks 035-037 NOT started', 'pending', 'NOT started'],
    ['- [x] Tasks 035-037 complete', 'done', 'complete'],
    ['- Phase 4 consolidation (3 tasks remaining: 046, 047.1, 048)', 'pending', '3 tasks remaining'],
  ])('"%s" gives its members the status %s', (line, status, text) => {
    const facts = extract(`# Tracker\n\n${line}\n`);
    expect(facts.writtenIds?.length).toBeGreaterThan(0);
    for (const written of facts.writtenIds ?? [])
      expect(written.mention).toMatchObject({ status, statusText: text, statusImplied: true });
  });

  it('a label gives its status to full IDs too: "**Completed**: TASK-001, TASK-002"', () => {
    const facts = extract('# Tracker\n\n**Completed**: TASK-001, TASK-002\n');
    expect(facts.mentions.map((m) => [m.id, m.status, m.statusImplied])).toEqual([
      ['TASK-001', 'done', true],
      ['TASK-002', 'done', true],
    ]);
  });

  it.each([
    ['start once Task 040 is complete', 'a condition'],
    ['Start Tasks 035-037 after TASK-012 is done', 'a condition'],
    ['On 10-20, Tasks 035-037 were not started', 'a dated past'],
    ['Tasks 035-037 will be pending review', 'a plan'],
    ['Is Task 040 complete?', 'a question'],
    ['**Pending**: Tasks 036-037, 040 and the storage work', 'a label over more than the list'],
    ['1. Complete: TASK-046, TASK-047', 'an instruction, not a bold label'],
    ['- [ ] Tasks 035-037 complete', 'an unticked box: a goal'],
  ])('"%s" gives no status (%s)', (line) => {
    const facts = extract(`# Tracker\n\n${line}\n`);
    for (const written of facts.writtenIds ?? []) expect(written.mention.status).toBeUndefined();
    for (const mention of facts.mentions) expect(mention.status).toBeUndefined();
  });

  it('a history section tells the past: no status', () => {
    const facts = extract('# Tracker\n\n## History\n\n- Tasks 035-037 NOT started\n');
    expect(facts.writtenIds?.[0]?.mention.status).toBeUndefined();
  });

  it('a range in a code span is an example: not kept', () => {
    const facts = extract('# Tracker\n\nRun `make Tasks 035-037` first.\n');
    expect(facts.writtenIds).toBeUndefined();
  });

  it('a range in a code block is not kept', () => {
    const facts = extract('# Tracker\n\n```\nTasks 035-037 NOT started\n```\n');
    expect(facts.writtenIds).toBeUndefined();
  });
});

describe('short IDs in a table’s ID column', () => {
  it('"**040**" among TASK-0NN rows is TASK-040, with its row', () => {
    const facts = extract(
      '| Task ID | Description | Status |\n|---|---|---|\n| TASK-039 | Registry | ✅ DONE |\n| **040** | Container registry | Pending |\n',
    );
    expect(facts.mentions.map((m) => [m.id, m.kind, m.status, m.range.start.column])).toEqual([
      ['TASK-039', 'definition', 'done', 3],
      ['TASK-040', 'definition', 'pending', 5],
    ]);
  });

  it('a column of numbers only is kept for the corpus, with each row’s status', () => {
    const facts = extract(
      '| ID | Description | Status |\n|---|---|---|\n| 040 | Registry | Pending |\n| 041 | Tests | Done |\n',
    );
    expect(facts.writtenIds?.map((w) => [w.from, w.mention.status, w.mention.source])).toEqual([
      ['040', 'pending', 'table'],
      ['041', 'done', 'table'],
    ]);
  });

  it('a "#" column counts rows: no IDs', () => {
    const facts = extract('| # | Task | Status |\n|---|---|---|\n| 1 | Registry | Pending |\n| 2 | Tests | Done |\n');
    expect(facts.writtenIds).toBeUndefined();
    expect(facts.mentions).toEqual([]);
  });

  it('a number that is not as wide as the column’s IDs is not one of them', () => {
    const facts = extract('| Task ID | Status |\n|---|---|\n| TASK-039 | Done |\n| 04.1 | Pending |\n');
    expect(facts.mentions.map((m) => m.id)).toEqual(['TASK-039']);
  });
});
