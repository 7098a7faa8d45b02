// Casework over HTTP: who may see children's records, the worklist pages and the downloads.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { EVENT_KINDS } from "../../domain/cases/events.ts";
import { startTestApp } from "../../platform/testing/test-app.ts";

describe("casework pages", () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  before(async () => {
    app = await startTestApp();
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
    const xlsx = await caseworker.get("/cases/register.xlsx");
    assert.equal(xlsx.status, 200);
    assert.match(xlsx.headers.get("content-type") ?? "", /spreadsheetml/);
    assert.equal((await caseworker.get("/cases/worklists/not-a-list")).status, 404);
    assert.equal((await caseworker.get("/cases/not-a-uuid")).status, 404);
  });

  test("the case page offers every kind of event, and each form opens", async () => {
    const caseworker = app.client();
    await caseworker.signIn("caseworker@demo-borough.example");
    const caseId = (await caseworker.get("/cases/register")).text.match(/href="\/cases\/([0-9a-f-]{36})"/)?.[1] as string;
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
