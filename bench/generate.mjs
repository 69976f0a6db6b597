// Generates a planning folder in the style of a real one: an index with a completion table and
// a TOTAL row, an active-workstreams tracker, one task list per workstream with phase tables,
// task detail sections, checklists, code blocks, dependency graphs, links between files (with
// anchors), emoji statuses, and an archive. Deterministic for a given scale.
//
// At scale 1 it writes 100 files, about 1.6 MB (a real folder measured 77 files, 1.6 MB); at
// scale 10 it writes 1,000 files, about 16 MB.

import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const FILES_PER_SCALE = 100;
const BYTES_PER_FILE = 16 * 1024;

/** mulberry32: a tiny seeded PRNG, so that every run benchmarks the same folder. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const AREAS = ['HPC', 'MLOPS', 'CLOUD', 'DOCS', 'INFRA', 'SEC', 'DATA', 'NET', 'OBS', 'CI'];
const VERBS = [
  'Deploy',
  'Validate',
  'Consolidate',
  'Migrate',
  'Document',
  'Benchmark',
  'Harden',
  'Refactor',
  'Automate',
  'Remove',
  'Integrate',
  'Upgrade',
];
const THINGS = [
  'BeeGFS client kernel module',
  'SLURM accounting database',
  'container registry on shared storage',
  'GPU driver role',
  'Packer base image',
  'Ansible inventory generator',
  'Prometheus exporters',
  'NCCL all-reduce test',
  'MkDocs configuration',
  'shared package management role',
  'KServe inference service',
  'Oumi evaluation framework',
  'network policy set',
  'backup and restore runbook',
  'CI matrix for Debian and Ubuntu',
  'secrets rotation job',
];
const STATUSES = [
  { word: 'COMPLETE', emoji: '✅', weight: 5 },
  { word: 'IN PROGRESS', emoji: '🟡', weight: 2 },
  { word: 'Pending', emoji: '⏳', weight: 3 },
  { word: 'BLOCKED', emoji: '❌', weight: 1 },
  { word: 'Not Started', emoji: '🔵', weight: 1 },
];
const PRIORITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'];
const DURATIONS = ['30 min', '45 min', '1 hr', '2 hrs', '3 hrs', '4 hrs', '0.5 days', '1 day', '2 days', '3 days'];
const PROSE = [
  'This phase completes the role consolidation started in the previous sprint and removes the remaining duplication between the base images.',
  'Each task below has its own validation commands; run them on a freshly provisioned cluster, not on a long-lived one, so that drift does not hide failures.',
  'The estimates assume the shared storage is healthy. If the kernel headers drift again, re-run the module build before anything else.',
  'Completed tasks are kept here for one sprint and then moved to the archive, where their history is preserved as it was written.',
  'Work in this phase can run in parallel with the documentation stream: nothing here depends on the renamed packages.',
  'Owners update the status column when a pull request merges, and the index is regenerated at the end of each week.',
];

function pick(rand, list) {
  return list[Math.floor(rand() * list.length)];
}

function pickStatus(rand) {
  const total = STATUSES.reduce((sum, s) => sum + s.weight, 0);
  let roll = rand() * total;
  for (const status of STATUSES) {
    roll -= status.weight;
    if (roll < 0) return status;
  }
  return STATUSES[0];
}

/** GitHub's slug for a heading made of ASCII words (what the generated headings are). */
function slug(text) {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .replace(/\s/g, '-');
}

function makeTasks(rand, prefix, count) {
  const tasks = [];
  for (let i = 1; i <= count; i++) {
    const status = pickStatus(rand);
    tasks.push({
      id: `${prefix}-${String(i).padStart(3, '0')}${rand() < 0.15 ? '.1' : ''}`,
      title: `${pick(rand, VERBS)} ${pick(rand, THINGS)}`,
      priority: pick(rand, PRIORITIES),
      duration: pick(rand, DURATIONS),
      status,
    });
  }
  // IDs must be unique in a list; the ".1" suffix could collide only with itself.
  return tasks.filter((task, index) => tasks.findIndex((other) => other.id === task.id) === index);
}

function phaseTable(rand, tasks) {
  const lines = [
    '| Task ID | Description | Priority | Duration | Status | Dependencies |',
    '|---------|-------------|----------|----------|--------|--------------|',
  ];
  tasks.forEach((task, i) => {
    const dependency =
      i > 0 && rand() < 0.7 ? `${tasks[i - 1].id}${tasks[i - 1].status.word === 'COMPLETE' ? ' ✅' : ''}` : 'None';
    lines.push(
      `| ${task.id} | ${task.title} | ${task.priority} | ${task.duration} | ${task.status.emoji} ${task.status.word} | ${dependency} |`,
    );
  });
  return lines.join('\n');
}

function taskDetail(rand, task, listFile) {
  const done = task.status.word === 'COMPLETE';
  const checks = Array.from(
    { length: 3 + Math.floor(rand() * 3) },
    (_, k) => `- [${done || rand() < 0.3 ? 'x' : ' '}] ${pick(rand, VERBS)} step ${k + 1}: ${pick(rand, THINGS)}`,
  );
  return [
    `#### ${task.id}: ${task.title}`,
    '',
    `**Status:** ${task.status.emoji} ${task.status.word}  `,
    `**Priority:** ${task.priority}  `,
    `**Estimated Time:** ${task.duration}  `,
    `**Reference:** [task list](${listFile}#${slug(`Phase tables`)})`,
    '',
    pick(rand, PROSE),
    '',
    '**Deliverables:**',
    '',
    ...checks,
    '',
    '**Validation:**',
    '',
    '```bash',
    `# ${task.id}: ${task.title}`,
    `make test-${task.title.toLowerCase().replace(/[^a-z]+/g, '-')}`,
    'ansible-playbook -i inventory/hpc.ini playbooks/validate.yml --check',
    '```',
    '',
  ].join('\n');
}

/** One workstream's task list: phase tables up front, then a detail section per task. */
function taskListFile(rand, name, prefix, targetBytes, links) {
  const title = `${name} Task List`;
  const out = [];
  const allTasks = [];
  let phase = 0;
  out.push(
    `# ${title}`,
    '',
    `**Last Updated:** 2025-10-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}  `,
    `**Owner:** ${name} team  `,
    '',
  );
  out.push(
    '## Overview',
    '',
    pick(rand, PROSE),
    '',
    `See the [index](${links.index}) and the [active workstreams](${links.tracker}).`,
    '',
    '## Phase tables',
    '',
  );
  let body = '';
  let taskNumber = 0;
  while (out.join('\n').length + body.length < targetBytes * 0.55) {
    phase++;
    const count = 3 + Math.floor(rand() * 6);
    const tasks = makeTasks(rand, prefix, count).map((task) => ({
      ...task,
      id: `${prefix}-${String(++taskNumber).padStart(3, '0')}`,
    }));
    allTasks.push(...tasks);
    out.push(
      `### Phase ${phase}: ${pick(rand, VERBS)} ${pick(rand, THINGS)} (${tasks.length} tasks)`,
      '',
      phaseTable(rand, tasks),
      '',
      pick(rand, PROSE),
      '',
      '---',
      '',
    );
    for (const task of tasks) body += taskDetail(rand, task, links.self);
  }
  const done = allTasks.filter((task) => task.status.word === 'COMPLETE').length;
  out.splice(
    4,
    0,
    `**Progress:** ${Math.round((done / allTasks.length) * 100)}% complete (${done}/${allTasks.length} tasks)  `,
  );
  out.push('## Task details', '', body);
  while (out.join('\n').length < targetBytes) {
    out.push(
      '### Notes',
      '',
      pick(rand, PROSE),
      '',
      `> ${pick(rand, PROSE)}`,
      '',
      '1. ' + pick(rand, PROSE),
      '2. ' + pick(rand, PROSE),
      '',
    );
  }
  return { text: out.join('\n'), tasks: allTasks, done };
}

function indexFile(rand, lists, tracker) {
  const out = [
    '# Task List Index',
    '',
    '**Last Updated:** 2025-10-30  ',
    `**Total Task Lists:** ${lists.length} lists  `,
  ];
  const total = lists.reduce((sum, list) => sum + list.tasks.length, 0);
  const done = lists.reduce((sum, list) => sum + list.done, 0);
  out.push(`**Overall Progress:** ${Math.round((done / total) * 100)}% complete (${done}/${total})  `, '');
  out.push(
    '## Quick Navigation',
    '',
    `- [🎯 Active work](${tracker}#-current-sprint-focus)`,
    '- [Completion Status Overview](#completion-status-overview)',
    '',
  );
  out.push(
    '## Completion Status Overview',
    '',
    '| Task List | Total Tasks | Completed | Pending | Completion % | Status |',
    '|-----------|-------------|-----------|---------|--------------|--------|',
  );
  for (const list of lists) {
    const percent = Math.round((list.done / list.tasks.length) * 100);
    out.push(
      `| [${list.name}](${list.file}) | ${list.tasks.length} | ${list.done} | ${list.tasks.length - list.done} | ${percent}% | ${percent === 100 ? '✅ Complete' : '🟡 Active'} |`,
    );
  }
  out.push(
    `| **TOTAL** | **${total}** | **${done}** | **${total - done}** | **${Math.round((done / total) * 100)}%** | 🟡 In Progress |`,
    '',
  );
  return out.join('\n');
}

function trackerFile(rand, lists) {
  const out = [
    '# Active Workstreams - Unified Task Tracking',
    '',
    '**Last Updated:** 2025-10-30  ',
    '',
    '## 🎯 Current Sprint Focus',
    '',
  ];
  for (const list of lists.slice(0, 40)) {
    const open = list.tasks.filter((task) => task.status.word !== 'COMPLETE').slice(0, 4);
    if (open.length === 0) continue;
    out.push(`### ${list.name} (${open.length} tasks)`, '', `**Reference:** [\`${list.file}\`](${list.file})`, '');
    // Now and then the tracker is a step behind the list: the contradictions tasklint exists for.
    for (const task of open)
      out.push(
        `1. **${task.id}** - ${task.title} ${rand() < 0.1 ? '✅ **COMPLETE**' : `${task.status.emoji} **${task.status.word}**`} (${task.duration})`,
      );
    out.push('');
  }
  out.push(
    '## Dependency Graph',
    '',
    '```text',
    ...lists.slice(0, 10).map((list) =>
      list.tasks
        .slice(0, 6)
        .map((task) => task.id)
        .join(' → '),
    ),
    '```',
    '',
  );
  return out.join('\n');
}

/**
 * Writes the folder under `dir` (emptied first) and returns its file count and size.
 * `largeList`: one more task list of about this many bytes (the language server's bench edits
 * a large tracker: real ones reach 150 KB).
 */
export function generateFolder(dir, scale = 1, { largeList } = {}) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const rand = random(20251030);
  const fileCount = Math.max(3, Math.round(FILES_PER_SCALE * scale));
  const listCount = fileCount - 2;
  const lists = [];
  let bytes = 0;
  for (let i = 0; i < listCount; i++) {
    const area = AREAS[i % AREAS.length];
    const archived = i % 10 === 9;
    const name = `${area} ${pick(rand, VERBS)} ${i + 1}`;
    const base = `${area.toLowerCase()}-${i + 1}-task-list.md`;
    const file = archived ? `archive/${base}` : `workstreams/${base}`;
    const up = '../';
    // One ID prefix per list (HPCAA, HPCAB...), as each real task list numbers its own tasks.
    const prefix = `${area}${String.fromCharCode(65 + (Math.floor(i / 26) % 26))}${String.fromCharCode(65 + (i % 26))}`;
    // Sizes vary like real files do: a few large lists, many medium ones.
    const target = Math.round(BYTES_PER_FILE * (0.4 + rand() * 1.2));
    const list = taskListFile(rand, name, prefix, target, {
      index: `${up}task-list-index.md`,
      tracker: `${up}active-workstreams.md`,
      self: `./${base}`,
    });
    lists.push({ name, file, ...list });
  }
  if (largeList) {
    const base = 'platform-master-task-list.md';
    const list = taskListFile(random(20251031), 'PLATFORM Master', 'PLATFORM', largeList, {
      index: '../task-list-index.md',
      tracker: '../active-workstreams.md',
      self: `./${base}`,
    });
    lists.push({ name: 'PLATFORM Master', file: `workstreams/${base}`, ...list });
  }
  const files = [
    ['task-list-index.md', indexFile(rand, lists, './active-workstreams.md')],
    ['active-workstreams.md', trackerFile(rand, lists)],
    ...lists.map((list) => [list.file, list.text]),
  ];
  for (const [relative, text] of files) {
    const target = path.join(dir, relative);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, text);
    bytes += Buffer.byteLength(text);
  }
  return { dir, files: files.map(([relative]) => path.join(dir, relative)), bytes };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const scale = Number(process.argv[3] ?? 1);
  const result = generateFolder(path.resolve(process.argv[2] ?? '.bench/folder'), scale);
  process.stdout.write(
    `${result.files.length} files, ${(result.bytes / 1024 / 1024).toFixed(2)} MB in ${result.dir}\n`,
  );
}
