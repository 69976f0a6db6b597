import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config.js';
import { loadRules } from '../../src/engine.js';
import { fixFolder } from '../../src/fix.js';
import { lint } from '../../src/lint.js';
import type { Diagnostic } from '../../src/types.js';

/** A tiny planning folder: relative path to content (string, or bytes for encoding cases). */
export type Files = Record<string, string | Buffer>;

export interface ValidCase {
  name: string;
  files: Files;
  config?: Partial<Config>;
  /** Lint these paths (relative to the folder) instead of the whole folder. */
  paths?: string[];
}

export interface ExpectedPlace {
  file: string;
  line: number;
  column?: number;
}

export interface ExpectedError extends ExpectedPlace {
  messageId: string;
  /** Words the message must contain, such as the other place or the two values. */
  messageIncludes?: string[];
  related?: ExpectedPlace[];
}

export interface InvalidCase extends ValidCase {
  errors: ExpectedError[];
  /**
   * As ESLint's RuleTester: the files `--fix` changes (with only this rule on), as they read after
   * it; `null` when the findings must carry no fix. Absent: not checked.
   */
  output?: Record<string, string> | null;
}

const folders: string[] = [];

/** Deletes the folders `writeFolder` made; call from `afterAll`. */
export function removeFolders(): void {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export function writeFolder(files: Files = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'tasklint-test-'));
  folders.push(dir);
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  return dir;
}

/** Lints a folder with only `ruleId` switched on (plus any rules the case's config sets). */
export async function lintWithRule(
  ruleId: string,
  files: Files,
  config: Partial<Config> = {},
  paths?: string[],
): Promise<{ dir: string; diagnostics: Diagnostic[] }> {
  const dir = writeFolder(files);
  const rules = await loadRules();
  const only = Object.fromEntries(
    rules.map((rule) => [rule.id, rule.id === ruleId ? 'error' : 'off']),
  ) as Config['rules'];
  const result = await lint({
    cwd: dir,
    paths: paths ?? ['.'],
    config: { ...config, rules: { ...only, ...(config.rules ?? {}) } },
  });
  return { dir, diagnostics: result.diagnostics.filter((d) => d.ruleId === ruleId) };
}

/** What `--fix` with only `ruleId` on would make of the folder: each changed file's text. */
export async function fixWithRule(
  ruleId: string,
  files: Files,
  config: Partial<Config> = {},
  paths?: string[],
): Promise<Record<string, string>> {
  const dir = writeFolder(files);
  const rules = await loadRules();
  const only = Object.fromEntries(
    rules.map((rule) => [rule.id, rule.id === ruleId ? 'error' : 'off']),
  ) as Config['rules'];
  const fixed = await fixFolder({
    cwd: dir,
    paths: paths ?? ['.'],
    config: { ...config, rules: { ...only, ...(config.rules ?? {}) } },
    write: false,
  });
  return Object.fromEntries(fixed.files.map((file) => [file.relPath, file.after]));
}

function describePlace(dir: string, d: { file: string; range: { start: { line: number; column: number } } }): string {
  return `${path.relative(dir, d.file)}:${d.range.start.line}:${d.range.start.column}`;
}

/**
 * ESLint's RuleTester, strict: every valid case stays silent, every invalid case reports exactly
 * the listed findings (message id, place, related places), case names are unique.
 */
export function ruleTester(ruleId: string, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  const names = [...cases.valid, ...cases.invalid].map((c) => c.name);
  const duplicates = names.filter((name, i) => names.indexOf(name) !== i);
  if (duplicates.length) throw new Error(`${ruleId}: duplicate case names: ${duplicates.join(', ')}`);
  if (cases.invalid.some((c) => c.errors.length === 0))
    throw new Error(`${ruleId}: an invalid case must expect at least one error`);

  afterAll(removeFolders);

  describe(`${ruleId}: valid`, () => {
    for (const testCase of cases.valid) {
      it(testCase.name, async () => {
        const { dir, diagnostics } = await lintWithRule(ruleId, testCase.files, testCase.config, testCase.paths);
        expect(diagnostics.map((d) => `${describePlace(dir, d)} ${d.message}`)).toEqual([]);
      });
    }
  });

  describe(`${ruleId}: invalid`, () => {
    for (const testCase of cases.invalid) {
      it(testCase.name, async () => {
        const { dir, diagnostics } = await lintWithRule(ruleId, testCase.files, testCase.config, testCase.paths);
        const actual = diagnostics.map((d) => ({
          messageId: d.messageId,
          place: describePlace(dir, d).replace(/:\d+$/, ''),
          column: d.range.start.column,
          message: d.message,
          related: d.related.map((r) => `${path.relative(dir, r.file)}:${r.range.start.line}`),
        }));
        expect(
          actual.map((a) => `${a.messageId} ${a.place}`),
          actual.map((a) => a.message).join('\n'),
        ).toEqual(testCase.errors.map((e) => `${e.messageId} ${e.file}:${e.line}`));
        testCase.errors.forEach((expected, i) => {
          const got = actual[i]!;
          if (expected.column !== undefined) expect(got.column).toBe(expected.column);
          for (const words of expected.messageIncludes ?? []) expect(got.message).toContain(words);
          if (expected.related) expect(got.related).toEqual(expected.related.map((r) => `${r.file}:${r.line}`));
          expect(got.message).not.toMatch(/\{\{\w+\}\}/);
        });
        if (testCase.output !== undefined) {
          expect(await fixWithRule(ruleId, testCase.files, testCase.config, testCase.paths)).toEqual(
            testCase.output ?? {},
          );
        }
      });
    }
  });
}
