/**
 * Navigation by task for the language server: hover, definition, references, rename, outline,
 * workspace symbols, document links and code lens, all read from the corpus the rules last ran
 * over. What is drawn from the whole folder is built once per corpus version (the corpus object
 * changes with every edit, so a WeakMap keyed by it is that version's cache).
 */
import { pathToFileURL } from 'node:url';
import GithubSlugger from 'github-slugger';
import {
  CodeLens,
  DocumentLink,
  DocumentSymbol,
  Location,
  MarkupKind,
  ResponseError,
  SymbolKind,
  type Connection,
  type Hover,
  type Position as LspPosition,
  type Range as LspRange,
  type ServerCapabilities,
  type SymbolInformation,
  type TextEdit,
  type WorkspaceEdit,
} from './protocol.js';
import { isOpen } from '../extract/status.js';
import { buildIdMatcher, compareNumbers, idPrefix, idsToReplace, rangeAfterId } from '../extract/ids.js';
import { linkTarget, taskKeyOf, type Corpus, type MentionAt } from '../corpus.js';
import { displayId, LOCAL_SCHEMES } from '../scopes.js';
import { REQUIREMENT_PREFIX, TASK_PREFIX } from '../extract/shapes/layout.js';
import { taskGroups, type GroupPlace, type TaskGroup } from '../groups.js';
import { fileOfUri, toLspRange } from './server.js';
import type { DocumentFacts, GroupStatement, Range, TaskMention } from '../types.js';
import { statedStatuses, statementRank, statusWord } from '../query.js';

/** LSP's ErrorCodes.RequestFailed: the request was valid but cannot be carried out. */
const REQUEST_FAILED = -32803;

const lspRange = (range: Range): LspRange => toLspRange(range);

const uriOf = (file: string): string => pathToFileURL(file).href;

/**
 * Every place of task `id` as seen from `from`: the one lookup every feature goes through, so
 * that IDs scoped to a folder (the same ID in two feature folders is two tasks) change it here.
 */
export function placesOf(corpus: Corpus, id: string, from?: DocumentFacts): MentionAt[] {
  const key = from ? taskKeyOf(corpus, from, id) : id;
  return key === undefined ? [] : (corpus.mentions.get(key) ?? []);
}

/** Every task of the folder with its places: the listing counterpart of `placesOf`. */
function allTasks(corpus: Corpus): Iterable<[string, MentionAt[]]> {
  return corpus.mentions;
}

/** The corpus a request is answered from, and where to read a document's current text. */
export interface View {
  corpus: Corpus;
  textOf(file: string): string | undefined;
}

/**
 * An ID as it stands in the text: the numbered task lists of Kiro, ai-dev-tasks and OpenSpec
 * write "1.1" for their task "Task 1.1", and Kiro's tasks "3.2" for "Requirement 3.2".
 */
function writtenId(id: string): string {
  for (const prefix of [TASK_PREFIX, REQUIREMENT_PREFIX]) if (id.startsWith(prefix)) return id.slice(prefix.length);
  return id;
}

/** A list's own numbering ("Task 1.1", "Requirement 3.2", spec-kit's "User Story 2"), which only renumbering the list changes. */
const isNumbering = (id: string): boolean => [...LOCAL_SCHEMES].some((prefix) => id.startsWith(prefix));

/** Per document version: its field-line mentions whose range is the ID ("- **ID**: TASK-1"), not a value ("**Status**: DONE"). */
const fieldIds = new WeakMap<DocumentFacts, Set<TaskMention>>();

/** Whether the mention's range is the ID as written: what definitions, references and rename point at. */
function isIdRange(view: View, doc: DocumentFacts, mention: TaskMention): boolean {
  const { start, end } = mention.range;
  if (start.line !== end.line) return false;
  // A short form ("Task 041", "**041**") is its number; "Tasks 035-037" names TASK-036 without
  // writing it: nothing there to point at or rename.
  if (mention.writtenAs !== undefined)
    return isShortForm(mention) && end.column - start.column === mention.writtenAs.length;
  if (end.column - start.column !== writtenId(mention.id).length) return false;
  // Elsewhere the range is the ID found in the source, or empty; a field line's may be its value.
  if (mention.source !== 'field') return true;
  let ids = fieldIds.get(doc);
  if (!ids) {
    ids = new Set();
    const text = view.textOf(doc.file);
    if (text !== undefined) {
      const starts = lineStartsOf(text);
      for (const other of doc.mentions)
        if (other.source === 'field' && textAt(text, other.range, starts) === other.id) ids.add(other);
    }
    fieldIds.set(doc, ids);
  }
  return ids.has(mention);
}

function contains(range: Range, position: LspPosition): boolean {
  const line = position.line + 1;
  const column = position.character + 1;
  if (line < range.start.line || line > range.end.line) return false;
  if (line === range.start.line && column < range.start.column) return false;
  // The cursor right after the ID still names it, as in other language servers.
  if (line === range.end.line && column > range.end.column) return false;
  return true;
}

/** The task mention under the cursor, when it is a task ID of the folder. */
export function mentionAt(
  view: View,
  file: string,
  position: LspPosition,
): { doc: DocumentFacts; mention: TaskMention } | undefined {
  const { corpus } = view;
  const doc = corpus.byFile.get(file);
  if (!doc) return undefined;
  let found: TaskMention | undefined;
  for (const mention of mentionsOf(corpus, doc)) {
    if (!contains(mention.range, position)) continue;
    if (!placesOf(corpus, mention.id, doc).length) continue;
    // The ID itself wins over a field line's value that spans it.
    if (!found || (isIdRange(view, doc, mention) && !isIdRange(view, doc, found))) found = mention;
  }
  return found ? { doc, mention: found } : undefined;
}

const writtenNumbers = (mention: TaskMention): string[] => mention.writtenAs?.match(/\d+(?:\.\d+)*/gu) ?? [];

/** A task written by its number alone: "Task 041", "**041**", "046" of "046, 047.1, 048". */
const isShortForm = (mention: TaskMention): boolean => writtenNumbers(mention).length === 1;

/** What a document says of tasks, with its short forms and ranges resolved against the folder. */
function mentionsOf(corpus: Corpus, doc: DocumentFacts): TaskMention[] {
  const resolved = corpus.resolved.get(doc);
  return resolved ? [...doc.mentions, ...resolved] : doc.mentions;
}

/** The tasks a range names at the mention's place ("Tasks 046-048"), in order; just the mention's own task elsewhere. */
function namedAt(corpus: Corpus, doc: DocumentFacts, mention: TaskMention): string[] {
  if (writtenNumbers(mention).length < 2) return [mention.id];
  const { start } = mention.range;
  const ids = mentionsOf(corpus, doc)
    .filter(
      (other) =>
        other.writtenAs === mention.writtenAs &&
        other.range.start.line === start.line &&
        other.range.start.column === start.column,
    )
    .map((other) => other.id);
  return [...new Set(ids)];
}

/** `index.md:5` as a Markdown link that opens the file at that line. */
function placeLink(place: MentionAt): string {
  const line = place.mention.range.start.line;
  return `[${place.doc.relPath}:${line}](${uriOf(place.doc.file)}#L${line})`;
}

function location(place: MentionAt): Location {
  return Location.create(uriOf(place.doc.file), lspRange(place.mention.range));
}

const definitionRank = (place: MentionAt): number =>
  (place.mention.source === 'table' || place.mention.source === 'heading' ? 0 : 2) +
  (place.doc.role === 'active' ? 0 : 1);

/** The places that define the task, best first: table rows and headings, in active documents, before the rest. */
export function definitionsOf(view: View, places: MentionAt[]): MentionAt[] {
  const defining = places.filter(
    (place) => place.mention.kind === 'definition' && isIdRange(view, place.doc, place.mention),
  );
  if (!defining.length) return [];
  const best = Math.min(...defining.map(definitionRank));
  return defining.filter((place) => definitionRank(place) === best);
}

function titleOf(places: MentionAt[]): string | undefined {
  const titled = places.filter((place) => place.mention.kind === 'definition' && place.mention.title);
  titled.sort((a, b) => statementRank(a) - statementRank(b));
  return titled[0]?.mention.title;
}

interface Dependencies {
  /** Per task, the tasks it depends on. */
  on: Map<string, Set<string>>;
  /** Per task, the tasks that depend on it. */
  by: Map<string, Set<string>>;
}

const dependencyCache = new WeakMap<Corpus, Dependencies>();

function dependencies(corpus: Corpus): Dependencies {
  let found = dependencyCache.get(corpus);
  if (found) return found;
  found = { on: new Map(), by: new Map() };
  const add = (map: Map<string, Set<string>>, key: string, value: string) => {
    let set = map.get(key);
    if (!set) map.set(key, (set = new Set()));
    set.add(value);
  };
  // Keyed by task key: T001 of one feature folder depends on T002 of the same folder.
  for (const doc of corpus.documents) {
    const both = (dependent: string, dependency: string): void => {
      const from = taskKeyOf(corpus, doc, dependent);
      const to = taskKeyOf(corpus, doc, dependency);
      if (from === undefined || to === undefined) return;
      add(found.on, from, to);
      add(found.by, to, from);
    };
    for (const edge of doc.edges ?? []) both(edge.to, edge.from);
    for (const mention of doc.mentions)
      for (const dependency of mention.dependencies ?? []) both(mention.id, dependency);
  }
  dependencyCache.set(corpus, found);
  return found;
}

/** A task, by its key, linked to its best definition when it has one. */
function taskLink(view: View, key: string): string {
  const id = displayId(key);
  const definition = definitionsOf(view, view.corpus.mentions.get(key) ?? [])[0];
  return definition ? `[${id}](${uriOf(definition.doc.file)}#L${definition.mention.range.start.line})` : id;
}

const SOURCE_WORDS: Record<TaskMention['source'], string> = {
  table: 'table row',
  heading: 'heading',
  field: 'field line',
  'front-matter': 'front matter',
  list: 'list item',
  prose: 'text',
  code: 'code block',
};

/** How many places a hover lists. */
const HOVER_PLACES = 20;

const escape = (text: string): string => text.replace(/([\\`*_{}[\]<>|])/g, '\\$1');

/** Markdown: the task's title, its status at each place, its dependencies and dependants, each place a link. */
export function hover(view: View, file: string, position: LspPosition): Hover | null {
  const { corpus } = view;
  const at = mentionAt(view, file, position);
  if (!at) {
    const named = groupAt(view, file, position);
    return named ? groupHover(view, named.group, named.place) : null;
  }
  const named = namedAt(corpus, at.doc, at.mention);
  if (named.length > 1) return rangeHover(view, at.doc, at.mention, named);
  const { id } = at.mention;
  const places = placesOf(corpus, id, at.doc);
  const title = titleOf(places);
  const lines = [`**${id}**${title ? ` · ${escape(title)}` : ''}`, ''];
  const stated = new Set(statedStatuses(places));
  for (const place of places.slice(0, HOVER_PLACES)) {
    const { mention } = place;
    const written = SOURCE_WORDS[mention.source];
    const what = mention.dependent
      ? `dependency of ${mention.dependent}`
      : mention.kind === 'definition' && isIdRange(view, place.doc, mention)
        ? `${written} (defines it)`
        : written;
    const status = mention.status
      ? ` · ${statusWord(mention)}${mention.statusText ? ` ("${escape(mention.statusText)}")` : ''}${stated.has(place) ? '' : ' (not counted)'}`
      : '';
    lines.push(`- ${placeLink(place)}: ${what}${status}`);
  }
  // A task named all over a large folder: the hover stays readable; references list them all.
  if (places.length > HOVER_PLACES)
    lines.push(`- and ${countWord(places.length - HOVER_PLACES, 'more place')} (find references lists them)`);
  const deps = dependencies(corpus);
  const key = taskKeyOf(corpus, at.doc, id) ?? id;
  const on = [...(deps.on.get(key) ?? [])];
  const by = [...(deps.by.get(key) ?? [])];
  lines.push('');
  lines.push(`Depends on: ${on.length ? on.map((other) => taskLink(view, other)).join(', ') : 'none stated'}`);
  lines.push('');
  lines.push(`Needed by: ${by.length ? by.map((other) => taskLink(view, other)).join(', ') : 'none stated'}`);
  return { contents: { kind: MarkupKind.Markdown, value: lines.join('\n') }, range: lspRange(at.mention.range) };
}

/** Over a range ("Tasks 046-048"): each task it names, with its title and the statuses its places state. */
function rangeHover(view: View, doc: DocumentFacts, mention: TaskMention, ids: string[]): Hover {
  const lines = [`**${escape(mention.writtenAs!)}** names ${countWord(ids.length, 'task')}`, ''];
  for (const id of ids) {
    const places = placesOf(view.corpus, id, doc);
    const key = taskKeyOf(view.corpus, doc, id) ?? id;
    const title = titleOf(places);
    // The words the places use: a summary line's "Pending" reads as pending, not as an implied "open".
    const stated = statedStatuses(places).sort((a, b) => statementRank(a) - statementRank(b));
    const words = [...new Set(stated.map(({ mention: m }) => statusWord({ status: m.status })))];
    lines.push(
      `- ${taskLink(view, key)}${title ? ` · ${escape(title)}` : ''}${words.length ? ` · ${words.join(' / ')}` : ''}`,
    );
  }
  return { contents: { kind: MarkupKind.Markdown, value: lines.join('\n') }, range: lspRange(mention.range) };
}

/**
 * The span of a group statement that names the group: a heading or list item as read, a table
 * row's first cell, a field line's first line. Hovering a row's other cells or a phase file's
 * body says nothing of the phase.
 */
function groupNameRange(view: View, doc: DocumentFacts, statement: GroupStatement): Range {
  const { range } = statement;
  if (statement.source !== 'table' && statement.source !== 'field') return range;
  const text = view.textOf(doc.file);
  const line = text?.split('\n', range.start.line)[range.start.line - 1];
  if (line === undefined) return range;
  let end = line.length;
  if (statement.source === 'table') {
    const from = range.start.column - 1;
    const opening = line.startsWith('|', from) ? from + 1 : from;
    const bar = line.indexOf('|', opening);
    if (bar !== -1) end = bar;
  }
  return { start: range.start, end: { line: range.start.line, column: end + 1 } };
}

/** The group whose name is under the cursor, with the place it is named at. */
export function groupAt(
  view: View,
  file: string,
  position: LspPosition,
): { group: TaskGroup; place: GroupPlace } | undefined {
  const doc = view.corpus.byFile.get(file);
  if (!doc?.groups?.length) return undefined;
  for (const group of taskGroups(view.corpus))
    for (const place of group.places)
      if (place.doc === doc && contains(groupNameRange(view, doc, place.statement), position)) return { group, place };
  return undefined;
}

const GROUP_SOURCE_WORDS: Record<GroupStatement['source'], string> = {
  heading: 'heading',
  table: 'table row',
  list: 'list item',
  field: 'field line',
};

function groupLocation(place: GroupPlace): Location {
  return Location.create(uriOf(place.doc.file), lspRange(place.statement.range));
}

/** Where a group is defined: its own heading (a phase file's title, a "## Phase 2" heading), else nothing. */
function groupDefinitions(group: TaskGroup): GroupPlace[] {
  return group.places.filter(({ statement }) => statement.source === 'heading');
}

function groupHover(view: View, group: TaskGroup, at: GroupPlace): Hover {
  const name = groupDefinitions(group)[0]?.statement.label ?? at.statement.label;
  const lines = [`**${escape(name)}**`, ''];
  for (const { doc, statement } of group.places.slice(0, HOVER_PLACES)) {
    const line = statement.range.start.line;
    const link = `[${doc.relPath}:${line}](${uriOf(doc.file)}#L${line})`;
    const what = `${GROUP_SOURCE_WORDS[statement.source]}${statement.document ? ' (the document)' : ''}`;
    const status = statement.status
      ? ` · ${statusWord({ status: statement.status })}${statement.statusText ? ` ("${escape(statement.statusText)}")` : ''}`
      : '';
    lines.push(`- ${link}: ${what}${status}`);
  }
  if (group.places.length > HOVER_PLACES)
    lines.push(`- and ${countWord(group.places.length - HOVER_PLACES, 'more place')} (find references lists them)`);
  lines.push('');
  if (group.members) {
    const { list } = group.members;
    const done = list.filter((member) => member.state === 'done').length;
    const open = list.filter((member) => member.state === 'open').length;
    const members = list.slice(0, HOVER_PLACES).map((member) => {
      const key = taskKeyOf(view.corpus, group.members!.doc, member.id);
      return key === undefined ? member.id : taskLink(view, key);
    });
    // Deprecated tasks, and tasks whose places disagree or say nothing, are neither.
    const unclear = list.length - done - open - list.filter((member) => member.state === 'deprecated').length;
    const more = list.length > HOVER_PLACES ? `, and ${list.length - HOVER_PLACES} more` : '';
    lines.push(
      `Tasks: ${countWord(list.length, 'task')} in ${group.members.doc.relPath} (${done} done, ${open} open${unclear ? `, ${unclear} unclear` : ''}): ${members.join(', ')}${more}`,
    );
  } else lines.push('Tasks: none bound to it');
  return {
    contents: { kind: MarkupKind.Markdown, value: lines.join('\n') },
    range: lspRange(groupNameRange(view, at.doc, at.statement)),
  };
}

export function definition(view: View, file: string, position: LspPosition): Location[] | null {
  const { corpus } = view;
  const at = mentionAt(view, file, position);
  if (!at) {
    const named = groupAt(view, file, position);
    const found = named ? groupDefinitions(named.group) : [];
    return found.length ? found.map(groupLocation) : null;
  }
  // From a range, each task it names.
  const found = namedAt(corpus, at.doc, at.mention).flatMap((id) => definitionsOf(view, placesOf(corpus, id, at.doc)));
  return found.length ? found.map(location) : null;
}

export function references(
  view: View,
  file: string,
  position: LspPosition,
  includeDeclaration: boolean,
): Location[] | null {
  const { corpus } = view;
  const at = mentionAt(view, file, position);
  if (!at) {
    const named = groupAt(view, file, position);
    if (!named) return null;
    const defining = new Set(groupDefinitions(named.group));
    return named.group.places.filter((place) => includeDeclaration || !defining.has(place)).map(groupLocation);
  }
  return namedAt(corpus, at.doc, at.mention)
    .flatMap((id) => placesOf(corpus, id, at.doc))
    .filter(
      (place) =>
        isIdRange(view, place.doc, place.mention) && (includeDeclaration || place.mention.kind !== 'definition'),
    )
    .map(location);
}

export function prepareRename(
  view: View,
  file: string,
  position: LspPosition,
): { range: LspRange; placeholder: string } | null {
  const at = mentionAt(view, file, position);
  if (!at || !isIdRange(view, at.doc, at.mention)) return null;
  if (isNumbering(at.mention.id)) throw refuse(numberingMessage(at.doc, at.mention.id));
  return { range: lspRange(at.mention.range), placeholder: at.mention.id };
}

/** The text of a range of one line, or undefined when the text no longer has that line. */
function textAt(text: string, range: Range, lineStarts: number[]): string | undefined {
  const start = lineStarts[range.start.line - 1];
  if (start === undefined) return undefined;
  return text.slice(start + range.start.column - 1, start + range.end.column - 1);
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

const refuse = (message: string): ResponseError => new ResponseError(REQUEST_FAILED, message);

const numberingMessage = (doc: DocumentFacts, id: string): string =>
  `${writtenId(id)} is a number the list in ${doc.relPath} gives its item, not a task ID: renumber the list to change it.`;

/**
 * Every written occurrence of the task's ID rewritten to `newName`, in every file. Refused when
 * the new ID is not one by the folder's pattern, is already a task, or when an occurrence ends a
 * range ("TASK-1 through TASK-5"), whose members would change.
 */
export function rename(view: View, file: string, position: LspPosition, newName: string): WorkspaceEdit {
  const { corpus } = view;
  const at = mentionAt(view, file, position);
  if (!at || !isIdRange(view, at.doc, at.mention)) throw refuse('There is no task ID here to rename.');
  if (isNumbering(at.mention.id)) throw refuse(numberingMessage(at.doc, at.mention.id));
  const oldId = at.mention.id;
  const newId = newName.trim();
  const pattern = corpus.config.taskIdPattern;
  if (!new RegExp(`^(?:${pattern})$`, 'u').test(newId))
    throw refuse(`"${newId}" is not a task ID: task IDs match ${pattern} (taskIdPattern in the tasklint config).`);
  if (newId === oldId) return { changes: {} };
  const taken = placesOf(corpus, newId, at.doc);
  if (taken.length) {
    const where = definitionsOf(view, taken)[0] ?? taken[0]!;
    throw refuse(
      `${newId} is already a task (${where.mention.kind === 'definition' ? 'defined' : 'mentioned'} at ${where.doc.relPath}:${where.mention.range.start.line}); renaming ${oldId} to it would merge two tasks.`,
    );
  }
  // Where the ID is not written out, the short form or range must still name the task once renamed.
  const oldPrefix = idPrefix(oldId);
  const oldNumber = oldId.slice(oldPrefix.length);
  const newPrefix = idPrefix(newId);
  const newNumber = newId.slice(newPrefix.length);
  const shortForms: MentionAt[] = [];
  for (const place of placesOf(corpus, oldId, at.doc)) {
    const { writtenAs } = place.mention;
    if (writtenAs === undefined) continue;
    const where = `${place.doc.relPath}:${place.mention.range.start.line}`;
    const numbers = writtenNumbers(place.mention);
    if (numbers.length >= 2) {
      const [from, to] = [numbers[0]!, numbers.at(-1)!];
      // "Tasks 035-037" would name other tasks once an end of it is renamed.
      if (from === oldNumber || to === oldNumber)
        throw refuse(
          `${oldId} ends a range of tasks at ${where}; renaming it would change which tasks the range names. Rewrite the range first.`,
        );
      const inside =
        newPrefix === oldPrefix && compareNumbers(newNumber, from) > 0 && compareNumbers(newNumber, to) < 0;
      if (!inside)
        throw refuse(
          `${oldId} is one of the tasks "${writtenAs}" names at ${where}; as ${newId} it would no longer be. Rewrite the range first.`,
        );
    } else if (newPrefix !== oldPrefix) {
      throw refuse(
        `${oldId} is written "${writtenAs}" at ${where}, by its number alone, which cannot name ${newId}. Write it out in full there first.`,
      );
    } else shortForms.push(place);
  }
  const ids = buildIdMatcher(pattern);
  const rangeAfter = rangeAfterId(ids);
  const rangeBefore = new RegExp(`(?:${ids.all.source})\\s*(?:through|thru|to|until|[-–—]|\\.\\.)\\s*$`, 'u');
  const changes: Record<string, TextEdit[]> = {};
  const byFile = new Map<DocumentFacts, MentionAt[]>();
  for (const place of placesOf(corpus, oldId, at.doc)) {
    if (!isIdRange(view, place.doc, place.mention) && !shortForms.includes(place)) continue;
    byFile.set(place.doc, [...(byFile.get(place.doc) ?? []), place]);
  }
  for (const [doc, places] of byFile) {
    const text = view.textOf(doc.file);
    if (text === undefined) throw refuse(`${doc.relPath} cannot be read, so ${oldId} cannot be renamed there.`);
    const starts = lineStartsOf(text);
    const edits: TextEdit[] = [];
    for (const place of places) {
      const { range } = place.mention;
      // "Task 041" and "**041**" keep their form: only the number changes.
      if (shortForms.includes(place)) {
        if (textAt(text, range, starts) === place.mention.writtenAs)
          edits.push({ range: lspRange(range), newText: newNumber });
        continue;
      }
      if (textAt(text, range, starts) !== oldId) continue;
      const lineStart = starts[range.start.line - 1]!;
      const offset = lineStart + range.start.column - 1;
      const lineEnd = text.indexOf('\n', offset);
      const after = text.slice(offset + oldId.length, lineEnd === -1 ? text.length : lineEnd);
      const before = text.slice(lineStart, offset);
      if (rangeAfter.test(after) || rangeBefore.test(before)) {
        throw refuse(
          `${oldId} ends a range of tasks at ${doc.relPath}:${range.start.line}; renaming it would change which tasks the range names. Rewrite the range first.`,
        );
      }
      edits.push({ range: lspRange(range), newText: newId });
    }
    if (edits.length) changes[uriOf(doc.file)] = edits;
  }
  for (const [doc, anchors] of renamedAnchors(corpus, [...byFile.keys()], ids, oldId, newId, shortForms, newNumber)) {
    for (const from of corpus.documents) {
      const fixed = anchorEdits(view, from, doc, anchors);
      if (fixed.length) changes[uriOf(from.file)] = [...(changes[uriOf(from.file)] ?? []), ...fixed];
    }
  }
  return { changes };
}

/** Per document, the heading anchors the rename changes ("task-1-set-up-storage" → "task-10-set-up-storage"). */
function renamedAnchors(
  corpus: Corpus,
  docs: DocumentFacts[],
  ids: ReturnType<typeof buildIdMatcher>,
  oldId: string,
  newId: string,
  shortForms: MentionAt[],
  newNumber: string,
): Map<DocumentFacts, Map<string, string>> {
  const found = new Map<DocumentFacts, Map<string, string>>();
  for (const doc of docs) {
    if (!corpus.byFile.has(doc.file)) continue;
    // Slugs again in document order: the numbering of duplicates ("-1") may move too.
    const slugger = new GithubSlugger();
    const anchors = new Map<string, string>();
    for (const heading of doc.headings) {
      let text = heading.text.replace(idsToReplace(ids), (id) => (id === oldId ? newId : id));
      // "### Task 041: ..." renamed by its number.
      const short = shortForms.find(
        (place) => place.doc === doc && place.mention.range.start.line === heading.range.start.line,
      );
      if (short?.mention.writtenAs !== undefined)
        text = text.replace(
          new RegExp(`(?<![\\d.])${short.mention.writtenAs.replace(/\./g, '\\.')}(?![\\d.])`, 'u'),
          newNumber,
        );
      const slug = slugger.slug(text);
      if (slug !== heading.slug) anchors.set(heading.slug, slug);
    }
    if (anchors.size) found.set(doc, anchors);
  }
  return found;
}

/** The links of `from` to a renamed anchor of `to`, rewritten: only the fragment. */
function anchorEdits(view: View, from: DocumentFacts, to: DocumentFacts, anchors: Map<string, string>): TextEdit[] {
  const links = from.links.filter(
    (link) => link.fragment !== undefined && anchors.has(link.fragment) && linkTarget(from, link) === to.file,
  );
  if (!links.length) return [];
  const text = view.textOf(from.file);
  if (text === undefined) return [];
  const starts = lineStartsOf(text);
  const edits: TextEdit[] = [];
  for (const link of links) {
    const start = starts[link.range.start.line - 1];
    const end = starts[link.range.end.line - 1];
    if (start === undefined || end === undefined) continue;
    const source = text.slice(start + link.range.start.column - 1, end + link.range.end.column - 1);
    const at = source.lastIndexOf(`#${link.fragment}`);
    if (at === -1) continue;
    const offset = start + link.range.start.column - 1 + at + 1;
    edits.push({
      range: { start: positionAt(starts, offset), end: positionAt(starts, offset + link.fragment!.length) },
      newText: anchors.get(link.fragment!)!,
    });
  }
  return edits;
}

function positionAt(starts: number[], offset: number): LspPosition {
  let line = 0;
  while (line + 1 < starts.length && starts[line + 1]! <= offset) line++;
  return { line, character: offset - starts[line]! };
}

/** The outline: headings as a tree, each task definition under the heading it is in. */
export function documentSymbols(view: View, file: string): DocumentSymbol[] {
  const { corpus } = view;
  const doc = corpus.byFile.get(file);
  if (!doc) return [];
  const roots: DocumentSymbol[] = [];
  const stack: { depth: number; symbol: DocumentSymbol }[] = [];
  const headings = doc.headings;
  const ends = headings.map((heading, i) => {
    const next = headings.slice(i + 1).find((other) => other.depth <= heading.depth);
    return next ? { line: next.range.start.line - 1, character: 0 } : { line: doc.lineCount, character: 0 };
  });
  const definitions = doc.mentions.filter(
    (mention) =>
      mention.kind === 'definition' && isIdRange(view, doc, mention) && placesOf(corpus, mention.id, doc).length > 0,
  );
  let next = 0;
  const addTasks = (before: number, into: DocumentSymbol[]) => {
    while (next < definitions.length && definitions[next]!.range.start.line < before) {
      const mention = definitions[next++]!;
      // One entry per task and heading: a row and its block's ID field are one task.
      if (into.some((symbol) => symbol.name === mention.id)) continue;
      into.push(
        DocumentSymbol.create(
          mention.id,
          mention.title,
          SymbolKind.Key,
          lspRange(mention.range),
          lspRange(mention.range),
        ),
      );
    }
  };
  const childrenOf = (symbol?: DocumentSymbol): DocumentSymbol[] => (symbol ? (symbol.children ??= []) : roots);
  headings.forEach((heading, i) => {
    // Tasks before this heading belong to the innermost open one.
    addTasks(heading.range.start.line, childrenOf(stack.at(-1)?.symbol));
    while (stack.length && stack.at(-1)!.depth >= heading.depth) stack.pop();
    const range = { start: lspRange(heading.range).start, end: ends[i]! };
    const symbol = DocumentSymbol.create(
      heading.text || '(untitled)',
      undefined,
      SymbolKind.String,
      range,
      lspRange(heading.range),
      [],
    );
    childrenOf(stack.at(-1)?.symbol).push(symbol);
    stack.push({ depth: heading.depth, symbol });
    // A task the heading defines is skipped: the heading is its entry.
    while (next < definitions.length && definitions[next]!.range.start.line === heading.range.start.line) next++;
  });
  addTasks(Number.POSITIVE_INFINITY, childrenOf(stack.at(-1)?.symbol));
  return roots;
}

interface TaskEntry {
  id: string;
  title?: string;
  place: MentionAt;
}

const taskCache = new WeakMap<Corpus, TaskEntry[]>();

/** Every defined task of the folder, once per corpus version. */
function tasks(view: View): TaskEntry[] {
  const { corpus } = view;
  let found = taskCache.get(corpus);
  if (found) return found;
  found = [];
  for (const [key, places] of allTasks(corpus)) {
    const place = definitionsOf(view, places)[0];
    if (!place) continue;
    const title = titleOf(places);
    found.push({ id: displayId(key), ...(title ? { title } : {}), place });
  }
  found.sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }));
  taskCache.set(corpus, found);
  return found;
}

/** Every word of the query in the name, ignoring case: "task-12", "storage", "set stor". */
function matches(query: string, name: string): boolean {
  const lower = name.toLowerCase();
  return query
    .toLowerCase()
    .split(/\s+/)
    .every((word) => lower.includes(word));
}

const WORKSPACE_SYMBOL_LIMIT = 1000;

export function workspaceSymbols(views: View[], query: string): SymbolInformation[] {
  const found: SymbolInformation[] = [];
  for (const view of views) {
    for (const task of tasks(view)) {
      const name = task.title ? `${task.id}: ${task.title}` : task.id;
      if (!matches(query, name)) continue;
      found.push({ name, kind: SymbolKind.Key, location: location(task.place), containerName: task.place.doc.relPath });
      if (found.length >= WORKSPACE_SYMBOL_LIMIT) return found;
    }
    // Phases, streams and stories by the name their own heading gives them.
    for (const group of taskGroups(view.corpus)) {
      const place = groupDefinitions(group)[0];
      if (!place || !matches(query, place.statement.label)) continue;
      found.push({
        name: place.statement.label,
        kind: SymbolKind.Namespace,
        location: groupLocation(place),
        containerName: place.doc.relPath,
      });
      if (found.length >= WORKSPACE_SYMBOL_LIMIT) return found;
    }
  }
  return found;
}

/** Relative links as file URIs, at a heading's line when the fragment names one; not links out of the folder to nothing. */
export function documentLinks(view: View, file: string): DocumentLink[] {
  const { corpus } = view;
  const doc = corpus.byFile.get(file);
  if (!doc) return [];
  const links: DocumentLink[] = [];
  for (const link of doc.links) {
    if (!link.path) continue;
    const target = linkTarget(doc, link);
    const inCorpus = corpus.byFile.get(target);
    const info = corpus.targets.get(target);
    if (!inCorpus && info && !info.exists && info.outsideRoot) continue;
    let uri = uriOf(target);
    const heading =
      inCorpus && link.fragment ? inCorpus.headings.find((h) => h.slug === link.fragment!.toLowerCase()) : undefined;
    if (heading) uri += `#L${heading.range.start.line}`;
    links.push(DocumentLink.create(lspRange(link.range), uri, link.path));
  }
  return links;
}

const countWord = (count: number, what: string): string => `${count} ${what}${count === 1 ? '' : 's'}`;

/** Over each definition whose task's places disagree: "done here · pending in 2 other places". */
export function codeLenses(view: View, file: string): CodeLens[] {
  const { corpus } = view;
  const doc = corpus.byFile.get(file);
  if (!doc) return [];
  const lenses: CodeLens[] = [];
  const done = new Set<string>();
  for (const mention of doc.mentions) {
    if (mention.kind !== 'definition' || !isIdRange(view, doc, mention) || done.has(mention.id)) continue;
    const places = placesOf(corpus, mention.id, doc);
    // Over the task's own definition (its row, its heading), not every list item that names it first.
    if (!definitionsOf(view, places).some((place) => place.mention === mention)) continue;
    const stated = statedStatuses(places);
    // Disagreeing: done against open, as task-status-conflict reads statuses.
    if (
      !stated.some((place) => place.mention.status === 'done') ||
      !stated.some((place) => isOpen(place.mention.status))
    )
      continue;
    done.add(mention.id);
    const here = stated.find((place) => place.mention === mention) ?? stated.find((place) => place.doc === doc);
    const hereWord = here ? statusWord(here.mention) : undefined;
    const elsewhere = new Map<string, number>();
    for (const place of stated) {
      const word = statusWord(place.mention);
      if (word !== hereWord) elsewhere.set(word, (elsewhere.get(word) ?? 0) + 1);
    }
    const parts = [...elsewhere].map(
      ([word, count]) => `${word} in ${countWord(count, here ? 'other place' : 'place')}`,
    );
    const title = [...(hereWord ? [`${hereWord} here`] : []), ...parts].join(' · ');
    // A title only: clients show it; there is nothing to run.
    lenses.push({ range: lspRange(mention.range), command: { title, command: '' } });
  }
  return lenses;
}

/** What navigation needs from the server: the checked corpus around a file, every corpus, a file's current text. */
export interface NavigationSource {
  corpusOf(file: string): Promise<Corpus | undefined>;
  corpora(): Promise<Corpus[]>;
  textOf(file: string): string | undefined;
}

export const NAVIGATION_CAPABILITIES = {
  hoverProvider: true,
  definitionProvider: true,
  referencesProvider: true,
  renameProvider: { prepareProvider: true },
  documentSymbolProvider: true,
  workspaceSymbolProvider: true,
  documentLinkProvider: { resolveProvider: false },
  codeLensProvider: { resolveProvider: false },
} satisfies ServerCapabilities;

/** Answers the navigation requests from the corpus of the file asked about. */
export function registerNavigation(connection: Connection, source: NavigationSource): void {
  const at = async <T>(uri: string, answer: (view: View, file: string) => T, none: T): Promise<T> => {
    const file = fileOfUri(uri);
    const corpus = file ? await source.corpusOf(file) : undefined;
    return corpus && file ? answer({ corpus, textOf: (name) => source.textOf(name) }, file) : none;
  };
  connection.onHover((params) => at(params.textDocument.uri, (view, file) => hover(view, file, params.position), null));
  connection.onDefinition((params) =>
    at(params.textDocument.uri, (view, file) => definition(view, file, params.position), null),
  );
  connection.onReferences((params) =>
    at(
      params.textDocument.uri,
      (view, file) => references(view, file, params.position, params.context.includeDeclaration),
      null,
    ),
  );
  connection.onPrepareRename((params) =>
    at(params.textDocument.uri, (view, file) => prepareRename(view, file, params.position), null),
  );
  connection.onRenameRequest((params) =>
    at(params.textDocument.uri, (view, file) => rename(view, file, params.position, params.newName), null),
  );
  connection.onDocumentSymbol((params) => at(params.textDocument.uri, documentSymbols, []));
  connection.onWorkspaceSymbol(async (params) =>
    workspaceSymbols(
      (await source.corpora()).map((corpus) => ({ corpus, textOf: (name: string) => source.textOf(name) })),
      params.query,
    ),
  );
  connection.onDocumentLinks((params) => at(params.textDocument.uri, documentLinks, []));
  connection.onCodeLens((params) => at(params.textDocument.uri, codeLenses, []));
}
