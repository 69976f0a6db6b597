import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import AjvDraft04 from 'ajv-draft-04';
import type { Log } from 'sarif';
import { afterAll, describe, expect, it } from 'vitest';
import { loadRules } from '../../src/engine.js';
import { ruleDocsUrl } from '../../src/package-info.js';
import { formatGithub } from '../../src/report/github.js';
import { ruleDocument } from '../../src/rule-docs.js';
import type { EslintResult } from '../../src/report/json.js';
import { CLI, ROOT, runCli, type CliRun } from '../helpers/cli.js';
import { removeFolders, writeFolder } from '../helpers/rule-tester.js';
import { CONFLICT_MESSAGE, CONFLICT_RELATED, INDEX, TRACKER_AGREEING, TRACKER_CONTRADICTING } from './planning.js';

afterAll(() => {
  removeFolders();
});

/** The official SARIF 2.1.0 schema (draft-04), as shipped by Microsoft's @microsoft/jest-sarif package. */
const SARIF_SCHEMA = JSON.parse(
  readFileSync(
    path.join(ROOT, 'node_modules', '@microsoft', 'jest-sarif', 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json'),
    'utf8',
  ),
) as object;
// The schema's "language" pattern is not valid under the `u` flag Ajv uses by default.
// ajv-draft-04 is CommonJS: its class is the module's default export's `default`.
const ajv = new AjvDraft04.default({ allErrors: true, strict: false, unicodeRegExp: false });
// The schema's formats, checked with the platform's URL parser rather than ignored.
ajv.addFormat('uri', (value: string) => URL.canParse(value));
ajv.addFormat('uri-reference', (value: string) => URL.canParse(value, 'file:///base/'));
ajv.addFormat('date-time', (value: string) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(value));
const validateSarif = ajv.compile(SARIF_SCHEMA);

function expectValidSarif(log: unknown): void {
  const valid = validateSarif(log);
  expect(validateSarif.errors ?? [], 'SARIF schema errors').toEqual([]);
  expect(valid).toBe(true);
}

/** A contradiction between two files, a broken link, and a percentage that disagrees with its fraction. */
const MIXED = {
  'index.md': `${INDEX}\nProgress: 1/2 tasks (75%).\n\nSee the [roadmap](./roadmap.md).\n`,
  'tracker.md': TRACKER_CONTRADICTING,
};

describe('--format sarif', { timeout: 30_000 }, () => {
  it('writes SARIF 2.1.0 that the official schema accepts, with rule metadata and related locations', async () => {
    const dir = writeFolder(MIXED);
    const run = runCli(['--format', 'sarif', '.'], dir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const log = JSON.parse(run.stdout) as Log;
    expectValidSarif(log);

    const sarifRun = log.runs[0]!;
    const rules = await loadRules();
    expect(sarifRun.tool.driver.name).toBe('tasklint');
    expect(sarifRun.tool.driver.rules?.map((rule) => rule.id)).toEqual(rules.map((rule) => rule.id));
    for (const descriptor of sarifRun.tool.driver.rules!) {
      const rule = rules.find((candidate) => candidate.id === descriptor.id)!;
      expect(descriptor.shortDescription?.text).toBe(`${rule.meta.description}.`);
      expect(descriptor.fullDescription?.text.length).toBeGreaterThan(0);
      expect(descriptor.help?.text).toContain('## Why is this bad?');
      expect(descriptor.help?.markdown).toContain(`# ${rule.id}`);
      expect(descriptor.helpUri).toBe(ruleDocsUrl(rule.id));
      // A link that resolves: the rule's docs shipped with tasklint.
      expect(readFileSync(fileURLToPath(descriptor.helpUri!), 'utf8')).toBe(ruleDocument(rule));
    }

    const conflict = sarifRun.results!.find((result) => result.ruleId === 'task-status-conflict')!;
    expect(sarifRun.tool.driver.rules![conflict.ruleIndex!]!.id).toBe('task-status-conflict');
    expect(conflict.level).toBe('error');
    expect(conflict.message.text).toBe(`${CONFLICT_MESSAGE} (see [tracker.md:5](1))`);
    expect(conflict.locations![0]!.physicalLocation).toEqual({
      artifactLocation: { uri: 'index.md', uriBaseId: '%SRCROOT%' },
      region: { startLine: 5, startColumn: 3, endLine: 5, endColumn: 9 },
    });
    expect(conflict.relatedLocations).toEqual([
      {
        id: 1,
        physicalLocation: {
          artifactLocation: { uri: 'tracker.md', uriBaseId: '%SRCROOT%' },
          region: { startLine: 5, startColumn: 3, endLine: 5, endColumn: 9 },
        },
        message: { text: CONFLICT_RELATED },
      },
    ]);

    // Every finding of the command line, at the same place.
    const json = JSON.parse(runCli(['--format', 'json', '.'], dir).stdout) as EslintResult[];
    const findings = json.flatMap((result) =>
      result.messages.map(
        (message) => `${path.relative(dir, result.filePath)}:${message.line}:${message.column} ${message.ruleId}`,
      ),
    );
    const results = sarifRun.results!.map((result) => {
      const { artifactLocation, region } = result.locations![0]!.physicalLocation!;
      return `${artifactLocation!.uri}:${region!.startLine}:${region!.startColumn} ${result.ruleId}`;
    });
    expect(results.sort()).toEqual(findings.sort());
    expect(findings.length).toBeGreaterThanOrEqual(3);
  });

  it('writes valid SARIF for every rule firing in the examples folder, one result per finding', () => {
    const examples = path.join(ROOT, 'examples');
    const log = JSON.parse(runCli(['--format', 'sarif', '.'], examples).stdout) as Log;
    expectValidSarif(log);
    const json = JSON.parse(runCli(['--format', 'json', '.'], examples).stdout) as EslintResult[];
    const findings = json.flatMap((result) => result.messages);
    expect(log.runs[0]!.results).toHaveLength(findings.length);
    const related = findings.reduce((sum, finding) => sum + finding.related.length, 0);
    expect(log.runs[0]!.results!.reduce((sum, result) => sum + (result.relatedLocations?.length ?? 0), 0)).toBe(
      related,
    );
  });

  it('writes a valid empty log for a folder that agrees, and exits 0', () => {
    const dir = writeFolder({ 'index.md': INDEX, 'tracker.md': TRACKER_AGREEING });
    const run = runCli(['--format', 'sarif', '.'], dir);
    expect(run.code).toBe(0);
    const log = JSON.parse(run.stdout) as Log;
    expectValidSarif(log);
    expect(log.runs[0]!.results).toEqual([]);
  });
});

function githubRun(args: string[], cwd: string, workspace?: string): CliRun {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.GITHUB_WORKSPACE;
  if (workspace) env.GITHUB_WORKSPACE = workspace;
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, env, encoding: 'utf8' });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

describe('--format github', { timeout: 30_000 }, () => {
  it('prints one workflow command per finding, the other place named in the message', () => {
    const dir = writeFolder({ 'index.md': INDEX, 'tracker.md': TRACKER_CONTRADICTING });
    const run = githubRun(['--format', 'github', '.'], dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(
      `::error file=index.md,line=5,endLine=5,col=3,endColumn=9,title=task-status-conflict::${CONFLICT_MESSAGE} [also tracker.md:5: ${CONFLICT_RELATED}]\n`,
    );
  });

  it('with the changed files known (--report-only), annotates each place of a finding in them, and only there', () => {
    const dir = writeFolder({ 'index.md': INDEX, 'tracker.md': TRACKER_CONTRADICTING });
    const atIndex = `::error file=index.md,line=5,endLine=5,col=3,endColumn=9,title=task-status-conflict::${CONFLICT_MESSAGE} [also tracker.md:5: ${CONFLICT_RELATED}]`;
    // Only the tracker changed: the finding sits on the tracker's line, in words true there, the untouched index related.
    const trackerOnly = githubRun(['--format', 'github', '--report-only', 'tracker.md', '.'], dir);
    expect(trackerOnly.code).toBe(1);
    expect(trackerOnly.stdout).toBe(
      '::error file=tracker.md,line=5,endLine=5,col=3,endColumn=9,title=task-status-conflict::TASK-1 is in progress here ("IN PROGRESS") but done at index.md:5 ("COMPLETE"). [also index.md:5: TASK-1 is done here ("COMPLETE")]\n',
    );
    // Both changed: an annotation on each.
    const both = githubRun(
      ['--format', 'github', '--report-only', 'tracker.md', '--report-only', 'index.md', '.'],
      dir,
    );
    expect(both.stdout.trimEnd().split('\n')).toEqual([atIndex, trackerOnly.stdout.trimEnd()]);
    expect(githubRun(['--format', 'github', '--report-only', 'index.md', '.'], dir).stdout).toBe(`${atIndex}\n`);

    // A finding whose message cannot be turned round: what is said at the changed place, then the finding as the rule put it.
    const anchors = writeFolder({
      'index.md': '# Index\n\nSee [compute](./compute.md#phase-2-compute).\n',
      'compute.md': '# Phase 2: Compute Cluster\n',
    });
    const link =
      'Link fragment "#phase-2-compute" matches no heading of compute.md; did you mean "#phase-2-compute-cluster"?';
    expect(githubRun(['--format', 'github', '--report-only', 'compute.md', '.'], anchors).stdout).toBe(
      `::error file=compute.md,line=1,endLine=1,col=1,endColumn=27,title=broken-anchor::The heading "Phase 2: Compute Cluster" has the anchor "#phase-2-compute-cluster". At index.md:3: ${link} [also index.md:3: ${link}]\n`,
    );
  });

  it('annotates every finding the command line prints for the examples folder', () => {
    const examples = path.join(ROOT, 'examples');
    const json = JSON.parse(githubRun(['--format', 'json', '.'], examples).stdout) as EslintResult[];
    const lines = githubRun(['--format', 'github', '.'], examples).stdout.trimEnd().split('\n');
    const findings = json.flatMap((result) =>
      result.messages.map((message) => ({ file: path.relative(examples, result.filePath), ...message })),
    );
    expect(findings.length).toBeGreaterThan(0);
    expect(lines).toHaveLength(findings.length);
    const escaped = (text: string) => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
    for (const finding of findings) {
      const command = `::${finding.severity === 2 ? 'error' : 'warning'} file=${finding.file},line=${finding.line},endLine=${finding.endLine},col=${finding.column}`;
      const line = lines.find(
        (candidate) =>
          candidate.startsWith(command) && candidate.includes(`title=${finding.ruleId}::${escaped(finding.message)}`),
      );
      expect(line, `${command} ${finding.message}`).toBeDefined();
      for (const related of finding.related)
        expect(line).toContain(`[also ${path.relative(examples, related.filePath)}:${related.line}`);
    }
  });

  it('names files from the checkout root in a workflow, wherever tasklint runs', () => {
    const dir = writeFolder({ 'docs/planning/index.md': INDEX, 'docs/planning/tracker.md': TRACKER_CONTRADICTING });
    const run = githubRun(['--format', 'github', 'planning'], path.join(dir, 'docs'), dir);
    expect(run.stdout).toMatch(
      /^::error file=docs\/planning\/index\.md,line=5,.*\[also docs\/planning\/tracker\.md:5: /,
    );
  });

  it('prints warnings as ::warning and escapes what workflow commands reserve', () => {
    const output = formatGithub(
      [
        {
          ruleId: 'percent-mismatch',
          messageId: 'mismatch',
          severity: 'warning',
          message: '54% is not 6/8,\nsee below',
          file: path.join(ROOT, 'a,b:c.md'),
          range: { start: { line: 2, column: 1 }, end: { line: 3, column: 4 } },
          related: [],
        },
      ],
      { cwd: ROOT },
    );
    expect(output).toBe(
      '::warning file=a%2Cb%3Ac.md,line=2,endLine=3,col=1,title=percent-mismatch::54%25 is not 6/8,%0Asee below\n',
    );
  });
});

describe('--output-file', { timeout: 30_000 }, () => {
  it.each(['stylish', 'json', 'sarif', 'github'])(
    'writes the %s report to the file, prints nothing, and keeps the exit code',
    (format) => {
      const dir = writeFolder({ 'index.md': INDEX, 'tracker.md': TRACKER_CONTRADICTING });
      const printed = githubRun(['--format', format, '.'], dir);
      const written = githubRun(['--format', format, '--output-file', 'report.out', '.'], dir);
      expect(printed.code).toBe(1);
      expect(written).toEqual({ code: 1, stdout: '', stderr: '' });
      expect(readFileSync(path.join(dir, 'report.out'), 'utf8').replace(/tasklint-test-\w+/g, 'DIR')).toBe(
        printed.stdout.replace(/tasklint-test-\w+/g, 'DIR'),
      );
    },
  );

  it('exits 2 with a message, not a stack trace, when the file cannot be written', () => {
    const dir = writeFolder({ 'index.md': INDEX });
    // A folder of the path is a file: the folders cannot be created.
    const run = githubRun(['--output-file', 'index.md/report.txt', '.'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('tasklint: cannot write index.md/report.txt: a folder on its path is a file\n');
  });
});
