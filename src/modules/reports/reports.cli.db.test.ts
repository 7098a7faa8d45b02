// `send-oversight plans report` against a real embedded database in a folder of its own.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { cliRunner } from "../../platform/testing/cli.ts";

const { run, dataDir } = cliRunner({ today: "2022-03-15", name: "report-cli" });

test("plans report writes Word and Excel files and says what it wrote; bad input is named", async () => {
  assert.equal((await run(["seed"])).code, 0);
  const docx = path.join(dataDir, "sheet.docx");
  const written = await run([
    "plans",
    "report",
    "southend-peer-review-2022",
    "--kind",
    "progress",
    "--format",
    "docx",
    "--since",
    "2022-02-01",
    "--out",
    docx,
    "--json",
  ]);
  assert.equal(written.code, 0, written.stderr);
  const result = JSON.parse(written.stdout);
  assert.deepEqual(
    { ...result, bytes: typeof result.bytes },
    { out: docx, kind: "progress", format: "docx", asOf: "2022-03-15", since: "2022-02-01", bytes: "number" },
  );
  const xml = (await (await JSZip.loadAsync(fs.readFileSync(docx))).file("word/document.xml")?.async("string")) ?? "";
  assert.match(xml, /Position as at 15 March 2022/);

  const xlsx = path.join(dataDir, "wsoa.xlsx");
  const excel = await run(["plans", "report", "thurrock-wsoa-2019", "--kind", "summary", "--format", "xlsx", "--as-of", "2020-01-31", "--out", xlsx]);
  assert.equal(excel.code, 0, excel.stderr);
  assert.match(excel.stdout, /Wrote the summary report/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(xlsx);
  assert.ok(workbook.worksheets.length > 1);

  const badKind = await run(["plans", "report", "southend-peer-review-2022", "--kind", "minutes", "--format", "docx", "--out", docx]);
  assert.equal(badKind.code, 1);
  assert.match(badKind.stderr, /kind: Choose the kind of report/);
  const badDate = await run([
    "plans",
    "report",
    "southend-peer-review-2022",
    "--kind",
    "progress",
    "--format",
    "csv",
    "--as-of",
    "2022-02-30",
    "--out",
    docx,
  ]);
  assert.match(badDate.stderr, /as-of: The as-at date must be a real date/);
  const noOut = await run(["plans", "report", "southend-peer-review-2022", "--kind", "progress", "--format", "csv"]);
  assert.equal(noOut.code, 2);
  assert.match(noOut.stderr, /needs --out FILE/);
});

test("plans report --kind meeting writes a forum's meeting pack; a meeting pack needs --forum and --meeting", async () => {
  const out = path.join(dataDir, "pack.json");
  const written = await run([
    "plans",
    "report",
    "southend-peer-review-2022",
    "--kind",
    "meeting",
    "--forum",
    "people-scrutiny",
    "--meeting",
    "2022-03-15",
    "--format",
    "json",
    "--out",
    out,
  ]);
  assert.equal(written.code, 0, written.stderr);
  const pack = JSON.parse(fs.readFileSync(out, "utf8"));
  assert.equal(pack.kind, "meeting");
  assert.equal(pack.forum.code, "people-scrutiny");
  assert.equal(pack.previousMeeting, "2022-02-08");
  assert.ok(pack.plans[0].progress.rows.length > 0);
  const missing = await run(["plans", "report", "southend-peer-review-2022", "--kind", "meeting", "--format", "json", "--out", out]);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /forum: Choose the forum/);
  assert.match(missing.stderr, /meeting: Enter the date of the meeting/);
});
