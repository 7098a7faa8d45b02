// The SEN2 return against a real database: the demo council's return exported, read into an empty
// council and exported again is the same file (apart from the header's time and serial number);
// reading the same file twice creates nothing; bad files save nothing; only SEND managers; audited.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { openSystem } from "../../composition.ts";
import type { CaseRecord } from "../../domain/cases/types.ts";
import { InvalidInput, NotAllowed } from "../../platform/errors.ts";
import { openTestDatabase, type TestDatabase } from "../../platform/testing/test-database.ts";
import { readAs } from "../../platform/transaction.ts";
import { seedDemo } from "../demo/demo.seed.ts";
import { runSen2Command } from "./returns.command.ts";
import { ExportRefused } from "./returns.service.ts";

const YEAR = 2027;
const withoutStamp = (xml: string) => xml.replace(/<SerialNo>\d+<\/SerialNo>/, "").replace(/<DateTime>[^<]+<\/DateTime>/, "");

describe("SEN2 return", () => {
  let testDb: TestDatabase;
  let system: Awaited<ReturnType<typeof openSystem>>;
  let demo: { councilId: string; userId: null };
  let empty: { councilId: string; userId: null };
  const count = (councilId: string, table: "child_case" | "case_event" | "audit_event") =>
    readAs(system.db, { councilId, userId: null }, async (trx) => (await trx.selectFrom(table).select("council_id").execute()).length);

  before(async () => {
    testDb = await openTestDatabase();
    system = await openSystem(testDb.database, { today: () => "2027-02-01" });
    await seedDemo(system, { caseload: 120 });
    demo = { councilId: (await system.people.councilIdForCode("DEMO")) as string, userId: null };
    const created = await system.people.createCouncil({ code: "EMPTY", name: "Empty Council" });
    empty = { councilId: created.id, userId: null };
    // The demo caseload leaves some children without a UPN reason or a setting (validation finds
    // them, as the next tests show): give them one, so the round trip reads a clean return.
    await readAs(system.db, demo, async (trx) => {
      for (const row of await trx.selectFrom("child_case").select(["id", "record"]).execute()) {
        const record = row.record as CaseRecord;
        if (!record.child.upn && !record.child.uln) record.child.upnUnknown = "UN8";
        for (const plan of record.plans) {
          const last = plan.ceased && plan.ceased.date < "2027-01-21" ? plan.ceased.date : "2027-01-21";
          if (record.placements.some((p) => p.start <= last && (p.end === undefined || p.end >= last))) continue;
          const home = { id: `home-${plan.id}`, settingName: "Home", settingCode: "EHE" as const, settingType: "other" as const };
          record.placements.push({
            ...home,
            outOfAuthority: false,
            residential: false,
            independent: false,
            start: plan.made,
            ...(plan.ceased ? { end: plan.ceased.date } : {}),
          });
        }
        await trx
          .updateTable("child_case")
          .set({ record: JSON.stringify(record) })
          .where("id", "=", row.id)
          .execute();
      }
    });
    for (const actor of [demo, empty])
      await system.returns.saveSettings(actor, "system", { laNumber: "883", dmo: "Yes", dco: "No", dsco: "Recruiting" });
  });
  after(async () => {
    await system.close();
    await testDb.close();
  });

  test("only SEND managers; settings are checked", async () => {
    for (const roles of [["administrator"], ["caseworker"], ["board_member"]]) {
      await assert.rejects(system.returns.validate(demo, roles, YEAR), NotAllowed);
      await assert.rejects(system.returns.exportReturn(demo, roles, YEAR), NotAllowed);
    }
    await assert.rejects(system.returns.saveSettings(demo, ["send_manager"], { laNumber: "88", dmo: "Maybe" }), (e: unknown) => {
      assert.ok(e instanceof InvalidInput);
      assert.deepEqual(
        e.problems.map((p) => p.field),
        ["laNumber", "dmo"],
      );
      return true;
    });
  });

  test("round trip: export, read into an empty council, export again gives the same XML", async () => {
    const report = await system.returns.validate(demo, ["send_manager"], YEAR);
    assert.ok(report.children > 120);
    assert.equal(report.errors, 0, JSON.stringify(report.issues.filter((i) => i.severity === "error").slice(0, 3)));
    const first = await system.returns.exportReturn(
      demo,
      ["send_manager"],
      YEAR,
      report.errors ? { allowErrors: "Round trip test of the demo council" } : {},
    );
    assert.match(first.xml, /<Collection>SEN2<\/Collection>/);
    const preview = await system.returns.importReturn(empty, "system", Buffer.from(first.xml), { dryRun: true });
    assert.equal(preview.created, first.children);
    assert.equal(await count(empty.councilId, "child_case"), 0, "a preview saves nothing");
    const done = await system.returns.importReturn(empty, ["send_manager"], Buffer.from(first.xml), { dryRun: false });
    assert.equal(done.created, first.children);
    assert.equal(await count(empty.councilId, "child_case"), first.children);
    // Each child's history is in its timeline as case events, dated as the file says.
    const kinds = await readAs(system.db, empty, async (trx) => (await trx.selectFrom("case_event").select("kind").execute()).map((e) => e.kind));
    for (const kind of ["caseImported", "requestReceived", "decisionRecorded", "finalPlanIssued", "placementStarted", "planCeased"])
      assert.ok(kinds.includes(kind), kind);
    const second = await system.returns.exportReturn(
      empty,
      ["send_manager"],
      YEAR,
      first.errors ? { allowErrors: "Round trip test of the demo council" } : {},
    );
    const a = withoutStamp(second.xml).split("\n");
    const b = withoutStamp(first.xml).split("\n");
    const at = a.findIndex((line, i) => line !== b[i]);
    assert.equal(at, -1, `first difference at line ${at + 1}: ${a.slice(at - 3, at + 2).join("|")} vs ${b.slice(at - 3, at + 2).join("|")}`);
    assert.equal(a.length, b.length);
    assert.notEqual(second.serialNo, 0);

    // Reading the same file again creates nothing.
    const events = await count(empty.councilId, "case_event");
    const again = await system.returns.importReturn(empty, ["send_manager"], Buffer.from(first.xml), { dryRun: false });
    assert.deepEqual([again.alreadyRead, again.created, again.alreadyHeld], [true, 0, first.children]);
    assert.equal(await count(empty.councilId, "child_case"), first.children);
    assert.equal(await count(empty.councilId, "case_event"), events);
  });

  test("the return's totals equal the measures for the same days, in the demo council and in the council read from its return", async () => {
    const demoRows = (await system.returns.reconcile(demo, ["send_manager"], YEAR)).rows;
    assert.deepEqual(
      demoRows.map((r) => r.measureId),
      ["plansOnCensusDay", "requests", "newPlans", "within20WeeksInclExceptions", "within20WeeksExclExceptions"],
    );
    for (const row of demoRows)
      assert.equal(row.agrees, true, `${row.label}: return ${JSON.stringify(row.fromReturn)}, measures ${JSON.stringify(row.fromMeasures)}`);
    assert.ok((demoRows[0]?.fromReturn.count ?? 0) > 50 && (demoRows[2]?.fromReturn.count ?? 0) > 0, "the demo has plans and new plans to compare");
    // The council started from the demo's return (the round trip above) has the same measures.
    const emptyRows = (await system.returns.reconcile(empty, ["send_manager"], YEAR)).rows;
    assert.deepEqual(
      emptyRows.map((r) => [r.measureId, r.fromMeasures]),
      demoRows.map((r) => [r.measureId, r.fromMeasures]),
    );
    await assert.rejects(system.returns.reconcile(demo, ["caseworker"], YEAR), NotAllowed);
  });

  test("export is refused while errors remain; a reason lets it through and is audited", async () => {
    // A child with a plan naming no setting and no UPN reason.
    await readAs(system.db, demo, async (trx) => {
      // A child with a plan made well before census day and still in force, so surely in the return.
      const rows = await trx.selectFrom("child_case").select(["id", "record"]).where("has_plan", "=", true).execute();
      const row = rows.find((r) => (r.record as CaseRecord).plans.some((p) => p.made < "2026-01-01" && !p.ceased && !p.transferredIn));
      assert.ok(row);
      const record = row.record as { child: Record<string, unknown>; placements: unknown[] };
      delete record.child.upn;
      delete record.child.uln;
      delete record.child.upnUnknown;
      record.placements = [];
      await trx
        .updateTable("child_case")
        .set({ record: JSON.stringify(record) })
        .where("id", "=", row.id)
        .execute();
    });
    const report = await system.returns.validate(demo, ["send_manager"], YEAR);
    assert.ok(
      report.issues.some((i) => i.rule === "S2-01" && i.caseId),
      `S2-01 in ${JSON.stringify(report.issues)}`,
    );
    assert.ok(
      report.issues.some((i) => i.rule === "S2-07"),
      `S2-07 in ${JSON.stringify(report.issues)}`,
    );
    await assert.rejects(system.returns.exportReturn(demo, ["send_manager"], YEAR), ExportRefused);
    await assert.rejects(system.returns.exportReturn(demo, ["send_manager"], YEAR, { allowErrors: "x" }), InvalidInput);
    const auditsBefore = await count(demo.councilId, "audit_event");
    const forced = await system.returns.exportReturn(demo, ["send_manager"], YEAR, { allowErrors: "Sending now; fixing in COLLECT" });
    assert.ok(forced.errors > 0);
    const audit = await readAs(system.db, demo, (trx) =>
      trx.selectFrom("audit_event").selectAll().where("action", "=", "sen2.exported").orderBy("id", "desc").executeTakeFirstOrThrow(),
    );
    assert.equal((audit.after as { allowErrorsReason?: string }).allowErrorsReason, "Sending now; fixing in COLLECT");
    assert.equal(await count(demo.councilId, "audit_event"), auditsBefore + 1);
  });

  test("bad files: a clear message each, nothing saved", async () => {
    const before = await count(empty.councilId, "child_case");
    const bad = [
      ["not xml at all", /not XML/],
      ["<Message><Header><CollectionDetails><Collection>CIN</Collection></CollectionDetails></Header></Message>", /"CIN" collection/],
      [
        `<Message><Header><CollectionDetails><Collection>SEN2</Collection><Year>2027</Year><ReferenceDate>2027-01-21</ReferenceDate></CollectionDetails><Source><LEA>883</LEA></Source></Header><Persons><Person><Surname>A</Surname><Forename>B</Forename><PersonBirthDate>2015-02-31</PersonBirthDate><Sex>Q</Sex><UPNunknown>UN1</UPNunknown><Requests><ReceivedDate>2026-05-01</ReceivedDate><RequestOutcome>Y</RequestOutcome></Requests></Person></Persons></Message>`,
        /PersonBirthDate/,
      ],
    ] as const;
    for (const [text, message] of bad) {
      await assert.rejects(system.returns.importReturn(empty, ["send_manager"], Buffer.from(text), { dryRun: false }), (e: unknown) => {
        assert.ok(e instanceof InvalidInput);
        assert.match(e.problems.map((p) => `${p.field}: ${p.message}`).join("\n"), message);
        return true;
      });
    }
    assert.equal(await count(empty.councilId, "child_case"), before);

    // A 1 GB file through the command line: refused by its size before it is read (a sparse file
    // here, so the test writes nothing to disk), named, and nothing saved.
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), "sen2-huge-"));
    const huge = path.join(folder, "huge.xml");
    fs.closeSync(fs.openSync(huge, "w"));
    fs.truncateSync(huge, 1024 ** 3);
    const out: string[] = [];
    const code = await runSen2Command(
      system.returns,
      empty,
      { subcommand: "import", file: huge, dryRun: false, json: true },
      {
        stdout: (t) => out.push(t),
        stderr: (t) => out.push(t),
      },
    );
    fs.rmSync(folder, { recursive: true, force: true });
    assert.equal(code, 1);
    assert.match(out.join(""), /huge\.xml is 1024 MB; a SEN2 return is at most 200 MB\. Nothing was read or saved\./);
    assert.equal(await count(empty.councilId, "child_case"), before);
  });
});
