// Browser journey, pages only (issue 13, What to build 4 and 5): a lead gives an action its percent
// complete and impact judgement, tries to attach a file that says it is a PDF but is not (the
// error summary names it), attaches a real one, sees it listed and downloads it; the plan page
// shows the roll-up. axe checks every page on the way, the error page included.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { tinyPdf } from "../src/platform/testing/files.ts";
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

const axe = async (page: Page) => assert.deepEqual(await accessibilityViolations(page), []);

test("a lead sets percent complete and impact, attaches evidence (a false PDF refused first) and downloads it", async () => {
  const councilId = (await app.people.councilIdForCode("DEMO")) as string;
  const plan = await app.plans.loadPlan({ councilId, userId: null }, "system", "southend-peer-review-2022");
  const action = plan.actions[0];
  assert.ok(action);
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  await signIn(page, app.baseUrl, "lead@demo-borough.example");
  await page.goto(`${app.baseUrl}/actions/${action.id}`);

  await page.getByRole("button", { name: "Change the action" }).click();
  await page.getByLabel("Percent complete (optional)").fill("60");
  await page.getByLabel("Impact emerging").check();
  await axe(page);
  await page.getByRole("button", { name: "Save changes" }).click();
  await page.getByText("The action has been changed.").waitFor();
  assert.ok(await page.locator(".govuk-summary-list").getByText("60%").isVisible());
  assert.ok(await page.locator(".govuk-summary-list .govuk-tag").getByText("Impact emerging").isVisible());

  await page.getByRole("link", { name: `Attach evidence to action ${action.number}` }).click();
  await page.getByRole("heading", { name: `Attach evidence to action ${action.number}` }).waitFor();
  await axe(page);
  await page.getByLabel("The file").setInputFiles({ name: "minutes.pdf", mimeType: "application/pdf", buffer: Buffer.from("not a PDF at all") });
  await page.getByRole("button", { name: "Attach the file" }).click();
  await page.getByRole("heading", { name: "There is a problem" }).waitFor();
  assert.match((await page.locator(".govuk-error-summary").textContent()) ?? "", /"minutes.pdf" says it is a PDF but its content is not/);
  await axe(page);

  await page.getByLabel("The file").setInputFiles({ name: "Board minutes.pdf", mimeType: "application/pdf", buffer: tinyPdf() });
  await page.getByRole("button", { name: "Attach the file" }).click();
  await page.getByText("The evidence file has been attached.").waitFor();
  const row = page.getByRole("row", { name: /Board minutes\.pdf/ });
  assert.match((await row.textContent()) ?? "", /PDF.*bytes.*The action.*Lee Lead/s);
  await axe(page);
  const [download] = await Promise.all([page.waitForEvent("download"), row.getByRole("link").click()]);
  assert.equal(download.suggestedFilename(), "Board minutes.pdf");

  await page.goto(`${app.baseUrl}/plans/${plan.plan.id}`);
  await page
    .getByText(/60% complete \(1 of \d+ actions with a percentage\)/)
    .first()
    .waitFor();
  await axe(page);
  await context.close();
});
