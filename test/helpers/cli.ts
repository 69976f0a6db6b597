import { spawnSync } from 'node:child_process';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const CLI = path.join(ROOT, 'dist', 'src', 'cli.js');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the built CLI as a user would (`npm test` builds before the tests run). `env` is laid over
 * this process's environment; a variable set to undefined is removed.
 */
export function runCli(args: string[], cwd: string = ROOT, env: NodeJS.ProcessEnv = {}): CliRun {
  // `{ NAME: undefined }` in `env` unsets NAME for the child.
  const childEnv: NodeJS.ProcessEnv = Object.fromEntries(
    Object.entries<string | undefined>({ ...process.env, NO_COLOR: '1', ...env }).filter(
      ([, value]) => value !== undefined,
    ),
  );
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: childEnv });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}
