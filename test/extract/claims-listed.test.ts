import { describe, expect, it } from 'vitest';
import { DEFAULT_TASK_ID_PATTERN } from '../../src/config.js';
import { extractClaims } from '../../src/extract/claims.js';
import { buildIdMatcher } from '../../src/extract/ids.js';
import { DEFAULT_VOCABULARY } from '../../src/extract/status.js';
import { LineIndex } from '../../src/extract/text.js';
import { parseMarkdown } from '../../src/parse.js';
import { describeClaim } from '../../src/report/facts.js';
import type { CountClaim } from '../../src/types.js';

const ids = buildIdMatcher(DEFAULT_TASK_ID_PATTERN);

function listed(text: string): { stated: number; text: string; list: string; ends: unknown[] }[] {
  return extractClaims(parseMarkdown(text), new LineIndex(text), { ids, vocabulary: DEFAULT_VOCABULARY })
    .filter((claim): claim is CountClaim => claim.kind === 'count' && claim.listed !== undefined)
    .map((claim) => ({ stated: claim.stated, text: claim.text, list: claim.listed!.text, ends: claim.listed!.ends }));
}

describe('a count of the IDs written right after it', () => {
  it('"(4 tasks: 040-044)" counts a range', () => {
    expect(listed('- Execute Phase 6 validation (4 tasks: 040-044)\n')).toEqual([
      { stated: 4, text: '4 tasks', list: '040-044', ends: [{ from: '040', to: '044', text: '040-044' }] },
    ]);
  });

  it('"(3 tasks: 046, 047.1, 048)" and "(2 tasks remaining: TASK-046, 048)" count their members', () => {
    expect(listed('- Complete Phase 4 (3 tasks: 046, 047.1, 048)\n')[0]?.ends).toEqual([
      { from: '046', text: '046' },
      { from: '047.1', text: '047.1' },
      { from: '048', text: '048' },
    ]);
    expect(listed('Storage (2 tasks remaining: TASK-046, 048)\n')[0]?.ends).toEqual([
      { prefix: 'TASK-', from: '046', text: 'TASK-046' },
      { prefix: 'TASK-', from: '048', text: '048' },
    ]);
  });

  it.each([
    ['- Phase 6 (4 tasks: see below)\n', 'no IDs'],
    ['- Phase 6 (4 tasks: 040-044 and the docs)\n', 'more than IDs'],
    ['- Phase 6 (4 tasks: TASK-040 to CLOUD-044)\n', 'a range between two schemes'],
    ['- Phase 6 (4 tasks) 040-044\n', 'IDs outside the parenthesis'],
  ])('"%s" counts nothing it lists: %s', (text) => {
    expect(listed(text)).toEqual([]);
  });
});

describe('tasklint facts', () => {
  it('shows the IDs a count is of', () => {
    const [claim] = extractClaims(
      parseMarkdown('- Execute Phase 6 validation (4 tasks: 040-044)\n'),
      new LineIndex('- Execute Phase 6 validation (4 tasks: 040-044)\n'),
      { ids, vocabulary: DEFAULT_VOCABULARY },
    );
    expect(describeClaim(claim!)).toContain('count 4 tasks  "4 tasks"');
    expect(describeClaim(claim!)).toContain('of the IDs "040-044"');
    expect(describeClaim(claim!)).not.toContain('nothing plainly counted');
  });
});
