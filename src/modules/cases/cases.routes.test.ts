// Casework over HTTP: who may see children's records, the worklist pages and the downloads.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { EVENT_KINDS } from "../../domain/cases/events.ts";
import { startTestApp } from "../../platform/testing/test-app.ts";
import { readAs } from "../../platform/transaction.ts";

describe("casework pages", () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let councilId: string;
  before(async () => {
    app = await startTestApp();
    councilId = (await app.people.councilIdForCode("DEMO")) as string;
  });
  after(async () => app.stop());

  test("board members and councillors get no child-level page or download", async () => {
    for (const email of ["board@demo-borough.example", "councillor@demo-borough.example", "lead@demo-borough.example"]) {
      const client = app.client();
      await client.signIn(email);
      for (const path of ["/cases/worklists/overdue", "/cases/register", "/cases/register.csv", "/cases/new"]) {
        assert.equal((await client.get(path)).status, 403, `${email} ${path}`);
      }
      assert.doesNotMatch((await client.get("/")).text, /href="\/cases"/);
    }
  });

  test("a caseworker's worklists say why each case is there; the register downloads as CSV and Excel", async () => {
    const caseworker = app.client();
    await caseworker.signIn("caseworker@demo-borough.example");
    const home = await caseworker.get("/cases");
    assert.equal(home.headers.get("location"), "/cases/worklists/my-cases");
    const mine = await caseworker.get("/cases/worklists/my-cases");
    assert.equal(mine.status, 200);
    assert.match(mine.text, /Your case: /);
    const overdue = await caseworker.get("/cases/worklists/overdue");
    assert.match(overdue.text, /Overdue \(\d+\)/);
    const csv = await caseworker.get("/cases/register.csv");
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get("content-disposition") ?? "", /attachment; filename="?register-demo.csv"?/);
    assert.match(
      csv.text,
      /^\uFEFF?Name,Date of birth,UPN,Setting,Setting type,Out of authority,Residential,Last review,Next review due,Last visit,Next visit due,Awaiting provision,Missing education,Caseworker\r\n/,
    );
    // On screen the register shows its key columns; the rest are one link away (issue 20).
    const headersOf = (html: string) => [...html.matchAll(/<th scope="col" class="govuk-table__header">([^<]+)<\/th>/g)].map((m) => m[1]);
    const register = await caseworker.get("/cases/register");
    assert.deepEqual(headersOf(register.text), ["Name", "Date of birth", "Setting", "Next review due", "Next visit due", "Caseworker"]);
    assert.match(register.text, /href="\?columns=all&amp;search=">show all 14 columns<\/a>/);
    assert.match(register.text, /class="govuk-table__cell app-nowrap" data-label="Date of birth">\d{1,2} [A-Z][a-z]+ \d{4}</);
    const everything = await caseworker.get("/cases/register?columns=all");
    assert.equal(headersOf(everything.text).length, 14);
    assert.match(everything.text, /role="region" aria-label="Register, all columns \(scrolls sideways\)" tabindex="0"/);
    const xlsx = await caseworker.get("/cases/register.xlsx");
    assert.equal(xlsx.status, 200);
    assert.match(xlsx.headers.get("content-type") ?? "", /spreadsheetml/);
    assert.equal((await caseworker.get("/cases/worklists/not-a-list")).status, 404);
    assert.equal((await caseworker.get("/cases/not-a-uuid")).status, 404);
  });

  test("someone who is not the child's caseworker says why before the record opens; the reason is audited", async () => {
    const manager = app.client();
    await manager.signIn("manager@demo-borough.example");
    // A child whose caseworker is someone else.
    const caseId = await readAs(app.db, { councilId, userId: null }, async (trx) => {
      const me = await trx.selectFrom("app_user").select("id").where("email", "=", "manager@demo-borough.example").executeTakeFirstOrThrow();
      const other = await trx.selectFrom("child_case").select("id").where("caseworker_user_id", "<>", me.id).executeTakeFirstOrThrow();
      return other.id;
    });
    const asked = await manager.get(`/cases/${caseId}/timeline`);
    assert.equal(asked.status, 200);
    assert.match(asked.text, /Why do you need to see this record\?/);
    assert.doesNotMatch(asked.text, /Statutory deadlines on|Date of birth/, "nothing of the child's record before a reason");
    assert.match(asked.text, new RegExp(`name="returnTo" value="/cases/${caseId}/timeline"`));
    const csrf = /name="_csrf" value="([^"]+)"/.exec(asked.text)?.[1] as string;

    const none = await manager.post(`/cases/${caseId}/reason`, { _csrf: csrf, returnTo: `/cases/${caseId}/timeline` });
    assert.equal(none.status, 400);
    assert.match(none.text, /href="#reason">Select why you need to see this record/);
    const vague = await manager.post(`/cases/${caseId}/reason`, { _csrf: csrf, reason: "other", returnTo: `/cases/${caseId}/timeline` });
    assert.match(vague.text, /href="#detail">Say why you need to see this record/);
    // A return address off this case is not followed.
    const away = await manager.post(`/cases/${caseId}/reason`, { _csrf: csrf, reason: "enquiry", returnTo: "//evil.example/cases" });
    assert.equal(away.headers.get("location"), `/cases/${caseId}`);

    const page = await manager.get(`/cases/${caseId}/timeline`);
    assert.match(page.text, /Timeline/);
    assert.doesNotMatch(page.text, /Why do you need to see this record/);
    const audit = await readAs(app.db, { councilId, userId: null }, (trx) =>
      trx.selectFrom("audit_event").select(["action", "after"]).where("subject_id", "=", caseId).orderBy("id").execute(),
    );
    assert.deepEqual(audit.at(-2), { action: "case.access-reason-given", after: { reason: "enquiry", detail: "" } });
    assert.deepEqual(audit.at(-1), { action: "case.viewed", after: { reason: "enquiry" } });
    assert.equal(audit.filter((a) => a.action === "case.viewed").length, 1, "a refused view shows nothing, so records no view");
  });

  test("the child's own caseworker is not asked", async () => {
    const caseworker = app.client();
    await caseworker.signIn("caseworker@demo-borough.example");
    const mine = await caseworker.get("/cases/worklists/my-cases");
    const caseId = mine.text.match(/href="\/cases\/([0-9a-f-]{36})"/)?.[1] as string;
    assert.ok(caseId);
    const page = await caseworker.get(`/cases/${caseId}`);
    assert.match(page.text, /Statutory deadlines on/);
  });

  test("the case page offers every kind of event, and each form opens", async () => {
    const caseworker = app.client();
    await caseworker.signIn("caseworker@demo-borough.example");
    const caseId = (await caseworker.get("/cases/worklists/my-cases")).text.match(/href="\/cases\/([0-9a-f-]{36})"/)?.[1] as string;
    const page = await caseworker.get(`/cases/${caseId}`);
    assert.equal(page.status, 200);
    assert.match(page.text, /Statutory deadlines on/);
    for (const kind of EVENT_KINDS) {
      assert.ok(page.text.includes(`/cases/${caseId}/record/${kind}"`), kind);
      assert.equal((await caseworker.get(`/cases/${caseId}/record/${kind}`)).status, 200, kind);
    }
    for (const section of ["timeline", "plan", "placements"])
      assert.equal((await caseworker.get(`/cases/${caseId}/${section}`)).status, 200, section);
  });

  test("viewing and downloading the register is audited: who, what, how many children", async () => {
    const caseworker = app.client();
    await caseworker.signIn("caseworker@demo-borough.example");
    const registerAudit = () =>
      readAs(app.db, { councilId, userId: null }, (trx) =>
        trx
          .selectFrom("audit_event")
          .innerJoin("app_user", "app_user.id", "audit_event.actor_user_id")
          .select(["action", "subject_type", "after", "app_user.email"])
          .where("action", "like", "cases.register%")
          .orderBy("audit_event.id")
          .execute(),
      );
    const before = (await registerAudit()).length;
    const total = Number(
      (
        await readAs(app.db, { councilId, userId: null }, (trx) =>
          trx
            .selectFrom("child_case")
            .select((eb) => eb.fn.countAll().as("n"))
            .where("has_plan", "=", true)
            .executeTakeFirstOrThrow(),
        )
      ).n,
    );
    assert.equal((await caseworker.get("/cases/register?search=a&page=1")).status, 200);
    assert.equal((await caseworker.get("/cases/register.csv")).status, 200);
    assert.equal((await caseworker.get("/cases/register.xlsx")).status, 200);
    const rows = (await registerAudit()).slice(before);
    assert.equal(rows.length, 3, "one audit row per view or download");
    const [viewed, csv, xlsx] = rows;
    assert.equal(viewed?.email, "caseworker@demo-borough.example");
    assert.equal(viewed?.action, "cases.register.viewed");
    const view = viewed?.after as { format: string; search: string; page: number; children: number };
    assert.deepEqual({ format: view.format, search: view.search, page: view.page }, { format: "page", search: "a", page: 1 });
    assert.ok(view.children > 0 && view.children <= 50, `children shown on the page: ${view.children}`);
    assert.deepEqual({ action: csv?.action, after: csv?.after }, { action: "cases.register.downloaded", after: { format: "csv", children: total } });
    assert.deepEqual(
      { action: xlsx?.action, after: xlsx?.after },
      { action: "cases.register.downloaded", after: { format: "xlsx", children: total } },
    );
  });

  test("a reason of constructor or __proto__ gets an error summary, not a fault", async () => {
    const manager = app.client();
    await manager.signIn("manager@demo-borough.example");
    const caseId = await readAs(app.db, { councilId, userId: null }, async (trx) => {
      const me = await trx.selectFrom("app_user").select("id").where("email", "=", "manager@demo-borough.example").executeTakeFirstOrThrow();
      return (await trx.selectFrom("child_case").select("id").where("caseworker_user_id", "<>", me.id).executeTakeFirstOrThrow()).id;
    });
    const csrf = /name="_csrf" value="([^"]+)"/.exec((await manager.get(`/cases/${caseId}`)).text)?.[1] as string;
    for (const reason of ["constructor", "__proto__", "toString", "hasOwnProperty"]) {
      const response = await manager.post(`/cases/${caseId}/reason`, { _csrf: csrf, reason, returnTo: `/cases/${caseId}` });
      assert.equal(response.status, 400, `reason=${reason}`);
      assert.match(response.text, /href="#reason">Select why you need to see this record/, reason);
    }
  });

  test("a case event keeps only its own fields: unknown fields are refused with a clear message", async () => {
    const caseworker = app.client();
    await caseworker.signIn("caseworker@demo-borough.example");
    const caseId = (await caseworker.get("/cases/worklists/my-cases")).text.match(/href="\/cases\/([0-9a-f-]{36})"/)?.[1] as string;
    const form = await caseworker.get(`/cases/${caseId}/record/visitRecorded`);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.text)?.[1] as string;
    const version = /name="version" value="(\d+)"/.exec(form.text)?.[1] as string;
    const events = () =>
      readAs(app.db, { councilId, userId: null }, (trx) =>
        trx.selectFrom("case_event").select(["kind", "data"]).where("case_id", "=", caseId).orderBy("id").execute(),
      );
    const before = (await events()).length;
    const visit = { _csrf: csrf, version, "date-day": "2", "date-month": "3", "date-year": "2026" };
    const junk = await caseworker.post(`/cases/${caseId}/record/visitRecorded`, { ...visit, junk: "x".repeat(150_000 / 2) });
    assert.equal(junk.status, 400);
    assert.match(junk.text, /There is a problem/);
    assert.match(junk.text, /The form sent a field it does not have: junk/);
    assert.equal((await events()).length, before, "nothing saved");
    const proto = await caseworker.request(
      "POST",
      `/cases/${caseId}/record/visitRecorded`,
      `${new URLSearchParams(visit)}&__proto__=x&constructor=y`,
      {
        "content-type": "application/x-www-form-urlencoded",
      },
    );
    assert.equal(proto.status, 400);
    const saved = await caseworker.post(`/cases/${caseId}/record/visitRecorded`, visit);
    assert.equal(saved.status, 303);
    const last = (await events()).at(-1);
    assert.deepEqual(last, { kind: "visitRecorded", data: { date: "2026-03-02" } });
  });

  test("a forged CSRF token cannot record an event", async () => {
    const caseworker = app.client();
    await caseworker.signIn("caseworker@demo-borough.example");
    const register = await caseworker.get("/cases/register");
    const caseId = register.text.match(/href="\/cases\/([0-9a-f-]{36})"/)?.[1] as string;
    const response = await caseworker.post(`/cases/${caseId}/record/visitRecorded`, {
      _csrf: "forged",
      "date-day": "1",
      "date-month": "1",
      "date-year": "2026",
    });
    assert.equal(response.status, 403);
  });
});
