import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './cli.js';

export interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Asynchronous: installs take a while, and the test worker must keep answering. */
export function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => {
      resolve({ status, stdout, stderr });
    });
  });
}

export async function must(pending: Promise<Ran>): Promise<string> {
  const result = await pending;
  if (result.status !== 0) throw new Error(`exit ${result.status}\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

/**
 * This checkout as it would be committed (tracked and new files, not the ignored ones), as a git
 * repository of its own in `repo`: what a user clones or installs from the repository. The
 * working tree is what must be tested, since the lead commits later.
 */
export async function snapshotOfCheckout(repo: string, env: NodeJS.ProcessEnv): Promise<{ repo: string; rev: string }> {
  const listed = (await must(run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], ROOT, env)))
    .split('\0')
    .filter(Boolean);
  for (const file of listed) {
    const source = path.join(ROOT, file);
    if (!existsSync(source) || !statSync(source).isFile()) continue;
    mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
    copyFileSync(source, path.join(repo, file));
  }
  await must(run('git', ['init', '-q', '-b', 'main'], repo, env));
  await must(run('git', ['add', '-A'], repo, env));
  await must(run('git', ['commit', '-q', '-m', 'snapshot of the tasklint checkout'], repo, env));
  return { repo, rev: (await must(run('git', ['rev-parse', 'HEAD'], repo, env))).trim() };
}
