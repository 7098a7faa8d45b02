// Small numbers (issue 16, SPEC C2 filters): a figure narrowed by filters (a need, a year group, a
// caseworker) to a handful of children can point at a child, for readers who may not see children
// (board members, councillors) as much as anyone. Such a figure is withheld: on the page, in the
// API and with no drill-down. The whole council's figures are never withheld (they are what the
// council returns to the DfE). Neither the issue nor the SPEC names a threshold; 5 is the one this
// product already uses for families' feedback (src/modules/quality) and the usual "fewer than 5"
// of published statistics, kept in one place to change if the council's data protection officer
// asks for another.

import type { Breakdown, Figure } from "./registry.ts";

/** Figures resting on at least one and fewer than this many children are withheld when filtered. */
export const SMALL_NUMBER = 5;

/** Whether a number of children is small enough to withhold: 1 to SMALL_NUMBER - 1 (0 tells nothing about a child). */
export const isSmall = (children: number | null | undefined): boolean =>
  children !== null && children !== undefined && children > 0 && children < SMALL_NUMBER;

/** A figure, or the same figure withheld: no value, no numerator, no denominator. */
export type ShownFigure<F extends Figure> = F & { withheld?: true };

/**
 * The children a figure rests on: a percentage's denominator (the children it is a share of),
 * a count's value (the children counted).
 */
export function childrenBehind(figure: Figure): number {
  return figure.denominator ?? figure.numerator;
}

/** The figure withheld if it rests on too few children; unchanged otherwise. */
export function withholdSmall<F extends Figure>(figure: F): ShownFigure<F> {
  if (!isSmall(childrenBehind(figure))) return figure;
  return { ...figure, value: null, numerator: 0, denominator: null, withheld: true };
}

/** A breakdown's rows with those of too few children withheld (count 0, no share). */
export function withholdSmallRows(breakdown: Breakdown): Breakdown {
  return {
    ...breakdown,
    rows: breakdown.rows.map((row) =>
      isSmall(row.count) ? { key: row.key, count: 0, withheld: true, ...(row.value === undefined ? {} : { numerator: 0, value: null }) } : row,
    ),
  };
}
