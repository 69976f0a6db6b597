import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ConfigError, describeAjvError, newAjv, type Config, type RuleSetting } from './config.js';
import type { Corpus } from './corpus.js';
import { formatMessage, type Report, type Rule } from './rule.js';
import { isSuppressed } from './suppress.js';
import type { Diagnostic, Severity, SeveritySetting } from './types.js';

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

/** Runs the rules over the corpus: pure, stable order, each contradiction once, suppressions applied. */
export function runRules(corpus: Corpus, active: ActiveRule[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const { rule, severity, options } of active) {
    rule.check(
      corpus,
      {
        report(report) {
          const diagnostic = toDiagnostic(rule, severity, report);
          const key = `${diagnostic.ruleId}\0${diagnostic.file}\0${diagnostic.range.start.line}:${diagnostic.range.start.column}\0${diagnostic.message}`;
          if (seen.has(key)) return;
          seen.add(key);
          if (!isSuppressed(diagnostic, corpus.byFile)) diagnostics.push(diagnostic);
        },
      },
      options,
    );
  }
  return diagnostics.sort(compareDiagnostics);
}
