import { describe, expect, it } from 'vitest';
import { DEFAULT_TASK_ID_PATTERN } from '../../src/config.js';
import { extractChecklists } from '../../src/extract/checklists.js';
import { buildIdMatcher } from '../../src/extract/ids.js';
import { buildVocabulary, DEFAULT_VOCABULARY } from '../../src/extract/status.js';
import { LineIndex } from '../../src/extract/text.js';
import { parseMarkdown } from '../../src/parse.js';

const ids = buildIdMatcher(DEFAULT_TASK_ID_PATTERN);

function read(text: string) {
  return extractChecklists(text, parseMarkdown(text), new LineIndex(text), ids, DEFAULT_VOCABULARY);
}

describe('checklists inside task and phase blocks', () => {
  it('a task block takes its status from bold or bullet field lines right under its heading', () => {
    const { taskSections, checklist } = read(
      '### TASK-41: Replace the role\n\n**Status**: ✅ COMPLETE\n\n#### Deliverables\n\n- [ ] Role written\n\n### TASK-29: Scheduler\n\n- **Status**: ✅ COMPLETED\n- **Effort**: 2 hours\n\n- [ ] Jobs run\n',
    );
    expect(taskSections).toMatchObject([
      { id: 'TASK-41', status: { status: 'done', text: 'COMPLETE', range: { start: { line: 3 } } } },
      { id: 'TASK-29', status: { status: 'done', text: 'COMPLETED', range: { start: { line: 11 } } } },
    ]);
    expect(checklist.map((item) => item.taskSection)).toEqual([0, 1]);
  });

  it('"- **ID**: TASK-28.2" makes a heading that names no task that task\'s section', () => {
    const { taskSections, checklist } = read(
      '### Consolidate storage\n\n- **ID**: TASK-28.2\n- **Status**: ✅ COMPLETED\n\n- [ ] Mounts\n',
    );
    expect(taskSections).toMatchObject([
      { id: 'TASK-28.2', range: { start: { line: 1 } }, status: { status: 'done' } },
    ]);
    expect(checklist[0]).toMatchObject({ taskSection: 0 });
  });

  it("a status in a sub-section, a condition or a nested list is not the block's", () => {
    const { taskSections } = read(
      '### TASK-41: Role\n\n**Status**: done once TASK-40 is complete\n\n#### History\n\n**Status:** ✅ COMPLETE\n\n- Notes\n  - **Status**: DONE\n',
    );
    expect(taskSections[0]!.status).toBeUndefined();
  });

  it('boxes under a history, template or sub-task heading belong to no section', () => {
    const { checklist } = read(
      '### TASK-41: Role\n\n- [ ] own box\n\n#### History\n\n- [ ] old box\n\n#### Sub-Task 1.1: Part\n\n- [ ] sub-task box\n',
    );
    expect(checklist.map((item) => item.taskSection)).toEqual([0, undefined, undefined]);
  });

  it('a phase heading states done at its end or in a Status field; a title word "Complete" is not a status', () => {
    const { groupSections } = read(
      [
        '## Phase 1: Setup ✅ COMPLETE',
        '## Phase 2: Structure ✅ (12/12 - 100%)',
        '## Phase 3 Prerequisites (COMPLETED)',
        '## Phase 4: Backend\n\n**Status:** Completed January 11, 2026',
        '## Phase 5: User Story 4 — Complete Account Deletion (Priority: P1)',
        '## Phase 6: Tests ⚠️ MUST COMPLETE BEFORE 3.3',
        '## Phase 7: Rollout 🔄 IN PROGRESS',
      ].join('\n\n'),
    );
    expect(groupSections?.map((group) => [group.name, group.status?.text])).toEqual([
      ['Phase 1: Setup', '✅ COMPLETE'],
      ['Phase 2: Structure (12/12 - 100%)', '✅'],
      ['Phase 3 Prerequisites', 'COMPLETED'],
      ['Phase 4: Backend', 'Completed'],
      ['Phase 5: User Story 4 — Complete Account Deletion (Priority: P1)', undefined],
      ['Phase 6: Tests ⚠️ MUST COMPLETE BEFORE 3.3', undefined],
      ['Phase 7: Rollout 🔄 IN PROGRESS', undefined],
    ]);
  });

  it("a phase's checklist is its own boxes and its Deliverables/Acceptance boxes, not a task's", () => {
    const { checklist, groupSections } = read(
      '## Phase 2 ✅ COMPLETE\n\n- [ ] own\n\n### Acceptance\n\n- [ ] accepted\n\n### TASK-5: Build\n\n- [ ] task box\n\n### Notes on the storage\n\n- [ ] a note\n\nDeferred to a later phase: the rest.\n',
    );
    expect(checklist.map((item) => [item.groupSection, item.taskSection])).toEqual([
      [0, undefined],
      [0, undefined],
      [undefined, 0],
      [undefined, undefined],
    ]);
    expect(groupSections?.[0]).toMatchObject({ name: 'Phase 2', deferred: false });
  });
});

describe("checkbox markers other than GFM's in checklists", () => {
  const text = '# Plan\n\n- [x] Ship\n  - [~] Parse JSON\n  - [/] Parse YAML\n  - [-] Parse XML\n  - [ x] Parse TOML\n';
  const items = (vocabulary = DEFAULT_VOCABULARY) =>
    extractChecklists(text, parseMarkdown(text), new LineIndex(text), ids, vocabulary).checklist.map((item) => [
      item.text,
      item.marker ?? null,
      item.checked,
      item.optional,
      item.parent ?? null,
    ]);

  it('with no config, a known marker is a box neither ticked nor owed', () => {
    expect(items()).toEqual([
      ['Ship', null, true, false, null],
      ['Parse JSON', '[~]', false, true, 0],
      ['Parse YAML', '[/]', false, true, 0],
      ['Parse XML', '[-]', false, true, 0],
      ['Parse TOML', '[ x]', false, true, 0],
    ]);
  });

  it('reads each marker as config checkboxMarkers says: done ticked, open owed, deprecated set aside', () => {
    expect(
      items(buildVocabulary({}, { done: ['[ x]'], 'in-progress': ['[~]'], pending: ['[/]'], deprecated: ['[-]'] })),
    ).toEqual([
      ['Ship', null, true, false, null],
      ['Parse JSON', '[~]', false, false, 0],
      ['Parse YAML', '[/]', false, false, 0],
      ['Parse XML', '[-]', false, true, 0],
      ['Parse TOML', '[ x]', true, false, 0],
    ]);
  });
});
