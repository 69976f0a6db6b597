import path from 'node:path';
import picomatch from 'picomatch';
import type { Config } from './config.js';
import { toPosix } from './discover.js';
import { buildIdMatcher, type IdMatcher } from './extract/ids.js';
import { buildVocabulary, type StatusVocabulary } from './extract/status.js';
import type { DocumentFacts, DocumentRole, ReadProblem } from './types.js';

/**
 * What extraction needs from the config, compiled once per run. Kept apart from documents.ts
 * so that a run whose every file comes from the cache or a worker never loads the parser.
 */
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
    vocabulary: buildVocabulary(config.statusWords, config.checkboxMarkers),
    isHistorical: globList(config.historical, true),
    // "TEMPLATE" in capitals marks a template anywhere in a name; "template" only as a name of its own.
    isTemplate: globList(config.templates, false),
    maxFileSize: config.maxFileSize,
  };
}

/**
 * A list of globs read as .gitignore reads its lines: in order, the last one that matches wins,
 * and `!glob` takes back what an earlier glob matched.
 */
export function globList(globs: string[], nocase: boolean): (relPath: string) => boolean {
  const compiled = globs.map((glob) => {
    const negated = glob.startsWith('!');
    return { negated, matches: picomatch(negated ? glob.slice(1) : glob, { dot: true, nocase }) };
  });
  return (relPath) => {
    let matched = false;
    for (const { negated, matches } of compiled) if (matched === negated && matches(relPath)) matched = !negated;
    return matched;
  };
}

export function relPathOf(file: string, settings: ExtractSettings): string {
  return toPosix(path.relative(settings.root, file)) || path.basename(file);
}

/** Backlog.md's drafts: tasks proposed, not accepted. */
const DRAFTS = /(?:^|\/)\.?backlog\/(?:archive\/)?drafts\//;

export function roleOf(file: string, settings: ExtractSettings): DocumentRole {
  const candidates = [
    toPosix(path.relative(settings.root, file)),
    toPosix(path.relative(settings.configDir, file)),
    path.basename(file),
  ];
  if (candidates.some((candidate) => settings.isHistorical(candidate))) return 'historical';
  if (candidates.some((candidate) => settings.isTemplate(candidate))) return 'template';
  if (DRAFTS.test(toPosix(file))) return 'draft';
  return 'active';
}

/** The facts of a document that could not be read or parsed: only its problems. */
/** Why a file has no facts when its analysis failed: a parsing thread died or ran out of time, or extraction threw. */
export function analysisFailed(reason: string): ReadProblem {
  return { kind: 'parse-failed', fatal: true, message: `File could not be analysed (${reason}); it was skipped.` };
}

export function emptyFacts(file: string, settings: ExtractSettings, problems: ReadProblem[]): DocumentFacts {
  return {
    file,
    relPath: relPathOf(file, settings),
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
