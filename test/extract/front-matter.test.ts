import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, DEFAULT_TASK_ID_PATTERN } from '../../src/config.js';
import { extractDocument } from '../../src/extract/document.js';
import { buildIdMatcher } from '../../src/extract/ids.js';
import { backlogId, fileNameId } from '../../src/extract/shapes/front-matter.js';
import { DEFAULT_VOCABULARY } from '../../src/extract/status.js';
import { factsFromText } from '../../src/documents.js';
import { parseMarkdown } from '../../src/parse.js';
import { extractSettings } from '../../src/settings.js';
import { backlogTask } from '../helpers/formats.js';
import { removeFolders, writeFolder } from '../helpers/rule-tester.js';

afterAll(() => {
  removeFolders();
});

const ids = buildIdMatcher(DEFAULT_TASK_ID_PATTERN);

function extract(text: string, file = '/repo/backlog/tasks/task-12 - Export-data.md') {
  return extractDocument(text, parseMarkdown(text, { frontMatter: true }), {
    file,
    relPath: path.basename(file),
    role: 'active',
    ids,
    vocabulary: DEFAULT_VOCABULARY,
  });
}

describe('Backlog.md front matter', () => {
  it('defines the task: id, title, status, priority, at the id line', () => {
    const facts = extract(
      backlogTask({ id: 'TASK-12', title: 'Export data', status: 'In Progress', priority: 'high' }),
    );
    expect(facts.format).toBe('backlog');
    expect(facts.mentions[0]).toMatchObject({
      id: 'TASK-12',
      kind: 'definition',
      source: 'front-matter',
      title: 'Export data',
      status: 'in-progress',
      statusText: 'In Progress',
      priority: 'HIGH',
      range: { start: { line: 2, column: 5 }, end: { line: 2, column: 12 } },
    });
    expect(facts.frontMatterProblems).toBeUndefined();
  });

  it('states dependencies, in flow and block lists, lower-case IDs read as the pattern writes them', () => {
    const text =
      '---\nid: task-12\ntitle: Export\nstatus: To Do\ndependencies:\n  - task-10\n  - TASK-11\nparent_task_id: task-9\n---\n\n# Export\n';
    const facts = extract(text);
    expect(facts.mentions[0]).toMatchObject({ id: 'TASK-12', status: 'pending', dependencies: ['TASK-10', 'TASK-11'] });
    expect(facts.edges).toEqual([
      {
        from: 'TASK-10',
        to: 'TASK-12',
        source: 'field',
        range: { start: { line: 6, column: 5 }, end: { line: 6, column: 12 } },
      },
      {
        from: 'TASK-11',
        to: 'TASK-12',
        source: 'field',
        range: { start: { line: 7, column: 5 }, end: { line: 7, column: 12 } },
      },
    ]);
    expect(facts.mentions.find((mention) => mention.id === 'TASK-9')).toMatchObject({
      kind: 'reference',
      source: 'front-matter',
    });
  });

  it("ties the acceptance criteria to the task, the description's checkboxes not", () => {
    const text = backlogTask({
      id: 'TASK-12',
      title: 'Export data',
      status: 'Done',
      description: 'Steps:\n\n- [ ] a note, not a criterion',
      criteria: [
        ['JSON out', false],
        ['CSV out', true],
      ],
    });
    const facts = extract(text);
    expect(facts.checklist!.map((item) => [item.text, item.task ?? null])).toEqual([
      ['a note, not a criterion', null],
      ['#1 JSON out', 'TASK-12'],
      ['#2 CSV out', 'TASK-12'],
    ]);
    expect(facts.taskSections).toEqual([
      {
        id: 'TASK-12',
        depth: 0,
        deferred: false,
        range: facts.mentions[0]!.range,
        status: { status: 'done', text: 'Done', range: expect.anything() },
      },
    ]);
  });

  it('front matter that is not YAML is a problem of the file, and the rest is still read', () => {
    const facts = extract(
      '---\nid: TASK-12\ntitle: Export: data: now\nstatus: Done\n---\n\n# Export\n\nSee [the plan](plan.md).\n',
    );
    expect(facts.frontMatterProblems).toMatchObject([{ kind: 'invalid-yaml', range: { start: { line: 3 } } }]);
    expect(facts.mentions).toEqual([]);
    expect(facts.links.map((link) => link.url)).toEqual(['plan.md']);
    const unclosed = extract("---\nid: TASK-12\ntitle: 'Export data\nstatus: Done\n---\n");
    expect(unclosed.frontMatterProblems).toMatchObject([
      { kind: 'invalid-yaml', detail: "Missing closing 'quote", range: { start: { line: 1 } } },
    ]);
  });

  it('custom tags and aliases are data, never run or expanded; a list is not a mapping', () => {
    const tagged = extract(
      '---\nid: TASK-12\ntitle: !!js/function "function () { return 1 }"\nstatus: &s Done\nother: *s\n---\n',
    );
    expect(tagged.mentions[0]).toMatchObject({ id: 'TASK-12', status: 'done' });
    const bomb = extract(
      `---\nid: TASK-12\na: &a [x, x, x, x, x, x, x, x, x]\n${Array.from({ length: 20 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`).join('\n')}\nstatus: Done\n---\n`,
    );
    expect(bomb.mentions[0]).toMatchObject({ id: 'TASK-12', status: 'done' });
    expect(extract('---\n- TASK-12\n- Done\n---\n').frontMatterProblems).toMatchObject([{ kind: 'not-a-mapping' }]);
  });

  it('front matter past 64 KB is not parsed', () => {
    const facts = extract(`---\nid: TASK-12\nnotes: "${'x'.repeat(70_000)}"\n---\n`);
    expect(facts.frontMatterProblems).toMatchObject([{ kind: 'too-large', range: { start: { line: 1 } } }]);
    expect(facts.mentions).toEqual([]);
  });

  it("an id that is not the file's", () => {
    const facts = extract(backlogTask({ id: 'TASK-13', title: 'Export data', status: 'To Do' }));
    expect(facts.mentions[0]).toMatchObject({ id: 'TASK-13' });
    expect(facts.frontMatterProblems).toMatchObject([
      { kind: 'id-mismatch', fileId: 'task-12', range: { start: { line: 2, column: 5 } } },
    ]);
  });

  it('a document outside a backlog that opens with a rule keeps everything up to its next rule', () => {
    const settings = extractSettings(DEFAULT_CONFIG, '/plans', '/plans');
    const facts = factsFromText(
      '/plans/notes.md',
      '---\n# Notes\n\n## Phase 1\n\n- [x] TASK-1 Store events\n\n---\n',
      settings,
    );
    expect(facts.headings.map((heading) => heading.text)).toEqual(['Notes', 'Phase 1']);
    expect(facts.mentions.map((mention) => mention.id)).toEqual(['TASK-1']);
  });

  it('front matter outside a backlog folder defines nothing', () => {
    const facts = extract(
      backlogTask({ id: 'TASK-12', title: 'Export data', status: 'Done' }),
      '/repo/docs/task-12.md',
    );
    expect(facts.format).toBeUndefined();
    expect(facts.mentions).toEqual([]);
  });

  it('statuses config.yml adds: the first is not started, the last done, the others in progress', () => {
    const dir = writeFolder({ 'backlog/config.yml': 'statuses: ["Idea", "Doing", "Review", "Shipped it"]\n' });
    const file = path.join(dir, 'backlog/tasks/task-1 - A.md');
    mkdirSync(path.dirname(file), { recursive: true });
    const statuses = ['Idea', 'Doing', 'Review', 'Shipped it', 'Whatever'].map((status) => {
      const text = backlogTask({ id: 'TASK-1', title: 'A', status });
      writeFileSync(file, text);
      return extract(text, file).mentions[0]!.status ?? null;
    });
    expect(statuses).toEqual(['pending', 'in-progress', 'in-progress', 'done', null]);
  });
});

describe('Backlog.md IDs', () => {
  it.each([
    ['task-12', 'TASK-12'],
    ['BACK-24.1', 'BACK-24.1'],
    ['back-355.01', 'BACK-355.01'],
    ['12', undefined],
    ['task-12 and more', undefined],
  ])('%s is %s', (value, id) => {
    expect(backlogId(value, ids)).toBe(id);
  });

  it.each([
    ['task-12 - Export-data.md', 'task-12'],
    ['back-24.02 - CLI-TUI-Add-milestone.md', 'back-24.02'],
    ['task-12.md', 'task-12'],
    ['readme.md', undefined],
    ['task-list.md', undefined],
  ])('the file %s is named for %s', (name, id) => {
    expect(fileNameId(name)).toBe(id);
  });
});
