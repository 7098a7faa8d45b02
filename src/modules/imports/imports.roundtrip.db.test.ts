// Round trip (issue 6): the progress sheet the reports module exports, as .xlsx and .csv,
// re-imports into the same plan with nothing created and nothing changed.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { SOUTHEND_SHEET_DATE, southendTables, writeXlsx } from "../../../scripts/fixtures/make-import-fixtures.ts";
import { openSystem } from "../../composition.ts";
import { openTestDatabase, type TestDatabase } from "../../platform/testing/test-database.ts";

describe("round trip: exported progress sheets import back without change", () => {
  let testDb: TestDatabase;
  let system: Awaited<ReturnType<typeof openSystem>>;
  let actor: { councilId: string; userId: null };
  let planId: string;

  before(async () => {
    testDb = await openTestDatabase();
    system = await openSystem(testDb.database);
    actor = { councilId: (await system.people.createCouncil({ code: "RT", name: "Round Trip Council" })).id, userId: null };
    const first = await system.imports.importFile(actor, "system", {
      fileName: "southend.xlsx",
      bytes: await writeXlsx(southendTables()),
      dryRun: false,
      asOf: SOUTHEND_SHEET_DATE,
    });
    assert.deepEqual(first.problems, []);
    planId = first.planId as string;
  });
  after(async () => {
    await system.close();
    await testDb.close();
  });

  for (const format of ["xlsx", "csv"] as const) {
    test(`the ${format} progress sheet`, async () => {
      const file = await system.reports.reportFile(actor, "system", planId, { kind: "progress", format, asAt: SOUTHEND_SHEET_DATE });
      const report = await system.imports.importFile(actor, "system", {
        fileName: `export.${format}`,
        bytes: file.body,
        planId,
        dryRun: true,
        asOf: SOUTHEND_SHEET_DATE,
      });
      assert.deepEqual(report.problems, []);
      assert.deepEqual(report.created, { sections: 0, actions: 0, updates: 0 });
      assert.deepEqual(report.changed, { actions: 0, updates: 0 });
    });
  }
});
