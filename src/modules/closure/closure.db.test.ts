// Closure the seed 001 way (issue 13 part 8), against a real database: the demo closes Southend's
// peer review plan as its June 2023 final report did, carrying actions into the Area SEND Strategic
// Action Plan; the closure table comes back from a real Word file in the report's four groups, with
// their narratives; Excel has a sheet per group; narratives are changed with an audit row, and bad
// input saves nothing.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { openSystem } from "../../composition.ts";
import { InvalidInput, NotAllowed, NotFound } from "../../platform/errors.ts";
import { openTestDatabase, type TestDatabase } from "../../platform/testing/test-database.ts";
import { readAs } from "../../platform/transaction.ts";
import { areaSendPlan, dispositionFromClosing, SEED_001_NARRATIVES } from "../demo/demo.closure.ts";
import { seedDemo } from "../demo/demo.seed.ts";
import { renderDocx } from "../reports/render/docx.ts";
import { renderXlsx } from "../reports/render/xlsx.ts";

/** The paragraphs of a Word file's body, in order, read back from its XML. */
async function wordParagraphs(bytes: Buffer): Promise<string[]> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = (await zip.file("word/document.xml")?.async("string")) as string;
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)]
    .map((p) => [...(p[0] as string).matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(""))
    .map((t) =>
      t
        .replace(/&amp;/g, "&")
        .replace(/&apos;/g, "'")
        .replace(/&quot;/g, '"'),
    )
    .filter(Boolean);
}

describe("closure the seed 001 way", () => {
  let testDb: TestDatabase;
  let system: Awaited<ReturnType<typeof openSystem>>;
  let councilId: string;
  let planId: string;
  let lead: { id: string; councilId: string; roles: ["improvement_lead"] };

  before(async () => {
    testDb = await openTestDatabase();
    system = await openSystem(testDb.database);
    await seedDemo(system, { caseload: 0, closeSouthend: true });
    councilId = (await system.people.councilIdForCode("DEMO")) as string;
    await readAs(system.db, { councilId, userId: null }, async (trx) => {
      planId = (await trx.selectFrom("plan").select("id").where("external_id", "=", "southend-peer-review-2022").executeTakeFirstOrThrow()).id;
      const user = await trx.selectFrom("app_user").select("id").where("email", "=", "lead@demo-borough.example").executeTakeFirstOrThrow();
      lead = { id: user.id, councilId, roles: ["improvement_lead"] };
    });
  });
  after(async () => {
    await system.close();
    await testDb.close();
  });

  test("a closing commentary reads back as its disposition", () => {
    assert.equal(
      dispositionFromClosing("Closing position (June 2023): business as usual – embed quarterly sampling of casework by PFH.")?.disposition,
      "business-as-usual",
    );
    assert.equal(
      dispositionFromClosing("Closing position (June 2023): carried into the Area SEND Strategic Action Plan with 5.1.")?.disposition,
      "carried",
    );
    assert.deepEqual(dispositionFromClosing("Closing position (June 2023): action to be undertaken by the Council – co-produce training."), {
      disposition: "owner",
      owner: "The Council",
      note: "co-produce training.",
    });
    assert.equal(dispositionFromClosing("Training delivered."), undefined);
  });

  test("seed 001's closure table, from the demo, in Word: its four groups in order, with their narratives and actions", async () => {
    const { document } = await system.closure.closureDocument(lead, planId);
    const paragraphs = await wordParagraphs(await renderDocx(document));
    const headings = [
      "Completed actions",
      "Business as usual (BAU): ongoing work",
      "Actions carried into the Area SEND Strategic Action Plan",
      "Actions to be undertaken by the council",
    ];
    const at = headings.map((h) => paragraphs.indexOf(h));
    assert.ok(
      at.every((i) => i >= 0),
      `every group has its heading: ${JSON.stringify(at)}`,
    );
    assert.deepEqual(
      [...at].sort((a, b) => a - b),
      at,
      "in seed 001's order",
    );
    // Each heading is followed by its narrative: the final report's words.
    assert.equal(paragraphs[(at[1] as number) + 1], SEED_001_NARRATIVES["business-as-usual"]);
    assert.equal(paragraphs[(at[2] as number) + 1], SEED_001_NARRATIVES.carried);
    const between = (from: number, to: number) => paragraphs.slice(at[from], to < at.length ? at[to] : undefined).join("\n");
    // Seed 001's lines, each under its own group.
    assert.match(between(1, 2), /PFH samples files on quarterly basis/);
    assert.match(between(1, 2), /embed quarterly sampling of casework by PFH/);
    assert.match(between(2, 3), /Joint Commissioning Roadmap to be taken forward/);
    assert.match(between(2, 3), /Carried into Area SEND Strategic Action Plan/);
    assert.match(between(3, 4), /Still to be done by The Council/);
    assert.doesNotMatch(between(0, 1), /Closing position|business as usual –/);
    assert.equal(document.blocks.filter((b) => b.type === "table").length, 4, "no retired group: nothing was retired");

    const counts = Object.fromEntries((await system.closure.closureTable(lead, planId)).groups.map((g) => [g.code, g.rows.length]));
    assert.deepEqual(counts, { completed: 36, "business-as-usual": 7, carried: 9, owner: 2 });
  });

  test("the carried actions are in the Area SEND Strategic Action Plan with their history; Excel has a sheet per group", async () => {
    const area = await system.plans.loadPlan({ councilId, userId: null }, "system", areaSendPlan.externalId);
    assert.equal(area.actions.length, 9, "the eight with a closing position and 6.3, still waiting on national standards");
    for (const action of area.actions) assert.ok((area.updatesByAction.get(action.id) ?? []).length > 1, `action ${action.number} kept its history`);
    const { document } = await system.closure.closureDocument(lead, planId);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await renderXlsx(document)) as unknown as ArrayBuffer);
    assert.equal(workbook.worksheets.length, 4);
    assert.match(workbook.worksheets.map((w) => w.name).join("|"), /Business as usual/);
  });

  test("the lead changes a narrative, audited; an empty one, a forged field, another role or an open plan saves nothing", async () => {
    const audits = () =>
      readAs(
        system.db,
        { councilId, userId: null },
        async (trx) => (await trx.selectFrom("audit_event").select("id").where("action", "=", "plan.closure.narratives-changed").execute()).length,
      );
    const before = await audits();
    await system.closure.saveNarratives(lead, planId, {
      _csrf: "x",
      "narrative-owner": "Councillor training: co-produced with the Councillor Development Group.",
    });
    assert.equal(await audits(), before + 1);
    const owner = (await system.closure.closureTable(lead, planId)).groups.find((g) => g.code === "owner");
    assert.equal(owner?.narrative, "Councillor training: co-produced with the Councillor Development Group.");
    await assert.rejects(
      system.closure.saveNarratives(lead, planId, { "narrative-owner": "  " }),
      (e: unknown) => e instanceof InvalidInput && e.problems[0]?.field === "narrative-owner",
    );
    await assert.rejects(system.closure.saveNarratives(lead, planId, { "narrative-retired": "x" }), /field it does not have: narrative-retired/);
    await assert.rejects(system.closure.saveNarratives({ ...lead, roles: ["councillor"] } as never, planId, { "narrative-owner": "x" }), NotAllowed);
    const areaId = (await system.plans.loadPlan({ councilId, userId: null }, "system", areaSendPlan.externalId)).plan.id;
    await assert.rejects(system.closure.saveNarratives(lead, areaId, { "narrative-owner": "x" }), /still open/);
    await assert.rejects(system.closure.closureDocument(lead, areaId), NotFound);
    assert.equal(await audits(), before + 1);
  });
});
