import { promises as fs, type Dirent } from 'node:fs';
import path from 'node:path';
import type { Ignore } from 'ignore';
import picomatch from 'picomatch';
import type { Config } from './config.js';

export interface Discovery {
  /** Absolute paths, sorted, each once. */
  files: string[];
  /** The deepest folder holding every input: links that leave it are checked for existence only. */
  root: string;
}

/** A path on the command line that does not exist: a usage error (exit 2). */
export class UsageError extends Error {
  override name = 'UsageError';
}

/**
 * Folders never searched, at any depth: installed packages, version control internals, and the
 * caches and environments tools fill with other people's Markdown (a virtualenv's packages).
 * Other dot folders are searched (`.kiro/specs/`, `.github/`): coding agents keep plans there.
 */
const SKIPPED_FOLDERS = new Set([
  'node_modules',
  '.git',
  '.hg',
  '.svn',
  '.venv',
  '.tox',
  '.nox',
  '.mypy_cache',
  '.pytest_cache',
  '.ruff_cache',
  '.terraform',
  '.next',
  '.nuxt',
  '.cache',
  '.yarn',
  '.pnpm-store',
  '.gradle',
]);
const ALWAYS_IGNORED = [...SKIPPED_FOLDERS].map((name) => `**/${name}/**`);

export function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

export function isInside(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

export function commonAncestor(paths: string[]): string {
  if (paths.length === 0) return process.cwd();
  let common = paths[0]!;
  for (const p of paths.slice(1)) {
    while (!isInside(p, common)) common = path.dirname(common);
  }
  return common;
}

/** One entry found below a searched folder. */
interface Entry {
  /** Absolute and normalised. */
  file: string;
  /** Relative to the searched folder, with `/`. */
  relative: string;
  dirent: Dirent;
}

interface WalkOptions {
  /** Whether to search a folder (relative path, with `/`) below the searched one. */
  descend: (relative: string, name: string) => boolean;
  /** Called with each regular file named `.gitignore` in a folder searched. */
  onGitignore?: (file: string) => void;
}

/**
 * Every entry below `dir`, symbolic links included but not followed (a folder linking to its
 * parent would never end). A folder that cannot be listed is passed over, as if empty.
 */
async function walk(dir: string, options: WalkOptions): Promise<Entry[]> {
  const entries: Entry[] = [];
  const visit = async (folder: string, relativeFolder: string): Promise<void> => {
    let dirents: Dirent[];
    try {
      dirents = await fs.readdir(folder, { withFileTypes: true });
    } catch {
      return;
    }
    const below: Promise<void>[] = [];
    for (const dirent of dirents) {
      const relative = relativeFolder ? `${relativeFolder}/${dirent.name}` : dirent.name;
      const file = path.join(folder, dirent.name);
      entries.push({ file, relative, dirent });
      if (dirent.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(dirent.name) && options.descend(relative, dirent.name))
          below.push(visit(file, relative));
      } else if (dirent.name === '.gitignore' && dirent.isFile()) {
        options.onGitignore?.(file);
      }
    }
    await Promise.all(below);
  };
  await visit(path.normalize(dir), '');
  return entries;
}

/**
 * Which folders below the searched one can hold a match of `patterns` (each relative to that
 * folder): a pattern with a fixed start (`docs/**`) needs only the folders on its way.
 */
function folderFilter(patterns: string[]): (relative: string, name: string) => boolean {
  const bases = patterns.map((pattern) => picomatch.scan(pattern).base);
  const anywhere = bases.some((base) => base === '');
  return (relative) => {
    if (anywhere) return true;
    return bases.some(
      (base) => base === relative || base.startsWith(`${relative}/`) || relative.startsWith(`${base}/`),
    );
  };
}

/** Patterns the search below cannot answer as a glob library would: those are left to globby. */
function needsGlobLibrary(patterns: string[]): boolean {
  return patterns.some(
    (pattern) => pattern.startsWith('!') || path.isAbsolute(pattern) || /(^|\/)\.\.(\/|$)/.test(pattern),
  );
}

/**
 * Entries below `dir` whose path relative to it matches `patterns` as a glob would (dot files
 * and folders included), outside node_modules and version control folders, with the
 * `.gitignore` files of the folders searched.
 */
async function search(
  dir: string,
  patterns: string[],
  withGitignores: boolean,
): Promise<{ entries: Entry[]; gitignores: string[] }> {
  const gitignores: string[] = [];
  if (needsGlobLibrary(patterns)) {
    // Negated, absolute or upward patterns: rare enough that loading a glob library for them is fine.
    const { globby } = await import('globby');
    const found = await globby(patterns, {
      cwd: dir,
      absolute: true,
      onlyFiles: false,
      objectMode: true,
      dot: true,
      followSymbolicLinks: false,
      ignore: ALWAYS_IGNORED,
      suppressErrors: true,
    });
    const entries = found.map((entry) => ({
      file: path.normalize(entry.path),
      relative: toPosix(path.relative(dir, entry.path)),
      // globby's entries carry the Dirent its walker got from node:fs.
      // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment
      dirent: entry.dirent as Dirent,
    }));
    if (withGitignores) {
      gitignores.push(
        ...(
          await globby('**/.gitignore', {
            cwd: dir,
            absolute: true,
            dot: true,
            onlyFiles: true,
            followSymbolicLinks: false,
            ignore: ALWAYS_IGNORED,
            suppressErrors: true,
          })
        ).map((file) => path.normalize(file)),
      );
    }
    return { entries, gitignores };
  }
  const matches = picomatch(patterns, { dot: true });
  const all = await walk(dir, {
    descend: folderFilter(patterns),
    ...(withGitignores ? { onGitignore: (file: string) => gitignores.push(file) } : {}),
  });
  return { entries: all.filter((entry) => matches(entry.relative)), gitignores };
}

/**
 * Whether the `.gitignore` files found (the folder's and those of the folders below it) ignore a
 * file. Each file's patterns apply to paths relative to its folder, deeper files overriding
 * shallower ones, as in git.
 */
async function gitignoreFilter(found: string[]): Promise<(file: string) => boolean> {
  if (found.length === 0) return () => false;
  // Loaded only for a folder that has .gitignore files.
  const { default: ignore } = await import('ignore');
  const rules: { folder: string; matcher: Ignore }[] = [];
  const sorted = [...found].sort((a, b) => a.split(path.sep).length - b.split(path.sep).length || (a < b ? -1 : 1));
  const contents = await Promise.all(sorted.map((file) => fs.readFile(file, 'utf8').catch(() => '')));
  sorted.forEach((file, i) => rules.push({ folder: path.dirname(file), matcher: ignore().add(contents[i]!) }));
  return (file) => {
    let ignored = false;
    for (const { folder, matcher } of rules) {
      if (!isInside(file, folder) || file === folder) continue;
      const verdict = matcher.test(toPosix(path.relative(folder, file)));
      if (verdict.ignored) ignored = true;
      else if (verdict.unignored) ignored = false;
    }
    return ignored;
  };
}

async function isBrokenLink(file: string): Promise<boolean> {
  try {
    await fs.stat(file);
    return false;
  } catch {
    return true;
  }
}

export interface DiscoverOptions {
  cwd: string;
  config: Config;
  /** Globs in the config are relative to this folder. */
  configDir: string;
  /** The config file the globs come from, named in messages. */
  configFile?: string;
  /**
   * A path that lints nothing (missing, a folder with no document, every file excluded):
   * `'error'` collects every such path and throws one UsageError naming each; `'allow'` skips
   * them, missing ones included. Default: a missing path throws, the others lint nothing.
   */
  unmatched?: 'error' | 'allow';
}

/** Why a path on the command line gave no file to lint. */
interface Unmatched {
  input: string;
  reason: string;
  /** No file was found at all (ESLint's "No files matching"), rather than every one left out. */
  none: boolean;
}

const quoted = (patterns: string[]): string => patterns.map((pattern) => JSON.stringify(pattern)).join(', ');

/** What a user reads when the gate has nothing to lint: each path, and what left it empty. */
function unmatchedMessage(unmatched: Unmatched[]): string {
  const lines = unmatched.map(({ input, reason, none }) =>
    none
      ? `No files matching the pattern "${input}" were found: ${reason}.`
      : `All files matched by "${input}" are ignored: ${reason}.`,
  );
  lines.push(
    "Check the paths and the config's include and exclude, or pass --no-error-on-unmatched-pattern to let a run that lints nothing pass.",
  );
  return lines.join('\ntasklint: ');
}

/**
 * A directory means every file matching `include` below it, minus `exclude` and .gitignore;
 * a file named explicitly is linted whatever its extension (unless `exclude` names it).
 */
export async function discover(
  inputs: string[],
  { cwd, config, configDir, configFile, unmatched: onUnmatched }: DiscoverOptions,
): Promise<Discovery> {
  const files = new Set<string>();
  const roots: string[] = [];
  const isExcluded = picomatch(config.exclude.length ? config.exclude : ['\0'], { dot: true });
  const isIncluded = picomatch(config.include, { dot: true });
  const unmatched: Unmatched[] = [];
  const source = configFile ? ` of ${toPosix(path.relative(cwd, configFile) || configFile)}` : '';
  const include = `include ${quoted(config.include)}${config.include.join('\0') === '**/*.md' ? ' (the default)' : source}`;
  const exclude = `exclude ${quoted(config.exclude)}${source}`;

  for (const input of inputs.length ? inputs : ['.']) {
    const absolute = path.resolve(cwd, input);
    let stat;
    try {
      stat = await fs.stat(absolute);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') {
        if (!onUnmatched) throw new UsageError(`No such file or directory: ${input}`);
        unmatched.push({ input, reason: 'no such file or directory', none: true });
        continue;
      }
      if (code === 'ELOOP') throw new UsageError(`Path is a symbolic link loop: ${input}`);
      // Unreadable: let the read stage report it on the file itself.
      files.add(absolute);
      roots.push(path.dirname(absolute));
      continue;
    }
    if (stat.isDirectory()) {
      roots.push(absolute);
      const base = isInside(absolute, configDir) ? configDir : absolute;
      const patterns = base === absolute ? config.include : ['**/*'];
      let found: Awaited<ReturnType<typeof search>>;
      try {
        found = await search(absolute, patterns, config.gitignore);
      } catch (error) {
        throw new UsageError(`Cannot list ${input}: ${(error as Error).message}`);
      }
      const isGitignored = await gitignoreFilter(found.gitignores);
      let gitignored = 0;
      let excluded = 0;
      let kept = 0;
      for (const entry of found.entries) {
        const file = entry.file;
        // Links are not followed (a folder linking to its parent would never end), but a broken
        // one (a loop, a missing target) is kept so that the read stage reports it.
        if (!entry.dirent.isFile() && !(entry.dirent.isSymbolicLink() && (await isBrokenLink(file)))) continue;
        const relative = toPosix(path.relative(base, file));
        if (!isIncluded(relative)) continue;
        if (isGitignored(file)) gitignored++;
        else if (isExcluded(relative)) excluded++;
        else {
          kept++;
          files.add(file);
        }
      }
      if (kept === 0) {
        const count = gitignored + excluded;
        const by = [excluded ? exclude : '', gitignored ? '.gitignore' : ''].filter(Boolean).join(' and ');
        unmatched.push(
          count === 0
            ? { input, reason: `no file below it matches ${include}`, none: true }
            : {
                input,
                reason: `${count} file${count === 1 ? '' : 's'} below it match${count === 1 ? 'es' : ''} ${include}, and ${by} leave${gitignored && excluded ? '' : 's'} none`,
                none: false,
              },
        );
      }
    } else {
      roots.push(path.dirname(absolute));
      const relative = toPosix(path.relative(configDir, absolute));
      if (!isExcluded(relative)) files.add(absolute);
      else unmatched.push({ input, reason: `${exclude} names it`, none: false });
    }
  }
  if (onUnmatched === 'error' && unmatched.length > 0) throw new UsageError(unmatchedMessage(unmatched));
  return { files: [...files].sort(), root: commonAncestor(roots.length ? roots : [path.resolve(cwd)]) };
}
