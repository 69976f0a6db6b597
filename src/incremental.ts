import type { Nodes, Root, RootContent } from 'mdast';
import { parseMarkdown } from './parse.js';

/**
 * Re-parsing only what an edit touched, for the language server: the tree a full parse of the
 * new text gives, built from the previous tree and a parse of the blocks around the edit.
 *
 * A document is cut between two top-level blocks (children of the root) on different lines.
 * Block parsing reads a document line by line: where a top-level block starts, nothing before
 * it is still open, so the blocks after the cut parse the same on their own as in the whole
 * document, and those before it too. The cuts of the previous text are known from its tree. An
 * edit re-parses from the last cut before the edited line to a cut of the previous text after
 * the edit, taking that next line too: only if a top-level block starts there in the new text
 * (no unclosed fence, HTML block or list item reaches it) is the rest of the old tree kept,
 * its positions shifted; else the parse goes on to a later cut, or to the end.
 *
 * What is not line by line is left to a full parse: link reference and footnote definitions
 * (`[x]: /url`, which change how text anywhere reads), front matter, and a byte order mark
 * (which a parse drops at the start of what it is given).
 */

export interface ParsedDocument {
  text: string;
  tree: Root;
  frontMatter: boolean;
}

export interface ReparseOptions {
  frontMatter?: boolean;
  /**
   * The most characters to parse in one piece: past it, `reparse` gives up (undefined), so that
   * the caller can parse on a thread with a time limit instead.
   */
  maxSpan?: number;
}

/** What a parse did: the whole text, or the characters from `start` to `end` of the new text. */
export type ReparseExtent = { whole: true } | { whole: false; start: number; end: number };

export interface Reparsed extends ParsedDocument {
  extent: ReparseExtent;
}

/** `[label]:` starts a definition, `[^label]:` a footnote definition: both are written with `]:`. */
function mayDefine(text: string): boolean {
  return text.includes(']:');
}

/**
 * Front matter is tried at the very start only, and a `---` there that does not close changes
 * how later lines parse (a `>` line is then no block quote): such a document is parsed whole.
 */
function opensFrontMatter(text: string): boolean {
  return text.startsWith('---');
}

/** The offset of the start of the line holding `offset` (CR, LF and CRLF end lines, as in CommonMark). */
function lineStart(text: string, offset: number): number {
  let i = offset;
  while (i > 0) {
    const before = text.charCodeAt(i - 1);
    if (before === 10 || (before === 13 && text.charCodeAt(i) !== 10)) return i;
    i--;
  }
  return 0;
}

/** The offset after the line ending of the line holding `offset` (the text's length on its last line). */
function nextLineStart(text: string, offset: number): number {
  for (let i = offset; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) return i + 1;
    if (c === 13) return text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
  }
  return text.length;
}

interface Cut {
  /** Offset of the start of the line the block begins on. */
  offset: number;
  line: number;
  /** Index of the first root child after the cut. */
  child: number;
}

/**
 * Whether a top-level block `next` starting after `before` parses as it would at the start of a
 * document, whatever follows. After a list or a block quote the next line is first tried as a
 * lazy line of them, and indented code stays open over blank lines (a list item after it is
 * then parsed as interrupting it): never. A paragraph or table with no blank line after it is
 * still open: whether the next line interrupts it can depend on the line after (a table's
 * delimiter row). Headings, thematic breaks, fenced code and HTML close on their own lines.
 */
function cutBetween(text: string, before: RootContent, next: RootContent): boolean {
  const end = before.position?.end.line;
  const start = next.position?.start.line;
  if (end === undefined || start === undefined || end >= start) return false;
  switch (before.type) {
    case 'paragraph':
    case 'table':
      return end < start - 1;
    case 'heading':
    case 'thematicBreak':
    case 'html':
      return true;
    case 'code': {
      const at = before.position?.start.offset;
      return at !== undefined && /^ {0,3}[`~]/.test(text.slice(lineStart(text, at), at + 1));
    }
    default:
      return false;
  }
}

/** Where `tree` can be cut: before each top-level block that parses the same on its own (`cutBetween`). */
function cutsOf(text: string, tree: Root): Cut[] {
  const cuts: Cut[] = [];
  const children = tree.children;
  for (let i = 1; i < children.length; i++) {
    const start = children[i]!.position?.start.offset;
    if (start === undefined || !cutBetween(text, children[i - 1]!, children[i]!)) continue;
    cuts.push({ offset: lineStart(text, start), line: children[i]!.position!.start.line, child: i });
  }
  return cuts;
}

/**
 * Copies of `nodes` (and of all below them) at positions moved by `offset` characters and
 * `lines` lines: new objects, so that what extraction remembers of a node (its lines, in
 * caches keyed by the node) is never read back at its old place.
 */
function moved(nodes: RootContent[], offset: number, lines: number): RootContent[] {
  const copy = (node: Nodes): Nodes => {
    const result = { ...node };
    if (node.position) {
      const { start, end } = node.position;
      result.position = {
        start: {
          line: start.line + lines,
          column: start.column,
          ...(start.offset !== undefined ? { offset: start.offset + offset } : {}),
        },
        end: {
          line: end.line + lines,
          column: end.column,
          ...(end.offset !== undefined ? { offset: end.offset + offset } : {}),
        },
      };
    }
    if ('children' in node) (result as { children: Nodes[] }).children = node.children.map(copy);
    return result;
  };
  return nodes.map((node) => copy(node) as RootContent);
}

/** Moves every position in `nodes` by `offset` characters and `lines` lines (columns stay: cuts are at line starts). */
function shift(nodes: RootContent[], offset: number, lines: number): void {
  if (offset === 0 && lines === 0) return;
  const stack: Nodes[] = [...nodes];
  while (stack.length) {
    const node = stack.pop()!;
    const position = node.position;
    if (position) {
      position.start.line += lines;
      position.end.line += lines;
      if (position.start.offset !== undefined) position.start.offset += offset;
      if (position.end.offset !== undefined) position.end.offset += offset;
    }
    if ('children' in node) for (const child of node.children) stack.push(child);
  }
}

function whole(text: string, frontMatter: boolean, maxSpan: number): Reparsed | undefined {
  if (text.length > maxSpan) return undefined;
  return { text, tree: parseMarkdown(text, { frontMatter }), frontMatter, extent: { whole: true } };
}

/**
 * The tree of `text`, as `parseMarkdown(text, options)` gives it, re-using `previous` (the
 * parse of an earlier text of the same document) where the edit between them cannot have
 * changed it. `previous.tree` is taken over: its nodes before the edit go into the new tree,
 * those after it are copied there at their new places.
 */
export function reparse(
  previous: ParsedDocument | undefined,
  text: string,
  options: ReparseOptions = {},
): Reparsed | undefined {
  const frontMatter = options.frontMatter ?? false;
  const maxSpan = options.maxSpan ?? Infinity;
  if (
    previous?.frontMatter !== frontMatter ||
    mayDefine(previous.text) ||
    mayDefine(text) ||
    (frontMatter && (opensFrontMatter(previous.text) || opensFrontMatter(text))) ||
    previous.text.includes('\uFEFF') ||
    text.includes('\uFEFF')
  )
    return whole(text, frontMatter, maxSpan);
  const old = previous.text;
  if (old === text) return { ...previous, extent: { whole: false, start: 0, end: 0 } };

  // The edit: the characters between a common beginning and a common end.
  const shorter = Math.min(old.length, text.length);
  let head = 0;
  while (head < shorter && old.charCodeAt(head) === text.charCodeAt(head)) head++;
  let tail = 0;
  while (tail < shorter - head && old.charCodeAt(old.length - 1 - tail) === text.charCodeAt(text.length - 1 - tail))
    tail++;
  const oldEnd = old.length - tail;
  const delta = text.length - old.length;

  const cuts = cutsOf(old, previous.tree);
  // From the last cut whose line the edit leaves whole: the lines before it and its own first
  // line decide that a block starts there.
  const editedLine = lineStart(old, head);
  let from: Cut = { offset: 0, line: 1, child: 0 };
  for (const cut of cuts) {
    if (cut.offset >= editedLine) break;
    from = cut;
  }
  const S = from.offset;
  const lineOffset = from.line - 1;
  const chunkOptions = { frontMatter: frontMatter && S === 0 };

  // To a cut after the edit where a block starts in the new text too; each try that fails
  // looks at least twice as far.
  const tree = previous.tree;
  let reach = 0;
  for (const cut of cuts) {
    if (cut.offset < oldEnd || cut.offset <= S) continue;
    const E = cut.offset + delta;
    if (E - S < reach || lineStart(text, E) !== E) continue;
    const end = nextLineStart(text, E);
    if (end - S > maxSpan) return undefined;
    const piece = text.slice(S, end);
    const chunk = parseMarkdown(piece, chunkOptions);
    const at = chunk.children.findIndex((child) => {
      const start = child.position?.start.offset;
      return start !== undefined && lineStart(text, S + start) === E;
    });
    const next = chunk.children[at];
    const last = chunk.children[at - 1];
    const first = next?.position;
    if (next && first && (at === 0 || (last && cutBetween(piece, last, next)))) {
      const kept = chunk.children.slice(0, at);
      const lineDelta = lineOffset + first.start.line - cut.line;
      const after =
        lineDelta === 0 && delta === 0
          ? tree.children.slice(cut.child)
          : moved(tree.children.slice(cut.child), delta, lineDelta);
      shift(kept, S, lineOffset);
      const rootStart = S === 0 ? chunk.position?.start : tree.position?.start;
      const rootEnd = shiftedPoint(tree.position?.end, delta, lineDelta);
      tree.children = [...tree.children.slice(0, from.child), ...kept, ...after];
      setRootPosition(tree, rootStart, rootEnd);
      return { text, tree, frontMatter, extent: { whole: false, start: S, end: E } };
    }
    reach = 2 * (E - S);
  }

  // No cut after the edit holds: from the cut before it to the end.
  if (text.length - S > maxSpan) return undefined;
  const chunk = parseMarkdown(text.slice(S), chunkOptions);
  // Blank lines only: the document's end is then in the part kept, and a full parse knows where.
  if (chunk.children.length === 0) return whole(text, frontMatter, maxSpan);
  shift(chunk.children, S, lineOffset);
  const rootStart = S === 0 ? chunk.position?.start : tree.position?.start;
  const rootEnd = shiftedPoint(chunk.position?.end, S, lineOffset);
  tree.children = [...tree.children.slice(0, from.child), ...chunk.children];
  setRootPosition(tree, rootStart, rootEnd);
  return { text, tree, frontMatter, extent: { whole: false, start: S, end: text.length } };
}

interface Point {
  line: number;
  column: number;
  offset?: number;
}

function setRootPosition(tree: Root, start: Point | undefined, end: Point | undefined): void {
  if (start && end) tree.position = { start: { ...start }, end };
  else delete tree.position;
}

function shiftedPoint(point: Point | undefined, offset: number, lines: number): Point | undefined {
  if (!point) return undefined;
  return {
    line: point.line + lines,
    column: point.column,
    ...(point.offset !== undefined ? { offset: point.offset + offset } : {}),
  };
}

/**
 * The tree of `text`, as `parseMarkdown(text, options)` gives it, parsed in pieces of at most
 * `maxSpan` characters cut between top-level blocks (see `reparse`): the parse of a large
 * document in steps as short as that of a small one. Undefined when no such cuts are found.
 */
export function parseInPieces(text: string, options: ReparseOptions = {}): Reparsed | undefined {
  const frontMatter = options.frontMatter ?? false;
  const maxSpan = options.maxSpan ?? Infinity;
  if (text.length <= maxSpan || mayDefine(text) || (frontMatter && opensFrontMatter(text)) || text.includes('\uFEFF'))
    return whole(text, frontMatter, maxSpan);
  const children: RootContent[] = [];
  let start: Point | undefined;
  let S = 0;
  let lineOffset = 0;
  while (text.length - S > maxSpan) {
    const cut = nextPiece(text, S, maxSpan, frontMatter);
    if (!cut) return undefined;
    if (S === 0) start = cut.chunk.position?.start;
    shift(cut.kept, S, lineOffset);
    children.push(...cut.kept);
    lineOffset += cut.line - 1;
    S = cut.offset;
  }
  const chunk = parseMarkdown(text.slice(S), { frontMatter: frontMatter && S === 0 });
  if (chunk.children.length === 0) return undefined;
  shift(chunk.children, S, lineOffset);
  children.push(...chunk.children);
  const tree: Root = { type: 'root', children };
  setRootPosition(tree, start, shiftedPoint(chunk.position?.end, S, lineOffset));
  return { text, tree, frontMatter, extent: { whole: true } };
}

const isBlank = (line: string): boolean => /^[ \t]*\r?\n?$/.test(line);

/**
 * The longest piece from `S` (at most `maxSpan` characters) that ends where a top-level block
 * starts after a blank line and parses the same on its own: the blocks before that line, and
 * where it starts. A few such lines are tried, the last one first.
 */
function nextPiece(
  text: string,
  S: number,
  maxSpan: number,
  frontMatter: boolean,
): { chunk: Root; kept: RootContent[]; offset: number; line: number } | undefined {
  let tries = 0;
  for (let at = text.lastIndexOf('\n', S + maxSpan - 1); at > S && tries < 4; at = text.lastIndexOf('\n', at - 1)) {
    const E = at + 1;
    const end = nextLineStart(text, E);
    if (end - S > maxSpan || !isBlank(text.slice(lineStart(text, at), at)) || isBlank(text.slice(E, end))) continue;
    tries++;
    const piece = text.slice(S, end);
    const chunk = parseMarkdown(piece, { frontMatter: frontMatter && S === 0 });
    const index = chunk.children.findIndex((child) => {
      const offset = child.position?.start.offset;
      return offset !== undefined && lineStart(text, S + offset) === E;
    });
    const next = chunk.children[index];
    const last = chunk.children[index - 1];
    if (next?.position && last && cutBetween(piece, last, next))
      return { chunk, kept: chunk.children.slice(0, index), offset: E, line: next.position.start.line };
  }
  return undefined;
}
