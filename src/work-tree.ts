import { existsSync } from 'node:fs';
import path from 'node:path';

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
