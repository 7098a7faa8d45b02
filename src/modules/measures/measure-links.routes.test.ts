// Binding an action's success measure to a registry measure over HTTP: the live figure, the
// proposed rating and the warning when it does not support the lead's rating; bad input saves
// nothing; only those who edit plans may bind; the API gives the same figure.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { StatusScheme } from "../../domain/plans/types.ts";
import { startTestApp, type TestClient } from "../../platform/testing/test-app.ts";
import { readAs } from "../../platform/transaction.ts";

describe("success measures bound to measures", () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let lead: TestClient;
  let actionId: string;
  let councilId: string;
  let green: { code: string; label: string };

  before(async () => {
    app = await startTestApp({ caseload: 120 });
    councilId = (await app.people.councilIdForCode("DEMO")) as string;
    const southendId = (await app.plans.listPlansAs({ councilId, userId: null })).find((p) => p.external_id === "southend-peer-review-2022")
      ?.id as string;
    lead = app.client();
    await lead.signIn("lead@demo-borough.example");
    actionId = JSON.parse((await lead.get(`/api/plans/${southendId}`)).text).sections[0].actions[0].id;
    const scheme = await readAs(app.db, { councilId, userId: null }, (trx) =>
      trx.selectFrom("plan").select("status_scheme").where("id", "=", southendId).executeTakeFirstOrThrow(),
    );
    const found = (scheme.status_scheme as StatusScheme).statuses.find((s) => s.colour === "green" || s.onTrack);
    assert.ok(found, "the plan's scheme has a green rating");
    green = found;
  });
  after(async () => app.stop());

  test("the lead rates the action green; the bound measure is far below its milestone line, and the page says so", async () => {
    const today = app.today();
    const csrf = await lead.csrfFrom(`/actions/${actionId}/updates/new`);
    const [y, m, d] = today.split("-");
    const update = await lead.post(`/actions/${actionId}/updates`, {
      _csrf: csrf,
      "date-day": String(Number(d)),
      "date-month": String(Number(m)),
      "date-year": y as string,
      status: green.code,
      commentary: "Going well.",
    });
    assert.equal(update.status, 303, update.text.slice(0, 200));

    const form = {
      _csrf: await lead.csrfFrom(`/actions/${actionId}/measures`),
      measureId: "within20WeeksInclExceptions",
      targetValue: "99",
      targetDate: "2027-12-31",
      baselineValue: "10",
      baselineDate: "2024-01-01",
    };
    const bound = await lead.post(`/actions/${actionId}/measures`, form);
    assert.equal(bound.status, 303);
    const page = await lead.get(`/actions/${actionId}/measures`);
    assert.match(
      page.text,
      /The measure does not support the rating\. Rated [^,]+, but the measure is [\d.]+% against a target of 99% by 31 December 2027/,
    );

    // The API gives the live figure the measures service gives for the rolling 12 months.
    const api = JSON.parse((await lead.get(`/api/actions/${actionId}/measures`)).text);
    const live = await app.measures.forPeriod({ councilId, userId: null }, "system", app.measureLinks.livePeriod());
    const expected = live.values.find((v) => v.id === "within20WeeksInclExceptions");
    assert.equal(api.measures[0].actual, expected?.value);
    assert.equal(api.measures[0].proposedRating, "off track");
    assert.equal(api.measures[0].supportsRating, false);
    const openapi = JSON.parse((await lead.get("/api/openapi.json")).text);
    const item = openapi.paths["/api/actions/{actionId}/measures"].get.responses[200].content["application/json"].schema.properties.measures.items;
    assert.deepEqual(Object.keys(api.measures[0]).sort(), [...item.required].sort());

    // The plan's check lists it, the unsupported rating first.
    const plan = await lead.get(`/plans/${api.action.planId}/measures`);
    assert.match(plan.text, /1 rating is not supported by the measure\./);
    assert.match(plan.text, /The measure does not support the rating\. Rated/);

    const again = await lead.post(`/actions/${actionId}/measures`, { ...form, _csrf: await lead.csrfFrom(`/actions/${actionId}/measures`) });
    assert.equal(again.status, 400);
    assert.match(again.text, /href="#measureId">This action already has that measure bound/);
  });

  test("the lead keeps the rating the measure does not support and says why: audited, shown on the action, the plan and the API", async () => {
    const api = JSON.parse((await lead.get(`/api/actions/${actionId}/measures`)).text);
    const linkId = api.measures[0].id as string;
    assert.equal(api.measures[0].ratingKept, null);
    const page = await lead.get(`/actions/${actionId}/measures`);
    assert.match(page.text, new RegExp(`action="/actions/${actionId}/measures/${linkId}/keep-rating"`));
    const url = `/actions/${actionId}/measures/${linkId}/keep-rating`;
    const audits = () =>
      readAs(app.db, { councilId, userId: null }, (trx) =>
        trx.selectFrom("audit_event").select(["action", "subject_id"]).where("action", "=", "action.ratingKept").execute(),
      );

    const empty = await lead.post(url, { _csrf: await lead.csrfFrom(`/actions/${actionId}/measures`), reason: "  " });
    assert.equal(empty.status, 400);
    assert.match(empty.text, new RegExp(`href="#reason-${linkId}">Enter why you keep the rating`));
    const forged = await lead.post(`/actions/${actionId}/measures/00000000-0000-4000-8000-000000000000/keep-rating`, {
      _csrf: await lead.csrfFrom(`/actions/${actionId}/measures`),
      reason: "A reason",
    });
    assert.equal(forged.status, 404);
    assert.equal((await audits()).length, 0, "nothing saved");

    const councillor = app.client();
    await councillor.signIn("councillor@demo-borough.example");
    const denied = await councillor.post(url, { _csrf: await councillor.csrfFrom(`/actions/${actionId}/measures`), reason: "Not mine" });
    assert.equal(denied.status, 403);

    const reason = "The new panel started in October; the figure covers months before it.";
    const kept = await lead.post(url, { _csrf: await lead.csrfFrom(`/actions/${actionId}/measures`), reason });
    assert.equal(kept.status, 303);
    assert.deepEqual(await audits(), [{ action: "action.ratingKept", subject_id: actionId }]);
    const after = await lead.get(`/actions/${actionId}/measures`);
    assert.match(after.text, /The lead keeps the rating \([^)]+\), [^:]+: The new panel started in October/);
    assert.doesNotMatch(after.text, /keep-rating"/, "no form once a reason is kept for this rating");
    const json = JSON.parse((await lead.get(`/api/actions/${actionId}/measures`)).text);
    assert.equal(json.measures[0].ratingKept.reason, reason);
    assert.equal(json.measures[0].supportsRating, false, "the check still says what the figure says");
    const plan = await lead.get(`/plans/${json.action.planId}/measures`);
    assert.match(plan.text, /The lead keeps the rating:<\/strong> The new panel started in October/);
  });

  test("bad input gets a message for each field and saves nothing", async () => {
    const csrf = await lead.csrfFrom(`/actions/${actionId}/measures`);
    const refused = await lead.post(`/actions/${actionId}/measures`, {
      _csrf: csrf,
      measureId: "refusalRate",
      targetValue: "150",
      targetDate: "2027-02-30",
      baselineValue: "20",
      baselineDate: "",
    });
    assert.equal(refused.status, 400);
    assert.match(refused.text, /href="#targetValue">The target is a percentage: enter 0 to 100/);
    assert.match(refused.text, /href="#targetDate">The target date must be a real date/);
    assert.match(
      refused.text,
      /href="#baselineDate">Give the baseline&#39;s value and its date, or neither|href="#baselineDate">Give the baseline.s value and its date, or neither/,
    );
    const api = JSON.parse((await lead.get(`/api/actions/${actionId}/measures`)).text);
    assert.ok(!api.measures.some((m: { measureId: string }) => m.measureId === "refusalRate"));
  });

  test("a councillor reads the bound measures but cannot bind one; an unknown action is not found", async () => {
    const councillor = app.client();
    await councillor.signIn("councillor@demo-borough.example");
    const page = await councillor.get(`/actions/${actionId}/measures`);
    assert.equal(page.status, 200);
    assert.doesNotMatch(page.text, /Bind a success measure/);
    const csrf = await councillor.csrfFrom(`/actions/${actionId}/measures`);
    assert.equal(
      (await councillor.post(`/actions/${actionId}/measures`, { _csrf: csrf, measureId: "newPlans", targetValue: "5", targetDate: "2027-01-01" }))
        .status,
      403,
    );
    assert.equal((await lead.get("/actions/00000000-0000-4000-8000-000000000000/measures")).status, 404);
  });
});
