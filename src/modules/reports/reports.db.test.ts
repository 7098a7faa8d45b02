// Reports built from the demo plans and read back with real readers: Word through its XML,
// Excel through exceljs, CSV parsed, JSON by shape; and two as-at dates differ as the history says.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { startTestApp } from "../../platform/testing/test-app.ts";
import { readAs } from "../../platform/transaction.ts";
import { escapeHtml } from "./render/html.ts";
import type { ChangesReport, ExceptionReport, ProgressReport, SummaryReport } from "./report-model.ts";
import { ReportsService } from "./reports.service.ts";

/** A minimal RFC 4180 reader: quoted fields, doubled quotes, CRLF records. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += c;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

const xmlText = (value: string) =>
  escapeHtml(value)
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"');

describe("committee reports from the demo plans", () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let reports: ReportsService;
  let actor: { councilId: string; userId: null };
  const board: ["board_member"] = ["board_member"];

  before(async () => {
    app = await startTestApp({ caseload: 0 });
    reports = new ReportsService(app.plans, () => "2022-03-15");
    actor = { councilId: (await app.people.councilIdForCode("DEMO")) as string, userId: null };
  });
  after(async () => app.stop());

  test("the progress sheet has one row per action, the key and the summary, and matches the plan view on two dates", async () => {
    const southend = (await app.plans.listPlansAs(actor)).find((p) => p.external_id === "southend-peer-review-2022");
    assert.ok(southend);
    for (const asAt of ["2022-02-01", "2022-03-15"]) {
      const report = (await reports.report(actor, board, "southend-peer-review-2022", { kind: "progress", asAt })) as ProgressReport;
      const view = await app.plans.planView({ id: "x", councilId: actor.councilId, roles: board }, southend.id, { asAt });
      const viewActions = view.sections.flatMap((s) => s.actions);
      assert.equal(report.rows.length, viewActions.length);
      assert.deepEqual(
        report.rows.map((r) => [r.number, r.status.label]),
        viewActions.map((a) => [a.number, a.tag.text]),
      );
      assert.deepEqual(
        report.summary.rows.map((r) => [r.code, r.count]),
        view.summary.rows.map((r) => [r.code, r.count]),
      );
      assert.equal(report.summary.sentence, view.summary.sentence);
      assert.equal(report.key.length, 4);
      assert.match(report.summary.rows[0]?.text ?? "", /^(\d+%|less than 1%|more than 99%) \(\d+\)$/);
    }
    const early = (await reports.report(actor, board, "southend-peer-review-2022", { kind: "progress", asAt: "2022-02-01" })) as ProgressReport;
    const later = (await reports.report(actor, board, "southend-peer-review-2022", { kind: "progress", asAt: "2022-03-15" })) as ProgressReport;
    assert.notDeepEqual(
      early.summary.rows.map((r) => r.count),
      later.summary.rows.map((r) => r.count),
      "the history moves between the two dates",
    );
  });

  test("what changed between two dates is exactly the difference of the two progress sheets", async () => {
    const since = "2022-02-01";
    const asAt = "2022-03-15";
    const early = (await reports.report(actor, board, "southend-peer-review-2022", { kind: "progress", asAt: since })) as ProgressReport;
    const later = (await reports.report(actor, board, "southend-peer-review-2022", { kind: "progress", asAt })) as ProgressReport;
    const changes = (await reports.report(actor, board, "southend-peer-review-2022", { kind: "changes", asAt, since })) as ChangesReport;
    const before = new Map(early.rows.map((r) => [r.actionId, r.status.code]));
    const moved = later.rows.filter((r) => before.get(r.actionId) !== r.status.code).map((r) => r.actionId);
    assert.deepEqual(
      changes.statusMoves.map((m) => m.actionId),
      moved,
    );
    for (const m of changes.statusMoves) assert.equal(m.from.code, before.get(m.actionId));
    const withSince = (await reports.report(actor, board, "southend-peer-review-2022", { kind: "progress", asAt, since })) as ProgressReport;
    assert.equal(
      withSince.rows.reduce((n, r) => n + r.commentarySince.length, 0),
      changes.newCommentary.length,
    );
    for (const c of changes.completed) assert.equal(later.rows.find((r) => r.actionId === c.actionId)?.status.code, "completed");
  });

  test("the exception report gives each action's reasons, reusing the lead's checks", async () => {
    const asAt = "2022-06-30";
    const report = (await reports.report(actor, board, "thurrock-wsoa-2019", { kind: "exceptions", asAt: "2020-01-31" })) as ExceptionReport;
    for (const row of report.rows) {
      assert.ok(row.reasons.length > 0);
      if (row.status.code === "red" || row.status.code === "amber") assert.ok(row.reasons.some((r) => r.code === "rated-below-on-track"));
      else assert.ok(!row.reasons.some((r) => r.code === "rated-below-on-track"), `${row.number} ${row.status.code}`);
    }
    const southend = (await reports.report(actor, board, "southend-peer-review-2022", { kind: "exceptions", asAt })) as ExceptionReport;
    const summary = await app.plans.summary(actor, "system", "southend-peer-review-2022", asAt);
    const flagged = new Set(summary.flags.map((f) => f.actionId));
    for (const id of flagged)
      assert.ok(
        southend.rows.some((r) => r.actionId === id),
        "every flagged action is an exception",
      );
    for (const count of southend.counts) assert.equal(count.count, southend.rows.filter((r) => r.reasons.some((x) => x.code === count.code)).length);
  });

  test("the summary report's overall table agrees with the plan's summary and has a section table each", async () => {
    const asAt = "2022-03-15";
    const report = (await reports.report(actor, board, "thurrock-wsoa-2019", {
      kind: "summary",
      asAt: "2020-01-31",
      since: "2019-10-31",
    })) as SummaryReport;
    assert.equal(report.previous, "2019-10-31");
    const total = report.overall.wsoa.totals.current;
    assert.equal(
      report.sections.reduce((n, s) => n + s.wsoa.totals.current, 0),
      total,
    );
    const d = report.overall.wsoa.direction;
    assert.equal(d.improved + d.worse + d.unchanged + d.new, total);
    const southend = (await reports.report(actor, board, "southend-peer-review-2022", { kind: "summary", asAt })) as SummaryReport;
    const plan = await app.plans.summary(actor, "system", "southend-peer-review-2022", asAt);
    assert.deepEqual(
      southend.overall.summary.rows.map((r) => r.count),
      plan.statuses.map((s) => s.count),
    );
  });

  test("the Word progress sheet is landscape, repeats its header row, and holds every action, the key and the as-at date", async () => {
    const file = await reports.reportFile(actor, board, "southend-peer-review-2022", {
      kind: "progress",
      format: "docx",
      asAt: "2022-03-15",
      since: "2022-02-01",
    });
    assert.equal(file.filename, "southend-peer-review-2022-progress-sheet-2022-03-15.docx");
    const zip = await JSZip.loadAsync(file.body);
    const xml = (await zip.file("word/document.xml")?.async("string")) as string;
    assert.match(xml, /w:orient="landscape"/);
    assert.match(xml, /<w:tblHeader\/>|<w:tblHeader w:val="(true|1|on)"\/>/);
    const report = file.report as ProgressReport;
    for (const row of report.rows)
      for (const line of row.action.split("\n")) assert.ok(xml.includes(xmlText(line)), `action ${row.number} is in the document`);
    for (const status of report.key) {
      assert.ok(xml.includes(xmlText(status.label)), status.label);
      assert.ok(xml.includes(xmlText(status.definition)), `definition of ${status.label}`);
    }
    assert.match(xml, /w:fill="D4351C"|w:fill="1D70B8"|w:fill="00703C"/, "status cells are shaded");
    const footers = await Promise.all(
      Object.keys(zip.files)
        .filter((f) => /^word\/footer\d*\.xml$/.test(f))
        .map((f) => zip.file(f)?.async("string")),
    );
    assert.ok(
      footers.some((f) => f?.includes("Position as at 15 March 2022")),
      "the footer gives the as-at date",
    );
    assert.ok(xml.includes("Position as at 15 March 2022"));
  });

  test("the Excel progress sheet has a frozen, filtered header and one row per action with status fills", async () => {
    const file = await reports.reportFile(actor, board, "southend-peer-review-2022", { kind: "progress", format: "xlsx", asAt: "2022-03-15" });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.body as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0] as ExcelJS.Worksheet;
    const report = file.report as ProgressReport;
    assert.equal(sheet.rowCount, report.rows.length + 1);
    assert.equal(sheet.getRow(1).getCell(1).value, "Section no");
    assert.equal(sheet.views[0]?.state, "frozen");
    assert.ok(sheet.autoFilter);
    const statusColumn = 7;
    report.rows.forEach((r, i) => {
      const cell = sheet.getRow(i + 2).getCell(statusColumn);
      assert.equal(cell.value, r.status.label);
      assert.equal(sheet.getRow(i + 2).getCell(4).value, r.action);
    });
    assert.ok(workbook.worksheets.some((s) => s.name === "Status key"));
  });

  test("CSV has a BOM, one record per action, and guards cells that would run as formulas", async () => {
    const file = await reports.reportFile(actor, board, "southend-peer-review-2022", { kind: "progress", format: "csv", asAt: "2022-03-15" });
    const text = file.body.toString("utf8");
    assert.ok(text.startsWith("\uFEFF"));
    const rows = parseCsv(text.slice(1));
    const report = file.report as ProgressReport;
    assert.deepEqual(rows[0], [
      "Section no",
      "Recommendation",
      "No",
      "Action",
      "Lead",
      "Due",
      "Status",
      "Percent complete",
      "Judged impact",
      "Last updated",
      "Commentary as at 15 March 2022",
    ]);
    assert.equal(rows.length, report.rows.length + 1);
    for (const [i, r] of report.rows.entries()) {
      const cells = rows[i + 1] as string[];
      assert.equal(cells[2], /^[=+\-@]/.test(r.number) ? `'${r.number}` : r.number);
      assert.equal(cells[6], r.status.label);
    }
  });

  test("JSON is the report model; HTML is a whole accessible page", async () => {
    const json = await reports.reportFile(actor, board, "thurrock-wsoa-2019", { kind: "exceptions", format: "json", asAt: "2020-01-31" });
    const parsed = JSON.parse(json.body.toString("utf8"));
    assert.equal(parsed.kind, "exceptions");
    assert.equal(parsed.asAt, "2020-01-31");
    assert.ok(Array.isArray(parsed.rows) && Array.isArray(parsed.key) && Array.isArray(parsed.counts));
    const html = (
      await reports.reportFile(actor, board, "thurrock-wsoa-2019", { kind: "progress", format: "html", asAt: "2020-01-31" })
    ).body.toString();
    assert.match(html, /<html lang="en-GB">/);
    assert.match(html, /<th scope="col">Status<\/th>/);
    assert.match(html, /@media print/);
    assert.match(html, /Position as at 31 January 2020/);
  });

  test("percent complete and the impact judgement are in the progress sheet in every format, with the weighted roll-up", async () => {
    const lead = await readAs(app.db, actor, (trx) =>
      trx.selectFrom("app_user").select("id").where("email", "=", "lead@demo-borough.example").executeTakeFirstOrThrow(),
    );
    const person = { id: lead.id, councilId: actor.councilId, roles: ["improvement_lead" as const], displayName: "Ivy Lead" };
    const loaded = await app.plans.loadPlan(actor, "system", "thurrock-wsoa-2019");
    const [first, second] = loaded.actions;
    assert.ok(first && second);
    const edit = (a: typeof first, extra: Record<string, unknown>) =>
      app.plans.editAction(person, a.id, { number: a.number, text: a.text, timescale: a.due_text, version: a.version, ...extra });
    await edit(first, { progress: "80", weight: "3", impact: "emerging" });
    await edit(second, { progress: "40", impact: "evidenced" });
    const options = { kind: "progress" as const, asAt: "2020-01-31" };
    const report = (await reports.report(actor, board, "thurrock-wsoa-2019", options)) as ProgressReport;
    const row = (id: string) => report.rows.find((r) => r.actionId === id);
    assert.deepEqual([row(first.id)?.percent, row(first.id)?.impact.label], [80, "Impact emerging"]);
    assert.deepEqual([row(second.id)?.percent, row(second.id)?.impact.label], [40, "Impact evidenced"]);
    assert.equal(report.rows.filter((r) => r.impact.code === "not-assessed").length, report.rows.length - 2);
    // (80 x 3 + 40 x 1) / 4: only the two actions with a percentage count.
    assert.deepEqual(report.progress, {
      percent: 70,
      counted: 2,
      total: report.rows.length,
      text: `70% complete (2 of ${report.rows.length} actions with a percentage)`,
    });

    const csv = parseCsv(
      (await reports.reportFile(actor, board, "thurrock-wsoa-2019", { ...options, format: "csv" })).body.toString("utf8").slice(1),
    );
    const header = csv[0] as string[];
    const csvRow = csv.find((r) => r[2] === first.number && r[3] === first.text) as string[];
    assert.equal(csvRow[header.indexOf("Percent complete")], "80%");
    assert.equal(csvRow[header.indexOf("Judged impact")], "Impact emerging");

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await reports.reportFile(actor, board, "thurrock-wsoa-2019", { ...options, format: "xlsx" })).body as never);
    const sheet = workbook.worksheets[0] as ExcelJS.Worksheet;
    const headers = (sheet.getRow(1).values as unknown[]).map(String);
    const percentColumn = headers.indexOf("Percent complete");
    const impactColumn = headers.indexOf("Judged impact");
    assert.ok(percentColumn > 0 && impactColumn > 0, headers.join("|"));
    const values: string[] = [];
    sheet.eachRow((r) => values.push(`${r.getCell(percentColumn).value}|${r.getCell(impactColumn).value}`));
    assert.ok(values.includes("80%|Impact emerging") && values.includes("40%|Impact evidenced"), values.slice(0, 5).join(", "));

    const zip = await JSZip.loadAsync((await reports.reportFile(actor, board, "thurrock-wsoa-2019", { ...options, format: "docx" })).body);
    const xml = (await zip.file("word/document.xml")?.async("string")) ?? "";
    for (const words of ["Percent complete", "Judged impact", "Impact emerging", "80%", "70% complete (2 of"]) assert.ok(xml.includes(words), words);

    const html = (await reports.reportFile(actor, board, "thurrock-wsoa-2019", { ...options, format: "html" })).body.toString();
    assert.match(html, /<th scope="col">Judged impact<\/th>/);
    assert.match(html, /Percent complete: 70% complete/);
  });

  test("people without access, unknown plans and a since date after the as-at date are refused", async () => {
    await assert.rejects(reports.report(actor, [], "southend-peer-review-2022", { kind: "progress" }), /do not have access/);
    await assert.rejects(reports.report(actor, board, "no-such-plan", { kind: "progress" }), /No plan "no-such-plan"/);
    await assert.rejects(
      reports.report(actor, board, "southend-peer-review-2022", { kind: "changes", asAt: "2022-01-01", since: "2022-02-01" }),
      (e: Error & { problems?: { field: string }[] }) => e.problems?.[0]?.field === "since",
    );
  });
});
