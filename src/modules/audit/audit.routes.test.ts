// The audit trail over HTTP: plain words, sign-ins on a tab of their own, filters (person, action,
// child, dates) with clear errors, pages of 50, and a CSV export that is itself audited.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startTestApp, type TestClient } from "../../platform/testing/test-app.ts";
import { readAs } from "../../platform/transaction.ts";

describe("the audit trail", () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let councilId: string;
  let manager: TestClient;
  let managerId: string;
  let caseId: string;

  before(async () => {
    app = await startTestApp({ caseload: 5 });
    councilId = (await app.people.councilIdForCode("DEMO")) as string;
    manager = app.client();
    await manager.signIn("manager@demo-borough.example");
    await readAs(app.db, { councilId, userId: null }, async (trx) => {
      managerId = (await trx.selectFrom("app_user").select("id").where("email", "=", "manager@demo-borough.example").executeTakeFirstOrThrow()).id;
      caseId = (await trx.selectFrom("child_case").select("id").orderBy("id").executeTakeFirstOrThrow()).id;
      // 60 checks of plan files by the manager, on 1 March 2026 (UK time), and one view of a child's case.
      await trx
        .insertInto("audit_event")
        .values(
          Array.from({ length: 60 }, () => ({
            council_id: councilId,
            actor_user_id: managerId,
            at: new Date("2026-03-01T10:00:00Z"),
            action: "plan.import.check-asked",
            subject_type: "import_upload",
            subject_id: "00000000-0000-4000-8000-000000000000",
          })),
        )
        .execute();
      await trx
        .insertInto("audit_event")
        .values({
          council_id: councilId,
          actor_user_id: managerId,
          at: new Date("2026-03-02T00:42:00Z"),
          action: "case.viewed",
          subject_type: "case",
          subject_id: caseId,
          after: JSON.stringify({ reason: "managing" }),
        })
        .execute();
    });
  });
  after(async () => app.stop());

  test("activity is in plain words and UK time; sign-ins are on their own tab", async () => {
    const page = await manager.get("/audit");
    assert.equal(page.status, 200);
    assert.match(page.text, /Sam Manager asked for an uploaded plan file to be checked/);
    // No codes or JSON in the table (the filter's list keeps codes as its values).
    assert.doesNotMatch(page.text, />plan\.import\.check-asked<|\{&quot;/);
    assert.doesNotMatch(page.text, /Sam Manager signed in/);
    assert.doesNotMatch(page.text, /\b\d{1,2}:\d{2} ?(am|pm)\b/);
    const signIns = await manager.get("/audit?tab=sign-ins");
    assert.match(signIns.text, /Sam Manager signed in/);
    assert.doesNotMatch(signIns.text, /asked for an uploaded plan file/);
    assert.match(signIns.text, /aria-current="page" href="\/audit\?tab=sign-ins"/);
  });

  test("filters: a person, what happened, a child, and dates in UK time", async () => {
    const child = await manager.get(`/audit?case=${caseId}`);
    assert.match(child.text, /Showing <strong>1<\/strong> to <strong>1<\/strong> of <strong>1<\/strong> entry/);
    // A manager may see children: the name is given, and the time is the UK's (GMT in March).
    assert.match(child.text, /Sam Manager opened the case of [^<]+: “I manage or supervise this case”/);
    assert.match(child.text, /2 March 2026, 00:42/);

    const day = await manager.get("/audit?from-day=1&from-month=3&from-year=2026&to-day=1&to-month=3&to-year=2026");
    assert.match(day.text, /of <strong>60<\/strong> entries/);
    const byAction = await manager.get(`/audit?person=${managerId}&action=case.viewed`);
    assert.match(byAction.text, /of <strong>1<\/strong> entry/);

    const admin = app.client();
    await admin.signIn("admin@demo-borough.example");
    const forAdmin = await admin.get(`/audit?case=${caseId}`);
    assert.match(forAdmin.text, /opened a child(&#39;|')s case \(reference [0-9a-f]{8}\)/);
  });

  test("bad filters get messages saying what to fix, and no crash", async () => {
    const bad = await manager.get(
      "/audit?person=nobody&action=made.up&case=123&from-day=31&from-month=2&from-year=2026&to-day=1&to-month=1&to-year=2026",
    );
    assert.equal(bad.status, 400);
    assert.match(bad.text, /There is a problem/);
    assert.match(bad.text, /<title>Error: Audit trail – /);
    assert.match(bad.text, /Choose a person from the list/);
    assert.match(bad.text, /Choose what happened from the list/);
    assert.match(bad.text, /Enter the child&#39;s case reference/);
    assert.match(bad.text, /The date from must be a real date/);
    const order = await manager.get("/audit?from-day=2&from-month=3&from-year=2026&to-day=1&to-month=3&to-year=2026");
    assert.match(order.text, /The date to must be the same as or after the date from/);
    // Repeated or odd fields are ignored, not a crash.
    const odd = await manager.get("/audit?person=a&person=b&page=-3&__proto__=x&constructor=y");
    assert.equal(odd.status, 200);
    assert.match(odd.text, /Showing <strong>1<\/strong> to/);
  });

  test("pages of 50 with GOV.UK pagination", async () => {
    const first = await manager.get("/audit?action=plan.import.check-asked");
    assert.match(first.text, /Showing <strong>1<\/strong> to <strong>50<\/strong> of <strong>60<\/strong> entries/);
    assert.match(first.text, /class="govuk-pagination"/);
    assert.match(first.text, /href="\/audit\?action=plan.import.check-asked&amp;page=2"/);
    const second = await manager.get("/audit?action=plan.import.check-asked&page=2");
    assert.match(second.text, /Showing <strong>51<\/strong> to <strong>60<\/strong> of <strong>60<\/strong> entries/);
    const beyond = await manager.get("/audit?action=plan.import.check-asked&page=99");
    assert.match(beyond.text, /Showing <strong>51<\/strong> to <strong>60<\/strong>/);
  });

  test("the CSV export has every matching entry, for an auditor, and is itself audited", async () => {
    const csv = await manager.get("/audit.csv?action=plan.import.check-asked");
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get("content-type") ?? "", /^text\/csv/);
    assert.match(csv.headers.get("content-disposition") ?? "", /attachment; filename="audit-trail-demo-\d{4}-\d{2}-\d{2}\.csv"/);
    const lines = csv.text.trim().split("\r\n");
    assert.equal(lines.length, 61);
    assert.match(
      lines[1] ?? "",
      /^2026-03-01T10:00:00.000Z,"1 March 2026, 10:00",Sam Manager,Sam Manager asked for an uploaded plan file to be checked,plan.import.check-asked,/,
    );
    const exported = await manager.get("/audit?action=audit.exported");
    assert.match(exported.text, /Sam Manager downloaded the audit trail \(60 entries\)/);
  });

  test("only administrators and SEND managers may read it", async () => {
    const caseworker = app.client();
    await caseworker.signIn("caseworker@demo-borough.example");
    assert.equal((await caseworker.get("/audit")).status, 403);
    assert.equal((await caseworker.get("/audit.csv")).status, 403);
  });
});
