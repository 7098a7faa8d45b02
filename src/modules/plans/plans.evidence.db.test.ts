// Evidence files against a real database (issue 13, What to build 4): real PDF, Word, Excel and
// image files are attached and listed; a file that says it is a PDF but is not is refused, naming
// the file, with nothing saved; downloads are audited; another council's action or file is not found.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { openSystem } from "../../composition.ts";
import type { Role } from "../../domain/roles.ts";
import { InvalidInput, NotAllowed, NotFound } from "../../platform/errors.ts";
import { excelFile, PNG, tinyPdf, wordFile } from "../../platform/testing/files.ts";
import { openTestDatabase, type TestDatabase } from "../../platform/testing/test-database.ts";
import { readAs } from "../../platform/transaction.ts";
import { seedDemo } from "../demo/demo.seed.ts";
import { EvidenceService } from "./plans.evidence.service.ts";

describe("evidence files", () => {
  let testDb: TestDatabase;
  let system: Awaited<ReturnType<typeof openSystem>>;
  let evidence: EvidenceService;
  let councilId: string;
  let otherCouncilId: string;
  let userId: string;
  let actionId: string;
  let otherActionId: string;
  const as = (roles: Role[], council = councilId) => ({ id: userId, councilId: council, roles, displayName: "Ivy Lead" });
  const lead = () => as(["improvement_lead"]);
  const rows = (action?: string) =>
    readAs(system.db, { councilId, userId: null }, async (trx) => ({
      files: (await trx.selectFrom("plan_evidence").select("id").execute()).length,
      audit: await trx
        .selectFrom("audit_event")
        .select(["action", "actor_user_id", "subject_id", "after"])
        .where("action", "like", action ?? "plan.evidence.%")
        .orderBy("id")
        .execute(),
    }));

  before(async () => {
    testDb = await openTestDatabase();
    system = await openSystem(testDb.database);
    await seedDemo(system, { caseload: 0 });
    evidence = new EvidenceService(system.db);
    councilId = (await system.people.councilIdForCode("DEMO")) as string;
    const other = await system.people.createCouncil({ code: "OTHEREV", name: "Other Evidence Council" });
    otherCouncilId = other.id;
    const ids = await readAs(system.db, { councilId, userId: null }, async (trx) => ({
      user: (await trx.selectFrom("app_user").select("id").where("email", "=", "lead@demo-borough.example").executeTakeFirstOrThrow()).id,
      action: (
        await trx
          .selectFrom("plan_action")
          .innerJoin("plan", "plan.id", "plan_action.plan_id")
          .select("plan_action.id")
          .where("plan.external_id", "=", "southend-peer-review-2022")
          .orderBy("plan_action.position")
          .executeTakeFirstOrThrow()
      ).id,
    }));
    userId = ids.user;
    actionId = ids.action;
    const { southendPeerReview } = await import("./demo/southend-peer-review-2022.ts");
    await system.plans.createPlanFromSeed({ councilId: otherCouncilId, userId: null }, { ...southendPeerReview, externalId: "other-ev" });
    otherActionId = (
      await readAs(system.db, { councilId: otherCouncilId, userId: null }, (trx) =>
        trx.selectFrom("plan_action").select("id").executeTakeFirstOrThrow(),
      )
    ).id;
  });
  after(async () => {
    await system.close();
    await testDb.close();
  });

  test("PDF, Word, Excel and image files are attached, typed from their content and listed with who and when", async () => {
    const before = await rows();
    const pdf = await evidence.attach(lead(), actionId, { fileName: "Board minutes March 2026.pdf", bytes: tinyPdf() });
    const docx = await evidence.attach(lead(), actionId, { fileName: "Minutes.docx", bytes: await wordFile() });
    const xlsx = await evidence.attach(lead(), actionId, { fileName: "KPI dashboard.xlsx", bytes: await excelFile() });
    const png = await evidence.attach(lead(), actionId, { fileName: "C:\\Users\\ivy\\Chart.PNG", bytes: PNG });
    assert.deepEqual(
      [pdf, docx, xlsx, png].map((f) => [f.fileName, f.mediaType, f.typeText]),
      [
        ["Board minutes March 2026.pdf", "application/pdf", "PDF"],
        ["Minutes.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word document"],
        ["KPI dashboard.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel workbook"],
        // The folder a browser may send is dropped; the type comes from the content.
        ["Chart.PNG", "image/png", "PNG image"],
      ],
    );
    assert.equal(png.sizeBytes, PNG.length);
    assert.equal(png.uploadedBy, "Ivy Lead");
    const listed = await evidence.list(as(["councillor"]), actionId);
    assert.deepEqual(
      listed.map((f) => f.fileName),
      ["Board minutes March 2026.pdf", "Minutes.docx", "KPI dashboard.xlsx", "Chart.PNG"],
    );
    const after = await rows();
    assert.equal(after.files, before.files + 4);
    const added = after.audit.slice(before.audit.length);
    assert.deepEqual(
      added.map((a) => [a.action, a.actor_user_id, a.subject_id]),
      Array(4).fill(["plan.evidence.added", userId, actionId]),
    );
    // The audit row names the file, never holds its content.
    assert.equal((added[0]?.after as { fileName?: string } | undefined)?.fileName, "Board minutes March 2026.pdf");
    assert.ok(!JSON.stringify(added).includes("%PDF"));
  });

  test("a file that says it is a PDF but is not is refused, naming the file, and nothing is saved", async () => {
    const before = await rows();
    const refused = async (fileName: string, bytes: Buffer) => {
      const error = await evidence.attach(lead(), actionId, { fileName, bytes }).then(
        () => assert.fail(`${fileName} was attached`),
        (e: unknown) => e,
      );
      assert.ok(error instanceof InvalidInput, String(error));
      return error.problems.map((p) => `${p.field}: ${p.message}`);
    };
    assert.deepEqual(await refused("minutes.pdf", Buffer.from("These are not really minutes, just text.")), [
      'file: "minutes.pdf" says it is a PDF but its content is not: attach the real file, named as what it is',
    ]);
    assert.deepEqual(await refused("chart.pdf", PNG), [
      'file: "chart.pdf" says it is a PDF but its content is a PNG image: attach the real file, named as what it is',
    ]);
    // .docx and .xlsx are both zip files: told apart by what is inside.
    assert.deepEqual(await refused("kpis.xlsx", await wordFile()), [
      'file: "kpis.xlsx" says it is an Excel workbook but its content is a Word document: attach the real file, named as what it is',
    ]);
    assert.match(
      (await refused("run-me.exe", tinyPdf()))[0] as string,
      /"run-me.exe" is not a file that can be attached: attach a PDF, a Word document/,
    );
    assert.deepEqual(await refused("empty.pdf", Buffer.alloc(0)), ["file: Select the file to attach"]);
    const after = await rows();
    assert.equal(after.files, before.files);
    assert.equal(after.audit.length, before.audit.length);
  });

  test("a file can back one of the action's updates, and only one of this action's", async () => {
    const update = await system.plans.addUpdate(lead() as never, actionId, {
      date: "2026-01-15",
      status: "on-track",
      commentary: "Board agreed the minutes.",
    });
    const updateId = (update as { id: string }).id;
    const attached = await evidence.attach(lead(), actionId, { fileName: "Agreed minutes.pdf", bytes: tinyPdf(), updateId });
    assert.equal(attached.updateId, updateId);
    assert.equal(attached.updateDate, "2026-01-15");
    const otherUpdate = await readAs(system.db, { councilId, userId: null }, (trx) =>
      trx.selectFrom("action_update").select("id").where("action_id", "<>", actionId).executeTakeFirstOrThrow(),
    );
    await assert.rejects(evidence.attach(lead(), actionId, { fileName: "x.pdf", bytes: tinyPdf(), updateId: otherUpdate.id }), (e: unknown) => {
      assert.ok(e instanceof InvalidInput);
      assert.deepEqual(e.problems, [{ field: "updateId", message: "Choose one of this action's updates, or the action as a whole" }]);
      return true;
    });
  });

  test("a download gives the file's bytes and is audited: who downloaded which file", async () => {
    const file = await evidence.attach(lead(), actionId, { fileName: "Download me.pdf", bytes: tinyPdf() });
    const reader = { id: userId, councilId, roles: ["board_member"] as Role[] };
    const got = await evidence.download(reader, file.id);
    assert.deepEqual(got.content, tinyPdf());
    assert.equal(got.fileName, "Download me.pdf");
    assert.equal(got.mediaType, "application/pdf");
    const audit = (await rows("plan.evidence.downloaded")).audit.at(-1);
    assert.equal(audit?.subject_id, file.id);
    assert.equal(audit?.actor_user_id, userId);
    assert.deepEqual(audit?.after, { actionId, fileName: "Download me.pdf", sizeBytes: tinyPdf().length });
  });

  test("roles and councils: readers cannot attach; another council's action or file is not found", async () => {
    const before = await rows();
    await assert.rejects(evidence.attach(as(["board_member"]), actionId, { fileName: "a.pdf", bytes: tinyPdf() }), NotAllowed);
    const [mine] = await evidence.list(lead(), actionId);
    const stranger = as(["improvement_lead"], otherCouncilId);
    await assert.rejects(evidence.download(stranger, mine?.id as string), NotFound);
    await assert.rejects(evidence.list(stranger, actionId), NotFound);
    await assert.rejects(evidence.attach(stranger, actionId, { fileName: "a.pdf", bytes: tinyPdf() }), NotFound);
    await assert.rejects(evidence.attach(lead(), otherActionId, { fileName: "a.pdf", bytes: tinyPdf() }), NotFound);
    await assert.rejects(evidence.download(lead(), "not-an-id"), NotFound);
    const after = await rows();
    assert.equal(after.files, before.files);
    assert.equal(after.audit.length, before.audit.length);
  });
});
