import type { List, ListItem, Nodes, Paragraph, Root } from 'mdast';
import type { ChecklistItem, GroupSection, PhaseTick, Range, TaskSection } from '../types.js';
import { definedId } from './dependencies.js';
import { findIds, type IdMatcher } from './ids.js';
import { isCheckboxMarker, markerStatus } from './shapes/checkbox-markers.js';
import { classifyStatus, isOpen, type StatusVocabulary } from './status.js';
import { readFieldLine, STATUS_CONDITION } from './vocab/fields.js';
import { isStruckThrough, LineIndex, nodeOffsets, repairedText } from './text.js';

const MAX_DEPTH = 64;
/** `[~] `, `[-] `, `[/] ` at the start of an item GFM reads no checkbox in. */
const OTHER_MARKER = /^\[([^[\]\n]{1,2})\]\s+/u;

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
/** "## Phase 2: Storage", "### Milestone 3 ✅": a heading that names a group of tasks by its number. */
const GROUP_HEADING =
  /^[^\p{L}\p{N}]*(?:phase|stage|milestone|workstream|stream|epic|iteration)\s+\p{N}[\p{L}\p{N}.]*(?![\p{L}])/iu;
/** A status that ends the heading: "✅", "✅ COMPLETE", "- Complete", "(COMPLETED)"; not "Complete GDPR Account Deletion". */
const HEADING_DONE =
  /(?:[✅✔☑]\uFE0F?(?:\s*(?:COMPLETED?|DONE|FINISHED|Completed?|Done|Finished))?|(?<![\p{L}])(?:COMPLETED?|DONE|FINISHED)|[-–—:(]\s*(?:Completed?|Done|Finished))\s*\)?\s*$/u;
const LEADING_DONE = /^\s*[✅✔☑]\uFE0F?\s*/u;
/** A trailing parenthesis that is no status: "(3 weeks)", "(7/7 - 100%)". */
const TRAILING_NOTE = /\s*\([^()]*\)\s*$/u;
/** Sub-sections whose boxes are not the task's or phase's checklist of today: its past, a template, a sub-task's own. */
const NOT_OWN_CHECKLIST =
  /\b(?:history|changelog|change log|log|archived?|previous|old|template|example|sub-?tasks?|subtask|step\s+\d)\b/iu;
/** Sub-sections that hold a phase's own checklist. */
const GROUP_CHECKLIST =
  /\b(?:deliverables?|validation|acceptance|checklist|criteria|definition of done|exit|success|outcomes?|tasks?|verification)\b/iu;

export interface Checklists {
  checklist: ChecklistItem[];
  taskSections: TaskSection[];
  groupSections?: GroupSection[];
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
  return {
    checklist: walker.checklist,
    taskSections: walker.taskSections,
    ...(walker.groupSections.length ? { groupSections: walker.groupSections } : {}),
    phaseTicks: walker.phaseTicks,
  };
}

interface HeadingEntry {
  depth: number;
  text: string;
  range: Range;
  section?: number;
  group?: number;
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
  readonly groupSections: GroupSection[] = [];
  private readonly headings: HeadingEntry[] = [];

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

  /**
   * The task section or phase whose checklist a box here is: the nearest heading that opens one,
   * unless a sub-heading between says the boxes are another's (history, a template, a sub-task);
   * a phase's own checklist sits right under its heading or under "Deliverables", "Validation"...
   */
  private checklistOwner(): { section: number } | { group: number } | undefined {
    for (let i = this.headings.length - 1; i >= 0; i--) {
      const entry = this.headings[i]!;
      if (entry.section === undefined && entry.group === undefined) continue;
      const between = this.headings.slice(i + 1);
      if (between.some((heading) => NOT_OWN_CHECKLIST.test(heading.text))) return undefined;
      if (entry.section !== undefined) return { section: entry.section };
      return between.every((heading) => GROUP_CHECKLIST.test(heading.text)) ? { group: entry.group! } : undefined;
    }
    return undefined;
  }

  /** The task section or phase whose heading is the nearest one: its field lines are right under it. */
  private fieldOwner(): { section?: TaskSection; group?: GroupSection; heading: HeadingEntry } | undefined {
    const heading = this.headings.at(-1);
    if (!heading) return undefined;
    if (heading.section !== undefined) return { section: this.taskSections[heading.section]!, heading };
    if (heading.group !== undefined) return { group: this.groupSections[heading.group]!, heading };
    return { heading };
  }

  /**
   * A field line right under a heading: "**Status:** ✅ COMPLETE" (or a bullet "- **Status**: ...")
   * gives the section its status; "- **ID**: TASK-028.2" under a heading that names no task makes
   * the heading that task's section.
   */
  private readFields(node: Paragraph, depth: number): void {
    if (depth !== 0) return;
    const owner = this.fieldOwner();
    if (!owner) return;
    for (const line of repairedText(node).split('\n')) {
      const field = readFieldLine(line);
      if (!field) continue;
      if (field.name === 'id' && !owner.section && !owner.group && this.section() === undefined) {
        const id = definedId(field.value.trim(), this.ids);
        if (!id) continue;
        this.taskSections.push({ id, range: owner.heading.range, depth: owner.heading.depth, deferred: false });
        owner.heading.section = this.taskSections.length - 1;
        owner.section = this.taskSections.at(-1)!;
        continue;
      }
      const target = owner.section ?? owner.group;
      if (field.name !== 'status' || !target || target.status || STATUS_CONDITION.test(field.value)) continue;
      const reading = classifyStatus(field.value, this.vocabulary);
      if (!reading) continue;
      target.status = { status: reading.status, text: reading.text, range: this.find(node, reading.text) };
    }
  }

  /** "## Phase 2: Storage ✅ COMPLETE": a phase heading that defines no task, with the status it ends with. */
  private groupHeading(text: string, node: Nodes): GroupSection | undefined {
    const name = GROUP_HEADING.exec(text);
    if (!name) return undefined;
    const group: GroupSection = { name: text, range: this.range(node), depth: 0, deferred: false };
    let rest = text.slice(name[0].length);
    let done = HEADING_DONE.exec(rest);
    for (let stripped = rest.replace(TRAILING_NOTE, ''); !done && stripped !== rest;) {
      rest = stripped;
      done = HEADING_DONE.exec(rest);
      stripped = rest.replace(TRAILING_NOTE, '');
    }
    const leading = LEADING_DONE.exec(text);
    const statusText = done?.[0].replace(/^[\s\-–—:(]+|[\s)]+$/gu, '') ?? leading?.[0].trim();
    // "Phase 4: Storage ✅ done · validation in progress" states more than done.
    const reading = statusText ? classifyStatus(text.slice(name[0].length), this.vocabulary) : undefined;
    if (statusText && (reading?.status === 'done' || (!reading && leading))) {
      group.status = { status: 'done', text: statusText, range: this.find(node, statusText, false) };
      const at = text.lastIndexOf(statusText);
      group.name = `${text.slice(0, at)} ${text.slice(at + statusText.length)}`
        .replace(/\(\s*\)/gu, ' ')
        .replace(/^(?:\s|[✅✔☑]\uFE0F?)+|(?:[\s\-–—:(]|[✅✔☑]\uFE0F?)+$/gu, '')
        .replace(/\s+/gu, ' ');
    }
    return group;
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
          const text = repairedText(node).trim();
          const id = definedId(text, this.ids);
          const entry: HeadingEntry = { depth: node.depth, text, range: this.range(node) };
          if (id && node.position) {
            this.taskSections.push({ id, range: entry.range, depth: node.depth, deferred: false });
            entry.section = this.taskSections.length - 1;
          } else if (!id && node.position && findIds(text, this.ids).length === 0) {
            const group = this.groupHeading(text, node);
            if (group) {
              group.depth = node.depth;
              entry.group = this.groupSections.push(group) - 1;
            }
          }
          this.headings.push(entry);
          break;
        }
        case 'paragraph':
          this.visitParagraph(node, owner.depth);
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

  /** In a task's or phase's section: its field lines, and any word that the checklist is deferred. */
  private visitParagraph(node: Paragraph, depth: number): void {
    this.readFields(node, depth);
    this.noteDeferred(repairedText(node));
  }

  private noteDeferred(text: string): void {
    if (!DEFERRED.test(text)) return;
    const index = this.section();
    if (index !== undefined) this.taskSections[index]!.deferred = true;
    const owner = this.checklistOwner();
    if (owner && 'group' in owner) this.groupSections[owner.group]!.deferred = true;
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
    let itemText = first?.type === 'paragraph' ? repairedText(first) : '';
    const sectionIndex = this.section();
    // `- [~] Criterion`: GFM reads no checkbox, but the item is one, as config `checkboxMarkers` says.
    const marked = typeof item.checked !== 'boolean' ? OTHER_MARKER.exec(itemText) : null;
    let checked = item.checked;
    let setAside = false;
    let marker: string | undefined;
    let status: ChecklistItem['markerStatus'];
    if (marked && isCheckboxMarker(marked[1]!, this.vocabulary)) {
      status = markerStatus(marked[1]!, this.vocabulary);
      marker = `[${marked[1]!}]`;
      checked = status === 'done';
      // A marker the config gives no status, or a dropped one: neither ticked nor owed.
      setAside = status !== 'done' && !isOpen(status);
      itemText = itemText.slice(marked[0].length);
    }
    if (typeof checked !== 'boolean') {
      this.noteDeferred(itemText);
      if (first?.type === 'paragraph' && owner.itemTask === undefined && owner.parent === undefined)
        this.readFields(first, owner.depth);
    }
    let parent = owner.parent;
    if (typeof checked === 'boolean' && item.position) {
      const task = owner.itemTask ?? (sectionIndex !== undefined ? this.taskSections[sectionIndex]!.id : undefined);
      const checklistOwner = owner.itemTask === undefined ? this.checklistOwner() : undefined;
      const entry: ChecklistItem = {
        checked,
        range: this.firstLine(item),
        text: itemText.split('\n')[0]!.trim(),
        ids: subjectIds(itemText, this.ids),
        optional: setAside || OPTIONAL.test(itemText) || (first?.type === 'paragraph' && isStruckThrough(first)),
        ...(marker ? { marker } : {}),
        ...(status ? { markerStatus: status } : {}),
      };
      if (owner.parent !== undefined) entry.parent = owner.parent;
      if (task) entry.task = task;
      if (checklistOwner && 'section' in checklistOwner) entry.taskSection = checklistOwner.section;
      else if (checklistOwner) entry.groupSection = checklistOwner.group;
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

  /** The status words in the paragraph's source (after its "Status" label), else the whole paragraph. */
  private find(node: Nodes, value: string, afterLabel = true): Range {
    const offsets = nodeOffsets(node);
    if (!offsets) return this.range(node);
    const raw = this.text.slice(offsets.start, offsets.end).toLowerCase();
    const at = afterLabel
      ? raw.indexOf(value.toLowerCase(), Math.max(0, raw.indexOf('status')))
      : raw.lastIndexOf(value.toLowerCase());
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
