import { isOpen } from '../src/extract/status.js';
import { groupStatementRank, taskGroups, type GroupMember, type GroupPlace, type TaskGroup } from '../src/groups.js';
import { defineRule, placeName, type At, type Report } from '../src/rule.js';
import type { Status } from '../src/types.js';

const WORDS: Record<Status, string> = {
  done: 'done',
  'in-progress': 'in progress',
  blocked: 'blocked',
  pending: 'not started',
  deprecated: 'deprecated',
  unknown: 'of unknown status',
};

const word = (status: Status | undefined): string => WORDS[status ?? 'unknown'];
const at = ({ doc, statement }: GroupPlace): At => ({ doc, range: statement.range });
const side = (status: Status | undefined): 'done' | 'open' | undefined =>
  status === 'done' ? 'done' : isOpen(status) ? 'open' : undefined;

/** The places whose status contradicts the group's best-stated one: its header or heading before an index row. */
export function statedConflicts(group: TaskGroup): { place: GroupPlace; other: GroupPlace }[] {
  const stated = group.places.filter(({ statement }) => side(statement.status) !== undefined);
  if (!stated.some(({ statement }) => statement.status === 'done')) return [];
  if (!stated.some(({ statement }) => isOpen(statement.status))) return [];
  const reference = [...stated].sort((a, b) => groupStatementRank(a) - groupStatementRank(b))[0]!;
  // One finding per document: its heading and the field under it say the same thing twice.
  const seen = new Set<string>();
  return stated
    .filter((place) => side(place.statement.status) !== side(reference.statement.status))
    .filter(({ doc }) => !seen.has(doc.file) && Boolean(seen.add(doc.file)))
    .map((place) => ({ place, other: reference }));
}

/**
 * Places that say the group has not started while each of its tasks is done, or that it is done
 * while one is open. Needs two or more members, each with a stated status.
 */
export function memberConflicts(
  group: TaskGroup,
): { place: GroupPlace; kind: 'allDone' | 'memberOpen'; members: GroupMember[] }[] {
  const list = group.members?.list.filter((member) => member.state !== 'deprecated') ?? [];
  if (list.length < 2 || list.some((member) => member.state === 'unknown')) return [];
  const open = list.filter((member) => member.state === 'open');
  const found: { place: GroupPlace; kind: 'allDone' | 'memberOpen'; members: GroupMember[] }[] = [];
  for (const place of group.places) {
    if (open.length === 0 && place.statement.status === 'pending')
      found.push({ place, kind: 'allDone', members: list });
    if (open.length > 0 && place.statement.status === 'done') found.push({ place, kind: 'memberOpen', members: open });
  }
  return found;
}

export default defineRule({
  id: 'group-status-conflict',
  meta: {
    type: 'problem',
    description:
      'Disallow a phase, stream or document stated done in one place and open in another, or against its own tasks',
    messages: {
      conflict: '{{group}} is {{status}} here ("{{text}}") but {{otherStatus}} at {{other}} ("{{otherText}}").',
      allDone:
        '{{group}} is {{status}} here ("{{text}}"), but all {{count}} of its tasks are done ({{first}} to {{last}}).',
      memberOpen: '{{group}} is done here ("{{text}}"), but its task {{id}} is {{memberStatus}} at {{other}}{{more}}.',
      statedHere: '{{group}} is {{status}} here',
      memberHere: '{{id}} is {{memberStatus}} here',
    },
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
    defaultSeverity: 'warning',
    docs: `## What it does

Finds a group of tasks (a phase, stage, stream, workstream, category, user story, milestone or
a whole document) whose status is stated differently in two places, or that contradicts its own
tasks.

A group's status is read where it is written: an index row \`| Phase 0: Foundation | ... | Not
Started |\`, a \`**Status:** ✅ Completed\` field under the phase file's title or under the
group's heading, a heading "Phase 2: Storage ✅ COMPLETE", a list item "✅ Phase 1: Core
(12/12 complete)". A figure counts as done only at 100%: "99%" and "✅ 80% Complete" are not
done. Its members are the tasks defined under its heading, or in its document; when no heading
or file holds them, those an index row names in its Tasks column (\`| Phase 0: Foundation |
CLOUD-0.1 to 0.2 | ... |\`), each with the status every place that states one agrees on.

Two places are about the same group when a row links to the group's file or to its heading,
when a file is named after it (\`phase-0-foundation.md\`), or when both write the same kind and
number with a title that shares words ("Phase 3: Database Design" and "Phase 3: Database
Design & Liquibase"). Nothing is claimed when that is unsure: a name that two headings of one
document match, a bare "Phase 0" with no title (it may count in another numbering), names in
two feature folders, history and changelog sections, criteria lists, archived and template
documents. A group whose places define different sets of tasks (a preview table beside the
phase file) is not checked against its tasks.

Reported:

- a group done in one place and open (not started, in progress, blocked) in another, at the
  place that states it less directly (an index row before the phase file's own header);
- a group not started while each of its tasks (two or more, each stating a status) is done;
- a group done while one of its tasks is open.

Matching groups by name is a judgement, so this rule warns.

## Why is this bad?

The index is where people look first. A phase that the index calls "Not Started" while its
file says it is complete, or a phase marked complete with open tasks, sends planning the wrong
way.

## Example

Incorrect, the index row and the phase file disagree:

\`\`\`markdown file=index.md
| Phase | Tasks | Status |
|-------|-------|--------|
| [Phase 0: Foundation](./phase-0-foundation.md) | CLOUD-0.1 to 0.2 | Not Started |
\`\`\`

\`\`\`markdown file=phase-0-foundation.md
# Phase 0: Foundation

**Status:** ✅ Completed
\`\`\`

Correct, both say it is complete:

\`\`\`markdown file=index.md
| Phase | Tasks | Status |
|-------|-------|--------|
| [Phase 0: Foundation](./phase-0-foundation.md) | CLOUD-0.1 to 0.2 | ✅ Completed |
\`\`\`

## Options

None.
`,
  },
  check(corpus, context) {
    for (const group of taskGroups(corpus)) {
      if (!group.places.some(({ doc }) => context.wants(doc))) continue;
      const reported = new Set<GroupPlace>();
      const report = (place: GroupPlace, finding: Report): void => {
        if (reported.has(place)) return;
        reported.add(place);
        context.report(finding);
      };
      for (const { place, other } of statedConflicts(group)) {
        report(place, {
          messageId: 'conflict',
          data: {
            group: place.statement.label,
            status: word(place.statement.status),
            text: place.statement.statusText ?? '',
            otherStatus: word(other.statement.status),
            other: placeName(at(other), place.doc),
            otherText: other.statement.statusText ?? '',
          },
          at: at(place),
          related: [
            {
              at: at(other),
              messageId: 'statedHere',
              data: { group: other.statement.label, status: word(other.statement.status) },
            },
          ],
        });
      }
      const membersDoc = group.members?.doc;
      if (!membersDoc) continue;
      for (const { place, kind, members } of memberConflicts(group)) {
        const memberAt = (member: GroupMember): At => ({ doc: member.doc ?? membersDoc, range: member.mention.range });
        const first = members[0]!;
        if (kind === 'allDone') {
          const last = members.at(-1)!;
          report(place, {
            messageId: 'allDone',
            data: {
              group: place.statement.label,
              status: word(place.statement.status),
              text: place.statement.statusText ?? '',
              count: members.length,
              first: `${first.id} at ${placeName(memberAt(first), place.doc)}`,
              last: `${last.id} at ${placeName(memberAt(last), place.doc)}`,
            },
            at: at(place),
            related: [first, last].map((member) => ({
              at: memberAt(member),
              messageId: 'memberHere',
              data: { id: member.id, memberStatus: word(member.status) },
            })),
          });
          continue;
        }
        const more = members.length - 1;
        report(place, {
          messageId: 'memberOpen',
          data: {
            group: place.statement.label,
            text: place.statement.statusText ?? '',
            id: first.id,
            memberStatus: word(first.status),
            other: placeName(memberAt(first), place.doc),
            more: more > 0 ? ` (and ${more} more open)` : '',
          },
          at: at(place),
          related: members.slice(0, 4).map((member) => ({
            at: memberAt(member),
            messageId: 'memberHere',
            data: { id: member.id, memberStatus: word(member.status) },
          })),
        });
      }
    }
  },
});
