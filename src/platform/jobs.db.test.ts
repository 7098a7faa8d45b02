// Jobs are enqueued inside the business transaction: a rolled-back change leaves no job.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { openSystem } from "../composition.ts";
import { openTestDatabase, type TestDatabase } from "./testing/test-database.ts";
import { changeAs } from "./transaction.ts";

describe("jobs", () => {
  let testDb: TestDatabase;
  let system: Awaited<ReturnType<typeof openSystem>>;
  let councilId: string;

  before(async () => {
    testDb = await openTestDatabase();
    system = await openSystem(testDb.database);
    councilId = (await system.people.createCouncil({ code: "JOB", name: "Jobs Council" })).id;
    await system.jobs.start();
  });
  after(async () => {
    await system.close();
    await testDb.close();
  });

  test("a job enqueued in a committed change runs; one in a rolled-back change never exists", async () => {
    const seen: unknown[] = [];
    let resolveSeen: () => void = () => {};
    const ran = new Promise<void>((resolve) => {
      resolveSeen = resolve;
    });
    await system.jobs.work("system.selfCheck", async (data) => {
      seen.push(data.marker);
      resolveSeen();
    });

    await assert.rejects(
      changeAs(system.db, { councilId, userId: null }, async (trx) => {
        await system.jobs.enqueue(trx, "system.selfCheck", { marker: "rolled back" });
        throw new Error("change failed");
      }),
    );
    await changeAs(system.db, { councilId, userId: null }, async (trx) => {
      const id = await system.jobs.enqueue(trx, "system.selfCheck", { marker: "committed" });
      assert.ok(id);
      return { result: id, audit: { action: "test.enqueued", subjectType: "job", subjectId: String(id) } };
    });

    await Promise.race([ran, new Promise((_, reject) => setTimeout(() => reject(new Error("the job did not run within 15 s")), 15_000))]);
    // Give the worker a moment to pick up anything else that (wrongly) exists.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.deepEqual(seen, ["committed"]);
    assert.equal(await system.jobs.healthy(), true);
  });
});
