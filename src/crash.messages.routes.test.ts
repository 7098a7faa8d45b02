// Exactly once through kill -9 (issue 15): 1,000 messages to a real SMTP server (smtp-server) and
// 1,000 through the GOV.UK Notify fake, sent by a real process: `npm run worker` on PostgreSQL, or
// `npm start` owning the embedded data folder (PGlite has one user, so there the process that
// sends is the server). It is killed with SIGKILL mid-batch and started again on the same database.
// Every message arrives, and none twice, except the one a sender may have had in its hands when it
// died: the server took it but the outbox never heard, so it goes again after the reclaim window
// (shortened here by MESSAGES_RECLAIM_SECONDS) with the same Message-ID or reference, which the
// receivers here drop, as real ones can. The test names such a repeat and checks it is that case.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { openSystem } from "./composition.ts";
import { notifySender, smtpSender } from "./modules/notifications/notifications.channels.ts";
import { startNotifyFake } from "./modules/notifications/testing/notify-fake.ts";
import { startSmtpSink } from "./modules/notifications/testing/smtp-sink.ts";
import { openDatabase } from "./platform/db.ts";
import { killHard, type ProcessDatabase, processDatabase, type RunningProcess, startProcess, waitFor } from "./platform/testing/processes.ts";
import { changeAs } from "./platform/transaction.ts";

// 1,000 a channel on PostgreSQL; on the embedded database, where the server is the sender and a
// start costs seconds more, 100 a channel keep the file within CI's time (the same kill, the same checks).
const COUNT = Number(process.env.CRASH_TEST_COUNT ?? (process.env.DATABASE_URL ? 1000 : 100));
const TEMPLATE_ID = "3a0e6c1e-63c4-4a3e-9d7b-0b6f3c2a9e11";
const RECLAIM_SECONDS = 2;

let notify: Awaited<ReturnType<typeof startNotifyFake>>;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
let database: ProcessDatabase;
let sender: RunningProcess | undefined;

before(async () => {
  notify = await startNotifyFake({ templates: { [TEMPLATE_ID]: { subject: "((subject))", body: "((body))" } } });
  smtp = await startSmtpSink();
  database = await processDatabase({ migrated: true });
});

after(async () => {
  if (sender) await killHard(sender);
  await notify?.close();
  await smtp?.close();
  await database?.remove();
});

/** Two councils, one sending by SMTP and one by Notify, each with COUNT messages in its outbox. */
async function writeOutbox(): Promise<void> {
  const system = await openSystem(await openDatabase(database.target), {
    senders: {
      log: { configured: true, send: async () => ({ outcome: "sent", providerId: null, answer: "" }) },
      smtp: smtpSender(smtp.config),
      notify: notifySender({ apiKey: notify.apiKey, baseUrl: notify.baseUrl, templateId: TEMPLATE_ID, templateIds: {} }),
    },
  });
  try {
    await system.jobs.start();
    for (const channel of ["smtp", "notify"] as const) {
      const council = await system.people.createCouncil({ code: `CRASH${channel.toUpperCase()}`, name: `Crash ${channel} Council` });
      const actor = { councilId: council.id, userId: null };
      const user = await system.people.createUser(actor, "system", {
        email: `manager@${channel}.example`,
        displayName: "Crash Manager",
        roles: ["send_manager"],
        password: "crash test password 2026",
      });
      await system.notifications.saveChannels({ id: user.id, councilId: council.id, roles: ["send_manager"] }, { "channel-actionOverdue": channel });
      await changeAs(system.db, actor, async (trx) => {
        // The council's wording read once, as the daily job does for a batch.
        const wording = await system.notifications.wording(trx);
        for (let i = 0; i < COUNT; i++)
          await system.notifications.queue(
            trx,
            council.id,
            {
              kind: "actionOverdue",
              key: `crash:${channel}:${i}`,
              recipient: `lead${i}@${channel}.example`,
              values: { actionNumber: String(i), dueDate: "1 December 2026", actionLink: "https://send.example/actions/1" },
            },
            wording,
          );
        return { result: null, audit: { action: "test.outbox", subjectType: "council", subjectId: council.id } };
      });
    }
  } finally {
    await system.close();
  }
}

function startSender(): RunningProcess {
  const env = {
    ...database.env,
    SEED_DEMO: "false",
    PORT: "0",
    SMTP_HOST: "127.0.0.1",
    SMTP_PORT: String(smtp.port),
    SMTP_TLS: "none",
    SMTP_FROM: "send@council.example",
    NOTIFY_API_KEY: notify.apiKey,
    NOTIFY_BASE_URL: notify.baseUrl,
    NOTIFY_TEMPLATE_ID: TEMPLATE_ID,
    MESSAGES_RECLAIM_SECONDS: String(RECLAIM_SECONDS),
  };
  return database.target.kind === "postgres" ? startProcess("src/worker.ts", env) : startProcess("src/server.ts", env);
}

const delivered = () => smtp.distinct().size + notify.distinctReferences().size;
const deliveries = () => smtp.inbox.length + notify.messages.length;

test(`kill -9 of the sending process mid-batch: ${COUNT} by SMTP and ${COUNT} by Notify each arrive, none twice`, async () => {
  const started = performance.now();
  await writeOutbox();
  const wrote = performance.now();

  sender = startSender();
  // Mid-batch: some sent, most not.
  await waitFor(
    "two fifths of the messages to arrive",
    () => {
      if (sender?.child.exitCode !== null) throw new Error(`The sender stopped: ${sender?.output()}`);
      return delivered() >= (2 * COUNT) / 5 ? true : undefined;
    },
    600,
  );
  await killHard(sender);
  const atKill = { delivered: delivered(), deliveries: deliveries() };
  assert.ok(atKill.delivered < 2 * COUNT, "killed before the batch ended");

  // A moment for anything in flight to land, then the same command again on the same database.
  await new Promise((resolve) => setTimeout(resolve, 300));
  sender = startSender();
  await waitFor(
    "every message to arrive",
    () => {
      if (sender?.child.exitCode !== null) throw new Error(`The sender stopped: ${sender?.output()}`);
      return delivered() === 2 * COUNT ? true : undefined;
    },
    600,
  );
  // Then until nothing is left to send: on PostgreSQL the outbox says so; the embedded database has
  // one user (the server), so there until nothing more arrives for a while (a repeat would by then).
  if (database.target.kind === "postgres") {
    const db = await openDatabase(database.target);
    try {
      await waitFor("the outbox to settle", async () => {
        const { rows } = await db.ownerPool().query("select 1 from outbox_message where state in ('pending', 'sending') limit 1");
        return rows.length === 0 ? true : undefined;
      });
    } finally {
      await db.close();
    }
  }
  let last = -1;
  const quiet = () => {
    if (deliveries() === last) return true;
    last = deliveries();
    return undefined;
  };
  await waitFor("deliveries to stop", quiet, 60, (RECLAIM_SECONDS + 1) * 1000);
  sender.child.kill("SIGTERM");
  assert.equal(await sender.exited, 0, sender.output());
  const sent = performance.now();

  assert.equal(smtp.distinct().size, COUNT, "every SMTP message arrived");
  assert.equal(notify.distinctReferences().size, COUNT, "every Notify message arrived");
  assert.deepEqual(notify.refused, [], "Notify's checks refused nothing");

  // The outbox agrees, and the data folder opens again after the kill (embedded database).
  const db = await openDatabase(database.target);
  try {
    const { rows } = await db
      .ownerPool()
      .query<{ idempotency_key: string; state: string; attempts: number }>("select idempotency_key, state, attempts from outbox_message");
    assert.equal(rows.length, 2 * COUNT);
    assert.deepEqual([...new Set(rows.map((r) => r.state))], ["sent"]);
    const claimedAgain = rows.filter((r) => r.attempts > 1).map((r) => r.idempotency_key);
    // One job at a time per process: at most one message was in the sender's hands at the kill.
    assert.ok(claimedAgain.length <= 1, `claimed more than once: ${claimedAgain.join(", ")}`);
    const repeats = [
      ...smtp.inbox.filter((m, i) => smtp.inbox.findIndex((x) => x.messageId === m.messageId) !== i).map((m) => `smtp:${m.to}`),
      ...notify.messages.filter((m, i) => notify.messages.findIndex((x) => x.reference === m.reference) !== i).map((m) => m.reference ?? ""),
    ];
    // A repeat is only ever the message that was taken again after the kill, carrying its first Message-ID or reference.
    assert.ok(repeats.length <= claimedAgain.length, `repeats ${repeats.join(", ")} beyond the ${claimedAgain.length} claimed again`);
    for (const key of claimedAgain) assert.match(key, /^crash:(smtp|notify):\d+$/);
    console.log(
      `${database.target.kind}: outbox written in ${((wrote - started) / 1000).toFixed(1)} s; killed at ${atKill.delivered} of ${2 * COUNT}; ` +
        `all delivered ${((sent - wrote) / 1000).toFixed(1)} s after the first start; deliveries ${deliveries()}, repeats ${repeats.length}, claimed again ${claimedAgain.length}`,
    );
  } finally {
    await db.close();
  }
});
