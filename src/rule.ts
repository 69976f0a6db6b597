import { edgesOf, taskKeyOf, type Corpus, type MentionAt } from './corpus.js';
import type { DocumentFacts, Range, Severity, TextEdit } from './types.js';

export type MessageData = Record<string, string | number>;

/** A place in the corpus: a document and a range in it. */
export interface At {
  doc: DocumentFacts;
  range: Range;
}

/** A message of the rule: its id and the values of its placeholders. */
export interface MessageRef {
  messageId: string;
  data?: MessageData;
}

export interface RelatedReport {
  at: At;
  /** A message id of the rule, or plain words ("defined here"). */
  messageId?: string;
  message?: string;
  data?: MessageData;
  /**
   * The finding's message as it reads from this place, for a finding whose sides are alike (two
   * statuses of a task): when the finding is shown here instead (`--hook` shows it in the staged
   * file), "TASK-1 is in progress here but done at index.md:5". Without it, this place's message
   * is followed by the finding's own.
   */
  asPrimary?: MessageRef;
}

/** Edits to a document: the report's own unless `doc` names another. */
export interface ReportFix {
  doc?: DocumentFacts;
  edits: TextEdit[];
}

/** A suggestion: its description is a message of the rule. */
export interface ReportSuggestion extends MessageRef {
  fix: ReportFix;
}

export interface Report {
  messageId: string;
  data?: MessageData;
  at: At;
  related?: RelatedReport[];
  /** What the report's own place says, in the words of a related place: when it is shown at one of those (see `asPrimary`). */
  asRelated?: MessageRef;
  /**
   * What the finding depends on, for a rule with keyed `incremental` checking: the keys (task
   * IDs, subjects, files) of the documents it was drawn from.
   */
  keys?: string[];
  /** Only where one side is derived from the other (`meta.fixable`). */
  fix?: ReportFix;
  /** Where a person must choose (`meta.hasSuggestions`). */
  suggest?: ReportSuggestion[];
}

export interface RuleContext {
  report(report: Report): void;
  /**
   * After an edit, the language server asks only for the findings with one of these keys;
   * undefined in a full run. Reports without one of them are dropped, so a rule may ignore it:
   * it only saves work.
   */
  readonly only: ReadonlySet<string> | undefined;
  /** Whether a document's facts can make a wanted finding (its keys meet `only`): always in a full run. */
  wants(doc: DocumentFacts): boolean;
  /** Whether findings with this key are wanted: always in a full run. */
  wantsKey(key: string): boolean;
  /**
   * A map from keys to what each document says about them (`entries` of a document, in corpus
   * order), built on first use and kept up to date across edits by the language server: a rule
   * that needs to look across the folder (which subjects share a name, which tasks a dependency
   * graph reaches) reads it instead of walking every document after each edit. `entries` must
   * depend on the document's facts alone (and what an edit never changes, such as the root).
   */
  index<T>(
    name: string,
    entries: (doc: DocumentFacts) => Iterable<[string, T]>,
  ): ReadonlyMap<string, readonly IndexEntry<T>[]>;
}

/** What one document says about a key of an index. */
export interface IndexEntry<T> {
  doc: DocumentFacts;
  value: T;
}

/** The key of a document, for findings that depend on one document as a whole. */
export function documentKey(doc: DocumentFacts): string {
  return `doc:${doc.file}`;
}

/** The key of a task (its task key, see corpus.ts), for findings that depend on every place that mentions the task. */
export function taskKey(key: string): string {
  return `task:${key}`;
}

/** The keys of the tasks a document mentions or names in a dependency, with a prefix the corpus counts. */
export function taskKeysOf(doc: DocumentFacts, corpus: Corpus): Set<string> {
  const keys = new Set<string>();
  const add = (id: string): void => {
    const key = taskKeyOf(corpus, doc, id);
    if (key !== undefined) keys.add(taskKey(key));
  };
  for (const mention of doc.mentions) add(mention.id);
  // "Tasks 035-037" names each of the three.
  for (const mention of corpus.resolved.get(doc) ?? []) add(mention.id);
  for (const edge of edgesOf(corpus, doc)) {
    add(edge.from);
    add(edge.to);
  }
  for (const item of doc.checklist ?? []) for (const id of item.ids) add(id);
  for (const section of doc.taskSections ?? []) add(section.id);
  return keys;
}

/** Every task's mentions in a full run; after an edit, those of the tasks whose findings are wanted. */
export function wantedMentions(corpus: Corpus, context: RuleContext): Iterable<[string, MentionAt[]]> {
  const only = context.only;
  if (!only) return corpus.mentions;
  const wanted: [string, MentionAt[]][] = [];
  for (const key of only) {
    if (!key.startsWith('task:')) continue;
    const id = key.slice('task:'.length);
    const mentions = corpus.mentions.get(id);
    if (mentions) wanted.push([id, mentions]);
  }
  return wanted;
}

export interface RuleMeta<Options> {
  /** `problem`: the documents contradict each other; `suggestion`: something a reader would trip on. */
  type: 'problem' | 'suggestion';
  /** One line starting with a verb: "Disallow a task having two statuses". */
  description: string;
  /** Message templates keyed by message id, with `{{placeholders}}`. */
  messages: Record<string, string>;
  /** JSON schema of the options object (`additionalProperties: false`). */
  schema: Record<string, unknown>;
  defaultOptions: Options;
  /** How sure the rule can be: `error` for arithmetic and status contradictions. */
  defaultSeverity: Severity;
  /**
   * Messages that are judgement calls, reported at most at this severity whatever the rule's:
   * `{ differentTask: 'warning' }` keeps a title comparison from failing a build.
   */
  messageSeverity?: Record<string, Severity>;
  /** Markdown: What it does, Why is this bad?, Example, Options. */
  docs: string;
  /** The rule's reports may carry a `fix` (`--fix` applies it), as ESLint's `fixable`. */
  fixable?: 'code';
  /** The rule's reports may carry suggestions, as ESLint's `hasSuggestions`. */
  hasSuggestions?: boolean;
  /** For the docs: what the fix changes, one sentence. */
  fixDescription?: string;
  /** For the docs: what the suggestions offer, when it is not "make either place say what the other says". */
  suggestionDescription?: string;
}

/**
 * How the language server re-checks a rule after a one-document edit, instead of over the whole
 * corpus (a rule without it runs over the whole corpus after every edit):
 * - `'document'`: each finding depends only on the document it is reported in (beside what an
 *   edit never changes: the set of files, link targets, known ID prefixes, the config).
 * - a function: the keys a document's facts bear on for this rule (task IDs with `taskKey`,
 *   subjects, linked files, `documentKey`). Each report names its `keys`, and the findings
 *   with a key depend only on the documents whose keys include it: after an edit, the findings
 *   with a key of the document's old or new facts are checked again, the others kept.
 */
export type Incremental = 'document' | ((doc: DocumentFacts, corpus: Corpus) => Iterable<string>);

export interface Rule<Options = Record<string, unknown>> {
  id: string;
  meta: RuleMeta<Options>;
  check(corpus: Corpus, context: RuleContext, options: Options): void;
  incremental?: Incremental;
}

export function defineRule<Options extends object>(rule: Rule<Options>): Rule<Options> {
  return rule;
}

/** Fills `{{name}}` placeholders; a missing one is a bug in the rule, so it throws. */
export function formatMessage(template: string, data: MessageData = {}, ruleId = ''): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, key: string) => {
    if (!(key in data)) throw new Error(`Rule ${ruleId}: message placeholder {{${key}}} has no value`);
    return String(data[key]);
  });
}

/** A column past the end of any line: an edit's range that runs to the end of its line. */
export const LINE_END = 1_000_000_000;

/** An edit that replaces the one `replaces` written on the line of `range` (a status cell, a date) with `text`. */
export function editOnLine(range: Range, replaces: string, text: string): TextEdit {
  return {
    range: { start: { line: range.start.line, column: 1 }, end: { line: range.start.line, column: LINE_END } },
    replaces,
    text,
  };
}

/**
 * Suggestions for a finding whose two sides are alike (a status here and there): for each other
 * place, make this place say what it says, and the reverse. A side with nothing written to
 * replace (a status implied by its section) gets no suggestion.
 */
export function suggestEitherWay(
  here: { at: At; written: string | undefined },
  others: { at: At; written: string | undefined }[],
): ReportSuggestion[] {
  const suggestions: ReportSuggestion[] = [];
  for (const other of others) {
    if (!here.written || !other.written || here.written === other.written) continue;
    suggestions.push({
      messageId: 'suggestHere',
      data: { text: other.written, other: placeName(other.at, here.at.doc) },
      fix: { doc: here.at.doc, edits: [editOnLine(here.at.range, here.written, other.written)] },
    });
    suggestions.push({
      messageId: 'suggestThere',
      data: { text: here.written, other: placeName(other.at, here.at.doc) },
      fix: { doc: other.at.doc, edits: [editOnLine(other.at.range, other.written, here.written)] },
    });
  }
  return suggestions;
}

/** The messages of `suggestEitherWay`, for a rule's `meta.messages`. */
export const SUGGEST_MESSAGES = {
  suggestHere: 'Make this place say "{{text}}", as {{other}} does',
  suggestThere: 'Make {{other}} say "{{text}}", as this place does',
} as const;

/** `file:line` as a message names the other place in words. */
export function placeName(at: At, from?: DocumentFacts): string {
  const file = from?.file === at.doc.file ? 'line' : `${at.doc.relPath}:`;
  return from?.file === at.doc.file ? `${file} ${at.range.start.line}` : `${file}${at.range.start.line}`;
}
