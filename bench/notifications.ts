// Benchmark (issue 15): messages sent through the GOV.UK Notify fake (every request's JWT and JSON
// checked, as in the tests) from the outbox, by one sender and by two at once; target 50 a second
// or more. Uses DATABASE_URL when set, otherwise PGlite, and says which.
//   DATABASE_URL=postgres://... npx tsx bench/notifications.ts [messages]
import { performance } from "node:perf_hooks";
import { openSystem } from "../src/composition.ts";
import { logSender, notifySender, smtpSender } from "../src/modules/notifications/notifications.channels.ts";
import { startNotifyFake } from "../src/modules/notifications/testing/notify-fake.ts";
import { startSmtpSink } from "../src/modules/notifications/testing/smtp-sink.ts";
import { openTestDatabase } from "../src/platform/testing/test-database.ts";
import { changeAs } from "../src/platform/transaction.ts";

const COUNT = Number(process.argv[2] ?? 1000);
const TEMPLATE_ID = "3a0e6c1e-63c4-4a3e-9d7b-0b6f3c2a9e11";
const notify = await startNotifyFake({ templates: { [TEMPLATE_ID]: { subject: "((subject))", body: "((body))" } } });
const smtp = await startSmtpSink();
const testDb = await openTestDatabase();
const system = await openSystem(testDb.database, {
  senders: {
    log: logSender,
    smtp: smtpSender(smtp.config),
    notify: notifySender({ apiKey: notify.apiKey, baseUrl: notify.baseUrl, templateId: TEMPLATE_ID, templateIds: {} }),
  },
});
try {
  await system.jobs.start();
  const council = await system.people.createCouncil({ code: "BENCHMSG", name: "Message Benchmark Council" });
  const actor = { councilId: council.id, userId: null };
  const user = await system.people.createUser(actor, "system", {
    email: "m@bench.example",
    displayName: "Bench Manager",
    roles: ["send_manager"],
    password: "benchmark password 2026",
  });
  const manager = { id: user.id, councilId: council.id, roles: ["send_manager" as const] };
  const queue = async (prefix: string) =>
    changeAs(system.db, actor, async (trx) => {
      const ids: string[] = [];
      for (let i = 0; i < COUNT; i++) {
        const id = await system.notifications.queue(trx, council.id, {
          kind: "actionOverdue",
          key: `${prefix}:${i}`,
          recipient: `lead${i}@bench.example`,
          values: { actionNumber: String(i), dueDate: "1 December 2026", actionLink: "https://x.example/actions/1" },
        });
        if (id) ids.push(id);
      }
      return { result: ids, audit: { action: "bench", subjectType: "council", subjectId: council.id } };
    });
  console.log(`Database: ${testDb.kind === "postgres" ? "PostgreSQL" : "PGlite (set DATABASE_URL for the PostgreSQL figure)"}`);
  for (const channel of ["notify", "smtp"] as const) {
    await system.notifications.saveChannels(manager, { "channel-actionOverdue": channel });
    for (const senders of [1, 2]) {
      const ids = await queue(`${channel}-${senders}`);
      const started = performance.now();
      // Each sender is handed every message, as a redelivered or duplicated job would be.
      await Promise.all(
        Array.from({ length: senders }, async () => {
          for (const messageId of ids) await system.notifications.runSend({ councilId: council.id, messageId });
        }),
      );
      const seconds = (performance.now() - started) / 1000;
      const delivered =
        channel === "notify"
          ? notify.messages.filter((m) => m.reference?.startsWith(`${channel}-${senders}:`)).length
          : smtp.inbox.filter((m) => m.subject.startsWith("Action ")).length;
      console.log(
        `${channel === "notify" ? "GOV.UK Notify fake" : "SMTP (smtp-server)"}, ${senders} sender${senders > 1 ? "s" : ""} given all ${COUNT.toLocaleString("en-GB")}: ${(COUNT / seconds).toFixed(0)} messages a second (${seconds.toFixed(2)} s); delivered ${delivered}${channel === "notify" ? `, refused by the fake ${notify.refused.length}` : ""}`,
      );
      if (channel === "smtp") smtp.inbox.length = 0;
    }
  }
} finally {
  await system.close();
  await testDb.close();
  await notify.close();
  await smtp.close();
}
