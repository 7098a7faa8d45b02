// School closures are data per council: audited, validated, invisible to other councils, and
// applied by the calculator for that council's staff.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { openSystem } from "../../composition.ts";
import { InvalidInput, NotAllowed } from "../../platform/errors.ts";
import { openTestDatabase, type TestDatabase } from "../../platform/testing/test-database.ts";
import { readAs } from "../../platform/transaction.ts";

describe("school closures", () => {
  let testDb: TestDatabase;
  let system: Awaited<ReturnType<typeof openSystem>>;
  let a: { councilId: string; userId: null };
  let b: { councilId: string; userId: null };

  before(async () => {
    testDb = await openTestDatabase();
    system = await openSystem(testDb.database);
    a = { councilId: (await system.people.createCouncil({ code: "CLA", name: "Closures A" })).id, userId: null };
    b = { councilId: (await system.people.createCouncil({ code: "CLB", name: "Closures B" })).id, userId: null };
  });
  after(async () => {
    await system.close();
    await testDb.close();
  });

  test("a closure is saved with one audit row and seen only by its council", async () => {
    await system.deadlines.addClosure(a, "system", { description: "Summer holiday 2025", firstDayClosed: "2025-07-22", reopens: "2025-09-03" });
    assert.deepEqual(
      (await system.deadlines.listClosures(a)).map((c) => [c.description, c.first_day_closed, c.reopens]),
      [["Summer holiday 2025", "2025-07-22", "2025-09-03"]],
    );
    assert.deepEqual(await system.deadlines.listClosures(b), []);
    const audit = await readAs(system.db, a, (trx) =>
      trx.selectFrom("audit_event").select("action").where("action", "=", "schoolClosure.added").execute(),
    );
    assert.equal(audit.length, 1);
  });

  test("bad input and the wrong role are refused, saving nothing", async () => {
    await assert.rejects(
      system.deadlines.addClosure(b, "system", { description: "", firstDayClosed: "2025-02-30", reopens: "2025-01-01" }),
      (error: unknown) => error instanceof InvalidInput && error.problems.map((p) => p.field).join() === "description,from",
    );
    await assert.rejects(
      system.deadlines.addClosure(b, "system", { description: "Backwards", firstDayClosed: "2025-09-03", reopens: "2025-07-22" }),
      /must be after the first day closed/,
    );
    await assert.rejects(
      system.deadlines.addClosure(b, ["councillor"], { description: "X", firstDayClosed: "2025-07-22", reopens: "2025-09-03" }),
      NotAllowed,
    );
    assert.deepEqual(await system.deadlines.listClosures(b), []);
  });

  test("the calculator applies the council's closures to its staff's requests, unless closures are given", async () => {
    // Advice asked of a head teacher on 16 July 2025, within a week of the summer closure.
    const input = {
      asOf: "2025-12-01",
      events: { requestReceived: "2025-06-16", adviceRequests: [{ service: "school", received: "2025-07-16", headOfInstitution: true }] },
    };
    const finalPlan = (result: Awaited<ReturnType<typeof system.deadlines.calculate>>) =>
      result.ok ? result.value.deadlines.find((d) => d.key === "assessment.finalPlan")?.status : "invalid";
    assert.equal(finalPlan(await system.deadlines.calculate(input, "2025-12-01", a)), "relieved by an exception");
    assert.equal(finalPlan(await system.deadlines.calculate(input, "2025-12-01", b)), "overdue");
    assert.equal(finalPlan(await system.deadlines.calculate(input, "2025-12-01")), "overdue");
    assert.equal(finalPlan(await system.deadlines.calculate({ ...input, closures: [] }, "2025-12-01", a)), "overdue");
  });
});
