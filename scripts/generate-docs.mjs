// Regenerates docs/rules/*.md and the README's rule table from the rules' metadata.
// `npm test` fails when they are stale (test/docs.test.ts).
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadRules } from '../dist/src/engine.js';
import { ruleDocument, withRulesTable } from '../dist/src/rule-docs.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const docsDir = path.join(root, 'docs', 'rules');
const rules = await loadRules();
mkdirSync(docsDir, { recursive: true });
const wanted = new Set(rules.map((rule) => `${rule.id}.md`));
for (const name of readdirSync(docsDir)) if (!wanted.has(name)) rmSync(path.join(docsDir, name));
for (const rule of rules) writeFileSync(path.join(docsDir, `${rule.id}.md`), ruleDocument(rule));
const readmePath = path.join(root, 'README.md');
writeFileSync(readmePath, withRulesTable(readFileSync(readmePath, 'utf8'), rules));
console.log(`wrote ${rules.length} rule pages and the README rule table`);
