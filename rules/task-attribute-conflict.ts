import type { MentionAt } from '../src/corpus.js';
import { formatTime } from '../src/extract/duration.js';
import {
  defineRule,
  placeName,
  SUGGEST_MESSAGES,
  suggestEitherWay,
  taskKey,
  taskKeysOf,
  wantedMentions,
} from '../src/rule.js';
import { displayId } from '../src/scopes.js';
import { statementRank } from '../src/query.js';
import type { TaskMention } from '../src/types.js';

/** Words that say what is done to a task, not which task it is: "Create", "Complete", "Update". */
const GENERIC_WORDS = new Set(
  'a an the and or of for to in on with into from by at as via per new all initial final step phase task tasks create creating add adding implement implementing complete completing update updating fix fixing finish start starting set setup up make do build write run'.split(
    ' ',
  ),
);

/** The words of a title that name its subject, lower-cased. */
export function titleWords(title: string): string[] {
  return title
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length >= 2 && !GENERIC_WORDS.has(word));
}

function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  // "Manager"/"Management", "Integrate"/"Integration": one stem.
  if (a.length >= 5 && b.length >= 5 && a.slice(0, 5) === b.slice(0, 5)) return true;
  // "Perf"/"Performance": an abbreviation.
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.length >= 3 && long.startsWith(short);
}

/**
 * Two titles name the same task unless they share no word at all: "Complete HPC Runtime
 * Framework Integration" and "HPC Runtime Framework Integration" are one task reworded.
 */
export function sameTask(a: string, b: string): boolean {
  return sameWords(titleWords(a), titleWords(b));
}

function sameWords(wordsA: string[], wordsB: string[]): boolean {
  if (wordsA.length === 0 || wordsB.length === 0) return true;
  return wordsA.some((wordA) => wordsB.some((wordB) => sameWord(wordA, wordB)));
}

const PRIORITY_SCALES: string[][] = [
  ['CRITICAL', 'URGENT', 'HIGH', 'MEDIUM', 'LOW'],
  ['P0', 'P1', 'P2', 'P3', 'P4'],
];

function priorityScale(priority: string): number {
  return PRIORITY_SCALES.findIndex((scale) => scale.includes(priority));
}

const DEFINING_SOURCES = new Set(['table', 'heading', 'field', 'list', 'front-matter']);

/** The places that define a task today: table rows, headings, list items, front matter of active documents. */
function definitions(mentions: MentionAt[]): MentionAt[] {
  return mentions.filter(
    ({ doc, mention }) =>
      doc.role === 'active' &&
      mention.kind === 'definition' &&
      mention.context === 'normal' &&
      DEFINING_SOURCES.has(mention.source),
  );
}

export interface AttributeConflict {
  /** The task key (see corpus.ts). */
  key: string;
  /** The ID as written. */
  id: string;
  attribute: 'title' | 'priority' | 'duration' | 'dependencies';
  primary: MentionAt;
  value: string;
  /** One place per other value (and per document). */
  others: { place: MentionAt; value: string }[];
}

/** Groups places by value; a conflict when there is more than one value. The first place reported is the first of the rarest value. */
function valueConflict(
  key: string,
  attribute: AttributeConflict['attribute'],
  places: { place: MentionAt; value: string; compareAs?: string }[],
): AttributeConflict | undefined {
  const byValue = new Map<string, { place: MentionAt; value: string }[]>();
  for (const entry of places) {
    const compared = entry.compareAs ?? entry.value;
    byValue.set(compared, [...(byValue.get(compared) ?? []), entry]);
  }
  if (byValue.size < 2) return undefined;
  const groups = [...byValue.values()];
  const rarest = groups.reduce((best, group) => (group.length < best.length ? group : best));
  const primary = rarest[0]!;
  const others: { place: MentionAt; value: string }[] = [];
  for (const group of groups) {
    if (group === rarest) continue;
    const seenDocs = new Set<string>();
    for (const entry of [...group].sort((a, b) => statementRank(a.place) - statementRank(b.place))) {
      if (seenDocs.has(entry.place.doc.file)) continue;
      seenDocs.add(entry.place.doc.file);
      others.push(entry);
    }
  }
  return { key, id: displayId(key), attribute, primary: primary.place, value: primary.value, others };
}

/**
 * Titles form groups of the same task. List items (and headings over an ID field) paraphrase ("Quick wins: MLOPS-1.2: Oumi
 * framework validation" for "Single GPU LLM Fine-tuning"), so they may join groups but never
 * make one: two groups that each hold a table row or heading are two tasks.
 */
function titleConflict(key: string, places: MentionAt[]): AttributeConflict | undefined {
  const titled = places.filter(({ mention }) => mention.title && !/^[\d\s.,–-]+$/u.test(mention.title));
  const words = new Map(titled.map((place) => [place, titleWords(place.mention.title!)]));
  const groups: MentionAt[][] = [];
  for (const place of titled) {
    const matching = groups.filter((group) => group.some((other) => sameWords(words.get(other)!, words.get(place)!)));
    const merged = [place, ...matching.flat()];
    for (const group of matching) groups.splice(groups.indexOf(group), 1);
    groups.push(merged);
  }
  // A title taken from the heading over an "**ID**:" field may be a loose label, as a list item's
  // is; the checkbox list of a tool's own task file (spec-kit, Kiro, ai-dev-tasks, OpenSpec) is
  // where its tasks are defined.
  const anchored = groups.filter((group) =>
    group.some(
      ({ doc, mention }) =>
        (mention.source !== 'list' && mention.source !== 'field') ||
        (mention.source === 'list' && doc.format !== undefined && mention.checked !== undefined),
    ),
  );
  if (anchored.length < 2) return undefined;
  const best = (group: MentionAt[]): MentionAt => [...group].sort((a, b) => statementRank(a) - statementRank(b))[0]!;
  const [first, ...rest] = [...anchored].sort(
    (a, b) => statementRank(best(a)) - statementRank(best(b)) || titled.indexOf(best(a)) - titled.indexOf(best(b)),
  );
  const primary = best(first!);
  return {
    key,
    id: displayId(key),
    attribute: 'title',
    primary,
    value: primary.mention.title!,
    others: rest.map((group) => ({ place: best(group), value: best(group).mention.title! })),
  };
}

export function findAttributeConflicts(mentions: Iterable<[string, MentionAt[]]>): AttributeConflict[] {
  const conflicts: AttributeConflict[] = [];
  for (const [key, all] of mentions) {
    const defined = definitions(all);
    if (defined.length < 2) continue;
    const title = titleConflict(key, defined);
    if (title) {
      // One ID for two tasks: their other attributes differ as a consequence, not as a second finding.
      conflicts.push(title);
      continue;
    }
    const priorities = defined.filter(({ mention }) => mention.priority !== undefined);
    for (let scale = 0; scale < PRIORITY_SCALES.length; scale++) {
      const found = valueConflict(
        key,
        'priority',
        priorities
          .filter(({ mention }) => priorityScale(mention.priority!) === scale)
          .map((place) => ({ place, value: place.mention.priority! })),
      );
      if (found) conflicts.push(found);
    }
    for (const unit of ['minutes', 'days'] as const) {
      const found = valueConflict(
        key,
        'duration',
        // "~2 hours" and "2 hrs" are one estimate: compared by value, shown as written.
        defined
          .filter(({ mention }) => mention.duration?.unit === unit)
          .map((place) => ({
            place,
            value: formatTime(place.mention.duration!),
            compareAs: formatTime({ ...place.mention.duration!, approximate: false }),
          })),
      );
      if (found) conflicts.push(found);
    }
    const dependencies = valueConflict(
      key,
      'dependencies',
      defined
        .filter(({ mention }) => mention.dependencies !== undefined)
        .map((place) => ({ place, value: [...new Set(place.mention.dependencies)].sort().join(', ') || 'nothing' })),
    );
    if (dependencies) conflicts.push(dependencies);
  }
  return conflicts;
}

const ATTRIBUTE_WORDS: Record<Exclude<AttributeConflict['attribute'], 'title'>, string> = {
  priority: 'priority',
  duration: 'estimate',
  dependencies: 'dependencies',
};

export default defineRule({
  id: 'task-attribute-conflict',
  meta: {
    type: 'problem',
    description: 'Disallow one task having two priorities, estimates, dependency lists or titles',
    messages: {
      priority: '{{id}} is {{value}} priority here but {{otherValue}} at {{other}}{{more}}.',
      duration: '{{id}} is estimated at {{value}} here but {{otherValue}} at {{other}}{{more}}.',
      dependencies: '{{id}} depends on {{value}} here but on {{otherValue}} at {{other}}{{more}}.',
      differentTask:
        '{{id}} names "{{value}}" here but "{{otherValue}}" at {{other}}{{more}}: the same ID seems to be used for two different tasks.',
      otherPlace: '{{id}} has {{attribute}} "{{value}}" here',
      ...SUGGEST_MESSAGES,
    },
    hasSuggestions: true,
    messageSeverity: { differentTask: 'warning' },
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
    defaultSeverity: 'error',
    docs: `## What it does

Compares what the places that define one task say about it: the priority (a table's Priority
column), the estimate (a Duration column, "(4 hrs)" after a list item), the dependencies (a
Dependencies column) and the title. One finding per task and attribute, at the first place of
the rarest value, naming the others.

Priorities are compared on one scale (CRITICAL/HIGH/MEDIUM/LOW, or P0–P4), estimates in one
unit family (hours and minutes, or days and weeks). A dependency cell that names no task
("Phase 3a ✅") is not compared. Titles differ only when they share no word once words such as
"Create", "Complete" or "Update" are set aside: "Complete HPC Runtime Framework Integration" and
"HPC Runtime Framework Integration" are one task reworded; "Deploy container registry" and
"Write migration guide" are two tasks with one ID, reported as a **warning** (a judgement call)
and instead of the other attributes, which differ as a consequence. Summary list items
paraphrase, so only titles of table rows and headings can make a title conflict.

Only active documents count; archives and templates are not compared.

## Why is this bad?

The index says a task is LOW priority and the tracker says MEDIUM: whoever plans from one file
schedules it differently from whoever plans from the other. An ID that names two tasks breaks
every reference to it.

## Example

Incorrect, the two documents give TASK-46 different priorities:

\`\`\`markdown file=tracker.md
| Task ID | Description | Priority | Duration |
|---------|-------------|----------|----------|
| TASK-46 | Create Shared Package Role | MEDIUM | 2 hrs |
\`\`\`

\`\`\`markdown file=index.md
| Task ID | Description | Priority | Duration |
|---------|-------------|----------|----------|
| TASK-46 | Shared Package Role (Debian scope) | LOW | 2 hrs |
\`\`\`

Correct, the reworded title is fine once the priorities agree:

\`\`\`markdown file=index.md
| Task ID | Description | Priority | Duration |
|---------|-------------|----------|----------|
| TASK-46 | Shared Package Role (Debian scope) | MEDIUM | 2 hrs |
\`\`\`

## Options

None.
`,
  },
  // A finding is about one task and every place that defines it.
  incremental: taskKeysOf,
  check(corpus, context) {
    for (const conflict of findAttributeConflicts(wantedMentions(corpus, context))) {
      const { primary, others } = conflict;
      const first = others[0]!;
      const more = others.length - 1;
      const attribute = conflict.attribute === 'title' ? 'title' : ATTRIBUTE_WORDS[conflict.attribute];
      context.report({
        keys: [taskKey(conflict.key)],
        messageId: conflict.attribute === 'title' ? 'differentTask' : conflict.attribute,
        data: {
          id: conflict.id,
          value: conflict.value,
          otherValue: first.value,
          other: placeName({ doc: first.place.doc, range: first.place.mention.range }, primary.doc),
          more: more > 0 ? ` (and ${more} more place${more === 1 ? '' : 's'} with other values)` : '',
        },
        at: { doc: primary.doc, range: primary.mention.range },
        related: others.map((other) => ({
          at: { doc: other.place.doc, range: other.place.mention.range },
          messageId: 'otherPlace',
          data: { id: conflict.id, attribute, value: other.value },
          // The two sides are alike: from the other place, the same message the other way round.
          asPrimary: {
            messageId: conflict.attribute === 'title' ? 'differentTask' : conflict.attribute,
            data: {
              id: conflict.id,
              value: other.value,
              otherValue: conflict.value,
              other: placeName({ doc: primary.doc, range: primary.mention.range }, other.place.doc),
              more: '',
            },
          },
        })),
        asRelated: { messageId: 'otherPlace', data: { id: conflict.id, attribute, value: conflict.value } },
        // Which value is true only a person knows: each side may be made to say what the other says.
        suggest: suggestEitherWay(
          {
            at: { doc: primary.doc, range: primary.mention.range },
            written: writtenValue(primary.mention, conflict.attribute),
          },
          others.map((other) => ({
            at: { doc: other.place.doc, range: other.place.mention.range },
            written: writtenValue(other.place.mention, conflict.attribute),
          })),
        ),
      });
    }
  },
});

/** A priority or an estimate as written on the mention's line; titles and dependency lists are not swapped. */
function writtenValue(mention: TaskMention, attribute: AttributeConflict['attribute']): string | undefined {
  if (attribute === 'priority') return mention.priority;
  if (attribute === 'duration') return mention.duration?.text;
  return undefined;
}
