import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

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

export const VERSION: string = (JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

export const SCHEMA_PATH = path.join(PACKAGE_ROOT, 'schema.json');

/** Where each rule's docs are published; SARIF and editors link to it. */
export function ruleDocsUrl(ruleId: string): string {
  return `https://github.com/tasklint/tasklint/blob/v${VERSION}/docs/rules/${ruleId}.md`;
}
