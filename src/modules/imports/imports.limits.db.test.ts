// Issue 12: a plan has at most 5,000 actions (MAX_ACTIONS_PER_PLAN). A file that would make a
// bigger plan is refused with the numbers named, in the check (dry run) and the import alike, and
// nothing is saved; into an existing plan its actions and the file's new ones are counted together.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { generatedPlanTable, writeXlsx } from "../../../scripts/fixtures/make-import-fixtures.ts";
import { importCouncil } from "./testing/import-council.ts";

describe("the size of a plan", () => {
  const kit = importCouncil({ code: "SIZE", name: "Size Council" });
  // The plans and actions the council has (updates and audit rows do not matter here).
  const counts = async () => {
    const { plans, actions } = await kit.counts();
    return { plans, actions };
  };
  const tooBig = (n: number) => [
    {
      row: 0,
      column: "",
      message: `This plan would have ${n.toLocaleString("en-GB")} actions; a plan can have at most 5,000. Split it into smaller plans (for example one for each priority or area), or leave finished actions out`,
    },
  ];

  test("a file of 5,001 actions is refused as a new plan, in the check and the import, and nothing is saved", async () => {
    const file = await writeXlsx([generatedPlanTable(5_001)]);
    for (const dryRun of [true, false]) {
      const report = await kit.system.imports.importFile(kit.actor, "system", { fileName: "huge.xlsx", bytes: file, dryRun, asOf: "2023-01-16" });
      assert.deepEqual(report.problems, tooBig(5_001), `dryRun: ${dryRun}`);
      assert.equal(report.planId, null);
    }
    assert.deepEqual(await counts(), { plans: 0, actions: 0 });
  });

  test("into a plan of 5,000 actions, a file adding one more is refused; the same 5,000 re-import", async () => {
    const full = await kit.system.imports.importFile(kit.actor, "system", {
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
      const report = await kit.system.imports.importFile(kit.actor, "system", {
        fileName: "more.xlsx",
        bytes: oneMore,
        dryRun,
        asOf: "2023-02-16",
        planId,
      });
      assert.deepEqual(report.problems, tooBig(5_001), `dryRun: ${dryRun}`);
    }
    assert.deepEqual(await counts(), { plans: 1, actions: 5_000 });
    const same = await kit.system.imports.importFile(kit.actor, "system", {
      fileName: "full.xlsx",
      bytes: await writeXlsx([generatedPlanTable(5_000)]),
      dryRun: true,
      asOf: "2023-01-16",
      planId,
    });
    assert.deepEqual(same.problems, []);
  });
});
