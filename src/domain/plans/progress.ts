// Percent complete with a weighted roll-up, and the impact judgement (issue 13, What to build 5).
// Pure: no I/O. The impact judgement is kept apart from the delivery status because Ofsted's area
// SEND framework (2023) asks what difference the work has made to children and young people, not
// whether its tasks were done.

export const IMPACT_JUDGEMENTS = ["evidenced", "emerging", "too-early", "not-assessed"] as const;
export type ImpactJudgement = (typeof IMPACT_JUDGEMENTS)[number];

export const IMPACT_LABELS: Record<ImpactJudgement, string> = {
  evidenced: "Impact evidenced",
  emerging: "Impact emerging",
  "too-early": "Too early to judge",
  "not-assessed": "Not yet assessed",
};

export function isImpactJudgement(value: unknown): value is ImpactJudgement {
  return typeof value === "string" && (IMPACT_JUDGEMENTS as readonly string[]).includes(value);
}

/** One action's part in a roll-up: its percent complete (null: none given) and weight (null: 1). */
export interface ProgressPart {
  percent: number | null;
  weight: number | null;
}

export interface RollUp {
  /** The weighted mean of the percentages given, to the nearest whole number; null when none is. */
  percent: number | null;
  /** Actions with a percentage and a weight above 0, and all the actions given. */
  counted: number;
  total: number;
  text: string;
}

/**
 * The percent complete of a section or plan: the mean of its actions' percentages, each weighted
 * by the action's weight (1 when none is set; 0 leaves the action out). Actions with no percentage
 * are left out rather than counted as 0, and the words say how many were counted. The caller
 * passes only the actions in the plan on the date, so retired actions are out.
 */
export function rollUp(parts: readonly ProgressPart[]): RollUp {
  let weighted = 0;
  let weights = 0;
  let counted = 0;
  for (const part of parts) {
    const weight = part.weight ?? 1;
    if (part.percent === null || weight <= 0) continue;
    weighted += part.percent * weight;
    weights += weight;
    counted++;
  }
  const total = parts.length;
  if (counted === 0) {
    return { percent: null, counted, total, text: total === 0 ? "No actions" : "No percent complete given yet" };
  }
  const percent = Math.round(weighted / weights);
  const of = counted === total ? `all ${total} action${total === 1 ? "" : "s"}` : `${counted} of ${total} actions`;
  return { percent, counted, total, text: `${percent}% complete (${of} with a percentage)` };
}

/**
 * An action's percent complete on a date: its own figure when one is set (on the action page or
 * through the API), otherwise the latest percentage given with an update on or before the date.
 */
export function percentAsAt(
  own: number | null,
  updates: readonly { date: string; sequence?: number; progress?: number }[],
  asAt: string,
): number | null {
  if (own !== null) return own;
  let latest: { date: string; sequence: number; progress: number } | undefined;
  for (const u of updates) {
    if (u.date > asAt || u.progress === undefined) continue;
    const sequence = u.sequence ?? 0;
    if (!latest || u.date > latest.date || (u.date === latest.date && sequence >= latest.sequence))
      latest = { date: u.date, sequence, progress: u.progress };
  }
  return latest?.progress ?? null;
}
