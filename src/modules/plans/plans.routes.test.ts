// Plan pages and API over real HTTP: read-only for board members, GOV.UK errors, the conflict
// page, and the JSON contracts.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { Ajv } from "ajv";
import { startTestApp } from "../../platform/testing/test-app.ts";
import { readAs } from "../../platform/transaction.ts";

describe("improvement plan pages and API", () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let southendId: string;
  let actionId: string;

  before(async () => {
    app = await startTestApp();
    const councilId = (await app.people.councilIdForCode("DEMO")) as string;
    southendId = (await app.plans.listPlansAs({ councilId, userId: null })).find((p) => p.external_id === "southend-peer-review-2022")?.id as string;
    const lead = app.client();
    await lead.signIn("lead@demo-borough.example");
    const plan = JSON.parse((await lead.get(`/api/plans/${southendId}`)).text);
    actionId = plan.sections[0].actions[0].id;
  });
  after(async () => app.stop());

  test("a councillor sees the plans, the overview with the key, and no edit buttons", async () => {
    const councillor = app.client();
    await councillor.signIn("councillor@demo-borough.example");
    const list = await councillor.get("/plans");
    assert.equal(list.status, 200);
    assert.match(list.text, /LGA|Peer Review|peer review/);
    const overview = await councillor.get(`/plans/${southendId}?asAt=2022-03-15`);
    assert.equal(overview.status, 200);
    assert.match(overview.text, /Where the plan stood on 15 March 2022/);
    assert.match(overview.text, /Status key/);
    assert.match(overview.text, /Completed \/ implemented in full/);
    const action = await councillor.get(`/actions/${actionId}`);
    assert.equal(action.status, 200);
    assert.match(action.text, /moj-timeline/);
    assert.doesNotMatch(action.text, /Add an update/);
    assert.equal((await councillor.get(`/actions/${actionId}/updates/new`)).status, 403);
    const csrf = await councillor.csrfFrom("/account");
    assert.equal((await councillor.post(`/actions/${actionId}/updates`, { _csrf: csrf, status: "completed", commentary: "x" })).status, 403);
  });

  test("a status change without commentary gets a GOV.UK error summary; with it, the update is on the timeline", async () => {
    const lead = app.client();
    await lead.signIn("lead@demo-borough.example");
    const csrf = await lead.csrfFrom(`/actions/${actionId}/updates/new`);
    const form = { _csrf: csrf, "date-day": "20", "date-month": "11", "date-year": "2026", status: "limited-progress", commentary: "" };
    const refused = await lead.post(`/actions/${actionId}/updates`, form);
    assert.equal(refused.status, 400);
    assert.match(refused.text, /There is a problem/);
    assert.match(refused.text, /href="#commentary">Enter commentary to explain the change of status/);
    const saved = await lead.post(`/actions/${actionId}/updates`, { ...form, commentary: "Delayed by the consultation." });
    assert.equal(saved.status, 303);
    const page = await lead.get(`/actions/${actionId}?updated=1`);
    assert.match(page.text, /Your update has been saved/);
    assert.match(page.text, /Delayed by the consultation\./);
    assert.match(page.text, /20 November 2026/);
  });

  test("a concurrent edit shows the conflict page and keeps what was typed", async () => {
    const lead = app.client();
    await lead.signIn("lead@demo-borough.example");
    const editPage = await lead.get(`/actions/${actionId}/edit`);
    const version = editPage.text.match(/name="version" value="(\d+)"/)?.[1] as string;
    const csrf = editPage.text.match(/name="_csrf" value="([^"]+)"/)?.[1] as string;
    const form = { _csrf: csrf, version, number: "1.1", text: "First person's wording", timescale: "March 2023" };
    assert.equal((await lead.post(`/actions/${actionId}/edit`, form)).status, 303);
    const second = await lead.post(`/actions/${actionId}/edit`, { ...form, text: "Second person's wording" });
    assert.equal(second.status, 409);
    assert.match(second.text, /Someone else changed this action while you were editing it/);
    assert.match(second.text, /First person&#39;s wording/);
    assert.match(second.text, /Second person&#39;s wording/);
  });

  test("an impossible start date is linked from the error summary to its day box, and shown beside it", async () => {
    const lead = app.client();
    await lead.signIn("lead@demo-borough.example");
    const editPage = await lead.get(`/actions/${actionId}/edit`);
    const version = editPage.text.match(/name="version" value="(\d+)"/)?.[1] as string;
    const csrf = editPage.text.match(/name="_csrf" value="([^"]+)"/)?.[1] as string;
    const form = {
      _csrf: csrf,
      version,
      number: "1.1",
      text: "Wording",
      timescale: "March 2023",
      "startDate-day": "30",
      "startDate-month": "2",
      "startDate-year": "2023",
    };
    const refused = await lead.post(`/actions/${actionId}/edit`, form);
    assert.equal(refused.status, 400);
    const summaryLink = /<a href="#startDate-day">([^<]+)<\/a>/.exec(refused.text)?.[1];
    assert.ok(summaryLink, "the summary links to the day box");
    assert.match(refused.text, new RegExp(`id="startDate-error"[\\s\\S]{0,200}${summaryLink.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
  });

  test("the cross-plan view filters by status and overdue", async () => {
    const manager = app.client();
    await manager.signIn("manager@demo-borough.example");
    // An impossible as-at date is a clear 400, not a fault.
    const bad = await manager.get("/plans/actions?asAt=2022-02-30");
    assert.equal(bad.status, 400);
    assert.match(bad.text, /The date must be a real date/);
    const all = await manager.get("/plans/actions");
    assert.equal(all.status, 200);
    const total = Number(all.text.match(/<strong>(\d+)<\/strong> of (\d+) actions/)?.[2]);
    const overdue = await manager.get("/plans/actions?overdue=yes");
    const shown = Number(overdue.text.match(/<strong>(\d+)<\/strong> of/)?.[1]);
    assert.ok(total > 0 && shown < total);
    // A lead's own counts: filter by lead and the summary covers just their actions.
    const leadSelect = all.text.slice(all.text.indexOf('id="lead"'), all.text.indexOf("</select>", all.text.indexOf('id="lead"')));
    const lead = leadSelect.match(/<option value="([^"&]+)">/)?.[1] as string;
    const byLead = await manager.get(`/plans/actions?lead=${encodeURIComponent(lead)}`);
    const leadCount = Number(byLead.text.match(/<strong>(\d+)<\/strong> of/)?.[1]);
    assert.match(byLead.text, new RegExp(`${leadCount} actions by status`));
    assert.match(byLead.text, /data-module="moj-sortable-table"/);
  });

  test("the summary API keeps its contract, and the OpenAPI document describes it", async () => {
    const board = app.client();
    await board.signIn("board@demo-borough.example");
    const summary = JSON.parse((await board.get(`/api/plans/${southendId}/summary?asAt=2022-03-15`)).text);
    assert.deepEqual(
      Object.keys(summary)
        .filter((k) => ["planId", "asOf", "total", "statuses", "flags"].includes(k))
        .sort(),
      ["asOf", "flags", "planId", "statuses", "total"],
    );
    assert.equal(summary.asOf, "2022-03-15");
    assert.equal(
      summary.statuses.reduce((n: number, s: { count: number }) => n + s.count, 0),
      summary.total,
    );
    const openapi = JSON.parse((await board.get("/api/openapi.json")).text);
    assert.equal(openapi.openapi, "3.1.0");
    assert.ok(openapi.paths["/api/plans/{planId}/summary"]);
    // A JSON change needs the CSRF token and the right role.
    const refused = await board.request("POST", `/api/actions/${actionId}/updates`, JSON.stringify({ date: "2026-11-01", status: "completed" }), {
      "content-type": "application/json",
    });
    assert.equal(refused.status, 403);
  });
  test("every operation that takes a body documents the 415 it answers to a body of another kind (issue 12)", async () => {
    const client = app.client();
    const openapi = JSON.parse((await client.get("/api/openapi.json")).text);
    const withBody = Object.entries(
      openapi.paths as Record<string, Record<string, { requestBody?: unknown; responses: Record<string, unknown> }>>,
    ).flatMap(([path, operations]) =>
      Object.entries(operations).flatMap(([method, op]) => (op.requestBody ? [{ where: `${method} ${path}`, op }] : [])),
    );
    assert.ok(withBody.length >= 10, `only ${withBody.length} operations take a body`);
    assert.deepEqual(
      withBody.filter(({ op }) => !op.responses["415"]).map(({ where }) => where),
      [],
    );
    // The answer is what the document says: JSON with error and details.
    const refused = await client.request("POST", "/api/deadlines", "requestReceived=2026-01-05", { "content-type": "text/plain" });
    assert.equal(refused.status, 415);
    const body = JSON.parse(refused.text);
    assert.deepEqual(Object.keys(body).sort(), ["details", "error"]);
    assert.equal(typeof body.error, "string");
    assert.ok(Array.isArray(body.details));
  });

  test("PUT /api/actions/:id takes the integer version its OpenAPI describes", async () => {
    const lead = app.client();
    await lead.signIn("lead@demo-borough.example");
    const openapi = JSON.parse((await lead.get("/api/openapi.json")).text);
    const schema = openapi.paths["/api/actions/{actionId}"].put.requestBody.content["application/json"].schema;
    assert.equal(schema.properties.version.type, "integer");
    const current = JSON.parse((await lead.get(`/api/actions/${actionId}`)).text);
    assert.equal(typeof current.version, "number");
    const csrf = await lead.csrfFrom("/account");
    const body = { number: current.number, text: "Wording sent by another program", timescale: "March 2023", version: current.version };
    const changed = await lead.request("PUT", `/api/actions/${actionId}`, JSON.stringify(body), {
      "content-type": "application/json",
      "x-csrf-token": csrf,
    });
    assert.equal(changed.status, 200, changed.text);
    const saved = JSON.parse(changed.text);
    assert.equal(saved.text, "Wording sent by another program");
    assert.equal(saved.version, current.version + 1);
    // A version that is not a whole number is still refused, naming the field.
    const fractional = await lead.request("PUT", `/api/actions/${actionId}`, JSON.stringify({ ...body, version: 1.5 }), {
      "content-type": "application/json",
      "x-csrf-token": csrf,
    });
    assert.equal(fractional.status, 400);
    assert.equal(JSON.parse(fractional.text).errors[0].field, "version");
  });

  test("PUT /api/actions/:id speaks camelCase both ways: its answers match its schema, snake_case fields are refused", async () => {
    const lead = app.client();
    await lead.signIn("lead@demo-borough.example");
    const openapi = JSON.parse((await lead.get("/api/openapi.json")).text);
    const put = openapi.paths["/api/actions/{actionId}"].put;
    assert.equal(put.requestBody.content["application/json"].schema.additionalProperties, false);
    const ajv = new Ajv({ strict: false, allErrors: true });
    ajv.addFormat("uuid", /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
    ajv.addFormat("date", /^\d{4}-\d{2}-\d{2}$/);
    ajv.addFormat("uri", /^https?:\/\//);
    /** Whether a value matches an answer's schema, with ajv's errors on failure. */
    const checks = (status: string) => {
      const validate = ajv.compile(put.responses[status].content["application/json"].schema);
      return Object.assign((value: unknown): boolean => validate(value), { errors: () => validate.errors });
    };
    const csrf = await lead.csrfFrom("/account");
    const send = (body: object) =>
      lead.request("PUT", `/api/actions/${actionId}`, JSON.stringify(body), { "content-type": "application/json", "x-csrf-token": csrf });
    const current = JSON.parse((await lead.get(`/api/actions/${actionId}`)).text);
    const body = { number: current.number, text: current.text, timescale: current.timescale, leadName: "Camel Case", version: current.version };
    assert.ok(ajv.validate(put.requestBody.content["application/json"].schema, body), JSON.stringify(ajv.errors));

    // The old snake_case names are refused, naming the field; nothing is saved or audited.
    const councilId = (await app.people.councilIdForCode("DEMO")) as string;
    const audits = () =>
      readAs(app.db, { councilId, userId: null }, async (trx) => (await trx.selectFrom("audit_event").select("id").execute()).length);
    const auditsBefore = await audits();
    const snake = await send({ ...body, lead_name: "Snake Case" });
    assert.equal(snake.status, 400, snake.text);
    assert.ok(checks("400")(JSON.parse(snake.text)));
    assert.equal(JSON.parse(snake.text).errors[0].field, "lead_name");
    assert.equal(JSON.parse((await lead.get(`/api/actions/${actionId}`)).text).version, current.version);
    assert.equal(await audits(), auditsBefore);

    const changed = await send(body);
    assert.equal(changed.status, 200, changed.text);
    const saved = JSON.parse(changed.text);
    const validate = checks("200");
    assert.ok(validate(saved), JSON.stringify(validate.errors()));
    for (const key of Object.keys(saved)) assert.doesNotMatch(key, /_/);
    assert.equal(saved.leadName, "Camel Case");
    assert.equal(saved.version, current.version + 1);

    // A stale version: 409 with the newer action, in camelCase too.
    const stale = await send(body);
    assert.equal(stale.status, 409);
    const conflict = JSON.parse(stale.text);
    const conflictChecks = checks("409");
    assert.ok(conflictChecks(conflict), JSON.stringify(conflictChecks.errors()));
    assert.equal(conflict.current.leadName, "Camel Case");
    assert.equal(conflict.current.version, current.version + 1);
    for (const key of Object.keys(conflict.current)) assert.doesNotMatch(key, /_/);
  });

  test("GET /api/actions/:id answers in camelCase, exactly as its OpenAPI schema says", async () => {
    const lead = app.client();
    await lead.signIn("lead@demo-borough.example");
    const openapi = JSON.parse((await lead.get("/api/openapi.json")).text);
    const schema = openapi.paths["/api/actions/{actionId}"].get.responses["200"].content["application/json"].schema;
    const response = await lead.get(`/api/actions/${actionId}`);
    assert.equal(response.status, 200);
    const action: { planId: string; timescale: unknown; updates: unknown[] } = JSON.parse(response.text);
    // Nothing beyond the schema (no snake_case column names), and all it requires.
    const ajv = new Ajv({ strict: false, allErrors: true });
    ajv.addFormat("uuid", /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
    ajv.addFormat("date", /^\d{4}-\d{2}-\d{2}$/);
    const closed = (s: { properties?: Record<string, unknown>; items?: unknown }): object => ({
      ...s,
      ...(s.properties
        ? {
            additionalProperties: false,
            properties: Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, closed(v as typeof s)])),
          }
        : {}),
      ...(s.items ? { items: closed(s.items as typeof s) } : {}),
    });
    const validate = ajv.compile<typeof action>(closed(schema));
    assert.ok(validate(action), JSON.stringify(validate.errors));
    assert.ok(action.updates.length > 0, "the demo action has a history");
    assert.equal(action.planId, southendId);
    assert.equal(typeof action.timescale, "string");
    for (const key of Object.keys(action)) assert.doesNotMatch(key, /_/);
    assert.equal((await lead.get("/api/actions/00000000-0000-4000-8000-000000000000")).status, 404);
  });

  test("lists are paged: all actions 50 to a page keeping the filters, the plans API with page, pageSize and total", async () => {
    const board = app.client();
    await board.signIn("board@demo-borough.example");
    const rows = (html: string) => (html.match(/href="\/actions\//g) ?? []).length;
    const first = await board.get("/plans/actions");
    assert.equal(first.status, 200);
    const total = Number(first.text.match(/<strong>(\d+)<\/strong> of (\d+) actions match/)?.[1]);
    assert.ok(total > 50, `the demo council has ${total} actions`);
    assert.match(first.text, /showing 1 to 50\./);
    assert.equal(rows(first.text), 50);
    assert.match(first.text, /class="govuk-pagination"/);
    assert.match(first.text, /href="\/plans\/actions\?page=2"/);
    const second = await board.get("/plans/actions?page=2");
    assert.equal(rows(second.text), Math.min(50, total - 50));
    assert.match(second.text, /href="\/plans\/actions"[^>]*rel="prev"|rel="prev"[^>]*href="\/plans\/actions"/);
    // A page past the end is empty, not an error; a filter is kept in the page links.
    assert.equal((await board.get("/plans/actions?page=999")).status, 200);
    const small = await board.get(`/plans/actions?plan=${southendId}&pageSize=2`);
    assert.equal(rows(small.text), 2);
    assert.match(small.text, new RegExp(`href="/plans/actions\\?plan=${southendId}&amp;pageSize=2&amp;page=2"`));

    const api = JSON.parse((await board.get("/api/plans?pageSize=1")).text);
    assert.deepEqual(Object.keys(api), ["items", "page", "pageSize", "total"]);
    assert.equal(api.items.length, 1);
    assert.deepEqual([api.page, api.pageSize], [1, 1]);
    assert.ok(api.total >= 2);
    assert.deepEqual(Object.keys(api.items[0]), ["id", "externalId", "title", "type", "owner", "approvedOn", "state", "summary"]);
    const next = JSON.parse((await board.get("/api/plans?pageSize=1&page=2")).text);
    assert.notEqual(next.items[0].id, api.items[0].id);
    const tooMany = await board.get("/api/plans?pageSize=1000");
    assert.equal(tooMany.status, 400);
    assert.deepEqual(JSON.parse(tooMany.text).errors, [{ field: "pageSize", message: "pageSize must be a whole number from 1 to 100" }]);
    // A forum's actions too: the page counts them all and shows one page.
    const forumIds = [...(await board.get("/forums")).text.matchAll(/href="\/forums\/([0-9a-f-]{36})"/g)].map((m) => m[1]);
    let paged = false;
    for (const forumId of forumIds) {
      const forum = await board.get(`/forums/${forumId}?pageSize=2`);
      const reporting = Number(forum.text.match(/(\d+) actions report to this forum/)?.[1] ?? 0);
      assert.equal(rows(forum.text.slice(forum.text.indexOf("actions report to this forum"))), Math.min(2, reporting));
      if (reporting > 2) {
        assert.match(forum.text, new RegExp(`href="/forums/${forumId}\\?pageSize=2&amp;page=2"`));
        paged = true;
      }
    }
    assert.ok(paged, "a demo forum has more than two actions");
    const plansPage = await board.get("/plans?pageSize=1");
    assert.match(plansPage.text, /class="govuk-pagination"/);
    assert.equal((plansPage.text.match(/govuk-summary-card__title"/g) ?? []).length, 1);
  });
});
