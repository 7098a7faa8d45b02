// Importing real .xlsx and .docx files made from the councils' published tables: a new plan, an idempotent
// re-import, one changed status making one dated update, dry runs, and bad files saving nothing.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { SOUTHEND_SHEET_DATE, southendTables, thurrockTables, writeDocx, writeXlsx } from "../../../scripts/fixtures/make-import-fixtures.ts";
import { NotAllowed } from "../../platform/errors.ts";
import { importCouncil } from "./testing/import-council.ts";

describe("importing plans", () => {
  const kit = importCouncil({ code: "IMP", name: "Import Council" });
  const { counts } = kit;

  test("Southend's progress sheet as .xlsx becomes a plan; re-importing it changes nothing; one changed status adds one dated update", async () => {
    const file = await writeXlsx(southendTables());
    const dry = await kit.system.imports.importFile(kit.actor, "system", {
      fileName: "southend.xlsx",
      bytes: file,
      dryRun: true,
      asOf: SOUTHEND_SHEET_DATE,
    });
    assert.deepEqual(dry.problems, []);
    assert.equal(dry.created.actions, 54);
    assert.equal((await counts()).plans, 0, "a dry run saves nothing");

    const first = await kit.system.imports.importFile(kit.actor, "system", {
      fileName: "southend.xlsx",
      bytes: file,
      dryRun: false,
      asOf: SOUTHEND_SHEET_DATE,
    });
    assert.ok(first.planId);
    assert.equal(first.created.actions, 54);
    const view = await kit.system.plans.planView({ id: "", councilId: kit.actor.councilId, roles: ["councillor"] }, first.planId, {
      asAt: SOUTHEND_SHEET_DATE,
    });
    // The sheet is flat: "6a" is a row group of its own there (the demo data nests it under 6).
    assert.deepEqual(
      view.sections.map((s) => s.number),
      ["1", "2", "3", "4", "6", "6a", "5", "7", "8", "9", "10", "11", "12", "13", "14", "15"],
    );
    assert.equal(view.summary.total, 54);

    const before = await counts();
    const again = await kit.system.imports.importFile(kit.actor, "system", {
      fileName: "southend.xlsx",
      bytes: file,
      planId: first.planId,
      dryRun: false,
      asOf: SOUTHEND_SHEET_DATE,
    });
    assert.deepEqual(
      { created: again.created, changed: again.changed, problems: again.problems },
      {
        created: { sections: 0, actions: 0, updates: 0 },
        changed: { actions: 0, updates: 0 },
        problems: [],
      },
    );
    const afterSame = await counts();
    assert.deepEqual({ ...afterSame, audit: 0 }, { ...before, audit: 0 }, "nothing changed but the audit of the import");

    // Colour one action's status cell red (limited progress) and re-import.
    const tables = southendTables();
    const row = tables[0]?.rows.find((r) => r[4]?.fill === "00B050") as { text: string; fill?: string }[];
    (row[4] as { fill?: string }).fill = "FF0000";
    const changed = await kit.system.imports.importFile(kit.actor, "system", {
      fileName: "southend.xlsx",
      bytes: await writeXlsx(tables),
      planId: first.planId,
      dryRun: false,
      asOf: SOUTHEND_SHEET_DATE,
    });
    assert.deepEqual(changed.changed, { actions: 0, updates: 1 });
    assert.equal((await counts()).updates, afterSame.updates + 1);
  });

  test("Thurrock's WSOA action tables as .docx import with their weaknesses, leads and statuses", async () => {
    const file = await writeDocx(thurrockTables(undefined, { splitAcrossPages: true }), "Thurrock Written Statement of Action");
    // No scheme given: the five shadings (light green among them) make it the five-level RAG.
    const preview = await kit.system.imports.preview(kit.actor, "system", {
      fileName: "thurrock.docx",
      bytes: file,
      dryRun: false,
      asOf: "2019-07-25",
    });
    assert.deepEqual(preview.report.problems, []);
    assert.equal(preview.details?.scheme.code, "five-level");
    assert.equal(preview.details?.title.value, "Thurrock Written Statement of Action");
    assert.equal(preview.details?.type.value, "wsoa");
    // The preview lists what is created: the three weaknesses with their improvement areas, the file's numbers.
    const top = (preview.plan ?? []).filter((s) => s.depth === 0).map((s) => s.title.slice(0, 22));
    assert.deepEqual(top, ["Significant weakness 1", "Significant Weakness 2", "Significant weakness 3"]);
    const sentence = (preview.plan ?? []).flatMap((s) => s.actions).find((a) => a.due.text.startsWith("Quarterly report"));
    assert.equal(sentence?.due.date, null);
    assert.match(sentence?.notes.join(" ") ?? "", /kept as written/);
    const plan = await kit.system.plans.planView({ id: "", councilId: kit.actor.councilId, roles: ["councillor"] }, preview.report.planId as string, {
      asAt: "2019-07-25",
    });
    assert.equal(plan.plan.type, "wsoa");
    assert.equal(plan.sections.filter((s) => s.depth === 0).length, 3);
  });

  test("bad files get a clear message and save nothing", async () => {
    const before = await counts();
    const xlsx = await writeXlsx(southendTables());
    const cases: [string, Uint8Array, RegExp][] = [
      ["truncated.xlsx", xlsx.subarray(0, xlsx.length / 2), /./],
      ["random.xlsx", Uint8Array.from({ length: 2000 }, (_, i) => (i * 7919) % 251), /./],
      ["protected.xlsx", Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(600).fill(0)]), /password-protected/],
      ["broken.csv", new TextEncoder().encode('No,Action,Timescale\n1,"Never closed,March 2022\n'), /not closed/],
      ["headers.csv", new TextEncoder().encode("Alpha,Beta,Gamma\n1,2,3\n"), /./],
    ];
    for (const [fileName, bytes, message] of cases) {
      const report = await kit.system.imports.importFile(kit.actor, "system", { fileName, bytes, dryRun: false });
      assert.ok(report.problems.length > 0, fileName);
      assert.match(report.problems[0]?.message ?? "", message, fileName);
    }
    const big = new Uint8Array(50 * 1024 * 1024 + 1);
    assert.match(
      (await kit.system.imports.importFile(kit.actor, "system", { fileName: "big.xlsx", bytes: big, dryRun: false })).problems[0]?.message ?? "",
      /50 MB/,
    );
    assert.deepEqual(await counts(), before);
    await assert.rejects(kit.system.imports.importFile(kit.actor, ["councillor"], { fileName: "s.xlsx", bytes: xlsx, dryRun: false }), NotAllowed);
  });
});
