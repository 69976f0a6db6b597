import { promises as fs } from 'node:fs';
import path from 'node:path';
import { globby } from 'globby';
import ignore, { type Ignore } from 'ignore';
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

const ALWAYS_IGNORED = ['**/node_modules/**', '**/.git/**'];

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

/**
 * Whether `.gitignore` files under `dir` ignore a file. globby's own `gitignore` option looks for
 * them following symbolic links, so a link to a parent folder sends it through the whole disk;
 * here links are not followed, as in discovery itself. Each file's patterns apply to paths
 * relative to its folder, deeper files overriding shallower ones, as in git.
 */
async function gitignoreFilter(dir: string): Promise<(file: string) => boolean> {
  const found = await globby('**/.gitignore', { cwd: dir, absolute: true, dot: true, onlyFiles: true, followSymbolicLinks: false, ignore: ALWAYS_IGNORED, suppressErrors: true });
  const rules: Array<{ folder: string; matcher: Ignore }> = [];
  for (const file of found.sort((a, b) => a.split('/').length - b.split('/').length || (a < b ? -1 : 1))) {
    const content = await fs.readFile(file, 'utf8').catch(() => '');
    rules.push({ folder: path.dirname(path.normalize(file)), matcher: ignore().add(content) });
  }
  if (rules.length === 0) return () => false;
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
}

/**
 * A directory means every file matching `include` below it, minus `exclude` and .gitignore;
 * a file named explicitly is linted whatever its extension (unless `exclude` names it).
 */
export async function discover(inputs: string[], { cwd, config, configDir }: DiscoverOptions): Promise<Discovery> {
  const files = new Set<string>();
  const roots: string[] = [];
  const isExcluded = picomatch(config.exclude.length ? config.exclude : ['\0'], { dot: true });
  const isIncluded = picomatch(config.include, { dot: true });

  for (const input of inputs.length ? inputs : ['.']) {
    const absolute = path.resolve(cwd, input);
    let stat;
    try {
      stat = await fs.stat(absolute);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') throw new UsageError(`No such file or directory: ${input}`);
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
      let found: Array<{ path: string; dirent: { isFile(): boolean; isSymbolicLink(): boolean } }>;
      try {
        found = await globby(patterns, {
          cwd: absolute,
          absolute: true,
          onlyFiles: false,
          objectMode: true,
          dot: false,
          followSymbolicLinks: false,
          ignore: ALWAYS_IGNORED,
          suppressErrors: true,
        });
      } catch (error) {
        throw new UsageError(`Cannot list ${input}: ${(error as Error).message}`);
      }
      const isGitignored = config.gitignore ? await gitignoreFilter(absolute) : () => false;
      for (const entry of found) {
        const file = path.normalize(entry.path);
        if (isGitignored(file)) continue;
        // Links are not followed (a folder linking to its parent would never end), but a broken
        // one (a loop, a missing target) is kept so that the read stage reports it.
        if (!entry.dirent.isFile() && !(entry.dirent.isSymbolicLink() && (await isBrokenLink(file)))) continue;
        const relative = toPosix(path.relative(base, file));
        if (isIncluded(relative) && !isExcluded(relative)) files.add(file);
      }
    } else {
      roots.push(path.dirname(absolute));
      const relative = toPosix(path.relative(configDir, absolute));
      if (!isExcluded(relative)) files.add(absolute);
    }
  }
  return { files: [...files].sort(), root: commonAncestor(roots) };
}
