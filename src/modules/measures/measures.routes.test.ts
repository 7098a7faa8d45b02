// The measures pages over HTTP: the latest year with England's figures by default, every registry
// measure with its trend chart and table, the cases behind a figure only for those who may see
// children (and audited), and the JSON API giving the same numbers as the page.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { MEASURES } from "../../domain/measures/measures.ts";
import { REGISTRY_IDS } from "../../domain/measures/registry.ts";
import { londonToday } from "../../platform/clock.ts";
import { startTestApp, type TestClient } from "../../platform/testing/test-app.ts";
import { readAs } from "../../platform/transaction.ts";
import { figure } from "./measures.routes.ts";
import { LATEST_ENGLAND_YEAR } from "./measures.service.ts";

describe("measures page", () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let councillor: TestClient;
  let caseworker: TestClient;
  const thisYear = Number(londonToday().slice(0, 4));

  before(async () => {
    app = await startTestApp({ caseload: 120 });
    councillor = app.client();
    await councillor.signIn("councillor@demo-borough.example");
    caseworker = app.client();
    await caseworker.signIn("caseworker@demo-borough.example");
  });
  after(async () => app.stop());

  test("opens on the latest year with England's figures, says so, and shows the council's figures beside them", async () => {
    assert.equal(LATEST_ENGLAND_YEAR, 2024);
    const page = await councillor.get("/measures");
    assert.equal(page.status, 200);
    assert.match(page.text, /<h1 class="govuk-heading-l">Measures for 2024<\/h1>/);
    assert.match(page.text, /Showing 2024, the latest year for which England.{1,6}s figures are published/);
    assert.match(page.text, /<td class="govuk-table__cell">45.9%<\/td>/);
    assert.match(page.text, /<option value="2024" selected>2024<\/option>/);
    const councilId = (await app.people.councilIdForCode("DEMO")) as string;
    const expected = await app.measures.forYear({ councilId, userId: null }, "system", 2024);
    assert.equal(expected.values.length, REGISTRY_IDS.length);
    const newPlans = expected.values.find((v) => v.id === "newPlans");
    assert.ok(newPlans?.value, "the demo caseload has new plans in 2024, a year of its history");
    for (const v of expected.values) {
      const cell = figure(MEASURES[v.id].unit, v.value, v.numerator, v.denominator);
      assert.ok(page.text.includes(`<td class="govuk-table__cell">${cell}</td>`), `${v.id}: ${cell}`);
    }
    assert.doesNotMatch(page.text, /Date of birth|UPN|The children behind this/, "figures only for a councillor");
  });

  test("every measure has a chart drawn as SVG with a title, a description and a table of the same figures", async () => {
    const page = await councillor.get("/measures?year=2024");
    for (const id of REGISTRY_IDS) {
      assert.match(page.text, new RegExp(`<svg[^>]*aria-labelledby="chart-${id}-title chart-${id}-desc"`), id);
    }
    // The 20-week chart: twelve months of 2024, England's 45.9% as the dashed line in each.
    const section = page.text.slice(page.text.indexOf('id="trend-within20WeeksInclExceptions"'));
    const table = section.slice(0, section.indexOf("</table>"));
    assert.equal((table.match(/<th scope="row" class="govuk-table__header">[A-Z][a-z]+ 2024<\/th>/g) ?? []).length, 12);
    assert.equal((table.match(/<td class="govuk-table__cell">45.9%<\/td>/g) ?? []).length, 12);
  });

  test("a month, a quarter and a range of dates can be asked for; bad dates get a message", async () => {
    assert.match((await councillor.get("/measures?month=2025-03")).text, /Measures for March 2025/);
    assert.match((await councillor.get("/measures?quarter=2025-Q2")).text, /Measures for April to June 2025/);
    assert.match((await councillor.get("/measures?from=2024-04-01&to=2025-03-31")).text, /Measures for 1 April 2024 to 31 March 2025/);
    const bad = await councillor.get("/measures?from=2024-02-30&to=2025-03-31");
    assert.equal(bad.status, 400);
    assert.match(bad.text, /href="#from">Enter the first day as a real date/);
  });

  test("a year that cannot be shown gets a message naming the years that can", async () => {
    for (const year of ["1999", String(thisYear + 1)]) {
      const page = await councillor.get(`/measures?year=${year}`);
      assert.equal(page.status, 400, year);
      assert.match(page.text, /href="#year">Choose dates from 1 January 2016/);
    }
    assert.match((await councillor.get("/measures?year=abc")).text, /is not a year like 2025/);
  });

  test("a caseworker follows a figure to the children behind it; the look is audited; a councillor may not", async () => {
    const page = await caseworker.get("/measures?year=2024");
    const href = /href="(\/measures\/within20WeeksInclExceptions\/cases\?[^"]+)"/.exec(page.text)?.[1];
    assert.ok(href, "a link to the cases behind the 20-week figure");
    const cases = await caseworker.get(href.replace(/&amp;/g, "&"));
    assert.equal(cases.status, 200);
    const councilId = (await app.people.councilIdForCode("DEMO")) as string;
    const expected = (await app.measures.forYear({ councilId, userId: null }, "system", 2024)).values.find(
      (v) => v.id === "within20WeeksInclExceptions",
    );
    assert.equal((cases.text.match(/href="\/cases\/[^"]+"/g) ?? []).length, expected?.denominator);
    assert.match(cases.text, new RegExp(`${expected?.numerator} of ${expected?.denominator} counted`));
    const audited = await readAs(app.db, { councilId, userId: null }, (trx) =>
      trx.selectFrom("audit_event").select(["action", "subject_id"]).where("action", "=", "measure.casesViewed").execute(),
    );
    assert.deepEqual(audited.at(-1), { action: "measure.casesViewed", subject_id: "within20WeeksInclExceptions" });
    assert.equal((await councillor.get(href.replace(/&amp;/g, "&"))).status, 403);
    assert.equal((await caseworker.get("/measures/nonsense/cases?year=2024")).status, 404);
  });

  test("the API gives the same figures as the page, with each month's series", async () => {
    const api = await councillor.get("/api/measures?year=2024");
    assert.equal(api.status, 200);
    const json = JSON.parse(api.text);
    const councilId = (await app.people.councilIdForCode("DEMO")) as string;
    const expected = await app.measures.forYear({ councilId, userId: null }, "system", 2024);
    assert.deepEqual(
      json.measures.map((m: { id: string; value: number | null }) => [m.id, m.value]),
      expected.values.map((v) => [v.id, v.value]),
    );
    assert.equal(json.series.length, 12);
    assert.equal((await councillor.get("/api/measures?month=2025-13")).status, 400);
    // Described in the OpenAPI document, with every field the response has.
    const openapi = JSON.parse((await councillor.get("/api/openapi.json")).text);
    const schema = openapi.paths["/api/measures"].get.responses[200].content["application/json"].schema;
    assert.deepEqual(Object.keys(json).sort(), [...schema.required].sort());
    assert.deepEqual(Object.keys(json.measures[0]).sort(), [...schema.properties.measures.items.required].sort());
  });

  test("filters narrow the page and the API to some children; a forged choice gets a message and no figures", async () => {
    const councilId = (await app.people.councilIdForCode("DEMO")) as string;
    const actor = { councilId, userId: null };
    const asd = await app.measures.forPeriod(actor, "system", { from: "2024-01-01", to: "2024-12-31", label: "2024" }, undefined, {
      primaryNeed: "ASD",
    });
    const all = await app.measures.forPeriod(actor, "system", { from: "2024-01-01", to: "2024-12-31", label: "2024" });
    const inForce = (r: typeof all) => r.values.find((v) => v.id === "plansInForce")?.value ?? 0;
    assert.ok(inForce(asd) > 0 && inForce(asd) < inForce(all), "a real part of the caseload");

    const page = await caseworker.get("/measures?year=2024&primaryNeed=ASD");
    assert.equal(page.status, 200);
    assert.match(page.text, /<option value="ASD" selected>/);
    assert.match(
      page.text,
      /for the children chosen under &quot;Narrow to some children&quot; only|for the children chosen under "Narrow to some children" only/,
    );
    assert.ok(page.text.includes(`<td class="govuk-table__cell">${figure("count", inForce(asd))}</td>`));
    // The drill-down carries the filter and lists the children the filtered figure counts.
    const href = /href="(\/measures\/plansInForce\/cases\?[^"]+)"/.exec(page.text)?.[1]?.replace(/&amp;/g, "&");
    assert.equal(href, "/measures/plansInForce/cases?from=2024-01-01&to=2024-12-31&primaryNeed=ASD");
    const behind = await caseworker.get(href);
    assert.equal(behind.status, 200);
    assert.equal((behind.text.match(/href="\/cases\/[^"]+"/g) ?? []).length, inForce(asd));
    assert.match(
      behind.text,
      /Only the children chosen under "Narrow to some children"|Only the children chosen under &quot;Narrow to some children&quot;/,
    );
    // The period forms carry the filter; the filter form carries the period.
    assert.match(page.text, /<input type="hidden" name="primaryNeed" value="ASD">/);
    assert.match(page.text, /<input type="hidden" name="year" value="2024">/);

    const api = JSON.parse((await councillor.get("/api/measures?year=2024&primaryNeed=ASD&yearGroup=7")).text);
    assert.deepEqual(api.filter, { primaryNeed: "ASD", yearGroup: "7" });
    const both = await app.measures.forPeriod(actor, "system", { from: "2024-01-01", to: "2024-12-31", label: "2024" }, undefined, {
      primaryNeed: "ASD",
      yearGroup: 7,
    });
    assert.deepEqual(
      api.measures.map((m: { value: number | null }) => m.value),
      both.values.map((v) => v.value),
    );

    for (const [q, field] of [
      ["primaryNeed=XYZ", "primaryNeed"],
      ["settingType=castle", "settingType"],
      ["yearGroup=99", "yearGroup"],
      ["caseworker=00000000-0000-4000-8000-000000000000", "caseworker"],
      ["outOfAuthority=maybe", "outOfAuthority"],
    ]) {
      const bad = await councillor.get(`/measures?year=2024&${q}`);
      assert.equal(bad.status, 400, q);
      assert.match(bad.text, new RegExp(`href="#${field}">Select `), q);
      assert.doesNotMatch(bad.text, /Month by month/, `${q}: no figures`);
      const badApi = await councillor.get(`/api/measures?year=2024&${q}`);
      assert.equal(badApi.status, 400, q);
      assert.equal(JSON.parse(badApi.text).errors[0].field, field);
    }
  });

  test("a filtered figure of fewer than 5 children is withheld on the page and in the API; the whole council's never", async () => {
    const councilId = (await app.people.councilIdForCode("DEMO")) as string;
    const year = { from: "2024-01-01", to: "2024-12-31", label: "2024" };
    const narrow = await app.measures.forPeriod({ councilId, userId: null }, "system", year, undefined, { primaryNeed: "ASD", yearGroup: 7 });
    const withheld = narrow.values.find((v) => v.withheld);
    assert.ok(withheld, "one need in one year group has some figure of fewer than 5 children");

    const api = JSON.parse((await councillor.get("/api/measures?year=2024&primaryNeed=ASD&yearGroup=7")).text);
    const shown = api.measures.find((m: { id: string }) => m.id === withheld.id);
    assert.deepEqual([shown.withheld, shown.value, shown.numerator, shown.denominator], [true, null, null, null]);
    assert.ok(
      api.series.every((p: { measures: { withheld?: boolean; numerator: number | null; denominator: number | null }[] }) =>
        p.measures.every((m) =>
          m.withheld ? m.numerator === null : (m.denominator ?? m.numerator ?? 0) === 0 || (m.denominator ?? m.numerator ?? 0) >= 5,
        ),
      ),
      "no month shows a figure of 1 to 4 children",
    );
    const rows = api.breakdowns.flatMap((b: { rows: { count: number | null; withheld?: boolean }[] }) => b.rows);
    assert.ok(
      rows.every((r: { count: number | null; withheld?: boolean }) => (r.withheld ? r.count === null : r.count === 0 || (r.count ?? 0) >= 5)),
    );
    const schema = JSON.parse((await councillor.get("/api/openapi.json")).text).paths["/api/measures"].get.responses[200].content["application/json"]
      .schema;
    assert.ok(schema.properties.measures.items.properties.withheld, "the OpenAPI document describes withheld");

    const page = await councillor.get("/measures?year=2024&primaryNeed=ASD&yearGroup=7");
    assert.equal(page.status, 200);
    assert.ok(page.text.includes(`<td class="govuk-table__cell">Withheld (fewer than 5 children)</td>`));

    // Nor are the children behind it listed, even to those who may see children; the look is audited.
    const cases = await caseworker.get(`/measures/${withheld.id}/cases?year=2024&primaryNeed=ASD&yearGroup=7`);
    assert.equal(cases.status, 200);
    assert.match(cases.text, /Withheld \(fewer than 5 children\): the figure is withheld/);
    assert.equal((cases.text.match(/href="\/cases\/[^"]+"/g) ?? []).length, 0);
    const seen = await readAs(app.db, { councilId, userId: null }, (trx) =>
      trx.selectFrom("audit_event").select(["subject_id", "after"]).where("action", "=", "measure.casesViewed").execute(),
    );
    const last = (seen.at(-1)?.after ?? {}) as { withheld?: boolean; filter?: unknown };
    assert.deepEqual(last.filter, { primaryNeed: "ASD", yearGroup: 7 });
    assert.equal(last.withheld, true);
    const page2 = await caseworker.get("/measures?year=2024&primaryNeed=ASD&yearGroup=7");
    assert.doesNotMatch(page2.text, new RegExp(`/measures/${withheld.id}/cases`), "no drill-down from a withheld figure");

    const whole = JSON.parse((await councillor.get("/api/measures?year=2024")).text);
    assert.ok(!JSON.stringify(whole).includes("withheld"), "the whole council's figures are never withheld");
  });

  test("the out of authority filter narrows the page and the API, and the drill-down carries it", async () => {
    const councilId = (await app.people.councilIdForCode("DEMO")) as string;
    const year = { from: "2024-01-01", to: "2024-12-31", label: "2024" };
    const of = async (outOfAuthority: boolean) =>
      (await app.measures.forPeriod({ councilId, userId: null }, "system", year, undefined, { outOfAuthority })).values;
    const all = await app.measures.forPeriod({ councilId, userId: null }, "system", year);
    // Those placed in the area (the many): the caseload less those the outOfAuthority measure counts.
    const home = await of(false);
    const inForce = home.find((v) => v.id === "plansInForce");
    const whole = (id: string) => all.values.find((v) => v.id === id)?.numerator ?? 0;
    assert.ok(inForce && !inForce.withheld, "the children placed in the area are shown");
    assert.equal(inForce.value, whole("plansInForce") - whole("outOfAuthority"));
    const page = await caseworker.get("/measures?year=2024&outOfAuthority=no");
    assert.equal(page.status, 200);
    assert.match(
      page.text,
      /<option value="no" selected>Placed in the council&#39;s area, or no placement<\/option>|<option value="no" selected>Placed in the council's area, or no placement<\/option>/,
    );
    assert.ok(page.text.includes(`<td class="govuk-table__cell">${figure("count", inForce.value)}`), "the filtered figure on the page");
    const href = /href="(\/measures\/plansInForce\/cases\?[^"]+)"/.exec(page.text)?.[1]?.replace(/&amp;/g, "&");
    assert.equal(href, "/measures/plansInForce/cases?from=2024-01-01&to=2024-12-31&outOfAuthority=no");
    const behind = await caseworker.get(href);
    assert.equal((behind.text.match(/href="\/cases\/[^"]+"/g) ?? []).length, inForce.value);
    const api = JSON.parse((await councillor.get("/api/measures?year=2024&outOfAuthority=yes")).text);
    assert.deepEqual(api.filter, { outOfAuthority: "yes" });
    assert.deepEqual(
      api.measures.map((m: { value: number | null }) => m.value),
      (await of(true)).map((v) => v.value),
    );
  });

  test("measures entered by hand: a lead defines one, enters a figure and corrects it; readers see it on the dashboard; bad input saves nothing", async () => {
    const lead = app.client();
    await lead.signIn("lead@demo-borough.example");
    const councilId = (await app.people.councilIdForCode("DEMO")) as string;
    const count = async () =>
      readAs(app.db, { councilId, userId: null }, async (trx) => ({
        measures: (await trx.selectFrom("entered_measure").select("id").execute()).length,
        entries: (await trx.selectFrom("entered_measure_entry").select("id").execute()).length,
      }));
    const before = await count();
    const definition = {
      title: "Plans audited good or better",
      unit: "percent",
      higherIsBetter: "yes",
      description: "From the quarterly audit tool",
    };
    // A forged field and a missing choice: named, nothing saved.
    const forged = await lead.post("/measures/entered", {
      _csrf: await lead.csrfFrom("/measures/entered/new"),
      ...definition,
      unit: "",
      councilId: "x",
    });
    assert.equal(forged.status, 400);
    assert.match(forged.text, /href="#main-content">The form sent a field it does not have: councilId/);
    assert.match(forged.text, /href="#unit">Select whether it is a percentage or a count/);
    assert.deepEqual(await count(), before);
    const made = await lead.post("/measures/entered", { _csrf: await lead.csrfFrom("/measures/entered/new"), ...definition });
    assert.equal(made.status, 303);
    const page = made.headers.get("location")?.replace(/\?.*$/, "") as string;
    assert.match(page, /^\/measures\/entered\/[0-9a-f-]{36}$/);
    const id = page.split("/").at(-1) as string;

    // An impossible date: a clear message at the day box, nothing saved.
    const entry = { value: "61.5", "date-day": "31", "date-month": "2", "date-year": "2026", source: "Q1 audit report", note: "" };
    const impossible = await lead.post(`${page}/entries`, { _csrf: await lead.csrfFrom(page), ...entry });
    assert.equal(impossible.status, 400);
    assert.match(impossible.text, /href="#date-day">The date the figure is for must be a real date: 31\/2\/2026 does not exist/);
    assert.deepEqual(await count(), { ...before, measures: before.measures + 1 });
    const entered = await lead.post(`${page}/entries`, { _csrf: await lead.csrfFrom(page), ...entry, "date-day": "30", "date-month": "9" });
    assert.equal(entered.status, 303);
    const shown = await lead.get(page);
    assert.match(shown.text, /61.5%/);
    assert.match(shown.text, new RegExp(`<svg[^>]*aria-labelledby="chart-entered-${id}-title chart-entered-${id}-desc"`));
    assert.match(shown.text, /<strong class="govuk-tag govuk-tag--green">Counts<\/strong>/);

    // Corrected: the old figure stays in the history, marked in words.
    const correctHref = /href="(\/measures\/entered\/[^"]+\/correct)"/.exec(shown.text)?.[1] as string;
    const corrected = await lead.post(correctHref, {
      _csrf: await lead.csrfFrom(correctHref),
      ...entry,
      "date-day": "30",
      "date-month": "9",
      value: "58",
      reason: "Moderation lowered three grades",
    });
    assert.equal(corrected.status, 303);
    const history = await lead.get(page);
    assert.match(history.text, /<strong class="govuk-tag govuk-tag--grey">Corrected<\/strong>/);
    assert.match(history.text, /Corrects 61.5% for 30 September 2026/);

    // Readers: the dashboard shows it as at the period's end; a councillor may read but not enter.
    const dashboard = await councillor.get("/measures?year=2026");
    assert.match(dashboard.text, /Plans audited good or better<\/a><\/h3>/);
    assert.match(dashboard.text, /58.0%, entered for 30 September 2026 \(Q1 audit report\)/);
    assert.equal((await councillor.get(page)).status, 200);
    const refused = await councillor.post(`${page}/entries`, { _csrf: await councillor.csrfFrom("/account"), ...entry });
    assert.equal(refused.status, 403);
    assert.equal((await caseworker.get("/measures/entered/new")).status, 403);
    assert.equal((await councillor.get("/measures/entered/00000000-0000-4000-8000-000000000000")).status, 404);

    // The API: the same figure, every field in the OpenAPI document; a percentage over 100 refused.
    const api = JSON.parse((await councillor.get("/api/measures?year=2026")).text);
    const mine = api.entered.find((m: { id: string }) => m.id === id);
    assert.deepEqual([mine.value, mine.date, mine.measureId], [58, "2026-09-30", `entered:${id}`]);
    const openapi = JSON.parse((await councillor.get("/api/openapi.json")).text);
    const schema = openapi.paths["/api/measures"].get.responses[200].content["application/json"].schema;
    assert.deepEqual(Object.keys(api).sort(), [...schema.required].sort());
    assert.deepEqual(Object.keys(mine).sort(), [...schema.properties.entered.items.required].sort());
    const list = JSON.parse((await councillor.get("/api/measures/entered")).text);
    const item = openapi.paths["/api/measures/entered"].get.responses[200].content["application/json"].schema.properties.measures.items;
    assert.deepEqual(Object.keys(list.measures[0]).sort(), [...item.required].sort());
    assert.deepEqual(Object.keys(list.measures[0].entries[0]).sort(), [...item.properties.entries.items.required].sort());
    const csrf = await lead.csrfFrom("/account");
    const json = (body: unknown) =>
      lead.request("POST", `/api/measures/entered/${id}/entries`, JSON.stringify(body), { "content-type": "application/json", "x-csrf-token": csrf });
    const over = await json({ value: 140, date: "2026-10-31", source: "API" });
    assert.equal(over.status, 400);
    assert.equal(JSON.parse(over.text).errors[0].field, "value");
    const ok = await json({ value: 60, date: "2026-10-31", source: "API" });
    assert.equal(ok.status, 201, ok.text);
    assert.equal(JSON.parse(ok.text).entries.length, 3);
    const audited = await readAs(app.db, { councilId, userId: null }, (trx) =>
      trx.selectFrom("audit_event").select("action").where("subject_id", "=", id).orderBy("id").execute(),
    );
    assert.deepEqual(
      audited.map((a) => a.action),
      ["enteredMeasure.defined", "enteredMeasure.actualEntered", "enteredMeasure.actualCorrected", "enteredMeasure.actualEntered"],
    );
  });

  test("signed out, the page asks for sign-in", async () => {
    const page = await app.client().get("/measures");
    assert.equal(page.status, 303);
  });
});
