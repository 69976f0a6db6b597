import { readdirSync } from 'node:fs';
import path from 'node:path';

/** Every `.md` file under `dir`, sorted: the same list each contender gets. */
export function listFiles(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.md'))
    .map((entry) => path.join(entry.parentPath ?? entry.path, entry.name))
    .sort();
}
