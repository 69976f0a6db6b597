import { ruleTester } from '../helpers/rule-tester.js';

/** An index of phases, one row each: `| [Phase N: Name](./file) | tasks | duration | status |`. */
const index = (rows: string[]): string =>
  `# Cloud Task List Index\n\n## Phases\n\n| Phase | Tasks | Duration | Status |\n|-------|-------|----------|--------|\n${rows.join('\n')}\n`;

/** A phase file: its title, its own status under the title, and a task table. */
function phaseFile(title: string, status: string, tasks: [string, string][]): string {
  const rows = tasks.map(([id, state]) => `| ${id} | Step ${id} | 2 hrs | ${state} |`).join('\n');
  return `# ${title}\n\n**Status:** ${status}\n**Duration:** 3-4 weeks\n\n## Tasks\n\n| Task ID | Description | Duration | Status |\n|---------|-------------|----------|--------|\n${rows}\n`;
}

const allDone: [string, string][] = [
  ['CLOUD-0.1', '✅ Complete'],
  ['CLOUD-0.2', '✅ Complete'],
];

ruleTester('group-status-conflict', {
  valid: [
    {
      name: 'the index row and the phase file agree',
      files: {
        'index.md': index([
          '| [Phase 0: Foundation](./phase-0-foundation.md) | CLOUD-0.1 to 0.2 | 2 weeks | ✅ Completed |',
        ]),
        'phase-0-foundation.md': phaseFile('Phase 0: Foundation', '✅ Completed', allDone),
      },
    },
    {
      name: 'a heading named after a state is not a subject: "Completed Phases" over Phase 3 and Phase 4',
      files: {
        'index.md':
          '# Index\n\n## Completed Phases\n\n- ✅ Phase 3: Storage (3/3 complete)\n- ✅ Phase 4: Compute (23/23 complete)\n\n## NEW\n\n**Status:** Not Started\n',
      },
    },
    {
      name: 'a history section tells what was, not what is',
      files: {
        'index.md': index(['| [Phase 2: Storage](./phase-2-storage.md) | CLOUD-2.1 to 2.2 | 1 week | ✅ Complete |']),
        'phase-2-storage.md':
          '# Phase 2: Storage\n\n**Status:** ✅ Complete\n\n## Change History\n\n| Phase | Change | Status |\n|---|---|---|\n| Phase 2: Storage | re-planned on 10-20 | Not Started |\n\n- ⏳ Phase 2: Storage (not started on 10-20)\n',
      },
    },
    {
      name: 'a plan is not a status: "complete once the review is merged"',
      files: {
        'index.md': index(['| [Phase 3: Rollout](./phase-3-rollout.md) | CLOUD-3.1 | 1 week | Not Started |']),
        'phase-3-rollout.md':
          '# Phase 3: Rollout\n\n**Status:** Complete once the review is merged\n\nPhase 3 will be complete once CLOUD-3.1 ships.\n',
      },
    },
    {
      name: 'rounding: 99% is not done',
      files: {
        'index.md': index(['| [Phase 1: Network](./phase-1-network.md) | CLOUD-1.1 | 1 week | 99% |']),
        'phase-1-network.md': phaseFile('Phase 1: Network', '🔄 In Progress', [
          ['CLOUD-1.1', '✅ Complete'],
          ['CLOUD-1.2', 'In Progress'],
        ]),
      },
    },
    {
      name: '"✅ 80% Complete" is not done',
      files: {
        'tracker.md': '# Tracker\n\n## Workstream 2: Rebranding\n\n**Status:** ✅ 80% Complete - production ready\n',
        'index.md': index(['| Workstream 2: Rebranding | TASK-001 to 012 | 1 day | 🔄 In Progress |']),
      },
    },
    {
      name: 'an archived phase file describes the past',
      files: {
        'index.md': index([
          '| [Phase 0: Foundation](./archive/phase-0-foundation.md) | CLOUD-0.1 to 0.2 | 2 weeks | ✅ Completed |',
        ]),
        'archive/phase-0-foundation.md': phaseFile('Phase 0: Foundation', 'Not Started', allDone),
      },
    },
    {
      name: 'a bare "Phase 0" counts in another numbering (a plan\'s research phase), and binds to nothing by name',
      files: {
        'specs/001-rsvp/plan.md':
          '# Plan\n\n## Progress\n\n| Phase | Output | Status |\n|---|---|---|\n| Phase 1 | `data-model.md`, `contracts/` | ✅ Complete |\n',
        'specs/001-rsvp/tasks.md':
          '# Tasks\n\n## Phase 1: Setup\n\n- [ ] T001 Create the project\n- [ ] T002 Configure the linter\n',
      },
    },
    {
      name: 'spec-kit features each have a "Phase 1: Setup": one feature\'s is not another\'s',
      files: {
        'specs/001-rsvp/tasks.md':
          '# Tasks\n\n## Phase 1: Setup ✅ COMPLETE\n\n- [x] T001 Create the project\n- [x] T002 Configure the linter\n',
        'specs/002-social/tasks.md':
          '# Tasks\n\n## Phase 1: Setup\n\n**Status:** Not Started\n\n- [ ] T001 Create the package\n- [ ] T002 Add the schema\n',
      },
    },
    {
      name: 'two headings of one document match the name: unsure, so silent',
      files: {
        'tracker.md':
          '# Tracker\n\n## Workstream 1: Storage\n\n### Phase 1: Setup\n\n**Status:** ✅ Complete\n\n## Workstream 2: Compute\n\n### Phase 1: Setup\n\n**Status:** Not Started\n',
        'index.md': '# Index\n\n- ⏳ Phase 1: Setup (not started)\n',
      },
    },
    {
      name: 'a phase with one member is not checked against it',
      files: {
        'phase-3-storage.md':
          '# Phase 3: Storage\n\n**Status:** Not Started\n\n| Task ID | Description | Status |\n|---|---|---|\n| TASK-028 | Fix the kernel module | ✅ Complete |\n',
      },
    },
    {
      name: "a preview table in the index lists only some of the phase's tasks",
      files: {
        'index.md':
          '# Index\n\n## Phase 4: Consolidation\n\n**Status:** Not Started\n\n| Task ID | Description | Status |\n|---|---|---|\n| TASK-046 | Package role | ✅ Complete |\n| TASK-047 | Base role | ✅ Complete |\n',
        'phase-4-consolidation.md':
          '# Phase 4: Consolidation\n\n| Task ID | Description | Status |\n|---|---|---|\n| TASK-046 | Package role | ✅ Complete |\n| TASK-047 | Base role | ✅ Complete |\n| TASK-048 | Utilities role | Pending |\n',
      },
    },
    {
      name: "two task lists reuse IDs: the phase's tasks are read in its own document",
      files: {
        'phase-1-rebranding.md':
          '# Phase 1: Rebranding\n\n**Status:** Not Started\n\n| Task ID | Description | Status |\n|---|---|---|\n| TASK-001 | Rename the package | Pending |\n| TASK-002 | Rename the image | Pending |\n',
        'hpc-task-list.md':
          '# HPC Task List\n\n| Task ID | Description | Status |\n|---|---|---|\n| TASK-001 | Provision nodes | ✅ Complete |\n| TASK-002 | Install SLURM | ✅ Complete |\n',
      },
    },
    {
      name: 'a criteria list decorated with ✅ is not a status',
      files: {
        'phase-6-validation.md':
          '# Phase 6: Validation\n\n**Status:** Not Started\n\n**Success Criteria:**\n\n- ✅ Phase 6: Validation (all nodes reachable)\n',
      },
    },
    {
      name: '"Complete" inside a title is part of the name',
      files: {
        'specs/006-fixes/tasks.md':
          '# Tasks\n\n## Phase 5: User Story 4 — Complete GDPR Account Deletion (Priority: P1)\n\n- [ ] T030 Delete the account\n- [ ] T031 Purge the backups\n',
      },
    },
    {
      name: "a spec's own status is about the spec, not about each requirement it lists",
      files: {
        'specs/001-rsvp/spec.md':
          '# Feature Specification: RSVP\n\n**Status**: Complete\n\n## Requirements\n\n- [ ] T001 Send the invitation\n- [ ] T002 Record the answer\n',
      },
    },
    {
      name: 'tasks deferred to a later phase are not open tasks of this one',
      files: {
        'tasks.md':
          '# Tasks\n\n## Phase 3: Storage ✅ COMPLETE\n\n- [x] TASK-030 Volumes\n- [x] TASK-031 Object store\n\n### Deferred to Phase 4\n\n- [ ] TASK-032 Replication\n',
      },
    },
  ],
  invalid: [
    {
      name: 'the index calls the phase not started, its file says completed',
      files: {
        'index.md': index([
          '| [Phase 0: Foundation](./phase-0-foundation.md) | CLOUD-0.1 to 0.2 | 2 weeks | Not Started |',
        ]),
        'phase-0-foundation.md': phaseFile('Phase 0: Foundation', '✅ Completed', allDone),
      },
      errors: [
        {
          messageId: 'conflict',
          file: 'index.md',
          line: 7,
          messageIncludes: [
            'Phase 0: Foundation is not started here ("Not Started") but done at phase-0-foundation.md:3 ("✅ Completed")',
          ],
          related: [{ file: 'phase-0-foundation.md', line: 3 }],
        },
      ],
    },
    {
      name: 'bound by file name without a link: the row names the phase, the file is named after it',
      files: {
        'index.md': index(['| Phase 0: Foundation | CLOUD-0.1 to 0.2 | 2 weeks | 🔄 In Progress |']),
        'phase-0-foundation.md': phaseFile('Foundation work', '✅ Completed', allDone),
      },
      errors: [
        { messageId: 'conflict', file: 'index.md', line: 7, related: [{ file: 'phase-0-foundation.md', line: 3 }] },
      ],
    },
    {
      name: 'the file header says Planning while every task in it is done',
      files: {
        'phase-0-foundation.md': phaseFile('Phase 0: Foundation', 'Planning', allDone),
      },
      errors: [
        {
          messageId: 'allDone',
          file: 'phase-0-foundation.md',
          line: 3,
          messageIncludes: ['Phase 0: Foundation is not started here ("Planning"), but all 2 of its tasks are done'],
          related: [
            { file: 'phase-0-foundation.md', line: 10 },
            { file: 'phase-0-foundation.md', line: 11 },
          ],
        },
      ],
    },
    {
      name: 'a heading marked complete over a sub-phase whose boxes are unchecked',
      files: {
        'specs/010-commerce/tasks.md':
          '# Tasks\n\n## Phase 8: Contextual Commerce UX (2 weeks) ✅\n\n### Phase 8.1: Suggestion UI ✅\n\n- [x] T195 Write the suggestion tests\n- [x] T196 Build the suggestion card\n\n### Phase 8.2: One-Click Actions\n\n- [ ] T203 Write the quick action tests\n- [ ] T204 Build the quick action button\n',
      },
      errors: [
        {
          messageId: 'memberOpen',
          file: 'specs/010-commerce/tasks.md',
          line: 3,
          messageIncludes: [
            'Phase 8: Contextual Commerce UX is done here ("✅"), but its task T203 is not started at line 12 (and 1 more open)',
          ],
          related: [
            { file: 'specs/010-commerce/tasks.md', line: 12 },
            { file: 'specs/010-commerce/tasks.md', line: 13 },
          ],
        },
      ],
    },
    {
      name: 'two trackers disagree on a phase they both name in full',
      files: {
        'docs/plan.md':
          '# Plan\n\n### Phase 3: Database Design & Liquibase ✅ COMPLETE\n\n**Status:** Completed January 11, 2026\n',
        'docs/requirements.md':
          '# Requirements\n\n## Phase 3: Database Design & Setup 🔄 (12/13 - 92%)\n\n**Status:** In Progress - Liquibase deployment remaining\n',
      },
      errors: [
        {
          messageId: 'conflict',
          file: 'docs/requirements.md',
          line: 3,
          messageIncludes: ['Phase 3: Database Design & Setup is in progress here', 'but done at docs/plan.md:5'],
          related: [{ file: 'docs/plan.md', line: 5 }],
        },
      ],
    },
    {
      name: '"All tasks completed" under a link to the phase file, while one of its tasks is pending',
      files: {
        'index.md': '# Index\n\n## Phases\n\n- [Phase 1: Storage](./phase-1-storage.md)\n  - All tasks completed\n',
        'phase-1-storage.md': phaseFile('Phase 1: Storage', '🔄 In Progress', [
          ['ORB-1.1', '✅ Complete'],
          ['ORB-1.2', 'Pending'],
        ]),
      },
      errors: [
        {
          messageId: 'conflict',
          file: 'index.md',
          line: 6,
          messageIncludes: [
            'Phase 1: Storage is done here ("All tasks completed") but in progress at phase-1-storage.md:3',
          ],
          related: [{ file: 'phase-1-storage.md', line: 3 }],
        },
      ],
    },
    {
      name: '"All tasks completed" against the tasks of a phase file that states no status of its own',
      files: {
        'index.md': '# Index\n\n## Phases\n\n- [Phase 1: Storage](./phase-1-storage.md)\n  - All tasks completed\n',
        'phase-1-storage.md':
          '# Phase 1: Storage\n\n| Task ID | Description | Status |\n|---|---|---|\n| ORB-1.1 | Volumes | ✅ Complete |\n| ORB-1.2 | Object store | Pending |\n',
      },
      errors: [
        {
          messageId: 'memberOpen',
          file: 'index.md',
          line: 6,
          messageIncludes: [
            'Phase 1: Storage is done here ("All tasks completed"), but its task ORB-1.2 is not started at phase-1-storage.md:6',
          ],
          related: [{ file: 'phase-1-storage.md', line: 6 }],
        },
      ],
    },
  ],
});
