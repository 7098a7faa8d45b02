// Forums, meetings, actions' forums and meeting decisions against a real database (issue 13):
// audited, versioned, append-only decisions in the action's history and the next meeting pack,
// bad input saving nothing, and roles and council isolation.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { openSystem } from "../../composition.ts";
import type { Role } from "../../domain/roles.ts";
import { InvalidInput, NotAllowed, NotFound } from "../../platform/errors.ts";
import { openTestDatabase, type TestDatabase } from "../../platform/testing/test-database.ts";
import { readAs } from "../../platform/transaction.ts";
import { seedDemo } from "../demo/demo.seed.ts";
import { type MeetingReport, meetingReport } from "../reports/report-model.ts";
import { VersionConflict } from "./plans.setup.service.ts";

describe("forums, meetings and decisions", () => {
  let testDb: TestDatabase;
  let system: Awaited<ReturnType<typeof openSystem>>;
  let councilId: string;
  let otherCouncilId: string;
  let userId: string;
  const as = (roles: Role[], council = councilId) => ({ id: userId, councilId: council, roles });
  const lead = () => as(["improvement_lead"]);
  const counts = () =>
    readAs(system.db, { councilId, userId: null }, async (trx) => ({
      forums: (await trx.selectFrom("forum").select("id").execute()).length,
      meetings: (await trx.selectFrom("forum_meeting").select("id").execute()).length,
      decisions: (await trx.selectFrom("meeting_decision").select("id").execute()).length,
      links: (await trx.selectFrom("plan_action_forum").select("action_id").execute()).length,
      audit: (await trx.selectFrom("audit_event").select("id").execute()).length,
    }));

  before(async () => {
    testDb = await openTestDatabase();
    system = await openSystem(testDb.database);
    await seedDemo(system, { caseload: 0 });
    councilId = (await system.people.councilIdForCode("DEMO")) as string;
    otherCouncilId = (await system.people.createCouncil({ code: "OTHERF", name: "Other Forum Council" })).id;
    userId = (
      await readAs(system.db, { councilId, userId: null }, (trx) =>
        trx.selectFrom("app_user").select("id").where("email", "=", "lead@demo-borough.example").executeTakeFirstOrThrow(),
      )
    ).id;
  });
  after(async () => {
    await system.close();
    await testDb.close();
  });

  test("a forum is created, changed with a version, and given meetings; each change is audited; bad input saves nothing", async () => {
    const before = await counts();
    const forum = await system.forums.createForum(lead(), {
      name: "SEND Improvement Board",
      kind: "board",
      members: "DCS (chair)\nICB director",
      cycle: "Every six weeks",
    });
    assert.equal(forum.code, "send-improvement-board");
    assert.equal(forum.kind, "board");
    const changed = await system.forums.editForum(lead(), forum.id, {
      name: "SEND Improvement Board",
      kind: "board",
      cycle: "Monthly",
      version: forum.version,
    });
    assert.equal(changed.cycle, "Monthly");
    await assert.rejects(system.forums.editForum(lead(), forum.id, { name: "Stale", kind: "board", version: forum.version }), VersionConflict);
    await system.forums.addMeeting(lead(), forum.id, { date: "2026-09-10" });
    await system.forums.addMeeting(lead(), forum.id, { "date-day": "22", "date-month": "10", "date-year": "2026" });
    const after = await counts();
    assert.deepEqual(
      { forums: after.forums - before.forums, meetings: after.meetings - before.meetings, audit: after.audit - before.audit },
      { forums: 1, meetings: 2, audit: 4 },
    );

    await assert.rejects(
      system.forums.addMeeting(lead(), forum.id, { date: "2026-09-10" }),
      (e: unknown) => e instanceof InvalidInput && /already meets on 10 September 2026/.test(e.message),
    );
    await assert.rejects(
      system.forums.addMeeting(lead(), forum.id, { "date-day": "31", "date-month": "6", "date-year": "2026" }),
      (e: unknown) => e instanceof InvalidInput && e.problems[0]?.field === "date-day",
    );
    await assert.rejects(
      system.forums.createForum(lead(), { name: "", kind: "club" }),
      (e: unknown) => e instanceof InvalidInput && e.problems.length === 2,
    );
    await assert.rejects(system.forums.createForum(as(["councillor"]), { name: "x", kind: "board" }), NotAllowed);
    await assert.rejects(system.forums.addMeeting(as(["improvement_lead"], otherCouncilId), forum.id, { date: "2026-12-01" }), NotFound);
    assert.deepEqual(await counts(), after);
  });

  test("decisions on the forum's actions are kept, shown in the action's history and in the next meeting pack; a non-meeting is not found", async () => {
    const forum = await system.forums.createForum(lead(), { name: "Operational delivery group", kind: "operational-group" });
    await system.forums.addMeeting(lead(), forum.id, { date: "2022-02-01" });
    await system.forums.addMeeting(lead(), forum.id, { date: "2022-03-01" });
    const plan = await system.plans.loadPlan({ councilId, userId: null }, "system", "southend-peer-review-2022");
    const [first, second, third] = plan.actions;
    assert.ok(first && second && third);
    await system.forums.setActionForums(lead(), first.id, { forumIds: [forum.id] });
    await system.forums.setActionForums(lead(), second.id, { forumIds: [forum.id, ...(plan.forumsByAction.get(second.id) ?? [])] });
    // Only the forum's actions: a decision on another action is refused, and nothing is saved.
    const before = await counts();
    await assert.rejects(
      system.forums.recordDecisions(lead(), forum.id, "2022-02-01", { [`decision-${third.id}`]: "Agreed complete" }),
      InvalidInput,
    );
    await assert.rejects(
      system.forums.recordDecisions(lead(), forum.id, "2022-02-01", { [`decision-${first.id}`]: "" }),
      (e: unknown) => e instanceof InvalidInput && /at least one action/.test(e.message),
    );
    await assert.rejects(
      system.forums.recordDecisions(lead(), forum.id, "2022-02-02", { [`decision-${first.id}`]: "x" }),
      (e: unknown) => e instanceof NotFound && /has no meeting on 2 February 2022/.test(e.message),
    );
    await assert.rejects(system.forums.recordDecisions(as(["board_member"]), forum.id, "2022-02-01", { [`decision-${first.id}`]: "x" }), NotAllowed);
    await assert.rejects(system.forums.setActionForums(lead(), first.id, { forumIds: ["00000000-0000-4000-8000-000000000000"] }), InvalidInput);
    assert.deepEqual(await counts(), before);

    await system.forums.recordDecisions(lead(), forum.id, "2022-02-01", {
      [`decision-${first.id}`]: "Agreed complete",
      [`decision-${second.id}`]: "Deadline moved to June",
    });
    const after = await counts();
    assert.equal(after.decisions, before.decisions + 2);
    assert.equal(after.audit, before.audit + 1);

    const loaded = await system.plans.loadPlan({ councilId, userId: null }, "system", "southend-peer-review-2022");
    assert.deepEqual(
      loaded.decisionsByAction?.get(second.id)?.map((d) => `${d.meetingDate}: ${d.decision}`),
      ["2022-02-01: Deadline moved to June"],
    );
    const { forum: reportForum, plans } = await system.plans.loadForumPlans({ councilId, userId: null }, "system", forum.id);
    const pack: MeetingReport = meetingReport(plans, reportForum, "2022-03-01");
    assert.equal(pack.previousMeeting, "2022-02-01");
    assert.deepEqual(
      pack.previousDecisions.map((d) => `${d.number}: ${d.decision}`).sort(),
      [`${first.number}: Agreed complete`, `${second.number}: Deadline moved to June`].sort(),
    );
    // The pack for the first meeting has no earlier decisions.
    assert.deepEqual(meetingReport(plans, reportForum, "2022-02-01").previousDecisions, []);
    // Another council's forum is not found.
    await assert.rejects(system.forums.meetingActions(as(["improvement_lead"], otherCouncilId), forum.id, "2022-02-01"), NotFound);
  });
});
