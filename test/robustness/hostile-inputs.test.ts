import { spawnSync } from 'node:child_process';
import { chmodSync, closeSync, ftruncateSync, mkdirSync, openSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config.js';
import { UsageError } from '../../src/discover.js';
import { lint } from '../../src/lint.js';
import { runCli } from '../helpers/cli.js';
import {
  cliForOtherUser,
  CONTRADICTING_FILES,
  describeDiagnostic,
  expectContradictionFound,
  findingsIn,
  makeFolder,
  OTHER_USER,
  removeFolders,
} from './helpers.js';

afterAll(removeFolders);

// Root reads through any permission, so as root the permission tests run the CLI as another user.
const asOtherUser = process.getuid?.() === 0 ? cliForOtherUser() : undefined;
const otherUserSkip = asOtherUser && 'skip' in asOtherUser ? asOtherUser.skip : undefined;
if (otherUserSkip) console.warn(`permission tests ${otherUserSkip}`);
const permissionTest = otherUserSkip ? it.skip : it;
const permissionTitle = (title: string) => (otherUserSkip ? `${title} (${otherUserSkip})` : title);

function runAsOtherUser(dir: string) {
  const cli = asOtherUser && 'cli' in asOtherUser ? asOtherUser.cli : '';
  return spawnSync(process.execPath, [cli, '--format', 'json', '.'], {
    cwd: dir,
    encoding: 'utf8',
    ...OTHER_USER,
    env: { ...process.env, NO_COLOR: '1' },
  });
}

/** Lints a folder holding the two contradicting files plus `hostile`. */
async function lintWith(hostile: Record<string, string | Buffer>) {
  const dir = makeFolder({ ...CONTRADICTING_FILES, ...hostile });
  const result = await lint({ cwd: dir });
  return { dir, result };
}

function expectOneFinding(
  dir: string,
  result: Awaited<ReturnType<typeof lint>>,
  name: string,
  ruleId: string,
  words: string[],
) {
  const findings = findingsIn(dir, result, name);
  expect(findings.map((d) => describeDiagnostic(dir, d))).toHaveLength(1);
  expect(findings[0]!.ruleId).toBe(ruleId);
  for (const word of words) expect(findings[0]!.message).toContain(word);
}

const PNG = Buffer.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x01,
  0x00,
]);

describe('hostile inputs: a clear finding on the file, the rest of the folder still linted', () => {
  it('a binary file named .md', async () => {
    const { dir, result } = await lintWith({ 'diagram.md': Buffer.concat([PNG, Buffer.alloc(4096, 0x7f)]) });
    expectOneFinding(dir, result, 'diagram.md', 'unreadable-file', ['looks binary', 'skipped']);
    expectContradictionFound(dir, result);
  });

  it('a 50 MB file is skipped by the size limit without being read', async () => {
    const dir = makeFolder(CONTRADICTING_FILES);
    // Sparse: 50 MB long, no disk space used, and never parsed.
    const fd = openSync(path.join(dir, 'huge.md'), 'w');
    ftruncateSync(fd, 50 * 1024 * 1024);
    closeSync(fd);
    const result = await lint({ cwd: dir });
    expectOneFinding(dir, result, 'huge.md', 'unreadable-file', ['50.0 MB', 'over the 5.0 MB limit', 'maxFileSize']);
    expectContradictionFound(dir, result);
  });

  it('invalid UTF-8: read with replacement characters, reported where the bad byte is, still cross-checked', async () => {
    const bytes = Buffer.concat([
      Buffer.from('# Benchmarks\n\nNotes from the caf'),
      Buffer.from([0xe9]),
      Buffer.from(' meeting.\n\n- **TASK-8** - Benchmark storage ✅ COMPLETE\n'),
    ]);
    const { dir, result } = await lintWith({ 'latin1.md': bytes });
    const encoding = findingsIn(dir, result, 'latin1.md').filter((d) => d.ruleId === 'invalid-encoding');
    expect(encoding.map((d) => d.message)).toEqual([expect.stringContaining('not valid UTF-8: byte 0xE9 at line 3')]);
    expect(encoding[0]!.range.start.line).toBe(3);
    // Its TASK-8 statement was read, and contradicts the tracker.
    const conflict = result.diagnostics.find(
      (d) => d.ruleId === 'task-status-conflict' && d.message.includes('TASK-8'),
    );
    expect(
      [conflict?.file, ...(conflict?.related.map((r) => r.file) ?? [])]
        .map((file) => file && path.basename(file))
        .sort(),
    ).toEqual(['latin1.md', 'tracker.md']);
    expectContradictionFound(dir, result);
  });

  it('a UTF-16 file with a byte order mark: decoded, reported, still cross-checked', async () => {
    const text = '# Benchmarks\n\n- **TASK-8** - Benchmark storage ✅ COMPLETE\n';
    const { dir, result } = await lintWith({
      'utf16.md': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
    });
    const encoding = findingsIn(dir, result, 'utf16.md').filter((d) => d.ruleId === 'invalid-encoding');
    expect(encoding.map((d) => d.message)).toEqual([expect.stringContaining('UTF-16 (little-endian')]);
    const conflict = result.diagnostics.find(
      (d) => d.ruleId === 'task-status-conflict' && d.message.includes('TASK-8'),
    );
    expect(conflict).toBeDefined();
    expect([conflict!.file, ...conflict!.related.map((r) => r.file)].map((file) => path.basename(file)).sort()).toEqual(
      ['tracker.md', 'utf16.md'],
    );
    expectContradictionFound(dir, result);
  });

  it.each([
    ['lists, one marker after another', 'deep-list.md', `${'- '.repeat(10_000)}TASK-9 deep\n`],
    ['block quotes', 'deep-quote.md', `${'>'.repeat(10_000)} TASK-9 deep\n`],
    ['block quotes and lists alternating', 'deep-mixed.md', `${'> - '.repeat(5_000)}TASK-9 deep\n`],
    ['ordered lists', 'deep-ordered.md', `# Deep\n\n${'1. '.repeat(10_000)}TASK-9 deep\n`],
  ])('10,000-deep nested %s', async (_shape, name, text) => {
    const { dir, result } = await lintWith({ [name]: text });
    const line = text.startsWith('#') ? 3 : 1;
    expectOneFinding(dir, result, name, 'unreadable-file', ['levels deep', `at line ${line}`, 'past the limit of 64']);
    expect(findingsIn(dir, result, name)[0]!.range.start.line).toBe(line);
    expectContradictionFound(dir, result);
  });

  it('a long thematic break is not mistaken for deep nesting', async () => {
    const { dir, result } = await lintWith({ 'rule.md': `# Rule\n\n${'* '.repeat(10_000)}\n\nText.\n` });
    expect(findingsIn(dir, result, 'rule.md').map((d) => describeDiagnostic(dir, d))).toEqual([]);
    expectContradictionFound(dir, result);
  });

  it('a table with 10,000 columns: read to its last column', async () => {
    const columns = 10_000;
    const header = ['Task ID', ...Array.from({ length: columns - 2 }, (_, i) => `Note ${i}`), 'Status'];
    const row = ['TASK-8', ...Array.from({ length: columns - 2 }, (_, i) => `n${i}`), '✅ COMPLETE'];
    const table = [`| ${header.join(' | ')} |`, `|${'---|'.repeat(columns)}`, `| ${row.join(' | ')} |`].join('\n');
    const { dir, result } = await lintWith({ 'wide.md': `# Wide\n\n${table}\n` });
    // The status in the 10,000th column contradicts the tracker's "Pending".
    const conflict = result.diagnostics.find(
      (d) => d.ruleId === 'task-status-conflict' && d.message.includes('TASK-8'),
    );
    expect(conflict, result.diagnostics.map((d) => describeDiagnostic(dir, d)).join('\n')).toBeDefined();
    expect([conflict!.file, ...conflict!.related.map((r) => r.file)].map((file) => path.basename(file)).sort()).toEqual(
      ['tracker.md', 'wide.md'],
    );
    expectContradictionFound(dir, result);
    // The parser needs seconds for so wide a table (it grows linearly); the limit only stops a hang.
  }, 120_000);

  it('an empty file: nothing to report on it', async () => {
    const { dir, result } = await lintWith({ 'empty.md': '' });
    expect(result.files.map((file) => path.basename(file))).toContain('empty.md');
    expect(findingsIn(dir, result, 'empty.md')).toEqual([]);
    expectContradictionFound(dir, result);
  });

  it('symbolic link loops and broken links inside the folder are reported, not followed', async () => {
    const dir = makeFolder(CONTRADICTING_FILES);
    symlinkSync('loop.md', path.join(dir, 'loop.md'));
    symlinkSync('gone.md', path.join(dir, 'dangling.md'));
    // A folder that links to its parent: followed, discovery would never end.
    symlinkSync('..', path.join(dir, 'parent-link'));
    const result = await lint({ cwd: dir });
    expectOneFinding(dir, result, 'loop.md', 'unreadable-file', ['symbolic link loop']);
    expectOneFinding(dir, result, 'dangling.md', 'unreadable-file', ['symbolic link to "gone.md"', 'does not exist']);
    expect(result.files.map((file) => path.relative(dir, file))).toEqual([
      'dangling.md',
      'index.md',
      'loop.md',
      'tracker.md',
    ]);
    expectContradictionFound(dir, result);
  });

  permissionTest(
    permissionTitle('a folder linking to a folder above it: discovery stays inside, .gitignore files included'),
    async () => {
      const outer = makeFolder({ 'outside.md': '# Outside\n' });
      const dir = path.join(outer, 'plans');
      for (const [name, content] of Object.entries({
        ...CONTRADICTING_FILES,
        '.gitignore': 'drafts/\n*.tmp.md\n!keep.tmp.md\n',
        'drafts/d.md': '# D\n',
        'x.tmp.md': '# X\n',
        'keep.tmp.md': '# K\n',
        'sub/.gitignore': 'local.md\n',
        'sub/local.md': '# L\n',
        'sub/kept.md': '# Kept\n',
      })) {
        mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
        writeFileSync(path.join(dir, name), content);
      }
      symlinkSync('..', path.join(dir, 'up'));
      // A .gitignore above the folder that cannot be read: looking for .gitignore files through the
      // link would reach it (forty times, down the loop) and fail.
      writeFileSync(path.join(outer, '.gitignore'), '*.md\n');
      chmodSync(path.join(outer, '.gitignore'), 0o000);
      const expected = ['index.md', 'keep.tmp.md', 'sub/kept.md', 'tracker.md'];
      if (process.getuid?.() !== 0) {
        const result = await lint({ cwd: dir });
        expect(result.files.map((file) => path.relative(dir, file))).toEqual(expected);
        expectContradictionFound(dir, result);
        return;
      }
      for (const folder of [outer, dir, path.join(dir, 'sub'), path.join(dir, 'drafts')]) chmodSync(folder, 0o755);
      const run = runAsOtherUser(dir);
      expect(run.stderr).toBe('');
      expect(run.status).toBe(1);
      const results = JSON.parse(run.stdout) as { filePath: string; messages: { ruleId: string }[] }[];
      expect(results.map((r) => path.relative(dir, r.filePath)).sort()).toEqual(expected);
      expect(results.flatMap((r) => r.messages.map((m) => m.ruleId))).toContain('task-status-conflict');
    },
  );

  it('a symbolic link loop named on the command line is a usage error', async () => {
    const dir = makeFolder(CONTRADICTING_FILES);
    symlinkSync('loop.md', path.join(dir, 'loop.md'));
    await expect(lint({ cwd: dir, paths: ['loop.md', 'index.md'] })).rejects.toThrow(UsageError);
    const cli = runCli(['loop.md', 'index.md'], dir);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toBe('tasklint: Path is a symbolic link loop: loop.md\n');
  });

  permissionTest(permissionTitle('an unreadable file'), async () => {
    const dir = makeFolder({ ...CONTRADICTING_FILES, 'secret.md': '# Secret\n' });
    chmodSync(path.join(dir, 'secret.md'), 0o000);
    if (process.getuid?.() !== 0) {
      const result = await lint({ cwd: dir });
      expectOneFinding(dir, result, 'secret.md', 'unreadable-file', ['permission denied']);
      expectContradictionFound(dir, result);
      return;
    }
    chmodSync(dir, 0o755);
    const run = runAsOtherUser(dir);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    const results = JSON.parse(run.stdout) as {
      filePath: string;
      messages: { ruleId: string; message: string }[];
    }[];
    const messages = (name: string) => results.find((r) => path.basename(r.filePath) === name)?.messages ?? [];
    expect(messages('secret.md')).toEqual([
      expect.objectContaining({ ruleId: 'unreadable-file', message: expect.stringContaining('permission denied') }),
    ]);
    expect(messages('tracker.md').map((m) => m.ruleId)).toContain('task-status-conflict');
  });
});

describe('hostile configs: refused with a message that names the key, never a hang', () => {
  it('an invalid config: unknown key, wrong type', async () => {
    const dir = makeFolder({
      ...CONTRADICTING_FILES,
      '.tasklintrc.json': JSON.stringify({ maxFileSize: 'big', colour: true }),
    });
    await expect(lint({ cwd: dir })).rejects.toThrow(ConfigError);
    const cli = runCli(['.'], dir);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toContain('maxFileSize: must be');
    expect(cli.stderr).toContain('colour: unknown key');
    expect(cli.stderr).not.toMatch(/^\s+at /m);
    expect(cli.stdout).toBe('');
  });

  it('a config that is not JSON', () => {
    const dir = makeFolder({ ...CONTRADICTING_FILES, '.tasklintrc.json': '{ "rules": { ' });
    const cli = runCli(['.'], dir);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toMatch(/^tasklint: Invalid config .*\.tasklintrc\.json: not valid JSON/);
    expect(cli.stderr).not.toMatch(/^\s+at /m);
  });

  it('a task ID pattern that is not a regular expression', async () => {
    const dir = makeFolder(CONTRADICTING_FILES);
    await expect(lint({ cwd: dir, config: { taskIdPattern: 'TASK-(\\d+' } })).rejects.toThrow(
      /taskIdPattern: not a valid regular expression/,
    );
  });

  it('a task ID pattern that backtracks catastrophically is refused, not run', async () => {
    const dir = makeFolder(CONTRADICTING_FILES);
    await expect(lint({ cwd: dir, config: { taskIdPattern: '(?:[A-Z]+)+-\\d+' } })).rejects.toThrow(
      /taskIdPattern: takes too long/,
    );
    // A pattern like it without the nested repetition is fine, and used.
    const result = await lint({ cwd: dir, config: { taskIdPattern: '[A-Z]+-\\d+' } });
    expectContradictionFound(dir, result);
  });
});

describe('the CLI on a folder full of hostile files', () => {
  it('reports each, exits 1 for the errors, prints no stack trace', () => {
    const dir = makeFolder({
      ...CONTRADICTING_FILES,
      'diagram.md': Buffer.concat([PNG, Buffer.alloc(64, 0)]),
      'deep.md': `${'> '.repeat(10_000)}x\n`,
      'empty.md': '',
      'utf16.md': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('# Hi\n', 'utf16le')]),
    });
    symlinkSync('loop.md', path.join(dir, 'loop.md'));
    const cli = runCli(['.'], dir);
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(1);
    for (const words of [
      'diagram.md',
      'looks binary',
      'deep.md',
      'levels deep',
      'utf16.md',
      'UTF-16',
      'loop.md',
      'symbolic link loop',
      'TASK-7',
    ]) {
      expect(cli.stdout).toContain(words);
    }
  });
});
