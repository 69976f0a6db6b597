/**
 * spec-kit's task lines, which the generic list reading already defines as tasks of their
 * feature (their checkbox the status):
 *
 *     ## Phase 3: User Story 2 - Export (Priority: P2)
 *     - [ ] T012 [P] [US2] Export as JSON in src/export/json.ts
 *
 * The `[P]` (parallel) and `[US2]` (user story) markers say how the task is scheduled, not what it
 * is: they are left out of its title, so that two tasks of one story do not read as one task
 * reworded, nor one task as two when a marker is added.
 */
import type { TaskMention } from '../../types.js';

const MARKERS = /^(?:\[(?:P|US\d+|Story|Setup|Foundation|Polish)\]\s*)+/iu;

export function specKitTitles(mentions: TaskMention[]): void {
  for (const mention of mentions) {
    if (mention.kind !== 'definition' || mention.source !== 'list' || !mention.title) continue;
    const title = mention.title.replace(MARKERS, '').trim();
    if (title.length >= 3) mention.title = title;
    else delete mention.title;
  }
}
