import { formatTime } from '../src/extract/duration.js';
import { defineRule, type RelatedReport, type Report } from '../src/rule.js';
import type { DocumentFacts, Duration, DurationClaim, TextEdit } from '../src/types.js';

export interface DurationOptions {
  /** Allow the stated total to be the sum rounded at the precision it is written in. */
  allowRounding: boolean;
  /** Further slack, as a percentage of the stated total. */
  tolerancePercent: number;
}

/** Minutes (clock units) or working days (calendar units) per written unit. */
function unitSize(word: string): number {
  const w = word.toLowerCase();
  if (/^(?:h|hrs?|hours?)$/u.test(w)) return 60;
  if (/^(?:w|wks?|weeks?)$/u.test(w)) return 5;
  return 1;
}

/**
 * How finely a total is written: "1.5 hrs" to the half hour, "10 hrs" to the hour, "30 min" to
 * five minutes, "18 days" to the day. Its value in minutes or days.
 */
export function precisionOf(duration: Duration): number {
  const match = /(\d+(?:\.\d+)?)\s*([\p{L} ]+)/u.exec(duration.text);
  if (!match) return 0;
  const amount = Number(match[1]);
  const size = unitSize(match[2]!.trim().split(/\s+/u).at(-1) ?? '');
  const minutesWritten = duration.unit === 'minutes' && size === 1;
  let step: number;
  if (minutesWritten) step = amount % 5 === 0 ? 5 : 1;
  else if (Number.isInteger(amount)) step = 1;
  else if (Number.isInteger(amount * 2)) step = 0.5;
  else if (Number.isInteger(amount * 4)) step = 0.25;
  else step = 10 ** -(match[1]!.split('.')[1]?.length ?? 0);
  return step * size;
}

export function sumByUnit(durations: Duration[], end: 'low' | 'high' = 'low'): Map<Duration['unit'], number> {
  const sums = new Map<Duration['unit'], number>();
  for (const duration of durations) {
    const value = end === 'high' ? (duration.max ?? duration.value) : duration.value;
    sums.set(duration.unit, (sums.get(duration.unit) ?? 0) + value);
  }
  return sums;
}

export interface DurationCheck {
  /** Per unit kind: the low end of each side (the value itself when it is no range) ... */
  stated: Map<Duration['unit'], number>;
  sum: Map<Duration['unit'], number>;
  /** ... and the high end. */
  statedMax: Map<Duration['unit'], number>;
  sumMax: Map<Duration['unit'], number>;
  agrees: boolean;
}

/**
 * A stated total agrees with its parts when, for each kind of unit, they differ by no more than
 * half the precision the total is written in (it may be the sum rounded) plus the tolerance.
 * Clock time and calendar days are never converted into each other: when the two sides use
 * different kinds, nothing is claimed.
 */
export function checkDuration(claim: DurationClaim, options: DurationOptions): DurationCheck | undefined {
  if (!claim.evidence || claim.evidence.parts.length === 0) return undefined;
  const parts = claim.evidence.parts.flatMap((part) => part.durations);
  const stated = sumByUnit(claim.stated);
  const sum = sumByUnit(parts);
  const statedMax = sumByUnit(claim.stated, 'high');
  const sumMax = sumByUnit(parts, 'high');
  if (stated.size !== sum.size || [...stated.keys()].some((unit) => !sum.has(unit))) return undefined;
  let agrees = true;
  for (const [unit, value] of stated) {
    const inUnit = claim.stated.filter((d) => d.unit === unit);
    const precision = options.allowRounding ? Math.max(0, ...inUnit.map(precisionOf)) : 0;
    // "~9 hours" says about nine: within a whole step of the precision it is written in (8 to
    // 10), or a tenth of it, whichever is more.
    const approximate = inUnit.some((d) => d.approximate);
    const high = statedMax.get(unit)!;
    const rounding = approximate ? Math.max(Math.max(0, ...inUnit.map(precisionOf)), high / 10) : precision / 2;
    const slack = rounding + (high * options.tolerancePercent) / 100 + 1e-9;
    // Ranges ("8-10 hours") agree when they overlap: 20 hours over 8-10 + 10 hours does, 25 does not.
    if (value - slack > sumMax.get(unit)! || high + slack < sum.get(unit)!) agrees = false;
  }
  return { stated, sum, statedMax, sumMax, agrees };
}

function describe(
  sums: Map<Duration['unit'], number>,
  highs: Map<Duration['unit'], number>,
  written: Duration[] = [],
): string {
  return [...sums]
    .map(([unit, value]) => {
      const high = highs.get(unit) ?? value;
      return formatTime({
        unit,
        value,
        approximate: written.some((d) => d.unit === unit && d.approximate),
        ...(high !== value ? { max: high } : {}),
      });
    })
    .join(' + ');
}

const EVIDENCE_WORDS: Record<NonNullable<DurationClaim['evidence']>['of'], string> = {
  'table rows': 'rows of the table under it',
  'list items': 'items of the list under it',
  sections: 'sections under it',
};

export default defineRule<DurationOptions>({
  id: 'duration-mismatch',
  meta: {
    type: 'problem',
    description: 'Disallow a stated total time that differs from the sum of the durations listed under it',
    messages: {
      mismatch: '{{stated}} is stated here, but the {{count}} {{of}} add up to {{sum}} ({{parts}}).',
      part: '{{text}}',
    },
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        allowRounding: {
          type: 'boolean',
          description: 'Accept a total that is the sum rounded at the precision it is written in.',
        },
        tolerancePercent: {
          type: 'number',
          minimum: 0,
          maximum: 100,
          description: 'Further slack, as a percentage of the stated total.',
        },
      },
    },
    defaultOptions: { allowRounding: true, tolerancePercent: 0 },
    defaultSeverity: 'error',
    fixable: 'code',
    fixDescription:
      'A total of one duration becomes the sum of its parts in the unit it was written in ("8 hrs" over 3 + 2 + 4 hrs becomes "9 hrs"), when neither the total nor a part is approximate and the sum is a round number in that unit.',
    docs: `## What it does

Checks a stated total time against the durations it sums:

- a heading or label that names one duration, "### Phase 1: Config (3 tasks - 1.5 hrs)" or
  "**Stream B - Validation (10 hrs):**", against the Duration column of the task table under
  it, or the list under it whose every item gives one duration;
- an "Estimated Time:" (or "Estimated Completion:", "Effort:") line of a section against the
  same, or, when the section has no table or list of its own, against the stated times of its
  subsections ("37.5 hours + 18 days" at the top against "31.5 hours", "8 hours", "18 days"
  of the workstreams), a subsection with a task table but no stated time adding its table's sum;
- a TOTAL row's time cell against the cells above it.

Minutes and hours are compared as clock time, days and weeks (of five working days) as
calendar time; the two are never converted into each other, and a claim that mixes them
differently from its parts is left alone. A heading that names a time box ("Sprint 3 (10
days)", "Week of ...", "Next 2 weeks") and a time "in parallel", "per task" or "excluding" some
part are not totals. A "### Summary" or "### Total" subsection restates the total and is no part
of it, as a last list item "Total: 4 hours" is not.

Ranges compare as ranges: task blocks of "8-10 hours" and "10 hours" add up to 18-20 hours, so
a stated "20 hours" or "18-22 hours" agrees and "25 hours" or "12-15 hours" does not (the two
ranges must not overlap). The time left ("Remaining: 6 hours", "Estimated Time Remaining",
"Estimated Time to Complete") is compared with the rows or task blocks that are still open:
those marked done (✅, "Done", "**Status**: COMPLETE") are left out, and when a done row sits
among rows that state no status, nothing is claimed. An approximate total ("~9 hours", "about 2
days") agrees with a sum within a whole step of the precision it is written in, or a tenth of
it, whichever is more: "~9 hours" over 8 to 10 hours.

A total may be the sum rounded at the precision it is written in: "1.5 hrs" is to the half hour,
so 30 + 20 + 30 min (80 min) agrees and so does 45 + 60 + 60 + 30 min (3.25 hrs) with "3.5
hrs"; "10 hrs" over 12 hours of tasks does not. Archived and template documents are not checked.

## Why is this bad?

A total time is what people plan with. When it is not the sum of its tasks, a task was added,
dropped or re-estimated in one place only, and the plan is off by the difference.

## Example

Incorrect, the tasks add up to 12 hours:

\`\`\`markdown file=plan.md
**Stream B - Validation (10 hrs):**

- TASK-48: Shared utilities (2 hrs)
- TASK-40: Container registry (1 hr)
- TASK-41: Storage benchmarks (2 hrs)
- TASK-42: Scheduler tests (2 hrs)
- TASK-43: Workflow tests (2 hrs)
- TASK-44: Full-stack tests (3 hrs)
\`\`\`

Correct:

\`\`\`markdown file=plan.md
**Stream B - Validation (12 hrs):**

- TASK-48: Shared utilities (2 hrs)
- TASK-40: Container registry (1 hr)
- TASK-41: Storage benchmarks (2 hrs)
- TASK-42: Scheduler tests (2 hrs)
- TASK-43: Workflow tests (2 hrs)
- TASK-44: Full-stack tests (3 hrs)
\`\`\`

## Options

- \`allowRounding\` (default \`true\`): accept a total that is the sum rounded at the precision it
  is written in (half of it either way: "1.5 hrs" accepts 75 to 105 minutes). Set \`false\` to
  require the exact sum.
- \`tolerancePercent\` (default \`0\`): further slack as a percentage of the stated total, for
  teams whose totals are rough estimates: \`10\` lets "10 hrs" stand over 11 hours of tasks.
`,
  },
  // Each finding is about its own document: after an edit, only that document is checked again.
  incremental: 'document',
  check(corpus, context, options) {
    for (const doc of corpus.documents) {
      if (!context.wants(doc)) continue;
      if (doc.role !== 'active') continue;
      for (const claim of doc.claims ?? []) {
        if (claim.kind !== 'duration') continue;
        const check = checkDuration(claim, options);
        if (!check || check.agrees) continue;
        const evidence = claim.evidence!;
        context.report({
          messageId: 'mismatch',
          data: {
            stated: describe(check.stated, check.statedMax, claim.stated),
            count: evidence.parts.length,
            of: evidence.openOnly ? `open ${EVIDENCE_WORDS[evidence.of]}` : EVIDENCE_WORDS[evidence.of],
            sum: describe(check.sum, check.sumMax),
            parts: evidence.parts.map((part) => part.durations.map((d) => formatTime(d)).join(' + ')).join(', '),
          },
          at: { doc, range: claim.range },
          related: relatedParts(doc, claim),
          ...durationFix(claim, check),
        });
      }
    }
  },
});

function relatedParts(doc: DocumentFacts, claim: DurationClaim): RelatedReport[] {
  const parts = claim.evidence!.parts;
  const shown = claim.evidence!.of === 'sections' || parts.length <= 2 ? parts : [parts[0]!, parts.at(-1)!];
  return shown.map((part) => ({ at: { doc, range: part.range }, messageId: 'part', data: { text: part.text } }));
}

const SINGULAR: Record<string, string> = {
  hrs: 'hr',
  hours: 'hour',
  days: 'day',
  weeks: 'week',
  wks: 'wk',
  mins: 'min',
  minutes: 'minute',
};
const PLURAL: Record<string, string> = Object.fromEntries(
  Object.entries(SINGULAR).map(([plural, singular]) => [singular, plural]),
);

/** Each stated time as written ("8 hrs", "37.5 hours + 18 days") with the sum in its unit, when that is a plain number. */
function durationFix(claim: DurationClaim, check: DurationCheck): Pick<Report, 'fix'> {
  const durations = [...claim.stated, ...claim.evidence!.parts.flatMap((part) => part.durations)];
  // An approximate time or a range has no one sum to write.
  if (durations.some((d) => d.approximate === true || d.max !== undefined)) return {};
  const found = [
    ...claim.text.matchAll(
      /(?<![\d.])(\d+(?:\.\d+)?)(\s*)(minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|wks?|w)(?!\p{L})/giu,
    ),
  ];
  // One written time per stated one, in order, and one kind of unit each.
  if (found.length !== claim.stated.length || check.stated.size !== claim.stated.length) return {};
  const edits: TextEdit[] = [];
  for (const [i, stated] of claim.stated.entries()) {
    const written = found[i]!;
    if (stated.approximate) return {};
    const word = written[3]!;
    const size =
      stated.unit === 'minutes'
        ? /^(?:m|mins?|minutes?)$/iu.test(word)
          ? 1
          : unitSize(word) === 60
            ? 60
            : 0
        : unitSize(word);
    const sum = check.sum.get(stated.unit);
    if (!size || sum === undefined || Math.abs(Number(written[1]) * size - stated.value) > 1e-9) return {};
    if (Math.abs(sum - stated.value) < 1e-9) continue;
    const value = Math.round((sum / size) * 100) / 100;
    if (Math.abs(value * size - sum) > 1e-9 || value <= 0) return {};
    const lower = word.toLowerCase();
    const noun = value === 1 ? (SINGULAR[lower] ?? word) : (PLURAL[lower] ?? word);
    const cased =
      word === lower
        ? noun
        : word === word.toUpperCase()
          ? noun.toUpperCase()
          : noun.charAt(0).toUpperCase() + noun.slice(1);
    edits.push({ range: claim.range, replaces: written[0], text: `${value}${written[2]}${cased}` });
  }
  return edits.length ? { fix: { edits } } : {};
}
