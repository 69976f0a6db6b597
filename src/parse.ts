import type { Root } from 'mdast';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import remarkFrontmatter from 'remark-frontmatter';
import remarkParse from 'remark-parse';
import { unified, type Processor } from 'unified';

/**
 * The GFM that planning documents need: tables, task-list checkboxes, strikethrough (a struck
 * task or status) and footnotes, added the way remark-gfm adds them. GFM's autolink literals
 * (bare `https://…`, `www.…` and e-mail addresses turned into links) are left out on purpose:
 * their tokenizer tries a URL or an e-mail address at nearly every word, a third of the parse
 * time of a planning folder, and the links it makes always have a scheme (http:, mailto:), while
 * tasklint only draws facts from links to files of the folder. So the facts are the same without
 * them, but for the text of a bare URL that holds emphasis marks (`https://x.org/**a**` reads
 * `https://x.org/a`); test/robustness/parser.test.ts compares them with remark-gfm's on whole folders.
 */
function planningGfm(this: Processor): void {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(gfmFootnote(), gfmStrikethrough(), gfmTable(), gfmTaskListItem());
  (data.fromMarkdownExtensions ??= []).push([
    gfmFootnoteFromMarkdown(),
    gfmStrikethroughFromMarkdown(),
    gfmTableFromMarkdown(),
    gfmTaskListItemFromMarkdown(),
  ]);
}

const processor = unified().use(remarkParse).use(planningGfm);
// YAML front matter (`---` ... `---` at the very top) as one node, not a rule and a heading:
// Backlog.md keeps a task's id, status and dependencies there. Only for the files of a format
// that has it: elsewhere a document opening with a rule would lose everything up to its next
// `---` line to a "front matter" nobody meant.
const withFrontMatter = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(planningGfm);

/** Parses Markdown (CommonMark + GFM tables, task lists, strikethrough, footnotes, and YAML front matter if asked) once. */
export function parseMarkdown(text: string, options: { frontMatter?: boolean } = {}): Root {
  return (options.frontMatter ? withFrontMatter : processor).parse(text);
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
