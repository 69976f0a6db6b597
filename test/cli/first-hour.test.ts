import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { removeFolders, writeFolder } from '../helpers/rule-tester.js';

afterAll(removeFolders);

describe('one problem, one finding', () => {
  it('a ticked task that depends on an open one is reported once, by dependency-not-done, about the ticked task', () => {
    const dir = writeFolder({ 'tasks.md': '# Tasks\n\n- [ ] T004 Build the parser\n- [x] T005 Wire the parser into the CLI (depends on T004)\n' });
    const run = runCli(['.'], dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('4:7  error    T005 is done here ("[x]"), but it depends on T004 (on this line), which is pending at line 3 ("[ ]").  dependency-not-done');
    expect(run.stdout).not.toContain('T004 is ticked');
    expect(run.stdout).toContain('✖ 1 problem (1 error, 0 warnings)');
  });
});
