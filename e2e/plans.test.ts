// Browser journey: a lead adds an update that changes a status; the summary and direction of
// travel change and the timeline shows it. axe checks every page on the way.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { londonToday } from "../src/platform/clock.ts";
import { startTestApp } from "../src/platform/testing/test-app.ts";
import { accessibilityViolations, launchBrowser, signIn } from "./browser.ts";

let app: Awaited<ReturnType<typeof startTestApp>>;
let browser: Browser;
before(async () => {
  app = await startTestApp();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await app?.stop();
});

const countOf = async (page: Page, label: string) =>
  Number(
    await page
      .getByRole("table", { name: /actions by status/ })
      .getByRole("row")
      .filter({ hasText: label })
      .getByRole("cell")
      .nth(1)
      .textContent(),
  );

test("a lead changes a status with commentary; summary, direction and timeline follow", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  await signIn(page, app.baseUrl, "lead@demo-borough.example");
  await page.getByRole("link", { name: "Improvement plans" }).first().click();
  await page.getByRole("heading", { name: "Improvement plans", level: 1 }).waitFor();
  assert.deepEqual(await accessibilityViolations(page), []);

  await page
    .getByRole("link", { name: /Peer Review Implementation Plan/ })
    .first()
    .click();
  await page.getByRole("heading", { name: /Where the plan stood on/ }).waitFor();
  assert.deepEqual(await accessibilityViolations(page), []);
  const limitedBefore = await countOf(page, "Limited progress");

  // The first action on track: mark it as delayed.
  const row = page
    .locator(".app-actions-table tbody tr")
    .filter({ has: page.getByText("On track to meet the deadline", { exact: true }) })
    .first();
  await row.getByRole("link").first().click();
  await page.getByRole("heading", { name: /^Action / }).waitFor();
  assert.deepEqual(await accessibilityViolations(page), []);
  await page.getByRole("button", { name: "Add an update" }).click();
  await page.getByRole("heading", { name: /Add an update to action/ }).waitFor();
  const [year, month, day] = londonToday().split("-");
  const date = page.getByRole("group", { name: "Date of the update" });
  await date.getByLabel("Day").fill(String(Number(day)));
  await date.getByLabel("Month").fill(String(Number(month)));
  await date.getByLabel("Year").fill(String(year));
  await page.getByLabel("Limited progress / delayed").check();
  await page.getByRole("button", { name: "Save update" }).click();

  // No commentary: a GOV.UK error summary, nothing saved.
  await page.getByRole("heading", { name: "There is a problem" }).waitFor();
  assert.deepEqual(await accessibilityViolations(page), []);
  await page.getByLabel("Commentary").fill("Delayed while the new SEND guidance is published.");
  await page.getByRole("button", { name: "Save update" }).click();
  await page.getByText("Your update has been saved.").waitFor();
  const timeline = page.locator(".moj-timeline__item").first();
  assert.match((await timeline.textContent()) ?? "", /Limited progress \/ delayed[\s\S]*Delayed while the new SEND guidance is published\./);
  assert.ok(await page.getByText(/\(worse since/).isVisible());
  assert.deepEqual(await accessibilityViolations(page), []);

  await page
    .getByRole("link", { name: /Peer Review Implementation Plan/ })
    .first()
    .click();
  await page.getByRole("heading", { name: /Where the plan stood on/ }).waitFor();
  assert.equal(await countOf(page, "Limited progress"), limitedBefore + 1);

  // The cross-plan view and a forum's page are accessible too.
  await page.goto(`${app.baseUrl}/plans/actions?overdue=yes`);
  assert.deepEqual(await accessibilityViolations(page), []);
  await page.goto(`${app.baseUrl}/forums`);
  await page.getByRole("link").filter({ hasText: "People Scrutiny" }).first().click();
  await page.getByRole("heading", { name: /Changed since/ }).waitFor();
  assert.deepEqual(await accessibilityViolations(page), []);
  await context.close();
});

test("a board member reads the plan as at an earlier date and cannot edit", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  await signIn(page, app.baseUrl, "board@demo-borough.example");
  await page.goto(`${app.baseUrl}/plans`);
  await page
    .getByRole("link", { name: /Peer Review Implementation Plan/ })
    .first()
    .click();
  const asAt = page.getByRole("group", { name: "Show the plan as at" });
  await asAt.getByLabel("Day").fill("1");
  await asAt.getByLabel("Month").fill("2");
  await asAt.getByLabel("Year").fill("2022");
  await page.getByRole("button", { name: "Show" }).click();
  await page.getByRole("heading", { name: "Where the plan stood on 1 February 2022" }).waitFor();
  assert.equal(await page.getByRole("button", { name: "Add an update" }).count(), 0);
  assert.deepEqual(await accessibilityViolations(page), []);
  // The committee's Word appendix, from the download page.
  await page.goto(`${page.url().split("?")[0]}/reports`);
  assert.deepEqual(await accessibilityViolations(page), []);
  await context.close();
});
