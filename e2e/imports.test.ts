// A long import in a real browser: the progress page has no accessibility violations, its bar
// moves as the job records progress, screen readers hear each step, and the page moves on by
// itself to the check's outcome and then to the imported plan.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { generatedPlanTable, writeXlsx } from "../scripts/fixtures/make-import-fixtures.ts";
import { startTestApp } from "../src/platform/testing/test-app.ts";
import { readAs } from "../src/platform/transaction.ts";
import { accessibilityViolations, launchBrowser, signIn } from "./browser.ts";

let app: Awaited<ReturnType<typeof startTestApp>>;
let browser: Browser;
let page: Page;
before(async () => {
  app = await startTestApp({ caseload: 0 });
  browser = await launchBrowser();
  page = await (await browser.newContext()).newPage();
  page.setDefaultTimeout(30_000);
  await signIn(page, app.baseUrl, "lead@demo-borough.example");
});
after(async () => {
  await browser?.close();
  await app?.stop();
});

test("the progress page: accessible, its bar follows the job, and it moves on when the job ends", async () => {
  const councilId = (await app.people.councilIdForCode("DEMO")) as string;
  const lead = await readAs(app.db, { councilId, userId: null }, (trx) =>
    trx.selectFrom("app_user").select("id").where("email", "=", "lead@demo-borough.example").executeTakeFirstOrThrow(),
  );
  // A held upload whose job is part way through, moved on by hand so each step can be watched.
  const held = await app.imports.holdUpload(
    { id: lead.id, councilId, roles: ["improvement_lead"] },
    { fileName: "long-plan.xlsx", bytes: Buffer.from("x") },
  );
  const setState = (values: Record<string, unknown>) =>
    readAs(app.db, { councilId, userId: null }, (trx) =>
      trx
        .updateTable("import_upload")
        .set({ ...values, updated_at: new Date() })
        .where("id", "=", held.id)
        .execute(),
    );
  await setState({ state: "running", phase: "saving", done: 100, total: 1000, request: JSON.stringify({ dryRun: false, asOf: "2026-11-24" }) });

  await page.goto(`${app.baseUrl}/plans/import/${held.id}`);
  await page.getByRole("heading", { name: "Importing the plan", level: 1 }).waitFor();
  assert.equal(await page.getByLabel("How far it has got").getAttribute("value"), "19");
  assert.deepEqual(await accessibilityViolations(page), []);

  await setState({ done: 800 });
  await page.waitForFunction(() => document.querySelector("progress")?.value === 82);
  assert.match((await page.locator("[data-progress-words]").textContent()) ?? "", /^Saving 800 of 1,000 actions \(82%\)$/);
  assert.equal(await page.getByRole("status").textContent(), "Saving the actions", "screen readers hear the step, not each count");

  const problem = { row: 0, column: "", message: "Something went wrong on the server. Nothing was saved: try again." };
  const outcome = {
    report: {
      planId: null,
      dryRun: false,
      created: { sections: 0, actions: 0, updates: 0 },
      changed: { actions: 0, updates: 0 },
      problems: [problem],
    },
    mappings: [],
    headers: [],
    remembered: false,
  };
  await setState({ state: "failed", outcome: JSON.stringify(outcome) });
  await page.getByRole("heading", { name: "Check the import", level: 1 }).waitFor();
  await page.getByText("There is a problem").waitFor();
  assert.deepEqual(await accessibilityViolations(page), []);
});

test("a 1,500-row file: checked, then imported, each through its progress page, ending on the new plan", async () => {
  await page.goto(`${app.baseUrl}/plans/import`);
  const file = await writeXlsx([generatedPlanTable(1500)]);
  await page.getByLabel("The file").setInputFiles({ name: "long-plan.xlsx", mimeType: "application/octet-stream", buffer: file });
  await page.getByRole("button", { name: "Check the file" }).click();
  await page.getByRole("heading", { name: "Check the import", level: 1 }).waitFor();
  // The file has no title line and no dates: the check asks for them (never the file's name or today).
  await page.getByText("There is a problem").waitFor();
  await page.getByRole("link", { name: /enter the plan's title/ }).waitFor();
  assert.equal(await page.title().then((t) => t.match(/Error:/g)?.length), 1, "the page is titled Error: once");
  assert.deepEqual(await accessibilityViolations(page), []);
  await page.getByLabel("Title").fill("Long improvement plan");
  for (const [id, value] of [
    ["approvedOn-day", "1"],
    ["approvedOn-month", "4"],
    ["approvedOn-year", "2023"],
    ["asOf-day", "30"],
    ["asOf-month", "6"],
    ["asOf-year", "2023"],
  ])
    await page.locator(`#${id}`).fill(value as string);
  await page.getByRole("button", { name: "Check again with these columns" }).click();
  await page.getByRole("heading", { name: "Check the import", level: 1 }).waitFor();
  assert.match((await page.locator(".govuk-summary-list").textContent()) ?? "", /Actions created\s+1,500\s/);
  // What will be created, section by section, not only counts.
  await page.getByRole("table", { name: /^1\. Priority 1: improving timeliness and quality/ }).waitFor();

  await page.getByRole("button", { name: "Import", exact: true }).click();
  await page.waitForURL(/\/plans\/[0-9a-f-]{36}\?imported=1$/);
  assert.equal(new URL(page.url()).pathname.split("/").length, 3);
  await page.getByRole("heading", { name: "Long improvement plan", level: 1 }).waitFor();

  // The import page lists the files of the last 30 minutes, with their outcomes in words.
  await page.goto(`${app.baseUrl}/plans/import`);
  await page.getByRole("link", { name: "long-plan.xlsx" }).first().waitFor();
  await page.getByText("The plan has been imported").waitFor();
  assert.deepEqual(await accessibilityViolations(page), []);
});
