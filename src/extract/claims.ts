/**
 * Claims: the numbers a document asserts about groups of tasks (counts, fractions, totals,
 * durations), each bound to its subject and, where it is plain, to the evidence it can be checked
 * against. When it is not clear what a number counts, no claim is made.
 */
import type { Heading as MdHeading, List, ListItem, Nodes, Paragraph, Root, RootContent, Table, TableRow } from 'mdast';
import type {
  Claim,
  ClaimPart,
  ClaimSubject,
  CountClaim,
  Duration,
  DurationClaim,
  ProgressClaim,
  Range,
  RemainingClaim,
  Status,
  TotalClaim,
  WrittenEnd,
} from '../types.js';
import { tableColumns } from './document.js';
import {
  DURATION_PATTERN,
  DURATION_RANGE_PATTERN,
  formatTime,
  parseDuration,
  rangeDuration,
  withApproximation,
} from './duration.js';
import { groupedNumber } from './vocab/numbers.js';
import { findIds, findListsOfIds, leadingId, splitId, type IdMatcher } from './ids.js';
import { repairMojibake } from './mojibake.js';
import { classifyStatus, type StatusVocabulary } from './status.js';
import { isStruckThrough, knownToHoldCode, type LineIndex, nodeOffsets, repairedText } from './text.js';

export interface ClaimOptions {
  ids: IdMatcher;
  vocabulary: StatusVocabulary;
}

/** Lists nested deeper than this are not planning structure. */
const MAX_LIST_DEPTH = 16;

/** "(4 tasks: 040-044)": a count and the IDs it counts, the parenthesis's inside from the count on. */
const LISTED_COUNT = /\((\d{1,3}\s+tasks?(?:\s+(?:remaining|left|open|pending|to go))?\s*:\s*[^()\n]+?)\s*\)/giu;
/** "(6 tasks)", "17 tasks remaining", "12 open tasks"; not "8 of 10 tasks" nor "3 tasks complete". */
const TASK_COUNT =
  /(?<![\d/.,])(\d{1,5})\s+(?:(remaining|open|active|pending|outstanding)\s+)?tasks?\b(\s+remaining\b)?/giu;
/**
 * Quick tests that spare most lines the patterns below, which are slow to fail. Each is what its
 * pattern cannot match without; `ſ` (long s) and the Kelvin sign are there because a Unicode
 * case-insensitive pattern reads them as `s` and `k`, and these do not.
 */
const MAY_COUNT_TASKS = /task|[\u017f\u212a]/i;
const MAY_BE_FRACTION = /\d\s*(?:\/|of|out of)\s*\d/i;
const HAS_DIGIT = /\d/;
const COUNTS_DONE_AFTER = /^\s*(?:complete[d]?|done|finished|closed)\b/iu;
const FRACTION_BEFORE = /(?:\bof|\/|\bout of)\s*$/iu;
const DEPRECATED = /(\d{1,5})\s+(?:deprecated|superseded|cancell?ed|dropped)\b/iu;
const WORKSTREAMS = /(?<![\d/.,])(\d{1,3})\s+(?:active\s+)?workstreams?\b/iu;
const WORKSTREAM_HEADING = /^\W*workstream\s+[\w.]{1,4}\b/iu;
/** "29/48", "8 of 10", "18 out of 22": a fraction needs words around it that say it counts tasks done. */
const FRACTION = /(?<![\d/.,:-])(\d{1,5})\s*(?:\/|\bof\b|\bout of\b)\s*(\d{1,5})(?![\d/]|[.,:]\d|\s*%)/giu;
const REMAINING =
  /(?<![\d/.,])(\d{1,5})\s+(?:tasks?\s+remaining|remaining\s+tasks?)\b|\bremaining\s*:\s*(\d{1,5})\s+tasks?\b/giu;
/** A cheap test that lets most lines skip REMAINING, which is slow to fail: it cannot match without the word. */
const MAY_BE_REMAINING = /remaining/i;
/** A metric row that counts every task: "Total tasks defined", "Total tasks". */
const TOTAL_TASKS_ROW = /^\W*total\s+(?:number\s+of\s+)?tasks(?:\s+(?:defined|planned|tracked))?\W*$/iu;
/** A metric row that counts the tasks of one status: "Tasks completed", "Tasks in progress", "Pending tasks". */
const STATUS_ROW =
  /^\W*(?:tasks?\s+)?(complete[d]?|done|finished|in\s+progress|pending|blocked|not\s+started|to\s?do|open|remaining|deprecated|cancell?ed|on\s+hold)(?:\s+tasks?)?\W*$/iu;
/** A TOTAL row: its first cell says only "Total" (or "Grand total", "Sum"). */
const TOTAL_LABEL = /^\W*(?:grand\s+)?(?:total|sum)\W*$/iu;
/** A cell holding one number, perhaps with a note: "10 (2 deprecated)", "94 (76%)". */
const NUMBER_CELL = /^\s*[~≈]?\s*(\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?\s*(?:\(([^()]*)\))?\s*$/u;

/** Labels whose line states a section's estimated total time. */
const ESTIMATE_LABEL =
  /^(?:estimated\s+(?:time|completion|effort|duration|total|work)(?:\s+(?:to\s+complete|remaining))?|estimate[ds]?|total\s+(?:time|effort|estimate|duration|work)|time\s+estimate|effort|duration)$/iu;
/** Labels of a line that states the time left, not the time of every task: "Remaining: 6 hours". */
const REMAINING_LABEL =
  /^(?:remaining|time\s+(?:remaining|left)|remaining\s+(?:time|effort|work|estimate)|effort\s+(?:remaining|left)|left)$/iu;
/** An estimate label that speaks of what is left: "Estimated Time Remaining", "Estimated Time to Complete". */
const LEFT_WORDS = /\b(?:remaining|left|to\s+complete|outstanding)\b/iu;
/** A subsection that restates the total ("### Summary", "### Total"): its time is the sum, not a part. */
const TOTAL_SECTION = /^[^\p{L}\p{N}]*(?:total|summary|overall|sum|grand\s+total)(?![\p{L}])/iu;
/** A status that ends a heading: "TASK-41: Role ✅", "... COMPLETE". */
const HEADING_ENDS_DONE = /(?:[✅✔☑]\uFE0F?|(?<![\p{L}])(?:COMPLETED?|DONE|FINISHED))\s*\)?\s*$/u;
/** A stated time with these words is not the plain sum of the parts listed. */
const QUALIFIED_ESTIMATE =
  /\b(?:excluding|excludes?|except|without|not\s+including|not\s+counting|plus|add|additional|extra|buffer|per\b|each\b|parallel|concurrent)/iu;
/** A heading or label that names a time box (a sprint, a week): its length is not the sum of its tasks. */
const TIME_BOX =
  /\b(?:sprint|iteration|time-?box|week\s+(?:of\b|\d)|month\s+\d|quarter|q[1-4]\b|day\s*\d|deadline|due\b|(?:next|this|last|within|over|first)\s+(?:\d+(?:\.\d+)?\s+)?(?:days?|weeks?|months?))/iu;
/** Labels of a line that names the subject's own task list. */
const REFERENCE_LABEL = /^(?:references?|location|task\s+list|tasks|tracked\s+in|full\s+list)$/iu;
/** A status label: the claim on its line is about the enclosing section. */
const STATUS_LABEL = /^(?:current\s+|overall\s+)?(?:status|progress|completion|state|overall)$/iu;
/** "Phase 0", "Week 3", "Stream B": a label that only numbers something. */
const ORDINAL_LABEL =
  /^(?:phase|stage|step|category|cat|week|sprint|stream|milestone|part|day|iteration|workstream|wave|priority)\s*[\w.]{1,4}$/iu;
/** A list item that gives the list's total: "Total: 4 hours", "**Sum**: 4 hrs". */
const TOTAL_ITEM = /^[^\p{L}\p{N}]*(?:total|sum|overall|in all)(?![\p{L}])/iu;
/** A sentence that introduces a part of a whole: a preview, a sample, what changed. */
const PART_OF_WHOLE =
  /(?<![\p{L}])(?:(?:next|first|top|last)\s+(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|few)|previews?|highlights?|for example|e\.g\.|such as|a sample|a selection|some of|a few of|changed|updated since|new since|since the last|recently (?:added|changed|updated))(?![\p{L}])/iu;
const CRITERIA_LABEL =
  /criteria|acceptance|definition of done|expected outcome|success metric|deliverable|checklist|exit condition|prerequisite|changes|strategy|objective|goals?$/iu;

interface Section {
  heading?: MdHeading;
  depth: number;
  label: string;
  /** The blocks between this heading and the next one of any depth. */
  blocks: RootContent[];
  children: Section[];
  /** The part before the first heading, or the document's only title: its claims are about the document. */
  top: boolean;
}

interface TaskRow {
  part: ClaimPart;
  status: Status | undefined;
  duration: Duration | undefined;
  durationText: string;
}

interface TextLine {
  text: string;
  line: number;
  /** The line's label (see labelOf), once asked for: null when it has none. */
  label?: string | null;
}

const textLinesOf = new WeakMap<Nodes, TextLine[]>();

/** The label of a line of text, read once however many passes ask. */
function lineLabel(textLine: TextLine): string | undefined {
  if (textLine.label === undefined) textLine.label = labelOf(textLine.text) ?? null;
  return textLine.label ?? undefined;
}

export function extractClaims(tree: Root, lines: LineIndex, options: ClaimOptions): Claim[] {
  return new ClaimExtractor(lines, options).extract(tree);
}

class ClaimExtractor {
  private readonly claims: Claim[] = [];
  private readonly sourceLines: string[];
  private readonly taskRowsOf = new Map<Table, TaskRow[] | undefined>();
  /** The current section's own progress, stated on a "Status:" line: the whole a breakdown adds up to. */
  private wholes: ProgressClaim[] = [];

  constructor(
    private readonly lines: LineIndex,
    private readonly options: ClaimOptions,
  ) {
    this.sourceLines = lines.text.split('\n');
  }

  extract(tree: Root): Claim[] {
    const sections = buildSections(tree);
    const workstreams = sections.filter((s) => s.heading && WORKSTREAM_HEADING.test(s.label));
    const workstreamDepth = Math.min(...workstreams.map((s) => s.depth));
    const workstreamHeadings = workstreams.filter((s) => s.depth === workstreamDepth);
    for (const section of sections) this.visitSection(section, workstreamHeadings);
    return this.claims.sort(
      (a, b) => a.range.start.line - b.range.start.line || a.range.start.column - b.range.start.column,
    );
  }

  // ---- places and text ----

  private range(node: Nodes): Range {
    const offsets = nodeOffsets(node);
    return offsets
      ? this.lines.range(offsets.start, offsets.end)
      : { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };
  }

  /** The range of `needle` on a source line, or of the whole line when it is not found there. */
  private locate(line: number, needle: string): Range {
    const source = this.sourceLines[line - 1] ?? '';
    const index = needle ? source.indexOf(needle) : -1;
    if (index !== -1) return { start: { line, column: index + 1 }, end: { line, column: index + 1 + needle.length } };
    const start = source.length - source.trimStart().length;
    return {
      start: { line, column: start + 1 },
      end: { line, column: Math.max(start + 1, source.trimEnd().length + 1) },
    };
  }

  /** The lines of a node's claim text; several passes read the same paragraphs, so each is split once. */
  private textLines(node: Nodes): TextLine[] {
    let lines = textLinesOf.get(node);
    if (!lines) {
      const first = node.position?.start.line ?? 1;
      lines = claimText(node)
        .split('\n')
        .map((text, i) => ({ text, line: first + i }));
      textLinesOf.set(node, lines);
    }
    return lines;
  }

  /** Paths of the links on one source line of a node. */
  private linksOn(node: Nodes, line?: number): string[] {
    const paths: string[] = [];
    walkInline(node, (child) => {
      if (child.type !== 'link') return;
      if (line !== undefined && child.position?.start.line !== line) return;
      const target = linkPath(child.url);
      if (target !== undefined) paths.push(target);
    });
    return [...new Set(paths)];
  }

  /** Links on "Reference:" / "Location:" lines of a section's own paragraphs and list items. */
  private referenceLinks(blocks: RootContent[]): string[] {
    const found: string[] = [];
    const consider = (node: Paragraph): void => {
      for (const textLine of this.textLines(node)) {
        const label = lineLabel(textLine);
        if (label && REFERENCE_LABEL.test(label)) found.push(...this.linksOn(node, textLine.line));
      }
    };
    for (const block of blocks) {
      if (block.type === 'paragraph') consider(block);
      else if (block.type === 'list')
        for (const item of block.children) if (item.children[0]?.type === 'paragraph') consider(item.children[0]);
    }
    return [...new Set(found)];
  }

  private sectionSubject(section: Section): ClaimSubject {
    return {
      label: cleanSubject(section.label) || section.label,
      links: this.referenceLinks(section.blocks),
      document: section.top,
    };
  }

  // ---- sections ----

  private visitSection(section: Section, workstreamHeadings: Section[]): void {
    const subject = this.sectionSubject(section);
    this.wholes = [];
    if (section.heading) this.visitHeading(section, subject);
    section.blocks.forEach((block, index) => {
      const next = section.blocks[index + 1];
      const previous = section.blocks[index - 1];
      if (block.type === 'paragraph' && previous?.type === 'table') this.adjustedTotal(block, previous);
      if (block.type === 'paragraph') this.visitParagraph(block, next, section, subject, workstreamHeadings);
      else if (block.type === 'list') this.visitList(block, section, subject, 0);
      else if (block.type === 'table') this.visitTable(block, section);
    });
    this.sectionEstimates(section, subject);
    this.fractionBreakdown(section);
  }

  /** "Status: 64% complete (31/48 tasks)" beside a list of parts "Phase 0 (6/6 complete)", "Phase 4 (18/22 complete)". */
  private fractionBreakdown(section: Section): void {
    if (this.wholes.length !== 1) return;
    const whole = this.wholes[0]!;
    const breakdowns: ClaimPart[][] = [];
    for (const block of section.blocks) {
      if (block.type !== 'list' || block.children.length < 2) continue;
      const parts = block.children.map((item) => {
        const paragraph = item.children[0];
        if (paragraph?.type !== 'paragraph') return undefined;
        const lead = claimText(paragraph).split('\n')[0] ?? '';
        const fractions = fractionsIn(lead).filter((fraction) => fraction.strong);
        if (fractions.length !== 1) return undefined;
        const part: ClaimPart = {
          range: this.range(item),
          value: fractions[0]!.total,
          done: fractions[0]!.done,
          text: cleanSubject(lead.slice(0, fractions[0]!.index)) || lead.trim(),
        };
        if (fractions[0]!.deprecated !== undefined) part.deprecated = fractions[0]!.deprecated;
        return part;
      });
      if (parts.every((part): part is ClaimPart => part !== undefined)) breakdowns.push(parts);
    }
    if (breakdowns.length !== 1) return;
    const claim: TotalClaim = {
      kind: 'total',
      of: 'fractions',
      label: 'tasks',
      stated: whole.total,
      statedDone: whole.done,
      parts: breakdowns[0]!,
      text: whole.text,
      range: whole.range,
      subject: whole.subject,
    };
    if (whole.deprecated !== undefined) claim.deprecated = whole.deprecated;
    this.claims.push(claim);
  }

  /**
   * "(4 tasks: 040-044)", "(3 tasks remaining: 046, 047.1, 048)": a count of the IDs that follow
   * it, when they are all the parenthesis holds. A count already read from the line gets them.
   */
  private listedCounts({ text, line }: TextLine, subject: ClaimSubject): void {
    if (!text.includes(':')) return;
    for (const match of text.matchAll(LISTED_COUNT)) {
      const inner = match[1]!;
      const list = findListsOfIds(inner, this.options.ids)[0];
      // Nothing but IDs after the colon, and no range between two schemes (which names nothing).
      if (list?.end !== inner.length || (list.groups.length === 0 && list.ids.length === 0)) continue;
      const full = findIds(inner, this.options.ids).filter((found) => list.ids.includes(found.index));
      const ends: WrittenEnd[] = [
        ...full.flatMap((found) => {
          const split = splitId(found.id);
          return split ? [{ prefix: split.prefix, from: split.number, text: found.id }] : [];
        }),
        ...list.groups.map((group) => ({
          ...(group.prefix !== undefined ? { prefix: group.prefix } : {}),
          from: group.from,
          ...(group.to !== undefined ? { to: group.to } : {}),
          text: group.written,
        })),
      ];
      if (ends.length !== full.length + list.groups.length) continue;
      const written = inner.slice(list.groups[0]?.index ?? list.index);
      const countText = /^\d+\s+tasks?/iu.exec(inner)![0];
      const range = this.locate(line, countText);
      const listed = { ends, text: written.trim(), range: this.locate(line, written.trim()) };
      const stated = Number(/^\d+/u.exec(countText)![0]);
      const known = this.claims.find(
        (claim): claim is CountClaim =>
          claim.kind === 'count' &&
          claim.range.start.line === range.start.line &&
          claim.range.start.column === range.start.column,
      );
      if (known) known.listed = listed;
      else
        this.claims.push({
          kind: 'count',
          noun: 'tasks',
          stated,
          remaining: /\s(?:remaining|left|open|pending|to go)\s*:/iu.test(inner),
          text: countText,
          range,
          subject,
          listed,
        });
    }
  }

  /** "(6 tasks)", "17 tasks remaining" as written on `line`, before its evidence is found. */
  private taskCountClaim(count: TaskCount, line: number, subject: ClaimSubject): CountClaim {
    return {
      kind: 'count',
      noun: 'tasks',
      stated: count.stated,
      remaining: count.remaining,
      text: count.text,
      range: this.locate(line, count.text),
      subject,
      ...(count.deprecated !== undefined ? { deprecated: count.deprecated } : {}),
    };
  }

  private visitHeading(section: Section, subject: ClaimSubject): void {
    const heading = section.heading!;
    const line = heading.position?.start.line ?? 1;
    const text = section.label;
    const count = taskCountIn(text);
    if (count) {
      const claim = this.taskCountClaim(count, line, subject);
      const found = this.countEvidence(section.blocks);
      if (found?.type === 'count') claim.evidence = found.evidence;
      else if (found?.type === 'breakdown') this.addBreakdown(claim, 'items', found.parts);
      else if (!hasTableOrList(section.blocks) && section.children.length > 0) {
        const parts = section.children.map((child) => this.headingCountPart(child));
        if (parts.every((part): part is ClaimPart => part !== undefined)) this.addBreakdown(claim, 'sections', parts);
      }
      this.claims.push(claim);
    }
    for (const fraction of fractionsIn(text)) {
      if (!fraction.strong) continue;
      const label = cleanSubject(text.slice(0, fraction.index)) || text;
      this.addProgress(fraction, line, { ...subject, label });
    }
  }

  /** A subsection's own count ("(10 tasks, 2 deprecated)"), as a part of its parent's count. */
  private headingCountPart(section: Section): ClaimPart | undefined {
    const count = taskCountIn(section.label);
    if (!count || !section.heading) return undefined;
    return {
      range: this.locate(section.heading.position?.start.line ?? 1, count.text),
      value: count.stated,
      ...(count.deprecated !== undefined ? { deprecated: count.deprecated } : {}),
      text: section.label,
    };
  }

  private addBreakdown(claim: CountClaim, of: 'sections' | 'items', parts: ClaimPart[]): void {
    if (parts.length === 0) return;
    this.claims.push({
      kind: 'total',
      of,
      label: 'tasks',
      stated: claim.stated,
      ...(claim.deprecated !== undefined ? { deprecated: claim.deprecated } : {}),
      parts,
      text: claim.text,
      range: claim.range,
      subject: claim.subject,
    });
  }

  private visitParagraph(
    node: Paragraph,
    next: RootContent | undefined,
    section: Section,
    subject: ClaimSubject,
    workstreams: Section[],
  ): void {
    const lines = this.textLines(node);
    // "**Stream B - Infrastructure Validation (10 hrs):**" over the list it sums.
    const label = lines.length === 1 ? labelParagraph(lines[0]!.text) : undefined;
    if (label !== undefined) this.labelClaims(label, lines[0]!, next, subject);
    this.lineClaims(node, lines, subject, section.top ? workstreams : undefined);
  }

  /** A label paragraph stating a count or a total time, checked against the block right after it. */
  private labelClaims(label: string, { line }: TextLine, next: RootContent | undefined, section: ClaimSubject): void {
    const subject: ClaimSubject = { ...section, label: cleanSubject(label) || label, document: false };
    const count = taskCountIn(label);
    if (count) {
      const claim = this.taskCountClaim(count, line, subject);
      const found = next ? this.countEvidence([next]) : undefined;
      if (found?.type === 'count') claim.evidence = found.evidence;
      this.claims.push(claim);
    }
    const stated = statedDurationOfName(label);
    if (stated) {
      const claim: DurationClaim = {
        kind: 'duration',
        stated: [stated],
        text: stated.text,
        range: this.locate(line, stated.text),
        subject,
      };
      const evidence = next ? this.durationEvidenceOfBlocks([next]) : undefined;
      if (evidence && evidence !== 'unsure') claim.evidence = evidence;
      this.claims.push(claim);
    }
  }

  /** Fractions, "N tasks remaining" and "N workstreams" on the lines of a paragraph or list item. */
  private lineClaims(
    node: Paragraph,
    lines: TextLine[],
    holder: ClaimSubject,
    workstreams: Section[] | undefined,
    item?: ClaimSubject,
  ): void {
    const progress: { claim: ProgressClaim; line: TextLine; generic: boolean }[] = [];
    for (const textLine of lines) {
      this.listedCounts(textLine, holder);
      const label = lineLabel(textLine);
      const generic = label !== undefined && STATUS_LABEL.test(cleanSubject(label));
      for (const fraction of fractionsIn(textLine.text)) {
        // "2 of 3 tasks need review" counts tasks but says nothing about progress.
        if (!fraction.strong && !generic) continue;
        const subject = this.lineSubject(node, textLine, fraction.index, label, generic, holder, item);
        const claim = this.addProgress(fraction, textLine.line, subject, textLine.text);
        if (generic) this.wholes.push(claim);
        progress.push({ claim, line: textLine, generic });
      }
      if (workstreams && workstreams.length > 0) {
        const match = WORKSTREAMS.exec(textLine.text);
        if (match) {
          this.claims.push({
            kind: 'count',
            noun: 'workstreams',
            stated: Number(match[1]),
            remaining: false,
            text: match[0],
            range: this.locate(textLine.line, match[0]),
            subject: holder,
            evidence: {
              of: 'headings',
              parts: workstreams.map((ws) => ({ range: this.range(ws.heading!), value: 1, text: ws.label })),
              deprecated: 0,
            },
          });
        }
      }
    }
    // "(18/22 complete) - 3 tasks remaining"; "Status: 29/48 tasks" over "Remaining: 19 tasks".
    const remaining = lines.flatMap((textLine) =>
      MAY_BE_REMAINING.test(textLine.text)
        ? [...textLine.text.matchAll(REMAINING)].map((match) => ({ match, line: textLine }))
        : [],
    );
    if (progress.length !== 1 || remaining.length !== 1) return;
    const { claim, line, generic } = progress[0]!;
    const { match, line: remainingLine } = remaining[0]!;
    const sameLine = line.line === remainingLine.line;
    if (!sameLine && !(generic && /^remaining$/iu.test(lineLabel(remainingLine) ?? ''))) return;
    const stated = Number(match[1] ?? match[2]);
    const text = match[0].trim();
    const result: RemainingClaim = {
      kind: 'remaining',
      done: claim.done,
      total: claim.total,
      remaining: stated,
      text,
      range: this.locate(remainingLine.line, match[0]),
      subject: claim.subject,
    };
    if (claim.deprecated !== undefined) result.deprecated = claim.deprecated;
    this.claims.push(result);
  }

  /** What a fraction on a line is about: its status label's section, its own label, or the words before it. */
  private lineSubject(
    node: Paragraph,
    textLine: TextLine,
    index: number,
    label: string | undefined,
    generic: boolean,
    holder: ClaimSubject,
    item?: ClaimSubject,
  ): ClaimSubject {
    const lineLinks = this.linksOn(node, textLine.line);
    if (generic) return { ...holder, links: [...new Set([...holder.links, ...lineLinks])] };
    const ownLabel = label !== undefined ? cleanSubject(label) : '';
    let name = ownLabel && !ORDINAL_LABEL.test(ownLabel) ? ownLabel : cleanSubject(textLine.text.slice(0, index));
    if (!name && item) name = item.label;
    if (!name) return { ...holder, links: [...new Set([...holder.links, ...lineLinks])] };
    return { label: name, links: lineLinks, document: false };
  }

  /**
   * A fraction of `text` (its line, or its cell after the row's other cells) as a progress claim;
   * without `text` (a heading's, whose words are its anchor too), nothing is said around it.
   */
  private addProgress(fraction: Fraction, line: number, subject: ClaimSubject, text?: string): ProgressClaim {
    const claim: ProgressClaim = {
      kind: 'progress',
      done: fraction.done,
      total: fraction.total,
      text: fraction.text,
      range: this.locate(line, fraction.needle),
      subject,
    };
    if (text !== undefined)
      claim.around = `${text.slice(0, fraction.index)} ${text.slice(fraction.index + fraction.needle.length)}`;
    if (fraction.deprecated !== undefined) claim.deprecated = fraction.deprecated;
    if (fraction.percent !== undefined) claim.percent = fraction.percent;
    this.claims.push(claim);
    return claim;
  }

  private visitList(list: List, section: Section, holder: ClaimSubject, depth: number): void {
    if (depth > MAX_LIST_DEPTH) return;
    for (const item of list.children) this.visitListItem(item, section, holder, depth);
  }

  private visitListItem(item: ListItem, section: Section, holder: ClaimSubject, depth: number): void {
    const [first, ...rest] = item.children;
    if (first?.type === 'paragraph') {
      const lines = this.textLines(first);
      const lead = lines[0]?.text ?? '';
      const line = lines[0]?.line ?? 1;
      const subject: ClaimSubject = {
        label: cleanSubject(lead) || lead.trim(),
        links: this.linksOn(first),
        document: false,
      };
      // "**Category 1: Basic Training (2 tasks)** - 3 days" over its nested list of tasks.
      const count = taskCountIn(lead);
      if (count && rest.length > 0) {
        const claim = this.taskCountClaim(count, line, subject);
        const found = this.countEvidence(rest);
        if (found?.type === 'count') claim.evidence = found.evidence;
        this.claims.push(claim);
      }
      const stated = rest.some((child) => child.type === 'list') ? statedDurationOfName(lead) : undefined;
      if (stated) {
        const claim: DurationClaim = {
          kind: 'duration',
          stated: [stated],
          text: stated.text,
          range: this.locate(line, stated.text),
          subject,
        };
        const evidence = this.durationEvidenceOfBlocks(rest);
        if (evidence && evidence !== 'unsure') claim.evidence = evidence;
        this.claims.push(claim);
      }
      this.lineClaims(first, lines, holder, undefined, subject);
    }
    for (const child of rest) if (child.type === 'list') this.visitList(child, section, holder, depth + 1);
  }

  // ---- tables ----

  private visitTable(table: Table, section: Section): void {
    const [header, ...rows] = table.children;
    if (!header || rows.length === 0) return;
    const headers = header.children.map((cell) => cellText(cell));
    const texts = rows.map((row) => row.children.map((cell) => cellText(cell)));
    this.totalRows(table, headers, texts, section);
    this.progressRows(rows, headers, texts);
    this.statusBreakdown(table, texts, section);
  }

  /**
   * A two-column metric table: "Total tasks defined | 124 (2 deprecated)" over "Tasks completed |
   * 94 (76%)", "Tasks in progress | 0", "Tasks pending | 29": the statuses must add up to the total.
   * Rows that overlap ("remaining" beside "pending") or a status read twice make no claim.
   */
  private statusBreakdown(table: Table, texts: string[][], section: Section): void {
    if (texts.some((cells) => cells.length !== 2)) return;
    const rows = table.children.slice(1);
    let total: { r: number; value: number; deprecated?: number } | undefined;
    const parts: ClaimPart[] = [];
    const kinds = new Set<string>();
    for (const [r, cells] of texts.entries()) {
      const label = cells[0] ?? '';
      const value = numberCell(cells[1] ?? '');
      if (TOTAL_TASKS_ROW.test(label)) {
        if (total || !value) return;
        total = { r, ...value };
        continue;
      }
      const kind = STATUS_ROW.exec(label)?.[1]?.toLowerCase().replace(/\s+/gu, ' ');
      if (!kind) continue;
      const normal = /^(?:complete|completed|done|finished)$/u.test(kind)
        ? 'done'
        : /^(?:pending|not started|todo|to do)$/u.test(kind)
          ? 'pending'
          : kind;
      const cell = rows[r]!.children[1];
      if (!value || !cell || kinds.has(normal)) return;
      kinds.add(normal);
      parts.push({ range: this.range(cell), value: value.value, text: `${label}: ${cells[1] ?? ''}` });
    }
    // "Remaining" or "open" counts what "pending" and "in progress" count.
    if (!total || parts.length < 2 || !kinds.has('done') || kinds.has('remaining') || kinds.has('open')) return;
    const totalCell = rows[total.r]!.children[1];
    if (!totalCell) return;
    const claim: TotalClaim = {
      kind: 'total',
      of: 'rows',
      label: `the rows that break "${texts[total.r]![0] ?? ''}" down by status`,
      stated: total.value,
      parts,
      text: `${texts[total.r]![0] ?? ''}: ${texts[total.r]![1] ?? ''}`,
      range: this.range(totalCell),
      subject: { label: section.label, links: [], document: section.top },
    };
    if (total.deprecated !== undefined) claim.deprecated = total.deprecated;
    this.claims.push(claim);
  }

  /**
   * "**Adjusted Total (excluding completed streams):** 68 tasks (2 deprecated), 37 complete" right
   * under a completion table: the tasks and the done of its rows that are not complete (or of every
   * row when it excludes nothing). Any other exclusion leaves the rows it sums unknown.
   */
  private adjustedTotal(node: Paragraph, table: Table): void {
    const lines = this.textLines(node);
    if (lines.length !== 1) return;
    const { text, line } = lines[0]!;
    const label = lineLabel(lines[0]!);
    if (!label || !/\btotal\b/iu.test(label)) return;
    const excluding = /\b(?:excluding|excludes?|except|without)\b([^)]*)/iu.exec(label);
    if (excluding && !/^\s*(?:the\s+)?(?:complete[d]?|done|finished)\s+[\p{L}\s]{0,20}$/iu.test(excluding[1]!)) return;
    const value = text.slice(text.indexOf(':') + 1);
    const count = taskCountIn(value);
    const done = /(?<![\d/.,])(\d{1,5})\s+(?:tasks?\s+)?(?:complete[d]?|done|finished)\b/iu.exec(value);
    if (!count || !done || count.remaining) return;
    const [header, ...rows] = table.children;
    if (!header) return;
    const headers = header.children.map((cell) => cellText(cell));
    const totalColumn = headers.findIndex((h) => /^(?:total(?:\s+tasks)?|tasks|#\s*tasks|task\s+count)$/iu.test(h));
    const doneColumn = headers.findIndex((h) => /^(?:completed?|done|finished)(?:\s+tasks)?$/iu.test(h));
    if (totalColumn < 0 || doneColumn < 0) return;
    const kept: { row: TableRow; total: ReturnType<typeof numberCell>; done: ReturnType<typeof numberCell> }[] = [];
    for (const row of rows) {
      const cells = row.children.map((cell) => cellText(cell));
      if (TOTAL_LABEL.test(cells[0] ?? '')) continue;
      const rowTotal = numberCell(cells[totalColumn] ?? '');
      const rowDone = numberCell(cells[doneColumn] ?? '');
      if (!rowTotal || !rowDone) return;
      if (excluding && rowDone.value === rowTotal.value) continue;
      kept.push({ row, total: rowTotal, done: rowDone });
    }
    if (kept.length < 2) return;
    const part = (
      entry: (typeof kept)[number],
      column: number,
      value: { value: number; deprecated?: number },
    ): ClaimPart => {
      const cell = entry.row.children[column]!;
      return {
        range: this.range(cell),
        value: value.value,
        text: `${cellText(entry.row.children[0] ?? cell)}: ${cellText(cell)}`,
        ...(value.deprecated !== undefined ? { deprecated: value.deprecated } : {}),
      };
    };
    const rowsWord = excluding
      ? `the ${kept.length} rows of the table above that are not complete`
      : `the ${kept.length} rows of the table above`;
    const subject: ClaimSubject = { label: cleanSubject(label) || label, links: [], document: false };
    const tasks: TotalClaim = {
      kind: 'total',
      of: 'rows',
      label: `the ${headers[totalColumn] ?? ''} cells of ${rowsWord}`,
      stated: count.stated,
      parts: kept.map((entry) => part(entry, totalColumn, entry.total!)),
      text: count.text,
      range: this.locate(line, count.text),
      subject,
    };
    if (count.deprecated !== undefined) tasks.deprecated = count.deprecated;
    const completed: TotalClaim = {
      kind: 'total',
      of: 'rows',
      label: `the ${headers[doneColumn] ?? ''} cells of ${rowsWord}`,
      stated: Number(done[1]),
      parts: kept.map((entry) => part(entry, doneColumn, { value: entry.done!.value })),
      text: done[0],
      range: this.locate(line, done[0]),
      subject,
    };
    this.claims.push(tasks, completed);
  }

  /** A TOTAL row: each numeric column's total against the rows above it (back to the previous total). */
  private totalRows(table: Table, headers: string[], texts: string[][], section: Section): void {
    const rows = table.children.slice(1);
    let from = 0;
    texts.forEach((cells, r) => {
      if (!TOTAL_LABEL.test(cells[0] ?? '')) return;
      const partRows = texts.slice(from, r).map((partCells, i) => ({ cells: partCells, row: rows[from + i]! }));
      from = r + 1;
      if (partRows.length === 0) return;
      const subject: ClaimSubject = { label: section.label, links: [], document: section.top };
      for (let c = 1; c < headers.length && c < cells.length; c++) {
        const header = headers[c] ?? '';
        const totalText = cells[c] ?? '';
        const totalCell = rows[r]!.children[c];
        if (!totalCell || /%|percent/iu.test(header) || totalText.includes('%')) continue;
        const range = this.range(totalCell);
        const total = numberCell(totalText);
        if (total) {
          const parts = partRows.map(({ cells: partCells, row }) => {
            const value = numberCell(partCells[c] ?? '');
            const cell = row.children[c];
            const text = `${partCells[0] ?? ''}: ${partCells[c] ?? ''}`;
            return value && cell
              ? {
                  range: this.range(cell),
                  value: value.value,
                  text,
                  ...(value.deprecated !== undefined ? { deprecated: value.deprecated } : {}),
                }
              : undefined;
          });
          if (!parts.every((part): part is ClaimPart => part !== undefined)) continue;
          const claim: TotalClaim = {
            kind: 'total',
            of: 'column',
            label: header,
            stated: total.value,
            parts,
            text: `${cells[0]} ${header} ${totalText}`.trim(),
            range,
            subject,
          };
          if (total.deprecated !== undefined) claim.deprecated = total.deprecated;
          this.claims.push(claim);
          continue;
        }
        const stated = onlyDuration(totalText);
        if (!stated) continue;
        const parts = partRows.map(({ cells: partCells, row }) => {
          const duration = onlyDuration(partCells[c] ?? '');
          const cell = row.children[c];
          return duration && cell
            ? { range: this.range(cell), durations: [duration], text: `${partCells[0] ?? ''}: ${partCells[c] ?? ''}` }
            : undefined;
        });
        if (!parts.every((part) => part !== undefined)) continue;
        this.claims.push({
          kind: 'duration',
          stated: [stated],
          text: `${cells[0]} ${header} ${totalText}`.trim(),
          range,
          subject,
          evidence: { of: 'table rows', parts: parts },
        });
      }
    });
  }

  /** Rows of a completion table ("Task List | Total Tasks | Completed") and "64% (31/48)" progress cells. */
  private progressRows(rows: TableRow[], headers: string[], texts: string[][]): void {
    const totalColumn = headers.findIndex((h) => /^(?:total(?:\s+tasks)?|tasks|#\s*tasks|task\s+count)$/iu.test(h));
    const doneColumn = headers.findIndex((h) => /^(?:completed?|done|finished)(?:\s+tasks)?$/iu.test(h));
    const progressColumn = headers.findIndex((h) => /^(?:progress|completion|status|complete)(?:\s*%)?$/iu.test(h));
    if ((totalColumn < 0 || doneColumn < 0) && progressColumn < 0) return;
    // A path that several rows link to holds several subjects (an archive): it names none of them.
    const rowLinks = rows.map((row) => this.linksOn(row));
    const linkedRows = new Map<string, number>();
    for (const links of rowLinks) for (const link of links) linkedRows.set(link, (linkedRows.get(link) ?? 0) + 1);
    rows.forEach((row, r) => {
      const cells = texts[r]!;
      const label = cells[0] ?? '';
      if (!label || TOTAL_LABEL.test(label) || numberCell(label)) return;
      const subject: ClaimSubject = {
        label,
        links: rowLinks[r]!.filter((link) => linkedRows.get(link) === 1),
        document: false,
      };
      const line = row.position?.start.line ?? 1;
      if (totalColumn >= 0 && doneColumn >= 0) {
        const total = numberCell(cells[totalColumn] ?? '');
        const done = numberCell(cells[doneColumn] ?? '');
        const cell = row.children[doneColumn];
        if (total && done && cell && done.value <= total.value) {
          const claim: ProgressClaim = {
            kind: 'progress',
            done: done.value,
            total: total.value,
            text: `${label} | ${cells[totalColumn]} | ${cells[doneColumn]}`,
            range: this.range(cell),
            subject,
            around: cells.filter((_, c) => c !== totalColumn && c !== doneColumn).join(' | '),
          };
          if (total.deprecated !== undefined) claim.deprecated = total.deprecated;
          this.claims.push(claim);
          return;
        }
      }
      if (progressColumn >= 0) {
        const others = cells.filter((_, c) => c !== progressColumn).join(' | ');
        // The cell's offsets in `text`: the row's other cells come first.
        const text = `${others} | ${cells[progressColumn] ?? ''}`;
        for (const fraction of fractionsIn(cells[progressColumn] ?? ''))
          this.addProgress({ ...fraction, index: fraction.index + others.length + 3 }, line, subject, text);
      }
    });
  }

  // ---- evidence ----

  /**
   * What a count plainly counts in the blocks under it: the rows of the first table when it is a
   * task table, else the items of the first task list (or the counts its items state). The first
   * table decides: a "Changes:" list under a task table is not counted.
   */
  private countEvidence(
    blocks: RootContent[],
  ):
    | { type: 'count'; evidence: NonNullable<CountClaim['evidence']> }
    | { type: 'breakdown'; parts: ClaimPart[] }
    | undefined {
    const table = blocks.find((block): block is Table => block.type === 'table');
    // "The next five to pick up:", "Tasks changed since the last review:": the table or list
    // shows part of what the count counts.
    const introducedAsPart = (evidence: RootContent): boolean =>
      blocks
        .slice(0, blocks.indexOf(evidence))
        .some((block) => block.type === 'paragraph' && PART_OF_WHOLE.test(claimText(block)));
    if (table && introducedAsPart(table)) return undefined;
    if (table) {
      const rows = this.taskRows(table);
      if (!rows || rows.length === 0) return undefined;
      const statuses = rows.map((row) => row.status);
      const deprecated = statuses.filter((status) => status === 'deprecated').length;
      const evidence: NonNullable<CountClaim['evidence']> = {
        of: 'table rows',
        parts: rows.map((row) => row.part),
        deprecated,
      };
      // TASK-46.1 under TASK-46 in the same table: a count may leave such subtasks out.
      const listed = new Set(rows.map((row) => row.part.text));
      const subtasks = rows.filter(
        (row) => listed.has(row.part.text.replace(/\.\d+$/u, '')) && row.part.text.includes('.'),
      ).length;
      if (subtasks > 0) evidence.subtasks = subtasks;
      if (statuses.every((status) => status !== undefined))
        evidence.open = statuses.filter((s) => s === 'in-progress' || s === 'blocked' || s === 'pending').length;
      return { type: 'count', evidence };
    }
    const list = this.firstCountedList(blocks);
    if (!list || introducedAsPart(list)) return undefined;
    const items = list.children.map((item) => ({
      item,
      paragraph: item.children[0]?.type === 'paragraph' ? item.children[0] : undefined,
    }));
    const leads = items.map(({ paragraph }) => (paragraph ? (claimText(paragraph).split('\n')[0] ?? '') : ''));
    if (items.length > 0 && leads.every((lead) => leadingId(lead, this.options.ids))) {
      const parts = items.map(({ item }, i) => ({
        range: this.range(item),
        value: 1,
        text: leadingId(leads[i]!, this.options.ids)!.id,
      }));
      const deprecated = items.filter(
        ({ paragraph }, i) =>
          (paragraph !== undefined && isStruckThrough(paragraph)) ||
          /\b(?:deprecated|superseded|cancell?ed)\b/iu.test(leads[i]!),
      ).length;
      const evidence: NonNullable<CountClaim['evidence']> = { of: 'list items', parts, deprecated };
      if (items.every(({ item }) => typeof item.checked === 'boolean'))
        evidence.open = items.filter(({ item }) => item.checked === false).length;
      return { type: 'count', evidence };
    }
    const counts = leads.map((lead) => taskCountIn(lead));
    if (items.length >= 2 && counts.every((count) => count !== undefined)) {
      return {
        type: 'breakdown',
        parts: counts.map((count, i) => ({
          range: this.range(items[i]!.item),
          value: count.stated,
          ...(count.deprecated !== undefined ? { deprecated: count.deprecated } : {}),
          text: leads[i]!.trim(),
        })),
      };
    }
    return undefined;
  }

  /** The first list that is not criteria, prerequisites or notes (named by the label before it). */
  private firstCountedList(blocks: RootContent[]): List | undefined {
    for (let i = 0; i < blocks.length; i++) {
      const block = blocks[i]!;
      if (block.type !== 'list') continue;
      const before = blocks[i - 1];
      const label = before?.type === 'paragraph' ? labelParagraph(claimText(before).trim()) : undefined;
      if (label !== undefined && CRITERIA_LABEL.test(label)) continue;
      return block;
    }
    return undefined;
  }

  /** The task rows of a table whose every row (but TOTAL rows) is keyed by a task ID; else undefined. */
  private taskRows(table: Table): TaskRow[] | undefined {
    // A task table is read for each claim it may back (a count, its section's and parents' times).
    if (this.taskRowsOf.has(table)) return this.taskRowsOf.get(table);
    const rows = this.readTaskRows(table);
    this.taskRowsOf.set(table, rows);
    return rows;
  }

  private readTaskRows(table: Table): TaskRow[] | undefined {
    const [header, ...rows] = table.children;
    if (!header) return undefined;
    const headers = header.children.map((cell) => cellText(cell));
    const texts = rows.map((row) => row.children.map((cell) => cellText(cell)));
    const columns = tableColumns(headers, texts, this.options.ids);
    if (columns.id === undefined) return undefined;
    const result: TaskRow[] = [];
    for (let r = 0; r < rows.length; r++) {
      const cells = texts[r]!;
      if (TOTAL_LABEL.test(cells[0] ?? '')) continue;
      const id = leadingId(cells[columns.id] ?? '', this.options.ids);
      if (!id) return undefined;
      const idCell = rows[r]!.children[columns.id];
      let status =
        columns.status !== undefined
          ? classifyStatus(cells[columns.status] ?? '', this.options.vocabulary)?.status
          : undefined;
      if (idCell && isStruckThrough(idCell)) status = 'deprecated';
      const durationText = columns.duration !== undefined ? (cells[columns.duration] ?? '') : '';
      result.push({
        part: { range: this.range(rows[r]!), value: 1, text: id.id },
        status,
        duration: columns.duration !== undefined ? onlyDuration(durationText) : undefined,
        durationText,
      });
    }
    return result;
  }

  /**
   * The durations a stated total time sums: a task table's Duration column, else the one list
   * whose every item gives one duration. `unsure` when there is such a table or list but it cannot
   * be summed plainly (a row without a duration, two candidate lists).
   */
  private durationEvidenceOfBlocks(
    blocks: RootContent[],
    left = false,
  ): NonNullable<DurationClaim['evidence']> | 'unsure' | undefined {
    const table = this.taskTableDurations(blocks, left);
    if (table) return table;
    const candidates: NonNullable<DurationClaim['evidence']>[] = [];
    for (let i = 0; i < blocks.length; i++) {
      const block = blocks[i]!;
      if (block.type !== 'list' || block.children.length < 2) continue;
      const before = blocks[i - 1];
      const label = before?.type === 'paragraph' ? labelParagraph(claimText(before).trim()) : undefined;
      if (label !== undefined && CRITERIA_LABEL.test(label)) continue;
      const leads = block.children.map((item) => {
        const paragraph = item.children[0];
        return {
          item,
          lead: paragraph?.type === 'paragraph' ? (claimText(paragraph).split('\n')[0] ?? '') : undefined,
        };
      });
      // "- Total: 4 hours" as the last item is the sum itself, not one of its parts.
      const last = leads.at(-1);
      if (last?.lead !== undefined && TOTAL_ITEM.test(last.lead)) leads.pop();
      if (leads.length < 2) continue;
      const parts = leads.map(({ item, lead }) => {
        if (lead === undefined) return undefined;
        const durations = durationsIn(lead);
        return durations.length === 1 ? { range: this.range(item), durations, text: lead.trim() } : undefined;
      });
      // The time left is not the sum of a list that may hold done items.
      const anyDone = block.children.some((item, i) => {
        const lead = leads[i]?.lead;
        return item.checked === true || (lead !== undefined && this.leadSaysDone(lead));
      });
      if (left && anyDone) return 'unsure';
      if (parts.every((part) => part !== undefined)) candidates.push({ of: 'list items', parts: parts });
    }
    if (candidates.length === 1) return candidates[0];
    return candidates.length > 1 ? 'unsure' : undefined;
  }

  /** The Duration column of the first task table that has one: every row must give a duration. */
  private taskTableDurations(
    blocks: RootContent[],
    left = false,
  ): NonNullable<DurationClaim['evidence']> | 'unsure' | undefined {
    for (const block of blocks) {
      if (block.type !== 'table') continue;
      let rows = this.taskRows(block);
      if (!rows || rows.length === 0 || rows.every((row) => !row.durationText)) continue;
      if (!rows.every((row) => row.duration)) return 'unsure';
      if (left) {
        // The time left sums the open rows: known only when every row that is not open says so.
        const closed = rows.filter((row) => row.status === 'done' || row.status === 'deprecated');
        if (closed.length > 0 && rows.some((row) => row.status === undefined)) return 'unsure';
        rows = rows.filter((row) => !closed.includes(row));
        if (rows.length === 0) return 'unsure';
      }
      return {
        of: 'table rows',
        parts: rows.map((row) => ({
          range: row.part.range,
          durations: [row.duration!],
          text: `${row.part.text} ${row.durationText}`,
        })),
      };
    }
    return undefined;
  }

  /**
   * A section's stated time: "(3 tasks - 1.5 hrs)" in its heading, or an "Estimated Time:" line.
   * `unread` when an "Estimated Time:" line says something else ("8-10 hours", "TBD").
   */
  private statedEstimates(section: Section): {
    found: { stated: Duration[]; text: string; range: Range; left?: boolean }[];
    unread: boolean;
  } {
    const found: { stated: Duration[]; text: string; range: Range; left?: boolean }[] = [];
    let unread = false;
    if (section.heading) {
      const stated = statedDurationOfName(section.label);
      if (stated)
        found.push({
          stated: [stated],
          text: stated.text,
          range: this.locate(section.heading.position?.start.line ?? 1, stated.text),
        });
    }
    const consider = (node: Paragraph): void => {
      for (const textLine of this.textLines(node)) {
        const { text, line } = textLine;
        const label = lineLabel(textLine);
        const leftLabel = label !== undefined && REMAINING_LABEL.test(label);
        if (!label || (!ESTIMATE_LABEL.test(label) && !leftLabel)) continue;
        const value = text.slice(text.indexOf(':') + 1);
        const stated = estimateValue(value);
        const plain = value
          .replace(/\([^()]*\)/gu, ' ')
          .replace(/\s+/gu, ' ')
          .trim();
        const range = this.locate(line, durationsIn(plain)[0]?.text ?? plain);
        if (stated)
          found.push({ stated, text: plain, range, ...(leftLabel || LEFT_WORDS.test(label) ? { left: true } : {}) });
        // "Remaining: 19 tasks" is a count, not a time that could not be read.
        else if (plain && !leftLabel) unread = true;
      }
    };
    for (const block of section.blocks) {
      if (block.type === 'paragraph') consider(block);
      else if (block.type === 'list')
        for (const item of block.children) if (item.children[0]?.type === 'paragraph') consider(item.children[0]);
    }
    return { found, unread };
  }

  private sectionEstimates(section: Section, subject: ClaimSubject): void {
    const estimates = this.statedEstimates(section).found;
    if (estimates.length === 0) return;
    const evidence = estimates.some((estimate) => !estimate.left) ? this.sectionDurationEvidence(section) : undefined;
    const leftEvidence = estimates.some((estimate) => estimate.left)
      ? this.sectionDurationEvidence(section, true)
      : undefined;
    for (const estimate of estimates) {
      const evidenceOf = estimate.left ? leftEvidence && { ...leftEvidence, openOnly: true } : evidence;
      const claim: DurationClaim = {
        kind: 'duration',
        stated: estimate.stated,
        text: estimate.text,
        range: estimate.range,
        subject,
      };
      if (evidenceOf) claim.evidence = evidenceOf;
      this.claims.push(claim);
    }
  }

  /**
   * The parts of a section's stated time: its own task table or list; else the stated times of
   * its subsections (the nearest in each branch), when two or more state one and no branch has
   * a task table with durations but no stated time.
   */
  private sectionDurationEvidence(section: Section, left = false): NonNullable<DurationClaim['evidence']> | undefined {
    const own = this.durationEvidenceOfBlocks(section.blocks, left);
    if (own === 'unsure') return undefined;
    if (own) return own;
    const parts: { range: Range; durations: Duration[]; text: string }[] = [];
    let unsure = false;
    let skippedDone = false;
    let unknownStatus = false;
    const collect = (child: Section, depth: number): void => {
      if (unsure || depth > MAX_LIST_DEPTH) return;
      // "### Summary" with "Total Time: 8 hours" restates the sum; it is no part of it.
      if (TOTAL_SECTION.test(child.label)) return;
      if (left) {
        // The time left leaves out the subsections that say they are done.
        const status = this.sectionStatus(child);
        if (status === 'done' || status === 'deprecated') {
          skippedDone = true;
          return;
        }
        if (status === undefined) unknownStatus = true;
      }
      const { found, unread } = this.statedEstimates(child);
      const stated = found[0];
      // A part whose time cannot be read ("8-10 hours") leaves the sum unknown.
      if (unread && !stated) {
        unsure = true;
        return;
      }
      if (stated) {
        parts.push({ range: stated.range, durations: stated.stated, text: `${child.label}: ${stated.text}` });
        return;
      }
      // A subsection that states no time but defines tasks with durations adds their sum; lists
      // elsewhere (a sprint plan, an execution order) re-list tasks and add nothing.
      const table = this.taskTableDurations(child.blocks);
      if (table === 'unsure') {
        unsure = true;
        return;
      }
      if (table && child.heading) {
        const durations = sumDurations(table.parts.flatMap((part) => part.durations));
        parts.push({
          range: this.range(child.heading),
          durations,
          text: `${child.label}: ${durations.map((d) => d.text).join(' + ')} in its table`,
        });
      }
      for (const grandchild of child.children) collect(grandchild, depth + 1);
    };
    for (const child of section.children) collect(child, 0);
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- collect() sets them
    if (unsure || parts.length < 2 || (skippedDone && unknownStatus)) return undefined;
    return { of: 'sections', parts };
  }

  /** What a subsection says of its own status: a "Status:" field line, else a ✅ or COMPLETE ending its heading. */
  private sectionStatus(section: Section): Status | undefined {
    for (const block of section.blocks) {
      const paragraphs =
        block.type === 'list'
          ? block.children.flatMap((item) => (item.children[0]?.type === 'paragraph' ? [item.children[0]] : []))
          : block.type === 'paragraph'
            ? [block]
            : [];
      for (const node of paragraphs)
        for (const textLine of this.textLines(node)) {
          const label = lineLabel(textLine);
          if (label === undefined || !STATUS_LABEL.test(label)) continue;
          const status = classifyStatus(textLine.text.slice(textLine.text.indexOf(':') + 1), this.options.vocabulary);
          if (status) return status.status;
        }
    }
    return HEADING_ENDS_DONE.test(section.label) ? 'done' : undefined;
  }

  /** A list item's lead that says it is done: "✅ TASK-1 ...", "TASK-1 ... - Done". */
  private leadSaysDone(lead: string): boolean {
    return /^[^\p{L}\p{N}]*[✅✔☑]/u.test(lead) || HEADING_ENDS_DONE.test(lead);
  }
}

// ---- sections ----

/** Headings of the document's top level, each with its own blocks and subsections. */
function buildSections(tree: Root): Section[] {
  const root: Section = { depth: 0, label: '', blocks: [], children: [], top: true };
  const sections: Section[] = [root];
  const stack: Section[] = [root];
  for (const node of tree.children) {
    if (node.type !== 'heading') {
      stack.at(-1)!.blocks.push(node);
      continue;
    }
    const section: Section = {
      heading: node,
      depth: node.depth,
      label: claimText(node).trim(),
      blocks: [],
      children: [],
      top: false,
    };
    while (stack.length > 1 && stack.at(-1)!.depth >= node.depth) stack.pop();
    stack.at(-1)!.children.push(section);
    stack.push(section);
    sections.push(section);
  }
  // The one title of a document speaks for the document.
  const titles = sections.filter((s) => s.depth === 1);
  if (
    titles.length === 1 &&
    root.blocks.every((block) => block.type === 'html' || block.type === 'yaml' || block.type === 'thematicBreak')
  )
    titles[0]!.top = true;
  return sections;
}

function hasTableOrList(blocks: RootContent[]): boolean {
  return blocks.some((block) => block.type === 'table' || block.type === 'list');
}

// ---- text ----

/** Visits inline nodes without recursion: nesting depth is the author's, not ours. */
function walkInline(node: Nodes, visit: (node: Nodes) => void): void {
  const stack: Nodes[] = [node];
  while (stack.length) {
    const current = stack.pop()!;
    visit(current);
    if ('children' in current)
      for (let i = current.children.length - 1; i >= 0; i--) stack.push(current.children[i] as Nodes);
  }
}

/**
 * The plain text of a node with hard breaks as newlines and inline code left out: a number or
 * a path in `code` is not a claim. Mojibake is repaired so emoji and words read as written.
 */
export function claimText(node: Nodes): string {
  // Without inline code it is the text the other passes read, and have mostly made already.
  if (knownToHoldCode(node) === false) return repairedText(node);
  let text = claimTexts.get(node);
  if (text === undefined) {
    text = repairMojibake(inlineClaimText(node));
    claimTexts.set(node, text);
  }
  return text;
}

const claimTexts = new WeakMap<Nodes, string>();

function inlineClaimText(node: Nodes): string {
  let text = '';
  const stack: Nodes[] = [node];
  while (stack.length) {
    const current = stack.pop()!;
    if (current.type === 'inlineCode') text += ' ';
    else if (current.type === 'break') text += '\n';
    else if (current.type === 'html') continue;
    else if (current.type === 'image' || current.type === 'imageReference') text += current.alt ?? '';
    else if ('value' in current && typeof current.value === 'string') text += current.value;
    else if ('children' in current)
      for (let i = current.children.length - 1; i >= 0; i--) stack.push(current.children[i] as Nodes);
  }
  return text;
}

function cellText(node: Nodes): string {
  let text = cellTexts.get(node);
  if (text === undefined) {
    text = claimText(node).replace(/\s+/gu, ' ').trim();
    cellTexts.set(node, text);
  }
  return text;
}

const cellTexts = new WeakMap<Nodes, string>();

/** "Status: 60% ..." has the label "Status"; a line without a short label before a colon has none. */
function labelOf(text: string): string | undefined {
  if (!text.includes(':')) return undefined;
  const match = /^\s*([^:\n]{1,60}?)\s*:(?!\/)/u.exec(text);
  if (!match) return undefined;
  const label = match[1]!.replace(/^[^\p{L}\p{N}]+/u, '').trim();
  return label.length > 0 && !/https?$/iu.test(label) ? label : undefined;
}

/** A paragraph that is only a label ("**Stream A - Role Consolidation (6.5 hrs):**") names what follows it. */
function labelParagraph(text: string): string | undefined {
  const trimmed = text.trim();
  return trimmed.length > 0 && trimmed.length <= 120 && trimmed.endsWith(':') && !trimmed.includes('\n')
    ? trimmed.slice(0, -1).trim()
    : undefined;
}

/** A heading or lead cut to the words that name its subject: no emoji, counts, durations or statuses. */
export function cleanSubject(text: string): string {
  // The same labels and leads are cleaned again and again ("Status", a section's title), across
  // passes and documents: each is cleaned once while the memo lasts.
  let subject = cleanSubjects.get(text);
  if (subject === undefined) {
    if (cleanSubjects.size >= MAX_CLEAN_SUBJECTS) cleanSubjects.clear();
    subject = cleanSubjectOnce(text);
    cleanSubjects.set(text, subject);
  }
  return subject;
}

const cleanSubjects = new Map<string, string>();
const MAX_CLEAN_SUBJECTS = 10_000;
/** Durations anywhere in a text, for replace and matchAll (neither moves a shared regexp's lastIndex). */
const DURATIONS = new RegExp(DURATION_PATTERN.source, DURATION_PATTERN.flags);
const DURATION_RANGES = new RegExp(DURATION_RANGE_PATTERN.source, DURATION_RANGE_PATTERN.flags);

function cleanSubjectOnce(text: string): string {
  return text
    .replace(/\([^()]*\)/gu, ' ')
    .replace(DURATIONS, ' ')
    .replace(/\b\d+\s+tasks?\b/giu, ' ')
    .replace(/\d+(?:\.\d+)?\s*%/gu, ' ')
    .replace(/[^\p{L}\p{N}\s&/.:'-]/gu, ' ')
    .replace(/\b(?:complete[d]?|done|in progress|pending|blocked)\s*$/iu, ' ')
    .replace(/\s+/gu, ' ')
    .replace(/^[\s:.\-–—/]+|[\s:.\-–—/(]+$/gu, '')
    .trim();
}

function linkPath(url: string): string | undefined {
  if (!url || /^[a-z][a-z0-9+.-]*:/iu.test(url) || url.startsWith('//') || url.startsWith('#')) return undefined;
  let target = url.split('#')[0]!.split('?')[0]!;
  try {
    target = decodeURIComponent(target);
  } catch {
    // A malformed escape is kept as written.
  }
  return target || undefined;
}

// ---- numbers ----

interface TaskCount {
  stated: number;
  remaining: boolean;
  deprecated?: number;
  text: string;
}

/** The one task count a heading or lead states, or undefined when there is none or several. */
export function taskCountIn(text: string): TaskCount | undefined {
  if (!MAY_COUNT_TASKS.test(text)) return undefined;
  const counts: TaskCount[] = [];
  for (const match of text.matchAll(TASK_COUNT)) {
    const before = text.slice(0, match.index);
    const after = text.slice(match.index + match[0].length);
    if (FRACTION_BEFORE.test(before) || COUNTS_DONE_AFTER.test(after)) continue;
    const qualifier = match[2]?.toLowerCase();
    const remaining =
      qualifier === 'remaining' ||
      qualifier === 'open' ||
      qualifier === 'pending' ||
      qualifier === 'outstanding' ||
      Boolean(match[3]);
    counts.push({ stated: Number(match[1]), remaining, text: match[0] });
  }
  if (counts.length !== 1) return undefined;
  const count = counts[0]!;
  const deprecated = DEPRECATED.exec(text);
  if (deprecated) count.deprecated = Number(deprecated[1]);
  return count;
}

interface Fraction {
  done: number;
  total: number;
  deprecated?: number;
  percent?: number;
  /** Said to be progress: "complete" or a percentage beside it, or alone in parentheses "(4/6 tasks)". */
  strong: boolean;
  /** The fraction as written, to find it in the source. */
  needle: string;
  text: string;
  index: number;
}

/**
 * Fractions of tasks done: "29/48 tasks", "8 of 10 tasks complete", "(18/22 complete)",
 * "64% (31/48)", "76% complete (94/124, excluding 2 deprecated)". A bare "10/30" is a date.
 */
export function fractionsIn(text: string): Fraction[] {
  const found: Fraction[] = [];
  if (!MAY_BE_FRACTION.test(text)) return found;
  for (const match of text.matchAll(FRACTION)) {
    const done = Number(match[1]);
    const total = Number(match[2]);
    if (total === 0 || done > total) continue;
    const before = text.slice(Math.max(0, match.index - 40), match.index);
    const after = text.slice(match.index + match[0].length, match.index + match[0].length + 60);
    const percent = /(\d+(?:\.\d+)?)\s*%[^%\n()]{0,30}\(\s*$/u.exec(before);
    const countsTasks =
      /^\s*(?:tasks?|items?)\b/iu.test(after) || /^\s*(?:tasks?\s+)?(?:complete[d]?|done|finished)\b/iu.test(after);
    const percentAfter = /^\s*\)?\s*\(\s*\d+(?:\.\d+)?\s*%\s*\)/u.test(after);
    if (!countsTasks && !percent && !percentAfter) continue;
    const saysDone = /^\s*(?:tasks?\s+)?(?:complete[d]?|done|finished)\b/iu.test(after);
    const alone = /\(\s*$/u.test(before) && /^\s*(?:tasks?)?\s*\)/iu.test(after);
    const fraction: Fraction = {
      done,
      total,
      strong: saysDone || Boolean(percent) || percentAfter || alone,
      needle: match[0],
      text: match[0],
      index: match.index,
    };
    // "(8 of 10 tasks, 2 deprecated)", "(94/124, excluding 2 deprecated)".
    const note = /^[^()\n]{0,40}?\b(\d{1,5})\s+deprecated\b/iu.exec(after);
    if (note) fraction.deprecated = Number(note[1]);
    else {
      const parenthesis = /^[^()\n]{0,30}\(\s*(\d{1,5})\s+deprecated\s*\)/iu.exec(after);
      if (parenthesis) fraction.deprecated = Number(parenthesis[1]);
    }
    if (percent) fraction.percent = Number(percent[1]);
    const tail = /^\s*(?:tasks?\b)?(?:\s*(?:complete[d]?|done|finished)\b)?/iu.exec(after)?.[0] ?? '';
    fraction.text = `${match[0]}${tail}`.trim();
    found.push(fraction);
  }
  return found;
}

function numberCell(text: string): { value: number; deprecated?: number } | undefined {
  const match = NUMBER_CELL.exec(text);
  if (!match || match[0].includes('.')) return undefined;
  const value = groupedNumber(match[1]!);
  const deprecated = match[2] ? DEPRECATED.exec(match[2]) : null;
  return deprecated ? { value, deprecated: Number(deprecated[1]) } : { value };
}

/** Every duration in a text ("2 hrs", "30 min", "3 days"), a range ("8-10 hours", "~3-4 weeks") as one. */
export function durationsIn(text: string): Duration[] {
  const found: { at: number; duration: Duration }[] = [];
  if (!HAS_DIGIT.test(text)) return [];
  const ranges: [number, number][] = [];
  if (/\d\s*(?:[-–]|to)\s*\d/u.test(text))
    for (const match of text.matchAll(DURATION_RANGES)) {
      const duration = rangeDuration(match);
      if (!duration) continue;
      ranges.push([match.index, match.index + match[0].length]);
      found.push({ at: match.index, duration: withApproximation(duration, text.slice(0, match.index)) });
    }
  for (const match of text.matchAll(DURATIONS)) {
    if (ranges.some(([start, end]) => match.index >= start && match.index < end)) continue;
    if (/\d\s*[-–]\s*$/u.test(text.slice(0, match.index))) continue;
    if (/^\s*[-–]\s*\d/u.test(text.slice(match.index + match[0].length))) continue;
    const duration = parseDuration(match[0]);
    if (duration) found.push({ at: match.index, duration: withApproximation(duration, text.slice(0, match.index)) });
  }
  return found.sort((a, b) => a.at - b.at).map(({ duration }) => duration);
}

/** A cell that holds one duration and little else: "4 hrs", "~2 days". */
function onlyDuration(text: string): Duration | undefined {
  const durations = durationsIn(text);
  if (durations.length !== 1) return undefined;
  const rest = text.replace(durations[0]!.text, '').replace(/[\s~≈()*_]/gu, '');
  return rest.length <= 3 ? durations[0] : undefined;
}

/** The one total time a heading or label names, unless it names a time box ("Week 1 (5 days)"). */
function statedDurationOfName(text: string): Duration | undefined {
  if (TIME_BOX.test(text) || QUALIFIED_ESTIMATE.test(text)) return undefined;
  const durations = durationsIn(text);
  return durations.length === 1 ? durations[0] : undefined;
}

/** Durations added up per unit kind (minutes, days); ranges add up to a range. */
export function sumDurations(durations: Duration[]): Duration[] {
  const byUnit = new Map<Duration['unit'], Duration>();
  for (const duration of durations) {
    const previous = byUnit.get(duration.unit);
    if (!previous) {
      byUnit.set(duration.unit, duration);
      continue;
    }
    const sum: Duration = {
      value: previous.value + duration.value,
      unit: duration.unit,
      text: `${previous.text} + ${duration.text}`,
    };
    if (previous.max !== undefined || duration.max !== undefined)
      sum.max = (previous.max ?? previous.value) + (duration.max ?? duration.value);
    byUnit.set(duration.unit, sum);
  }
  return [...byUnit.values()].map((d) => ({ ...d, text: formatTime(d) }));
}

/** "31.5 hours", "8 hours (1 day)", "37.5 hours + 18 days"; nothing for "15 days, excluding ...". */
function estimateValue(value: string): Duration[] | undefined {
  if (QUALIFIED_ESTIMATE.test(value)) return undefined;
  const plain = value.replace(/\([^()]*\)/gu, ' ');
  const durations = durationsIn(plain);
  if (durations.length === 0) return undefined;
  let rest = plain;
  for (const duration of durations) rest = rest.replace(duration.text, ' ');
  if (!/^[\s+~≈,&]*(?:and[\s+~,]*)*$/iu.test(rest)) return undefined;
  if (durations.length === 1) return durations;
  return sumDurations(durations);
}
