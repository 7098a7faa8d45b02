// Summaries as committee papers print them (SPEC A8): counts and percentages by status, the
// sentence "38% (32) of the actions implemented in full, ...", and the WSOA summary table.
//
// How percentages are rounded, so they stay honest:
// - Each is the nearest whole percent of its own count, halves rounded up (12.5% -> 13%),
//   worked out in whole numbers so there is no floating-point drift.
// - They are NOT forced to add up to 100 (as "largest remainder" rounding would): forcing would
//   print a figure further from its true value than rounding needs (17.4% as 18%). When they do
//   not add up, `roundingNote` says so, as a careful paper would.
// - A non-zero count never reads as "0%" and an incomplete one never as "100%": the text says
//   "less than 1%" or "more than 99%", so a single red action is never hidden.

import { directionOfTravel } from "./history.ts";
import { NOT_YET_RATED, phraseOf, UNRECOGNISED } from "./schemes.ts";
import type { DirectionOfTravel, StatusColour, StatusScheme } from "./types.ts";

export interface SummaryRow {
  /** The status code, or "not-yet-rated" (no update yet), or "unrecognised" (a code the scheme does not have). */
  code: string;
  label: string;
  /** The short words for the committee sentence. */
  phrase: string;
  colour: StatusColour;
  count: number;
  /** Nearest whole percent of the total (0 when there are no actions). */
  percent: number;
  /** For people: "38%", "less than 1%", "more than 99%". */
  percentText: string;
}

export interface StatusSummary {
  schemeCode: string;
  total: number;
  /** Every status of the scheme in key order (zero counts included), then "not yet rated" and "unrecognised" rows only if any. */
  rows: SummaryRow[];
  /** The sum of the rounded percentages (100, or 99 or 101 after rounding; 0 with no actions). */
  percentSum: number;
  /** Set when the rounded percentages do not add up to 100. */
  roundingNote?: string;
}

/** Nearest whole percent, halves up, in integers: floor((200 * count + total) / (2 * total)). */
export function roundedPercent(count: number, total: number): number {
  if (total <= 0) return 0;
  return Math.floor((200 * count + total) / (2 * total));
}

function percentText(count: number, total: number, percent: number): string {
  if (count > 0 && percent === 0) return "less than 1%";
  if (count < total && percent === 100) return "more than 99%";
  return `${percent}%`;
}

interface RowKey {
  code: string;
  label: string;
  phrase: string;
  colour: StatusColour;
}

const NOT_YET_RATED_ROW: RowKey = { code: NOT_YET_RATED, label: "Not yet rated", phrase: "not yet rated", colour: "none" };
const UNRECOGNISED_ROW: RowKey = {
  code: UNRECOGNISED,
  label: "Status not in this scheme",
  phrase: "with a status not in this scheme",
  colour: "none",
};

/** The row an action's status code counts in. */
function rowCodeOf(scheme: StatusScheme, code: string | undefined): string {
  if (code === undefined) return NOT_YET_RATED;
  return scheme.statuses.some((s) => s.code === code) ? code : UNRECOGNISED;
}

/** The rows of a table for these codes: the scheme's statuses, then the extra rows that occur. */
function rowKeys(scheme: StatusScheme, rowCodes: readonly string[]): RowKey[] {
  const keys: RowKey[] = scheme.statuses.map((s) => ({ code: s.code, label: s.label, phrase: phraseOf(s), colour: s.colour }));
  if (rowCodes.includes(NOT_YET_RATED)) keys.push(NOT_YET_RATED_ROW);
  if (rowCodes.includes(UNRECOGNISED)) keys.push(UNRECOGNISED_ROW);
  return keys;
}

/** Counts and percentages by status for a set of actions: one entry per action, its current status code or undefined if not yet rated. */
export function summarise(scheme: StatusScheme, statusCodes: readonly (string | undefined)[]): StatusSummary {
  const rowCodes = statusCodes.map((code) => rowCodeOf(scheme, code));
  const total = rowCodes.length;
  const rows = rowKeys(scheme, rowCodes).map((key) => {
    const count = rowCodes.filter((c) => c === key.code).length;
    const percent = roundedPercent(count, total);
    return { ...key, count, percent, percentText: percentText(count, total, percent) };
  });
  const percentSum = rows.reduce((sum, row) => sum + row.percent, 0);
  const summary: StatusSummary = { schemeCode: scheme.code, total, rows, percentSum };
  if (total > 0 && percentSum !== 100) {
    summary.roundingNote = `Percentages are rounded to the nearest whole number, so they add up to ${percentSum}%, not 100%.`;
  }
  return summary;
}

/** "38% (32) of the actions implemented in full, 46% (39) on track, 16% (15) timelines to be finalised, 0% (0) red". */
export function committeeSentence(summary: StatusSummary): string {
  if (summary.total === 0) return "There are no actions to summarise";
  return summary.rows
    .map(
      (row, index) => `${row.percentText} (${row.count}) ${index === 0 ? `of the ${summary.total === 1 ? "action" : "actions"} ` : ""}${row.phrase}`,
    )
    .join(", ");
}

// ---- The WSOA summary table -----------------------------------------------------------------

export interface WsoaInput {
  /** The status when the plan was approved. */
  initial?: string;
  /** At the previous report (the previous quarter). */
  previous?: string;
  /** Now. */
  current?: string;
}

export interface WsoaTableRow {
  code: string;
  label: string;
  colour: StatusColour;
  initial: number;
  previous: number;
  current: number;
  /** current - previous: the per-status direction the WSOA table shows (more or fewer actions in this status). */
  changeSincePrevious: number;
}

export interface WsoaTable {
  rows: WsoaTableRow[];
  totals: { initial: number; previous: number; current: number };
  /** How many actions improved, got worse, stayed the same or are new since the previous report. */
  direction: Record<DirectionOfTravel, number>;
}

/**
 * Thurrock's RAG summary: per status, how many actions had it initially, at the previous report
 * and now, with totals and the direction of travel of each action since the previous report.
 */
export function wsoaTable(scheme: StatusScheme, actions: readonly WsoaInput[]): WsoaTable {
  const initial = actions.map((a) => rowCodeOf(scheme, a.initial));
  const previous = actions.map((a) => rowCodeOf(scheme, a.previous));
  const current = actions.map((a) => rowCodeOf(scheme, a.current));
  const count = (codes: string[], code: string) => codes.filter((c) => c === code).length;
  const rows = rowKeys(scheme, [...initial, ...previous, ...current]).map((key) => {
    const row = {
      code: key.code,
      label: key.label,
      colour: key.colour,
      initial: count(initial, key.code),
      previous: count(previous, key.code),
      current: count(current, key.code),
    };
    return { ...row, changeSincePrevious: row.current - row.previous };
  });
  const direction: Record<DirectionOfTravel, number> = { improved: 0, worse: 0, unchanged: 0, new: 0 };
  for (const action of actions) direction[directionOfTravel(scheme, action.previous, action.current)]++;
  const n = actions.length;
  return { rows, totals: { initial: n, previous: n, current: n }, direction };
}
