// A plan of 500 actions with 20 updates each, for the plan benchmarks (bench/plans.ts, bench/national/pages.ts).
import type { ActionSeed, PlanSeed } from "../src/domain/plans/types.ts";

const ACTIONS = 500;
const UPDATES = 20;
const STATUSES = ["limited-progress", "dates-tbc", "on-track", "on-track", "completed"];

export function syntheticPlan(): PlanSeed {
  const actions = (section: number): ActionSeed[] =>
    Array.from({ length: ACTIONS / 10 }, (_, i) => ({
      number: `${section}.${i + 1}`,
      externalId: `bench-${section}-${i + 1}`,
      text: `Action ${section}.${i + 1}: improve the timeliness of EHC plans in locality ${i % 7}`,
      leadName: `Lead ${i % 12}`,
      forums: [i % 2 ? "board" : "scrutiny"],
      timescale: ["March 2022", "Autumn 2022", "TBC", "Q3 2022/23", "31/12/2022"][i % 5] as string,
      updates: Array.from({ length: UPDATES }, (_, u) => ({
        date: new Date(Date.UTC(2022, 0, 14 + u * 18)).toISOString().slice(0, 10),
        status: STATUSES[(u + i) % STATUSES.length] as string,
        commentary: `Update ${u + 1}: progress reported to the board, next steps agreed.`,
      })),
    }));
  return {
    externalId: "bench-plan",
    title: "Benchmark plan",
    type: "other",
    source: { title: "Synthetic", date: "2022-01-01" },
    owner: "Benchmark",
    scheme: "four-state",
    cadence: "Quarterly",
    approvedOn: "2022-01-13",
    forums: [
      { code: "board", name: "SEND Partnership Board", meetings: ["2022-03-01", "2022-06-01", "2022-09-01", "2022-12-01"] },
      { code: "scrutiny", name: "Scrutiny committee", meetings: ["2022-03-15", "2022-07-15"] },
    ],
    sections: Array.from({ length: 10 }, (_, s) => ({
      number: String(s + 1),
      title: `Priority ${s + 1}`,
      kind: "priority" as const,
      actions: actions(s + 1),
    })),
  };
}
