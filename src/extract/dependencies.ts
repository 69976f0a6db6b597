import type { Code, List, ListItem, Nodes, Paragraph, Root } from 'mdast';
import type { DependencyEdge, Range, TaskMention, WrittenEdge, WrittenEnd } from '../types.js';
import {
  findIdLists,
  findIds,
  findListsOfIds,
  idsToReplace,
  leadingId,
  rangeAfterId,
  type IdMatcher,
  type IdOccurrence,
} from './ids.js';
import { repairMojibake } from './mojibake.js';
import { LineIndex, nodeOffsets, repairedText } from './text.js';
import { readFieldLine } from './vocab/fields.js';
import { definingShortHeading } from './shapes/task-heading.js';

/**
 * Dependency statements, as edges `from → to` (`to` depends on `from`):
 * - table rows: a "Dependencies" cell names what the row's task depends on;
 * - fields: "**Depends on:** TASK-1, TASK-2", "Blocked by: TASK-3", "TASK-5 depends on TASK-4",
 *   or a "**Dependencies:**" label over a list, inside the section or list item of a task;
 * - graphs: `A → B → C`, `A -> B`, mermaid `A --> B` lines in text, mermaid or unlabelled code blocks.
 */
export function extractDependencies(
  text: string,
  tree: Root,
  lines: LineIndex,
  ids: IdMatcher,
  mentions: TaskMention[],
  written: WrittenEdge[] = [],
): DependencyEdge[] {
  const edges: DependencyEdge[] = [];
  for (const mention of mentions) {
    if (mention.source === 'table' && mention.kind === 'reference' && mention.dependent) {
      edges.push({ from: mention.id, to: mention.dependent, range: mention.range, source: 'table' });
    }
  }
  new FieldWalker(text, lines, ids, edges, written).walk(tree);
  return edges;
}

/** A task as the owner of a dependency field: its ID, or the number its heading writes it by. */
type Owner = string | WrittenEnd;

/** Code blocks in these languages (or none) may hold a dependency graph; shell, YAML and the like do not. */
const GRAPH_LANGUAGES = new Set([
  '',
  'text',
  'txt',
  'plain',
  'plaintext',
  'ascii',
  'none',
  'mermaid',
  'dot',
  'graphviz',
  'graph',
]);

const MAX_DEPTH = 64;
const INLINE = /\b(?:depends on|dependent on|blocked by|requires)\s+/giu;
/**
 * A cheap test that lets most paragraphs skip INLINE, which is slow to fail: it cannot match
 * without one of these words. INLINE, a Unicode case-insensitive pattern, reads `ſ` (long s) as an
 * `s` and the Kelvin sign as a `k`, which this one does not: their presence sends a paragraph on.
 */
const MAY_BE_INLINE = /depend|blocked|requires|[\u017f\u212a]/i;
const NEGATION = /\b(?:no longer|not|never|doesn't|does not|don't|no)\s*$/iu;

class FieldWalker {
  /** Headings above the current block, with the task each defines. */
  private readonly headings: { depth: number; text: string; task?: Owner }[] = [];

  constructor(
    private readonly text: string,
    private readonly lines: LineIndex,
    private readonly ids: IdMatcher,
    private readonly edges: DependencyEdge[],
    private readonly written: WrittenEdge[],
  ) {}

  walk(root: Root): void {
    this.visitChildren(root.children, undefined, 0);
  }

  private headingTask(): Owner | undefined {
    for (let i = this.headings.length - 1; i >= 0; i--) if (this.headings[i]!.task) return this.headings[i]!.task;
    return undefined;
  }

  /** Sibling blocks in order: a paragraph ending in "Dependencies:" makes the next list a dependency list. */
  private visitChildren(children: Nodes[], itemTask: Owner | undefined, depth: number): void {
    if (depth > MAX_DEPTH) return;
    let dependencyLabel = false;
    for (const node of children) {
      const labelled = dependencyLabel;
      dependencyLabel = false;
      switch (node.type) {
        case 'heading': {
          const headingText = repairedText(node).trim();
          while (this.headings.length && this.headings.at(-1)!.depth >= node.depth) this.headings.pop();
          const task = definedId(headingText, this.ids) ?? this.shortHeadingTask(headingText);
          this.headings.push({ depth: node.depth, text: headingText, ...(task ? { task } : {}) });
          break;
        }
        case 'paragraph':
          dependencyLabel = this.visitParagraph(node, itemTask ?? this.headingTask());
          break;
        case 'list':
          this.visitList(node, itemTask, labelled, depth);
          break;
        case 'code':
          this.visitCode(node);
          break;
        default:
          if ('children' in node && node.type !== 'table')
            this.visitChildren(node.children as Nodes[], itemTask, depth + 1);
      }
    }
  }

  /** "### Task 041: ...": the task the corpus finds for "041", when the heading defines one. */
  private shortHeadingTask(headingText: string): WrittenEnd | undefined {
    const ancestors = this.headings.map((heading) => ({ text: heading.text, task: heading.task !== undefined }));
    const short = definingShortHeading(repairMojibake(headingText), ancestors);
    return short && { from: short.number, text: short.number, defines: true };
  }

  private visitList(list: List, itemTask: Owner | undefined, labelled: boolean, depth: number): void {
    const owner = itemTask ?? this.headingTask();
    for (const item of list.children) {
      const first = item.children[0];
      if (labelled && owner && first?.type === 'paragraph') {
        // "**Depends on:**" over a list: each item names a dependency first.
        const itemText = repairedText(first);
        const lead = leadingId(itemText, this.ids);
        if (lead) this.addEdge(lead, owner, first, itemText, lead.index);
      }
      this.visitItem(item, itemTask, depth);
    }
  }

  private visitItem(item: ListItem, itemTask: Owner | undefined, depth: number): void {
    const first = item.children[0];
    const own = first?.type === 'paragraph' ? definedId(repairedText(first), this.ids) : undefined;
    this.visitChildren(item.children, own ?? itemTask, depth + 1);
  }

  /** Returns whether the paragraph ends with a dependency label ("**Dependencies:**") over what follows. */
  private visitParagraph(node: Paragraph, owner: Owner | undefined): boolean {
    const paragraph = repairedText(node);
    const mayBeInline = MAY_BE_INLINE.test(paragraph);
    let offset = 0;
    let endsWithLabel = false;
    for (const line of paragraph.split('\n')) {
      const lineStart = offset;
      offset += line.length + 1;
      endsWithLabel = false;
      const field = readFieldLine(line);
      if (field?.name === 'dependencies') {
        const value = field.value;
        const valueStart = lineStart + line.length - value.length;
        const subject = owner ?? subjectBefore(line.slice(0, line.length - value.length), this.ids);
        if (!value.trim()) endsWithLabel = true;
        if (!subject) continue;
        this.addFieldEdges(value, subject, node, paragraph, valueStart);
        continue;
      }
      if (!mayBeInline) continue;
      INLINE.lastIndex = 0;
      for (let match = INLINE.exec(line); match; match = INLINE.exec(line)) {
        const before = line.slice(0, match.index);
        if (NEGATION.test(before)) continue;
        // "TASK-5 depends on TASK-4": the ID right before the phrase is the subject, else the section's task.
        const subject = subjectBefore(before, this.ids) ?? owner;
        if (!subject) continue;
        const rest = line.slice(match.index + match[0].length);
        const clause = /^[^.;:!?\n]*/u.exec(rest)?.[0] ?? '';
        // Only what the phrase lists first: "depends on TASK-4 and TASK-6", not "... once TASK-9 ships".
        const listed = (index: number): boolean =>
          /^[\s,&/*_✅✔☑]*(?:(?:and|or)\s+)?$/u.test(clause.slice(0, index).replace(idsToReplace(this.ids), ''));
        this.addFieldEdges(clause, subject, node, paragraph, lineStart + match.index + match[0].length, listed);
      }
    }
    return endsWithLabel;
  }

  private addEdge(from: IdOccurrence, to: Owner, node: Nodes, repaired: string, index: number): void {
    const range = this.locate(node, repaired, from.written ?? from.id, index);
    if (typeof to === 'string') this.edges.push({ from: from.id, to, range, source: 'field' });
    else this.written.push({ from: from.id, to, range, source: 'field' });
  }

  /**
   * A dependency field's value: its IDs, short forms ("Task 039") and ranges ("TASK-035-037",
   * "Tasks 035-037", "T001-T004"), each range one edge per task the corpus finds defined in it. A
   * range between two schemes names nothing, nor do its ends. In a sentence ("depends on
   * TASK-035-037 being merged") only what `listed` accepts, by where it starts, counts.
   */
  private addFieldEdges(
    value: string,
    subject: Owner,
    node: Nodes,
    paragraph: string,
    valueStart: number,
    listed: (index: number) => boolean = () => true,
  ): void {
    const lists = findListsOfIds(value, this.ids);
    const spans = lists.flatMap((list) =>
      list.groups.length === 0 && list.ids.length === 0
        ? [[list.index, list.end]]
        : list.groups
            .filter((group) => group.to !== undefined)
            .map((group) => [group.index, group.index + group.written.length]),
    );
    const occurrences = findIdLists(value, this.ids);
    for (const dependency of occurrences)
      if (
        listed(dependency.index) &&
        !spans.some(([start, end]) => dependency.index >= start! && dependency.index < end!)
      )
        this.addEdge(dependency, subject, node, paragraph, valueStart + dependency.index);
    for (const list of lists) {
      if (!listed(list.index)) continue;
      for (const group of list.groups) {
        // "TASK-046, 047.1": findIdLists named 047.1 already.
        if (group.to === undefined && occurrences.some((o) => o.written !== undefined && o.index === group.index))
          continue;
        const from: WrittenEnd = {
          ...(group.prefix !== undefined ? { prefix: group.prefix } : {}),
          from: group.from,
          ...(group.to !== undefined ? { to: group.to } : {}),
          text: group.written,
        };
        const range = this.locate(node, paragraph, group.written, valueStart + group.index);
        this.written.push({ from, to: subject, range, source: 'field' });
      }
    }
  }

  /** The source range of the ID at `index` of the node's repaired text: the same occurrence in the raw source. */
  private locate(node: Nodes, repaired: string, id: string, index: number): Range {
    const offsets = nodeOffsets(node);
    if (!offsets) return { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };
    const raw = this.text.slice(offsets.start, offsets.end);
    const at = nthOccurrence(raw, id, countBefore(repaired, id, index));
    return at === -1
      ? this.lines.range(offsets.start, offsets.start)
      : this.lines.range(offsets.start + at, offsets.start + at + id.length);
  }

  private visitCode(node: Code): void {
    const language = (node.lang ?? '').toLowerCase();
    if (!GRAPH_LANGUAGES.has(language) || node.value.length > 200_000) return;
    const offsets = nodeOffsets(node);
    if (!offsets || !node.position) return;
    const fenced = /^[ \t]*(?:```|~~~)/.test(this.text.slice(offsets.start, offsets.start + 10));
    const firstLine = node.position.start.line + (fenced ? 1 : 0);
    const valueLines = node.value.split('\n');
    const aliases = language === 'mermaid' ? mermaidNodes(valueLines, this.ids) : new Map<string, string>();
    if (language !== 'mermaid') this.visitVerticalArrows(valueLines, firstLine);
    valueLines.forEach((valueLine, i) => {
      const repaired = repairMojibake(valueLine);
      if (!ARROW_TEST.test(repaired)) return;
      const lineNumber = firstLine + i;
      const positions = new TokenPositions(this.sourceLine(lineNumber), this.ids);
      for (const edge of graphEdges(repaired, this.ids, aliases)) {
        const fromAt = positions.at(edge.fromToken, edge.fromOccurrence);
        const toAt = positions.at(edge.toToken, edge.toOccurrence);
        const start = Math.min(fromAt, toAt);
        const end = Math.max(fromAt + edge.fromToken.length, toAt + edge.toToken.length);
        const lineStart = this.lines.offset({ line: lineNumber, column: 1 });
        this.edges.push({
          from: edge.from,
          to: edge.to,
          range:
            fromAt === -1 || toAt === -1
              ? this.lines.range(lineStart, lineStart)
              : this.lines.range(lineStart + start, lineStart + end),
          source: 'graph',
        });
      }
    });
  }

  /** Vertical arrows between task IDs of a text graph: `TASK-044` over `↓` over `MLOPS-1.1`. */
  private visitVerticalArrows(valueLines: string[], firstLine: number): void {
    const repaired = valueLines.map(repairMojibake);
    if (!repaired.some((line) => VERTICAL_HEAD.test(line))) return;
    for (const edge of verticalEdges(repaired, this.ids)) {
      const fromLine = firstLine + edge.fromLine;
      const toLine = firstLine + edge.toLine;
      const fromAt = new TokenPositions(this.sourceLine(fromLine), this.ids).at(edge.from, edge.fromOccurrence);
      const toAt = new TokenPositions(this.sourceLine(toLine), this.ids).at(edge.to, edge.toOccurrence);
      if (fromAt === -1 || toAt === -1) continue;
      const fromOffset = this.lines.offset({ line: fromLine, column: 1 }) + fromAt;
      const toOffset = this.lines.offset({ line: toLine, column: 1 }) + toAt;
      const [start, end] =
        fromOffset < toOffset ? [fromOffset, toOffset + edge.to.length] : [toOffset, fromOffset + edge.from.length];
      this.edges.push({ from: edge.from, to: edge.to, range: this.lines.range(start, end), source: 'graph' });
    }
  }

  private sourceLine(line: number): string {
    const start = this.lines.offset({ line, column: 1 });
    const end = this.text.indexOf('\n', start);
    return this.text.slice(start, end === -1 ? undefined : end);
  }
}

/** The task a heading or list item defines: an ID first, not the start of a range ("TASK-1 through TASK-9"). */
export function definedId(text: string, ids: IdMatcher): string | undefined {
  const lead = leadingId(text, ids);
  if (!lead) return undefined;
  const after = text.slice(lead.index + lead.id.length);
  // "TASK-1 through TASK-9", "TASK-040-044".
  if (rangeAfterId(ids).test(after)) return undefined;
  return lead.id;
}

/** "TASK-5 depends on": the ID that ends the text before the phrase, allowing a label in parentheses. */
function subjectBefore(before: string, ids: IdMatcher): string | undefined {
  const found = findIds(before, ids).at(-1);
  if (!found) return undefined;
  const between = before.slice(found.index + found.id.length);
  return /^\s*(?:\([^)]*\))?[\s*_:,-]*(?:(?:also|still|only|now|directly)\s+)?$/iu.test(between) ? found.id : undefined;
}

function countBefore(text: string, id: string, index: number): number {
  let count = 0;
  for (let at = text.indexOf(id); at !== -1 && at < index; at = text.indexOf(id, at + 1)) count++;
  return count;
}

function nthOccurrence(text: string, token: string, n: number): number {
  let at = text.indexOf(token);
  for (let i = 0; i < n && at !== -1; i++) at = text.indexOf(token, at + 1);
  return at;
}

/**
 * Where each token occurs in a source line as a whole word (node `A` is not the A of `TASK`):
 * task IDs indexed in one pass, other tokens (mermaid node names) looked up once each.
 */
class TokenPositions {
  private readonly found = new Map<string, number[]>();

  constructor(
    private readonly line: string,
    ids: IdMatcher,
  ) {
    for (const occurrence of findIds(line, ids)) {
      const positions = this.found.get(occurrence.id);
      if (positions) positions.push(occurrence.index);
      else this.found.set(occurrence.id, [occurrence.index]);
    }
  }

  at(token: string, occurrence: number): number {
    let positions = this.found.get(token);
    if (!positions) {
      const escaped = token.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const pattern = new RegExp(`(?<![\\p{L}\\p{N}_.-])${escaped}(?![\\p{L}\\p{N}_]|\\.\\d)`, 'gu');
      positions = [...this.line.matchAll(pattern)].map((match) => match.index);
      this.found.set(token, positions);
    }
    return positions[occurrence] ?? -1;
  }
}

type Direction = 'forward' | 'backward' | 'none';

/** Arrows, longest first. Undirected links (`---`, `↔`) join nothing. */
const ARROW = /<-->|<->|<==>|↔|⇔|<-\.+->|<-{1,}|<={2,}|←|⟵|⇐|-\.+->|-{1,}>|={1,}>|→|⟶|➔|➜|➡|⇒|-{3,}|-\.+-/gu;
const ARROW_TEST = /<-|->|=>|[→⟶➔➜➡⇒←⟵⇐]|-\.+-/u;

function directionOf(arrow: string): Direction {
  if (/^(?:<-->|<->|<==>|↔|⇔|<-\.+->|-{3,}|-\.+-)$/u.test(arrow)) return 'none';
  if (/^(?:<|←|⟵|⇐)/u.test(arrow)) return 'backward';
  return 'forward';
}

interface GraphNode {
  task: string;
  /** The text to find in the source line for the range, and which occurrence of it. */
  token: string;
  occurrence: number;
}

export interface GraphEdge {
  from: string;
  to: string;
  fromToken: string;
  fromOccurrence: number;
  toToken: string;
  toOccurrence: number;
}

/** Mermaid node ids whose label names a task: `A["TASK-1: Build"]` lets later lines say `A --> B`. */
export function mermaidNodes(lines: string[], ids: IdMatcher): Map<string, string> {
  const aliases = new Map<string, string>();
  const definition = /([A-Za-z0-9_][\w-]*)\s*(?:\[\[|\[\(|\(\(|\[\/|\[\\|\[|\(|\{\{|\{|>)\s*"?([^\])}"\n]*)/gu;
  for (const raw of lines) {
    const line = repairMojibake(raw);
    for (const match of line.matchAll(definition)) {
      const task = findIds(match[2] ?? '', ids)[0];
      if (task && !aliases.has(match[1]!)) aliases.set(match[1]!, task.id);
    }
  }
  return aliases;
}

/**
 * The edges one line of a graph states: `TASK-1 (label) → TASK-2 → TASK-3`, `A --> B & C`.
 * Labels in parentheses and mermaid link texts are not nodes; a segment without a task breaks the chain.
 */
export function graphEdges(line: string, ids: IdMatcher, aliases = new Map<string, string>()): GraphEdge[] {
  const mermaid = aliases.size > 0 || /-->|==>|-\.->/u.test(line);
  // Mermaid link texts: `A -->|text| B`, `A -- text --> B`.
  const cleaned = mermaid
    ? line
        .replace(/(-{2,}>|={2,}>|-\.+->)\s*\|[^|\n]*\|/gu, '$1')
        .replace(/(?<![-<])--\s+[^-|>\n][^|>\n]*?\s+-->/gu, ' --> ')
    : line;
  const segments: string[] = [];
  const arrows: Direction[] = [];
  let last = 0;
  ARROW.lastIndex = 0;
  for (let match = ARROW.exec(cleaned); match; match = ARROW.exec(cleaned)) {
    segments.push(cleaned.slice(last, match.index));
    arrows.push(directionOf(match[0]));
    last = match.index + match[0].length;
  }
  segments.push(cleaned.slice(last));
  if (arrows.length === 0) return [];
  const seen = new Map<string, number>();
  const nodes = segments.map((segment) => segmentNodes(segment, ids, aliases, mermaid, seen));
  const edges: GraphEdge[] = [];
  arrows.forEach((direction, i) => {
    if (direction === 'none') return;
    const left = nodes[i]!;
    const right = nodes[i + 1]!;
    for (const a of left) {
      for (const b of right) {
        const [from, to] = direction === 'forward' ? [a, b] : [b, a];
        if (from.task === to.task && from.token === to.token && from.occurrence === to.occurrence) continue;
        edges.push({
          from: from.task,
          to: to.task,
          fromToken: from.token,
          fromOccurrence: from.occurrence,
          toToken: to.token,
          toOccurrence: to.occurrence,
        });
      }
    }
  });
  return edges;
}

function segmentNodes(
  segment: string,
  ids: IdMatcher,
  aliases: Map<string, string>,
  mermaid: boolean,
  seen: Map<string, number>,
): GraphNode[] {
  const take = (token: string, task: string): GraphNode => {
    const occurrence = seen.get(token) ?? 0;
    seen.set(token, occurrence + 1);
    return { task, token, occurrence };
  };
  if (mermaid) {
    const nodes: GraphNode[] = [];
    for (const part of segment.split('&')) {
      const trimmed = part.trim();
      const node = /^([A-Za-z0-9_][\w.-]*)?\s*(.*)$/su.exec(trimmed);
      const label = node?.[2] ?? '';
      const inLabel = findIds(label, ids)[0];
      const own = node?.[1] ? findIds(node[1], ids).find((found) => found.id === node[1]) : undefined;
      // Count every ID the segment holds so later occurrences of the same text are found.
      if (inLabel) nodes.push(take(inLabel.id, inLabel.id));
      else if (own) nodes.push(take(own.id, own.id));
      else if (node?.[1] && aliases.has(node[1])) nodes.push(take(node[1], aliases.get(node[1])!));
    }
    return nodes;
  }
  // Text graphs: "TASK-028.1 (BeeGFS)": IDs outside parentheses are the nodes.
  let outside = segment;
  for (let previous = ''; previous !== outside;) {
    previous = outside;
    outside = outside.replace(/\([^()]*\)/gu, (inner) => ' '.repeat(inner.length));
  }
  const nodes: GraphNode[] = [];
  for (const found of findIds(segment, ids)) {
    const kept = outside.slice(found.index, found.index + found.id.length) === found.id;
    if (kept) nodes.push(take(found.id, found.id));
    else seen.set(found.id, (seen.get(found.id) ?? 0) + 1);
  }
  return nodes;
}

/** Arrow heads pointing down or up, and the shafts that may join them to a node. */
const DOWN = new Set(['↓', '▼', '⬇', '⇓', '▽']);
const UP = new Set(['↑', '▲', '⬆', '⇑', '△']);
const SHAFT = new Set(['│', '┃', '║', '|', '╎', '┆', '┊']);
const VERTICAL_HEAD = /[↓▼⬇⇓▽↑▲⬆⇑△]/u;
/** What ends the text before the second ID of a range: "TASK-035-", "TASK-1 through ". */
const RANGE_BEFORE = /(?:[-–—]|\.\.|\s(?:through|thru|to)\s)\s*$/u;
/** What follows the first ID of a range: "-T012", " to 044". */
const RANGE_AFTER = /^(?:[-–—]|\.\.|\s+(?:through|thru|to)\s+)\s*\p{L}*[-]?\d/u;

export interface VerticalEdge {
  from: string;
  to: string;
  /** Lines (0-based, of the block) and which occurrence of the ID on its line. */
  fromLine: number;
  fromOccurrence: number;
  toLine: number;
  toOccurrence: number;
}

interface ColumnNode {
  id: string;
  occurrence: number;
  /** Code-point columns the node covers: the ID and a label in parentheses right after it. */
  start: number;
  end: number;
}

/** The task nodes of one line of a text graph, by the columns they cover. A range ("T002-T012") is none. */
function columnNodes(line: string, ids: IdMatcher): ColumnNode[] {
  const nodes: ColumnNode[] = [];
  const seen = new Map<string, number>();
  for (const found of findIds(line, ids)) {
    const occurrence = seen.get(found.id) ?? 0;
    seen.set(found.id, occurrence + 1);
    const after = line.slice(found.index + found.id.length);
    const before = line.slice(0, found.index);
    if (
      rangeAfterId(ids).test(after) ||
      RANGE_AFTER.test(after) ||
      (RANGE_BEFORE.test(before) && findIds(before, ids).length > 0)
    )
      continue;
    const label = /^ ?\([^()\n]*\)/u.exec(after)?.[0] ?? '';
    const start = Array.from(before).length;
    nodes.push({ id: found.id, occurrence, start, end: start + Array.from(found.id + label).length });
  }
  return nodes;
}

/**
 * Edges a text graph draws with vertical arrows: a head (↓ ▼ or ↑ ▲), perhaps joined by shafts
 * (│), straight under one task node and over another, in the same column. A junction, a blank
 * or a range on the way draws nothing we can be sure of.
 */
export function verticalEdges(lines: string[], ids: IdMatcher): VerticalEdge[] {
  const grid = lines.map((line) => Array.from(line));
  const nodesOf = new Map<number, ColumnNode[]>();
  const nodesOn = (row: number): ColumnNode[] => {
    let nodes = nodesOf.get(row);
    if (!nodes) {
      nodes = columnNodes(lines[row] ?? '', ids);
      nodesOf.set(row, nodes);
    }
    return nodes;
  };
  /** The node the column reaches going up or down from `row`, through shafts and heads of the same direction. */
  const reach = (
    row: number,
    column: number,
    step: 1 | -1,
    heads: Set<string>,
  ): { row: number; node: ColumnNode } | undefined => {
    for (let r = row + step; r >= 0 && r < grid.length; r += step) {
      const node = nodesOn(r).find((candidate) => column >= candidate.start && column < candidate.end);
      if (node) return { row: r, node };
      const char = grid[r]![column];
      if (char === undefined || (!SHAFT.has(char) && !heads.has(char))) return undefined;
    }
    return undefined;
  };
  const edges: VerticalEdge[] = [];
  const seen = new Set<string>();
  grid.forEach((chars, row) => {
    chars.forEach((char, column) => {
      const down = DOWN.has(char);
      if (!down && !UP.has(char)) return;
      const heads = down ? DOWN : UP;
      const above = reach(row, column, -1, heads);
      const below = reach(row, column, 1, heads);
      if (!above || !below || above.node.id === below.node.id) return;
      const [from, to] = down ? [above, below] : [below, above];
      const key = `${from.row}:${from.node.start}\0${to.row}:${to.node.start}`;
      if (seen.has(key)) return;
      seen.add(key);
      edges.push({
        from: from.node.id,
        to: to.node.id,
        fromLine: from.row,
        fromOccurrence: from.node.occurrence,
        toLine: to.row,
        toOccurrence: to.node.occurrence,
      });
    });
  });
  return edges;
}
