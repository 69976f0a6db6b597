/**
 * What rules ask of the corpus beyond its indexes: which places state a task's status, which
 * place states it best, which dependencies are stated. Rules share these here and never import
 * each other.
 */
import { taskKeyOf, type Corpus, type MentionAt } from './corpus.js';
import type { At, RuleContext } from './rule.js';
import type { DependencyEdge, Status } from './types.js';

const STATUS_WORDS: Record<Status, string> = {
  done: 'done',
  'in-progress': 'in progress',
  blocked: 'blocked',
  pending: 'pending',
  deprecated: 'deprecated',
  unknown: 'of unknown status',
};

/** How a message names a place's status: "open" when it is implied by an "Active Tasks" listing. */
export function statusWord(mention: Pick<MentionAt['mention'], 'status' | 'statusImplied'>): string {
  return mention.statusImplied ? 'open' : STATUS_WORDS[mention.status ?? 'unknown'];
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
    for (const edge of doc.edges ?? []) {
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
