/**
 * Groups of tasks as subjects: phases, stages, streams, categories, user stories, milestones,
 * and the document itself, where each is named and the status it is given:
 *
 *     ## Phase 2: Storage ✅ COMPLETE
 *     | Phase 0: Foundation | CLOUD-0.1 to 0.2 | 2 weeks | Not Started |
 *     **Status:** ✅ Completed            (under a group's heading, or under the document's title)
 *
 * A label is a group only when it starts with its kind and number ("Phase 4: Backend", "✅ Stream
 * B (Complete)"); "Completed Phases", "HPC Phase 4" and "Phase 4 & 6 Test Consolidation" are not.
 * A status is read only from where a status is written: a leading or trailing emoji, a trailing
 * upper-case word, a "(Complete)" or "(6/6 complete)", a status cell or field. "Complete" inside
 * a title ("User Story 4 — Complete GDPR Deletion") is part of the name. History and changelog
 * sections, criteria and prerequisite lists, and conditions ("once ...", "will") state nothing.
 */
import type { Heading as MdHeading, List, ListItem, Nodes, Paragraph, PhrasingContent, Root, Table } from 'mdast';
import type { GroupStatement, Range, Status, WrittenEnd } from '../../types.js';
import { findIds, findListsOfIds, splitId, type IdMatcher } from '../ids.js';
import { classifyStatus, emojiStatus, type StatusReading, type StatusVocabulary } from '../status.js';
import { type LineIndex, nodeOffsets, repairedText } from '../text.js';
import { readFieldLine } from '../vocab/fields.js';

const MAX_DEPTH = 16;

const KIND = String.raw`(phase|stage|stream|workstream|category|user\s+story|milestone|sprint)`;
const NUMBER = String.raw`(\d{1,3}(?:\.\d{1,3})*[a-z]?|[A-Z](?![\p{L}\p{N}]))`;
/** "Phase 0: Foundation", "Stream B", "Phase 2 (3 weeks)", "Phase 1 - Setup": kind, number, then a separator or the end. */
const GROUP_LABEL = new RegExp(
  String.raw`^${KIND}\s+${NUMBER}(?=\s*(?:[:\-–—.(|]|$|[✅✔☑⏳🟡🔵❌⚠🔴⛔🚧🔄]))\s*[:\-–—.]?\s*`,
  'iu',
);
const STATUS_EMOJI = '[✅✔☑⏳🟡🔵❌🔴⛔🚧🔄]\\uFE0F?';
const LEADING_EMOJI = new RegExp(`^\\s*(${STATUS_EMOJI})\\s*`, 'u');
const TRAILING_EMOJI = new RegExp(`\\s*(${STATUS_EMOJI})\\s*$`, 'u');
const TRAILING_UPPERCASE =
  /(?:^|\s)(COMPLETED?|DONE|FINISHED|IN[ -]PROGRESS|BLOCKED|PENDING|NOT STARTED|ON HOLD|PLANNING)\s*$/u;
const TRAILING_PARENTHESIS = /\s*\(([^()]*)\)\s*$/u;
/** "Phase 10: UI/UX (ACTIVE) - In Progress": a status after a dash. */
const TRAILING_DASH_STATUS = /\s[-–—]\s+([^-–—]+)$/u;
const TRAILING_SEPARATOR = /\s*[-–—:|]\s*$/u;
/** The whole of a parenthesis or cell that is a status: "(Complete)", "✅ Completed", "Not Started". */
const STATUS_PHRASE =
  /^\s*(?:[✅✔☑⏳🟡🔵❌🔴⛔🚧🔄]\uFE0F?\s*)?(?:complete[d]?|done|finished|in[\s-]progress|pending|not\s+(?:yet\s+)?started|planning|planned|blocked|on\s+hold)\s*[.!]?\s*$/iu;
const FRACTION = /(?<![\d.])(\d{1,4})\s*(?:\/|\bof\b|\bout of\b)\s*(\d{1,4})(?![\d.])/iu;
const PERCENT = /(?<![\d.])(\d{1,3}(?:\.\d+)?)\s*%/u;
/** "All tasks completed", "✅ All 6 tasks done": every task of the group above. */
const ALL_TASKS_DONE =
  /^\W*all\s+(?:\d{1,4}\s+)?(?:of\s+its\s+)?tasks?\s+(?:are\s+|were\s+)?(?:complete[d]?|done|finished)\s*[.!✅]*\s*$/iu;
/** "Planning" says a group's work has not started; the task vocabulary does not have it. */
const PLANNING = /^\W*planning\W*$/iu;
/** A status that states a condition or a plan: "Complete once Phase 2 is merged", "will be done". */
const CONDITION =
  /(?<![\p{L}])(?:after|once|when|until|unless|if|will|would|should|expected|target|scheduled|by)(?![\p{L}])/iu;
const HISTORY =
  /\b(?:history|historical|changelog|change\s+log|changes|revisions?|revision\s+log|archived?|log|timeline|retrospective|what\s+changed|release\s+notes|updates?)\b/iu;
const CRITERIA =
  /criteria|acceptance|definition of done|expected outcome|success metric|deliverable|checklist|exit condition|prerequisite|depends on|dependencies|requires|blocked by|before (?:you )?start/iu;
/** A column of a group's own tasks ("Tasks", "Task IDs"), not of what it depends on. */
const TASKS_HEADER =
  /^(?!.*(?:depend|block|prereq|requir|after|before|next|previous))\W*(?:tasks?|task\s*ids?|ids?|includes|scope)\W*$/iu;
const STOP_WORDS = new Set([
  'and',
  'the',
  'for',
  'with',
  'from',
  'into',
  'tasks',
  'task',
  'complete',
  'completed',
  'done',
  'progress',
  'pending',
  'started',
  'remaining',
  'hours',
  'hrs',
  'weeks',
  'week',
  'days',
  'day',
  'priority',
]);

/** The group a label names, and the status written around it, or undefined when it names none. */
export interface GroupLabel {
  label: string;
  key: string;
  words: string[];
  status?: StatusReading;
}

function contentWords(title: string): string[] {
  const words = title
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length >= 3 && /\p{L}/u.test(word) && !STOP_WORDS.has(word));
  return [...new Set(words)];
}

function normalisedKey(kind: string, number: string): string {
  const digits = number.replace(/\d+/gu, (part) => String(Number(part)));
  return `${kind.toLowerCase().replace(/\s+/gu, ' ')} ${digits.toLowerCase()}`;
}

/** A figure's status: all done, none done, or some. */
function figureStatus(done: number, total: number): Status | undefined {
  if (total <= 0 || done > total) return undefined;
  return done === total ? 'done' : done === 0 ? 'pending' : 'in-progress';
}

/** The status a parenthesis states: "(Complete)", "(6/6 complete)", "(7/7 - 100%)"; a note states none. */
function parenthesisStatus(inner: string, vocabulary: StatusVocabulary): StatusReading | undefined {
  const fraction = FRACTION.exec(inner);
  const percent = PERCENT.exec(inner);
  if (fraction || percent) return figureReading(inner);
  if (STATUS_PHRASE.test(inner)) return wordReading(inner, vocabulary);
  return undefined;
}

function wordReading(text: string, vocabulary: StatusVocabulary): StatusReading | undefined {
  const words = text.replace(new RegExp(STATUS_EMOJI, 'gu'), ' ').trim();
  if (PLANNING.test(words)) return { status: 'pending', text: text.trim() };
  const emoji = emojiStatus(text);
  const word = words ? classifyStatus(words, vocabulary) : undefined;
  if (emoji && word && emoji.status !== word.status) return undefined;
  const reading = word ?? emoji;
  return reading && { status: reading.status, text: text.trim() };
}

/** A figure's reading, agreeing with any emoji beside it: "✅ 80% complete" is not read. */
function figureReading(text: string): StatusReading | undefined {
  const fraction = FRACTION.exec(text);
  const percent = PERCENT.exec(text);
  const fromFraction = fraction ? figureStatus(Number(fraction[1]), Number(fraction[2])) : undefined;
  const fromPercent = percent ? figureStatus(Number(percent[1]), 100) : undefined;
  if (fraction && !fromFraction) return undefined;
  if (percent && !fromPercent) return undefined;
  if (fromFraction && fromPercent && fromFraction !== fromPercent) return undefined;
  const status = fromFraction ?? fromPercent;
  if (!status) return undefined;
  const emoji = emojiStatus(text);
  if (emoji && emoji.status !== status) return undefined;
  return { status, text: text.trim() };
}

/** What a status cell or field value states: a figure, else its words and emoji, which must agree. */
export function valueStatus(value: string, vocabulary: StatusVocabulary): StatusReading | undefined {
  // What follows a dash or a parenthesis explains the status ("✅ 80% Complete - production ready").
  const head = value.split(/\s[-–—]\s|\(|;|\.\s/u)[0]!.trim();
  // A sentence ("The phase builds upon the complete core ...") describes; a status is a few words.
  if (!head || CONDITION.test(head) || head.split(/\s+/u).length > 5) return undefined;
  if (FRACTION.test(head) || PERCENT.test(head)) return figureReading(head);
  return wordReading(head, vocabulary);
}

function combine(readings: StatusReading[]): StatusReading | undefined {
  if (readings.length === 0) return undefined;
  const status = readings[0]!.status;
  if (readings.some((reading) => reading.status !== status)) return undefined;
  return { status, text: readings.map((reading) => reading.text).join(' ') };
}

/**
 * "✅ Phase 1: Environment (Complete)", "Phase 4: Backend API 🔄 IN PROGRESS (EXTENDED)": the
 * group and the status written before or after its title. `cutAtDash`: a list item's title ends
 * at " - " ("Phase 4: Consolidation (18/22 complete) - 3 tasks remaining").
 */
export function readGroupLabel(
  text: string,
  vocabulary: StatusVocabulary,
  cutAtDash = false,
): GroupLabel | { unsure: true } | undefined {
  const readings: StatusReading[] = [];
  let rest = text.trim();
  const leading = LEADING_EMOJI.exec(rest);
  if (leading) {
    const reading = emojiStatus(leading[1]!);
    if (reading) readings.push(reading);
    rest = rest.slice(leading[0].length);
  }
  const match = GROUP_LABEL.exec(rest);
  if (!match) return undefined;
  const key = normalisedKey(match[1]!, match[2]!);
  let title = rest.slice(match[0].length);
  if (cutAtDash) title = title.split(/\s[-–—]\s/u)[0]!;
  for (let changed = true; changed;) {
    changed = false;
    const parenthesis = TRAILING_PARENTHESIS.exec(title);
    if (parenthesis) {
      const reading = parenthesisStatus(parenthesis[1]!, vocabulary);
      if (reading) readings.push(reading);
      else if (FRACTION.test(parenthesis[1]!) || PERCENT.test(parenthesis[1]!)) return { unsure: true };
      title = title.slice(0, parenthesis.index);
      changed = true;
      continue;
    }
    for (const pattern of [TRAILING_UPPERCASE, TRAILING_EMOJI]) {
      const found = pattern.exec(title);
      if (!found) continue;
      const word = found[1]!;
      const reading = PLANNING.test(word)
        ? { status: 'pending' as const, text: word }
        : classifyStatus(word, vocabulary);
      if (reading) readings.push({ status: reading.status, text: word });
      title = title.slice(0, found.index);
      changed = true;
      break;
    }
    if (changed) continue;
    const dashed = TRAILING_DASH_STATUS.exec(title);
    if (dashed && STATUS_PHRASE.test(dashed[1]!)) {
      const reading = wordReading(dashed[1]!, vocabulary);
      if (reading) readings.push(reading);
      title = title.slice(0, dashed.index);
      changed = true;
      continue;
    }
    const separator = TRAILING_SEPARATOR.exec(title);
    if (separator && separator.index > 0) {
      title = title.slice(0, separator.index);
      changed = true;
    }
  }
  const label = rest
    .slice(0, match[0].length + title.length)
    .replace(/\s*[:\-–—.]\s*$/u, '')
    .trim();
  const status = combine(readings);
  if (readings.length > 0 && !status) return { unsure: true };
  return { label, key, words: contentWords(title), ...(status ? { status } : {}) };
}

/** "phase-0-foundation.md": the group a file is named after. */
export function fileGroup(file: string): { key: string; words: string[] } | undefined {
  const name = file.split(/[\\/]/u).at(-1) ?? '';
  const match =
    /^(phase|stage|stream|workstream|category|milestone|sprint)[-_ ]?(\d{1,3}(?:[._]\d{1,3})?[a-z]?)(?:[-_ ](.*))?\.(?:md|markdown)$/iu.exec(
      name,
    );
  if (!match) return undefined;
  return { key: normalisedKey(match[1]!, match[2]!.replace(/_/gu, '.')), words: contentWords(match[3] ?? '') };
}

interface Section {
  depth: number;
  text: string;
  line: number;
  group?: GroupLabel;
}

/**
 * "CLOUD-0.1 to 0.2", "TASK-035-037", "T001, T002": a cell that is nothing but task IDs, as the
 * ends the corpus resolves; undefined for anything else, or for a range between two schemes.
 */
export function idCell(text: string, ids: IdMatcher): WrittenEnd[] | undefined {
  const value = text.replace(/^[\s*_`]+|[\s*_`.]+$/gu, '');
  const lists = findListsOfIds(value, ids);
  const list = lists[0];
  if (lists.length !== 1 || list?.index !== 0 || list.end !== value.length) return undefined;
  if (list.groups.length === 0 && list.ids.length === 0) return undefined;
  const full = findIds(value, ids).filter((found) => list.ids.includes(found.index));
  const ends: WrittenEnd[] = [];
  for (const found of full) {
    const split = splitId(found.id);
    if (!split) return undefined;
    ends.push({ prefix: split.prefix, from: split.number, text: found.id });
  }
  for (const group of list.groups)
    ends.push({
      ...(group.prefix !== undefined ? { prefix: group.prefix } : {}),
      from: group.from,
      ...(group.to !== undefined ? { to: group.to } : {}),
      text: group.written,
    });
  return ends;
}

export function extractGroups(
  tree: Root,
  lines: LineIndex,
  file: string,
  vocabulary: StatusVocabulary,
  ids?: IdMatcher,
): GroupStatement[] {
  const found: GroupStatement[] = [];
  const stack: Section[] = [];
  /** The document's own name: its title when that names a group, else its file's name. */
  let documentGroup: { key: string; words: string[]; label: string } | undefined;
  const named = fileGroup(file);
  if (named) documentGroup = { ...named, label: file.split(/[\\/]/u).at(-1)! };
  let sawSection = false;
  let label = '';

  const range = (node: Nodes): Range | undefined => {
    const offsets = nodeOffsets(node);
    return offsets && lines.range(offsets.start, offsets.end);
  };
  const inHistory = (): boolean => stack.some((section) => HISTORY.test(section.text));
  const inCriteria = (): boolean => stack.some((section) => CRITERIA.test(section.text)) || CRITERIA.test(label);

  const push = (statement: GroupStatement): void => {
    if (!inHistory()) found.push(statement);
  };

  /** A "Status:" field line: the status of the group whose heading it sits right under, or of the document. */
  const field = (paragraph: Paragraph): void => {
    const offsets = nodeOffsets(paragraph);
    if (!offsets) return;
    const text = repairedText(paragraph);
    const firstLine = lines.position(offsets.start).line;
    text.split('\n').forEach((line, i) => {
      const read = readFieldLine(line);
      if (read?.name !== 'status') return;
      const status = valueStatus(read.value, vocabulary);
      if (!status) return;
      const lineNumber = firstLine + i;
      const at: Range = {
        start: { line: lineNumber, column: i === 0 ? lines.position(offsets.start).column : 1 },
        end: {
          line: lineNumber,
          column: i === 0 ? lines.position(offsets.start).column + line.length : line.length + 1,
        },
      };
      const owner = stack.at(-1);
      if (!sawSection) {
        push({
          label: documentGroup?.label ?? file.split(/[\\/]/u).at(-1)!,
          ...(documentGroup ? { key: documentGroup.key } : {}),
          words: documentGroup?.words ?? [],
          status: status.status,
          statusText: status.text,
          range: at,
          source: 'field',
          links: [],
          document: true,
        });
      } else if (owner?.group) {
        push({
          label: owner.group.label,
          key: owner.group.key,
          words: owner.group.words,
          status: status.status,
          statusText: status.text,
          range: at,
          source: 'field',
          links: [],
          headingLine: owner.line,
        });
      }
    });
  };

  const heading = (node: MdHeading): void => {
    while (stack.length && stack.at(-1)!.depth >= node.depth) stack.pop();
    const text = repairedText(node).trim();
    const at = range(node);
    if (!at) return;
    const read = readGroupLabel(text, vocabulary);
    const group = read && !('unsure' in read) ? read : undefined;
    stack.push({ depth: node.depth, text, line: at.start.line, ...(group ? { group } : {}) });
    const isTitle = node.depth === 1 && !sawSection;
    if (!isTitle) sawSection = true;
    if (isTitle && group) documentGroup = { key: group.key, words: group.words, label: group.label };
    if (!group) return;
    push({
      label: group.label,
      key: group.key,
      words: group.words,
      ...(group.status ? { status: group.status.status, statusText: group.status.text } : {}),
      range: at,
      source: 'heading',
      links: [],
      headingLine: at.start.line,
      ...(isTitle ? { document: true } : {}),
    });
  };

  const links = (nodes: PhrasingContent[]): string[] => {
    const urls: string[] = [];
    const visit = (node: PhrasingContent): void => {
      if (node.type === 'link' && !/^[a-z][\w+.-]*:/iu.test(node.url) && !node.url.startsWith('#')) urls.push(node.url);
      if ('children' in node) for (const child of node.children) visit(child);
    };
    for (const node of nodes) visit(node);
    return urls;
  };

  const table = (node: Table): void => {
    const [head, ...rows] = node.children;
    if (!head || rows.length === 0) return;
    const headers = head.children.map((cell) => repairedText(cell).trim());
    const statusColumn = headers.findIndex((header) => /^\W*(?:status|state|progress)\W*$/iu.test(header));
    for (const row of rows) {
      const first = row.children[0];
      if (!first) continue;
      const read = readGroupLabel(repairedText(first).trim(), vocabulary);
      if (!read || 'unsure' in read) continue;
      let status = read.status;
      const cell = statusColumn > 0 ? row.children[statusColumn] : undefined;
      if (cell) {
        const fromCell = valueStatus(repairedText(cell), vocabulary);
        if (status && fromCell && status.status !== fromCell.status) continue;
        status = fromCell ?? status;
      }
      const at = range(row);
      if (!at) continue;
      // "| Phase 0: Foundation | CLOUD-0.1 to 0.2 | ... |": the one cell of IDs names its tasks.
      const idCells = ids
        ? row.children
            .filter((_, c) => c > 0 && c !== statusColumn && TASKS_HEADER.test(headers[c] ?? ''))
            .map((other) => idCell(repairedText(other), ids))
            .filter((ends) => ends !== undefined)
        : [];
      push({
        label: read.label,
        key: read.key,
        words: read.words,
        ...(status ? { status: status.status, statusText: status.text } : {}),
        range: at,
        source: 'table',
        links: links(first.children),
        ...(idCells.length === 1 ? { members: idCells[0]! } : {}),
      });
    }
  };

  const listItem = (item: ListItem, depth: number): void => {
    const [first, ...rest] = item.children;
    if (first?.type === 'paragraph' && item.checked == null && !inCriteria()) {
      const text = repairedText(first).split('\n')[0]!.trim();
      const read = readGroupLabel(text, vocabulary, true);
      const at = range(first);
      if (read && !('unsure' in read) && read.status && at) {
        push({
          label: read.label,
          key: read.key,
          words: read.words,
          status: read.status.status,
          statusText: read.status.text,
          range: { start: at.start, end: { line: at.start.line, column: at.start.column + text.length } },
          source: 'list',
          links: links(first.children),
        });
      }
    }
    if (first?.type === 'paragraph' && !inCriteria()) allTasksUnder(first, rest);
    for (const child of rest) if (child.type === 'list') list(child, depth + 1);
  };

  /** "- [Phase 1](./phase-1-storage.md)" over "  - All tasks completed": the linked phase is done. */
  const allTasksUnder = (lead: Paragraph, children: ListItem['children']): void => {
    const urls = links(lead.children);
    if (urls.length !== 1) return;
    const url = urls[0]!;
    const text = repairedText(lead).split('\n')[0]!.trim();
    const read = readGroupLabel(text, vocabulary);
    const fromFile = fileGroup(url.split('#')[0] ?? '');
    const named = read && !('unsure' in read) ? read : fromFile && { ...fromFile, label: text };
    if (!named) return;
    for (const child of children) {
      if (child.type !== 'list') continue;
      for (const item of child.children) {
        const [paragraph] = item.children;
        if (paragraph?.type !== 'paragraph') continue;
        const said = repairedText(paragraph).split('\n')[0]!.trim();
        const match = ALL_TASKS_DONE.exec(said);
        const at = range(paragraph);
        if (!match || !at) continue;
        push({
          label: named.label,
          key: named.key,
          words: named.words,
          status: 'done',
          statusText: said,
          range: { start: at.start, end: { line: at.start.line, column: at.start.column + said.length } },
          source: 'list',
          links: [url],
        });
      }
    }
  };

  const list = (node: List, depth: number): void => {
    if (depth > MAX_DEPTH) return;
    for (const item of node.children) listItem(item, depth);
  };

  for (const node of tree.children) {
    switch (node.type) {
      case 'heading':
        heading(node);
        label = '';
        break;
      case 'paragraph':
        field(node);
        label = repairedText(node);
        break;
      case 'table':
        table(node);
        label = '';
        break;
      case 'list':
        list(node, 0);
        label = '';
        break;
      case 'thematicBreak':
        label = '';
        break;
      default:
        break;
    }
  }
  // A document named after a group and stating its own status: its title names it when no heading does.
  if (documentGroup && !found.some((statement) => statement.document && statement.source === 'heading'))
    for (const statement of found)
      if (statement.document && statement.key === undefined) {
        statement.key = documentGroup.key;
        statement.words = documentGroup.words;
      }
  return found;
}
