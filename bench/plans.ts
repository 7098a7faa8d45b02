// Benchmark (issue "Improvement plans"): plan overview and summary for a plan of 500 actions with
// 20 updates each; target p95 under 100 ms on PostgreSQL. Uses DATABASE_URL when set (a fresh
// database is created and dropped), otherwise PGlite in memory, and says which.
//   npx tsx bench/plans.ts            DATABASE_URL=postgres://... npx tsx bench/plans.ts
import { performance } from "node:perf_hooks";
import { openSystem } from "../src/composition.ts";
import { openTestDatabase } from "../src/platform/testing/test-database.ts";
import { percentile, timings } from "./stats.ts";
import { syntheticPlan } from "./synthetic-plan.ts";

const RUNS = 60;

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
