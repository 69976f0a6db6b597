import { defineRule, placeName, SUGGEST_MESSAGES, suggestEitherWay } from '../src/rule.js';
import type { DateField, DocumentFacts } from '../src/types.js';

export interface DateProblem {
  kind: 'lastUpdatedMismatch' | 'reviewBeforeUpdate' | 'createdAfterUpdate';
  /** Where to edit: the stale or impossible date. */
  at: DateField;
  other: DateField;
}

/** Dates that speak about the same thing: both document metadata, or both in one block of a section. */
function together(a: DateField, b: DateField): boolean {
  return (
    (a.scope === 'document' && b.scope === 'document') ||
    (a.scope === 'section' && b.scope === 'section' && a.group === b.group)
  );
}

/**
 * Within one document: two "Last Updated" dates of its metadata that differ (reported at the
 * older one); a "Next Review" before the last update or review; a "Created" after the last update.
 */
export function findDateProblems(dates: DateField[]): DateProblem[] {
  const problems: DateProblem[] = [];
  const updated = dates.filter((field) => field.kind === 'last-updated');
  const documentUpdates = updated.filter((field) => field.scope === 'document');
  const newest = documentUpdates.reduce<DateField | undefined>(
    (found, field) => (!found || field.date > found.date ? field : found),
    undefined,
  );
  if (newest) {
    for (const field of documentUpdates)
      if (field.date < newest.date) problems.push({ kind: 'lastUpdatedMismatch', at: field, other: newest });
  }
  const latest = (kinds: DateField['kind'][], near: DateField): DateField | undefined =>
    dates
      .filter((field) => kinds.includes(field.kind) && together(field, near))
      .reduce<DateField | undefined>((found, field) => (!found || field.date > found.date ? field : found), undefined);
  for (const review of dates.filter((field) => field.kind === 'next-review')) {
    const last = latest(['last-updated', 'last-review'], review);
    if (last && review.date < last.date) problems.push({ kind: 'reviewBeforeUpdate', at: review, other: last });
  }
  for (const created of dates.filter((field) => field.kind === 'created')) {
    const last = latest(['last-updated'], created);
    if (last && created.date > last.date) problems.push({ kind: 'createdAfterUpdate', at: created, other: last });
  }
  return problems;
}

export default defineRule({
  id: 'date-conflict',
  meta: {
    type: 'problem',
    description: 'Disallow document dates that contradict each other',
    messages: {
      lastUpdatedMismatch:
        '"{{label}}" says {{date}} here but {{otherDate}} at {{other}}: one of them was not updated.',
      reviewBeforeUpdate:
        '"{{label}}" is {{date}}, before "{{otherLabel}}" {{otherDate}} at {{other}}: the review date was not moved on.',
      createdAfterUpdate: '"{{label}}" is {{date}}, after "{{otherLabel}}" {{otherDate}} at {{other}}.',
      otherDate: '"{{label}}" {{date}} here',
      ...SUGGEST_MESSAGES,
    },
    hasSuggestions: true,
    messageSeverity: { reviewBeforeUpdate: 'warning' },
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
    defaultSeverity: 'error',
    docs: `## What it does

Reads the dates a document gives about itself ("**Last Updated:** 2025-10-30", "Next Review",
"Created", "Last Review", in front matter, in the lines before the first section, or in the
closing lines after the last \`---\`) and reports:

- two "Last Updated" dates that differ, at the older one (an **error**);
- a "Created" date after the last update (an **error**);
- a "Next Review" before the last update or review (a **warning**: the review may simply be
  overdue, but the date was not moved on when the document was touched).

Dates inside a section (a task's own "Created:" and "Last Updated:") are compared only with
dates of the same paragraph or list. Dates are read as ISO (2025-10-30, 2025/10/30) or with the
month spelled out (Oct 30, 2025; 30 October 2025); 10/30/2025 is ambiguous and not read.
Archived and template documents are not checked.

## Why is this bad?

The header says the document was updated on the 30th and the footer says the 28th: a reader
cannot tell whether the last edits reached the whole document, and whoever updates it next does
not know which line is the real one.

## Example

Incorrect, the top and the bottom disagree:

\`\`\`markdown file=tracker.md
# Tracker

**Last Updated:** 2025-10-30

## Tasks

Nothing open.

---

**Last Updated:** 2025-10-28
**Next Review:** 2025-11-01
\`\`\`

Correct:

\`\`\`markdown file=tracker.md
# Tracker

**Last Updated:** 2025-10-30

## Tasks

Nothing open.

---

**Last Updated:** 2025-10-30
**Next Review:** 2025-11-01
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
      for (const problem of findDateProblems(doc.dates ?? [])) report(doc, problem);
    }
    function report(doc: DocumentFacts, problem: DateProblem): void {
      context.report({
        messageId: problem.kind,
        data: {
          label: problem.at.label,
          date: problem.at.text,
          otherLabel: problem.other.label,
          otherDate: problem.other.text,
          other: placeName({ doc, range: problem.other.range }, doc),
        },
        at: { doc, range: problem.at.range },
        related: [
          {
            at: { doc, range: problem.other.range },
            messageId: 'otherDate',
            data: { label: problem.other.label, date: problem.other.text },
          },
        ],
        // Two "Last Updated" dates: either may be the stale one. A review or creation date is not copied over.
        ...(problem.kind === 'lastUpdatedMismatch'
          ? {
              suggest: suggestEitherWay({ at: { doc, range: problem.at.range }, written: problem.at.text }, [
                { at: { doc, range: problem.other.range }, written: problem.other.text },
              ]),
            }
          : {}),
      });
    }
  },
});
