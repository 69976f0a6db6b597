import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ajvKeys,
  allowedKeys,
  configError,
  configOrigin,
  describeAjvError,
  newAjv,
  severitySetting,
  type Config,
  type ConfigProblem,
  type RuleSetting,
} from './config.js';
import { didYouMean } from './suggest.js';
import type { Corpus } from './corpus.js';
import {
  documentKey,
  formatMessage,
  type IndexEntry,
  type MessageRef,
  type Report,
  type ReportFix,
  type Rule,
} from './rule.js';
import { RULES_DIR, ruleFiles, ruleIds } from './rule-ids.js';
import { DirectiveUse } from './suppress.js';
import type { Diagnostic, DocumentFacts, Fix, Severity, SeveritySetting } from './types.js';

let loaded: Promise<Rule[]> | undefined;

/** Every rule in `rules/`: a new rule is one file there, nothing to register. */
export function loadRules(): Promise<Rule[]> {
  loaded ??= (async () => {
    const files = ruleFiles();
    const rules: Rule[] = [];
    for (const name of files) {
      const module = (await import(pathToFileURL(path.join(RULES_DIR, name)).href)) as { default?: Rule };
      const rule = module.default;
      if (!rule || typeof rule.check !== 'function') throw new Error(`rules/${name} does not export a rule as default`);
      if (rule.id !== name.replace(/\.(ts|js)$/, ''))
        throw new Error(`rules/${name} declares id "${rule.id}"; the id must be the file name`);
      rules.push(rule);
    }
    return rules;
  })();
  return loaded;
}

export interface ActiveRule {
  rule: Rule;
  severity: Severity;
  options: Record<string, unknown>;
}

let ajv: ReturnType<typeof newAjv> | undefined;

function severityOf(setting: SeveritySetting): Severity | undefined {
  if (setting === 'off') return undefined;
  return setting === 'warn' ? 'warning' : 'error';
}

/** Each rule with its severity and options as `config` sets them, defaults filled in, switched-off rules included. */
export function effectiveRules(
  rules: Rule[],
  config: Config,
): { rule: Rule; setting: SeveritySetting; options: Record<string, unknown> }[] {
  return rules.map((rule) => {
    const setting: RuleSetting | undefined = config.rules[rule.id];
    const level = severitySetting(Array.isArray(setting) ? setting[0] : setting);
    const userOptions = Array.isArray(setting) && setting[1] ? setting[1] : {};
    const options = { ...structuredClone(rule.meta.defaultOptions), ...userOptions } as Record<string, unknown>;
    return { rule, setting: level ?? (rule.meta.defaultSeverity === 'warning' ? 'warn' : 'error'), options };
  });
}

/**
 * Applies `rules` from the config: severities, options validated against each rule's schema.
 * Every problem is reported at once, at its place in the config file.
 */
export function activeRules(rules: Rule[], config: Config): ActiveRule[] {
  const origin = configOrigin(config);
  const known = rules.map((rule) => rule.id);
  const problems: ConfigProblem[] = [];
  for (const id of Object.keys(config.rules)) {
    if (!known.includes(id))
      problems.push({
        keys: ['rules', id],
        text: `rules.${id}: unknown rule${didYouMean(id, known) || '; run "tasklint --rules" to list them'}`,
      });
  }
  const active: ActiveRule[] = [];
  for (const { rule, setting, options } of effectiveRules(rules, config)) {
    const severity = severityOf(setting);
    const userSetting = config.rules[rule.id];
    const userOptions = Array.isArray(userSetting) && userSetting[1] ? userSetting[1] : {};
    if (!severity) continue;
    // A rule's own defaults are checked against its schema by a test: only a user's options need
    // validating here, and only for a rule that runs (as in ESLint).
    if (Object.keys(userOptions).length > 0) {
      ajv ??= newAjv({ useDefaults: true });
      const validate = ajv.compile(rule.meta.schema);
      if (!validate(options)) {
        for (const error of validate.errors ?? []) {
          const text = `rules.${rule.id}[1]${describeAjvError(error, (e) => allowedKeys(rule.meta.schema, e))
            .replace(/^\(top level\)/, '')
            .replace(/^([^.:[])/, '.$1')}`;
          problems.push({ keys: ['rules', rule.id, 1, ...ajvKeys(error)], text });
        }
        continue;
      }
    }
    active.push({ rule, severity, options });
  }
  if (problems.length > 0) throw configError(origin, problems);
  return active;
}

/** The order findings are reported in: by file, place, rule and message. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.range.start.line - b.range.start.line ||
    a.range.start.column - b.range.start.column ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}

function toDiagnostic(rule: Rule, severity: Severity, report: Report): Diagnostic {
  const template = rule.meta.messages[report.messageId];
  if (template === undefined) throw new Error(`Rule ${rule.id} reported unknown message id "${report.messageId}"`);
  const format = (ref: MessageRef): string => {
    const text = rule.meta.messages[ref.messageId];
    if (text === undefined) throw new Error(`Rule ${rule.id} used unknown message id "${ref.messageId}"`);
    return formatMessage(text, ref.data, rule.id);
  };
  return {
    ruleId: rule.id,
    messageId: report.messageId,
    severity: rule.meta.messageSeverity?.[report.messageId] === 'warning' ? 'warning' : severity,
    message: formatMessage(template, report.data, rule.id),
    file: report.at.doc.file,
    range: report.at.range,
    related: (report.related ?? []).map((related) => {
      const relatedTemplate = related.messageId ? rule.meta.messages[related.messageId] : undefined;
      if (related.messageId && relatedTemplate === undefined)
        throw new Error(`Rule ${rule.id} used unknown message id "${related.messageId}"`);
      return {
        file: related.at.doc.file,
        range: related.at.range,
        message:
          relatedTemplate !== undefined
            ? formatMessage(relatedTemplate, related.data, rule.id)
            : (related.message ?? ''),
        ...(related.asPrimary ? { asPrimary: format(related.asPrimary) } : {}),
      };
    }),
    ...(report.asRelated ? { asRelated: format(report.asRelated) } : {}),
    ...(report.fix ? { fix: toFix(rule, 'fix', report.fix, report) } : {}),
    ...(report.suggest?.length
      ? {
          suggestions: report.suggest.map((suggestion) => ({
            desc: format(suggestion),
            fix: toFix(rule, 'suggest', suggestion.fix, report),
          })),
        }
      : {}),
  };
}

/** As ESLint: a rule that fixes or suggests says so in its metadata. */
function toFix(rule: Rule, kind: 'fix' | 'suggest', fix: ReportFix, report: Report): Fix {
  if (kind === 'fix' && !rule.meta.fixable)
    throw new Error(`Rule ${rule.id} reported a fix but its meta has no "fixable"`);
  if (kind === 'suggest' && !rule.meta.hasSuggestions)
    throw new Error(`Rule ${rule.id} reported suggestions but its meta has no "hasSuggestions"`);
  return { file: (fix.doc ?? report.at.doc).file, edits: fix.edits };
}

/** A finding before suppression, with the keys it depends on (rules with keyed incremental checking). */
interface Finding {
  diagnostic: Diagnostic;
  keys: readonly string[];
}

/**
 * A map from keys to what documents say about them, in corpus order (documents by path), built
 * once and then kept up to date document by document.
 */
class DocumentIndex<T> {
  readonly entries = new Map<string, IndexEntry<T>[]>();
  private readonly memo = new WeakMap<DocumentFacts, [string, T][]>();

  constructor(
    private readonly entriesOf: (doc: DocumentFacts) => Iterable<[string, T]>,
    documents: DocumentFacts[],
  ) {
    for (const doc of documents) {
      for (const [key, value] of this.of(doc)) {
        const list = this.entries.get(key);
        if (list) list.push({ doc, value });
        else this.entries.set(key, [{ doc, value }]);
      }
    }
  }

  private of(doc: DocumentFacts): [string, T][] {
    let entries = this.memo.get(doc);
    if (!entries) this.memo.set(doc, (entries = [...this.entriesOf(doc)]));
    return entries;
  }

  replace(before: DocumentFacts, after: DocumentFacts): void {
    const added = new Map<string, IndexEntry<T>[]>();
    for (const [key, value] of this.of(after)) {
      const list = added.get(key);
      if (list) list.push({ doc: after, value });
      else added.set(key, [{ doc: after, value }]);
    }
    const keys = new Set([...this.of(before).map(([key]) => key), ...added.keys()]);
    for (const key of keys) {
      const others = (this.entries.get(key) ?? []).filter((entry) => entry.doc !== before);
      let at = others.findIndex((entry) => entry.doc.relPath > after.relPath);
      if (at === -1) at = others.length;
      const list = [...others.slice(0, at), ...(added.get(key) ?? []), ...others.slice(at)];
      if (list.length) this.entries.set(key, list);
      else this.entries.delete(key);
    }
  }
}

/** One document's facts before and after an edit. */
export interface DocumentChange {
  before: DocumentFacts;
  after: DocumentFacts;
}

export interface UpdateResult {
  diagnostics: Diagnostic[];
  /** Files whose findings may have changed: only these need showing again. */
  affected: Set<string>;
}

const NO_KEYS: readonly string[] = [];

function filesOf(diagnostic: Diagnostic, into: Set<string>): void {
  into.add(diagnostic.file);
  for (const related of diagnostic.related) into.add(related.file);
}

/**
 * Runs the rules over a corpus and keeps their findings, so that after a one-document edit the
 * language server re-checks only what the edit can change: for a rule with `incremental`, the
 * findings whose keys the document's old or new facts have; the rest are kept as they were.
 */
export class RuleRunner {
  private readonly findings = new Map<ActiveRule, Finding[]>();
  /** Each document's keys per rule, computed once per facts object (an edit makes new facts). */
  private keyMemo = new Map<ActiveRule, WeakMap<DocumentFacts, ReadonlySet<string>>>();
  /** Per rule, the files whose documents have each key: which documents an edit's keys reach. */
  private filesByKey = new Map<ActiveRule, Map<string, Set<string>>>();
  /** The indexes rules asked for (`context.index`), kept up to date across edits. */
  private indexes = new Map<ActiveRule, Map<string, DocumentIndex<unknown>>>();

  constructor(
    private readonly active: ActiveRule[],
    private readonly options: RunOptions = {},
  ) {}

  /** Every rule over the whole corpus: pure, stable order, each contradiction once, suppressions applied. */
  run(corpus: Corpus): Diagnostic[] {
    // Keys may depend on what is corpus-wide (known ID prefixes, the root): computed afresh.
    this.keyMemo = new Map();
    this.filesByKey = new Map();
    this.indexes = new Map();
    for (const active of this.active) this.findings.set(active, this.check(active, corpus, undefined));
    return this.assemble(corpus);
  }

  /**
   * Computes every document's keys now, so that the first edit does not pay for it: the language
   * server calls it after a full run, while the user reads the findings.
   */
  prepare(corpus: Corpus): void {
    for (const active of this.active) {
      if (!active.rule.incremental) continue;
      this.keyIndex(active, corpus);
      // Asking for no findings builds the indexes a rule reads after an edit.
      this.check(active, corpus, new Set());
    }
  }

  private keyIndex(active: ActiveRule, corpus: Corpus): Map<string, Set<string>> {
    let index = this.filesByKey.get(active);
    if (index) return index;
    index = new Map();
    for (const doc of corpus.documents) this.indexKeys(active, index, doc, corpus, 1);
    this.filesByKey.set(active, index);
    return index;
  }

  private indexKeys(
    active: ActiveRule,
    index: Map<string, Set<string>>,
    doc: DocumentFacts,
    corpus: Corpus,
    sign: 1 | -1,
  ): void {
    for (const key of this.keysOf(active, doc, corpus)) {
      let files = index.get(key);
      if (sign === 1) {
        if (!files) index.set(key, (files = new Set()));
        files.add(doc.file);
      } else if (files) {
        files.delete(doc.file);
        if (files.size === 0) index.delete(key);
      }
    }
  }

  /**
   * After `changes` (documents edited in place: the same files, link targets and ID prefixes as
   * `corpus` had at the last run), the findings again, and the files whose findings may differ.
   */
  update(corpus: Corpus, changes: DocumentChange[]): UpdateResult {
    const affected = new Set<string>();
    for (const change of changes) affected.add(change.after.file);
    for (const [active, index] of this.filesByKey) {
      for (const { before, after } of changes) {
        this.indexKeys(active, index, before, corpus, -1);
        this.indexKeys(active, index, after, corpus, 1);
      }
    }
    for (const byName of this.indexes.values())
      for (const index of byName.values()) for (const { before, after } of changes) index.replace(before, after);
    for (const active of this.active) {
      const previous = this.findings.get(active);
      if (!previous || !active.rule.incremental) {
        // Nothing to go by: everything again, and every file it reports in may have changed.
        const fresh = this.check(active, corpus, undefined);
        for (const finding of [...(previous ?? []), ...fresh]) filesOf(finding.diagnostic, affected);
        this.findings.set(active, fresh);
        continue;
      }
      const dirty = new Set<string>();
      for (const { before, after } of changes) {
        for (const key of this.keysOf(active, before, corpus)) dirty.add(key);
        for (const key of this.keysOf(active, after, corpus)) dirty.add(key);
      }
      const kept: Finding[] = [];
      for (const finding of previous) {
        if (finding.keys.some((key) => dirty.has(key))) filesOf(finding.diagnostic, affected);
        else kept.push(finding);
      }
      const fresh = dirty.size ? this.check(active, corpus, dirty) : [];
      for (const finding of fresh) filesOf(finding.diagnostic, affected);
      this.findings.set(active, [...kept, ...fresh]);
    }
    // Suppression comments live in the changed documents: a finding with a place there may have
    // been silenced or let through.
    const changed = new Set(changes.map((change) => change.after.file));
    for (const list of this.findings.values()) {
      for (const { diagnostic } of list) {
        if (changed.has(diagnostic.file) || diagnostic.related.some((related) => changed.has(related.file)))
          filesOf(diagnostic, affected);
      }
    }
    return { diagnostics: this.assemble(corpus), affected };
  }

  private keysOf(active: ActiveRule, doc: DocumentFacts, corpus: Corpus): ReadonlySet<string> {
    const incremental = active.rule.incremental;
    if (incremental === undefined) return new Set();
    if (incremental === 'document') return new Set([documentKey(doc)]);
    let memo = this.keyMemo.get(active);
    if (!memo) this.keyMemo.set(active, (memo = new WeakMap()));
    let keys = memo.get(doc);
    if (!keys) memo.set(doc, (keys = new Set(incremental(doc, corpus))));
    return keys;
  }

  private check(active: ActiveRule, corpus: Corpus, only: ReadonlySet<string> | undefined): Finding[] {
    const { rule, severity, options } = active;
    const findings: Finding[] = [];
    const keyed = typeof rule.incremental === 'function';
    let wanted: Set<string> | undefined;
    if (only) {
      const index = this.keyIndex(active, corpus);
      wanted = new Set();
      for (const key of only) for (const file of index.get(key) ?? []) wanted.add(file);
    }
    rule.check(
      corpus,
      {
        only,
        wants: (doc) => !wanted || wanted.has(doc.file),
        index: <T>(name: string, entries: (doc: DocumentFacts) => Iterable<[string, T]>) => {
          let byName = this.indexes.get(active);
          if (!byName) this.indexes.set(active, (byName = new Map<string, DocumentIndex<unknown>>()));
          let index = byName.get(name) as DocumentIndex<T> | undefined;
          if (!index) byName.set(name, (index = new DocumentIndex(entries, corpus.documents)));
          return index.entries;
        },
        wantsKey: (key) => !only || only.has(key),
        report: (report) => {
          let keys: readonly string[] = NO_KEYS;
          if (rule.incremental === 'document') keys = [documentKey(report.at.doc)];
          else if (keyed) {
            if (!report.keys?.length)
              throw new Error(`Rule ${rule.id} reported a finding without the keys its incremental checking needs`);
            keys = report.keys;
          }
          if (only && !keys.some((key) => only.has(key))) return;
          findings.push({ diagnostic: toDiagnostic(rule, severity, report), keys });
        },
      },
      options,
    );
    return findings;
  }

  private assemble(corpus: Corpus): Diagnostic[] {
    const diagnostics: Diagnostic[] = [];
    const seen = new Set<string>();
    const use = new DirectiveUse();
    for (const active of this.active) {
      for (const { diagnostic } of this.findings.get(active) ?? []) {
        const key = `${diagnostic.ruleId}\0${diagnostic.file}\0${diagnostic.range.start.line}:${diagnostic.range.start.column}\0${diagnostic.message}`;
        if (seen.has(key)) continue;
        seen.add(key);
        if (!use.suppresses(diagnostic, corpus.byFile)) diagnostics.push(diagnostic);
      }
    }
    const unusedSeverity = this.options.reportUnusedDisableDirectives;
    if (unusedSeverity) diagnostics.push(...use.unused(corpus.documents, unusedSeverity, new Set(ruleIds())));
    return diagnostics.sort(compareDiagnostics);
  }
}

export interface RunOptions {
  /** As ESLint's `--report-unused-disable-directives`: a finding of this severity at each disable comment that silences nothing. */
  reportUnusedDisableDirectives?: Severity;
}

/** Runs the rules over the corpus: pure, stable order, each contradiction once, suppressions applied. */
export function runRules(corpus: Corpus, active: ActiveRule[], options: RunOptions = {}): Diagnostic[] {
  return new RuleRunner(active, options).run(corpus);
}
