// Figures from quality audits and family feedback (SPEC B8, issue 18): a share is shown as
// "72% (36 of 50)", never a bare percentage; groups too small to be anonymous are withheld.

export interface Share {
  numerator: number;
  denominator: number;
  /** Rounded to a whole per cent; null when there is nothing to count. */
  percent: number | null;
  text: string;
}

export function share(numerator: number, denominator: number): Share {
  if (denominator === 0) return { numerator, denominator, percent: null, text: "No figures yet" };
  const percent = Math.round((numerator / denominator) * 100);
  return { numerator, denominator, percent, text: `${percent}% (${numerator} of ${denominator})` };
}

/**
 * Fewer answers than this in a group and the group is not shown (issue 18 part 5): with four or
 * fewer, a caseworker could tell who said what.
 */
export const SMALL_NUMBER = 5;

export type Shown<T> = { suppressed: false; value: T } | { suppressed: true; count: number; text: string };

/** A group's figure, or a note that it is withheld because fewer than SMALL_NUMBER answered. */
export function suppressSmall<T>(count: number, value: T): Shown<T> {
  if (count >= SMALL_NUMBER) return { suppressed: false, value };
  return { suppressed: true, count, text: `Fewer than ${SMALL_NUMBER} answers: not shown, to keep them anonymous` };
}

/** "2026-Q3" for a date: audits and answers are reported by calendar quarter. */
export function quarterOf(date: string): string {
  return `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
}

/** The share of items judged good in each group, the groups in key order. */
export function shareBy<T>(items: readonly T[], keyOf: (item: T) => string | string[], good: (item: T, key: string) => boolean) {
  const groups = new Map<string, { n: number; d: number }>();
  for (const item of items) {
    const keys = keyOf(item);
    for (const key of Array.isArray(keys) ? keys : [keys]) {
      const g = groups.get(key) ?? { n: 0, d: 0 };
      g.d++;
      if (good(item, key)) g.n++;
      groups.set(key, g);
    }
  }
  return [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, g]) => ({ key, ...share(g.n, g.d) }));
}
