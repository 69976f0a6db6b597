import type { Corpus } from '../corpus.js';
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
          [...corpus.mentions].map(([id, mentions]) => [id, mentions.map(({ doc, mention }) => ({ file: doc.file, ...mention }))]),
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
      `  ${displayPath(doc.file, cwd)}  [${doc.role}]  ${doc.headings.length} headings, ${doc.links.length} links, ${doc.mentions.length} task mentions, ${doc.percents.length} percentages${doc.mojibake.length ? `, ${doc.mojibake.length} mojibake` : ''}${problems ? `, problems: ${problems}` : ''}`,
    );
  }
  lines.push('');
  lines.push('Tasks:');
  for (const id of [...corpus.mentions.keys()].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))) {
    lines.push(`  ${id}`);
    for (const { doc, mention } of corpus.mentions.get(id)!) {
      const parts = [
        `${displayPath(doc.file, cwd)}:${mention.range.start.line}:${mention.range.start.column}`,
        `${mention.kind} (${mention.source}${mention.context !== 'normal' ? `, ${mention.context}` : ''})`,
        mention.status ? `status=${mention.status} "${mention.statusText ?? ''}"` : '',
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
      lines.push(`  ${displayPath(doc.file, cwd)}:${claim.range.start.line}  ${claim.percent}% of ${claim.numerator}/${claim.denominator}  subject="${claim.subject}"`);
    }
  }
  lines.push('');
  lines.push('Headings:');
  for (const doc of corpus.documents) {
    for (const heading of doc.headings) {
      lines.push(`  ${displayPath(doc.file, cwd)}:${heading.range.start.line}  ${'#'.repeat(heading.depth)} ${heading.text}  → #${heading.slug}${heading.repairedSlug ? ` (repaired: #${heading.repairedSlug})` : ''}`);
    }
  }
  lines.push('');
  lines.push('Links:');
  for (const doc of corpus.documents) {
    for (const link of doc.links) lines.push(`  ${displayPath(doc.file, cwd)}:${link.range.start.line}  ${link.url}`);
  }
  return `${lines.join('\n')}\n`;
}
