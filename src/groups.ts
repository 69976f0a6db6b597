/**
 * Groups of tasks as subjects, across the folder: which statements (an index row, a phase file's
 * header, a heading, a list item) are about the same phase, stream or document, and which tasks
 * are its members. A statement is bound to a group by link (the row links to the phase file),
 * by file name (`phase-0-foundation.md`) or by name ("Phase 0: Foundation"); when the binding is
 * unsure (two candidates in one document, a bare number that may be another numbering, two
 * feature folders) it is bound to nothing.
 */
import path from 'node:path';
import { resolveWrittenIds, taskKeyOf, type Corpus } from './corpus.js';
import { fileGroup } from './extract/shapes/groups.js';
import { isOpen } from './extract/status.js';
import { isReusedId, statedStatuses } from './query.js';
import { UnionFind } from './subjects.js';
import type { DocumentFacts, GroupStatement, Range, Status, TaskMention } from './types.js';

export interface GroupPlace {
  doc: DocumentFacts;
  statement: GroupStatement;
}

/** A member task of a group, with what its own document states about it. */
export interface GroupMember {
  id: string;
  mention: TaskMention;
  /** `done`, `open`, or `unknown` when its places disagree or state nothing. */
  state: 'done' | 'open' | 'unknown' | 'deprecated';
  status?: Status;
  statusText?: string;
  /** Where `mention` is, when not in the members' document: a row's members state their status anywhere. */
  doc?: DocumentFacts;
}

export interface TaskGroup {
  places: GroupPlace[];
  /** The tasks defined under the group's heading or in its document; absent when its places define different sets. */
  members?: { doc: DocumentFacts; list: GroupMember[] };
}

/** Where a group's tasks are defined: a heading's section, or a whole document. */
interface Holder {
  id: string;
  doc: DocumentFacts;
  headingLine?: number;
}

function holderOf(doc: DocumentFacts, statement: GroupStatement): Holder | undefined {
  if (statement.document) return { id: `d:${doc.file}`, doc };
  if (statement.headingLine !== undefined)
    return { id: `h:${doc.file}:${statement.headingLine}`, doc, headingLine: statement.headingLine };
  return undefined;
}

/**
 * Names agree when they share at least half the content words of the longer one: "Database
 * Design & Setup" and "Database Design & Liquibase", not "Backend API" and "REST API Layer -
 * Completion Summary" (a part of the phase).
 */
function sameName(a: readonly string[], b: readonly string[]): boolean {
  if (a.length === 0 || b.length === 0) return false;
  const shared = a.filter((word) => b.includes(word)).length;
  return shared >= 1 && shared >= Math.ceil(Math.max(a.length, b.length) / 2);
}

/** The document a relative link names, and its heading slug, when it is in the corpus. */
function linked(
  corpus: Corpus,
  doc: DocumentFacts,
  url: string,
): { doc: DocumentFacts; fragment?: string } | undefined {
  const [rawPath, fragment] = url.split('#', 2);
  let target: string;
  try {
    const decoded = decodeURIComponent(rawPath ?? '');
    if (!decoded) return undefined;
    target = decoded.startsWith('/')
      ? path.resolve(path.dirname(doc.file), `.${decoded}`)
      : path.resolve(path.dirname(doc.file), decoded);
  } catch {
    return undefined;
  }
  const other = corpus.byFile.get(target);
  return other && { doc: other, ...(fragment ? { fragment } : {}) };
}

/** The name a document goes by: its title's group, else its file name's. */
function documentName(doc: DocumentFacts): { key: string; words: string[] } | undefined {
  const title = doc.groups?.find((statement) => statement.document && statement.source === 'heading');
  if (title?.key) return { key: title.key, words: title.words };
  return fileGroup(doc.relPath);
}

/** A sub-section whose tasks have been moved out of the group: "Deferred to Phase 4", "Future work", "Optional". */
const MOVED_OUT =
  /\b(?:defer(?:red)?|postponed|future|later|backlog|optional|out of scope|moved|next (?:phase|sprint|release)|nice to have|stretch)\b/iu;

/** The first index of `sorted` whose value is above `line`. */
function firstAbove(sorted: readonly number[], line: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (sorted[middle]! > line) high = middle;
    else low = middle + 1;
  }
  return low;
}

/**
 * The task definitions that can make a group's members, per document by line: worked out once
 * per document's facts, as a large tracker holds hundreds of groups and thousands of mentions,
 * and an edit changes one document.
 */
class Definitions {
  /** Kept across runs: a document's facts are a new object once it changes. */
  private static readonly byDoc = new WeakMap<DocumentFacts, { lines: number[]; order: number[] }>();
  /** Whether a heading moves its tasks out of the group, once per heading text. */
  private readonly movedOut = new Map<string, boolean>();

  private isMovedOut(heading: string): boolean {
    let moved = this.movedOut.get(heading);
    if (moved === undefined) this.movedOut.set(heading, (moved = MOVED_OUT.test(heading)));
    return moved;
  }

  private of(doc: DocumentFacts): { lines: number[]; order: number[] } {
    let found = Definitions.byDoc.get(doc);
    if (found) return found;
    const order: number[] = [];
    doc.mentions.forEach((mention, i) => {
      if (
        mention.kind === 'definition' &&
        mention.context === 'normal' &&
        mention.source !== 'code' &&
        !mention.alias &&
        !mention.section.some((heading) => this.isMovedOut(heading))
      )
        order.push(i);
    });
    order.sort((a, b) => doc.mentions[a]!.range.start.line - doc.mentions[b]!.range.start.line || a - b);
    found = { lines: order.map((i) => doc.mentions[i]!.range.start.line), order };
    Definitions.byDoc.set(doc, found);
    return found;
  }

  private static readonly optional = new WeakMap<DocumentFacts, Set<number>>();

  /** The lines of a document's optional checklist items. */
  optionalLines(doc: DocumentFacts): Set<number> {
    let lines = Definitions.optional.get(doc);
    if (!lines) {
      lines = new Set((doc.checklist ?? []).filter((item) => item.optional).map((item) => item.range.start.line));
      Definitions.optional.set(doc, lines);
    }
    return lines;
  }

  /** Definitions of tasks in a holder, in document order: under its heading (to the next heading as high), or in its document. */
  in(holder: Holder): TaskMention[] {
    const { doc } = holder;
    let from = 0;
    let to = Number.POSITIVE_INFINITY;
    if (holder.headingLine !== undefined) {
      const at = doc.headings.findIndex((heading) => heading.range.start.line === holder.headingLine);
      const heading = doc.headings[at];
      if (!heading) return [];
      from = heading.range.start.line;
      const next = doc.headings.slice(at + 1).find((other) => other.depth <= heading.depth);
      if (next) to = next.range.start.line;
    }
    const { lines, order } = this.of(doc);
    const within = order.slice(firstAbove(lines, from), firstAbove(lines, to - 1));
    return within.sort((a, b) => a - b).map((i) => doc.mentions[i]!);
  }
}

/** Each member once, with the status its own document states for it: other lists may reuse the ID for another task. */
function membersOf(corpus: Corpus, holder: Holder, definitions: Definitions): GroupMember[] {
  const optional = definitions.optionalLines(holder.doc);
  const seen = new Map<string, GroupMember>();
  for (const mention of definitions.in(holder)) {
    if (seen.has(mention.id)) continue;
    const key = taskKeyOf(corpus, holder.doc, mention.id);
    if (key === undefined) continue;
    if (optional.has(mention.range.start.line)) continue;
    const stated = statedStatuses(corpus.mentions.get(key) ?? []).filter(
      ({ doc, mention: other }) => doc === holder.doc && !other.statusImplied,
    );
    const statuses = new Set(stated.map(({ mention: other }) => other.status));
    let state: GroupMember['state'] = 'unknown';
    if (statuses.size === 1 && statuses.has('done')) state = 'done';
    else if (statuses.size === 1 && statuses.has('deprecated')) state = 'deprecated';
    else if (statuses.size > 0 && [...statuses].every((status) => isOpen(status))) state = 'open';
    const first = stated[0]?.mention;
    seen.set(mention.id, {
      id: mention.id,
      mention: first ?? mention,
      state,
      ...(first?.status ? { status: first.status } : {}),
      ...(first?.statusText ? { statusText: first.statusText } : {}),
    });
  }
  return [...seen.values()];
}

/** What the places of a task that state a status agree on, there or anywhere in the folder. */
function agreedState(stated: ReturnType<typeof statedStatuses>): GroupMember['state'] {
  const statuses = new Set(stated.map(({ mention }) => mention.status));
  if (statuses.size === 1 && statuses.has('done')) return 'done';
  if (statuses.size === 1 && statuses.has('deprecated')) return 'deprecated';
  if (statuses.size > 0 && [...statuses].every((status) => isOpen(status))) return 'open';
  return 'unknown';
}

/**
 * The tasks an index row names in its cell of IDs ("CLOUD-0.1 to 0.2"), each with the status the
 * folder agrees on; undefined when an end names no defined task.
 */
function rowMembers(corpus: Corpus, { doc, statement }: GroupPlace): GroupMember[] | undefined {
  if (!statement.members) return undefined;
  const members: GroupMember[] = [];
  const seen = new Set<string>();
  for (const end of statement.members) {
    const ids = resolveWrittenIds(corpus, doc, end);
    if (ids.length === 0) return undefined;
    for (const id of ids) {
      const key = taskKeyOf(corpus, doc, id);
      if (key === undefined || seen.has(key)) continue;
      seen.add(key);
      const places = corpus.mentions.get(key) ?? [];
      // An ID two lists use for two tasks: which one the row means is unsure.
      if (isReusedId(key, places)) return undefined;
      const stated = statedStatuses(places).filter(({ mention }) => !mention.statusImplied);
      const first = stated[0];
      const defined = places.find(({ mention }) => mention.kind === 'definition') ?? places[0];
      const shown = first ?? defined;
      if (!shown) return undefined;
      members.push({
        id,
        mention: shown.mention,
        state: agreedState(stated),
        doc: shown.doc,
        ...(first?.mention.status ? { status: first.mention.status } : {}),
        ...(first?.mention.statusText ? { statusText: first.mention.statusText } : {}),
      });
    }
  }
  return members;
}

const groupsMemo = new WeakMap<Corpus, TaskGroup[]>();

/**
 * Groups of the active documents, each with every place that names it and its member tasks.
 * Worked out once per corpus: the rule and the language server's navigation both ask, and an
 * edit makes a new corpus.
 */
export function taskGroups(corpus: Corpus): TaskGroup[] {
  let groups = groupsMemo.get(corpus);
  if (!groups) groupsMemo.set(corpus, (groups = findTaskGroups(corpus)));
  return groups;
}

function findTaskGroups(corpus: Corpus): TaskGroup[] {
  const places: { place: GroupPlace; id: string; holder?: Holder }[] = [];
  const holders = new Map<string, Holder>();
  const sets = new UnionFind();
  for (const doc of corpus.documents) {
    if (doc.role !== 'active') continue;
    for (const [i, statement] of (doc.groups ?? []).entries()) {
      const id = `s:${doc.file}:${i}`;
      const holder = holderOf(doc, statement);
      if (holder) {
        holders.set(holder.id, holder);
        sets.union(id, holder.id);
      }
      places.push({ place: { doc, statement }, id, ...(holder ? { holder } : {}) });
    }
  }

  // Names: each entry a holder or a row / item, under its folder scope and key.
  interface Named {
    id: string;
    doc: DocumentFacts;
    words: string[];
    holder?: Holder;
  }
  const byKey = new Map<string, Named[]>();
  const name = (doc: DocumentFacts, key: string, entry: Named): void => {
    const bucket = `${corpus.scopes.scopeOf(doc)}\0${key}`;
    const entries = byKey.get(bucket);
    if (entries) entries.push(entry);
    else byKey.set(bucket, [entry]);
  };
  for (const { place, id, holder } of places) {
    if (!place.statement.key) continue;
    name(place.doc, place.statement.key, {
      id: holder?.id ?? id,
      doc: place.doc,
      words: place.statement.words,
      ...(holder ? { holder } : {}),
    });
  }
  for (const doc of corpus.documents) {
    if (doc.role !== 'active') continue;
    const named = documentName(doc);
    if (!named) continue;
    const holder = holders.get(`d:${doc.file}`) ?? { id: `d:${doc.file}`, doc };
    holders.set(holder.id, holder);
    name(doc, named.key, { id: holder.id, doc, words: named.words, holder });
  }

  // By name: entries that share words, unless one of them matches two holders of one document.
  for (const entries of byKey.values()) {
    for (const entry of entries) {
      const matches = entries.filter((other) => other.id !== entry.id && sameName(entry.words, other.words));
      const holdersPerDoc = new Map<string, Set<string>>();
      for (const match of matches)
        if (match.holder && match.doc !== entry.doc)
          holdersPerDoc.set(match.doc.file, (holdersPerDoc.get(match.doc.file) ?? new Set()).add(match.id));
      if ([...holdersPerDoc.values()].some((ids) => ids.size > 1)) continue;
      for (const match of matches) sets.union(entry.id, match.id);
    }
  }

  // By link: a row or item linking to one document that is named as the group, or holds its heading.
  for (const { place, id, holder } of places) {
    if (holder || !place.statement.key || place.statement.links.length === 0) continue;
    const targets = place.statement.links
      .map((url) => linked(corpus, place.doc, url))
      .filter((target) => target !== undefined && target.doc !== place.doc && target.doc.role === 'active');
    if (new Set(targets.map((target) => target!.doc)).size !== 1) continue;
    const target = targets[0]!;
    if (documentName(target.doc)?.key === place.statement.key) {
      const holderId = `d:${target.doc.file}`;
      if (!holders.has(holderId)) holders.set(holderId, { id: holderId, doc: target.doc });
      sets.union(id, holderId);
      continue;
    }
    const headings = (target.doc.groups ?? []).filter(
      (statement) => statement.source === 'heading' && statement.key === place.statement.key && !statement.document,
    );
    if (headings.length === 1) sets.union(id, `h:${target.doc.file}:${headings[0]!.headingLine!}`);
  }

  const byRoot = new Map<string, { places: GroupPlace[]; holders: Set<Holder> }>();
  const groupOf = (id: string): { places: GroupPlace[]; holders: Set<Holder> } => {
    const root = sets.find(id);
    let group = byRoot.get(root);
    if (!group) byRoot.set(root, (group = { places: [], holders: new Set() }));
    return group;
  };
  for (const { place, id } of places) groupOf(id).places.push(place);
  for (const holder of holders.values()) groupOf(holder.id).holders.add(holder);

  const groups: TaskGroup[] = [];
  const definitions = new Definitions();
  for (const { places: found, holders: held } of byRoot.values()) {
    if (found.length === 0) continue;
    // Two holders in one document (two "Phase 1" headings) joined into one group: unsure.
    const docs = [...held].map((holder) => holder.doc.file);
    if (new Set(docs).size !== docs.length) continue;
    // A document's tasks are its members only when it is named as a group (a phase file): a
    // spec's "Status: Complete" is about the spec, not about each requirement it lists.
    const withMembers = [...held]
      .filter((holder) => holder.headingLine !== undefined || documentName(holder.doc) !== undefined)
      .map((holder) => ({ holder, list: membersOf(corpus, holder, definitions) }))
      .filter(({ list }) => list.length > 0);
    const sameSets =
      withMembers.length > 0 &&
      withMembers.every(
        ({ list }) =>
          list.length === withMembers[0]!.list.length &&
          list.every((m) => withMembers[0]!.list.some((n) => n.id === m.id)),
      );
    if (sameSets) {
      groups.push({ places: found, members: { doc: withMembers[0]!.holder.doc, list: withMembers[0]!.list } });
      continue;
    }
    // No heading or file holds the group's tasks: an index row that names them does, when it is
    // the one place that names any.
    const naming = found.filter(({ statement }) => statement.members !== undefined);
    const listed = withMembers.length === 0 && naming.length === 1 ? rowMembers(corpus, naming[0]!) : undefined;
    groups.push({
      places: found,
      ...(listed?.length ? { members: { doc: naming[0]!.doc, list: listed } } : {}),
    });
  }
  return groups;
}

/** How well a place states its group's status: its own header or heading, then a table row, then a list item. */
export function groupStatementRank({ statement }: GroupPlace): number {
  return statement.source === 'field' ? 0 : statement.source === 'heading' ? 1 : statement.source === 'table' ? 2 : 3;
}

export function rangeOf(place: GroupPlace): Range {
  return place.statement.range;
}
