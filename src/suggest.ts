import { distance } from 'fastest-levenshtein';

/**
 * The candidate a misspelt `name` most likely meant, or undefined when none is close: the same
 * name in other case, else the one candidate that starts with or contains it, else the nearest
 * by edit distance when at most a third of its letters (and at least two) differ.
 */
export function closest(name: string, candidates: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  if (!lower) return undefined;
  const same = candidates.find((candidate) => candidate.toLowerCase() === lower);
  if (same) return same;
  const containing = candidates.filter((candidate) => candidate.toLowerCase().includes(lower));
  if (containing.length === 1) return containing[0];
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(name.length / 3)) + 1;
  for (const candidate of candidates) {
    const d = distance(lower, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** `; did you mean "x"?`, or nothing when no candidate is close. */
export function didYouMean(name: string, candidates: readonly string[], quote = (s: string) => `"${s}"`): string {
  const meant = closest(name, candidates);
  return meant ? `; did you mean ${quote(meant)}?` : '';
}
