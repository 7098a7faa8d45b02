// Benchmark (issue 15): working out every reminder for a Kent-size council: 25,000 cases, each
// given an open advice request by email (more than a real council has open at once, so an upper
// bound), due dates spread from 20 days ago to 40 days ahead so that reminders before the due
// date, on the day, late and escalated all fall due. Times the daily job (`queueDaily`: every link
// read, its reminders worked out with the bank-holiday calendar, each new one written to the outbox
// with its send job; review invitations and the weekly digests worked out from the records and the
// worklists): its first run, which catches up on every link at once; a second run the same day
// (everything already written: nothing new); and the next day's run, a council's usual day.
// Target: under 10 s on PostgreSQL. Uses DATABASE_URL when set, otherwise PGlite, and says which.
//   DATABASE_URL=postgres://... npx tsx bench/reminders.ts [cases]
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import { openSystem } from "../src/composition.ts";
import { addDays } from "../src/domain/dates.ts";
import * as notifications from "../src/modules/notifications/notifications.repository.ts";
import { openTestDatabase } from "../src/platform/testing/test-database.ts";
import { readAs } from "../src/platform/transaction.ts";

const CASES = Number(process.argv[2] ?? 25_000);
const TODAY = "2026-12-07";

const testDb = await openTestDatabase();
let today = TODAY;
const system = await openSystem(testDb.database, { today: () => today });
try {
  // The send jobs are written with the messages (pg-boss's tables); no worker sends them here.
  await system.jobs.start();
  const council = await system.people.createCouncil({ code: "KENTMSG", name: "Kent-size Council" });
  const actor = { councilId: council.id, userId: null };
  for (let i = 0; i < 20; i++)
    await system.people.createUser(actor, "system", {
      email: `cw${i}@kent.example`,
      displayName: `Caseworker ${i + 1}`,
      password: "benchmark password",
      roles: i < 2 ? "send_manager" : "caseworker",
    });
  let started = performance.now();
  // About 1.2 cases per plan from the generator; then exactly CASES are given a link.
  await system.cases.generateCaseload(actor, { plans: Math.ceil(CASES / 1.15), seed: 2026 });
  const caseIds = await readAs(system.db, actor, async (trx) =>
    (await trx.selectFrom("child_case").select("id").orderBy("id").limit(CASES).execute()).map((c) => c.id),
  );
  for (let from = 0; from < caseIds.length; from += 1000)
    await readAs(system.db, actor, async (trx) => {
      for (const [i, caseId] of caseIds.slice(from, from + 1000).entries()) {
        const n = from + i;
        const due = addDays(TODAY, (n % 61) - 20);
        await notifications.insertAdviceLink(trx, {
          councilId: council.id,
          caseId,
          requestId: "bench",
          adviceIndex: 0,
          reference: `ADV-${n.toString(16).toUpperCase().padStart(8, "0")}`,
          recipient: `professional${n}@health.example`,
          service: "Health",
          due,
          tokenHash: randomBytes(32).toString("hex"),
          expiresAt: new Date(`${addDays(due, 14)}T23:59:59Z`),
        });
      }
    });
  console.log(`Database: ${testDb.kind === "postgres" ? "PostgreSQL" : "PGlite (set DATABASE_URL for the PostgreSQL figure)"}`);
  console.log(
    `${caseIds.length.toLocaleString("en-GB")} cases with an open advice link, loaded in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  started = performance.now();
  const queued = await system.reminders.queueDaily(actor);
  const first = (performance.now() - started) / 1000;
  started = performance.now();
  const again = await system.reminders.queueDaily(actor);
  const second = (performance.now() - started) / 1000;
  // The next day: what a day's run writes once the council is up to date. The worklists' refresh
  // (every 15 minutes, from midnight) has worked the cases out for the new day before 07:00, so it
  // is timed on its own; the daily job then finds nothing stale.
  today = addDays(TODAY, 1);
  started = performance.now();
  const refreshed = await system.cases.refreshStale(actor);
  console.log(
    `The worklists' refresh for the new day (before the job): ${refreshed.toLocaleString("en-GB")} cases in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  started = performance.now();
  const nextDay = await system.reminders.queueDaily(actor);
  const third = (performance.now() - started) / 1000;
  console.log(
    `First run (every link at once, catching up): ${queued.toLocaleString("en-GB")} written in ${first.toFixed(2)} s; the same day again: ${again} new in ${second.toFixed(2)} s`,
  );
  console.log(
    `The next day: ${nextDay.toLocaleString("en-GB")} written in ${third.toFixed(2)} s (target under 10 s: ${third < 10 ? "met" : "NOT met"})`,
  );
} finally {
  await system.close();
  await testDb.close();
}
