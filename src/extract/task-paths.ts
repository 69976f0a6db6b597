/**
 * The repository paths a checkbox task names in its own description, as spec-kit's template asks
 * ("Include exact file paths in descriptions") and Kiro and ai-dev-tasks lists often do:
 *
 *     - [x] T014 [US1] Create User model in src/models/user.py
 *     - [x] 2.1 Add the login form
 *       - Write `frontend/src/Login.tsx`
 *
 * A path is relative, has a folder and a file extension, and is written plain or in backticks.
 * Left out, because the text does not claim the file is there: a path the task removes, renames
 * or moves ("Remove `src/old.py`", "rename a.ts to b.ts"), gives as an example ("e.g.
 * `src/x.ts`"), or names only if it exists; globs (`src/**\/*.ts`), placeholders (`src/<name>.py`,
 * `path/to/file.py`, `[feature]/x.ts`, `{id}.md`), paths of a user's machine (`~/.config/x.json`,
 * `/etc/x.conf`, `$HOME/x.sh`), URLs and domains, installed packages (`node_modules/`), links
 * (broken-link checks those), code blocks, struck-through text. Markdown paths are left out:
 * documents are often named before they are written, and links to them are broken-link's.
 */
import type { ListItem, Nodes, Root } from 'mdast';
import type { Range, TaskPath } from '../types.js';
import { definedId } from './dependencies.js';
import type { IdMatcher } from './ids.js';
import { LineIndex, nodeOffsets, plainText } from './text.js';

const MAX_DEPTH = 64;
/** How much of a task's text is read for paths: a task is a line or a short list, not a chapter. */
const MAX_TASK_TEXT = 4000;
const LABEL_LENGTH = 60;

/** Runs of characters a path is made of: quotes, brackets of prose, commas and pipes end it. */
const TOKEN = /[^\s`'"“”‘’(),;|]+/gu;
/** `src/models/user.py`: at least one folder, a file name with an extension that starts with a letter. */
const PATH_SHAPE = /^(?:\.\.?\/)*(?:[\w@.+-]+\/)+\.?[\w@+-][\w@.+-]*\.[A-Za-z][A-Za-z0-9]{0,9}$/u;
/** Placeholders, globs, variables, a user's home: no file of the repository is named. */
const NOT_LITERAL = /[<>[\]{}*?$~%\\#:=!^&]|\.\.\.|…/u;
/** `path/to/file.py`, `your-app/x.ts`, `specs/NNN-x/y.yaml`, `foo/bar.js`: words of an example. */
const PLACEHOLDER =
  /(?:^|\/)(?:path\/to|some[-_]?(?:dir|folder|path|file)|your[-_][\w-]*|my[-_](?:app|project|feature|module|package)|example[-_]?\w*|foo|bar|baz|xxx+|nnn+|yyyy|x{3,}[-_]?\w*|n{3,}-[\w-]+|feature[-_]name|name|filename|file[-_]name)(?:\/|\.[A-Za-z]|$)/iu;
/** `test_NNN.py`, `XXX-name/`, `YYYY-MM-DD.json`: letters that stand for digits. */
const UPPERCASE_PLACEHOLDER = /(?<![A-Za-z])(?:N{3,}|X{3,}|Y{4}|MM|DD)(?![a-z])/u;
/** Folders no repository keeps its own files in. */
const FOREIGN_FOLDER =
  /(?:^|\/)(?:node_modules|\.git|\.venv|venv|\.tox|site-packages|vendor\/bundle|\.cache|\.next|\.nuxt|__pycache__)\//u;
/** Document files: left to broken-link, and often named before they are written. */
const DOCUMENT = /\.(?:md|mdx|markdown)$/iu;
/** An extension after which a line number is written: `src/app.ts:42`, `src/app.ts:10-20`, `#L5`. */
const LINE_SUFFIX = /(?::\d+(?:[-:]\d+)*|#L\d+(?:-L?\d+)?)$/u;

/**
 * Words before a path that say it goes away or is not the task's outcome: "Remove `src/old.py`",
 * "Rename a.ts to b.ts", "Replace x.ts with y.ts" (both names are passed over: the text is about
 * a change of files, not a file made).
 */
const REMOVED_BEFORE =
  /(?<![\p{L}])(?:remov|delet|drop(?:s|ped|ping)?\b|renam|mov(?:e|ed|es|ing)\b|replac|deprecat|obsolet|retir|clean(?:ed|s|ing)?[ -]?up|purg|archiv|migrat|consolidat|merg|split|get rid|got rid|no longer|instead of|was\b|were\b|old\b|older\b|legacy|former|unused|eliminat|supersed|revert|rollback|roll back|undo|moved|relocat|from\b)/iu;
/** Words right after a path that say the same: "`src/old.py` (removed)", "src/x.ts if present". */
const REMOVED_AFTER =
  /^[\s)*_]*(?:\(|-|–|—|:)?\s*(?:is |are |was |were |has been |have been |had been |now |gets? |to be )?(?:removed|deleted|dropped|renamed|moved|deprecated|gone|obsolete|replaced|superseded|no longer|(?:if|when|where) (?:it |they |present|any|exists|needed|applicable|available|found|used)|\(?optional)/iu;
/** The clause before a path gives examples: "e.g.", "for example", "such as". */
const EXAMPLE_BEFORE = /(?:e\.g\.|\bi\.e\.|\bfor (?:example|instance)\b|\bsuch as\b|\blike\b|\bsimilar to\b|\bcf\.)/iu;
/** The whole task names its files as conditional or optional: "if exists", "(optional)". */
const CONDITIONAL_TASK =
  /\b(?:optional|if (?:it )?exists?|if present|if needed|if any|when present|nice[- ]to[- ]have)\b/iu;

/** A marker that says which repository the tasks below are in: `[REPO: web]`, `**Repository:** api`. */
const SEVERAL_REPOSITORIES = /\[\s*REPO(?:SITORY)?\s*:|\*\*\s*REPO(?:SITORY)?\s*:?\s*\*\*\s*:?\s*\S/iu;

/** A piece of the task's own text: a text node or inline code, with where it starts in the source. */
interface Piece {
  value: string;
  /** Offset of the node in the source. */
  start: number;
  end: number;
  code: boolean;
}

/** The paths the checked items of a document name in their own text, in document order: open tasks claim no file. */
export function extractTaskPaths(text: string, tree: Root, lines: LineIndex, ids: IdMatcher): TaskPath[] {
  const found: TaskPath[] = [];
  if (!/\[[xX]\]/u.test(text)) return found;
  // "[REPO: oriva-core]" over a section: the list spans repositories, and which one a path is in is not known.
  if (SEVERAL_REPOSITORIES.test(text)) return found;
  const visit = (nodes: Nodes[], depth: number): void => {
    if (depth > MAX_DEPTH) return;
    for (const node of nodes) {
      if (node.type === 'list') {
        for (const item of node.children) {
          if (item.checked === true) readTask(item);
          visit(item.children, depth + 1);
        }
        // Lists sit in the document, in items and quotes: paragraphs, headings and tables hold none.
      } else if (node.type === 'blockquote' || node.type === 'footnoteDefinition') visit(node.children, depth + 1);
    }
  };
  const readTask = (item: ListItem): void => {
    const pieces: Piece[] = [];
    collectOwnText(item, pieces, 0);
    // Most tasks name no path: a path has a slash.
    if (!pieces.some((piece) => piece.value.includes('/'))) return;
    const first = item.children[0];
    const firstLine = first?.type === 'paragraph' ? (plainText(first).split('\n')[0] ?? '').trim() : '';
    const id = definedId(firstLine, ids);
    // Kiro's, ai-dev-tasks' and OpenSpec's "2.1 Add the form" is Task 2.1, as their other findings name it.
    const numbered = /^(\d+(?:\.\d+)*)\.?\s/u.exec(firstLine)?.[1];
    const task = id ?? (numbered ? `Task ${numbered}` : label(firstLine));
    const taskRange = itemLine(item, text, lines);
    let whole = '';
    const at: number[] = [];
    for (const piece of pieces) {
      at.push(whole.length);
      whole += piece.value;
      if (whole.length > MAX_TASK_TEXT) break;
    }
    if (CONDITIONAL_TASK.test(whole)) return;
    pieces.forEach((piece, i) => {
      // `git add src/App.js`: a command, whose arguments claim nothing.
      if (at[i] === undefined || !piece.value.includes('/') || (piece.code && /\s/u.test(piece.value.trim()))) return;
      for (const token of piece.value.matchAll(TOKEN)) {
        const written = trimToken(token[0]);
        if (!written || !isRepositoryPath(written)) continue;
        const offset = at[i] + token.index;
        if (!claimsFile(whole, offset, offset + written.length)) continue;
        const inSource = locate(text, piece, written, token.index);
        found.push({
          path: written.replace(/^(?:\.\/)+/u, ''),
          range: lines.range(inSource, inSource + written.length),
          task,
          taskRange,
          ...(written.startsWith('./') || written.startsWith('../') ? { fromDocument: true } : {}),
        });
      }
    });
  };
  visit(tree.children, 0);
  return found;
}

/**
 * The item's own text: its paragraphs and the plain bullets below it ("- Create `x.ts`" under a
 * Kiro task), not the checkbox items nested in it, which are tasks of their own.
 */
function collectOwnText(node: Nodes, pieces: Piece[], depth: number): void {
  if (depth > MAX_DEPTH) return;
  switch (node.type) {
    case 'text':
    case 'inlineCode': {
      const offsets = nodeOffsets(node);
      if (offsets) pieces.push({ value: node.value, ...offsets, code: node.type === 'inlineCode' });
      return;
    }
    case 'break':
      pieces.push({ value: '\n', start: 0, end: 0, code: false });
      return;
    // Links are broken-link's; struck-through text is withdrawn; code blocks, HTML and tables are not the task's words.
    case 'link':
    case 'linkReference':
    case 'delete':
    case 'code':
    case 'html':
    case 'table':
    case 'heading':
      return;
    case 'list':
      for (const child of node.children) {
        if (typeof child.checked === 'boolean') continue;
        collectOwnText(child, pieces, depth + 1);
      }
      return;
    case 'paragraph':
      if ('children' in node) for (const child of node.children) collectOwnText(child, pieces, depth + 1);
      // Paragraphs and bullets are clauses of their own.
      pieces.push({ value: '\n', start: 0, end: 0, code: false });
      return;
    default:
      if ('children' in node) for (const child of node.children as Nodes[]) collectOwnText(child, pieces, depth + 1);
  }
}

/** The token without the punctuation prose puts after a path, nor a line number. */
function trimToken(token: string): string | undefined {
  let written = token.replace(/[.:!?]+$/u, '');
  written = written.replace(LINE_SUFFIX, '');
  return written || undefined;
}

/** A relative path of a repository file: see the opening comment for what is left out. */
export function isRepositoryPath(written: string): boolean {
  if (!PATH_SHAPE.test(written) || NOT_LITERAL.test(written)) return false;
  if (written.startsWith('@') || FOREIGN_FOLDER.test(written) || PLACEHOLDER.test(written)) return false;
  if (DOCUMENT.test(written) || UPPERCASE_PLACEHOLDER.test(written)) return false;
  const segments = written.split('/');
  // `github.com/x/y.js`, `Node.js/Express.js`: a domain or a product name, not a folder.
  const first = segments.find((segment) => segment !== '.' && segment !== '..')!;
  if (/^[^.].*\./u.test(first)) return false;
  // `src/./x.ts`, `a//b.ts`, a `..` inside: not written as a repository path.
  return !segments.slice(1).some((segment) => segment === '' || segment === '.' || segment === '..');
}

/** Whether the text around a path says the task left that file in place (see the patterns). */
function claimsFile(whole: string, start: number, end: number): boolean {
  const before = whole.slice(0, start);
  if (REMOVED_BEFORE.test(before)) return false;
  if (REMOVED_AFTER.test(whole.slice(end, end + 80))) return false;
  // The clause the path is in: from the last line break, semicolon or opening parenthesis ("e.g." has a full stop).
  const clauseStart = Math.max(before.lastIndexOf('\n'), before.lastIndexOf(';'), before.lastIndexOf('('));
  return !EXAMPLE_BEFORE.test(before.slice(clauseStart + 1));
}

/** Where in the source the path is: inside its node, else the node's start. */
function locate(text: string, piece: Piece, written: string, indexInValue: number): number {
  const source = text.slice(piece.start, piece.end);
  if (source === piece.value) return piece.start + indexInValue;
  const at = source.indexOf(written);
  return at === -1 ? piece.start : piece.start + at;
}

/** The task as a message names it when it has no ID: its first words. */
function label(firstLine: string): string {
  const plain = firstLine.trim();
  return plain.length > LABEL_LENGTH ? `${plain.slice(0, LABEL_LENGTH - 1).trimEnd()}…` : plain;
}

/** From the item's marker to the end of its first line. */
function itemLine(item: ListItem, text: string, lines: LineIndex): Range {
  const offsets = nodeOffsets(item) ?? { start: 0, end: 0 };
  const newline = text.indexOf('\n', offsets.start);
  const end = newline === -1 || newline > offsets.end ? offsets.end : newline;
  return lines.range(offsets.start, end);
}
