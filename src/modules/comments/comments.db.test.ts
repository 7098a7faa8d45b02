// Partners' comments against a real database (issue 13 part 6): a partner comments on an action;
// nobody else sees it until the improvement lead approves it; a hidden comment's author sees why;
// approved comments reach the meeting pack as "what partners said"; every step is audited; bad
// input, the wrong role and another council's ids save nothing.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { openSystem } from "../../composition.ts";
import type { Role } from "../../domain/roles.ts";
import { londonToday } from "../../platform/clock.ts";
import { InvalidInput, NotAllowed, NotFound } from "../../platform/errors.ts";
import { openTestDatabase, type TestDatabase } from "../../platform/testing/test-database.ts";
import { readAs } from "../../platform/transaction.ts";
import { seedDemo } from "../demo/demo.seed.ts";
import { toDocument } from "../reports/render/document.ts";
import { meetingReport } from "../reports/report-model.ts";

describe("partners' comments", () => {
  let testDb: TestDatabase;
  let system: Awaited<ReturnType<typeof openSystem>>;
  let councilId: string;
  let otherCouncilId: string;
  let actionId: string;
  let otherActionId: string;
  const ids: Record<string, string> = {};
  const as = (email: string, roles: Role[], council = () => councilId) => ({
    id: ids[email] as string,
    councilId: council(),
    roles,
    displayName: email,
  });
  const partner = () => ({ ...as("partner@demo-borough.example", ["partner"]), displayName: "Pat Partner" });
  const lead = () => as("lead@demo-borough.example", ["improvement_lead"]);
  const councillor = () => as("councillor@demo-borough.example", ["councillor"]);
  const counts = () =>
    readAs(system.db, { councilId, userId: null }, async (trx) => ({
      comments: (await trx.selectFrom("partner_comment").select("id").execute()).length,
      audit: (await trx.selectFrom("audit_event").select("id").where("action", "like", "action.partner-comment.%").execute()).length,
    }));

  before(async () => {
    testDb = await openTestDatabase();
    system = await openSystem(testDb.database);
    await seedDemo(system, { caseload: 0 });
    councilId = (await system.people.councilIdForCode("DEMO")) as string;
    otherCouncilId = (await system.people.createCouncil({ code: "OTHERC", name: "Other Comment Council" })).id;
    await readAs(system.db, { councilId, userId: null }, async (trx) => {
      for (const u of await trx.selectFrom("app_user").select(["id", "email"]).execute()) ids[u.email] = u.id;
      const plan = await trx.selectFrom("plan").select("id").where("external_id", "=", "southend-peer-review-2022").executeTakeFirstOrThrow();
      actionId = (await trx.selectFrom("plan_action").select("id").where("plan_id", "=", plan.id).orderBy("position").executeTakeFirstOrThrow()).id;
    });
    await system.plans.createPlanFromSeed(
      { councilId: otherCouncilId, userId: null },
      { ...(await import("../plans/demo/southend-peer-review-2022.ts")).southendPeerReview, externalId: "other-plan" },
    );
    otherActionId = await readAs(
      system.db,
      { councilId: otherCouncilId, userId: null },
      async (trx) => (await trx.selectFrom("plan_action").select("id").executeTakeFirstOrThrow()).id,
    );
  });
  after(async () => {
    await system.close();
    await testDb.close();
  });

  test("a comment waits for the lead: its author and the lead see it, nobody else; it is audited", async () => {
    const before = await counts();
    const saved = await system.comments.addComment(partner(), actionId, {
      organisation: " Southend SEND Independent Forum ",
      comment: "Parents tell us the panel letters are clearer now.",
    });
    assert.equal(saved.moderation, "pending");
    assert.equal(saved.author, "Pat Partner");
    assert.equal(saved.organisation, "Southend SEND Independent Forum");
    assert.deepEqual(await counts(), { comments: before.comments + 1, audit: before.audit + 1 });
    const seenBy = async (user: ReturnType<typeof lead>) => (await system.comments.commentsOnAction(user, actionId)).comments.map((c) => c.id);
    assert.ok((await seenBy(partner())).includes(saved.id), "its author sees it");
    assert.ok((await seenBy(lead())).includes(saved.id), "the lead sees it, to approve it");
    assert.ok(!(await seenBy(councillor())).includes(saved.id), "a councillor does not see it yet");
    assert.equal(
      (await system.comments.pendingForPlan(lead(), (await system.comments.commentsOnAction(lead(), actionId)).action.planId)).comments.length >= 1,
      true,
    );
    assert.equal(await system.comments.lastOrganisation(partner()), "Southend SEND Independent Forum");
  });

  test("bad input, the wrong role and another council's action save nothing", async () => {
    const before = await counts();
    await assert.rejects(system.comments.addComment(partner(), actionId, { organisation: "", comment: "" }), (e: unknown) => {
      assert.ok(e instanceof InvalidInput);
      assert.deepEqual(
        e.problems.map((p) => p.field),
        ["organisation", "comment"],
      );
      return true;
    });
    await assert.rejects(
      system.comments.addComment(partner(), actionId, { organisation: "Forum", comment: "x".repeat(2001) }),
      /2,000 characters or fewer/,
    );
    await assert.rejects(system.comments.addComment(councillor(), actionId, { organisation: "Forum", comment: "Hello" }), NotAllowed);
    await assert.rejects(system.comments.addComment(lead(), actionId, { organisation: "Forum", comment: "Hello" }), NotAllowed);
    await assert.rejects(system.comments.addComment(partner(), otherActionId, { organisation: "Forum", comment: "Hello" }), NotFound);
    await assert.rejects(system.comments.addComment(partner(), "not-an-id", { organisation: "Forum", comment: "Hello" }), NotFound);
    await assert.rejects(system.comments.commentsOnAction(partner(), otherActionId), NotFound);
    assert.deepEqual(await counts(), before);
  });

  test("the lead hides one with a reason its author sees, approves another, and each is decided once; the meeting pack shows only the approved", async () => {
    const hiddenOne = await system.comments.addComment(partner(), actionId, { organisation: "SSIF", comment: "Names a family: not for publishing." });
    const shownOne = await system.comments.addComment(partner(), actionId, {
      organisation: "SSIF",
      comment: "The short breaks offer is better this year.",
    });
    await assert.rejects(system.comments.moderate(partner(), shownOne.id, { decision: "approve" }), NotAllowed);
    await assert.rejects(system.comments.moderate(lead(), hiddenOne.id, { decision: "hide" }), /Enter why the comment is not shown/);
    await assert.rejects(system.comments.moderate(lead(), hiddenOne.id, { decision: "maybe" }), /Select whether to show the comment/);
    const before = await counts();
    const hidden = await system.comments.moderate(lead(), hiddenOne.id, { decision: "hide", reason: "It names a family." });
    assert.equal(hidden.moderation, "hidden");
    const approved = await system.comments.moderate(lead(), shownOne.id, { decision: "approve" });
    assert.equal(approved.moderation, "approved");
    assert.equal((await counts()).audit, before.audit + 2);
    await assert.rejects(system.comments.moderate(lead(), shownOne.id, { decision: "hide", reason: "Changed my mind" }), /already been decided/);
    await assert.rejects(
      system.comments.moderate(
        as("lead@demo-borough.example", ["improvement_lead"], () => otherCouncilId),
        shownOne.id,
        { decision: "approve" },
      ),
      NotFound,
    );

    const forCouncillor = (await system.comments.commentsOnAction(councillor(), actionId)).comments;
    assert.deepEqual(
      forCouncillor.map((c) => c.comment),
      ["The short breaks offer is better this year."],
    );
    const forAuthor = (await system.comments.commentsOnAction(partner(), actionId)).comments.find((c) => c.id === hiddenOne.id);
    assert.equal(forAuthor?.hiddenReason, "It names a family.");
    assert.equal(forAuthor?.moderationLabel, "Not shown");

    // A forum that meets today, with the action reporting to it: its pack says what partners said.
    const forum = await system.forums.createForum(lead(), { name: "Parent Carer Partnership Board", kind: "board" });
    await system.forums.addMeeting(lead(), forum.id, { date: "2020-01-15" });
    await system.forums.addMeeting(lead(), forum.id, { date: londonToday() });
    await system.forums.setActionForums(lead(), actionId, { forumIds: [forum.id] });
    const { plans } = await system.plans.loadForumPlans({ councilId, userId: null }, "system", forum.id);
    const pack = meetingReport(plans, { id: forum.id, code: forum.code, name: forum.name }, londonToday());
    assert.deepEqual(
      pack.partnersSaid.map((c) => `${c.author}, ${c.organisation}: ${c.comment}`),
      ["Pat Partner, SSIF: The short breaks offer is better this year."],
    );
    const blocks = toDocument(pack).blocks;
    const at = blocks.findIndex((b) => b.type === "heading" && b.text.startsWith("What partners said"));
    assert.ok(at >= 0, "the pack has a 'What partners said' part");
    const table = blocks[at + 1];
    assert.ok(table?.type === "table");
    assert.match(JSON.stringify(table.table.rows), /short breaks offer is better/);
    assert.doesNotMatch(JSON.stringify(blocks), /Names a family/);
  });
});
