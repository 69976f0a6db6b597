import { describe, expect, it } from 'vitest';
import { DEFAULT_TASK_ID_PATTERN } from '../../src/config.js';
import { extractDocument } from '../../src/extract/document.js';
import { buildIdMatcher, findIdLists, findIds } from '../../src/extract/ids.js';
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

describe('task IDs', () => {
  it('the default pattern covers the ID schemes planning folders use', () => {
    const text =
      'TASK-028.1, MLOPS-1.2, CLOUD-0.3, TASK-DOC-1.2 and T001; not XTASK-1a, nor the 1.2 in v1.2, nor t001.';
    expect(findIds(text, ids).map((o) => o.id)).toEqual([
      'TASK-028.1',
      'MLOPS-1.2',
      'CLOUD-0.3',
      'TASK-DOC-1.2',
      'T001',
    ]);
  });

  it('a trailing full stop is not part of an ID', () => {
    expect(findIds('Depends on TASK-12.', ids).map((o) => o.id)).toEqual(['TASK-12']);
  });
});

describe('headings', () => {
  it('slug as github.com does, emoji and duplicates included', () => {
    const facts = extract(
      '# Index\n\n## 🎯 What to Work On Next\n\n## Notes\n\n## Notes\n\n### Phase 4 & 6: Tests (3 tasks)\n',
    );
    expect(facts.headings.map((h) => h.slug)).toEqual([
      'index',
      '-what-to-work-on-next',
      'notes',
      'notes-1',
      'phase-4--6-tests-3-tasks',
    ]);
  });
});

describe('task mentions', () => {
  it('a table row keyed by the ID is a definition with its recognised columns', () => {
    const facts = extract(
      '| Task ID | Description | Priority | Duration | Status | Dependencies |\n|---|---|---|---|---|---|\n| TASK-46 | Shared package role | MEDIUM | 2 hrs | ⚠️ IN PROGRESS | TASK-45 ✅ |\n',
    );
    const [definition, dependency] = facts.mentions;
    expect(definition).toMatchObject({
      id: 'TASK-46',
      kind: 'definition',
      source: 'table',
      status: 'in-progress',
      priority: 'MEDIUM',
      duration: { value: 120, unit: 'minutes' },
      title: 'Shared package role',
      dependencies: ['TASK-45'],
      range: { start: { line: 3, column: 3 }, end: { line: 3, column: 10 } },
    });
    expect(dependency).toMatchObject({ id: 'TASK-45', kind: 'reference', status: 'done', dependent: 'TASK-46' });
  });

  it('a heading or list item that starts with the ID defines it, with its status words', () => {
    const facts = extract(
      '### TASK-12: Mount storage ✅ COMPLETE\n\n1. **TASK-13** - Fix kernel module ⚠️ **BLOCKING** (4 hrs)\n- [x] TASK-14 Write runbook\n',
    );
    expect(facts.mentions.map((m) => [m.id, m.kind, m.source, m.status, m.title, m.duration?.text])).toEqual([
      ['TASK-12', 'definition', 'heading', 'done', 'Mount storage', undefined],
      ['TASK-13', 'definition', 'list', 'blocked', 'Fix kernel module', '4 hrs'],
      ['TASK-14', 'definition', 'list', 'done', 'Write runbook', undefined],
    ]);
  });

  it('prose states a status only right after the ID, and never in a condition', () => {
    const facts = extract(
      'TASK-1 (kernel) is now ✅ COMPLETE. After TASK-2 complete, start TASK-3. TASK-4 - Complete the setup.\n',
    );
    expect(facts.mentions.map((m) => [m.id, m.status])).toEqual([
      ['TASK-1', 'done'],
      ['TASK-2', undefined],
      ['TASK-3', undefined],
      ['TASK-4', undefined],
    ]);
  });

  it('lists under "Validation Criteria" are criteria and under "Prerequisites" prerequisites', () => {
    const facts = extract(
      '**Validation Criteria:**\n\n- ✅ TASK-1 complete\n\n**Prerequisites:**\n\n- ✅ TASK-2 complete\n\nOther:\n\n- ✅ TASK-3 complete\n',
    );
    expect(facts.mentions.map((m) => [m.id, m.context])).toEqual([
      ['TASK-1', 'criteria'],
      ['TASK-2', 'prerequisite'],
      ['TASK-3', 'normal'],
    ]);
  });

  it('IDs in code are references of source code, with no status', () => {
    const facts = extract('```text\nTASK-1 (done) → TASK-2\n```\n');
    expect(facts.mentions.map((m) => [m.id, m.source, m.status])).toEqual([
      ['TASK-1', 'code', undefined],
      ['TASK-2', 'code', undefined],
    ]);
  });

  it('"TASK-1 through TASK-12" is a range, not a definition of TASK-1', () => {
    const facts = extract('- TASK-1 through TASK-12 - Rename everything (8 hrs total)\n');
    expect(facts.mentions.map((m) => [m.id, m.kind, m.duration])).toEqual([
      ['TASK-1', 'reference', undefined],
      ['TASK-12', 'reference', undefined],
    ]);
  });
});

describe('links', () => {
  it('are found in text and definitions, never in code', () => {
    const facts = extract(
      '[a](./a.md#top) `[b](./b.md)`\n\n```\n[c](./c.md)\n```\n\n[d]: ./d.md\n\n[web](https://example.com)\n',
    );
    expect(facts.links.map((l) => [l.path, l.fragment])).toEqual([
      ['./a.md', 'top'],
      ['./d.md', undefined],
    ]);
  });
});

describe('task blocks: a heading that names a task, then field lines', () => {
  const block = [
    '# Storage',
    '',
    '### TASK-41: Replace the storage role',
    '**Status**: ❌ PENDING',
    '**Priority**: HIGH',
    '**Estimated Time**: 4 hours',
    '**Dependencies**: TASK-39, TASK-40',
    '',
    '#### Notes',
    '',
    '**Status**: ✅ COMPLETE (the old role, 2025)',
    '',
    '### Consolidate the volumes',
    '- **ID**: TASK-42',
    '- **Status**: ✅ COMPLETED',
    '',
    '### Rollout',
    '',
    '**Status**: In progress',
    '',
  ].join('\n');

  it("each field is a statement about the heading's task, at its own line", () => {
    const fields = extract(block).mentions.filter((m) => m.source === 'field' && m.id === 'TASK-41');
    expect(fields.map((m) => [m.range.start.line, m.status ?? m.priority ?? m.duration?.text])).toEqual([
      [4, 'pending'],
      [5, 'HIGH'],
      [6, '4 hours'],
    ]);
    expect(fields[0]).toMatchObject({
      kind: 'definition',
      statusText: 'PENDING',
      range: { start: { line: 4, column: 13 } },
    });
  });

  it("a sub-section of the block and a heading that names no task are not the task's fields", () => {
    const statuses = extract(block).mentions.filter((m) => m.source === 'field' && m.status);
    expect(statuses.map((m) => [m.id, m.range.start.line])).toEqual([
      ['TASK-41', 4],
      ['TASK-42', 15],
    ]);
  });

  it('a bullet "**ID**:" field defines the task under a heading that names none, titled by the heading', () => {
    const [definition] = extract(block).mentions.filter((m) => m.id === 'TASK-42');
    expect(definition).toMatchObject({
      kind: 'definition',
      source: 'field',
      title: 'Consolidate the volumes',
      range: { start: { line: 14 } },
    });
  });

  it('a bare "id:" line, as YAML front matter writes it, defines nothing', () => {
    const facts = extract('---\nid: TASK-7\ntitle: Ship it\nlabels:\n  - cli\n---\n\n# Ship it\n');
    expect(facts.mentions.filter((m) => m.kind === 'definition')).toEqual([]);
  });

  it('a status field that states a condition or a plan is no status', () => {
    const facts = extract(
      '### TASK-8: Deploy\n\n**Status**: Starts once TASK-6 is complete\n\n### TASK-9: Verify\n\n**Status:** Will be done after the freeze\n',
    );
    expect(facts.mentions.filter((m) => m.source === 'field')).toEqual([]);
  });
});

describe('list items: a status in any case', () => {
  it.each([
    ['- TASK-21: Pending', 'pending', undefined],
    ['- TASK-22 (Pending)', 'pending', undefined],
    ['- TASK-28: Build it - Done', 'done', 'Build it'],
    ['- TASK-29: in progress.', 'in-progress', undefined],
  ])('"%s" is %s', (line, status, title) => {
    const [mention] = extract(`# List\n\n${line}\n`).mentions;
    expect(mention).toMatchObject({ kind: 'definition', status });
    expect(mention?.title).toBe(title);
  });

  it.each([
    '- TASK-23: Complete the role',
    '- TASK-24: Pending review by QA',
    '- TASK-25 (optional)',
    '- TASK-26: Build it - done by the vendor',
  ])('"%s" states no status', (line) => {
    const [mention] = extract(`# List\n\n${line}\n`).mentions;
    expect(mention?.status).toBeUndefined();
  });
});

describe('lists written short after a full ID', () => {
  it.each([
    ['TASK-046, 047.1, 048 (4.5 hours)', ['TASK-046', 'TASK-047.1', 'TASK-048']],
    ['TASK-057 and 058', ['TASK-057', 'TASK-058']],
    ['CLOUD-0.1, 0.2 and 0.3', ['CLOUD-0.1', 'CLOUD-0.2', 'CLOUD-0.3']],
    ['TASK-19/21 ✅', ['TASK-19', 'TASK-21']],
    ['TASK-5, 6 tasks remain', ['TASK-5']],
    ['TASK-046, 2 hours', ['TASK-046']],
    ['TASK-046 and 47', ['TASK-046']],
    ['TASK-046, 047-049', ['TASK-046']],
    ['TASK-100, 200 users', ['TASK-100']],
  ])('"%s" names %j', (text, expected) => {
    expect(findIdLists(text, ids).map((o) => o.id)).toEqual(expected);
  });

  it('a short member is placed where it is written', () => {
    const facts = extract('# Next\n\n1. Complete Phase 4: TASK-046, 047.1, 048 (4.5 hours)\n');
    expect(facts.mentions.map((m) => [m.id, m.range.start.column, m.range.end.column])).toEqual([
      ['TASK-046', 22, 30],
      ['TASK-047.1', 32, 37],
      ['TASK-048', 39, 42],
    ]);
  });
});

describe('titles', () => {
  it('a heading that brackets its ID: "# [TASK-002] - Phase 1.1: Set up storage"', () => {
    const [definition] = extract('# [TASK-002] - Phase 1.1: Set up storage\n').mentions;
    expect(definition).toMatchObject({ id: 'TASK-002', kind: 'definition', title: 'Phase 1.1: Set up storage' });
  });
});
