import { ruleTester } from '../helpers/rule-tester.js';

/** TASK-050 is done; of the tasks before it, only TASK-036 is open. */
const tracker = `# Tracker

| Task ID | Description | Status |
|---------|-------------|--------|
| TASK-035 | Runtime framework | ✅ Complete |
| TASK-036 | Packer tests | Pending |
| TASK-037 | Makefile | ✅ Complete |
| TASK-038 | Storage | ✅ Complete |
| TASK-050 | Ship | ✅ Complete |
`;

const ship = (field: string): string => `# Ship\n\n### TASK-050: Ship\n\n${field}\n`;

/** The same with spec-kit's T-numbers. */
const specTracker = `# Tasks

| ID | Description | Status |
|----|-------------|--------|
| T001 | Setup | ✅ Complete |
| T002 | Models | ✅ Complete |
| T003 | Routes | In Progress |
| T004 | Views | ✅ Complete |
| T010 | Release | ✅ Complete |
`;

ruleTester('dependency-not-done', {
  valid: [
    {
      name: 'a range whose every task is done',
      files: { 'tracker.md': tracker, 'ship.md': ship('**Dependencies**: TASK-037-038') },
    },
    {
      name: 'a range over an undefined end names no task',
      files: { 'tracker.md': tracker, 'ship.md': ship('**Dependencies**: TASK-035-039') },
    },
    {
      name: 'a range between two schemes names no task, nor its ends',
      files: {
        'tracker.md': `${tracker}| CLOUD-037 | Cloud | ✅ Complete |\n`,
        'ship.md': ship('**Dependencies**: TASK-036 to CLOUD-037'),
      },
    },
    {
      name: '"(see 035-037)" outside a dependency field, and a date in one',
      files: {
        'tracker.md': tracker,
        'ship.md': ship('Background: (see 035-037).\n\n**Dependencies**: TASK-037 (since 2024-01-15)'),
      },
    },
    {
      name: "a sentence's range whose every task is done, and a range it ends on an undefined task",
      files: {
        'tracker.md': tracker,
        'ship.md': ship('TASK-050 depends on TASK-037-038 being merged.\n\nBlocked by Tasks 035-039.'),
      },
    },
    {
      name: "a sentence's range between two schemes names no task, nor its ends",
      files: {
        'tracker.md': `${tracker}| CLOUD-037 | Cloud | ✅ Complete |\n`,
        'ship.md': ship('Blocked by TASK-036 to CLOUD-037 being merged.'),
      },
    },
    {
      name: 'a date after "depends on", a range in a code block and "after Tasks 035-037 are done"',
      files: {
        'tracker.md': tracker,
        'ship.md': ship(
          'Depends on 2024-01-15 release of the base image.\n\n```sh\n# depends on TASK-035-037\n```\n\nShip after Tasks 035-037 are done.',
        ),
      },
    },
  ],
  invalid: [
    {
      name: '"TASK-035-037" depends on the open task in its middle',
      files: { 'tracker.md': tracker, 'ship.md': ship('**Dependencies**: TASK-035-037') },
      errors: [
        {
          messageId: 'notDone',
          file: 'tracker.md',
          line: 9,
          messageIncludes: ['TASK-050', 'depends on TASK-036', 'ship.md:5'],
          related: [
            { file: 'ship.md', line: 5, column: 19 },
            { file: 'tracker.md', line: 6 },
          ],
        },
      ],
    },
    {
      name: '"Depends on: Tasks 035-037" in the folder\'s one scheme',
      files: { 'tracker.md': tracker, 'ship.md': ship('Depends on: Tasks 035-037') },
      errors: [{ messageId: 'notDone', file: 'tracker.md', line: 9, messageIncludes: ['depends on TASK-036'] }],
    },
    {
      name: '"Blocked by: T001-T004"',
      files: { 'tasks.md': specTracker, 'release.md': '# Release\n\n### T010: Release\n\n**Blocked by**: T001-T004\n' },
      errors: [{ messageId: 'notDone', file: 'tasks.md', line: 9, messageIncludes: ['T010', 'depends on T003'] }],
    },
    {
      name: 'the block of a short heading depends on what its field names',
      files: {
        'tracker.md': tracker,
        'ship.md': '# Ship\n\n### Task 050: Ship\n\n**Status**: ✅ Complete\n**Dependencies**: Task 036\n',
      },
      errors: [{ messageId: 'notDone', file: 'tracker.md', line: 9, messageIncludes: ['depends on TASK-036'] }],
    },
    {
      name: '"depends on TASK-035-037 being merged" depends on the open task in its middle',
      files: { 'tracker.md': tracker, 'ship.md': ship('TASK-050 depends on TASK-035-037 being merged.') },
      errors: [
        {
          messageId: 'notDone',
          file: 'tracker.md',
          line: 9,
          messageIncludes: ['TASK-050', 'depends on TASK-036', 'ship.md:5'],
          related: [
            { file: 'ship.md', line: 5, column: 21 },
            { file: 'tracker.md', line: 6 },
          ],
        },
      ],
    },
    {
      name: '"Blocked by Tasks 035-037." in the folder\'s one scheme',
      files: { 'tracker.md': tracker, 'ship.md': ship('Blocked by Tasks 035-037.') },
      errors: [{ messageId: 'notDone', file: 'tracker.md', line: 9, messageIncludes: ['depends on TASK-036'] }],
    },
  ],
});
