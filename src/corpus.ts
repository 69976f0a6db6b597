import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Config } from './config.js';
import { isInside } from './discover.js';

export { isInside };
import { idPrefix } from './extract/ids.js';
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
  /** Every mention of each task ID with a known prefix, in document order. */
  mentions: Map<string, MentionAt[]>;
  /** Prefixes that some document defines tasks with (`TASK-`, `MLOPS-`): others are not task IDs. */
  prefixes: Set<string>;
  /** Link targets that are not documents of the corpus. */
  targets: Map<string, TargetInfo>;
}


/** The absolute path a relative link points at, or the document itself for `#anchor`. */
export function linkTarget(doc: DocumentFacts, link: Link): string {
  if (!link.path) return doc.file;
  if (link.path.startsWith('/')) return path.resolve(path.dirname(doc.file), `.${link.path}`);
  return path.resolve(path.dirname(doc.file), link.path);
}

/**
 * A prefix counts when a table row or heading defines an ID with it, or when list items define
 * two different IDs with it: "UTF-8" and "SHA-256" in prose are not tasks.
 */
function knownPrefixes(documents: DocumentFacts[]): Set<string> {
  const strong = new Set<string>();
  const listIds = new Map<string, Set<string>>();
  for (const doc of documents) {
    for (const mention of doc.mentions) {
      if (mention.kind !== 'definition') continue;
      const prefix = idPrefix(mention.id);
      if (mention.source === 'table' || mention.source === 'heading') strong.add(prefix);
      else {
        const ids = listIds.get(prefix) ?? new Set<string>();
        ids.add(mention.id);
        listIds.set(prefix, ids);
      }
    }
  }
  for (const [prefix, ids] of listIds) if (ids.size >= 2) strong.add(prefix);
  return strong;
}

export function indexCorpus(root: string, config: Config, documents: DocumentFacts[], targets: Map<string, TargetInfo>): Corpus {
  const sorted = [...documents].sort((a, b) => (a.relPath < b.relPath ? -1 : a.relPath > b.relPath ? 1 : 0));
  const prefixes = knownPrefixes(sorted);
  const mentions = new Map<string, MentionAt[]>();
  for (const doc of sorted) {
    for (const mention of doc.mentions) {
      if (!prefixes.has(idPrefix(mention.id))) continue;
      const list = mentions.get(mention.id) ?? [];
      list.push({ doc, mention });
      mentions.set(mention.id, list);
    }
  }
  return { root, config, documents: sorted, byFile: new Map(sorted.map((doc) => [doc.file, doc])), mentions, prefixes, targets };
}

/** Looks up, once, each link target that is not a document of the corpus: existence only, never read. */
export async function resolveTargets(root: string, documents: DocumentFacts[], previous?: Map<string, TargetInfo>): Promise<Map<string, TargetInfo>> {
  const inCorpus = new Set(documents.map((doc) => doc.file));
  const targets = new Map<string, TargetInfo>();
  const pending: Array<Promise<void>> = [];
  for (const doc of documents) {
    for (const link of doc.links) {
      const target = linkTarget(doc, link);
      if (inCorpus.has(target) || targets.has(target)) continue;
      const known = previous?.get(target);
      if (known) {
        targets.set(target, known);
        continue;
      }
      const info: TargetInfo = { exists: false, isDirectory: false, outsideRoot: !isInside(target, root) };
      targets.set(target, info);
      pending.push(
        fs.stat(target).then(
          (stat) => {
            info.exists = true;
            info.isDirectory = stat.isDirectory();
          },
          () => undefined,
        ),
      );
    }
  }
  await Promise.all(pending);
  return targets;
}
