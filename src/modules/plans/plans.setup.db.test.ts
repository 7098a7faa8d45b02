// Setting up and reshaping plans against a real database (issue 13): a plan created and changed
// with audit rows and versions, bad input that saves nothing, a scheme that cannot drop a status
// in use, nested and reordered sections, and moved and retired actions that keep their history
// and appear where they were in as-at views and reports. Roles and council isolation throughout.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { openSystem } from "../../composition.ts";
import type { Role } from "../../domain/roles.ts";
import { InvalidInput, NotAllowed, NotFound } from "../../platform/errors.ts";
import { openTestDatabase, type TestDatabase } from "../../platform/testing/test-database.ts";
import { readAs } from "../../platform/transaction.ts";
import { seedDemo } from "../demo/demo.seed.ts";
import { progressReport } from "../reports/report-model.ts";
import { PlanSetupService, VersionConflict } from "./plans.setup.service.ts";
import { PlanStructureService } from "./plans.structure.service.ts";

describe("setting up and reshaping a plan", () => {
  let testDb: TestDatabase;
  let system: Awaited<ReturnType<typeof openSystem>>;
  let councilId: string;
  let otherCouncilId: string;
  let userId: string;
  let today = "2026-09-01";
  let setup: PlanSetupService;
  let structure: PlanStructureService;
  const as = (roles: Role[], council = councilId) => ({ id: userId, councilId: council, roles, displayName: "Test Person" });
  const lead = () => as(["improvement_lead"]);
  const audit = (action?: string) =>
    readAs(system.db, { councilId, userId: null }, async (trx) => {
      let q = trx.selectFrom("audit_event").select(["action", "before", "after"]);
      if (action) q = q.where("action", "=", action);
      return q.orderBy("id").execute();
    });
  const counts = () =>
    readAs(system.db, { councilId, userId: null }, async (trx) => ({
      plans: (await trx.selectFrom("plan").select("id").execute()).length,
      sections: (await trx.selectFrom("plan_section").select("id").execute()).length,
      actions: (await trx.selectFrom("plan_action").select("id").execute()).length,
      audit: (await trx.selectFrom("audit_event").select("id").execute()).length,
    }));
  const newPlan = (extra: Record<string, unknown> = {}) =>
    setup.createPlan(lead(), {
      title: "Written Statement of Action 2026",
      type: "wsoa",
      sourceTitle: "Area SEND inspection of Demo Borough",
      sourceDate: "2026-06-10",
      sourceUrl: "https://files.ofsted.gov.uk/v1/file/50000001",
      owner: "Director of Children's Services",
      approvedOn: "2026-08-20",
      cadence: "Monthly to the SEND Improvement Board",
      scheme: "five-level",
      ...extra,
    });

  before(async () => {
    testDb = await openTestDatabase();
    system = await openSystem(testDb.database);
    await seedDemo(system, { caseload: 0 });
    councilId = (await system.people.councilIdForCode("DEMO")) as string;
    otherCouncilId = (await system.people.createCouncil({ code: "OTHER", name: "Other Borough Council" })).id;
    userId = (
      await readAs(system.db, { councilId, userId: null }, (trx) =>
        trx.selectFrom("app_user").select("id").where("email", "=", "lead@demo-borough.example").executeTakeFirstOrThrow(),
      )
    ).id;
    setup = new PlanSetupService(system.db);
    structure = new PlanStructureService(system.db, () => today);
  });
  after(async () => {
    await system.close();
    await testDb.close();
  });

  test("a plan is created with every detail, one audit row, and a reference made from its title", async () => {
    const before = await counts();
    const plan = await newPlan();
    assert.equal(plan.externalId, "written-statement-of-action-2026");
    assert.equal(plan.type, "wsoa");
    assert.deepEqual(plan.respondsTo, {
      title: "Area SEND inspection of Demo Borough",
      date: "2026-06-10",
      url: "https://files.ofsted.gov.uk/v1/file/50000001",
    });
    assert.equal(plan.scheme.code, "five-level");
    assert.equal(plan.version, 1);
    const after = await counts();
    assert.equal(after.plans, before.plans + 1);
    assert.equal(after.audit, before.audit + 1);
    const created = (await audit("plan.created")).at(-1);
    assert.equal((created?.after as { title: string } | undefined)?.title, "Written Statement of Action 2026");
    // The same title again gets a reference of its own.
    const again = await newPlan({ type: "accelerated-progress-plan" });
    assert.equal(again.externalId, "written-statement-of-action-2026-2");
    assert.equal(again.typeLabel, "Accelerated progress plan");
  });

  test("bad details are refused with a message for each field, and nothing is saved", async () => {
    const before = await counts();
    await assert.rejects(
      setup.createPlan(lead(), {
        title: "",
        type: "made-up",
        owner: "",
        "approvedOn-day": "30",
        "approvedOn-month": "2",
        "approvedOn-year": "2026",
        sourceUrl: "javascript:alert(1)",
        scheme: "nope",
        continuesPlanId: "not-an-id",
      }),
      (error: unknown) => {
        assert.ok(error instanceof InvalidInput);
        const fields = Object.fromEntries(error.problems.map((p) => [p.field, p.message]));
        assert.match(fields.title ?? "", /Enter the plan's title/);
        assert.match(fields.type ?? "", /Select one of the types/);
        assert.match(fields.owner ?? "", /Enter who owns the plan/);
        assert.match(fields["approvedOn-day"] ?? "", /30\/2\/2026 does not exist/);
        assert.match(fields.sourceUrl ?? "", /must be a web address/);
        assert.match(fields.scheme ?? "", /Select one of the status schemes/);
        assert.match(fields.continuesPlanId ?? "", /Select the plan this one follows from/);
        return true;
      },
    );
    // Another council's plan cannot be named as the one this follows from.
    const elsewhere = await setup.createPlan(
      { id: null, councilId: otherCouncilId, roles: "system" },
      {
        title: "Other council's plan",
        type: "strategy",
        owner: "Their director",
        approvedOn: "2026-01-01",
        scheme: "rag-blue",
      },
    );
    await assert.rejects(
      newPlan({ continuesPlanId: elsewhere.id }),
      (error: unknown) => error instanceof InvalidInput && error.problems[0]?.field === "continuesPlanId",
    );
    assert.deepEqual(await counts(), before);
  });

  test("only people who may change plans can create or change one; another council's plan is not found", async () => {
    for (const role of ["councillor", "board_member", "caseworker"] as Role[]) {
      await assert.rejects(setup.createPlan(as([role]), { title: "x" }), NotAllowed);
    }
    const plan = await newPlan({ title: "Access check plan" });
    await assert.rejects(setup.editPlan(as(["councillor"]), plan.id, { title: "Changed" }), NotAllowed);
    await assert.rejects(setup.editPlan(as(["improvement_lead"], otherCouncilId), plan.id, { title: "Changed" }), NotFound);
    await assert.rejects(
      structure.addSection(as(["improvement_lead"], otherCouncilId), plan.id, { number: "1", title: "x", kind: "theme" }),
      NotFound,
    );
  });

  test("a change of details is versioned and audited with before and after; a stale version is a conflict", async () => {
    const plan = await newPlan({ title: "Plan to change" });
    const changed = await setup.editPlan(lead(), plan.id, { title: "Plan changed", owner: "Executive Director", version: 1 });
    assert.equal(changed.title, "Plan changed");
    assert.equal(changed.owner, "Executive Director");
    assert.equal(changed.approvedOn, "2026-08-20", "fields not sent are kept");
    assert.equal(changed.version, 2);
    const row = (await audit("plan.details.changed")).at(-1);
    assert.equal((row?.before as { title: string } | undefined)?.title, "Plan to change");
    assert.equal((row?.after as { title: string } | undefined)?.title, "Plan changed");
    await assert.rejects(setup.editPlan(lead(), plan.id, { title: "Someone else's", version: 1 }), VersionConflict);
  });

  test("a plan cannot change to a scheme that drops a status its history uses", async () => {
    const plan = await newPlan({ title: "Scheme plan" });
    const section = await structure.addSection(lead(), plan.id, { number: "1", title: "Joint commissioning", kind: "significant-weakness" });
    const action = await structure.addAction(lead(), plan.id, {
      sectionId: section.id,
      number: "1.1",
      text: "Agree a joint commissioning strategy",
      timescale: "December 2026",
    });
    // Before any update, any built-in scheme will do.
    assert.equal((await setup.editPlan(lead(), plan.id, { scheme: "four-state" })).scheme.code, "four-state");
    assert.equal((await setup.editPlan(lead(), plan.id, { scheme: "five-level" })).scheme.code, "five-level");
    await system.plans.addUpdate(lead(), action.id, { date: "2026-09-01", status: "amber", commentary: "Drafting has started." });
    await assert.rejects(setup.editPlan(lead(), plan.id, { scheme: "four-state" }), (error: unknown) => {
      assert.ok(error instanceof InvalidInput);
      assert.equal(error.problems[0]?.field, "scheme");
      assert.match(error.problems[0]?.message ?? "", /already use "Amber"/);
      return true;
    });
    // A custom scheme that keeps "amber" (relabelled) is fine; one without it is refused.
    const custom = (statuses: { code: string; label: string; rank: number; complete?: boolean }[]) => ({
      code: "custom-scheme-plan",
      name: "Our own",
      statuses: statuses.map((s) => ({ colour: "grey", definition: `${s.label} means this`, complete: false, ...s })),
    });
    await system.plans.setScheme(
      lead(),
      plan.id,
      custom([
        { code: "done", label: "Done", rank: 2, complete: true },
        { code: "amber", label: "Some progress", rank: 1 },
        { code: "red", label: "Stuck", rank: 0 },
      ]),
    );
    await assert.rejects(
      system.plans.setScheme(
        lead(),
        plan.id,
        custom([
          { code: "done", label: "Done", rank: 1, complete: true },
          { code: "red", label: "Stuck", rank: 0 },
        ]),
      ),
      (error: unknown) => error instanceof InvalidInput && /"amber"/.test(error.problems[0]?.message ?? ""),
    );
  });

  test("sections are added, renamed, nested and reordered, each audited; a section cannot go under itself", async () => {
    const plan = await newPlan({ title: "Sections plan" });
    const one = await structure.addSection(lead(), plan.id, {
      number: "1",
      title: "Identification of need",
      kind: "significant-weakness",
      aim: "Needs identified early",
      kpis: "EHC plans in 20 weeks",
    });
    const two = await structure.addSection(lead(), plan.id, { number: "2", title: "Joint working", kind: "significant-weakness" });
    const child = await structure.addSection(lead(), plan.id, { number: "1.1", title: "Early years", kind: "theme", parentId: one.id });
    const order = async () => (await structure.outline(lead(), plan.id)).sections.map((s) => `${s.number}:${s.depth}`);
    assert.deepEqual(await order(), ["1:0", "1.1:1", "2:0"]);
    await structure.reorderSection(lead(), two.id, "up");
    assert.deepEqual(await order(), ["2:0", "1:0", "1.1:1"]);
    await assert.rejects(
      structure.reorderSection(lead(), two.id, "up"),
      (e: unknown) => e instanceof InvalidInput && /already the first/.test(e.message),
    );
    const renamed = await structure.editSection(lead(), two.id, {
      number: "2",
      title: "Joint working across education, health and care",
      kind: "significant-weakness",
      aim: "One plan for each child",
      version: two.version,
    });
    assert.equal(renamed.title, "Joint working across education, health and care");
    assert.equal(renamed.version, two.version + 1);
    await assert.rejects(
      structure.editSection(lead(), one.id, { number: "1", title: "x", kind: "theme", parentId: child.id, version: one.version }),
      (e: unknown) => e instanceof InvalidInput && e.problems[0]?.field === "parentId",
    );
    await structure.editSection(lead(), child.id, { number: "2.1", title: "Early years", kind: "theme", parentId: two.id, version: child.version });
    assert.deepEqual(await order(), ["2:0", "2.1:1", "1:0"]);
    await assert.rejects(
      structure.editSection(lead(), two.id, { number: "2", title: "stale", kind: "theme", version: two.version }),
      VersionConflict,
    );
    const actions = (await audit()).map((a) => a.action);
    for (const a of ["plan.section.added", "plan.section.reordered", "plan.section.changed"]) assert.ok(actions.includes(a), a);
    // A councillor reads but cannot change.
    await assert.rejects(structure.addSection(as(["councillor"]), plan.id, { number: "3", title: "x", kind: "theme" }), NotAllowed);
  });

  test("a moved and a retired action keep their history and appear where they were in as-at views and reports", async () => {
    today = "2026-09-01";
    const plan = await newPlan({ title: "Moves plan" });
    const first = await structure.addSection(lead(), plan.id, { number: "1", title: "First weakness", kind: "significant-weakness" });
    const second = await structure.addSection(lead(), plan.id, { number: "2", title: "Second weakness", kind: "significant-weakness" });
    const moving = await structure.addAction(lead(), plan.id, {
      sectionId: first.id,
      number: "1.1",
      text: "Action that moves",
      timescale: "March 2027",
      addedOn: "2026-08-20",
    });
    const retiring = await structure.addAction(lead(), plan.id, {
      sectionId: first.id,
      number: "1.2",
      text: "Action that retires",
      timescale: "March 2027",
      addedOn: "2026-08-20",
    });
    await system.plans.addUpdate(lead(), moving.id, { date: "2026-08-25", status: "amber", commentary: "Started." });
    await system.plans.addUpdate(lead(), retiring.id, { date: "2026-08-25", status: "red", commentary: "Not started." });

    today = "2026-10-01";
    await structure.moveAction(lead(), moving.id, { sectionId: second.id });
    await structure.retireAction(lead(), retiring.id, { reason: "The board agreed it is covered by action 2.1.", version: retiring.version + 0 });

    const inSection = async (asAt: string) => {
      const view = await system.plans.planView(as(["councillor"]), plan.id, { asAt });
      return Object.fromEntries(view.sections.map((s) => [s.number, s.actions.map((a) => a.number)]));
    };
    assert.deepEqual(await inSection("2026-09-15"), { "1": ["1.1", "1.2"], "2": [] });
    assert.deepEqual(await inSection("2026-10-01"), { "1": [], "2": ["1.1"] });
    // The full history is still there for both.
    const moved = await system.plans.action(as(["councillor"]), moving.id);
    assert.deepEqual(
      moved.plan.updatesByAction.get(moving.id)?.map((u) => u.commentary),
      ["Started."],
    );
    const retired = await system.plans.action(as(["councillor"]), retiring.id);
    assert.equal(retired.action.retired_on, "2026-10-01");
    assert.deepEqual(
      retired.plan.updatesByAction.get(retiring.id)?.map((u) => u.status),
      ["red"],
    );
    // Reports as at a date show the section the action was in then, and leave out retired actions after retirement.
    const loaded = await system.plans.loadPlan({ councilId, userId: null }, "system", plan.id);
    const before = progressReport(loaded, { asAt: "2026-09-15" });
    assert.deepEqual(before.rows.map((r) => `${r.number}@${r.section.number}`).sort(), ["1.1@1", "1.2@1"]);
    const afterReport = progressReport(loaded, { asAt: "2026-10-02" });
    assert.deepEqual(
      afterReport.rows.map((r) => `${r.number}@${r.section.number}`),
      ["1.1@2"],
    );
    // A retired action takes no more updates or changes, and cannot be retired twice.
    await assert.rejects(system.plans.addUpdate(lead(), retiring.id, { date: "2026-10-01", status: "green", commentary: "x" }), InvalidInput);
    await assert.rejects(structure.retireAction(lead(), retiring.id, { reason: "again", version: 99 }), InvalidInput);
    await assert.rejects(structure.moveAction(lead(), retiring.id, { sectionId: second.id }), InvalidInput);
    // Each change is one audit row.
    assert.equal((await audit("plan.action.moved")).length, 1);
    const retirement = (await audit("plan.action.retired")).at(-1);
    assert.equal((retirement?.after as { retiredReason: string } | undefined)?.retiredReason, "The board agreed it is covered by action 2.1.");
  });

  test("moving to another plan's or council's section, or adding an action with bad input, saves nothing", async () => {
    today = "2026-09-01";
    const plan = await newPlan({ title: "Guard plan" });
    const other = await newPlan({ title: "Other guard plan" });
    const section = await structure.addSection(lead(), plan.id, { number: "1", title: "One", kind: "theme" });
    const otherSection = await structure.addSection(lead(), other.id, { number: "1", title: "Other", kind: "theme" });
    const action = await structure.addAction(lead(), plan.id, { sectionId: section.id, number: "1.1", text: "Do it", timescale: "TBC" });
    assert.equal(action.addedOn, "2026-09-01", "joins the plan today when no date is given");
    const before = await counts();
    await assert.rejects(
      structure.moveAction(lead(), action.id, { sectionId: otherSection.id }),
      (e: unknown) => e instanceof InvalidInput && /same plan/.test(e.message),
    );
    await assert.rejects(
      structure.moveAction(lead(), action.id, { sectionId: section.id }),
      (e: unknown) => e instanceof InvalidInput && /already in this one/.test(e.message),
    );
    await assert.rejects(
      structure.addAction(lead(), plan.id, { sectionId: otherSection.id, number: "", text: "", timescale: "", addedOn: "2026-01-01" }),
      (e: unknown) => {
        assert.ok(e instanceof InvalidInput);
        const fields = e.problems.map((p) => p.field).sort();
        assert.deepEqual(fields, ["addedOn-day", "number", "sectionId", "text", "timescale"]);
        return true;
      },
    );
    await assert.rejects(structure.moveAction(as(["improvement_lead"], otherCouncilId), action.id, { sectionId: section.id }), NotFound);
    await assert.rejects(structure.retireAction(as(["board_member"]), action.id, { reason: "x", version: 1 }), NotAllowed);
    assert.deepEqual(await counts(), before);
  });
  test("an action added with its forums reports to them from the start, in the same audit row; another council's forum saves nothing", async () => {
    today = "2026-09-01";
    const plan = await newPlan({ title: "Forums plan" });
    const section = await structure.addSection(lead(), plan.id, { number: "1", title: "One", kind: "theme" });
    const board = await system.forums.createForum(lead(), { name: "Forums plan board", kind: "board" });
    const group = await system.forums.createForum(lead(), { name: "Forums plan group", kind: "operational-group" });
    const theirs = await system.forums.createForum(as(["improvement_lead"], otherCouncilId), { name: "Their board", kind: "board" });
    const action = await structure.addAction(lead(), plan.id, {
      sectionId: section.id,
      number: "1.1",
      text: "Report to two forums",
      timescale: "TBC",
      forumIds: [board.id, group.id],
    });
    const loaded = await system.plans.loadPlan({ councilId, userId }, "system", plan.id);
    assert.deepEqual([...(loaded.forumsByAction.get(action.id) ?? [])].sort(), [board.id, group.id].sort());
    const added = (await audit("plan.action.added")).at(-1);
    assert.ok(added);
    assert.deepEqual([...(added.after as { forumIds: string[] }).forumIds].sort(), [board.id, group.id].sort());

    const before = await counts();
    await assert.rejects(
      structure.addAction(lead(), plan.id, {
        sectionId: section.id,
        number: "1.2",
        text: "Theirs",
        timescale: "TBC",
        forumIds: [board.id, theirs.id],
      }),
      (e: unknown) => e instanceof InvalidInput && e.problems.some((p) => p.field === "forumIds" && /this council only/.test(p.message)),
    );
    assert.deepEqual(await counts(), before);
  });
});
