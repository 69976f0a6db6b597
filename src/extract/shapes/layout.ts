/**
 * Where coding tools keep their plans, read from a file's path alone:
 *
 *     specs/001-event-search/tasks.md        spec-kit: a folder per feature (and specs/001-x.md beside it)
 *     .kiro/specs/user-auth/tasks.md         Kiro: a folder per spec
 *     openspec/changes/add-2fa/tasks.md      OpenSpec: a folder per change (archive/, proposed/, approved/ too)
 *     tasks/tasks-prd-weather.md             ai-dev-tasks: a file per feature
 *     backlog/tasks/task-12 - Title.md       Backlog.md: a file per task
 *
 * The feature folder or file is where such a tool numbers its tasks afresh.
 */
import type { DocumentFormat } from '../../types.js';

/** The prefixes of the bare numbers those tools write: "Task 1.1" and "Requirement 2.3" read as what they are in a message. */
export const TASK_PREFIX = 'Task ';
export const REQUIREMENT_PREFIX = 'Requirement ';
/** spec-kit's user stories: `### User Story 2 - ...` in spec.md, `[US2]` on a task line. */
export const STORY_PREFIX = 'User Story ';
/** spec-kit's functional requirements (`FR-001`) and success criteria (`SC-001`): each feature's spec.md numbers its own. */
export const SPEC_KIT_REQUIREMENT_PREFIXES: ReadonlySet<string> = new Set(['FR-', 'SC-']);

export interface Layout {
  format: DocumentFormat;
  /** The feature folder or file, absolute with `/`: undefined for tools whose IDs are folder-wide (Backlog.md). */
  scope?: string;
}

/** Backlog.md's task files: `backlog/tasks/`, `drafts/`, `completed/`, `archive/tasks/`, `archive/drafts/`. */
const BACKLOG_TASK = /(?:^|\/)\.?backlog\/(?:tasks|drafts|completed|archive\/(?:tasks|drafts))\/[^/]+\.md$/i;

export function layoutOf(file: string): Layout | undefined {
  const posix = file.replace(/\\/g, '/');
  if (BACKLOG_TASK.test(posix)) return { format: 'backlog' };
  const parts = posix.split('/');
  const upTo = (i: number): string => parts.slice(0, i + 1).join('/');
  const last = parts.length - 1;
  for (let i = 0; i < last; i++) {
    const part = parts[i]!;
    const next = parts[i + 1]!;
    if (part === 'specs' && /^\d{3,}-./.test(next) && (i + 1 < last || /\.md$/i.test(next)))
      return { format: 'spec-kit', scope: upTo(i + 1) };
    if (part === '.kiro' && next === 'specs' && i + 2 < last) return { format: 'kiro', scope: upTo(i + 2) };
    if (part === 'openspec' && next === 'changes' && i + 2 < last) {
      // `archive/`, and the `proposed/` and `approved/` folders newer OpenSpec keeps changes in, hold one change per folder.
      if (!['archive', 'proposed', 'approved'].includes(parts[i + 2]!))
        return { format: 'openspec', scope: upTo(i + 2) };
      if (i + 3 < last) return { format: 'openspec', scope: upTo(i + 3) };
    }
    if (part === 'tasks' && i + 1 === last && /^(?:tasks-|prd-).*\.md$/i.test(next))
      return { format: 'ai-dev-tasks', scope: upTo(i + 1) };
  }
  return undefined;
}
