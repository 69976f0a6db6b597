import { existsSync, statSync } from 'node:fs';
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

/** What a thread starts with: its settings when they are known already. */
export interface WorkerData {
  settings?: WorkerSettings;
}

/** To a thread: the settings (once, when they were not known as it started), then files. */
export type ExtractJobMessage = { index: number; file: string; bytes: Uint8Array } | { settings: WorkerSettings };
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

/**
 * The thread's script: extract-worker.js as compiled, or the same in one file with the parser
 * (extract-worker.bundle.js, when the build makes one). The parser is some 200 small modules,
 * which a thread takes 250 ms to load one by one and 110 ms as one file: with a thread started
 * ahead of need (a cached run), that is the difference between a thread ready before the files
 * that changed are known and one that keeps the run waiting. A bundle older than the compiled
 * script is left alone: it was made from older sources.
 */
const WORKER_URL = ((): URL => {
  const compiled = new URL('./extract-worker.js', import.meta.url);
  const bundle = new URL('./extract-worker.bundle.js', import.meta.url);
  try {
    if (statSync(bundle).mtimeMs >= statSync(compiled).mtimeMs) return bundle;
  } catch {
    // No bundle (or no compiled script either: running from sources).
  }
  return compiled;
})();

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
 * `started` threads are running already (started ahead of need, their parser loaded or loading):
 * they are used whatever the size of the work.
 */
export function threadCount(requested: number | undefined, jobs: ExtractJob[], started = 0): number {
  if (jobs.length === 0 || !workersAvailable()) return 0;
  if (requested !== undefined) return requested <= 1 ? 0 : Math.min(Math.floor(requested), jobs.length, MAX_THREADS);
  if (started > 0) return Math.max(started, threadCount(undefined, jobs));
  let bytes = 0;
  let largest = 0;
  for (const job of jobs) {
    bytes += job.bytes.length;
    largest = Math.max(largest, job.bytes.length);
  }
  if (bytes >= PARALLEL_THRESHOLD)
    return Math.max(1, Math.min(availableParallelism(), Math.ceil(bytes / BYTES_PER_THREAD), jobs.length, MAX_THREADS));
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
  /** Indexes into `jobs` not yet given to a thread, largest file first. */
  queue: number[];
  results: (DocumentFacts | undefined)[];
  remaining: number;
  /** No more jobs will be added. */
  ended: boolean;
  callbacks: PoolCallbacks;
  budgetOf: (job: ExtractJob) => number;
  resolve: (facts: DocumentFacts[]) => void;
  reject: (error: unknown) => void;
  /** The threads are gone: the main thread parses what is queued. */
  fallingBack: boolean;
  draining: boolean;
}

interface Thread {
  worker: Worker;
  ready: boolean;
  current?: number;
  timer?: NodeJS.Timeout;
  timedOut: boolean;
  lastError: string;
}

/** A run of jobs given to the pool as they are found (`ExtractPool.start`). */
export interface ExtractRun {
  /** Queues a file: a thread free for it starts on it at once. */
  add(job: ExtractJob): void;
  /** Says that every job was added; resolves with their facts, in the order they were added. */
  end(): Promise<DocumentFacts[]>;
}

const defaultBudget = (job: ExtractJob) => parseBudget(job.bytes.length);

/**
 * Parsing threads: started (`grow`), given one run of jobs, largest file first, then closed.
 * A thread that takes too long over a file is stopped and replaced; one that dies is replaced a
 * few times; if none can start, the main thread does the work.
 *
 * Threads may start before the settings are known (`grow` first, `configure` later), and jobs
 * may be added to a run while the others are still being found (`start`): a cached run starts a
 * thread as it begins, so that the parser loads on another core while the main thread finds,
 * reads and looks up the files, and hands it each file that changed as soon as it is found.
 */
export class ExtractPool {
  private readonly threads = new Set<Thread>();
  private run: Run | undefined;
  private crashes = 0;
  private closed = false;
  private settings: WorkerSettings | undefined;

  constructor(settings?: WorkerSettings) {
    this.settings = settings;
  }

  get size(): number {
    return this.threads.size;
  }

  /** Gives the threads, started or to come, the run's settings: needed once, before `extract`. */
  configure(settings: WorkerSettings): void {
    if (this.settings) throw new Error('ExtractPool is configured once');
    this.settings = settings;
    for (const thread of this.threads) thread.worker.postMessage({ settings } satisfies ExtractJobMessage);
  }

  /** Starts threads until there are `count`. */
  grow(count: number): void {
    while (this.threads.size < count && !this.closed) if (!this.spawn()) break;
    // Threads started after the run began take their share of what is queued.
    if (this.run) for (const thread of this.threads) this.feed(thread);
  }

  /** Parses and extracts `jobs`; the facts come back in the order of `jobs`. */
  extract(
    jobs: ExtractJob[],
    callbacks: PoolCallbacks,
    budgetOf: (job: ExtractJob) => number = defaultBudget,
  ): Promise<DocumentFacts[]> {
    const run = this.start(callbacks, budgetOf);
    for (const job of jobs) run.add(job);
    return run.end();
  }

  /** Begins a run whose jobs are added one by one (`add`), until `end`. */
  start(callbacks: PoolCallbacks, budgetOf: (job: ExtractJob) => number = defaultBudget): ExtractRun {
    if (this.run) throw new Error('ExtractPool runs one set of jobs at a time');
    if (this.closed) throw new Error('ExtractPool was closed');
    if (!this.settings) throw new Error('ExtractPool.configure must come before extract');
    let resolve!: (facts: DocumentFacts[]) => void;
    let reject!: (error: unknown) => void;
    const done = new Promise<DocumentFacts[]>((yes, no) => {
      resolve = yes;
      reject = no;
    });
    // Rejected only when the run is stopped (close): a caller who stops it does not wait for it.
    done.catch(() => undefined);
    const run: Run = {
      jobs: [],
      queue: [],
      results: [],
      remaining: 0,
      ended: false,
      callbacks,
      budgetOf,
      resolve,
      reject,
      fallingBack: false,
      draining: false,
    };
    this.run = run;
    return {
      add: (job) => {
        if (run.ended) throw new Error('ExtractRun.add after end');
        if (this.run !== run) return;
        const index = run.jobs.push(job) - 1;
        run.results.push(undefined);
        run.remaining++;
        // Largest first: a large file started last would leave the other threads idle at the end.
        const size = job.bytes.length;
        let at = run.queue.length;
        while (at > 0 && run.jobs[run.queue[at - 1]!]!.bytes.length < size) at--;
        run.queue.splice(at, 0, index);
        if (this.threads.size === 0) this.fallBack();
        else if (run.fallingBack) this.drain(run);
        else for (const thread of this.threads) this.feed(thread);
      },
      end: () => {
        run.ended = true;
        if (this.run === run && run.remaining === 0) this.finish(run);
        return done;
      },
    };
  }

  /** Stops every thread, without waiting for them to end; a run not finished is rejected. Safe to call more than once. */
  close(): void {
    this.closed = true;
    for (const thread of this.threads) {
      clearTimeout(thread.timer);
      void thread.worker.terminate();
    }
    this.threads.clear();
    const run = this.run;
    this.run = undefined;
    run?.reject(new Error('parsing was stopped'));
  }

  private spawn(): boolean {
    let worker: Worker;
    try {
      const workerData: WorkerData = this.settings ? { settings: this.settings } : {};
      worker = new Worker(WORKER_URL, {
        workerData,
        resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
      });
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
    worker.on('exit', () => {
      this.exited(thread);
    });
    return true;
  }

  private feed(thread: Thread): void {
    const run = this.run!;
    if (!thread.ready || thread.timedOut || thread.current !== undefined || run.fallingBack) return;
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
        run.callbacks.crashed(
          job,
          `parsing took longer than ${limit}, the limit for its size; the Markdown parser slows down badly on some shapes, such as long runs of nested list items`,
        ),
      );
      void thread.worker.terminate();
    }, budget);
  }

  private settle(index: number, facts: DocumentFacts): void {
    const run = this.run;
    if (!run || run.results[index] !== undefined) return;
    run.results[index] = facts;
    run.remaining--;
    if (run.remaining === 0 && run.ended) this.finish(run);
  }

  private finish(run: Run): void {
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
      if (run.queue.length || !run.ended) this.spawn();
    } else if (!thread.ready) {
      // It never started (cannot load its modules): the others, or the main thread, do the work.
      if (inFlight !== undefined) run.queue.unshift(inFlight);
    } else if (inFlight !== undefined) {
      this.settle(
        inFlight,
        run.callbacks.crashed(run.jobs[inFlight]!, thread.lastError || 'its parsing thread stopped'),
      );
      this.crashes++;
      if ((run.queue.length || !run.ended) && this.crashes < MAX_CRASHES) this.spawn();
    }
    if (this.run === run && this.threads.size === 0 && run.queue.length) this.fallBack();
  }

  /** No thread is left: the main thread parses what is queued, and what is added later. */
  private fallBack(): void {
    const run = this.run!;
    run.fallingBack = true;
    this.drain(run);
  }

  /** The main thread parses the queue, one file at a time. */
  private drain(run: Run): void {
    if (run.draining) return;
    run.draining = true;
    void (async () => {
      try {
        while (run.queue.length && this.run === run) {
          const index = run.queue.shift()!;
          this.settle(index, await run.callbacks.inProcess(run.jobs[index]!));
        }
      } finally {
        // In the same turn as the last look at the queue: a job added later starts a new drain.
        run.draining = false;
      }
    })().catch(run.reject);
  }
}

/** Whether starting a thread ahead of need can pay: a second core to run it on, and the compiled worker. */
export function canStartAhead(): boolean {
  return availableParallelism() > 1 && workersAvailable();
}

let startedAhead: ExtractPool | undefined;

/**
 * Starts one parsing thread for the next `buildCorpus` of this process: the command line calls
 * it first thing on a cached run, before loading the rest of tasklint, so that the parser is
 * loading by the time the files that changed are known.
 */
export function startThreadAhead(): void {
  if (startedAhead || !canStartAhead()) return;
  startedAhead = new ExtractPool();
  startedAhead.grow(1);
}

/** The pool `startThreadAhead` started, if any, now the caller's to configure and close. */
export function takeThreadStartedAhead(): ExtractPool | undefined {
  const pool = startedAhead;
  startedAhead = undefined;
  return pool;
}
