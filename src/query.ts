/**
 * What rules ask of the corpus beyond its indexes: which places state a task's status, which
 * place states it best, which dependencies are stated. Rules share these here and never import
 * each other.
 */
import { edgesOf, taskKeyOf, type Corpus, type MentionAt } from './corpus.js';
import type { At, RuleContext } from './rule.js';
import { GENERIC_TITLE_WORDS, GROUP_LABEL, STATUS_TITLE_WORDS } from './extract/vocab/titles.js';
import { displayId } from './scopes.js';
import { isOpen } from './extract/status.js';
import type { DependencyEdge, Status } from './types.js';

const STATUS_WORDS: Record<Status, string> = {
  done: 'done',
  'in-progress': 'in progress',
  blocked: 'blocked',
  pending: 'pending',
  deprecated: 'deprecated',
  unknown: 'of unknown status',
};

/** How a message names a place's status: "open" when an open status is implied by an "Active Tasks" listing. */
export function statusWord(mention: Pick<MentionAt['mention'], 'status' | 'statusImplied'>): string {
  return mention.statusImplied && isOpen(mention.status) ? 'open' : STATUS_WORDS[mention.status ?? 'unknown'];
}

/** Which place best states a task's status: its front matter or table row, then its heading or its block's field lines, then a list item, then prose. */
export function statementRank({ mention }: MentionAt): number {
  if (mention.kind === 'definition')
    return mention.source === 'table' || mention.source === 'front-matter'
      ? 0
      : mention.source === 'heading' || mention.source === 'field'
        ? 1
        : 2;
  return mention.source === 'table' ? 3 : 4;
}

/**
 * The places that state a status for today: active documents only (archives describe the past),
 * not criteria or prerequisite lists (checklist-conflict reads those), not code.
 */
export function statedStatuses(mentions: MentionAt[]): MentionAt[] {
  return mentions.filter(
    ({ doc, mention }) =>
      doc.role === 'active' &&
      mention.status !== undefined &&
      mention.status !== 'unknown' &&
      mention.context === 'normal' &&
      mention.source !== 'code',
  );
}

/** One dependency `from → to` (task keys, see corpus.ts) and every active place that states it, best first. */
export interface StatedEdge {
  from: string;
  to: string;
  places: { at: At; source: DependencyEdge['source'] }[];
}

export const SOURCE_RANK: Record<DependencyEdge['source'], number> = { table: 0, field: 1, graph: 2 };

/**
 * The dependencies active documents state, one entry per pair, in corpus order. Only ID schemes
 * some document defines tasks with count: `UTF-8 → UTF-16` in a text block is not a dependency.
 */
export function statedEdges(corpus: Corpus, context?: Pick<RuleContext, 'wants'>): StatedEdge[] {
  const byPair = new Map<string, StatedEdge>();
  for (const doc of corpus.documents) {
    if (doc.role !== 'active' || (context && !context.wants(doc))) continue;
    for (const edge of edgesOf(corpus, doc)) {
      const from = taskKeyOf(corpus, doc, edge.from);
      const to = taskKeyOf(corpus, doc, edge.to);
      if (from === undefined || to === undefined) continue;
      const key = `${from}\0${to}`;
      const stated = byPair.get(key) ?? { from, to, places: [] };
      stated.places.push({ at: { doc, range: edge.range }, source: edge.source });
      byPair.set(key, stated);
    }
  }
  for (const stated of byPair.values()) stated.places.sort((a, b) => SOURCE_RANK[a.source] - SOURCE_RANK[b.source]);
  return [...byPair.values()];
}

/**
 * The words of a title that name its subject, lower-cased: not generic verbs ("Create"), not
 * status words ("DONE"), not bare numbers, emoji or punctuation.
 */
export function titleWords(title: string): string[] {
  return title
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(
      (word) =>
        word.length >= 2 && !/^\p{N}+$/u.test(word) && !GENERIC_TITLE_WORDS.has(word) && !STATUS_TITLE_WORDS.has(word),
    );
}

function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  // "Manager"/"Management", "Deploy"/"Deployment": one stem.
  if (a.length >= 5 && b.length >= 5 && a.slice(0, 5) === b.slice(0, 5)) return true;
  // "Perf"/"Performance": an abbreviation.
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.length >= 3 && long.startsWith(short);
}

/** How many of the shorter title's words the other title shares, from 0 to 1; 1 when either has none. */
export function sharedWordRatio(wordsA: string[], wordsB: string[]): number {
  const [fewer, more] = wordsA.length <= wordsB.length ? [wordsA, wordsB] : [wordsB, wordsA];
  if (fewer.length === 0) return 1;
  return fewer.filter((word) => more.some((other) => sameWord(word, other))).length / fewer.length;
}

/**
 * Two titles name one task unless they share no word at all: "Complete HPC Runtime Framework
 * Integration" and "HPC Runtime Framework Integration" are one task reworded.
 */
export function sameTitle(a: string, b: string): boolean {
  return sharedWordRatio(titleWords(a), titleWords(b)) > 0;
}

const DEFINING_SOURCES = new Set(['table', 'heading', 'field', 'list', 'front-matter']);

/** The places that define a task today: table rows, headings, field lines, list items, front matter of active documents. */
export function definingPlaces(mentions: MentionAt[]): MentionAt[] {
  return mentions.filter(
    ({ doc, mention }) =>
      doc.role === 'active' &&
      mention.kind === 'definition' &&
      mention.context === 'normal' &&
      DEFINING_SOURCES.has(mention.source),
  );
}

/**
 * The group a place defines its task under: the nearest heading above it with a phase, stage,
 * milestone, sprint or wave number ("## Phase 2: Storage" → `phase 2`), not the task's own heading.
 */
export function groupLabelOf({ mention }: MentionAt): { kind: string; number: string; text: string } | undefined {
  for (let at = mention.section.length - 1; at >= 0; at--) {
    const heading = mention.section[at]!;
    if (heading.includes(mention.id)) continue;
    const found = GROUP_LABEL.exec(heading);
    if (found) return { kind: found[1]!.toLowerCase(), number: found[2]!.toLowerCase(), text: found[0] };
  }
  return undefined;
}

/** `2` and `3` are two phases; `2` and `2a` or `2.1` may be one phase and its part. */
function differentGroups(a: string, b: string): boolean {
  const bare = (number: string) => number.replace(/^0+(?=\d)/u, '');
  const [x, y] = [bare(a), bare(b)];
  return x !== y && !x.startsWith(y) && !y.startsWith(x);
}

/** One ID that names two tasks: each task's best defining place, the first task first. */
export interface IdReuse {
  key: string;
  id: string;
  /** `title`: the titles share no word; `group`: defined under two phases with titles that mostly differ. */
  by: 'title' | 'group';
  tasks: { place: MentionAt; title: string; group?: string }[];
}

/** Below this share of the shorter title's words, two titles under two phases are two tasks. */
const GROUP_REUSE_RATIO = 0.5;

const titleOf = ({ mention }: MentionAt): string | undefined =>
  mention.title && !/^[\d\s.,–-]+$/u.test(mention.title) ? mention.title : undefined;

/**
 * Whether one ID is used for two tasks, from the places that define it (see definingPlaces).
 * Titles form groups of the same task. List items (and headings over an ID field) paraphrase
 * ("Quick wins: MLOPS-1.2: Oumi framework validation" for "Single GPU LLM Fine-tuning"), so they
 * may join groups but never make one: two groups that each hold a table row or heading are two
 * tasks. Failing that, two such places under two different phases whose titles share less than
 * half of the shorter one's words are two tasks.
 */
export function idReuse(key: string, mentions: MentionAt[]): IdReuse | undefined {
  // Five rules ask this of every task: each list is answered once. The corpus gives a key a new
  // list when an edit changes its places and never changes a list it has handed out.
  const known = reuseMemo.get(mentions);
  if (known !== undefined) return known ?? undefined;
  const found = findIdReuse(key, mentions);
  reuseMemo.set(mentions, found ?? null);
  return found;
}

const reuseMemo = new WeakMap<MentionAt[], IdReuse | null>();

function findIdReuse(key: string, mentions: MentionAt[]): IdReuse | undefined {
  const defined = definingPlaces(mentions);
  if (defined.length < 2) return undefined;
  const titled = defined.filter((place) => titleOf(place) !== undefined);
  const words = new Map(titled.map((place) => [place, titleWords(titleOf(place)!)]));
  const groups: MentionAt[][] = [];
  for (const place of titled) {
    const matching = groups.filter((group) =>
      group.some((other) => sharedWordRatio(words.get(other)!, words.get(place)!) > 0),
    );
    const merged = [place, ...matching.flat()];
    for (const group of matching) groups.splice(groups.indexOf(group), 1);
    groups.push(merged);
  }
  // A title taken from the heading over an "**ID**:" field may be a loose label, as a list item's
  // is; the checkbox list of a tool's own task file (spec-kit, Kiro, ai-dev-tasks, OpenSpec) is
  // where its tasks are defined.
  const anchors = ({ doc, mention }: MentionAt): boolean =>
    (mention.source !== 'list' && mention.source !== 'field') ||
    (mention.source === 'list' && doc.format !== undefined && mention.checked !== undefined);
  const best = (group: MentionAt[]): MentionAt => [...group].sort((a, b) => statementRank(a) - statementRank(b))[0]!;
  const anchored = groups.filter((group) => group.some(anchors));
  if (anchored.length >= 2) {
    const sorted = [...anchored].sort(
      (a, b) => statementRank(best(a)) - statementRank(best(b)) || titled.indexOf(best(a)) - titled.indexOf(best(b)),
    );
    return {
      key,
      id: displayId(key),
      by: 'title',
      tasks: sorted.map((group) => ({ place: best(group), title: titleOf(best(group))! })),
    };
  }
  const placed = titled.filter(anchors).map((place) => ({ place, group: groupLabelOf(place) }));
  for (const [index, first] of placed.entries()) {
    if (!first.group) continue;
    for (const second of placed.slice(index + 1)) {
      if (second.group?.kind !== first.group.kind || !differentGroups(first.group.number, second.group.number))
        continue;
      if (sharedWordRatio(words.get(first.place)!, words.get(second.place)!) >= GROUP_REUSE_RATIO) continue;
      return {
        key,
        id: displayId(key),
        by: 'group',
        tasks: [first, second].map(({ place, group }) => ({ place, title: titleOf(place)!, group: group!.text })),
      };
    }
  }
  return undefined;
}

/** Whether the places of one task key define two tasks: then no rule compares what they say. */
export function isReusedId(key: string, mentions: MentionAt[] | undefined): boolean {
  return mentions !== undefined && idReuse(key, mentions) !== undefined;
}
