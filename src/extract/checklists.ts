import type { List, ListItem, Nodes, Paragraph, Root } from 'mdast';
import type { ChecklistItem, PhaseTick, Range, TaskSection } from '../types.js';
import { definedId } from './dependencies.js';
import { findIds, type IdMatcher } from './ids.js';
import { classifyStatus, type StatusVocabulary } from './status.js';
import { readFieldLine } from './vocab/fields.js';
import { isStruckThrough, LineIndex, nodeOffsets, repairedText } from './text.js';

const MAX_DEPTH = 64;

/** A section that says why its boxes are not ticked: the checklist is not a statement of status. */
const DEFERRED =
  /\b(?:deferred|postponed|moved to|tracked (?:in|by|under|separately)|follow[- ]?up|out of scope|later phase|future (?:phase|work|sprint)|not (?:yet )?(?:required|needed)|will be (?:done|completed|verified|checked|ticked|validated)|left unchecked|intentionally (?:left )?unchecked)\b/iu;
/** An item nobody has to tick. */
const OPTIONAL =
  /\b(?:optional|nice[- ]to[- ]have|stretch(?: goal)?|if time permits|deferred|postponed|skipped|n\/a|not applicable|won'?t do)\b/iu;
/** "**Prerequisites:**" over a list. */
const PREREQUISITES_LABEL =
  /(?:^|\n)[^\p{L}\n]*(?:prerequisites?|requires|required before|before (?:you )?start(?:ing)?)[^\n:]{0,30}:\s*$/iu;
const PHASE = /\b(phase|stage|milestone|workstream)\s+(\d+[a-z]?)(?![\p{L}\p{N}.])/iu;

export interface Checklists {
  checklist: ChecklistItem[];
  taskSections: TaskSection[];
  phaseTicks: PhaseTick[];
}

/** Checkbox items with their nesting and owning task, and the sections that task headings open. */
export function extractChecklists(
  text: string,
  tree: Root,
  lines: LineIndex,
  ids: IdMatcher,
  vocabulary: StatusVocabulary,
): Checklists {
  const walker = new ChecklistWalker(text, lines, ids, vocabulary);
  walker.visitChildren(tree.children, { depth: 0 });
  return { checklist: walker.checklist, taskSections: walker.taskSections, phaseTicks: walker.phaseTicks };
}

interface Owner {
  depth: number;
  /** The task list item this block is nested in. */
  itemTask?: string;
  /** The enclosing checkbox item. */
  parent?: number;
}

class ChecklistWalker {
  readonly checklist: ChecklistItem[] = [];
  readonly taskSections: TaskSection[] = [];
  readonly phaseTicks: PhaseTick[] = [];
  private readonly headings: { depth: number; section?: number }[] = [];

  constructor(
    private readonly text: string,
    private readonly lines: LineIndex,
    private readonly ids: IdMatcher,
    private readonly vocabulary: StatusVocabulary,
  ) {}

  private section(): number | undefined {
    for (let i = this.headings.length - 1; i >= 0; i--)
      if (this.headings[i]!.section !== undefined) return this.headings[i]!.section;
    return undefined;
  }

  visitChildren(children: Nodes[], owner: Owner): void {
    if (owner.depth > MAX_DEPTH) return;
    let prerequisites = false;
    for (const node of children) {
      const labelled = prerequisites;
      // The label ends the paragraph with a colon: a quick test spares the others the pattern.
      prerequisites =
        node.type === 'paragraph' &&
        repairedText(node).trimEnd().endsWith(':') &&
        PREREQUISITES_LABEL.test(repairedText(node));
      switch (node.type) {
        case 'heading': {
          while (this.headings.length && this.headings.at(-1)!.depth >= node.depth) this.headings.pop();
          const id = definedId(repairedText(node).trim(), this.ids);
          if (id && node.position) {
            this.taskSections.push({ id, range: this.range(node), depth: node.depth, deferred: false });
            this.headings.push({ depth: node.depth, section: this.taskSections.length - 1 });
          } else {
            this.headings.push({ depth: node.depth });
          }
          break;
        }
        case 'paragraph':
          this.visitParagraph(node);
          break;
        case 'list':
          if (labelled) this.readPhaseTicks(node);
          this.visitList(node, owner);
          break;
        case 'code':
        case 'html':
          break;
        default:
          if ('children' in node) this.visitChildren(node.children as Nodes[], { ...owner, depth: owner.depth + 1 });
      }
    }
  }

  /** In a task's section: a "**Status:**" field, and any word that the checklist is deferred. */
  private visitParagraph(node: Paragraph): void {
    const index = this.section();
    if (index === undefined) return;
    const section = this.taskSections[index]!;
    const paragraph = repairedText(node);
    if (DEFERRED.test(paragraph)) section.deferred = true;
    if (section.status) return;
    for (const line of paragraph.split('\n')) {
      const field = readFieldLine(line);
      const reading = field?.name === 'status' ? classifyStatus(field.value, this.vocabulary) : undefined;
      if (!field || !reading) continue;
      section.status = { status: reading.status, text: reading.text, range: this.find(node, reading.text) };
      return;
    }
  }

  /** "✅ Phase 6 validation complete" under "Prerequisites:": a tick that speaks for a whole phase. */
  private readPhaseTicks(list: List): void {
    for (const item of list.children) {
      const first = item.children[0];
      if (first?.type !== 'paragraph') continue;
      const itemText = repairedText(first).split('\n')[0]!.trim();
      const ticked = item.checked === true || /^[✅✔☑]/u.test(itemText);
      const phase = PHASE.exec(itemText);
      if (!ticked || !phase || findIds(itemText, this.ids).length > 0) continue;
      this.phaseTicks.push({
        phase: phase[0],
        text: itemText.replace(/^[✅✔☑]\uFE0F?\s*/u, ''),
        range: this.firstLine(item),
      });
    }
  }

  private visitList(list: List, owner: Owner): void {
    for (const item of list.children) this.visitItem(item, owner);
  }

  private visitItem(item: ListItem, owner: Owner): void {
    const first = item.children[0];
    const itemText = first?.type === 'paragraph' ? repairedText(first) : '';
    const sectionIndex = this.section();
    if (sectionIndex !== undefined && typeof item.checked !== 'boolean' && DEFERRED.test(itemText))
      this.taskSections[sectionIndex]!.deferred = true;
    let parent = owner.parent;
    if (typeof item.checked === 'boolean' && item.position) {
      const task = owner.itemTask ?? (sectionIndex !== undefined ? this.taskSections[sectionIndex]!.id : undefined);
      const entry: ChecklistItem = {
        checked: item.checked,
        range: this.firstLine(item),
        text: itemText.split('\n')[0]!.trim(),
        ids: subjectIds(itemText, this.ids),
        optional: OPTIONAL.test(itemText) || (first?.type === 'paragraph' && isStruckThrough(first)),
      };
      if (owner.parent !== undefined) entry.parent = owner.parent;
      if (task) entry.task = task;
      if (owner.itemTask === undefined && sectionIndex !== undefined) entry.taskSection = sectionIndex;
      this.checklist.push(entry);
      parent = this.checklist.length - 1;
    }
    const own = definedId(itemText, this.ids);
    const next: Owner = {
      depth: owner.depth + 1,
      ...((own ?? owner.itemTask) ? { itemTask: own ?? owner.itemTask } : {}),
      ...(parent !== undefined ? { parent } : {}),
    };
    if (first?.type === 'paragraph') this.visitChildren(item.children.slice(1), next);
    else this.visitChildren(item.children, next);
  }

  private range(node: Nodes): Range {
    const offsets = nodeOffsets(node);
    return offsets
      ? this.lines.range(offsets.start, offsets.end)
      : { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };
  }

  /** From the item's marker to the end of its first line. */
  private firstLine(item: ListItem): Range {
    const offsets = nodeOffsets(item);
    if (!offsets) return this.range(item);
    const newline = this.text.indexOf('\n', offsets.start);
    const end = newline === -1 || newline > offsets.end ? offsets.end : newline;
    return this.lines.range(offsets.start, end);
  }

  /** The status words in the paragraph's source, else the whole paragraph. */
  private find(node: Nodes, value: string): Range {
    const offsets = nodeOffsets(node);
    if (!offsets) return this.range(node);
    const raw = this.text.slice(offsets.start, offsets.end).toLowerCase();
    const at = raw.indexOf(value.toLowerCase(), Math.max(0, raw.indexOf('status')));
    return at === -1 ? this.range(node) : this.lines.range(offsets.start + at, offsets.start + at + value.length);
  }
}

/**
 * Words after which a parenthesis names other tasks than the item's own: "(depends on T004)",
 * "(see TASK-3)". Ticking the item says nothing about those.
 */
const RELATION =
  /\b(?:depends|dependent|dependency|dependencies|blocked|blocks|blocking|unblocks|requires|required|requirement|needs|needed|prerequisites?|after|before|follows|following|follow[- ]?ups?|see|cf|like|as in|waits|waiting|replaces|replaced|supersedes|superseded|duplicates?|related|relates|part of|split|moved|from|via|was|formerly|parent|child|subtask of)\b/iu;

/**
 * The tasks an item is about: the ID it starts with, and IDs in a closing parenthesis ("... working
 * (MLOPS-1.1)") up to a word that relates them to others ("(TASK-40, blocked by TASK-28)").
 */
function subjectIds(text: string, ids: IdMatcher): string[] {
  const firstLine = text.split('\n')[0] ?? '';
  const found: string[] = [];
  const lead = definedId(firstLine, ids);
  if (lead) found.push(lead);
  const closing = /\(([^()]*)\)\s*[.;:!]*\s*$/u.exec(firstLine);
  if (closing) {
    const inside = closing[1]!;
    const relation = RELATION.exec(inside);
    const own = relation ? inside.slice(0, relation.index) : inside;
    for (const occurrence of findIds(own, ids)) if (!found.includes(occurrence.id)) found.push(occurrence.id);
  }
  return found;
}
