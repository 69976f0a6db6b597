import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import type { Ignore } from 'ignore';

/** The root of the git work tree holding `dir` (`.git` is a folder, or a file in worktrees and submodules). */
export function gitRoot(dir: string): string | undefined {
  let current = path.resolve(dir);
  for (;;) {
    if (existsSync(path.join(current, '.git'))) return current;
    const parent = path.dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/** The folder of the nearest package.json above or at `dir`, if its packages are installed there (a node_modules folder beside it). */
export function nodeProjectRoot(dir: string): string | undefined {
  let current = path.resolve(dir);
  for (;;) {
    if (existsSync(path.join(current, 'package.json')))
      return existsSync(path.join(current, 'node_modules')) ? current : undefined;
    const parent = path.dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/** Past this many entries a folder is not searched for a file's name: its size would show in a run. */
const MAX_NAMES = 20_000;
const UNSEARCHED = new Set([
  'node_modules',
  '.git',
  '.hg',
  '.svn',
  '.venv',
  'venv',
  '.tox',
  '.cache',
  '.next',
  'dist',
  'build',
]);

function isInside(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * What the work tree says of files that do not exist: whether `.gitignore` ignores them, and
 * whether they exist with other letter case. Each `.gitignore` and each folder listing is read
 * once per lookup (one run), however many paths ask.
 */
export class MissingFileLookup {
  private readonly matchers = new Map<string, Promise<Ignore | undefined>>();
  private readonly listings = new Map<string, Promise<string[] | undefined>>();
  private readonly namesBelow = new Map<string, Promise<Set<string> | undefined>>();

  /**
   * Whether a file of the same name is elsewhere: in the file's folder with another extension
   * (`App.tsx` for `App.js`), or anywhere below `top` (`src/core/update.ts` for
   * `src/commands/update.ts`, `top` being `src`). A folder too big to list counts as having it.
   */
  async sameNameElsewhere(file: string, top: string): Promise<boolean> {
    const name = path.basename(file).toLowerCase();
    const stem = name.slice(0, name.lastIndexOf('.'));
    const beside = await this.listing(path.dirname(file));
    if (beside?.some((other) => other.toLowerCase().slice(0, other.lastIndexOf('.')) === stem)) return true;
    if (!isInside(file, top) || file === top) return false;
    const below = await this.names(top);
    return below === undefined || below.has(name);
  }

  /** The names of the files below `folder`, lower case, outside installed packages and version control. */
  private names(folder: string): Promise<Set<string> | undefined> {
    let names = this.namesBelow.get(folder);
    if (!names) {
      names = (async () => {
        const found = new Set<string>();
        const queue = [folder];
        let seen = 0;
        while (queue.length) {
          const current = queue.pop()!;
          const dirents = await fs.readdir(current, { withFileTypes: true }).catch(() => []);
          for (const dirent of dirents) {
            if (++seen > MAX_NAMES) return undefined;
            if (dirent.isDirectory()) {
              if (!UNSEARCHED.has(dirent.name)) queue.push(path.join(current, dirent.name));
            } else found.add(dirent.name.toLowerCase());
          }
        }
        return found;
      })();
      this.namesBelow.set(folder, names);
    }
    return names;
  }

  /** Whether the `.gitignore` files from `base` down to the file's folder (and `.git/info/exclude`) ignore `file`. */
  async ignored(base: string, file: string): Promise<boolean> {
    const relative = path.relative(base, file);
    if (!relative || relative.startsWith('..') || path.isAbsolute(relative)) return false;
    const segments = relative.split(path.sep);
    let ignored = false;
    const exclude = await this.matcher(path.join(base, '.git', 'info', 'exclude'));
    if (exclude?.ignores(segments.join('/'))) ignored = true;
    // Deeper files override shallower ones, as in git.
    for (let depth = 0; depth < segments.length; depth++) {
      const folder = path.join(base, ...segments.slice(0, depth));
      const matcher = await this.matcher(path.join(folder, '.gitignore'));
      if (!matcher) continue;
      const verdict = matcher.test(segments.slice(depth).join('/'));
      if (verdict.ignored) ignored = true;
      else if (verdict.unignored) ignored = false;
    }
    return ignored;
  }

  /** Whether `file` (below `base`) exists when letter case is not minded: `src/Models/User.py` for `src/models/user.py`. */
  async existsInOtherCase(base: string, file: string): Promise<boolean> {
    const relative = path.relative(base, file);
    if (!relative || relative.startsWith('..') || path.isAbsolute(relative)) return false;
    let folder = base;
    for (const segment of relative.split(path.sep)) {
      const names = await this.listing(folder);
      if (!names) return false;
      const name = names.includes(segment) ? segment : names.find((n) => n.toLowerCase() === segment.toLowerCase());
      if (name === undefined) return false;
      folder = path.join(folder, name);
    }
    return true;
  }

  private matcher(file: string): Promise<Ignore | undefined> {
    let matcher = this.matchers.get(file);
    if (!matcher) {
      matcher = fs.readFile(file, 'utf8').then(
        async (content) => {
          const { default: ignore } = await import('ignore');
          return ignore().add(content);
        },
        () => undefined,
      );
      this.matchers.set(file, matcher);
    }
    return matcher;
  }

  private listing(folder: string): Promise<string[] | undefined> {
    let names = this.listings.get(folder);
    if (!names) {
      names = fs.readdir(folder).catch(() => undefined);
      this.listings.set(folder, names);
    }
    return names;
  }
}
