// Browser journey: a caseworker adds a child (question pages, check answers) and records a request, a decision, a final plan and
// an annual review; the case page shows each deadline with its status. axe on every page.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { addDays } from "../src/domain/dates.ts";
import { londonToday } from "../src/platform/clock.ts";
import { startTestApp } from "../src/platform/testing/test-app.ts";
import { readAs } from "../src/platform/transaction.ts";
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

async function fillDate(page: Page, legend: string, iso: string) {
  const [year, month, day] = iso.split("-");
  const group = page.getByRole("group", { name: legend });
  await group.getByLabel("Day").fill(String(Number(day)));
  await group.getByLabel("Month").fill(String(Number(month)));
  await group.getByLabel("Year").fill(String(year));
}

async function record(page: Page, what: string, fill: () => Promise<void>) {
  await page.getByRole("link", { name: what, exact: true }).click();
  await page.getByRole("heading", { name: what, level: 1 }).waitFor();
  assert.deepEqual(await accessibilityViolations(page), []);
  await fill();
  await page.getByRole("button", { name: "Save" }).click();
  await page.getByText("Saved. The case's deadlines have been worked out again.").waitFor();
}

test("a caseworker records a request, a decision, a final plan and a review", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  await signIn(page, app.baseUrl, "caseworker@demo-borough.example");
  await page.getByRole("link", { name: "Casework" }).first().click();
  await page.getByRole("heading", { name: "Casework" }).waitFor();
  assert.deepEqual(await accessibilityViolations(page), []);
  await page.goto(`${app.baseUrl}/cases/register`);
  assert.deepEqual(await accessibilityViolations(page), []);

  // Add a child: six question pages, then check your answers (issue 20).
  await page.goto(`${app.baseUrl}/cases/new`);
  const next = () => page.getByRole("button", { name: "Continue" }).click();
  await page.getByLabel("First name").fill("Journey");
  await page.getByLabel("Last name").fill("Child");
  await next();
  await fillDate(page, "Date of birth", "2015-05-20");
  await next();
  await page.getByLabel("Male", { exact: true }).check();
  await next();
  await page.getByLabel("Unique pupil number (UPN) (optional)").fill("A801200005001");
  await next();
  // A wrong check letter: the error summary names the UPN, and what was typed is kept.
  await page.getByRole("heading", { name: "There is a problem" }).waitFor();
  assert.ok(await page.getByRole("link", { name: /check letter/ }).isVisible());
  assert.equal(await page.getByLabel("Unique pupil number (UPN) (optional)").inputValue(), "A801200005001");
  assert.deepEqual(await accessibilityViolations(page), []);
  // Back (a button that keeps the answers) and forward again.
  await page.getByRole("button", { name: "Back" }).click();
  await page.getByRole("heading", { name: "About the child, for the SEN2 return" }).waitFor();
  assert.ok(await page.getByLabel("Male", { exact: true }).isChecked());
  await next();
  await page.getByLabel("Unique pupil number (UPN) (optional)").fill("B801200005001");
  await next();
  await page.getByLabel("Primary need").selectOption("SLCN");
  await next();
  await next();
  await page.getByRole("heading", { name: "Check your answers" }).waitFor();
  assert.deepEqual(await accessibilityViolations(page), []);
  await page.getByRole("button", { name: "Change first name" }).click();
  await page.getByLabel("First name").fill("Journey");
  await next();
  await page.getByRole("heading", { name: "Check your answers" }).waitFor();
  await page.getByRole("button", { name: "Add child" }).click();
  await page.getByRole("heading", { name: "Journey Child" }).waitFor();

  const today = londonToday();
  const received = addDays(today, -150);
  await record(page, "Request for an EHC needs assessment received", async () => {
    await fillDate(page, "Date the request was received", received);
    await page.getByLabel("Who asked for the assessment").selectOption("parent");
  });
  await record(page, "Decision whether to assess", async () => {
    await page.getByLabel("Decision").selectOption("assess");
    await fillDate(page, "Date the family was told", addDays(received, 40));
  });
  await record(page, "Final EHC plan issued", async () => {
    await fillDate(page, "Date the final plan was issued", addDays(received, 139));
  });
  // The review meeting is asked in two question pages (when, who is invited), then checked and saved.
  await page.getByRole("link", { name: "Annual review meeting", exact: true }).click();
  await page.getByRole("heading", { name: "When is the annual review meeting?", level: 1 }).waitFor();
  assert.deepEqual(await accessibilityViolations(page), []);
  await fillDate(page, "Date of the review meeting", addDays(today, 20));
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("heading", { name: "Who is invited?", level: 1 }).waitFor();
  assert.deepEqual(await accessibilityViolations(page), []);
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("heading", { name: "Check your answers", level: 1 }).waitFor();
  await page.getByRole("button", { name: "Save" }).click();
  await page.getByText("Saved. The case's deadlines have been worked out again.").waitFor();

  const table = page.getByRole("table");
  const row = (label: string) => table.getByRole("row").filter({ hasText: label }).first();
  assert.match((await row("Decision whether to assess").textContent()) ?? "", /Met on time/);
  assert.match((await row("Final plan").textContent()) ?? "", /Met on time/);
  assert.deepEqual(await accessibilityViolations(page), []);
  await page.getByRole("link", { name: "Timeline" }).click();
  await page.getByRole("heading", { name: "Annual review meeting" }).waitFor();
  assert.deepEqual(await accessibilityViolations(page), []);
  await context.close();
});

test("a manager opening another caseworker's child is asked why first; the page is accessible", async () => {
  const councilId = (await app.people.councilIdForCode("DEMO")) as string;
  const caseId = await readAs(app.db, { councilId, userId: null }, async (trx) => {
    const me = await trx.selectFrom("app_user").select("id").where("email", "=", "manager@demo-borough.example").executeTakeFirstOrThrow();
    return (await trx.selectFrom("child_case").select("id").where("caseworker_user_id", "<>", me.id).executeTakeFirstOrThrow()).id;
  });
  const page = await (await browser.newContext()).newPage();
  page.setDefaultTimeout(10_000);
  await signIn(page, app.baseUrl, "manager@demo-borough.example");
  await page.goto(`${app.baseUrl}/cases/${caseId}/placements`);
  await page.getByRole("heading", { name: "Why do you need to see this record?", level: 1 }).waitFor();
  assert.deepEqual(await accessibilityViolations(page), []);
  await page.getByRole("button", { name: "Continue to the record" }).click();
  await page.getByText("There is a problem").waitFor();
  assert.deepEqual(await accessibilityViolations(page), []);
  await page.getByLabel("I manage or supervise this case").check();
  await page.getByRole("button", { name: "Continue to the record" }).click();
  await page.waitForURL(`${app.baseUrl}/cases/${caseId}/placements`);
  await page.getByRole("link", { name: "Placements" }).waitFor();
});
