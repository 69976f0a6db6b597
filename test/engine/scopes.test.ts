import { afterAll, describe, expect, it } from 'vitest';
import { lint } from '../../src/lint.js';
import { describeKey, layoutScope } from '../../src/scopes.js';
import { runCli } from '../helpers/cli.js';
import { twoSpecKitFeatures } from '../helpers/formats.js';
import { removeFolders, writeFolder } from '../helpers/rule-tester.js';

afterAll(() => {
  removeFolders();
});

describe('the feature folder a tool puts a file in', () => {
  it.each([
    ['/repo/specs/001-event-search/tasks.md', '/repo/specs/001-event-search'],
    ['/repo/specs/001-event-search/checklists/requirements.md', '/repo/specs/001-event-search'],
    ['/repo/specs/001-event-search.md', '/repo/specs/001-event-search.md'],
    ['/repo/.kiro/specs/user-auth/tasks.md', '/repo/.kiro/specs/user-auth'],
    ['/repo/openspec/changes/add-2fa/tasks.md', '/repo/openspec/changes/add-2fa'],
    ['/repo/openspec/changes/archive/2025-01-01-add-2fa/tasks.md', '/repo/openspec/changes/archive/2025-01-01-add-2fa'],
    // Newer OpenSpec keeps a change in proposed/ until it is approved, then in approved/.
    ['/repo/openspec/changes/proposed/add-2fa/tasks.md', '/repo/openspec/changes/proposed/add-2fa'],
    ['/repo/openspec/changes/approved/add-2fa/specs/auth/spec.md', '/repo/openspec/changes/approved/add-2fa'],
    ['/repo/tasks/tasks-prd-weather.md', '/repo/tasks/tasks-prd-weather.md'],
    ['/repo/specs/constitution.md', undefined],
    ['/repo/specs/api/tasks.md', undefined],
    ['/repo/.kiro/specs/README.md', undefined],
    ['/repo/tasks/notes.md', undefined],
    ['/repo/docs/tasks.md', undefined],
  ])('%s is in %s', (file, scope) => {
    expect(layoutScope(file)).toBe(scope);
  });
});

describe('task keys in tasklint facts', () => {
  it('lists the tasks of each feature apart', async () => {
    const dir = writeFolder(twoSpecKitFeatures());
    const result = await lint({ cwd: dir });
    const keys = [...result.corpus.mentions.keys()].map(describeKey);
    expect(keys).toContain('T001 (specs/001-event-search)');
    expect(keys).toContain('T001 (specs/002-member-profiles)');
    expect(keys).not.toContain('T001');
    const facts = runCli(['facts', '.'], dir).stdout;
    expect(facts).toContain('\n  T001 (specs/001-event-search)\n');
    expect(facts).toContain(
      '\n  specs/001-event-search/tasks.md  [active, spec-kit, numbers its tasks in specs/001-event-search]  ',
    );
    const json = JSON.parse(runCli(['facts', '.', '--json'], dir).stdout) as {
      documents: { relPath: string; format?: string }[];
    };
    expect(json.documents.find((doc) => doc.relPath === 'specs/002-member-profiles/tasks.md')?.format).toBe('spec-kit');
  });
});

describe('idScopes in the config', () => {
  it('is validated, naming the bad key', () => {
    const dir = writeFolder({
      '.tasklintrc.json': JSON.stringify({ idScopes: { scoped: ['T001'], folder: ['x'] } }),
      'index.md': '# Index\n',
    });
    const run = runCli([], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('idScopes.folder: unknown key');
    expect(run.stderr).toContain('idScopes.scoped[0]');
  });

  it('global keeps a scheme one task across features', async () => {
    const files = {
      'specs/001-a/tasks.md': '# Tasks\n\n- [x] T001 Search index\n- [x] T002 Search page\n',
      'specs/002-b/tasks.md': '# Tasks\n\n- [ ] T001 Search index\n',
    };
    const scoped = await lint({ cwd: writeFolder(files) });
    expect(scoped.diagnostics).toEqual([]);
    const global = await lint({ cwd: writeFolder(files), config: { idScopes: { global: ['T'] } } });
    expect(global.diagnostics.map((d) => d.ruleId)).toEqual(['task-status-conflict']);
  });

  it("detect: false reads the tools' layouts as one folder", async () => {
    const result = await lint({
      cwd: writeFolder({
        'specs/001-a/tasks.md': '# Tasks\n\n- [x] T001 Search index\n- [x] T002 Search page\n',
        'specs/002-b/tasks.md': '# Tasks\n\n- [ ] T001 Search index\n',
      }),
      config: { idScopes: { detect: false } },
    });
    expect(result.diagnostics.map((d) => d.ruleId)).toEqual(['task-status-conflict']);
  });
});
