import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import type { Nodes } from 'mdast';
import { describe, expect, it } from 'vitest';
import { newAjv } from '../src/config.js';
import { loadRules } from '../src/engine.js';
import { parseMarkdown } from '../src/parse.js';
import { ruleDocument, withRulesTable } from '../src/rule-docs.js';
import { plainText } from '../src/extract/text.js';
import { runCli } from './helpers/cli.js';
import { lintWithRule } from './helpers/rule-tester.js';

const root = path.resolve(import.meta.dirname, '..');
const rules = await loadRules();

/** Rules about bytes, which a Markdown code block cannot hold: their examples are described in words. */
const BYTE_RULES = new Set(['unreadable-file', 'invalid-encoding']);

interface ExampleFiles {
  incorrect: Record<string, string>;
  correct: Record<string, string>;
}

/** The Example section's code blocks, filed under the "Incorrect" or "Correct" paragraph before them. */
function examplesOf(docs: string): ExampleFiles {
  const tree = parseMarkdown(docs);
  const files: ExampleFiles = { incorrect: {}, correct: {} };
  let inExample = false;
  let side: keyof ExampleFiles | undefined;
  for (const node of tree.children as Nodes[]) {
    if (node.type === 'heading') {
      inExample = plainText(node).trim() === 'Example';
      side = undefined;
    } else if (inExample && node.type === 'paragraph') {
      const text = plainText(node).trim();
      if (/^incorrect/i.test(text)) side = 'incorrect';
      else if (/^correct/i.test(text)) side = 'correct';
    } else if (inExample && side && node.type === 'code') {
      const code = node;
      const name = /file=(\S+)/.exec(code.meta ?? '')?.[1] ?? 'example.md';
      files[side][name] = `${code.value}\n`;
    }
  }
  return files;
}

describe('rule documentation', () => {
  it('every rule has the four sections, a description starting with a verb, and messages', () => {
    for (const rule of rules) {
      for (const section of ['## What it does', '## Why is this bad?', '## Example', '## Options']) {
        expect(rule.meta.docs, `${rule.id} docs`).toContain(section);
      }
      expect(rule.meta.description, rule.id).toMatch(/^(Disallow|Require|Report|Flag|Check)\b/);
      expect(Object.keys(rule.meta.messages).length, rule.id).toBeGreaterThan(0);
      expect(rule.meta.schema, rule.id).toMatchObject({ type: 'object', additionalProperties: false });
      // The engine trusts a rule's defaults and validates only what a user sets.
      const validate = newAjv().compile(rule.meta.schema);
      expect(
        validate(structuredClone(rule.meta.defaultOptions)),
        `${rule.id} defaultOptions: ${JSON.stringify(validate.errors)}`,
      ).toBe(true);
    }
  });

  it('docs/rules/ and the README rule table are generated from the metadata (run `npm run docs`)', () => {
    for (const rule of rules) {
      const file = path.join(root, 'docs', 'rules', `${rule.id}.md`);
      expect(existsSync(file), `${file} is missing: run npm run docs`).toBe(true);
      expect(readFileSync(file, 'utf8'), `${file} is stale: run npm run docs`).toBe(ruleDocument(rule));
    }
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    expect(readme, 'README rule table is stale: run npm run docs').toBe(withRulesTable(readme, rules));
  });

  it('the README shows what `npx tasklint --fix-dry-run` really prints', () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    const block = /```text\n\$ npx (tasklint --fix-dry-run [^\n]*)\n([\s\S]*?)```/.exec(readme);
    expect(block, 'README --fix-dry-run block').not.toBeNull();
    const args = block![1]!.split(' ').slice(1);
    expect(runCli(args).stdout).toBe(block![2]);
  });

  it('the README shows what `npx tasklint examples/` really prints', () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    const shown = /```text\n\$ npx tasklint examples\/\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(shown, 'README output block').toBeDefined();
    expect(shown).toBe(runCli(['examples/']).stdout);
  });

  for (const rule of rules) {
    if (BYTE_RULES.has(rule.id)) continue;
    it(`${rule.id}: the docs' incorrect example is reported and the correct one is not`, async () => {
      const examples = examplesOf(rule.meta.docs);
      expect(Object.keys(examples.incorrect).length, 'an incorrect example').toBeGreaterThan(0);
      expect(Object.keys(examples.correct).length, 'a correct example').toBeGreaterThan(0);
      const incorrect = await lintWithRule(rule.id, examples.incorrect);
      expect(incorrect.diagnostics.length, 'findings on the incorrect example').toBeGreaterThan(0);
      const correct = await lintWithRule(rule.id, { ...examples.incorrect, ...examples.correct });
      expect(correct.diagnostics.map((d) => d.message)).toEqual([]);
    });
  }
});
