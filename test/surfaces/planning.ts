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
export const TRACKER_CONTRADICTING = TRACKER_AGREEING.replace(
  '| TASK-1 | Set up storage | ✅ COMPLETE |',
  '| TASK-1 | Set up storage | IN PROGRESS |',
);

/** What tasklint says about the contradiction, at index.md:5 (the first file to state TASK-1). */
export const CONFLICT_MESSAGE = 'TASK-1 is done here ("COMPLETE") but in progress at tracker.md:5 ("IN PROGRESS").';
export const CONFLICT_RELATED = 'TASK-1 is in progress here ("IN PROGRESS")';

/** A folder to navigate: TASK-1 is done in the index and in progress in the tracker; TASK-2 depends on TASK-1, TASK-3 on TASK-2, TASK-4 on TASK-3. */
export const NAV_INDEX = `# Task index

## Storage

| Task ID | Description | Status | Dependencies |
|---------|-------------|--------|--------------|
| TASK-1 | Set up storage | ✅ COMPLETE | None |
| TASK-2 | Configure scheduler | Pending | TASK-1 |
| TASK-4 | Add monitoring | Pending | TASK-3 |

See the [tracker](./tracker.md), its [notes](./tracker.md#storage-notes) and [the old plan](../nowhere/plan.md).
`;

export const NAV_TRACKER = `# Tracker

## Phase 1

### TASK-1: Set up storage

**Status**: IN PROGRESS

### TASK-3: Write runbook

**Status**: Pending
**Depends on**: TASK-2

## Storage notes

TASK-1 and TASK-2 come first; TASK-4 through TASK-6 follow.
`;
