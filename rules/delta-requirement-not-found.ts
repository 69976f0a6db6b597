import { defineRule, type At } from '../src/rule.js';
import type { DocumentFacts, OpenSpecOperation } from '../src/types.js';

export interface MissingRequirement {
  delta: DocumentFacts;
  operation: OpenSpecOperation;
  spec: DocumentFacts;
}

const key = (root: string, capability: string): string => `openspec:${root}\u001f${capability}`;

/**
 * MODIFIED and REMOVED requirements, and RENAMED FROMs, of open changes that their capability's
 * spec does not have, as `openspec archive` would find them. Left alone: a capability whose spec
 * is not linted; a name another open change adds to the capability (changes stacked on one
 * another); a MODIFIED name the delta renames to; a rename already applied (its TO in the spec).
 */
export function findMissingRequirements(documents: DocumentFacts[]): MissingRequirement[] {
  const specs = new Map<string, { doc: DocumentFacts; names: Set<string> }>();
  const deltas: DocumentFacts[] = [];
  for (const doc of documents) {
    const facts = doc.openSpec;
    if (!facts) continue;
    const capability = key(facts.root, facts.capability);
    if (facts.kind === 'spec') {
      specs.set(capability, {
        doc,
        names: new Set(facts.operations.filter((each) => each.op === 'SPEC').map((each) => each.name)),
      });
    } else if (doc.role === 'active') deltas.push(doc);
  }
  const found: MissingRequirement[] = [];
  for (const delta of deltas) {
    const facts = delta.openSpec!;
    const capability = key(facts.root, facts.capability);
    const spec = specs.get(capability);
    if (!spec) continue;
    const renamedTo = new Set(facts.operations.filter((each) => each.op === 'RENAMED TO').map((each) => each.name));
    const operations = facts.operations;
    for (const [i, operation] of operations.entries()) {
      if (operation.op !== 'MODIFIED' && operation.op !== 'REMOVED' && operation.op !== 'RENAMED FROM') continue;
      if (spec.names.has(operation.name)) continue;
      if (operation.op === 'MODIFIED' && renamedTo.has(operation.name)) continue;
      // A rename already synced into the spec: its TO is there.
      const to = operation.op === 'RENAMED FROM' ? operations[i + 1] : undefined;
      if (to?.op === 'RENAMED TO' && spec.names.has(to.name)) continue;
      // Another open change adds it: archived first, it makes this one true.
      const others = documents.some(
        (doc) =>
          doc !== delta &&
          doc.role === 'active' &&
          doc.openSpec?.kind === 'delta' &&
          doc.openSpec.change !== facts.change &&
          key(doc.openSpec.root, doc.openSpec.capability) === capability &&
          doc.openSpec.operations.some(
            (each) => (each.op === 'ADDED' || each.op === 'RENAMED TO') && each.name === operation.name,
          ),
      );
      if (others) continue;
      found.push({ delta, operation, spec: spec.doc });
    }
  }
  return found;
}

function requirementsHeading(spec: DocumentFacts): At {
  const heading = spec.headings.find((each) => each.depth === 2 && /^requirements$/iu.test(each.text.trim()));
  return { doc: spec, range: heading?.range ?? { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } } };
}

export default defineRule({
  id: 'delta-requirement-not-found',
  meta: {
    type: 'problem',
    description:
      "Disallow an OpenSpec change modifying, removing or renaming a requirement its capability's spec does not have",
    messages: {
      MODIFIED:
        'MODIFIED requirement "{{name}}" is not in {{spec}}, so `openspec archive` will stop here ("not found"): match its header to the spec\'s, or list it under ADDED if it is new.',
      REMOVED:
        'REMOVED requirement "{{name}}" is not in {{spec}}, so `openspec archive` will stop here ("not found"): match its header to the spec\'s.',
      'RENAMED FROM':
        'RENAMED FROM requirement "{{name}}" is not in {{spec}}, so `openspec archive` will stop here ("source not found"): match it to the spec\'s header.',
      requirements: '{{spec}}\'s requirements, which have no "{{name}}"',
    },
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
    defaultSeverity: 'error',
    docs: `## What it does

Reads the spec deltas of OpenSpec's open changes (\`openspec/changes/NAME/specs/CAP/spec.md\`) and
the capability specs they change (\`openspec/specs/CAP/spec.md\`), and reports a requirement
under \`## MODIFIED Requirements\` or \`## REMOVED Requirements\`, or the \`FROM\` of a
\`## RENAMED Requirements\` pair, whose \`### Requirement: Name\` header the capability's
\`## Requirements\` do not have. Names are compared as OpenSpec compares them: the header's
text, trimmed, case and punctuation as written.

Archived changes (\`openspec/changes/archive/\`) are history and not read. Left alone: a
capability whose spec is not linted; a name that another open change adds to the same
capability (changes stacked on one another); a MODIFIED name the delta itself renames to; a
rename whose \`TO\` is already in the spec (synced early).

## Why is this bad?

\`openspec archive\` replaces a MODIFIED requirement by its header and stops when the spec has
none ("MODIFIED failed for header ... - not found"), after the change was implemented and
its tasks ticked. \`openspec validate --strict\` passes such a delta. A reworded header (a note
added to it, "(REPLACES ...)") or a requirement that is new but listed under MODIFIED is the
usual cause.

## Example

Incorrect, the spec calls it "Session Expiration":

\`\`\`markdown file=openspec/changes/shorter-sessions/specs/auth/spec.md
## MODIFIED Requirements

### Requirement: Session Timeout
The system MUST expire sessions after 15 minutes of inactivity.

#### Scenario: Idle timeout
- **WHEN** 15 minutes pass without activity
- **THEN** the session is invalidated
\`\`\`

\`\`\`markdown file=openspec/specs/auth/spec.md
# Auth Specification

## Requirements

### Requirement: Session Expiration
The system MUST expire sessions after 30 minutes of inactivity.

#### Scenario: Idle timeout
- **WHEN** 30 minutes pass without activity
- **THEN** the session is invalidated
\`\`\`

Correct:

\`\`\`markdown file=openspec/changes/shorter-sessions/specs/auth/spec.md
## MODIFIED Requirements

### Requirement: Session Expiration
The system MUST expire sessions after 15 minutes of inactivity.

#### Scenario: Idle timeout
- **WHEN** 15 minutes pass without activity
- **THEN** the session is invalidated
\`\`\`

\`\`\`markdown file=openspec/specs/auth/spec.md
# Auth Specification

## Requirements

### Requirement: Session Expiration
The system MUST expire sessions after 30 minutes of inactivity.

#### Scenario: Idle timeout
- **WHEN** 30 minutes pass without activity
- **THEN** the session is invalidated
\`\`\`

## Options

None.
`,
  },
  // A finding depends on the specs and deltas of one capability.
  incremental: (doc) => (doc.openSpec ? [key(doc.openSpec.root, doc.openSpec.capability)] : []),
  check(corpus, context) {
    for (const { delta, operation, spec } of findMissingRequirements(corpus.documents)) {
      const capability = key(delta.openSpec!.root, delta.openSpec!.capability);
      if (!context.wantsKey(capability)) continue;
      const specName = `openspec/specs/${spec.openSpec!.capability}/spec.md`;
      context.report({
        keys: [capability],
        messageId: operation.op,
        data: { name: operation.name, spec: specName },
        at: { doc: delta, range: operation.range },
        related: [
          { at: requirementsHeading(spec), messageId: 'requirements', data: { name: operation.name, spec: specName } },
        ],
      });
    }
  },
});
