import { resolveWrittenIds, type Corpus } from '../src/corpus.js';
import { defineRule, type RelatedReport, type Report } from '../src/rule.js';
import type { ClaimPart, CountClaim, DocumentFacts, RemainingClaim, WrittenEnd } from '../src/types.js';

/**
 * The counts a stated number of tasks may mean: every row, the rows that are not deprecated,
 * the rows plus the deprecated ones the claim leaves out ("10 tasks, 2 deprecated" over 8 rows),
 * and, for "N remaining", the rows still open.
 */
export function acceptedCounts(claim: CountClaim): Set<number> {
  const evidence = claim.evidence;
  if (!evidence) return new Set();
  const count = evidence.parts.length;
  if (claim.noun === 'workstreams') return new Set([count]);
  const accepted = new Set([count, count - evidence.deprecated]);
  if (claim.deprecated !== undefined) accepted.add(count + claim.deprecated);
  if (claim.remaining && evidence.open !== undefined) accepted.add(evidence.open);
  if (evidence.subtasks) accepted.add(count - evidence.subtasks);
  return accepted;
}

export function countMismatch(claim: CountClaim): boolean {
  return claim.evidence !== undefined && claim.evidence.parts.length > 0 && !acceptedCounts(claim).has(claim.stated);
}

/** "(18/22 complete) - 3 tasks remaining": 22 - 18 is 4 (or 4 less the deprecated ones). */
export function remainingMismatch(claim: RemainingClaim): boolean {
  const open = claim.total - claim.done;
  return claim.remaining !== open && claim.remaining !== open - (claim.deprecated ?? 0);
}

/**
 * The tasks "040-044" or "046, 047.1, 048" name: each member one defined task, a range those
 * defined in it (040.1 too). Undefined when a member names none: then nothing is claimed.
 */
function listedTasks(corpus: Corpus, doc: DocumentFacts, ends: WrittenEnd[]): string[] | undefined {
  const named = new Set<string>();
  for (const end of ends) {
    const ids = resolveWrittenIds(corpus, doc, end);
    if (ids.length === 0) return undefined;
    for (const id of ids) named.add(id);
  }
  return [...named];
}

/** "TASK-040, TASK-040.1, TASK-041", shortened in the middle when long. */
function idList(ids: string[]): string {
  return ids.length <= 8 ? ids.join(', ') : `${ids.slice(0, 3).join(', ')}, …, ${ids.at(-1)!}`;
}

function lines(parts: ClaimPart[]): { from: number; to: number } {
  return { from: parts[0]!.range.start.line, to: parts.at(-1)!.range.end.line };
}

/** The first and the last counted row: the reader sees where the table starts and ends. */
function ends(doc: DocumentFacts, parts: ClaimPart[]): RelatedReport[] {
  const chosen = parts.length > 1 ? [parts[0]!, parts.at(-1)!] : parts;
  return chosen.map((part, i) => ({
    at: { doc, range: part.range },
    messageId: 'counted',
    data: { which: i === 0 ? 'first' : 'last', text: part.text },
  }));
}

export default defineRule({
  id: 'count-mismatch',
  meta: {
    type: 'problem',
    description: 'Disallow a stated number of tasks that differs from the tasks listed right under it',
    messages: {
      table:
        '"{{text}}" is stated here, but the table under it lists {{count}} task{{plural}} (lines {{from}}-{{to}}).',
      list: '"{{text}}" is stated here, but the list under it has {{count}} task{{plural}} (lines {{from}}-{{to}}).',
      remainingTable:
        '"{{text}}" is stated here, but the table under it lists {{count}} task{{plural}}, {{open}} of them open (lines {{from}}-{{to}}).',
      workstreams: '"{{text}}" is stated here, but this document has {{count}} workstream sections ({{where}}).',
      remaining: '"{{text}}" is stated here, but {{done}} of {{total}} complete leaves {{expected}} task{{plural}}.',
      counted: '{{which}} task counted: {{text}}',
      listed: '"{{text}}" is stated here, but {{list}} names {{count}} task{{plural}} the folder defines: {{ids}}.',
      listedHere: '{{list}} names {{ids}}',
      workstream: 'workstream section "{{text}}"',
    },
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
    defaultSeverity: 'error',
    fixable: 'code',
    fixDescription:
      'A count over the table or list right under it, or a remaining count over its own fraction, becomes the number counted, when only one number fits (no deprecated rows or subtasks to count or not): "(6 tasks)" over four rows becomes "(4 tasks)".',
    docs: `## What it does

Checks a number of tasks that a heading, a list item or a label states against the tasks listed
right there:

- "### Phase 4: Consolidation (6 tasks)" against the rows of the first table under that heading
  (before the next heading), or, when there is no table, the items of the first list whose
  items are tasks;
- "(17 tasks remaining)" against the same rows, or those of them still open;
- "(18/22 complete) - 3 tasks remaining" against its own fraction: 22 - 18 is 4;
- "31 tasks across 2 workstreams" against the "Workstream N" sections of the document;
- "(4 tasks: 040-044)" against the tasks the IDs after it name: a range names every task the
  folder defines in it (five here, six if TASK-040.1 is defined too). A member that names no
  defined task, a range over an undefined end or one between two schemes claims nothing.

Only what the claim plainly counts is counted. A heading whose count is of something else
("(3 days)", "(2 phases)"), a list after the table ("Changes:", "Validation Criteria:"), a
count with no table or list under it, and rows in code blocks are left alone. Deprecated
rows may be counted or not: "(10 tasks, 2 deprecated)" matches ten rows or eight; so may
subtasks listed under their task (TASK-46.1 below TASK-46). Archived and
template documents are not checked. A heading count over subsections that state their own
counts is checked by \`total-mismatch\`.

## Why is this bad?

The count was written when the list was different. A reader planning from the heading expects
six tasks and finds four: either two tasks were dropped without a word, or they live somewhere
else and the plan is incomplete.

## Example

Incorrect, the heading says six tasks over a table of four:

\`\`\`markdown file=tracker.md
### Phase 4: Consolidation (6 tasks)

| Task ID | Description | Duration |
|---------|-------------|----------|
| TASK-46 | Shared package role | 2 hrs |
| TASK-47 | Base package role | 1 hr |
| TASK-48 | Utilities role | 2 hrs |
| TASK-49 | Remove old roles | 1 hr |
\`\`\`

Correct:

\`\`\`markdown file=tracker.md
### Phase 4: Consolidation (4 tasks)

| Task ID | Description | Duration |
|---------|-------------|----------|
| TASK-46 | Shared package role | 2 hrs |
| TASK-47 | Base package role | 1 hr |
| TASK-48 | Utilities role | 2 hrs |
| TASK-49 | Remove old roles | 1 hr |
\`\`\`

## Options

None.
`,
  },
  // Each finding is about its own document: after an edit, only that document is checked again.
  incremental: 'document',
  check(corpus, context) {
    for (const doc of corpus.documents) {
      if (!context.wants(doc)) continue;
      if (doc.role !== 'active') continue;
      for (const claim of doc.claims ?? []) {
        if (claim.kind === 'remaining') {
          if (!remainingMismatch(claim)) continue;
          context.report({
            messageId: 'remaining',
            data: {
              text: claim.text,
              total: claim.total,
              done: claim.done,
              expected: claim.total - claim.done,
              plural: claim.total - claim.done === 1 ? '' : 's',
            },
            at: { doc, range: claim.range },
            ...(claim.deprecated ? {} : countFix(claim, claim.total - claim.done)),
          });
          continue;
        }
        if (claim.kind === 'count' && claim.listed) {
          // "(4 tasks: 040-044)": the IDs right after the count are what it counts.
          const named = listedTasks(corpus, doc, claim.listed.ends);
          if (!named || named.length === claim.stated) continue;
          const data = { list: claim.listed.text, ids: idList(named) };
          context.report({
            messageId: 'listed',
            data: { ...data, text: claim.text, count: named.length, plural: named.length === 1 ? '' : 's' },
            at: { doc, range: claim.range },
            related: [{ at: { doc, range: claim.listed.range }, messageId: 'listedHere', data }],
          });
          continue;
        }
        if (claim.kind !== 'count' || !countMismatch(claim)) continue;
        const evidence = claim.evidence!;
        const count = evidence.parts.length;
        const at = { doc, range: claim.range };
        if (claim.noun === 'workstreams') {
          context.report({
            messageId: 'workstreams',
            data: {
              text: claim.text,
              count,
              where: evidence.parts.map((part) => `line ${part.range.start.line}`).join(', '),
            },
            at,
            related: evidence.parts.map((part) => ({
              at: { doc, range: part.range },
              messageId: 'workstream',
              data: { text: part.text },
            })),
            ...countFix(claim, count),
          });
          continue;
        }
        const data = { text: claim.text, count, plural: count === 1 ? '' : 's', ...lines(evidence.parts) };
        const messageId =
          evidence.of === 'list items'
            ? 'list'
            : claim.remaining && evidence.open !== undefined && evidence.open !== count
              ? 'remainingTable'
              : 'table';
        const accepted = acceptedCounts(claim);
        // Only when one number fits: with deprecated rows or subtasks, either count may be meant; a
        // remaining count may be drawn from a fraction elsewhere rather than from these rows.
        const fix =
          accepted.size === 1 && claim.deprecated === undefined && !claim.remaining ? countFix(claim, count) : {};
        context.report({
          messageId,
          data: { ...data, open: evidence.open ?? count },
          at,
          related: ends(doc, evidence.parts),
          ...fix,
        });
      }
    }
  },
});

/** "5 tasks" (and "5 tasks remaining") with the number counted, the noun in the right number. */
function countFix(claim: CountClaim | RemainingClaim, count: number): Pick<Report, 'fix'> {
  const found = [...claim.text.matchAll(/(?<![\d.])(\d+)(\s+)(task|workstream)(s?)\b/gi)];
  const written = found.length === 1 ? found[0] : undefined;
  const stated = claim.kind === 'count' ? claim.stated : claim.remaining;
  if (!written || Number(written[1]) !== stated || count < 0) return {};
  const plural = count === 1 ? '' : written[4] || (written[3] === written[3]!.toUpperCase() ? 'S' : 's');
  return {
    fix: { edits: [{ range: claim.range, replaces: written[0], text: `${count}${written[2]}${written[3]}${plural}` }] },
  };
}
