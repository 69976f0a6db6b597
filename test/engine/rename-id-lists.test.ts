import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { lint } from '../../src/lint.js';
import { rename } from '../../src/lsp/navigation.js';
import { removeFolders, writeFolder } from '../helpers/rule-tester.js';

afterAll(() => {
  removeFolders();
});

const index = `# Index

| Task ID | Description | Status |
|---------|-------------|--------|
| TASK-035 | Runtime framework | Pending |
| TASK-036 | Packer tests | Pending |
| TASK-037 | Makefile update | Pending |
`;

describe('renaming a task that a range names', () => {
  it('refuses to rename an end of "Tasks 035-037", and renames a task inside it where it is written', async () => {
    const dir = writeFolder({ 'index.md': index, 'summary.md': '# Summary\n\n**Pending**: Tasks 035-037\n' });
    const { corpus } = await lint({ cwd: dir, paths: ['.'] });
    const view = { corpus, textOf: (file: string) => readFileSync(file, 'utf8') };
    const file = path.join(dir, 'index.md');
    const at = (line: number) => ({ line, character: 3 });
    expect(() => rename(view, file, at(6), 'TASK-039')).toThrow(
      'TASK-037 ends a range of tasks at summary.md:3; renaming it would change which tasks the range names. Rewrite the range first.',
    );
    const edit = rename(view, file, at(5), 'TASK-036.5');
    // Only the ID as written changes: the range still reads "035-037".
    expect(Object.keys(edit.changes ?? {})).toEqual([pathToFileURL(file).href]);
  });

  it('rewrites a short form by its number, keeps a range that still names the task, and refuses what would break', async () => {
    const tracker = `# Tracker

| Task ID | Description | Status |
|---------|-------------|--------|
| TASK-041 | Replace the storage role | Pending |
| TASK-046 | Retire the old playbook | Pending |
| TASK-047 | Update the runbook | Pending |
| TASK-048 | Archive the logs | Pending |

See [the notes](./notes.md#task-041-replace-the-storage-role).
`;
    const notes = `# Notes

### Task 041: Replace the storage role

Start with Task 041, then 046 and 048.

**Pending**: Tasks 046-048
`;
    const dir = writeFolder({ 'tracker.md': tracker, 'notes.md': notes });
    const { corpus } = await lint({ cwd: dir, paths: ['.'] });
    const view = { corpus, textOf: (file: string) => readFileSync(file, 'utf8') };
    const trackerFile = path.join(dir, 'tracker.md');
    const notesFile = path.join(dir, 'notes.md');
    const at = (line: number) => ({ line, character: 3 });
    const apply = (
      text: string,
      edits: {
        range: { start: { line: number; character: number }; end: { line: number; character: number } };
        newText: string;
      }[],
    ) => {
      const lines = text.split('\n');
      for (const edit of [...edits].sort(
        (a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character,
      )) {
        const line = lines[edit.range.start.line]!;
        lines[edit.range.start.line] =
          line.slice(0, edit.range.start.character) + edit.newText + line.slice(edit.range.end.character);
      }
      return lines.join('\n');
    };

    const edit = rename(view, trackerFile, at(4), 'TASK-051');
    const changes = edit.changes ?? {};
    expect(apply(notes, changes[pathToFileURL(notesFile).href] ?? [])).toBe(notes.replaceAll('041', '051'));
    // The link to the heading follows its new anchor.
    expect(apply(tracker, changes[pathToFileURL(trackerFile).href] ?? [])).toBe(tracker.replaceAll('041', '051'));

    // Inside "Tasks 046-048" under its new number: the range still names it, and reads as before.
    const inside = rename(view, trackerFile, at(6), 'TASK-047.5');
    expect(Object.keys(inside.changes ?? {})).toEqual([pathToFileURL(trackerFile).href]);
    expect(() => rename(view, trackerFile, at(6), 'TASK-060')).toThrow(
      'TASK-047 is one of the tasks "046-048" names at notes.md:7; as TASK-060 it would no longer be. Rewrite the range first.',
    );
    // "Task 041" cannot name an ID of another scheme.
    expect(() => rename(view, trackerFile, at(4), 'CLOUD-1')).toThrow(
      'TASK-041 is written "041" at notes.md:3, by its number alone, which cannot name CLOUD-1. Write it out in full there first.',
    );
  });
});
