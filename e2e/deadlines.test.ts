// Browser journey: a caseworker (or a parent, without signing in) works out deadlines.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Browser } from "playwright-core";
import { startTestApp } from "../src/platform/testing/test-app.ts";
import { accessibilityViolations, launchBrowser } from "./browser.ts";

let app: Awaited<ReturnType<typeof startTestApp>>;
let browser: Browser;
before(async () => {
  app = await startTestApp({ seed: false });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await app?.stop();
});

test("entering a request date and a plan date shows every deadline with its status, accessibly", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${app.baseUrl}/deadlines`);
  assert.deepEqual(await accessibilityViolations(page), []);

  // An impossible date first: the error summary links to the field.
  const request = page.getByRole("group", { name: "Date the request for an EHC needs assessment was received" });
  await request.getByLabel("Day").fill("30");
  await request.getByLabel("Month").fill("2");
  await request.getByLabel("Year").fill("2026");
  await page.getByRole("button", { name: "Work out deadlines" }).click();
  await page.getByRole("heading", { name: "There is a problem" }).waitFor();
  assert.deepEqual(await accessibilityViolations(page), []);

  await request.getByLabel("Day").fill("8");
  await request.getByLabel("Month").fill("9");
  await request.getByLabel("Year").fill("2025");
  const plan = page.getByRole("group", { name: "Date the plan was first made" });
  await plan.getByLabel("Day").fill("10");
  await plan.getByLabel("Month").fill("3");
  await plan.getByLabel("Year").fill("2025");
  const asOf = page.getByRole("group", { name: "Work out the status as at" });
  await asOf.getByLabel("Day").fill("1");
  await asOf.getByLabel("Month").fill("12");
  await asOf.getByLabel("Year").fill("2025");
  await page.getByRole("button", { name: "Work out deadlines" }).click();

  await page.getByRole("heading", { name: "Deadlines as at 1 December 2025" }).waitFor();
  const table = page.getByRole("table");
  assert.ok(await table.getByText("Issue the final EHC plan").isVisible());
  // Annual review of a plan made 10 March 2025: by 9 March 2026, not yet due on 1 December 2025.
  const review = table.getByRole("row").filter({ hasText: "9 March 2026" }).first();
  assert.ok(await review.getByText("Not yet due").isVisible());
  // The decision (due 20 October 2025) has passed with no decision recorded.
  const decision = table.getByRole("row").filter({ hasText: "20 October 2025" }).first();
  assert.ok(await decision.getByText("Overdue").isVisible());
  assert.deepEqual(await accessibilityViolations(page), []);
  await context.close();
});
