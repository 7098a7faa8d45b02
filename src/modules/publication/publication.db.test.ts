// Publication (SPEC A13) over real HTTP: unpublished plans are not found, a published plan's
// public page and open data show statuses without names (unless chosen) and only public
// commentary, and no other council's code reaches it.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startTestApp } from "../../platform/testing/test-app.ts";
import { changeAs } from "../../platform/transaction.ts";
import { escapeHtml } from "../reports/render/html.ts";

describe("publishing a plan", () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let actor: { councilId: string; userId: null };
  let planId: string;
  let actionId: string;
  let shown: { id: string; commentary: string };
  let hidden: { id: string; commentary: string }[];

  before(async () => {
    app = await startTestApp({ caseload: 0 });
    actor = { councilId: (await app.people.councilIdForCode("DEMO")) as string, userId: null };
    const loaded = await app.plans.loadPlan(actor, "system", "southend-peer-review-2022");
    planId = loaded.plan.id;
    const action = loaded.actions.find((a) => (loaded.updatesByAction.get(a.id) ?? []).filter((u) => u.commentary.trim()).length >= 2);
    assert.ok(action, "a demo action with two updates");
    actionId = action.id;
    const updates = (loaded.updatesByAction.get(actionId) ?? []).filter((u) => u.commentary.trim());
    shown = updates[0] as { id: string; commentary: string };
    // Private commentary to look for (many demo updates open with the same words as the public one).
    hidden = [...loaded.updatesByAction.values()]
      .flat()
      .filter((u) => u.id !== shown.id && u.commentary.trim().length > 30 && !shown.commentary.startsWith(u.commentary.slice(0, 60)));
    assert.ok(hidden.length > 10);
    // The demo plan names no one; give one action a named lead.
    await changeAs(app.db, actor, async (trx) => {
      await trx.updateTable("plan_action").set({ lead_name: "Priya Example" }).where("id", "=", actionId).execute();
      return { result: undefined, audit: { action: "test.lead-named", subjectType: "plan_action", subjectId: actionId } };
    });
  });
  after(async () => app.stop());

  const publicUrl = () => `/public/DEMO/plans/${planId}`;

  test("an unpublished plan is not found, in any form", async () => {
    const anonymous = app.client();
    for (const suffix of ["", ".csv", ".json"]) assert.equal((await anonymous.get(`${publicUrl()}${suffix}`)).status, 404, suffix);
    assert.equal((await anonymous.get("/public/DEMO/plans/not-a-plan")).status, 404);
  });

  test("only people who edit plans publish, with the form's CSRF token", async () => {
    const councillor = app.client();
    await councillor.signIn("councillor@demo-borough.example");
    assert.equal((await councillor.get(`/plans/${planId}/publication`)).status, 403);
    const lead = app.client();
    await lead.signIn("lead@demo-borough.example");
    const plan = await lead.get(`/plans/${planId}`);
    assert.match(plan.text, new RegExp(`href="/plans/${planId}/publication"`));
    const forged = await lead.post(`/plans/${planId}/publication`, { published: "yes" });
    assert.equal(forged.status, 403);
    assert.equal((await app.client().get(publicUrl())).status, 404);
  });

  test("a published plan shows statuses, roles not names, and only public commentary; CSV and JSON match", async () => {
    const lead = app.client();
    await lead.signIn("lead@demo-borough.example");
    const form = await lead.get(`/plans/${planId}/publication`);
    assert.equal(form.status, 200);
    assert.match(form.text, /Publish this plan/);
    const csrf = await lead.csrfFrom(`/plans/${planId}/publication`);
    const saved = await lead.post(`/plans/${planId}/publication`, {
      _csrf: csrf,
      published: "yes",
      showStatuses: "yes",
      showCommentary: "yes",
      public: shown.id,
    });
    assert.equal(saved.status, 303);
    assert.equal(saved.headers.get("location"), `/plans/${planId}/publication?saved=1`);

    const anonymous = app.client();
    const page = await anonymous.get(publicUrl());
    assert.equal(page.status, 200);
    assert.match(page.text, /<h1 class="govuk-heading-l">/);
    assert.match(page.text, /<caption class="govuk-table__caption[^"]*">Every action with its status/);
    assert.match(page.text, /<strong class="govuk-tag [^"]*">(Complete|On track|Off track|Not yet rated|[A-Z][a-z ]+)<\/strong>/);
    assert.doesNotMatch(page.text, /Priya Example/);
    assert.ok(page.text.includes(escapeHtml(shown.commentary.slice(0, 40))), "the public commentary is shown");
    for (const u of hidden) assert.ok(!page.text.includes(escapeHtml(u.commentary.slice(0, 60))), `commentary ${u.id} is not public`);

    const json = await anonymous.get(`${publicUrl()}.json`);
    assert.equal(json.status, 200);
    const data = JSON.parse(json.text);
    assert.equal(data.plan.id, planId);
    assert.equal(data.namesShown, false);
    assert.ok(data.actions.length > 0);
    assert.ok(data.actions.every((a: { status: { label: string } }) => a.status.label));
    const withCommentary = data.actions.filter((a: { commentary: unknown }) => a.commentary !== null);
    assert.deepEqual(
      withCommentary.map((a: { commentary: { text: string } }) => a.commentary.text),
      [shown.commentary],
    );
    assert.doesNotMatch(json.text, /Priya Example/);

    const csv = await anonymous.get(`${publicUrl()}.csv`);
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get("content-type") ?? "", /^text\/csv/);
    const records = csv.text
      .replace(/^\uFEFF/, "")
      .split("\r\n")
      .filter(Boolean);
    assert.equal(records[0], "No,Section,Action,Lead,Due,Status,Commentary date,Commentary");
    assert.equal(records.length, data.actions.length + 1);
    assert.doesNotMatch(csv.text, /Priya Example/);

    // The owner chooses to show names.
    const again = await lead.csrfFrom(`/plans/${planId}/publication`);
    await lead.post(`/plans/${planId}/publication`, {
      _csrf: again,
      published: "yes",
      showStatuses: "yes",
      showCommentary: "yes",
      publishNames: "yes",
      public: shown.id,
    });
    assert.match((await anonymous.get(`${publicUrl()}.json`)).text, /Priya Example/);
  });

  test("the plan page links whoever reads the plan to its published position, and only while it is published", async () => {
    const councillor = app.client();
    await councillor.signIn("councillor@demo-borough.example");
    const page = await councillor.get(`/plans/${planId}`);
    assert.equal(page.status, 200);
    assert.match(page.text, new RegExp(`Published on [^:]+: <a class="govuk-link" href="${publicUrl()}">the published position`));
  });

  test("another council's code cannot reach the plan, and withdrawing it hides it again", async () => {
    await app.people.createCouncil({ code: "OTHER", name: "Other Council" });
    const anonymous = app.client();
    assert.equal((await anonymous.get(`/public/OTHER/plans/${planId}`)).status, 404);
    assert.equal((await anonymous.get(`/public/OTHER/plans/${planId}.json`)).status, 404);
    assert.equal((await anonymous.get(`/public/NOSUCH/plans/${planId}`)).status, 404);
    assert.equal((await anonymous.get(publicUrl())).status, 200);
    const lead = app.client();
    await lead.signIn("lead@demo-borough.example");
    const csrf = await lead.csrfFrom(`/plans/${planId}/publication`);
    await lead.post(`/plans/${planId}/publication`, { _csrf: csrf });
    assert.equal((await anonymous.get(publicUrl())).status, 404);
    assert.equal((await anonymous.get(`${publicUrl()}.csv`)).status, 404);
    const councillor = app.client();
    await councillor.signIn("councillor@demo-borough.example");
    assert.doesNotMatch((await councillor.get(`/plans/${planId}`)).text, /the published position/);
  });
});
