import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/lint.js';
import type { Diagnostic } from '../../src/types.js';
import { ROOT } from '../helpers/cli.js';

const EXAMPLES = path.join(ROOT, 'examples');

const place = (file: string, d: { range: Diagnostic['range'] }) =>
  `${path.relative(EXAMPLES, file)}:${d.range.start.line}:${d.range.start.column}`;

describe('lint({ reportOnly }): each finding at its place in the files asked about', () => {
  it('for every file of the examples: the findings touching it, all shown in it, the other places related', async () => {
    const full = await lint({ cwd: EXAMPLES });
    const files = readdirSync(EXAMPLES, { recursive: true, encoding: 'utf8' })
      .map((name) => path.join(EXAMPLES, name))
      .filter((file) => file.endsWith('.md') && statSync(file).isFile());
    let reanchored = 0;
    for (const file of files) {
      const touching = full.diagnostics.filter((d) => d.file === file || d.related.some((r) => r.file === file));
      const reported = (await lint({ cwd: EXAMPLES, reportOnly: [file] })).diagnostics;
      expect(
        reported.map((d) => place(d.file, d)).filter((at) => !at.startsWith(path.relative(EXAMPLES, file))),
        file,
      ).toEqual([]);
      expect(reported, file).toHaveLength(touching.length);
      for (const original of touching.filter((d) => d.file !== file)) {
        // Shown at its related place in the file, with its own place now related.
        const at = original.related.find((r) => r.file === file)!;
        const shown = reported.find((d) => d.ruleId === original.ruleId && place(d.file, d) === place(at.file, at));
        expect(shown, `${original.ruleId} at ${place(original.file, original)}`).toBeDefined();
        expect(shown!.related.map((r) => place(r.file, r))).toContain(place(original.file, original));
        // Its message names where the rule put it.
        expect(shown!.message).toContain(`${path.relative(EXAMPLES, original.file)}:${original.range.start.line}`);
        reanchored += 1;
      }
    }
    expect(reanchored).toBeGreaterThan(2);
  });

  it('a finding whose sides are alike reads the other way round from the other place', async () => {
    const { diagnostics } = await lint({ cwd: EXAMPLES, reportOnly: [path.join(EXAMPLES, 'roadmap.md')] });
    const priority = diagnostics.find((d) => d.ruleId === 'task-attribute-conflict')!;
    expect(place(priority.file, priority)).toBe('roadmap.md:9:3');
    expect(priority.message).toBe('ORB-4.2 is MEDIUM priority here but HIGH at phase-4-rollout.md:13.');
    expect(priority.related).toEqual([
      expect.objectContaining({
        file: path.join(EXAMPLES, 'phase-4-rollout.md'),
        message: 'ORB-4.2 has priority "HIGH" here',
      }),
    ]);

    const { diagnostics: tracker } = await lint({ cwd: EXAMPLES, reportOnly: ['tracker.md'] });
    const status = tracker.find((d) => d.ruleId === 'task-status-conflict')!;
    expect(place(status.file, status)).toBe('tracker.md:13:3');
    expect(status.message).toBe(
      'ORB-1.3 is in progress here ("IN PROGRESS") but done at phase-1-storage.md:9 ("Complete").',
    );
    expect(status.related).toEqual([
      expect.objectContaining({
        file: path.join(EXAMPLES, 'phase-1-storage.md'),
        message: 'ORB-1.3 is done here ("Complete")',
      }),
    ]);
  });
});
