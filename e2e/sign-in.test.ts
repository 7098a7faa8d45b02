// Browser journey: every demo role signs in, sees its home page and signs out; axe finds nothing.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Browser } from "playwright-core";
import { DEMO_PASSWORD, DEMO_USERS } from "../src/modules/demo/demo.seed.ts";
import { startTestApp } from "../src/platform/testing/test-app.ts";
import { accessibilityViolations, launchBrowser } from "./browser.ts";

describe("signing in and out in Chromium", () => {
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

  test("the sign-in page, its error state and the 404 page have no accessibility violations", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${app.baseUrl}/sign-in`);
    assert.deepEqual(await accessibilityViolations(page), []);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "There is a problem" }).waitFor();
    assert.equal(await page.title(), "Error: Sign in – SEND Oversight");
    // The error summary takes focus and links to the fields.
    assert.ok(await page.getByRole("link", { name: "Enter your email address" }).isVisible());
    assert.deepEqual(await accessibilityViolations(page), []);
    await page.goto(`${app.baseUrl}/missing-page`);
    assert.deepEqual(await accessibilityViolations(page), []);
    await context.close();
  });

  for (const demo of DEMO_USERS) {
    test(`${demo.roles.join(", ")}: signs in, sees the home page, signs out`, async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      const scriptErrors: string[] = [];
      page.on("pageerror", (error) => scriptErrors.push(error.message));
      page.on("console", (message) => {
        if (message.type() === "error") scriptErrors.push(message.text());
      });

      await page.goto(`${app.baseUrl}/`);
      assert.match(page.url(), /\/sign-in\?returnTo=%2F$/);
      await page.getByLabel("Email address").fill(demo.email);
      await page.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByRole("heading", { name: "Home", level: 1 }).waitFor();
      assert.ok(await page.getByText(`Signed in as ${demo.displayName}`).isVisible());
      assert.deepEqual(await accessibilityViolations(page), []);
      // GOV.UK Frontend's JavaScript ran under the content security policy.
      assert.equal(await page.evaluate(() => document.body.classList.contains("govuk-frontend-supported")), true);

      await page.getByRole("link", { name: "Your account" }).first().click();
      await page.getByRole("heading", { name: "Your account" }).waitFor();
      assert.deepEqual(await accessibilityViolations(page), []);

      await page.getByRole("button", { name: "Sign out" }).click();
      await page.getByText("You have signed out.").waitFor();
      await page.goto(`${app.baseUrl}/account`);
      assert.match(page.url(), /\/sign-in/);
      assert.deepEqual(scriptErrors, []);
      await context.close();
    });
  }
});
