// Browser journey (issue 18 part 2, "What it must show"): a parent answers the feedback survey from
// the link in their message, without signing in, meeting the error summary first; the link then
// works no more. Axe finds nothing on the form, its errors or the thank-you page.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Browser } from "playwright-core";
import { addDays } from "../src/domain/dates.ts";
import { startTestApp } from "../src/platform/testing/test-app.ts";
import { readAs } from "../src/platform/transaction.ts";
import { accessibilityViolations, launchBrowser } from "./browser.ts";

const TODAY = "2026-11-20";

describe("a family's feedback in Chromium", () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let browser: Browser;
  let link: string;

  before(async () => {
    app = await startTestApp({ caseload: 4, today: () => TODAY });
    browser = await launchBrowser();
    const councilId = (await app.people.councilIdForCode("DEMO")) as string;
    const system = { councilId, userId: null };
    const { caseworkerId, childId } = await readAs(app.db, system, async (trx) => ({
      caseworkerId: (await trx.selectFrom("app_user").select("id").where("email", "=", "caseworker@demo-borough.example").executeTakeFirstOrThrow())
        .id,
      childId: (await trx.selectFrom("child_case").select("id").where("has_plan", "=", true).orderBy("child_name").executeTakeFirstOrThrow()).id,
    }));
    // A review held and decided sends the family the survey through the outbox.
    const worker = { id: caseworkerId, councilId, roles: ["caseworker" as const] };
    await app.cases.recordEvent(worker, childId, "reviewMeeting", { meeting: addDays(TODAY, -10) });
    await app.cases.recordEvent(worker, childId, "reviewDecision", { date: addDays(TODAY, -3), outcome: "maintain" });
    const message = await readAs(app.db, system, (trx) =>
      trx.selectFrom("outbox_message").select("body").where("kind", "=", "familySurvey").executeTakeFirstOrThrow(),
    );
    const token = message.body.match(/\/feedback\/([A-Za-z0-9_-]{43})/)?.[1];
    assert.ok(token, "the message carries the link");
    link = `${app.baseUrl}/feedback/${token}`;
  });
  after(async () => {
    await browser?.close();
    await app?.stop();
  });

  test("answered from the link without signing in; the link then works no more", async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(link);
    await page.getByRole("heading", { name: "Tell us how it went" }).waitFor();
    assert.equal(await page.getByRole("button", { name: "Sign out" }).count(), 0, "nobody is signed in");
    assert.deepEqual(await accessibilityViolations(page), []);

    await page.getByRole("button", { name: "Send your answers" }).click();
    await page.getByRole("heading", { name: "There is a problem" }).waitFor();
    assert.ok(await page.getByRole("link", { name: "Answer at least one question, or write a comment" }).isVisible());
    assert.deepEqual(await accessibilityViolations(page), []);

    await page.getByRole("group", { name: "I felt fully involved in the process" }).getByLabel("Agree", { exact: true }).check();
    await page.getByRole("group", { name: "The communication with me was good" }).getByLabel("Disagree", { exact: true }).check();
    await page.getByLabel("Anything else you want to tell us (optional)").fill("We waited a long time for the decision.");
    await page.getByRole("button", { name: "Send your answers" }).click();
    await page.getByRole("heading", { name: "Thank you" }).waitFor();
    assert.deepEqual(await accessibilityViolations(page), []);

    await page.goto(link);
    await page.getByRole("heading", { name: "This link cannot be used" }).waitFor();
  });
});
