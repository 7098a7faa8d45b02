// Backup and restore of the embedded database, and the move of an embedded installation into
// another database (PostgreSQL in CI's PostgreSQL run, a fresh embedded one otherwise): every
// table's count and a sample of records are equal, people can still sign in, bad input saves nothing.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { sql } from "kysely";
import { openSystem } from "../../composition.ts";
import { embeddedDataPath, openDatabase } from "../../platform/db.ts";
import { DatabaseLockedError, InvalidInput } from "../../platform/errors.ts";
import { openTestDatabase } from "../../platform/testing/test-database.ts";
import { readAs } from "../../platform/transaction.ts";
import { checkPassword, findPasswordSalt } from "../access/access.repository.ts";
import { hashWithStoredSalt } from "../access/access.service.ts";
import { DEMO_PASSWORD, seedDemo } from "../demo/demo.seed.ts";
import { backupEmbedded, countTables, moveToPostgres, restoreEmbedded } from "./installation.service.ts";

describe("backup, restore and move to PostgreSQL", () => {
  let folder: string;
  let dataDir: string;
  let original: Awaited<ReturnType<typeof countTables>>;

  /** What a person sees of the demo council: its plans' titles and statuses, and its children's records. */
  const sample = async (
    database: Awaited<ReturnType<typeof openDatabase>>,
    then?: (system: Awaited<ReturnType<typeof openSystem>>) => Promise<void>,
  ) => {
    const system = await openSystem(database);
    const councilId = (await system.people.councilIdForCode("DEMO")) as string;
    const actor = { councilId, userId: null };
    const plans = (await system.plans.listPlansAs(actor)).map((p) => [p.title, p.state]).sort();
    const records = await readAs(system.db, actor, async (trx) =>
      (await trx.selectFrom("child_case").select(["id", "record"]).orderBy("id").execute()).map((r) => JSON.stringify(r.record)),
    );
    // The measures' totals, kept by triggers as facts are written: a copy must not add them twice.
    const totals = await readAs(
      system.db,
      actor,
      async (trx) =>
        (
          await sql<{ totals: string }>`SELECT concat_ws(' ',
          (SELECT sum(total) || '/' || sum(counted) FROM measure_fact_day), (SELECT sum(in_force) FROM measure_span_day),
          (SELECT sum(total) FROM measure_fact_month), (SELECT sum(delta) FROM measure_caseload_month)) AS totals`.execute(trx)
        ).rows[0]?.totals,
    );
    const salt = await findPasswordSalt(system.db, "manager@demo-borough.example");
    const signsIn = !!(await checkPassword(system.db, "manager@demo-borough.example", await hashWithStoredSalt(DEMO_PASSWORD, salt), {}));
    await then?.(system);
    await system.close();
    return { plans, records, totals, signsIn };
  };

  before(async () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), "send-oversight-installation-"));
    dataDir = path.join(folder, "data");
    const system = await openSystem(await openDatabase({ kind: "pglite", dataDir }));
    await seedDemo(system, { caseload: 12 });
    await system.close();
    const database = await openDatabase({ kind: "pglite", dataDir });
    original = await countTables(database.ownerPool());
    await database.close();
  });
  after(() => fs.rmSync(folder, { recursive: true, force: true }));

  test("a backup reads back the same; restored into a new folder, every table and record is as it was", async () => {
    const file = path.join(folder, "backup.tar.gz");
    const made = await backupEmbedded(dataDir, file);
    assert.equal(
      made.rows,
      original.reduce((sum, c) => sum + c.rows, 0),
    );
    assert.ok(made.rows > 500 && made.bytes > 0);
    const restored = path.join(folder, "restored");
    const result = await restoreEmbedded(file, restored);
    assert.deepEqual([result.tables, result.rows], [made.tables, made.rows]);
    const before = await sample(await openDatabase({ kind: "pglite", dataDir }));
    const after = await sample(await openDatabase({ kind: "pglite", dataDir: restored }));
    assert.deepEqual(after, before);
    assert.equal(after.signsIn, true);
    assert.ok(after.records.length >= 12);
  });

  test("restore refuses a folder that holds a database, and a file that is not a backup leaves nothing behind", async () => {
    const file = path.join(folder, "backup.tar.gz");
    await assert.rejects(
      restoreEmbedded(file, dataDir),
      (e: unknown) => e instanceof InvalidInput && /already holds a database/.test(e.problems[0]?.message ?? ""),
    );
    const junk = path.join(folder, "junk.tar.gz");
    fs.writeFileSync(junk, Buffer.from("this is not a backup at all, just words"));
    const empty = path.join(folder, "empty");
    await assert.rejects(
      restoreEmbedded(junk, empty),
      (e: unknown) => e instanceof InvalidInput && /is not a backup made by send-oversight backup/.test(e.problems[0]?.message ?? ""),
    );
    assert.equal(fs.existsSync(embeddedDataPath(empty)), false, "nothing half-restored");
    await assert.rejects(
      restoreEmbedded(path.join(folder, "missing.tar.gz"), empty),
      (e: unknown) => e instanceof InvalidInput && /cannot be read/.test(e.problems[0]?.message ?? ""),
    );
  });

  test("a backup is refused while a server holds the data folder", async () => {
    const held = await openDatabase({ kind: "pglite", dataDir });
    try {
      await assert.rejects(backupEmbedded(dataDir, path.join(folder, "busy.tar.gz")), DatabaseLockedError);
      assert.equal(fs.existsSync(path.join(folder, "busy.tar.gz")), false);
    } finally {
      await held.close();
    }
  });

  test("move: every table's count and a sample of records equal, people sign in; a database that holds data is refused", async () => {
    const target = await openTestDatabase();
    try {
      const source = await openDatabase({ kind: "pglite", dataDir });
      const moved = await moveToPostgres(source, target.database).finally(() => source.close());
      assert.deepEqual(
        moved.tables.filter((t) => t.rows > 0),
        original.filter((t) => t.rows > 0),
      );
      assert.deepEqual(moved.skipped, []);
      // A second move into the same database is refused: it holds data now.
      const again = await openDatabase({ kind: "pglite", dataDir });
      await assert.rejects(
        moveToPostgres(again, target.database).finally(() => again.close()),
        (e: unknown) => e instanceof InvalidInput && /already holds data/.test(e.problems[0]?.message ?? ""),
      );
      const before = await sample(await openDatabase({ kind: "pglite", dataDir }));
      // Rows written after the move take identities past the copied ones (a new council writes an audit row).
      const after = await sample(target.database, async (system) => {
        await system.people.createCouncil({ code: "AFTER", name: "A council set up after the move" });
      });
      assert.deepEqual(after, before);
      assert.equal(after.signsIn, true);
    } finally {
      await target.close();
    }
  });
});
