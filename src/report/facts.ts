import { edgesOf, type Corpus } from '../corpus.js';
import { idReuse } from '../query.js';
import { describeKey } from '../scopes.js';
import { taskGroups } from '../groups.js';
import { formatTime } from '../extract/duration.js';
import type { Claim, ClaimSubject } from '../types.js';
import { displayPath } from './stylish.js';

/** What tasklint understood, so a user can see why a finding was made or missed. */
export function formatFacts(corpus: Corpus, { json, cwd }: { json: boolean; cwd: string }): string {
  if (json) {
    return `${JSON.stringify(
      {
        root: corpus.root,
        prefixes: [...corpus.prefixes].sort(),
        documents: corpus.documents,
        tasks: Object.fromEntries(
          [...corpus.mentions].map(([key, mentions]) => [
            describeKey(key),
            mentions.map(({ doc, mention }) => ({ file: doc.file, ...mention })),
          ]),
        ),
      },
      null,
      2,
    )}\n`;
  }
  const lines: string[] = [];
  lines.push(`Root: ${displayPath(corpus.root, cwd) || '.'}`);
  lines.push(`Task ID prefixes: ${[...corpus.prefixes].sort().join(', ') || '(none defined)'}`);
  lines.push('');
  lines.push('Documents:');
  for (const doc of corpus.documents) {
    const problems = doc.problems.map((p) => p.kind).join(', ');
    lines.push(
      `  ${displayPath(doc.file, cwd)}  [${doc.role}${doc.format ? `, ${doc.format}` : ''}${corpus.scopes.scopeOf(doc) ? `, numbers its tasks in ${corpus.scopes.scopeOf(doc)}` : ''}]  ${doc.headings.length} headings, ${doc.links.length} links, ${doc.mentions.length} task mentions, ${doc.percents.length} percentages${doc.mojibake.length ? `, ${doc.mojibake.length} mojibake` : ''}${problems ? `, problems: ${problems}` : ''}`,
    );
  }
  lines.push('');
  lines.push('Tasks:');
  for (const key of [...corpus.mentions.keys()].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))) {
    const reuse = idReuse(key, corpus.mentions.get(key)!);
    // Why the other rules leave the ID alone: duplicate-task-id's judgement.
    lines.push(`  ${describeKey(key)}${reuse ? `  (used for ${reuse.tasks.length} tasks, by ${reuse.by})` : ''}`);
    for (const { doc, mention } of corpus.mentions.get(key)!) {
      const parts = [
        `${displayPath(doc.file, cwd)}:${mention.range.start.line}:${mention.range.start.column}`,
        `${mention.kind} (${mention.source}${mention.context !== 'normal' ? `, ${mention.context}` : ''})`,
        mention.writtenAs !== undefined ? `written "${mention.writtenAs}"` : '',
        mention.status
          ? `status=${mention.status}${mention.statusImplied ? ' (implied)' : ''} "${mention.statusText ?? ''}"`
          : '',
        mention.priority ? `priority=${mention.priority}` : '',
        mention.duration ? `duration=${mention.duration.text}` : '',
        mention.dependencies?.length ? `depends on ${mention.dependencies.join(', ')}` : '',
        mention.dependent ? `dependency of ${mention.dependent}` : '',
        mention.title ? `title="${mention.title}"` : '',
      ].filter(Boolean);
      lines.push(`    ${parts.join('  ')}`);
    }
  }
  lines.push('');
  lines.push('Percentages:');
  for (const doc of corpus.documents) {
    for (const claim of doc.percents) {
      lines.push(
        `  ${displayPath(doc.file, cwd)}:${claim.range.start.line}  ${claim.percent}% of ${claim.numerator}/${claim.denominator}  subject="${claim.subject}"`,
      );
    }
  }
  lines.push('');
  lines.push('Claims (counts, fractions, totals, durations; subject in [ ], evidence after "over"):');
  for (const doc of corpus.documents) {
    for (const claim of doc.claims ?? [])
      lines.push(`  ${displayPath(doc.file, cwd)}:${claim.range.start.line}  ${describeClaim(claim)}`);
  }
  lines.push('');
  lines.push('Headings:');
  for (const doc of corpus.documents) {
    for (const heading of doc.headings) {
      lines.push(
        `  ${displayPath(doc.file, cwd)}:${heading.range.start.line}  ${'#'.repeat(heading.depth)} ${heading.text}  → #${heading.slug}${heading.repairedSlug ? ` (repaired: #${heading.repairedSlug})` : ''}`,
      );
    }
  }
  lines.push('');
  lines.push('Links:');
  for (const doc of corpus.documents) {
    for (const link of doc.links) lines.push(`  ${displayPath(doc.file, cwd)}:${link.range.start.line}  ${link.url}`);
  }
  lines.push('');
  lines.push('Dependencies (A → B: B depends on A):');
  for (const doc of corpus.documents) {
    for (const edge of edgesOf(corpus, doc))
      lines.push(
        `  ${displayPath(doc.file, cwd)}:${edge.range.start.line}  ${edge.from} → ${edge.to}  (${edge.source})`,
      );
  }
  lines.push('');
  lines.push('Dates:');
  for (const doc of corpus.documents) {
    for (const field of doc.dates ?? [])
      lines.push(
        `  ${displayPath(doc.file, cwd)}:${field.range.start.line}  ${field.label}: ${field.date}  (${field.kind}, ${field.scope})`,
      );
  }
  lines.push('');
  lines.push('Checklists:');
  for (const doc of corpus.documents) {
    for (const item of doc.checklist ?? []) {
      const parts = [
        item.task ? `task ${item.task}` : '',
        item.ids.length ? `names ${item.ids.join(', ')}` : '',
        item.optional ? 'optional' : '',
      ].filter(Boolean);
      lines.push(
        `  ${displayPath(doc.file, cwd)}:${item.range.start.line}  ${item.parent !== undefined ? '  ' : ''}[${item.checked ? 'x' : ' '}] ${item.text}${parts.length ? `  (${parts.join('; ')})` : ''}`,
      );
    }
  }
  lines.push('');
  lines.push('Complete task lists ("Tasks:" of a block, "remaining:"):');
  for (const doc of corpus.documents) {
    for (const list of doc.enumerations ?? [])
      lines.push(
        `  ${displayPath(doc.file, cwd)}:${list.range.start.line}  ${list.kind}: ${list.members.map((member) => member.id ?? member.written).join(', ')}${list.headingLine !== undefined ? `  (of the heading at line ${list.headingLine})` : ''}`,
      );
  }
  const groups = taskGroups(corpus);
  if (groups.length) {
    lines.push('');
    lines.push('Groups (phases, streams, documents: the places that name each one, and its tasks):');
    for (const group of groups) {
      lines.push(`  ${group.places[0]!.statement.label}`);
      for (const { doc, statement } of group.places)
        lines.push(
          `    ${displayPath(doc.file, cwd)}:${statement.range.start.line}  ${statement.source}${statement.document ? ' (the document)' : ''}${statement.status ? `  status=${statement.status} "${statement.statusText ?? ''}"` : ''}`,
        );
      if (group.members) {
        const states = group.members.list.map((member) => `${member.id}=${member.state}`);
        lines.push(
          `    tasks in ${displayPath(group.members.doc.file, cwd)}: ${states.slice(0, 12).join(', ')}${states.length > 12 ? `, and ${states.length - 12} more` : ''}`,
        );
      }
    }
  }
  const markers = corpus.documents.flatMap((doc) =>
    (doc.conflictMarkers ?? []).map(
      (marker) =>
        `  ${displayPath(doc.file, cwd)}:${marker.range.start.line}  ${marker.kind}${marker.label ? ` ${marker.label}` : ''}`,
    ),
  );
  if (markers.length) {
    lines.push('');
    lines.push('Merge conflict markers:');
    lines.push(...markers);
  }
  return `${lines.join('\n')}\n`;
}

function describeSubject(subject: ClaimSubject): string {
  const links = subject.links.length ? ` → ${subject.links.join(', ')}` : '';
  return `[${subject.label}${links}${subject.document ? ', this document' : ''}]`;
}

/** One claim on one line: what it states, what it is about, what it was checked against. */
export function describeClaim(claim: Claim): string {
  const subject = describeSubject(claim.subject);
  switch (claim.kind) {
    case 'count': {
      const stated = `count ${claim.stated} ${claim.noun}${claim.remaining ? ' remaining' : ''}${claim.deprecated !== undefined ? ` (${claim.deprecated} deprecated)` : ''}`;
      const evidence = claim.evidence
        ? `  over ${claim.evidence.parts.length} ${claim.evidence.of} (lines ${claim.evidence.parts[0]?.range.start.line}-${claim.evidence.parts.at(-1)?.range.start.line}${claim.evidence.deprecated ? `, ${claim.evidence.deprecated} deprecated` : ''}${claim.evidence.open !== undefined ? `, ${claim.evidence.open} open` : ''}${claim.evidence.subtasks ? `, ${claim.evidence.subtasks} subtasks` : ''})`
        : claim.listed
          ? ''
          : '  (nothing plainly counted)';
      // "(4 tasks: 040-044)": the IDs written after the count, which the corpus resolves.
      const listed = claim.listed ? `  of the IDs "${claim.listed.text}"` : '';
      return `${stated}  "${claim.text}"  ${subject}${listed}${evidence}`;
    }
    case 'remaining':
      return `remaining ${claim.remaining} beside ${claim.done}/${claim.total}${claim.deprecated !== undefined ? ` (${claim.deprecated} deprecated)` : ''}  ${subject}`;
    case 'progress':
      return `fraction ${claim.done}/${claim.total}${claim.deprecated !== undefined ? ` (${claim.deprecated} deprecated)` : ''}${claim.percent !== undefined ? ` ${claim.percent}%` : ''}  "${claim.text}"  ${subject}`;
    case 'total': {
      const stated = claim.statedDone !== undefined ? `${claim.statedDone}/${claim.stated}` : `${claim.stated}`;
      const parts = claim.parts
        .map((part) => `${part.done !== undefined ? `${part.done}/` : ''}${part.value}`)
        .join(' + ');
      return `total (${claim.of}) ${claim.label} ${stated}  ${subject}  over ${parts}`;
    }
    case 'duration': {
      const stated = claim.stated.map(formatTime).join(' + ');
      const evidence = claim.evidence
        ? `  over ${claim.evidence.parts.length} ${claim.evidence.of}: ${claim.evidence.parts.map((part) => part.durations.map(formatTime).join(' + ')).join(', ')}`
        : '  (nothing plainly summed)';
      return `duration ${stated}  "${claim.text}"  ${subject}${evidence}`;
    }
  }
}
