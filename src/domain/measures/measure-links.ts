// An action's success measure bound to a registry measure (SPEC A7, C3): "% of new EHC plans
// issued within 20 weeks rises to 60% by March 2027". From the live figure, the product proposes
// a rating from the trajectory and says whether it supports the rating the lead gave.
//
// The rules, written down (README "Success measures bound to measures"):
// - The milestone line runs straight from the baseline (value and date) to the target (value
//   and date); without a baseline it is the target itself.
// - Reached the target: "met". At or better than the line on the day: "on track". Within the
//   margin of it (5 percentage points for a percentage, 5% of the target for a count): "at risk".
//   Worse: "off track". No figure for the period: no proposal.
// - A lead's rating is supported unless it is better than the proposal: green (or blue, light
//   green, complete) needs "on track" or "met"; amber needs at least "at risk"; red is always supported.
import { daysBetween, formatDate, type IsoDate } from "../dates.ts";
import type { StatusDefinition } from "../plans/types.ts";
import type { RegistryDefinition } from "./registry.ts";

export type ProposedRating = "met" | "on track" | "at risk" | "off track";

export interface MeasureLink {
  /** A registry measure, or another with a unit and a sense (the quality measures, issue 18). */
  measure: Pick<RegistryDefinition, "unit" | "higherIsBetter">;
  baseline?: { value: number; date: IsoDate } | null;
  target: { value: number; date: IsoDate };
}

export interface LinkAssessment {
  /** The figure on the milestone line on the day. */
  expected: number;
  proposed: ProposedRating | null;
  /** Whether the lead's rating is supported by the figure; null when there is no rating or figure. */
  supportsRating: boolean | null;
  /** In words, for the action page and the plan's checks. */
  sentence: string;
}

const LEVEL: Record<ProposedRating, number> = { met: 3, "on track": 2, "at risk": 1, "off track": 0 };

/** The level a lead's rating claims, on the same scale; null for an unrated or cancelled status. */
export function claimedLevel(status: StatusDefinition): number | null {
  if (status.unrated || status.cancelled) return null;
  if (status.complete || status.onTrack || ["blue", "green", "light-green"].includes(status.colour)) return 2;
  if (status.colour === "amber") return 1;
  if (status.colour === "red") return 0;
  return null;
}

const show = (link: MeasureLink, v: number) => (link.measure.unit === "percent" ? `${Number(v.toFixed(1))}%` : v.toLocaleString("en-GB"));

export function assessLink(link: MeasureLink, actual: number | null, asOf: IsoDate, status?: StatusDefinition): LinkAssessment {
  const { baseline, target } = link;
  let expected = target.value;
  if (baseline && asOf < target.date) {
    const total = daysBetween(baseline.date, target.date);
    const done = Math.max(0, daysBetween(baseline.date, asOf));
    expected = total > 0 ? baseline.value + ((target.value - baseline.value) * Math.min(done, total)) / total : target.value;
  }
  expected = Math.round(expected * 10) / 10;
  const targetWords = `a target of ${show(link, target.value)} by ${formatDate(target.date)}`;
  if (actual === null) return { expected, proposed: null, supportsRating: null, sentence: `No figure yet against ${targetWords}.` };
  // Which way is better: the measure's own sense, else the way the target moves from the baseline.
  const higher = link.measure.higherIsBetter ?? (baseline ? target.value >= baseline.value : true);
  const better = (a: number, b: number) => (higher ? a >= b : a <= b);
  const margin = link.measure.unit === "percent" ? 5 : Math.abs(target.value) * 0.05;
  const proposed: ProposedRating = better(actual, target.value)
    ? "met"
    : better(actual, expected)
      ? "on track"
      : better(actual + (higher ? margin : -margin), expected)
        ? "at risk"
        : "off track";
  const line = asOf < target.date && baseline ? ` (the milestone line is ${show(link, expected)} on ${formatDate(asOf)})` : "";
  const claimed = status ? claimedLevel(status) : null;
  const supportsRating = claimed === null ? null : claimed <= LEVEL[proposed];
  const figure = `the measure is ${show(link, actual)} against ${targetWords}${line}`;
  const sentence =
    supportsRating === false && status
      ? `Rated ${status.label.toLowerCase()}, but ${figure}: the figure suggests ${proposed}.`
      : `${figure[0]?.toUpperCase()}${figure.slice(1)}: ${proposed}.`;
  return { expected, proposed, supportsRating, sentence };
}
