// Two web processes and one worker on one PostgreSQL (issue 14 part 4): all three keep time and
// work the queues (the web processes with RUN_JOBS left on, as two `npm start` on two machines
// would, beside `npm run worker`), the schedules set to fire every minute. The worklists' refresh,
// the daily reminders and the sweep each run once in their slot, however many processes keep time
// (counted in pg-boss's job table); one web process killed with SIGKILL mid-batch loses nothing
// (every message arrives: the sweep takes back the one it held), and every other message is
// claimed once (counted in the outbox).
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { openSystem } from "./composition.ts";
import { logSender, smtpSender } from "./modules/notifications/notifications.channels.ts";
import { startSmtpSink } from "./modules/notifications/testing/smtp-sink.ts";
import { openDatabase } from "./platform/db.ts";
import { killHard, type ProcessDatabase, processDatabase, type RunningProcess, startProcess, waitFor } from "./platform/testing/processes.ts";
import { changeAs } from "./platform/transaction.ts";

const COUNT = 300;
const SCHEDULED = ["worklists.refresh", "notifications.daily", "notifications.sweep"];

describe("two web processes and a worker on one PostgreSQL", {
  skip: process.env.DATABASE_URL ? false : "PostgreSQL only (set DATABASE_URL): the embedded database runs in one process",
}, () => {
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  let database: ProcessDatabase;
  const processes: RunningProcess[] = [];

  before(async () => {
    smtp = await startSmtpSink();
    database = await processDatabase({ migrated: false });
    const system = await openSystem(await openDatabase(database.target), {
      senders: { log: logSender, smtp: smtpSender(smtp.config), notify: logSender },
    });
    try {
      await system.jobs.start();
      const council = await system.people.createCouncil({ code: "CRASHPROC", name: "Crash Processes Council" });
      const actor = { councilId: council.id, userId: null };
      const user = await system.people.createUser(actor, "system", {
        email: "manager@crash-processes.example",
        displayName: "Crash Manager",
        roles: ["send_manager"],
        password: "crash test password 2026",
      });
      await system.notifications.saveChannels({ id: user.id, councilId: council.id, roles: ["send_manager"] }, { "channel-actionOverdue": "smtp" });
      await changeAs(system.db, actor, async (trx) => {
        const wording = await system.notifications.wording(trx);
        for (let i = 0; i < COUNT; i++)
          await system.notifications.queue(
            trx,
            council.id,
            {
              kind: "actionOverdue",
              key: `processes:${i}`,
              recipient: `lead${i}@crash-processes.example`,
              values: { actionNumber: String(i), dueDate: "1 December 2026", actionLink: "https://send.example/actions/1" },
            },
            wording,
          );
        return { result: null, audit: { action: "test.outbox", subjectType: "council", subjectId: council.id } };
      });
    } finally {
      await system.close();
    }
  });

  after(async () => {
    for (const p of processes) await killHard(p);
    await smtp?.close();
    await database?.remove();
  });

  test("the schedules run once each, nothing runs twice, and a web process killed mid-batch loses nothing", async () => {
    const env = {
      ...database.env,
      SEED_DEMO: "false",
      PORT: "0",
      WEB_PROCESSES: "1",
      SMTP_HOST: "127.0.0.1",
      SMTP_PORT: String(smtp.port),
      SMTP_TLS: "none",
      SMTP_FROM: "send@council.example",
      MESSAGES_RECLAIM_SECONDS: "2",
      WORKLIST_REFRESH_CRON: "* * * * *",
      MESSAGES_DAILY_CRON: "* * * * *",
      MESSAGES_SWEEP_CRON: "* * * * *",
    };
    const [webA, webB, worker] = [startProcess("src/server.ts", env), startProcess("src/server.ts", env), startProcess("src/worker.ts", env)];
    processes.push(webA, webB, worker);
    const alive = () => {
      for (const p of processes.filter((x) => x !== webA)) if (p.child.exitCode !== null) throw new Error(`A process stopped: ${p.output()}`);
    };
    await waitFor(
      "a third of the messages to arrive",
      () => {
        alive();
        return smtp.distinct().size >= COUNT / 3 ? true : undefined;
      },
      600,
    );
    await killHard(webA);

    const db = await openDatabase(database.target);
    try {
      await waitFor(
        "every message to be sent",
        async () => {
          alive();
          const { rows } = await db.ownerPool().query("select 1 from outbox_message where state <> 'sent' limit 1");
          return rows.length === 0 && smtp.distinct().size === COUNT ? true : undefined;
        },
        600,
        500,
      );
      await waitFor(
        "each schedule to have run",
        async () => {
          alive();
          const { rows } = await db
            .ownerPool()
            .query("select distinct name from pgboss.job where name = any($1) and state = 'completed'", [SCHEDULED]);
          return rows.length === SCHEDULED.length ? true : undefined;
        },
        600,
        1000,
      );
      // Once per slot, and each job run once (a job run again by pg-boss counts a retry).
      const { rows: jobs } = await db.ownerPool().query<{ name: string; slot: string; jobs: number; retries: number; states: string[] }>(
        `select name, singleton_on::text as slot, count(*)::int as jobs, sum(retry_count)::int as retries, array_agg(distinct state::text) as states
           from pgboss.job where name = any($1) and started_on is not null group by name, singleton_on`,
        [SCHEDULED],
      );
      for (const j of jobs) {
        assert.equal(j.jobs, 1, `${j.name} ran ${j.jobs} times in the slot from ${j.slot}`);
        assert.equal(j.retries, 0, `${j.name} was run again`);
      }
      // Every message claimed once, but the one web A may have held when it was killed.
      const { rows: messages } = await db
        .ownerPool()
        .query<{ key: string; attempts: number }>("select idempotency_key as key, attempts from outbox_message where attempts <> 1");
      assert.ok(messages.length <= 1, `claimed more than once: ${messages.map((m) => m.key).join(", ")}`);
      assert.ok(smtp.inbox.length - COUNT <= messages.length, `${smtp.inbox.length - COUNT} repeats beyond the ${messages.length} taken back`);
      console.log(
        `schedules: ${jobs.map((j) => `${j.name} ${j.jobs}`).join(", ")}; ${COUNT} messages, ${smtp.inbox.length} deliveries, ${messages.length} taken back from the killed process`,
      );
    } finally {
      await db.close();
    }
    for (const p of [webB, worker]) p.child.kill("SIGTERM");
    for (const p of [webB, worker]) assert.equal(await p.exited, 0, p.output());
  });
});
