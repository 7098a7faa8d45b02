// The worklists' refresh is a pg-boss schedule: two runners (two processes' job queues on one
// database, as two web processes or a web process and `npm run worker`) keep time and work the
// queue together, and the refresh runs once, not once per runner.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { openSystem } from "./composition.ts";
import { registerJobHandlers, WORKLIST_REFRESH_QUEUE } from "./jobs.ts";
import { createJobs } from "./platform/jobs.ts";
import { openTestDatabase } from "./platform/testing/test-database.ts";

// Fires at every minute, so the test need not wait for a quarter hour; one run per 10 minutes.
const EVERY_MINUTE = { cron: "* * * * *", tz: "Europe/London", slotSeconds: 600 };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function twoRunners(options: { refreshNow: boolean }) {
  // A slot that ends during the test would rightly allow a second run: start inside one.
  const intoSlot = (Date.now() / 1000) % EVERY_MINUTE.slotSeconds;
  if (intoSlot > EVERY_MINUTE.slotSeconds - 40) await sleep((EVERY_MINUTE.slotSeconds - intoSlot + 1) * 1000);
  const testDb = await openTestDatabase();
  const system = await openSystem(testDb.database);
  const runs: string[] = [];
  // Each runner is a job queue of its own (its own pg-boss, its own workers and time keeping) on
  // the one database, as in separate processes; the refresh it runs is the real one, counted.
  const runners = ["web", "worker"].map((name) => ({
    jobs: createJobs(system.db),
    imports: system.imports,
    notifications: system.notifications,
    reminders: system.reminders,
    cases: {
      refreshAllCouncils: async () => {
        runs.push(name);
        await system.cases.refreshAllCouncils();
      },
    },
  }));
  const stop = async () => {
    for (const runner of runners) await runner.jobs.stop();
    await system.close();
    await testDb.close();
  };
  try {
    for (const runner of runners) {
      await runner.jobs.start();
      await registerJobHandlers(runner, { refresh: EVERY_MINUTE, refreshNow: options.refreshNow });
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    runs,
    runners,
    async waitForRuns(atLeast: number, seconds: number) {
      for (let waited = 0; runs.length < atLeast && waited < seconds * 1000; waited += 250) await sleep(250);
    },
    stop,
  };
}

describe("the worklists' scheduled refresh", () => {
  test("the schedule alone fires it, and two runners run it once", async () => {
    const world = await twoRunners({ refreshNow: false });
    try {
      // pg-boss looks at its schedules once a minute (cronMonitorIntervalSeconds): its look at start
      // can come before the schedule is saved (seen on PostgreSQL), so the first send may be the
      // next minute's; it then goes through pg-boss's own queue (every 5 s) to ours.
      await world.waitForRuns(1, 90);
      assert.equal(world.runs.length, 1, "the schedule fired");
      // Long enough for a second runner, or a second look at the schedule, to send it again.
      await sleep(8000);
      assert.equal(world.runs.length, 1, `ran ${world.runs.length} times: ${world.runs.join(", ")}`);
    } finally {
      await world.stop();
    }
  });

  test("each runner asks for a refresh as it starts, and the schedule fires too: still once", async () => {
    const world = await twoRunners({ refreshNow: true });
    try {
      await world.waitForRuns(1, 30);
      await sleep(8000);
      assert.equal(world.runs.length, 1, `ran ${world.runs.length} times: ${world.runs.join(", ")}`);
      // A later slot runs it again: the limit is per slot, not for ever.
      const [runner] = world.runners;
      assert.equal(await runner?.jobs.sendOncePerSlot(WORKLIST_REFRESH_QUEUE, EVERY_MINUTE.slotSeconds), null);
      assert.ok(await runner?.jobs.sendOncePerSlot(WORKLIST_REFRESH_QUEUE, 1));
      await world.waitForRuns(2, 20);
      assert.equal(world.runs.length, 2);
    } finally {
      await world.stop();
    }
  });
});
