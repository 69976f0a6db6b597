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

/** `draft`: a task not yet accepted (Backlog.md's `drafts/`): it exists, but promises nothing. */
export type DocumentRole = 'active' | 'historical' | 'template' | 'draft';

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
/**
 * `field`: a field line of a task block ("**Status**: DONE" under the task's heading);
 * `front-matter`: the document's own YAML front matter (`id: TASK-12`), as Backlog.md writes a task.
 */
export type MentionSource = 'table' | 'heading' | 'field' | 'list' | 'prose' | 'code' | 'front-matter';
/** What the enclosing section is about: criteria and prerequisites are not task statuses. */
export type MentionContext = 'normal' | 'criteria' | 'prerequisite';

export interface Duration {
  /** Minutes for clock units, working days for calendar units. */
  value: number;
  unit: 'minutes' | 'days';
  text: string;
  /** Written as an approximation: "~9 hours", "about 2 days". */
  approximate?: boolean;
  /** A range ("8-10 hours"): `value` is its low end and this its high end, in the same unit. */
  max?: number;
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
  /** The status is not written on the row but implied by where it is listed ("Active Tasks"). */
  statusImplied?: boolean;
  /** A former name of a task ("split from T105", "(was TASK-049)"): it need not exist any more. */
  alias?: boolean;
  /** Named as another feature's ("Spec 002's FR-005", "like 001-search FR-003"): not one its own feature must define. */
  otherFeature?: boolean;
  /** How the task is written where the ID is not written out: "Tasks 035-037", "**040**" (its range covers that). */
  writtenAs?: string;
}

/** A short form or range of task IDs as written, and what it says of each task it names. */
export interface WrittenIds {
  /** The scheme's prefix when written ("TASK-" of "TASK-035-037"); none for "Task 041" or "040-044". */
  prefix?: string;
  /** The number as written: "041", "0.1". */
  from: string;
  /** A range's last number, as written. */
  to?: string;
  /** As written: "Tasks 035-037" is written "035-037", "TASK-044 through TASK-048" in full. */
  text: string;
  /** The statement each task named makes, without its ID. */
  mention: Omit<TaskMention, 'id'>;
  /**
   * Written by a heading that defines its task short ("### Task 041: ..."), or by a field line of
   * its block: it names the task of the one scheme that fits, defined elsewhere or not.
   */
  defines?: boolean;
}

/** One end of a dependency written short or as a range: "Task 039", "TASK-035-037", "T001-T004". */
export type WrittenEnd = Pick<WrittenIds, 'prefix' | 'from' | 'to' | 'text' | 'defines'>;

/**
 * A dependency with an end the corpus resolves (see corpus.ts): a range names one edge per task
 * defined in it; an end it cannot resolve names none.
 */
export interface WrittenEdge {
  from: string | WrittenEnd;
  to: string | WrittenEnd;
  range: Range;
  source: 'field';
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
  /** The comment, from `<!--` to `-->`. */
  range: Range;
  /** Where each of `rules` is written in the comment. */
  ruleRanges: Range[];
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
  /** Numbers the text asserts about groups of tasks (counts, fractions, totals, durations), each with its subject and evidence. */
  claims?: Claim[];
  /** Dependency statements: table cells, "Depends on:" fields, arrows in graphs. */
  edges?: DependencyEdge[];
  /** "Last Updated", "Next Review", "Created" and the like. */
  dates?: DateField[];
  /** Checkbox list items (`- [ ]`, `- [x]`), in document order. */
  checklist?: ChecklistItem[];
  /**
   * Task IDs written short ("Task 041", "**040**") or as a range ("Tasks 035-037", "TASK-044
   * through TASK-048"): which tasks they name depends on the IDs the corpus defines, so the corpus
   * resolves them (see corpus.ts).
   */
  writtenIds?: WrittenIds[];
  /** Dependencies with an end written short or as a range: the corpus resolves them. */
  writtenEdges?: WrittenEdge[];
  /** Headings that define a task, with what their section says about it. */
  taskSections?: TaskSection[];
  /** Headings that name a phase, stage, milestone or workstream and define no task, with the status they state. */
  groupSections?: GroupSection[];
  /** `<<<<<<<`, `|||||||`, `=======`, `>>>>>>>` lines outside code. */
  conflictMarkers?: ConflictMarker[];
  /** Items of "Prerequisites:" lists that are ticked (✅, `[x]`) and name a phase rather than a task. */
  phaseTicks?: PhaseTick[];
  /** Lists that claim to name every task of their block, or every task left: "**Tasks:** CLOUD-0.1, CLOUD-0.2", "(2 tasks remaining: 046, 048)". */
  enumerations?: Enumeration[];
  /** Phases, stages, streams, categories, user stories and the document itself: where each is named, and the status it is given. */
  groups?: GroupStatement[];
  /** The tool whose layout the document was read in: `backlog`, `spec-kit`, `kiro`, `ai-dev-tasks`, `openspec`. */
  format?: DocumentFormat;
  /** Front matter that could not be read, or that contradicts the file's name. */
  frontMatterProblems?: FrontMatterProblem[];
  /** A spec-kit tasks.md: its phases, what blocks what, its tasks and stated counts. */
  specKit?: SpecKitFacts;
  /** An OpenSpec capability's spec or a change's spec delta: its requirement headers. */
  openSpec?: OpenSpecFacts;
  /** Repository paths that checked (done) checkbox tasks name in their own text ("Create User model in src/models/user.py"). */
  taskPaths?: TaskPath[];
}

/** A repository path a checkbox task names as a file it deals with (src/extract/task-paths.ts). */
export interface TaskPath {
  /** As written, without a leading `./`: `src/models/user.py`. */
  path: string;
  range: Range;
  /** The task's ID, else its first words. */
  task: string;
  /** The task's first line. */
  taskRange: Range;
  /** Written `./x/y.ts` or `../x/y.ts`: relative to the document's folder, not the repository's root. */
  fromDocument?: boolean;
}

/** `openspec/specs/CAP/spec.md` (kind `spec`) or `openspec/changes/NAME/specs/CAP/spec.md` (kind `delta`). */
export interface OpenSpecFacts {
  kind: 'spec' | 'delta';
  /** The folder that holds `openspec/`, with `/`, ending in `/` (or ''). */
  root: string;
  capability: string;
  /** The change's folder name (`archive/2025-01-11-add-x` for an archived one); for a delta. */
  change?: string;
  /** Each requirement header of the spec's `## Requirements` (`SPEC`), or of the delta's sections. */
  operations: OpenSpecOperation[];
}

export interface OpenSpecOperation {
  op: 'SPEC' | 'ADDED' | 'MODIFIED' | 'REMOVED' | 'RENAMED' | 'RENAMED FROM' | 'RENAMED TO';
  /** The requirement's name: the header's text after `Requirement:`, trimmed. */
  name: string;
  range: Range;
  /** A spec's, an ADDED or a MODIFIED requirement's `#### Scenario:` headings, as `openspec validate` counts them. */
  scenarios?: number;
  /** A "Scenario:" heading of the requirement with other than four `#`s, which OpenSpec does not count. */
  misplacedScenario?: { range: Range; depth: number };
}

/** What a spec-kit tasks.md says of its phases and how many tasks it has (src/extract/shapes/spec-kit.ts). */
export interface SpecKitFacts {
  phases: SpecKitPhase[];
  /** Every task line of the file (`- [ ] T012 [P] [US2] ...`), in order, outside code. */
  tasks: SpecKitTask[];
  /** Statements that a phase must be complete before other work starts. */
  blocks: PhaseBlock[];
  /** "Total tasks: 42", a summary table's "Phase 3 | 11 tasks" and "US1 tasks | 3". */
  counts: SpecKitCount[];
}

/** `## Phase 3: User Story 1 - Browse (Priority: P1)`. */
export interface SpecKitPhase {
  /** "3", "3.2". */
  number: string;
  /** The heading, as written. */
  title: string;
  range: Range;
  /** The phase is a user story's: its heading names one, or its tasks carry `[USn]`. */
  story: boolean;
}

export interface SpecKitTask {
  id: string;
  /** `[x]` done, `[ ]` open, any other marker (`[-]`, `[~]`) neither. */
  state: 'done' | 'open' | 'other';
  /** The checkbox as written. */
  marker: string;
  /** Optional, deferred, skipped or struck through (or under such a heading): not owed. */
  setAside: boolean;
  /** The `[USn]` labels: "2", "5a". */
  stories: string[];
  /** Marked `[P]`. */
  parallel: boolean;
  /** The number of the phase it is listed under. */
  phase?: string;
  /** The task's first line. */
  range: Range;
}

/** "Phase 2: Foundational (Blocking Prerequisites)", "(Phase 4)**: Depends on Phase 3". */
export interface PhaseBlock {
  /** The phase that must be complete first. */
  phase: string;
  /** What waits for it: every user story phase after it, or the phases named. */
  blocks: 'stories' | string[];
  /** The statement, as written. */
  text: string;
  range: Range;
}

export interface SpecKitCount {
  /** The whole list, one phase's tasks, or one story's (`[USn]`). */
  of: 'total' | 'phase' | 'story';
  /** The phase number or story label. */
  key?: string;
  stated: number;
  /** The label and value, as written. */
  text: string;
  /** The stated number. */
  range: Range;
}

export type DocumentFormat = 'backlog' | 'spec-kit' | 'kiro' | 'ai-dev-tasks' | 'openspec';

export interface FrontMatterProblem {
  kind: 'invalid-yaml' | 'not-a-mapping' | 'too-large' | 'id-mismatch';
  /** What went wrong, in words: the YAML error, or the two IDs. */
  detail: string;
  /** For `id-mismatch`: the ID the file's name gives. */
  fileId?: string;
  range: Range;
}

/** `to` depends on `from`: `from` must be done first (`from → to` in a graph). */
export interface DependencyEdge {
  from: string;
  to: string;
  /** The dependency's ID in a cell or field; the arrow with both ends in a graph. */
  range: Range;
  source: 'table' | 'field' | 'graph';
}

export type DateKind = 'last-updated' | 'last-review' | 'next-review' | 'created' | 'other';

export interface DateField {
  /** The label as written: "Last Updated". */
  label: string;
  kind: DateKind;
  /** ISO 8601 calendar date, YYYY-MM-DD. */
  date: string;
  /** The date as written. */
  text: string;
  range: Range;
  /** Document metadata (front matter, the lines before the first section, the closing lines) or a section's own. */
  scope: 'document' | 'section';
  /** Fields written in one block (a paragraph, a list, front matter) share a group. */
  group: number;
}

export interface ChecklistItem {
  checked: boolean;
  /** The item's checkbox and first line. */
  range: Range;
  text: string;
  /** Index in `checklist` of the checkbox item this one is nested under. */
  parent?: number;
  /** The task this item belongs to: the task item it is nested under, else the task heading above it. */
  task?: string;
  /** Index in `taskSections` when the item belongs to a task heading's section (not to a task item). */
  taskSection?: number;
  /** Index in `groupSections` when the item is the checklist of a phase heading itself (not of a task in it). */
  groupSection?: number;
  /** Task IDs the item names as its subject: first, or in a closing parenthesis. */
  ids: string[];
  /** "(optional)", "deferred", struck through, or a marker that means neither done nor open: not expected to be ticked. */
  optional: boolean;
  /** The checkbox as written when it is not GFM's (`[~]`): what it means is config `checkboxMarkers`'. */
  marker?: string;
  /** The status config `checkboxMarkers` gives that marker. */
  markerStatus?: Status;
}

export interface TaskSection {
  id: string;
  /** The heading. */
  range: Range;
  depth: number;
  /** A "**Status:** ..." field in the section itself. */
  status?: { status: Status; text: string; range: Range };
  /** The section says its checklist is deferred, postponed, tracked elsewhere. */
  deferred: boolean;
}

/** "## Phase 2: Storage ✅ COMPLETE": a phase's heading, its stated status and whether it explains open boxes. */
export interface GroupSection {
  /** The heading's text, as written (mojibake repaired). */
  name: string;
  range: Range;
  depth: number;
  /** Read from the heading ("✅ COMPLETE" at its end) or a "**Status:**" field right under it. */
  status?: { status: Status; text: string; range: Range };
  deferred: boolean;
}

/** "✅ Phase 6 validation complete" in a prerequisites list: a claim about every task of that phase. */
export interface PhaseTick {
  /** "Phase 6", as written. */
  phase: string;
  text: string;
  range: Range;
}

/**
 * A group of tasks named or given a status: a heading "## Phase 2: Storage ✅ COMPLETE", a row
 * "| Phase 0: Foundation | ... | Not Started |", a list item "- ✅ Phase 1: Core (12/12 complete)",
 * a "**Status:**" field under a group's heading or under the document's title.
 */
export interface GroupStatement {
  /** "Phase 0: Foundation", as written, without its status. */
  label: string;
  /** Kind and number, lower case: "phase 0", "stream b", "user story 3". Absent for a document that names no group. */
  key?: string;
  /** The title's content words, lower case: ["foundation"]. A bare "Phase 0" has none. */
  words: string[];
  status?: Status;
  /** The words, emoji or figure the status was read from. */
  statusText?: string;
  range: Range;
  source: 'heading' | 'table' | 'list' | 'field';
  /** Link paths in the row's or item's label: "./phase-0-foundation.md". */
  links: string[];
  /** Line of the group's own heading (the heading itself, or the one a field sits under): its section holds the members. */
  headingLine?: number;
  /** The statement is about the document itself: a field under its title, or its title. */
  document?: boolean;
  /** The tasks an index row names as the group's, in a cell of IDs: "CLOUD-0.1 to 0.2" (the corpus resolves them). */
  members?: WrittenEnd[];
}

export interface ConflictMarker {
  kind: 'ours' | 'base' | 'separator' | 'theirs';
  /** The text after the marker: a branch name or commit. */
  label: string;
  range: Range;
}

export type Severity = 'error' | 'warning';
export type SeveritySetting = 'off' | 'warn' | 'error';

export interface Place {
  file: string;
  range: Range;
  message?: string;
  /**
   * The finding's message when it is shown at this place instead of its own (`--hook` shows a
   * finding in the staged file), where the rule phrases it from here: "TASK-1 is in progress
   * here but done at index.md:5".
   */
  asPrimary?: string;
}

/**
 * One replacement in a document's text: `text` for what `range` covers or, with `replaces`, for
 * the one occurrence of `replaces` inside `range` (a stated number inside its claim's range). An
 * edit whose `replaces` is not found exactly once is not applied: the text is not what the rule saw.
 */
export interface TextEdit {
  range: Range;
  text: string;
  replaces?: string;
}

/** Edits to one file (absolute path), applied together or not at all. */
export interface Fix {
  file: string;
  edits: TextEdit[];
}

/** A fix a person chooses (an editor's quick fix, `--format json`), never applied by `--fix`. */
export interface Suggestion {
  desc: string;
  fix: Fix;
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
  /** What the finding's own place says in the words of a related place, for when it is shown at one of those. */
  asRelated?: string;
  /** The fix `--fix` applies: the derived side recomputed from its source. */
  fix?: Fix;
  /** Fixes a person chooses between: each makes one side say what the other says. */
  suggestions?: Suggestion[];
}

/** What the corpus stage learnt about a link target outside the corpus. */
export interface TargetInfo {
  exists: boolean;
  isDirectory: boolean;
  /** Outside the linted root: checked for existence only. */
  outsideRoot: boolean;
  /**
   * For a path a task names that does not exist: whether the repository's `.gitignore` ignores
   * it, whether it exists with other letter case, and whether a file of its name is beside it
   * with another extension or elsewhere in its top folder (it was moved). Absent until looked up
   * as a task's path.
   */
  missing?: { ignored: boolean; otherCase: boolean; moved: boolean };
}

/** What a claim is about: the words that name it and the task lists its place links to. */
export interface ClaimSubject {
  /** The heading, table-row label or list-item lead that names the subject (mojibake repaired). */
  label: string;
  /** Link paths, as written, of the subject's own task list ("./hpc-slurm-task-list.md"). */
  links: string[];
  /** The claim sits under the document's title: it is about the document it is in. */
  document: boolean;
}

/** One row, item or subsection a claim is checked against. */
export interface ClaimPart {
  range: Range;
  /** The number the part contributes: a cell's value, a subsection's count; 1 for a counted row. */
  value: number;
  /** Done out of `value`, for a breakdown of fractions ("Phase 0 (6/6 complete)"). */
  done?: number;
  /** "10 (2 deprecated)". */
  deprecated?: number;
  /** The part's text, for messages. */
  text: string;
}

/** "(6 tasks)" over a table, "17 tasks remaining", "31 tasks across 2 workstreams". */
export interface CountClaim {
  kind: 'count';
  noun: 'tasks' | 'workstreams';
  stated: number;
  /** "(10 tasks, 2 deprecated)". */
  deprecated?: number;
  /** "17 tasks remaining": the open tasks are counted. */
  remaining: boolean;
  text: string;
  range: Range;
  subject: ClaimSubject;
  /**
   * "(4 tasks: 040-044)", "(3 tasks: 046, 047.1, 048)": the IDs the count is of, written right
   * after it; the corpus knows which tasks they name (a range names those defined in it).
   */
  listed?: { ends: WrittenEnd[]; text: string; range: Range };
  /** What the claim plainly counts; absent when that is not clear. */
  evidence?: {
    of: 'table rows' | 'list items' | 'headings';
    /** One part per counted row, item or heading. */
    parts: ClaimPart[];
    /** How many of them are deprecated, and how many still open when every one states a status. */
    deprecated: number;
    open?: number;
    /** Rows that are subtasks of another row of the table (TASK-46.1 under TASK-46). */
    subtasks?: number;
  };
}

/** "(18/22 complete) - 3 tasks remaining", "29/48 tasks ... Remaining: 19 tasks". */
export interface RemainingClaim {
  kind: 'remaining';
  done: number;
  total: number;
  deprecated?: number;
  remaining: number;
  text: string;
  range: Range;
  subject: ClaimSubject;
}

/** A stated whole and the parts it should be the sum of. */
export interface TotalClaim {
  kind: 'total';
  /**
   * `column`: a TOTAL row's cell over the cells above it; `sections`: a heading's task count over
   * its subsections' counts; `items`: over its list items' counts; `fractions`: a whole "31/48"
   * over a breakdown "Phase 0 (6/6 complete)", ...; `rows`: a figure over the table rows it sums
   * (a metric table's "Total tasks" over its completed/in progress/pending rows; "Adjusted total
   * (excluding completed streams): 68 tasks, 37 complete" under the table it adjusts).
   */
  of: 'column' | 'sections' | 'items' | 'fractions' | 'rows';
  /** The column header, or what is counted ("tasks"). */
  label: string;
  stated: number;
  /** Done out of `stated`, for `fractions`. */
  statedDone?: number;
  deprecated?: number;
  parts: ClaimPart[];
  text: string;
  range: Range;
  subject: ClaimSubject;
}

/** "Status: 60% Complete (29/48 tasks)", a "48 | 31" row of a completion table. */
export interface ProgressClaim {
  kind: 'progress';
  done: number;
  total: number;
  /** Deprecated tasks the total includes ("10 (2 deprecated)"). */
  deprecated?: number;
  percent?: number;
  text: string;
  range: Range;
  subject: ClaimSubject;
  /**
   * The rest of the claim's line, or of its table row, with the fraction or the done and total
   * cells left out: numbers there ("3 tasks remaining", a Pending cell) may be derived from it too.
   */
  around?: string;
}

/** "Stream B (10 hrs):", "(3 tasks - 1.5 hrs)", "Estimated Time: 31.5 hours" and what it sums. */
export interface DurationClaim {
  kind: 'duration';
  /** The stated total, one entry per unit kind ("37.5 hours + 18 days"). */
  stated: Duration[];
  text: string;
  range: Range;
  subject: ClaimSubject;
  evidence?: {
    of: 'table rows' | 'list items' | 'sections';
    parts: { range: Range; durations: Duration[]; text: string }[];
    /** The stated time is what is left ("Remaining: 6 hours"): the parts are the open rows or sections only. */
    openOnly?: boolean;
  };
}

export type Claim = CountClaim | RemainingClaim | TotalClaim | ProgressClaim | DurationClaim;

/**
 * A list of tasks that claims to be complete: every task of its block (`tasks`, "**Tasks:**
 * CLOUD-0.1, CLOUD-0.2") or every task still open (`remaining`, "(2 tasks remaining: 046, 048)").
 */
export interface Enumeration {
  kind: 'tasks' | 'remaining';
  range: Range;
  /** Each member as written, and its full ID when the text writes it in full or after a full ID. */
  members: { written: string; id?: string }[];
  /** The line of the nearest heading above: the block the list is of. */
  headingLine?: number;
}
