import { edgesOf, taskKeyOf, type Corpus } from '../src/corpus.js';
import { defineRule, placeName, taskKey, taskKeysOf, type At, type RuleContext } from '../src/rule.js';
import { SPEC_KIT_REQUIREMENT_PREFIXES } from '../src/extract/shapes/layout.js';
import { idPrefix } from '../src/extract/ids.js';
import { displayId, keyScope, LOCAL_SCHEMES } from '../src/scopes.js';
import type { DocumentFacts } from '../src/types.js';

interface Reference {
  at: At;
  /** The task that depends on the unknown one, when the place is a dependency statement. */
  dependent?: string;
  graph: boolean;
  /** A spec-kit requirement or success criterion its own feature does not define: that feature. */
  feature?: string;
}

/** spec-kit's `FR-012` and `SC-004`, written in one of its features: the feature's own spec.md's. */
function isOwnRequirement(doc: DocumentFacts, id: string): boolean {
  return doc.format === 'spec-kit' && SPEC_KIT_REQUIREMENT_PREFIXES.has(idPrefix(id));
}

export interface UnknownTask {
  /** The task key (see corpus.ts). */
  key: string;
  /** The ID as written. */
  id: string;
  references: Reference[];
}

/** Whether some document defines the task: a table row, heading or list item, in any document but a template. */
function isDefined(corpus: Corpus, key: string): boolean {
  return (corpus.mentions.get(key) ?? []).some(
    ({ doc, mention }) => doc.role !== 'template' && mention.kind === 'definition' && mention.source !== 'code',
  );
}

/** The key of a scoped ID in any feature: whether another feature defines it bears on a reference. */
function anyFeatureKey(id: string): string {
  return `feature-id:${id}`;
}

/** The key of an ID scheme within a feature: whether the feature uses the scheme at all bears on a reference. */
function schemeKey(key: string): string {
  return `feature-scheme:${idPrefix(displayId(key))}\u001f${keyScope(key)}`;
}

/** What a finding about a task depends on: its references and definitions, and for a scoped ID, those of every feature. */
function findingKeys(key: string): string[] {
  return keyScope(key) ? [taskKey(key), anyFeatureKey(displayId(key)), schemeKey(key)] : [taskKey(key)];
}

/**
 * The ID schemes each feature defines tasks with: a reference within a feature to a scheme the
 * feature does not use (a Kiro spec with no requirements.md naming "Requirement 1.2") is left
 * alone, since what it points at was never written down there.
 */
function schemesOfFeatures(corpus: Corpus): Set<string> {
  const schemes = new Set<string>();
  for (const [key, places] of corpus.mentions) {
    if (
      keyScope(key) &&
      places.some(
        ({ doc, mention }) => doc.role !== 'template' && mention.kind === 'definition' && mention.source !== 'code',
      )
    )
      schemes.add(schemeKey(key));
  }
  return schemes;
}

/**
 * IDs defined in some feature, by ID: a feature's reference to an ID that only another feature
 * defines may point there ("as T014 of 001 did"), so it is not reported.
 */
function definedInSomeFeature(corpus: Corpus): Set<string> {
  const ids = new Set<string>();
  for (const [key, places] of corpus.mentions) {
    if (
      keyScope(key) &&
      places.some(
        ({ doc, mention }) => doc.role !== 'template' && mention.kind === 'definition' && mention.source !== 'code',
      )
    )
      ids.add(displayId(key));
  }
  return ids;
}

/**
 * References of active documents to IDs no document defines. IDs in code count only as the ends
 * of a dependency arrow (`A → B`): elsewhere in code they are commands, paths and examples.
 */
export function findUnknownTasks(corpus: Corpus, context?: Pick<RuleContext, 'wants' | 'wantsKey'>): UnknownTask[] {
  const defined = new Map<string, boolean>();
  const byId = new Map<string, Reference[]>();
  let inFeatures: Set<string> | undefined;
  let schemes: Set<string> | undefined;
  const add = (doc: DocumentFacts, id: string, reference: Reference, otherFeature = false): void => {
    const key = taskKeyOf(corpus, doc, id);
    if (key === undefined || (context && !findingKeys(key).some((wanted) => context.wantsKey(wanted)))) return;
    const scoped = keyScope(key) !== '';
    // A spec-kit feature's FR-/SC- name its own spec.md's requirements, whatever other features define.
    const own = scoped && isOwnRequirement(doc, id) && !otherFeature;
    const cacheKey = own ? `own:${key}` : key;
    let known = defined.get(cacheKey);
    if (known === undefined) {
      const local = own || LOCAL_SCHEMES.has(idPrefix(id));
      known =
        isDefined(corpus, key) ||
        (scoped &&
          ((!local && (inFeatures ??= definedInSomeFeature(corpus)).has(id)) ||
            !(schemes ??= schemesOfFeatures(corpus)).has(schemeKey(key))));
      defined.set(cacheKey, known);
    }
    if (known) return;
    byId.set(key, [...(byId.get(key) ?? []), own ? { ...reference, feature: keyScope(key) } : reference]);
  };
  for (const doc of corpus.documents) {
    if (doc.role !== 'active' || (context && !context.wants(doc))) continue;
    for (const mention of doc.mentions) {
      if (mention.kind !== 'reference' || mention.source === 'code' || mention.alias) continue;
      add(
        doc,
        mention.id,
        {
          at: { doc, range: mention.range },
          ...(mention.dependent ? { dependent: mention.dependent } : {}),
          graph: false,
        },
        mention.otherFeature,
      );
    }
    for (const edge of graphEdges(doc))
      add(doc, edge.from, { at: { doc, range: edge.range }, dependent: edge.to, graph: true });
    for (const edge of graphEdges(doc)) add(doc, edge.to, { at: { doc, range: edge.range }, graph: true });
    for (const edge of edgesOf(corpus, doc))
      if (edge.source === 'field')
        add(doc, edge.from, { at: { doc, range: edge.range }, dependent: edge.to, graph: false });
  }
  return [...byId].map(([key, references]) => ({ key, id: displayId(key), references: dedupe(references) }));
}

function graphEdges(doc: DocumentFacts): NonNullable<DocumentFacts['edges']> {
  return (doc.edges ?? []).filter((edge) => edge.source === 'graph');
}

/** One reference per line: a field edge and the prose mention of the same ID are one place. */
function dedupe(references: Reference[]): Reference[] {
  const seen = new Map<string, Reference>();
  for (const reference of references) {
    const key = `${reference.at.doc.file}\0${reference.at.range.start.line}`;
    const known = seen.get(key);
    if (!known) seen.set(key, reference);
    else if (!known.dependent && reference.dependent)
      seen.set(key, { ...reference, at: known.graph ? reference.at : known.at });
  }
  return [...seen.values()];
}

export default defineRule({
  id: 'unknown-task-reference',
  meta: {
    type: 'problem',
    description: 'Report references to task IDs that no document defines',
    messages: {
      unknownDependency:
        '{{id}} is a dependency of {{dependent}} here, but no linted document defines {{id}}{{elsewhere}}.',
      unknown: '{{id}} is referenced here, but no linted document defines it{{elsewhere}}.',
      unknownInFeature: '{{id}} is referenced here, but no document of {{feature}} defines it{{others}}{{elsewhere}}.',
      alsoHere: '{{id}} is referenced here too',
    },
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
    defaultSeverity: 'warning',
    docs: `## What it does

Finds task IDs that are referenced (in a Dependencies cell, a "Depends on:" field, an arrow of
a dependency graph, or prose) but defined nowhere: no table row, heading or list item of any
linted document starts with them. One finding per ID, at its first reference, naming the others.

A definition in an archive counts (the task existed); one in a template does not (templates
hold placeholders). References in archives and templates are not checked. IDs inside code blocks
count only as the ends of an arrow (\`TASK-1 → TASK-2\`); elsewhere in code they are commands,
paths or examples. Only ID schemes that some document defines tasks with are considered, so
\`UTF-8\` is not a task. A former name ("split from T105", "(was TASK-049)", "formerly
TASK-3", "the archived TASK-9") need not exist any more.

In folders whose tools number tasks afresh in every feature (spec-kit's \`specs/NNN-name/\`,
Kiro, OpenSpec, ai-dev-tasks), a reference names a task of its own feature; one that another
feature defines is not reported, since it may point there. A spec-kit task's \`[US7]\` label
names \`User Story 7\` of its own feature's \`spec.md\` (\`### User Story 7 - Title\` or
\`### US-7: Title\`); a spec.md that heads no story that way is not checked.

spec-kit's functional requirements and success criteria (\`- **FR-012**: System MUST ...\`,
\`- **SC-004**: ...\`) are numbered afresh in every feature's spec.md, so a \`[FR-012]\`, "covers
FR-003" or "Spec §SC-004" in a feature's tasks.md, plan.md or checklists names its own feature's
requirement: one its feature does not define is reported even when another feature has an
FR-012. A line that names the other feature ("Spec 002's FR-005", "FR-003 of the search
feature") is left alone, and so is a feature none of whose documents defines an FR- (a spec.md
that only points at another file). Requirements written in a table (\`| FR-01 | ... |\`) count;
spec-kit's placeholders (\`FR-XXX\`, \`FR-###\`) are no IDs; in a range (\`FR-001 to FR-005\`)
only the two ends are checked, since a number left out inside may have been removed on purpose.

It is a **warning**: the task may be defined in a file that was not linted. Lint the whole
planning folder, or add the defining file.

## Why is this bad?

A dependency on a task nobody can find cannot be checked: is it done, was it renamed, was it
merged into another? Typos (\`TASK-45\` for \`TASK-54\`) look exactly like this.

## Example

Incorrect, TASK-45 is defined nowhere:

\`\`\`markdown file=tracker.md
| Task ID | Description | Dependencies |
|---------|-------------|--------------|
| TASK-44 | Write the role | None |
| TASK-46 | Shared package role | TASK-45 ✅ |
\`\`\`

Correct, it depends on a task that exists:

\`\`\`markdown file=tracker.md
| Task ID | Description | Dependencies |
|---------|-------------|--------------|
| TASK-44 | Write the role | None |
| TASK-46 | Shared package role | TASK-44 ✅ |
\`\`\`

## Options

None.
`,
  },
  // A finding is about one task: its references, and whether any place defines it.
  incremental: (doc, corpus) => {
    const keys = taskKeysOf(doc, corpus);
    const ids = [
      ...doc.mentions.map((mention) => mention.id),
      ...edgesOf(corpus, doc).flatMap((edge) => [edge.from, edge.to]),
    ];
    for (const id of ids) {
      const key = taskKeyOf(corpus, doc, id);
      if (key !== undefined && keyScope(key)) {
        keys.add(anyFeatureKey(id));
        keys.add(schemeKey(key));
      }
    }
    return keys;
  },
  check(corpus, context) {
    for (const unknown of findUnknownTasks(corpus, context)) {
      const [first, ...rest] = unknown.references;
      if (!first) continue;
      const byDoc = new Map<string, Reference>();
      for (const reference of rest) if (!byDoc.has(reference.at.doc.file)) byDoc.set(reference.at.doc.file, reference);
      const others = [...byDoc.values()];
      const elsewhere = others.length
        ? `; also referenced at ${others
            .slice(0, 3)
            .map((other) => placeName(other.at, first.at.doc))
            .join(', ')}${others.length > 3 ? ` and ${others.length - 3} more` : ''}`
        : '';
      const definers = first.feature ? [...corpus.scopes.definers(unknown.id)].sort() : [];
      const theirs = definers.length
        ? ` (${definers.length === 1 ? 'the feature' : 'the features'} ${definers.slice(0, 3).join(', ')}${definers.length > 3 ? ` and ${definers.length - 3} more` : ''} ${definers.length === 1 ? 'defines its' : 'define their'} own ${unknown.id})`
        : '';
      context.report({
        keys: findingKeys(unknown.key),
        messageId: first.dependent ? 'unknownDependency' : first.feature ? 'unknownInFeature' : 'unknown',
        data: {
          id: unknown.id,
          dependent: first.dependent ?? '',
          elsewhere,
          feature: first.feature ?? '',
          others: theirs,
        },
        at: first.at,
        related: others.map((other) => ({ at: other.at, messageId: 'alsoHere', data: { id: unknown.id } })),
      });
    }
  },
});
