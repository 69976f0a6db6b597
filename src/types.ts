/** The facts model: what `extract` produces per document and what rules read. */

export type Status = 'done' | 'in-progress' | 'blocked' | 'pending' | 'deprecated' | 'unknown';

/** 1-based line and column, as editors and ESLint show them. */
export interface Position {
  line: number;
  column: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export type DocumentRole = 'active' | 'historical' | 'template';

export interface Heading {
  depth: number;
  text: string;
  /** GitHub anchor slug, duplicates numbered as on github.com. */
  slug: string;
  /** The slug the heading would have once its mojibake is repaired, when it has some. */
  repairedSlug?: string;
  range: Range;
}

export interface Link {
  url: string;
  /** Decoded path part, '' for a same-document `#fragment` link. */
  path: string;
  fragment?: string;
  range: Range;
}

export type MentionKind = 'definition' | 'reference';
export type MentionSource = 'table' | 'heading' | 'list' | 'prose' | 'code';
/** What the enclosing section is about: criteria and prerequisites are not task statuses. */
export type MentionContext = 'normal' | 'criteria' | 'prerequisite';

export interface Duration {
  /** Minutes for clock units, working days for calendar units. */
  value: number;
  unit: 'minutes' | 'days';
  text: string;
}

export interface TaskMention {
  id: string;
  kind: MentionKind;
  source: MentionSource;
  context: MentionContext;
  range: Range;
  /** Heading texts from the top of the document down to this mention. */
  section: string[];
  status?: Status;
  /** The words or symbols the status was read from. */
  statusText?: string;
  priority?: string;
  duration?: Duration;
  title?: string;
  dependencies?: string[];
  checked?: boolean;
  /** Set on dependency references: the task that depends on this one. */
  dependent?: string;
}

export interface Mojibake {
  range: Range;
  text: string;
  repaired: string;
  encoding: 'Windows-1252' | 'Mac Roman';
}

export interface ReadProblem {
  kind: 'unreadable' | 'binary' | 'too-large' | 'invalid-utf8' | 'utf16' | 'parse-failed';
  message: string;
  /** Fatal problems leave the document without facts. */
  fatal: boolean;
  range?: Range;
}

export interface InlineDirective {
  kind: 'disable' | 'enable' | 'disable-next-line' | 'disable-line' | 'disable-file';
  /** Empty means every rule. */
  rules: string[];
  line: number;
}

/** A number the text asserts, bound to its subject. */
export interface PercentClaim {
  percent: number;
  numerator: number;
  denominator: number;
  text: string;
  range: Range;
  subject: string;
}

export interface DocumentFacts {
  /** Absolute path. */
  file: string;
  /** Path relative to the corpus root, with forward slashes. */
  relPath: string;
  role: DocumentRole;
  lineCount: number;
  headings: Heading[];
  /** Anchors set by HTML (`<a id="...">`, `name="..."`), which links may target too. */
  anchors: string[];
  links: Link[];
  mentions: TaskMention[];
  percents: PercentClaim[];
  mojibake: Mojibake[];
  problems: ReadProblem[];
  directives: InlineDirective[];
}

export type Severity = 'error' | 'warning';
export type SeveritySetting = 'off' | 'warn' | 'error';

export interface Place {
  file: string;
  range: Range;
  message?: string;
}

export interface Diagnostic {
  ruleId: string;
  /** Which of the rule's messages this is. */
  messageId: string;
  severity: Severity;
  message: string;
  file: string;
  range: Range;
  related: Place[];
}

/** What the corpus stage learnt about a link target outside the corpus. */
export interface TargetInfo {
  exists: boolean;
  isDirectory: boolean;
  /** Outside the linted root: checked for existence only. */
  outsideRoot: boolean;
}
