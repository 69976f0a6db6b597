/**
 * Lists that claim to name every task of their block, or every task still to do:
 *
 *     ## Phase 0: Foundation
 *     **Tasks:** CLOUD-0.1, CLOUD-0.2, CLOUD-0.3
 *     Storage consolidation (3 tasks remaining: 046, 047.1, 048)
 *
 * Only a list that is nothing but IDs counts: "Tasks: see below", "e.g. TASK-1, TASK-2", a range
 * ("CLOUD-0.1 to 0.3") or a list with notes claims nothing. Lists in history, changelog, example
 * or preview sections ("Next up"), plans and past-tense lines are not read.
 */
import type { Nodes, Root } from 'mdast';
import type { Enumeration } from '../../types.js';
import { findIdLists, type IdMatcher } from '../ids.js';
import { LineIndex, nodeOffsets, repairedText } from '../text.js';

/** "Tasks: …", "- **Task IDs:** …" (emphasis already gone). */
const TASKS_FIELD = /^\s*(?:tasks|task ids|task list|included tasks)\s*:\s*(.+?)\s*$/iu;
/** "(3 tasks remaining: 046, 047.1, 048)", "Remaining tasks: TASK-046, 048", "**Remaining:** …". */
const REMAINING = /(?:^|\(|\b\d+\s+tasks?\s+)remaining(?:\s+tasks)?\s*:\s*([^()]+?)\s*\)?\s*\.?$/iu;
/** Words that make a list a sample, a plan, a preview or the past, not a claim about today. */
const NOT_A_CLAIM =
  /\b(?:e\.g\.|eg|i\.e\.|such as|including|includes|for example|for instance|like|next up|up next|upcoming|preview|later|was|were|had|will|would|planned|proposed|\d{4}-\d{2}-\d{2})(?![\p{L}\p{N}])/iu;
/** Sections whose lists describe the past, samples or what comes next. */
const NOT_A_CLAIM_SECTION =
  /\b(?:history|changelog|change log|log|example|examples|sample|preview|next up|upcoming|archive|archived|template|retrospective)\b/iu;
/** What every "Tasks:" and "remaining:" line holds: most lines of a document are passed over on it. */
const MAY_LIST = /task|remaining/iu;
const SEPARATOR = /\s*(?:,|;|&|\/|\band\b)\s*/iu;
const BARE = /^\d+(?:\.\d+)*$/u;

/** The members of a list that is nothing but IDs and separators, or undefined. */
function members(value: string, ids: IdMatcher, bareAllowed: boolean): Enumeration['members'] | undefined {
  const tokens = value
    .replace(/\.$/u, '')
    .split(SEPARATOR)
    .map((token) => token.trim())
    .filter((token) => token !== '');
  if (tokens.length < 2) return undefined;
  const full = new Map(
    findIdLists(value, ids).map((occurrence) => [occurrence.written ?? occurrence.id, occurrence.id]),
  );
  const found: Enumeration['members'] = [];
  for (const token of tokens) {
    const id = full.get(token);
    if (id !== undefined) found.push({ written: token, id });
    else if (bareAllowed && BARE.test(token)) found.push({ written: token });
    else return undefined;
  }
  return found;
}

/** Every complete-looking task list of a document, in order. */
export function extractEnumerations(tree: Root, lines: LineIndex, ids: IdMatcher): Enumeration[] {
  const found: Enumeration[] = [];
  const sections: { depth: number; notAClaim: boolean }[] = [];
  let headingLine: number | undefined;
  const read = (node: Nodes, offsets: { start: number; end: number }, kinds: 'any' | 'remaining'): void => {
    if (sections.some((section) => section.notAClaim)) return;
    const start = lines.position(offsets.start).line;
    repairedText(node)
      .split('\n')
      .forEach((line, at) => {
        if (!line.includes(':') || !MAY_LIST.test(line) || NOT_A_CLAIM.test(line)) return;
        const tasks = kinds === 'any' ? TASKS_FIELD.exec(line) : null;
        const remaining = tasks ? null : REMAINING.exec(line);
        const value = tasks?.[1] ?? remaining?.[1];
        if (value === undefined) return;
        const listed = members(value, ids, remaining !== null);
        if (!listed) return;
        // "Tasks:" names the block's tasks only in full: a bare number there may be anything.
        if (tasks && listed.some((member) => member.id === undefined)) return;
        const lineStart = lines.offset({ line: start + at, column: 1 });
        const lineEnd = Math.min(offsets.end, lines.offset({ line: start + at + 1, column: 1 }) - 1);
        found.push({
          kind: tasks ? 'tasks' : 'remaining',
          range: lines.range(Math.max(lineStart, offsets.start), Math.max(lineEnd, lineStart)),
          members: listed,
          ...(headingLine !== undefined ? { headingLine } : {}),
        });
      });
  };
  const visit = (node: Nodes): void => {
    if (node.type === 'heading') {
      const offsets = nodeOffsets(node);
      headingLine = offsets ? lines.position(offsets.start).line : undefined;
      while (sections.length && sections.at(-1)!.depth >= node.depth) sections.pop();
      sections.push({ depth: node.depth, notAClaim: NOT_A_CLAIM_SECTION.test(repairedText(node)) });
      // "## Storage (3 tasks remaining: 046, 047.1, 048)": a heading may say what is left.
      if (offsets) read(node, offsets, 'remaining');
      return;
    }
    if (node.type === 'code' || node.type === 'html' || node.type === 'table' || node.type === 'blockquote') return;
    if (node.type === 'paragraph') {
      const offsets = nodeOffsets(node);
      if (offsets) read(node, offsets, 'any');
      return;
    }
    if ('children' in node) for (const child of node.children as Nodes[]) visit(child);
  };
  for (const child of tree.children) visit(child);
  return found;
}
