import { createHash } from 'node:crypto';
import { existsSync, promises as fs, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import envPaths from 'env-paths';
import type { Config } from './config.js';
import { VERSION } from './package-info.js';
import type { DocumentFacts } from './types.js';
import { gitRoot, nodeProjectRoot } from './work-tree.js';

/**
 * The facts of each file, kept between runs and keyed by the file's content hash, so that a run
 * over an unchanged folder parses nothing, and a run after an edit parses the edited file only.
 *
 * One entry per file, in a folder named after everything the entries depend on besides their
 * file (tasklint's version and code, the config): a change there starts a new folder and the old
 * one is removed. One file per entry because an edit then rewrites one small file, not the facts
 * of the whole folder.
 *
 * Entries are JSON, which reads back twice as fast as v8's serialisation; an entry JSON would
 * not give back exactly (an Infinity, an undefined member, a Map: whatever DocumentFacts may come
 * to hold) is stored with v8's structured clone instead. Either way the facts come back exactly
 * as extraction made them. This relies on extraction being a pure function of the file's bytes,
 * its path, the root, the config and tasklint's own code: all of which are in the keys.
 *
 * The JSON is written in ASCII, every other character escaped (`\u00e9`): it then reads back as
 * Latin-1, a plain copy, where UTF-8 would have to be decoded, and V8 parses a one-byte string
 * faster. On a warm run reading the entries is most of the cache's cost (a folder of 1.7 MB of
 * Markdown has 4.6 MB of facts).
 *
 * A third of those bytes, and half the objects, were ranges: `{"start":{"line":3,"column":1},
 * "end":{"line":3,"column":9}}`. Every member named `range` is stored as `[3,1,3,9]` and made an
 * object again after parsing, which reads a third faster.
 */

const MAGIC = Buffer.from('tasklint-facts-5\n', 'latin1');
const JSON_FORMAT = 0x4a; // J
const V8_FORMAT = 0x56; // V
const CHECKSUM_LENGTH = 20;
const ENTRY_SUFFIX = '.facts';
/** Folders of entries are named with the first characters of the key. */
const KEY_FOLDER = /^[0-9a-f]{16}$/;
/**
 * Folders of other keys kept: runs from two folders without a config file, or with two configs,
 * each keep their entries; older versions' go.
 */
const OTHER_KEYS_KEPT = 3;

interface CacheEntry {
  file: string;
  /** The corpus root the facts were extracted under: relPath and role depend on it. */
  root: string;
  /** Content hash of the file's bytes. */
  hash: string;
  facts: DocumentFacts;
}

/**
 * Where a cache lives unless told: `node_modules/.cache/tasklint` of the Node project around
 * `cwd` (a package.json with its node_modules beside it, which is ignored by git there), else the
 * user's cache folder (`$XDG_CACHE_HOME/tasklint`, `~/.cache/tasklint`; `~/Library/Caches` on
 * macOS, `%LOCALAPPDATA%` on Windows), one folder per repository, named after a hash of its path.
 * Never elsewhere in the work tree: a repository without Node (one with the pre-commit hook, say)
 * must not find a node_modules folder appear in it.
 */
export function defaultCacheLocation(cwd: string): string {
  const project = nodeProjectRoot(cwd);
  if (project) return path.join(project, 'node_modules', '.cache', 'tasklint');
  const root = gitRoot(cwd) ?? path.resolve(cwd);
  return path.join(
    envPaths('tasklint', { suffix: '' }).cache,
    createHash('sha1').update(root).digest('hex').slice(0, 16),
  );
}

/** Where `--cache` keeps its entries: `option.location` (relative to `cwd`), else the default location. */
export function cacheLocation(option: boolean | { location?: string } | undefined, cwd: string): string | undefined {
  if (!option) return undefined;
  return path.resolve(cwd, (typeof option === 'object' && option.location) || defaultCacheLocation(cwd));
}

export function contentHash(bytes: Uint8Array): string {
  return createHash('sha1').update(bytes).digest('hex');
}

/** JSON with sorted keys: the same config gives the same hash whatever order its file lists keys in. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, member]) => member !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, member]) => `${JSON.stringify(key)}:${canonicalJson(member)}`).join(',')}}`;
  }
  // undefined and functions have no JSON: stringify gives undefined for them, whatever its types say.
  const json = JSON.stringify(value) as string | undefined;
  return json ?? 'null';
}

let fingerprint: string | undefined;

/**
 * Names, sizes and times of tasklint's own code: a rebuilt tasklint (same version number, new
 * extraction) must not reuse facts the old code extracted.
 */
function codeFingerprint(): string {
  if (fingerprint !== undefined) return fingerprint;
  const dir = path.dirname(fileURLToPath(import.meta.url));
  const parts: string[] = [];
  try {
    for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
      if (!/\.(js|ts|mjs|cjs)$/.test(name)) continue;
      const stat = statSync(path.join(dir, name));
      parts.push(`${name}:${stat.size}:${stat.mtimeMs}`);
    }
  } catch {
    parts.push('unlistable');
  }
  fingerprint = createHash('sha1').update(parts.join('\n')).digest('hex');
  return fingerprint;
}

/**
 * What every entry of a cache depends on besides its own file. Rule settings are left out:
 * rules read facts, they never shape them, so turning a rule off keeps the cache.
 */
export function cacheKey(config: Config, configDir: string): string {
  const { rules: _rules, ...extraction } = config;
  return createHash('sha1')
    .update([VERSION, process.versions.v8, codeFingerprint(), configDir, canonicalJson(extraction)].join('\0'))
    .digest('hex');
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
}

function entryName(file: string, root: string): string {
  return `${createHash('sha1').update(`${file}\0${root}`).digest('hex')}${ENTRY_SUFFIX}`;
}

const isLineColumn = (value: unknown): value is { line: number; column: number } => {
  if (value === null || typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return false;
  const keys = Object.keys(value);
  const { line, column } = value as Record<string, unknown>;
  return (
    keys.length === 2 &&
    Number.isSafeInteger(line) &&
    Number.isSafeInteger(column) &&
    !Object.is(line, -0) &&
    !Object.is(column, -0)
  );
};

/** A range as four numbers, if it is exactly `{start: {line, column}, end: {line, column}}`. */
function packedRange(range: unknown): number[] | undefined {
  if (
    range === null ||
    typeof range !== 'object' ||
    Object.getPrototypeOf(range) !== Object.prototype ||
    Object.keys(range).length !== 2
  )
    return undefined;
  const { start, end } = range as Record<string, unknown>;
  if (!isLineColumn(start) || !isLineColumn(end)) return undefined;
  return [start.line, start.column, end.line, end.column];
}

/** `value` as JSON with its ranges packed, if `revive(JSON.parse(json))` would give it back exactly. */
function exactJson(value: unknown): string | undefined {
  let exact = true;
  let json: string;
  try {
    json = JSON.stringify(value, function (this: Record<string, unknown>, key: string, member: unknown) {
      // The member as it is, before a toJSON (a Date's) turned it into something else.
      const original = this[key];
      if (key === 'range' && !Array.isArray(this)) {
        const packed = packedRange(original);
        if (packed) return packed;
        // Anything else named `range` would be read back as a range: left to the structured clone.
        if (Array.isArray(original)) exact = false;
      }
      if (original === undefined || typeof original === 'function' || typeof original === 'symbol') exact = false;
      else if (typeof original === 'number' && (!Number.isFinite(original) || Object.is(original, -0))) exact = false;
      else if (
        original !== null &&
        typeof original === 'object' &&
        !Array.isArray(original) &&
        Object.getPrototypeOf(original) !== Object.prototype
      )
        exact = false;
      return member;
    });
  } catch {
    return undefined;
  }
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- the replacer above sets it
  return exact ? json : undefined;
}

/** Makes every packed range in a parsed entry an object again. */
function revive(value: unknown): void {
  if (Array.isArray(value)) {
    for (const item of value) if (item !== null && typeof item === 'object') revive(item);
    return;
  }
  const object = value as Record<string, unknown>;
  for (const key in object) {
    const member = object[key];
    if (member === null || typeof member !== 'object') continue;
    if (key === 'range' && Array.isArray(member)) {
      const [startLine, startColumn, endLine, endColumn] = member as number[];
      object[key] = { start: { line: startLine, column: startColumn }, end: { line: endLine, column: endColumn } };
    } else revive(member);
  }
}

/** `json` with every character outside ASCII escaped: the same JSON, read back as Latin-1. */
function asciiJson(json: string): string {
  return json.replace(/[\u0080-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function encodeEntry(entry: CacheEntry): Buffer {
  const json = exactJson(entry);
  const payload =
    json === undefined
      ? Buffer.concat([Buffer.from([V8_FORMAT]), serialize(entry)])
      : Buffer.concat([Buffer.from([JSON_FORMAT]), Buffer.from(asciiJson(json), 'latin1')]);
  return Buffer.concat([MAGIC, createHash('sha1').update(payload).digest(), payload]);
}

/** The entry in `bytes`, or why it cannot be trusted. */
function decodeEntry(bytes: Buffer): CacheEntry | string {
  if (bytes.length < MAGIC.length + CHECKSUM_LENGTH + 1 || !bytes.subarray(0, MAGIC.length).equals(MAGIC))
    return 'not a tasklint cache entry';
  const payload = bytes.subarray(MAGIC.length + CHECKSUM_LENGTH);
  if (
    !createHash('sha1')
      .update(payload)
      .digest()
      .equals(bytes.subarray(MAGIC.length, MAGIC.length + CHECKSUM_LENGTH))
  )
    return 'checksum mismatch';
  // What a file held is not trusted to be a CacheEntry until each part is checked below.
  let entry: Partial<CacheEntry> | null | undefined;
  try {
    if (payload[0] === JSON_FORMAT) {
      entry = JSON.parse(payload.toString('latin1', 1)) as Partial<CacheEntry> | null;
      revive(entry);
    } else if (payload[0] === V8_FORMAT) entry = deserialize(payload.subarray(1)) as Partial<CacheEntry> | null;
    else return 'unknown format';
  } catch (error) {
    return (error as Error).message;
  }
  if (
    !entry ||
    typeof entry !== 'object' ||
    typeof entry.hash !== 'string' ||
    !entry.facts ||
    typeof entry.facts !== 'object'
  )
    return 'unexpected contents';
  return entry as CacheEntry;
}

/** An entry as read from disk, not yet decoded (`FactsCache.peek`). */
export interface StoredEntry {
  name: string;
  bytes: Buffer;
}

/**
 * Whether `bytes` are an intact JSON entry for other content than `hash`: then the text
 * `"hash":"<hash>"` is nowhere in it (no string in JSON holds an unescaped quote, so the text can
 * only be a key and its value). The other way round this is a guess, which `open` checks. A
 * corrupt entry is not "for other content": `open` reports it.
 */
function claimsOtherContent(bytes: Buffer, hash: string): boolean {
  const start = MAGIC.length + CHECKSUM_LENGTH;
  if (bytes.length <= start || bytes[start] !== JSON_FORMAT || !bytes.subarray(0, MAGIC.length).equals(MAGIC))
    return false;
  if (bytes.indexOf(`"hash":"${hash}"`, start + 1, 'latin1') !== -1) return false;
  return createHash('sha1').update(bytes.subarray(start)).digest().equals(bytes.subarray(MAGIC.length, start));
}

/**
 * One run's view of the cache. Never throws: a corrupt entry is a miss, an unwritable folder
 * means nothing is stored; either is reported once, in `warnings()`.
 */
export class FactsCache {
  /** Entries this run read or wrote: the others may belong to deleted files. */
  private readonly used = new Set<string>();
  private readonly writes: Promise<void>[] = [];
  private corrupt: { count: number; example: string; why: string } | undefined;
  private writeFailure: string | undefined;
  private readFailure: string | undefined;
  private folderReady: Promise<void> | undefined;

  /** The folder holding this key's entries. */
  readonly folder: string;

  constructor(
    readonly location: string,
    key: string,
  ) {
    this.folder = path.join(location, key.slice(0, 16));
  }

  /** The facts stored for `file` under `root`, if its content still has `hash`. */
  get(file: string, root: string, hash: string): Promise<DocumentFacts | undefined> {
    return Promise.resolve(this.getSync(file, root, hash));
  }

  /** `get`, synchronously (see `peek`). */
  getSync(file: string, root: string, hash: string): DocumentFacts | undefined {
    const stored = this.peek(file, root, hash);
    return stored && this.open(stored, file, root, hash);
  }

  /**
   * The entry stored for `file` under `root`, read but not decoded: undefined when there is none,
   * or when it is for other content than `hash`, which a look at its first bytes tells. Decoding
   * (`open`) is most of a warm run's cache time; this lets a run know within a few milliseconds
   * which files changed, and start parsing them.
   *
   * Entries are read synchronously: they are small files, usually in the operating system's
   * cache, and one after the other this way they take a fraction of what concurrent reads
   * through the thread pool do.
   */
  peek(file: string, root: string, hash: string): StoredEntry | undefined {
    const name = entryName(file, root);
    let bytes: Buffer;
    try {
      bytes = readFileSync(path.join(this.folder, name));
    } catch (error) {
      const code = errorCode(error);
      if (code !== 'ENOENT' && code !== 'ENOTDIR')
        this.readFailure ??= `Cannot read the cache in ${this.folder} (${code}); files were parsed again.`;
      return undefined;
    }
    // A JSON entry starts with its file, root and hash; `open` checks all of them again.
    if (claimsOtherContent(bytes, hash)) return undefined;
    return { name, bytes };
  }

  /** The facts in an entry `peek` found, if it is intact and for `file`, `root` and `hash`. */
  open(stored: StoredEntry, file: string, root: string, hash: string): DocumentFacts | undefined {
    const { name, bytes } = stored;
    const entry = decodeEntry(bytes);
    if (typeof entry === 'string') {
      this.corrupt = {
        count: (this.corrupt?.count ?? 0) + 1,
        example: this.corrupt?.example ?? path.join(this.folder, name),
        why: this.corrupt?.why ?? entry,
      };
      return undefined;
    }
    if (entry.file !== file || entry.root !== root || entry.hash !== hash) return undefined;
    this.used.add(name);
    return entry.facts;
  }

  /** Stores the facts of `file` (written in the background; `finish` waits for it). */
  set(file: string, root: string, hash: string, facts: DocumentFacts): void {
    const name = entryName(file, root);
    this.used.add(name);
    this.writes.push(this.write(name, { file, root, hash, facts }));
  }

  private async write(name: string, entry: CacheEntry): Promise<void> {
    if (this.writeFailure) return;
    try {
      this.folderReady ??= this.prepareFolder();
      await this.folderReady;
      const target = path.join(this.folder, name);
      // To a temporary file, then renamed: a concurrent run reads the old entry or the new one, whole.
      const temporary = `${target}.${process.pid}.tmp`;
      try {
        await fs.writeFile(temporary, encodeEntry(entry));
        await fs.rename(temporary, target);
      } catch (error) {
        await fs.rm(temporary, { force: true }).catch(() => undefined);
        throw error;
      }
    } catch (error) {
      this.writeFailure ??= `Cannot write the cache in ${this.location} (${errorCode(error)}); the next run will parse again.`;
    }
  }

  /** Creates this key's folder; of the folders of other keys (an older version, another config), the least recently written go. */
  private async prepareFolder(): Promise<void> {
    await fs.mkdir(this.folder, { recursive: true });
    const others = (await fs.readdir(this.location)).filter(
      (name) => KEY_FOLDER.test(name) && name !== path.basename(this.folder),
    );
    const written = await Promise.all(
      others.map(async (name) => ({
        name,
        time: (await fs.stat(path.join(this.location, name)).catch(() => undefined))?.mtimeMs ?? 0,
      })),
    );
    const stale = written.sort((a, b) => b.time - a.time).slice(OTHER_KEYS_KEPT);
    await Promise.all(stale.map(({ name }) => fs.rm(path.join(this.location, name), { recursive: true, force: true })));
  }

  /**
   * Waits for the writes, drops the entries of files that no longer exist (those of files merely
   * not linted this time stay), and returns what went wrong, if anything.
   */
  async finish(): Promise<string[]> {
    await Promise.all(this.writes);
    if (!this.writeFailure) await this.prune();
    const warnings: string[] = [];
    if (this.readFailure) warnings.push(this.readFailure);
    if (this.corrupt) {
      const { count, example, why } = this.corrupt;
      warnings.push(
        `${count === 1 ? `The cache entry ${example} is` : `${count} cache entries (such as ${example}) are`} corrupt (${why}); ignored, and rebuilt.`,
      );
    }
    if (this.writeFailure) warnings.push(this.writeFailure);
    return warnings;
  }

  private async prune(): Promise<void> {
    let names: string[];
    try {
      names = await fs.readdir(this.folder);
    } catch {
      return;
    }
    for (const name of names) {
      if (this.used.has(name)) continue;
      const file = path.join(this.folder, name);
      if (!name.endsWith(ENTRY_SUFFIX)) {
        // A temporary file a killed run left behind (not one a concurrent run is writing).
        const age = Date.now() - ((await fs.stat(file).catch(() => undefined))?.mtimeMs ?? Date.now());
        if (name.endsWith('.tmp') && age > 10 * 60 * 1000) await fs.rm(file, { force: true }).catch(() => undefined);
        continue;
      }
      const entry = decodeEntry(await fs.readFile(file).catch(() => Buffer.alloc(0)));
      if (typeof entry === 'string' || !existsSync(entry.file))
        await fs.rm(file, { force: true }).catch(() => undefined);
    }
  }
}
