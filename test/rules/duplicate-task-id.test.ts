import { describe, expect, it } from 'vitest';
import { sameTitle } from '../../src/query.js';
import {
  backlogFile,
  backlogTask,
  kiroTasks,
  smallBacklog,
  specKitResearch,
  twoSpecKitFeatures,
} from '../helpers/formats.js';
import type { Config } from '../../src/config.js';
import { lint } from '../../src/lint.js';
import { ruleTester, writeFolder } from '../helpers/rule-tester.js';

describe('sameTitle', () => {
  it.each([
    ['Complete HPC Runtime Framework Integration', 'HPC Runtime Framework Integration', true],
    ['Create Shared Package Management Role', 'Shared Package Management Role (Debian/Ubuntu scope)', true],
    ['Integrate Package Manager into Existing Roles', 'Integration', true],
    ['BeeGFS Performance Testing', 'BeeGFS Perf', true],
    ['Fix BeeGFS Client Kernel Module', 'BeeGFS kernel module fixed', true],
    ['Deploy storage role', 'Storage role deployment', true],
    ['Replace the storage role', 'Storage role ✅ DONE', true],
    ['Deploy storage-role', 'Storage / Role: deploy', true],
    ['Deploy container registry', 'Write migration guide', false],
    ['Create Shared Utilities Role', 'Update Docker Configuration', false],
    // Status words, numbers and emoji name no task: sharing them is no evidence.
    ['Storage role (DONE)', 'Migration guide (DONE)', false],
    ['Port 8080 proxy', 'Open port 8080 firewall ✅', true],
    ['2024 audit', '2024 budget', false],
    ['Update', 'Create', true], // nothing but generic words: no judgement
    ['DEPRECATED', 'Deploy container registry', true], // nothing but a status: no judgement
  ])('"%s" and "%s" are one task: %s', (a, b, expected) => {
    expect(sameTitle(a, b)).toBe(expected);
  });
});

const tracker = `# Active Workstreams

## Phase 4: Consolidation

| Task ID | Description | Priority | Duration | Dependencies |
|---------|-------------|----------|----------|--------------|
| TASK-46 | Create Shared Package Management Role | MEDIUM | 2 hrs | TASK-45 ✅ |
| TASK-47 | Consolidate Base Package Roles | MEDIUM | 1.5 hrs | TASK-46 |
| TASK-48 | Create Shared Utilities Role | MEDIUM | 2 hrs | TASK-47 |
`;

/** A phase file written in task blocks, as the seeds write them. */
const phaseFile = (phase: string, id: string, title: string, status = '❌ PENDING'): string =>
  `# ${phase}\n\n## Tasks\n\n### ${id}: ${title}\n**Status**: ${status}\n**Priority**: HIGH\n**Estimated Time**: 4 hours\n\n#### Deliverables\n- [ ] role written\n`;

const index = (rows: string): string =>
  `# Task List Index\n\n| Task ID | Description | Status |\n|---------|-------------|--------|\n${rows}`;

ruleTester('duplicate-task-id', {
  valid: [
    {
      name: "R-1 of one spec-kit feature's research and R-1 of another's are two decisions",
      files: twoSpecKitFeatures(),
    },
    {
      name: 'a reworded title: "Deploy storage role" and "Storage role deployment"',
      files: {
        'index.md': index('| TASK-041 | Deploy storage role | Pending |\n'),
        'phase-4.md': phaseFile('Phase 4: Storage', 'TASK-041', 'Storage role deployment'),
      },
    },
    {
      name: 'a title with a status suffix, and a title shortened in the index',
      files: {
        'index.md': index('| TASK-041 | Storage role | ✅ COMPLETED |\n'),
        'phase-4.md': phaseFile(
          'Phase 4: Storage',
          'TASK-041',
          'Replace the storage role ✅ COMPLETED',
          '✅ COMPLETED',
        ),
      },
    },
    {
      name: 'punctuation written another way',
      files: {
        'index.md': index('| TASK-041 | Storage-role: replace | Pending |\n'),
        'phase-4.md': phaseFile('Phase 4: Storage', 'TASK-041', 'Replace the storage role'),
      },
    },
    {
      name: 'a task moved from Phase 3 to Phase 4 keeps its title: not two tasks',
      files: {
        'index.md':
          '# Index\n\n## Phase 3: Packages\n\n| Task ID | Description | Status |\n|---|---|---|\n| TASK-041 | Replace the storage role | Pending |\n',
        'phase-4.md': phaseFile('Phase 4: Storage', 'TASK-041', 'Replace storage role'),
      },
    },
    {
      name: 'a phase and its part ("Phase 2" and "Phase 2a") are not two phases',
      files: {
        'index.md':
          '# Index\n\n## Phase 2: Storage\n\n| Task ID | Description | Status |\n|---|---|---|\n| TASK-041 | Storage role | Pending |\n',
        'phase-2a.md': phaseFile(
          'Phase 2a: Storage roles',
          'TASK-041',
          'Replace the old storage role and its playbook',
        ),
      },
    },
    {
      name: 'an archive defines the ID for an old task',
      files: {
        'index.md': index('| TASK-041 | Deploy storage role | Pending |\n'),
        'archive/2025-q3.md': index('| TASK-041 | Write migration guide | ✅ COMPLETE |\n'),
      },
    },
    {
      name: 'a summary list item paraphrases a table row',
      files: {
        'tracker.md': tracker,
        'plan.md': '# Plan\n\n**Quick Wins:**\n\n- TASK-46: Oumi framework validation\n',
      },
    },
    {
      name: 'a spec-kit task listed again with a parallel marker added under another phase',
      files: {
        'specs/002-member-profiles/tasks.md':
          '# Tasks\n\n## Phase 1: Setup\n\n- [ ] T001 Create profile module in src/profiles/\n- [ ] T002 [P] Add the profile table\n\n## Phase 2: Polish\n\n- [ ] T001 [P] Create profile module in src/profiles/\n',
      },
    },
  ],
  invalid: [
    {
      name: 'one spec-kit feature numbers two tasks of one story T012',
      files: {
        ...twoSpecKitFeatures(),
        'specs/002-member-profiles/tasks.md':
          '# Tasks\n\n## Phase 3: User Story 2 - Export (Priority: P2)\n\n- [ ] T012 [P] [US2] Export profiles as JSON in src/export/json.ts\n- [ ] T012 [US2] Write the import guide in docs/import.md\n',
      },
      errors: [
        {
          messageId: 'differentTask',
          file: 'specs/002-member-profiles/tasks.md',
          line: 5,
          messageIncludes: [
            'T012 names "Export profiles as JSON in src/export/json.ts" here but "Write the import guide in docs/import.md" at line 6',
          ],
          related: [{ file: 'specs/002-member-profiles/tasks.md', line: 6 }],
        },
      ],
    },
    {
      name: 'a Kiro spec numbers two tasks 2.1',
      files: {
        '.kiro/specs/export/tasks.md': kiroTasks(
          '- [ ] 2. Export\n  - [ ] 2.1 Export as JSON\n  - [ ] 2.1 Write the import guide\n',
        ),
      },
      errors: [
        {
          messageId: 'differentTask',
          file: '.kiro/specs/export/tasks.md',
          line: 4,
          messageIncludes: ['Task 2.1 names "Export as JSON" here but "Write the import guide" at line 5'],
          related: [{ file: '.kiro/specs/export/tasks.md', line: 5 }],
        },
      ],
    },
    {
      name: 'two backlog files claim one id for two tasks',
      files: {
        ...smallBacklog(),
        [backlogFile('TASK-4', 'Rotate the log')]: backlogTask({
          id: 'TASK-3',
          title: 'Rotate the log',
          status: 'To Do',
        }),
      },
      errors: [
        {
          messageId: 'differentTask',
          file: 'backlog/tasks/task-3 - Export-events-as-JSON.md',
          line: 2,
          messageIncludes: ['TASK-3 names "Export events as JSON" here but "Rotate the log"'],
          related: [{ file: 'backlog/tasks/task-4 - Rotate-the-log.md', line: 2 }],
        },
      ],
    },
    {
      name: 'one spec-kit feature numbers two decisions R-2',
      files: {
        ...twoSpecKitFeatures(),
        'specs/002-member-profiles/research.md': specKitResearch([
          'Avatar storage in object storage',
          'Profile visibility rules',
        ]).replace('## R-1: Avatar', '## R-2: Avatar'),
      },
      errors: [
        {
          messageId: 'differentTask',
          file: 'specs/002-member-profiles/research.md',
          line: 3,
          messageIncludes: ['R-2 names "Avatar storage in object storage"', 'line 7'],
          related: [{ file: 'specs/002-member-profiles/research.md', line: 7 }],
        },
      ],
    },
    {
      name: 'one ID used for two different tasks, said once, not once per attribute',
      files: {
        'tracker.md': tracker,
        'phase-5.md': '# Phase 5\n\n### TASK-47: Write migration guide\n\nA guide for operators.\n',
      },
      errors: [
        {
          messageId: 'differentTask',
          file: 'tracker.md',
          line: 8,
          messageIncludes: [
            '"Consolidate Base Package Roles" here but "Write migration guide" at phase-5.md:3',
            'two different tasks',
          ],
          related: [{ file: 'phase-5.md', line: 3 }],
        },
      ],
    },
    {
      name: 'two task lists of one folder both number their tasks TASK-001...',
      files: {
        'backend/tasks.md': index(
          '| TASK-011 | Deploy container registry | ✅ Done |\n| TASK-012 | Registry benchmarks | Pending |\n',
        ),
        'docs/tasks.md': index('| TASK-011 | Write migration guide | ~~Deprecated~~ |\n'),
      },
      errors: [
        {
          messageId: 'differentTask',
          file: 'backend/tasks.md',
          line: 5,
          messageIncludes: [
            'TASK-011 names "Deploy container registry" here but "Write migration guide" at docs/tasks.md:5',
          ],
          related: [{ file: 'docs/tasks.md', line: 5 }],
        },
      ],
    },
    {
      name: 'one ID defined under two phases with titles that mostly differ',
      files: {
        'index.md':
          '# Index\n\n## Phase 1: Foundation\n\n| Task ID | Description | Status |\n|---|---|---|\n| TASK-011 | Configure storage backend | ✅ COMPLETE |\n',
        'phase-3.md': phaseFile('Phase 3: Migration', 'TASK-011', 'Migrate storage archives'),
      },
      errors: [
        {
          messageId: 'differentGroup',
          file: 'index.md',
          line: 7,
          messageIncludes: [
            'TASK-011 is "Configure storage backend" under Phase 1 here but "Migrate storage archives" under Phase 3 at phase-3.md:5',
          ],
          related: [{ file: 'phase-3.md', line: 5 }],
        },
      ],
    },
  ],
});

describe('duplicate-task-id severity', () => {
  it('reports a reused ID as a warning by default (a judgement from titles), as an error when configured so', async () => {
    const files = { 'tracker.md': tracker, 'phase-5.md': '# Phase 5\n\n### TASK-47: Write migration guide\n' };
    const severities = async (config: Partial<Config>) =>
      (await lint({ cwd: writeFolder(files), paths: ['.'], config })).diagnostics
        .filter((d) => d.ruleId === 'duplicate-task-id')
        .map((d) => [d.messageId, d.severity]);
    expect(await severities({})).toEqual([['differentTask', 'warning']]);
    expect(await severities({ rules: { 'duplicate-task-id': 'error' } })).toEqual([['differentTask', 'error']]);
  });
});
