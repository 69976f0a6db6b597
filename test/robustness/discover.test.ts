import { symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type Config } from '../../src/config.js';
import { discover } from '../../src/discover.js';
import { makeFolder, removeFolders } from './helpers.js';

afterAll(removeFolders);

/** A planning folder with everything discovery must tell apart. */
let outer: string;
let dir: string;
beforeAll(() => {
  outer = makeFolder({
    'plans/a.md': '# A\n',
    'plans/notes.txt': 'not Markdown\n',
    'plans/.hidden.md': '# Hidden file\n',
    'plans/docs/x.md': '# X\n',
    'plans/docs/deep/y.md': '# Y\n',
    'plans/docs/.dot/z.md': '# Z\n',
    'plans/.github/ISSUE.md': '# Issue template\n',
    'plans/.github/sub/t.md': '# T\n',
    'plans/.github/.gitignore': 'ISSUE.md\n',
    'plans/node_modules/pkg/readme.md': '# Package\n',
    'plans/sub/node_modules/q.md': '# Nested package\n',
    'plans/.git/x.md': '# Git internals\n',
    'plans/.hg/x.md': '# Mercurial internals\n',
    'plans/.venv/lib/site-packages/pkg/README.md': '# A package\n',
    'plans/sub/.pytest_cache/README.md': '# pytest cache directory\n',
    'plans/.kiro/specs/auth/tasks.md': '# Implementation Plan\n',
    'plans/.gitignore': 'drafts/\n*.tmp.md\n!keep.tmp.md\n',
    'plans/drafts/d.md': '# Draft\n',
    'plans/x.tmp.md': '# Scratch\n',
    'plans/keep.tmp.md': '# Kept scratch\n',
    'plans/sub/.gitignore': 'local.md\n',
    'plans/sub/local.md': '# Local\n',
    'plans/sub/kept.md': '# Kept\n',
    'plans/folder.md/inner.md': '# A folder named like a document\n',
  });
  dir = path.join(outer, 'plans');
  symlinkSync('..', path.join(dir, 'up'));
  symlinkSync('docs', path.join(dir, 'docs-link'));
  symlinkSync('gone.md', path.join(dir, 'dangling.md'));
});

async function found(config: Partial<Config>, { inputs = ['.'], configDir = dir } = {}): Promise<string[]> {
  const discovery = await discover(inputs, { cwd: dir, config: { ...DEFAULT_CONFIG, ...config }, configDir });
  return discovery.files.map((file) => path.relative(dir, file));
}

describe('discovery below a folder', () => {
  it('finds the Markdown files, dot folders included, skipping node_modules, .git, .gitignored files and linked folders', async () => {
    expect(await found({})).toEqual([
      '.github/sub/t.md',
      '.hidden.md',
      '.kiro/specs/auth/tasks.md',
      'a.md',
      'dangling.md',
      'docs/.dot/z.md',
      'docs/deep/y.md',
      'docs/x.md',
      'folder.md/inner.md',
      'keep.tmp.md',
      'sub/kept.md',
    ]);
  });

  it('with gitignore off, the files .gitignore names come back', async () => {
    expect(await found({ gitignore: false })).toEqual([
      '.github/ISSUE.md',
      '.github/sub/t.md',
      '.hidden.md',
      '.kiro/specs/auth/tasks.md',
      'a.md',
      'dangling.md',
      'docs/.dot/z.md',
      'docs/deep/y.md',
      'docs/x.md',
      'drafts/d.md',
      'folder.md/inner.md',
      'keep.tmp.md',
      'sub/kept.md',
      'sub/local.md',
      'x.tmp.md',
    ]);
  });

  it('an include that names a dot folder finds files inside it, its own .gitignore honoured', async () => {
    expect(await found({ include: ['.github/**/*.md'] })).toEqual(['.github/sub/t.md']);
    expect(await found({ include: ['**/.dot/*.md'] })).toEqual(['docs/.dot/z.md']);
  });

  it('includes with a fixed start, several patterns, braces', async () => {
    expect(await found({ include: ['docs/**/*.md'] })).toEqual(['docs/.dot/z.md', 'docs/deep/y.md', 'docs/x.md']);
    expect(await found({ include: ['*.md', 'sub/*.md'] })).toEqual([
      '.hidden.md',
      'a.md',
      'dangling.md',
      'keep.tmp.md',
      'sub/kept.md',
    ]);
    expect(await found({ include: ['{docs,sub}/**/*.md', '**/*.txt'] })).toEqual([
      'docs/.dot/z.md',
      'docs/deep/y.md',
      'docs/x.md',
      'notes.txt',
      'sub/kept.md',
    ]);
  });

  it('exclude and negated includes', async () => {
    expect(await found({ exclude: ['docs/**', '.*/**', '.*'] })).toEqual([
      'a.md',
      'dangling.md',
      'folder.md/inner.md',
      'keep.tmp.md',
      'sub/kept.md',
    ]);
    expect(await found({ include: ['docs/**/*.md', '!docs/deep/**'] })).toEqual(['docs/.dot/z.md', 'docs/x.md']);
  });

  it("globs are relative to the config file's folder when the linted folder is inside it", async () => {
    expect(await found({ include: ['plans/docs/**/*.md'] }, { configDir: outer })).toEqual([
      'docs/.dot/z.md',
      'docs/deep/y.md',
      'docs/x.md',
    ]);
    expect(await found({ include: ['plans/docs/**/*.md'] }, { inputs: ['docs'], configDir: outer })).toEqual([
      'docs/.dot/z.md',
      'docs/deep/y.md',
      'docs/x.md',
    ]);
  });

  it('a dot folder named on the command line is searched', async () => {
    expect(await found({}, { inputs: ['.github'] })).toEqual(['.github/sub/t.md']);
  });

  it('a file named on the command line is linted wherever it is', async () => {
    expect(await found({}, { inputs: ['.github/ISSUE.md', 'drafts/d.md', 'notes.txt'] })).toEqual([
      '.github/ISSUE.md',
      'drafts/d.md',
      'notes.txt',
    ]);
  });

  it('negated includes reach dot folders too, never .git', async () => {
    expect(await found({ include: ['**/*.md', '!docs/**'] })).toEqual([
      '.github/sub/t.md',
      '.hidden.md',
      '.kiro/specs/auth/tasks.md',
      'a.md',
      'dangling.md',
      'folder.md/inner.md',
      'keep.tmp.md',
      'sub/kept.md',
    ]);
  });
});
