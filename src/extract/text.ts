import type { Nodes } from 'mdast';
import type { Position, Range } from '../types.js';

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
 * drops them, and "**Status:** ...  \n**Prerequisites:**" must stay two lines).
 */
export function plainText(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string') {
    return node.type === 'html' ? '' : node.value;
  }
  if (node.type === 'break') return '\n';
  if (node.type === 'image' || node.type === 'imageReference') return node.alt ?? '';
  if ('children' in node) {
    let text = '';
    for (const child of node.children as Nodes[]) text += plainText(child);
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
