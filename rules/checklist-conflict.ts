import { taskKeyOf, type Corpus, type MentionAt } from '../src/corpus.js';
import { isOpen } from '../src/extract/status.js';
import {
  defineRule,
  documentKey,
  placeName,
  taskKeysOf,
  type At,
  type RelatedReport,
  type Report,
} from '../src/rule.js';
import type { DocumentFacts, TaskMention } from '../src/types.js';
import { statedStatuses, statementRank, statusWord } from '../src/query.js';

/** The places that mention a task, by the ID as `doc` writes it. */
function mentionsIn(corpus: Corpus, doc: DocumentFacts, id: string): MentionAt[] {
  const key = taskKeyOf(corpus, doc, id);
  return key === undefined ? [] : (corpus.mentions.get(key) ?? []);
}

function best(places: MentionAt[]): MentionAt {
  return [...places].sort((a, b) => statementRank(a) - statementRank(b))[0]!;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * A task whose section says it is complete (its heading, a "**Status:**" field) while every box of
 * its own checklist is empty; or one that other documents call done, no place calls open, and whose
 * section's checklist is all empty. A section that explains the boxes (deferred, tracked
 * elsewhere) and items marked optional are left alone.
 */
function completeButUnchecked(doc: DocumentFacts, corpus: Corpus, report: (report: Report) => void): void {
  (doc.taskSections ?? []).forEach((section, index) => {
    if (section.deferred) return;
    const items = (doc.checklist ?? []).filter((item) => item.taskSection === index && !item.optional);
    if (items.length === 0 || items.some((item) => item.checked)) return;
    const stated = statedStatuses(mentionsIn(corpus, doc, section.id));
    const inSection = stated.filter(
      ({ doc: other, mention }) =>
        other === doc && mention.source === 'heading' && mention.range.start.line === section.range.start.line,
    );
    const first = items[0]!;
    const checklist = `${items.length === 1 ? 'the only item' : `all ${items.length} items`} of its checklist (${items.length === 1 ? '' : 'from '}${placeName({ doc, range: first.range }, doc)})`;
    const headingDone = inSection.find(({ mention }) => mention.status === 'done')?.mention;
    const ownDone =
      section.status?.status === 'done'
        ? { range: section.status.range, text: section.status.text }
        : headingDone
          ? { range: headingDone.range, text: headingDone.statusText ?? '' }
          : undefined;
    if (ownDone) {
      report({
        messageId: 'completeUnchecked',
        data: {
          id: section.id,
          statusText: ownDone.text,
          checklist: `${checklist} ${items.length === 1 ? 'is' : 'are'} unchecked`,
        },
        at: { doc, range: ownDone.range },
        related: [
          {
            at: { doc, range: first.range },
            messageId: 'uncheckedHere',
            data: { count: plural(items.length, 'unchecked item') },
          },
        ],
      });
      return;
    }
    if (section.status && section.status.status !== 'done') return;
    const done = stated.filter(({ mention }) => mention.status === 'done');
    if (done.length === 0 || stated.some(({ mention }) => isOpen(mention.status))) return;
    const where = best(done);
    report({
      messageId: 'doneElsewhereUnchecked',
      data: {
        id: section.id,
        other: placeName({ doc: where.doc, range: where.mention.range }, doc),
        statusText: where.mention.statusText ?? '',
        count:
          items.length === 1
            ? 'its only checklist item here is'
            : `all ${items.length} items of its checklist here are`,
      },
      at: { doc, range: first.range },
      related: [
        {
          at: { doc: where.doc, range: where.mention.range },
          messageId: 'doneHere',
          data: { id: section.id, statusText: where.mention.statusText ?? '' },
        },
      ],
    });
  });
}

/**
 * A phase whose heading says it is done ("## Phase 2 ✅ COMPLETE", or a "**Status:**" field right
 * under it) while every box of its own checklist (right under it, or under "Deliverables",
 * "Validation", "Acceptance"...) is unchecked. Boxes of the tasks in it are theirs, not the phase's.
 */
function groupCompleteButUnchecked(doc: DocumentFacts, report: (report: Report) => void): void {
  (doc.groupSections ?? []).forEach((group, index) => {
    if (group.deferred || group.status?.status !== 'done') return;
    const items = (doc.checklist ?? []).filter((item) => item.groupSection === index && !item.optional);
    if (items.length === 0 || items.some((item) => item.checked)) return;
    const first = items[0]!;
    const checklist = `${items.length === 1 ? 'the only item' : `all ${items.length} items`} of its checklist (${items.length === 1 ? '' : 'from '}${placeName({ doc, range: first.range }, doc)})`;
    report({
      messageId: 'completeUnchecked',
      data: {
        id: `"${shorten(group.name)}"`,
        statusText: group.status.text,
        checklist: `${checklist} ${items.length === 1 ? 'is' : 'are'} unchecked`,
      },
      at: { doc, range: group.status.range },
      related: [
        {
          at: { doc, range: first.range },
          messageId: 'uncheckedHere',
          data: { count: plural(items.length, 'unchecked item') },
        },
      ],
    });
  });
}

/** A ticked box over sub-items that are not ticked. */
function checkedOverUnchecked(doc: DocumentFacts, report: (report: Report) => void): void {
  const checklist = doc.checklist ?? [];
  checklist.forEach((parent, index) => {
    if (!parent.checked || parent.optional) return;
    const children = checklist.filter((item) => item.parent === index);
    const unchecked = children.filter((item) => !item.checked && !item.optional);
    if (unchecked.length === 0) return;
    report({
      messageId: 'checkedParent',
      data: {
        text: shorten(parent.text),
        unchecked: `${unchecked.length} of its ${plural(children.length, 'sub-item')}`,
        verb: unchecked.length === 1 ? 'is' : 'are',
        first: placeName({ doc, range: unchecked[0]!.range }, doc),
      },
      at: { doc, range: parent.range },
      related: unchecked.map((item): RelatedReport =>
        item.marker
          ? {
              at: { doc, range: item.range },
              messageId: 'markedChild',
              data: { text: shorten(item.text), marker: item.marker, status: item.markerStatus ?? 'no status' },
            }
          : { at: { doc, range: item.range }, messageId: 'uncheckedChild', data: { text: shorten(item.text) } },
      ),
    });
  });
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** A place of a checkbox or prerequisite that states a task done which task-status-conflict does not read. */
interface Claim {
  id: string;
  at: At;
  kind: 'checked' | 'prerequisite';
  text: string;
}

/**
 * The open statement a claim contradicts: an open status in the claim's own document (it
 * contradicts itself), or anywhere when no place of the corpus calls the task done.
 */
function contradictedBy(claim: Claim, mentions: MentionAt[]): MentionAt | undefined {
  const stated = statedStatuses(mentions);
  const open = stated.filter(({ mention }) => isOpen(mention.status));
  if (open.length === 0) return undefined;
  const sameDoc = open.filter(({ doc }) => doc === claim.at.doc);
  if (sameDoc.length > 0) return best(sameDoc);
  return stated.some(({ mention }) => mention.status === 'done') ? undefined : best(open);
}

/**
 * "✅ Phase 6 validation complete" under "Prerequisites:": the phase is the one heading of the
 * same document that starts with "Phase 6" (none or several: no claim), its tasks those defined
 * under it, and the tick is wrong when one of them is open.
 */
function phaseTicks(doc: DocumentFacts, corpus: Corpus, report: (report: Report) => void): void {
  for (const tick of doc.phaseTicks ?? []) {
    const number = /\d+[a-z]?$/iu.exec(tick.phase)?.[0] ?? '';
    const word = tick.phase.split(/\s+/)[0]!;
    const heading = new RegExp(`^[^\\p{L}\\p{N}]*${word}\\s+${number}(?![\\p{L}\\p{N}.&]|\\s*&)`, 'iu');
    const definitions = doc.mentions.filter(
      (mention) => mention.kind === 'definition' && mention.source !== 'code' && mention.context === 'normal',
    );
    const headings = new Set(definitions.flatMap((mention) => mention.section.filter((text) => heading.test(text))));
    if (headings.size !== 1) continue;
    const [phaseHeading] = headings;
    const tasks = [
      ...new Set(definitions.filter((mention) => mention.section.includes(phaseHeading!)).map((mention) => mention.id)),
    ];
    const open: MentionAt[] = [];
    for (const id of tasks) {
      const place = contradictedBy(
        { id, at: { doc, range: tick.range }, kind: 'prerequisite', text: tick.text },
        mentionsIn(corpus, doc, id),
      );
      if (place) open.push(place);
    }
    if (open.length === 0) continue;
    const named = open
      .slice(0, 4)
      .map(
        (place) =>
          `${place.mention.id} (${statusWord(place.mention)} at ${placeName({ doc: place.doc, range: place.mention.range }, doc)})`,
      );
    report({
      messageId: 'phaseOpen',
      data: {
        text: tick.text,
        phase: phaseHeading!,
        tasks: `${named.join(', ')}${open.length > 4 ? ` and ${open.length - 4} more` : ''}`,
      },
      at: { doc, range: tick.range },
      related: open.map((place) => ({
        at: { doc: place.doc, range: place.mention.range },
        messageId: 'openHere',
        data: { id: place.mention.id, status: statusWord(place.mention), otherText: place.mention.statusText ?? '' },
      })),
    });
  }
}

/** Ticked boxes naming a task, and "✅ TASK-1 complete" prerequisite bullets, that task-status-conflict leaves out. */
function claims(doc: DocumentFacts, corpus: Corpus): Claim[] {
  const found: Claim[] = [];
  const mentionsOf = (id: string): MentionAt[] => mentionsIn(corpus, doc, id);
  const statedOf = (id: string): Set<TaskMention> =>
    new Set(statedStatuses(mentionsOf(id)).map(({ mention }) => mention));
  const onLine = (id: string, line: number): TaskMention[] =>
    mentionsOf(id)
      .filter((place) => place.doc === doc && place.mention.range.start.line === line)
      .map(({ mention }) => mention);
  for (const item of doc.checklist ?? []) {
    if (!item.checked || item.optional) continue;
    for (const id of item.ids) {
      if (mentionsOf(id).length === 0) continue;
      const here = onLine(id, item.range.start.line);
      const stated = statedOf(id);
      if (here.some((mention) => stated.has(mention))) continue;
      const at = here[0] ? { doc, range: here[0].range } : { doc, range: item.range };
      found.push({ id, at, kind: 'checked', text: '[x]' });
    }
  }
  for (const mention of doc.mentions) {
    if (mention.context !== 'prerequisite' || mention.status !== 'done' || mention.source === 'code') continue;
    if (found.some((claim) => claim.id === mention.id && claim.at.range.start.line === mention.range.start.line))
      continue;
    found.push({
      id: mention.id,
      at: { doc, range: mention.range },
      kind: 'prerequisite',
      text: mention.statusText ?? '',
    });
  }
  return found;
}

export default defineRule({
  id: 'checklist-conflict',
  meta: {
    type: 'problem',
    description: 'Disallow checklists and prerequisite ticks that contradict the status of their task',
    messages: {
      completeUnchecked: '{{id}} is marked done here ("{{statusText}}"), but {{checklist}}.',
      doneElsewhereUnchecked: '{{id}} is done at {{other}} ("{{statusText}}"), but {{count}} unchecked.',
      checkedParent: '"{{text}}" is ticked here, but {{unchecked}} {{verb}} not (first at {{first}}).',
      checkedOpen: '{{id}} is ticked here, but it is {{status}} at {{other}} ("{{otherText}}").',
      prerequisiteOpen:
        '{{id}} is ticked as a completed prerequisite here ("{{text}}"), but it is {{status}} at {{other}} ("{{otherText}}").',
      phaseOpen:
        '"{{text}}" is ticked as a completed prerequisite here, but {{phase}} still has open tasks: {{tasks}}.',
      uncheckedHere: '{{count}} here',
      uncheckedChild: '"{{text}}" is not ticked',
      markedChild: '"{{text}}" is not ticked: it is marked "{{marker}}" ({{status}})',
      doneHere: '{{id}} is done here ("{{statusText}}")',
      openHere: '{{id}} is {{status}} here ("{{otherText}}")',
    },
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
    defaultSeverity: 'error',
    docs: `## What it does

Compares checkboxes and ticked prerequisites with the statuses around them:

- a task marked done (its heading says ✅ COMPLETE, its block has "**Status:** COMPLETE" or a
  bullet "- **Status**: ✅ COMPLETED" right under its heading, or other documents call it done
  and none calls it open) whose own checklist, the \`- [ ]\` items of its section and of its
  "#### Deliverables", "#### Validation" sub-sections, is entirely unchecked; a heading that
  names no task becomes the task's block with a "- **ID**: TASK-28.2" field; a Backlog.md task
  whose front matter says Done while none of its \`## Acceptance Criteria\` or
  \`## Definition of Done\` boxes is ticked;
- a phase (stage, milestone, workstream) heading that ends with its status ("## Phase 2 ✅
  COMPLETE", "(COMPLETED)") or has a "**Status:** Completed" field right under it, while every
  box right under it or under its "Deliverables", "Validation", "Acceptance" sub-sections is
  unchecked; a title that only starts with the word ("Complete Account Deletion") is no status,
  and the boxes of a task or sub-task inside the phase are theirs;
- a ticked item (\`- [x]\`) with sub-items that are not ticked; in Kiro, ai-dev-tasks and
  OpenSpec task files a numbered sub-task (\`- [ ] 1.2\`) belongs to the task its number
  continues (\`1.\` or \`1.0\`) even when written flat beside it, and Kiro's optional tasks
  (\`- [ ]* 1.3\`, \`1.3*\`) are not expected to be ticked;
- a ticked item naming a task (first, or in a closing parenthesis: "Registry live (TASK-40)")
  while that task is open: in the same document, or everywhere it has a status. IDs after a
  word that relates them to others ("(depends on TASK-39)", "(after T004)", "(see TASK-3)")
  are not what the tick is about: a ticked task that depends on an open one is
  \`dependency-not-done\`'s;
- a "✅ TASK-28 complete" bullet under "Prerequisites:" while the same document, or every place
  that states a status, still has TASK-28 open; and "✅ Phase 6 validation complete" while a task
  defined under the document's one "Phase 6" heading is open (several headings starting with
  "Phase 6", or none: no finding).

A section that says why its boxes are empty (deferred, postponed, tracked elsewhere, a later
phase) and items marked optional, struck through or skipped are left alone, as are boxes under a
History, changelog, template, example or sub-task heading, and a status field that states a
condition or a plan ("complete once TASK-40 is complete"). ✅-decorated
criteria lists ("Validation Criteria:", "Success Metrics") describe goals, not statuses, and are
not read; a ticked checkbox is. Archived and template documents are not checked. A ticked box
that \`task-status-conflict\` already reads as a status (a list item starting with the ID, outside
criteria and prerequisite lists) is left to that rule.

Markers other than \`[ ]\` and \`[x]\` (\`[~]\`, \`[/]\`, \`[-]\`) mean what the config's
\`checkboxMarkers\` says, in every checklist above: one it calls done is ticked, one it calls in
progress, pending or blocked is open, and one it gives no status or calls deprecated is neither
ticked nor owed. A spec-kit feature's \`checklists/*.md\` and plan.md tick off questions about
tasks (\`- [x] T004 Results page reviewed\`), not the tasks: only their nesting is checked.

## Why is this bad?

Checkboxes are the first thing a reader scans. A COMPLETE task with nothing ticked, or a ticked
prerequisite whose task is still in progress, tells them the opposite of the truth in one of
the two places.

## Example

Incorrect, the task is complete but nothing of its checklist is ticked:

\`\`\`markdown file=phase-2.md
### TASK-12: Mount shared storage ✅ COMPLETE

- [ ] Client module builds
- [ ] Mount survives a reboot
\`\`\`

Correct:

\`\`\`markdown file=phase-2.md
### TASK-12: Mount shared storage ✅ COMPLETE

- [x] Client module builds
- [x] Mount survives a reboot
\`\`\`

## Options

None.
`,
  },
  // A finding depends on its document and on the statuses of the tasks that document names.
  incremental: (doc, corpus) => [documentKey(doc), ...taskKeysOf(doc, corpus)],
  check(corpus, context) {
    for (const doc of corpus.documents) {
      if (doc.role !== 'active' || !context.wants(doc)) continue;
      const keys = [documentKey(doc), ...taskKeysOf(doc, corpus)];
      const report = (found: Report): void => {
        context.report({ ...found, keys });
      };
      completeButUnchecked(doc, corpus, report);
      groupCompleteButUnchecked(doc, report);
      checkedOverUnchecked(doc, report);
      phaseTicks(doc, corpus, report);
      for (const claim of claims(doc, corpus)) {
        const open = contradictedBy(claim, mentionsIn(corpus, doc, claim.id));
        if (!open) continue;
        const other = placeName({ doc: open.doc, range: open.mention.range }, doc);
        const data = {
          id: claim.id,
          status: statusWord(open.mention),
          other,
          otherText: open.mention.statusText ?? '',
          text: claim.text,
        };
        report({
          messageId: claim.kind === 'checked' ? 'checkedOpen' : 'prerequisiteOpen',
          data,
          at: claim.at,
          related: [{ at: { doc: open.doc, range: open.mention.range }, messageId: 'openHere', data }],
        });
      }
    }
  },
});
