import { defineRule, type Report } from '../src/rule.js';
import type { PercentClaim } from '../src/types.js';

/**
 * A shown percentage agrees with its fraction when it is the exact value rounded, truncated or
 * rounded up at the precision shown: 64% for 31/48 (64.58%) is fine, 54% for 39/68 (57.35%) is not.
 */
export function percentAgrees(claim: Pick<PercentClaim, 'percent' | 'numerator' | 'denominator'>): boolean {
  if (claim.denominator === 0) return true;
  const exact = (100 * claim.numerator) / claim.denominator;
  const decimals = String(claim.percent).split('.')[1]?.length ?? 0;
  const step = 10 ** -decimals;
  return Math.abs(claim.percent - exact) < step - 1e-9;
}

export default defineRule({
  id: 'percent-mismatch',
  meta: {
    type: 'problem',
    description: 'Disallow a percentage that disagrees with the fraction beside it',
    messages: {
      mismatch: '{{percent}}% does not match its own fraction {{numerator}}/{{denominator}}, which is {{exact}}%.',
    },
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
    defaultSeverity: 'error',
    fixable: 'code',
    fixDescription:
      'The percentage is recomputed from its fraction, at the precision it was written in: "54% (6/8)" becomes "75% (6/8)".',
    docs: `## What it does

Checks each percentage written next to its own fraction, such as "64% (31/48)", "60% Complete
(29/48 tasks)", "80% complete (8 of 10 tasks)" or "31/48 (64%)", and each table row whose
completion-% cell sits beside its total and completed counts. The percentage must be the
fraction rounded, truncated or rounded up at the precision shown: "64% (31/48)" (64.58%) is
fine, "54% (39/68)" (57.35%) is not. Archived and template documents are not checked.

## Why is this bad?

A progress figure that disagrees with its own numbers was updated in one half and not the
other. Readers cannot tell which half is stale.

## Example

Incorrect:

\`\`\`markdown
**Progress:** 54% complete (39/68 tasks)
\`\`\`

Correct:

\`\`\`markdown
**Progress:** 57% complete (39/68 tasks)
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
      for (const claim of doc.percents) {
        if (percentAgrees(claim)) continue;
        const exact = Math.round(((100 * claim.numerator) / claim.denominator) * 100) / 100;
        context.report({
          messageId: 'mismatch',
          data: { percent: claim.percent, numerator: claim.numerator, denominator: claim.denominator, exact },
          at: { doc, range: claim.range },
          ...percentFix(claim),
        });
      }
    }
  },
});

/** The percentage as written ("54%", "57.0 %") and the fraction's, at the same precision. */
function percentFix(claim: PercentClaim): Pick<Report, 'fix'> {
  const written = [...claim.text.matchAll(/(\d+(?:\.\d+)?)\s*%/g)];
  if (written.length !== 1 || Number(written[0]![1]) !== claim.percent) return {};
  const decimals = written[0]![1]!.split('.')[1]?.length ?? 0;
  const exact = (100 * claim.numerator) / claim.denominator;
  const percent = exact.toFixed(decimals);
  return {
    fix: {
      edits: [
        {
          range: claim.range,
          replaces: written[0]![0],
          text: `${percent}${written[0]![0].slice(written[0]![1]!.length)}`,
        },
      ],
    },
  };
}
