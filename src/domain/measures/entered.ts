// Measures entered by hand (issue 16 part 2): for what the product cannot compute yet (audit grades
// kept in another system, survey results), the council enters each actual with its date and source,
// so a plan can bind to the measure now. Pure rules: which entries count, and the actual as at a day.
//
// - Entries are never edited: a correction is a new entry that supersedes the one it corrects, so
//   the history is kept and only the entries nothing supersedes count ("current").
// - The actual as at a day is the current entry with the latest date on or before it (the later
//   entered of two on one date), so a past report's figure is the one known for that day.
import type { IsoDate } from "../dates.ts";
import type { Period } from "./registry.ts";

export type EnteredUnit = "count" | "percent";

export interface EnteredMeasureDefinition {
  id: string;
  title: string;
  unit: EnteredUnit;
  higherIsBetter: boolean;
  description: string;
}

export interface EnteredEntry {
  id: string;
  value: number;
  date: IsoDate;
  source: string;
  note: string | null;
  /** The entry this one corrects, if it is a correction. */
  supersedes: string | null;
  /** When it was entered (ISO time stamp): orders two entries on the same date. */
  enteredAt: string;
}

/** The prefix of an entered measure's id where a binding names it beside the registry's ids. */
export const ENTERED_PREFIX = "entered:";

/** The id a success measure binds with: `entered:` and the measure's uuid. */
export const enteredMeasureId = (id: string) => `${ENTERED_PREFIX}${id}`;

/** The entered measure's uuid from a binding's id, or null for a registry or quality measure. */
export function enteredIdOf(measureId: string): string | null {
  return measureId.startsWith(ENTERED_PREFIX) ? measureId.slice(ENTERED_PREFIX.length) : null;
}

/** The entries that count: those no correction supersedes. */
export function currentEntries<E extends Pick<EnteredEntry, "id" | "supersedes">>(entries: readonly E[]): E[] {
  const superseded = new Set(entries.map((e) => e.supersedes).filter((id): id is string => id !== null));
  return entries.filter((e) => !superseded.has(e.id));
}

/** The actual as at a day: the current entry with the latest date on or before it, or null. */
export function actualOn<E extends Pick<EnteredEntry, "id" | "supersedes" | "date" | "enteredAt">>(entries: readonly E[], on: IsoDate): E | null {
  let best: E | null = null;
  for (const e of currentEntries(entries)) {
    if (e.date > on) continue;
    if (!best || e.date > best.date || (e.date === best.date && e.enteredAt > best.enteredAt)) best = e;
  }
  return best;
}

/** The current entries dated in a period, oldest first. */
export function entriesIn<E extends Pick<EnteredEntry, "id" | "supersedes" | "date" | "enteredAt">>(
  entries: readonly E[],
  period: Pick<Period, "from" | "to">,
): E[] {
  return currentEntries(entries)
    .filter((e) => e.date >= period.from && e.date <= period.to)
    .sort((a, b) => (a.date === b.date ? a.enteredAt.localeCompare(b.enteredAt) : a.date.localeCompare(b.date)));
}

/**
 * Month by month, the figure entered in each month: the actual as at the month's last day when it
 * was entered for a day of that month, else nothing (a gap in the chart, not a figure carried on).
 */
export function monthlyEntries<E extends Pick<EnteredEntry, "id" | "supersedes" | "date" | "enteredAt">>(
  entries: readonly E[],
  months: readonly Pick<Period, "from" | "to">[],
): (E | null)[] {
  return months.map((m) => {
    const latest = actualOn(entries, m.to);
    return latest && latest.date >= m.from ? latest : null;
  });
}

/** Whether a value can be an actual of a measure of this unit: a percentage is 0 to 100. */
export function valueProblem(unit: EnteredUnit, value: number): string | null {
  if (!Number.isFinite(value) || value < 0) return "must be a number of 0 or more, like 42";
  if (unit === "percent" && value > 100) return "is a percentage: enter 0 to 100";
  if (value > 1_000_000_000) return "must be 1,000,000,000 or less";
  return null;
}
