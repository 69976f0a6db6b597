import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config.js';
import { extractDocument } from '../../src/extract/document.js';
import { parseMarkdown } from '../../src/parse.js';
import { extractSettings } from '../../src/settings.js';
import { generateFolder } from '../../bench/generate.mjs';
import { ROOT } from '../helpers/cli.js';
import { makeFolder } from './helpers.js';

const require = createRequire(import.meta.url);
const spec = require('commonmark-spec') as { text: string; tests: { markdown: string; number: number }[] };

/** The tree of the whole of GFM, as remark-gfm makes it: bare URLs and e-mail addresses become links. */
const fullGfm = unified().use(remarkParse).use(remarkGfm);
const parseFullGfm = (text: string): Root => fullGfm.parse(text);

/** The facts of `text` from a tree made by `parse`. */
function factsWith(parse: (text: string) => Root, text: string): string {
  const settings = extractSettings(DEFAULT_CONFIG, '/plans', '/plans');
  const facts = extractDocument(text, parse(text), {
    file: '/plans/a.md',
    relPath: 'a.md',
    role: 'active',
    ids: settings.ids,
    vocabulary: settings.vocabulary,
  });
  return JSON.stringify(facts);
}

function filesBelow(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesBelow(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
  );
}

/** The two real planning documents tasklint was made for, where they sit beside the project. */
const SEEDS = path.resolve(ROOT, '..', 'shared', 'seeds');
const seeds = existsSync(SEEDS)
  ? readdirSync(SEEDS)
      .filter((name) => name.endsWith('.txt'))
      .map((name) => path.join(SEEDS, name))
  : [];

const URLS = `# Links everywhere

See https://example.com/TASK-12_notes_ and www.example.com/x (also “www.example.org/TASK-7”), or write to ops@example.com.
**Reference:** https://example.com/plan.md and [\`plan.md\`](./plan.md)

| Task ID | Description | Status | Link |
|---------|-------------|--------|------|
| TASK-1 | Fix https://x.example/a_b_c_ | ✅ COMPLETE | www.example.org/TASK-2 |
| TASK-3 | See <https://example.com> | ~~https://old.example~~ | mailto:ops@example.com |

- [ ] TASK-4 read http://a.example/c ([y](./y.md)) 50% (1/2)
- [x] TASK-5 www.example.com/TASK-6 COMPLETE
`;

describe('the parser tasklint uses', () => {
  it('reads planning folders as remark-gfm does: the facts are the same', () => {
    const generated = generateFolder(makeFolder(), 0.1);
    const documents = [
      URLS,
      spec.text,
      ...[...filesBelow(path.join(ROOT, 'examples')), ...seeds, ...generated.files].map((file) =>
        readFileSync(file, 'utf8'),
      ),
      ...spec.tests.map((example) => example.markdown.replace(/→/g, '\t')),
    ];
    const differing = documents.filter((text) => factsWith(parseMarkdown, text) !== factsWith(parseFullGfm, text));
    expect(differing).toEqual([]);
  }, 60_000);

  it('leaves bare URLs and e-mail addresses as text, which only the text of a URL holding emphasis marks shows', () => {
    // remark-gfm makes links of these; tasklint keeps them as text (no fact is drawn from an
    // http: or mailto: link, so that saves parse time and changes nothing).
    const paragraph = (parse: typeof parseMarkdown) =>
      JSON.stringify(parse('The docs (see:www.example.com) are out of date; ask ops@example.com.\n').children[0]);
    expect(paragraph(parseMarkdown)).not.toContain('"type":"link"');
    expect(paragraph(parseFullGfm)).toContain('"type":"link"');
    // The one place the two differ in facts: in a bare URL, GitHub reads `**c**` and `~~d~~` as part
    // of the link, tasklint as strong and struck text, so the title loses the marks. The task, its
    // status and its links are the same.
    const text = '- [ ] TASK-4 read http://a.example/**c**/~~d~~ ([y](./y.md))\n';
    const lean = factsWith(parseMarkdown, text);
    const full = factsWith(parseFullGfm, text);
    expect((JSON.parse(lean) as { mentions: { title: string }[] }).mentions[0]?.title).toBe(
      'read http://a.example/c/d',
    );
    expect(full).toContain('"title":"read http://a.example/**c**/~~d~~"');
    expect(lean).toBe(full.replaceAll('http://a.example/**c**/~~d~~', 'http://a.example/c/d'));
  });
});
