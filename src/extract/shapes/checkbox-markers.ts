/**
 * Checkbox markers other than GFM's `[ ]` (open) and `[x]`/`[X]` (done), which task lists
 * written by people and agents use:
 *
 *     - [~] TASK-5 Refactor the importer      in progress, once the config says so
 *     - [-] T051 Scaffold the mobile app       skipped, once the config says so
 *     - [/] 1.2 Write the migration            no status unless configured: never done
 *
 * Config `checkboxMarkers` says what each means (`{ "in-progress": ["[~]", "[/]"] }`); a marker it
 * does not list gives no status. GFM does not parse these as checkboxes, so the item's text starts
 * with the marker: here a task an item defines gets the status its marker is given (checklists.ts
 * reads the same markers as checklist items: ticked when done, open when open, else neither).
 */
import type { Status, TaskMention } from '../../types.js';
import type { StatusVocabulary } from '../status.js';
import type { LineIndex } from '../text.js';

/** The markers read as checkboxes even when the config gives them no status. */
const KNOWN = new Set(['~', '/', '-', ' x', 'x ']);

/** Whether `[inner]` is a checkbox marker: one tasklint knows, or one the config lists. */
export function isCheckboxMarker(inner: string, vocabulary: StatusVocabulary): boolean {
  return KNOWN.has(inner) || vocabulary.markers.has(inner);
}

/** The status the config gives a marker (the text inside its brackets), if any. */
export function markerStatus(inner: string, vocabulary: StatusVocabulary): Exclude<Status, 'unknown'> | undefined {
  return vocabulary.markers.get(inner);
}

/** `- [~] `, `* [-] `, `1. [/] ` at the start of a line, before the item's text. */
const ITEM_MARKER = /^\s*(?:[-*+]|\d{1,9}[.)])\s+\[([^[\]\n]{1,2})\]\s+/u;

/** Gives a list item's task, defined with no status, the status its configured marker means. */
export function applyCheckboxMarkers(
  mentions: TaskMention[],
  text: string,
  lines: LineIndex,
  vocabulary: StatusVocabulary,
): void {
  if (vocabulary.markers.size === 0) return;
  for (const mention of mentions) {
    if (mention.kind !== 'definition' || mention.source !== 'list' || mention.status !== undefined) continue;
    const start = lines.offset({ line: mention.range.start.line, column: 1 });
    const end = text.indexOf('\n', start);
    const line = text.slice(start, end === -1 ? text.length : end);
    const marker = ITEM_MARKER.exec(line);
    // The marker must come right before the task's ID, not somewhere in a parent item.
    if (!marker || marker[0].length + 1 > mention.range.start.column) continue;
    const status = markerStatus(marker[1]!, vocabulary);
    if (!status) continue;
    mention.status = status;
    mention.statusText = `[${marker[1]!}]`;
    mention.checked = status === 'done';
  }
}
