import { statSync } from 'node:fs';
import path from 'node:path';
import { findConfigFile } from '../config.js';
import { isInside } from '../corpus.js';
import { commonAncestor } from '../discover.js';
import { gitRoot } from '../work-tree.js';

/**
 * The planning folder around some files, when a surface is handed files rather than a folder
 * (pre-commit's staged files, the file markdownlint is linting, an editor buffer): a
 * contradiction needs both of its sides, so the whole folder is linted.
 */
export interface CorpusScope {
  /** The folder to lint. */
  root: string;
  /** The config file that applies, if one was found. */
  configFile?: string;
}

function folderOf(file: string): string {
  try {
    if (statSync(file).isDirectory()) return file;
  } catch {
    // A file that does not exist (deleted, not yet saved) still has a folder.
  }
  return path.dirname(file);
}

/**
 * The config's folder when a config file is found upward from the files (its `include` and
 * `exclude` then choose the documents), else the git repository holding them, else `fallback`
 * when it holds them, else their folder. A config found above the repository (in a home folder, say) still applies, but the
 * corpus stops at the repository root.
 */
export function corpusScope(
  files: string[],
  cwd: string,
  configFile?: string,
  outside?: { fallback: string },
): CorpusScope {
  const folders = (files.length ? files : ['.']).map((file) => folderOf(path.resolve(cwd, file)));
  const start = commonAncestor(folders);
  const repository = gitRoot(start);
  const config = configFile ? path.resolve(cwd, configFile) : findConfigFile(start)?.file;
  const configDir = config ? path.dirname(config) : undefined;
  let root: string;
  if (configDir && isInside(start, configDir) && (!repository || isInside(configDir, repository))) root = configDir;
  else if (repository) root = repository;
  // Outside any repository: the folder a tool was started in, when it holds the files, else theirs.
  else root = outside && isInside(start, outside.fallback) ? outside.fallback : start;
  return { root, ...(config ? { configFile: config } : {}) };
}
