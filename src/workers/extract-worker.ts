/** A parse + extract thread: receives a file's bytes, answers with its facts. */
import { parentPort, workerData } from 'node:worker_threads';
import type { Config } from '../config.js';
import { factsFromBytes } from '../documents.js';
import { emptyFacts, extractSettings } from '../settings.js';
import type { ExtractJobMessage, ExtractResultMessage } from './pool.js';

const { config, root, configDir } = workerData as { config: Config; root: string; configDir: string };
const settings = extractSettings(config, root, configDir);

parentPort!.on('message', ({ index, file, bytes }: ExtractJobMessage) => {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const facts = factsFromBytes(file, buffer, settings);
  try {
    parentPort!.postMessage({ index, facts } satisfies ExtractResultMessage);
  } catch (error) {
    const problem = { kind: 'parse-failed' as const, fatal: true, message: `File could not be analysed (${(error as Error).message}); it was skipped.` };
    parentPort!.postMessage({ index, facts: emptyFacts(file, settings, [problem]) } satisfies ExtractResultMessage);
  }
});

parentPort!.postMessage({ ready: true } satisfies ExtractResultMessage);
