// kill -9 during an import and during a migration (issue 14 part 7), with real processes on a real
// database (a new PostgreSQL database with DATABASE_URL, else an embedded data folder):
// - `npm start` killed while its job imports a plan: the plan is there whole or not at all (the
//   import is one transaction), the next start works on the same database (on the embedded one:
//   the folder opens, the data is in it) and the import is not run again behind anyone's back;
// - `send-oversight migrate` killed mid-way on an empty database: the migrations run in one
//   transaction, so none or all are recorded, and the next start brings it up to date.
import assert from "node:assert/strict";
import fs from "node:fs";
import { after, test } from "node:test";
import { Kysely, PostgresDialect } from "kysely";
import { generatedPlanTable, writeXlsx } from "../scripts/fixtures/make-import-fixtures.ts";
import { openSystem } from "./composition.ts";
import { openDatabase } from "./platform/db.ts";
import { migrationStatus } from "./platform/migrate.ts";
import { killHard, type ProcessDatabase, processDatabase, type RunningProcess, startProcess, waitFor } from "./platform/testing/processes.ts";

const ROWS = 2000;
const started: RunningProcess[] = [];
const databases: ProcessDatabase[] = [];
after(async () => {
  for (const p of started) await killHard(p);
  for (const d of databases) await d.remove();
});

function start(script: string, database: ProcessDatabase, args: string[] = []): RunningProcess {
  const p = startProcess(script, { ...database.env, SEED_DEMO: "false", PORT: "0" }, args);
  started.push(p);
  return p;
}

/** Counts as the owner (row-level security does not hide other councils' rows from it). */
async function count(database: ProcessDatabase, query: string): Promise<number> {
  const db = await openDatabase(database.target);
  try {
    const { rows } = await db.ownerPool().query<{ n: number }>(query);
    return Number(rows[0]?.n ?? 0);
  } finally {
    await db.close();
  }
}

test(`kill -9 of the web process mid-import of ${ROWS.toLocaleString("en-GB")} actions: all or nothing, and the next start works`, async () => {
  const database = await processDatabase({ migrated: true });
  databases.push(database);
  // A held upload whose import is queued, as the web leaves it after "Import".
  const system = await openSystem(await openDatabase(database.target));
  let uploadId: string;
  try {
    await system.jobs.start();
    const council = await system.people.createCouncil({ code: "CRASHIMP", name: "Crash Import Council" });
    const user = await system.people.createUser({ councilId: council.id, userId: null }, "system", {
      email: "lead@crash-import.example",
      displayName: "Crash Lead",
      roles: ["improvement_lead"],
      password: "crash test password 2026",
    });
    const person = { id: user.id, councilId: council.id, roles: ["improvement_lead" as const] };
    const held = await system.imports.holdUpload(person, { fileName: "plan.xlsx", bytes: await writeXlsx([generatedPlanTable(ROWS)]) });
    uploadId = held.id;
    assert.ok(await system.imports.queue(person, held.id, { dryRun: false, asOf: "2023-01-16", scheme: "four-state", title: "Crash plan" }));
  } finally {
    await system.close();
  }

  let server = start("src/server.ts", database);
  if (database.target.kind === "postgres") {
    // Killed while the job is saving: its progress says so (written beside the import's transaction).
    const db = await openDatabase(database.target);
    try {
      await waitFor(
        "the import to be saving",
        async () => {
          if (server.child.exitCode !== null) throw new Error(`The server stopped: ${server.output()}`);
          const { rows } = await db.ownerPool().query("select state, phase, done, total from import_upload where id = $1", [uploadId]);
          const row = rows[0];
          if (row?.state === "done") throw new Error("The import finished before the test could kill it: make the file larger");
          // Half-way through saving: far from its commit.
          return row?.phase === "saving" && row.done < row.total / 2 ? true : undefined;
        },
        300,
        20,
      );
    } finally {
      await db.close();
    }
  } else {
    // The embedded database has one user, the server: killed once it has been running a moment
    // (whether the import had finished is read afterwards; both outcomes must be whole).
    await waitFor("the server to start", () => {
      if (server.child.exitCode !== null) throw new Error(`The server stopped: ${server.output()}`);
      return /is running on/.test(server.output()) ? true : undefined;
    });
    await new Promise((resolve) => setTimeout(resolve, 1500));
  }
  await killHard(server);

  const actions = await count(database, "select count(*)::int as n from plan_action");
  const plans = await count(database, "select count(*)::int as n from plan");
  // One transaction: nothing, or every action of the file in its one plan.
  assert.ok((plans === 0 && actions === 0) || (plans === 1 && actions === ROWS), `half-saved: ${plans} plans, ${actions} actions`);
  if (database.target.kind === "postgres") assert.equal(plans, 0, "killed mid-import: nothing saved");

  // The next start works on the same database and does not run the killed import again by itself.
  server = start("src/server.ts", database);
  await waitFor("the server to start again", () => {
    if (server.child.exitCode !== null) throw new Error(`The server did not start again: ${server.output()}`);
    return /is running on/.test(server.output()) ? true : undefined;
  });
  await new Promise((resolve) => setTimeout(resolve, 3000));
  server.child.kill("SIGTERM");
  assert.equal(await server.exited, 0, server.output());
  assert.equal(await count(database, "select count(*)::int as n from plan"), plans, "the import did not run again");
  assert.equal(await count(database, "select count(*)::int as n from plan_action"), actions);
  assert.equal(await count(database, "select count(*)::int as n from council where code = 'CRASHIMP'"), 1, "the data is there");
  console.log(`${database.target.kind}: killed ${plans ? "after the import committed" : "mid-import"} (${actions} actions saved)`);
});

test("kill -9 of `send-oversight migrate` mid-way: no migration or all of them, and the next start brings the database up to date", async () => {
  const database = await processDatabase({ migrated: false });
  databases.push(database);
  const migrate = start("bin/send-oversight.js", database, ["migrate"]);
  if (database.target.kind === "postgres") {
    // Kysely holds an advisory lock while it migrates: kill once it has it.
    const url = new URL(database.target.url);
    const admin = await openDatabase({ kind: "postgres", url: process.env.DATABASE_URL as string });
    try {
      await waitFor(
        "the migration to start",
        async () => {
          if (migrate.child.exitCode !== null) throw new Error(`migrate ended first: ${migrate.output()}`);
          const { rows } = await admin
            .ownerPool()
            .query("select 1 from pg_locks l join pg_database d on d.oid = l.database where l.locktype = 'advisory' and d.datname = $1", [
              url.pathname.slice(1),
            ]);
          return rows.length ? true : undefined;
        },
        120,
        20,
      );
    } finally {
      await admin.close();
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  } else {
    // Killed once the data folder has its first files: PGlite is still building or migrating it.
    const made = () => (fs.readdirSync(database.env.DATA_DIR as string).includes("pgdata") ? true : undefined);
    await waitFor("the data folder to be made", made, 120, 20);
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
  await killHard(migrate);

  // The database opens (the embedded folder is not corrupted) and holds none or all of the migrations.
  const db = await openDatabase(database.target);
  let applied: number;
  let pending: number;
  try {
    const status = await migrationStatus(new Kysely<unknown>({ dialect: new PostgresDialect({ pool: db.ownerPool() }) }));
    applied = status.applied;
    pending = status.pending.length;
  } catch (error) {
    // Killed before Kysely made its own table: nothing was migrated.
    if (!/kysely_migration/.test((error as Error).message)) throw error;
    applied = 0;
    pending = -1;
  } finally {
    await db.close();
  }
  assert.ok(applied === 0 || pending === 0, `half-migrated: ${applied} applied, ${pending} pending`);

  // The next start migrates the rest and the database works.
  const system = await openSystem(await openDatabase(database.target));
  try {
    const council = await system.people.createCouncil({ code: "CRASHMIG", name: "Crash Migration Council" });
    assert.ok(council.id, "the migrated database takes a council");
  } finally {
    await system.close();
  }
  console.log(`${database.target.kind}: migrate killed with ${applied} migrations applied`);
});
