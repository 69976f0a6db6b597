import type { Root } from 'mdast';
import { extractDocument } from './extract/document.js';
import { layoutOf } from './extract/shapes/layout.js';
import { excessiveNesting, MAX_NESTING, parseMarkdown } from './parse.js';
import { decode, readDocument } from './read.js';
import { analysisFailed, emptyFacts, relPathOf, roleOf, type ExtractSettings } from './settings.js';
import type { DocumentFacts, ReadProblem } from './types.js';

export { extractSettings, roleOf, type ExtractSettings } from './settings.js';

function describeFailure(error: unknown): string {
  if (error instanceof RangeError && /call stack/i.test(error.message)) return 'it is nested too deeply';
  return (error as Error).message;
}

/** How a text becomes a tree: a full parse, or the language server's re-parse of what an edit touched. */
export type Parse = (text: string, options: { frontMatter: boolean }) => Root;

/** parse + extract for text already in memory (the language server's open documents). */
export function factsFromText(
  file: string,
  text: string,
  settings: ExtractSettings,
  problems: ReadProblem[] = [],
  parse: Parse = parseMarkdown,
): DocumentFacts {
  const nesting = excessiveNesting(text);
  if (nesting) {
    const at = { line: nesting.line, column: 1 };
    return emptyFacts(file, settings, [
      ...problems,
      {
        kind: 'parse-failed',
        fatal: true,
        message: `File nests lists or block quotes ${nesting.depth} levels deep at line ${nesting.line}, past the limit of ${MAX_NESTING}; it was skipped.`,
        range: { start: at, end: at },
      },
    ]);
  }
  let tree;
  try {
    tree = parse(text, { frontMatter: layoutOf(file)?.format === 'backlog' });
  } catch (error) {
    return emptyFacts(file, settings, [
      ...problems,
      {
        kind: 'parse-failed',
        fatal: true,
        message: `File could not be parsed as Markdown (${describeFailure(error)}); it was skipped.`,
      },
    ]);
  }
  try {
    const facts = extractDocument(text, tree, {
      file,
      relPath: relPathOf(file, settings),
      role: roleOf(file, settings),
      ids: settings.ids,
      vocabulary: settings.vocabulary,
    });
    return { ...facts, problems };
  } catch (error) {
    return emptyFacts(file, settings, [...problems, analysisFailed(describeFailure(error))]);
  }
}

export function factsFromBytes(file: string, bytes: Buffer, settings: ExtractSettings): DocumentFacts {
  const decoded = decode(bytes);
  if (decoded.text === undefined) return emptyFacts(file, settings, decoded.problems);
  return factsFromText(file, decoded.text, settings, decoded.problems);
}

/** read + parse + extract one file: never throws, a problem becomes part of its facts. */
export async function loadDocument(file: string, settings: ExtractSettings): Promise<DocumentFacts> {
  const read = await readDocument(file, settings.maxFileSize);
  if (read.text === undefined) return emptyFacts(file, settings, read.problems);
  return factsFromText(file, read.text, settings, read.problems);
}
