import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified, type Processor } from 'unified';

type FromMarkdownExtension = { transforms?: Array<(tree: Root) => unknown> } & Record<string, unknown>;
type ExtensionList = Array<FromMarkdownExtension | ExtensionList>;

/** The remark-gfm step that finds bare URLs and e-mail addresses in the text once the tree is built. */
const AUTOLINK_LITERAL_TRANSFORM = 'transformGfmAutolinkLiterals';

/**
 * remark-gfm turns bare URLs and e-mail addresses left in the text into links by a
 * find-and-replace over every text node of the finished tree: an eighth of the parse time. The
 * links it makes all have a scheme (http:, mailto:), which no fact is drawn from, and their text
 * and positions are the text's, so the facts are the same without it (a test checks that).
 */
function withoutAutolinkLiteralTransform(this: Processor): void {
  const data = this.data() as { fromMarkdownExtensions?: ExtensionList };
  const strip = (extension: FromMarkdownExtension | ExtensionList): FromMarkdownExtension | ExtensionList => {
    if (Array.isArray(extension)) return extension.map(strip);
    if (!extension.transforms?.some((transform) => transform.name === AUTOLINK_LITERAL_TRANSFORM)) return extension;
    return { ...extension, transforms: extension.transforms.filter((transform) => transform.name !== AUTOLINK_LITERAL_TRANSFORM) };
  };
  data.fromMarkdownExtensions = (data.fromMarkdownExtensions ?? []).map(strip);
}

const processor = unified().use(remarkParse).use(remarkGfm).use(withoutAutolinkLiteralTransform);
const fullGfmProcessor = unified().use(remarkParse).use(remarkGfm);

/** The tree remark-gfm makes, bare URLs turned into links included: to check that the facts do not depend on them. */
export function parseMarkdownWithAutolinkLiterals(text: string): Root {
  return fullGfmProcessor.parse(text);
}

/** Parses Markdown (CommonMark + GFM tables, task lists, strikethrough) once. */
export function parseMarkdown(text: string): Root {
  return processor.parse(text);
}

/**
 * Lists and block quotes nested deeper than this are refused before parsing: the parser's time
 * grows much faster than linearly with nesting (`- - - - x`, `>>>>`), and past a few thousand
 * levels its recursion overflows the stack. markdown-it stops at 100; planning documents nest a
 * handful of levels.
 */
export const MAX_NESTING = 64;

const SPACE = 32;
const TAB = 9;
const NEWLINE = 10;
const GT = 62;

/**
 * Estimates how many lists and block quotes the line starting at `start` opens or continues:
 * its container markers (`>`, `-`, `*`, `+`, `1.`, `1)`) one after another, and for indentation
 * before a marker, one level per two columns (the least a nested list needs).
 */
function lineNesting(text: string, start: number): number {
  let i = start;
  let depth = 0;
  let indent = 0;
  let leading = true;
  for (;;) {
    let columns = 0;
    for (let c = text.charCodeAt(i); c === SPACE || c === TAB; c = text.charCodeAt(++i)) columns += c === TAB ? 4 : 1;
    if (leading) indent = columns;
    leading = false;
    const c = text.charCodeAt(i);
    if (c === GT) {
      depth++;
      i++;
      continue;
    }
    let markerEnd = -1;
    if (c === 45 || c === 42 || c === 43) markerEnd = i + 1;
    else if (c >= 48 && c <= 57) {
      let k = i;
      while (k - i < 9 && text.charCodeAt(k) >= 48 && text.charCodeAt(k) <= 57) k++;
      const delimiter = text.charCodeAt(k);
      if (delimiter === 46 || delimiter === 41) markerEnd = k + 1;
    }
    if (markerEnd === -1) break;
    const after = text.charCodeAt(markerEnd);
    if (!(after === SPACE || after === TAB || after === NEWLINE || Number.isNaN(after))) break;
    depth++;
    i = markerEnd;
  }
  return depth === 0 ? 0 : depth + Math.floor(indent / 2);
}

/** A line of only `*`, `-` or `_` and spaces is a thematic break, whatever its length. */
function isThematicBreak(text: string, start: number, end: number): boolean {
  const line = text.slice(start, end);
  return /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/.test(line);
}

/** The first line nested deeper than `limit`, if any: a linear scan, cheap next to parsing. */
export function excessiveNesting(text: string, limit = MAX_NESTING): { line: number; depth: number } | undefined {
  let line = 1;
  for (let start = 0; start <= text.length; line++) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const depth = lineNesting(text, start);
    if (depth > limit && !isThematicBreak(text, start, end)) return { line, depth };
    start = end + 1;
  }
  return undefined;
}
