// Benchmark (issue 14 part 5, issue 16): the pages and reports of the largest council on the
// national database that bench/national/generate.ts loaded (153 councils, 640,000 plans), through
// the real app over HTTP with signed-in people, as a browser asks for them; the memory of this
// one web process; and one measure for every council at once.
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/national/pages.ts [runs] [--national-only]
//
// Targets: each page p95 under 150 ms (issue 7's target, on PostgreSQL), the process under 512 MB,
// one measure for all 153 councils under 2 s. Adds to the national database, once: the largest
// council's SEND manager, its SEN2 settings and an improvement plan (500 actions, 20 updates each).
import type { AddressInfo } from "node:net";
import { cpus, loadavg } from "node:os";
import { createSystem } from "../../src/composition.ts";
import { yearPeriod } from "../../src/domain/measures/registry.ts";
import { openDatabase } from "../../src/platform/db.ts";
import { TestClient } from "../../src/platform/testing/test-app.ts";
import { testConfig } from "../../src/platform/testing/test-database.ts";
import { percentile, timings } from "../stats.ts";
import { syntheticPlan } from "../synthetic-plan.ts";
import { nationalUrl, TODAY } from "./national.ts";

const RUNS = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 30);
/** --national-only: the one measure for every council and the database's size, no pages. */
const PAGES = !process.argv.includes("--national-only");
const PASSWORD = "national benchmark password";
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(", ");
const mb = (bytes: number) => `${Math.round(bytes / 1_048_576)} MB`;

const database = await openDatabase({ kind: "postgres", url: nationalUrl() });
const system = await createSystem(testConfig(), database, { today: () => TODAY });
const server = system.app.listen(0, "127.0.0.1");
await new Promise((resolve) => server.once("listening", resolve));
const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const owner = database.ownerPool();
try {
  const councils = (await owner.query<{ n: number }>("SELECT count(*)::int AS n FROM council")).rows[0]?.n ?? 0;
  const largest = (
    await owner.query<{ id: string; code: string; name: string; cases: number; plans: number }>(
      `SELECT c.id, c.code, c.name, count(*)::int AS cases, (count(*) FILTER (WHERE k.has_plan))::int AS plans
         FROM council c JOIN child_case k ON k.council_id = c.id GROUP BY c.id ORDER BY count(*) DESC LIMIT 1`,
    )
  ).rows[0];
  if (!largest) throw new Error("No council loaded: run bench/national/generate.ts first");
  const total = (
    await owner.query<{ cases: number; plans: number }>(
      "SELECT count(*)::int AS cases, (count(*) FILTER (WHERE has_plan))::int AS plans FROM child_case",
    )
  ).rows[0];
  console.log(
    `National database: ${councils} councils, ${total?.cases.toLocaleString("en-GB")} cases, ${total?.plans.toLocaleString("en-GB")} plans in force on ${TODAY}`,
  );
  console.log(
    `Largest council: ${largest.name} (${largest.code}), ${largest.cases.toLocaleString("en-GB")} cases, ${largest.plans.toLocaleString("en-GB")} plans`,
  );

  // What the pages need, made once: a SEND manager, the SEN2 settings, an improvement plan.
  const actor = { councilId: largest.id, userId: null };
  const managerEmail = `manager@${largest.code.toLowerCase()}.example`;
  const exists = await owner.query("SELECT 1 FROM app_user WHERE email = $1", [managerEmail]);
  if (exists.rowCount === 0) {
    await system.people.createUser(actor, "system", { email: managerEmail, displayName: "SEND Manager", password: PASSWORD, roles: "send_manager" });
    await system.returns.saveSettings(actor, "system", { laNumber: "800", dmo: "Yes", dco: "Yes", dsco: "No" });
    await system.plans.createPlanFromSeed(actor, syntheticPlan());
  }
  const ids = (
    await owner.query<{ plan: string; section: string; action: string; caseworker: string; child: string }>(
      `SELECT p.id AS plan, s.id AS section, a.id AS action, u.id AS caseworker,
              (SELECT k.id FROM child_case k WHERE k.caseworker_user_id = u.id AND k.has_plan LIMIT 1) AS child
         FROM plan p JOIN plan_section s ON s.plan_id = p.id JOIN plan_action a ON a.section_id = s.id
         JOIN app_user u ON u.council_id = p.council_id AND u.email = $2
        WHERE p.council_id = $1 ORDER BY s."position", a."position" LIMIT 1`,
      [largest.id, `caseworker1@${largest.code.toLowerCase()}.example`],
    )
  ).rows[0];
  if (!ids) throw new Error("The plan or the caseworker is missing");

  const caseworker = new TestClient(baseUrl);
  const manager = new TestClient(baseUrl);
  for (const [client, email] of [
    [caseworker, `caseworker1@${largest.code.toLowerCase()}.example`],
    [manager, managerEmail],
  ] as const) {
    const signedIn = await client.signIn(email, PASSWORD);
    if (signedIn.status !== 303) throw new Error(`${email} could not sign in (${signedIn.status})`);
  }
  const sen2Year = Number(TODAY.slice(0, 4)) + 1;
  const pages: [string, TestClient, string][] = !PAGES
    ? []
    : [
        ["worklist: my cases (caseworker)", caseworker, "/cases/worklists/my-cases"],
        ["worklist: overdue (manager)", manager, "/cases/worklists/overdue"],
        ["worklist: due soon, page 5 (manager)", manager, "/cases/worklists/due-soon?page=5"],
        ["case page (its caseworker)", caseworker, `/cases/${ids.child}`],
        ["register, page 1", manager, "/cases/register"],
        ["register, page 300", manager, "/cases/register?page=300"],
        ["register, search 'smith'", manager, "/cases/register?search=smith"],
        ["plan overview (500 actions)", manager, `/plans/${ids.plan}`],
        ["plan section", manager, `/plans/${ids.plan}/sections/${ids.section}`],
        ["action page (20 updates)", manager, `/actions/${ids.action}`],
        ["plan summary (API)", manager, `/api/plans/${ids.plan}/summary`],
        ["measures dashboard (opening year, by month)", manager, "/measures"],
        ["measures dashboard, five years by month", manager, `/measures?from=2022-01-01&to=${TODAY}`],
        [`SEN2 ${sen2Year}: validation (API)`, manager, `/api/returns/sen2/validation?year=${sen2Year}`],
        [`SEN2 ${sen2Year}: the return page (validate, reconcile, items not held)`, manager, `/returns/sen2?year=${sen2Year}`],
      ];
  if (PAGES) console.log(`\n${RUNS} runs each after 3 warm-ups, one at a time (p50, p95, largest response):`);
  const results: { name: string; p95: number }[] = [];
  for (const [name, client, path] of pages) {
    // The SEN2 reports read every child of the council: fewer runs.
    const runs = name.startsWith("SEN2") ? Math.max(5, Math.round(RUNS / 6)) : RUNS;
    const samples: number[] = [];
    let bytes = 0;
    for (let i = 0; i < runs + 3; i++) {
      const t = performance.now();
      const response = await client.get(path);
      const ms = performance.now() - t;
      if (response.status !== 200) throw new Error(`${path}: ${response.status} ${response.text.slice(0, 300)}`);
      bytes = Math.max(bytes, response.text.length);
      if (i >= 3) samples.push(ms);
    }
    const p95 = percentile(samples, 95);
    results.push({ name, p95 });
    console.log(
      `${name.padEnd(70)} p50 ${percentile(samples, 50).toFixed(0).padStart(6)} ms  p95 ${p95.toFixed(0).padStart(6)} ms  ${(bytes / 1024).toFixed(0).padStart(6)} kB  (${runs} runs)`,
    );
  }
  // The dashboard's figures without its charts: the database's part of the two dashboard pages.
  for (const [name, period] of (!PAGES
    ? []
    : [
        ["measures service alone (no charts): opening year", yearPeriod(2024)],
        ["measures service alone (no charts): five years", { from: "2022-01-01", to: TODAY, label: "five years" }],
      ]) as [string, { from: string; to: string; label: string }][]) {
    const samples = await timings(() => system.measures.forPeriod(actor, "system", period, period), RUNS);
    console.log(
      `${name.padEnd(70)} p50 ${percentile(samples, 50).toFixed(0).padStart(6)} ms  p95 ${percentile(samples, 95).toFixed(0).padStart(6)} ms`,
    );
  }

  const memory = process.memoryUsage();
  console.log(
    `\nThis process (the web app and this client): RSS ${mb(memory.rss)} now, peak ${mb(process.resourceUsage().maxRSS * 1024)} ` +
      `(heap ${mb(memory.heapUsed)}); target under 512 MB: ${process.resourceUsage().maxRSS * 1024 < 512 * 1_048_576 ? "met" : "NOT met"}`,
  );

  // One measure for every council at once: new plans issued within 20 weeks (excluding exceptions)
  // in 2024, from the month totals (migration 0028). Read as the database owner: no council login
  // may read another council's rows (row-level security), so a national figure is the operator's
  // query, as the DfE's is of the SEN2 returns. It reads counts only, never a child.
  const national = `
    SELECT c.code, sum(m.counted)::int AS within, sum(m.total)::int AS issued
      FROM measure_fact_month m JOIN council c ON c.id = m.council_id
     WHERE m.measure = 'within20WeeksExclExceptions' AND m.month >= '2024-01-01' AND m.month < '2025-01-01'
     GROUP BY c.code ORDER BY c.code`;
  const nationalSamples: number[] = [];
  let rows: { code: string; within: number; issued: number }[] = [];
  for (let i = 0; i < 13; i++) {
    const t = performance.now();
    rows = (await owner.query<{ code: string; within: number; issued: number }>(national)).rows;
    if (i >= 3) nationalSamples.push(performance.now() - t);
  }
  const within = rows.reduce((s, r) => s + r.within, 0);
  const issued = rows.reduce((s, r) => s + r.issued, 0);
  // The same figure as the largest council's own dashboard gives, or the query is not the measure.
  const own = await system.measures.forPeriod(actor, "system", yearPeriod(2024));
  const ownValue = own.values.find((v) => v.id === "within20WeeksExclExceptions");
  const ownRow = rows.find((r) => r.code === largest.code);
  const agrees = ownValue?.numerator === ownRow?.within && ownValue?.denominator === ownRow?.issued;
  console.log(
    `One measure for all ${rows.length} councils (new plans within 20 weeks excl. exceptions, 2024; ${within.toLocaleString("en-GB")} of ${issued.toLocaleString("en-GB")}, ` +
      `${((100 * within) / Math.max(1, issued)).toFixed(1)}%): p50 ${percentile(nationalSamples, 50).toFixed(0)} ms, p95 ${percentile(nationalSamples, 95).toFixed(0)} ms ` +
      `(target under 2 s: ${percentile(nationalSamples, 95) < 2000 ? "met" : "NOT met"}); ${largest.code}'s row ${agrees ? "agrees" : "DOES NOT agree"} with its dashboard ` +
      `(${ownValue?.numerator} of ${ownValue?.denominator})`,
  );
  const size = (await owner.query<{ size: string }>("SELECT pg_size_pretty(pg_database_size(current_database())) AS size")).rows[0]?.size;
  const worst = results.reduce((a, b) => (b.p95 > a.p95 ? b : a), { name: "none", p95: 0 });
  console.log(`Worst page p95: ${worst.name}, ${worst.p95.toFixed(0)} ms. Database size ${size}. Load average ${load()} on ${cpus().length} cores.`);
} finally {
  await new Promise((resolve) => server.close(resolve));
  await system.close();
}
