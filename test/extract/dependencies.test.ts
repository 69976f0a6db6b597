import { describe, expect, it } from 'vitest';
import { DEFAULT_TASK_ID_PATTERN } from '../../src/config.js';
import { verticalEdges } from '../../src/extract/dependencies.js';
import { buildIdMatcher } from '../../src/extract/ids.js';

const ids = buildIdMatcher(DEFAULT_TASK_ID_PATTERN);
const pairs = (graph: string): string[] =>
  verticalEdges(graph.split('\n'), ids).map(
    (edge) => `${edge.from} → ${edge.to} (lines ${edge.fromLine}-${edge.toLine})`,
  );

describe('vertical arrows of a text dependency graph', () => {
  it('a head under one task and over another, as the seeds draw it', () => {
    expect(
      pairs(
        'TASK-043 (Workflow) → TASK-044 (Full Stack)\n                           ↓\n                     MLOPS-1.1 (Start)',
      ),
    ).toEqual(['TASK-044 → MLOPS-1.1 (lines 0-2)']);
  });

  it('shafts join a head to its nodes; an upward head points the other way', () => {
    expect(pairs('TASK-1\n  │\n  ▼\nTASK-2')).toEqual(['TASK-1 → TASK-2 (lines 0-3)']);
    expect(pairs('TASK-1\n  ▲\n  │\nTASK-2')).toEqual(['TASK-2 → TASK-1 (lines 3-0)']);
  });

  it('parallel columns are separate edges', () => {
    expect(pairs('TASK-1    TASK-3\n  ↓         ↓\nTASK-2    TASK-4')).toEqual([
      'TASK-1 → TASK-2 (lines 0-2)',
      'TASK-3 → TASK-4 (lines 0-2)',
    ]);
  });

  it('no head, a junction, a gap or a range on the way draws nothing', () => {
    expect(pairs('TASK-1\n  │\nTASK-2')).toEqual([]);
    expect(pairs('TASK-1\n ─┴─\n  ▼\nTASK-2')).toEqual([]);
    expect(pairs('TASK-1\n\n  ↓\nTASK-2')).toEqual([]);
    expect(pairs('T001 (Migration)\n  ↓\nT002-T012 (Contract Tests)')).toEqual([]);
    expect(pairs('add-zod-validation\n    ↓\nadd-change-commands')).toEqual([]);
  });
});
