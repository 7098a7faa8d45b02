// Publication on a schedule (issue 13 part 7): the public page shows the plan as at its last
// publication, not live. A change made after it, even one dated on the publication's day, is not
// shown until the next publication's date comes; a publication's choices (statuses, names) are its
// own; a date in the past is refused and saves nothing.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { addDays } from "../../domain/dates.ts";
import { londonToday } from "../../platform/clock.ts";
import { startTestApp } from "../../platform/testing/test-app.ts";
import { readAs } from "../../platform/transaction.ts";
import { effectiveFrom } from "./publication.service.ts";

describe("publication on a schedule", () => {
  const realToday = londonToday();
  let day = realToday;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let planId: string;
  let actionId: string;
  let councilId: string;

  before(async () => {
    app = await startTestApp({ caseload: 0, today: () => day });
    councilId = (await app.people.councilIdForCode("DEMO")) as string;
    const loaded = await app.plans.loadPlan({ councilId, userId: null }, "system", "southend-peer-review-2022");
    planId = loaded.plan.id;
    actionId = (loaded.actions[0] as { id: string }).id;
  });
  after(async () => app.stop());

  const publicJson = async () => {
    const response = await app.client().get(`/public/DEMO/plans/${planId}.json`);
    return { status: response.status, data: response.status === 200 ? JSON.parse(response.text) : undefined };
  };
  const statusOf = (data: { actions: { number: string; status: { label: string } | null }[] }, number: string) =>
    data.actions.find((a) => a.number === number)?.status?.label;

  test("the public sees the published position, not a later change, until the next publication's date", async () => {
    const lead = app.client();
    await lead.signIn("lead@demo-borough.example");
    const loaded = await app.plans.loadPlan({ councilId, userId: null }, "system", planId);
    const action = loaded.actions.find((a) => a.id === actionId) as { number: string };
    const scheme = loaded.plan.scheme.statuses;

    // Scheduled only: nothing is public before its date.
    let csrf = await lead.csrfFrom(`/plans/${planId}/publication`);
    const tomorrow = addDays(realToday, 1);
    const [y, m, d] = tomorrow.split("-");
    await lead.post(`/plans/${planId}/publication`, {
      _csrf: csrf,
      published: "yes",
      showStatuses: "yes",
      "publishOn-day": String(Number(d)),
      "publishOn-month": String(Number(m)),
      "publishOn-year": y as string,
    });
    assert.equal((await publicJson()).status, 404, "a publication still to come shows nothing");

    // Published today, statuses only.
    csrf = await lead.csrfFrom(`/plans/${planId}/publication`);
    assert.equal((await lead.post(`/plans/${planId}/publication`, { _csrf: csrf, published: "yes", showStatuses: "yes" })).status, 303);
    const first = await publicJson();
    assert.equal(first.status, 200);
    assert.equal(first.data.publishedOn, realToday);
    assert.equal(first.data.nextPublication, null, "publishing again replaced the publication to come");
    const before = statusOf(first.data, action.number);
    assert.ok(before);

    // The lead schedules the next publication for tomorrow, with leads' names.
    csrf = await lead.csrfFrom(`/plans/${planId}/publication`);
    await lead.post(`/plans/${planId}/publication`, {
      _csrf: csrf,
      published: "yes",
      showStatuses: "yes",
      publishNames: "yes",
      "publishOn-day": String(Number(d)),
      "publishOn-month": String(Number(m)),
      "publishOn-year": y as string,
    });

    // A later change, dated today: a new status for the action.
    const other = scheme.find((s) => s.label !== before && !s.unrated);
    assert.ok(other);
    const user = { id: "", councilId, roles: ["improvement_lead" as const], displayName: "Lee Lead" };
    user.id = await readAs(
      app.db,
      { councilId, userId: null },
      async (trx) => (await trx.selectFrom("app_user").select("id").where("email", "=", "lead@demo-borough.example").executeTakeFirstOrThrow()).id,
    );
    await app.plans.addUpdate(user, actionId, { date: realToday, status: other.code, commentary: "A later change the public must not see yet" });

    const still = await publicJson();
    assert.equal(statusOf(still.data, action.number), before, "the public still sees the published status");
    assert.equal(still.data.publishedOn, realToday);
    assert.equal(still.data.nextPublication, tomorrow);
    assert.equal(still.data.namesShown, false, "today's publication's choice of names, not the next one's");
    const page = await app.client().get(`/public/DEMO/plans/${planId}`);
    assert.doesNotMatch(page.text, /A later change/);
    assert.match(page.text, /Next publication: /);

    // The lead's own pages are live.
    assert.match((await lead.get(`/actions/${actionId}`)).text, /A later change the public must not see yet/);

    // Tomorrow the scheduled publication happens: the public sees the change.
    day = tomorrow;
    const next = await publicJson();
    assert.equal(next.data.publishedOn, tomorrow);
    assert.equal(statusOf(next.data, action.number), other.label);
    assert.equal(next.data.namesShown, true);
    day = realToday;
  });

  test("a publication date in the past is refused with the error summary and saves nothing", async () => {
    const lead = app.client();
    await lead.signIn("lead@demo-borough.example");
    const count = () =>
      readAs(app.db, { councilId, userId: null }, async (trx) => (await trx.selectFrom("plan_publication").select("id").execute()).length);
    const before = await count();
    const csrf = await lead.csrfFrom(`/plans/${planId}/publication`);
    const refused = await lead.post(`/plans/${planId}/publication`, {
      _csrf: csrf,
      published: "yes",
      showStatuses: "yes",
      "publishOn-day": "1",
      "publishOn-month": "1",
      "publishOn-year": "2020",
    });
    assert.equal(refused.status, 400);
    assert.match(refused.text, /href="#publishOn-day">Date of the publication must be today/);
    assert.match(refused.text, /name="publishOn-year" type="text" value="2020"|value="2020"/);
    const impossible = await lead.post(`/plans/${planId}/publication`, {
      _csrf: csrf,
      published: "yes",
      "publishOn-day": "30",
      "publishOn-month": "2",
      "publishOn-year": "2027",
    });
    assert.equal(impossible.status, 400);
    assert.equal(await count(), before);
  });

  test("a publication takes effect at the start of its day in England, or when it was made if later", () => {
    assert.equal(effectiveFrom("2027-01-16", new Date("2026-12-01T10:00:00Z")).toISOString(), "2027-01-16T00:00:00.000Z");
    assert.equal(effectiveFrom("2027-07-16", new Date("2026-12-01T10:00:00Z")).toISOString(), "2027-07-15T23:00:00.000Z", "British Summer Time");
    assert.equal(effectiveFrom("2026-12-01", new Date("2026-12-01T10:00:00Z")).toISOString(), "2026-12-01T10:00:00.000Z");
  });
});
