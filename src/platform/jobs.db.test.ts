// Jobs are enqueued inside the business transaction: a rolled-back change leaves no job.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { CompiledQuery, type Kysely, sql } from "kysely";
import { openSystem } from "../composition.ts";
import type { DB } from "./db-types.ts";
import { createJobs } from "./jobs.ts";
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

  test("stopping waits for pg-boss to record a finished job, so the database can close straight after", async () => {
    // Once the job has run, every query of this queue waits 300 ms before it reaches the database, as on a busy server.
    let slow = false;
    const busy = {
      executeQuery: async (query: CompiledQuery) => {
        if (slow) await new Promise((resolve) => setTimeout(resolve, 300));
        return system.db.executeQuery(query);
      },
    } as Kysely<DB>;
    const jobs = createJobs(busy);
    await jobs.start();
    let finished: () => void = () => {};
    const done = new Promise<void>((resolve) => {
      finished = resolve;
    });
    await jobs.work("notifications.sweep", async () => {
      slow = true;
      finished();
    });
    const id = await changeAs(system.db, { councilId, userId: null }, async (trx) => {
      const id = String(await jobs.enqueue(trx, "notifications.sweep", {}));
      return { result: id, audit: { action: "test.enqueued", subjectType: "job", subjectId: id } };
    });
    jobs.nudge("notifications.sweep");
    await done;
    // pg-boss 10 marks the job done without awaiting that query; stop() must still wait for it.
    await jobs.stop();
    const state = await sql<{ state: string }>`select state from pgboss.job where id = ${id}`.execute(system.db);
    assert.equal(state.rows[0]?.state, "completed");
  });

  test("stopping while a worker fetches waits for the job it fetched, so nothing touches the database afterwards", async () => {
    // Every query waits 300 ms once the job exists, so stop() is called while the worker's fetch is on its way.
    let slow = false;
    let fetching: () => void = () => {};
    const fetchStarted = new Promise<void>((resolve) => {
      fetching = resolve;
    });
    const busy = {
      executeQuery: async (query: CompiledQuery) => {
        if (slow) {
          if (/skip locked/i.test(query.sql)) fetching();
          await new Promise((resolve) => setTimeout(resolve, 300));
        }
        return system.db.executeQuery(query);
      },
    } as Kysely<DB>;
    const jobs = createJobs(busy);
    await jobs.start();
    const events: string[] = [];
    await jobs.work("worklists.refresh", async () => {
      events.push("job started");
      await new Promise((resolve) => setTimeout(resolve, 200));
      await busy.executeQuery(CompiledQuery.raw("select 1"));
      events.push("job finished");
    });
    await changeAs(system.db, { councilId, userId: null }, async (trx) => {
      const id = String(await jobs.enqueue(trx, "worklists.refresh", {}));
      return { result: id, audit: { action: "test.enqueued", subjectType: "job", subjectId: id } };
    });
    slow = true;
    jobs.nudge("worklists.refresh");
    await fetchStarted;
    await jobs.stop();
    events.push("stopped");
    // Long enough for a job fetched before the stop to have run, had stop() not waited for it.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.deepEqual(events, ["job started", "job finished", "stopped"]);
  });
});
