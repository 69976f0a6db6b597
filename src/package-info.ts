import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The package's own folder, whether running from `src/` (tests) or `dist/src/` (installed). */
function findPackageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest)) {
      const json = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string };
      if (json.name === 'tasklint') return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('tasklint: cannot find its own package.json');
    dir = parent;
  }
}

export const PACKAGE_ROOT = findPackageRoot();

export const VERSION: string = (
  JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }
).version;

export const SCHEMA_PATH = path.join(PACKAGE_ROOT, 'schema.json');

/**
 * Each rule's docs, as the file shipped beside the running tasklint: SARIF, editors and
 * markdownlint link to it. A link that always exists and matches the version that reported,
 * which a link to a tag of the repository would not be until that tag is pushed.
 */
export function ruleDocsUrl(ruleId: string): string {
  return pathToFileURL(path.join(PACKAGE_ROOT, 'docs', 'rules', `${ruleId}.md`)).href;
}

/** A section of the README shipped beside the running tasklint. */
export function readmeUrl(fragment: string): string {
  return `${pathToFileURL(path.join(PACKAGE_ROOT, 'README.md')).href}#${fragment}`;
}
