// Issue 12: one council's imports run one at a time, and never hold up another council's. A job
// whose council is busy leaves its upload queued (the page says what it waits for) and asks again
// later; an import that ends queues its council's next one at once; a holder whose process died
// does not keep the turn for ever.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "kysely";
import { SOUTHEND_SHEET_DATE, southendTables, writeXlsx } from "../../../scripts/fixtures/make-import-fixtures.ts";
import { maxRunningImports, openSystem } from "../../composition.ts";
import { openTestDatabase, type TestDatabase } from "../../platform/testing/test-database.ts";
import { bookkeepAs, readAs } from "../../platform/transaction.ts";
import * as repository from "./imports.repository.ts";
import { BUSY_RETRY_SECONDS, IMPORT_QUEUE, ImportsService } from "./imports.service.ts";

type Person = { id: string; councilId: string; roles: ["improvement_lead"] };

describe("imports: one at a time per council", () => {
  let testDb: TestDatabase;
  let system: Awaited<ReturnType<typeof openSystem>>;
  let a: Person;
  let b: Person;
  let file: Buffer;
  const asSystem = (person: Person) => ({ councilId: person.councilId, userId: null });
  const state = async (person: Person, id: string) => (await system.imports.heldUpload(person, id))?.progress.state;
  /** The council's waiting jobs for an upload: whether each may start now, or later. */
  const jobsFor = (person: Person, uploadId: string) =>
    readAs(system.db, asSystem(person), async (trx) =>
      (
        await sql<{ later: boolean }>`select start_after > now() + make_interval(secs => ${BUSY_RETRY_SECONDS - 5}) as later
          from pgboss.job where name = ${IMPORT_QUEUE} and state = 'created' and data->>'uploadId' = ${uploadId} order by created_on`.execute(trx)
      ).rows.map((j) => (j.later ? "later" : "now")),
    );
  const queueCheck = async (person: Person, fileName: string) => {
    const held = await system.imports.holdUpload(person, { fileName, bytes: file });
    assert.equal(await system.imports.queue(person, held.id, { dryRun: true, asOf: SOUTHEND_SHEET_DATE, scheme: "four-state" }), true);
    return held.id;
  };

  before(async () => {
    testDb = await openTestDatabase();
    system = await openSystem(testDb.database);
    await system.jobs.start(); // jobs are queued for real; each test runs them itself
    const people: Person[] = [];
    for (const code of ["QUEUEA", "QUEUEB"]) {
      const council = await system.people.createCouncil({ code, name: `Council ${code}` });
      const user = await system.people.createUser({ councilId: council.id, userId: null }, "system", {
        email: `lead@${code.toLowerCase()}.example`,
        displayName: `Lead of ${code}`,
        roles: ["improvement_lead"],
        password: "a long enough password",
      });
      people.push({ id: user.id, councilId: council.id, roles: ["improvement_lead"] });
    }
    [a, b] = people as [Person, Person];
    file = await writeXlsx(southendTables());
  });
  after(async () => {
    await system.close();
    await testDb.close();
  });

  test("a second import of the same council waits for the first, and another council's does not", async () => {
    const first = await queueCheck(a, "first.xlsx");
    const second = await queueCheck(a, "second.xlsx");
    const other = await queueCheck(b, "other-council.xlsx");
    // The first one's job has started, as a worker in another process would start it.
    let claim = "";
    await bookkeepAs(system.db, asSystem(a), async (trx) => {
      claim = await repository.startUpload(trx, first);
    });
    assert.equal(claim, "started");

    await system.imports.runJob({ councilId: a.councilId, uploadId: second });
    assert.equal(await state(a, second), "queued", "the second waits while the first runs");
    const waiting = await system.imports.heldUpload(a, second);
    assert.deepEqual(waiting?.waitingFor, { fileName: "first.xlsx", requestedBy: "Lead of QUEUEA" });
    assert.equal(waiting?.waitingLong, false);
    // No worker runs in this test, so the job it was queued with is still there beside the new one.
    assert.deepEqual(await jobsFor(a, second), ["now", "later"], "its job asks again later, leaving the worker to others");

    await system.imports.runJob({ councilId: b.councilId, uploadId: other });
    assert.equal(await state(b, other), "done", "another council's import is not held up");
    assert.equal((await system.imports.heldUpload(b, other))?.waitingFor, undefined);

    // The first one's process died: after ten minutes without a word it no longer holds the turn.
    await readAs(system.db, asSystem(a), (trx) =>
      trx.updateTable("import_upload").set({ updated_at: sql`now() - interval '11 minutes'` }).where("id", "=", first).execute(),
    );
    await system.imports.runJob({ councilId: a.councilId, uploadId: second });
    assert.equal(await state(a, second), "done");
    assert.equal(await state(a, first), "failed");
  });

  test("an import that ends queues its council's next one to start now", async () => {
    const first = await queueCheck(a, "one.xlsx");
    const second = await queueCheck(a, "two.xlsx");
    assert.deepEqual(await jobsFor(a, second), ["now"]);
    await system.imports.runJob({ councilId: a.councilId, uploadId: first });
    assert.equal(await state(a, first), "done");
    assert.deepEqual(await jobsFor(a, second), ["now", "now"], "a job for the next one, not waiting for its retry");
    await system.imports.runJob({ councilId: a.councilId, uploadId: second });
    assert.equal(await state(a, second), "done");
  });

  test("the database holds a council to one running import, whatever a process does", async () => {
    const first = await queueCheck(a, "x.xlsx");
    const second = await queueCheck(a, "y.xlsx");
    await assert.rejects(
      readAs(system.db, asSystem(a), (trx) =>
        trx.updateTable("import_upload").set({ state: "running" }).where("id", "in", [first, second]).execute(),
      ),
      /import_upload_one_running_per_council/,
    );
  });

  test("imports running in all councils together keep to a cap, counted in the database (IMPORTS_MAX_RUNNING)", async () => {
    // A second process's service, with room for one import at a time in all councils.
    const capped = new ImportsService(system.db, system.plans, system.jobs, undefined, { maxRunning: 1 });
    const ofA = await queueCheck(a, "cap-a.xlsx");
    const ofB = await queueCheck(b, "cap-b.xlsx");
    let claim = "";
    await bookkeepAs(system.db, asSystem(a), async (trx) => {
      claim = await repository.startUpload(trx, ofA, 1);
    });
    assert.equal(claim, "started");
    await capped.runJob({ councilId: b.councilId, uploadId: ofB });
    assert.equal(await state(b, ofB), "queued", "another council's import waits while the cap is reached");
    assert.deepEqual(await jobsFor(b, ofB), ["now", "later"], "and asks again later");
    // When A's import ends, B's starts.
    await readAs(system.db, asSystem(a), (trx) => trx.updateTable("import_upload").set({ state: "done" }).where("id", "=", ofA).execute());
    await capped.runJob({ councilId: b.councilId, uploadId: ofB });
    assert.equal(await state(b, ofB), "done");
    assert.equal(maxRunningImports(undefined), 4);
    assert.equal(maxRunningImports("2"), 2);
    assert.throws(() => maxRunningImports("0"), /IMPORTS_MAX_RUNNING must be a whole number from 1/);
  });
});
