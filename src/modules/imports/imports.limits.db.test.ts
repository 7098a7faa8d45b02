// Issue 12: a plan has at most 5,000 actions (MAX_ACTIONS_PER_PLAN). A file that would make a
// bigger plan is refused with the numbers named, in the check (dry run) and the import alike, and
// nothing is saved; into an existing plan its actions and the file's new ones are counted together.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { generatedPlanTable, writeXlsx } from "../../../scripts/fixtures/make-import-fixtures.ts";
import { openSystem } from "../../composition.ts";
import { openTestDatabase, type TestDatabase } from "../../platform/testing/test-database.ts";
import { readAs } from "../../platform/transaction.ts";

describe("the size of a plan", () => {
  let testDb: TestDatabase;
  let system: Awaited<ReturnType<typeof openSystem>>;
  let actor: { councilId: string; userId: null };
  const counts = () =>
    readAs(system.db, actor, async (trx) => ({
      plans: (await trx.selectFrom("plan").select("id").execute()).length,
      actions: (await trx.selectFrom("plan_action").select("id").execute()).length,
    }));
  const tooBig = (n: number) => [
    {
      row: 0,
      column: "",
      message: `This plan would have ${n.toLocaleString("en-GB")} actions; a plan can have at most 5,000. Split it into smaller plans (for example one for each priority or area), or leave finished actions out`,
    },
  ];

  before(async () => {
    testDb = await openTestDatabase();
    system = await openSystem(testDb.database);
    actor = { councilId: (await system.people.createCouncil({ code: "SIZE", name: "Size Council" })).id, userId: null };
  });
  after(async () => {
    await system.close();
    await testDb.close();
  });

  test("a file of 5,001 actions is refused as a new plan, in the check and the import, and nothing is saved", async () => {
    const file = await writeXlsx([generatedPlanTable(5_001)]);
    for (const dryRun of [true, false]) {
      const report = await system.imports.importFile(actor, "system", { fileName: "huge.xlsx", bytes: file, dryRun, asOf: "2023-01-16" });
      assert.deepEqual(report.problems, tooBig(5_001), `dryRun: ${dryRun}`);
      assert.equal(report.planId, null);
    }
    assert.deepEqual(await counts(), { plans: 0, actions: 0 });
  });

  test("into a plan of 5,000 actions, a file adding one more is refused; the same 5,000 re-import", async () => {
    const full = await system.imports.importFile(actor, "system", {
      fileName: "full.xlsx",
      bytes: await writeXlsx([generatedPlanTable(5_000)]),
      dryRun: false,
      asOf: "2023-01-16",
      title: "A plan of 5,000 actions",
      approvedOn: "2023-01-16",
    });
    assert.deepEqual(full.problems, []);
    assert.ok(full.planId);
    const planId = full.planId;
    const oneMore = await writeXlsx([generatedPlanTable(5_001)]);
    for (const dryRun of [true, false]) {
      const report = await system.imports.importFile(actor, "system", { fileName: "more.xlsx", bytes: oneMore, dryRun, asOf: "2023-02-16", planId });
      assert.deepEqual(report.problems, tooBig(5_001), `dryRun: ${dryRun}`);
    }
    assert.deepEqual(await counts(), { plans: 1, actions: 5_000 });
    const same = await system.imports.importFile(actor, "system", {
      fileName: "full.xlsx",
      bytes: await writeXlsx([generatedPlanTable(5_000)]),
      dryRun: true,
      asOf: "2023-01-16",
      planId,
    });
    assert.deepEqual(same.problems, []);
  });
});
