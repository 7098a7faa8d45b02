// Browser journey (issue 12): on a shared council PC, pressing Back after signing out must not show
// the register the last person was looking at. Pages carry Cache-Control: no-store, so Chromium
// asks the server again and is sent to the sign-in page.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Browser } from "playwright-core";
import { startTestApp } from "../src/platform/testing/test-app.ts";
import { accessibilityViolations, launchBrowser, signIn } from "./browser.ts";

describe("Back after signing out", () => {
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

  test("a caseworker opens the register, signs out, presses Back: no child's name or UPN, no 'Signed in as'", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, app.baseUrl, "caseworker@demo-borough.example");
    // All columns, so the UPN is on screen too (the register's key columns leave it out).
    await page.goto(`${app.baseUrl}/cases/register?columns=all`);
    await page.getByRole("heading", { name: "Register of children with EHC plans" }).waitFor();
    // What the register showed: each child's name (the first cell) and UPN (the third).
    const names = await page.locator("table tbody tr td:nth-child(1)").allInnerTexts();
    const upns = (await page.locator("table tbody tr td:nth-child(3)").allInnerTexts()).filter((u) => u.trim());
    assert.ok(names.length > 0, "the register shows children");
    assert.ok(await page.getByText("Signed in as Chris Caseworker").isVisible());

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByText("You have signed out.").waitFor();
    await page.goBack();
    await page.waitForLoadState("load");

    const shown = await page.content();
    assert.match(page.url(), /\/sign-in/, `Back showed ${page.url()}`);
    for (const name of names) assert.ok(!shown.includes(name.trim()), `Back showed a child's name: ${name}`);
    for (const upn of upns) assert.ok(!shown.includes(upn.trim()), `Back showed a UPN: ${upn}`);
    assert.doesNotMatch(shown, /Signed in as/);
    assert.deepEqual(await accessibilityViolations(page), []);
    await context.close();
  });
});
