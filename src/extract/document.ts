import GithubSlugger from 'github-slugger';
import type { Code, Heading as MdHeading, List, ListItem, Nodes, Paragraph, Root, Table } from 'mdast';
import type {
  Enumeration,
  DocumentFacts,
  DocumentRole,
  GroupStatement,
  Heading,
  InlineDirective,
  Duration,
  Link,
  MentionContext,
  MentionKind,
  PercentClaim,
  Range,
  TaskMention,
  TaskPath,
  WrittenEdge,
  WrittenIds,
} from '../types.js';
import { parseDuration } from './duration.js';
import {
  findIdLists,
  findIds,
  findListsOfIds,
  leadingId,
  rangeAfterId,
  sameWidth,
  splitId,
  type IdList,
  type IdMatcher,
} from './ids.js';
import { findMojibake, repairMojibake } from './mojibake.js';
import { classifyStatus, emojiStatus, type StatusReading, type StatusVocabulary } from './status.js';
import { isStruckThrough, LineIndex, nodeOffsets, plainText, repairedText } from './text.js';
import { extractChecklists, type Checklists } from './checklists.js';
import { readBacklogTask, type FrontMatterFacts } from './shapes/front-matter.js';
import { layoutOf } from './shapes/layout.js';
import { kiroRequirements, numberedTasks } from './shapes/numbered-checklist.js';
import { applyCheckboxMarkers } from './shapes/checkbox-markers.js';
import { readOpenSpec } from './shapes/openspec.js';
import { checklistItemsNameTasks, markOtherFeatures, specKitFacts, specKitTitles } from './shapes/spec-kit.js';
import { extractEnumerations } from './shapes/enumeration.js';
import { statusOfList } from './shapes/id-lists.js';
import { extractGroups } from './shapes/groups.js';
import { definingShortHeading } from './shapes/task-heading.js';
import { extractClaims } from './claims.js';
import { findConflictMarkers } from './conflict-markers.js';
import { extractDates } from './dates.js';
import { extractTaskPaths } from './task-paths.js';
import { extractDependencies } from './dependencies.js';
import { expressesDoubt, onlyOpenScope, openHeading, rowShowsStatus } from './scope.js';
import { readFieldLine, STATUS_CONDITION } from './vocab/fields.js';
import { groupedNumber } from './vocab/numbers.js';

export interface ExtractOptions {
  file: string;
  relPath: string;
  role: DocumentRole;
  ids: IdMatcher;
  vocabulary: StatusVocabulary;
}

/** Deeper than this, nesting is not planning structure: we stop looking for tasks (links are still found). */
const MAX_BLOCK_DEPTH = 64;

const CRITERIA_LABEL =
  /criteria|acceptance|definition of done|expected outcome|success metric|deliverable|checklist for|exit condition/i;
const PREREQUISITE_LABEL = /prerequisite|depends on|dependencies|requires|blocked by|before (?:you )?start/i;

const STATUS_EMOJI = '[✅✔☑⏳🟡🔵❌⚠🔴⛔🚧🔄]\\uFE0F?';
const UPPERCASE_STATUS =
  /(?<![\p{L}])(COMPLETED?|DONE|FINISHED|IN[ -]PROGRESS|BLOCKED|BLOCKING|PENDING|NOT STARTED|ON HOLD|DEPRECATED|SUPERSEDED|SKIPPED|CANCELL?ED)(?![\p{L}])/u;
const TRAILING_EMOJI = new RegExp(`${STATUS_EMOJI}\\s*$`, 'u');
const TRAILING_EMOJI_CAPTURED = new RegExp(`(${STATUS_EMOJI})\\s*$`, 'u');
const LEADING_EMOJI = new RegExp(`^(${STATUS_EMOJI})\\s*`, 'u');
const LEADING_UPPERCASE_STATUS = new RegExp(`^${UPPERCASE_STATUS.source}`, 'u');
const EVERY_STATUS_EMOJI = new RegExp(STATUS_EMOJI, 'gu');
const EVERY_UPPERCASE_STATUS = new RegExp(UPPERCASE_STATUS.source, 'gu');
const leadingWords = new WeakMap<StatusVocabulary, RegExp>();

/** A status word of the vocabulary at the very start of a text. */
function leadingStatusWord(vocabulary: StatusVocabulary): RegExp {
  let pattern = leadingWords.get(vocabulary);
  if (!pattern) {
    pattern = new RegExp(`^(?:${vocabulary.any.source})`, 'iu');
    leadingWords.set(vocabulary, pattern);
  }
  return pattern;
}

/**
 * "split from T105", "(was TASK-049)", "formerly TASK-3", "the archived TASK-9": an ID a task had,
 * or one that is gone, not one it names today.
 */
const ALIAS_BEFORE =
  /(?:^|[^\p{L}])(?:was|formerly|previously|renamed from|renumbered from|split (?:out )?(?:from|of)|old id:?|archived|deleted|removed)\s*$/iu;

/** "adding CLOUD-2.3 would not affect ...", "e.g. TASK-99": an example, which names no task. */
const EXAMPLE_BEFORE =
  /(?:^|[^\p{L}])(?:e\.g\.,?|for example,?|for instance,?|adding|suppose|imagine|hypothetical(?:ly)?)\s*$/iu;
const EXAMPLE_AFTER = /^\s*(?:\([^)]*\)\s*)?(?:would|could|might)\b/iu;

/** "After TASK-1 complete", "once TASK-1 is done": a condition, not a statement of status. */
const CONDITIONAL_BEFORE =
  /(?:^|[^\p{L}])(?:after|once|when|until|unless|before|if|wait(?:ing)? (?:for|on)|requires?|needs?|depends on|blocked by|pending)\s*$/iu;

export function extractDocument(text: string, tree: Root, options: ExtractOptions): Omit<DocumentFacts, 'problems'> {
  const lines = new LineIndex(text);
  const extractor = new DocumentExtractor(text, lines, options);
  extractor.visitRoot(tree);
  const layout = layoutOf(options.file);
  const checklists = extractChecklists(text, tree, lines, options.ids, options.vocabulary);
  const shaped =
    layout?.format === 'backlog'
      ? backlogFacts(text, tree, lines, options, checklists)
      : numberedFacts(text, tree, lines, options, checklists);
  const specKit =
    layout?.format === 'spec-kit' ? specKitFacts(text, tree, lines, options.file, options.vocabulary) : undefined;
  applyCheckboxMarkers(extractor.mentions, text, lines, options.vocabulary);
  if (layout?.format === 'spec-kit') {
    specKitTitles(extractor.mentions);
    markOtherFeatures(extractor.mentions, text, lines, options.file);
    checklistItemsNameTasks(extractor.mentions, checklists.checklist, text, lines, options.file);
  }
  const openSpec = options.file.includes('openspec') ? openSpecFacts(text, tree, lines, options.file) : undefined;
  const writtenEdges: WrittenEdge[] = [];
  const edges = extractDependencies(text, tree, lines, options.ids, extractor.mentions, writtenEdges);
  return {
    ...(openSpec ? { openSpec } : {}),
    ...(specKit?.facts ? { specKit: specKit.facts } : {}),
    ...(layout ? { format: layout.format } : {}),
    file: options.file,
    relPath: options.relPath,
    role: options.role,
    lineCount: lines.lineCount,
    headings: extractor.headings,
    anchors: extractor.anchors,
    links: extractor.links,
    mentions: shaped
      ? [...shaped.mentions, ...extractor.mentions]
      : specKit?.mentions.length
        ? [...specKit.mentions, ...extractor.mentions]
        : extractor.mentions,
    percents: extractor.percents,
    mojibake: findMojibake(text).map((match) => ({
      range: lines.range(match.start, match.end),
      text: match.text,
      repaired: match.repaired,
      encoding: match.encoding,
    })),
    directives: extractor.directives,
    ...(extractor.writtenIds.length ? { writtenIds: extractor.writtenIds } : {}),
    edges: shaped ? [...shaped.edges, ...edges] : edges,
    ...(writtenEdges.length ? { writtenEdges } : {}),
    dates: extractDates(text, tree, lines),
    ...checklists,
    ...(shaped?.problems.length ? { frontMatterProblems: shaped.problems } : {}),
    conflictMarkers: findConflictMarkers(text, tree, lines),
    claims: extractClaims(tree, lines, options),
    enumerations: enumerationsOf(tree, lines, options.ids),
    groups: groupsOf(tree, lines, options),
    ...taskPathsOf(text, tree, lines, options.ids),
  };
}

/** A recogniser that throws costs its own facts only. */
function taskPathsOf(text: string, tree: Root, lines: LineIndex, ids: IdMatcher): { taskPaths?: TaskPath[] } {
  try {
    const taskPaths = extractTaskPaths(text, tree, lines, ids);
    return taskPaths.length ? { taskPaths } : {};
  } catch {
    return {};
  }
}

/** The groups a document names and their statuses; a recogniser that throws costs its own facts only. */
function groupsOf(tree: Root, lines: LineIndex, options: ExtractOptions): GroupStatement[] {
  try {
    return extractGroups(tree, lines, options.relPath, options.vocabulary, options.ids);
  } catch {
    return [];
  }
}

/** A recogniser that throws costs its own facts only. */
function enumerationsOf(tree: Root, lines: LineIndex, ids: IdMatcher): Enumeration[] {
  try {
    return extractEnumerations(tree, lines, ids);
  } catch {
    return [];
  }
}

/**
 * A Backlog.md task file's front matter, its checklist tied to the task. A recogniser that
 * throws costs its own facts only: the file keeps its headings, links and the rest.
 */
function backlogFacts(
  text: string,
  tree: Root,
  lines: LineIndex,
  options: ExtractOptions,
  checklists: Checklists,
): FrontMatterFacts {
  let facts: FrontMatterFacts;
  try {
    facts = readBacklogTask(text, tree, lines, options, checklists.checklist);
  } catch (error) {
    const at = { line: 1, column: 1 };
    return {
      mentions: [],
      edges: [],
      criteria: [],
      problems: [
        {
          kind: 'invalid-yaml',
          detail: `it could not be analysed (${(error as Error).message})`,
          range: { start: at, end: at },
        },
      ],
    };
  }
  if (facts.section) {
    const index = checklists.taskSections.push(facts.section) - 1;
    for (const item of facts.criteria) {
      const entry = checklists.checklist[item]!;
      entry.task = facts.section.id;
      entry.taskSection = index;
    }
  }
  return facts;
}

/** A recogniser that throws costs its own facts only. */
function openSpecFacts(text: string, tree: Root, lines: LineIndex, file: string): DocumentFacts['openSpec'] {
  try {
    return readOpenSpec(text, tree, lines, file);
  } catch {
    return undefined;
  }
}

/** A file name the tools give a task list: Kiro's and OpenSpec's `tasks.md`, ai-dev-tasks' `tasks-*.md`. */
const TASK_FILE = /(?:^|[\\/])(?:tasks|tasks-[^\\/]*)\.md$/i;
const REQUIREMENTS_FILE = /(?:^|[\\/])requirements\.md$/i;

/** Kiro's, ai-dev-tasks' and OpenSpec's numbered checkbox tasks, and Kiro's requirements; nothing elsewhere. */
function numberedFacts(
  text: string,
  tree: Root,
  lines: LineIndex,
  options: ExtractOptions,
  checklists: Checklists,
): FrontMatterFacts | undefined {
  const format = layoutOf(options.file)?.format;
  if (format !== 'kiro' && format !== 'ai-dev-tasks' && format !== 'openspec') return undefined;
  const empty: FrontMatterFacts = { mentions: [], edges: [], criteria: [], problems: [] };
  try {
    if (TASK_FILE.test(options.file))
      return {
        ...empty,
        mentions: numberedTasks(text, tree, lines, checklists.checklist, options.vocabulary).mentions,
      };
    if (format === 'kiro' && REQUIREMENTS_FILE.test(options.file))
      return { ...empty, mentions: kiroRequirements(text, tree, lines) };
  } catch {
    // A recogniser that throws costs its own facts only.
  }
  return undefined;
}

interface SectionState {
  stack: { depth: number; text: string }[];
}

class DocumentExtractor {
  readonly headings: Heading[] = [];
  readonly links: Link[] = [];
  readonly anchors: string[] = [];
  readonly mentions: TaskMention[] = [];
  readonly percents: PercentClaim[] = [];
  readonly directives: InlineDirective[] = [];
  readonly writtenIds: WrittenIds[] = [];
  private readonly slugger = new GithubSlugger();
  /**
   * The anchors the headings would have once their mojibake is repaired. Until a heading reads
   * differently when repaired, they are the anchors `slugger` gives; only then is a second slugger
   * made, and told the headings before.
   */
  private repairedSlugger: GithubSlugger | undefined;
  private readonly headingsAsWritten: string[] = [];
  private readonly section: SectionState = { stack: [] };
  /** "**Validation Criteria:**" right before a list sets what the list is about. */
  private label: string | undefined;
  /** Depth of the heading whose section "tracks only active tasks" (0: the whole document). */
  private onlyOpenDepth: number | undefined;
  /** The current section doubts its own rows ("may already be complete"). */
  private doubtful = false;
  /**
   * The task whose heading opened the current section: its field lines speak of it. `short`: the
   * heading writes it by number only ("### Task 041: ..."), which the corpus resolves.
   */
  private taskBlock: { id?: string; short?: string; depth: number } | undefined;

  constructor(
    private readonly text: string,
    private readonly lines: LineIndex,
    private readonly options: ExtractOptions,
  ) {}

  visitRoot(root: Root): void {
    this.collectInline(root);
    for (const child of root.children) this.visitBlock(child, 0);
  }

  /** Links and inline comments anywhere, walked without recursion so no nesting can overflow. */
  private collectInline(root: Root): void {
    const stack: Nodes[] = [root];
    while (stack.length) {
      const node = stack.pop()!;
      if (node.type === 'link' || node.type === 'definition') this.addLink(node.url, node);
      else if (node.type === 'html') {
        this.addDirectives(node.value, node);
        for (const match of node.value.matchAll(/\b(?:id|name)\s*=\s*["']([^"']+)["']/gi)) this.anchors.push(match[1]!);
      }
      if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as Nodes);
    }
    this.links.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.column - b.range.start.column);
  }

  private range(node: Nodes): Range {
    const offsets = nodeOffsets(node);
    return offsets
      ? this.lines.range(offsets.start, offsets.end)
      : { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };
  }

  private addLink(url: string, node: Nodes): void {
    // Only links within the planning folder: no scheme, no protocol-relative, no mail.
    if (!url || /^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//')) return;
    const hash = url.indexOf('#');
    const rawPath = hash === -1 ? url : url.slice(0, hash);
    const fragment = hash === -1 ? undefined : url.slice(hash + 1);
    let path = rawPath.split('?')[0] ?? '';
    try {
      path = decodeURIComponent(path);
    } catch {
      // A malformed escape is kept as written.
    }
    this.links.push({ url, path, ...(fragment !== undefined ? { fragment } : {}), range: this.range(node) });
  }

  private addDirectives(html: string, node: Nodes): void {
    const pattern = /<!--\s*tasklint-(disable-next-line|disable-line|disable-file|disable|enable)\b([^>]*?)-->/g;
    // The comment's places are looked up in the source: in a list or quote, the node's value lacks the markers.
    let cursor = node.position?.start.offset ?? 0;
    for (let match = pattern.exec(html); match; match = pattern.exec(html)) {
      // As in ESLint, a description may follow two or more dashes: `rule-id -- why`.
      const rules = (match[2] ?? '')
        .split(/(?:^|\s)-{2,}(?:\s|$)/)[0]!
        .split(/[\s,]+/)
        .map((rule) => rule.trim())
        .filter(Boolean);
      const before = html.slice(0, match.index);
      const line = (node.position?.start.line ?? 1) + (before.match(/\n/g)?.length ?? 0);
      const keyword = `tasklint-${match[1]}`;
      const at = this.text.indexOf(keyword, cursor);
      const start = at === -1 ? cursor : Math.max(this.text.lastIndexOf('<!--', at), cursor);
      let position = at === -1 ? cursor : at + keyword.length;
      const ruleRanges = rules.map((rule) => {
        const found = this.text.indexOf(rule, position);
        if (found === -1) return undefined;
        position = found + rule.length;
        return this.lines.range(found, position);
      });
      const close = this.text.indexOf('-->', position);
      const end = close === -1 ? position : close + 3;
      cursor = end;
      const range = this.lines.range(start, end);
      this.directives.push({
        kind: match[1] as InlineDirective['kind'],
        rules,
        line,
        range,
        ruleRanges: ruleRanges.map((r) => r ?? range),
      });
    }
  }

  private sectionPath(): string[] {
    return this.section.stack.map((entry) => entry.text);
  }

  private context(): MentionContext {
    const labels = [...this.sectionPath(), this.label ?? ''];
    if (this.label && CRITERIA_LABEL.test(this.label)) return 'criteria';
    if (this.label && PREREQUISITE_LABEL.test(this.label)) return 'prerequisite';
    if (labels.some((label) => CRITERIA_LABEL.test(label))) return 'criteria';
    const last = this.section.stack.at(-1)?.text ?? '';
    if (PREREQUISITE_LABEL.test(last)) return 'prerequisite';
    return 'normal';
  }

  private visitBlock(node: Nodes, depth: number): void {
    if (depth > MAX_BLOCK_DEPTH) return;
    switch (node.type) {
      case 'heading':
        this.visitHeading(node);
        this.label = undefined;
        return;
      case 'paragraph':
        this.visitProse(node, 'prose');
        this.visitFields(node);
        this.label = labelOf(repairedText(node));
        this.noteScope(repairedText(node));
        return;
      case 'list':
        this.visitList(node, depth);
        this.label = undefined;
        return;
      case 'table':
        this.visitTable(node);
        this.label = undefined;
        return;
      case 'code':
        this.visitCode(node);
        return;
      case 'thematicBreak':
        this.label = undefined;
        return;
      default:
        if ('children' in node) for (const child of node.children as Nodes[]) this.visitBlock(child, depth + 1);
    }
  }

  private repairedSlug(raw: string, repaired: string, slug: string): string {
    if (!this.repairedSlugger) {
      if (repaired === raw) {
        this.headingsAsWritten.push(raw);
        return slug;
      }
      this.repairedSlugger = new GithubSlugger();
      for (const heading of this.headingsAsWritten) this.repairedSlugger.slug(heading);
    }
    return this.repairedSlugger.slug(repaired);
  }

  private visitHeading(node: MdHeading): void {
    const raw = plainText(node).trim();
    const repaired = repairMojibake(raw);
    const slug = this.slugger.slug(raw);
    const repairedSlug = this.repairedSlug(raw, repaired, slug);
    this.headings.push({
      depth: node.depth,
      text: raw,
      slug,
      ...(repairedSlug !== slug ? { repairedSlug } : {}),
      range: this.range(node),
    });
    while (this.section.stack.length && this.section.stack.at(-1)!.depth >= node.depth) this.section.stack.pop();
    this.section.stack.push({ depth: node.depth, text: repaired });
    this.doubtful = false;
    if (this.onlyOpenDepth !== undefined && this.onlyOpenDepth >= node.depth) this.onlyOpenDepth = undefined;
    // A sub-heading ("#### Deliverables") stays inside the task's block; a sibling ends it.
    if (this.taskBlock && this.taskBlock.depth >= node.depth) this.taskBlock = undefined;
    const before = this.mentions.length;
    this.visitProse(node, 'heading');
    const defined = this.mentions.slice(before).find((mention) => mention.kind === 'definition');
    if (defined) this.taskBlock = { id: defined.id, depth: node.depth };
    else if (!this.taskBlock) this.visitShortHeading(node, repaired);
  }

  /** "### Task 041: Replace the storage role": defines the task the corpus finds for "041". */
  private visitShortHeading(node: MdHeading, text: string): void {
    const ancestors = this.section.stack.slice(0, -1).map((entry) => ({ text: entry.text, task: false }));
    const short = definingShortHeading(text, ancestors);
    const offsets = nodeOffsets(node);
    if (!short || !offsets) return;
    const ownLine = short.rest.split('\n')[0] ?? '';
    const upper = UPPERCASE_STATUS.exec(ownLine);
    const status =
      statusAfterId(short.rest, this.options.vocabulary) ??
      (upper ? classifyStatus(upper[0], this.options.vocabulary) : undefined) ??
      trailingStatus(ownLine, this.options.vocabulary) ??
      emojiStatus(text);
    const mention: Omit<TaskMention, 'id'> = {
      kind: 'definition',
      source: 'heading',
      context: 'normal',
      range: this.locate(this.text.slice(offsets.start, offsets.end), offsets.start, short.number, new Map()),
      section: this.sectionPath(),
    };
    if (status) {
      mention.status = status.status;
      mention.statusText = status.text;
    }
    const title = titleFrom(ownLine, this.options.vocabulary);
    if (title) mention.title = title;
    this.writtenIds.push({ from: short.number, text: short.number, mention, defines: true });
    this.taskBlock = { short: short.number, depth: node.depth };
  }

  private visitList(list: List, depth: number): void {
    const context = this.context();
    const label = this.label;
    for (const item of list.children) {
      this.visitListItem(item, context, depth);
      this.label = label;
    }
  }

  private visitListItem(item: ListItem, context: MentionContext, depth: number): void {
    const [first, ...rest] = item.children;
    if (first?.type === 'paragraph') {
      this.visitProse(first, 'list', { checked: item.checked ?? undefined, context });
      if (item.checked === null || item.checked === undefined) this.visitFields(first);
      this.label = labelOf(repairedText(first));
    } else if (first) {
      this.visitBlock(first, depth + 1);
    }
    for (const child of rest) this.visitBlock(child, depth + 1);
  }

  /** Mentions in a heading, a paragraph or a list item's own text. */
  private visitProse(
    node: Paragraph | MdHeading,
    source: 'prose' | 'heading' | 'list',
    item: { checked?: boolean | undefined; context?: MentionContext } = {},
  ): void {
    const offsets = nodeOffsets(node);
    if (!offsets) return;
    const text = repairedText(node);
    this.findPercents(text, offsets);
    const ids = findIdLists(text, this.options.ids);
    // Short forms and ranges ("Tasks 035-037"); headings are left to the task blocks they open.
    const lists = source === 'heading' ? [] : findListsOfIds(text, this.options.ids);
    if (ids.length === 0 && lists.length === 0) return;
    const context = item.context ?? (source === 'heading' ? 'normal' : this.context());
    const firstMention = this.mentions.length;
    const leading = source !== 'prose' ? leadingId(text, this.options.ids) : undefined;
    // A bullet "- **ID**: TASK-028.2" or a bold "**ID:** TASK-028.2"; a bare "id: TASK-1" line is
    // YAML front matter, which is no field of a task block.
    const fieldShaped =
      source === 'list' ||
      (source === 'prose' && /^\s*(?:\*\*|__)/u.test(this.text.slice(offsets.start, offsets.start + 4)));
    const definedByField = fieldShaped ? idField(text, this.options.ids) : undefined;
    const sourceSlice = this.text.slice(offsets.start, offsets.end);
    const seen = new Map<string, number>();

    for (const occurrence of ids) {
      const written = occurrence.written ?? occurrence.id;
      const at = this.locate(sourceSlice, offsets.start, written, seen);
      const byField = definedByField?.index === occurrence.index;
      const isLeading = byField || leading?.index === occurrence.index;
      const before = text.slice(Math.max(0, occurrence.index - 60), occurrence.index);
      const after = text.slice(occurrence.index + written.length, occurrence.index + written.length + 160);
      let status: StatusReading | undefined;
      if (!CONDITIONAL_BEFORE.test(before.replace(TRAILING_EMOJI, ''))) {
        status = statusAfterId(after, this.options.vocabulary) ?? statusBeforeId(before);
        if (!status && isLeading) {
          const ownLine = after.split('\n')[0] ?? '';
          const upper = UPPERCASE_STATUS.exec(ownLine);
          // "TASK-28: Build it - Done": a status word that ends the line after a dash.
          status = upper
            ? classifyStatus(upper[0], this.options.vocabulary)
            : trailingStatus(ownLine, this.options.vocabulary);
          if (!status && item.checked !== undefined)
            status = { status: item.checked ? 'done' : 'pending', text: item.checked ? '[x]' : '[ ]' };
          else if (!status && source === 'heading') status = emojiStatus(ownLine);
        }
        if (!status && isLeading && isStruckThrough(node)) status = { status: 'done', text: '~~struck through~~' };
      }
      // "TASK-001 through TASK-012 - ..." names a range of tasks, not one task.
      const isRange = isLeading && rangeAfterId(this.options.ids).test(after);
      const defines = isLeading && !isRange;
      const kind: MentionKind = defines ? 'definition' : 'reference';
      const mention: TaskMention = {
        id: occurrence.id,
        kind,
        source: byField ? 'field' : source,
        context,
        range: at,
        section: this.sectionPath(),
      };
      if (status) {
        mention.status = status.status;
        mention.statusText = status.text;
      }
      if (!defines && ALIAS_BEFORE.test(before)) mention.alias = true;
      // An example names no task and states no status.
      if (!defines && EXAMPLE_BEFORE.test(before) && EXAMPLE_AFTER.test(after)) {
        mention.alias = true;
        delete mention.status;
        delete mention.statusText;
      }
      if (item.checked !== undefined && defines) mention.checked = item.checked;
      if (byField) {
        // "- **ID**: TASK-028.2" under "### Consolidate storage": the heading is the title, the
        // field lines that follow speak of this task.
        const title = titleFrom(stripTaskLabel(this.section.stack.at(-1)?.text ?? ''), this.options.vocabulary);
        if (title) mention.title = title;
        // Under "### Task 030: ...", "- **ID**: TASK-030" writes out the ID the heading writes short.
        if (
          !this.taskBlock ||
          this.taskBlock.id === occurrence.id ||
          (this.taskBlock.short !== undefined && splitId(occurrence.id)?.number === this.taskBlock.short)
        )
          this.taskBlock = { id: occurrence.id, depth: this.section.stack.at(-1)?.depth ?? 6 };
      } else if (defines) {
        const ownLine = after.split('\n')[0] ?? '';
        const title = titleFrom(ownLine, this.options.vocabulary);
        if (title) mention.title = title;
        const duration = durationInParentheses(ownLine);
        if (duration) mention.duration = duration;
      }
      this.mentions.push(mention);
    }
    if (lists.length)
      this.visitIdLists(text, lists, ids, offsets, source as 'prose' | 'list', context, firstMention, item.checked);
  }

  /**
   * Short forms and ranges of a paragraph or list item, kept for the corpus to resolve, and the
   * status a summary line gives every member of a list ("**Pending**: Tasks 036-037, 040").
   */
  private visitIdLists(
    text: string,
    lists: IdList[],
    ids: { id: string; index: number; written?: string }[],
    offsets: { start: number; end: number },
    source: 'prose' | 'list',
    context: MentionContext,
    firstMention: number,
    checked: boolean | undefined,
  ): void {
    const base = offsets.start;
    const sourceSlice = this.text.slice(offsets.start, offsets.end);
    const sourceLines = sourceSlice.split('\n');
    const code = codeSpans(sourceSlice);
    const seen = new Map<string, number>();
    const section = this.sectionPath();
    const own = this.mentions.slice(firstMention);
    for (const list of lists) {
      const members =
        list.groups.length +
        list.ids.length +
        ids.filter((o) => o.written && o.index > list.index && o.index < list.end).length;
      const status =
        // An unticked box ("- [ ] Tasks 035-037 complete") is a goal, not a statement.
        checked !== false && (members >= 2 || list.groups.length > 0)
          ? statusOfList(text, list, this.options.vocabulary, section, {
              // "**Pending**:" is a label; "1. Complete: TASK-046" is an instruction.
              emphasisedLabel: EMPHASISED_START.test(sourceLines[lineOf(text, list.index)] ?? ''),
            })
          : undefined;
      for (const group of list.groups) {
        // "TASK-046, 047.1": findIdLists named 047.1 already.
        if (group.to === undefined && ids.some((o) => o.written !== undefined && o.index === group.index)) continue;
        const at = this.locate(sourceSlice, base, group.written, seen);
        const local = this.lines.offset(at.start) - base;
        if (code.some(([start, end]) => local >= start && local < end)) continue;
        const mention: Omit<TaskMention, 'id'> = { kind: 'reference', source, context, range: at, section };
        if (status) {
          mention.status = status.status;
          mention.statusText = status.text;
          mention.statusImplied = true;
        }
        this.writtenIds.push({
          ...(group.prefix !== undefined ? { prefix: group.prefix } : {}),
          from: group.from,
          ...(group.to !== undefined ? { to: group.to } : {}),
          text: group.written,
          mention,
        });
      }
      if (!status) continue;
      // Full IDs of the list, and members findIdLists wrote out: each has the list's status; the
      // ends of a range have it through the range, when both are defined.
      const ranges = list.groups.filter((group) => group.to !== undefined);
      ids.forEach((occurrence, i) => {
        if (occurrence.index < list.index || occurrence.index >= list.end) return;
        if (
          ranges.some(
            (group) => occurrence.index >= group.index && occurrence.index < group.index + group.written.length,
          )
        )
          return;
        const mention = own[i];
        if (!mention || mention.status !== undefined || mention.id !== occurrence.id) return;
        const local = this.lines.offset(mention.range.start) - base;
        if (code.some(([start, end]) => local >= start && local < end)) return;
        mention.status = status.status;
        mention.statusText = status.text;
        mention.statusImplied = true;
      });
    }
  }

  /**
   * The field lines of a task block: each is a statement about the block's task at its own line.
   * Dependencies are read by extractDependencies; here status, priority and estimate.
   */
  private visitFields(node: Paragraph): void {
    const block = this.taskBlock;
    // Only right under the task's heading: a sub-section ("#### History", "#### Notes") may quote
    // old statuses.
    if ((this.section.stack.at(-1)?.depth ?? 0) !== block?.depth) return;
    const offsets = nodeOffsets(node);
    if (!offsets) return;
    const plainLines = repairedText(node).split('\n');
    const sourceLines = this.text.slice(offsets.start, offsets.end).split('\n');
    // Soft line breaks keep lines one to one; a link across lines does not, and then no field is placed.
    if (plainLines.length !== sourceLines.length) return;
    let lineOffset = offsets.start;
    plainLines.forEach((line, i) => {
      const sourceLine = sourceLines[i]!;
      const lineStart = lineOffset;
      lineOffset += sourceLine.length + 1;
      const field = readFieldLine(line);
      if (!field || field.name === 'dependencies' || field.name === 'id') return;
      const value = field.value.trim();
      const mention: Omit<TaskMention, 'id'> = {
        kind: 'definition',
        source: 'field',
        context: this.context(),
        range: this.fieldRange(sourceLine, lineStart, field.label, value),
        section: this.sectionPath(),
      };
      if (field.name === 'status') {
        // "Starts once TASK-6 is complete", "Will be done in Q3": a condition or a plan.
        if (STATUS_CONDITION.test(value)) return;
        const status = classifyStatus(value, this.options.vocabulary);
        if (!status) return;
        mention.status = status.status;
        mention.statusText = status.text;
      } else if (field.name === 'priority') {
        const priority = normalisePriority(value);
        if (!priority) return;
        mention.priority = priority;
      } else {
        const duration = parseDuration(value);
        if (!duration) return;
        mention.duration = duration;
      }
      if (block.id !== undefined) this.mentions.push({ id: block.id, ...mention });
      else if (block.short !== undefined)
        this.writtenIds.push({ from: block.short, text: block.short, mention, defines: true });
    });
  }

  /** A field's value in its source line: from its first word after the label to the line's end. */
  private fieldRange(sourceLine: string, lineStart: number, label: string, value: string): Range {
    const labelAt = sourceLine.toLowerCase().indexOf(label.toLowerCase());
    const head = value.split(/\s+/)[0] ?? '';
    const at = head && labelAt !== -1 ? sourceLine.indexOf(head, labelAt + label.length) : -1;
    const start = at === -1 ? Math.max(labelAt, 0) : at;
    const end = Math.max(sourceLine.replace(/\s+$/u, '').length, start);
    return this.lines.range(lineStart + start, lineStart + end);
  }

  /** Finds the n-th occurrence of `id` in the node's source, for an exact range. */
  private locate(sourceSlice: string, base: number, id: string, seen: Map<string, number>): Range {
    const from = seen.get(id) ?? 0;
    const index = sourceSlice.indexOf(id, from);
    if (index === -1) return this.lines.range(base, base);
    seen.set(id, index + id.length);
    return this.lines.range(base + index, base + index + id.length);
  }

  private visitTable(table: Table): void {
    const [header, ...rows] = table.children;
    if (!header) return;
    const headers = header.children.map((cell) => repairedText(cell).trim());
    const cellTexts = rows.map((row) => row.children.map((cell) => repairedText(cell).trim()));
    const columns = tableColumns(headers, cellTexts, this.options.ids);
    const context = this.context();
    const section = this.sectionPath();
    // "**040**" in an ID column of TASK-0NN rows is TASK-040; in a column of numbers only, the
    // corpus finds the scheme.
    const columnPrefixes = new Map<string, string[]>();
    if (columns.id !== undefined)
      for (const texts of cellTexts) {
        const id = leadingId(texts[columns.id] ?? '', this.options.ids);
        const split = id && splitId(id.id);
        if (split) columnPrefixes.set(split.prefix, [...(columnPrefixes.get(split.prefix) ?? []), split.number]);
      }

    rows.forEach((row, r) => {
      const texts = cellTexts[r]!;
      this.findRowPercents(headers, texts, row);
      const idCell = columns.id === undefined ? undefined : row.children[columns.id];
      const idText = columns.id === undefined ? undefined : texts[columns.id];
      let defined = idText !== undefined ? leadingId(idText, this.options.ids) : undefined;
      const short = !defined && idText !== undefined ? SHORT_ID_CELL.exec(idText)?.[1] : undefined;
      let shortId: { id: string; index: number; written: string } | undefined;
      if (short !== undefined) {
        const [prefix, numbers] = columnPrefixes.size === 1 ? [...columnPrefixes][0]! : [undefined, []];
        if (prefix !== undefined && numbers.some((number) => sameWidth(number, short)))
          shortId = { id: `${prefix}${short}`, index: idText!.indexOf(short), written: short };
        else if (columnPrefixes.size === 0 && idCell) this.shortRow(idCell, short, texts, columns, context, section);
        if (shortId) defined = { id: shortId.id, index: shortId.index };
      }
      let rowId: string | undefined;

      row.children.forEach((cell, c) => {
        const offsets = nodeOffsets(cell);
        if (!offsets) return;
        const cellText = texts[c] ?? '';
        const sourceSlice = this.text.slice(offsets.start, offsets.end);
        const seen = new Map<string, number>();
        const ids = c === columns.id && shortId ? [shortId] : findIdLists(cellText, this.options.ids);
        for (const occurrence of ids) {
          const at = this.locate(sourceSlice, offsets.start, occurrence.written ?? occurrence.id, seen);
          if (c === columns.id && occurrence.index === defined?.index && rowId === undefined) {
            rowId = occurrence.id;
            const mention: TaskMention = {
              id: occurrence.id,
              kind: 'definition',
              source: 'table',
              context,
              range: at,
              section,
            };
            if (occurrence === shortId) mention.writtenAs = shortId.written;
            const statusText = columns.status !== undefined ? texts[columns.status] : undefined;
            const status = statusText ? classifyStatus(statusText, this.options.vocabulary) : undefined;
            if (status) {
              mention.status = status.status;
              mention.statusText = status.text;
            } else if (idCell && isStruckThrough(idCell)) {
              mention.status = 'done';
              mention.statusText = '~~struck through~~';
            } else if (columns.status === undefined) {
              const listedUnder = this.impliedOpen(texts, columns.dependencies);
              if (listedUnder) {
                mention.status = 'pending';
                mention.statusText = `listed under “${listedUnder}”`;
                mention.statusImplied = true;
              }
            }
            const priority =
              columns.priority !== undefined ? normalisePriority(texts[columns.priority] ?? '') : undefined;
            if (priority) mention.priority = priority;
            const duration = columns.duration !== undefined ? parseDuration(texts[columns.duration] ?? '') : undefined;
            if (duration) mention.duration = duration;
            const title = columns.title !== undefined ? texts[columns.title] : undefined;
            if (title) mention.title = title;
            if (columns.dependencies !== undefined) {
              const dependencyText = texts[columns.dependencies] ?? '';
              const dependencies = findIdLists(dependencyText, this.options.ids).map((dep) => dep.id);
              // "Phase 3a ✅" names no task: unknown, not "no dependencies".
              if (dependencies.length > 0 || /^(?:none|n\/?a|-+|–|—|)$/iu.test(dependencyText.trim()))
                mention.dependencies = dependencies;
            }
            this.mentions.push(mention);
            continue;
          }
          const mention: TaskMention = {
            id: occurrence.id,
            kind: 'reference',
            source: 'table',
            context,
            range: at,
            section,
          };
          if (c === columns.dependencies) {
            // "TASK-045 ✅" in a dependency cell: the dependency is done.
            const after = cellText.slice(
              occurrence.index + occurrence.id.length,
              occurrence.index + occurrence.id.length + 4,
            );
            const status = /^\s*[✅✔☑]/u.test(after) ? emojiStatus(after) : undefined;
            if (status) {
              mention.status = status.status;
              mention.statusText = status.text;
            }
            if (rowId) mention.dependent = rowId;
          }
          this.mentions.push(mention);
        }
      });
    });
  }

  /** A row keyed by a number only ("| **040** | ... | Pending |"): its scheme is the corpus's to find. */
  private shortRow(
    idCell: Table['children'][number]['children'][number],
    short: string,
    texts: string[],
    columns: TableColumns,
    context: MentionContext,
    section: string[],
  ): void {
    const offsets = nodeOffsets(idCell);
    if (!offsets) return;
    const mention: Omit<TaskMention, 'id'> = {
      kind: 'reference',
      source: 'table',
      context,
      range: this.locate(this.text.slice(offsets.start, offsets.end), offsets.start, short, new Map()),
      section,
    };
    const statusText = columns.status !== undefined ? texts[columns.status] : undefined;
    const status = statusText ? classifyStatus(statusText, this.options.vocabulary) : undefined;
    if (status) {
      mention.status = status.status;
      mention.statusText = status.text;
    }
    this.writtenIds.push({ from: short, text: short, mention });
  }

  private visitCode(node: Code): void {
    const offsets = nodeOffsets(node);
    if (!offsets || node.value.length > 200_000) return;
    const ids = findIds(node.value, this.options.ids);
    if (ids.length === 0) return;
    const sourceSlice = this.text.slice(offsets.start, offsets.end);
    const seen = new Map<string, number>();
    const section = this.sectionPath();
    for (const occurrence of ids) {
      this.mentions.push({
        id: occurrence.id,
        kind: 'reference',
        source: 'code',
        context: 'normal',
        range: this.locate(sourceSlice, offsets.start, occurrence.id, seen),
        section,
      });
    }
  }

  private noteScope(paragraph: string): void {
    const scope = onlyOpenScope(paragraph);
    if (scope === 'document') this.onlyOpenDepth = 0;
    else if (scope === 'section') this.onlyOpenDepth = this.section.stack.at(-1)?.depth ?? 0;
    if (expressesDoubt(paragraph)) this.doubtful = true;
  }

  /** A row with no status column, listed where only open tasks are: the heading or sentence that says so. */
  private impliedOpen(cells: string[], dependencyColumn: number | undefined): string | undefined {
    if (this.doubtful || rowShowsStatus(cells, dependencyColumn)) return undefined;
    const path = this.sectionPath();
    const heading = openHeading(path);
    if (heading) return heading;
    if (heading === null || this.onlyOpenDepth === undefined) return undefined;
    return this.onlyOpenDepth === 0 ? 'a document of active tasks only' : `${path.at(-1) ?? ''} (active tasks only)`;
  }

  /** "64% (31/48)", "60% Complete (29/48 tasks)", "80% complete (8 of 10 tasks)". */
  private findPercents(text: string, offsets: { start: number; end: number }): void {
    if (!text.includes('%')) return;
    // The lookbehinds keep a run of digits from being tried at every position (linear, not quadratic).
    // Counts may separate thousands with commas: "(175 of 1,171 hours complete)".
    const pattern =
      /(?<![\d.])(\d+(?:\.\d+)?)\s*%[^%\n()]{0,30}?\(\s*(\d{1,3}(?:,\d{3})+(?!\d)|\d+)\s*(?:\/|of|out of)\s*(\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?![\d.,]*%)/giu;
    for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
      this.addPercent(match[0], Number(match[1]), groupedNumber(match[2]!), groupedNumber(match[3]!), offsets);
    }
    const reverse =
      /(?<![\d/,])(\d{1,3}(?:,\d{3})+(?!\d)|\d+)\s*(?:\/|of|out of)\s*(\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?![\d/])[^%\n()]{0,30}?\(\s*(\d+(?:\.\d+)?)\s*%\s*\)/giu;
    for (let match = reverse.exec(text); match; match = reverse.exec(text)) {
      this.addPercent(match[0], Number(match[3]), groupedNumber(match[1]!), groupedNumber(match[2]!), offsets);
    }
  }

  private addPercent(
    matched: string,
    percent: number,
    numerator: number,
    denominator: number,
    offsets: { start: number; end: number },
  ): void {
    const sourceSlice = this.text.slice(offsets.start, offsets.end);
    const head = /^\d+(?:\.\d+)?/.exec(matched)?.[0] ?? matched;
    let index = sourceSlice.indexOf(matched);
    if (index === -1) index = sourceSlice.indexOf(head);
    const start = offsets.start + Math.max(index, 0);
    const end = index === -1 ? start : start + (sourceSlice.includes(matched) ? matched.length : head.length);
    this.percents.push({
      percent,
      numerator,
      denominator,
      text: matched.trim(),
      range: this.lines.range(start, end),
      subject: this.section.stack.at(-1)?.text ?? '',
    });
  }

  /** A table row with a completion-% column next to total and completed counts. */
  private findRowPercents(headers: string[], texts: string[], row: Table['children'][number]): void {
    // The column that holds this row's percentage: "Completion %" may stand after a "Progress" of "3/7".
    const percentColumn = headers.findIndex(
      (h, i) => /%|percent|completion|progress/i.test(h) && /^\s*\d+(?:\.\d+)?\s*%\s*$/.test(texts[i] ?? ''),
    );
    const totalColumn = headers.findIndex((h) => /^(total(?: tasks)?|tasks)$/i.test(h));
    const doneColumn = headers.findIndex((h) => /^(completed?|done)(?: tasks)?$/i.test(h));
    if (percentColumn < 0 || totalColumn < 0 || doneColumn < 0) return;
    const percentText = texts[percentColumn] ?? '';
    const percent = /^\s*(\d+(?:\.\d+)?)\s*%\s*$/.exec(percentText);
    const total = /^\s*(\d+)\b/.exec(texts[totalColumn] ?? '');
    const done = /^\s*(\d+)\s*$/.exec(texts[doneColumn] ?? '');
    const cell = row.children[percentColumn];
    const offsets = cell && nodeOffsets(cell);
    if (!percent || !total || !done || !offsets) return;
    const label = texts[0] ?? '';
    this.percents.push({
      percent: Number(percent[1]),
      numerator: Number(done[1]),
      denominator: Number(total[1]),
      text: `${percent[1]}% (${done[1]}/${total[1]})`,
      range: this.lines.range(offsets.start, offsets.end),
      subject: label,
    });
  }
}

/** A line that starts, after any list marker or emoji, with bold or italic emphasis. */
const EMPHASISED_START = /^[^\p{L}\p{N}*_]*(?:\*\*|__|\*|_)/u;

/** The 0-based line of `index` in `text`. */
function lineOf(text: string, index: number): number {
  let line = 0;
  for (let at = text.indexOf('\n'); at !== -1 && at < index; at = text.indexOf('\n', at + 1)) line++;
  return line;
}

/** Where inline code spans are in a node's source: IDs in them are examples and commands. */
function codeSpans(source: string): [number, number][] {
  const spans: [number, number][] = [];
  for (const match of source.matchAll(/(`+)[^`][\s\S]*?\1/gu)) spans.push([match.index, match.index + match[0].length]);
  return spans;
}

/** The text of a paragraph's last line when it is a label such as "**Prerequisites:**". */
function labelOf(text: string): string | undefined {
  const trimmed = text.trim();
  const last = trimmed.slice(trimmed.lastIndexOf('\n') + 1).trim();
  return last.length > 0 && last.length <= 80 && last.endsWith(':') ? last.slice(0, -1) : undefined;
}

/**
 * A status stated right after an ID: "TASK-1 complete", "TASK-1 (Kernel) is now ✅ COMPLETE",
 * "TASK-1 - ✅ COMPLETE". After a dash or colon the word must be capitalised or carry an emoji,
 * so "TASK-1 - Complete the role" stays a title.
 */
function statusAfterId(after: string, vocabulary: StatusVocabulary): StatusReading | undefined {
  // "TASK-22 (Pending)": a parenthesis that holds only a status word.
  const parenthesised = /^\s*\(\s*([^)\n]{1,40}?)\s*\)/u.exec(after);
  if (parenthesised && wholeStatusWord(parenthesised[1]!, vocabulary))
    return classifyStatus(parenthesised[1]!, vocabulary);
  const lead = /^\s*(?:\([^)\n]{0,80}\)\s*)?(?:(?:is|was|are|has been|have been|now|marked|as)\s+){0,3}/iu.exec(after);
  let rest = after.slice(lead?.[0].length ?? 0);
  const separator = /^\s*[-–—:]\s*/u.exec(rest);
  if (separator) rest = rest.slice(separator[0].length);
  const emoji = LEADING_EMOJI.exec(rest);
  const hasEmoji = Boolean(emoji);
  if (separator && !hasEmoji) {
    // "TASK-21: Pending" (the status is all the line says) but not "TASK-1 - Complete the role".
    const ownLine = (rest.split('\n')[0] ?? '').replace(/[.!]\s*$/u, '');
    if (wholeStatusWord(ownLine, vocabulary)) return classifyStatus(ownLine, vocabulary);
    const upper = LEADING_UPPERCASE_STATUS.exec(rest);
    if (!upper || !/^(?:\s*$|\s*[-–—(),.;:!|]|\s+\()/u.test(rest.slice(upper[0].length))) return undefined;
    return classifyStatus(upper[0], vocabulary);
  }
  rest = rest.slice(emoji?.[0].length ?? 0);
  const word = leadingStatusWord(vocabulary).exec(rest);
  if (!word) return hasEmoji && (/^\s*$/.test(rest) || /^[,;.]/.test(rest)) ? emojiStatus(emoji![1]!) : undefined;
  if (!/^(?:\s*$|\s*[-–—(),.;:!|]|\s+\()/u.test(rest.slice(word[0].length))) return undefined;
  return classifyStatus(word[0], vocabulary);
}

/** "ID: TASK-028.2" as the first line: the one ID the field names, where it sits in the text. */
function idField(text: string, ids: IdMatcher): { index: number } | undefined {
  const field = readFieldLine(text.split('\n')[0] ?? '');
  if (field?.name !== 'id') return undefined;
  const value = field.value.trim();
  const id = leadingId(value, ids);
  if (id?.id.length !== value.replace(/[\s*_`]+$/u, '').length) return undefined;
  return { index: field.valueIndex + (field.value.length - field.value.trimStart().length) + id.index };
}

/** "Task 030: Build the role" as a title: without its "Task 030:" label. */
function stripTaskLabel(heading: string): string {
  return heading.replace(/^[^\p{L}\p{N}]*task\s+[\w.-]+\s*[:.–—-]\s*/iu, '');
}

/** A text that is one status word of the vocabulary and nothing else: "Pending", "in progress". */
function wholeStatusWord(text: string, vocabulary: StatusVocabulary): boolean {
  const trimmed = text.trim();
  const word = leadingStatusWord(vocabulary).exec(trimmed);
  return word !== null && word[0].length === trimmed.length;
}

/** "TASK-28: Build it - Done": a title, then a dash and a status word that ends the line. */
const TRAILING_STATUS = /\s[-–—]\s+([^-–—\n]{2,30}?)[.!]?\s*$/u;

function trailingStatus(ownLine: string, vocabulary: StatusVocabulary): StatusReading | undefined {
  const match = TRAILING_STATUS.exec(ownLine);
  if (!match || !wholeStatusWord(match[1]!, vocabulary)) return undefined;
  return classifyStatus(match[1]!, vocabulary);
}

/** "✅ TASK-1": a status emoji right before the ID. */
function statusBeforeId(before: string): StatusReading | undefined {
  const match = TRAILING_EMOJI_CAPTURED.exec(before);
  if (!match || match[1]!.startsWith('⚠')) return undefined;
  return emojiStatus(match[1]!);
}

/** "- Fix BeeGFS Kernel Module ⚠️ BLOCKING (4 hrs)" becomes "Fix BeeGFS Kernel Module". */
function titleFrom(afterId: string, vocabulary: StatusVocabulary): string | undefined {
  // "[TASK-002] - Phase 1.1": the bracket that closes around the ID is no part of the title.
  const separators = /^[\s\-–—:|\])]+/u;
  let title = afterId
    .replace(/\([^)]*\)/gu, ' ')
    .replace(EVERY_STATUS_EMOJI, ' ')
    .replace(EVERY_UPPERCASE_STATUS, ' ')
    .replace(separators, '');
  // "TASK-1 complete (...)": a status right after the ID is not a title, nor "Build it - Done" at its end.
  title = title.replace(leadingStatusWord(vocabulary), '').replace(separators, '');
  if (trailingStatus(title, vocabulary)) title = title.replace(TRAILING_STATUS, '');
  title = title
    .replace(/[\s\-–—:|]+$/u, '')
    .replace(/\s+/g, ' ')
    .trim();
  return title.length >= 3 ? title : undefined;
}

/** "(4 hrs)", "(2 days)", "(3 tasks, 6.5 hrs)": a parenthesis that holds only a duration. */
function durationInParentheses(text: string): Duration | undefined {
  for (const match of text.matchAll(/\(([^)]*)\)/gu)) {
    const inner = match[1]!.trim();
    if (
      /^(?:\d+\s+tasks?,\s*)?~?\d+(?:\.\d+)?\s*(?:min(?:ute)?s?|hrs?|hours?|h|m|(?:working\s+)?days?|d|weeks?|wks?|w)(?:\s+total)?$/iu.test(
        inner,
      )
    ) {
      const duration = parseDuration(inner);
      if (duration) return duration;
    }
  }
  return undefined;
}

function normalisePriority(text: string): string | undefined {
  const match = /\b(critical|high|medium|low|urgent|P[0-4])\b/i.exec(text);
  return match ? match[1]!.toUpperCase() : undefined;
}

interface TableColumns {
  id?: number;
  status?: number;
  priority?: number;
  duration?: number;
  dependencies?: number;
  title?: number;
}

/** An ID column's cell that holds only a number: zero-padded ("040") or dotted ("1.2"), not a row count ("3"). */
const SHORT_ID_CELL = /^[\s*_]*(0\d+(?:\.\d+)*|\d+(?:\.\d+)+)[\s*_]*$/u;

/** Recognises columns by their header; the ID column must also hold IDs. */
export function tableColumns(headers: string[], rows: string[][], ids: IdMatcher): TableColumns {
  const columns: TableColumns = {};
  const startsWithId = (c: number): number => {
    const cells = rows.map((row) => row[c] ?? '').filter((cell) => cell.trim());
    if (cells.length === 0) return 0;
    return cells.filter((cell) => leadingId(cell, ids)).length / cells.length;
  };
  const find = (pattern: RegExp, exclude: (number | undefined)[] = []): number | undefined => {
    const index = headers.findIndex((h, i) => pattern.test(h) && !exclude.includes(i));
    return index === -1 ? undefined : index;
  };
  const idByHeader = headers.findIndex(
    (h, i) => /^(?:task\s*)?(?:id|#|key|ticket|task)$|\bid\b/i.test(h.trim()) && startsWithId(i) >= 0.5,
  );
  // A column of numbers such as "040" under "ID" or "Task" (not "#", which counts rows).
  const shortByHeader = headers.findIndex(
    (h, i) =>
      /^(?:task\s*)?(?:id|task)$/i.test(h.trim()) &&
      rows.length > 0 &&
      rows.every((row) => SHORT_ID_CELL.test(row[i] ?? '') || leadingId(row[i] ?? '', ids)),
  );
  if (idByHeader !== -1) columns.id = idByHeader;
  else if (shortByHeader !== -1) columns.id = shortByHeader;
  else if (headers.length > 0 && startsWithId(0) >= 0.5) columns.id = 0;
  const set = (key: keyof TableColumns, value: number | undefined): void => {
    if (value !== undefined) columns[key] = value;
  };
  set('status', find(/\b(status|state)\b/i, [columns.id]));
  set('priority', find(/\b(priority|prio)\b/i, [columns.id]));
  set('duration', find(/\b(duration|time|estimate|estimated|effort|hours|hrs)\b/i, [columns.id]));
  set('dependencies', find(/\b(depend\w*|depends on|blocked by|prereq\w*|requires)\b/i, [columns.id]));
  set('title', find(/\b(description|title|name|summary|task)\b/i, [columns.id]));
  return columns;
}
