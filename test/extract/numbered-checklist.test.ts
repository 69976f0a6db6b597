import { describe, expect, it } from 'vitest';
import { DEFAULT_TASK_ID_PATTERN } from '../../src/config.js';
import { extractDocument } from '../../src/extract/document.js';
import { buildIdMatcher } from '../../src/extract/ids.js';
import { DEFAULT_VOCABULARY } from '../../src/extract/status.js';
import { parseMarkdown } from '../../src/parse.js';
import { aiDevTasks, kiroSpec } from '../helpers/formats.js';

const ids = buildIdMatcher(DEFAULT_TASK_ID_PATTERN);

function extract(text: string, file: string) {
  return extractDocument(text, parseMarkdown(text), {
    file,
    relPath: file,
    role: 'active',
    ids,
    vocabulary: DEFAULT_VOCABULARY,
  });
}

describe('Kiro tasks.md', () => {
  const file = '/repo/.kiro/specs/event-search/tasks.md';
  const facts = extract(kiroSpec()['.kiro/specs/event-search/tasks.md']!, file);

  it('defines each numbered item as a task, its checkbox the status', () => {
    expect(facts.format).toBe('kiro');
    const tasks = facts.mentions.filter((mention) => mention.kind === 'definition');
    expect(tasks.map((task) => [task.id, task.status, task.statusText, task.title])).toEqual([
      ['Task 1', 'done', '[x]', 'Build the search index'],
      ['Task 1.1', 'done', '[x]', 'Create the index table'],
      ['Task 1.2', 'done', '[x]', 'Fill the index from events'],
      ['Task 1.3', 'pending', '[ ]*', 'Write property tests for the index'],
      ['Task 2', 'pending', '[ ]', 'Sort the results'],
      ['Task 2.1', 'done', '[x]', 'Sort by date'],
      ['Task 2.2', 'pending', '[ ]', 'Show an empty state'],
    ]);
    expect(tasks[1]!.range).toEqual({ start: { line: 4, column: 9 }, end: { line: 4, column: 12 } });
  });

  it('reads _Requirements:_ lines as references to acceptance criteria', () => {
    const references = facts.mentions.filter((mention) => mention.kind === 'reference');
    expect(
      references.map((reference) => [reference.id, reference.range.start.line, reference.range.start.column]),
    ).toEqual([
      ['Requirement 1.1', 5, 22],
      ['Requirement 1.1', 7, 22],
      ['Requirement 1.2', 7, 27],
      ['Requirement 2.1', 12, 22],
      ['Requirement 2.2', 12, 27],
      ['Requirement 2.3', 14, 22],
    ]);
  });

  it('a sub-task written flat beside its parent still belongs to it; an optional one is not a checkbox', () => {
    const flat = extract(
      '# Implementation Plan\n\n- [x] 3. Export\n- [ ] 3.1 Export as JSON\n- [ ] 3.2* Export as CSV\n- [ ]* 3.3 Benchmark the export\n- [-] 4. Import\n',
      file,
    );
    expect(flat.checklist!.map((item) => [item.text, item.parent ?? null, item.optional])).toEqual([
      ['3. Export', null, false],
      ['3.1 Export as JSON', 0, false],
      ['3.2* Export as CSV', 0, true],
      // A marker the config gives no status: a checkbox neither ticked nor owed.
      ['4. Import', null, true],
    ]);
    expect(flat.mentions.map((mention) => [mention.id, mention.status ?? null])).toEqual([
      ['Task 3', 'done'],
      ['Task 3.1', 'pending'],
      ['Task 3.2', 'pending'],
      ['Task 3.3', 'pending'],
      ['Task 4', null],
    ]);
  });
});

describe('Kiro requirements.md', () => {
  it('defines each requirement and its numbered acceptance criteria', () => {
    const facts = extract(
      kiroSpec()['.kiro/specs/event-search/requirements.md']!,
      '/repo/.kiro/specs/event-search/requirements.md',
    );
    expect(facts.mentions.map((mention) => [mention.id, mention.kind, mention.context])).toEqual([
      ['Requirement 1', 'definition', 'normal'],
      ['Requirement 1.1', 'definition', 'criteria'],
      ['Requirement 1.2', 'definition', 'criteria'],
      ['Requirement 2', 'definition', 'normal'],
      ['Requirement 2.1', 'definition', 'criteria'],
      ['Requirement 2.2', 'definition', 'criteria'],
      ['Requirement 2.3', 'definition', 'criteria'],
    ]);
  });
});

describe('ai-dev-tasks', () => {
  it('reads 1.0 parents over 1.1 sub-tasks', () => {
    const facts = extract(
      aiDevTasks('- [x] 1.0 Search index\n  - [x] 1.1 Index table\n  - [ ] 1.2 Fill it\n- [ ] 2.0 Results page\n'),
      '/repo/tasks/tasks-prd-search.md',
    );
    expect(facts.format).toBe('ai-dev-tasks');
    expect(facts.mentions.map((mention) => [mention.id, mention.status])).toEqual([
      ['Task 1.0', 'done'],
      ['Task 1.1', 'done'],
      ['Task 1.2', 'pending'],
      ['Task 2.0', 'pending'],
    ]);
    expect(facts.checklist!.map((item) => item.parent ?? null)).toEqual([null, 0, 0, null]);
  });

  it('numbered notes and the relevant files are not tasks; other documents are not read so', () => {
    const notes = extract(
      '# Notes\n\n1. First read the PRD\n2. Then the tasks\n\n- [ ] 1.1 Not a task list\n',
      '/repo/tasks/tasks-prd-search.md',
    );
    expect(notes.mentions.map((mention) => mention.id)).toEqual(['Task 1.1']);
    const elsewhere = extract('- [x] 1.0 Search index\n  - [ ] 1.1 Index table\n', '/repo/docs/plan.md');
    expect(elsewhere.mentions).toEqual([]);
  });
});
