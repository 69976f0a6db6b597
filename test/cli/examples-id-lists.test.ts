import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';

describe('examples/tracker.md: short forms, ranges and summary lines', () => {
  const run = runCli(['-f', 'json', 'examples/']);
  const results = JSON.parse(run.stdout) as {
    filePath: string;
    messages: { ruleId: string; line: number; message: string; related?: { file: string; line: number }[] }[];
  }[];
  const statusConflicts = results.flatMap((r) =>
    r.messages
      .filter((m) => m.ruleId === 'task-status-conflict')
      .map((m) => `${path.relative(ROOT, r.filePath)}:${m.line} ${m.message}`),
  );

  it.each([
    [
      'a label over a short range: "**Completed**: Tasks 2.4-2.5"',
      'ORB-2.4 is pending here ("Pending") but done at tracker.md:41 ("Completed")',
    ],
    [
      'a sentence about a short form: "only Task 1.1 remains pending"',
      'ORB-1.1 is done here ("Complete") but open at tracker.md:43 ("pending")',
    ],
    [
      'a short ID in a table of full IDs: "**1.5**"',
      'ORB-1.5 is done here ("Complete") but in progress at tracker.md:48 ("In Progress")',
    ],
  ])('%s is compared with the phase file', (_shape, message) => {
    expect(statusConflicts.some((conflict) => conflict.includes(message))).toBe(true);
  });

  it('tasklint facts shows which tasks a range names, and how it is written', () => {
    const facts = runCli(['facts', 'examples/']).stdout;
    const orb24 = facts.slice(facts.indexOf('\n  ORB-2.4\n'), facts.indexOf('\n  ORB-2.5\n'));
    expect(orb24).toContain(
      'examples/tracker.md:41:22  reference (prose)  written "2.4-2.5"  status=done (implied) "Completed"',
    );
  });
});
