import type { Rule } from './rule.js';

/** A rule's whole documentation page, from its metadata: the one source of its docs. */
export function ruleDocument(rule: Rule): string {
  const severity = rule.meta.defaultSeverity === 'error' ? 'error' : 'warning';
  return `# ${rule.id}

${rule.meta.description}.

- Type: ${rule.meta.type}
- Default severity: ${severity}

${rule.meta.docs.trim()}
`;
}
