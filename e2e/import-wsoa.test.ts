// Issue 11, What it must show: a lead imports a Written Statement of Action laid out the usual way
// (a "Significant weakness N: ..." heading above one table per weakness, each numbered from 1,
// statuses RED / AMBER / LIGHT GREEN / GREEN / COMPLETED) through the pages, confirms the title,
// type, date and status mapping on the check page, imports, and downloads the Word progress sheet,
// which shows the weaknesses as sections with the file's own numbers. Axe finds nothing.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { after, before, test } from "node:test";
import type { Browser } from "playwright-core";
import { type FixtureCell, writeDocx } from "../scripts/fixtures/make-import-fixtures.ts";
import { readTables } from "../src/modules/imports/readers/index.ts";
import { startTestApp } from "../src/platform/testing/test-app.ts";
import { accessibilityViolations, launchBrowser, signIn } from "./browser.ts";

let app: Awaited<ReturnType<typeof startTestApp>>;
let browser: Browser;
before(async () => {
  app = await startTestApp({ caseload: 0 });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await app?.stop();
});

const row = (...texts: string[]): FixtureCell[] => texts.map((text) => ({ text }));
const HEADER = row("No", "Action", "Lead officer", "Timescale", "RAG", "Progress update");

test("a multi-table WSOA: checked and confirmed on the pages, imported, and its Word progress sheet keeps the weaknesses and numbers", async () => {
  const file = await writeDocx(
    [
      {
        name: "t1",
        before: ["Progress update as at 15 March 2022", "Significant weakness 1: Leaders do not know how long assessments take"],
        rows: [
          HEADER,
          row("1", "Publish assessment timeliness monthly", "Head of SEND", "April 2022", "RED", "Report drafted"),
          row("2", "Clear the backlog of assessments", "Service manager", "September 2022", "AMBER", "Backlog down to 40"),
        ],
      },
      {
        name: "t2",
        before: ["Significant weakness 2: Parents are not involved in planning"],
        rows: [
          HEADER,
          row("1", "Set up the parent carer forum", "Participation lead", "January 2022", "COMPLETED", "Forum meets monthly"),
          row("2", "Co-produce the local offer", "Participation lead", "June 2022", "LIGHT GREEN", "Two workshops held"),
          row("3", "Survey families each term", "Participation lead", "Spring term 2022", "GREEN", "Survey embedded"),
        ],
      },
    ],
    "Written Statement of Action",
  );

  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  await signIn(page, app.baseUrl, "lead@demo-borough.example");
  await page.goto(`${app.baseUrl}/plans/import`);
  await page.getByLabel("The file").setInputFiles({ name: "wsoa-progress.docx", mimeType: "application/octet-stream", buffer: file });
  await page.getByRole("button", { name: "Check the file" }).click();
  await page.getByRole("heading", { name: "Check the import", level: 1 }).waitFor();
  assert.deepEqual(await accessibilityViolations(page), []);

  // The check says nothing is wrong, and shows the plan's details as read from the file: to confirm.
  assert.equal(await page.getByText("There is a problem").count(), 0, "no problems: every status and date is read");
  assert.equal(await page.getByLabel("Title").inputValue(), "Written Statement of Action");
  assert.equal(await page.getByLabel("Type of plan").inputValue(), "wsoa");
  assert.deepEqual(
    [await page.locator("#asOf-day").inputValue(), await page.locator("#asOf-month").inputValue(), await page.locator("#asOf-year").inputValue()],
    ["15", "03", "2022"],
  );
  await page.getByText(/Status scheme: Five-level RAG .*worked out from the statuses in the file/).waitFor();
  // Each status written in the file, with the status it will be.
  const mapped = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLSelectElement>("select[id^='status-']")].map((s) => [
      document.querySelector(`label[for='${s.id}']`)?.textContent?.trim(),
      s.selectedOptions[0]?.textContent?.trim(),
    ]),
  );
  assert.deepEqual(mapped, [
    ["'RED' (1 row)", "Red"],
    ["'AMBER' (1 row)", "Amber"],
    ["'COMPLETED' (1 row)", "Completed"],
    ["'LIGHT GREEN' (1 row)", "Light green"],
    ["'GREEN' (1 row)", "Green"],
  ]);
  // The weaknesses as sections, each numbering its actions from 1 as the file does.
  await page.getByRole("table", { name: /^1\. Significant weakness 1: Leaders do not know/ }).waitFor();
  const second = page.getByRole("table", { name: /^2\. Significant weakness 2: Parents are not involved/ });
  assert.deepEqual(
    (await second.locator("tbody th").allTextContents()).map((t) => t.trim()),
    ["1", "2", "3"],
  );

  // Confirm: the title as a person wants it, and import.
  await page.getByLabel("Title").fill("SEND Written Statement of Action 2022");
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await page.waitForURL(/\/plans\/[0-9a-f-]{36}\?imported=1$/);
  await page.getByRole("heading", { name: "SEND Written Statement of Action 2022", level: 1 }).waitFor();
  assert.deepEqual(await accessibilityViolations(page), []);

  // The Word progress sheet, downloaded as a person would, as at the file's date.
  await page.getByRole("link", { name: /Download a report/ }).click();
  await page.getByRole("heading", { level: 1, name: /Download a report/ }).waitFor();
  await page.locator("input[name=kind][value=progress]").check();
  await page.locator("input[name=format][value=docx]").check();
  await page.locator("#asAt-day").fill("15");
  await page.locator("#asAt-month").fill("3");
  await page.locator("#asAt-year").fill("2022");
  assert.deepEqual(await accessibilityViolations(page), []);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download report" }).click()]);
  const bytes = await readFile((await download.path()) as string);

  // Read back: each action sits under its weakness (section number and title) with the file's own number and status.
  const read = await readTables(download.suggestedFilename(), bytes);
  assert.ok(read.ok, read.ok ? "" : read.problem);
  const rows = read.tables.flatMap((t) => t.rows.map((r) => r.map((c) => c.text.trim())));
  const header = rows.find((r) => r.includes("Action") && r.includes("Status")) ?? [];
  const at = (name: string) => header.indexOf(name);
  assert.ok(at("No") > 0 && at("Section no") >= 0, header.join(" | "));
  const actions = rows
    .filter((r) => /^Significant weakness/.test(r[at("Section no") + 1] ?? ""))
    .map((r) => [r[at("Section no")], r[at("Section no") + 1], r[at("No")], r[at("Status")]]);
  const w1 = "Significant weakness 1: Leaders do not know how long assessments take";
  const w2 = "Significant weakness 2: Parents are not involved in planning";
  assert.deepEqual(actions, [
    ["1", w1, "1", "Red"],
    ["1", w1, "2", "Amber"],
    ["2", w2, "1", "Completed"],
    ["2", w2, "2", "Light green"],
    ["2", w2, "3", "Green"],
  ]);
  await context.close();
});
