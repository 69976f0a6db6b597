import type { Corpus } from './corpus.js';
import type { DocumentFacts, Range, Severity } from './types.js';

export type MessageData = Record<string, string | number>;

/** A place in the corpus: a document and a range in it. */
export interface At {
  doc: DocumentFacts;
  range: Range;
}

export interface RelatedReport {
  at: At;
  /** A message id of the rule, or plain words ("defined here"). */
  messageId?: string;
  message?: string;
  data?: MessageData;
}

export interface Report {
  messageId: string;
  data?: MessageData;
  at: At;
  related?: RelatedReport[];
}

export interface RuleContext {
  report(report: Report): void;
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
}

export interface Rule<Options = Record<string, unknown>> {
  id: string;
  meta: RuleMeta<Options>;
  check(corpus: Corpus, context: RuleContext, options: Options): void;
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

/** `file:line` as a message names the other place in words. */
export function placeName(at: At, from?: DocumentFacts): string {
  const file = from && from.file === at.doc.file ? 'line' : `${at.doc.relPath}:`;
  return from && from.file === at.doc.file ? `${file} ${at.range.start.line}` : `${file}${at.range.start.line}`;
}
