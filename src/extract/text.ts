import type { Nodes } from 'mdast';
import type { Position, Range } from '../types.js';
import { repairMojibake } from './mojibake.js';

/** Maps UTF-16 offsets of a document to 1-based line and column. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  position(offset: number): Position {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - this.starts[low]! + 1 };
  }

  range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(end) };
  }

  offset(position: Position): number {
    return (this.starts[position.line - 1] ?? this.text.length) + position.column - 1;
  }
}

/**
 * The plain text of an inline tree, with hard breaks kept as newlines (mdast-util-to-string
 * drops them, and "**Status:** ...  \n**Prerequisites:**" must stay two lines). Several passes
 * of extraction read the same paragraphs, headings and cells: each node's text is made once.
 */
export function plainText(node: Nodes): string {
  return textOf(node).plain;
}

/** The plain text of a node with its mojibake repaired, as the passes of extraction read it. */
export function repairedText(node: Nodes): string {
  const text = textOf(node);
  return (text.repaired ??= repairMojibake(text.plain));
}

/**
 * Whether the node's text holds inline code (which claims leave out), when its text has been made
 * already; undefined when it has not.
 */
export function knownToHoldCode(node: Nodes): boolean | undefined {
  return texts.get(node)?.hasCode;
}

interface NodeText {
  plain: string;
  repaired?: string;
  hasCode: boolean;
}

const texts = new WeakMap<Nodes, NodeText>();
/** Set by inlineText when it meets inline code. */
let codeSeen = false;

function textOf(node: Nodes): NodeText {
  let text = texts.get(node);
  if (!text) {
    codeSeen = false;
    const plain = inlineText(node);
    text = { plain, hasCode: codeSeen };
    texts.set(node, text);
  }
  return text;
}

function inlineText(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string') {
    if (node.type === 'inlineCode') codeSeen = true;
    return node.type === 'html' ? '' : node.value;
  }
  if (node.type === 'break') return '\n';
  if (node.type === 'image' || node.type === 'imageReference') return node.alt ?? '';
  if ('children' in node) {
    let text = '';
    for (const child of node.children as Nodes[]) text += inlineText(child);
    return text;
  }
  return '';
}

export function nodeOffsets(node: Nodes): { start: number; end: number } | undefined {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  return start === undefined || end === undefined ? undefined : { start, end };
}

/** Is the whole of this inline tree struck through (`~~TASK-1~~`)? */
export function isStruckThrough(node: Nodes): boolean {
  if (node.type === 'delete') return true;
  if (!('children' in node)) return false;
  const meaningful = (node.children as Nodes[]).filter((child) => !(child.type === 'text' && !child.value.trim()));
  return meaningful.length > 0 && meaningful.every((child) => isStruckThrough(child));
}
