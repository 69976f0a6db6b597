import { markdownlintRule, type MarkdownlintRule } from './markdownlint.js';

/**
 * `"customRules": ["tasklint/markdownlint", "tasklint/markdownlint-warnings"]` with
 * `"tasklint-warnings": "warning"` in a markdownlint-cli2 config: tasklint's warnings, as
 * markdownlint warnings. A rule of their own, since markdownlint sets one severity per rule and
 * a rule it is not told about reports errors.
 */
const rule: MarkdownlintRule = markdownlintRule('warning');

export default rule;
