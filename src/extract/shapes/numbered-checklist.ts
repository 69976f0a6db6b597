/**
 * The numbered checkbox lists Kiro, ai-dev-tasks and OpenSpec write in their task files:
 *
 *     - [x] 1. Set up the data model          Kiro (`.kiro/specs/NAME/tasks.md`)
 *       - [ ] 1.1 Write the migration
 *     - [ ]* 1.2 Write property tests          optional (Kiro's `*`)
 *     - [ ] 2.0 Parent task                    ai-dev-tasks (`tasks/tasks-*.md`), `1.1` below it
 *
 * Each item defines task `Task 1.1` of its spec folder or file, its checkbox the status (`[x]`
 * done, `[ ]` open; `[-]`, `[~]`, `[/]` say what config `checkboxMarkers` says, else no status, and
 * are never read as done unless it says so). A sub-task
 * belongs to the task its number continues (`1.1` to `1.` or `1.0`), nested or not, so that a
 * ticked parent over an open sub-task is found. `_Requirements: 1.2, 3.4_` names acceptance
 * criteria of the spec's `requirements.md`, which `kiroRequirements` reads.
 */
import type { List, ListItem, Nodes, Paragraph, Root } from 'mdast';
import type { ChecklistItem, Range, TaskMention } from '../../types.js';
import { DEFAULT_VOCABULARY, type StatusVocabulary } from '../status.js';
import { nodeOffsets, repairedText, type LineIndex } from '../text.js';
import { isCheckboxMarker, markerStatus } from './checkbox-markers.js';

import { REQUIREMENT_PREFIX, TASK_PREFIX } from './layout.js';

const MAX_DEPTH = 32;

/** `[ ]* 1.2 Title` (not a GFM checkbox: Kiro's optional task), `[-] 2.1 Title`, or `1.1 Title` after a GFM checkbox. */
const ITEM = /^(?:\[([^[\]\n]{1,2})\](\*)?\s+)?(\d+(?:\.\d+)*)(\.)?(\*)?(?=\s)\s*(.*)$/u;
/** `_Requirements: 1.2, 3.4_`, `Requirements: 2`, `**Validates: Requirements 3.1**`. */
const REQUIREMENTS = /^[_*\s]*(?:validates\s*:\s*)?requirements?\s*[_*]*\s*:?\s*[_*]*\s*(\d[\d.,\s]*?)[_*.\s]*$/iu;

export interface NumberedTasks {
  mentions: TaskMention[];
}

interface Numbered {
  number: string;
  checklistIndex?: number;
}

/** Reads a task file's numbered checkbox items; sets `parent` and `optional` on its checklist items. */
export function numberedTasks(
  text: string,
  tree: Root,
  lines: LineIndex,
  checklist: ChecklistItem[],
  vocabulary: StatusVocabulary = DEFAULT_VOCABULARY,
): NumberedTasks {
  const mentions: TaskMention[] = [];
  const byLine = new Map(checklist.map((item, index) => [item.range.start.line, index]));
  const seen: Numbered[] = [];
  const sections: string[] = [];

  const visitItem = (item: ListItem, depth: number): void => {
    const first = item.children[0];
    if (first?.type === 'paragraph') readItem(item, first);
    for (const child of item.children) if (child.type === 'list') visitList(child, depth + 1);
  };
  const visitList = (list: List, depth: number): void => {
    if (depth > MAX_DEPTH) return;
    for (const item of list.children) visitItem(item, depth);
  };
  const readItem = (item: ListItem, paragraph: Paragraph): void => {
    const offsets = nodeOffsets(paragraph);
    if (!offsets) return;
    const firstLine = repairedText(paragraph).split('\n')[0]!.trim();
    const match = ITEM.exec(firstLine);
    if (!match) return;
    const [, marker, markerStar, number, , numberStar, rest] = match;
    const gfm = typeof item.checked === 'boolean';
    // A number with no checkbox at all is a numbered note, not a task; nor one after "[a]".
    if (!gfm && (marker === undefined || !isKnownMarker(marker, vocabulary))) return;
    const optional = markerStar !== undefined || numberStar !== undefined;
    const line = item.position?.start.line ?? lines.position(offsets.start).line;
    const checklistIndex = byLine.get(line);
    const source = text.slice(offsets.start, offsets.end);
    const at = source.indexOf(number!);
    const range: Range =
      at === -1
        ? lines.range(offsets.start, offsets.start)
        : lines.range(offsets.start + at, offsets.start + at + number!.length);
    const mention: TaskMention = {
      id: `${TASK_PREFIX}${number}`,
      kind: 'definition',
      source: 'list',
      context: 'normal',
      range,
      section: [...sections],
    };
    const state = gfm ? (item.checked ? 'x' : ' ') : marker!;
    if (state === 'x' || state === 'X') {
      mention.status = 'done';
      mention.statusText = `[${state}]`;
      mention.checked = true;
    } else if (state === ' ') {
      mention.status = 'pending';
      mention.statusText = optional ? '[ ]*' : '[ ]';
      mention.checked = false;
    } else {
      const status = markerStatus(state, vocabulary);
      if (status) {
        mention.status = status;
        mention.statusText = `[${state}]`;
        mention.checked = status === 'done';
      }
    }
    const title = rest!.replace(/^[\s:–—-]+/u, '').trim();
    if (title.length >= 3) mention.title = title;
    mentions.push(mention);

    if (checklistIndex !== undefined) {
      const entry = checklist[checklistIndex]!;
      if (optional) entry.optional = true;
      // A sub-task's parent by its number, when no checkbox encloses it.
      if (entry.parent === undefined) {
        const parent = parentOf(number!, seen);
        if (parent?.checklistIndex !== undefined) entry.parent = parent.checklistIndex;
      }
    }
    seen.push({ number: number!, ...(checklistIndex !== undefined ? { checklistIndex } : {}) });
    readRequirements(item);
  };
  const readRequirements = (item: ListItem): void => {
    for (const paragraph of paragraphsOf(item)) {
      const offsets = nodeOffsets(paragraph);
      if (!offsets) continue;
      const source = text.slice(offsets.start, offsets.end);
      for (const textLine of repairedText(paragraph).split('\n')) {
        const requirement = REQUIREMENTS.exec(textLine.trim());
        if (!requirement) continue;
        const lineAt = source.indexOf(
          textLine
            .trim()
            .replace(/^[_*\s]+/u, '')
            .slice(0, 5),
        );
        let from = lineAt === -1 ? 0 : lineAt;
        for (const criterion of requirement[1]!.split(/[\s,]+/).filter((part) => /^\d+(?:\.\d+)*$/.test(part))) {
          const index = source.indexOf(criterion, from);
          const range =
            index === -1
              ? lines.range(offsets.start, offsets.end)
              : lines.range(offsets.start + index, offsets.start + index + criterion.length);
          if (index !== -1) from = index + criterion.length;
          mentions.push({
            id: `${REQUIREMENT_PREFIX}${criterion}`,
            kind: 'reference',
            source: 'list',
            context: 'normal',
            range,
            section: [...sections],
          });
        }
      }
    }
  };

  for (const node of tree.children) {
    if (node.type === 'heading') {
      sections.splice(node.depth - 1);
      sections[node.depth - 1] = repairedText(node).trim();
    } else if (node.type === 'list') visitList(node, 0);
  }
  return { mentions };
}

function isKnownMarker(marker: string, vocabulary: StatusVocabulary): boolean {
  return marker === ' ' || marker === 'x' || marker === 'X' || isCheckboxMarker(marker, vocabulary);
}

/** The paragraphs of an item and of its plain (not numbered) sub-items: where `_Requirements:_` lines are written. */
function paragraphsOf(item: ListItem): Paragraph[] {
  const found: Paragraph[] = [];
  const stack: Nodes[] = [...item.children];
  while (stack.length) {
    const node = stack.shift()!;
    if (node.type === 'paragraph') found.push(node);
    else if (node.type === 'list') {
      for (const child of node.children) {
        const first = child.children[0];
        const numbered =
          first?.type === 'paragraph' &&
          ITEM.test(repairedText(first).trim()) &&
          (typeof child.checked === 'boolean' || repairedText(first).trim().startsWith('['));
        if (!numbered) stack.push(...child.children);
      }
    }
  }
  return found;
}

/** The latest task before this one whose number this one continues: `1.1` under `1` or `1.0`. */
function parentOf(number: string, seen: Numbered[]): Numbered | undefined {
  const parts = number.split('.');
  if (parts.length < 2) return undefined;
  const head = parts.slice(0, -1).join('.');
  const candidates = new Set([head, `${head}.0`]);
  // `1.0` is ai-dev-tasks' parent of `1.1`, not its own sub-task.
  if (parts.at(-1) === '0' && parts.length === 2) return undefined;
  for (let i = seen.length - 1; i >= 0; i--)
    if (candidates.has(seen[i]!.number) && seen[i]!.number !== number) return seen[i];
  return undefined;
}

/**
 * Kiro's `requirements.md`: `### Requirement 3` and, under it, the numbered acceptance criteria
 * `1. WHEN ... THEN ... SHALL ...`, which tasks name as `3.1`, `3.2`.
 */
export function kiroRequirements(text: string, tree: Root, lines: LineIndex): TaskMention[] {
  const mentions: TaskMention[] = [];
  let current: { number: string; depth: number } | undefined;
  for (const node of tree.children) {
    if (node.type === 'heading') {
      const heading = /^\s*requirement\s+(\d+(?:\.\d+)*)\b/iu.exec(repairedText(node));
      if (heading) {
        current = { number: heading[1]!, depth: node.depth };
        const offsets = nodeOffsets(node);
        if (!offsets) continue;
        const source = text.slice(offsets.start, offsets.end);
        const at = source.search(/requirement/i);
        const range = lines.range(offsets.start + Math.max(at, 0), offsets.end);
        mentions.push({
          id: `${REQUIREMENT_PREFIX}${current.number}`,
          kind: 'definition',
          source: 'heading',
          context: 'normal',
          range,
          section: [],
        });
      } else if (current && node.depth <= current.depth) current = undefined;
      continue;
    }
    if (!current || node.type !== 'list' || !node.ordered) continue;
    const start = node.start ?? 1;
    node.children.forEach((item, i) => {
      const offsets = nodeOffsets(item);
      if (!offsets) return;
      const end = text.indexOf('\n', offsets.start);
      mentions.push({
        id: `${REQUIREMENT_PREFIX}${current!.number}.${start + i}`,
        kind: 'definition',
        source: 'list',
        context: 'criteria',
        range: lines.range(offsets.start, end === -1 || end > offsets.end ? offsets.end : end),
        section: [],
      });
    });
  }
  return mentions;
}
