// The measures page over HTTP: a year's figures from the demo casework beside England's, for every
// role (figures only), with a clear message for a year that cannot be shown.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { MEASURES } from "../../domain/measures/measures.ts";
import { londonToday } from "../../platform/clock.ts";
import { startTestApp, type TestClient } from "../../platform/testing/test-app.ts";
import { figure } from "./measures.routes.ts";

describe("measures page", () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let councillor: TestClient;
  const thisYear = Number(londonToday().slice(0, 4));

  before(async () => {
    app = await startTestApp({ caseload: 120 });
    councillor = app.client();
    await councillor.signIn("councillor@demo-borough.example");
  });
  after(async () => app.stop());

  test("a councillor reads this year's figures so far, the council's worked out from its casework, beside England's", async () => {
    assert.match((await councillor.get("/")).text, /href="\/measures"/);
    const page = await councillor.get("/measures");
    assert.equal(page.status, 200);
    assert.match(page.text, new RegExp(`<h1 class="govuk-heading-l">Measures for ${thisYear} so far</h1>`));
    const councilId = (await app.people.councilIdForCode("DEMO")) as string;
    const expected = await app.measures.forYear({ councilId, userId: null }, "system", thisYear);
    const newPlans = expected.values.find((v) => v.id === "newPlans");
    assert.ok(newPlans?.value, "the demo caseload has new plans this year");
    for (const v of expected.values) {
      const cell = figure(MEASURES[v.id].unit, v.value, v.numerator, v.denominator);
      assert.ok(page.text.includes(`<td class="govuk-table__cell">${cell}</td>`), `${v.id}: ${cell}`);
    }
    assert.doesNotMatch(page.text, /Date of birth|UPN/, "figures only");
  });

  test("an earlier year shows England's published percentages; this year is marked as so far", async () => {
    const page = await councillor.get("/measures?year=2024");
    assert.match(page.text, /<td class="govuk-table__cell">45.9%<\/td>/);
    assert.match(page.text, /<td class="govuk-table__cell">46.4%<\/td>/);
    assert.match(page.text, /<option value="2024" selected>2024<\/option>/);
    assert.match(page.text, new RegExp(`<option value="${thisYear}">${thisYear} so far</option>`));
  });

  test("a year that cannot be shown gets a message naming the years that can", async () => {
    for (const year of ["1999", "abc", String(thisYear + 1)]) {
      const page = await councillor.get(`/measures?year=${year}`);
      assert.equal(page.status, 400, year);
      assert.match(page.text, new RegExp(`href="#year">Choose a year from 2016 to ${thisYear}`));
    }
  });

  test("signed out, the page asks for sign-in", async () => {
    const page = await app.client().get("/measures");
    assert.equal(page.status, 303);
  });
});
