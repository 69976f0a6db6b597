import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Config } from './config.js';
import { isInside } from './discover.js';

export { isInside };
import { compareNumbers, idPrefix, MAX_RANGE_WIDTH, splitId } from './extract/ids.js';
import { indexScopes, type ScopeIndex } from './scopes.js';
import { layoutOf } from './extract/shapes/layout.js';
import type { DependencyEdge, DocumentFacts, Link, TargetInfo, TaskMention, TaskPath, WrittenEnd } from './types.js';
import { gitRoot, MissingFileLookup } from './work-tree.js';

export interface MentionAt {
  doc: DocumentFacts;
  mention: TaskMention;
}

/** Every document's facts, indexed for the rules. Built once per run; rules only read it. */
export interface Corpus {
  root: string;
  config: Config;
  documents: DocumentFacts[];
  byFile: Map<string, DocumentFacts>;
  /**
   * Every mention of each task with a known prefix, in document order, under its task key: the
   * ID for a folder-wide scheme, the ID within its feature folder for one that restarts in every
   * feature (see scopes.ts; `displayId` gives the ID back). A mention that could name a task of
   * several features is under none.
   */
  mentions: Map<string, MentionAt[]>;
  /** Which feature folder each document is in, and which schemes restart in each. */
  scopes: ScopeIndex;
  /** The folder the config's globs are relative to. */
  configDir: string;
  /** Prefixes that some document defines tasks with (`TASK-`, `MLOPS-`): others are not task IDs. */
  prefixes: Set<string>;
  /** Link targets that are not documents of the corpus, and the files done tasks name (see `taskPathFiles`). */
  targets: Map<string, TargetInfo>;
  /** The git work tree the root is in, if any: the repository a task's paths are relative to. */
  workTree: string | undefined;
  /** What `prefixes` was drawn from, kept so that an edit can update it. */
  prefixEvidence: PrefixEvidence;
  /**
   * The mentions each document's short forms and ranges resolve to ("Tasks 035-037": TASK-035,
   * TASK-036, TASK-037), also listed in `mentions` after the document's own.
   */
  resolved: Map<DocumentFacts, TaskMention[]>;
  /** The dependencies each document writes with a short or ranged end, one per task it names (see `edgesOf`). */
  resolvedEdges: Map<DocumentFacts, DependencyEdge[]>;
  /** The IDs the corpus defines, which short forms and ranges resolve against. */
  defined: DefinedIds;
}

/** The task IDs defined (not in code, not in templates): by task key, by prefix, by scope. */
export interface DefinedIds {
  keys: Set<string>;
  /** Each prefix's defined IDs, in order (TASK-040, TASK-040.1, TASK-041). */
  byPrefix: Map<string, string[]>;
  /** Per scope (see scopes.ts, '' outside every feature), the shapes of each prefix's defined numbers (see `shapesOf`). */
  schemes: Map<string, Map<string, Set<string>>>;
}

/** Per prefix: how many table rows and headings define an ID with it, and how often list items define each ID. */
export interface PrefixEvidence {
  strong: Map<string, number>;
  listIds: Map<string, Map<string, number>>;
}

/** The absolute path a relative link points at, or the document itself for `#anchor`. */
export function linkTarget(doc: DocumentFacts, link: Link): string {
  if (!link.path) return doc.file;
  if (link.path.startsWith('/')) return path.resolve(path.dirname(doc.file), `.${link.path}`);
  return path.resolve(path.dirname(doc.file), link.path);
}

/** Adds (`sign` 1) or removes (-1) one document's definitions to the evidence for prefixes. */
function weighPrefixes(evidence: PrefixEvidence, doc: DocumentFacts, sign: 1 | -1): void {
  for (const mention of doc.mentions) {
    if (mention.kind !== 'definition') continue;
    const prefix = idPrefix(mention.id);
    if (
      mention.source === 'table' ||
      mention.source === 'heading' ||
      mention.source === 'field' ||
      mention.source === 'front-matter'
    ) {
      const count = (evidence.strong.get(prefix) ?? 0) + sign;
      if (count > 0) evidence.strong.set(prefix, count);
      else evidence.strong.delete(prefix);
      continue;
    }
    let ids = evidence.listIds.get(prefix);
    if (!ids) evidence.listIds.set(prefix, (ids = new Map<string, number>()));
    const count = (ids.get(mention.id) ?? 0) + sign;
    if (count > 0) ids.set(mention.id, count);
    else ids.delete(mention.id);
    if (ids.size === 0) evidence.listIds.delete(prefix);
  }
}

/**
 * A prefix counts when a table row or heading defines an ID with it, or when list items define
 * two different IDs with it: "UTF-8" and "SHA-256" in prose are not tasks.
 */
function prefixesOf(evidence: PrefixEvidence): Set<string> {
  const prefixes = new Set(evidence.strong.keys());
  for (const [prefix, ids] of evidence.listIds) if (ids.size >= 2) prefixes.add(prefix);
  return prefixes;
}

const byRelPath = (a: DocumentFacts, b: DocumentFacts): number =>
  a.relPath < b.relPath ? -1 : a.relPath > b.relPath ? 1 : 0;

/** The task key of `id` as written in `doc`, when its prefix is a known scheme and it names one task. */
export function taskKeyOf(
  corpus: Pick<Corpus, 'prefixes' | 'scopes'>,
  doc: DocumentFacts,
  id: string,
): string | undefined {
  if (!corpus.prefixes.has(idPrefix(id))) return undefined;
  return corpus.scopes.keyOf(doc, id);
}

/** The IDs a document defines: in no code, and nowhere in a template. */
function definitionsOf(doc: DocumentFacts): TaskMention[] {
  if (doc.role === 'template') return [];
  return doc.mentions.filter((mention) => mention.kind === 'definition' && mention.source !== 'code');
}

function indexDefined(documents: DocumentFacts[], keyed: Pick<Corpus, 'prefixes' | 'scopes'>): DefinedIds {
  const defined: DefinedIds = { keys: new Set(), byPrefix: new Map(), schemes: new Map() };
  const byPrefix = new Map<string, Set<string>>();
  for (const doc of documents) {
    const scope = keyed.scopes.scopeOf(doc);
    let schemes = defined.schemes.get(scope);
    if (!schemes) defined.schemes.set(scope, (schemes = new Map<string, Set<string>>()));
    for (const mention of definitionsOf(doc)) {
      const key = taskKeyOf(keyed, doc, mention.id);
      const split = splitId(mention.id);
      if (key === undefined || !split) continue;
      defined.keys.add(key);
      let ids = byPrefix.get(split.prefix);
      if (!ids) byPrefix.set(split.prefix, (ids = new Set()));
      ids.add(mention.id);
      let shapes = schemes.get(split.prefix);
      if (!shapes) schemes.set(split.prefix, (shapes = new Set()));
      addShapes(shapes, split.number);
    }
  }
  // "### Task 041: ..." defines the task of the one scheme that fits it.
  for (const doc of documents) {
    if (doc.role === 'template') continue;
    const own = ownSchemes(keyed, doc);
    for (const written of doc.writtenIds ?? []) {
      if (!written.defines || written.mention.source !== 'heading') continue;
      for (const id of resolveWrittenIds({ ...keyed, defined }, doc, written, own)) {
        const key = taskKeyOf(keyed, doc, id);
        if (key === undefined) continue;
        defined.keys.add(key);
        const prefix = idPrefix(id);
        let ids = byPrefix.get(prefix);
        if (!ids) byPrefix.set(prefix, (ids = new Set()));
        ids.add(id);
      }
    }
  }
  for (const [prefix, ids] of byPrefix)
    defined.byPrefix.set(
      prefix,
      [...ids].sort((a, b) => compareNumbers(a.slice(prefix.length), b.slice(prefix.length))),
    );
  return defined;
}

/** The numbers a document defines, per prefix the corpus counts. */
function ownSchemes(corpus: Pick<Corpus, 'prefixes'>, doc: DocumentFacts): Map<string, Set<string>> {
  const own = new Map<string, Set<string>>();
  for (const mention of definitionsOf(doc)) {
    const split = splitId(mention.id);
    if (!split || !corpus.prefixes.has(split.prefix)) continue;
    let shapes = own.get(split.prefix);
    if (!shapes) own.set(split.prefix, (shapes = new Set()));
    addShapes(shapes, split.number);
  }
  return own;
}

/**
 * The shapes a defined number gives its scheme: how many dots and digits (`1:3` for 028.1), and,
 * when it is not zero-padded, how many dots with any digits (`1:*`).
 */
function addShapes(shapes: Set<string>, number: string): void {
  const [head = '', ...rest] = number.split('.');
  shapes.add(`${rest.length}:${head.length}`);
  if (!/^0\d/.test(head)) shapes.add(`${rest.length}:*`);
}

/**
 * A number written short fits a scheme that defines one of its shape: as many dots, and as many
 * digits where either is zero-padded.
 */
function fits(number: string, shapes: ReadonlySet<string>): boolean {
  const [head = '', ...rest] = number.split('.');
  if (shapes.has(`${rest.length}:${head.length}`)) return true;
  return !/^0\d/.test(head) && shapes.has(`${rest.length}:*`);
}

/** The one prefix of `schemes` a short number fits; undefined for none or several. */
function fittingPrefix(number: string, schemes: Map<string, Set<string>> | undefined): string | undefined | null {
  const fitting = [...(schemes ?? [])].filter(([, shapes]) => fits(number, shapes));
  if (fitting.length === 0) return undefined;
  return fitting.length === 1 ? fitting[0]![0] : null;
}

/**
 * The tasks a short form or range names: a short form needs exactly one scheme of the document
 * (else of its scope) that fits it; a range, both ends defined and one scheme; it names the IDs
 * defined between its ends (040-044 names 040.1 too when it is defined). Nothing when unsure.
 */
export function resolveWrittenIds(
  corpus: Pick<Corpus, 'prefixes' | 'scopes' | 'defined'>,
  doc: DocumentFacts,
  written: WrittenEnd,
  own: Map<string, Set<string>> = ownSchemes(corpus, doc),
): string[] {
  let prefix = written.prefix;
  if (prefix === undefined) {
    const fromDocument = fittingPrefix(written.from, own);
    if (fromDocument === null) return [];
    const found = fromDocument ?? fittingPrefix(written.from, corpus.defined.schemes.get(corpus.scopes.scopeOf(doc)));
    if (!found) return [];
    prefix = found;
  }
  if (!corpus.prefixes.has(prefix)) return [];
  // A heading that writes its task short defines it: the scheme is all it needs.
  if (written.defines) return written.to === undefined ? [`${prefix}${written.from}`] : [];
  const isDefined = (id: string): boolean => {
    const key = taskKeyOf(corpus, doc, id);
    return key !== undefined && corpus.defined.keys.has(key);
  };
  const first = `${prefix}${written.from}`;
  if (written.to === undefined) return isDefined(first) ? [first] : [];
  if (!isDefined(first) || !isDefined(`${prefix}${written.to}`)) return [];
  const ids = corpus.defined.byPrefix.get(prefix) ?? [];
  // The IDs are in order: the first at or after the range's start, found by halving.
  let low = 0;
  let high = ids.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (compareNumbers(ids[mid]!.slice(prefix.length), written.from) < 0) low = mid + 1;
    else high = mid;
  }
  const named: string[] = [];
  for (let i = low; i < ids.length && compareNumbers(ids[i]!.slice(prefix.length), written.to) <= 0; i++) {
    if (named.length === MAX_RANGE_WIDTH) return [];
    if (isDefined(ids[i]!)) named.push(ids[i]!);
  }
  return named;
}

/** The edges a document writes with short or ranged ends: one per task each end names, none when an end names none. */
function resolveEdges(
  corpus: Pick<Corpus, 'prefixes' | 'scopes' | 'defined'>,
  doc: DocumentFacts,
  own: Map<string, Set<string>> = ownSchemes(corpus, doc),
): DependencyEdge[] {
  const edges: DependencyEdge[] = [];
  const named = (end: string | WrittenEnd): string[] =>
    typeof end === 'string' ? [end] : resolveWrittenIds(corpus, doc, end, own);
  for (const edge of doc.writtenEdges ?? [])
    for (const to of named(edge.to))
      for (const from of named(edge.from))
        if (from !== to) edges.push({ from, to, range: edge.range, source: edge.source });
  return edges;
}

/** Every dependency a document states: as written, and those whose ends the corpus resolved. */
export function edgesOf(corpus: Pick<Corpus, 'resolvedEdges'>, doc: DocumentFacts): DependencyEdge[] {
  const resolved = corpus.resolvedEdges.get(doc);
  if (!resolved) return doc.edges ?? [];
  return [...(doc.edges ?? []), ...resolved];
}

function resolveDocument(corpus: Pick<Corpus, 'prefixes' | 'scopes' | 'defined'>, doc: DocumentFacts): TaskMention[] {
  const resolved: TaskMention[] = [];
  if (!doc.writtenIds) return resolved;
  // "TASK-040-044" mentions TASK-040 as written already.
  const written = new Set(
    doc.mentions.map((mention) => `${mention.id}\0${mention.range.start.line}:${mention.range.start.column}`),
  );
  const own = ownSchemes(corpus, doc);
  for (const group of doc.writtenIds)
    for (const id of resolveWrittenIds(corpus, doc, group, own)) {
      const at = group.mention.range.start;
      if (group.mention.status === undefined && written.has(`${id}\0${at.line}:${at.column}`)) continue;
      resolved.push({ ...group.mention, id, writtenAs: group.text });
    }
  return resolved;
}

export function indexCorpus(
  root: string,
  config: Config,
  documents: DocumentFacts[],
  targets: Map<string, TargetInfo>,
  configDir = root,
): Corpus {
  const sorted = [...documents].sort(byRelPath);
  const prefixEvidence: PrefixEvidence = { strong: new Map(), listIds: new Map() };
  for (const doc of sorted) weighPrefixes(prefixEvidence, doc, 1);
  const prefixes = prefixesOf(prefixEvidence);
  const scopes = indexScopes(sorted, config, root, configDir);
  const defined = indexDefined(sorted, { prefixes, scopes });
  const resolved = new Map<DocumentFacts, TaskMention[]>();
  const resolvedEdges = new Map<DocumentFacts, DependencyEdge[]>();
  for (const doc of sorted) {
    const own = resolveDocument({ prefixes, scopes, defined }, doc);
    if (own.length) resolved.set(doc, own);
    const edges = resolveEdges({ prefixes, scopes, defined }, doc);
    if (edges.length) resolvedEdges.set(doc, edges);
  }
  const mentions = new Map<string, MentionAt[]>();
  for (const doc of sorted) {
    for (const mention of [...doc.mentions, ...(resolved.get(doc) ?? [])]) {
      const key = taskKeyOf({ prefixes, scopes }, doc, mention.id);
      if (key === undefined) continue;
      const list = mentions.get(key) ?? [];
      list.push({ doc, mention });
      mentions.set(key, list);
    }
  }
  return {
    root,
    workTree: workTreeOf(root),
    config,
    configDir,
    documents: sorted,
    byFile: new Map(sorted.map((doc) => [doc.file, doc])),
    mentions,
    scopes,
    prefixes,
    targets,
    prefixEvidence,
    resolved,
    resolvedEdges,
    defined,
  };
}

/** The IDs a document defines, and the numbers its headings define short, for telling whether an edit changed them. */
function definedIdSet(doc: DocumentFacts): Set<string> {
  const ids = new Set(definitionsOf(doc).map((mention) => mention.id));
  if (doc.role !== 'template')
    for (const written of doc.writtenIds ?? [])
      if (written.defines && written.mention.source === 'heading') ids.add(`\0${written.from}`);
  return ids;
}

function sameEdges(a: readonly DependencyEdge[], b: readonly DependencyEdge[]): boolean {
  return a.length === b.length && a.every((edge, i) => edge.from === b[i]!.from && edge.to === b[i]!.to);
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false;
  for (const item of a) if (!b.has(item)) return false;
  return true;
}

/**
 * The corpus after one document's facts changed in place, without indexing every document again:
 * only the task IDs the document mentions before or after are re-listed. Undefined when the edit
 * changes which ID prefixes count (every list may change then): index the corpus again.
 */
export function updateCorpus(corpus: Corpus, before: DocumentFacts, after: DocumentFacts): Corpus | undefined {
  const slot = corpus.documents.indexOf(before);
  if (slot === -1 || before.file !== after.file) return undefined;
  const touched = new Set<string>();
  for (const mention of before.mentions) if (mention.kind === 'definition') touched.add(idPrefix(mention.id));
  for (const mention of after.mentions) if (mention.kind === 'definition') touched.add(idPrefix(mention.id));
  const prefixEvidence: PrefixEvidence = {
    strong: new Map(corpus.prefixEvidence.strong),
    listIds: new Map(
      [...corpus.prefixEvidence.listIds].map(([prefix, ids]) => [prefix, touched.has(prefix) ? new Map(ids) : ids]),
    ),
  };
  weighPrefixes(prefixEvidence, before, -1);
  weighPrefixes(prefixEvidence, after, 1);
  if (!sameSet(prefixesOf(prefixEvidence), corpus.prefixes)) return undefined;

  const documents = [...corpus.documents];
  documents[slot] = after;
  // Which schemes restart, and which feature an ID outside every feature names, may change with
  // the IDs a feature defines: then every key may change.
  const scopes = indexScopes(documents, corpus.config, corpus.root, corpus.configDir);
  if (!sameSet(scopes.scoped, corpus.scopes.scoped)) return undefined;
  if (corpus.scopes.scopeOf(after) !== '') {
    for (const id of corpus.scopes.namedOutside)
      if (!sameSet(scopes.definers(id), corpus.scopes.definers(id))) return undefined;
  }
  // Short forms and ranges resolve against what every document defines: when the edit changes
  // that, any of them may name other tasks now.
  const definedChanged = !sameSet(definedIdSet(before), definedIdSet(after));
  const byFile = new Map(corpus.byFile).set(after.file, after);
  const mentions = new Map(corpus.mentions);
  const keys = new Set<string>();
  const keyed = { prefixes: corpus.prefixes, scopes };
  const resolved = new Map(corpus.resolved);
  const resolvedBefore = resolved.get(before) ?? [];
  resolved.delete(before);
  const defined = definedChanged ? indexDefined(documents, keyed) : corpus.defined;
  // Short forms and ranges resolve against what every document defines: when the edit changes
  // what one of another document's names, every key of that document may change.
  if (definedChanged)
    for (const doc of documents) {
      if (doc === after || (!doc.writtenIds?.length && !doc.writtenEdges?.length)) continue;
      const now = resolveDocument({ ...keyed, defined }, doc).map((mention) => mention.id);
      const was = (corpus.resolved.get(doc) ?? []).map((mention) => mention.id);
      if (now.length !== was.length || now.some((id, i) => id !== was[i])) return undefined;
      if (!sameEdges(resolveEdges({ ...keyed, defined }, doc), corpus.resolvedEdges.get(doc) ?? [])) return undefined;
    }
  const resolvedAfter = resolveDocument({ ...keyed, defined }, after);
  if (resolvedAfter.length) resolved.set(after, resolvedAfter);
  const resolvedEdges = new Map(corpus.resolvedEdges);
  resolvedEdges.delete(before);
  const edgesAfter = resolveEdges({ ...keyed, defined }, after);
  if (edgesAfter.length) resolvedEdges.set(after, edgesAfter);
  for (const mention of [...before.mentions, ...resolvedBefore]) {
    const key = taskKeyOf(keyed, before, mention.id);
    if (key !== undefined) keys.add(key);
  }
  const afterMentions = [...after.mentions, ...resolvedAfter];
  const afterKeys = afterMentions.map((mention) => taskKeyOf(keyed, after, mention.id));
  for (const key of afterKeys) if (key !== undefined) keys.add(key);
  for (const id of keys) {
    const others = (mentions.get(id) ?? []).filter((place) => place.doc !== before);
    const own = afterMentions.filter((_, i) => afterKeys[i] === id).map((mention) => ({ doc: after, mention }));
    // Corpus order: documents by path, each one's mentions in document order.
    let at = others.findIndex((place) => byRelPath(place.doc, after) > 0);
    if (at === -1) at = others.length;
    const list = [...others.slice(0, at), ...own, ...others.slice(at)];
    if (list.length) mentions.set(id, list);
    else mentions.delete(id);
  }
  return { ...corpus, documents, byFile, mentions, scopes, prefixEvidence, resolved, resolvedEdges, defined };
}

const workTrees = new Map<string, string | undefined>();

/** The git work tree holding `root`, looked up once per root. */
export function workTreeOf(root: string): string | undefined {
  if (!workTrees.has(root)) workTrees.set(root, gitRoot(root));
  return workTrees.get(root);
}

/**
 * The folders a tool's layout puts at the root of its repository: the one holding `specs/`
 * (spec-kit), `.kiro/` (Kiro), `openspec/` (OpenSpec), `tasks/` (ai-dev-tasks).
 */
function layoutRoot(doc: DocumentFacts): string | undefined {
  const layout = layoutOf(doc.file);
  if (!layout?.scope) return undefined;
  const marker = { 'spec-kit': '/specs/', kiro: '/.kiro/', openspec: '/openspec/', 'ai-dev-tasks': '/tasks/' }[
    layout.format as 'spec-kit'
  ];
  const posix = layout.scope.replace(/\\/g, '/');
  const at = marker ? posix.lastIndexOf(marker) : -1;
  return at > 0 ? path.resolve(layout.scope.slice(0, at)) : undefined;
}

/**
 * The files a task's path may mean, absolute, with the folder each is relative to: spec-kit's
 * template writes paths from the repository's root, so from the git work tree (without one, the
 * linted root and the root of the tool's layout), and from the linted root and the document's
 * folder, as people also write them. Only files inside the repository; `./x.ts` and `../x.ts`
 * from the document's folder only. `anchor` is the file's folder: a path whose folder is not
 * there either was most often moved with its folder, or is another repository's (`oo-ios/App/x.swift`
 * in a workspace of several), and nothing can be said of it.
 */
export function taskPathFiles(
  corpus: Pick<Corpus, 'root' | 'workTree'>,
  doc: DocumentFacts,
  taskPath: TaskPath,
): { file: string; base: string; anchor: string }[] {
  const docFolder = path.dirname(doc.file);
  const layout = layoutRoot(doc);
  const bases = corpus.workTree ? [corpus.workTree] : [corpus.root, ...(layout ? [layout] : [])];
  const from = taskPath.fromDocument
    ? [docFolder]
    : [...(corpus.workTree ? [corpus.workTree] : []), corpus.root, ...(layout ? [layout] : []), docFolder];
  const files: { file: string; base: string; anchor: string }[] = [];
  for (const folder of from) {
    const file = path.resolve(folder, taskPath.path);
    const base = bases.find((candidate) => isInside(file, candidate));
    if (base !== undefined && !files.some((known) => known.file === file))
      files.push({ file, base, anchor: path.dirname(file) });
  }
  return files;
}

/** The paths done tasks name, to be looked up: open tasks and templates claim no file. */
function namedByDoneTasks(doc: DocumentFacts): TaskPath[] {
  if (!doc.taskPaths || doc.role === 'template') return [];
  return doc.taskPaths;
}

/**
 * Looks up the files done tasks of `docs` name that `targets` does not know as task paths yet:
 * existence, and for a missing one whether `.gitignore` ignores it or it exists in other case.
 */
async function lookUpTaskPaths(
  root: string,
  docs: DocumentFacts[],
  targets: Map<string, TargetInfo>,
  pending: Promise<void>[],
): Promise<void> {
  const corpus = { root, workTree: workTreeOf(root) };
  const lookup = new MissingFileLookup();
  const bases = new Map<string, string>();
  for (const doc of docs)
    for (const taskPath of namedByDoneTasks(doc))
      for (const { file, base, anchor } of taskPathFiles(corpus, doc, taskPath)) {
        if (!targets.has(anchor)) pending.push(lookUp(root, anchor, targets));
        const known = targets.get(file);
        if (known?.missing || known?.exists) continue;
        bases.set(file, base);
        if (!known) pending.push(lookUp(root, file, targets));
      }
  await Promise.all(pending);
  await Promise.all(
    [...bases].map(async ([file, base]) => {
      const info = targets.get(file)!;
      if (info.exists) return;
      const top = path.join(base, path.relative(base, file).split(path.sep)[0]!);
      const [ignored, otherCase, moved] = await Promise.all([
        lookup.ignored(base, file),
        lookup.existsInOtherCase(base, file),
        lookup.sameNameElsewhere(file, top),
      ]);
      info.missing = { ignored, otherCase, moved };
    }),
  );
}

/**
 * Looks up, once, each link target that is not a document of the corpus, and each file a done
 * task names: existence only, never read.
 */
export async function resolveTargets(
  root: string,
  documents: DocumentFacts[],
  previous?: Map<string, TargetInfo>,
): Promise<Map<string, TargetInfo>> {
  const inCorpus = new Set(documents.map((doc) => doc.file));
  const targets = new Map<string, TargetInfo>();
  const pending: Promise<void>[] = [];
  for (const doc of documents) {
    for (const taskPath of namedByDoneTasks(doc))
      for (const { file, anchor } of taskPathFiles({ root, workTree: workTreeOf(root) }, doc, taskPath))
        for (const looked of [file, anchor]) {
          const known = previous?.get(looked);
          if (known && !targets.has(looked)) targets.set(looked, known);
        }
    for (const link of doc.links) {
      const target = linkTarget(doc, link);
      if (inCorpus.has(target) || targets.has(target)) continue;
      const known = previous?.get(target);
      if (known) {
        targets.set(target, known);
        continue;
      }
      pending.push(lookUp(root, target, targets));
    }
  }
  await lookUpTaskPaths(root, documents, targets, pending);
  return targets;
}

/** Adds `target` to `targets`, then finds out whether it exists: never read, only stat'ed. */
function lookUp(root: string, target: string, targets: Map<string, TargetInfo>): Promise<void> {
  const info: TargetInfo = { exists: false, isDirectory: false, outsideRoot: !isInside(target, root) };
  targets.set(target, info);
  return fs.stat(target).then(
    (stat) => {
      info.exists = true;
      info.isDirectory = stat.isDirectory();
    },
    () => undefined,
  );
}

/** Looks up the link targets of `doc` that `targets` does not know yet, adding them to it. */
export async function addTargets(
  root: string,
  byFile: Map<string, DocumentFacts>,
  doc: DocumentFacts,
  targets: Map<string, TargetInfo>,
): Promise<void> {
  const pending: Promise<void>[] = [];
  for (const link of doc.links) {
    const target = linkTarget(doc, link);
    if (byFile.has(target) || targets.has(target)) continue;
    pending.push(lookUp(root, target, targets));
  }
  await lookUpTaskPaths(root, [doc], targets, pending);
}
