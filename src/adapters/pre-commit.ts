import { corpusScope } from './scope.js';

/** What `tasklint --hook FILE...` lints and reports. */
export interface HookInputs {
  /** The whole planning folder: both sides of a contradiction must be read. */
  paths: string[];
  /** The files pre-commit passed (the staged ones): only findings touching them are reported. */
  reportOnly: string[];
  configFile?: string;
}

/**
 * pre-commit passes only the staged files. tasklint lints the folder around them (the config's
 * folder, else the git repository) and reports the findings with a place in one of them, so a
 * staged edit that contradicts an unstaged file fails the commit, and old findings elsewhere
 * do not.
 */
export function hookInputs(files: string[], cwd: string, configFile?: string): HookInputs {
  const scope = corpusScope(files, cwd, configFile);
  return { paths: [scope.root], reportOnly: files, ...(scope.configFile ? { configFile: scope.configFile } : {}) };
}
