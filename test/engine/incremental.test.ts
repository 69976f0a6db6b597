import { cpSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findingsByFile } from '../../src/adapters/places.js';
import { PlanningWorkspace } from '../../src/lsp/workspace.js';
import type { Diagnostic } from '../../src/types.js';
import { ROOT } from '../helpers/cli.js';
import { specKitSpec, twoSpecKitFeatures } from '../helpers/formats.js';
import { removeFolders, writeFolder } from '../helpers/rule-tester.js';
import { generateFolder } from '../../bench/generate.mjs';

afterAll(() => {
  removeFolders();
});

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => path.join(dir, name))
    .filter((file) => file.endsWith('.md') && statSync(file).isFile())
    .sort();
}

/** Edits a writer makes to a planning document, each a way the findings of other files can change. */
const EDITS: [string, (text: string, other: string) => string][] = [
  [
    'statuses flipped',
    (text) =>
      text.replace(
        /✅ COMPLETE|IN PROGRESS|\[x\]|\[ \]/g,
        (word) => ({ '✅ COMPLETE': 'IN PROGRESS', 'IN PROGRESS': '✅ COMPLETE', '[x]': '[ ]', '[ ]': '[x]' })[word]!,
      ),
  ],
  ['numbers changed', (text) => text.replace(/\b([1-9])\b/g, (digit) => String((Number(digit) % 9) + 1))],
  [
    'second half deleted',
    (text) =>
      text
        .split('\n')
        .slice(0, Math.ceil(text.split('\n').length / 2))
        .join('\n'),
  ],
  ['replaced by another document', (_text, other) => other],
  [
    'links added',
    (text, other) =>
      `${text}\n\nSee [the plan](./missing-plan.md), [a section](${path.basename(other)}#no-such-heading) and [phase one](#phase-1).\n`,
  ],
  ['tasks renamed', (text) => text.replace(/TASK-(\d)/g, 'TASK-9$1')],
];

/** The findings each file shows in an editor. */
function shown(diagnostics: Diagnostic[]): Map<string, string> {
  return new Map(
    [...findingsByFile(diagnostics, (file) => file)].map(([file, list]) => [
      file,
      JSON.stringify(list.map((f) => [f.diagnostic.ruleId, f.range, f.message, f.others])),
    ]),
  );
}

/**
 * After every edit the language server re-checks only what the edited document can change; what
 * it then shows must be what checking the whole folder from scratch shows, and every file whose
 * findings changed must be among those it sends again.
 */
async function editEveryDocument(dir: string, options: { fullRuns?: number[] } = {}): Promise<number> {
  const workspace = await PlanningWorkspace.load(dir);
  const files = markdownFiles(dir).filter((file) => workspace.has(file));
  let previous = await workspace.lint();
  let checks = 0;
  for (const [index, file] of files.entries()) {
    const original = readFileSync(file, 'utf8');
    const other = readFileSync(files[(index + 1) % files.length]!, 'utf8');
    let text = original;
    for (const [name, edit] of [...EDITS, ['restored', () => original] as const]) {
      text = edit(text, other);
      await workspace.setText(file, text);
      const { diagnostics, affected } = await workspace.lintChanges();
      const expected = await workspace.lintFromScratch();
      expect(diagnostics, `${path.relative(dir, file)}: ${name}`).toEqual(expected);
      if (options.fullRuns && affected === undefined) {
        // Allowed where an edit changes which ID schemes count, or which task an ID outside every feature names.
        options.fullRuns.push(checks++);
        previous = diagnostics;
        continue;
      }
      expect(affected, `${path.relative(dir, file)}: ${name}: an incremental run`).toBeDefined();
      const before = shown(previous);
      const after = shown(diagnostics);
      for (const shownFile of new Set([...before.keys(), ...after.keys()])) {
        if (before.get(shownFile) !== after.get(shownFile))
          expect(affected!.has(shownFile), `${path.relative(dir, file)}: ${name}: ${shownFile} changed`).toBe(true);
      }
      previous = diagnostics;
      checks++;
    }
  }
  return checks;
}

describe('incremental checking after an edit', { timeout: 120_000 }, () => {
  it('agrees with a full run on the examples folder, where every rule fires', async () => {
    const dir = writeFolder({});
    cpSync(path.join(ROOT, 'examples'), dir, { recursive: true });
    const before = await (await PlanningWorkspace.load(dir)).lint();
    expect(new Set(before.map((d) => d.ruleId)).size).toBeGreaterThanOrEqual(15);
    // An edit that takes away the only document defining an ID scheme (Kiro's requirements.md
    // replaced by another file) changes which IDs are tasks at all: the folder is indexed again.
    const fullRuns: number[] = [];
    const checks = await editEveryDocument(dir, { fullRuns });
    expect(checks).toBeGreaterThan(50);
    expect(fullRuns.length).toBeLessThan(checks / 20);
  });

  it('agrees with a full run on a generated planning folder', async () => {
    const dir = writeFolder({});
    generateFolder(dir, 0.2);
    expect(await editEveryDocument(dir)).toBeGreaterThan(50);
  });

  it('agrees with a full run on spec-kit features that number their tasks alike', async () => {
    const dir = writeFolder({
      ...twoSpecKitFeatures(),
      // FR-004 only the first feature defines: the second's reference to it may point there.
      'specs/001-event-search/spec.md': specKitSpec('Event search', [
        'let visitors search events by city',
        'sort results by date',
        'show the distance to each event',
        'remember the last search',
      ]),
      'specs/002-member-profiles/plan.md':
        '# Implementation Plan\n\nCovers FR-002, FR-004 and FR-009; T004 depends on T003.\n\n| Task | Description | Dependencies |\n|---|---|---|\n| T004 | Avatar upload | T003 |\n| T003 | Profile form | T004 |\n',
      'STATUS.md': '# Status\n\n- T001 is ✅ COMPLETE\n- R-2 is still open\n',
    });
    const before = await (await PlanningWorkspace.load(dir)).lint();
    expect(new Set(before.map((d) => d.ruleId))).toEqual(new Set(['unknown-task-reference', 'dependency-cycle']));
    const fullRuns: number[] = [];
    const checks = await editEveryDocument(dir, { fullRuns });
    expect(fullRuns.length).toBeLessThan(checks / 4);
  });

  it("reports a feature's reference once the only other feature that defined the ID no longer does", async () => {
    const dir = writeFolder({
      // Research decisions may be named across features; a feature's FR- may not.
      'specs/001-a/research.md': '# Research\n\n## R-1: City index\n\n## R-2: Date sort\n\n## R-4: Last search\n',
      'specs/002-b/research.md': '# Research\n\n## R-1: Bio length\n\n## R-2: Avatar size\n',
      'specs/002-b/plan.md': '# Plan\n\nFollows R-4.\n',
    });
    const workspace = await PlanningWorkspace.load(dir);
    expect(await workspace.lint()).toEqual([]);
    await workspace.setText(
      path.join(dir, 'specs/001-a/research.md'),
      '# Research\n\n## R-1: City index\n\n## R-2: Date sort\n',
    );
    const { diagnostics, affected } = await workspace.lintChanges();
    expect(affected).toBeDefined();
    expect(diagnostics.map((d) => `${path.relative(dir, d.file)}: ${d.message}`)).toEqual([
      'specs/002-b/plan.md: R-4 is referenced here, but no linted document defines it.',
    ]);
  });

  it('agrees with a full run when two documents change before the next run', async () => {
    const dir = writeFolder({});
    cpSync(path.join(ROOT, 'examples'), dir, { recursive: true });
    const workspace = await PlanningWorkspace.load(dir);
    await workspace.lint();
    const [first, second] = [path.join(dir, 'tracker.md'), path.join(dir, 'README.md')];
    await workspace.setText(first, readFileSync(second, 'utf8'));
    await workspace.setText(second, readFileSync(first, 'utf8').replace(/✅ COMPLETE/g, 'IN PROGRESS'));
    const { diagnostics, affected } = await workspace.lintChanges();
    expect(affected).toBeDefined();
    expect(diagnostics).toEqual(await workspace.lintFromScratch());
  });
});
