// Benchmark (issue "Improvement plans"): plan overview and summary for a plan of 500 actions with
// 20 updates each; target p95 under 100 ms on PostgreSQL. Uses DATABASE_URL when set (a fresh
// database is created and dropped), otherwise PGlite in memory, and says which.
//   npx tsx bench/plans.ts            DATABASE_URL=postgres://... npx tsx bench/plans.ts
import { performance } from "node:perf_hooks";
import { openSystem } from "../src/composition.ts";
import type { ActionSeed, PlanSeed } from "../src/domain/plans/types.ts";
import { openTestDatabase } from "../src/platform/testing/test-database.ts";
import { percentile, timings } from "./stats.ts";

const ACTIONS = 500;
const UPDATES = 20;
const RUNS = 60;
const STATUSES = ["limited-progress", "dates-tbc", "on-track", "on-track", "completed"];

function syntheticPlan(): PlanSeed {
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

const testDb = await openTestDatabase();
const system = await openSystem(testDb.database);
try {
  const council = await system.people.createCouncil({ code: "BENCH", name: "Benchmark Council" });
  const actor = { councilId: council.id, userId: null };
  const started = performance.now();
  const plan = await system.plans.createPlanFromSeed(actor, syntheticPlan());
  console.log(`Database: ${testDb.kind === "postgres" ? "PostgreSQL" : "PGlite (set DATABASE_URL for the PostgreSQL figure)"}`);
  console.log(`Loaded ${plan.actions} actions with ${plan.updates} updates in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const reader = { id: "00000000-0000-0000-0000-000000000000", councilId: council.id, roles: ["councillor"] as ["councillor"] };

  for (const [name, run] of [
    ["plan overview", () => system.plans.planView(reader, plan.id, { asAt: "2022-12-31" })],
    ["plan summary", () => system.plans.summary(actor, "system", plan.id, "2022-12-31")],
  ] as const) {
    const samples = await timings(run, RUNS, 5);
    const p95 = percentile(samples, 95);
    console.log(
      `${name}: p50 ${percentile(samples, 50).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms over ${RUNS} runs (target p95 < 100 ms: ${p95 < 100 ? "met" : "NOT met"})`,
    );
  }
} finally {
  await system.close();
  await testDb.close();
}
