import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Config } from '../config.js';
import type { DocumentFacts } from '../types.js';

/**
 * Parsing is forty times the cost of reading: spread over threads, it is the one stage worth
 * parallelising. Each thread parses and extracts whole files; the facts come back by structured
 * clone, identical to what the main thread would have extracted.
 */

export interface ExtractJob {
  file: string;
  bytes: Buffer;
}

/** What a thread needs to build the same extraction settings as the main thread. */
export interface WorkerSettings {
  config: Config;
  root: string;
  configDir: string;
}

export type ExtractJobMessage = { index: number; file: string; bytes: Uint8Array };
export type ExtractResultMessage = { index: number; facts: DocumentFacts } | { ready: true };

/** From this many bytes to parse, threads (each loads the parser) pay for themselves. */
export const PARALLEL_THRESHOLD = 256 * 1024;
/**
 * A file this large is parsed on a thread even in a small run: there its parse has a time limit,
 * and the parser has inputs (long runs of nested list items) on which its time grows with the
 * square of the size.
 */
export const BOUNDED_FILE_SIZE = 32 * 1024;
/** Each thread should have at least this much to parse. */
const BYTES_PER_THREAD = 128 * 1024;
const MAX_THREADS = 8;
/** A thread that dies on a file is replaced this many times; then the main thread takes over. */
const MAX_CRASHES = 3;
/**
 * Parsing allocates many short-lived objects: a young generation larger than V8's default cuts
 * the time spent collecting them (parsing the 1x folder on one thread: 8.2 s by default, 7.1 s
 * with 96 MB), for some 60 MB more per thread.
 */
const YOUNG_GENERATION_MB = 96;

const WORKER_URL = new URL('./extract-worker.js', import.meta.url);

/** Threads need the compiled worker: running from TypeScript sources (vitest), there is none. */
export function workersAvailable(): boolean {
  return existsSync(fileURLToPath(WORKER_URL));
}

/**
 * How long a thread may take over one file before it is stopped and the file reported: ten
 * seconds, plus one for every 20 KB, ten times what the parser needs on a slow machine.
 */
export function parseBudget(bytes: number): number {
  return 10_000 + bytes / 20;
}

/**
 * How many worker threads to parse `jobs` on; 0 means in the main thread. `requested` (the
 * `threads` option) overrides the size tests: 1 is the main thread, more is that many workers.
 */
export function threadCount(requested: number | undefined, jobs: ExtractJob[]): number {
  if (jobs.length === 0 || !workersAvailable()) return 0;
  if (requested !== undefined) return requested <= 1 ? 0 : Math.min(Math.floor(requested), jobs.length, MAX_THREADS);
  let bytes = 0;
  let largest = 0;
  for (const job of jobs) {
    bytes += job.bytes.length;
    largest = Math.max(largest, job.bytes.length);
  }
  if (bytes >= PARALLEL_THRESHOLD) return Math.max(1, Math.min(availableParallelism(), Math.ceil(bytes / BYTES_PER_THREAD), jobs.length, MAX_THREADS));
  return largest >= BOUNDED_FILE_SIZE ? 1 : 0;
}

export interface PoolCallbacks {
  /** Facts for a file whose thread died or ran out of time while parsing it. */
  crashed(job: ExtractJob, reason: string): DocumentFacts;
  /** Parses in the main thread, when threads cannot start. */
  inProcess(job: ExtractJob): Promise<DocumentFacts>;
}

interface Run {
  jobs: ExtractJob[];
  queue: number[];
  results: Array<DocumentFacts | undefined>;
  remaining: number;
  callbacks: PoolCallbacks;
  budgetOf: (job: ExtractJob) => number;
  resolve: (facts: DocumentFacts[]) => void;
  reject: (error: unknown) => void;
  fallingBack: boolean;
}

interface Thread {
  worker: Worker;
  ready: boolean;
  current?: number;
  timer?: NodeJS.Timeout;
  timedOut: boolean;
  lastError: string;
}

/**
 * Parsing threads: started (`grow`), given one run of jobs, largest file first, then closed.
 * A thread that takes too long over a file is stopped and replaced; one that dies is replaced a
 * few times; if none can start, the main thread does the work.
 */
export class ExtractPool {
  private readonly threads = new Set<Thread>();
  private run: Run | undefined;
  private crashes = 0;
  private closed = false;

  constructor(private readonly settings: WorkerSettings) {}

  get size(): number {
    return this.threads.size;
  }

  /** Starts threads until there are `count`. */
  grow(count: number): void {
    while (this.threads.size < count && !this.closed) if (!this.spawn()) break;
  }

  /** Parses and extracts `jobs`; the facts come back in the order of `jobs`. */
  extract(
    jobs: ExtractJob[],
    callbacks: PoolCallbacks,
    budgetOf: (job: ExtractJob) => number = (job) => parseBudget(job.bytes.length),
  ): Promise<DocumentFacts[]> {
    if (this.run) throw new Error('ExtractPool runs one set of jobs at a time');
    if (jobs.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      // Largest first: a large file started last would leave the other threads idle at the end.
      const queue = jobs.map((_, index) => index).sort((a, b) => jobs[b]!.bytes.length - jobs[a]!.bytes.length || a - b);
      this.run = { jobs, queue, results: new Array(jobs.length), remaining: jobs.length, callbacks, budgetOf, resolve, reject, fallingBack: false };
      if (this.threads.size === 0) this.fallBack();
      for (const thread of this.threads) if (thread.ready && thread.current === undefined) this.feed(thread);
    });
  }

  /** Stops every thread; a run not finished is rejected. Safe to call more than once. */
  close(): void {
    this.closed = true;
    for (const thread of this.threads) {
      clearTimeout(thread.timer);
      void thread.worker.terminate();
    }
    const run = this.run;
    this.run = undefined;
    run?.reject(new Error('parsing was stopped'));
  }

  private spawn(): boolean {
    let worker: Worker;
    try {
      worker = new Worker(WORKER_URL, { workerData: this.settings, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
    } catch {
      return false;
    }
    // A thread waiting for work must not keep the process alive.
    worker.unref();
    const thread: Thread = { worker, ready: false, timedOut: false, lastError: '' };
    this.threads.add(thread);
    worker.on('message', (message: ExtractResultMessage) => {
      // Stopped for taking too long: a late answer is ignored, and it gets no more work.
      if (thread.timedOut) return;
      if ('ready' in message) {
        thread.ready = true;
      } else {
        clearTimeout(thread.timer);
        thread.current = undefined;
        this.settle(message.index, message.facts);
      }
      if (this.run) this.feed(thread);
    });
    worker.on('error', (error) => {
      thread.lastError = error.message;
    });
    worker.on('exit', () => this.exited(thread));
    return true;
  }

  private feed(thread: Thread): void {
    const run = this.run!;
    const index = run.queue.shift();
    if (index === undefined) return;
    const job = run.jobs[index]!;
    thread.current = index;
    thread.worker.ref();
    thread.worker.postMessage({ index, file: job.file, bytes: job.bytes } satisfies ExtractJobMessage);
    const budget = run.budgetOf(job);
    thread.timer = setTimeout(() => {
      // A parse that runs this long is stuck in the parser's slow paths: stop the thread.
      thread.current = undefined;
      thread.timedOut = true;
      const limit = budget >= 1000 ? `${Math.round(budget / 1000)} s` : `${budget} ms`;
      this.settle(
        index,
        run.callbacks.crashed(job, `parsing took longer than ${limit}, the limit for its size; the Markdown parser slows down badly on some shapes, such as long runs of nested list items`),
      );
      void thread.worker.terminate();
    }, budget);
  }

  private settle(index: number, facts: DocumentFacts): void {
    const run = this.run;
    if (!run || run.results[index] !== undefined) return;
    run.results[index] = facts;
    run.remaining--;
    if (run.remaining > 0) return;
    this.run = undefined;
    for (const thread of this.threads) thread.worker.unref();
    run.resolve(run.results as DocumentFacts[]);
  }

  private exited(thread: Thread): void {
    clearTimeout(thread.timer);
    this.threads.delete(thread);
    const run = this.run;
    if (this.closed || !run) return;
    const inFlight = thread.current;
    thread.current = undefined;
    if (thread.timedOut) {
      if (run.queue.length) this.spawn();
    } else if (!thread.ready) {
      // It never started (cannot load its modules): the others, or the main thread, do the work.
      if (inFlight !== undefined) run.queue.unshift(inFlight);
    } else if (inFlight !== undefined) {
      this.settle(inFlight, run.callbacks.crashed(run.jobs[inFlight]!, thread.lastError || 'its parsing thread stopped'));
      this.crashes++;
      if (run.queue.length && this.crashes < MAX_CRASHES) this.spawn();
    }
    if (this.run && this.threads.size === 0 && run.queue.length) this.fallBack();
  }

  /** The main thread parses what is left, one file at a time. */
  private fallBack(): void {
    const run = this.run!;
    if (run.fallingBack) return;
    run.fallingBack = true;
    void (async () => {
      while (run.queue.length) {
        const index = run.queue.shift()!;
        this.settle(index, await run.callbacks.inProcess(run.jobs[index]!));
      }
    })().catch(run.reject);
  }
}
