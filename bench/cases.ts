// Benchmark (issue "Casework core"): worklists and the register for a Kent-size council (21,000
// plans, from the seeded generator); target p95 under 150 ms per page on PostgreSQL. Uses
// DATABASE_URL when set (a fresh database is created and dropped), otherwise PGlite, and says which.
//   DATABASE_URL=postgres://... npx tsx bench/cases.ts [plans]
import { performance } from "node:perf_hooks";
import { openSystem } from "../src/composition.ts";
import { WORKLISTS } from "../src/domain/cases/worklists.ts";
import { londonToday } from "../src/platform/clock.ts";
import { openTestDatabase } from "../src/platform/testing/test-database.ts";
import { readAs } from "../src/platform/transaction.ts";
import { percentile, timings } from "./stats.ts";

const PLANS = Number(process.argv[2] ?? 21_000);
const RUNS = 30;

const testDb = await openTestDatabase();
const system = await openSystem(testDb.database);
try {
  const council = await system.people.createCouncil({ code: "KENT", name: "Kent-size Council" });
  const actor = { councilId: council.id, userId: null };
  const caseworkers = [];
  for (let i = 0; i < 20; i++) {
    caseworkers.push(
      await system.people.createUser(actor, "system", {
        email: `cw${i}@kent.example`,
        displayName: `Caseworker ${i + 1}`,
        password: "benchmark password",
        roles: "caseworker",
      }),
    );
  }
  let started = performance.now();
  const loaded = await system.cases.generateCaseload(actor, { plans: PLANS, seed: 2025 });
  console.log(`Database: ${testDb.kind === "postgres" ? "PostgreSQL" : "PGlite (set DATABASE_URL for the PostgreSQL figure)"}`);
  console.log(
    `Loaded ${loaded.cases.toLocaleString("en-GB")} cases (${PLANS.toLocaleString("en-GB")} plans) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  const events = await readAs(system.db, actor, async (trx) => (await trx.selectFrom("case_worklist_entry").select("case_id").execute()).length);
  console.log(`Worklist entries: ${events.toLocaleString("en-GB")}`);

  const manager = { id: caseworkers[0]?.id as string, councilId: council.id, roles: ["send_manager"] as ["send_manager"] };
  const caseworker = { ...manager, roles: ["caseworker"] as ["caseworker"] };
  const pages: [string, () => Promise<unknown>][] = [
    ...WORKLISTS.filter((l) => l !== "my-cases").map((list): [string, () => Promise<unknown>] => [
      `worklist ${list} (manager, page 1)`,
      () => system.cases.worklist(manager, list, { mine: false, page: 1 }),
    ]),
    ["worklist my-cases (caseworker)", () => system.cases.worklist(caseworker, "my-cases", { mine: true, page: 1 })],
    ["worklist overdue (manager, page 20)", () => system.cases.worklist(manager, "overdue", { mine: false, page: 20 })],
    ["register page 1", () => system.cases.register(manager, { search: "", page: 1 })],
    ["register page 300", () => system.cases.register(manager, { search: "", page: 300 })],
    ["register search 'smith'", () => system.cases.register(manager, { search: "smith", page: 1 })],
  ];
  let worst = 0;
  for (const [name, run] of pages) {
    const samples = await timings(run, RUNS);
    const p95 = percentile(samples, 95);
    worst = Math.max(worst, p95);
    console.log(`${name.padEnd(42)} p50 ${percentile(samples, 50).toFixed(1).padStart(6)} ms  p95 ${p95.toFixed(1).padStart(6)} ms`);
  }
  console.log(`Worst p95: ${worst.toFixed(1)} ms (target under 150 ms: ${worst < 150 ? "met" : "NOT met"})`);
  started = performance.now();
  const csv = await system.cases.exportRegister(actor, "system", "csv");
  console.log(`Full register as CSV: ${(csv.length / 1e6).toFixed(1)} MB in ${((performance.now() - started) / 1000).toFixed(2)} s`);

  // The measures page: every case record read and this year's requests put through the clock.
  const year = Number(londonToday().slice(0, 4));
  const measureSamples = await timings(() => system.measures.forYear(actor, "system", year), 5, 0);
  console.log(
    `Measures for ${year} (every case read): median ${percentile(measureSamples, 50).toFixed(0)} ms, worst ${Math.max(...measureSamples).toFixed(0)} ms`,
  );

  // After midnight every case is worked out again (dates move on): the background refresh's time.
  await readAs(system.db, actor, (trx) => trx.updateTable("child_case").set({ derived_on: "2000-01-01" }).execute());
  started = performance.now();
  await system.cases.refreshStale(actor);
  console.log(`Daily refresh of every case and worklist: ${((performance.now() - started) / 1000).toFixed(2)} s`);
} finally {
  await system.close();
  await testDb.close();
}
