import type { Nodes, Root } from 'mdast';
import type { ConflictMarker } from '../types.js';
import type { LineIndex } from './text.js';

const MARKERS: [ConflictMarker['kind'], RegExp][] = [
  ['ours', /^<{7}(?:[ \t]+(.*?))?[ \t]*\r?$/],
  ['base', /^\|{7}(?:[ \t]+(.*?))?[ \t]*\r?$/],
  ['theirs', /^>{7}(?:[ \t]+(.*?))?[ \t]*\r?$/],
  ['separator', /^={7}[ \t]*\r?$/],
];

/**
 * Git's conflict markers at the start of a line, outside code blocks. `=======` and `|||||||` count
 * only after a `<<<<<<<`: alone, `=======` is a setext heading's underline.
 */
export function findConflictMarkers(text: string, tree: Root, lines: LineIndex): ConflictMarker[] {
  if (!/^(?:<{7}|>{7}|\|{7})/m.test(text)) return [];
  const inCode = codeLines(tree);
  const markers: ConflictMarker[] = [];
  let open = false;
  let offset = 0;
  let lineNumber = 0;
  for (const line of text.split('\n')) {
    lineNumber++;
    const lineStart = offset;
    offset += line.length + 1;
    if (line.length < 7 || !'<>|='.includes(line[0]!) || inCode.has(lineNumber)) continue;
    for (const [kind, pattern] of MARKERS) {
      const match = pattern.exec(line);
      if (!match) continue;
      if ((kind === 'separator' || kind === 'base') && !open) break;
      if (kind === 'ours') open = true;
      if (kind === 'theirs') open = false;
      const end = lineStart + line.replace(/\r$/, '').length;
      markers.push({ kind, label: (match[1] ?? '').trim(), range: lines.range(lineStart, end) });
      break;
    }
  }
  return markers;
}

/** Lines that belong to fenced or indented code. */
function codeLines(tree: Root): Set<number> {
  const lines = new Set<number>();
  const stack: Nodes[] = [tree];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === 'code' && node.position) {
      for (let line = node.position.start.line; line <= node.position.end.line; line++) lines.add(line);
    } else if ('children' in node) {
      for (const child of node.children as Nodes[]) stack.push(child);
    }
  }
  return lines;
}
