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
});
