/**
 * spec-kit's feature files (`specs/NNN-name/`), read as its templates write them:
 *
 *     ## Phase 2: Foundational (Blocking Prerequisites)          tasks.md: a phase that blocks the stories
 *     - [ ] T012 [P] [US2] Export as JSON in src/export/json.ts  a task, parallel, of user story 2
 *     | **Total tasks** | 42 |                                   a stated count
 *
 *     ### User Story 2 - Export (Priority: P2)                   spec.md: the story `[US2]` names
 *
 * The generic list reading already defines the task lines as tasks of their feature (their
 * checkbox the status). Here the `[P]` and `[USn]` markers are left out of their titles, the
 * phases, their blocking statements and the stated counts are read from tasks.md, and each `[USn]`
 * label becomes a reference to the story spec.md defines. An `FR-012` whose line names another
 * feature ("Spec 002's FR-005") is marked as that feature's, and the checkbox items of
 * `checklists/*.md` and plan.md name tasks without defining them.
 */
import type { Heading, List, ListItem, Nodes, Paragraph, Root, Table } from 'mdast';
import type {
  ChecklistItem,
  PhaseBlock,
  Range,
  SpecKitCount,
  SpecKitFacts,
  SpecKitPhase,
  SpecKitTask,
  TaskMention,
} from '../../types.js';
import { DEFAULT_VOCABULARY, isOpen, type StatusVocabulary } from '../status.js';
import { isStruckThrough, nodeOffsets, repairedText, type LineIndex } from '../text.js';
import { markerStatus } from './checkbox-markers.js';
import { SPEC_KIT_REQUIREMENT_PREFIXES, STORY_PREFIX } from './layout.js';

const MARKERS = /^(?:\[(?:P|US\d+[a-z]?|Story|Setup|Foundation|Polish)\]\s*)+/iu;

export function specKitTitles(mentions: TaskMention[]): void {
  for (const mention of mentions) {
    if (mention.kind !== 'definition' || mention.source !== 'list' || !mention.title) continue;
    const title = mention.title.replace(MARKERS, '').trim();
    if (title.length >= 3) mention.title = title;
    else delete mention.title;
  }
}

const MAX_DEPTH = 32;
/** `T012 [P] [US2] ...`, after the checkbox; `[-] T051 ...` when the marker is not GFM's. */
const TASK_LINE = /^(?:\[([^[\]\n]{1,2})\]\s+)?(T\d+[a-z]?)\b(.*)$/u;
const STORY_LABEL = /\[US-?(\d+[a-z]?)\]/giu;
/** `## Phase 2: Foundational`, `## Phase 3.2 — Tests First`. */
const PHASE_HEADING = /^phase\s+(\d+(?:\.\d+)?)\b\s*[:.—–-]?\s*(.*)$/iu;
const STORY_PHASE = /\buser stor(?:y|ies)\s+\d|\bUS-?\d/iu;
/** A task left out on purpose: it is neither open work nor done. */
const SET_ASIDE = /\b(?:deferred|optional|skipped|postponed|n\/a|not applicable|won'?t do|out of scope)\b/iu;
/** What the template writes of its Foundational phase: it blocks every user story. */
const BLOCKS_STORIES_HEADING = /\bblocking\b|\bblocks? all\b/iu;
const BLOCKS_STORIES_LINE =
  /\bno user story work can begin until this phase is complete\b|\bmust be complete before any user stor|\bblocks all (?:user )?stories\b/iu;
/** The older template: `## Phase 3.2: Tests First (TDD) ⚠️ MUST COMPLETE BEFORE 3.3`. */
const BEFORE_PHASE = /\bmust complete before (?:phase\s+)?(\d+(?:\.\d+)?)\b/iu;
/** A Dependencies item: `- **US1: Profile (Phase 3)**: Depends on Phase 2 (...)`. */
const DEPENDENCY_ITEM = /^\s*(?:\*\*)?([^*]{0,80}?\(phase\s+(\d+(?:\.\d+)?)\))(?:\*\*)?\s*:\s*(?:\*\*)?\s*(.*)$/iu;
const DEPENDS_ON = /^depends on\s+(.*)$/iu;

/** Reads a spec-kit tasks.md: its phases, tasks, blocking statements and stated counts, and its `[USn]` labels. */
export function specKitTasks(
  text: string,
  tree: Root,
  lines: LineIndex,
  vocabulary: StatusVocabulary = DEFAULT_VOCABULARY,
): { facts: SpecKitFacts; mentions: TaskMention[] } {
  const phases: SpecKitPhase[] = [];
  const tasks: SpecKitTask[] = [];
  const blocks: PhaseBlock[] = [];
  const counts: SpecKitCount[] = [];
  const mentions: TaskMention[] = [];
  let phase: SpecKitPhase | undefined;
  let phaseDepth = 0;
  /** The depth of the first phase heading: a later "### Phase 3.1" under a checklist section is no phase. */
  let phaseLevel: number | undefined;
  let setAside = false;
  let setAsideDepth = 0;
  const sections: string[] = [];

  const rangeOf = (node: Nodes): Range => {
    const offsets = nodeOffsets(node);
    return offsets
      ? lines.range(offsets.start, offsets.end)
      : { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };
  };
  const firstLine = (node: Nodes): Range => {
    const offsets = nodeOffsets(node);
    if (!offsets) return rangeOf(node);
    const end = text.indexOf('\n', offsets.start);
    return lines.range(offsets.start, end === -1 || end > offsets.end ? offsets.end : end);
  };

  const readItem = (item: ListItem, paragraph: Paragraph): void => {
    const itemText = repairedText(paragraph);
    const first = itemText.split('\n')[0]!.trim();
    const match = TASK_LINE.exec(first);
    if (!match) {
      readDependency(first, item);
      readCountLine(first, paragraph);
      return;
    }
    const gfm = typeof item.checked === 'boolean';
    if (!gfm && match[1] === undefined) return;
    const marker = gfm ? (item.checked ? 'x' : ' ') : match[1]!;
    const configured = gfm ? undefined : markerStatus(marker, vocabulary);
    const state =
      marker === 'x' || marker === 'X' || configured === 'done'
        ? 'done'
        : marker === ' ' || isOpen(configured)
          ? 'open'
          : 'other';
    const stories = [...first.matchAll(STORY_LABEL)].map((label) => label[1]!);
    const task: SpecKitTask = {
      id: match[2]!,
      state,
      marker: `[${marker}]`,
      setAside: setAside || SET_ASIDE.test(itemText) || isStruckThrough(paragraph),
      stories,
      parallel: match[3]!.includes('[P]'),
      range: firstLine(item),
      ...(phase ? { phase: phase.number } : {}),
    };
    tasks.push(task);
    readLabels(paragraph);
  };

  /** Each `[USn]` of a task line: a reference to the story spec.md defines. */
  const readLabels = (paragraph: Paragraph): void => {
    const offsets = nodeOffsets(paragraph);
    if (!offsets) return;
    const lineEnd = text.indexOf('\n', offsets.start);
    const source = text.slice(offsets.start, lineEnd === -1 ? offsets.end : Math.min(offsets.end, lineEnd));
    for (const label of source.matchAll(STORY_LABEL)) {
      const at = offsets.start + label.index;
      mentions.push({
        id: `${STORY_PREFIX}${label[1]!}`,
        kind: 'reference',
        source: 'list',
        context: 'normal',
        range: lines.range(at, at + label[0].length),
        section: [...sections],
      });
    }
  };

  const readDependency = (line: string, item: ListItem): void => {
    const match = DEPENDENCY_ITEM.exec(line);
    if (!match) return;
    const dependent = match[2]!;
    const statement = match[3]!;
    const range = firstLine(item);
    if (BLOCKS_STORIES_LINE.test(statement)) blocks.push({ phase: dependent, blocks: 'stories', text: line, range });
    const depends = DEPENDS_ON.exec(statement);
    if (!depends) return;
    // Only the phases named before the reason: "Depends on Phase 2 + Phase 6 (needs ...)".
    const named = depends[1]!.split(/\s+[—–-]\s+|[(.;]|\bbut\b|\bcan\b/iu)[0]!;
    for (const blocker of phasesNamed(named, phases))
      blocks.push({ phase: blocker, blocks: [dependent], text: line, range });
  };

  const readCountLine = (line: string, node: Nodes): void => {
    const total = TOTAL_LINE.exec(line);
    if (total) counts.push(countOf('total', undefined, total[1]!, line, node));
  };

  const countOf = (
    of: SpecKitCount['of'],
    key: string | undefined,
    number: string,
    label: string,
    node: Nodes,
  ): SpecKitCount => {
    const offsets = nodeOffsets(node);
    const source = offsets ? text.slice(offsets.start, offsets.end) : '';
    const at = offsets ? source.search(new RegExp(`(?<![\\d.])${number}(?![\\d.])`, 'u')) : -1;
    const range =
      offsets && at !== -1 ? lines.range(offsets.start + at, offsets.start + at + number.length) : firstLine(node);
    return { of, ...(key !== undefined ? { key } : {}), stated: Number(number), text: label.trim(), range };
  };

  const readTable = (table: Table): void => {
    // Only a summary of the tasks: a table with a "Total tasks" row.
    const rows = table.children.slice(1);
    if (!rows.some((row) => row.children[0] && TOTAL_LABEL.test(repairedText(row.children[0]).trim()))) return;
    for (const row of rows) {
      const [labelCell, valueCell] = row.children;
      if (!labelCell || !valueCell || row.children.length !== 2) continue;
      const label = repairedText(labelCell).trim();
      const value = COUNT_VALUE.exec(repairedText(valueCell).trim());
      if (!value) continue;
      const text = `${label}: ${repairedText(valueCell).trim()}`;
      if (TOTAL_LABEL.test(label)) counts.push(countOf('total', undefined, value[1]!, text, valueCell));
      else {
        const phaseLabel = PHASE_LABEL.exec(label);
        if (phaseLabel) counts.push(countOf('phase', phaseLabel[1], value[1]!, text, valueCell));
        else {
          const story = STORY_COUNT_LABEL.exec(label);
          if (story) counts.push(countOf('story', story[1], value[1]!, text, valueCell));
        }
      }
    }
  };

  const visitList = (list: List, depth: number): void => {
    if (depth > MAX_DEPTH) return;
    for (const item of list.children) {
      const first = item.children[0];
      if (first?.type === 'paragraph') readItem(item, first);
      for (const child of item.children) if (child.type === 'list') visitList(child, depth + 1);
    }
  };

  const readHeading = (node: Heading): void => {
    const title = repairedText(node).trim();
    sections.splice(node.depth - 1);
    sections[node.depth - 1] = title;
    if (setAside && node.depth <= setAsideDepth) setAside = false;
    const match = PHASE_HEADING.exec(title);
    if (match && (phaseLevel ??= node.depth) === node.depth) {
      phase = { number: match[1]!, title, range: rangeOf(node), story: STORY_PHASE.test(match[2]!) };
      phaseDepth = node.depth;
      phases.push(phase);
      setAside = /\boptional\b|\bdeferred\b/iu.test(title);
      setAsideDepth = node.depth;
      if (BLOCKS_STORIES_HEADING.test(match[2]!))
        blocks.push({ phase: phase.number, blocks: 'stories', text: title, range: rangeOf(node) });
      const before = BEFORE_PHASE.exec(title);
      if (before) blocks.push({ phase: phase.number, blocks: [before[1]!], text: title, range: rangeOf(node) });
      return;
    }
    if (phase && node.depth <= phaseDepth) phase = undefined;
    else if (phase && /\boptional\b|\bdeferred\b/iu.test(title)) {
      setAside = true;
      setAsideDepth = node.depth;
    }
  };

  for (const node of tree.children) {
    if (node.type === 'heading') readHeading(node);
    else if (node.type === 'list') visitList(node, 0);
    else if (node.type === 'table') readTable(node);
    else if (node.type === 'paragraph') {
      for (const line of repairedText(node).split('\n')) {
        if (phase && BLOCKS_STORIES_LINE.test(line))
          blocks.push({ phase: phase.number, blocks: 'stories', text: line.trim(), range: firstLine(node) });
        readCountLine(line.trim(), node);
      }
    }
  }
  // A phase is a story's when its heading names one or its tasks carry story labels.
  for (const each of phases)
    if (!each.story && tasks.some((task) => task.phase === each.number && task.stories.length > 0)) each.story = true;
  return { facts: { phases, tasks, blocks, counts }, mentions };
}

/** "Total tasks: 72", "**Total Tasks**: 54", "Total: 42 tasks". */
const TOTAL_LINE =
  /^[-*\s]*(?:\*\*)?total(?: number of)?(?: tasks?| task count)?(?:\*\*)?\s*:\s*(?:\*\*)?\s*(\d+)(?:\*\*)?(?:\s+tasks?)?\s*(?:\([^)]*\))?\.?$/iu;
const TOTAL_LABEL = /^(?:\*\*)?total(?: tasks?| task count)(?:\*\*)?$/iu;
/** A summary table's value: "11 tasks", "25", "118 (T001–T118)". */
const COUNT_VALUE = /^(?:\*\*)?(\d+)(?:\*\*)?(?:\s+tasks?)?(?:\s*\([^)]*\))?$/iu;
/** "Phase 3 — US1: Profile", "Phase 2 (Foundational)", "US1 — Tokens (Phase 3)". */
const PHASE_LABEL = /\bphase\s+(\d+(?:\.\d+)?)\b/iu;
/** "US1 tasks", "US-1 tasks (P0 — Recurring Events)", "User Story 2 tasks". */
const STORY_COUNT_LABEL = /^(?:\*\*)?(?:US-?|user story\s+)(\d+[a-z]?)\s+tasks(?:\*\*)?(?:\s*\([^)]*\))?$/iu;

/** "Phase 2", "Phase 2 + Phase 6", "Phases 3–7", "Phases 3, 5, 6", "Foundational": the phases a dependency names. */
function phasesNamed(text: string, phases: SpecKitPhase[]): string[] {
  const found: string[] = [];
  const numbered = /\bphases?\s+((?:\d+(?:\.\d+)?)(?:\s*(?:[–-]|,|\+|and)\s*(?:phase\s+)?\d+(?:\.\d+)?)*)/giu;
  for (const match of text.matchAll(numbered)) {
    for (const part of match[1]!.split(/\s*(?:,|\+|and)\s*/u)) {
      const span = /^(?:phase\s+)?(\d+)\s*[–-]\s*(?:phase\s+)?(\d+)$/iu.exec(part.trim());
      if (span)
        for (let n = Number(span[1]); n <= Number(span[2]) && n - Number(span[1]) < 50; n++) found.push(String(n));
      else {
        const single = /(\d+(?:\.\d+)?)/u.exec(part);
        if (single) found.push(single[1]!);
      }
    }
  }
  if (found.length === 0) {
    const word = /^(setup|foundational|foundation)\b/iu.exec(text.trim());
    if (word) {
      const named = phases.filter((each) =>
        new RegExp(`^phase\\s+[\\d.]+\\s*[:.—–-]?\\s*${word[1]!}`, 'iu').test(each.title),
      );
      if (named.length === 1) found.push(named[0]!.number);
    }
  }
  return found;
}

/** spec.md: `### User Story 2 - Title (Priority: P2)` or `### US-2: Title (P0)` define the story `[US2]` names. */
export function specKitStories(text: string, tree: Root, lines: LineIndex): TaskMention[] {
  const mentions: TaskMention[] = [];
  for (const node of tree.children) {
    if (node.type !== 'heading') continue;
    const title = repairedText(node).trim();
    const match = /^(?:user story\s+|US-?)(\d+[a-z]?)(?=\s*(?:[-—–:(]|$))/iu.exec(title);
    if (!match) continue;
    const offsets = nodeOffsets(node);
    if (!offsets) continue;
    const source = text.slice(offsets.start, offsets.end);
    const at = Math.max(0, source.search(/user story|US-?\d/iu));
    mentions.push({
      id: `${STORY_PREFIX}${match[1]!}`,
      kind: 'definition',
      source: 'heading',
      context: 'normal',
      range: lines.range(offsets.start + at, offsets.start + at + match[0].length),
      section: [],
    });
  }
  return mentions;
}

/** "Spec 005", "feature 002", "002-community-social": a feature named by its number. */
const FEATURE_NAMED = /\b(?:spec|feature)s?\s*#?0*(\d{1,4})\b|(?<![\p{L}\p{N}])0*(\d{3,4})-\p{Ll}[\p{L}\p{N}-]*/giu;
/** What may follow an ID and name its feature: "FR-005 of Spec 002", "SC-001 (spec 002)", "FR-003 of the search feature". */
const FEATURE_AFTER =
  /^\s*(?:\(|,)?\s*(?:(?:of|from|in)\s+)?(?:the\s+)?(?:(?:spec|feature)s?\s*#?0*(\d{1,4})\b|(?!(?:this|the|that|its|our|same|current|parent)\b)\p{L}[\p{L}\p{N}-]*(?:\s+\p{L}[\p{L}\p{N}-]*){0,2}\s+(?:feature|spec)\b)/iu;
/** "the search feature's FR-003": a feature named before the ID. */
const NAMED_FEATURE_BEFORE =
  /(?:^|\s)(?!(?:this|the|that|its|our|same|current|parent)\b)\p{L}[\p{L}\p{N}-]*\s+(?:feature|spec)(?:'s|’s)\s*$/iu;

/**
 * Marks the FR-/SC- references of a feature's document that its line names as another feature's
 * ("like Spec 002's FR-005", "FR-003 of feature 001"): its own spec.md need not define them.
 */
export function markOtherFeatures(mentions: TaskMention[], text: string, lines: LineIndex, file: string): void {
  const own = /(?:^|[\\/])specs[\\/]0*(\d+)-/u.exec(file)?.[1];
  if (own === undefined) return;
  const names = (found: Iterable<RegExpMatchArray>): boolean => {
    for (const match of found) if (Number(match[1] ?? match[2]) !== Number(own)) return true;
    return false;
  };
  for (const mention of mentions) {
    if (mention.kind !== 'reference' || !SPEC_KIT_REQUIREMENT_PREFIXES.has(mention.id.replace(/[\d.]+$/u, '')))
      continue;
    const at = lines.offset(mention.range.start);
    const lineStart = text.lastIndexOf('\n', at - 1) + 1;
    const lineEnd = text.indexOf('\n', at);
    // The sentence the ID is in: a feature named in an earlier sentence speaks of something else.
    const before =
      text
        .slice(lineStart, at)
        .split(/[.;!?](?:\s|$)/u)
        .at(-1) ?? '';
    const after = text.slice(at + mention.id.length, lineEnd === -1 ? text.length : lineEnd);
    const following = FEATURE_AFTER.exec(after);
    const otherAfter = following && (following[1] === undefined || Number(following[1]) !== Number(own));
    if (names(before.matchAll(FEATURE_NAMED)) || NAMED_FEATURE_BEFORE.test(before) || otherAfter)
      mention.otherFeature = true;
  }
}

/** A feature's checklists and its plan.md: their boxes tick off questions and gates, not tasks. */
const CHECKLIST_FILE = /(?:^|[\\/])(?:checklists[\\/].+|plan)\.md$/iu;
/** A checkbox item's start, GFM's or another marker (`[~]`), up to its text. */
const CHECKBOX_ITEM = /^\s*(?:[-*+]|\d{1,9}[.)])\s+\[[^[\]\n]{1,2}\]\s+/u;

/**
 * In a feature's `checklists/*.md` and plan.md, an item that starts with a task ID
 * (`- [ ] T003 [US1] Query parser reviewed`) is a question about the task, not the task: it names
 * T003 and says nothing of its status. Other items (`CHK001`, "Phase 1: Design complete") name no task.
 */
export function checklistItemsNameTasks(
  mentions: TaskMention[],
  checklist: ChecklistItem[],
  text: string,
  lines: LineIndex,
  file: string,
): void {
  if (!CHECKLIST_FILE.test(file)) return;
  // A ticked "T004 Sorting reviewed" says the review is done, not T004.
  for (const item of checklist) item.ids = [];
  for (const mention of mentions) {
    if (mention.kind !== 'definition' || mention.source !== 'list') continue;
    const start = lines.offset({ line: mention.range.start.line, column: 1 });
    const end = text.indexOf('\n', start);
    const item = CHECKBOX_ITEM.exec(text.slice(start, end === -1 ? text.length : end));
    if (!item || item[0].length + 1 > mention.range.start.column) continue;
    mention.kind = 'reference';
    delete mention.status;
    delete mention.statusText;
    delete mention.checked;
    delete mention.title;
    delete mention.priority;
    delete mention.duration;
    delete mention.dependencies;
  }
}

/**
 * A spec-kit document's own facts: a tasks.md's, or a spec.md's stories. A recogniser that throws
 * costs its own facts only.
 */
export function specKitFacts(
  text: string,
  tree: Root,
  lines: LineIndex,
  file: string,
  vocabulary: StatusVocabulary = DEFAULT_VOCABULARY,
): { facts?: SpecKitFacts; mentions: TaskMention[] } {
  try {
    if (/(?:^|[\\/])tasks\.md$/iu.test(file)) return specKitTasks(text, tree, lines, vocabulary);
    if (/(?:^|[\\/])spec\.md$/iu.test(file)) return { mentions: specKitStories(text, tree, lines) };
  } catch {
    // Left unread.
  }
  return { mentions: [] };
}
