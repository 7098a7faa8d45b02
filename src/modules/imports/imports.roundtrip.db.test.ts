// Round trip (issues 6 and 11): the progress sheet the reports module exports, in every format an
// import reads (.xlsx, .csv, .docx), re-imports into the same plan with nothing created and
// nothing changed: for a plan imported from a file, and for both demo plans (Southend's 54
// actions stay 54; Thurrock's WSOA, whose weaknesses reuse numbers like 5.1, imports cleanly).
// One status changed in the file adds exactly one dated update.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import ExcelJS from "exceljs";
import { SOUTHEND_SHEET_DATE, southendTables, writeXlsx } from "../../../scripts/fixtures/make-import-fixtures.ts";
import { parseUpdateDate } from "../../domain/imports/mapping.ts";
import { readAs } from "../../platform/transaction.ts";
import { seedDemo } from "../demo/demo.seed.ts";
import { writeCsv } from "./corpus/corpus.ts";
import { parseCsv } from "./readers/csv.ts";
import { importCouncil } from "./testing/import-council.ts";

const FORMATS = ["xlsx", "csv", "docx"] as const;

describe("round trip: exported progress sheets import back without change", () => {
  const kit = importCouncil({ code: "RT", name: "Round Trip Council" });
  let demo: { councilId: string; userId: null };
  const plans: Record<string, string> = {};
  const actionCount = (who: { councilId: string }, planId: string) =>
    readAs(
      kit.system.db,
      { councilId: who.councilId, userId: null },
      async (trx) => (await trx.selectFrom("plan_action").select("id").where("plan_id", "=", planId).execute()).length,
    );

  before(async () => {
    const first = await kit.system.imports.importFile(kit.actor, "system", {
      fileName: "southend.xlsx",
      bytes: await writeXlsx(southendTables()),
      dryRun: false,
      asOf: SOUTHEND_SHEET_DATE,
    });
    assert.deepEqual(first.problems, []);
    plans.imported = first.planId as string;
    await seedDemo(kit.system, { caseload: 0 });
    demo = { councilId: (await kit.system.people.councilIdForCode("DEMO")) as string, userId: null };
    for (const p of await kit.system.plans.listPlansAs(demo)) plans[p.external_id] = p.id;
  });

  const cases = [
    { name: "the imported Southend plan", key: "imported", who: () => kit.actor, actions: 54 },
    { name: "the demo Southend peer review plan", key: "southend-peer-review-2022", who: () => demo, actions: 54 },
    { name: "the demo Thurrock WSOA", key: "thurrock-wsoa-2019", who: () => demo, actions: undefined },
  ];
  for (const c of cases) {
    for (const format of FORMATS) {
      test(`${c.name}: its ${format} progress sheet`, async () => {
        const planId = plans[c.key] as string;
        const who = c.who();
        const before = await actionCount(who, planId);
        if (c.actions !== undefined) assert.equal(before, c.actions);
        const file = await kit.system.reports.reportFile(who, "system", planId, { kind: "progress", format });
        const report = await kit.system.imports.importFile(who, "system", { fileName: `export.${format}`, bytes: file.body, planId, dryRun: false });
        assert.deepEqual(report.problems, []);
        assert.deepEqual(report.created, { sections: 0, actions: 0, updates: 0 });
        assert.deepEqual(report.changed, { actions: 0, updates: 0 });
        assert.equal(await actionCount(who, planId), before);
      });
    }
  }

  test("one status changed in the demo Southend plan's CSV export adds exactly one update, dated by its row", async () => {
    const planId = plans["southend-peer-review-2022"] as string;
    const file = await kit.system.reports.reportFile(demo, "system", planId, { kind: "progress", format: "csv" });
    const parsed = parseCsv(Buffer.from(file.body).toString("utf8"));
    assert.ok(parsed.ok);
    const [header, ...rows] = parsed.rows.filter((r) => r.some((c) => c.trim() !== ""));
    assert.ok(header);
    const status = header.indexOf("Status");
    const row = rows.find((r) => r[header.indexOf("No")] === "6a.2");
    assert.ok(row && status > 0);
    const next = row[status] === "Limited progress / delayed" ? "On track to meet the deadline" : "Limited progress / delayed";
    row[status] = next;
    const report = await kit.system.imports.importFile(demo, "system", {
      fileName: "changed.csv",
      bytes: writeCsv([header, ...rows]),
      planId,
      dryRun: false,
    });
    assert.deepEqual(report.problems, []);
    assert.deepEqual(report.created, { sections: 0, actions: 0, updates: 0 });
    assert.deepEqual(report.changed, { actions: 0, updates: 1 });
    const latest = await readAs(kit.system.db, demo, (trx) =>
      trx
        .selectFrom("action_update")
        .innerJoin("plan_action", "plan_action.id", "action_update.action_id")
        .select(["action_update.status", "action_update.update_date"])
        .where("plan_action.plan_id", "=", planId)
        .where("plan_action.number", "=", "6a.2")
        .orderBy("action_update.update_date", "desc")
        .orderBy("action_update.sequence", "desc")
        .executeTakeFirstOrThrow(),
    );
    const date = latest.update_date as unknown;
    assert.deepEqual(
      { status: latest.status, date: (date instanceof Date ? date.toISOString() : String(date)).slice(0, 10) },
      {
        status: next === "On track to meet the deadline" ? "on-track" : "limited-progress",
        date: parseUpdateDate(row[header.indexOf("Last updated")] ?? ""),
      },
    );
  });

  test("one status changed in the demo WSOA's Excel export adds exactly one dated update", async () => {
    const planId = plans["thurrock-wsoa-2019"] as string;
    const file = await kit.system.reports.reportFile(demo, "system", planId, { kind: "progress", format: "xlsx" });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.body as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0] as ExcelJS.Worksheet;
    const statusColumn = (sheet.getRow(1).values as unknown[]).indexOf("Status");
    // The second 5.1 (weakness 2's): the number is used twice in the plan.
    let row = 0;
    let seen = 0;
    sheet.eachRow((r, n) => {
      if (r.getCell(3).text === "5.1" && ++seen === 2) row = n;
    });
    assert.ok(row > 0 && statusColumn > 0);
    const old = sheet.getCell(row, statusColumn).text;
    sheet.getCell(row, statusColumn).value = old === "Red" ? "Amber" : "Red";
    const changed = Buffer.from(await workbook.xlsx.writeBuffer());
    const report = await kit.system.imports.importFile(demo, "system", { fileName: "changed.xlsx", bytes: changed, planId, dryRun: true });
    assert.deepEqual(report.problems, []);
    assert.deepEqual(report.created, { sections: 0, actions: 0, updates: 0 });
    assert.deepEqual(report.changed, { actions: 0, updates: 1 });
  });
});
