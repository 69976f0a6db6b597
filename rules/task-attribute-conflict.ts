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
import { definingPlaces, isReusedId, statementRank } from '../src/query.js';
import type { TaskMention } from '../src/types.js';

const PRIORITY_SCALES: string[][] = [
  ['CRITICAL', 'URGENT', 'HIGH', 'MEDIUM', 'LOW'],
  ['P0', 'P1', 'P2', 'P3', 'P4'],
];

function priorityScale(priority: string): number {
  return PRIORITY_SCALES.findIndex((scale) => scale.includes(priority));
}

export interface AttributeConflict {
  /** The task key (see corpus.ts). */
  key: string;
  /** The ID as written. */
  id: string;
  attribute: 'priority' | 'duration' | 'dependencies';
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

export function findAttributeConflicts(mentions: Iterable<[string, MentionAt[]]>): AttributeConflict[] {
  const conflicts: AttributeConflict[] = [];
  for (const [key, all] of mentions) {
    const defined = definingPlaces(all);
    // One ID for two tasks (duplicate-task-id): their attributes differ as a consequence.
    if (defined.length < 2 || isReusedId(key, all)) continue;
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

const ATTRIBUTE_WORDS: Record<AttributeConflict['attribute'], string> = {
  priority: 'priority',
  duration: 'estimate',
  dependencies: 'dependencies',
};

export default defineRule({
  id: 'task-attribute-conflict',
  meta: {
    type: 'problem',
    description: 'Disallow one task having two priorities, estimates or dependency lists',
    messages: {
      priority: '{{id}} is {{value}} priority here but {{otherValue}} at {{other}}{{more}}.',
      duration: '{{id}} is estimated at {{value}} here but {{otherValue}} at {{other}}{{more}}.',
      dependencies: '{{id}} depends on {{value}} here but on {{otherValue}} at {{other}}{{more}}.',
      otherPlace: '{{id}} has {{attribute}} "{{value}}" here',
      ...SUGGEST_MESSAGES,
    },
    hasSuggestions: true,
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
    defaultSeverity: 'error',
    docs: `## What it does

Compares what the places that define one task say about it: the priority (a table's Priority
column), the estimate (a Duration column, "(4 hrs)" after a list item), the dependencies (a
Dependencies column). One finding per task and attribute, at the first place of
the rarest value, naming the others.

Priorities are compared on one scale (CRITICAL/HIGH/MEDIUM/LOW, or P0–P4), estimates in one
unit family (hours and minutes, or days and weeks). A dependency cell that names no task
("Phase 3a ✅") is not compared.

An ID that the defining places use for two different tasks (their titles share no word, or they
stand under two phases with titles that mostly differ) is reported by \`duplicate-task-id\`, and
its attributes are not compared here: they differ because the tasks do. That report was this
rule's \`differentTask\` message before; it kept its message id there.

Only active documents count; archives and templates are not compared.

## Why is this bad?

The index says a task is LOW priority and the tracker says MEDIUM: whoever plans from one file
schedules it differently from whoever plans from the other.

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

Correct, a reworded title is the same task, and the priorities agree:

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
      const attribute = ATTRIBUTE_WORDS[conflict.attribute];
      context.report({
        keys: [taskKey(conflict.key)],
        messageId: conflict.attribute,
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
            messageId: conflict.attribute,
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
