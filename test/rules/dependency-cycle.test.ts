import { describe, expect, it } from 'vitest';
import { findCycles, stronglyConnected } from '../../rules/dependency-cycle.js';
import type { StatedEdge } from '../../src/query.js';
import { ruleTester } from '../helpers/rule-tester.js';

/** A spec-kit feature's story table, in which `second` depends on `first`. */
const storyOrder = (first: string, second: string): string =>
  `# Tasks\n\n| Story | Title | Dependencies |\n|---|---|---|\n| ${first} | First story | None |\n| ${second} | Second story | ${first} |\n`;

const table = `# Plan

## Phase 6: Validation

| Task ID | Description | Priority | Dependencies |
|---------|-------------|----------|--------------|
| TASK-40 | Container Registry on shared storage | HIGH | TASK-48 |
| TASK-41 | Storage Performance Testing | HIGH | TASK-40 |
| TASK-42 | Scheduler Integration Testing | HIGH | TASK-41 |
| TASK-48 | Create Shared Utilities Role | MEDIUM | None |
`;

ruleTester('dependency-cycle', {
  valid: [
    {
      name: 'a loop only through an ID that two lists use for two tasks',
      files: {
        'backend/tasks.md':
          '# Backend Tasks\n\n| Task ID | Description | Dependencies |\n|---|---|---|\n| TASK-011 | Deploy container registry | None |\n| TASK-012 | Registry benchmarks | TASK-011 |\n',
        'docs/tasks.md':
          '# Documentation Tasks\n\n| Task ID | Description | Dependencies |\n|---|---|---|\n| TASK-011 | Write migration guide | TASK-012 |\n',
      },
    },
    {
      name: 'two spec-kit features order their own user stories each way',
      files: {
        'specs/004-permissions/tasks.md': storyOrder('US-1', 'US-2'),
        'specs/005-teachers/tasks.md': storyOrder('US-2', 'US-1'),
      },
    },
    { name: 'a chain without a loop', files: { 'plan.md': table } },
    {
      name: 'a graph in a code block that agrees with the table',
      files: {
        'plan.md': `${table}\n### Dependency Graph\n\n\`\`\`text\nTASK-48 (Utilities) → TASK-40 (Registry) → TASK-41 (Perf) → TASK-42 (Scheduler)\n\`\`\`\n`,
      },
    },
    {
      name: 'a diamond is not a loop',
      files: {
        'graph.md':
          '# Graph\n\n```mermaid\ngraph TD\n  A[TASK-1 Design] --> B[TASK-2 Build]\n  A --> C[TASK-3 Docs]\n  B --> D[TASK-4 Release]\n  C --> D\n```\n',
      },
    },
    {
      name: 'arrows in a shell block are not dependencies',
      files: { 'plan.md': `${table}\n\`\`\`bash\necho "TASK-42 -> TASK-40" > order.txt\n\`\`\`\n` },
    },
    {
      name: 'a loop stated only in an archive',
      files: { 'plan.md': table, 'archive/old-plan.md': '# Old plan\n\n```text\nTASK-42 → TASK-40\n```\n' },
    },
    {
      name: 'an undirected link joins nothing',
      files: { 'plan.md': `${table}\n\`\`\`mermaid\ngraph LR\n  TASK-42 --- TASK-40\n\`\`\`\n` },
    },
    {
      name: 'words shaped like IDs in a text block are not tasks',
      files: { 'plan.md': `${table}\n\`\`\`text\nUTF-8 → UTF-16 → UTF-8\n\`\`\`\n` },
    },
    {
      name: '"no longer depends on" is not a dependency',
      files: { 'plan.md': `${table}\nTASK-48 no longer depends on TASK-42.\n` },
    },
  ],
  invalid: [
    {
      name: 'one feature orders its user stories both ways',
      files: {
        'specs/004-permissions/tasks.md': storyOrder('US-1', 'US-2'),
        'specs/004-permissions/plan.md': storyOrder('US-2', 'US-1'),
      },
      errors: [
        {
          messageId: 'cycle',
          file: 'specs/004-permissions/tasks.md',
          line: 6,
          messageIncludes: ['US-1 → US-2 → US-1'],
          related: [{ file: 'specs/004-permissions/plan.md', line: 6 }],
        },
      ],
    },
    {
      name: 'a graph that points against the table closes a loop',
      files: { 'plan.md': table, 'graph.md': '# Graph\n\n```text\nTASK-42 (Scheduler) → TASK-48 (Utilities)\n```\n' },
      errors: [
        {
          messageId: 'cycle',
          file: 'plan.md',
          line: 8,
          messageIncludes: [
            'TASK-40 → TASK-41 → TASK-42 → TASK-48 → TASK-40',
            'Here TASK-41 depends on TASK-40',
            'TASK-48 depends on TASK-42 at graph.md:4',
          ],
          related: [
            { file: 'plan.md', line: 9 },
            { file: 'graph.md', line: 4 },
            { file: 'plan.md', line: 7 },
          ],
        },
      ],
    },
    {
      name: 'two tables that disagree on the direction',
      files: {
        'tracker.md':
          '# Tracker\n\n| Task ID | Description | Dependencies |\n|---|---|---|\n| TASK-36 | Packer test frameworks | TASK-35 |\n',
        'index.md':
          '# Index\n\n| Task ID | Description | Dependencies |\n|---|---|---|\n| TASK-35 | Runtime framework | TASK-36 |\n',
      },
      errors: [
        {
          messageId: 'cycle',
          file: 'tracker.md',
          line: 5,
          messageIncludes: ['TASK-35 → TASK-36 → TASK-35'],
          related: [{ file: 'index.md', line: 5 }],
        },
      ],
    },
    {
      name: 'a task that depends on itself',
      files: {
        'plan.md':
          '# Plan\n\n### TASK-7: Storage driver\n\n**Depends on:** TASK-7, TASK-6\n\n### TASK-6: Kernel headers\n',
      },
      errors: [{ messageId: 'selfLoop', file: 'plan.md', line: 5, messageIncludes: ['TASK-7 depends on itself'] }],
    },
    {
      name: 'a loop in a mermaid graph through node names',
      files: {
        'graph.md':
          '# Graph\n\n```mermaid\nflowchart LR\n  a["TASK-1: Design"] --> b["TASK-2: Build"]\n  b -->|ships| c["TASK-3: Release"]\n  c -.-> a\n```\n',
        'tasks.md': '# Tasks\n\n- TASK-1: Design\n- TASK-2: Build\n- TASK-3: Release\n',
      },
      errors: [
        {
          messageId: 'cycle',
          file: 'graph.md',
          line: 5,
          messageIncludes: ['TASK-1 → TASK-2 → TASK-3 → TASK-1'],
          related: [
            { file: 'graph.md', line: 6 },
            { file: 'graph.md', line: 7 },
          ],
        },
      ],
    },
  ],
});

describe('cycle detection', () => {
  const edge = (from: string, to: string): StatedEdge => ({ from, to, places: [] });

  it('finds each loop once, through its smallest ID', () => {
    const cycles = findCycles([
      edge('T-3', 'T-1'),
      edge('T-1', 'T-2'),
      edge('T-2', 'T-3'),
      edge('T-5', 'T-6'),
      edge('T-6', 'T-5'),
      edge('T-7', 'T-8'),
    ]);
    expect(cycles.map((cycle) => cycle.loop)).toEqual([
      ['T-1', 'T-2', 'T-3', 'T-1'],
      ['T-5', 'T-6', 'T-5'],
    ]);
  });

  it('walks a chain of 20,000 tasks without overflowing the stack', () => {
    const count = 20_000;
    const edges: StatedEdge[] = [];
    for (let i = 1; i < count; i++) edges.push(edge(`T-${i}`, `T-${i + 1}`));
    expect(findCycles(edges)).toEqual([]);
    edges.push(edge(`T-${count}`, 'T-1'));
    const [cycle] = findCycles(edges);
    expect(cycle?.loop.length).toBe(count + 1);
  });

  it('returns components that partition the nodes', () => {
    const successors = new Map([
      ['a', ['b']],
      ['b', ['a', 'c']],
      ['c', []],
    ]);
    const components = stronglyConnected(['a', 'b', 'c'], successors).map((component) => component.sort());
    expect(components).toContainEqual(['a', 'b']);
    expect(components).toContainEqual(['c']);
  });
});
