import path from 'node:path';
import picomatch from 'picomatch';
import type { Config } from './config.js';
import { toPosix } from './discover.js';
import { idPrefix } from './extract/ids.js';
import { layoutOf, REQUIREMENT_PREFIX, STORY_PREFIX, TASK_PREFIX } from './extract/shapes/layout.js';

/**
 * Schemes that only ever name something of their own feature: the bare numbers of Kiro's,
 * ai-dev-tasks' and OpenSpec's task lists (`Task 1.1`) and of Kiro's acceptance criteria
 * (`Requirement 2.3`), and spec-kit's story labels (`[US2]`, `User Story 2`). No feature can name
 * another's that way.
 */
export const LOCAL_SCHEMES: ReadonlySet<string> = new Set([TASK_PREFIX, REQUIREMENT_PREFIX, STORY_PREFIX]);
import type { DocumentFacts } from './types.js';

/**
 * Which task a written ID names. Folder-wide schemes (`TASK-12`, `CLOUD-3.1`, `BACK-208`) name one
 * task wherever they are written. Schemes that tools number afresh in every feature (spec-kit's
 * `T001`, `FR-001`, `SC-001` in `specs/NNN-name/`, Kiro's `2.1` in `.kiro/specs/NAME/`,
 * ai-dev-tasks' `1.1` in `tasks/tasks-*.md`) name a task within their feature folder or file:
 * `T001` of `specs/001-a/` and `T001` of `specs/002-b/` are two tasks.
 *
 * A scheme is scoped when the config says so (`idScopes.scoped`), when only documents in
 * features define its IDs, or when two of its IDs are each defined in two features. Outside any feature, a scoped ID names the one feature's task that defines it; if
 * several features define it, it could be any of them and names none.
 */

/** Between an ID and its scope in a task key: a character no ID or path holds. */
const SEPARATOR = '\u001f';

export interface IdScopes {
  /** Detect feature folders from the layouts of spec-kit, Kiro, OpenSpec and ai-dev-tasks (default true). */
  detect?: boolean;
  /** Globs of folders (relative to the config's folder) each of which is one feature. */
  folders?: string[];
  /** Globs of files each of which is a scope of its own. */
  files?: string[];
  /** ID prefixes numbered afresh in every feature (`T`, `FR-`). */
  scoped?: string[];
  /** ID prefixes that name one task in the whole folder, even when two features define one ID. */
  global?: string[];
}

export interface ScopeIndex {
  /** The task key of `id` as written in `doc`; undefined when it could name a task of several features. */
  keyOf(doc: DocumentFacts, id: string): string | undefined;
  /** The feature folder or file a document belongs to, relative to the root ('' for none). */
  scopeOf(doc: DocumentFacts): string;
  /** Prefixes whose IDs are scoped. */
  scoped: ReadonlySet<string>;
  /** Scoped IDs that documents outside every feature name: their keys depend on which features define them. */
  namedOutside: ReadonlySet<string>;
  /** The features that define an ID. */
  definers(id: string): ReadonlySet<string>;
}

/** The ID a task key was made from, as written: `T001` for `T001` of `specs/001-a/`. */
export function displayId(key: string): string {
  const at = key.indexOf(SEPARATOR);
  return at === -1 ? key : key.slice(0, at);
}

/** The feature folder or file of a task key, '' for a folder-wide ID. */
export function keyScope(key: string): string {
  const at = key.indexOf(SEPARATOR);
  return at === -1 ? '' : key.slice(at + 1);
}

export function scopedKey(id: string, scope: string): string {
  return `${id}${SEPARATOR}${scope}`;
}

/** `T001 (specs/001-a)`, for listings. */
export function describeKey(key: string): string {
  const scope = keyScope(key);
  return scope ? `${displayId(key)} (${scope})` : key;
}

/**
 * The feature folder a tool's layout puts a file in, as an absolute path with `/`, or the file
 * itself for tools that keep one task list per file. Undefined outside those layouts.
 */
export function layoutScope(file: string): string | undefined {
  return layoutOf(toPosix(file))?.scope;
}

interface Matchers {
  folders?: (relative: string) => boolean;
  files?: (relative: string) => boolean;
}

/** The scope a document has by its place: the config's folders and files first, then the tools' layouts. */
function placeScope(file: string, settings: IdScopes, matchers: Matchers, configDir: string): string | undefined {
  const relative = toPosix(path.relative(configDir, file));
  if (!relative.startsWith('../')) {
    if (matchers.files?.(relative)) return toPosix(file);
    if (matchers.folders) {
      const parts = relative.split('/');
      for (let i = 1; i < parts.length; i++) {
        const folder = parts.slice(0, i).join('/');
        if (matchers.folders(folder)) return toPosix(path.join(configDir, folder));
      }
    }
  }
  return settings.detect === false ? undefined : layoutScope(file);
}

function scopeName(absolute: string, root: string): string {
  return toPosix(path.relative(root, absolute)) || '.';
}

/** IDs a document defines (table rows, headings, list items; not code). */
function definedIds(doc: DocumentFacts): Set<string> {
  const ids = new Set<string>();
  for (const mention of doc.mentions)
    if (mention.kind === 'definition' && mention.source !== 'code') ids.add(mention.id);
  return ids;
}

/** Finds each document's scope and the schemes that restart per scope, for one corpus. */
export function indexScopes(documents: DocumentFacts[], config: Config, root: string, configDir = root): ScopeIndex {
  const settings: IdScopes = config.idScopes;
  const matchers: Matchers = {
    ...(settings.folders?.length ? { folders: picomatch(settings.folders, { dot: true }) } : {}),
    ...(settings.files?.length ? { files: picomatch(settings.files, { dot: true }) } : {}),
  };
  // By file: the language server replaces a document's facts but not its place.
  const scopes = new Map<string, string>();
  for (const doc of documents) {
    const place = placeScope(doc.file, settings, matchers, configDir);
    if (place !== undefined) scopes.set(doc.file, scopeName(place, root));
  }
  const configured = new Set(settings.scoped ?? []);
  const global = new Set(settings.global ?? []);

  // Which scopes define each ID, and which schemes documents outside every scope define.
  const definers = new Map<string, Set<string>>();
  const definedOutside = new Set<string>();
  for (const doc of documents) {
    const scope = scopes.get(doc.file);
    if (scope === undefined) {
      for (const id of definedIds(doc)) definedOutside.add(idPrefix(id));
      continue;
    }
    for (const id of definedIds(doc)) {
      let set = definers.get(id);
      if (!set) definers.set(id, (set = new Set()));
      set.add(scope);
    }
  }
  // A scheme that only features define is theirs: numbered afresh in each. One that documents
  // outside every feature define too (a backlog's TASK-12 named in a feature's list) is
  // folder-wide, unless its numbering plainly restarts: two of its IDs each defined in two features.
  const restarts = new Map<string, number>();
  const definedInside = new Set<string>();
  for (const [id, set] of definers) {
    const prefix = idPrefix(id);
    definedInside.add(prefix);
    if (set.size >= 2) restarts.set(prefix, (restarts.get(prefix) ?? 0) + 1);
  }
  const scoped = new Set([...configured, ...LOCAL_SCHEMES]);
  for (const prefix of definedInside)
    if (!global.has(prefix) && (!definedOutside.has(prefix) || (restarts.get(prefix) ?? 0) >= 2)) scoped.add(prefix);
  for (const prefix of global) if (prefix !== '') scoped.delete(prefix);

  // The keys of a document in a feature depend on the scoped schemes only; those of one outside
  // every feature, also on which features define the scoped IDs it names.
  const namedOutside = new Set<string>();
  for (const doc of documents) {
    if (scopes.has(doc.file)) continue;
    for (const mention of doc.mentions) if (scoped.has(idPrefix(mention.id))) namedOutside.add(mention.id);
  }

  return {
    scoped,
    namedOutside,
    definers: (id) => definers.get(id) ?? new Set(),
    scopeOf: (doc) => scopes.get(doc.file) ?? '',
    keyOf(doc, id) {
      const prefix = idPrefix(id);
      if (!scoped.has(prefix)) return id;
      const scope = scopes.get(doc.file);
      if (scope !== undefined) return scopedKey(id, scope);
      const defining = definers.get(id);
      if (!defining || defining.size === 0) return id;
      if (defining.size === 1) return scopedKey(id, [...defining][0]!);
      return undefined;
    },
  };
}
