import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';

describe('examples/validation-plan.md: short task headings, ranged dependencies, counted ranges, index rows of IDs', () => {
  const run = runCli(['-f', 'json', 'examples/']);
  const results = JSON.parse(run.stdout) as {
    filePath: string;
    messages: { ruleId: string; line: number; message: string; related?: { filePath: string; line: number }[] }[];
  }[];
  const findings = results.flatMap((r) =>
    r.messages.map((m) => ({
      where: `${path.relative(ROOT, r.filePath)}:${m.line}`,
      ruleId: m.ruleId,
      message: m.message,
      related: (m.related ?? []).map((place) => `${path.relative(ROOT, place.filePath)}:${place.line}`),
    })),
  );
  const about = (ruleId: string, text: string) =>
    findings.filter((finding) => finding.ruleId === ruleId && finding.message.includes(text));

  it('"### Task 1.6: ..." defines ORB-1.6: its status field against the phase file', () => {
    expect(about('task-status-conflict', 'ORB-1.6')).toEqual([
      {
        where: 'examples/phase-1-storage.md:12',
        ruleId: 'task-status-conflict',
        message: 'ORB-1.6 is pending here ("Pending") but done at validation-plan.md:9 ("COMPLETE").',
        related: ['examples/validation-plan.md:9'],
      },
    ]);
  });

  it('"**Dependencies**: ORB-2.2-2.4" under "### Task 2.5" names the pending ORB-2.2', () => {
    expect(about('dependency-not-done', 'ORB-2.5').map((finding) => [finding.where, finding.related])).toEqual([
      ['examples/phase-2-compute.md:12', ['examples/validation-plan.md:16', 'examples/phase-2-compute.md:9']],
    ]);
  });

  it('"(3 tasks: 6.2-6.5)" counts the four tasks the range names', () => {
    expect(about('count-mismatch', '6.2-6.5').map((finding) => finding.message)).toEqual([
      '"3 tasks" is stated here, but 6.2-6.5 names 4 tasks the folder defines: ORB-6.2, ORB-6.3, ORB-6.4, ORB-6.5.',
    ]);
  });

  it('"| Phase 6: Release | ORB-6.1 to 6.4 | ... | ✅ Complete |" against its open tasks', () => {
    expect(about('group-status-conflict', 'Phase 6').map((finding) => [finding.where, finding.related])).toEqual([
      [
        'examples/validation-plan.md:22',
        ['examples/release-plan.md:11', 'examples/release-plan.md:12', 'examples/release-plan.md:13'],
      ],
    ]);
  });
});
