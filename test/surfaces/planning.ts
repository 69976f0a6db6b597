/** A small planning folder shared by the surface tests: an index and a tracker of the same tasks. */

export const INDEX = `# Task index

| Task ID | Description | Status |
|---------|-------------|--------|
| TASK-1 | Set up storage | ✅ COMPLETE |
| TASK-2 | Configure scheduler | Pending |

See the [tracker](./tracker.md).
`;

export const TRACKER_AGREEING = `# Tracker

| Task ID | Description | Status |
|---------|-------------|--------|
| TASK-1 | Set up storage | ✅ COMPLETE |
| TASK-2 | Configure scheduler | Pending |
`;

/** Line 5 still calls TASK-1 in progress, where index.md:5 says it is complete. */
export const TRACKER_CONTRADICTING = TRACKER_AGREEING.replace('| TASK-1 | Set up storage | ✅ COMPLETE |', '| TASK-1 | Set up storage | IN PROGRESS |');

/** What tasklint says about the contradiction, at index.md:5 (the first file to state TASK-1). */
export const CONFLICT_MESSAGE = 'TASK-1 is done here ("COMPLETE") but in progress at tracker.md:5 ("IN PROGRESS").';
export const CONFLICT_RELATED = 'TASK-1 is in progress here ("IN PROGRESS")';
