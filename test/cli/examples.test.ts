import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRules } from '../../src/engine.js';
import { ROOT, runCli } from '../helpers/cli.js';

describe('the bundled examples/ folder', () => {
  const run = runCli(['-f', 'json', 'examples/']);
  const results = JSON.parse(run.stdout) as {
    filePath: string;
    format?: string;
    messages: { ruleId: string; line: number; message: string }[];
  }[];
  const messages = results.flatMap((r) => r.messages.map((m) => ({ ...m, file: path.relative(ROOT, r.filePath) })));

  it('--format json names the format each file was read as, and none for a hand-written tracker', () => {
    const formatOf = (file: string) => results.find((r) => path.relative(ROOT, r.filePath) === file)?.format;
    expect(formatOf('examples/specs/001-event-search/tasks.md')).toBe('spec-kit');
    expect(formatOf('examples/.kiro/specs/export/tasks.md')).toBe('kiro');
    expect(formatOf('examples/backlog/tasks/task-2 - List-events.md')).toBe('backlog');
    expect(formatOf('examples/tasks/tasks-prd-event-export.md')).toBe('ai-dev-tasks');
    expect(formatOf('examples/openspec/changes/shorter-sessions/tasks.md')).toBe('openspec');
    expect(formatOf('examples/tracker.md')).toBeUndefined();
  });

  it('shows every rule firing at least once', async () => {
    const fired = new Set(messages.map((m) => m.ruleId));
    const missing = (await loadRules()).map((rule) => rule.id).filter((id) => !fired.has(id));
    expect(missing, 'rules that never fire on examples/').toEqual([]);
    expect(run.code).toBe(1);
  });

  it('names both places of a phase the index calls not started while its file says completed', () => {
    expect(
      messages.filter((m) => m.ruleId === 'group-status-conflict').map((m) => `${m.file}:${m.line} ${m.message}`),
    ).toEqual([
      'examples/README.md:51 Phase 0: Foundation is not started here ("Not Started") but done at phase-0-foundation.md:3 ("✅ Completed").',
      'examples/validation-plan.md:22 Phase 6: Release is done here ("✅ Complete"), but its task ORB-6.2 is not started at release-plan.md:11 (and 2 more open).',
    ]);
  });

  it('stays silent on its near-misses: the archive, code blocks, criteria lists, rounding, conditions', () => {
    expect(messages.filter((m) => m.file.startsWith('examples/archive/') && m.ruleId !== 'broken-link')).toEqual([]);
    const tracker = messages.filter((m) => m.file === 'examples/tracker.md');
    // The validation criteria (lines 16-19) and the dependency graph in a code block (lines 30-38).
    expect(tracker.filter((m) => (m.line >= 16 && m.line <= 19) || (m.line >= 30 && m.line <= 38))).toEqual([]);
    expect(messages.filter((m) => m.ruleId === 'percent-mismatch' && /6[67]%/.test(m.message))).toEqual([]);
  });

  it('reads task blocks, phases, ranges, the time left and vertical arrows in phase-8-hardening.md', () => {
    expect(
      messages
        .filter((m) => m.file === 'examples/phase-8-hardening.md')
        .map((m) => `${m.line} ${m.ruleId}`)
        .sort(),
    ).toEqual(['10 checklist-conflict', '10 dependency-not-done', '41 checklist-conflict', '5 duration-mismatch']);
    // "Remaining: 8 hours" is the two open blocks' time; the History box is no deliverable.
    expect(messages.filter((m) => m.file === 'examples/phase-8-hardening.md' && [6, 26].includes(m.line))).toEqual([]);
    expect(
      messages
        .filter((m) => m.file === 'examples/status-report.md' && m.ruleId === 'total-mismatch')
        .map((m) => m.line),
    ).toEqual([10, 23]);
  });

  it("stays silent on the near-misses of the tools' formats: numbering restarted in a second feature, checklists, optional and archived tasks, drafts", () => {
    // spec-kit: 002 numbers T001-T004 again, with other statuses; the features' checklists.
    expect(
      messages.filter(
        (m) => m.file.startsWith('examples/specs/002-member-profiles/') || m.file.includes('/checklists/'),
      ),
    ).toEqual([]);
    expect(
      messages.filter((m) => m.file.startsWith('examples/specs/')).map((m) => `${m.file}:${m.line} ${m.ruleId}`),
    ).toEqual([
      'examples/specs/001-event-search/tasks.md:8 task-status-conflict',
      // T003 is checked, but src/search/ has only schema.ts (T002's): city.ts was never written.
      // T006 removes a file, and T007 names one of the user's machine and an example: they name none to check.
      'examples/specs/001-event-search/tasks.md:14 done-task-missing-file',
      // The plan names FR-003, which only 001's spec.md defines; 002's checklist naming "Spec 001's FR-003" is silent.
      'examples/specs/003-event-reminders/plan.md:9 unknown-task-reference',
      // A story done over an open Foundational task (the deferred one is not open work), a label
      // spec.md does not define, a total written before T008 was added; the Phase 2 count agrees.
      'examples/specs/003-event-reminders/tasks.md:14 blocking-phase-not-done',
      'examples/specs/003-event-reminders/tasks.md:25 unknown-task-reference',
      'examples/specs/003-event-reminders/tasks.md:31 summary-count-mismatch',
    ]);
    // OpenSpec: a MODIFIED header the capability's spec does not have, an ADDED requirement whose
    // scenario has three #s (the one above it has its scenario); the archived change (open tasks, a
    // requirement long removed) is history.
    expect(
      messages.filter((m) => m.file.startsWith('examples/openspec/')).map((m) => `${m.file}:${m.line} ${m.ruleId}`),
    ).toEqual([
      'examples/openspec/changes/shorter-sessions/specs/auth/spec.md:3 delta-requirement-not-found',
      'examples/openspec/changes/two-factor/specs/auth/spec.md:12 requirement-without-scenario',
    ]);
    // Kiro: the optional 1.3 is not a sub-task left open.
    expect(
      messages
        .filter((m) => m.file === 'examples/.kiro/specs/export/tasks.md' && m.ruleId === 'checklist-conflict')
        .map((m) => m.message),
    ).toEqual(['"1. Export events" is ticked here, but 1 of its 2 sub-items is not (first at line 6).']);
    // ai-dev-tasks: 3.2 is marked "[~]", which examples/.tasklintrc.json calls in progress: open, not ticked.
    expect(
      messages.filter((m) => m.file === 'examples/tasks/tasks-prd-event-export.md').map((m) => `${m.line} ${m.ruleId}`),
    ).toEqual(['15 checklist-conflict', '18 checklist-conflict']);
    // Backlog.md: TASK-1's criterion marked "[-]" (deprecated in the config) is not owed.
    expect(messages.filter((m) => m.file === 'examples/backlog/tasks/task-1 - Store-events-in-a-log.md')).toEqual([]);
    // Backlog.md: a completed task with unticked criteria, and a draft that depends on an open task.
    expect(
      messages.filter(
        (m) => m.file.startsWith('examples/backlog/completed/') || m.file.startsWith('examples/backlog/drafts/'),
      ),
    ).toEqual([]);
    expect(
      messages.filter((m) => m.ruleId === 'dependency-not-done' && m.file.startsWith('examples/backlog/')),
    ).toEqual([]);
  });
});
