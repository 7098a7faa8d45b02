// The check and the import as jobs on a held upload: progress is told step by step and recorded
// outside the import's transaction, the outcome is kept for the page, a second press of Import
// queues nothing, a repeated delivery does nothing, and a refused import saves nothing.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "kysely";
import { generatedPlanTable, SOUTHEND_SHEET_DATE, southendTables, writeXlsx } from "../../../scripts/fixtures/make-import-fixtures.ts";
import { openSystem } from "../../composition.ts";
import { openTestDatabase, type TestDatabase } from "../../platform/testing/test-database.ts";
import { readAs } from "../../platform/transaction.ts";
import { IMPORT_QUEUE } from "./imports.service.ts";

describe("import jobs", () => {
  let testDb: TestDatabase;
  let system: Awaited<ReturnType<typeof openSystem>>;
  let person: { id: string; councilId: string; roles: ["improvement_lead"] };
  let file: Buffer;
  const system_ = () => ({ councilId: person.councilId, userId: null });
  const row = (id: string) =>
    readAs(system.db, system_(), (trx) =>
      trx.selectFrom("import_upload").select(["state", "phase", "done", "total", "outcome", "bytes"]).where("id", "=", id).executeTakeFirstOrThrow(),
    );
  const plans = () => readAs(system.db, system_(), async (trx) => (await trx.selectFrom("plan").select("id").execute()).length);
  const queued = () =>
    readAs(system.db, system_(), async (trx) =>
      (await sql<{ uploadId: string }>`select data->>'uploadId' as "uploadId" from pgboss.job where name = ${IMPORT_QUEUE}`.execute(trx)).rows.map(
        (j) => j.uploadId,
      ),
    );

  before(async () => {
    testDb = await openTestDatabase();
    system = await openSystem(testDb.database);
    // Jobs are queued for real, but no handler is registered: each test runs the job itself.
    await system.jobs.start();
    const council = await system.people.createCouncil({ code: "IMPJOB", name: "Import Jobs Council" });
    const user = await system.people.createUser({ councilId: council.id, userId: null }, "system", {
      email: "lead@import-jobs.example",
      displayName: "Imogen Lead",
      roles: ["improvement_lead"],
      password: "a long enough password",
    });
    person = { id: user.id, councilId: council.id, roles: ["improvement_lead"] };
    file = await writeXlsx(southendTables());
  });
  after(async () => {
    await system.close();
    await testDb.close();
  });

  test("progress is told in order: reading, checking every row, then the actions as each batch is saved", async () => {
    const told: [string, number, number][] = [];
    const long = await writeXlsx([generatedPlanTable(450)]);
    const report = await system.imports.importFile(
      system_(),
      "system",
      // The longest name an upload may have still makes a plan.
      { fileName: `${"long plan ".repeat(29)}.xlsx`, bytes: long, dryRun: false, asOf: "2023-01-16", title: "Told in order" },
      (...p) => told.push(p),
    );
    assert.ok(report.planId);
    assert.equal(report.created.actions, 450);
    assert.deepEqual(told.slice(0, 3), [
      ["reading", 0, 0],
      ["checking", 0, 451],
      ["checking", 451, 451],
    ]);
    const saved = told.slice(3);
    assert.ok(saved.length >= 3, `saved in several batches: ${JSON.stringify(saved)}`);
    assert.ok(
      saved.every(([phase, done, total], i) => phase === "saving" && total === 450 && done > (saved[i - 1]?.[1] ?? 0)),
      JSON.stringify(saved),
    );
    assert.deepEqual(saved.at(-1), ["saving", 450, 450]);
  });

  test("a check and then the import, each as a job: progress and outcome recorded, the file dropped after the import", async () => {
    const held = await system.imports.holdUpload(person, { fileName: "southend.xlsx", bytes: file });
    assert.equal(await system.imports.queue(person, held.id, { dryRun: true, asOf: SOUTHEND_SHEET_DATE, scheme: "four-state" }), true);
    assert.ok((await queued()).includes(held.id), "the job is in pg-boss's queue");
    assert.equal((await system.imports.heldUpload(person, held.id))?.progress.state, "queued");
    assert.equal(
      await system.imports.queue(person, held.id, { dryRun: false, asOf: SOUTHEND_SHEET_DATE, scheme: "four-state" }),
      false,
      "a second press while queued queues nothing",
    );

    await system.imports.runJob({ councilId: person.councilId, uploadId: held.id });
    const checked = await system.imports.heldUpload(person, held.id);
    assert.equal(checked?.progress.state, "done");
    assert.equal(checked?.outcome?.report.dryRun, true);
    assert.equal(checked?.outcome?.report.created.actions, 54);
    assert.equal(checked?.outcome?.mappings.length, 1);
    assert.equal(await plans(), 1, "a check saves nothing: the only plan is the first test's");
    // A check for a new plan saves nothing, so its last step is checking the rows; that was recorded before the outcome.
    const afterCheck = await row(held.id);
    assert.deepEqual([afterCheck.phase, afterCheck.done === afterCheck.total, afterCheck.total > 54], ["checking", true, true]);

    assert.equal(await system.imports.queue(person, held.id, { dryRun: false, asOf: SOUTHEND_SHEET_DATE, scheme: "four-state" }), true);
    await system.imports.runJob({ councilId: person.councilId, uploadId: held.id });
    await system.imports.runJob({ councilId: person.councilId, uploadId: held.id });
    assert.equal(await plans(), 2, "the same file on the same day makes a second plan; a repeated delivery of the job makes nothing");
    const imported = await row(held.id);
    assert.equal(imported.state, "done");
    assert.deepEqual([imported.phase, imported.done, imported.total], ["saving", 54, 54], "the last action's progress landed before the outcome");
    assert.equal(imported.bytes.length, 0);
    const planId = (imported.outcome as { report: { planId: string } }).report.planId;
    const audit = await readAs(system.db, system_(), (trx) =>
      trx.selectFrom("audit_event").select(["action", "actor_user_id", "subject_id"]).orderBy("id").execute(),
    );
    assert.ok(audit.some((a) => a.action === "plan.import.asked" && a.actor_user_id === person.id && a.subject_id === held.id));
    assert.ok(
      audit.some((a) => a.subject_id === planId && a.actor_user_id === person.id),
      "the plan's creation names who asked",
    );
    assert.equal(
      await system.imports.queue(person, held.id, { dryRun: false, asOf: SOUTHEND_SHEET_DATE }),
      false,
      "an imported file cannot be imported again",
    );
  });

  test("an import into a plan that is not there fails with that reason and saves nothing", async () => {
    const before = await plans();
    const held = await system.imports.holdUpload(person, { fileName: "southend.xlsx", bytes: file });
    const missing = "00000000-0000-4000-8000-000000000000";
    await system.imports.queue(person, held.id, { dryRun: false, asOf: SOUTHEND_SHEET_DATE, planId: missing });
    await system.imports.runJob({ councilId: person.councilId, uploadId: held.id });
    const failed = await system.imports.heldUpload(person, held.id);
    assert.equal(failed?.progress.state, "failed");
    assert.match(failed?.outcome?.report.problems[0]?.message ?? "", /^No plan ".*" in this council\. Nothing was saved/);
    assert.equal(await plans(), before);
    assert.ok((await row(held.id)).bytes.length > 0, "a failed import keeps the file, to try again");
  });

  test("a person who may not import cannot hold, queue or watch an upload", async () => {
    const councillor = { id: person.id, councilId: person.councilId, roles: ["councillor" as const] };
    await assert.rejects(system.imports.holdUpload(councillor, { fileName: "x.csv", bytes: Buffer.from("a,b") }), /import plans/);
    await assert.rejects(system.imports.heldUpload(councillor, "00000000-0000-4000-8000-000000000000"), /import plans/);
  });

  test("an upload stuck after a crash (its job gone, or silent for 10 minutes) can be tried again, and only then", async () => {
    const held = await system.imports.holdUpload(person, { fileName: "stuck.xlsx", bytes: file });
    assert.equal(await system.imports.queue(person, held.id, { dryRun: true, asOf: SOUTHEND_SHEET_DATE }), true);
    // Queued with its job waiting: not stuck, nothing to retry.
    assert.equal((await system.imports.heldUpload(person, held.id))?.stuck, false);
    assert.equal(await system.imports.retry(person, held.id), false);

    // The process dies while the job is running: the upload stays "running", and pg-boss later
    // gives the job up (here: it is removed).
    await readAs(system.db, system_(), async (trx) => {
      await trx.updateTable("import_upload").set({ state: "running", phase: "checking" }).where("id", "=", held.id).execute();
      await sql`delete from pgboss.job where name = ${IMPORT_QUEUE} and data->>'uploadId' = ${held.id}`.execute(trx);
    });
    const stuck = await system.imports.heldUpload(person, held.id);
    assert.equal(stuck?.stuck, true);
    assert.equal(stuck?.progress.state, "failed");
    assert.match(stuck?.outcome?.report.problems[0]?.message ?? "", /stopped before it finished/);
    // Asking again the ordinary way is still refused (a job might be working on it)...
    assert.equal(await system.imports.queue(person, held.id, { dryRun: true, asOf: SOUTHEND_SHEET_DATE }), false);
    // ...but a retry queues the same request as a new job, which then finishes.
    assert.equal(await system.imports.retry(person, held.id), true);
    assert.deepEqual(
      (await queued()).filter((id) => id === held.id),
      [held.id],
    );
    assert.equal((await row(held.id)).state, "queued");
    assert.equal(await system.imports.retry(person, held.id), false, "a second press queues nothing more");
    await system.imports.runJob({ councilId: person.councilId, uploadId: held.id });
    const done = await row(held.id);
    assert.equal(done.state, "done");
    const audited = await readAs(system.db, system_(), (trx) =>
      trx
        .selectFrom("audit_event")
        .select(["action", "before"])
        .where("action", "=", "plan.import.retried")
        .where("subject_id", "=", held.id)
        .execute(),
    );
    assert.deepEqual(audited, [{ action: "plan.import.retried", before: { state: "running", phase: "checking" } }]);
    // Finished: nothing to retry.
    assert.equal(await system.imports.retry(person, held.id), false);
  });

  test("a running upload whose job is alive but has recorded nothing for 10 minutes is stuck too", async () => {
    const held = await system.imports.holdUpload(person, { fileName: "silent.xlsx", bytes: file });
    assert.equal(await system.imports.queue(person, held.id, { dryRun: true, asOf: SOUTHEND_SHEET_DATE }), true);
    await readAs(system.db, system_(), (trx) =>
      trx.updateTable("import_upload").set({ state: "running", updated_at: sql`now() - interval '5 minutes'` }).where("id", "=", held.id).execute(),
    );
    assert.equal(await system.imports.retry(person, held.id), false, "five minutes of silence with a live job: still working");
    await readAs(system.db, system_(), (trx) =>
      trx.updateTable("import_upload").set({ updated_at: sql`now() - interval '11 minutes'` }).where("id", "=", held.id).execute(),
    );
    assert.equal(await system.imports.retry(person, held.id), true);
  });
});
