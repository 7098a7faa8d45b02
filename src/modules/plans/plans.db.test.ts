// Improvement plans against a real database: the demo plans from the council papers, as-at views, updates
// with their rules, optimistic locking, audit, roles and council isolation.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "kysely";
import { openSystem } from "../../composition.ts";
import type { Role } from "../../domain/roles.ts";
import { InvalidInput, NotAllowed } from "../../platform/errors.ts";
import { openTestDatabase, type TestDatabase } from "../../platform/testing/test-database.ts";
import { readAs } from "../../platform/transaction.ts";
import { seedDemo } from "../demo/demo.seed.ts";
import { EditConflict, NotFound } from "./plans.service.ts";

describe("improvement plans", () => {
  let testDb: TestDatabase;
  let system: Awaited<ReturnType<typeof openSystem>>;
  let councilId: string;
  let southendId: string;
  let userId: string;
  // A real person of the demo council, given the roles each test needs.
  const as = (roles: Role[]) => ({ id: userId, councilId, roles, displayName: "Test Person" });
  const auditCount = () =>
    readAs(system.db, { councilId, userId: null }, async (trx) => (await trx.selectFrom("audit_event").select("id").execute()).length);

  before(async () => {
    testDb = await openTestDatabase();
    system = await openSystem(testDb.database);
    await seedDemo(system, { caseload: 0 });
    councilId = (await system.people.councilIdForCode("DEMO")) as string;
    userId = (
      await readAs(system.db, { councilId, userId: null }, (trx) =>
        trx.selectFrom("app_user").select("id").where("email", "=", "lead@demo-borough.example").executeTakeFirstOrThrow(),
      )
    ).id;
    const plans = await system.plans.listPlansAs({ councilId, userId: null });
    southendId = plans.find((p) => p.external_id === "southend-peer-review-2022")?.id as string;
    assert.ok(southendId, "the Southend plan is in the demo council");
  });
  after(async () => {
    await system.close();
    await testDb.close();
  });

  test("the Southend plan has its 15 recommendations, and an earlier as-at date gives earlier counts", async () => {
    const view = await system.plans.planView(as(["councillor"]), southendId, { asAt: "2022-03-15" });
    assert.equal(view.sections.filter((s) => s.depth === 0).length, 15);
    const march = Object.fromEntries(view.summary.rows.map((r) => [r.code, r.count]));
    const february = Object.fromEntries(
      (await system.plans.planView(as(["councillor"]), southendId, { asAt: "2022-02-01" })).summary.rows.map((r) => [r.code, r.count]),
    );
    assert.notDeepEqual(march, february);
    assert.ok((march.completed ?? 0) > (february.completed ?? 0), "more actions were complete by March than in February");
    assert.match(view.summary.sentence, /^\d+% \(\d+\) /);
  });

  test("a status change without commentary is refused and saves nothing; with commentary it is one update and one audit row", async () => {
    const view = await system.plans.planView(as(["improvement_lead"]), southendId, { asAt: "2026-11-24" });
    const action = view.sections.flatMap((s) => s.actions).find((a) => a.status !== "limited-progress" && !a.complete);
    assert.ok(action);
    const before = await auditCount();
    await assert.rejects(
      system.plans.addUpdate(as(["improvement_lead"]), action.id, { date: "2026-11-20", status: "limited-progress", commentary: "" }),
      (error: unknown) => error instanceof InvalidInput && error.problems[0]?.field === "commentary",
    );
    assert.equal(await auditCount(), before);

    await system.plans.addUpdate(as(["improvement_lead"]), action.id, {
      date: "2026-11-20",
      status: "limited-progress",
      commentary: "The green paper delayed this.",
    });
    assert.equal(await auditCount(), before + 1);
    const after = await system.plans.planView(as(["councillor"]), southendId, { asAt: "2026-11-24", compareTo: "2026-11-01" });
    const changed = after.sections.flatMap((s) => s.actions).find((a) => a.id === action.id);
    assert.equal(changed?.status, "limited-progress");
    assert.equal(changed?.direction, "worse");
    // As at a date before the update, nothing has changed: history is kept, not overwritten.
    const earlier = (await system.plans.planView(as(["councillor"]), southendId, { asAt: "2026-11-19" })).sections
      .flatMap((s) => s.actions)
      .find((a) => a.id === action.id);
    assert.equal(earlier?.status, action.status);
  });

  test("bad update input names each field and saves nothing", async () => {
    const { actions } = await system.plans.actionsAcrossPlans(as(["send_manager"]), {});
    const target = actions[0];
    assert.ok(target);
    const before = await auditCount();
    await assert.rejects(
      system.plans.addUpdate(as(["send_manager"]), target.id, { date: "2026-02-30", status: "not-a-status", commentary: "x", progress: "150" }),
      (error: unknown) => error instanceof InvalidInput && error.problems.map((p) => p.field).join() === "date,status,progress",
    );
    await assert.rejects(
      system.plans.addUpdate(as(["send_manager"]), target.id, { date: "2099-01-01", status: "on-track", commentary: "From the future" }),
      /today or in the past/,
    );
    assert.equal(await auditCount(), before);
  });

  test("two people editing the same action: the second is told, and the first's change is kept", async () => {
    const { actions } = await system.plans.actionsAcrossPlans(as(["improvement_lead"]), {});
    const target = actions[1];
    assert.ok(target);
    const { action } = await system.plans.action(as(["improvement_lead"]), target.id);
    const form = { number: action.number, text: action.text, timescale: action.due_text, version: String(action.version) };
    await system.plans.editAction(as(["improvement_lead"]), target.id, { ...form, leadName: "First Editor" });
    await assert.rejects(system.plans.editAction(as(["send_manager"]), target.id, { ...form, leadName: "Second Editor" }), (error: unknown) => {
      assert.ok(error instanceof EditConflict);
      assert.equal(error.current.lead_name, "First Editor");
      return true;
    });
    const edits = await readAs(system.db, { councilId, userId: null }, (trx) =>
      trx
        .selectFrom("audit_event")
        .select(["before", "after"])
        .where("action", "=", "plan.action.edited")
        .where("subject_id", "=", target.id)
        .execute(),
    );
    assert.equal(edits.length, 1, "one audit row for the one edit that was saved");
    assert.equal((edits[0]?.after as { lead_name?: string } | undefined)?.lead_name, "First Editor");
    const { action: now } = await system.plans.action(as(["councillor"]), target.id);
    assert.equal(now.lead_name, "First Editor");
    assert.equal(now.version, action.version + 1);
    await assert.rejects(
      system.plans.editAction(as(["improvement_lead"]), target.id, { ...form, version: String(now.version), timescale: "Sept-ish" }),
      /'Sept-ish'/,
    );
  });

  test("evidence links, weight and start date are saved; a link that is not a web address is refused", async () => {
    const { actions } = await system.plans.actionsAcrossPlans(as(["improvement_lead"]), {});
    const target = actions[3];
    assert.ok(target);
    const { action } = await system.plans.action(as(["improvement_lead"]), target.id);
    const form = { number: action.number, text: action.text, timescale: action.due_text, version: String(action.version) };
    await assert.rejects(
      system.plans.editAction(as(["improvement_lead"]), target.id, { ...form, evidenceLinks: "javascript:alert(1)" }),
      (error: unknown) => error instanceof InvalidInput && error.problems[0]?.field === "evidenceLinks",
    );
    await system.plans.editAction(as(["improvement_lead"]), target.id, {
      ...form,
      evidenceLinks: "https://example.gov.uk/report.pdf\nhttps://example.gov.uk/minutes",
      weight: "2",
      startDate: "2022-01-20",
    });
    const { action: saved } = await system.plans.action(as(["councillor"]), target.id);
    assert.deepEqual(saved.evidence_links, ["https://example.gov.uk/report.pdf", "https://example.gov.uk/minutes"]);
    assert.equal(Number(saved.weight), 2);
    assert.equal(saved.start_date, "2022-01-20");
  });

  test("board members and councillors cannot add updates or change actions", async () => {
    const { actions } = await system.plans.actionsAcrossPlans(as(["board_member"]), {});
    const id = actions[2]?.id as string;
    await assert.rejects(system.plans.addUpdate(as(["board_member"]), id, { date: "2026-11-01", status: "on-track", commentary: "x" }), NotAllowed);
    await assert.rejects(system.plans.editAction(as(["councillor"]), id, { number: "1", text: "x", timescale: "TBC", version: "1" }), NotAllowed);
  });

  test("another council sees none of these plans", async () => {
    const other = await system.people.createCouncil({ code: "OTHER", name: "Other Council" });
    const outsider = { id: userId, councilId: other.id, roles: ["send_manager"] as Role[], displayName: "Outsider" };
    assert.deepEqual(await system.plans.listPlans(outsider), []);
    await assert.rejects(system.plans.planView(outsider, southendId), NotFound);
    const { actions } = await system.plans.actionsAcrossPlans(as(["send_manager"]), {});
    await assert.rejects(
      system.plans.addUpdate(outsider, actions[0]?.id as string, { date: "2026-11-01", status: "on-track", commentary: "x" }),
      NotFound,
    );
  });

  test("updates are append-only for the application", async () => {
    await assert.rejects(
      readAs(system.db, { councilId, userId: null }, (trx) => sql`update action_update set commentary = 'rewritten'`.execute(trx)),
      /permission denied/,
    );
    await assert.rejects(
      readAs(system.db, { councilId, userId: null }, (trx) => sql`delete from action_update`.execute(trx)),
      /permission denied/,
    );
  });

  test("the Thurrock WSOA has three significant weaknesses with aims, and a WSOA table with totals", async () => {
    const plans = await system.plans.listPlans(as(["board_member"]));
    const thurrock = plans.find((p) => p.external_id === "thurrock-wsoa-2019");
    assert.ok(thurrock);
    const view = await system.plans.planView(as(["board_member"]), thurrock.id, { asAt: "2020-03-31", compareTo: "2019-12-31" });
    const weaknesses = view.sections.filter((s) => s.depth === 0);
    assert.equal(weaknesses.length, 3);
    assert.ok(weaknesses.every((w) => w.aim));
    assert.equal(view.wsoa.totals.current, view.summary.total);
    assert.equal(view.plan.scheme.code, "five-level");
  });

  // Last: it changes the Thurrock plan's scheme.
  test("a plan can have its own status scheme, as long as its history keeps its meaning", async () => {
    const plans = await system.plans.listPlans(as(["improvement_lead"]));
    const thurrock = plans.find((p) => p.external_id === "thurrock-wsoa-2019")?.id as string;
    const status = (code: string, label: string, rank: number | null, extra: object = {}) => ({
      code,
      label,
      colour: "none",
      definition: `${label}.`,
      rank,
      ...extra,
    });
    const local = {
      code: "thurrock-local",
      name: "Thurrock local scheme",
      statuses: [
        status("red", "Red", 0),
        status("amber", "Amber", 1),
        status("light-green", "Light green", 2, { onTrack: true }),
        status("green", "Green", 3, { complete: true }),
        status("completed", "Completed", 4, { complete: true }),
        status("paused", "Paused by the board", null, { unrated: true }),
      ],
    };
    await assert.rejects(
      system.plans.setScheme(as(["improvement_lead"]), thurrock, { ...local, statuses: local.statuses.slice(1) }),
      /history uses "red"/,
    );
    await assert.rejects(system.plans.setScheme(as(["improvement_lead"]), thurrock, { code: "", name: "", statuses: [] }), InvalidInput);
    await assert.rejects(system.plans.setScheme(as(["board_member"]), thurrock, local), NotAllowed);
    await system.plans.setScheme(as(["improvement_lead"]), thurrock, local);
    const view = await system.plans.planView(as(["councillor"]), thurrock);
    assert.equal(view.plan.scheme.code, "thurrock-local");
    assert.ok(view.key.some((k) => k.tag.text === "Paused by the board"));
  });
});
