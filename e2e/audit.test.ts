// Browser journey: a SEND manager reads the audit trail, filters it, moves to the sign-ins tab
// and meets an error; axe finds nothing on any of those pages.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Browser } from "playwright-core";
import { DEMO_PASSWORD } from "../src/modules/demo/demo.seed.ts";
import { startTestApp } from "../src/platform/testing/test-app.ts";
import { accessibilityViolations, launchBrowser } from "./browser.ts";

describe("the audit trail in Chromium", () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let browser: Browser;

  before(async () => {
    app = await startTestApp({ caseload: 5 });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app?.stop();
  });

  test("activity, a filter, the sign-ins tab and a wrong date: readable and accessible", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${app.baseUrl}/sign-in?returnTo=%2Faudit`);
    await page.getByLabel("Email address").fill("manager@demo-borough.example");
    await page.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Audit trail", level: 1 }).waitFor();
    assert.ok(await page.getByText("The system loaded").first().isVisible());
    assert.deepEqual(await accessibilityViolations(page), []);

    await page.getByLabel("What happened").selectOption({ label: "Cases loaded" });
    await page.getByRole("button", { name: "Apply filters" }).click();
    await page.getByText(/Showing 1 to 1 of 1 entry/).waitFor();

    await page.getByRole("link", { name: "Sign-ins" }).click();
    await page.getByRole("cell", { name: "Sam Manager signed in" }).first().waitFor();
    assert.deepEqual(await accessibilityViolations(page), []);

    await page.getByRole("group", { name: "From" }).getByLabel("Day").fill("31");
    await page.getByRole("group", { name: "From" }).getByLabel("Month").fill("2");
    await page.getByRole("group", { name: "From" }).getByLabel("Year").fill("2026");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await page.getByRole("heading", { name: "There is a problem" }).waitFor();
    assert.ok(await page.getByRole("link", { name: /The date from must be a real date/ }).isVisible());
    assert.deepEqual(await accessibilityViolations(page), []);
    await context.close();
  });
});
