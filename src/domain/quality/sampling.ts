// Drawing the plans to audit (SPEC B8, issue 18). Pure: the caseload and the seed are parameters,
// so the same seed over the same caseload draws the same sample, and a recorded seed can be replayed.
import type { IsoDate } from "../dates.ts";

export const SAMPLE_METHODS = ["random", "newPlans", "perCaseworker"] as const;
export type SampleMethod = (typeof SAMPLE_METHODS)[number];

export const SAMPLE_METHOD_LABELS: Record<SampleMethod, string> = {
  random: "At random from every current plan",
  newPlans: "New plans issued in the period",
  perCaseworker: "One new plan per caseworker in the period",
};

export interface Candidate {
  caseId: string;
  caseworkerId: string | null;
  /** The day the current plan was made (the final plan issued), if the case has one. */
  planMade: IsoDate | null;
}

export interface SampleRule {
  method: SampleMethod;
  /** Most plans to draw. */
  size: number;
  seed: number;
  from: IsoDate;
  to: IsoDate;
}

/** mulberry32: a small, well-known seeded generator; enough to shuffle a sample reproducibly. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher-Yates with the seeded generator, over the candidates in a fixed order (by case id). */
function shuffle<T extends Candidate>(items: readonly T[], seed: number): T[] {
  const out = [...items].sort((a, b) => (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0));
  const random = seededRandom(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** The cases to audit under a rule: at most `size`, each case once. */
export function drawSample<T extends Candidate>(candidates: readonly T[], rule: SampleRule): T[] {
  const withPlan = candidates.filter((c) => c.planMade !== null);
  if (rule.method === "random") return shuffle(withPlan, rule.seed).slice(0, rule.size);
  const newPlans = withPlan.filter((c) => (c.planMade as string) >= rule.from && (c.planMade as string) <= rule.to);
  if (rule.method === "newPlans") return shuffle(newPlans, rule.seed).slice(0, rule.size);
  // One per caseworker: the first of each caseworker's plans in the shuffled order.
  const seen = new Set<string>();
  const picked: T[] = [];
  for (const c of shuffle(newPlans, rule.seed)) {
    const key = c.caseworkerId ?? "unassigned";
    if (seen.has(key)) continue;
    seen.add(key);
    picked.push(c);
  }
  return picked.slice(0, rule.size);
}
