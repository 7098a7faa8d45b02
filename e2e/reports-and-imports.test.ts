// Accessibility of the report, publication, import, closure and measures pages, as a lead and as the public.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Browser } from "playwright-core";
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

test("report, publication, import, closure and measures pages have no accessibility violations; the published plan is public", async () => {
  const councilId = (await app.people.councilIdForCode("DEMO")) as string;
  const plan = (await app.plans.listPlansAs({ councilId, userId: null })).find((p) => p.external_id === "southend-peer-review-2022");
  assert.ok(plan);
  const context = await browser.newContext();
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  await signIn(page, app.baseUrl, "lead@demo-borough.example");

  for (const path of [
    `/plans/${plan.id}/reports`,
    `/plans/${plan.id}/publication`,
    "/plans/import",
    `/plans/${plan.id}/close`,
    `/plans/${plan.id}/comments`,
    "/measures",
    "/measures?year=1999",
  ]) {
    await page.goto(`${app.baseUrl}${path}`);
    assert.deepEqual(await accessibilityViolations(page), [], path);
  }

  // The HTML report is a download (for agenda packs); it is checked as a page of its own.
  const html = await page.evaluate(async (url) => (await fetch(url)).text(), `/plans/${plan.id}/reports/progress.html?asAt=2022-03-15`);
  const reportPage = await context.newPage();
  await reportPage.setContent(html);
  assert.deepEqual(await accessibilityViolations(reportPage), [], "the HTML progress sheet");

  // Publish the plan, then read it as the public.
  await page.goto(`${app.baseUrl}/plans/${plan.id}/publication`);
  await page.getByLabel(/Publish this plan/).check();
  await page.getByRole("button", { name: /Save/ }).click();
  const publicPage = await (await browser.newContext()).newPage();
  await publicPage.goto(`${app.baseUrl}/public/DEMO/plans/${plan.id}`);
  await publicPage.getByRole("heading", { name: plan.title }).waitFor();
  assert.deepEqual(await accessibilityViolations(publicPage), []);
  await context.close();
});
