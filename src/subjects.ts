/**
 * Which statements are about the same subject: a subject's name reduced to its words, the task
 * list its place links to, its document. Shared by the rules that compare statements about one
 * subject (progress-conflict); rules never import each other.
 */
import path from 'node:path';
import type { Corpus } from './corpus.js';
import type { ClaimSubject, DocumentFacts } from './types.js';

/** Words that name no particular subject: a section called "Status" is about whatever is above it. */
const GENERIC_LABEL =
  /^(?:overview|summary|status|progress|notes?|tasks?|total|totals|current status|next steps?|details|active|active tasks|completed|in progress|not started|remaining|metrics|statistics)$/u;
const ORDINAL_LABEL =
  /^(?:phase|stage|step|category|cat|week|sprint|stream|milestone|part|day|iteration|workstream|wave|priority)\s*[\w.]{1,4}$/u;

/**
 * A subject's name reduced to its words: lower case, no emoji, markup or "(…)", no "Workstream
 * N:" prefix, no "tasks" / "task list": "Workstream 3: MLOps Validation (Future)" and "MLOps
 * Validation Tasks (10 tasks)" are both "mlops validation".
 */
export function normaliseSubject(label: string): string {
  return label
    .toLowerCase()
    .replace(/\([^()]*\)/gu, ' ')
    .replace(/^\W*workstream\s+[\w.]{1,4}\s*[:\-–—]\s*/u, '')
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .replace(/\b(?:task\s+lists?|tasks?|list)\b/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
}

/**
 * Names of a group by its state, not a subject: "Completed Phases" over Phase 3 (3/3) and Phase
 * 4 (23/23) is two subjects; so is a bold "NEW" or "Updated" label.
 */
const STATE_LABEL =
  /^(?:new|updated?|latest|recent|recently (?:completed|added|updated)|important|highlights?|changes|completed?|done|finished|active|current|open|pending|remaining|blocked|in progress|not started|upcoming|planned|future|past)(?:\s+(?:phases?|tasks?|items?|work|workstreams?|streams?|milestones?|stages?|sprints?|categories?|deployments?))?$/u;

export function usableLabel(label: string): boolean {
  return (
    label.length >= 3 &&
    /\p{L}/u.test(label) &&
    !GENERIC_LABEL.test(label) &&
    !STATE_LABEL.test(label) &&
    !ORDINAL_LABEL.test(label)
  );
}

/** A document path relative to the corpus root; a folder's README or index stands for the folder. */
export function pathKey(root: string, absolute: string): string {
  const relative = path.relative(root, absolute).split(path.sep).join('/');
  return `path:${relative.replace(/(?:^|\/)(?:readme|index)\.md$/iu, '').replace(/\/+$/u, '')}`;
}

export function linkKey(corpus: Corpus, doc: DocumentFacts, link: string): string {
  const absolute = link.startsWith('/')
    ? path.resolve(path.dirname(doc.file), `.${link}`)
    : path.resolve(path.dirname(doc.file), link);
  return pathKey(corpus.root, absolute);
}

/** The keys a subject is known by: its name, the one task list its place links to, its document. */
export function subjectKeys(
  corpus: Corpus,
  doc: DocumentFacts,
  subject: ClaimSubject,
  own = pathKey(corpus.root, doc.file),
  linkKeys = new Map<string, string>(),
): { label?: string; paths: string[] } {
  const label = normaliseSubject(subject.label);
  const paths: string[] = [];
  if (subject.links.length) {
    const keyOf = (link: string): string => {
      let key = linkKeys.get(link);
      if (key === undefined) linkKeys.set(link, (key = linkKey(corpus, doc, link)));
      return key;
    };
    const links = new Set(subject.links.map(keyOf));
    if (links.size === 1) paths.push(...links);
  }
  if (subject.document && !paths.includes(own)) paths.push(own);
  return { ...(usableLabel(label) ? { label: `label:${label}` } : {}), paths };
}

/** Sets of keys joined one pair at a time; each set is named by its least key. */
export class UnionFind {
  private readonly parent = new Map<string, string>();
  find(key: string): string {
    let root = key;
    for (let up = this.parent.get(root); up !== undefined && up !== root; up = this.parent.get(root)) root = up;
    // Every key on the way now points at the root: the next look-up is one step.
    for (let at = key, up = this.parent.get(at); up !== undefined && up !== root; up = this.parent.get(at)) {
      this.parent.set(at, root);
      at = up;
    }
    return root;
  }
  union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  }
}
