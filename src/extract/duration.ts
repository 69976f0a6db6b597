import type { Duration } from '../types.js';
import { groupedNumber } from './vocab/numbers.js';

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

// "1,171h" is one amount: a thousands separator is part of the number, never its start.
export const DURATION_PATTERN =
  /(?<![\p{L}\p{N}.]|\d,)(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(minutes?|mins?|hours?|hrs?|h|m|working days?|days?|d|weeks?|wks?|w)(?![\p{L}])/giu;

/** "8-10 hours", "3–4 weeks", "2 to 3 days": a range of one unit. */
export const DURATION_RANGE_PATTERN =
  /(?<![\p{L}\p{N}.,]|\d[-–])(\d+(?:\.\d+)?)\s*(?:[-–]|to)\s*(\d+(?:\.\d+)?)\s*(minutes?|mins?|hours?|hrs?|h|working days?|days?|d|weeks?|wks?|w)(?![\p{L}\p{N}]|[-–]\d)/giu;

/** A range as one duration from its low to its high end, or undefined when it is no range ("10-8 hours"). */
export function rangeDuration(match: RegExpMatchArray): Duration | undefined {
  const unitWord = match[3]!;
  if (unitWord.length === 1 && unitWord !== unitWord.toLowerCase()) return undefined;
  const low = parseDuration(`${match[1]!} ${unitWord}`);
  const high = parseDuration(`${match[2]!} ${unitWord}`);
  if (!low || !high || high.value <= low.value) return undefined;
  return { value: low.value, max: high.value, unit: low.unit, text: match[0] };
}

/** "~9 hours", "≈ 2 days", "about 3 hrs": the text before a duration says it is approximate. */
const APPROXIMATE_BEFORE = /(?:[~≈]|(?<![\p{L}])(?:about|approx\.?|approximately|around|roughly|circa|ca\.))\s*$/iu;

/** Marks a duration approximate when the text right before it says so. */
export function withApproximation(duration: Duration, before: string): Duration {
  return APPROXIMATE_BEFORE.test(before) ? { ...duration, approximate: true } : duration;
}

/**
 * Reads one duration ("4 hrs", "30 min", "1.5 hours", "2 days", "~9 hours"). Clock units become minutes and
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
  const amount = groupedNumber(match[1]!);
  const duration: Duration =
    unit === 'minute' || unit === 'hour'
      ? { value: amount * UNIT_MINUTES[unit]!, unit: 'minutes', text: match[0] }
      : { value: amount * UNIT_DAYS[unit]!, unit: 'days', text: match[0] };
  return withApproximation(duration, before);
}

/** "45 min", "1 hr", "3.25 hrs", "1 day", "18 days", "~9 hrs", "8-10 hrs". */
export function formatTime({
  unit,
  value,
  approximate,
  max,
}: Pick<Duration, 'unit' | 'value' | 'approximate' | 'max'>): string {
  const about = approximate ? '~' : '';
  const low = max === undefined ? '' : `${round(unit === 'days' || max < 60 ? value : value / 60)}-`;
  const high = max ?? value;
  if (unit === 'days') return `${about}${low}${round(high)} day${high === 1 && !low ? '' : 's'}`;
  if (high < 60) return `${about}${low}${round(high)} min`;
  return `${about}${low}${round(high / 60)} hr${high === 60 && !low ? '' : 's'}`;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
