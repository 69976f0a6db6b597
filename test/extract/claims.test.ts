import { describe, expect, it } from 'vitest';
import { DEFAULT_TASK_ID_PATTERN } from '../../src/config.js';
import { durationsIn, extractClaims, fractionsIn, taskCountIn } from '../../src/extract/claims.js';
import { buildIdMatcher } from '../../src/extract/ids.js';
import { DEFAULT_VOCABULARY } from '../../src/extract/status.js';
import { LineIndex } from '../../src/extract/text.js';
import { parseMarkdown } from '../../src/parse.js';
import { formatFacts } from '../../src/report/facts.js';
import { buildCorpus, resolveLoadedConfig } from '../../src/lint.js';
import { writeFolder } from '../helpers/rule-tester.js';
import type { List, PhrasingContent, Root, TableCell, TableRow } from 'mdast';
import type { Claim } from '../../src/types.js';

const ids = buildIdMatcher(DEFAULT_TASK_ID_PATTERN);

function claims(text: string): Claim[] {
  return extractClaims(parseMarkdown(text), new LineIndex(text), { ids, vocabulary: DEFAULT_VOCABULARY });
}

describe('reading numbers', () => {
  it('a task count is one "N tasks" that does not count done tasks or sit in a fraction', () => {
    expect(taskCountIn('Phase 4: Consolidation (6 tasks)')).toMatchObject({ stated: 6, remaining: false });
    expect(taskCountIn('HPC SLURM Deployment (17 tasks remaining)')).toMatchObject({ stated: 17, remaining: true });
    expect(taskCountIn('Remove Pharos References (10 tasks, 2 deprecated)')).toMatchObject({
      stated: 10,
      deprecated: 2,
    });
    expect(taskCountIn('Phase 1 (3 tasks - 1.5 hrs)')).toMatchObject({ stated: 3 });
    expect(taskCountIn('Category 1 (3 days)')).toBeUndefined();
    expect(taskCountIn('8 of 10 tasks')).toBeUndefined();
    expect(taskCountIn('3 tasks complete')).toBeUndefined();
    expect(taskCountIn('2 tasks now, 3 tasks later')).toBeUndefined();
  });

  it('a fraction needs words that say it counts tasks; a date is not one', () => {
    expect(fractionsIn('Status: 60% Complete (29/48 tasks)')).toMatchObject([{ done: 29, total: 48, percent: 60 }]);
    expect(fractionsIn('64% (31/48)')).toMatchObject([{ done: 31, total: 48, percent: 64 }]);
    expect(fractionsIn('8 of 10 tasks complete (2 deprecated)')).toMatchObject([{ done: 8, total: 10, deprecated: 2 }]);
    expect(fractionsIn('76% complete (94/124, excluding 2 deprecated)')).toMatchObject([
      { done: 94, total: 124, deprecated: 2 },
    ]);
    expect(fractionsIn('Phase 4 (18/22 complete)')).toMatchObject([{ done: 18, total: 22 }]);
    expect(fractionsIn('Reviewed 10/30, shipped 24/7, version 1/2.5')).toEqual([]);
    expect(fractionsIn('12/10 tasks')).toEqual([]);
  });

  it('durations in clock or calendar units', () => {
    expect(durationsIn('2 hrs, 30 min, 1.5 hours').map((d) => [d.value, d.unit])).toEqual([
      [120, 'minutes'],
      [30, 'minutes'],
      [90, 'minutes'],
    ]);
    expect(durationsIn('3 days and 2 weeks').map((d) => [d.value, d.unit])).toEqual([
      [3, 'days'],
      [10, 'days'],
    ]);
    expect(durationsIn('500-800 lines, SmolLM-135M, 2025-10-30')).toEqual([]);
  });

  it('a range of one unit is one duration from its low to its high end', () => {
    expect(durationsIn('~3-4 weeks')).toMatchObject([{ value: 15, max: 20, unit: 'days', approximate: true }]);
    expect(durationsIn('8-10 hours, then 2 hrs')).toMatchObject([
      { value: 480, max: 600, unit: 'minutes', text: '8-10 hours' },
      { value: 120, unit: 'minutes' },
    ]);
    expect(durationsIn('2 to 3 days')).toMatchObject([{ value: 2, max: 3 }]);
    expect(durationsIn('10-8 hours')).toEqual([]);
  });
});

describe('claims and their subjects', () => {
  it('binds a status line to its section and the task list the section references', () => {
    const found = claims(
      '# Tracker\n\n## Workstream 1: HPC\n\n**Status:** 60% Complete (29/48 tasks)  \n**Reference:** [`hpc.md`](./hpc.md)\n',
    );
    expect(found).toMatchObject([
      {
        kind: 'progress',
        done: 29,
        total: 48,
        subject: { label: 'Workstream 1: HPC', links: ['./hpc.md'], document: false },
        range: { start: { line: 5, column: 27 } },
      },
    ]);
  });

  it('a status line under the only title is about the document', () => {
    const found = claims('# Phase 1: Storage\n\n**Status:** 4 of 6 tasks complete\n');
    expect(found).toMatchObject([{ kind: 'progress', subject: { label: 'Phase 1: Storage', document: true } }]);
  });

  it("a table row is bound to its label and its own link; a path several rows link to is no one's", () => {
    const found = claims(
      '# Index\n\n| Task List | Total Tasks | Completed |\n|---|---|---|\n| [HPC](./hpc.md) | 48 | 31 |\n| Tests [archive](./archive.md) | 15 | 15 |\n| Roles [archive](./archive.md) | 10 | 10 |\n',
    );
    expect(found.map((c) => c.kind === 'progress' && [c.subject.label, c.subject.links, c.done, c.total])).toEqual([
      ['HPC', ['./hpc.md'], 31, 48],
      ['Tests archive', [], 15, 15],
      ['Roles archive', [], 10, 10],
    ]);
  });

  it('numbers in inline code and code blocks are no claims', () => {
    expect(
      claims(
        '# Doc\n\n### Phase 1 `(6 tasks)`\n\n**Status:** `29/48 tasks`\n\n```\n### Phase 2 (6 tasks)\n| TOTAL | 4 |\n```\n',
      ),
    ).toEqual([]);
  });

  it('a count is tied to the first table under its heading, not to a list after it nor to a subsection', () => {
    const text =
      '# T\n\n### Phase 4 (3 tasks)\n\n| Task ID | Description |\n|---|---|\n| TASK-1 | a |\n| TASK-2 | b |\n\n**Changes:**\n\n- one\n- two\n- three\n\n#### Notes\n\n| Task ID | Description |\n|---|---|\n| TASK-3 | c |\n';
    const count = claims(text).find((c) => c.kind === 'count');
    expect(count).toMatchObject({ stated: 3, evidence: { of: 'table rows' } });
    expect(count?.kind === 'count' && count.evidence?.parts.map((p) => p.text)).toEqual(['TASK-1', 'TASK-2']);
  });

  it('a table with a row that is not a task is not counted', () => {
    const count = claims(
      '# T\n\n### Phase 4 (3 tasks)\n\n| Task ID | Description |\n|---|---|\n| TASK-1 | a |\n| **Phase 4b** | |\n| TASK-2 | b |\n',
    ).find((c) => c.kind === 'count');
    expect(count).toMatchObject({ stated: 3 });
    expect(count?.kind === 'count' && count.evidence).toBeUndefined();
  });
});

describe('odd input never throws', () => {
  it('ragged rows, empty cells, cells that are only markup', () => {
    const text =
      '# T\n\n### Phase (2 tasks)\n\n| Task ID | Duration | Total |\n|---|---|---|\n| TASK-1 |\n| | | |\n| TASK-2 | 2 hrs | 3 | 4 | 5 |\n| **TOTAL** | ** ** | |\n| Total |\n';
    expect(() => claims(text)).not.toThrow();
  });

  // Built as trees: remark itself takes seconds on such input, and this tests the extractor.
  it('a table of 10,000 columns with a TOTAL row', () => {
    const columns = 10_000;
    const row = (first: string, cell: string): TableRow => ({
      type: 'tableRow',
      children: [first, ...Array.from({ length: columns }, () => cell)].map((value): TableCell => ({
        type: 'tableCell',
        children: [{ type: 'text', value }],
      })),
    });
    const tree: Root = {
      type: 'root',
      children: [{ type: 'table', children: [row('List', 'Tasks'), row('A', '1'), row('B', '2'), row('TOTAL', '4')] }],
    };
    const found = extractClaims(tree, new LineIndex(''), { ids, vocabulary: DEFAULT_VOCABULARY }).filter(
      (c) => c.kind === 'total',
    );
    expect(found).toHaveLength(columns);
    expect(found[0]).toMatchObject({ stated: 4, parts: [{ value: 1 }, { value: 2 }] });
  });

  it('lists and emphasis nested 10,000 deep', () => {
    let list: List = {
      type: 'list',
      children: [
        {
          type: 'listItem',
          children: [{ type: 'paragraph', children: [{ type: 'text', value: 'Leaf (2 tasks) 1 hr' }] }],
        },
      ],
    };
    for (let i = 0; i < 10_000; i++) {
      list = {
        type: 'list',
        children: [
          {
            type: 'listItem',
            children: [{ type: 'paragraph', children: [{ type: 'text', value: `Level ${i} (1 task) 1 hr` }] }, list],
          },
        ],
      };
    }
    let emphasis: PhrasingContent = { type: 'text', value: 'Status: 3/4 tasks' };
    for (let i = 0; i < 10_000; i++) emphasis = { type: 'emphasis', children: [emphasis] };
    const tree: Root = {
      type: 'root',
      children: [
        { type: 'heading', depth: 2, children: [emphasis] },
        list,
        { type: 'paragraph', children: [emphasis] },
      ],
    };
    expect(() => extractClaims(tree, new LineIndex(''), { ids, vocabulary: DEFAULT_VOCABULARY })).not.toThrow();
  });

  it('block quotes and lists a parser has to nest', () => {
    const lists = Array.from({ length: 60 }, (_, i) => `${'  '.repeat(i)}- (2 tasks) 1 hr`).join('\n');
    expect(() => claims(`# T\n\n${lists}\n\n${'>'.repeat(500)} Status: 3/4 tasks\n`)).not.toThrow();
  });

  it('huge numbers and a fraction of zero', () => {
    expect(() =>
      claims(
        '# T\n\n**Status:** 99999/99999 tasks, 0/0 tasks, 1e308 hrs\n\n### X (99999 tasks)\n\n| Task ID |\n|---|\n| TASK-1 |\n',
      ),
    ).not.toThrow();
  });
});

describe('tasklint facts', () => {
  it('lists each claim with its subject and evidence, in text and in JSON', async () => {
    const dir = writeFolder({
      'tracker.md':
        '# Tracker\n\n## Workstream 1: HPC\n\n**Status:** 60% Complete (29/48 tasks)\n\n**Reference:** [hpc](./hpc.md)\n\n### Phase 4 (6 tasks - 2 hrs)\n\n| Task ID | Description | Duration |\n|---|---|---|\n| TASK-1 | a | 1 hr |\n| TASK-2 | b | 1 hr |\n',
    });
    const corpus = await buildCorpus(['.'], dir, resolveLoadedConfig({ cwd: dir }));
    const text = formatFacts(corpus, { json: false, cwd: dir });
    expect(text).toContain('tracker.md:5  fraction 29/48 60%  "29/48 tasks"  [Workstream 1: HPC → ./hpc.md]');
    expect(text).toContain('tracker.md:9  count 6 tasks  "6 tasks"  [Phase 4]  over 2 table rows (lines 13-14)');
    expect(text).toContain('tracker.md:9  duration 2 hrs  "2 hrs"  [Phase 4]  over 2 table rows: 1 hr, 1 hr');
    const json = JSON.parse(formatFacts(corpus, { json: true, cwd: dir })) as { documents: { claims: Claim[] }[] };
    expect(json.documents[0]!.claims.map((c) => [c.kind, c.subject.label])).toEqual([
      ['progress', 'Workstream 1: HPC'],
      ['count', 'Phase 4'],
      ['duration', 'Phase 4'],
    ]);
  });
});

describe('figures over the table rows they sum', () => {
  it('a metric table: "Total tasks defined" over its completed, in progress and pending rows', () => {
    const found = claims(
      '# Index\n\n| Metric | Value |\n|---|---|\n| Total tasks defined | 124 (2 deprecated) |\n| Tasks completed | 94 (76%) |\n| Tasks in progress | 0 (0%) |\n| Tasks pending | 29 (23%) |\n| Estimated remaining time | ~23.5 hours |\n',
    ).filter((claim) => claim.kind === 'total');
    expect(found).toMatchObject([
      { of: 'rows', stated: 124, deprecated: 2, parts: [{ value: 94 }, { value: 0 }, { value: 29 }] },
    ]);
  });

  it('"Adjusted Total (excluding completed streams)" under a completion table sums its rows that are not complete', () => {
    const found = claims(
      '# Index\n\n| Task List | Total Tasks | Completed |\n|---|---|---|\n| HPC | 48 | 31 |\n| Docs | 31 | 31 |\n| Rebranding | 10 (2 deprecated) | 8 |\n| **TOTAL** | 89 | 70 |\n\n**Adjusted Total (excluding completed streams):** 58 tasks (2 deprecated), 39 complete (67%)\n',
    ).filter((claim) => claim.kind === 'total' && claim.of === 'rows');
    expect(found).toMatchObject([
      { stated: 58, deprecated: 2, parts: [{ value: 48 }, { value: 10, deprecated: 2 }] },
      { stated: 39, parts: [{ value: 31 }, { value: 8 }] },
    ]);
  });
});
