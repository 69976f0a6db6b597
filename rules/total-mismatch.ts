import { defineRule, type RelatedReport, type Report } from '../src/rule.js';
import type { ClaimPart, DocumentFacts, TotalClaim } from '../src/types.js';

export interface TotalCheck {
  sum: number;
  sumDone?: number;
  agrees: boolean;
}

/**
 * A TOTAL cell, or a heading's count over its subsections, must be the sum of its parts (with or
 * without the deprecated ones they note). A whole fraction over a breakdown of fractions is only
 * contradicted when the parts exceed it: a list of "key phases" may name some of them.
 */
export function checkTotal(claim: TotalClaim): TotalCheck {
  const sum = claim.parts.reduce((total, part) => total + part.value, 0);
  const deprecated = claim.parts.reduce((total, part) => total + (part.deprecated ?? 0), 0);
  if (claim.of === 'fractions') {
    const sumDone = claim.parts.reduce((total, part) => total + (part.done ?? 0), 0);
    const whole = claim.stated - (claim.deprecated ?? 0);
    const agrees = !(sum > claim.stated && sum - deprecated > whole) && sumDone <= (claim.statedDone ?? 0);
    return { sum, sumDone, agrees };
  }
  const accepted = new Set([sum, sum - deprecated]);
  if (claim.deprecated !== undefined) accepted.add(sum + claim.deprecated);
  return { sum, agrees: accepted.has(claim.stated) };
}

function span(parts: ClaimPart[]): { from: number; to: number } {
  return { from: parts[0]!.range.start.line, to: parts.at(-1)!.range.end.line };
}

function partList(parts: ClaimPart[]): string {
  return parts.map((part) => `${part.done !== undefined ? `${part.done}/` : ''}${part.value}`).join(' + ');
}

export default defineRule({
  id: 'total-mismatch',
  meta: {
    type: 'problem',
    description: 'Disallow a total that is not the sum of its parts',
    messages: {
      column:
        'TOTAL {{label}} is {{stated}}, but the {{count}} rows above add up to {{sum}} ({{parts}}, lines {{from}}-{{to}}).',
      sections: '"{{text}}" is stated here, but the subsections under it count {{sum}} ({{parts}}).',
      items:
        '"{{text}}" is stated here, but the items of the list under it count {{sum}} ({{parts}}, lines {{from}}-{{to}}).',
      fractions:
        '"{{text}}" is stated here, but the breakdown under it adds up to {{sumDone}}/{{sum}} ({{parts}}, lines {{from}}-{{to}}).',
      rows: '"{{text}}" is stated here, but {{label}} add up to {{sum}} ({{parts}}, lines {{from}}-{{to}}).',
      part: 'part: {{text}}',
    },
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
    defaultSeverity: 'error',
    fixable: 'code',
    fixDescription:
      'A TOTAL cell, or a count over its subsections or items, becomes the sum of its parts, when no part notes deprecated tasks (which the total may count or not); a whole fraction over a breakdown, and a figure over the table rows it sums, are left alone.',
    docs: `## What it does

Checks each stated whole against the parts it names:

- a TOTAL (or Sum) row of a table: each numeric column's total against the cells above it,
  back to the table's start or the previous TOTAL row;
- a heading's task count ("Not Started (22 tasks)") against the counts its subsections state
  ("(10 tasks)" + "(10 tasks)"), or the counts its list items state, when there is no table
  or task list of its own;
- a metric table's "Total tasks defined" row against its "Tasks completed", "Tasks in
  progress", "Tasks pending" rows (a "Tasks remaining" row beside them counts some twice: no
  claim);
- "**Adjusted Total (excluding completed streams):** 68 tasks, 37 complete" right under a
  completion table against the Total Tasks and Completed cells of its rows that are not complete
  (of every row when it excludes nothing; another exclusion makes no claim);
- a section's progress ("Status: 64% complete (31/48 tasks)") against a list of parts in the
  same section that each give a fraction ("Phase 0 (6/6 complete)", ...), when the parts add up
  to more than the whole.

Deprecated tasks may be in a total or not: "124 (2 deprecated)" over parts that note the two
agrees either way. Percentage columns are left to \`percent-mismatch\`, time columns to
\`duration-mismatch\`. Archived and template documents are not checked.

## Why is this bad?

A total that disagrees with its own rows tells the reader that one of them was edited and the
other was not. Progress reports built on it (76% complete, 29 pending) are wrong too.

## Example

Incorrect, the Completed column adds up to 45, not 44:

\`\`\`markdown file=index.md
| Task List | Total Tasks | Completed | Pending |
|-----------|-------------|-----------|---------|
| Storage | 20 | 14 | 6 |
| Compute | 31 | 31 | 0 |
| **TOTAL** | **51** | **44** | **6** |
\`\`\`

Correct:

\`\`\`markdown file=index.md
| Task List | Total Tasks | Completed | Pending |
|-----------|-------------|-----------|---------|
| Storage | 20 | 14 | 6 |
| Compute | 31 | 31 | 0 |
| **TOTAL** | **51** | **45** | **6** |
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
        if (claim.kind !== 'total' || claim.parts.length === 0) continue;
        const check = checkTotal(claim);
        if (check.agrees) continue;
        context.report({
          messageId: claim.of,
          data: {
            text: claim.text,
            label: claim.label,
            stated: claim.stated,
            count: claim.parts.length,
            sum: check.sum,
            sumDone: check.sumDone ?? 0,
            parts: partList(claim.parts),
            ...span(claim.parts),
          },
          at: { doc, range: claim.range },
          related: relatedParts(doc, claim),
          ...totalFix(claim, check.sum),
        });
      }
    }
  },
});

/** Every subsection of a breakdown; the first and last row of a column. */
function relatedParts(doc: DocumentFacts, claim: TotalClaim): RelatedReport[] {
  const parts = claim.of === 'column' && claim.parts.length > 2 ? [claim.parts[0]!, claim.parts.at(-1)!] : claim.parts;
  return parts.map((part) => ({ at: { doc, range: part.range }, messageId: 'part', data: { text: part.text } }));
}

/** The stated total becomes the sum, when only the sum fits: no deprecated tasks on either side. */
function totalFix(claim: TotalClaim, sum: number): Pick<Report, 'fix'> {
  // A figure over the rows it sums may be the stale side, or its percentage with it: a person decides.
  if (
    claim.of === 'fractions' ||
    claim.of === 'rows' ||
    claim.deprecated !== undefined ||
    claim.parts.some((part) => part.deprecated)
  )
    return {};
  return { fix: { edits: [{ range: claim.range, replaces: String(claim.stated), text: String(sum) }] } };
}
