/**
 * Backlog.md's task files: one task per file, defined by its YAML front matter.
 *
 *     ---
 *     id: TASK-12
 *     status: In Progress
 *     dependencies: [TASK-10]
 *     ---
 *
 * The front matter defines the task (its title, status, priority), states its dependencies, and
 * names its parent (`parent_task_id`). The checkboxes under `## Acceptance Criteria` and
 * `## Definition of Done` are the task's checklist. The YAML is read with a real parser, with
 * a size limit and the core schema (no custom tags); front matter that does not parse, or whose
 * id is not the one the file's name gives, is a problem of the file and gives no facts.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Root, Yaml } from 'mdast';
import type { Document, Node as YamlNode, Pair, YAMLMap } from 'yaml';
import type {
  ChecklistItem,
  DependencyEdge,
  FrontMatterProblem,
  Range,
  Status,
  TaskMention,
  TaskSection,
} from '../../types.js';
import { leadingId, type IdMatcher } from '../ids.js';
import { classifyStatus, type StatusVocabulary } from '../status.js';
import { nodeOffsets, type LineIndex } from '../text.js';

/** Front matter is a few lines; past this it is not metadata, and is not parsed. */
export const MAX_FRONT_MATTER = 64 * 1024;
const MAX_ALIASES = 50;

const require = createRequire(import.meta.url);
type YamlModule = typeof import('yaml');
let yamlModule: YamlModule | undefined;

/** Loaded on the first document with front matter: most planning folders have none. */
function yaml(): YamlModule {
  return (yamlModule ??= require('yaml') as YamlModule);
}

export interface FrontMatterFacts {
  mentions: TaskMention[];
  edges: DependencyEdge[];
  /** The task, as the section its checklist belongs to. */
  section?: TaskSection;
  /** Indexes in the document's checklist of the task's acceptance criteria and definition of done. */
  criteria: number[];
  problems: FrontMatterProblem[];
}

interface Options {
  file: string;
  ids: IdMatcher;
  vocabulary: StatusVocabulary;
}

/** `task-12`, `BACK-24.1`: Backlog.md writes IDs in either case; the ID pattern wants one. */
export function backlogId(value: string, ids: IdMatcher): string | undefined {
  const trimmed = value.trim();
  for (const candidate of [trimmed, trimmed.toUpperCase()]) {
    const found = leadingId(candidate, ids);
    if (found?.index === 0 && found.id.length === candidate.length) return found.id;
  }
  return undefined;
}

/** `task-12 - Title.md` gives `task-12`. */
export function fileNameId(file: string): string | undefined {
  return /^([a-z][a-z0-9]*-\d+(?:\.\d+)*)(?:\s+-\s|\.md$)/i.exec(path.basename(file))?.[1];
}

/** Reads a Backlog.md task file's front matter into facts. */
export function readBacklogTask(
  text: string,
  tree: Root,
  lines: LineIndex,
  options: Options,
  checklist: readonly ChecklistItem[],
): FrontMatterFacts {
  const facts: FrontMatterFacts = { mentions: [], edges: [], criteria: [], problems: [] };
  const node = tree.children[0];
  if (node?.type !== 'yaml') return facts;
  const parsed = parseFrontMatter(text, node, lines, facts.problems);
  if (!parsed) return facts;
  const { document, base } = parsed;
  const map = document.contents as YAMLMap;
  const rangeOf = (item: YamlNode | null | undefined): Range => {
    const at = item?.range;
    return at ? lines.range(base + at[0], base + at[1]) : parsed.whole;
  };
  const field = (key: string): Pair | undefined =>
    map.items.find((pair): pair is Pair => scalarText(pair.key as YamlNode) === key);

  const idPair = field('id');
  const idText = scalarText(idPair?.value as YamlNode | undefined);
  const id = idText === undefined ? undefined : backlogId(idText, options.ids);
  if (!id || !idPair) return facts;
  const idRange = rangeOf(idPair.value as YamlNode);

  const fromName = fileNameId(options.file);
  if (fromName && fromName.toUpperCase() !== idText!.trim().toUpperCase()) {
    facts.problems.push({
      kind: 'id-mismatch',
      detail: `the file's name gives ${fromName}, but its front matter says id: ${idText!.trim()}`,
      fileId: fromName,
      range: idRange,
    });
  }

  const mention: TaskMention = {
    id,
    kind: 'definition',
    source: 'front-matter',
    context: 'normal',
    range: idRange,
    section: [],
  };
  const title = scalarText(field('title')?.value as YamlNode | undefined)?.trim();
  if (title) mention.title = title;
  const statusText = scalarText(field('status')?.value as YamlNode | undefined)?.trim();
  const status = statusText ? backlogStatus(statusText, options) : undefined;
  if (statusText && status) {
    mention.status = status;
    mention.statusText = statusText;
  }
  const priority = scalarText(field('priority')?.value as YamlNode | undefined);
  const normalised = priority && /^\s*(critical|high|medium|low|urgent)\s*$/i.exec(priority)?.[1];
  if (normalised) mention.priority = normalised.toUpperCase();

  const dependencies: string[] = [];
  for (const item of listItems(field('dependencies')?.value as YamlNode | undefined)) {
    const dependency = backlogId(item.text, options.ids);
    if (!dependency) continue;
    dependencies.push(dependency);
    const range = rangeOf(item.node);
    facts.edges.push({ from: dependency, to: id, range, source: 'field' });
  }
  mention.dependencies = dependencies;
  facts.mentions.unshift(mention);

  const parentNode = field('parent_task_id')?.value as YamlNode | undefined;
  const parentText = scalarText(parentNode);
  const parent = parentText ? backlogId(parentText, options.ids) : undefined;
  if (parent)
    facts.mentions.push({
      id: parent,
      kind: 'reference',
      source: 'front-matter',
      context: 'normal',
      range: rangeOf(parentNode),
      section: [],
    });

  // The acceptance criteria and definition of done are the task's own checklist.
  const section: TaskSection = { id, range: idRange, depth: 0, deferred: false };
  if (mention.status)
    section.status = { status: mention.status, text: statusText!, range: rangeOf(field('status')?.value as YamlNode) };
  facts.section = section;
  const criteria = criteriaLines(tree, lines);
  checklist.forEach((item, index) => {
    if (item.task !== undefined || item.taskSection !== undefined) return;
    if (criteria.some(([start, end]) => item.range.start.line >= start && item.range.start.line < end))
      facts.criteria.push(index);
  });
  return facts;
}

/** The lines of the `## Acceptance Criteria` and `## Definition of Done` sections, as [first, end). */
function criteriaLines(tree: Root, lines: LineIndex): [number, number][] {
  const spans: [number, number][] = [];
  const headings = tree.children.filter((node) => node.type === 'heading');
  headings.forEach((heading, i) => {
    const text = heading.children.map((child) => ('value' in child ? child.value : '')).join('');
    if (!/^\s*(?:acceptance criteria|definition of done)\b/i.test(text)) return;
    const next = headings.slice(i + 1).find((other) => other.depth <= heading.depth);
    const start = heading.position?.start.line ?? 0;
    const end = next?.position?.start.line ?? lines.lineCount + 1;
    spans.push([start, end]);
  });
  return spans;
}

/** The YAML of the front matter as a mapping, or a problem saying why not. */
function parseFrontMatter(
  text: string,
  node: Yaml,
  lines: LineIndex,
  problems: FrontMatterProblem[],
): { document: Document; base: number; whole: Range } | undefined {
  const offsets = nodeOffsets(node);
  if (!offsets) return undefined;
  const whole = lines.range(
    offsets.start,
    Math.min(offsets.end, !text.includes('\n', offsets.start) ? offsets.end : text.indexOf('\n', offsets.start)),
  );
  // The YAML starts on the line after the opening `---`.
  const base = text.indexOf('\n', offsets.start) + 1;
  const source = text.slice(base, base + node.value.length);
  if (source.length > MAX_FRONT_MATTER) {
    problems.push({
      kind: 'too-large',
      detail: `${Math.round(source.length / 1024)} KB, past the limit of ${MAX_FRONT_MATTER / 1024} KB`,
      range: whole,
    });
    return undefined;
  }
  let document: Document;
  try {
    // Read node by node: aliases are never expanded, so no alias bomb.
    document = yaml().parseDocument(source, { schema: 'core', prettyErrors: false, uniqueKeys: true });
  } catch (error) {
    problems.push({ kind: 'invalid-yaml', detail: (error as Error).message, range: whole });
    return undefined;
  }
  const error = document.errors[0];
  if (error) {
    const [at, end] = error.pos;
    // An error found only at the end (a quote never closed) is shown at the opening `---`.
    const range = at < source.trimEnd().length ? lines.range(base + at, base + end) : whole;
    problems.push({
      kind: 'invalid-yaml',
      detail: error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, ''),
      range,
    });
    return undefined;
  }
  if (!yaml().isMap(document.contents)) {
    if (document.contents !== null)
      problems.push({ kind: 'not-a-mapping', detail: 'it is not a list of `key: value` fields', range: whole });
    return undefined;
  }
  return { document, base, whole };
}

function scalarText(node: YamlNode | null | undefined): string | undefined {
  if (!node || !yaml().isScalar(node)) return undefined;
  const value = node.value;
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

/** `[task-1, task-2]`, a block list, or `task-1, task-2` in one string. */
function listItems(node: YamlNode | null | undefined): { text: string; node: YamlNode }[] {
  if (!node) return [];
  if (yaml().isSeq(node)) {
    return node.items.flatMap((item) => {
      const text = scalarText(item as YamlNode);
      return text === undefined ? [] : [{ text, node: item as YamlNode }];
    });
  }
  const text = scalarText(node);
  if (text === undefined) return [];
  return text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => ({ text: part, node }));
}

/**
 * A Backlog.md status: a word of the vocabulary ("To Do", "In Progress", "Done"), else one of
 * the statuses `backlog/config.yml` lists: its first is not started, its last done, those
 * between in progress.
 */
function backlogStatus(text: string, options: Options): Status | undefined {
  const reading = classifyStatus(text, options.vocabulary);
  if (reading) return reading.status;
  const statuses = configuredStatuses(options.file);
  const index = statuses.findIndex((status) => status.toLowerCase() === text.toLowerCase());
  if (index === -1) return undefined;
  if (index === statuses.length - 1) return 'done';
  return index === 0 ? 'pending' : 'in-progress';
}

const configs = new Map<string, { mtimeMs: number; statuses: string[] }>();

/** The `statuses` of the `config.yml` of the backlog folder a task file is in, read once per change. */
function configuredStatuses(file: string): string[] {
  const match = /^(.*[\\/]\.?backlog)[\\/]/i.exec(file);
  if (!match) return [];
  const config = ['config.yml', 'config.yaml']
    .map((name) => path.join(match[1]!, name))
    .find((candidate) => existsSync(candidate));
  if (!config) return [];
  try {
    const { mtimeMs, size } = statSync(config);
    const known = configs.get(config);
    if (known?.mtimeMs === mtimeMs) return known.statuses;
    let statuses: string[] = [];
    if (size <= MAX_FRONT_MATTER) {
      const value = yaml().parse(readFileSync(config, 'utf8'), { schema: 'core', maxAliasCount: MAX_ALIASES }) as {
        statuses?: unknown;
      } | null;
      if (Array.isArray(value?.statuses))
        statuses = value.statuses.filter((status): status is string => typeof status === 'string');
    }
    configs.set(config, { mtimeMs, statuses });
    return statuses;
  } catch {
    // A config.yml that cannot be read or parsed is Backlog.md's to report: no statuses from it.
    return [];
  }
}
