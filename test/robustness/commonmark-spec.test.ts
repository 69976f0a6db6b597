import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lint } from '../../src/lint.js';
import { makeFolder, removeFolders } from './helpers.js';

const require = createRequire(import.meta.url);
const spec = require('commonmark-spec') as {
  text: string;
  tests: { markdown: string; number: number; section: string }[];
};

afterAll(removeFolders);

/** What a document's facts say went wrong inside tasklint, rather than in the file. */
function internalFailures(result: Awaited<ReturnType<typeof lint>>): string[] {
  return result.corpus.documents.flatMap((doc) =>
    doc.problems
      .filter((problem) => problem.kind === 'parse-failed')
      .map((problem) => `${doc.relPath}: ${problem.message}`),
  );
}

describe('every CommonMark spec example is linted without a crash', () => {
  it(`all ${spec.tests.length} examples, one file each`, async () => {
    const files = Object.fromEntries(
      // The spec writes tabs as "→".
      spec.tests.map((example) => [
        `example-${String(example.number).padStart(3, '0')}.md`,
        example.markdown.replace(/→/g, '\t'),
      ]),
    );
    const dir = makeFolder(files);
    const result = await lint({ cwd: dir });
    expect(result.files.map((file) => path.basename(file))).toEqual(Object.keys(files).sort());
    expect(internalFailures(result)).toEqual([]);
    for (const diagnostic of result.diagnostics) {
      expect(diagnostic.message).not.toMatch(/\{\{\w+\}\}|undefined|NaN/);
      expect(diagnostic.range.start.line).toBeGreaterThanOrEqual(1);
    }
  }, 120_000);

  it('the spec itself, a 200 KB Markdown document full of edge cases', async () => {
    const dir = makeFolder({ 'spec.md': spec.text });
    const result = await lint({ cwd: dir });
    expect(internalFailures(result)).toEqual([]);
    // Its 45 headings outside the examples, in order: the document was read to its end.
    const headings = result.corpus.documents[0]!.headings.map((heading) => heading.text);
    expect(headings).toHaveLength(45);
    expect([headings[0], headings[6], headings.at(-1)]).toEqual(['Introduction', 'Tabs', 'process emphasis']);
  }, 120_000);
});
