import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config.js';
import { extractDocument } from '../../src/extract/document.js';
import { parseMarkdown, parseMarkdownWithAutolinkLiterals } from '../../src/parse.js';
import { extractSettings } from '../../src/settings.js';
import { generateFolder } from '../../bench/generate.mjs';
import { readFileSync } from 'node:fs';
import { makeFolder } from './helpers.js';

const require = createRequire(import.meta.url);
const spec = require('commonmark-spec') as { tests: Array<{ markdown: string; number: number }> };

const URLS = `# Links everywhere

See https://example.com/TASK-12_notes_ and www.example.com/~~x~~ (also “www.example.org/TASK-7”), or write to ops@example.com.
**Reference:** https://example.com/plan.md and [\`plan.md\`](./plan.md)

| Task ID | Description | Status | Link |
|---------|-------------|--------|------|
| TASK-1 | Fix https://x.example/a_b_c_ | ✅ COMPLETE | www.example.org/TASK-2 |
| TASK-3 | See <https://example.com> | ~~https://old.example~~ | mailto:ops@example.com |

- [ ] TASK-4 read http://a.example/**c** ([y](./y.md)) 50% (1/2)
- [x] TASK-5 www.example.com/TASK-6 COMPLETE
`;

/** The facts of `text` from a tree made by `parse`. */
function factsWith(parse: (text: string) => ReturnType<typeof parseMarkdown>, text: string): string {
  const settings = extractSettings(DEFAULT_CONFIG, '/plans', '/plans');
  const facts = extractDocument(text, parse(text), { file: '/plans/a.md', relPath: 'a.md', role: 'active', ids: settings.ids, vocabulary: settings.vocabulary });
  return JSON.stringify(facts);
}

describe('the parser tasklint uses', () => {
  it('skips remark-gfm\'s search for bare URLs after parsing, and the facts are the same as with it', () => {
    const folder = generateFolder(makeFolder(), 0.05);
    const documents = [URLS, ...folder.files.map((file) => readFileSync(file, 'utf8')), ...spec.tests.map((example) => example.markdown.replace(/→/g, '\t'))];
    const differing = documents.filter((text) => factsWith(parseMarkdown, text) !== factsWith(parseMarkdownWithAutolinkLiterals, text));
    expect(differing).toEqual([]);
    // The search was really skipped: this bare URL (one the tokenizer leaves to the search) stays text.
    const paragraph = (parse: typeof parseMarkdown) => JSON.stringify(parse('The docs (see:www.example.com) are out of date.\n').children[0]);
    expect(paragraph(parseMarkdown)).not.toContain('"type":"link"');
    expect(paragraph(parseMarkdownWithAutolinkLiterals)).toContain('"type":"link"');
  }, 60_000);
});
