import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type {
  CodeLens,
  DocumentLink,
  DocumentSymbol,
  Hover,
  Location,
  MarkupContent,
  Range,
  SymbolInformation,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol/node.js';
import { SymbolKind } from 'vscode-languageserver-protocol/node.js';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { removeFolders, writeFolder } from '../helpers/rule-tester.js';
import { LspClient, uri } from './lsp-client.js';
import { NAV_INDEX, NAV_TRACKER } from './planning.js';

const clients: LspClient[] = [];
afterEach(() => {
  for (const client of clients.splice(0)) client.kill();
});
afterAll(() => {
  removeFolders();
});

const CONTENTS =
  '# Contents\n\n- [TASK-1](./tracker.md#task-1-set-up-storage)\n- [Runbook](./tracker.md#task-3-write-runbook)\n';

const RUNBOOK = `# Runbook

## Before you start

- TASK-1: storage is up
`;

/** The 0-based position of the `nth` occurrence of `needle` in `text`, one character into it. */
function positionOf(text: string, needle: string, nth = 1): { line: number; character: number } {
  let at = -1;
  for (let i = 0; i < nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at === -1) throw new Error(`"${needle}" #${nth} is not in the text`);
  }
  const before = text.slice(0, at).split('\n');
  return { line: before.length - 1, character: before.at(-1)!.length + 1 };
}

function offsetOf(text: string, position: { line: number; character: number }): number {
  const lines = text.split('\n');
  return lines.slice(0, position.line).reduce((sum, line) => sum + line.length + 1, 0) + position.character;
}

const textIn = (text: string, range: Range): string =>
  text.slice(offsetOf(text, range.start), offsetOf(text, range.end));

function applyEdits(text: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => offsetOf(text, b.range.start) - offsetOf(text, a.range.start));
  return sorted.reduce(
    (result, edit) =>
      result.slice(0, offsetOf(result, edit.range.start)) +
      edit.newText +
      result.slice(offsetOf(result, edit.range.end)),
    text,
  );
}

const where = (location: Location): string =>
  `${path.basename(fileURLToPath(location.uri))}:${location.range.start.line + 1}`;

async function start(dir: string) {
  const { client } = await LspClient.start(dir);
  clients.push(client);
  // The folder is read and checked once the first diagnostics arrive.
  await client.waitFor(() => client.diagnostics.size > 0, 'the first diagnostics');
  return client;
}

function folder() {
  const dir = writeFolder({ 'index.md': NAV_INDEX, 'tracker.md': NAV_TRACKER });
  return { dir, index: path.join(dir, 'index.md'), tracker: path.join(dir, 'tracker.md') };
}

describe('tasklint --lsp navigation', { timeout: 60_000 }, () => {
  it('hover on a task ID shows its title, its status at each place as links, its dependencies and dependants', async () => {
    const { dir, index, tracker } = folder();
    const client = await start(dir);
    const hover = await client.request<Hover>('textDocument/hover', {
      textDocument: { uri: uri(tracker) },
      position: positionOf(NAV_TRACKER, 'TASK-1', 2),
    });
    const { kind, value } = hover.contents as MarkupContent;
    expect(kind).toBe('markdown');
    expect(value.split('\n')).toEqual([
      '**TASK-1** · Set up storage',
      '',
      `- [index.md:7](${uri(index)}#L7): table row (defines it) · done ("COMPLETE")`,
      `- [index.md:8](${uri(index)}#L8): dependency of TASK-2`,
      `- [tracker.md:5](${uri(tracker)}#L5): heading (defines it)`,
      `- [tracker.md:7](${uri(tracker)}#L7): field line · in progress ("IN PROGRESS")`,
      `- [tracker.md:16](${uri(tracker)}#L16): text`,
      '',
      'Depends on: none stated',
      '',
      `Needed by: [TASK-2](${uri(index)}#L8)`,
    ]);
    expect(textIn(NAV_TRACKER, hover.range!)).toBe('TASK-1');

    const ofTask3 = await client.request<Hover>('textDocument/hover', {
      textDocument: { uri: uri(index) },
      position: positionOf(NAV_INDEX, 'TASK-3'),
    });
    expect((ofTask3.contents as MarkupContent).value).toContain(`Depends on: [TASK-2](${uri(index)}#L8)`);
    expect((ofTask3.contents as MarkupContent).value).toContain(`Needed by: [TASK-4](${uri(index)}#L9)`);
    // Not on a task ID: nothing.
    expect(
      await client.request('textDocument/hover', {
        textDocument: { uri: uri(index) },
        position: positionOf(NAV_INDEX, 'Description'),
      }),
    ).toBeNull();
    expect(await client.stop()).toBe(0);
  });

  it('a hover lists the first 20 places of a task named all over the folder, and says how many more there are', async () => {
    const notes = Array.from({ length: 30 }, (_, i) => `- Note ${i}: TASK-1 came up again.`).join('\n');
    const dir = writeFolder({ 'index.md': NAV_INDEX, 'notes.md': `# Notes\n\n${notes}\n` });
    const client = await start(dir);
    const hover = await client.request<Hover>('textDocument/hover', {
      textDocument: { uri: uri(path.join(dir, 'index.md')) },
      position: positionOf(NAV_INDEX, 'TASK-1'),
    });
    const items = (hover.contents as MarkupContent).value.split('\n').filter((line) => line.startsWith('- '));
    expect(items).toHaveLength(21);
    expect(items[20]).toBe('- and 12 more places (find references lists them)');
    expect(await client.stop()).toBe(0);
  });

  it('go to definition leads from any mention to the table row and heading that define the task; references list every place', async () => {
    const { dir, index, tracker } = folder();
    const client = await start(dir);
    // From the dependency cell of TASK-2's row.
    const fromCell = await client.request<Location[]>('textDocument/definition', {
      textDocument: { uri: uri(index) },
      position: positionOf(NAV_INDEX, 'TASK-1', 2),
    });
    expect(fromCell.map(where)).toEqual(['index.md:7', 'tracker.md:5']);
    expect(textIn(NAV_INDEX, fromCell[0]!.range)).toBe('TASK-1');
    expect(textIn(NAV_TRACKER, fromCell[1]!.range)).toBe('TASK-1');
    // From prose, to the one definition of TASK-3: its heading, not its field lines.
    const fromProse = await client.request<Location[]>('textDocument/definition', {
      textDocument: { uri: uri(index) },
      position: positionOf(NAV_INDEX, 'TASK-3'),
    });
    expect(fromProse.map(where)).toEqual(['tracker.md:9']);

    const position = positionOf(NAV_TRACKER, 'TASK-1', 2);
    const all = await client.request<Location[]>('textDocument/references', {
      textDocument: { uri: uri(tracker) },
      position,
      context: { includeDeclaration: true },
    });
    expect(all.map(where)).toEqual(['index.md:7', 'index.md:8', 'tracker.md:5', 'tracker.md:16']);
    const referencesOnly = await client.request<Location[]>('textDocument/references', {
      textDocument: { uri: uri(tracker) },
      position,
      context: { includeDeclaration: false },
    });
    expect(referencesOnly.map(where)).toEqual(['index.md:8', 'tracker.md:16']);
    expect(await client.stop()).toBe(0);
  });

  it('renames a task ID in every file, including text typed but not saved; refuses a taken ID, a non-ID and a range end', async () => {
    const { dir, index, tracker } = folder();
    // Links to the heading that defines TASK-1 follow its new anchor.
    const contents = path.join(dir, 'contents.md');
    writeFileSync(contents, CONTENTS);
    const client = await start(dir);
    await client.open(tracker, NAV_TRACKER);
    // Typed, not saved: the rename must cover it, at the place it is in the buffer.
    const typed = await client.edit(
      tracker,
      NAV_TRACKER,
      '## Storage notes\n',
      '## Storage notes\n\nTASK-2 waits on TASK-1 today.\n',
    );
    const position = positionOf(NAV_INDEX, 'TASK-1');
    const prepared = await client.request<{ range: Range; placeholder: string }>('textDocument/prepareRename', {
      textDocument: { uri: uri(index) },
      position,
    });
    expect(prepared.placeholder).toBe('TASK-1');
    expect(textIn(NAV_INDEX, prepared.range)).toBe('TASK-1');
    expect(
      await client.request('textDocument/prepareRename', {
        textDocument: { uri: uri(index) },
        position: positionOf(NAV_INDEX, 'Storage'),
      }),
    ).toBeNull();

    const edit = await client.request<WorkspaceEdit>('textDocument/rename', {
      textDocument: { uri: uri(index) },
      position,
      newName: 'TASK-10',
    });
    expect(Object.keys(edit.changes!).sort()).toEqual([uri(contents), uri(index), uri(tracker)]);
    expect(applyEdits(CONTENTS, edit.changes![uri(contents)]!)).toBe(
      '# Contents\n\n- [TASK-10](./tracker.md#task-10-set-up-storage)\n- [Runbook](./tracker.md#task-3-write-runbook)\n',
    );
    expect(applyEdits(NAV_INDEX, edit.changes![uri(index)]!)).toBe(NAV_INDEX.replaceAll('TASK-1 ', 'TASK-10 '));
    expect(applyEdits(typed, edit.changes![uri(tracker)]!)).toBe(
      typed
        .replaceAll('TASK-1:', 'TASK-10:')
        .replaceAll('TASK-1 ', 'TASK-10 ')
        .replace('on TASK-1 today', 'on TASK-10 today'),
    );

    const refused = (newName: string, at = position, file = index) =>
      client.request('textDocument/rename', { textDocument: { uri: uri(file) }, position: at, newName }).then(
        () => 'renamed',
        (error: unknown) => (error as Error).message,
      );
    expect(await refused('TASK-2')).toBe(
      'TASK-2 is already a task (defined at index.md:8); renaming TASK-1 to it would merge two tasks.',
    );
    expect(await refused('task 1')).toMatch(
      /^"task 1" is not a task ID: task IDs match .+ \(taskIdPattern in the tasklint config\)\.$/,
    );
    expect(await refused('TASK-40', positionOf(NAV_INDEX, 'TASK-4'))).toBe(
      'TASK-4 ends a range of tasks at tracker.md:18; renaming it would change which tasks the range names. Rewrite the range first.',
    );
    expect(await client.stop()).toBe(0);
  });

  it('outlines a document as its headings, with the tasks each one defines; workspace symbols find every task by ID and title', async () => {
    const { dir, index, tracker } = folder();
    const client = await start(dir);
    const outline = (symbols: DocumentSymbol[]): unknown[] =>
      symbols.map((symbol) =>
        symbol.children?.length
          ? { [symbol.name]: outline(symbol.children) }
          : symbol.detail
            ? `${symbol.name} (${symbol.detail})`
            : symbol.name,
      );
    const ofIndex = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', {
      textDocument: { uri: uri(index) },
    });
    expect(outline(ofIndex)).toEqual([
      {
        'Task index': [
          { Storage: ['TASK-1 (Set up storage)', 'TASK-2 (Configure scheduler)', 'TASK-4 (Add monitoring)'] },
        ],
      },
    ]);
    const ofTracker = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', {
      textDocument: { uri: uri(tracker) },
    });
    expect(outline(ofTracker)).toEqual([
      { Tracker: [{ 'Phase 1': ['TASK-1: Set up storage', 'TASK-3: Write runbook'] }, 'Storage notes'] },
    ]);
    // A heading's symbol spans its section, up to the next heading of its depth or above.
    const phase = ofTracker[0]!.children![0]!;
    expect(phase.range).toEqual({ start: { line: 2, character: 0 }, end: { line: 13, character: 0 } });

    const search = async (query: string) =>
      (await client.request<SymbolInformation[]>('workspace/symbol', { query })).map(
        (symbol) => `${symbol.name} @ ${where(symbol.location)}`,
      );
    expect(await search('')).toEqual([
      'TASK-1: Set up storage @ index.md:7',
      'TASK-2: Configure scheduler @ index.md:8',
      'TASK-3: Write runbook @ tracker.md:9',
      'TASK-4: Add monitoring @ index.md:9',
      // A phase, by the name its heading gives it.
      'Phase 1 @ tracker.md:3',
    ]);
    expect(await search('set STOR')).toEqual(['TASK-1: Set up storage @ index.md:7']);
    expect(await search('task-3')).toEqual(['TASK-3: Write runbook @ tracker.md:9']);
    expect(await client.stop()).toBe(0);
  });

  it('gives relative links as file URIs (at the heading a fragment names), not a link out of the folder to nothing', async () => {
    const { dir, index, tracker } = folder();
    const client = await start(dir);
    const links = await client.request<DocumentLink[]>('textDocument/documentLink', {
      textDocument: { uri: uri(index) },
    });
    expect(links.map((link) => [textIn(NAV_INDEX, link.range), link.target])).toEqual([
      ['[tracker](./tracker.md)', uri(tracker)],
      ['[notes](./tracker.md#storage-notes)', `${uri(tracker)}#L14`],
    ]);
    expect(await client.stop()).toBe(0);
  });

  it('hover on a phase name shows its status at each place and its tasks; definition, references and workspace symbols find it', async () => {
    const roadmap = `# Roadmap

| Phase | Tasks | Status |
|-------|-------|--------|
| [Phase 1: Storage](./phase-1-storage.md) | 2 | 🟡 In Progress |
| [Phase 2: Compute](./phase-2-compute.md) | 1 | Not Started |
`;
    const phase1 = `# Phase 1: Storage

**Status:** ✅ Complete

| Task ID | Description | Status |
|---------|-------------|--------|
| ORB-1.1 | Provision buckets | ✅ Complete |
| ORB-1.2 | Set lifecycle rules | ✅ Complete |
`;
    const dir = writeFolder({ 'roadmap.md': roadmap, 'phase-1-storage.md': phase1 });
    const file = path.join(dir, 'roadmap.md');
    const phaseFile = path.join(dir, 'phase-1-storage.md');
    const client = await start(dir);
    const params = { textDocument: { uri: uri(file) }, position: positionOf(roadmap, 'Phase 1: Storage') };

    const hover = await client.request<Hover>('textDocument/hover', params);
    const lines = (hover.contents as MarkupContent).value.split('\n');
    expect(lines[0]).toBe('**Phase 1: Storage**');
    expect(lines).toContain(`- [roadmap.md:5](${uri(file)}#L5): table row · in progress ("🟡 In Progress")`);
    expect(lines).toContain(`- [phase-1-storage.md:1](${uri(phaseFile)}#L1): heading (the document)`);
    expect(lines).toContain(
      `- [phase-1-storage.md:3](${uri(phaseFile)}#L3): field line (the document) · done ("✅ Complete")`,
    );
    expect(lines.at(-1)).toBe(
      `Tasks: 2 tasks in phase-1-storage.md (2 done, 0 open): [ORB-1.1](${uri(phaseFile)}#L7), [ORB-1.2](${uri(phaseFile)}#L8)`,
    );
    // The row's other cells are about its tasks, not its name.
    const status = { ...params, position: positionOf(roadmap, 'In Progress') };
    expect(await client.request<Hover | null>('textDocument/hover', status)).toBeNull();

    const definitions = await client.request<Location[]>('textDocument/definition', params);
    expect(definitions.map(where)).toEqual(['phase-1-storage.md:1']);
    const references = await client.request<Location[]>('textDocument/references', {
      ...params,
      context: { includeDeclaration: true },
    });
    expect(references.map(where).sort()).toEqual(['phase-1-storage.md:1', 'phase-1-storage.md:3', 'roadmap.md:5']);
    const withoutDeclaration = await client.request<Location[]>('textDocument/references', {
      ...params,
      context: { includeDeclaration: false },
    });
    expect(withoutDeclaration.map(where).sort()).toEqual(['phase-1-storage.md:3', 'roadmap.md:5']);

    const symbols = await client.request<SymbolInformation[]>('workspace/symbol', { query: 'storage' });
    expect(symbols.map((symbol) => `${symbol.name} @ ${where(symbol.location)}`)).toContain(
      'Phase 1: Storage @ phase-1-storage.md:1',
    );
    // Phase 2 has no file of its own: a name in a row, nowhere to go.
    const phase2 = { ...params, position: positionOf(roadmap, 'Phase 2: Compute') };
    expect(await client.request<Location[] | null>('textDocument/definition', phase2)).toBeNull();
    expect(await client.stop()).toBe(0);
  });

  it('from a short form or a range, hover, definition and references reach each task it names', async () => {
    const tracker = `# Tracker

| Task ID | Description | Status |
|---------|-------------|--------|
| TASK-041 | Replace the storage role | ✅ Complete |
| TASK-046 | Retire the old playbook | Pending |
| TASK-047 | Update the runbook | ✅ Complete |
| TASK-048 | Archive the logs | Pending |
`;
    const notes = `# Notes

Task 041 went first.

**Pending**: Tasks 046-048
`;
    const dir = writeFolder({ 'tracker.md': tracker, 'notes.md': notes });
    const file = path.join(dir, 'notes.md');
    const client = await start(dir);
    const short = { textDocument: { uri: uri(file) }, position: positionOf(notes, '041') };
    const shortDefinitions = await client.request<Location[]>('textDocument/definition', short);
    expect(shortDefinitions.map(where)).toEqual(['tracker.md:5']);
    const shortHover = await client.request<Hover>('textDocument/hover', short);
    expect((shortHover.contents as MarkupContent).value.split('\n')[0]).toBe('**TASK-041** · Replace the storage role');

    const range = { textDocument: { uri: uri(file) }, position: positionOf(notes, '046-048') };
    const hover = await client.request<Hover>('textDocument/hover', range);
    expect((hover.contents as MarkupContent).value.split('\n')).toEqual([
      '**046-048** names 3 tasks',
      '',
      `- [TASK-046](${uri(path.join(dir, 'tracker.md'))}#L6) · Retire the old playbook · pending`,
      `- [TASK-047](${uri(path.join(dir, 'tracker.md'))}#L7) · Update the runbook · done / pending`,
      `- [TASK-048](${uri(path.join(dir, 'tracker.md'))}#L8) · Archive the logs · pending`,
    ]);
    const definitions = await client.request<Location[]>('textDocument/definition', range);
    expect(definitions.map(where)).toEqual(['tracker.md:6', 'tracker.md:7', 'tracker.md:8']);
    const references = await client.request<Location[]>('textDocument/references', {
      ...range,
      context: { includeDeclaration: true },
    });
    expect(references.map(where)).toEqual(['tracker.md:6', 'tracker.md:7', 'tracker.md:8']);
    expect(await client.stop()).toBe(0);
  });

  it('puts a code lens over a definition whose places disagree, in each file', async () => {
    const { dir, index, tracker } = folder();
    // A list item that names TASK-1 first is no definition worth a lens.
    const runbook = path.join(dir, 'runbook.md');
    writeFileSync(runbook, RUNBOOK);
    const client = await start(dir);
    expect(await client.request('textDocument/codeLens', { textDocument: { uri: uri(runbook) } })).toEqual([]);
    const lenses = async (file: string, text: string) =>
      (await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: uri(file) } })).map(
        (lens) => `${textIn(text, lens.range)}: ${lens.command!.title}`,
      );
    expect(await lenses(index, NAV_INDEX)).toEqual(['TASK-1: done here · in progress in 1 other place']);
    expect(await lenses(tracker, NAV_TRACKER)).toEqual(['TASK-1: in progress here · done in 1 other place']);
    // Once they agree, the lens goes.
    await client.open(tracker, NAV_TRACKER);
    await client.edit(tracker, NAV_TRACKER, 'IN PROGRESS', 'DONE');
    expect(await lenses(index, NAV_INDEX)).toEqual([]);
    expect(await client.stop()).toBe(0);
  });

  it('answers every request on every file of examples/, each place on the task ID it names', async () => {
    const examples = path.join(ROOT, 'examples');
    const client = await start(examples);
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const file = path.join(dir, name);
        if (statSync(file).isDirectory()) walk(file);
        else if (name.endsWith('.md')) files.push(file);
      }
    };
    walk(examples);
    const texts = new Map(files.map((file) => [uri(file), readFileSync(file, 'utf8')]));
    const textOf = (location: Location) => textIn(texts.get(location.uri)!, location.range);

    const symbols = await client.request<SymbolInformation[]>('workspace/symbol', { query: '' });
    const tasks = symbols.filter((symbol) => symbol.kind === SymbolKind.Key);
    expect(tasks.length).toBeGreaterThan(10);
    // Phases and stories: each at its own heading, and a hover there names it.
    const groups = symbols.filter((symbol) => symbol.kind === SymbolKind.Namespace);
    expect(groups.length).toBeGreaterThan(3);
    for (const group of groups) {
      expect(textOf(group.location)).toMatch(new RegExp(`^#+ .*${group.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
      const hover = await client.request<Hover>('textDocument/hover', {
        textDocument: { uri: group.location.uri },
        position: group.location.range.start,
      });
      expect((hover.contents as MarkupContent).value.split('\n')[0], group.name).toBe(`**${group.name}**`);
    }
    for (const task of tasks) {
      const id = task.name.split(':')[0]!;
      // A numbered list writes its task "Task 1.1" as "1.1" (Kiro, ai-dev-tasks, OpenSpec).
      const numbered = /^(?:Task|Requirement|User Story) /.test(id);
      const written = id.replace(/^(?:Task|Requirement) /, '');
      // Or by its number alone: "Task 1.1" names ORB-1.1 where the folder's only scheme has such numbers.
      const isWritten = (text: string) => text === written || (!numbered && text.length > 0 && id.endsWith(text));
      expect(textOf(task.location)).toBe(written);
      const params = { textDocument: { uri: task.location.uri }, position: task.location.range.start };
      const hover = await client.request<Hover>('textDocument/hover', params);
      expect((hover.contents as MarkupContent).value.startsWith(`**${id}**`)).toBe(true);
      const definitions = await client.request<Location[]>('textDocument/definition', params);
      expect(definitions).toContainEqual(task.location);
      for (const place of definitions) expect(isWritten(textOf(place)), textOf(place)).toBe(true);
      const references = await client.request<Location[]>('textDocument/references', {
        ...params,
        context: { includeDeclaration: true },
      });
      for (const place of references) expect(isWritten(textOf(place)), textOf(place)).toBe(true);
      expect(references).toContainEqual(task.location);
      if (numbered) {
        // Only renumbering the list changes a list's numbers: rename says so before the user types.
        const refused = await client
          .request('textDocument/prepareRename', params)
          .catch((error: unknown) => (error as Error).message);
        expect(refused).toMatch(
          new RegExp(`^${written.replace('.', '\\.')} is a number the list in \\S+ gives its item, not a task ID`),
        );
        continue;
      }
      const prepared = await client.request<{ placeholder: string }>('textDocument/prepareRename', params);
      expect(prepared.placeholder).toBe(id);
      // Renamed to an ID no task has: every edit is on the old ID, or the rename is refused with its reason.
      const unused = `${id}0`;
      const renamed = await client
        .request<WorkspaceEdit>('textDocument/rename', { ...params, newName: unused })
        .catch((error: unknown) => (error as Error).message);
      if (typeof renamed === 'string')
        // A range names the task: renamed out of it (or at an end), the range would name other tasks.
        expect(renamed).toMatch(
          new RegExp(`^${id.replace('.', '\\.')} (?:ends a range of tasks at |is one of the tasks "[^"]+" names at )`),
        );
      else {
        const edits = Object.entries(renamed.changes!).flatMap(([file, list]) =>
          list.map((edit) => ({ uri: file, range: edit.range })),
        );
        expect(edits.length).toBeGreaterThan(0);
        for (const edit of edits) expect(isWritten(textOf(edit)), textOf(edit)).toBe(true);
        // Editors refuse a workspace edit whose edits overlap.
        const keys = edits.map((edit) => `${edit.uri}:${edit.range.start.line}:${edit.range.start.character}`);
        expect(new Set(keys).size).toBe(keys.length);
      }
    }
    const lensTitles: string[] = [];
    for (const file of files) {
      const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', {
        textDocument: { uri: uri(file) },
      });
      // One of them is a PNG named .md: no outline, and no error.
      if (/^#{1,6} /m.test(texts.get(uri(file))!)) expect(symbols.length, file).toBeGreaterThan(0);
      else expect(symbols, file).toEqual([]);
      for (const link of await client.request<DocumentLink[]>('textDocument/documentLink', {
        textDocument: { uri: uri(file) },
      })) {
        expect(link.target!.startsWith('file:'), link.target).toBe(true);
      }
      for (const lens of await client.request<CodeLens[]>('textDocument/codeLens', {
        textDocument: { uri: uri(file) },
      }))
        lensTitles.push(lens.command!.title);
    }
    // The examples hold status contradictions: each shows as a lens.
    expect(lensTitles.length).toBeGreaterThan(0);
    for (const title of lensTitles)
      expect(title).toMatch(
        /^(?:[a-z ]+ here · )?[a-z ]+ in \d+ (?:other )?places?(?: · [a-z ]+ in \d+ (?:other )?places?)*$/,
      );
    expect(await client.stop()).toBe(0);
  });
});
