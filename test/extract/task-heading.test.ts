import { describe, expect, it } from 'vitest';
import { DEFAULT_TASK_ID_PATTERN } from '../../src/config.js';
import { extractDocument } from '../../src/extract/document.js';
import { buildIdMatcher } from '../../src/extract/ids.js';
import { definingShortHeading, shortTaskHeading } from '../../src/extract/shapes/task-heading.js';
import { DEFAULT_VOCABULARY } from '../../src/extract/status.js';
import { parseMarkdown } from '../../src/parse.js';

const ids = buildIdMatcher(DEFAULT_TASK_ID_PATTERN);

function extract(text: string) {
  return extractDocument(text, parseMarkdown(text), {
    file: '/plans/phase.md',
    relPath: 'phase.md',
    role: 'active',
    ids,
    vocabulary: DEFAULT_VOCABULARY,
  });
}

describe('a heading that names its task by number only', () => {
  it.each([
    ['Task 041: Replace the storage role', '041', ': Replace the storage role'],
    ['✅ Task 7 - Write the docs', '7', ' - Write the docs'],
    ['Task #12: Ship it', '12', ': Ship it'],
    ['Task 2.1. Wire the role', '2.1', '. Wire the role'],
    ['TASK 041 – Storage', '041', ' – Storage'],
  ])('"%s" writes task %s', (text, number, rest) => {
    expect(shortTaskHeading(text)).toEqual({ number, index: text.indexOf(number), rest });
  });

  it.each([
    ['Task 041 notes', 'no title after a separator'],
    ['Step 2: Deploy', 'a step'],
    ['Task 3', 'a number alone'],
    ['Tasks 035-037: storage', 'a range'],
    ['Phase 4: Task 041', 'a task that is not what the heading starts with'],
    ['Task 1.2.3.x: draft', 'a number that runs into letters'],
  ])('"%s" defines no task: %s', (text) => {
    expect(shortTaskHeading(text)).toBeUndefined();
  });

  it('in a history section or under a task, it defines nothing', () => {
    const heading = 'Task 041: Replace the storage role';
    expect(definingShortHeading(heading, [{ text: 'Plan', task: false }])?.number).toBe('041');
    expect(definingShortHeading(heading, [{ text: 'Change History', task: false }])).toBeUndefined();
    expect(definingShortHeading(heading, [{ text: 'TASK-030: Storage', task: true }])).toBeUndefined();
  });
});

describe('a task block whose heading writes its task short', () => {
  const block = `# Phase 4

### Task 041: Replace the storage role

**Status**: ❌ PENDING
**Priority**: HIGH
**Estimated Time**: 4 hours
**Dependencies**: Task 039, TASK-040, TASK-035-037

#### Deliverables

- [ ] role written
`;

  it('is written short for the corpus to resolve: the heading and each field line define it', () => {
    const facts = extract(block);
    const defining = (facts.writtenIds ?? []).filter((written) => written.defines);
    expect(
      defining.map((written) => [
        written.from,
        written.mention.source,
        written.mention.range.start.line,
        written.mention.status ?? written.mention.priority ?? written.mention.duration?.text ?? written.mention.title,
      ]),
    ).toEqual([
      ['041', 'heading', 3, 'Replace the storage role'],
      ['041', 'field', 5, 'pending'],
      ['041', 'field', 6, 'HIGH'],
      ['041', 'field', 7, '4 hours'],
    ]);
    // No full ID is defined: only the corpus knows which scheme "041" is of.
    expect(facts.mentions.filter((mention) => mention.kind === 'definition')).toEqual([]);
  });

  it('gives its dependency field to the task the heading writes short, a range as one end', () => {
    const facts = extract(block);
    expect(facts.edges).toEqual([]);
    expect(
      (facts.writtenEdges ?? []).map((edge) => [
        typeof edge.from === 'string' ? edge.from : edge.from.text,
        typeof edge.to === 'string' ? edge.to : edge.to.text,
        edge.range.start.line,
      ]),
    ).toEqual([
      ['TASK-040', '041', 8],
      ['039', '041', 8],
      ['TASK-035-037', '041', 8],
    ]);
  });

  it('"### Step 2", a sub-heading of a task block and a history section define nothing', () => {
    const facts = extract(`# Plan

### TASK-030: Storage

#### Task 1: Write the role

**Status**: ✅ Done

### Step 2: Deploy

**Status**: ✅ Done

## Change History

### Task 041: Replace the storage role

**Status**: ✅ Done
`);
    expect((facts.writtenIds ?? []).filter((written) => written.defines)).toEqual([]);
  });
});

describe('ranges in dependency fields', () => {
  it.each([
    ['**Dependencies**: TASK-035-037', ['TASK-035-037', 'TASK-', '037']],
    ['**Blocked by**: T001-T004', ['T001-T004', 'T', '004']],
    ['Depends on: Tasks 035-037', ['035-037', undefined, '037']],
  ])('"%s" is one ranged end', (field, expected) => {
    const facts = extract(`# Plan\n\n### TASK-050: Ship\n\n${field}\n`);
    expect(facts.edges).toEqual([]);
    expect(
      (facts.writtenEdges ?? []).map((edge) =>
        typeof edge.from === 'string' ? [edge.from] : [edge.from.text, edge.from.prefix, edge.from.to],
      ),
    ).toEqual([expected]);
  });

  it('a range between two schemes names nothing, nor its ends', () => {
    const facts = extract('# Plan\n\n### TASK-050: Ship\n\n**Dependencies**: TASK-035 to CLOUD-037\n');
    expect(facts.edges).toEqual([]);
    expect(facts.writtenEdges).toBeUndefined();
  });

  it('"(see 035-037)" outside a dependency field and a date in one are no dependency', () => {
    const facts = extract(
      '# Plan\n\n### TASK-050: Ship\n\nSee 035-037 for context.\n\n**Dependencies**: TASK-049 (since 2024-01-15)\n',
    );
    expect(facts.edges?.map((edge) => [edge.from, edge.to])).toEqual([['TASK-049', 'TASK-050']]);
    expect(facts.writtenEdges).toBeUndefined();
  });
});

describe('ranges in a "depends on" sentence', () => {
  const ends = (text: string) => {
    const facts = extract(`# Plan\n\n### TASK-050: Ship\n\n${text}\n`);
    return {
      edges: (facts.edges ?? []).map((edge) => `${edge.from} → ${edge.to}`),
      written: (facts.writtenEdges ?? []).map(
        (edge) =>
          `${typeof edge.from === 'string' ? edge.from : edge.from.text} → ${typeof edge.to === 'string' ? edge.to : edge.to.text}`,
      ),
    };
  };

  it.each([
    ['TASK-040 depends on TASK-035-037 being merged.', 'TASK-035-037 → TASK-040'],
    ['Blocked by Tasks 035-037.', '035-037 → TASK-050'],
    ['This requires T001-T004 first.', 'T001-T004 → TASK-050'],
  ])('"%s" is one ranged end, not its first task', (text, expected) => {
    expect(ends(text)).toEqual({ edges: [], written: [expected] });
  });

  it('IDs listed with the range keep their edges; what the clause says later is no dependency', () => {
    expect(ends('Depends on TASK-030 and TASK-035-037, once TASK-049 ships.')).toEqual({
      edges: ['TASK-030 → TASK-050'],
      written: ['TASK-035-037 → TASK-050'],
    });
  });

  it('a range between two schemes names nothing, nor its ends', () => {
    expect(ends('Blocked by TASK-036 to CLOUD-037 being merged.')).toEqual({ edges: [], written: [] });
  });

  it('a date, a range in a code block, a range after "after" and a negated phrase are no dependency', () => {
    expect(ends('Depends on 2024-01-15 release of the base image.')).toEqual({ edges: [], written: [] });
    expect(ends('```sh\n# depends on TASK-035-037 being merged\nmake ship\n```')).toEqual({ edges: [], written: [] });
    expect(ends('Ship after Tasks 035-037 are done.')).toEqual({ edges: [], written: [] });
    expect(ends('No longer blocked by TASK-035-037.')).toEqual({ edges: [], written: [] });
  });
});
