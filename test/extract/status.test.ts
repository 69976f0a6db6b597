import { describe, expect, it } from 'vitest';
import { buildVocabulary, classifyStatus } from '../../src/extract/status.js';

describe('classifyStatus reads one vocabulary from words and emoji', () => {
  it.each([
    ['✅ Complete', 'done'],
    ['COMPLETE', 'done'],
    ['Done', 'done'],
    ['⚠️ IN PROGRESS', 'in-progress'],
    ['🟡 Active', 'in-progress'],
    ['BLOCKED by vendor', 'blocked'],
    ['Pending', 'pending'],
    ['🔵 Not Started', 'pending'],
    ['⏳', 'pending'],
    ['Ready Now', 'pending'],
    ['CODE COMPLETE · VALIDATION PENDING', 'in-progress'],
    ['Not complete', 'pending'],
    ['Incomplete', 'in-progress'],
    ['SUPERSEDED', 'deprecated'],
    ['DEPRECATED', 'deprecated'],
    ['OPTIONAL - Skipped', 'deprecated'],
    ['✅ 80% Complete', 'done'],
  ])('%s is %s', (text, status) => {
    expect(classifyStatus(text)?.status).toBe(status);
  });

  it.each(['Kernel headers mismatch', 'Low', 'After Cat 1', ''])('%s states no status', (text) => {
    expect(classifyStatus(text)).toBeUndefined();
  });

  it('takes extra words from the config', () => {
    const vocabulary = buildVocabulary({ done: ['landed'], blocked: ['waiting on vendor'] });
    expect(classifyStatus('Landed', vocabulary)?.status).toBe('done');
    expect(classifyStatus('Waiting on vendor', vocabulary)?.status).toBe('blocked');
    expect(classifyStatus('Landed')).toBeUndefined();
  });
});
