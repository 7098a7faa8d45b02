// Casework against a real database: recording moves a case between worklists as the clock says;
// bad identifiers and impossible orders are refused and save nothing; views are audited; other
// councils and roles without casework see nothing.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import ExcelJS from "exceljs";
import { openSystem } from "../../composition.ts";
import { addDays } from "../../domain/dates.ts";
import type { Role } from "../../domain/roles.ts";
import { londonToday } from "../../platform/clock.ts";
import { InvalidInput, NotAllowed } from "../../platform/errors.ts";
import { openTestDatabase, type TestDatabase } from "../../platform/testing/test-database.ts";
import { readAs } from "../../platform/transaction.ts";
import { seedDemo } from "../demo/demo.seed.ts";
import { CaseNotFound, ReasonNeeded } from "./cases.service.ts";

describe("casework", () => {
  let testDb: TestDatabase;
  let system: Awaited<ReturnType<typeof openSystem>>;
  let councilId: string;
  let caseworkerId: string;
  const as = (roles: Role[]) => ({ id: caseworkerId, councilId, roles });
  const count = (table: "case_event" | "audit_event" | "child_case") =>
    readAs(system.db, { councilId, userId: null }, async (trx) => (await trx.selectFrom(table).select("council_id").execute()).length);
  const child = {
    firstName: "Ada",
    lastName: "Testcase",
    "dateOfBirth-day": "3",
    "dateOfBirth-month": "4",
    "dateOfBirth-year": "2016",
    sex: "F",
    primaryNeed: "ASD",
    upn: "B801200005001",
    nhsNumber: "943 476 5919",
    uln: "9276308686",
  };

  const startupSteps: string[] = [];
  before(async () => {
    testDb = await openTestDatabase();
    system = await openSystem(testDb.database, { onStep: (m) => startupSteps.push(m) });
    await seedDemo(system, { caseload: 60, onStep: (m) => startupSteps.push(m) });
    councilId = (await system.people.councilIdForCode("DEMO")) as string;
    caseworkerId = (
      await readAs(system.db, { councilId, userId: null }, (trx) =>
        trx.selectFrom("app_user").select("id").where("email", "=", "caseworker@demo-borough.example").executeTakeFirstOrThrow(),
      )
    ).id;
  });
  after(async () => {
    await system.close();
    await testDb.close();
  });

  test("start-up says each step with counts, and never a child's details", async () => {
    assert.match(startupSteps[0] ?? "", /^Running database migrations$/);
    assert.match(startupSteps[1] ?? "", /^(Applied \d+ of \d+ migrations|The database is up to date \(\d+ migrations\))$/);
    assert.ok(startupSteps.some((s) => s.startsWith("Creating demo data: Demo Borough Council, 8 people (one per role)")));
    assert.ok(startupSteps.some((s) => s.startsWith("Generating a caseload of 60 EHC plans")));
    const created = startupSteps.find((s) => s.startsWith("Demo data created: "));
    assert.equal(created, `Demo data created: ${await count("child_case")} cases`);
    const children = await readAs(system.db, { councilId, userId: null }, (trx) =>
      trx.selectFrom("child_case").select(["child_name", "date_of_birth", "upn"]).execute(),
    );
    assert.ok(children.length > 60);
    const text = startupSteps.join("\n");
    for (const child of children) {
      for (const word of child.child_name.split(" ")) assert.ok(!text.includes(word), `a start-up line names ${word}`);
      assert.ok(!text.includes(child.date_of_birth));
      if (child.upn) assert.ok(!text.includes(child.upn));
    }
  });

  test("invalid UPN, NHS number and ULN are each named, and nothing is saved", async () => {
    const before = await count("child_case");
    await assert.rejects(
      system.cases.createCase(as(["caseworker"]), { ...child, upn: "A801200005001", nhsNumber: "9434765918", uln: "9276308687" }),
      (error: unknown) => {
        assert.ok(error instanceof InvalidInput);
        assert.deepEqual(
          error.problems.map((p) => p.field),
          ["upn", "uln", "nhsNumber"],
        );
        return true;
      },
    );
    assert.equal(await count("child_case"), before);
  });

  test("entering dates moves a case between worklists as the clock says", async () => {
    const { id } = await system.cases.createCase(as(["caseworker"]), child);
    const today = londonToday();
    const daysAgo = (n: number) => addDays(today, -n);
    const onList = async (list: "due-soon" | "overdue" | "my-cases" | "reviews-this-month") =>
      (await system.cases.worklist(as(["caseworker"]), list, { mine: true, page: 1 })).rows.some((r) => r.case_id === id);

    // A child with nothing in progress is not yet an open case.
    assert.equal(await onList("my-cases"), false);
    // A request received 5 weeks ago: the decision (6 weeks) is due within 14 days.
    await system.cases.recordEvent(as(["caseworker"]), id, "requestReceived", { received: daysAgo(35), requestedBy: "parent" });
    assert.equal(await onList("my-cases"), true);
    assert.equal(await onList("due-soon"), true);
    assert.equal(await onList("overdue"), false);
    // The same request received 7 weeks ago would be overdue: record it on another case.
    const late = await system.cases.createCase(as(["caseworker"]), { ...child, firstName: "Bea", upn: "", nhsNumber: "", uln: "" });
    await system.cases.recordEvent(as(["caseworker"]), late.id, "requestReceived", { received: daysAgo(49), requestedBy: "school" });
    assert.ok((await system.cases.worklist(as(["caseworker"]), "overdue", { mine: true, page: 1 })).rows.some((r) => r.case_id === late.id));
    // Telling the family the decision takes the first case off the due-soon list.
    await system.cases.recordEvent(as(["caseworker"]), id, "decisionRecorded", { outcome: "assess", date: today });
    assert.equal(await onList("due-soon"), false);

    // The case page shows each deadline with its status, and the view is audited.
    const audits = await count("audit_event");
    const view = await system.cases.viewCase(as(["caseworker"]), id);
    assert.equal(await count("audit_event"), audits + 1);
    const decision = view.deadlines.find((d) => d.key === "assessment.decision");
    assert.equal(decision?.status, "met on time");
    assert.ok(view.deadlines.find((d) => d.key === "assessment.finalPlan")?.status);
  });

  test("a final plan before its request, or a review before the plan, is refused and saves nothing", async () => {
    const { id } = await system.cases.createCase(as(["caseworker"]), { ...child, firstName: "Cy", upn: "", nhsNumber: "", uln: "" });
    await system.cases.recordEvent(as(["caseworker"]), id, "requestReceived", { received: "2025-09-08", requestedBy: "parent" });
    const events = await count("case_event");
    await assert.rejects(
      system.cases.recordEvent(as(["caseworker"]), id, "finalPlanIssued", { date: "2025-09-01" }),
      /cannot be before the request was received/,
    );
    await system.cases.recordEvent(as(["caseworker"]), id, "finalPlanIssued", { date: "2026-01-20" });
    await assert.rejects(
      system.cases.recordEvent(as(["caseworker"]), id, "reviewMeeting", { meeting: "2026-01-02" }),
      /cannot be before the plan was made/,
    );
    await assert.rejects(
      system.cases.recordEvent(as(["caseworker"]), id, "requestReceived", { received: "2026-02-30", requestedBy: "parent" }),
      /real date/,
    );
    assert.equal(await count("case_event"), events + 1, "only the valid final plan was recorded");
    const view = await system.cases.viewCase(as(["caseworker"]), id);
    assert.equal(view.deadlines.find((d) => d.key === "assessment.finalPlan")?.status, "met on time");
  });

  test("the register lists every child with a plan, and exports to CSV, Excel and JSON with its columns", async () => {
    const page = await system.cases.register(as(["send_manager"]), { search: "", page: 1 });
    const withPlans = await readAs(
      system.db,
      { councilId, userId: null },
      async (trx) => (await trx.selectFrom("child_case").select("id").where("has_plan", "=", true).execute()).length,
    );
    assert.equal(page.total, withPlans);
    assert.ok(withPlans >= 60);
    const headers = [
      "Name",
      "Date of birth",
      "UPN",
      "Setting",
      "Setting type",
      "Out of authority",
      "Residential",
      "Last review",
      "Next review due",
      "Last visit",
      "Next visit due",
      "Awaiting provision",
      "Missing education",
      "Caseworker",
    ];
    const actor = { councilId, userId: caseworkerId };
    const csv = (await system.cases.exportRegister(actor, ["send_manager"], "csv")).toString("utf8");
    const lines = csv.trim().split("\r\n");
    assert.equal(lines[0]?.replace("\uFEFF", ""), headers.join(","));
    assert.equal(lines.length, withPlans + 1);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await system.cases.exportRegister(actor, ["send_manager"], "xlsx")) as never);
    const sheet = workbook.getWorksheet("Register");
    assert.ok(sheet);
    assert.deepEqual((sheet.getRow(1).values as unknown[]).slice(1), headers);
    assert.equal(sheet.rowCount, withPlans + 1);
    const json = JSON.parse((await system.cases.exportRegister(actor, ["send_manager"], "json")).toString("utf8"));
    assert.equal(json.length, withPlans);
    assert.deepEqual(Object.keys(json[0]), headers);
    // The command line (`cases register`) exports as the system: recorded too, saying how.
    await system.cases.exportRegister({ councilId, userId: null }, "system", "csv");
    const trail = await readAs(system.db, { councilId, userId: null }, (trx) =>
      trx.selectFrom("audit_event").select(["action", "actor_user_id", "after"]).where("action", "like", "cases.register.%").orderBy("id").execute(),
    );
    assert.deepEqual(trail.slice(-5), [
      {
        action: "cases.register.viewed",
        actor_user_id: caseworkerId,
        after: { format: "page", search: "", page: 1, children: Math.min(50, withPlans), total: withPlans },
      },
      { action: "cases.register.downloaded", actor_user_id: caseworkerId, after: { format: "csv", children: withPlans } },
      { action: "cases.register.downloaded", actor_user_id: caseworkerId, after: { format: "xlsx", children: withPlans } },
      { action: "cases.register.downloaded", actor_user_id: caseworkerId, after: { format: "json", children: withPlans } },
      { action: "cases.register.downloaded", actor_user_id: null, after: { format: "csv", children: withPlans, via: "command line" } },
    ]);
  });

  test("cases worked out on an earlier day are worked out again by the background refresh, leaving their versions alone", async () => {
    const system_ = { councilId, userId: null };
    const snapshot = () =>
      readAs(system.db, system_, async (trx) => ({
        cases: await trx.selectFrom("child_case").select(["id", "version", "has_plan", "register", "derived_on"]).orderBy("id").execute(),
        lists: await trx
          .selectFrom("case_worklist_entry")
          .select(["case_id", "list", "reason", "due"])
          .orderBy("case_id")
          .orderBy("list")
          .orderBy("reason")
          .execute(),
      }));
    const before = await snapshot();
    assert.ok(before.cases.some((c) => c.has_plan));
    // Worked out long ago, and wrongly: the refresh must put every derived column right.
    await readAs(system.db, system_, (trx) =>
      trx.updateTable("child_case").set({ derived_on: "2020-01-01", has_plan: false, register: null }).execute(),
    );
    await readAs(system.db, system_, (trx) => trx.deleteFrom("case_worklist_entry").execute());
    await system.cases.refreshAllCouncils();
    assert.deepEqual(await snapshot(), before);
    assert.ok(before.cases.every((c) => c.derived_on === londonToday()));

    // Refreshes at once (pages opened just after midnight, and the timer): each case is worked out once.
    await readAs(system.db, system_, (trx) => trx.updateTable("child_case").set({ derived_on: "2020-01-01" }).execute());
    const counts = await Promise.all([system.cases.refreshStale(system_), system.cases.refreshStale(system_), system.cases.refreshStale(system_)]);
    assert.equal(
      counts.reduce((a, b) => a + b),
      before.cases.length,
    );
    assert.deepEqual(await snapshot(), before);
  });

  test("a child's record opens for their caseworker, and for anyone else only with a reason, which lasts 12 hours", async () => {
    const system_ = { councilId, userId: null };
    const { caseId, manager } = await readAs(system.db, system_, async (trx) => ({
      caseId: (await trx.selectFrom("child_case").select("id").where("caseworker_user_id", "=", caseworkerId).executeTakeFirstOrThrow()).id,
      manager: (await trx.selectFrom("app_user").select("id").where("email", "=", "manager@demo-borough.example").executeTakeFirstOrThrow()).id,
    }));
    const asManager = { id: manager, councilId, roles: ["send_manager"] as Role[] };
    assert.ok(await system.cases.viewCase(as(["caseworker"]), caseId), "the child's caseworker");
    await assert.rejects(system.cases.viewCase(asManager, caseId), ReasonNeeded);
    await assert.rejects(system.cases.giveAccessReason(asManager, caseId, { reason: "curiosity" }), InvalidInput);
    await system.cases.giveAccessReason(asManager, caseId, { reason: "other", detail: "Tribunal bundle for the appeal" });
    assert.equal((await system.cases.viewCase(asManager, caseId)).record.id, caseId);

    // The application cannot change a reason once given...
    await assert.rejects(
      readAs(system.db, system_, (trx) => trx.updateTable("case_access_reason").set({ detail: "Something else" }).execute()),
      /permission denied/,
    );
    // ...and a reason given 13 hours ago no longer opens the record.
    const { otherCase } = await readAs(system.db, system_, async (trx) => ({
      otherCase: (
        await trx
          .selectFrom("child_case")
          .select("id")
          .where("caseworker_user_id", "=", caseworkerId)
          .where("id", "<>", caseId)
          .executeTakeFirstOrThrow()
      ).id,
    }));
    await readAs(system.db, system_, (trx) =>
      trx
        .insertInto("case_access_reason")
        .values({ council_id: councilId, case_id: otherCase, user_id: manager, reason: "managing", given_at: new Date(Date.now() - 13 * 3_600_000) })
        .execute(),
    );
    await assert.rejects(system.cases.viewCase(asManager, otherCase), ReasonNeeded);

    const elsewhere = await system.people.createCouncil({ code: "ELSEWHERE", name: "Elsewhere" });
    await assert.rejects(system.cases.giveAccessReason({ ...asManager, councilId: elsewhere.id }, caseId, { reason: "enquiry" }), CaseNotFound);
  });

  test("board members and councillors see no child-level data; another council sees none of these cases", async () => {
    await assert.rejects(system.cases.register(as(["board_member"]), { search: "", page: 1 }), NotAllowed);
    await assert.rejects(system.cases.worklist(as(["councillor"]), "overdue", { mine: false, page: 1 }), NotAllowed);
    const other = await system.people.createCouncil({ code: "ELSE", name: "Elsewhere" });
    const outsider = { id: caseworkerId, councilId: other.id, roles: ["send_manager"] as Role[] };
    const someCase = (await system.cases.register(as(["send_manager"]), { search: "", page: 1 })).rows[0];
    assert.ok(someCase);
    await assert.rejects(system.cases.viewCase(outsider, someCase.caseId), CaseNotFound);
    assert.equal((await system.cases.register(outsider, { search: "", page: 1 })).total, 0);
  });
});
