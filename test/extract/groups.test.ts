import { describe, expect, it } from 'vitest';
import { extractGroups, fileGroup, readGroupLabel } from '../../src/extract/shapes/groups.js';
import { DEFAULT_VOCABULARY } from '../../src/extract/status.js';
import { LineIndex } from '../../src/extract/text.js';
import { parseMarkdown } from '../../src/parse.js';

function groups(text: string, file = 'plan.md') {
  return extractGroups(parseMarkdown(text), new LineIndex(text), file, DEFAULT_VOCABULARY).map((group) => ({
    line: group.range.start.line,
    source: group.source,
    key: group.key,
    status: group.status,
    ...(group.document ? { document: true } : {}),
  }));
}

const label = (text: string, cutAtDash = false) => readGroupLabel(text, DEFAULT_VOCABULARY, cutAtDash);

describe('group labels', () => {
  it('reads the kind, number, title words and the status written around the title', () => {
    expect(label('Phase 2: Storage ✅ COMPLETE')).toEqual({
      label: 'Phase 2: Storage',
      key: 'phase 2',
      words: ['storage'],
      status: expect.objectContaining({ status: 'done' }) as unknown,
    });
    expect(label('✅ Phase 1: Environment & Prerequisites (Complete)')).toMatchObject({
      key: 'phase 1',
      words: ['environment', 'prerequisites'],
      status: { status: 'done' },
    });
    expect(label('Phase 4: Backend API Development 🔄 IN PROGRESS (EXTENDED FOR CHATBOT)')).toMatchObject({
      status: { status: 'in-progress' },
    });
    expect(label('🟡 Phase 4: Consolidation (18/22 complete) - 3 tasks remaining', true)).toMatchObject({
      label: 'Phase 4: Consolidation',
      status: { status: 'in-progress' },
    });
    expect(label('Phase 10: UI/UX Enhancement (ACTIVE) - In Progress')).toMatchObject({
      status: { status: 'in-progress' },
    });
    expect(label('Stream B (Complete)')).toMatchObject({ key: 'stream b', status: { status: 'done' } });
    expect(label('Phase 01: Setup')).toMatchObject({ key: 'phase 1' });
  });

  it('reads no status from inside a title, a note or a plan', () => {
    expect(label('Phase 5: User Story 4 — Complete GDPR Account Deletion (Priority: P1)')).not.toHaveProperty('status');
    expect(label('Phase 2: Marketplace Core (3 weeks)')).not.toHaveProperty('status');
    expect(label('Phase 3.2: Tests First (TDD) ⚠️ MUST COMPLETE BEFORE 3.3')).not.toHaveProperty('status');
    expect(label('Phase 13: P1 Completed Features')).not.toHaveProperty('status');
  });

  it('names no group where the kind and number are not the label', () => {
    expect(label('Completed Phases')).toBeUndefined();
    expect(label('HPC Phase 4')).toBeUndefined();
    expect(label('Phase 4 & 6 Test Consolidation')).toBeUndefined();
    expect(label('Phase 1 Prerequisites (COMPLETED)')).toBeUndefined();
    expect(label('Phase 6 validation complete')).toBeUndefined();
  });

  it('is unsure of a status written twice that disagrees, or a figure short of the whole', () => {
    expect(label('✅ Phase 1: Core (80%)')).toEqual({ unsure: true });
  });

  it('reads the group a file is named after', () => {
    expect(fileGroup('docs/phase-0-foundation.md')).toEqual({ key: 'phase 0', words: ['foundation'] });
    expect(fileGroup('docs/stage_2.md')).toEqual({ key: 'stage 2', words: [] });
    expect(fileGroup('docs/phases.md')).toBeUndefined();
  });
});

describe('group statements', () => {
  it('reads headings, the fields under them, the document header, index rows and list items', () => {
    const text = [
      '# Phase 0: Foundation', // 1
      '',
      '**Status:** ✅ Completed', // 3
      '',
      '## Phase 2: Storage', // 5
      '',
      '**Status:** 60% Complete (29/48 tasks)', // 7
      '',
      '| Phase | Tasks | Status |', // 9
      '|---|---|---|',
      '| Phase 3: Compute | CLOUD-3.1 | Not Started |', // 11
      '| Phase 4: Rollout | CLOUD-4.1 | Planning |', // 12
      '',
      '- ✅ Phase 5: Docs (6/6 complete)', // 14
      '- [Phase 6](./phase-6-network.md)', // 15
      '  - All tasks completed', // 16
    ].join('\n');
    expect(groups(text)).toEqual([
      { line: 1, source: 'heading', key: 'phase 0', status: undefined, document: true },
      { line: 3, source: 'field', key: 'phase 0', status: 'done', document: true },
      { line: 5, source: 'heading', key: 'phase 2', status: undefined },
      { line: 7, source: 'field', key: 'phase 2', status: 'in-progress' },
      { line: 11, source: 'table', key: 'phase 3', status: 'pending' },
      { line: 12, source: 'table', key: 'phase 4', status: 'pending' },
      { line: 14, source: 'list', key: 'phase 5', status: 'done' },
      { line: 16, source: 'list', key: 'phase 6', status: 'done' },
    ]);
  });

  it('reads nothing in history sections, criteria lists, conditions and sentences', () => {
    const text = [
      '# Plan',
      '',
      '## Phase 1: Setup',
      '',
      '**Status:** Complete once the review is merged',
      '',
      '**Success Criteria:**',
      '',
      '- ✅ Phase 1: Setup (all nodes reachable)',
      '',
      '## Phase 2: Storage',
      '',
      '**Status:** The phase builds upon the complete core functionality',
      '',
      '## Change History',
      '',
      '- ⏳ Phase 2: Storage (not started on 10-20)',
    ].join('\n');
    expect(groups(text).filter((group) => group.status !== undefined)).toEqual([]);
  });

  it('gives a document its file name when its title names no group', () => {
    expect(groups('# Foundation work\n\n**Status:** Planning\n', 'phase-0-foundation.md')).toEqual([
      { line: 3, source: 'field', key: 'phase 0', status: 'pending', document: true },
    ]);
  });
});
