// Bound success measures in committee reports and on the public page (issue 16 part 4): "same
// figure everywhere". A bound measure's figure, milestone line, proposed rating and months in the
// progress sheet and the meeting pack equal the API's for the same date; Word holds the chart as a
// picture with its alt text and the figures as text, HTML as accessible SVG; the public page shows
// the figures, withholding those resting on 1 to 4 children.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import JSZip from "jszip";
import { isSmall } from "../../domain/measures/suppression.ts";
import { startTestApp, type TestClient } from "../../platform/testing/test-app.ts";
import { DEMO_REGISTRY_BINDINGS, seedMeasureBindings } from "../demo/demo.bindings.ts";
import type { MeetingReport, ProgressReport, ReportBoundMeasure } from "./report-model.ts";

interface ApiMeasure {
  id: string;
  measureId: string;
  actual: number | null;
  numerator: number;
  denominator: number | null;
  expected: number;
  proposedRating: string | null;
  supportsRating: boolean | null;
  sentence: string;
  asAt: string;
  series: { period: { to: string }; value: number | null; milestone: number | null }[];
}

describe("bound measures in reports: the same figures as the API", () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let actor: { councilId: string; userId: null };
  let lead: TestClient;
  let planId: string;
  let actionId: string;

  before(async () => {
    app = await startTestApp({ caseload: 120 });
    actor = { councilId: (await app.people.councilIdForCode("DEMO")) as string, userId: null };
    const loaded = await app.plans.loadPlan(actor, "system", "southend-peer-review-2022");
    planId = loaded.plan.id;
    actionId = loaded.actions.find((a) => a.external_id === "southend-2022-6a.1")?.id as string;
    assert.ok(actionId);
    await app.measureLinks.bind(actor, ["improvement_lead"], actionId, {
      measureId: "refusalRate",
      baselineValue: "48",
      baselineDate: "2020-12-31",
      targetValue: "22.3",
      targetDate: "2027-03-31",
    });
    await app.measureLinks.bind(actor, ["improvement_lead"], actionId, {
      measureId: "plansInForce",
      targetValue: "200",
      targetDate: "2027-03-31",
    });
    lead = app.client();
    await lead.signIn("lead@demo-borough.example");
  });
  after(async () => app.stop());

  const api = async (asAt: string): Promise<ApiMeasure[]> => {
    const response = await lead.get(`/api/actions/${actionId}/measures?asAt=${asAt}`);
    assert.equal(response.status, 200, response.text.slice(0, 300));
    return JSON.parse(response.text).measures;
  };

  const sameFigures = (inReport: ReportBoundMeasure[], fromApi: ApiMeasure[]) => {
    assert.equal(inReport.length, 2, "both bound measures are in the report");
    for (const m of inReport) {
      const a = fromApi.find((x) => x.id === m.linkId);
      assert.ok(a, `the API has ${m.measureId}`);
      assert.deepEqual(
        { actual: m.actual, numerator: m.numerator, denominator: m.denominator, expected: m.milestone, proposed: m.proposedRating, reason: m.reason },
        {
          actual: a.actual,
          numerator: a.numerator,
          denominator: a.denominator,
          expected: a.expected,
          proposed: a.proposedRating,
          reason: a.sentence,
        },
        m.measureId,
      );
      assert.deepEqual(
        m.series.map((p) => [p.to, p.value, p.milestone]),
        a.series.map((p) => [p.period.to, p.value, p.milestone]),
      );
    }
  };

  test("the progress sheet as at today has the API's figures, months and proposed ratings", async () => {
    const today = app.today();
    const report = (await app.reports.report(actor, ["board_member"], planId, { kind: "progress", asAt: today })) as ProgressReport;
    const mine = report.boundMeasures.filter((m) => m.actionId === actionId);
    sameFigures(mine, await api(today));
    const plans = mine.find((m) => m.measureId === "plansInForce") as ReportBoundMeasure;
    assert.ok(plans.actual !== null && plans.actual > 0, "the caseload's plans in force are counted");
    assert.equal(plans.series.length, 12, "without a baseline: the 12 months to the date");
    const refusals = mine.find((m) => m.measureId === "refusalRate") as ReportBoundMeasure;
    assert.equal(refusals.series[0]?.label, "December 2020", "with a baseline: from the baseline's month");
    assert.equal(refusals.series[0]?.milestone, 48, "the milestone line starts at the baseline");
  });

  test("the meeting pack as at a past meeting has the API's figures for that date, and the lead's rating then", async () => {
    const pack = (await app.reports.report(actor, ["board_member"], null, {
      kind: "meeting",
      forum: "people-scrutiny",
      meeting: "2022-03-15",
    })) as MeetingReport;
    const mine = pack.plans.flatMap((p) => p.progress.boundMeasures).filter((m) => m.actionId === actionId);
    sameFigures(mine, await api("2022-03-15"));
    assert.ok(mine.every((m) => m.asAt === "2022-03-15"));
    // 6a.1 was "on track" from its approval until 15 March 2022, when it was marked complete.
    assert.ok(mine.every((m) => m.leadRating !== null));
  });

  test("Word holds each chart as a picture with alt text and the figures as text; HTML as an accessible SVG", async () => {
    const request = { kind: "progress" as const, asAt: app.today() };
    const word = await app.reports.reportFile(actor, ["board_member"], planId, { ...request, format: "docx" });
    const zip = await JSZip.loadAsync(word.body);
    const pictures = Object.keys(zip.files).filter((f) => /^word\/media\/.+\.png$/.test(f));
    assert.equal(pictures.length, 2, "one picture per bound measure");
    const xml = (await zip.file("word/document.xml")?.async("string")) as string;
    assert.match(xml, /Success measures bound to measures/);
    assert.match(xml, /<wp:docPr [^>]*descr="[^"]*Requests refused[^"]*each month/i);
    const report = word.report as ProgressReport;
    const refusals = report.boundMeasures.find((m) => m.measureId === "refusalRate") as ReportBoundMeasure;
    assert.ok(xml.includes(refusals.targetText), "the target in words");
    const html = (await app.reports.reportFile(actor, ["board_member"], planId, { ...request, format: "html" })).body.toString("utf8");
    assert.equal((html.match(/<svg [^>]*role="img"/g) ?? []).length, 2);
    assert.ok(html.includes(refusals.milestoneText));
  });

  test("the public page shows the figures as at the publication, withholding those of 1 to 4 children", async () => {
    // A fresh client: the other's kept-alive connection may have been closed by the server meanwhile.
    const publisher = app.client();
    await publisher.signIn("lead@demo-borough.example");
    const csrf = await publisher.csrfFrom(`/plans/${planId}/publication`);
    const saved = await publisher.post(`/plans/${planId}/publication`, { _csrf: csrf, published: "yes", showStatuses: "yes", showCommentary: "yes" });
    assert.equal(saved.status, 303, saved.text.slice(0, 300));
    const page = await app.client().get(`/public/DEMO/plans/${planId}`);
    assert.equal(page.status, 200);
    assert.match(page.text, /Success measures/);
    assert.equal((page.text.match(/<svg [^>]*role="img"/g) ?? []).length, 2, "each bound measure's small chart");
    let checked = 0;
    for (const m of await api(app.today())) {
      const children = m.denominator ?? m.numerator;
      if (isSmall(children)) assert.match(page.text, /Withheld \(fewer than 5 children\)/, m.measureId);
      else if (m.actual !== null) {
        // The publication shows statuses, so the sentence names the lead's rating as the API's does.
        assert.ok(page.text.includes(m.sentence), m.sentence);
        checked++;
      }
    }
    assert.ok(checked > 0, "a figure of 5 or more children is shown as the API gives it");
    // A month's refusals rest on a handful of requests in a caseload of 120: withheld, never shown.
    assert.match(page.text, /<td class="govuk-table__cell">Withheld \(fewer than 5 children\)<\/td>/);
  });

  test("the demo's Thurrock KPIs are bound with the caseload's own baseline, and show figures and proposed ratings", async () => {
    assert.equal(await seedMeasureBindings(app, actor.councilId, app.today()), true);
    assert.equal(await seedMeasureBindings(app, actor.councilId, app.today()), false, "once only");
    const thurrock = await app.plans.loadPlan(actor, "system", "thurrock-wsoa-2019");
    const wanted = DEMO_REGISTRY_BINDINGS.filter((b) => b.externalId.startsWith("thurrock"));
    const ids = thurrock.actions.filter((a) => wanted.some((b) => b.externalId === a.external_id)).map((a) => a.id);
    const bound = (await app.measureLinks.forActions(actor, "system", ids, app.today())).flatMap((a) => a.links);
    const twenty = bound.find((l) => l.measureId === "within20WeeksInclExceptions");
    assert.ok(twenty, "Increase in EHCPs completed within 20 weeks: bound");
    const baselineDate = `${Number(app.today().slice(0, 4)) - 3}-12-31`;
    const then = (await app.measures.forPeriod(actor, "system", app.measureLinks.livePeriod(baselineDate))).values;
    assert.equal(twenty.baselineDate, baselineDate);
    assert.equal(twenty.baselineValue, then.find((f) => f.id === "within20WeeksInclExceptions")?.value);
    assert.equal(twenty.targetValue, 60);
    assert.ok(twenty.actual !== null && twenty.assessment.proposed !== null, "a figure and a proposed rating today");
    assert.ok(bound.some((l) => l.measureId === "reviewsOnTime" && l.targetValue === 100));
  });
});
