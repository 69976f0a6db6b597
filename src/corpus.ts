import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Config } from './config.js';
import { isInside } from './discover.js';

export { isInside };
import { idPrefix } from './extract/ids.js';
import { indexScopes, type ScopeIndex } from './scopes.js';
import type { DocumentFacts, Link, TargetInfo, TaskMention } from './types.js';

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
  /** Link targets that are not documents of the corpus. */
  targets: Map<string, TargetInfo>;
  /** What `prefixes` was drawn from, kept so that an edit can update it. */
  prefixEvidence: PrefixEvidence;
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
  const mentions = new Map<string, MentionAt[]>();
  for (const doc of sorted) {
    for (const mention of doc.mentions) {
      const key = taskKeyOf({ prefixes, scopes }, doc, mention.id);
      if (key === undefined) continue;
      const list = mentions.get(key) ?? [];
      list.push({ doc, mention });
      mentions.set(key, list);
    }
  }
  return {
    root,
    config,
    configDir,
    documents: sorted,
    byFile: new Map(sorted.map((doc) => [doc.file, doc])),
    mentions,
    scopes,
    prefixes,
    targets,
    prefixEvidence,
  };
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
  const byFile = new Map(corpus.byFile).set(after.file, after);
  const mentions = new Map(corpus.mentions);
  const keys = new Set<string>();
  const keyed = { prefixes: corpus.prefixes, scopes };
  for (const mention of before.mentions) {
    const key = taskKeyOf(keyed, before, mention.id);
    if (key !== undefined) keys.add(key);
  }
  const afterKeys = after.mentions.map((mention) => taskKeyOf(keyed, after, mention.id));
  for (const key of afterKeys) if (key !== undefined) keys.add(key);
  for (const id of keys) {
    const others = (mentions.get(id) ?? []).filter((place) => place.doc !== before);
    const own = after.mentions.filter((_, i) => afterKeys[i] === id).map((mention) => ({ doc: after, mention }));
    // Corpus order: documents by path, each one's mentions in document order.
    let at = others.findIndex((place) => byRelPath(place.doc, after) > 0);
    if (at === -1) at = others.length;
    const list = [...others.slice(0, at), ...own, ...others.slice(at)];
    if (list.length) mentions.set(id, list);
    else mentions.delete(id);
  }
  return { ...corpus, documents, byFile, mentions, scopes, prefixEvidence };
}

/** Looks up, once, each link target that is not a document of the corpus: existence only, never read. */
export async function resolveTargets(
  root: string,
  documents: DocumentFacts[],
  previous?: Map<string, TargetInfo>,
): Promise<Map<string, TargetInfo>> {
  const inCorpus = new Set(documents.map((doc) => doc.file));
  const targets = new Map<string, TargetInfo>();
  const pending: Promise<void>[] = [];
  for (const doc of documents) {
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
  await Promise.all(pending);
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
  await Promise.all(pending);
}
