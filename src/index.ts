export { lint, buildCorpus, type LintOptions, type LintResult } from './lint.js';
export { loadConfig, resolveConfig, ConfigError, DEFAULT_CONFIG, type Config } from './config.js';
export { loadRules } from './engine.js';
export { defineRule, type Rule, type RuleContext, type RuleMeta, type Report } from './rule.js';
export { toEslintResults, type EslintResult, type EslintMessage } from './report/json.js';
export type { Corpus, MentionAt } from './corpus.js';
export type * from './types.js';
