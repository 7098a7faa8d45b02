// Browser journey (issue 18 part 3): a caseworker records a complaint received two weeks ago (meeting
// the error summary first); past its 5 working days it is on the overdue worklist; answered late, it
// leaves the overdue list and shows as answered late, and the quality measures count it. Axe finds
// nothing on the form, its errors, the complaint, the worklist or the measures.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Browser } from "playwright-core";
import { DEMO_PASSWORD } from "../src/modules/demo/demo.seed.ts";
import { startTestApp } from "../src/platform/testing/test-app.ts";
import { accessibilityViolations, launchBrowser } from "./browser.ts";

// Monday 7 December 2026: received Monday 23 November, the last day was Monday 30 November.
const TODAY = "2026-12-07";

describe("a complaint in Chromium", () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let browser: Browser;

  before(async () => {
    app = await startTestApp({ caseload: 4, today: () => TODAY });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app?.stop();
  });

  test("recorded, overdue on the worklist, answered late", async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${app.baseUrl}/sign-in?returnTo=${encodeURIComponent("/complaints/new")}`);
    await page.getByLabel("Email address").fill("caseworker@demo-borough.example");
    await page.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Record an enquiry or complaint" }).waitFor();
    assert.deepEqual(await accessibilityViolations(page), []);

    await page.getByRole("button", { name: "Record it" }).click();
    await page.getByRole("heading", { name: "There is a problem" }).waitFor();
    assert.ok(await page.getByRole("link", { name: "Select at least one theme" }).isVisible());
    assert.deepEqual(await accessibilityViolations(page), []);

    await page.getByLabel("Complaint", { exact: true }).check();
    await page.getByLabel("Parent or carer").check();
    await page.getByLabel("Their name").fill("Jo Parent");
    await page.getByLabel("How it came in").selectOption("phone");
    const received = page.getByRole("group", { name: "Date received" });
    await received.getByLabel("Day").fill("23");
    await received.getByLabel("Month").fill("11");
    await received.getByLabel("Year").fill("2026");
    await page.getByLabel("Communication").check();
    await page.getByLabel("What it is about").fill("Nobody called back about the draft plan.");
    await page.getByRole("button", { name: "Record it" }).click();
    await page.getByRole("heading", { name: "Complaint C-0001" }).waitFor();
    await page.getByText("30 November 2026 (5 working days)").waitFor();
    assert.deepEqual(await accessibilityViolations(page), []);

    await page.goto(`${app.baseUrl}/complaints?list=overdue`);
    const row = page.getByRole("row", { name: /C-0001/ });
    await row.getByText("Overdue", { exact: true }).waitFor();
    assert.match((await row.textContent()) ?? "", /5 working days late/);
    assert.deepEqual(await accessibilityViolations(page), []);

    await row.getByRole("link", { name: /C-0001/ }).click();
    const answered = page.getByRole("group", { name: "Date answered" });
    await answered.getByLabel("Day").fill("2");
    await answered.getByLabel("Month").fill("12");
    await answered.getByLabel("Year").fill("2026");
    await page.getByLabel("Partly upheld").check();
    await page.getByRole("button", { name: "Save the answer" }).click();
    await page.getByText("Answered late", { exact: true }).waitFor();

    await page.goto(`${app.baseUrl}/complaints?list=overdue`);
    await page.getByText("Nothing is overdue.").waitFor();
    await page.goto(`${app.baseUrl}/quality/measures`);
    await page.getByText("Enquiries and complaints answered within target: 0% (0 of 1)").waitFor();
    assert.deepEqual(await accessibilityViolations(page), []);
  });
});
