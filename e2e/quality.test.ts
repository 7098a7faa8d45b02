// Browser journey (issue 18): a caseworker grades a sampled plan (meeting an error first), the
// manager agrees it as moderator, and the share of plans judged good or better shows it; axe finds
// nothing on the grading, error, moderation or figures pages.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { DEMO_PASSWORD } from "../src/modules/demo/demo.seed.ts";
import { startTestApp } from "../src/platform/testing/test-app.ts";
import { readAs } from "../src/platform/transaction.ts";
import { accessibilityViolations, launchBrowser } from "./browser.ts";

describe("quality audits in Chromium", () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let browser: Browser;
  let auditId: string;
  let childName: string;

  before(async () => {
    app = await startTestApp({ caseload: 8 });
    browser = await launchBrowser();
    const councilId = (await app.people.councilIdForCode("DEMO")) as string;
    const users = await readAs(app.db, { councilId, userId: null }, (trx) => trx.selectFrom("app_user").select(["id", "email"]).execute());
    const id = (email: string) => users.find((u) => u.email === email)?.id as string;
    const manager = { id: id("manager@demo-borough.example"), councilId, roles: ["send_manager" as const] };
    const caseworkerId = id("caseworker@demo-borough.example");
    await app.quality.drawSample(manager, { method: "random", size: "4", seed: "11" });
    const audit = await readAs(app.db, { councilId, userId: null }, (trx) =>
      trx
        .selectFrom("quality_audit")
        .innerJoin("child_case", "child_case.id", "quality_audit.case_id")
        .select(["quality_audit.id", "child_case.child_name"])
        .where((eb) => eb.or([eb("quality_audit.caseworker_user_id", "is", null), eb("quality_audit.caseworker_user_id", "!=", caseworkerId)]))
        .executeTakeFirstOrThrow(),
    );
    auditId = audit.id;
    childName = audit.child_name;
    await app.quality.assign(manager, auditId, { auditorId: caseworkerId, moderatorId: manager.id });
  });
  after(async () => {
    await browser?.close();
    await app?.stop();
  });

  const signIn = async (page: Page, email: string, returnTo: string) => {
    await page.goto(`${app.baseUrl}/sign-in?returnTo=${encodeURIComponent(returnTo)}`);
    await page.getByLabel("Email address").fill(email);
    await page.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
  };

  test("grade, meet an error, send for moderation; the moderator agrees; the figure shows it", async () => {
    const auditor = await (await browser.newContext()).newPage();
    await signIn(auditor, "caseworker@demo-borough.example", "/quality");
    await auditor.getByRole("heading", { name: "Quality audits", level: 1 }).waitFor();
    await auditor.getByRole("link", { name: childName }).click();
    await auditor.getByRole("button", { name: "Send for moderation" }).waitFor();
    assert.deepEqual(await accessibilityViolations(auditor), []);

    await auditor.getByRole("button", { name: "Send for moderation" }).click();
    await auditor.getByRole("heading", { name: "There is a problem" }).waitFor();
    assert.ok(await auditor.getByRole("link", { name: /Select a grade for 1\.1/ }).isVisible());
    assert.deepEqual(await accessibilityViolations(auditor), []);

    const criteria = await auditor.locator('input[name^="grade-"][value="good"]').all();
    assert.equal(criteria.length, 9, "one question per criterion of the default framework");
    for (const radio of criteria) await radio.check();
    await auditor.getByRole("group", { name: "The overall grade you propose" }).getByLabel("Good", { exact: true }).check();
    await auditor.getByLabel("Feedback for the caseworker").fill("Outcomes are clear and measurable.");
    await auditor.getByRole("button", { name: "Send for moderation" }).click();
    await auditor.waitForLoadState();
    if (await auditor.getByText("There is a problem").isVisible()) assert.fail((await auditor.locator(".govuk-error-summary").textContent()) ?? "");
    await auditor.getByText("To moderate").waitFor();

    const moderator = await (await browser.newContext()).newPage();
    await signIn(moderator, "manager@demo-borough.example", `/quality/audits/${auditId}`);
    await moderator.getByRole("heading", { name: "Moderate" }).waitFor();
    assert.deepEqual(await accessibilityViolations(moderator), []);
    await moderator.getByLabel("Agree a grade").check();
    await moderator.getByRole("button", { name: "Save the moderation" }).click();
    await moderator.getByText("Agreed", { exact: true }).first().waitFor();

    await moderator.goto(`${app.baseUrl}/quality/results`);
    await moderator.getByText("100% (1 of 1)").first().waitFor();
    assert.deepEqual(await accessibilityViolations(moderator), []);
  });
});
