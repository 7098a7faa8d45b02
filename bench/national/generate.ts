// Benchmark (issue 14 part 5, issue 16): a national-size installation on one PostgreSQL: 153
// councils, 640,000 plans in all (sized by bench/national/national.ts from the DfE figures), each
// with five years of casework. Each council is loaded in one transaction under row-level security,
// as the product would write it (its cases, their timeline events, worklist entries, measure facts
// and spans; the measure totals are kept by the tables' own triggers, migrations 0023 and 0028),
// but in big batches: one INSERT ... SELECT FROM json_populate_recordset per table per 4,000 cases
// (src/modules/demo/bulk-load.ts, whose test checks it writes what CasesService.loadRecords writes).
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/national/generate.ts [--plans 640000] [--load 153] [--shard 0/1] [--fresh]
//
// The database `send_national` is made on that server (dropped first with --fresh); a council
// already loaded is skipped, so an interrupted load carries on. Prints each council's time, the
// total, the database's size and the load average. --load N loads only the N largest councils.
import { cpus, loadavg } from "node:os";
import { parseArgs } from "node:util";
import { sql } from "kysely";
import pg from "pg";
import { openSystem } from "../../src/composition.ts";
import { eventsForRecord } from "../../src/domain/sen2/import.ts";
import { bulkLoadCases } from "../../src/modules/demo/bulk-load.ts";
import { generateCaseload } from "../../src/modules/demo/caseload-generator.ts";
import { openDatabase } from "../../src/platform/db.ts";
import { changeAs, readAs } from "../../src/platform/transaction.ts";
import { councilSizes, DATABASE_NAME, nationalUrl, TODAY } from "./national.ts";

const { values: args } = parseArgs({
  options: {
    load: { type: "string", default: "153" },
    shard: { type: "string", default: "0/1" },
    plans: { type: "string", default: "640000" },
    fresh: { type: "boolean", default: false },
  },
});
const SOURCE = { source: "generated national caseload" };

const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(", ");
const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);

// The database of its own, on the server DATABASE_URL names.
const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
await admin.connect();
if (args.fresh) await admin.query(`DROP DATABASE IF EXISTS ${DATABASE_NAME} WITH (FORCE)`);
const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [DATABASE_NAME]);
if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${DATABASE_NAME}`);
await admin.end();

const database = await openDatabase({ kind: "postgres", url: nationalUrl() });
const system = await openSystem(database, { today: () => TODAY });
// The largest first; --load N stops after N councils (a partial load says so in its total).
// --shard i/n loads every nth council from the ith, so n processes can load side by side.
const [shard, shards] = (args.shard ?? "0/1").split("/").map(Number) as [number, number];
const sizes = councilSizes(Number(args.plans))
  .slice(0, Number(args.load))
  .filter((_, i) => i % shards === shard);

/** Milliseconds each table's inserts took (their triggers included), to see where a load's time goes. */
const spent = new Map<string, number>();

async function loadCouncil(index: number, size: { code: string; name: string; plans: number }) {
  const existing = await system.people.councilIdForCode(size.code);
  const councilId = existing ?? (await system.people.createCouncil({ code: size.code, name: size.name })).id;
  const actor = { councilId, userId: null };
  // A council whose load was stopped has its accounts but no cases (its one transaction rolled back).
  const [cases, accounts] = await readAs(system.db, actor, async (trx) => [
    (await trx.selectFrom("child_case").select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow()).n,
    await trx.selectFrom("app_user").select(["id", "display_name"]).orderBy("email").execute(),
  ]);
  if (cases > 0) return { skipped: true, cases: 0, events: 0, facts: 0, spans: 0, entries: 0 };
  // About one caseworker for 700 plans (Kent has about 30), each a real account.
  const caseworkers = accounts.map((a) => ({ id: a.id, name: a.display_name }));
  for (let i = caseworkers.length; i < Math.max(3, Math.round(size.plans / 700)); i++) {
    const user = await system.people.createUser(actor, "system", {
      email: `caseworker${i + 1}@${size.code.toLowerCase()}.example`,
      displayName: `Caseworker ${i + 1}`,
      password: "national benchmark password",
      roles: "caseworker",
    });
    caseworkers.push({ id: user.id, name: user.display_name });
  }
  const generated = generateCaseload({ seed: 20_260_000 + index, plans: size.plans, today: TODAY, caseworkers, laNumber: 800 + index });
  const counts = await changeAs(system.db, actor, async (trx) => {
    const loaded = await bulkLoadCases(trx, councilId, generated, {
      today: TODAY,
      closures: [],
      source: SOURCE,
      // The timeline each record stands for, as a council's SEN2 return read in gives it.
      eventsOf: (record) => eventsForRecord(record).map((e) => ({ kind: e.kind, data: { ...e.data, ...SOURCE } })),
      spent,
    });
    return {
      result: { skipped: false, ...loaded },
      audit: { action: "cases.imported", subjectType: "council", subjectId: councilId, after: { cases: loaded.cases, ...SOURCE } },
    };
  });
  return counts;
}

const started = performance.now();
const totals = { councils: 0, plans: 0, cases: 0, events: 0, facts: 0, spans: 0, entries: 0 };
try {
  for (const [index, size] of sizes.entries()) {
    const t = performance.now();
    const counts = await loadCouncil(index * shards + shard, size);
    if (counts.skipped) {
      console.log(`${size.code} ${size.name}: already loaded`);
      continue;
    }
    totals.councils++;
    totals.plans += size.plans;
    for (const key of ["cases", "events", "facts", "spans", "entries"] as const) totals[key] += counts[key];
    console.log(
      `${size.code} ${size.name.padEnd(26)} ${size.plans.toLocaleString("en-GB").padStart(7)} plans ${counts.cases.toLocaleString("en-GB").padStart(7)} cases ` +
        `${counts.events.toLocaleString("en-GB").padStart(8)} events ${counts.facts.toLocaleString("en-GB").padStart(8)} facts in ${seconds(t)} s ` +
        `(all so far ${totals.plans.toLocaleString("en-GB")} plans in ${seconds(started)} s; load average ${load()})`,
    );
  }
  const loaded = seconds(started);
  const t = performance.now();
  await system.cases.refreshStatistics();
  console.log(`Planner statistics refreshed in ${seconds(t)} s`);
  const owner = await database.ownerPool().connect();
  try {
    const size = await owner.query<{ size: string; bytes: string }>(
      "SELECT pg_size_pretty(pg_database_size(current_database())) AS size, pg_database_size(current_database()) AS bytes",
    );
    const tables = await owner.query<{ name: string; rows: string; size: string }>(
      `SELECT c.relname AS name, c.reltuples::bigint AS rows, pg_size_pretty(pg_total_relation_size(c.oid)) AS size
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY pg_total_relation_size(c.oid) DESC LIMIT 10`,
    );
    console.log(
      `\nLoaded ${totals.councils} councils, ${totals.plans.toLocaleString("en-GB")} plans, ${totals.cases.toLocaleString("en-GB")} cases, ` +
        `${totals.events.toLocaleString("en-GB")} events, ${totals.entries.toLocaleString("en-GB")} worklist entries, ` +
        `${totals.facts.toLocaleString("en-GB")} measure facts, ${totals.spans.toLocaleString("en-GB")} spans in ${loaded} s ` +
        `(${cpus().length} cores, load average ${load()})`,
    );
    console.log(
      `Time in each table's inserts (triggers included): ${[...spent].map(([table, ms]) => `${table} ${(ms / 1000).toFixed(1)} s`).join(", ")}`,
    );
    console.log(`Database ${DATABASE_NAME}: ${size.rows[0]?.size}. Largest tables (with their indexes):`);
    for (const row of tables.rows) console.log(`  ${row.name.padEnd(28)} ${Number(row.rows).toLocaleString("en-GB").padStart(12)} rows  ${row.size}`);
  } finally {
    owner.release();
  }
} finally {
  await system.close();
}
