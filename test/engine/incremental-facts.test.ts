import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { generateFolder } from '../../bench/generate.mjs';
import { extractSettings, factsFromText } from '../../src/documents.js';
import { lint } from '../../src/lint.js';
import { PlanningWorkspace } from '../../src/lsp/workspace.js';
import { removeFolders, writeFolder } from '../helpers/rule-tester.js';

afterAll(() => {
  removeFolders();
});

const BACKLOG_TASK = `---
id: task-3
title: Export the data
status: In Progress
dependencies:
  - task-1
---

## Description

Export the data as CSV.

## Acceptance Criteria
<!-- AC:BEGIN -->
- [x] #1 CSV export works
- [ ] #2 Large exports stream
<!-- AC:END -->
`;

// What an editor types: characters, lines, and the marks that open or close fences, tables,
// lists, quotes, HTML comments and front matter.
const typed = fc.constantFrom(
  'x',
  ' ',
  '\n',
  '\n\n',
  '```',
  '\n```\n',
  '~~~',
  '- ',
  '- [x] ',
  '> ',
  '|',
  '| X |\n|---|',
  '#',
  '## ',
  '---',
  '===',
  '<!--',
  '-->',
  '    ',
  '1. ',
  '✅ COMPLETE',
  'Pending',
  ' HPCAA-001',
  '[x]: ./other.md',
  'status: Done',
);
const edit = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  removed: fc.integer({ min: 0, max: 20 }),
  text: typed,
  atLineStart: fc.boolean(),
});

function applyEdit(text: string, change: { at: number; removed: number; text: string; atLineStart: boolean }): string {
  let offset = Math.floor(change.at * (text.length + 1));
  if (change.atLineStart) offset = text.lastIndexOf('\n', offset - 1) + 1;
  return text.slice(0, offset) + change.text + text.slice(Math.min(text.length, offset + change.removed));
}

describe('the language server re-parses only what an edit touched', () => {
  it('has, after every edit, the facts and the findings of a full parse of the folder', async () => {
    const dir = writeFolder({ 'backlog/tasks/task-3 - Export the data.md': BACKLOG_TASK });
    generateFolder(path.join(dir, 'plan'), 0.03);
    const list = path.join(dir, 'plan', 'workstreams', 'hpc-1-task-list.md');
    const backlog = path.join(dir, 'backlog/tasks/task-3 - Export the data.md');
    writeFileSync(path.join(dir, '.tasklintrc.json'), '{}');
    const workspace = await PlanningWorkspace.load(dir);
    await workspace.lint();
    const settings = extractSettings(workspace.loaded.config, workspace.root, workspace.loaded.dir);
    const texts = new Map([list, backlog].map((file) => [file, readFileSync(file, 'utf8')]));
    let partial = 0;
    await fc.assert(
      fc.asyncProperty(fc.boolean(), fc.array(edit, { minLength: 1, maxLength: 4 }), async (inBacklog, edits) => {
        const file = inBacklog ? backlog : list;
        let text = texts.get(file)!;
        for (const change of edits) {
          text = applyEdit(text, change);
          await workspace.setText(file, text);
          if (workspace.lastParse(file)?.extent.whole === false) partial++;
          const diagnostics = await workspace.lint();
          const facts = workspace.current!.byFile.get(file);
          expect(facts, `after ${JSON.stringify(edits)}`).toEqual(factsFromText(file, text, settings));
          const full = await lint({ cwd: dir, contents: new Map([[file, Buffer.from(text)]]) });
          expect(diagnostics).toEqual(full.diagnostics);
        }
        // Undone, as the editor's undo does: each run starts from the files on disk.
        await workspace.setText(file, texts.get(file)!);
      }),
      { seed: 13, numRuns: 25 },
    );
    expect(partial).toBeGreaterThan(15);
  });
});
