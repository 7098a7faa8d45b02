// Messages against a real database (PGlite), a real SMTP server (smtp-server) and a Notify fake that
// checks every request against Notify's published API: the outbox is written with the change or not
// at all; two senders never send one message twice; answers are recorded; reminders are once only;
// a link shows the professional what they need, records returned advice on the case, and then stops.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { openSystem } from "../../composition.ts";
import { addDays } from "../../domain/dates.ts";
import { KINDS, MESSAGE_KINDS } from "../../domain/notifications/templates.ts";
import type { Role } from "../../domain/roles.ts";
import { InvalidInput, NotAllowed } from "../../platform/errors.ts";
import { openTestDatabase, type TestDatabase } from "../../platform/testing/test-database.ts";
import { changeAs, readAs } from "../../platform/transaction.ts";
import { seedDemo } from "../demo/demo.seed.ts";
import { LinkRateLimited, LinkRefused, WRONG_TOKEN_LIMIT } from "./advice-links.service.ts";
import { logSender, notifySender, type Senders, smtpSender } from "./notifications.channels.ts";
import * as repository from "./notifications.repository.ts";
import { startNotifyFake } from "./testing/notify-fake.ts";
import { startSmtpSink } from "./testing/smtp-sink.ts";

const TEMPLATE_ID = "f33517ff-2a88-4f6e-b855-c550268ce08a";

describe("messages", () => {
  let testDb: TestDatabase;
  let system: Awaited<ReturnType<typeof openSystem>>;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  let notify: Awaited<ReturnType<typeof startNotifyFake>>;
  let councilId: string;
  let caseworkerId: string;
  let managerId: string;
  let today = "2026-12-07";
  const as = (id: string, roles: Role[]) => ({ id, councilId, roles });
  const caseworker = () => as(caseworkerId, ["caseworker"]);
  const manager = () => as(managerId, ["send_manager"]);
  const read = <T>(work: Parameters<typeof readAs<T>>[2]) => readAs(system.db, { councilId, userId: null }, work);
  const messages = () => read((trx) => trx.selectFrom("outbox_message").selectAll().orderBy("created_at").execute());
  const links: Record<string, string> = {};

  before(async () => {
    smtp = await startSmtpSink({ refuse: (to) => (to.startsWith("refused@") ? 550 : to.startsWith("busy@") ? 451 : undefined) });
    notify = await startNotifyFake({ templates: { [TEMPLATE_ID]: { subject: "((subject))", body: "((body))" } } });
    const senders: Senders = {
      log: logSender,
      smtp: smtpSender(smtp.config),
      notify: notifySender({ apiKey: notify.apiKey, baseUrl: notify.baseUrl, templateId: TEMPLATE_ID, templateIds: {} }),
    };
    testDb = await openTestDatabase();
    system = await openSystem(testDb.database, { today: () => today, senders, publicBaseUrl: "https://send.example.gov.uk" });
    await system.jobs.start();
    await seedDemo(system, { caseload: 0 });
    councilId = (await system.people.councilIdForCode("DEMO")) as string;
    const id = (email: string) =>
      readAs(system.db, { councilId, userId: null }, (trx) =>
        trx.selectFrom("app_user").select("id").where("email", "=", email).executeTakeFirstOrThrow(),
      ).then((r) => r.id);
    caseworkerId = await id("caseworker@demo-borough.example");
    managerId = await id("manager@demo-borough.example");
  });
  after(async () => {
    await system.close();
    await testDb.close();
    await smtp.close();
    await notify.close();
  });

  /** A child with a request for assessment, as the case forms record them. */
  async function newCase(firstName = "Ada", lastName = "Outboxtest") {
    const { id } = await system.cases.createCase(caseworker(), {
      firstName,
      lastName,
      "dateOfBirth-day": "3",
      "dateOfBirth-month": "4",
      "dateOfBirth-year": "2016",
      sex: "F",
      primaryNeed: "ASD",
      upn: "B801200005001",
    });
    await system.cases.recordEvent(caseworker(), id, "requestReceived", { received: "2026-11-30", requestedBy: "parent" });
    return id;
  }

  /** Asks for advice with an address; returns the link token from the message written. */
  async function askAdvice(caseId: string, email: string) {
    await system.cases.recordEvent(caseworker(), caseId, "adviceRequested", { service: "health", received: "2026-12-01", email });
    const message = (await messages()).filter((m) => m.case_id === caseId && m.kind === "adviceRequest").at(-1);
    assert.ok(message, "an advice request message is written with the event");
    const token = message.body.match(/\/advice\/([A-Za-z0-9_-]{43})/)?.[1];
    assert.ok(token, "the message carries the link");
    return { message, token };
  }

  test("asking for advice writes the message, the link and its send job in the event's transaction; a refused event writes none", async () => {
    const caseId = await newCase();
    const before = (await messages()).length;
    await assert.rejects(
      system.cases.recordEvent(caseworker(), caseId, "adviceRequested", { service: "health", received: "2026-12-01", email: "not an address" }),
      (e: unknown) => e instanceof InvalidInput && e.problems.some((p) => p.field === "email"),
    );
    assert.equal((await messages()).length, before, "nothing written for a refused event");

    const { message, token } = await askAdvice(caseId, "Paediatrics@Health.example");
    links.first = token;
    links.firstCase = caseId;
    assert.equal(message.recipient, "paediatrics@health.example");
    assert.equal(message.channel, "log", "the message log is the default channel");
    assert.equal(message.outside, true);
    assert.match(message.subject, /^Advice request ADV-[0-9A-F]{8} is due on /);
    // Safe wording: nothing that names the child in a message to an outside address.
    for (const text of ["Ada", "Outboxtest", "B801200005001", "2016", "3 April"]) {
      assert.ok(!message.subject.includes(text) && !message.body.includes(text), `${text} is not in the message`);
    }
    const jobs = await system.db
      .selectFrom("pgboss.job" as never)
      .select(["data" as never])
      .where("name" as never, "=", "notifications.send" as never)
      .execute();
    assert.ok(
      jobs.some((j) => (j as { data: { messageId: string } }).data.messageId === message.id),
      "its send job was enqueued with it",
    );
  });

  test("two senders given the same 200 messages deliver each exactly once (counted at the SMTP server)", async () => {
    await system.notifications.saveChannels(manager(), { "channel-actionOverdue": "smtp" });
    const ids: string[] = [];
    await changeAs(system.db, { councilId, userId: null }, async (trx) => {
      for (let i = 0; i < 200; i++) {
        const id = await system.notifications.queue(trx, councilId, {
          kind: "actionOverdue",
          key: `test-batch:${i}`,
          recipient: `lead${i}@council.example`,
          values: { actionNumber: `9.${i}`, dueDate: "1 December 2026", actionLink: "https://x/actions/1" },
        });
        if (id) ids.push(id);
      }
      return { result: undefined, audit: { action: "test", subjectType: "council", subjectId: councilId } };
    });
    assert.equal(ids.length, 200);
    const inboxBefore = smtp.inbox.length;
    // Two workers handed the same jobs (a redelivery, a second process), at the same time.
    const worker = async () => {
      for (const messageId of ids) await system.notifications.runSend({ councilId, messageId });
    };
    await Promise.all([worker(), worker()]);
    const received = smtp.inbox.slice(inboxBefore).filter((m) => m.subject.startsWith("Action 9."));
    assert.equal(received.length, 200, "every message arrived");
    assert.equal(new Set(received.map((m) => m.to)).size, 200, "none twice");
    const rows = (await messages()).filter((m) => m.idempotency_key.startsWith("test-batch:"));
    assert.ok(rows.every((m) => m.state === "sent" && m.attempts === 1 && m.answer?.startsWith("250")));
    // The same key again writes nothing more.
    const again = await changeAs(system.db, { councilId, userId: null }, async (trx) => ({
      result: await system.notifications.queue(trx, councilId, {
        kind: "actionOverdue",
        key: "test-batch:0",
        recipient: "x@y.example",
        values: { actionNumber: "1", dueDate: "x", actionLink: "y" },
      }),
      audit: { action: "test", subjectType: "council", subjectId: councilId },
    }));
    assert.equal(again, null);
  });

  test("a worker that stops mid-send loses nothing: the sweep finds the message and it is sent, once", async () => {
    await system.notifications.saveChannels(manager(), { "channel-actionOverdue": "smtp" });
    const messageId = await changeAs(system.db, { councilId, userId: null }, async (trx) => ({
      result: (await system.notifications.queue(trx, councilId, {
        kind: "actionOverdue",
        key: "crash:1",
        recipient: "crash@council.example",
        values: { actionNumber: "7.7", dueDate: "1 December 2026", actionLink: "https://x" },
      })) as string,
      audit: { action: "test", subjectType: "council", subjectId: councilId },
    }));
    // The worker claimed it and was killed before it sent anything; its job is gone.
    await changeAs(system.db, { councilId, userId: null }, async (trx) => {
      await trx
        .updateTable("outbox_message")
        .set({ state: "sending", attempts: 1, claimed_at: new Date(Date.now() - 11 * 60_000) })
        .where("id", "=", messageId)
        .execute();
      return { result: undefined, audit: { action: "test", subjectType: "council", subjectId: councilId } };
    });
    const before = smtp.inbox.length;
    assert.ok((await system.notifications.runSweep()) >= 1);
    await system.notifications.runSend({ councilId, messageId });
    await system.notifications.runSend({ councilId, messageId });
    assert.equal(smtp.inbox.slice(before).filter((m) => m.to === "crash@council.example").length, 1);
    const row = (await messages()).find((m) => m.id === messageId);
    assert.equal(row?.state, "sent");
    assert.equal(row?.attempts, 2);
    // A message claimed a moment ago is another worker's: it is left alone.
    const fresh = await changeAs(system.db, { councilId, userId: null }, async (trx) => ({
      result: (await system.notifications.queue(trx, councilId, {
        kind: "actionOverdue",
        key: "crash:2",
        recipient: "crash2@council.example",
        values: { actionNumber: "7.8", dueDate: "1 December 2026", actionLink: "https://x" },
      })) as string,
      audit: { action: "test", subjectType: "council", subjectId: councilId },
    }));
    await changeAs(system.db, { councilId, userId: null }, async (trx) => {
      await trx.updateTable("outbox_message").set({ state: "sending", attempts: 1, claimed_at: new Date() }).where("id", "=", fresh).execute();
      return { result: undefined, audit: { action: "test", subjectType: "council", subjectId: councilId } };
    });
    await system.notifications.runSend({ councilId, messageId: fresh });
    assert.equal(smtp.inbox.filter((m) => m.to === "crash2@council.example").length, 0);
  });

  test("the sweep takes a message left sending before a backlog of older pending ones (a limit never crowds it out)", async () => {
    const actor = { councilId, userId: null };
    const ids = await changeAs(system.db, actor, async (trx) => {
      const queued: string[] = [];
      for (const key of ["backlog:1", "backlog:2", "backlog:lost"])
        queued.push(
          (await system.notifications.queue(trx, councilId, {
            kind: "actionOverdue",
            key,
            recipient: "backlog@council.example",
            values: { actionNumber: "1", dueDate: "1 December 2026", actionLink: "https://x" },
          })) as string,
        );
      return { result: queued, audit: { action: "test", subjectType: "council", subjectId: councilId } };
    });
    const lost = ids[2] as string;
    // The two older ones wait in the queue; the newest was claimed by a process killed 11 minutes ago.
    await changeAs(system.db, actor, async (trx) => {
      const old = new Date(Date.now() - 20 * 60_000);
      await trx.updateTable("outbox_message").set({ created_at: old }).where("id", "in", ids.slice(0, 2)).execute();
      await trx
        .updateTable("outbox_message")
        .set({ state: "sending", attempts: 1, claimed_at: new Date(Date.now() - 11 * 60_000) })
        .where("id", "=", lost)
        .execute();
      return { result: undefined, audit: { action: "test", subjectType: "council", subjectId: councilId } };
    });
    const first = await read((trx) => repository.listStuck(trx, new Date(Date.now() - 5 * 60_000), new Date(Date.now() - 10 * 60_000), 1));
    assert.deepEqual(
      first.map((m) => m.id),
      [lost],
    );
    await changeAs(system.db, actor, async (trx) => {
      await trx.updateTable("outbox_message").set({ state: "sent" }).where("id", "in", ids).execute();
      return { result: undefined, audit: { action: "test", subjectType: "council", subjectId: councilId } };
    });
  });

  test("a refused address is recorded as failed with the server's answer; a busy server is tried again later", async () => {
    const queue = (key: string, recipient: string) =>
      changeAs(system.db, { councilId, userId: null }, async (trx) => ({
        result: (await system.notifications.queue(trx, councilId, {
          kind: "actionOverdue",
          key,
          recipient,
          values: { actionNumber: "1", dueDate: "1 December 2026", actionLink: "https://x" },
        })) as string,
        audit: { action: "test", subjectType: "council", subjectId: councilId },
      }));
    const refused = await queue("answer:refused", "refused@council.example");
    await system.notifications.runSend({ councilId, messageId: refused });
    const busy = await queue("answer:busy", "busy@council.example");
    await assert.rejects(system.notifications.runSend({ councilId, messageId: busy }), /not sent yet/);
    const rows = await messages();
    const r = rows.find((m) => m.id === refused);
    const b = rows.find((m) => m.id === busy);
    assert.equal(r?.state, "failed");
    assert.match(r?.answer ?? "", /550/);
    assert.equal(b?.state, "pending");
    assert.match(b?.answer ?? "", /451/);
    // The log page shows both, with their answers, to a manager; a caseworker may not see it.
    const log = await system.notifications.messages(manager(), { state: "failed" }, 1);
    assert.ok(log.rows.some((m) => m.id === refused && /550/.test(m.answer ?? "")));
    await assert.rejects(system.notifications.messages(caseworker(), {}, 1), NotAllowed);
  });

  test("GOV.UK Notify: sent through the fake with a valid JWT and schema; 400 is failed, 429 is tried again", async () => {
    await system.notifications.saveChannels(manager(), { "channel-adviceRequest": "notify" });
    const caseId = await newCase("Bea", "Notifytest");
    const { message } = await askAdvice(caseId, "ep@psychology.example");
    assert.equal(message.channel, "notify");
    await system.notifications.runSend({ councilId, messageId: message.id });
    assert.deepEqual(notify.refused, [], "the fake refused nothing: the JWT and the request met Notify's contract");
    const sent = notify.messages.at(-1);
    assert.equal(sent?.email_address, "ep@psychology.example");
    assert.equal(
      sent?.reference,
      `adviceRequest:${(await read((trx) => trx.selectFrom("advice_link").select("id").where("case_id", "=", caseId).executeTakeFirstOrThrow())).id}`,
    );
    assert.equal(sent?.subject, message.subject);
    assert.ok(!sent?.body.includes("Bea") && !sent?.body.includes("Notifytest"));
    const row = (await messages()).find((m) => m.id === message.id);
    assert.equal(row?.state, "sent");
    assert.equal(row?.provider_id, sent?.id);

    const other = await askAdvice(caseId, "ot@health.example");
    notify.failNext(429, "RateLimitError", "Exceeded rate limit for key type TEST of 3000 requests per 60 seconds");
    await assert.rejects(system.notifications.runSend({ councilId, messageId: other.message.id }));
    assert.equal((await messages()).find((m) => m.id === other.message.id)?.state, "pending");
    notify.failNext(400, "BadRequestError", "Can’t send to this recipient using a team-only API key");
    await system.notifications.runSend({ councilId, messageId: other.message.id });
    const failed = (await messages()).find((m) => m.id === other.message.id);
    assert.equal(failed?.state, "failed");
    assert.match(failed?.answer ?? "", /^400 BadRequestError: Can’t send to this recipient/);
    assert.equal(failed?.attempts, 2);

    // Notify's answer on delivery: a permanent failure is recorded as bounced; delivered is kept.
    const bounce = await askAdvice(caseId, "perm-fail@simulator.notify");
    await system.notifications.runSend({ councilId, messageId: bounce.message.id });
    await system.notifications.runSweep();
    const after = await messages();
    assert.equal(after.find((m) => m.id === bounce.message.id)?.state, "bounced");
    assert.equal(after.find((m) => m.id === bounce.message.id)?.answer, "Notify: permanent-failure");
    assert.equal(after.find((m) => m.id === message.id)?.delivery_status, "delivered");
    assert.equal(after.find((m) => m.id === message.id)?.state, "sent");
    const refusedSince: { error: string }[] = notify.refused;
    assert.deepEqual(
      refusedSince.map((r) => r.error),
      ["RateLimitError", "BadRequestError"],
      "only the failures the test scheduled",
    );
  });

  // Without a timeout the send would wait for ever: the test's own limit turns that into a failure.
  test("a Notify that takes the request and never answers is given up on after the timeout, and the message is tried again later", {
    timeout: 20_000,
  }, async () => {
    const sender = notifySender({ apiKey: notify.apiKey, baseUrl: notify.baseUrl, templateId: TEMPLATE_ID, templateIds: {}, timeoutMs: 300 });
    notify.hangNext();
    const result = await sender.send({
      idempotencyKey: "timeout:1",
      councilId,
      kind: "adviceRequest",
      recipient: "ep@psychology.example",
      subject: "s",
      body: "b",
      personalisation: {},
    });
    assert.equal(result.outcome, "retry");
    assert.match(result.answer, /^no answer: timeout of 300ms exceeded/);
    // The next request is answered as usual: the client is not left broken.
    const next = await sender.send({
      idempotencyKey: "timeout:2",
      councilId,
      kind: "adviceRequest",
      recipient: "ep@psychology.example",
      subject: "s",
      body: "b",
      personalisation: {},
    });
    assert.equal(next.outcome, "sent");
  });

  test("the professional's page shows only what they need; returning advice records it on the case, once", async () => {
    const view = await system.adviceLinks.openLink(links.first as string, "203.0.113.1");
    assert.equal(view.childName, "Ada Outboxtest");
    assert.equal(view.dateOfBirth, "3 April 2016");
    assert.equal(view.service, "Health");
    assert.ok(!("upn" in view) && !("needs" in view) && !("postcode" in view));
    await assert.rejects(system.adviceLinks.answerLink(links.first as string, "203.0.113.1", { outcome: "returned", advice: "" }), InvalidInput);
    await system.adviceLinks.answerLink(links.first as string, "203.0.113.1", { outcome: "returned", advice: "Needs a quiet space." });
    const events = await read((trx) =>
      trx
        .selectFrom("case_event")
        .select(["kind", "data", "recorded_by"])
        .where("case_id", "=", links.firstCase as string)
        .execute(),
    );
    const returned = events.find((e) => e.kind === "adviceReturned");
    assert.ok(returned, "advice returned is on the case");
    assert.equal((returned.data as { returned: string }).returned, today);
    await assert.rejects(system.adviceLinks.openLink(links.first as string, "203.0.113.1"), LinkRefused, "used once only");
    const audit = await read((trx) =>
      trx
        .selectFrom("audit_event")
        .select("action")
        .where("subject_id", "=", links.firstCase as string)
        .execute(),
    );
    assert.ok(audit.some((a) => a.action === "advice-link.viewed"));
    assert.ok(audit.some((a) => a.action === "advice-link.advice-returned"));
  });

  test("revoked, expired, altered and unknown links are refused alike; many wrong tokens are rate limited", async () => {
    const caseId = await newCase("Cy", "Linktest");
    const { token } = await askAdvice(caseId, "sc@social.example");
    const linkId = (await read((trx) => trx.selectFrom("advice_link").select("id").where("case_id", "=", caseId).executeTakeFirstOrThrow())).id;
    const altered = `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`;
    await assert.rejects(system.adviceLinks.openLink(altered, "198.51.100.7"), LinkRefused);
    await assert.rejects(system.adviceLinks.revokeLink(caseworker(), "00000000-0000-4000-8000-000000000000"));
    await system.adviceLinks.revokeLink(caseworker(), linkId);
    await assert.rejects(system.adviceLinks.openLink(token, "198.51.100.7"), LinkRefused);

    const expiring = await askAdvice(caseId, "ed@school.example");
    await changeAs(system.db, { councilId, userId: null }, async (trx) => {
      await trx
        .updateTable("advice_link")
        .set({ expires_at: new Date(Date.now() - 1000) })
        .where("recipient", "=", "ed@school.example")
        .execute();
      return { result: undefined, audit: { action: "test", subjectType: "council", subjectId: councilId } };
    });
    await assert.rejects(system.adviceLinks.openLink(expiring.token, "198.51.100.7"), LinkRefused);

    for (let i = 0; i < WRONG_TOKEN_LIMIT; i++)
      await assert.rejects(system.adviceLinks.openLink(`${"x".repeat(42)}${i % 10}`, "192.0.2.99"), LinkRefused);
    const fresh = await askAdvice(caseId, "hv@health.example");
    await assert.rejects(
      system.adviceLinks.openLink(fresh.token, "192.0.2.99"),
      LinkRateLimited,
      "even a good link is refused to that address for now",
    );
    assert.equal((await system.adviceLinks.openLink(fresh.token, "192.0.2.100")).childName, "Cy Linktest");
  });

  test("reminders: due soon, on the day, overdue to the caseworker, escalated to managers; each once; none after the advice is back", async () => {
    const caseId = await newCase("Di", "Remindertest");
    const { token } = await askAdvice(caseId, "physio@health.example");
    const link = await read((trx) => trx.selectFrom("advice_link").selectAll().where("case_id", "=", caseId).executeTakeFirstOrThrow());
    const due = String(link.due);
    const kindsFor = async () =>
      (await messages()).filter((m) => m.case_id === caseId && m.kind !== "adviceRequest").map((m) => `${m.kind}>${m.recipient}`);
    today = addDays(due, -20);
    await system.reminders.runDaily();
    assert.deepEqual(await kindsFor(), []);
    today = addDays(due, -3);
    await system.reminders.runDaily();
    await system.reminders.runDaily();
    assert.deepEqual(await kindsFor(), ["adviceDueSoon>physio@health.example"], "once, however often the job runs");
    today = due;
    await system.reminders.runDaily();
    today = addDays(due, 1);
    await system.reminders.runDaily();
    today = addDays(due, 5);
    await system.reminders.runDaily();
    await system.reminders.runDaily();
    assert.deepEqual(await kindsFor(), [
      "adviceDueSoon>physio@health.example",
      "adviceDueToday>physio@health.example",
      "adviceOverdue>caseworker@demo-borough.example",
      "adviceEscalated>manager@demo-borough.example",
    ]);
    await system.adviceLinks.answerLink(token, "203.0.113.5", { outcome: "returned", advice: "Late but here." });
    const count = (await kindsFor()).length;
    today = addDays(due, 30);
    await system.reminders.runDaily();
    assert.equal((await kindsFor()).length, count, "no more reminders once the advice is back");
    today = "2026-12-07";
  });

  test("digests: a lead who switched the weekly digest off gets none; switched on again, it comes; a forged choice is refused", async () => {
    const saved = today;
    today = "2027-03-01"; // a Monday
    try {
      const leadId = await read((trx) =>
        trx.selectFrom("app_user").select("id").where("email", "=", "lead@demo-borough.example").executeTakeFirstOrThrow(),
      ).then((r) => r.id);
      const lead = { id: leadId, councilId };
      await readAs(system.db, { councilId, userId: null }, async (trx) => {
        const action = await trx.selectFrom("plan_action").select("id").orderBy("id").executeTakeFirstOrThrow();
        await trx
          .updateTable("plan_action")
          .set({ lead_name: "Lee Lead", due_date: "2027-03-08", progress: 0 })
          .where("id", "=", action.id)
          .execute();
      });
      const digestsFor = async () =>
        (await messages()).filter((m) => m.kind === "leadDigest" && m.recipient === "lead@demo-borough.example").map((m) => m.idempotency_key);
      assert.deepEqual(
        (await system.digests.list(lead)).map((d) => `${d.kind}:${d.on}`),
        ["leadDigest:true", "caseworkerDigest:true", "managerDigest:true"],
      );
      await system.digests.save(lead, {}); // nothing ticked: switched off
      assert.equal((await system.digests.list(lead))[0]?.on, false);
      await system.reminders.queueDaily({ councilId, userId: null });
      assert.deepEqual(await digestsFor(), [], "switched off: no digest");
      await system.digests.save(lead, { digests: ["leadDigest", "caseworkerDigest", "managerDigest"] });
      await system.reminders.queueDaily({ councilId, userId: null });
      assert.deepEqual(await digestsFor(), [`leadDigest:${leadId}:2027-03-01`], "switched on again: this week's digest");
      await assert.rejects(system.digests.save(lead, { digests: ["leadDigest", "everyonesDigest"] }), InvalidInput);
      assert.equal((await system.digests.list(lead))[0]?.on, true, "a refused choice changes nothing");
      const audits = await read((trx) =>
        trx
          .selectFrom("audit_event")
          .select("action")
          .where("action", "=", "notifications.digests-changed")
          .where("subject_id", "=", leadId)
          .execute(),
      );
      assert.equal(audits.length, 2);
    } finally {
      today = saved;
    }
  });

  test("wording: a council's own wording is used and previewed; a child's details cannot be placed in a message to an outside address", async () => {
    for (const kind of MESSAGE_KINDS.filter((k) => KINDS[k].outside)) {
      for (const field of ["childName", "dateOfBirth", "upn", "needs", "firstName"]) {
        await assert.rejects(
          system.notifications.saveTemplate(manager(), kind, { subject: "Advice ((reference))", body: `For ((${field}))` }),
          (e: unknown) => e instanceof InvalidInput && e.problems.some((p) => p.field === "body" && p.message.includes(`((${field}))`)),
        );
      }
    }
    await system.notifications.saveTemplate(manager(), "adviceRequest", {
      subject: "Please advise: ((reference)) by ((dueDate))",
      body: "From ((councilName)): ((link))",
    });
    const preview = await system.notifications.preview(manager(), "adviceRequest");
    assert.equal(preview.rendered?.subject, "Please advise: ADV-1A2B3C4D by 3 March 2027");
    const caseId = await newCase("Eve", "Wordingtest");
    const { message } = await askAdvice(caseId, "sen@school.example");
    assert.match(message.subject, /^Please advise: ADV-[0-9A-F]{8} by \d+ \w+ 2027$/);
    assert.match(message.body, /^From Demo/);
    await assert.rejects(system.notifications.saveTemplate(caseworker(), "adviceRequest", { subject: "x", body: "y" }), NotAllowed);
  });
});
