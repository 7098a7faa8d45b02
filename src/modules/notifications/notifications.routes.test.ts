// Messages over HTTP on a real server: who may open the log and the settings; the wording preview
// and its error summary; a caseworker's advice request through the case form writes a message that
// the pg-boss job sends; the link's page (no account) shows the request, takes the advice, and then
// refuses; wrong links get a plain refusal.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { addDays } from "../../domain/dates.ts";
import { startTestApp } from "../../platform/testing/test-app.ts";
import { readAs } from "../../platform/transaction.ts";
import { startNotifyFake } from "./testing/notify-fake.ts";

const TEMPLATE_ID = "6a1f1c49-7d0e-4f7b-9a3e-2c1d0b8e5f41";
const CALLBACK_TOKEN = "a-long-random-callback-token-for-tests";

describe("message pages and the advice link", () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let councilId: string;
  let notify: Awaited<ReturnType<typeof startNotifyFake>>;
  before(async () => {
    notify = await startNotifyFake({ templates: { [TEMPLATE_ID]: { subject: "((subject))", body: "((body))" } } });
    // Notify and its delivery receipts are configured from the environment, as in production.
    const env = {
      NOTIFY_API_KEY: notify.apiKey,
      NOTIFY_BASE_URL: notify.baseUrl,
      NOTIFY_TEMPLATE_ID: TEMPLATE_ID,
      NOTIFY_CALLBACK_TOKEN: CALLBACK_TOKEN,
    };
    Object.assign(process.env, env);
    try {
      app = await startTestApp({ caseload: 0 });
    } finally {
      for (const key of Object.keys(env)) delete process.env[key];
    }
    notify.setCallback({ url: `${app.baseUrl}/api/notify/delivery-receipts`, bearerToken: CALLBACK_TOKEN });
    councilId = (await app.people.councilIdForCode("DEMO")) as string;
  });
  after(async () => {
    await app?.stop();
    await notify?.close();
  });
  const rows = () =>
    readAs(app.db, { councilId, userId: null }, (trx) => trx.selectFrom("outbox_message").selectAll().orderBy("created_at").execute());

  test("the log and settings are for administrators and SEND managers; a caseworker is refused", async () => {
    const manager = app.client();
    await manager.signIn("manager@demo-borough.example");
    assert.equal((await manager.get("/messages")).status, 200);
    const settings = await manager.get("/messages/settings");
    assert.equal(settings.status, 200);
    assert.match(settings.text, /Advice request to a professional/);
    const caseworker = app.client();
    await caseworker.signIn("caseworker@demo-borough.example");
    assert.equal((await caseworker.get("/messages")).status, 403);
    assert.equal((await caseworker.get("/messages/settings")).status, 403);
    assert.equal((await app.client().get("/messages")).status, 303, "nobody is sent to sign in");
  });

  test("a channel that is not set up, a forged channel and a child's name in outside wording are refused with a message", async () => {
    const manager = app.client();
    await manager.signIn("manager@demo-borough.example");
    const csrf = await manager.csrfFrom("/messages/settings");
    const smtp = await manager.post("/messages/settings/channels", { _csrf: csrf, "channel-adviceRequest": "smtp" });
    assert.equal(smtp.status, 400);
    assert.match(smtp.text, /href="#channel-adviceRequest">&quot;Advice request to a professional&quot;: that channel is not set up/);
    const forged = await manager.post("/messages/settings/channels", { _csrf: csrf, "channel-adviceRequest": "carrier-pigeon" });
    assert.equal(forged.status, 400);
    const timings = await manager.post("/messages/settings/timings", {
      _csrf: csrf,
      linkGraceDays: "400",
      reminderWorkingDays: "5",
      escalateAfterDays: "5",
    });
    assert.equal(timings.status, 400);
    assert.match(timings.text, /href="#linkGraceDays">Days a link works after the advice is due must be a whole number from 0 to 90/);
    const named = await manager.post("/messages/templates/adviceRequest", {
      _csrf: csrf,
      subject: "Advice for ((childName))",
      body: "((link))",
      action: "save",
    });
    assert.equal(named.status, 400);
    assert.match(named.text, /href="#subject">\(\(childName\)\) is not a placeholder this message can use/);
    const preview = await manager.post("/messages/templates/adviceRequest", {
      _csrf: csrf,
      subject: "Ref ((reference))",
      body: "Due ((dueDate))",
      action: "preview",
    });
    assert.equal(preview.status, 200);
    assert.match(preview.text, /Ref ADV-1A2B3C4D/);
    assert.match(preview.text, /Due 3 March 2027/);
    const saved = await manager.get("/messages/templates/adviceRequest");
    assert.equal(saved.status, 200);
    assert.doesNotMatch(saved.text, /Ref \(\(reference\)\)/, "a preview saves nothing");
    assert.equal((await manager.get("/messages/templates/nonsense")).status, 404);
  });

  test("an advice request from the case form is sent by the job; the link takes the advice once; the case shows it returned", async () => {
    const caseworkerUser = await readAs(app.db, { councilId, userId: null }, (trx) =>
      trx.selectFrom("app_user").select("id").where("email", "=", "caseworker@demo-borough.example").executeTakeFirstOrThrow(),
    );
    const who = { id: caseworkerUser.id, councilId, roles: ["caseworker" as const] };
    const { id: caseId } = await app.cases.createCase(who, {
      firstName: "Fay",
      lastName: "Linkroute",
      "dateOfBirth-day": "9",
      "dateOfBirth-month": "9",
      "dateOfBirth-year": "2017",
      sex: "F",
      primaryNeed: "SLCN",
    });
    await app.cases.recordEvent(who, caseId, "requestReceived", { received: app.today(), requestedBy: "parent" });
    const caseworker = app.client();
    await caseworker.signIn("caseworker@demo-borough.example");
    const csrf = await caseworker.csrfFrom(`/cases/${caseId}/record/adviceRequested`);
    const [year, month, day] = app.today().split("-");
    const recorded = await caseworker.post(`/cases/${caseId}/record/adviceRequested`, {
      _csrf: csrf,
      service: "educational-psychology",
      provider: "",
      email: "ep@psychology.example",
      "received-day": String(Number(day)),
      "received-month": String(Number(month)),
      "received-year": year as string,
    });
    assert.equal(recorded.status, 303, recorded.text.slice(0, 500));
    const message = (await rows()).find((m) => m.case_id === caseId);
    assert.ok(message);
    // The job sends it (the message log channel, the default) without anyone waiting.
    for (let i = 0; i < 100 && (await rows()).find((m) => m.id === message.id)?.state !== "sent"; i++) await new Promise((r) => setTimeout(r, 100));
    assert.equal((await rows()).find((m) => m.id === message.id)?.state, "sent");
    const token = message.body.match(/\/advice\/([A-Za-z0-9_-]{43})/)?.[1] as string;

    const professional = app.client();
    const page = await professional.get(`/advice/${token}`);
    assert.equal(page.status, 200);
    assert.equal(page.headers.get("referrer-policy"), "no-referrer");
    assert.match(page.text, /Fay Linkroute/);
    assert.match(page.text, /9 September 2017/);
    assert.match(page.text, /Educational psychology/i);
    const empty = await professional.post("/advice", { token, outcome: "returned", advice: "" });
    assert.equal(empty.status, 400);
    assert.match(empty.text, /href="#advice">Enter your advice/);
    const done = await professional.post("/advice", { token, outcome: "returned", advice: "Benefits from visual timetables." });
    assert.equal(done.status, 200);
    assert.match(done.text, /Thank you/);
    const again = await professional.get(`/advice/${token}`);
    assert.equal(again.status, 404);
    assert.match(again.text, /This link cannot be used/);
    assert.doesNotMatch(again.text, /Fay|Linkroute/);
    const timeline = await caseworker.get(`/cases/${caseId}/timeline`);
    assert.match(timeline.text, /Advice returned/);
    const sent = await caseworker.get(`/cases/${caseId}/advice-links`);
    assert.equal(sent.status, 200);
    assert.match(sent.text, /ep@psychology.example/);
    assert.match(sent.text, /Advice returned/);
    assert.doesNotMatch(sent.text, /Withdraw link/, "a used link cannot be withdrawn");

    // A second request, withdrawn by the caseworker: its link is then refused.
    const csrf2 = await caseworker.csrfFrom(`/cases/${caseId}/record/adviceRequested`);
    await caseworker.post(`/cases/${caseId}/record/adviceRequested`, {
      _csrf: csrf2,
      service: "health",
      provider: "",
      email: "wrong@person.example",
      "received-day": String(Number(day)),
      "received-month": String(Number(month)),
      "received-year": year as string,
    });
    const second = (await rows()).filter((m) => m.case_id === caseId).at(-1);
    const secondToken = second?.body.match(/\/advice\/([A-Za-z0-9_-]{43})/)?.[1] as string;
    const linkId = (await app.adviceLinks.adviceLinks(who, caseId)).find((l) => l.recipient === "wrong@person.example")?.id as string;
    const withdrawPage = await caseworker.get(`/cases/${caseId}/advice-links`);
    assert.match(withdrawPage.text, /Withdraw link ADV-/);
    const withdrawn = await caseworker.post(`/advice-links/${linkId}/revoke`, { _csrf: csrf2 });
    assert.equal(withdrawn.status, 303);
    assert.equal((await professional.get(`/advice/${secondToken}`)).status, 404);
    assert.match((await caseworker.get(`/cases/${caseId}/advice-links`)).text, /Withdrawn/);

    // The log shows the message with its link hidden.
    const manager = app.client();
    await manager.signIn("manager@demo-borough.example");
    const log = await manager.get(`/messages?case=${caseId}`);
    assert.match(log.text, /ep@psychology.example/);
    assert.doesNotMatch(log.text, new RegExp(token));
  });

  test("a wrong or malformed link gets a plain refusal, never an error page", async () => {
    const client = app.client();
    for (const path of ["/advice/short", `/advice/${"A".repeat(43)}`, "/advice/%00", `/advice/${"x".repeat(500)}`]) {
      const response = await client.get(path);
      assert.equal(response.status, 404, path);
      assert.match(response.text, /This link cannot be used/, path);
    }
    const post = await client.post("/advice", { token: "nope", outcome: "returned", advice: "x" });
    assert.equal(post.status, 404);
  });

  test("Notify's delivery receipts: the bearer token is checked; each is recorded once, an older one never over a newer; a permanent failure is a bounce", async () => {
    const manager = app.client();
    await manager.signIn("manager@demo-borough.example");
    const managerId = await readAs(app.db, { councilId, userId: null }, (trx) =>
      trx.selectFrom("app_user").select("id").where("email", "=", "manager@demo-borough.example").executeTakeFirstOrThrow(),
    );
    await app.notifications.saveChannels({ id: managerId.id, councilId, roles: ["send_manager"] }, { "channel-adviceRequest": "notify" });
    const caseworker = await readAs(app.db, { councilId, userId: null }, (trx) =>
      trx.selectFrom("app_user").select("id").where("email", "=", "caseworker@demo-borough.example").executeTakeFirstOrThrow(),
    );
    const who = { id: caseworker.id, councilId, roles: ["caseworker" as const] };
    const { id: caseId } = await app.cases.createCase(who, {
      firstName: "Rhea",
      lastName: "Receipttest",
      "dateOfBirth-day": "5",
      "dateOfBirth-month": "5",
      "dateOfBirth-year": "2015",
      sex: "F",
      primaryNeed: "MLD",
    });
    await app.cases.recordEvent(who, caseId, "requestReceived", { received: app.today(), requestedBy: "parent" });
    for (const email of ["ep@psychology.example", "gone@nowhere.example"])
      await app.cases.recordEvent(who, caseId, "adviceRequested", { service: "educational-psychology", received: app.today(), email });
    const sent = async () =>
      readAs(app.db, { councilId, userId: null }, (trx) =>
        trx.selectFrom("outbox_message").selectAll().where("case_id", "=", caseId).orderBy("created_at").execute(),
      );
    for (let i = 0; i < 150 && (await sent()).some((m) => m.state !== "sent"); i++) await new Promise((r) => setTimeout(r, 100));
    const [first, second] = await sent();
    assert.ok(first?.provider_id && second?.provider_id, "both went through the Notify fake");
    assert.deepEqual(notify.refused, []);

    const url = "/api/notify/delivery-receipts";
    const post = (body: unknown, token?: string) =>
      app.client().request("POST", url, JSON.stringify(body), {
        "content-type": "application/json",
        ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      });
    // No token, a wrong one, another scheme: refused, nothing recorded.
    assert.equal((await post({ id: first.provider_id, status: "delivered" })).status, 401);
    assert.equal((await post({ id: first.provider_id, status: "delivered" }, "not-the-token-at-all")).status, 401);
    assert.equal((await notify.sendReceipt(first.provider_id, "delivered", undefined, `${CALLBACK_TOKEN}x`)).status, 401);
    assert.equal((await sent())[0]?.delivery_status, null);
    // Not Notify's shape, or not ours: said so.
    const bad = await post({ id: "nope", status: "lost" }, CALLBACK_TOKEN);
    assert.equal(bad.status, 400);
    assert.deepEqual(
      JSON.parse(bad.text).errors.map((e: { field: string }) => e.field),
      ["id", "status"],
    );
    assert.equal((await post({ id: "0b7f2a34-95a1-4d7e-8e55-3f7d9a1c2b6e", status: "delivered" }, CALLBACK_TOKEN)).status, 404);

    // From the fake, as Notify sends them.
    const delivered = await notify.sendReceipt(first.provider_id, "delivered", "2026-12-07T10:00:00.000Z");
    assert.equal(delivered.status, 200);
    assert.deepEqual(JSON.parse(delivered.body), { recorded: true });
    const repeat = await notify.sendReceipt(first.provider_id, "delivered", "2026-12-07T10:00:00.000Z");
    assert.deepEqual(JSON.parse(repeat.body), { recorded: false }, "the same receipt twice changes nothing");
    const older = await notify.sendReceipt(first.provider_id, "temporary-failure", "2026-12-07T09:00:00.000Z");
    assert.deepEqual(JSON.parse(older.body), { recorded: false }, "an older receipt arriving late changes nothing");
    assert.equal((await notify.sendReceipt(second.provider_id, "sending")).status, 200);
    assert.equal((await notify.sendReceipt(second.provider_id, "permanent-failure")).status, 200);
    const [a, b] = await sent();
    assert.equal(a?.state, "sent");
    assert.equal(a?.delivery_status, "delivered");
    assert.equal(a?.delivery_at?.toISOString(), "2026-12-07T10:00:00.000Z");
    assert.equal(b?.state, "bounced");
    assert.equal(b?.answer, "Notify: permanent-failure");
    assert.match((await manager.get(`/messages?case=${caseId}&state=sent`)).text, /Delivered \d/, "delivery shown in words");
    const log = await manager.get(`/messages?case=${caseId}&state=bounced`);
    assert.match(log.text, /gone@nowhere.example/);
    assert.doesNotMatch(log.text, /ep@psychology.example/);

    // The OpenAPI document describes the callback and its answers.
    const openapi = JSON.parse((await manager.get("/api/openapi.json")).text);
    assert.deepEqual(Object.keys(openapi.paths[url].post.responses), ["200", "400", "401", "404", "415"]);
  });

  test("each person chooses their own weekly digests on a page; a forged choice gets the error summary", async () => {
    const lead = app.client();
    await lead.signIn("lead@demo-borough.example");
    const page = await lead.get("/account/digests");
    assert.equal(page.status, 200);
    assert.match(page.text, /<input class="govuk-checkboxes__input" id="digests" name="digests" type="checkbox" value="leadDigest" checked>/);
    const csrf = await lead.csrfFrom("/account/digests");
    const off = await lead.post("/account/digests", { _csrf: csrf });
    assert.equal(off.status, 303);
    assert.doesNotMatch((await lead.get("/account/digests?saved=yes")).text, /value="leadDigest" checked/);
    const forged = await lead.post("/account/digests", { _csrf: csrf, digests: "somebodyElses" });
    assert.equal(forged.status, 400);
    assert.match(forged.text, /href="#digests">Choose from the digests listed/);
    assert.equal((await app.client().get("/account/digests")).status, 303, "nobody is sent to sign in");
    assert.match((await lead.get("/account")).text, /href="\/account\/digests"/);
  });

  test("the review meeting form: invitees by email, short notice flagged; forged fields, other roles and another council's case are refused", async () => {
    const caseworkerId = await readAs(app.db, { councilId, userId: null }, (trx) =>
      trx.selectFrom("app_user").select("id").where("email", "=", "caseworker@demo-borough.example").executeTakeFirstOrThrow(),
    ).then((r) => r.id);
    const child = {
      firstName: "Rhea",
      lastName: "Formtest",
      "dateOfBirth-day": "9",
      "dateOfBirth-month": "10",
      "dateOfBirth-year": "2014",
      sex: "F",
      primaryNeed: "MLD",
    };
    const withPlan = async (who: { id: string; councilId: string }) => {
      const { id } = await app.cases.createCase({ ...who, roles: ["caseworker"] }, child);
      await app.cases.recordEvent({ ...who, roles: ["caseworker"] }, id, "planTransferredIn", { made: "2025-01-10", transferred: "2026-06-01" });
      return id;
    };
    const caseId = await withPlan({ id: caseworkerId, councilId });
    const other = await app.people.createCouncil({ code: "ELSE", name: "Elsewhere Council" });
    const theirs = await app.people.createUser({ councilId: other.id, userId: null }, "system", {
      email: "caseworker@elsewhere.example",
      displayName: "Their Caseworker",
      password: "a long enough password for tests 42",
      roles: "caseworker",
    });
    const otherCase = await withPlan({ id: theirs.id, councilId: other.id });
    const url = `/cases/${caseId}/record/reviewMeeting`;
    const meeting = addDays(app.today(), 10);
    const [year, month, day] = meeting.split("-").map(Number) as [number, number, number];
    const answers = {
      "meeting-day": String(day),
      "meeting-month": String(month),
      "meeting-year": String(year),
      familyName: "Ms Formtest",
      familyEmail: "mum@family.example",
    };

    const caseworker = app.client();
    await caseworker.signIn("caseworker@demo-borough.example");
    const first = await caseworker.get(url);
    assert.equal(first.status, 200);
    assert.match(first.text, /When is the annual review meeting\?/);
    const csrf = await caseworker.csrfFrom(url);
    const forged = await caseworker.post(url, { _csrf: csrf, ...answers, professional9Email: "x@example.org" });
    assert.equal(forged.status, 400);
    assert.match(forged.text, /The form sent a field it does not have: professional9Email/);
    const badEmail = await caseworker.post(url, { _csrf: csrf, ...answers, familyEmail: "mum at family" });
    assert.equal(badEmail.status, 400);
    assert.match(badEmail.text, /href="#familyEmail">Enter the parent or carer&#39;s email address like name@example.org/);
    const mine = async () => (await rows()).filter((m) => m.case_id === caseId && m.kind.startsWith("review")).map((m) => `${m.kind}>${m.recipient}`);
    assert.deepEqual(await mine(), [], "a refused form writes no message");

    // Another council's case is not found; a councillor may not record casework.
    assert.equal((await caseworker.get(`/cases/${otherCase}/record/reviewMeeting`)).status, 404);
    assert.equal((await caseworker.post(`/cases/${otherCase}/record/reviewMeeting`, { _csrf: csrf, ...answers })).status, 404);
    const councillor = app.client();
    await councillor.signIn("councillor@demo-borough.example");
    const councillorCsrf = await councillor.csrfFrom("/account");
    assert.equal((await councillor.get(url)).status, 403);
    assert.equal((await councillor.post(url, { _csrf: councillorCsrf, ...answers })).status, 403);
    assert.deepEqual(await mine(), []);

    const saved = await caseworker.post(url, { _csrf: csrf, ...answers });
    assert.equal(saved.status, 303);
    assert.deepEqual((await mine()).sort(), ["reviewInvitation>mum@family.example", "reviewNoticeShort>caseworker@demo-borough.example"]);
    const otherMessages = await readAs(app.db, { councilId: other.id, userId: null }, (trx) =>
      trx.selectFrom("outbox_message").select("id").execute(),
    );
    assert.equal(otherMessages.length, 0, "nothing written in the other council");

    // The council's timings: the invitation days, read strictly.
    const manager = app.client();
    await manager.signIn("manager@demo-borough.example");
    const settings = await manager.get("/messages/settings");
    assert.match(settings.text, /Days before an annual review meeting the invitations are sent/);
    const managerCsrf = await manager.csrfFrom("/messages/settings");
    const timings = { _csrf: managerCsrf, linkGraceDays: "14", reminderWorkingDays: "5", escalateAfterDays: "5" };
    const short = await manager.post("/messages/settings/timings", { ...timings, reviewInvitationDays: "10" });
    assert.equal(short.status, 400);
    assert.match(
      short.text,
      /href="#reviewInvitationDays">Days before a review meeting the invitations are sent must be a whole number from 14 to 60/,
    );
    const extra = await manager.post("/messages/settings/timings", { ...timings, reviewInvitationDays: "21", linkGraceDaysAgain: "90" });
    assert.equal(extra.status, 400);
    assert.match(extra.text, /The form sent a field it does not have: linkGraceDaysAgain/);
    assert.equal((await manager.post("/messages/settings/timings", { ...timings, reviewInvitationDays: "21" })).status, 303);
    assert.equal((await caseworker.post("/messages/settings/timings", { ...timings, _csrf: csrf, reviewInvitationDays: "30" })).status, 403);
  });
});
