// Strict form parsing everywhere (issue 12, "only known fields, own-property checks"): each form
// below is sent with a field it does not have, and with `__proto__` or `constructor` among its
// fields. Each is refused with a 400 that names the field, and nothing is saved or audited.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { startTestApp, type TestClient } from "./testing/test-app.ts";
import { readAs } from "./transaction.ts";

describe("every form refuses a field it does not have, and saves nothing", () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let councilId: string;
  let manager: TestClient;
  let admin: TestClient;
  const ids: Record<string, string> = {};

  // A session keeps its CSRF token, so each client's is read once.
  const tokens = new Map<TestClient, string>();
  const tokenOf = async (client: TestClient) => {
    if (!tokens.has(client)) tokens.set(client, await client.csrfFrom(client === manager || client === admin ? "/account" : "/sign-in"));
    return tokens.get(client) as string;
  };
  const audits = () =>
    readAs(app.db, { councilId, userId: null }, async (trx) => (await trx.selectFrom("audit_event").select("id").execute()).length);

  before(async () => {
    app = await startTestApp({ caseload: 5 });
    councilId = (await app.people.councilIdForCode("DEMO")) as string;
    manager = app.client();
    assert.equal((await manager.signIn("manager@demo-borough.example")).status, 303);
    admin = app.client();
    assert.equal((await admin.signIn("admin@demo-borough.example")).status, 303);
    await readAs(app.db, { councilId, userId: null }, async (trx) => {
      const plan = await trx.selectFrom("plan").select("id").where("external_id", "=", "southend-peer-review-2022").executeTakeFirstOrThrow();
      const action = await trx
        .selectFrom("plan_action")
        .select(["id", "section_id"])
        .where("plan_id", "=", plan.id)
        .orderBy("position")
        .executeTakeFirstOrThrow();
      const meeting = await trx.selectFrom("forum_meeting").select(["forum_id", "meeting_date"]).executeTakeFirstOrThrow();
      const person = await trx.selectFrom("app_user").select("id").where("email", "=", "caseworker@demo-borough.example").executeTakeFirstOrThrow();
      Object.assign(ids, {
        plan: plan.id,
        action: action.id,
        section: action.section_id,
        forum: meeting.forum_id,
        date: String(meeting.meeting_date).slice(0, 10),
        person: person.id,
      });
    });
  });
  after(async () => app.stop());

  /** Each form: who sends it, where, and fields it does have (so only the forged one is wrong). */
  const FORMS: { path: () => string; as: () => TestClient | "nobody"; fields: Record<string, string> }[] = [
    { path: () => "/plans/new", as: () => manager, fields: { title: "A plan", type: "wsoa", owner: "Someone" } },
    {
      path: () => "/plans",
      as: () => manager,
      fields: { title: "A plan", type: "wsoa", owner: "Someone", approvedOn: "2026-01-05", scheme: "four-state" },
    },
    { path: () => `/plans/${ids.plan}/details`, as: () => manager, fields: { title: "Renamed", version: "1" } },
    { path: () => `/plans/${ids.plan}/scheme`, as: () => manager, fields: { name: "Ours", "label-0": "Done" } },
    { path: () => `/plans/${ids.plan}/sections`, as: () => manager, fields: { number: "9", title: "A section", kind: "theme" } },
    { path: () => `/sections/${ids.section}/edit`, as: () => manager, fields: { number: "9", title: "Renamed", kind: "theme", version: "1" } },
    { path: () => `/sections/${ids.section}/reorder`, as: () => manager, fields: { direction: "down" } },
    {
      path: () => `/plans/${ids.plan}/actions`,
      as: () => manager,
      fields: { sectionId: ids.section as string, number: "9.9", text: "New", timescale: "TBC" },
    },
    { path: () => `/actions/${ids.action}/move`, as: () => manager, fields: { sectionId: ids.section as string } },
    { path: () => `/actions/${ids.action}/retire`, as: () => manager, fields: { reason: "Done with", version: "1" } },
    { path: () => `/actions/${ids.action}/updates`, as: () => manager, fields: { status: "on-track", commentary: "Fine", date: "2022-03-01" } },
    { path: () => `/actions/${ids.action}/edit`, as: () => manager, fields: { number: "1.1", text: "Changed", timescale: "TBC", version: "1" } },
    { path: () => "/forums", as: () => manager, fields: { name: "A forum", kind: "board" } },
    { path: () => `/forums/${ids.forum}/edit`, as: () => manager, fields: { name: "Renamed", kind: "board", version: "1" } },
    { path: () => `/forums/${ids.forum}/meetings`, as: () => manager, fields: { date: "2026-01-05" } },
    { path: () => `/forums/${ids.forum}/meetings/${ids.date}/decisions`, as: () => manager, fields: { [`decision-${ids.action}`]: "Agreed" } },
    { path: () => `/actions/${ids.action}/forums`, as: () => manager, fields: { forumIds: ids.forum as string } },
    {
      path: () => `/actions/${ids.action}/measures`,
      as: () => manager,
      fields: { measureId: "timeliness", targetValue: "60", targetDate: "2027-01-31" },
    },
    { path: () => `/actions/${ids.action}/measures/${randomUUID()}/keep-rating`, as: () => manager, fields: { reason: "Because" } },
    { path: () => `/plans/${ids.plan}/publication`, as: () => manager, fields: { published: "yes" } },
    { path: () => `/plans/${ids.plan}/close`, as: () => manager, fields: { [`disposition-${ids.action}`]: "completed" } },
    { path: () => "/returns/sen2/settings", as: () => manager, fields: { laNumber: "999" } },
    { path: () => "/returns/sen2/export", as: () => manager, fields: { year: "2027", allowErrors: "Checked by hand" } },
    { path: () => "/messages/settings/channels", as: () => manager, fields: { "channel-adviceRequest": "letter" } },
    { path: () => "/messages/settings/timings", as: () => manager, fields: { reminderWorkingDays: "5" } },
    { path: () => "/messages/templates/adviceRequest", as: () => manager, fields: { subject: "Hello", body: "Text", action: "save" } },
    { path: () => "/account/digests", as: () => manager, fields: { digests: "weeklyCaseload" } },
    { path: () => "/people/invite", as: () => admin, fields: { displayName: "New Person", email: "new@demo-borough.example", roles: "caseworker" } },
    { path: () => `/people/${ids.person}/roles`, as: () => admin, fields: { roles: "send_manager" } },
    { path: () => "/sign-in", as: () => "nobody", fields: { email: "lead@demo-borough.example", password: "kettle orbit marmalade", returnTo: "/" } },
  ];

  for (const form of FORMS) {
    const route = form.path().replace(/undefined|[0-9a-f]{8}-[0-9a-f-]{27}/g, ":id");
    test(`POST ${route}`, async () => {
      const client = form.as() === "nobody" ? app.client() : (form.as() as TestClient);
      const path = form.path();
      const before = await audits();
      for (const forged of ["forged", "constructor"]) {
        const token = await tokenOf(client);
        const sent = await client.request("POST", path, `${new URLSearchParams({ _csrf: token, ...form.fields })}&${forged}=1`, {
          "content-type": "application/x-www-form-urlencoded",
        });
        assert.equal(sent.status, 400, `${path} with ${forged}: ${sent.status} ${sent.headers.get("location") ?? ""}`);
        assert.match(sent.text, new RegExp(`does not have: ${forged}`), `${path} names ${forged}`);
        assert.match(sent.text, /govuk-error-summary/);
      }
      assert.equal(await audits(), before, `${path} saved or audited something`);
      if (form.as() === "nobody") assert.equal((await client.get("/account")).status !== 200, true, "not signed in");
    });
  }

  test("a file upload's form with a field it does not have is refused too, before the file is kept", async () => {
    const before = await audits();
    const token = await manager.csrfFrom("/account");
    for (const [path, field] of [
      [`/actions/${ids.action}/evidence`, "file"],
      ["/plans/import", "file"],
      ["/returns/sen2/import", "file"],
    ] as const) {
      const form = new FormData();
      form.append("forged", "1");
      form.append(field, new Blob(["a,b\n1,2\n"], { type: "text/csv" }), "plan.csv");
      const response = await fetch(`${app.baseUrl}${path}`, {
        method: "POST",
        body: form,
        redirect: "manual",
        headers: { cookie: [...manager.cookies].map(([k, v]) => `${k}=${v}`).join("; "), "x-csrf-token": token },
      });
      const text = await response.text();
      assert.equal(response.status, 400, `${path}: ${response.status}`);
      assert.match(text, /does not have: forged/, path);
    }
    assert.equal(await audits(), before);
  });
});
