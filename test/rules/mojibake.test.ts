import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { findMojibake, HIGH_HALF, repairMojibake } from '../../src/extract/mojibake.js';
import { ruleTester } from '../helpers/rule-tester.js';

/** Text as a tool that read UTF-8 as `encoding` would have saved it: built from bytes, not typed. */
function misencode(text: string, encoding: 'windows-1252' | 'macintosh'): string {
  return iconv.decode(Buffer.from(text, 'utf8'), encoding === 'macintosh' ? 'macintosh' : 'win1252');
}

describe('findMojibake', () => {
  it('knows the code pages as iconv-lite decodes them', () => {
    for (const [encoding, codec] of [
      ['Windows-1252', 'win1252'],
      ['Mac Roman', 'macintosh'],
    ] as const) {
      const bytes = Buffer.from(Array.from({ length: 128 }, (_, i) => 0x80 + i));
      expect(HIGH_HALF[encoding], encoding).toBe(iconv.decode(bytes, codec));
    }
  });

  it('repairs Windows-1252 and Mac Roman damage', () => {
    expect(repairMojibake(misencode('- ✅ done → next', 'windows-1252'))).toBe('- ✅ done → next');
    expect(repairMojibake(misencode('- ✅ done ⏳ later', 'macintosh'))).toBe('- ✅ done ⏳ later');
  });

  it('repairs an emoji that lost its lead byte (Mac Roman drops the Apple logo)', () => {
    const damaged = misencode('🎯 Next', 'macintosh').replace('\uF8FF', '');
    expect(findMojibake(damaged).map((m) => m.repaired)).toEqual(['🎯']);
  });

  it('repairs text that was read as Latin-1, whose C1 controls survive', () => {
    expect(repairMojibake(Buffer.from('✅ done', 'utf8').toString('latin1'))).toBe('✅ done');
  });

  it('leaves real accented and typographic text alone', () => {
    for (const text of [
      'café naïve résumé',
      'Straße “quoted” — dash • bullet',
      'Zürich Ü€ 10 €',
      'São Paulo, Øresund, Ångström',
    ]) {
      expect(findMojibake(text), text).toEqual([]);
    }
  });
});

ruleTester('mojibake', {
  valid: [
    {
      name: 'clean UTF-8 with emoji',
      files: { 'index.md': '# Index\n\n- ✅ Phase 1 complete\n- 🟡 Phase 2 active\n' },
    },
    { name: 'accented words', files: { 'index.md': '# Café notes\n\nThe résumé of the naïve plan, in Zürich.\n' } },
  ],
  invalid: [
    {
      name: 'emoji read as Windows-1252',
      files: { 'tracker.md': `# Tracker\n\n${misencode('- ✅ Storage done\n- ⏳ Compute waiting\n', 'windows-1252')}` },
      errors: [
        {
          messageId: 'mojibake',
          file: 'tracker.md',
          line: 3,
          column: 3,
          messageIncludes: ['Windows-1252', '"✅"', '2 places on 2 lines'],
        },
      ],
      // ⏳'s second byte, 0x8F, has no character in Windows-1252: the saved text holds U+FFFD, and what it stood for is lost.
      output: null,
    },
    {
      name: 'emoji read as Mac Roman',
      files: { 'index.md': `# Index\n\n${misencode('Status: ✅ COMPLETE\n', 'macintosh')}` },
      errors: [{ messageId: 'mojibake', file: 'index.md', line: 3, messageIncludes: ['Mac Roman', '"✅"'] }],
      output: { 'index.md': '# Index\n\nStatus: ✅ COMPLETE\n' },
    },
    {
      name: 'emoji and arrows read as Windows-1252, repaired by --fix',
      files: { 'tracker.md': `# Tracker\n\n${misencode('- ✅ Storage done → next\n- 🚀 Compute\n', 'windows-1252')}` },
      errors: [{ messageId: 'mojibake', file: 'tracker.md', line: 3 }],
      output: { 'tracker.md': '# Tracker\n\n- ✅ Storage done → next\n- 🚀 Compute\n' },
    },
    {
      name: '⚠️ whose last byte Windows-1252 dropped is repaired with its presentation selector',
      files: { 'tracker.md': `# Tracker\n\n${misencode('- ⚠️ IN PROGRESS\n', 'windows-1252').replace('\uFFFD', '')}` },
      errors: [{ messageId: 'mojibake', file: 'tracker.md', line: 3 }],
      output: { 'tracker.md': '# Tracker\n\n- ⚠️ IN PROGRESS\n' },
    },
    {
      name: 'a run that lost a byte on the way is not repaired by --fix: what it stood for is not known',
      files: {
        'index.md': `# Index\n\n${misencode('- ✅', 'windows-1252')}${misencode('✅', 'windows-1252').slice(0, 2)} done\n`,
      },
      errors: [{ messageId: 'mojibake', file: 'index.md', line: 3 }],
      output: null,
    },
  ],
});
