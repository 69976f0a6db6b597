import { describe, expect, it } from 'vitest';
import { applyFixes, lineStarts, resolveFix } from '../src/fix.js';
import { editOnLine } from '../src/rule.js';

const at = (line: number, column: number) => ({ line, column });

describe('resolveFix', () => {
  const text = '# Plan\r\n\r\n## Tasks (5 tasks)\r\n| **TOTAL** | **17** | **7** |\r\n';

  it('finds the one stated number inside its claim, whatever the line endings', () => {
    expect(
      resolveFix(text, {
        edits: [{ range: { start: at(3, 10), end: at(3, 19) }, replaces: '5 tasks', text: '4 tasks' }],
      }),
    ).toEqual({ range: [text.indexOf('5 tasks'), text.indexOf('5 tasks') + 7], text: '4 tasks' });
  });

  it('gives up when the text is not what the rule saw: missing, twice, or part of a longer number', () => {
    const row = { start: at(4, 1), end: at(4, 32) };
    expect(resolveFix(text, { edits: [{ range: row, replaces: '9', text: '8' }] })).toBeUndefined();
    expect(resolveFix(text, { edits: [{ range: row, replaces: '**', text: '' }] })).toBeUndefined();
    // "7" stands alone once ("**7**"); the 7 of "17" is not it.
    expect(resolveFix(text, { edits: [{ range: row, replaces: '7', text: '8' }] })).toEqual({
      range: [text.indexOf('**7**') + 2, text.indexOf('**7**') + 3],
      text: '8',
    });
    expect(resolveFix(text, { edits: [{ range: row, replaces: '1', text: '2' }] })).toBeUndefined();
  });

  it("merges several edits into one replacement, as ESLint merges a rule's fixes, and refuses overlapping ones", () => {
    const line = 'a âœ… b â†’ c\n';
    const merged = resolveFix(line, {
      edits: [
        { range: { start: at(1, 3), end: at(1, 6) }, replaces: 'âœ…', text: '✅' },
        { range: { start: at(1, 9), end: at(1, 12) }, replaces: 'â†’', text: '→' },
      ],
    });
    expect(merged).toEqual({ range: [2, 11], text: '✅ b →' });
    expect(
      resolveFix(line, {
        edits: [
          { range: { start: at(1, 1), end: at(1, 4) }, text: 'x' },
          { range: { start: at(1, 3), end: at(1, 5) }, text: 'y' },
        ],
      }),
    ).toBeUndefined();
  });

  it('an edit on a line runs to its end, before the line break', () => {
    expect(resolveFix(text, { edits: [editOnLine({ start: at(3, 4), end: at(3, 4) }, 'Tasks', 'Jobs')] })).toEqual({
      range: [text.indexOf('Tasks'), text.indexOf('Tasks') + 5],
      text: 'Jobs',
    });
  });

  it('a fix that changes nothing is none', () => {
    expect(
      resolveFix(text, {
        edits: [{ range: { start: at(3, 10), end: at(3, 19) }, replaces: '5 tasks', text: '5 tasks' }],
      }),
    ).toBeUndefined();
  });
});

describe('applyFixes', () => {
  it('applies fixes in order and keeps one of two that overlap or touch for the next pass, as ESLint', () => {
    const text = 'abcdef';
    expect(
      applyFixes(text, [
        { range: [4, 5], text: 'E' },
        { range: [0, 1], text: 'A' },
      ]),
    ).toEqual({ output: 'AbcdEf', applied: 2 });
    expect(
      applyFixes(text, [
        { range: [0, 3], text: 'X' },
        { range: [2, 4], text: 'Y' },
      ]),
    ).toEqual({ output: 'Xdef', applied: 1 });
    expect(
      applyFixes(text, [
        { range: [0, 2], text: 'X' },
        { range: [2, 4], text: 'Y' },
      ]),
    ).toEqual({ output: 'Xcdef', applied: 1 });
  });

  it('lineStarts knows LF, CRLF and CR', () => {
    expect(lineStarts('a\nb\r\nc\rd')).toEqual([0, 2, 5, 7]);
  });
});
