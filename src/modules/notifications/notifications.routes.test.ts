// Messages over HTTP on a real server: who may open the log and the settings; the wording preview
// and its error summary; a caseworker's advice request through the case form writes a message that
// the pg-boss job sends; the link's page (no account) shows the request, takes the advice, and then
// refuses; wrong links get a plain refusal.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startTestApp } from "../../platform/testing/test-app.ts";
import { readAs } from "../../platform/transaction.ts";

describe("message pages and the advice link", () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let councilId: string;
  before(async () => {
    app = await startTestApp({ caseload: 0 });
    councilId = (await app.people.councilIdForCode("DEMO")) as string;
  });
  after(async () => app.stop());
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
    const linkId = (await app.notifications.adviceLinks(who, caseId)).find((l) => l.recipient === "wrong@person.example")?.id as string;
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
});
