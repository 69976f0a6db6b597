import path from 'node:path';
import picomatch from 'picomatch';
import type { Config } from './config.js';
import { toPosix } from './discover.js';
import { extractDocument } from './extract/document.js';
import { buildIdMatcher, type IdMatcher } from './extract/ids.js';
import { buildVocabulary, type StatusVocabulary } from './extract/status.js';
import { parseMarkdown } from './parse.js';
import { decode, readDocument } from './read.js';
import type { DocumentFacts, DocumentRole, ReadProblem } from './types.js';

/** What extraction needs from the config, compiled once per run. */
export interface ExtractSettings {
  root: string;
  configDir: string;
  ids: IdMatcher;
  vocabulary: StatusVocabulary;
  isHistorical: (relPath: string) => boolean;
  isTemplate: (relPath: string) => boolean;
  maxFileSize: number;
}

export function extractSettings(config: Config, root: string, configDir: string): ExtractSettings {
  return {
    root,
    configDir,
    ids: buildIdMatcher(config.taskIdPattern),
    vocabulary: buildVocabulary(config.statusWords),
    isHistorical: picomatch(config.historical, { dot: true, nocase: true }),
    isTemplate: picomatch(config.templates, { dot: true }),
    maxFileSize: config.maxFileSize,
  };
}

export function roleOf(file: string, settings: ExtractSettings): DocumentRole {
  const candidates = [toPosix(path.relative(settings.root, file)), toPosix(path.relative(settings.configDir, file)), path.basename(file)];
  if (candidates.some((candidate) => settings.isHistorical(candidate))) return 'historical';
  if (candidates.some((candidate) => settings.isTemplate(candidate))) return 'template';
  return 'active';
}

function emptyFacts(file: string, settings: ExtractSettings, problems: ReadProblem[]): DocumentFacts {
  return {
    file,
    relPath: toPosix(path.relative(settings.root, file)) || path.basename(file),
    role: roleOf(file, settings),
    lineCount: 0,
    headings: [],
    anchors: [],
    links: [],
    mentions: [],
    percents: [],
    mojibake: [],
    problems,
    directives: [],
  };
}

/** parse + extract for text already in memory (the language server's open documents). */
export function factsFromText(file: string, text: string, settings: ExtractSettings, problems: ReadProblem[] = []): DocumentFacts {
  let tree;
  try {
    tree = parseMarkdown(text);
  } catch (error) {
    return emptyFacts(file, settings, [
      ...problems,
      { kind: 'parse-failed', fatal: true, message: `File could not be parsed as Markdown (${(error as Error).message}); it was skipped.` },
    ]);
  }
  try {
    const facts = extractDocument(text, tree, {
      file,
      relPath: toPosix(path.relative(settings.root, file)) || path.basename(file),
      role: roleOf(file, settings),
      ids: settings.ids,
      vocabulary: settings.vocabulary,
    });
    return { ...facts, problems };
  } catch (error) {
    return emptyFacts(file, settings, [
      ...problems,
      { kind: 'parse-failed', fatal: true, message: `File could not be analysed (${(error as Error).message}); it was skipped.` },
    ]);
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
