// Browser journey, pages only (issue 13): a lead creates a written statement of action, sets it
// up (sections with aims and KPIs, a nested section, actions), reorders a section, moves and
// retires an action, changes the status scheme's labels, adds an update, and a councillor reads
// the plan. axe checks every page on the way, error pages included.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { londonToday } from "../src/platform/clock.ts";
import { startTestApp } from "../src/platform/testing/test-app.ts";
import { accessibilityViolations, launchBrowser, signIn } from "./browser.ts";

let app: Awaited<ReturnType<typeof startTestApp>>;
let browser: Browser;
/** The plan the first journey creates; the second runs its forum and meetings. */
let planUrl = "";
before(async () => {
  app = await startTestApp({ caseload: 0 });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await app?.stop();
});

const axe = async (page: Page) => assert.deepEqual(await accessibilityViolations(page), []);

async function fillDate(page: Page, legend: string | RegExp, iso: string) {
  const [year, month, day] = iso.split("-");
  const group = page.getByRole("group", { name: legend });
  await group.getByLabel("Day").fill(String(Number(day)));
  await group.getByLabel("Month").fill(String(Number(month)));
  await group.getByLabel("Year").fill(String(year));
}

async function addSection(page: Page, number: string, title: string, aim: string, kpis: string, under?: string) {
  await page.getByRole("button", { name: "Add a section" }).click();
  await page.getByRole("heading", { name: "Add a section" }).waitFor();
  await page.getByLabel("Number").fill(number);
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Area of significant weakness").check();
  await page.getByLabel("Aim (optional)").fill(aim);
  await page.getByLabel("KPIs (optional)").fill(kpis);
  if (under) await page.getByLabel("Sits under").selectOption({ label: under });
  await page.getByRole("button", { name: "Save section" }).click();
  await page.getByText("The section has been added.").waitFor();
}

async function addAction(page: Page, section: string, number: string, text: string, timescale: string) {
  await page.getByRole("button", { name: "Add an action" }).click();
  await page.getByRole("heading", { name: "Add an action" }).waitFor();
  await page.getByLabel("Section").selectOption({ label: section });
  await page.getByLabel("Number").fill(number);
  await page.getByLabel("Action", { exact: true }).fill(text);
  await page.getByLabel("Lead (optional)").fill("Head of SEND");
  await page.getByLabel("Timescale").fill(timescale);
  await page.getByRole("button", { name: "Add the action" }).click();
  await page.getByText("The action has been added.").waitFor();
}

test("a lead sets up a written statement of action on pages, reshapes it, and a councillor reads it", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  await signIn(page, app.baseUrl, "lead@demo-borough.example");
  await page.goto(`${app.baseUrl}/plans`);
  await page.getByRole("link", { name: "Create a plan" }).click();
  await page.getByRole("heading", { name: "Create a plan" }).waitFor();
  await axe(page);

  // A mistake first: the error summary links to the field, and nothing is lost.
  await page.getByLabel("Title").fill("Written Statement of Action 2026");
  await page.getByLabel("Written statement of action", { exact: true }).check();
  await page.getByLabel("Owner").fill("Director of Children's Services");
  await fillDate(page, "Date the plan was approved", "2026-02-30");
  await page.getByLabel(/Five-level RAG/).check();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("heading", { name: "There is a problem" }).waitFor();
  await axe(page);
  await page.getByRole("link", { name: /Date the plan was approved must be a real date/ }).click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), "approvedOn-day");
  await fillDate(page, "Date the plan was approved", "2026-11-02");
  await page.getByLabel("Inspection or review (optional)").fill("Area SEND inspection of Demo Borough");
  await fillDate(page, /Date of the inspection or review/, "2026-07-14");
  await page.getByLabel(/How often it is reported/).fill("Monthly to the SEND Improvement Board");
  await page.getByRole("button", { name: "Continue" }).click();

  await page.getByRole("heading", { name: "Check the plan's details" }).waitFor();
  await axe(page);
  assert.ok(await page.getByText("2 November 2026").isVisible());
  await page.getByRole("button", { name: "Create the plan" }).click();
  await page.getByText("The plan has been created.").waitFor();
  await axe(page);
  planUrl = `${app.baseUrl}${new URL(page.url()).pathname.replace(/\/setup$/, "")}`;

  await page.getByRole("link", { name: "Sections, aims and KPIs" }).click();
  await page.getByRole("heading", { name: "Sections and actions" }).waitFor();
  await axe(page);
  await addSection(page, "1", "Identification of need", "Needs are identified early", "EHC plans issued in 20 weeks\nFewer tribunals");
  await axe(page);
  await addSection(page, "2", "Joint commissioning", "Services commissioned together", "Joint plan agreed");
  await addSection(page, "3", "Co-production with families", "Families shape services", "Parent carer forum survey");
  await addSection(page, "1.1", "Early years", "Two-year-olds checked", "Checks completed", "1 Identification of need");
  await page.getByRole("link", { name: "Add an action to section 1" }).first().waitFor();
  await addAction(page, "1 Identification of need", "1.1", "Screen every two-year-old", "March 2027");
  await axe(page);
  await addAction(page, "2 Joint commissioning", "2.1", "Agree a joint commissioning strategy", "April 2027");
  await addAction(page, "3 Co-production with families", "3.1", "Set up a co-production charter", "Summer 2027");

  // Move section 3 above section 2.
  await page.getByRole("button", { name: "Move up section 3" }).click();
  await page.getByText("The section has been moved.").waitFor();
  const headings = await page.locator(".govuk-summary-card__title").allTextContents();
  assert.deepEqual(
    headings.map((h) => h.replace(/^\s*Within section \S+/, "").trim()),
    ["1 Identification of need", "1.1 Early years", "3 Co-production with families", "2 Joint commissioning"],
  );
  await axe(page);

  // Move action 2.1 into section 1, then retire action 3.1 with a reason.
  await page.getByRole("link", { name: "Move action 2.1" }).click();
  await page.getByRole("heading", { name: "Move action 2.1" }).waitFor();
  await page.getByRole("button", { name: "Move the action" }).click();
  await page.getByRole("heading", { name: "There is a problem" }).waitFor();
  await axe(page);
  await page.getByLabel("1 Identification of need").check();
  await page.getByRole("button", { name: "Move the action" }).click();
  await page.getByText("The action has been moved.").waitFor();
  await axe(page);
  await page.getByRole("link", { name: "retire it" }).waitFor();

  await page.goto(planUrl);
  await page.getByRole("link", { name: /Set up or change the plan/ }).click();
  await page.getByRole("link", { name: "Actions", exact: true }).click();
  await page.getByRole("link", { name: "Retire action 3.1" }).click();
  await page.getByRole("heading", { name: "Retire action 3.1" }).waitFor();
  await axe(page);
  await page.getByLabel("Why is it being retired?").fill("The board agreed this is covered by the SEND strategy.");
  await page.getByRole("button", { name: "Retire the action" }).click();
  await page.getByText("The action has been retired.").waitFor();
  assert.ok(await page.getByText(/Retired on .*: The board agreed this is covered by the SEND strategy\./).isVisible());
  await axe(page);

  // The scheme's labels are the council's own words.
  await page.goto(`${planUrl}/scheme`);
  await page.getByRole("heading", { name: "The plan's status scheme" }).waitFor();
  await axe(page);
  await page.locator("#label-0").fill("Red: not on track");
  await page.getByRole("button", { name: "Save the scheme" }).click();
  const saved = page.getByRole("heading", { name: /^Set up / });
  const problem = page.getByRole("heading", { name: "There is a problem" });
  await saved.or(problem).waitFor();
  assert.ok(
    await saved.isVisible(),
    (await page
      .locator(".govuk-error-summary")
      .textContent()
      .catch(() => "")) ?? "",
  );

  // An update on the moved action, on the existing page.
  await page.goto(planUrl);
  await page.getByRole("link", { name: "Agree a joint commissioning strategy" }).click();
  await page.getByRole("button", { name: "Add an update" }).click();
  await fillDate(page, "Date of the update", londonToday());
  await page.getByLabel("Amber").check();
  await page.getByLabel("Commentary").fill("Draft strategy shared with health partners.");
  await page.getByRole("button", { name: "Save update" }).click();
  await page.getByText("Your update has been saved.").waitFor();

  // A councillor reads the plan: the moved action under its new section, the retired one gone today.
  const councillorContext = await browser.newContext();
  const councillor = await councillorContext.newPage();
  councillor.setDefaultTimeout(10_000);
  await signIn(councillor, app.baseUrl, "councillor@demo-borough.example");
  await councillor.goto(planUrl);
  await councillor.getByRole("heading", { name: /Where the plan stood on/ }).waitFor();
  assert.equal(await councillor.getByRole("link", { name: /Set up or change the plan/ }).count(), 0);
  const section1 = councillor.getByRole("table", { name: /actions in 1:/ });
  assert.match((await section1.textContent()) ?? "", /Agree a joint commissioning strategy/);
  assert.equal(await councillor.getByText("Set up a co-production charter").count(), 0);
  await axe(councillor);
  await councillorContext.close();
  await context.close();
});

test("the lead adds a board with two meetings, gives actions to it, records decisions and downloads the next meeting pack", async () => {
  assert.ok(planUrl, "the first journey created the plan");
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  await signIn(page, app.baseUrl, "lead@demo-borough.example");
  await page.goto(`${app.baseUrl}/forums`);
  await page.getByRole("link", { name: "Add a forum" }).click();
  await page.getByRole("heading", { name: "Add a forum" }).waitFor();
  await axe(page);
  await page.getByLabel("Name").fill("SEND Improvement Board");
  await page.getByLabel("Board", { exact: true }).check();
  await page
    .getByLabel("Members' roles (optional)")
    .fill("Director of Children's Services (chair)\nICB director of nursing\nParent carer forum chair");
  await page.getByLabel("How often it meets (optional)").fill("Every six weeks");
  await page.getByRole("button", { name: "Save forum" }).click();
  await page.getByText("The forum has been added.").waitFor();
  await axe(page);
  for (const date of ["2026-11-10", "2026-12-01"]) {
    await fillDate(page, "Add a meeting", date);
    await page.getByRole("button", { name: "Add meeting" }).click();
    await page.getByText("The meeting has been added.").waitFor();
  }
  await axe(page);
  const manageUrl = page.url().replace(/\?.*$/, "");

  // Both live actions of the plan report to the board.
  for (const text of ["Screen every two-year-old", "Agree a joint commissioning strategy"]) {
    await page.goto(planUrl);
    await page.getByRole("link", { name: text }).click();
    await page.getByRole("link", { name: "Choose its forums" }).click();
    await page.getByRole("heading", { name: /^Forums for action/ }).waitFor();
    await axe(page);
    await page.getByLabel("SEND Improvement Board").check();
    await page.getByRole("button", { name: "Save forums" }).click();
    await page.getByText("The action's forums have been saved.").waitFor();
  }

  await page.goto(manageUrl);
  await page.getByRole("link", { name: "Record decisions of 10 November 2026" }).click();
  await page.getByRole("heading", { name: /What the meeting on 10 November 2026 decided/ }).waitFor();
  await axe(page);
  await page.getByLabel(/Screen every two-year-old/).fill("Deadline moved to June 2027");
  await page.getByLabel(/Agree a joint commissioning strategy/).fill("Escalated to the board");
  await page.getByRole("button", { name: "Save decisions" }).click();
  await page.getByText("The meeting's decisions have been recorded.").waitFor();

  // The decision is in the action's history.
  await page.goto(planUrl);
  await page.getByRole("link", { name: "Screen every two-year-old" }).click();
  await page.getByText("Deadline moved to June 2027").waitFor();
  await axe(page);

  // The next meeting's pack carries the decisions of the one before.
  await page.goto(manageUrl);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download (Word) for 1 December 2026" }).click(),
  ]);
  const file = await download.path();
  const { default: JSZip } = await import("jszip");
  const { readFile } = await import("node:fs/promises");
  const xml = await (await JSZip.loadAsync(await readFile(file as string))).file("word/document.xml")?.async("string");
  assert.match(xml ?? "", /Decisions at the previous meeting/);
  assert.match(xml ?? "", /Deadline moved to June 2027/);
  assert.match(xml ?? "", /Escalated to the board/);
  await context.close();
});
