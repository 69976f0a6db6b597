import { existsSync } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import type { LoadedConfig } from '../config.js';
import { addTargets, indexCorpus, isInside, resolveTargets, updateCorpus, type Corpus } from '../corpus.js';
import { toPosix } from '../discover.js';
import type { Root } from 'mdast';
import { layoutOf } from '../extract/shapes/layout.js';
import type { Reparsed } from '../incremental.js';
import { activeRules, loadRules, RuleRunner, type ActiveRule, type DocumentChange } from '../engine.js';
import { buildCorpus, parseCallbacks, resolveLoadedConfig } from '../lint.js';
import { readBytes } from '../read.js';
import { emptyFacts, extractSettings, type ExtractSettings } from '../settings.js';
import type { Diagnostic, DocumentFacts, TargetInfo } from '../types.js';
import { BOUNDED_FILE_SIZE, ExtractPool, workersAvailable } from '../workers/pool.js';
import type * as Parsing from './parsing.js';

let parsing: Promise<typeof Parsing> | undefined;

/** The parser and the extractors, loaded once: on the first edit, or after the first diagnostics. */
export function loadParsing(): Promise<typeof Parsing> {
  parsing ??= import('./parsing.js');
  return parsing;
}

import type * as Globby from 'globby';

let globby: Promise<typeof Globby> | undefined;

/**
 * The most characters parsed in one go in the editor's thread: what the command line parses
 * there too, with no time limit (larger files go to a thread with one). An edit re-parses the
 * blocks around it, and a large document is parsed in pieces of at most this size; one whose
 * blocks do not cut so is parsed whole on a thread.
 */
const MAIN_THREAD_SPAN = BOUNDED_FILE_SIZE;

const CONFIG_NAMES = new Set(['.tasklintrc.json', 'tasklint.config.json', 'package.json', '.gitignore']);

/** A file whose change means the config must be read again, and the folder with it. */
export function isConfigFile(file: string): boolean {
  return CONFIG_NAMES.has(path.basename(file));
}

/**
 * One planning folder held in memory for an editor: every document's facts, each replaced on
 * its own when that document is edited or changes on disk, so a keystroke costs one parse and a
 * run of the rules, never a re-read of the folder.
 */
export class PlanningWorkspace {
  private readonly documents: Map<string, DocumentFacts>;
  private targets: Map<string, TargetInfo>;
  private readonly isIncluded: (relative: string) => boolean;
  private readonly isExcluded: (relative: string) => boolean;
  private readonly globBase: string;
  private isGitIgnored: ((file: string) => boolean) | undefined;
  private readonly runner: RuleRunner;
  /** The corpus the rules last ran over; undefined when the next run must index and check everything. */
  private corpus: Corpus | undefined;
  /** The corpus the folder was read into, until the first run checks it or a change makes it stale. */
  private indexed: Corpus | undefined;
  /** Documents edited in place since the last run, with their facts at that run. */
  private readonly edited = new Map<string, DocumentFacts>();
  /** A full run happened and `prepareEdits` has not followed it yet. */
  private unprepared = false;
  /** The tree of each document open in the editor, for re-parsing only what its next edit touches. */
  private readonly parsed = new Map<string, Reparsed>();
  /** The thread large documents are parsed on, started on first need. */
  private pool: ExtractPool | undefined;

  private constructor(
    readonly root: string,
    readonly loaded: LoadedConfig,
    private readonly settings: ExtractSettings,
    private readonly rules: ActiveRule[],
    corpus: Corpus,
  ) {
    this.runner = new RuleRunner(rules);
    this.documents = new Map(corpus.documents.map((doc) => [doc.file, doc]));
    this.targets = corpus.targets;
    this.indexed = corpus;
    this.isIncluded = picomatch(loaded.config.include, { dot: true });
    this.isExcluded = picomatch(loaded.config.exclude.length ? loaded.config.exclude : ['\0'], { dot: true });
    // As on the command line: globs are relative to the config's folder when the root is inside it.
    this.globBase = isInside(root, loaded.dir) ? loaded.dir : root;
  }

  /**
   * Reads the folder: config found upward from it (throws ConfigError when invalid), every
   * document, the facts of those unchanged since a run with `cache` from the cache, as the
   * command line's `--cache` does (cache warnings go to `onWarning`).
   */
  static async load(
    root: string,
    configFile?: string,
    cache?: boolean | { location?: string },
    onWarning?: (message: string) => void,
  ): Promise<PlanningWorkspace> {
    const loaded = resolveLoadedConfig({ cwd: root, ...(configFile ? { configFile } : {}) });
    // The rules load while the files are read.
    const rulesReady = loadRules();
    rulesReady.catch(() => undefined);
    const corpus = await buildCorpus([root], root, loaded, {
      ...(cache !== undefined ? { cache } : {}),
      ...(onWarning ? { onWarning } : {}),
    });
    const rules = activeRules(await rulesReady, loaded.config);
    const settings = extractSettings(loaded.config, corpus.root, loaded.dir);
    return new PlanningWorkspace(corpus.root, loaded, settings, rules, corpus);
  }

  has(file: string): boolean {
    return this.documents.has(file);
  }

  /** Whether `file` belongs to this planning folder: inside it and chosen by `include`/`exclude`. */
  async covers(file: string): Promise<boolean> {
    if (this.documents.has(file)) return true;
    if (!isInside(file, this.root)) return false;
    const relative = toPosix(path.relative(this.globBase, file));
    if (/(^|\/)(node_modules|\.git)\//.test(relative)) return false;
    if (!this.isIncluded(relative) || this.isExcluded(relative)) return false;
    if (!this.loaded.config.gitignore) return true;
    // As discovery does: a file .gitignore excludes stays out even when it is opened or created.
    // Loaded only for a file the folder did not have.
    this.isGitIgnored ??= (await (globby ??= import('globby'))).isGitIgnoredSync({ cwd: this.root });
    return !this.isGitIgnored(file);
  }

  /** The corpus the rules last ran over: what the diagnostics show, and what navigation reads. */
  get current(): Corpus | undefined {
    return this.corpus;
  }

  get files(): string[] {
    return [...this.documents.keys()];
  }

  /**
   * An editor's text replaces the document's facts: only this document is parsed again, and of
   * it only the blocks the edit touched; the whole document is then extracted from the tree.
   */
  async setText(file: string, text: string): Promise<void> {
    if (!(await this.covers(file))) return;
    const parsing = await loadParsing();
    const tree = this.treeOf(parsing, file, text);
    if (tree)
      this.replace(
        file,
        parsing.factsFromText(file, text, this.settings, [], () => tree),
      );
    // A document that cannot be parsed in bounded pieces goes to a thread, with a time limit.
    else this.replace(file, await this.extract(file, Buffer.from(text, 'utf8')));
  }

  /** How the document's last text was parsed, while the editor has it open: what the tests check. */
  lastParse(file: string): Reparsed | undefined {
    return this.parsed.get(file);
  }

  /** The tree of `text` from the document's last one, or parsed in pieces; undefined if neither is bounded. */
  private treeOf(parsing: typeof Parsing, file: string, text: string): Root | undefined {
    const { excessiveNesting, parseInPieces, reparse } = parsing;
    const previous = this.parsed.get(file);
    // Taken over by the re-parse, or of no use past a failure.
    this.parsed.delete(file);
    // Refused before any parse: the facts say why.
    if (excessiveNesting(text)) return undefined;
    const options = { frontMatter: layoutOf(file)?.format === 'backlog', maxSpan: MAIN_THREAD_SPAN };
    try {
      const parsed = previous ? reparse(previous, text, options) : parseInPieces(text, options);
      if (parsed) this.parsed.set(file, parsed);
      return parsed?.tree;
    } catch {
      // Parsed again whole, where a failure is reported as the command line reports it.
      return undefined;
    }
  }

  /** The document changed, appeared or went away on disk. */
  async reload(file: string): Promise<void> {
    this.forgetTarget(file);
    this.parsed.delete(file);
    if (existsSync(file) && (await this.covers(file))) {
      const read = await readBytes(file, this.settings.maxFileSize);
      this.replace(
        file,
        read.bytes ? await this.extract(file, read.bytes) : emptyFacts(file, this.settings, read.problems),
      );
    } else if (this.documents.delete(file)) {
      this.corpus = undefined;
      this.indexed = undefined;
    }
  }

  /**
   * Parses and extracts one document. As on the command line, a file from 32 KB up is parsed on
   * a thread that is stopped when it takes too long (the parser slows down badly on some shapes),
   * so that one pathological file cannot freeze the editor's diagnostics.
   */
  private async extract(file: string, bytes: Buffer): Promise<DocumentFacts> {
    if (bytes.length < BOUNDED_FILE_SIZE || !workersAvailable())
      return (await loadParsing()).factsFromBytes(file, bytes, this.settings);
    this.pool ??= new ExtractPool({ config: this.loaded.config, root: this.root, configDir: this.loaded.dir });
    this.pool.grow(1);
    const callbacks = parseCallbacks(this.settings);
    const [facts] = await this.pool.extract([{ file, bytes }], callbacks);
    return facts ?? callbacks.crashed({ file, bytes }, 'its parsing thread stopped');
  }

  private replace(file: string, facts: DocumentFacts): void {
    this.indexed = undefined;
    const before = this.documents.get(file);
    this.documents.set(file, facts);
    // A new document changes the set of files: links and anchors anywhere may change.
    if (!before) this.corpus = undefined;
    else if (!this.edited.has(file)) this.edited.set(file, before);
  }

  /** A link target (or a folder on its way) was created or deleted: look it up again next run. */
  forgetTarget(file: string): void {
    // A file of the same name, or the same stem, may show that a file a task names was moved.
    const stem = (name: string): string =>
      path
        .basename(name)
        .toLowerCase()
        .replace(/\.[^.]*$/u, '');
    for (const [target, info] of [...this.targets]) {
      if (target === file || isInside(file, target) || (info.missing && stem(target) === stem(file))) {
        this.targets.delete(target);
        this.corpus = undefined;
        this.indexed = undefined;
      }
    }
  }

  /**
   * The current facts indexed and checked from scratch by a new runner, leaving this workspace's
   * state as it is: what an incremental run must agree with.
   */
  async lintFromScratch(): Promise<Diagnostic[]> {
    const documents = [...this.documents.values()];
    const targets = await resolveTargets(this.root, documents, this.targets);
    return new RuleRunner(this.rules).run(
      indexCorpus(this.root, this.loaded.config, documents, targets, this.loaded.dir),
    );
  }

  /** Indexes the current facts and runs the rules: the same findings the CLI would print for this text. */
  async lint(): Promise<Diagnostic[]> {
    return (await this.lintChanges()).diagnostics;
  }

  /**
   * The findings for the current facts, and the files whose findings may have changed since the
   * last run (undefined: any). After edits in place, only what they can change is checked again.
   */
  async lintChanges(): Promise<{ diagnostics: Diagnostic[]; affected?: Set<string> }> {
    let corpus = this.corpus;
    const changes: DocumentChange[] = [];
    if (corpus) {
      for (const [file, before] of this.edited) {
        const after = this.documents.get(file);
        if (!after || !corpus) {
          corpus = undefined;
          break;
        }
        await addTargets(this.root, corpus.byFile, after, this.targets);
        corpus = updateCorpus(corpus, before, after);
        changes.push({ before, after });
      }
    }
    this.edited.clear();
    if (corpus) {
      this.corpus = corpus;
      return this.runner.update(corpus, changes);
    }
    if (this.indexed) {
      // Nothing changed since the folder was read: its corpus is indexed already.
      this.corpus = this.indexed;
      this.indexed = undefined;
    } else {
      const documents = [...this.documents.values()];
      this.targets = await resolveTargets(this.root, documents, this.targets);
      this.corpus = indexCorpus(this.root, this.loaded.config, documents, this.targets, this.loaded.dir);
    }
    const diagnostics = this.runner.run(this.corpus);
    this.unprepared = true;
    return { diagnostics };
  }

  /**
   * After a full run, computes what the rules need to re-check an edit, so that the first edit
   * does not pay for it: called once the findings are shown, while the user reads them.
   */
  prepareEdits(): void {
    if (!this.unprepared || !this.corpus) return;
    this.unprepared = false;
    this.runner.prepare(this.corpus);
    // The first edit then finds the parser loaded.
    loadParsing().catch(() => undefined);
  }
}
