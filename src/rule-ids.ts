import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The rules' folder: `rules/` beside `src/`, in the checkout and in `dist/` alike. */
export const RULES_DIR = fileURLToPath(new URL('../rules/', import.meta.url));

/** The rule files: one rule each, named by its id. */
export function ruleFiles(): string[] {
  return readdirSync(RULES_DIR)
    .filter((name) => /\.(ts|js)$/.test(name) && !name.endsWith('.d.ts'))
    .sort();
}

let ids: string[] | undefined;

/** Every rule's id, without loading the rules: what a config or a comment may name. */
export function ruleIds(): string[] {
  ids ??= ruleFiles().map((name) => name.replace(/\.(ts|js)$/, ''));
  return ids;
}
