// Meeting packs: a forum's meeting, the actions reporting to it, their progress and exceptions,
// and what changed since the forum's previous meeting; through the service, HTTP and the form.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { InvalidInput } from "../../platform/errors.ts";
import { startTestApp } from "../../platform/testing/test-app.ts";
import type { MeetingReport } from "./report-model.ts";
import { ReportsService } from "./reports.service.ts";

describe("meeting packs", () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let reports: ReportsService;
  let actor: { councilId: string; userId: null };
  let southendId: string;
  let forumId: string;

  before(async () => {
    app = await startTestApp({ caseload: 0 });
    reports = new ReportsService(app.plans, () => "2022-03-15");
    actor = { councilId: (await app.people.councilIdForCode("DEMO")) as string, userId: null };
    southendId = (await app.plans.listPlansAs(actor)).find((p) => p.external_id === "southend-peer-review-2022")?.id as string;
    const forums = await app.plans.listForums({ id: "x", councilId: actor.councilId, roles: ["board_member"] });
    forumId = forums.find((f) => f.code === "people-scrutiny")?.id as string;
    assert.ok(forumId);
  });
  after(async () => app.stop());

  test("the pack has the forum's actions as at the meeting, changes since its previous meeting, and exceptions", async () => {
    const pack = (await reports.report(actor, ["board_member"], null, {
      kind: "meeting",
      forum: "people-scrutiny",
      meeting: "2022-03-15",
    })) as MeetingReport;
    assert.equal(pack.kind, "meeting");
    assert.equal(pack.asAt, "2022-03-15");
    assert.equal(pack.previousMeeting, "2022-02-08");
    assert.equal(pack.since, "2022-02-08");
    assert.match(pack.title, /People Scrutiny Committee: meeting pack for 15 March 2022/);
    // The same actions as the forum's own page shows as at the meeting.
    const view = await app.plans.forum({ id: "x", councilId: actor.councilId, roles: ["board_member"] }, forumId, "2022-03-15");
    const rows = pack.plans.flatMap((p) => p.progress.rows);
    assert.ok(rows.length > 0);
    assert.deepEqual(rows.map((r) => r.actionId).sort(), view.actions.map((a) => a.id).sort());
    assert.deepEqual(
      pack.plans.map((p) => p.plan.id),
      [southendId],
    );
    const part = pack.plans[0];
    assert.ok(part);
    assert.equal(part.changes.since, "2022-02-08");
    for (const c of part.changes.newCommentary) assert.ok(c.date > "2022-02-08" && c.date <= "2022-03-15");
    // Every exception is one of the forum's actions.
    const ids = new Set(rows.map((r) => r.actionId));
    for (const e of part.exceptions.rows) assert.ok(ids.has(e.actionId));
    // A first meeting measures changes from three months before.
    const first = (await reports.report(actor, "system", southendId, { kind: "meeting", forum: forumId, meeting: "2021-11-30" })) as MeetingReport;
    assert.equal(first.previousMeeting, null);
    assert.equal(first.since, "2021-08-30");
  });

  test("a pack for a date that is not a meeting of the forum is refused, naming the forum's meetings", async () => {
    await assert.rejects(
      reports.report(actor, "system", southendId, { kind: "meeting", forum: forumId, meeting: "2022-03-16" }),
      (error: unknown) => {
        assert.ok(error instanceof InvalidInput);
        assert.equal(error.problems[0]?.field, "meeting");
        assert.match(
          error.problems[0]?.message ?? "",
          /^16 March 2022 is not a meeting of People Scrutiny Committee\. Its meetings are on 30 November 2021, 8 February 2022, 15 March 2022/,
        );
        return true;
      },
    );
    const lead = app.client();
    await lead.signIn("lead@demo-borough.example");
    const refused = await lead.get(`/forums/${forumId}/reports/meeting.json?meeting=2022-03-16`);
    assert.equal(refused.status, 400);
    assert.equal(JSON.parse(refused.text).errors[0].field, "meeting");
  });

  test("the API, the forum's address and the download form give the pack; bad input is named", async () => {
    const lead = app.client();
    await lead.signIn("lead@demo-borough.example");
    const csv = await lead.get(`/forums/${forumId}/reports/meeting.csv?meeting=2022-03-15`);
    assert.equal(csv.status, 200);
    // Records end in CRLF; line breaks inside the demo's cells are bare LF.
    const table = csv.text
      .replace(/^\uFEFF/, "")
      .split("\r\n")
      .filter(Boolean)
      .map((line) => line.split(","));
    const view = await app.plans.forum({ id: "x", councilId: actor.councilId, roles: ["board_member"] }, forumId, "2022-03-15");
    assert.equal(table.length, view.actions.length + 1);
    assert.deepEqual(table[0]?.slice(0, 3), ["Plan", "No", "Recommendation"]);
    const json = await lead.get(`/plans/${southendId}/reports/meeting.json?forum=people-scrutiny&meeting=2022-03-15`);
    assert.equal(json.status, 200);
    assert.equal(JSON.parse(json.text).previousMeeting, "2022-02-08");
    const noForum = await lead.get(`/plans/${southendId}/reports/meeting.json?meeting=2022-03-15`);
    assert.equal(noForum.status, 400);
    assert.equal(JSON.parse(noForum.text).errors[0].field, "forum");
    const noDate = await lead.get(`/forums/${forumId}/reports/meeting.json`);
    assert.equal(JSON.parse(noDate.text).errors[0].field, "meeting");
    assert.equal((await lead.get("/forums/no-such-forum/reports/meeting.json?meeting=2022-03-15")).status, 404);
    const page = await lead.get(`/plans/${southendId}/reports`);
    assert.match(page.text, /Meeting pack/);
    assert.match(page.text, /name="forum"/);
    assert.match(page.text, /People Scrutiny Committee/);
    const submitted = await lead.get(
      `/plans/${southendId}/reports?kind=meeting&format=docx&forum=${forumId}&meeting-day=15&meeting-month=3&meeting-year=2022`,
    );
    assert.equal(submitted.status, 303);
    assert.equal(submitted.headers.get("location"), `/plans/${southendId}/reports/meeting.docx?forum=${forumId}&meeting=2022-03-15`);
    const docx = await lead.get(submitted.headers.get("location") as string);
    assert.equal(docx.status, 200);
  });
});
