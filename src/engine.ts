import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ConfigError, describeAjvError, newAjv, type Config, type RuleSetting } from './config.js';
import type { Corpus } from './corpus.js';
import { documentKey, formatMessage, type Report, type Rule } from './rule.js';
import { isSuppressed } from './suppress.js';
import type { Diagnostic, DocumentFacts, Severity, SeveritySetting } from './types.js';

const RULES_DIR = fileURLToPath(new URL('../rules/', import.meta.url));

let loaded: Promise<Rule[]> | undefined;

/** Every rule in `rules/`: a new rule is one file there, nothing to register. */
export function loadRules(): Promise<Rule[]> {
  loaded ??= (async () => {
    const files = readdirSync(RULES_DIR)
      .filter((name) => /\.(ts|js)$/.test(name) && !name.endsWith('.d.ts'))
      .sort();
    const rules: Rule[] = [];
    for (const name of files) {
      const module = (await import(pathToFileURL(path.join(RULES_DIR, name)).href)) as { default?: Rule };
      const rule = module.default;
      if (!rule || typeof rule.check !== 'function') throw new Error(`rules/${name} does not export a rule as default`);
      if (rule.id !== name.replace(/\.(ts|js)$/, '')) throw new Error(`rules/${name} declares id "${rule.id}"; the id must be the file name`);
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

/** Applies `rules` from the config: severities, options validated against each rule's schema. */
export function activeRules(rules: Rule[], config: Config): ActiveRule[] {
  const known = new Map(rules.map((rule) => [rule.id, rule]));
  for (const id of Object.keys(config.rules)) {
    if (!known.has(id)) throw new ConfigError(`Invalid config:\n  rules.${id}: unknown rule; known rules are ${[...known.keys()].join(', ')}`);
  }
  const active: ActiveRule[] = [];
  for (const rule of rules) {
    const setting: RuleSetting | undefined = config.rules[rule.id];
    const level: SeveritySetting | undefined = Array.isArray(setting) ? setting[0] : setting;
    const severity = level ? severityOf(level) : rule.meta.defaultSeverity;
    if (!severity) continue;
    const userOptions = Array.isArray(setting) && setting[1] ? setting[1] : {};
    const options = { ...structuredClone(rule.meta.defaultOptions), ...userOptions } as Record<string, unknown>;
    // A rule's own defaults are checked against its schema by a test: only a user's options need validating here.
    if (Object.keys(userOptions).length === 0) {
      active.push({ rule, severity, options });
      continue;
    }
    ajv ??= newAjv({ useDefaults: true });
    const validate = ajv.compile(rule.meta.schema);
    if (!validate(options)) {
      const problems = (validate.errors ?? []).map((error) => `rules.${rule.id}[1]${describeAjvError(error).replace(/^\(top level\)/, '').replace(/^([^.:[])/, '.$1')}`);
      throw new ConfigError(`Invalid config:\n  ${[...new Set(problems)].join('\n  ')}`);
    }
    active.push({ rule, severity, options });
  }
  return active;
}

function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
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
  return {
    ruleId: rule.id,
    messageId: report.messageId,
    severity: rule.meta.messageSeverity?.[report.messageId] === 'warning' ? 'warning' : severity,
    message: formatMessage(template, report.data, rule.id),
    file: report.at.doc.file,
    range: report.at.range,
    related: (report.related ?? []).map((related) => {
      const relatedTemplate = related.messageId ? rule.meta.messages[related.messageId] : undefined;
      if (related.messageId && relatedTemplate === undefined) throw new Error(`Rule ${rule.id} used unknown message id "${related.messageId}"`);
      return {
        file: related.at.doc.file,
        range: related.at.range,
        message: relatedTemplate !== undefined ? formatMessage(relatedTemplate, related.data, rule.id) : (related.message ?? ''),
      };
    }),
  };
}

/** A finding before suppression, with the keys it depends on (rules with keyed incremental checking). */
interface Finding {
  diagnostic: Diagnostic;
  keys: readonly string[];
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

  constructor(private readonly active: ActiveRule[]) {}

  /** Every rule over the whole corpus: pure, stable order, each contradiction once, suppressions applied. */
  run(corpus: Corpus): Diagnostic[] {
    // Keys may depend on what is corpus-wide (known ID prefixes, the root): computed afresh.
    this.keyMemo = new Map();
    for (const active of this.active) this.findings.set(active, this.check(active, corpus, undefined));
    return this.assemble(corpus);
  }

  /**
   * After `changes` (documents edited in place: the same files, link targets and ID prefixes as
   * `corpus` had at the last run), the findings again, and the files whose findings may differ.
   */
  update(corpus: Corpus, changes: DocumentChange[]): UpdateResult {
    const affected = new Set<string>();
    for (const change of changes) affected.add(change.after.file);
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
        if (changed.has(diagnostic.file) || diagnostic.related.some((related) => changed.has(related.file))) filesOf(diagnostic, affected);
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
    rule.check(
      corpus,
      {
        only,
        wants: (doc) => {
          if (!only) return true;
          for (const key of this.keysOf(active, doc, corpus)) if (only.has(key)) return true;
          return false;
        },
        wantsKey: (key) => !only || only.has(key),
        report: (report) => {
          let keys: readonly string[] = NO_KEYS;
          if (rule.incremental === 'document') keys = [documentKey(report.at.doc)];
          else if (keyed) {
            if (!report.keys?.length) throw new Error(`Rule ${rule.id} reported a finding without the keys its incremental checking needs`);
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
    for (const active of this.active) {
      for (const { diagnostic } of this.findings.get(active) ?? []) {
        const key = `${diagnostic.ruleId}\0${diagnostic.file}\0${diagnostic.range.start.line}:${diagnostic.range.start.column}\0${diagnostic.message}`;
        if (seen.has(key)) continue;
        seen.add(key);
        if (!isSuppressed(diagnostic, corpus.byFile)) diagnostics.push(diagnostic);
      }
    }
    return diagnostics.sort(compareDiagnostics);
  }
}

/** Runs the rules over the corpus: pure, stable order, each contradiction once, suppressions applied. */
export function runRules(corpus: Corpus, active: ActiveRule[]): Diagnostic[] {
  return new RuleRunner(active).run(corpus);
}
