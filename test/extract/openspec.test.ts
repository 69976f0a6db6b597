import { describe, expect, it } from 'vitest';
import { DEFAULT_TASK_ID_PATTERN } from '../../src/config.js';
import { extractDocument } from '../../src/extract/document.js';
import { buildIdMatcher } from '../../src/extract/ids.js';
import { DEFAULT_VOCABULARY } from '../../src/extract/status.js';
import { parseMarkdown } from '../../src/parse.js';

const ids = buildIdMatcher(DEFAULT_TASK_ID_PATTERN);

function extract(text: string, file: string) {
  return extractDocument(text, parseMarkdown(text), {
    file,
    relPath: file,
    role: 'active',
    ids,
    vocabulary: DEFAULT_VOCABULARY,
  });
}

describe('OpenSpec specs and spec deltas', () => {
  it("reads a capability's requirement headers from its Requirements section only", () => {
    const facts = extract(
      '# Auth\n\n## Purpose\n\n### Requirement: Not one\n\n## Requirements\n\n### Requirement: Session Expiration  \n\n#### Scenario: Idle\n\n### Requirement: Sign-In\n\n## Notes\n\n### Requirement: Later\n',
      '/repo/openspec/specs/openspec-auth/spec.md',
    );
    expect(facts.openSpec).toMatchObject({ kind: 'spec', root: '/repo/', capability: 'openspec-auth' });
    expect(facts.openSpec!.operations.map((each) => [each.op, each.name, each.range.start.line])).toEqual([
      ['SPEC', 'Session Expiration', 9],
      ['SPEC', 'Sign-In', 13],
    ]);
  });

  it("reads a delta's sections, its RENAMED pairs, and nothing inside code", () => {
    const facts = extract(
      '## ADDED Requirements\n\n### Requirement: Two-Factor\n\n## MODIFIED Requirements\n\n### Requirement: Idle Timeout\n\n```markdown\n### Requirement: Example\n```\n\n## RENAMED Requirements\n\n- FROM: `### Requirement: Session Expiration`\n- TO: `### Requirement: Idle Timeout`\n\n## REMOVED Requirements\n\n### Requirement: Remember Me\n',
      '/repo/openspec/changes/approved/shorter-sessions/specs/auth/spec.md',
    );
    expect(facts.openSpec).toMatchObject({
      kind: 'delta',
      root: '/repo/',
      change: 'shorter-sessions',
      capability: 'auth',
    });
    expect(facts.openSpec!.operations.map((each) => [each.op, each.name, each.range.start.line])).toEqual([
      ['ADDED', 'Two-Factor', 3],
      ['MODIFIED', 'Idle Timeout', 7],
      ['RENAMED FROM', 'Session Expiration', 15],
      ['RENAMED TO', 'Idle Timeout', 16],
      ['REMOVED', 'Remember Me', 20],
    ]);
  });

  it('reads nothing of the kind elsewhere', () => {
    expect(extract('## MODIFIED Requirements\n\n### Requirement: X\n', '/repo/docs/spec.md').openSpec).toBeUndefined();
  });
});
