import type { Duration } from '../types.js';

const UNIT_MINUTES: Record<string, number> = { minute: 1, hour: 60 };
const UNIT_DAYS: Record<string, number> = { day: 1, week: 5 };

function unitOf(word: string): 'minute' | 'hour' | 'day' | 'week' | undefined {
  const w = word.toLowerCase();
  if (/^(m|mins?|minutes?)$/.test(w)) return 'minute';
  if (/^(h|hrs?|hours?)$/.test(w)) return 'hour';
  if (/^(d|days?|working days?)$/.test(w)) return 'day';
  if (/^(w|wks?|weeks?)$/.test(w)) return 'week';
  return undefined;
}

/** "4 hrs", "1.5 hours", "1,171h" (thousands separated by commas): never the "171h" of "1,171h". */
export const DURATION_PATTERN = /(?<![\p{L}\p{N}.,])(\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?\s*(minutes?|mins?|hours?|hrs?|h|m|working days?|days?|d|weeks?|wks?|w)(?![\p{L}])/giu;

/**
 * Reads one duration ("4 hrs", "30 min", "1.5 hours", "2 days"). Clock units become minutes and
 * calendar units working days (a week is 5): the two never mix, since a day's hours differ by team.
 */
export function parseDuration(text: string): Duration | undefined {
  DURATION_PATTERN.lastIndex = 0;
  const match = DURATION_PATTERN.exec(text);
  if (!match) return undefined;
  // "~3-4 weeks" and "500-800 lines" are ranges, not one duration.
  const before = text.slice(0, match.index);
  if (/\d\s*[-–]\s*$/.test(before)) return undefined;
  // "135M" is a model size, "4H" a grade: single-letter units count only in lower case.
  if (match[2]!.length === 1 && match[2] !== match[2]!.toLowerCase()) return undefined;
  const unit = unitOf(match[2]!);
  if (!unit) return undefined;
  const amount = Number(match[0].slice(0, match[0].length - match[2]!.length).replace(/,/g, '').trim());
  if (unit === 'minute' || unit === 'hour') return { value: amount * UNIT_MINUTES[unit]!, unit: 'minutes', text: match[0] };
  return { value: amount * UNIT_DAYS[unit]!, unit: 'days', text: match[0] };
}

/** "45 min", "1 hr", "3.25 hrs", "1 day", "18 days". */
export function formatTime({ unit, value }: Pick<Duration, 'unit' | 'value'>): string {
  if (unit === 'days') return `${round(value)} day${value === 1 ? '' : 's'}`;
  if (value < 60) return `${round(value)} min`;
  return `${round(value / 60)} hr${value === 60 ? '' : 's'}`;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
