// Benchmark (issue 16): the measures of a Kent-size council (21,000 plans, five years of history)
// on the database, as the dashboard asks for them. Target: the dashboard (every measure, five
// years by month) p95 under 150 ms on PostgreSQL. Prints the figures from the stored rows
// (migrations 0023, 0028) beside the old way (every record read and put through the clock) for the same
// answer. Uses DATABASE_URL when set (a fresh database is created and dropped), otherwise PGlite.
//   DATABASE_URL=postgres://... npx tsx bench/measures-db.ts [plans]
import { cpus, loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { sql } from "kysely";
import { openSystem } from "../src/composition.ts";
import type { CaseRecord } from "../src/domain/cases/types.ts";
import { factsOf, figuresFor, monthlySeries, type Period, yearPeriod } from "../src/domain/measures/registry.ts";
import { listCaseRecords } from "../src/modules/measures/measures.repository.ts";
import { openTestDatabase } from "../src/platform/testing/test-database.ts";
import { readAs } from "../src/platform/transaction.ts";
import { percentile, timings } from "./stats.ts";

const PLANS = Number(process.argv[2] ?? 21_000);
const TODAY = "2026-12-07";
const RUNS = 20;

const testDb = await openTestDatabase();
const system = await openSystem(testDb.database, { today: () => TODAY });
try {
  const council = await system.people.createCouncil({ code: "KENT", name: "Kent-size Council" });
  const actor = { councilId: council.id, userId: null };
  for (let i = 0; i < 20; i++) {
    await system.people.createUser(actor, "system", {
      email: `cw${i}@kent.example`,
      displayName: `Caseworker ${i + 1}`,
      password: "benchmark password",
      roles: "caseworker",
    });
  }
  const started = performance.now();
  await system.cases.generateCaseload(actor, { plans: PLANS, seed: 2025 });
  // As after a large import (the import calls it) and as autovacuum leaves a settled table.
  await system.cases.refreshStatistics();
  if (testDb.kind === "postgres") {
    const client = await testDb.database.ownerPool().connect();
    try {
      await client.query("VACUUM (ANALYZE) measure_fact, measure_span");
    } finally {
      client.release();
    }
  }
  const [facts, spans] = await readAs(system.db, actor, async (trx) => [
    (await trx.selectFrom("measure_fact").select("case_id").execute()).length,
    (await trx.selectFrom("measure_span").select("case_id").execute()).length,
  ]);
  console.log(`Database: ${testDb.kind === "postgres" ? "PostgreSQL" : "PGlite (set DATABASE_URL for the PostgreSQL figure)"}`);
  console.log(
    `Loaded ${PLANS.toLocaleString("en-GB")} plans with their measure rows (${facts.toLocaleString("en-GB")} facts, ${spans.toLocaleString("en-GB")} spans) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );

  const five: Period = { from: "2022-01-01", to: "2026-12-31", label: "five years" };
  const cases: [string, Period, Period, Record<string, unknown>][] = [
    ["dashboard: every measure for 2025, by month", yearPeriod(2025), yearPeriod(2025), {}],
    ["dashboard: every measure, five years by month", five, five, {}],
    ["five years by month, one primary need (ASD)", five, five, { primaryNeed: "ASD" }],
    ["five years by month, year group 7", five, five, { yearGroup: 7 }],
  ];
  for (const [name, period, series, filter] of cases) {
    const samples = await timings(() => system.measures.forPeriod(actor, "system", period, series, filter), RUNS);
    console.log(
      `${name.padEnd(48)} p50 ${percentile(samples, 50).toFixed(1).padStart(7)} ms  p95 ${percentile(samples, 95).toFixed(1).padStart(7)} ms`,
    );
  }

  // The floor on this machine at this load: a transaction that does nothing (BEGIN, the council
  // set for row-level security, one trivial statement, COMMIT). On a shared machine under load,
  // most of a request's time is waiting for the processor between round trips.
  const floor = await timings(() => readAs(system.db, actor, async (trx) => (await sql`SELECT 1`.execute(trx)).rows), RUNS);
  console.log(
    `${"floor: an empty transaction".padEnd(48)} p50 ${percentile(floor, 50).toFixed(1).padStart(7)} ms  p95 ${percentile(floor, 95).toFixed(1).padStart(7)} ms`,
  );
  console.log(
    `Load average: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(", ")} on ${cpus().length} cores`,
  );

  // Before: every record read, put through the clock and counted in memory (the service until now).
  const before = (period: Period) =>
    readAs(system.db, actor, async (trx) => {
      const records = (await listCaseRecords(trx)) as CaseRecord[];
      const all = factsOf(records, { today: TODAY });
      return [figuresFor(records, all, period), monthlySeries(records, all, period)];
    });
  for (const [name, period] of [
    ["before: every measure for 2025, by month", yearPeriod(2025)],
    ["before: every measure, five years by month", five],
  ] as const) {
    const samples = await timings(() => before(period), 3, 1);
    console.log(
      `${name.padEnd(48)} p50 ${percentile(samples, 50).toFixed(0).padStart(7)} ms  p95 ${percentile(samples, 95).toFixed(0).padStart(7)} ms`,
    );
  }
} finally {
  await system.close();
  await testDb.close();
}
