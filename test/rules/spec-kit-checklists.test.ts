import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lint } from '../../src/lint.js';
import { twoSpecKitFeatures } from '../helpers/formats.js';
import { removeFolders, ruleTester, writeFolder } from '../helpers/rule-tester.js';

/**
 * A spec-kit feature's `checklists/*.md` and plan.md tick off questions and gates, not tasks:
 * none of their boxes is a task of the feature, and none states a task's status or count.
 * In twoSpecKitFeatures, 001's T001-T002 are done and T003-T004 open; 002's the other way round.
 */
const checklists = {
  ...twoSpecKitFeatures(),
  'specs/001-event-search/checklists/requirements.md': `# Specification Quality Checklist: Event search

**Purpose**: Validate specification completeness and quality before proceeding to planning
**Feature**: [spec.md](../spec.md)

## Content Quality

- [x] No implementation details (languages, frameworks, APIs)
- [ ] Focused on user value and business needs

## Requirement Completeness

- [ ] CHK001 Are sort orders specified for every result list? [Completeness, Spec §FR-002]
- [x] CHK002 Is T003's filter output defined? [Clarity]
- [x] CHK003 T004 results page is covered by a test
- [ ] CHK004 All 2 tasks of Phase 3 have acceptance scenarios

## Notes

- 2/6 items complete
`,
  'specs/001-event-search/checklists/review.md': `# Review Checklist: Event search

- [ ] T002 Naming reviewed by the team
- [x] T003 [US1] City filter reviewed
- [x] T004 Results page reviewed
- [x] Phase 3 reviewed
`,
  'specs/001-event-search/plan.md': `# Implementation Plan: Event search

## Progress Tracking

**Phase Status**:
- [x] Phase 0: Research complete (/plan command)
- [x] Phase 1: Design complete (/plan command)
- [ ] Phase 2: Task planning complete (/plan command - describe approach only)
- [x] Phase 3: Tasks generated (/tasks command)
- [x] Phase 4: Implementation complete

**Gate Status**:
- [x] Initial Constitution Check: PASS
- [ ] T002 schema checked against the constitution
`,
};

const valid = [
  { name: "a feature's quality checklist, review checklist and plan's progress boxes", files: checklists },
];

describe("a spec-kit feature's checklists, with every rule on", () => {
  afterAll(removeFolders);
  it('give no task, status or count finding', async () => {
    const dir = writeFolder(checklists);
    const { diagnostics } = await lint({ cwd: dir, paths: ['.'] });
    expect(
      diagnostics.map((d) => `${path.relative(dir, d.file)}:${d.range.start.line} ${d.ruleId} ${d.message}`),
    ).toEqual([]);
  });
});

ruleTester('checklist-conflict', {
  valid,
  invalid: [
    {
      name: 'a checklist item ticked over an open sub-item is still a checklist finding',
      files: {
        ...twoSpecKitFeatures(),
        'specs/001-event-search/checklists/ux.md':
          '# UX Checklist: Event search\n\n- [x] Results page reviewed\n  - [ ] Empty results state\n',
      },
      errors: [{ messageId: 'checkedParent', file: 'specs/001-event-search/checklists/ux.md', line: 3 }],
    },
  ],
});
