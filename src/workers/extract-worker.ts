/**
 * A parse + extract thread: receives a file's bytes, answers with its facts.
 *
 * The parser's modules load as the thread starts, before the thread knows the run's settings:
 * a cached run starts this thread first thing and sends the settings once discovery has found
 * the folder's root.
 */
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { factsFromBytes } from '../documents.js';
import { analysisFailed, emptyFacts, extractSettings, type ExtractSettings } from '../settings.js';
import type { ExtractJobMessage, ExtractResultMessage, WorkerData, WorkerSettings } from './pool.js';

const data = workerData as WorkerData;
const port = parentPort!;

/**
 * For tasklint's own tests of the pool's failure paths (test/robustness/pool.test.ts), and
 * nothing else: `crash-on:NAME` makes the thread die while parsing a file named NAME,
 * `hang-on:NAME` makes it never finish one, `fail-to-start` makes it fail as it starts.
 */
const fault = process.env.TASKLINT_TEST_WORKER_FAULT ?? '';
if (fault === 'fail-to-start')
  throw new Error('this thread was told to fail as it starts (TASKLINT_TEST_WORKER_FAULT)');

function settingsFrom(settings: WorkerSettings): ExtractSettings {
  return extractSettings(settings.config, settings.root, settings.configDir);
}

let settings = data.settings ? settingsFrom(data.settings) : undefined;

function injectFault(file: string): void {
  const [kind, name] = [fault.slice(0, fault.indexOf(':')), fault.slice(fault.indexOf(':') + 1)];
  if (!name || path.basename(file) !== name) return;
  if (kind === 'crash-on') process.exit(70);
  if (kind === 'hang-on') for (;;);
}

port.on('message', (message: ExtractJobMessage) => {
  if ('settings' in message) {
    settings = settingsFrom(message.settings);
    return;
  }
  const { index, file, bytes } = message;
  if (!settings) throw new Error('tasklint: a file was sent to a parsing thread before its settings');
  if (fault) injectFault(file);
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const facts = factsFromBytes(file, buffer, settings);
  try {
    port.postMessage({ index, facts } satisfies ExtractResultMessage);
  } catch (error) {
    port.postMessage({
      index,
      facts: emptyFacts(file, settings, [analysisFailed((error as Error).message)]),
    } satisfies ExtractResultMessage);
  }
});

port.postMessage({ ready: true } satisfies ExtractResultMessage);
