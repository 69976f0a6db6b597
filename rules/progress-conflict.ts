import path from 'node:path';
import type { Corpus } from '../src/corpus.js';
import {
  defineRule,
  editOnLine,
  placeName,
  type At,
  type IndexEntry,
  type Report,
  type RuleContext,
} from '../src/rule.js';
import { normaliseSubject, pathKey, subjectKeys, UnionFind } from '../src/subjects.js';
import type { Claim, DocumentFacts, ProgressClaim, Range, TextEdit } from '../src/types.js';

export interface ProgressPlace {
  doc: DocumentFacts;
  claim: ProgressClaim;
  /** The task lists the claim's place links to (or its own document, for a claim about it). */
  paths: string[];
}

/** Tasks a document defines in its tables, when every one states a status: the evidence itself. */
export interface CountedList {
  doc: DocumentFacts;
  done: number;
  total: number;
  deprecated: number;
  first: Range;
  last: Range;
}

const countedMemo = new WeakMap<DocumentFacts, CountedList | undefined>();

/** `countTasks`, once per facts object. */
function countedList(doc: DocumentFacts): CountedList | undefined {
  if (!countedMemo.has(doc)) countedMemo.set(doc, countTasks(doc));
  return countedMemo.get(doc);
}

export function countTasks(doc: DocumentFacts): CountedList | undefined {
  const statuses = new Map<string, Set<string>>();
  const ranges: Range[] = [];
  for (const mention of doc.mentions) {
    if (mention.kind !== 'definition' || mention.source !== 'table' || mention.context !== 'normal') continue;
    const status =
      mention.status === undefined || mention.status === 'unknown' || mention.statusImplied
        ? 'unknown'
        : mention.status;
    statuses.set(mention.id, (statuses.get(mention.id) ?? new Set()).add(status));
    ranges.push(mention.range);
  }
  if (statuses.size === 0) return undefined;
  let done = 0;
  let deprecated = 0;
  for (const set of statuses.values()) {
    if (set.size !== 1 || set.has('unknown')) return undefined;
    if (set.has('done')) done++;
    if (set.has('deprecated')) deprecated++;
  }
  return { doc, done, total: statuses.size, deprecated, first: ranges[0]!, last: ranges.at(-1)! };
}

function totalsOf(total: number, deprecated: number | undefined): number[] {
  return deprecated ? [total, total - deprecated] : [total];
}

/** Two statements of progress agree when they count the same tasks done out of the same whole. */
export function sameProgress(a: ProgressClaim, b: ProgressClaim): boolean {
  if (a.done !== b.done) return false;
  const totals = totalsOf(b.total, b.deprecated);
  return totalsOf(a.total, a.deprecated).some((total) => totals.includes(total));
}

export interface ProgressGroup {
  places: ProgressPlace[];
  counted?: CountedList;
  /** The counted list's document, as a path key. */
  listKey?: string;
  /**
   * What the group was formed from: every key joined into it (names, task lists, documents), the
   * names of its subjects, and the counted list's document. Its findings depend on the documents
   * with one of these keys.
   */
  keys: string[];
}

interface Subject {
  doc: DocumentFacts;
  /** Its place among the document's subjects. */
  at: number;
  claim: Claim;
  keys: { label?: string; paths: string[] };
}

/** Each document's subjects with their keys, computed once per facts object: an edit makes new facts. */
const subjectMemo = new WeakMap<DocumentFacts, { root: string; subjects: Subject[]; own: string }>();

function subjectsOf(corpus: Corpus, doc: DocumentFacts): { subjects: Subject[]; own: string } {
  const known = subjectMemo.get(doc);
  if (known?.root === corpus.root) return known;
  const entry = {
    root: corpus.root,
    subjects: [] as Subject[],
    own: pathKey(corpus.root, doc.file),
  };
  // The subjects of a document link to few files, most often the document itself.
  const linkKeys = new Map<string, string>();
  entry.subjects = (doc.claims ?? []).map((claim, at) => ({
    doc,
    at,
    claim,
    keys: subjectKeys(corpus, doc, claim.subject, entry.own, linkKeys),
  }));
  subjectMemo.set(doc, entry);
  return entry;
}

/** Set on a group joined by a path alias of the config, and on a document whose task lists such an alias may name. */
const ALIAS_PATHS = 'aliases';

/** The path keys the config's aliases name, as full keys and as endings. */
function aliasPaths(corpus: Corpus): { wanted: string; tail: string }[] {
  return Object.entries(corpus.config.aliases).flatMap(([name, aliases]) =>
    [name, ...aliases]
      .filter((alias) => /\.(?:md|markdown|txt)$|\//iu.test(alias))
      .map((alias) => {
        const wanted = pathKey(corpus.root, path.resolve(corpus.root, alias));
        return { wanted, tail: wanted.slice('path:'.length) };
      }),
  );
}

/** The keys a document's progress statements and task lists bear on (language server re-checks). */
export function progressKeys(doc: DocumentFacts, corpus: Corpus): string[] {
  if (doc.role !== 'active') return [];
  const { subjects, own } = subjectsOf(corpus, doc);
  const keys = [own, ...subjects.flatMap(({ keys: { label, paths } }) => [...(label ? [label] : []), ...paths])];
  const aliases = aliasPaths(corpus);
  if (
    aliases.length &&
    keys.some((key) => aliases.some(({ wanted, tail }) => key === wanted || key.endsWith(`/${tail}`)))
  )
    keys.push(ALIAS_PATHS);
  return keys;
}

/**
 * Groups the progress statements of active documents by subject. Subjects are the same when they
 * share a name, link to the same task list, or are aliases in the config; a name that two places
 * link to different task lists is ambiguous and matches nothing.
 */
/** What a document puts in the subjects index: each subject under each of its keys, and itself under its own path. */
type SubjectEntry = { subject: Subject } | { list: DocumentFacts };

function subjectEntries(corpus: Corpus, doc: DocumentFacts): [string, SubjectEntry][] {
  if (doc.role !== 'active') return [];
  const { subjects, own } = subjectsOf(corpus, doc);
  const entries: [string, SubjectEntry][] = [[own, { list: doc }]];
  for (const subject of subjects) {
    if (subject.keys.label) entries.push([subject.keys.label, { subject }]);
    for (const key of subject.keys.paths) entries.push([key, { subject }]);
  }
  return entries;
}

/**
 * The subjects and task lists of the groups that `only` keys reach: every group with one of them,
 * found by following shared keys through the subjects index, so an edit costs what its groups
 * hold rather than what the folder holds.
 */
function reachedBy(
  only: ReadonlySet<string>,
  index: ReadonlyMap<string, readonly IndexEntry<SubjectEntry>[]>,
  aliasKeys: Map<string, string[]>,
): { subjects: Subject[]; lists: DocumentFacts[] } {
  const seen = new Set<string>(only);
  const queue = [...only];
  const subjects = new Set<Subject>();
  const lists = new Set<DocumentFacts>();
  const visit = (key: string): void => {
    if (seen.has(key)) return;
    seen.add(key);
    queue.push(key);
  };
  while (queue.length) {
    const key = queue.pop()!;
    for (const other of aliasKeys.get(key) ?? []) visit(other);
    for (const { value } of index.get(key) ?? []) {
      if ('list' in value) {
        lists.add(value.list);
        continue;
      }
      if (subjects.has(value.subject)) continue;
      subjects.add(value.subject);
      if (value.subject.keys.label) visit(value.subject.keys.label);
      for (const path of value.subject.keys.paths) visit(path);
    }
  }
  const order = (a: Subject, b: Subject): number =>
    a.doc.relPath < b.doc.relPath ? -1 : a.doc.relPath > b.doc.relPath ? 1 : a.at - b.at;
  return {
    subjects: [...subjects].sort(order),
    lists: [...lists].sort((a, b) => (a.relPath < b.relPath ? -1 : a.relPath > b.relPath ? 1 : 0)),
  };
}

export function groupBySubject(corpus: Corpus, context?: Pick<RuleContext, 'only' | 'index'>): ProgressGroup[] {
  const index = context?.only ? context.index('subjects', (doc) => subjectEntries(corpus, doc)) : undefined;
  let active: DocumentFacts[] = [];
  let subjects: Subject[] = [];
  let knownPaths: Set<string>;
  const aliasEntries = Object.entries(corpus.config.aliases).map(([name, aliases]) => [name, ...aliases]);
  if (index && context?.only) {
    knownPaths = new Set([...index.keys()].filter((key) => key.startsWith('path:')));
  } else {
    active = corpus.documents.filter((doc) => doc.role === 'active');
    subjects = active.flatMap((doc) => subjectsOf(corpus, doc).subjects);
    knownPaths = new Set([
      ...subjects.flatMap(({ keys }) => keys.paths),
      ...active.map((doc) => subjectsOf(corpus, doc).own),
    ]);
  }
  const aliasLabels = new Set<string>();
  const aliasKeys = new Set<string>();
  const aliasGroups = aliasEntries.map((names) =>
    names.flatMap((alias) => {
      if (/\.(?:md|markdown|txt)$|\//iu.test(alias)) {
        const wanted = pathKey(corpus.root, path.resolve(corpus.root, alias));
        const tail = wanted.slice('path:'.length);
        const matched = [wanted, ...[...knownPaths].filter((key) => key.endsWith(`/${tail}`))];
        for (const key of matched) aliasKeys.add(key);
        return matched;
      }
      const label = `label:${normaliseSubject(alias)}`;
      aliasLabels.add(label);
      return [label];
    }),
  );
  if (index && context?.only) {
    const joinedByAlias = new Map<string, string[]>();
    for (const keys of aliasGroups)
      for (const key of keys) joinedByAlias.set(key, [...(joinedByAlias.get(key) ?? []), ...keys]);
    const reached = reachedBy(context.only, index, joinedByAlias);
    subjects = reached.subjects;
    active = reached.lists;
  }
  const pathsOfLabel = new Map<string, Set<string>>();
  const labelPaths = (label: string): Set<string> => {
    let paths = pathsOfLabel.get(label);
    if (paths) return paths;
    paths = new Set();
    if (index) {
      for (const { value } of index.get(label) ?? [])
        if ('subject' in value) for (const key of value.subject.keys.paths) paths.add(key);
    }
    pathsOfLabel.set(label, paths);
    return paths;
  };
  if (!index) {
    for (const { keys } of subjects) {
      if (!keys.label) continue;
      const paths = pathsOfLabel.get(keys.label) ?? new Set<string>();
      for (const key of keys.paths) paths.add(key);
      pathsOfLabel.set(keys.label, paths);
    }
  }
  const groups = new UnionFind();
  for (const keys of aliasGroups) for (const key of keys.slice(1)) groups.union(keys[0]!, key);
  const usable = (label: string | undefined): label is string =>
    label !== undefined && (aliasLabels.has(label) || labelPaths(label).size <= 1);
  // Each subject's joining keys: its name where that is usable, and its task lists.
  const joiningKeys = subjects.map(({ keys }) =>
    usable(keys.label) ? (keys.paths.length ? [keys.label, ...keys.paths] : [keys.label]) : keys.paths,
  );
  for (const keys of joiningKeys) for (let k = 1; k < keys.length; k++) groups.union(keys[0]!, keys[k]!);
  // Every key each group was joined from, and the names of its subjects even where a name was
  // too ambiguous to join by: an edit that changes what joins with what shares one of them.
  const joined = new Map<string, Set<string>>();
  const addKey = (root: string, key: string): void => {
    const set = joined.get(root);
    if (set) set.add(key);
    else joined.set(root, new Set([key]));
  };
  const roots = joiningKeys.map((keys) => (keys.length ? groups.find(keys[0]!) : undefined));
  subjects.forEach((subject, i) => {
    const root = roots[i];
    if (root === undefined) return;
    for (const key of joiningKeys[i]!) addKey(root, key);
    if (subject.keys.label) addKey(root, subject.keys.label);
  });
  const byRoot = new Map<string, ProgressGroup>();
  for (const [i, subject] of subjects.entries()) {
    if (subject.claim.kind !== 'progress') continue;
    const root = roots[i];
    if (root === undefined) continue;
    const group = byRoot.get(root) ?? { places: [], keys: [] };
    group.places.push({ doc: subject.doc, claim: subject.claim, paths: subject.keys.paths });
    byRoot.set(root, group);
  }
  for (const doc of active) {
    const own = subjectsOf(corpus, doc).own;
    const root = groups.find(own);
    const group = byRoot.get(root);
    if (!group) continue;
    const counted = countedList(doc);
    if (!counted) continue;
    group.counted = counted;
    group.listKey = own;
    addKey(root, own);
  }
  for (const [root, group] of byRoot) {
    const keys = joined.get(root) ?? new Set([root]);
    if ([...keys].some((key) => aliasKeys.has(key))) keys.add(ALIAS_PATHS);
    group.keys = [...keys];
  }
  return [...byRoot.values()];
}

export interface ProgressConflict {
  /** Where to report: the first place of the side that is outnumbered or contradicts the task list. */
  place: ProgressPlace;
  /** Other places stating the same as `place`. */
  same: ProgressPlace[];
  /** The other side: places, or the task list itself. */
  others: ProgressPlace[];
  counted?: CountedList;
}

function clusters(places: ProgressPlace[]): ProgressPlace[][] {
  const result: ProgressPlace[][] = [];
  for (const place of places) {
    const cluster = result.find((c) => sameProgress(c[0]!.claim, place.claim));
    if (cluster) cluster.push(place);
    else result.push([place]);
  }
  return result;
}

/** The progress statements that contradict the subject's own task list, or each other. */
export function findProgressConflicts(group: ProgressGroup): ProgressConflict[] {
  const { counted } = group;
  if (counted) {
    const countedTotals = totalsOf(counted.total, counted.deprecated);
    const comparable = group.places.filter(({ claim }) =>
      totalsOf(claim.total, claim.deprecated).some((total) => countedTotals.includes(total)),
    );
    const wrong = comparable.filter(({ claim }) => claim.done !== counted.done);
    return clusters(wrong).map((cluster) => {
      // Reported where the claim is surely about the list: there it can be fixed.
      const inList =
        cluster.find(({ doc }) => doc === counted.doc) ?? cluster.find((p) => boundToList(p, group)) ?? cluster[0]!;
      return { place: inList, same: cluster.filter((p) => p !== inList), others: [], counted };
    });
  }
  const all = clusters(group.places);
  if (all.length < 2) return [];
  const majority = [...all].sort((a, b) => b.length - a.length)[0]!;
  return all
    .filter((cluster) => cluster !== majority)
    .map((cluster) => ({ place: cluster[0]!, same: cluster.slice(1), others: majority }));
}

/**
 * Whether a place is surely about the group's counted list, not by its name alone: it links to
 * the list (a Reference:/Location: line, a markdown link), is about the list's own document, or
 * sits in that document and links nowhere else.
 */
export function boundToList(place: ProgressPlace, group: ProgressGroup): boolean {
  const { counted, listKey } = group;
  if (!counted || listKey === undefined) return false;
  return place.paths.includes(listKey) || (place.doc === counted.doc && place.paths.length === 0);
}

/** Ordinals a line may name beside a fraction: "Phase 1: Storage", "Workstream 2 -". */
const ORDINAL_NUMBER =
  /\b(?:phase|workstream|stream|stage|step|week|sprint|milestone|part|wave|category|priority|iteration)\s+\d+(?:\.\d+)*[a-z]?\b/giu;

/** Runs of letters and digits, joined by "-", ".", ",", "/", ":": "ORB-1.5", "2026-11-20", "29/48". */
const TOKEN = /[\p{L}\p{N}_]+(?:[-.,/:][\p{L}\p{N}_]+)*/gu;

function within(outer: Range, inner: Range): boolean {
  const before = (a: Range['start'], b: Range['start']): boolean =>
    a.line < b.line || (a.line === b.line && a.column <= b.column);
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}

/**
 * The edits that make a progress figure count what its task list counts: the done count, and the
 * percentage written with it at its precision. Undefined where anything else may be derived from
 * the figure (a remaining count, a Pending cell, a total over it, a number it cannot place) or
 * the whole differs too: then only a person can rewrite it.
 */
export function countedEdits({ doc, claim }: ProgressPlace, counted: CountedList): TextEdit[] | undefined {
  if (claim.around === undefined || claim.done === counted.done) return undefined;
  const sameWhole =
    (claim.total === counted.total && (claim.deprecated === undefined || claim.deprecated === counted.deprecated)) ||
    (claim.deprecated === undefined && claim.total === counted.total - counted.deprecated);
  if (!sameWhole) return undefined;
  for (const other of doc.claims ?? []) {
    if (other.kind === 'remaining' && other.done === claim.done && other.total === claim.total) return undefined;
    if (other.kind === 'total' && other.parts.some((part) => within(part.range, claim.range))) return undefined;
    if (other.kind === 'total' && within(other.range, claim.range)) return undefined;
  }
  const edits: TextEdit[] = [{ range: claim.range, replaces: String(claim.done), text: String(counted.done) }];
  let rest = claim.around;
  const line = claim.range.start.line;
  const percents = doc.percents.filter(
    (p) => p.range.start.line === line && p.numerator === claim.done && p.denominator === claim.total,
  );
  if (percents.length > 1) return undefined;
  const percent = percents[0];
  if (percent) {
    const written = [...percent.text.matchAll(/(\d+(?:\.\d+)?)\s*%/gu)];
    const [whole, digits] = written.length === 1 ? written[0]! : [];
    if (whole === undefined || digits === undefined || Number(digits) !== percent.percent) return undefined;
    const at = rest.indexOf(whole);
    if (at === -1) return undefined;
    rest = `${rest.slice(0, at)} ${rest.slice(at + whole.length)}`;
    const decimals = digits.split('.')[1]?.length ?? 0;
    const recomputed = ((100 * counted.done) / claim.total).toFixed(decimals);
    edits.push(editOnLine(percent.range, whole, `${recomputed}${whole.slice(digits.length)}`));
  } else if (claim.percent !== undefined) return undefined;
  if (claim.deprecated !== undefined)
    rest = rest.replace(new RegExp(`(?<!\\d)${claim.deprecated}\\s+deprecated`, 'iu'), ' ');
  rest = rest.replace(ORDINAL_NUMBER, ' ');
  if (rest.includes('%')) return undefined;
  for (const [token] of rest.matchAll(TOKEN)) if (/\d/u.test(token) && !/[\p{L}_]/u.test(token)) return undefined;
  return edits;
}

function value(claim: ProgressClaim): string {
  return `${claim.done}/${claim.total}${claim.deprecated ? ` (${claim.deprecated} deprecated)` : ''}`;
}

function at({ doc, claim }: ProgressPlace): At {
  return { doc, range: claim.range };
}

/** One place per document: the first. */
function firstPerDocument(places: ProgressPlace[]): ProgressPlace[] {
  const seen = new Set<string>();
  return places.filter(({ doc }) => !seen.has(doc.file) && Boolean(seen.add(doc.file)));
}

export default defineRule({
  id: 'progress-conflict',
  meta: {
    type: 'problem',
    description: 'Disallow two places stating different progress for the same task list',
    messages: {
      conflict:
        'Progress of "{{subject}}" is {{value}} here but {{otherValue}} at {{other}} ("{{otherSubject}}"){{more}}.',
      counted:
        'Progress of "{{subject}}" is {{value}} here, but its task list {{list}} marks {{done}} of its {{total}} tasks done{{more}}.',
      otherPlace: 'progress of "{{subject}}" is {{value}} here',
      list: 'the task list: {{done}} of {{total}} tasks done',
      suggestCounted: 'Make this place say {{done}}/{{total}}, as its task list at {{list}} counts',
    },
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
    defaultSeverity: 'warning',
    fixable: 'code',
    hasSuggestions: true,
    fixDescription:
      'A progress figure that links to its task list (a Reference: or Location: line, a markdown link) or sits in the list\'s own document counts the tasks the list marks done, and the percentage written with it is recomputed at its precision: "60% (29/48)" becomes "65% (31/48)" over a list with 31 of its 48 tasks done; not where a number beside it may be derived from it too (a remaining count, a Pending cell, a total over it) or the whole differs as well.',
    suggestionDescription:
      'where a figure matches its task list by name alone, the editor offers to make it count what the list marks done',
    docs: `## What it does

Finds two places that state different progress for the same subject: the tracker says "Status:
60% Complete (29/48 tasks)" for a workstream whose reference is \`hpc-slurm-task-list.md\`,
while the index's row for that list says 48 tasks, 31 completed.

Progress is read from fractions that say they count tasks ("29/48 tasks", "8 of 10 tasks
complete", "64% (31/48)", "(18/22 complete)") and from the rows of completion tables with
Total and Completed columns. Each is bound to its subject: the section it sits in (for a
"Status:" line), the table row's label, or the list item's words, and the task list that place
links to on a "Reference:" or "Location:" line.

Two subjects are the same when they link to the same task list, when their names are the same
once emoji, markup, "(…)", "Workstream N:" and the word "tasks" are set aside, or when the
config's \`aliases\` says so. A name that different places link to different task lists is
ambiguous and matches nothing. When the subject's own task list is in the corpus and every
task in its tables states a status, its tasks are the evidence: a claim about the same number
of tasks must count as many done.

A total with or without its deprecated tasks is the same total ("10 (2 deprecated)" and
"8/8"). Archived and template documents are not compared.

Matching subjects by name is a judgement, so this rule warns.

Against its task list, a figure is derived from the list, so \`--fix\` rewrites it where it is
surely about that list: it links to the list, or it sits in the list's own document. The done
count becomes the number of tasks the list marks done, and a percentage written with it is
recomputed at the precision it was written in ("60% Complete (29/48 tasks)" becomes "65%
Complete (31/48 tasks)"). Nothing is rewritten where another number beside the figure may be
derived from it too (a remaining count, the In Progress and Pending cells of its row, a total
over it, a date), where its total differs as well, or in a heading (its words are its anchor).
A figure that matches the list by name alone is offered the same change as a suggestion. Two
figures with no task list to count are both statements: neither is rewritten.

## Why is this bad?

Two progress figures for one task list cannot both be right. Whoever reads the stale one plans
against work that is already done, or not done yet.

## Example

Incorrect, the tracker and the index disagree on the storage list:

\`\`\`markdown file=tracker.md
## Workstream 1: Storage

**Status:** 60% Complete (29/48 tasks)
**Reference:** [storage-task-list.md](./storage-task-list.md)
\`\`\`

\`\`\`markdown file=index.md
| Task List | Total Tasks | Completed |
|-----------|-------------|-----------|
| [Storage](./storage-task-list.md) | 48 | 31 |
\`\`\`

Correct, both say 31 of 48:

\`\`\`markdown file=tracker.md
## Workstream 1: Storage

**Status:** 64% Complete (31/48 tasks)
**Reference:** [storage-task-list.md](./storage-task-list.md)
\`\`\`

## Options

None. Name other spellings of a subject in the config's \`aliases\`:
\`{"aliases": {"HPC SLURM Deployment": ["hpc-slurm-task-list.md", "HPC Infrastructure Completion"]}}\`.
`,
  },
  // A finding depends on the documents whose statements joined its group: after an edit, only
  // the groups with a name, task list or document the edit touches are compared again.
  incremental: progressKeys,
  check(corpus, context) {
    for (const group of groupBySubject(corpus, context)) {
      if (!group.keys.some((key) => context.wantsKey(key))) continue;
      for (const conflict of findProgressConflicts(group)) {
        const { place, same, others, counted } = conflict;
        const more = same.length;
        const moreText =
          more > 0
            ? `; ${more} more place${more === 1 ? '' : 's'} also say${more === 1 ? 's' : ''} ${value(place.claim)}`
            : '';
        const sameRelated = same.map((p) => ({
          at: at(p),
          messageId: 'otherPlace',
          data: { subject: p.claim.subject.label, value: value(p.claim) },
        }));
        if (counted) {
          const edits = countedEdits(place, counted);
          const list = placeName({ doc: counted.doc, range: counted.first }, place.doc);
          // Bound by name alone, the figure may be about another list: the person chooses.
          const repair: Pick<Report, 'fix' | 'suggest'> = !edits
            ? {}
            : boundToList(place, group)
              ? { fix: { edits } }
              : {
                  suggest: [
                    {
                      messageId: 'suggestCounted',
                      data: { done: counted.done, total: place.claim.total, list },
                      fix: { edits },
                    },
                  ],
                };
          context.report({
            keys: group.keys,
            messageId: 'counted',
            data: {
              subject: place.claim.subject.label,
              value: value(place.claim),
              list: counted.doc === place.doc ? `(lines ${counted.first.start.line}-${counted.last.start.line})` : list,
              done: counted.done,
              total: counted.total,
              more: moreText,
            },
            at: at(place),
            related: [
              {
                at: { doc: counted.doc, range: counted.first },
                messageId: 'list',
                data: { done: counted.done, total: counted.total },
              },
              ...sameRelated,
            ],
            ...repair,
          });
          continue;
        }
        const first = others[0]!;
        const rest = others.length - 1;
        context.report({
          keys: group.keys,
          messageId: 'conflict',
          data: {
            subject: place.claim.subject.label,
            value: value(place.claim),
            otherValue: value(first.claim),
            other: placeName(at(first), place.doc),
            otherSubject: first.claim.subject.label,
            more: rest > 0 ? ` and ${rest} more place${rest === 1 ? '' : 's'}` : '',
          },
          at: at(place),
          related: [
            ...firstPerDocument(others).map((p) => ({
              at: at(p),
              messageId: 'otherPlace',
              data: { subject: p.claim.subject.label, value: value(p.claim) },
            })),
            ...sameRelated,
          ],
        });
      }
    }
  },
});
