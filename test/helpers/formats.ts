/**
 * Small planning folders written the way the tools that write them lay them out: spec-kit
 * features (`specs/NNN-name/`), each numbering its tasks, requirements and research notes afresh.
 * Written for tasklint's tests, in the tools' style.
 */

export interface SpecKitTask {
  id: string;
  done: boolean;
  text: string;
}

/** A spec-kit `tasks.md`: phases of `- [ ] T001 [P] [US1] Description in path` items. */
export function specKitTasks(feature: string, phases: { title: string; tasks: SpecKitTask[] }[], extra = ''): string {
  const lines = [
    `# Tasks: ${feature}`,
    '',
    `**Input**: Design documents from \`/specs/${feature}/\``,
    '',
    '## Format: `[ID] [P?] [Story] Description`',
    '',
  ];
  for (const phase of phases) {
    lines.push(`## ${phase.title}`, '');
    for (const task of phase.tasks) lines.push(`- [${task.done ? 'x' : ' '}] ${task.id} ${task.text}`);
    lines.push('');
  }
  return `${lines.join('\n')}${extra}`;
}

/** A spec-kit `spec.md` with functional requirements `FR-001` ... and success criteria. */
export function specKitSpec(title: string, requirements: string[], stories: string[] = []): string {
  const lines = [`# Feature Specification: ${title}`, '', '**Status**: Draft', '', '## User Scenarios & Testing', ''];
  stories.forEach((story, i) =>
    lines.push(
      `### User Story ${i + 1} - ${story} (Priority: P${i + 1})`,
      '',
      `A person wants to ${story.toLowerCase()}.`,
      '',
    ),
  );
  lines.push('## Requirements', '', '### Functional Requirements', '');
  requirements.forEach((text, i) => lines.push(`- **FR-${String(i + 1).padStart(3, '0')}**: System MUST ${text}`));
  lines.push('', '## Success Criteria', '', '- **SC-001**: People finish the flow in under a minute', '');
  return lines.join('\n');
}

/** A spec-kit `research.md` whose decisions are numbered `R-1`, `R-2` ... in headings. */
export function specKitResearch(decisions: string[]): string {
  return `# Research\n\n${decisions.map((title, i) => `## R-${i + 1}: ${title}\n\n**Decision**: ${title} as planned.\n`).join('\n')}`;
}

const t = (id: string, done: boolean, text: string): SpecKitTask => ({ id, done, text });

/** Two features of one spec-kit folder: both number T001-T004, FR-001-FR-003 and R-1-R-2 from one. */
export function twoSpecKitFeatures(): Record<string, string> {
  return {
    'specs/001-event-search/tasks.md': specKitTasks('001-event-search', [
      {
        title: 'Phase 1: Setup',
        tasks: [
          t('T001', true, 'Create search module in src/search/'),
          t('T002', true, '[P] Add the search index schema in src/search/schema.ts'),
        ],
      },
      {
        title: 'Phase 3: User Story 1 - Find events by city (Priority: P1)',
        tasks: [
          t('T003', false, '[US1] City filter in src/search/city.ts'),
          t('T004', false, '[US1] Results page in src/pages/search.tsx'),
        ],
      },
    ]),
    'specs/001-event-search/spec.md': specKitSpec(
      'Event search',
      ['let visitors search events by city', 'sort results by date', 'show the distance to each event'],
      ['Find events by city'],
    ),
    'specs/001-event-search/research.md': specKitResearch([
      'Full-text index in the database',
      'Geocoding through the city table',
    ]),
    'specs/002-member-profiles/tasks.md': specKitTasks('002-member-profiles', [
      {
        title: 'Phase 1: Setup',
        tasks: [
          t('T001', false, 'Create profile module in src/profiles/'),
          t('T002', false, '[P] Add the profile table migration'),
        ],
      },
      {
        title: 'Phase 3: User Story 1 - Edit a profile (Priority: P1)',
        tasks: [
          t('T003', true, '[US1] Profile form in src/profiles/form.tsx'),
          t('T004', true, '[US1] Avatar upload in src/profiles/avatar.ts'),
        ],
      },
    ]),
    'specs/002-member-profiles/spec.md': specKitSpec(
      'Member profiles',
      ['let members edit their bio', 'resize avatars to 256 pixels', 'hide profiles of blocked members'],
      ['Edit a profile'],
    ),
    'specs/002-member-profiles/research.md': specKitResearch([
      'Avatar storage in object storage',
      'Profile visibility rules',
    ]),
  };
}

export interface BacklogTask {
  id: string;
  title: string;
  status: string;
  dependencies?: string[];
  parent?: string;
  priority?: string;
  /** Acceptance criteria, `true` when ticked. */
  criteria?: [string, boolean][];
  description?: string;
}

/** A Backlog.md task file: YAML front matter, a description, acceptance criteria between markers. */
export function backlogTask(task: BacklogTask): string {
  const lines = [
    '---',
    `id: ${task.id}`,
    `title: '${task.title.replace(/'/g, "''")}'`,
    `status: ${task.status}`,
    'assignee: []',
    "created_date: '2025-09-01 10:00'",
    'labels: []',
    `dependencies: [${(task.dependencies ?? []).join(', ')}]`,
    ...(task.parent ? [`parent_task_id: ${task.parent}`] : []),
    ...(task.priority ? [`priority: ${task.priority}`] : []),
    '---',
    '',
    '## Description',
    '',
    '<!-- SECTION:DESCRIPTION:BEGIN -->',
    task.description ?? `${task.title}.`,
    '<!-- SECTION:DESCRIPTION:END -->',
    '',
  ];
  if (task.criteria) {
    lines.push('## Acceptance Criteria', '<!-- AC:BEGIN -->');
    task.criteria.forEach(([text, done], i) => lines.push(`- [${done ? 'x' : ' '}] #${i + 1} ${text}`));
    lines.push('<!-- AC:END -->', '');
  }
  return lines.join('\n');
}

/** The file a Backlog.md task is kept in: `backlog/tasks/task-12 - Export-data.md`. */
export function backlogFile(id: string, title: string, folder = 'tasks'): string {
  return `backlog/${folder}/${id.toLowerCase()} - ${title.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '')}.md`;
}

/** A small backlog: three tasks, the second depending on the first, and the config. */
export function smallBacklog(): Record<string, string> {
  const tasks: BacklogTask[] = [
    {
      id: 'TASK-1',
      title: 'Store events in a log',
      status: 'Done',
      criteria: [
        ['Events append to the log', true],
        ['The log survives a restart', true],
      ],
    },
    {
      id: 'TASK-2',
      title: 'List events',
      status: 'In Progress',
      dependencies: ['TASK-1'],
      criteria: [
        ['list prints the newest first', true],
        ['list --since filters', false],
      ],
    },
    {
      id: 'TASK-3',
      title: 'Export events as JSON',
      status: 'To Do',
      dependencies: ['TASK-1', 'TASK-2'],
      priority: 'high',
    },
  ];
  return {
    'backlog/config.yml':
      'project_name: "events"\ndefault_status: "To Do"\nstatuses: ["To Do", "In Progress", "Done"]\ntask_prefix: "task"\n',
    ...Object.fromEntries(tasks.map((task) => [backlogFile(task.id, task.title), backlogTask(task)])),
  };
}

/** A Kiro `requirements.md`: `### Requirement N`, a user story, numbered EARS acceptance criteria. */
export function kiroRequirements(requirements: { story: string; criteria: string[] }[]): string {
  const lines = [
    '# Requirements Document',
    '',
    '## Introduction',
    '',
    'What the feature is for.',
    '',
    '## Requirements',
    '',
  ];
  requirements.forEach((requirement, i) => {
    lines.push(
      `### Requirement ${i + 1}`,
      '',
      `**User Story:** As a member, I want ${requirement.story}, so that I can plan.`,
      '',
      '#### Acceptance Criteria',
      '',
    );
    requirement.criteria.forEach((criterion, k) =>
      lines.push(`${k + 1}. WHEN ${criterion} THEN the system SHALL respond`),
    );
    lines.push('');
  });
  return lines.join('\n');
}

/** A Kiro `tasks.md`: `- [ ] 1. Title` with nested `- [ ] 1.1` sub-tasks, `*` for optional, `_Requirements:_` lines. */
export function kiroTasks(tasks: string): string {
  return `# Implementation Plan\n\n${tasks}`;
}

/** One Kiro spec folder with its requirements and a task list whose parents are ticked only when their sub-tasks are. */
export function kiroSpec(name = 'event-search'): Record<string, string> {
  return {
    [`.kiro/specs/${name}/requirements.md`]: kiroRequirements([
      { story: 'to search events by city', criteria: ['a visitor enters a city', 'no event matches'] },
      {
        story: 'to sort results',
        criteria: ['a visitor picks a sort order', 'two events start at once', 'the list is empty'],
      },
    ]),
    [`.kiro/specs/${name}/design.md`]: '# Design Document\n\n## Overview\n\nA search index over the events table.\n',
    [`.kiro/specs/${name}/tasks.md`]: kiroTasks(
      [
        '- [x] 1. Build the search index',
        '  - [x] 1.1 Create the index table',
        '    - _Requirements: 1.1_',
        '  - [x] 1.2 Fill the index from events',
        '    - _Requirements: 1.1, 1.2_',
        '  - [ ]* 1.3 Write property tests for the index',
        '',
        '- [ ] 2. Sort the results',
        '  - [x] 2.1 Sort by date',
        '    - _Requirements: 2.1, 2.2_',
        '  - [ ] 2.2 Show an empty state',
        '    - _Requirements: 2.3_',
        '',
      ].join('\n'),
    ),
  };
}

/** An ai-dev-tasks task list: `## Relevant Files`, then `- [ ] 1.0 Parent` over `  - [ ] 1.1 Sub-task`. */
export function aiDevTasks(tasks: string): string {
  return `## Relevant Files\n\n- \`src/search/index.ts\` - The search index.\n- \`src/search/index.test.ts\` - Its tests.\n\n### Notes\n\n- Run the tests with \`npx jest\`.\n\n## Tasks\n\n${tasks}`;
}
