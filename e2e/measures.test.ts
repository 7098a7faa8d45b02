// In a real browser: the measures dashboard (charts included) has no accessibility violations; a
// caseworker follows a figure to the children behind it; a lead binds a success measure and sees
// that the figure does not support the green rating, on the action and on the plan's check, and
// keeps the rating with a reason; the action's page shows the measure's small chart, and the
// meeting pack (Word, read back) shows the proposed rating with its reason and the kept rating's; a
// measure entered by hand has its page checked too.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import JSZip from "jszip";
import type { Browser } from "playwright-core";
import type { StatusScheme } from "../src/domain/plans/types.ts";
import { startTestApp } from "../src/platform/testing/test-app.ts";
import { readAs } from "../src/platform/transaction.ts";
import { accessibilityViolations, launchBrowser, signIn } from "./browser.ts";

let app: Awaited<ReturnType<typeof startTestApp>>;
let browser: Browser;
before(async () => {
  app = await startTestApp({ caseload: 120 });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await app?.stop();
});

test("the dashboard and the children behind a figure have no accessibility violations", async () => {
  const page = await (await browser.newContext()).newPage();
  page.setDefaultTimeout(20_000);
  await signIn(page, app.baseUrl, "caseworker@demo-borough.example");
  for (const path of ["/measures", "/measures?month=2025-03", "/measures?from=2024-13-01&to=2025-03-31", "/measures?year=2024&primaryNeed=ASD"]) {
    await page.goto(`${app.baseUrl}${path}`);
    assert.deepEqual(await accessibilityViolations(page), [], path);
  }
  await page.goto(`${app.baseUrl}/measures`);
  assert.equal(await page.locator("svg.app-chart").count(), 18);
  await page.getByRole("link", { name: /The children behind this figure: New plans issued within 20 weeks, including exceptions/ }).click();
  await page.waitForURL(/\/measures\/within20WeeksInclExceptions\/cases/);
  assert.match((await page.locator("h1").textContent()) ?? "", /the children behind the figure for 2024/, await page.title());
  assert.ok((await page.locator('a[href^="/cases/"]').count()) > 0);
  assert.deepEqual(await accessibilityViolations(page), [], "the children behind a figure");
});

test("a lead binds a success measure; the page says the measure does not support the green rating", async () => {
  const councilId = (await app.people.councilIdForCode("DEMO")) as string;
  const plan = (await app.plans.listPlansAs({ councilId, userId: null })).find((p) => p.external_id === "southend-peer-review-2022");
  assert.ok(plan);
  const scheme = await readAs(app.db, { councilId, userId: null }, (trx) =>
    trx.selectFrom("plan").select("status_scheme").where("id", "=", plan.id).executeTakeFirstOrThrow(),
  );
  const green = (scheme.status_scheme as StatusScheme).statuses.find((s) => s.colour === "green" || s.onTrack);
  assert.ok(green);
  const page = await (await browser.newContext()).newPage();
  page.setDefaultTimeout(20_000);
  await signIn(page, app.baseUrl, "lead@demo-borough.example");
  const api = await page.evaluate(async (url) => (await fetch(url)).json(), `${app.baseUrl}/api/plans/${plan.id}`);
  const actionId = api.sections[0].actions[0].id as string;
  // The lead's rating: green, today.
  await page.goto(`${app.baseUrl}/actions/${actionId}/updates/new`);
  const csrf = (await page.locator('input[name="_csrf"]').first().getAttribute("value")) as string;
  const [y, m, d] = app.today().split("-");
  const rated = await page.request.post(`${app.baseUrl}/actions/${actionId}/updates`, {
    form: {
      _csrf: csrf,
      "date-day": String(Number(d)),
      "date-month": String(Number(m)),
      "date-year": y as string,
      status: green.code,
      commentary: "Going well.",
    },
    maxRedirects: 0,
  });
  assert.equal(rated.status(), 303);

  await page.goto(`${app.baseUrl}/actions/${actionId}/measures`);
  assert.deepEqual(await accessibilityViolations(page), [], "the action's measures, empty");
  assert.match(await page.title(), /Measures for action/);
  await page.getByLabel("Measure", { exact: true }).selectOption("within20WeeksInclExceptions");
  await page.getByLabel(/Target \(a number/).fill("99");
  await page.getByLabel(/Target date/).fill("2027-12-31");
  await page.getByLabel(/Baseline \(optional\)/).fill("10");
  await page.getByLabel(/Baseline date/).fill("2024-01-01");
  await page.getByRole("button", { name: "Bind the measure" }).click();
  await page.getByRole("caption").filter({ hasText: "Bound measures" }).waitFor();
  assert.match((await page.locator("main").textContent()) ?? "", /The measure does not support the rating\. Rated [^,]+, but the measure is/);
  assert.deepEqual(await accessibilityViolations(page), [], "the action's measures, bound");
  // The lead keeps the rating and says why; the reason is shown beside the warning.
  await page.getByLabel("Why you keep the rating").fill("The new panel started in October.");
  await page.getByRole("button", { name: "Keep the rating" }).click();
  await page.getByText(/The lead keeps the rating \(/).waitFor();
  assert.match((await page.locator("main").textContent()) ?? "", /The measure does not support the rating\./, "the warning stays");
  assert.deepEqual(await accessibilityViolations(page), [], "the action's measures, rating kept");

  // A measure entered by hand, with a figure and a correction: its page (chart, history, form) passes axe.
  const system = { councilId, userId: null };
  const entered = await app.enteredMeasures.define(system, ["improvement_lead"], {
    title: "Plans audited good or better",
    unit: "percent",
    higherIsBetter: "yes",
    description: "From the quarterly audit tool",
  });
  const first = await app.enteredMeasures.enter(system, ["improvement_lead"], entered.id, { value: "52", date: "2026-06-30", source: "Q1 audit" });
  await app.enteredMeasures.correct(system, ["improvement_lead"], entered.id, first.id, {
    value: "50",
    date: "2026-06-30",
    source: "Q1 audit, moderated",
    reason: "Moderation",
  });
  await page.goto(`${app.baseUrl}/measures/entered/${entered.id}`);
  assert.equal(await page.locator("svg.app-chart").count(), 1);
  assert.deepEqual(await accessibilityViolations(page), [], "a measure entered by hand");

  await page.goto(`${app.baseUrl}/plans/${plan.id}/measures`);
  assert.match((await page.locator("main").textContent()) ?? "", /New plans issued within 20 weeks, including exceptions/);
  assert.match((await page.locator("main").textContent()) ?? "", /The lead keeps the rating: The new panel started in October\./);
  assert.deepEqual(await accessibilityViolations(page), [], "the plan's check");

  // The action's own page: the bound measure with its figures, its reason, the kept rating and its small chart.
  await page.goto(`${app.baseUrl}/actions/${actionId}`);
  const section = page.locator("main");
  assert.match((await section.textContent()) ?? "", /Success measures bound to measures/);
  assert.match((await section.textContent()) ?? "", /Rating kept\s*The new panel started in October\./);
  assert.equal(await page.locator('.app-small-chart svg[role="img"]').count(), 1);
  assert.deepEqual(await accessibilityViolations(page), [], "the action's page with a bound measure");

  // The People Scrutiny Committee meets today; its pack (Word) shows the proposed rating, why, and the kept rating.
  const lead = await readAs(app.db, { councilId, userId: null }, (trx) =>
    trx.selectFrom("app_user").select("id").where("email", "=", "lead@demo-borough.example").executeTakeFirstOrThrow(),
  );
  const editor = { id: lead.id, councilId, roles: ["improvement_lead" as const] };
  const forum = (await app.plans.listForums(editor)).find((f) => f.code === "people-scrutiny");
  assert.ok(forum);
  await app.forums.addMeeting(editor, forum.id, { "date-day": String(Number(d)), "date-month": String(Number(m)), "date-year": y as string });
  const pack = await page.request.get(`${app.baseUrl}/forums/${forum.id}/reports/meeting.docx?meeting=${app.today()}`);
  assert.equal(pack.status(), 200, (await pack.text()).slice(0, 300));
  const zip = await JSZip.loadAsync(await pack.body());
  const words = ((await zip.file("word/document.xml")?.async("string")) ?? "").replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
  assert.match(words, /Success measures bound to measures/);
  assert.match(words, /Off track: Rated [^,]+, but the measure is [\d.]+% against a target of 99% by 31 December 2027/);
  assert.match(words, /The new panel started in October\./);
  assert.ok(
    Object.keys(zip.files).some((f) => /^word\/media\/.+\.png$/.test(f)),
    "the small chart as a picture",
  );
});
