// The whole browser journey of issue 13, pages only (no API, no command line): an improvement lead
// creates a written statement of action (three areas of significant weakness with aims and KPIs,
// ten actions, two forums, three meetings), gives statuses and updates with evidence files over two
// board meetings, records each meeting's decisions, moves and retires an action, downloads the
// second meeting's pack (a real Word file and a real Excel workbook, read back) and publishes the
// plan. After the publication the lead records one more update; a councillor finds the published
// position from the plan page and sees the plan as published, not the later update, and the plan
// as at the first meeting with the moved and retired actions where they were then. On the way the
// lead relabels a status of the plan's scheme and reorders a section.
// axe checks every kind of page the journey visits (each template once, and each error page).
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { after, before, test } from "node:test";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import type { Browser, Page } from "playwright-core";
import { londonToday } from "../src/platform/clock.ts";
import { tinyPdf, wordFile } from "../src/platform/testing/files.ts";
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

/**
 * Pages already checked by axe. A page is checked again when it shows something new: another
 * template (the path with its ids and dates taken out), a banner (the query's names), an error
 * summary, or other parts (its second-level headings, like an action's "Decisions at meetings").
 */
const checked = new Set<string>();
async function axe(page: Page) {
  const url = new URL(page.url());
  const kind = url.pathname.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, ":id").replace(/\d{4}-\d{2}-\d{2}/g, ":date");
  const parts = (await page.locator("h2").allTextContents()).map((h) => h.replace(/\d+/g, "#").trim());
  const key = [kind, [...url.searchParams.keys()].join(","), await page.locator(".govuk-error-summary").count(), ...parts].join("|");
  if (checked.has(key)) return;
  checked.add(key);
  assert.deepEqual(await accessibilityViolations(page), []);
}

async function fillDate(page: Page, legend: string | RegExp, iso: string) {
  const [year, month, day] = iso.split("-");
  const group = page.getByRole("group", { name: legend });
  await group.getByLabel("Day").fill(String(Number(day)));
  await group.getByLabel("Month").fill(String(Number(month)));
  await group.getByLabel("Year").fill(String(year));
}

const SECTIONS = [
  {
    number: "1",
    title: "Identification and assessment of need",
    aim: "Children's needs are identified early and assessed on time",
    kpis: "EHC plans issued within 20 weeks: 60% by March 2027\nTwo-year-old checks completed: 90%",
  },
  {
    number: "2",
    title: "Joint commissioning",
    aim: "Education, health and care commission services together",
    kpis: "Joint commissioning strategy agreed\nSpeech and language waiting times under 18 weeks",
  },
  {
    number: "3",
    title: "Co-production with families",
    aim: "Families shape the services their children use",
    kpis: "Parent carer forum survey: 70% feel listened to",
  },
];

/** Ten actions: [section, number, text, timescale, also to the operational group]. */
const ACTIONS: [string, string, string, string, boolean][] = [
  ["1", "1.1", "Screen every two-year-old with health visitors", "March 2027", true],
  ["1", "1.2", "Train SENCOs in the graduated approach", "Spring 2027", true],
  ["1", "1.3", "Clear the backlog of needs assessments", "Q4 2026/27", true],
  ["1", "1.4", "Review the EHC needs assessment panel", "January 2027", false],
  ["2", "2.1", "Agree a joint commissioning strategy", "April 2027", false],
  ["2", "2.2", "Commission a speech and language pathway", "June 2027", false],
  ["2", "2.3", "Pool budgets for jointly funded placements", "TBC", false],
  ["3", "3.1", "Set up a co-production charter", "Summer 2027", false],
  ["3", "3.2", "Publish a Local Offer written with families", "May 2027", false],
  ["3", "3.3", "Run termly listening events", "Autumn 2027", false],
];
const sectionLabel = (n: string) => {
  const s = SECTIONS.find((x) => x.number === n);
  return `${s?.number} ${s?.title}`;
};
const actionText = (number: string) => ACTIONS.find((a) => a[1] === number)?.[2] as string;

const BOARD = "SEND Improvement Board";
const GROUP = "SEND Partnership Operational Group";
const APPROVED = "2026-09-01";
const FIRST_BOARD = "2026-10-06";
const SECOND_BOARD = "2026-11-03";

test("a lead sets up and runs a WSOA over two meetings on pages, publishes it, and a councillor reads the published position", async () => {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await signIn(page, app.baseUrl, "lead@demo-borough.example");
  await axe(page);

  // ---- The plan, with a mistake first: the error summary goes to the day box and keeps the rest.
  await page.getByRole("link", { name: "Improvement plans" }).first().click();
  await page.getByRole("link", { name: "Create a plan" }).click();
  await page.getByRole("heading", { name: "Create a plan" }).waitFor();
  await axe(page);
  await page.getByLabel("Title").fill("Written Statement of Action 2026");
  await page.getByLabel("Written statement of action", { exact: true }).check();
  await page.getByLabel("Owner").fill("Director of Children's Services");
  await fillDate(page, "Date the plan was approved", "2026-09-31");
  await page.getByLabel(/Five-level RAG/).check();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("heading", { name: "There is a problem" }).waitFor();
  await axe(page);
  await page.getByRole("link", { name: /Date the plan was approved must be a real date/ }).click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), "approvedOn-day");
  assert.equal(await page.getByLabel("Owner").inputValue(), "Director of Children's Services");
  await fillDate(page, "Date the plan was approved", APPROVED);
  await page.getByLabel("Inspection or review (optional)").fill("Area SEND inspection of Demo Borough");
  await fillDate(page, /Date of the inspection or review/, "2026-07-14");
  await page.getByLabel(/How often it is reported/).fill("Every four weeks to the SEND Improvement Board");
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("heading", { name: "Check the plan's details" }).waitFor();
  await axe(page);
  assert.ok(await page.getByText("1 September 2026").isVisible());
  await page.getByRole("button", { name: "Create the plan" }).click();
  await page.getByText("The plan has been created.").waitFor();
  await axe(page);
  const setupUrl = page.url().replace(/\?.*$/, "");
  const planUrl = setupUrl.replace(/\/setup$/, "");

  // The scheme's words are the council's own: the last status relabelled (the history uses none yet).
  await page.getByRole("link", { name: "Status scheme" }).click();
  await page.getByRole("heading", { name: "The plan's status scheme" }).waitFor();
  await axe(page);
  assert.equal(await page.locator("#label-4").inputValue(), "Completed");
  await page.locator("#label-4").fill("Completed and signed off");
  await page.getByRole("button", { name: "Save the scheme" }).click();
  await page.getByRole("heading", { name: /^Set up / }).waitFor();

  // ---- Two forums and their three meetings, before the actions, so each action is given its forums as it is added.
  await page.getByRole("link", { name: "Forums and meetings" }).click();
  await page.getByRole("heading", { name: "Governance forums" }).waitFor();
  await axe(page);
  const manageUrls: Record<string, string> = {};
  for (const [name, kind, members, cycle, meetings] of [
    [
      BOARD,
      "Board",
      "Director of Children's Services (chair)\nICB director of nursing\nParent carer forum chair",
      "Every four weeks",
      [FIRST_BOARD, SECOND_BOARD],
    ],
    [GROUP, "Operational group", "Head of SEND\nDesignated clinical officer", "Monthly", ["2026-10-20"]],
  ] as const) {
    await page.getByRole("link", { name: "Add a forum" }).click();
    await page.getByRole("heading", { name: "Add a forum" }).waitFor();
    await axe(page);
    await page.getByLabel("Name").fill(name);
    await page.getByLabel(kind, { exact: true }).check();
    await page.getByLabel("Members' roles (optional)").fill(members);
    await page.getByLabel("How often it meets (optional)").fill(cycle);
    await page.getByRole("button", { name: "Save forum" }).click();
    await page.getByText("The forum has been added.").waitFor();
    await axe(page);
    for (const date of meetings) {
      await fillDate(page, "Add a meeting", date);
      await page.getByRole("button", { name: "Add meeting" }).click();
      await page.getByText("The meeting has been added.").waitFor();
    }
    manageUrls[name] = page.url().replace(/\?.*$/, "");
    await page.getByRole("link", { name: "Governance forums" }).first().click();
    await page.getByRole("heading", { name: "Governance forums" }).waitFor();
  }

  // ---- Three areas of significant weakness with aims and KPIs, and ten actions.
  await page.goto(setupUrl);
  await page.getByRole("link", { name: "Sections, aims and KPIs" }).click();
  await page.getByRole("heading", { name: "Sections and actions" }).waitFor();
  await axe(page);
  for (const s of SECTIONS) {
    await page.getByRole("button", { name: "Add a section" }).click();
    await page.getByRole("heading", { name: "Add a section" }).waitFor();
    await axe(page);
    await page.getByLabel("Number").fill(s.number);
    await page.getByLabel("Title").fill(s.title);
    await page.getByLabel("Area of significant weakness").check();
    await page.getByLabel("Aim (optional)").fill(s.aim);
    await page.getByLabel("KPIs (optional)").fill(s.kpis);
    await page.getByRole("button", { name: "Save section" }).click();
    await page.getByText("The section has been added.").waitFor();
    await axe(page);
  }
  // Reordering: section 3 up above section 2, then back down.
  const sectionOrder = async () => (await page.locator(".govuk-summary-card__title").allTextContents()).map((c) => c.trim());
  await page.getByRole("button", { name: "Move up section 3" }).click();
  await page.getByText("The section has been moved.").waitFor();
  assert.deepEqual(await sectionOrder(), ["1", "3", "2"].map(sectionLabel));
  await page.getByRole("button", { name: "Move down section 3" }).click();
  await page.getByText("The section has been moved.").waitFor();
  assert.deepEqual(await sectionOrder(), ["1", "2", "3"].map(sectionLabel));
  for (const [section, number, text, timescale, toGroup] of ACTIONS) {
    await page.getByRole("button", { name: "Add an action" }).click();
    await page.getByRole("heading", { name: "Add an action" }).waitFor();
    await axe(page);
    await page.getByLabel("Section").selectOption({ label: sectionLabel(section) });
    await page.getByLabel("Number").fill(number);
    await page.getByLabel("Action", { exact: true }).fill(text);
    await page.getByLabel("Lead (optional)").fill("Sam Senco");
    await page.getByLabel("Lead's role (optional)").fill("Head of SEND");
    await page.getByLabel("Timescale").fill(timescale);
    await page.getByLabel(BOARD).check();
    if (toGroup) await page.getByLabel(GROUP).check();
    await page.getByRole("button", { name: "Add the action" }).click();
    await page.getByText("The action has been added.").waitFor();
  }
  assert.match((await page.locator(".govuk-summary-card").last().textContent()) ?? "", /3\.1.*3\.2.*3\.3/s);
  await axe(page);

  // ---- Updates with statuses before each board meeting, each meeting's decisions, evidence files on two updates.
  const openAction = async (number: string) => {
    await page.goto(planUrl);
    await axe(page);
    await page.getByRole("link", { name: actionText(number) }).click();
    await page.getByRole("heading", { name: `Action ${number}` }).waitFor();
    await axe(page);
  };
  const addUpdate = async (number: string, date: string, status: string, commentary: string) => {
    await openAction(number);
    await page.getByRole("button", { name: "Add an update" }).click();
    await page.getByRole("heading", { name: `Add an update to action ${number}` }).waitFor();
    await axe(page);
    await fillDate(page, "Date of the update", date);
    await page.getByLabel(status, { exact: true }).check();
    await page.getByLabel("Commentary").fill(commentary);
    await page.getByRole("button", { name: "Save update" }).click();
    await page.getByText("Your update has been saved.").waitFor();
    await axe(page);
  };
  const attachEvidence = async (number: string, updateDate: string, file: { name: string; mimeType: string; buffer: Buffer }) => {
    await page.getByRole("link", { name: `Attach evidence to action ${number}` }).click();
    await page.getByRole("heading", { name: `Attach evidence to action ${number}` }).waitFor();
    await axe(page);
    const option = page.locator("#updateId option", { hasText: `The update of ${updateDate}` });
    await page.getByLabel("What it is evidence of").selectOption((await option.getAttribute("value")) as string);
    await page.getByLabel("The file").setInputFiles(file);
    await page.getByRole("button", { name: "Attach the file" }).click();
    await page.getByText("The evidence file has been attached.").waitFor();
    await axe(page);
  };
  const recordDecisions = async (meetingText: string, decisions: Record<string, string>) => {
    await page.goto(manageUrls[BOARD] as string);
    await page.getByRole("link", { name: `Record decisions of ${meetingText}` }).click();
    await page.getByRole("heading", { name: `What the meeting on ${meetingText} decided` }).waitFor();
    await axe(page);
    for (const [number, decision] of Object.entries(decisions)) await page.getByLabel(`Action ${number}: ${actionText(number)}`).fill(decision);
    await page.getByRole("button", { name: "Save decisions" }).click();
    await page.getByText("The meeting's decisions have been recorded.").waitFor();
    await axe(page);
  };

  await addUpdate("1.1", "2026-10-01", "Amber", "Screening pilot running in two family hubs; health visitor vacancies slow it.");
  await attachEvidence("1.1", "1 October 2026", { name: "Pilot report.pdf", mimeType: "application/pdf", buffer: tinyPdf() });
  await addUpdate("2.1", "2026-10-01", "Red", "Health partners have not yet agreed the draft strategy.");
  await addUpdate("3.1", "2026-10-02", "Light green", "Charter drafted with the parent carer forum.");
  await recordDecisions("6 October 2026", { "1.1": "Agreed: extend the pilot to all hubs", "2.1": "Deadline moved to March 2027" });

  await addUpdate("1.1", "2026-10-30", "Green", "All family hubs screening; 85% of two-year-olds checked.");
  await attachEvidence("1.1", "30 October 2026", {
    name: "Hub screening figures.docx",
    mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    buffer: await wordFile(),
  });
  const history = page.locator(".moj-timeline");
  assert.match((await history.textContent()) ?? "", /Hub screening figures\.docx.*Pilot report\.pdf/s);
  assert.match((await page.locator("#evidence ~ table").first().textContent()) ?? "", /The update of 1 October 2026.*The update of 30 October 2026/s);
  await addUpdate("3.1", "2026-10-29", "Amber", "Charter consultation extended to the end of November.");
  await recordDecisions("3 November 2026", { "1.1": "Agreed complete", "3.1": "Escalated to the board's chair" });
  await openAction("1.1");
  assert.match(
    (await page.getByRole("heading", { name: "Decisions at meetings" }).locator("xpath=following-sibling::ul[1]").textContent()) ?? "",
    /6 October 2026.*extend the pilot.*3 November 2026.*Agreed complete/s,
  );

  // ---- Move action 2.3 into section 3 (a mistake first), and retire action 1.4 with a reason.
  await openAction("2.3");
  await page.getByRole("link", { name: "move it to another section" }).click();
  await page.getByRole("heading", { name: "Move action 2.3" }).waitFor();
  await page.getByRole("button", { name: "Move the action" }).click();
  await page.getByRole("heading", { name: "There is a problem" }).waitFor();
  await axe(page);
  await page.getByLabel(sectionLabel("3")).check();
  await page.getByRole("button", { name: "Move the action" }).click();
  await page.getByText("The action has been moved.").waitFor();
  await axe(page);
  await openAction("1.4");
  await page.getByRole("link", { name: "retire it" }).click();
  await page.getByRole("heading", { name: "Retire action 1.4" }).waitFor();
  await axe(page);
  await page.getByLabel("Why is it being retired?").fill("The board agreed the panel review is part of action 1.3.");
  await page.getByRole("button", { name: "Retire the action" }).click();
  await page.getByText("The action has been retired.").waitFor();
  assert.ok(await page.getByText(/Retired on .*: The board agreed the panel review is part of action 1\.3\./).isVisible());
  await axe(page);

  // ---- The second board meeting's pack, in Word and in Excel, read back.
  await page.goto(manageUrls[BOARD] as string);
  await axe(page);
  const download = async (name: string) => {
    const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name }).click()]);
    return { name: file.suggestedFilename(), bytes: await readFile((await file.path()) as string) };
  };
  const word = await download("Download (Word) for 3 November 2026");
  assert.match(word.name, /\.docx$/);
  const xml = (await (await JSZip.loadAsync(word.bytes)).file("word/document.xml")?.async("string")) ?? "";
  const wordText = xml.replace(/<[^>]+>/g, " ");
  assert.match(wordText, /SEND Improvement Board: meeting pack for 3 November 2026/);
  assert.match(wordText, /Decisions at the previous meeting \(6 October 2026\)/);
  assert.match(wordText, /Deadline moved to March 2027/);
  assert.match(wordText, /30 October 2026: All family hubs screening; 85% of two-year-olds checked\./);
  // As at the meeting, the retired action was still in the plan, and the moved one in its old section.
  assert.match(wordText, /Review the EHC needs assessment panel/);
  assert.match(wordText, /2\.3\s+2 Joint commissioning\s+Pool budgets/);

  const excel = await download("Download (Excel) for 3 November 2026");
  assert.match(excel.name, /\.xlsx$/);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(excel.bytes as unknown as ArrayBuffer);
  const sheet = book.worksheets[0] as ExcelJS.Worksheet;
  const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  const rows = Array.from({ length: sheet.rowCount - 1 }, (_, i) => (sheet.getRow(i + 2).values as unknown[]).slice(1).map((v) => String(v ?? "")));
  assert.equal(rows.length, 10, "every action of the plan on 3 November reports to the board");
  const col = (name: string) => header.findIndex((h) => h.startsWith(name));
  const row = (number: string) => rows.find((r) => r[col("No")] === number) as string[];
  assert.equal(row("1.1")[col("Status")], "Green");
  assert.equal(row("3.1")[col("Status")], "Amber");
  assert.equal(row("2.1")[col("Status")], "Red");

  // ---- Publish today, with the statuses and the public commentary of action 1.1.
  await page.goto(planUrl);
  await page.getByRole("link", { name: /^Publish this plan/ }).click();
  await page.getByRole("heading", { name: "Publish this plan" }).waitFor();
  await axe(page);
  await page.getByLabel("Publish this plan").check();
  await page.getByLabel("Each action's status and the summary by status").check();
  await page.getByLabel("The commentary marked public below").check();
  await page.getByLabel(/Action 1\.1, 30 October 2026/).check();
  await page.getByRole("button", { name: "Save publication settings" }).click();
  await page.getByText("Publication settings saved").waitFor();
  assert.ok(await page.getByRole("link", { name: /\/public\/DEMO\/plans\// }).isVisible());
  await axe(page);

  // A later update: in the live plan, never in what was published.
  await addUpdate("3.1", londonToday(), "Red", "The parent carer forum's chair has stood down; the charter waits for a new chair.");
  await context.close();

  // ---- A councillor reads the plan: the published position from the plan page, then the plan as at the first meeting.
  const councillorContext = await browser.newContext();
  const councillor = await councillorContext.newPage();
  councillor.setDefaultTimeout(15_000);
  await signIn(councillor, app.baseUrl, "councillor@demo-borough.example");
  await councillor.getByRole("link", { name: "Improvement plans" }).first().click();
  await councillor.getByRole("link", { name: "Written Statement of Action 2026" }).click();
  await councillor.getByRole("heading", { name: /Where the plan stood on/ }).waitFor();
  await axe(councillor);
  assert.equal(await councillor.getByRole("link", { name: /Set up or change the plan/ }).count(), 0);
  assert.match((await councillor.getByRole("row", { name: /Set up a co-production charter/ }).textContent()) ?? "", /Red/);

  await councillor.getByRole("link", { name: /the published position/ }).click();
  await councillor.getByText(/Published on .*: the position as at that date\./).waitFor();
  await axe(councillor);
  const publicRow = async (text: string) => (await councillor.getByRole("row", { name: new RegExp(text) }).textContent()) ?? "";
  assert.match(await publicRow("Set up a co-production charter"), /Amber/);
  assert.doesNotMatch(await publicRow("Set up a co-production charter"), /Red/);
  assert.match(await publicRow("Screen every two-year-old"), /Green.*30 October 2026: All family hubs screening/s);
  assert.equal(await councillor.getByText(/chair has stood down/).count(), 0);
  assert.equal(await councillor.getByText("Review the EHC needs assessment panel").count(), 0, "retired before the publication");

  // The plan as at the first board meeting: the retired action is there, the moved one in its old section.
  await councillor.goBack();
  await fillDate(councillor, "Show the plan as at", FIRST_BOARD);
  await councillor.getByRole("button", { name: "Show" }).click();
  await councillor.getByRole("heading", { name: "Where the plan stood on 6 October 2026" }).waitFor();
  const section = async (n: string) => (await councillor.getByRole("table", { name: new RegExp(`actions in ${n}:`) }).textContent()) ?? "";
  assert.match(await section("1"), /Review the EHC needs assessment panel/);
  assert.match(await section("2"), /Pool budgets for jointly funded placements/);
  assert.doesNotMatch(await section("3"), /Pool budgets/);
  await axe(councillor);
  await councillorContext.close();
});
