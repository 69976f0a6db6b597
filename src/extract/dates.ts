import type { Nodes, Root, RootContent } from 'mdast';
import type { DateField, DateKind } from '../types.js';
import { LineIndex, nodeOffsets, plainText, repairedText } from './text.js';

const LABELS: [DateKind, RegExp][] = [
  ['next-review', /^(?:next[\s_-]*review(?:[\s_-]*date)?|review[\s_-]*(?:by|due))$/i],
  ['last-review', /^(?:last[\s_-]*review(?:ed)?|reviewed(?:[\s_-]*on)?)$/i],
  ['created', /^(?:created(?:[\s_-]*(?:on|at|date))?|date[\s_-]*created|creation[\s_-]*date)$/i],
  [
    'last-updated',
    /^(?:last[\s_-]*(?:updated|modified|edited|changed|update)(?:[\s_-]*(?:on|at))?|updated(?:[\s_-]*(?:on|at))?|date[\s_-]*updated)$/i,
  ],
  ['other', /^(?:last[\s_-]*major[\s_-]*update|date)$/i],
];

/** "**Last Updated:** 2025-10-30", "📅 Next Review: Nov 1, 2025", "- Created: 1 October 2025". */
const FIELD = /^[^\p{L}\p{N}]*([\p{L}][\p{L}\s_-]{1,30}?)\s*[*_]*\s*:\s*[*_]*\s*(.+)$/u;

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH =
  '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const MONTH_DAY_YEAR = new RegExp(`^${MONTH}\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})(?!\\d)`, 'i');
const DAY_MONTH_YEAR = new RegExp(`^(\\d{1,2})(?:st|nd|rd|th)?\\s+${MONTH}\\.?,?\\s+(\\d{4})(?!\\d)`, 'i');

export function labelKind(label: string): DateKind | undefined {
  const trimmed = label.trim().replace(/\s+/g, ' ');
  return LABELS.find(([, pattern]) => pattern.test(trimmed))?.[0];
}

/** A calendar date at the start of `value`, as ISO `YYYY-MM-DD` and as written; day-month order is never guessed. */
export function parseDate(value: string): { date: string; text: string } | undefined {
  let match = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?![\d])/.exec(value);
  if (match) return iso(Number(match[1]), Number(match[2]), Number(match[3]), match[0]);
  match = MONTH_DAY_YEAR.exec(value);
  if (match) return iso(Number(match[3]), monthNumber(match[1]!), Number(match[2]), match[0]);
  match = DAY_MONTH_YEAR.exec(value);
  if (match) return iso(Number(match[3]), monthNumber(match[2]!), Number(match[1]), match[0]);
  return undefined;
}

function monthNumber(name: string): number {
  return MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
}

function iso(year: number, month: number, day: number, text: string): { date: string; text: string } | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (month < 1 || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return undefined;
  return {
    date: `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
    text,
  };
}

/**
 * Date fields and where they sit. Document metadata is front matter, what comes before the first
 * section (`##`), and the closing lines: after the last `---` with no heading below it, or the last
 * block of the file. Other fields belong to their section.
 */
export function extractDates(text: string, tree: Root, lines: LineIndex): DateField[] {
  const fields: DateField[] = [];
  const frontMatterEnd = frontMatter(text, lines, fields);
  const blocks = tree.children.filter((node) => (nodeOffsets(node)?.start ?? 0) >= frontMatterEnd);
  const firstSection = blocks.findIndex((node) => node.type === 'heading' && node.depth >= 2);
  const lastBreak = blocks.map((node) => node.type).lastIndexOf('thematicBreak');
  const headingAfterBreak = lastBreak !== -1 && blocks.slice(lastBreak + 1).some((node) => node.type === 'heading');
  blocks.forEach((block, index) => {
    const isTop = firstSection === -1 ? index < blocks.length : index < firstSection;
    const isBottom = (lastBreak !== -1 && !headingAfterBreak && index > lastBreak) || index === blocks.length - 1;
    const scope = isTop || isBottom ? 'document' : 'section';
    collect(block, text, lines, scope, index + 1, fields, 0);
  });
  return fields;
}

/** YAML front matter (`---` ... `---` at the very top): `last_updated: 2025-10-30`. */
function frontMatter(text: string, lines: LineIndex, fields: DateField[]): number {
  const open = /^---\r?\n/.exec(text);
  if (!open) return 0;
  const close = /\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(text.slice(open[0].length));
  if (!close || close.index > 20_000) return 0;
  const body = text.slice(open[0].length, open[0].length + close.index);
  let offset = open[0].length;
  for (const line of body.split('\n')) {
    const match = /^\s*([A-Za-z][\w -]*?)\s*:\s*["']?(.+?)["']?\s*$/.exec(line);
    const kind = match && labelKind(match[1]!);
    const parsed = match && kind ? parseDate(match[2]!) : undefined;
    if (match && kind && parsed) {
      const at = offset + line.indexOf(parsed.text, line.indexOf(':'));
      fields.push({
        label: match[1]!,
        kind,
        date: parsed.date,
        text: parsed.text,
        range: lines.range(at, at + parsed.text.length),
        scope: 'document',
        group: 0,
      });
    }
    offset += line.length + 1;
  }
  return open[0].length + close.index + close[0].length;
}

function collect(
  node: RootContent | Nodes,
  text: string,
  lines: LineIndex,
  scope: DateField['scope'],
  group: number,
  fields: DateField[],
  depth: number,
): void {
  if (depth > 32) return;
  if (node.type === 'paragraph') {
    readParagraph(node, text, lines, scope, group, fields);
  } else if (node.type === 'table') {
    // A two-column metadata table: | Last Updated | 2025-10-30 |
    for (const row of node.children) {
      const [labelCell, valueCell] = row.children;
      if (!labelCell || !valueCell || row.children.length !== 2) continue;
      const kind = labelKind(repairedText(labelCell).replace(/[*_:]/g, ''));
      const parsed = kind ? parseDate(plainText(valueCell).trim()) : undefined;
      const offsets = nodeOffsets(valueCell);
      if (!kind || !parsed || !offsets) continue;
      const at = text.indexOf(parsed.text, offsets.start);
      const start = at === -1 || at > offsets.end ? offsets.start : at;
      fields.push({
        label: plainText(labelCell).replace(/[*_:]/g, '').trim(),
        kind,
        date: parsed.date,
        text: parsed.text,
        range: lines.range(start, start + parsed.text.length),
        scope,
        group,
      });
    }
  } else if (node.type === 'list' || node.type === 'listItem' || node.type === 'blockquote') {
    for (const child of node.children as Nodes[]) collect(child, text, lines, scope, group, fields, depth + 1);
  }
}

function readParagraph(
  node: Nodes,
  text: string,
  lines: LineIndex,
  scope: DateField['scope'],
  group: number,
  fields: DateField[],
): void {
  const offsets = nodeOffsets(node);
  if (!offsets) return;
  const paragraph = repairedText(node);
  // Every field has a colon: most paragraphs have none.
  if (!paragraph.includes(':')) return;
  const raw = text.slice(offsets.start, offsets.end);
  let searchFrom = 0;
  for (const line of paragraph.split('\n')) {
    const match = line.includes(':') ? FIELD.exec(line) : null;
    if (!match) continue;
    const kind = labelKind(match[1]!);
    const parsed = kind ? parseDate(match[2]!.trim()) : undefined;
    if (!kind || !parsed) continue;
    // The date as written, after its label, in the raw source.
    const labelAt = raw.toLowerCase().indexOf(match[1]!.trim().toLowerCase(), searchFrom);
    const dateAt = raw.indexOf(parsed.text, labelAt === -1 ? searchFrom : labelAt);
    const start = offsets.start + (dateAt === -1 ? 0 : dateAt);
    if (dateAt !== -1) searchFrom = dateAt + parsed.text.length;
    fields.push({
      label: match[1]!.trim(),
      kind,
      date: parsed.date,
      text: parsed.text,
      range: lines.range(start, start + parsed.text.length),
      scope,
      group,
    });
  }
}
