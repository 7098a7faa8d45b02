// Setting up and reshaping a plan over real HTTP (issue 13): create with "Check your answers",
// the task list, GOV.UK error summaries linking to fields, the custom scheme page, sections and
// actions, the JSON API and its OpenAPI schemas, and every new route's role and council checks.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Role } from "../../domain/roles.ts";
import { startTestApp, type TestClient } from "../../platform/testing/test-app.ts";
import { readAs } from "../../platform/transaction.ts";

describe("setting up and reshaping a plan over HTTP", () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let councilId: string;
  let lead: TestClient;
  let csrf: string;
  let otherPlanId: string;
  let otherSectionId: string;
  let otherActionId: string;
  let leadId: string;
  const form = async (path: string, fields: Record<string, string>, client = lead) =>
    client.post(path, { _csrf: await client.csrfFrom("/account"), ...fields });
  const api = (method: string, path: string, body: unknown, client = lead, token = csrf) =>
    client.request(method, path, JSON.stringify(body), { "content-type": "application/json", "x-csrf-token": token });
  const auditCount = () =>
    readAs(app.db, { councilId, userId: null }, async (trx) => (await trx.selectFrom("audit_event").select("id").execute()).length);
  const details = {
    title: "Written Statement of Action 2026",
    type: "wsoa",
    sourceTitle: "Area SEND inspection",
    "sourceDate-day": "10",
    "sourceDate-month": "6",
    "sourceDate-year": "2026",
    owner: "Director of Children's Services",
    "approvedOn-day": "20",
    "approvedOn-month": "8",
    "approvedOn-year": "2026",
    cadence: "Monthly to the board",
    scheme: "four-state",
    continuesPlanId: "",
  };

  before(async () => {
    app = await startTestApp({ caseload: 0 });
    councilId = (await app.people.councilIdForCode("DEMO")) as string;
    leadId = (
      await readAs(app.db, { councilId, userId: null }, (trx) =>
        trx.selectFrom("app_user").select("id").where("email", "=", "lead@demo-borough.example").executeTakeFirstOrThrow(),
      )
    ).id;
    lead = app.client();
    await lead.signIn("lead@demo-borough.example");
    csrf = await lead.csrfFrom("/account");
    // Another council's plan, section and action: never reachable from the demo council.
    const other = await app.people.createCouncil({ code: "ELSE", name: "Elsewhere Council" });
    const system = { id: null, councilId: other.id, roles: "system" as const };
    otherPlanId = (
      await app.planSetup.createPlan(system, {
        title: "Elsewhere plan",
        type: "strategy",
        owner: "Them",
        approvedOn: "2026-01-01",
        scheme: "rag-blue",
      })
    ).id;
    const editor = { id: null as unknown as string, councilId: other.id, roles: ["improvement_lead"] as Role[] };
    otherSectionId = (await app.planStructure.addSection(editor, otherPlanId, { number: "1", title: "Theirs", kind: "theme" })).id;
    otherActionId = (
      await app.planStructure.addAction(editor, otherPlanId, {
        sectionId: otherSectionId,
        number: "1.1",
        text: "Theirs",
        timescale: "TBC",
        addedOn: "2026-01-01",
      })
    ).id;
  });
  after(async () => app.stop());

  test("a lead creates a plan: errors link to their fields, then Check your answers, then the set-up task list", async () => {
    assert.equal((await lead.get("/plans")).text.includes('href="/plans/new"'), true);
    const page = await lead.get("/plans/new");
    assert.equal(page.status, 200);
    assert.match(page.text, /Create a plan/);
    assert.match(page.text, /Accelerated progress plan/);
    const before = await auditCount();
    const refused = await form("/plans/new", { ...details, title: "", "approvedOn-day": "31", "approvedOn-month": "9" });
    assert.equal(refused.status, 400);
    assert.match(refused.text, /<a href="#title">Enter the plan&#39;s title<\/a>/);
    assert.match(refused.text, /<a href="#approvedOn-day">Date the plan was approved must be a real date: 31\/9\/2026 does not exist<\/a>/);
    assert.match(refused.text, /value="Director of Children&#39;s Services"/, "what was typed is kept");

    const check = await form("/plans/new", details);
    assert.equal(check.status, 200);
    assert.match(check.text, /Check the plan&#39;s details/);
    assert.match(check.text, /20 August 2026/);
    const change = check.text.match(/href="(\/plans\/new\?[^"]+#owner)"/)?.[1]?.replace(/&amp;/g, "&");
    assert.ok(change, "each answer has a Change link");
    assert.match((await lead.get(change)).text, /value="Director of Children&#39;s Services"/);
    assert.equal(await auditCount(), before, "nothing is saved before the answers are confirmed");

    const hidden = Object.fromEntries(
      [...check.text.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [
        m[1] as string,
        (m[2] as string).replace(/&#39;/g, "'"),
      ]),
    );
    const created = await lead.post("/plans", hidden as Record<string, string>);
    assert.equal(created.status, 303);
    const setupPath = created.headers.get("location") as string;
    assert.match(setupPath, /^\/plans\/[0-9a-f-]{36}\/setup\?created=1$/);
    const setup = await lead.get(setupPath);
    assert.match(setup.text, /govuk-task-list/);
    assert.match(setup.text, /Sections, aims and KPIs/);
    assert.match(setup.text, /Not yet started/);
    assert.equal(await auditCount(), before + 1);
  });

  test("sections and actions on pages: add, nest, reorder, change, move and retire, with field errors", async () => {
    const plan = await app.planSetup.createPlan(
      { id: null, councilId, roles: "system" },
      { title: "Structure plan", type: "wsoa", owner: "DCS", approvedOn: "2026-08-20", scheme: "five-level" },
    );
    const bad = await form(`/plans/${plan.id}/sections`, { number: "", title: "", kind: "forged" });
    assert.equal(bad.status, 400);
    assert.match(bad.text, /href="#number"/);
    assert.match(bad.text, /href="#kind">Select what kind of section this is/);
    for (const [number, title] of [
      ["1", "Identification"],
      ["2", "Joint working"],
    ] as const) {
      assert.equal(
        (await form(`/plans/${plan.id}/sections`, { number, title, kind: "significant-weakness", aim: `Aim of ${title}`, kpis: "KPI one\nKPI two" }))
          .status,
        303,
      );
    }
    const outline = await app.planStructure.outline({ id: leadId, councilId, roles: ["improvement_lead"] as Role[] }, plan.id);
    const [one, two] = outline.sections;
    assert.ok(one && two);
    assert.equal((await form(`/plans/${plan.id}/sections`, { number: "1.1", title: "Early years", kind: "theme", parentId: one.id })).status, 303);
    assert.equal((await form(`/sections/${two.id}/reorder`, { direction: "up" })).status, 303);
    const structure = await lead.get(`/plans/${plan.id}/structure`);
    assert.equal(structure.status, 200);
    assert.match(structure.text, /govuk-summary-card/);
    assert.ok(structure.text.indexOf("2 Joint working") < structure.text.indexOf("1 Identification"), "reordered");
    assert.match(structure.text, /KPI one<br>KPI two/);
    const topAgain = await form(`/sections/${two.id}/reorder`, { direction: "up" });
    assert.equal(topAgain.status, 400);
    assert.match(topAgain.text, /already the first at its level/);

    const editPage = await lead.get(`/sections/${one.id}/edit`);
    const version = editPage.text.match(/name="version" value="(\d+)"/)?.[1] as string;
    assert.equal(
      (await form(`/sections/${one.id}/edit`, { number: "1", title: "Identification of need", kind: "significant-weakness", parentId: "", version }))
        .status,
      303,
    );
    const stale = await form(`/sections/${one.id}/edit`, { number: "1", title: "Stale", kind: "significant-weakness", parentId: "", version });
    assert.equal(stale.status, 409);
    assert.match(stale.text, /Someone else changed this section/);

    // The action's forums are chosen as it is added (issue 13 journey): no second visit to each action.
    const board = await app.forums.createForum(
      { id: leadId, councilId, roles: ["improvement_lead"] as Role[] },
      { name: "Structure board", kind: "board" },
    );
    assert.match((await lead.get(`/plans/${plan.id}/actions/new`)).text, new RegExp(`name="forumIds" type="checkbox" value="${board.id}"`));
    const badAction = await form(`/plans/${plan.id}/actions`, {
      sectionId: one.id,
      number: "1.1",
      text: "Screen every two-year-old",
      forumIds: board.id,
      timescale: "Smarch 2027",
      "addedOn-day": "1",
      "addedOn-month": "1",
      "addedOn-year": "2020",
    });
    assert.equal(badAction.status, 400);
    assert.match(badAction.text, /href="#timescale"/);
    assert.match(badAction.text, /href="#addedOn-day">Date the action joined the plan must be on or after 20 August 2026/);
    assert.match(badAction.text, /Screen every two-year-old/, "what was typed is kept");
    assert.match(badAction.text, new RegExp(`value="${board.id}" checked`), "the forum chosen stays chosen");
    const added = await form(`/plans/${plan.id}/actions`, {
      sectionId: one.id,
      number: "1.1",
      text: "Screen every two-year-old",
      forumIds: board.id,
      timescale: "March 2027",
      "addedOn-day": "20",
      "addedOn-month": "8",
      "addedOn-year": "2026",
    });
    assert.equal(added.status, 303);
    const actionId = (await app.planStructure.outline({ id: leadId, councilId, roles: ["improvement_lead"] as Role[] }, plan.id)).sections.flatMap(
      (s) => s.actions,
    )[0]?.id as string;

    const setupPage = await lead.get(`/plans/${plan.id}/setup`);
    assert.match(setupPage.text, /Forums and meetings/);
    assert.match(setupPage.text, /1 of 1 actions report to a forum/);
    assert.match((await lead.get(`/actions/${actionId}`)).text, /Structure board/, "reports to the board from the start");

    const moveRefused = await form(`/actions/${actionId}/move`, {});
    assert.equal(moveRefused.status, 400);
    assert.match(moveRefused.text, /href="#sectionId">Select the section to move the action to/);
    assert.equal((await form(`/actions/${actionId}/move`, { sectionId: two.id })).status, 303);
    assert.match((await lead.get(`/actions/${actionId}?moved=1`)).text, /The action has been moved/);

    const retirePage = await lead.get(`/actions/${actionId}/retire`);
    const actionVersion = retirePage.text.match(/name="version" value="(\d+)"/)?.[1] as string;
    const noReason = await form(`/actions/${actionId}/retire`, { version: actionVersion, reason: "" });
    assert.equal(noReason.status, 400);
    assert.match(noReason.text, /href="#reason">Enter why the action is being retired/);
    assert.equal((await form(`/actions/${actionId}/retire`, { version: actionVersion, reason: "Covered by the health plan." })).status, 303);
    const retired = await lead.get(`/actions/${actionId}`);
    assert.match(retired.text, /Retired on \d+ \w+ 2026: Covered by the health plan\./);
    assert.doesNotMatch(retired.text, /Add an update/);
    assert.match((await lead.get(`/plans/${plan.id}/structure`)).text, /Retired actions/);
  });

  test("the custom scheme page: a status in use cannot go, a forged colour is named, a good scheme is saved", async () => {
    const plan = await app.planSetup.createPlan(
      { id: null, councilId, roles: "system" },
      { title: "Scheme page plan", type: "wsoa", owner: "DCS", approvedOn: "2026-08-20", scheme: "rag-blue" },
    );
    const editor = { id: leadId, councilId, roles: ["improvement_lead"] as Role[] };
    const section = await app.planStructure.addSection(editor, plan.id, { number: "1", title: "One", kind: "theme" });
    const action = await app.planStructure.addAction(editor, plan.id, {
      sectionId: section.id,
      number: "1.1",
      text: "Do it",
      timescale: "TBC",
      addedOn: "2026-08-20",
    });
    await app.plans.addUpdate({ ...editor, displayName: "Lead" }, action.id, { date: "2026-08-25", status: "amber", commentary: "Started" });

    const page = await lead.get(`/plans/${plan.id}/scheme`);
    assert.equal(page.status, 200);
    const values: Record<string, string> = Object.fromEntries(
      [...page.text.matchAll(/name="((?:code|label|order)-\d)" (?:type="hidden" )?value="([^"]*)"/g)].map((m) => [m[1] as string, m[2] as string]),
    );
    const codes = Object.entries(values)
      .filter(([k, v]) => k.startsWith("code-") && v)
      .map(([k, v]) => [k.slice(5), v] as const);
    const row = (i: string, code: string) => ({
      [`code-${i}`]: code,
      [`label-${i}`]: code === "amber" ? "Some progress" : `Label ${code}`,
      [`colour-${i}`]: "grey",
      [`definition-${i}`]: `Means ${code}`,
      [`order-${i}`]: String(Number(i) + 1),
      ...(code === "blue" ? { [`done-${i}`]: "yes" } : {}),
    });
    // Listed best first: blue (done), green, amber, red.
    const order = ["blue", "green", "amber", "red"];
    const good = Object.assign({ name: "Our RAG" }, ...codes.map(([i, c]) => ({ ...row(i, c), [`order-${i}`]: String(order.indexOf(c) + 1) })));
    const amberRow = codes.find(([, c]) => c === "amber")?.[0];
    const withoutAmber = Object.fromEntries(Object.entries(good).filter(([k]) => !k.endsWith(`-${amberRow}`)));
    const before = await auditCount();
    const dropped = await form(`/plans/${plan.id}/scheme`, withoutAmber as Record<string, string>);
    assert.equal(dropped.status, 400);
    assert.match(dropped.text, /already use &quot;Amber&quot;|already use "Amber"/);
    const forged = await form(`/plans/${plan.id}/scheme`, { ...good, "colour-0": "purple" } as Record<string, string>);
    assert.equal(forged.status, 400);
    assert.match(forged.text, /href="#colour-0">Select a colour for/);
    assert.equal(await auditCount(), before);
    const saved = await form(`/plans/${plan.id}/scheme`, good as Record<string, string>);
    assert.equal(saved.status, 303, saved.text.match(/govuk-error-summary__list[\s\S]{0,600}/)?.[0]);
    const plan2 = await app.plans.loadPlan({ councilId, userId: null }, "system", plan.id);
    assert.equal(plan2.plan.scheme.name, "Our RAG");
    assert.equal(plan2.plan.scheme.statuses.find((s) => s.code === "amber")?.label, "Some progress");
    assert.equal(await auditCount(), before + 1);
  });

  test("the JSON API creates and reshapes a plan in camelCase, refuses bad input with each field, and is in the OpenAPI document", async () => {
    const bad = await api("POST", "/api/plans", { title: "", approvedOn: "2026-02-30" });
    assert.equal(bad.status, 400);
    const problems = JSON.parse(bad.text).errors.map((e: { field: string }) => e.field);
    assert.ok(problems.includes("title") && problems.includes("approvedOn") && problems.includes("owner"));
    const created = await api("POST", "/api/plans", {
      title: "API plan",
      type: "accelerated-progress-plan",
      owner: "DCS",
      approvedOn: "2026-08-01",
      scheme: "five-level",
      externalId: "api-plan-2026",
    });
    assert.equal(created.status, 201);
    const plan = JSON.parse(created.text);
    assert.equal(plan.externalId, "api-plan-2026");
    assert.equal(plan.approvedOn, "2026-08-01");
    const taken = await api("POST", "/api/plans", {
      title: "API plan",
      type: "wsoa",
      owner: "DCS",
      approvedOn: "2026-08-01",
      scheme: "five-level",
      externalId: "api-plan-2026",
    });
    assert.equal(taken.status, 400);
    const changed = JSON.parse((await api("PUT", `/api/plans/${plan.id}`, { cadence: "Quarterly", version: 1 })).text);
    assert.equal(changed.cadence, "Quarterly");
    assert.equal((await api("PUT", `/api/plans/${plan.id}`, { cadence: "Stale", version: 1 })).status, 409);
    const section = JSON.parse(
      (await api("POST", `/api/plans/${plan.id}/sections`, { number: "1", title: "First", kind: "priority", aim: "An aim" })).text,
    );
    const second = JSON.parse((await api("POST", `/api/plans/${plan.id}/sections`, { number: "2", title: "Second", kind: "priority" })).text);
    assert.equal(section.aim, "An aim");
    assert.equal(
      JSON.parse(
        (await api("PUT", `/api/sections/${section.id}`, { number: "1", title: "First, renamed", kind: "priority", version: section.version })).text,
      ).title,
      "First, renamed",
    );
    assert.equal(JSON.parse((await api("POST", `/api/sections/${second.id}/reorder`, { direction: "up" })).text).position, 0);
    const action = JSON.parse(
      (
        await api("POST", `/api/plans/${plan.id}/actions`, {
          sectionId: section.id,
          number: "1.1",
          text: "An action",
          timescale: "June 2027",
          addedOn: "2026-08-01",
        })
      ).text,
    );
    assert.equal(action.timescale, "June 2027");
    assert.equal(JSON.parse((await api("POST", `/api/actions/${action.id}/move`, { sectionId: second.id })).text).sectionId, second.id);
    const retired = JSON.parse(
      (await api("POST", `/api/actions/${action.id}/retire`, { reason: "Merged into 2.1", version: action.version + 1 })).text,
    );
    assert.equal(retired.retiredReason, "Merged into 2.1");

    const openapi = JSON.parse((await lead.get("/api/openapi.json")).text);
    for (const [path, method] of [
      ["/api/plans", "post"],
      ["/api/plans/{planId}", "put"],
      ["/api/plans/{planId}/sections", "post"],
      ["/api/sections/{sectionId}", "put"],
      ["/api/sections/{sectionId}/reorder", "post"],
      ["/api/plans/{planId}/actions", "post"],
      ["/api/actions/{actionId}/move", "post"],
      ["/api/actions/{actionId}/retire", "post"],
    ] as const) {
      const operation = openapi.paths[path]?.[method];
      assert.ok(operation, `${method} ${path} is documented`);
      const ok = operation.responses["200"] ?? operation.responses["201"];
      assert.ok(ok.content["application/json"].schema.properties, `${method} ${path} has a response schema`);
      assert.ok(operation.responses["400"], `${method} ${path} documents bad input`);
    }
    const planSchema = openapi.paths["/api/plans"].post.responses["201"].content["application/json"].schema;
    for (const key of Object.keys(plan)) assert.ok(planSchema.properties[key], `the plan schema has ${key}`);
  });

  test("every new route: a councillor is refused, and another council's plan, section and action are not found", async () => {
    const councillor = app.client();
    await councillor.signIn("councillor@demo-borough.example");
    const councillorCsrf = await councillor.csrfFrom("/account");
    const plan = await app.planSetup.createPlan(
      { id: null, councilId, roles: "system" },
      { title: "Access plan", type: "wsoa", owner: "DCS", approvedOn: "2026-08-20", scheme: "five-level" },
    );
    const editor = { id: leadId, councilId, roles: ["improvement_lead"] as Role[] };
    const section = await app.planStructure.addSection(editor, plan.id, { number: "1", title: "One", kind: "theme" });
    const action = await app.planStructure.addAction(editor, plan.id, { sectionId: section.id, number: "1.1", text: "Do it", timescale: "TBC" });
    const routes = (p: string, s: string, a: string): [string, string][] => [
      ["GET", "/plans/new"],
      ["POST", "/plans/new"],
      ["POST", "/plans"],
      ["GET", `/plans/${p}/setup`],
      ["GET", `/plans/${p}/details`],
      ["POST", `/plans/${p}/details`],
      ["GET", `/plans/${p}/scheme`],
      ["POST", `/plans/${p}/scheme`],
      ["GET", `/plans/${p}/structure`],
      ["GET", `/plans/${p}/sections/new`],
      ["POST", `/plans/${p}/sections`],
      ["GET", `/sections/${s}/edit`],
      ["POST", `/sections/${s}/edit`],
      ["POST", `/sections/${s}/reorder`],
      ["GET", `/plans/${p}/actions/new`],
      ["POST", `/plans/${p}/actions`],
      ["GET", `/actions/${a}/move`],
      ["POST", `/actions/${a}/move`],
      ["GET", `/actions/${a}/retire`],
      ["POST", `/actions/${a}/retire`],
      ["POST", "/api/plans"],
      ["PUT", `/api/plans/${p}`],
      ["POST", `/api/plans/${p}/sections`],
      ["PUT", `/api/sections/${s}`],
      ["POST", `/api/sections/${s}/reorder`],
      ["POST", `/api/plans/${p}/actions`],
      ["POST", `/api/actions/${a}/move`],
      ["POST", `/api/actions/${a}/retire`],
    ];
    const before = await auditCount();
    for (const [method, path] of routes(plan.id, section.id, action.id)) {
      const response = path.startsWith("/api/")
        ? await api(
            method,
            path,
            { title: "x", number: "1", kind: "theme", reason: "x", sectionId: section.id, direction: "up", version: 1 },
            councillor,
            councillorCsrf,
          )
        : method === "GET"
          ? await councillor.get(path)
          : await councillor.post(path, { _csrf: councillorCsrf, title: "x" });
      assert.equal(response.status, 403, `${method} ${path} refuses a councillor`);
    }
    const council = new Set<string>(["/plans/new", "/plans"]);
    for (const [method, path] of routes(otherPlanId, otherSectionId, otherActionId)) {
      if (council.has(path) || path === "/api/plans") continue;
      const response = path.startsWith("/api/")
        ? await api(method, path, { title: "x", number: "1", kind: "theme", reason: "x", sectionId: otherSectionId, direction: "up", version: 1 })
        : method === "GET"
          ? await lead.get(path)
          : await lead.post(path, {
              _csrf: csrf,
              title: "x",
              number: "1",
              kind: "theme",
              reason: "x",
              sectionId: otherSectionId,
              direction: "up",
              version: "1",
            });
      assert.equal(response.status, 404, `${method} ${path} does not find another council's records`);
    }
    assert.equal(await auditCount(), before, "nothing was changed");
  });

  test("an update form posted twice (Back and submit again, or two at once) adds one update; a refusal keeps what was typed", async () => {
    const plan = await app.plans.loadPlan({ councilId, userId: null }, "system", "southend-peer-review-2022");
    const actionId = plan.actions[1]?.id as string;
    const updatesOf = async () =>
      readAs(
        app.db,
        { councilId, userId: null },
        async (trx) => (await trx.selectFrom("action_update").select("id").where("action_id", "=", actionId).execute()).length,
      );
    const page = await lead.get(`/actions/${actionId}/updates/new`);
    assert.match(page.text, /govuk-character-count/);
    assert.match(page.text, /data-maxlength="10000"/);
    const submissionId = page.text.match(/name="submissionId" value="([0-9a-f-]{36})"/)?.[1] as string;
    assert.ok(submissionId, "the form carries a one-time token");
    const current = plan.updatesByAction.get(actionId)?.at(-1)?.status as string;
    const fields = {
      submissionId,
      "date-day": "1",
      "date-month": "12",
      "date-year": "2026",
      status: current,
      commentary: "Typed with care, then sent twice.",
    };

    const refused = await form(`/actions/${actionId}/updates`, { ...fields, "date-day": "32" });
    assert.equal(refused.status, 400);
    assert.match(refused.text, /Typed with care, then sent twice\./, "the commentary is kept");
    assert.match(refused.text, new RegExp(`name="submissionId" value="${submissionId}"`), "the same token, so the corrected post still saves");

    const before = await updatesOf();
    const audit = await auditCount();
    assert.equal((await form(`/actions/${actionId}/updates`, fields)).status, 303);
    assert.equal((await form(`/actions/${actionId}/updates`, fields)).status, 303, "the second post goes to the action as the first did");
    assert.equal(await updatesOf(), before + 1);
    assert.equal(await auditCount(), audit + 1);

    // Two identical posts at once, with a fresh form's token.
    const second = (await lead.get(`/actions/${actionId}/updates/new`)).text.match(/name="submissionId" value="([0-9a-f-]{36})"/)?.[1] as string;
    const token = await lead.csrfFrom("/account");
    const both = await Promise.all(
      [1, 2].map(() => lead.post(`/actions/${actionId}/updates`, { _csrf: token, ...fields, submissionId: second, commentary: "Double click." })),
    );
    assert.deepEqual(
      both.map((r) => r.status),
      [303, 303],
    );
    assert.equal(await updatesOf(), before + 2);

    // The API takes the same key.
    const key = "6f1c2d3e-4b5a-4c6d-8e7f-901234567890";
    const body = { date: "2026-12-01", status: current, commentary: "By the API.", submissionId: key };
    assert.equal((await api("POST", `/api/actions/${actionId}/updates`, body)).status, 201);
    const again = await api("POST", `/api/actions/${actionId}/updates`, body);
    assert.equal(again.status, 200);
    assert.deepEqual(JSON.parse(again.text), { duplicate: true });
    assert.equal(await updatesOf(), before + 3);
  });
});
