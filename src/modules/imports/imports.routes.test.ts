// The import and closure pages over real HTTP: upload, preview (a dry run), correcting the
// columns, the commit; refusals; and closing a plan with one action carried forward.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { SOUTHEND_SHEET_DATE, southendTables, writeXlsx } from "../../../scripts/fixtures/make-import-fixtures.ts";
import { startTestApp, type TestClient } from "../../platform/testing/test-app.ts";
import { readAs } from "../../platform/transaction.ts";

async function upload(
  client: TestClient,
  file: Buffer,
  fields: Record<string, string>,
  withHeader = true,
  forged?: { query?: string; header?: string; field?: string },
) {
  // The form's action carries the token in its query, as a browser sends it.
  const page = (await client.get("/plans/import")).text;
  const action = /action="(\/plans\/import\?_csrf=[^"]+)"/.exec(page)?.[1]?.replace(/&amp;/g, "&");
  assert.ok(action, "the upload form's action carries the CSRF token");
  const real = decodeURIComponent(action.slice(action.indexOf("=") + 1));
  const csrf = forged?.header ?? real;
  const form = new FormData();
  // A token only in the body is not looked at: the body is read after the check.
  if (forged?.field) form.append("_csrf", forged.field);
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append("file", new Blob([new Uint8Array(file)]), "southend.xlsx");
  const target = withHeader ? "/plans/import" : forged?.query !== undefined ? `/plans/import?_csrf=${encodeURIComponent(forged.query)}` : action;
  const response = await fetch(`${client.baseUrl}${target}`, {
    method: "POST",
    body: form,
    redirect: "manual",
    headers: {
      cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join("; "),
      ...(withHeader ? { "x-csrf-token": csrf } : {}),
    },
  });
  return { status: response.status, location: response.headers.get("location") ?? "", text: await response.text() };
}

/** Waits for the job on a held upload to finish (as the progress page's script does), then opens its page. */
async function afterJob(client: TestClient, location: string) {
  const uploadId = /\/plans\/import\/([0-9a-f-]{36})$/.exec(location)?.[1];
  assert.ok(uploadId, `not an upload's page: ${location}`);
  const deadline = Date.now() + 20_000;
  for (;;) {
    const progress = JSON.parse((await client.get(`/plans/import/${uploadId}/progress`)).text) as { state: string };
    if (progress.state === "done" || progress.state === "failed") break;
    assert.ok(Date.now() < deadline, "the import job did not finish within 20 s");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { uploadId, ...(await client.get(`/plans/import/${uploadId}`)) };
}

describe("import and closure pages", () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let lead: TestClient;
  let councilId: string;
  const counts = () =>
    readAs(app.db, { councilId, userId: null }, async (trx) => ({
      plans: (await trx.selectFrom("plan").select("id").execute()).length,
      heldBytes: (await trx.selectFrom("import_upload").select("bytes").execute()).reduce((sum, u) => sum + u.bytes.length, 0),
    }));

  before(async () => {
    app = await startTestApp({ caseload: 0 });
    councilId = (await app.people.councilIdForCode("DEMO")) as string;
    lead = app.client();
    await lead.signIn("lead@demo-borough.example");
  });
  after(async () => app.stop());

  test("the plans page links to the import; a councillor may not import", async () => {
    assert.match((await lead.get("/plans")).text, /href="\/plans\/import"/);
    const form = await lead.get("/plans/import");
    assert.equal(form.status, 200);
    assert.match(form.text, /enctype="multipart\/form-data"/);
    const councillor = app.client();
    await councillor.signIn("councillor@demo-borough.example");
    assert.doesNotMatch((await councillor.get("/plans")).text, /href="\/plans\/import"/);
    assert.equal((await councillor.get("/plans/import")).status, 403);
  });

  test("a form that is not multipart is refused clearly", async () => {
    const csrf = await lead.csrfFrom("/plans/import");
    const response = await lead.post("/plans/import", { _csrf: csrf, planId: "" });
    assert.equal(response.status, 415);
    assert.match(response.text, /Upload the file with the form/);
  });

  test("upload, preview, correct the columns, import: the plan is created and the file dropped", async () => {
    const before = await counts();
    const file = await writeXlsx(southendTables());
    const [day, month, year] = [SOUTHEND_SHEET_DATE.slice(8), SOUTHEND_SHEET_DATE.slice(5, 7), SOUTHEND_SHEET_DATE.slice(0, 4)];
    const uploaded = await upload(lead, file, { planId: "", scheme: "four-state", "asOf-day": day, "asOf-month": month, "asOf-year": year });
    assert.equal(uploaded.status, 303, uploaded.text.slice(0, 2000));
    const preview = await afterJob(lead, uploaded.location);
    assert.equal(preview.status, 200, preview.text.slice(0, 2000));
    assert.match(preview.text, /Check the import/);
    assert.match(preview.text, /Actions created\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*54\s/);
    assert.match(preview.text, /columns found/);
    const { uploadId } = preview;
    assert.match(preview.text, new RegExp(`action="/plans/import/${uploadId}"`));
    assert.equal((await counts()).plans, before.plans, "the preview saves no plan");

    // Dropping the action column: every problem shown with its row and column; nothing saved.
    const csrf = /name="_csrf" value="([^"]+)"/.exec(preview.text)?.[1] as string;
    // The preview form has no scheme field (the scheme comes from the held upload): sending one is refused (issue 12).
    const hidden = { _csrf: csrf, asOf: SOUTHEND_SHEET_DATE };
    const selected = (name: string) =>
      new RegExp(`<select[^>]*name="${name}"[\\s\\S]*?<option value="([^"]*)" selected`).exec(preview.text)?.[1] ?? "";
    const mapping = Object.fromEntries(
      ["sectionNumber", "section", "number", "action", "successMeasures", "lead", "forum", "timescale", "status", "update", "updateDate"].map((f) => [
        `map-${f}`,
        selected(`map-${f}`),
      ]),
    );
    assert.notEqual(mapping["map-action"], "");
    const asked = await lead.post(`/plans/import/${uploadId}`, {
      ...hidden,
      ...mapping,
      "map-action": "",
      "map-timescale": mapping["map-lead"] ?? "",
      intent: "import",
    });
    assert.equal(asked.status, 303);
    const wrong = await afterJob(lead, asked.headers.get("location") ?? "");
    assert.equal(wrong.status, 200);
    assert.match(wrong.text, /govuk-error-summary/);
    assert.match(wrong.text, /Row \d+, column /);
    assert.equal((await counts()).plans, before.plans);

    const importing = await lead.post(`/plans/import/${uploadId}`, { ...hidden, ...mapping, intent: "import" });
    assert.equal(importing.status, 303, importing.text.slice(0, 1500));
    const done = await afterJob(lead, importing.headers.get("location") ?? "");
    assert.equal(done.status, 303, done.text.slice(0, 1500));
    const planId = /\/plans\/([0-9a-f-]{36})\?imported=1$/.exec(done.headers.get("location") ?? "")?.[1] as string;
    assert.ok(planId);
    assert.equal((await counts()).plans, before.plans + 1);
    assert.equal((await counts()).heldBytes, 0, "the file is dropped once imported");
    // The import page lists it, so a person who left the progress page can find the outcome.
    const listed = (await lead.get("/plans/import")).text;
    assert.match(listed, new RegExp(`<a class="govuk-link" href="/plans/import/${uploadId}">southend.xlsx</a>`));
    assert.match(listed, /<strong class="govuk-tag govuk-tag--green">The plan has been imported<\/strong>/);
    // Pressing Import again (or going back and pressing it) imports nothing twice: it leads to the plan.
    const again = await lead.post(`/plans/import/${uploadId}`, { ...hidden, ...mapping, intent: "import" });
    assert.equal((await lead.get(again.headers.get("location") ?? "")).headers.get("location"), `/plans/${planId}?imported=1`);
    assert.equal((await counts()).plans, before.plans + 1);

    // The confirmed mapping is remembered for re-imports into the plan.
    assert.ok(await app.plans.importMapping({ councilId, userId: null }, planId));
    const reimport = await afterJob(lead, (await upload(lead, file, { planId, "asOf-day": day, "asOf-month": month, "asOf-year": year })).location);
    assert.equal(reimport.status, 200);
    assert.match(reimport.text, /chosen when this plan was last imported/);
    assert.match(reimport.text, /Actions created\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*0\s/);
  });

  test("a multi-section file: the check shows what will be created, the file's title and date, asks for a status it cannot map, and imports once answered", async () => {
    const csv = [
      "SEND Accelerated Progress Plan,,,,,",
      "Progress update as at 15 March 2022,,,,,",
      "No,Action,Lead,Timescale,RAG,Progress update",
      "Priority 1: Waiting times,,,,,",
      "1.1,Clear the assessment backlog,Service manager,Jan 2022,RED,Backlog at 40",
      "1.2,Publish waiting times,Comms lead,April 2022,Sort of,",
      "Priority 2 - Co-production,,,,,",
      "1.1,Set up the parent forum,Head of SEN,TBC,Green,Forum met twice",
      "Key: Red = not started; Green = on track,,,,,",
    ].join("\n");
    const uploaded = await upload(lead, Buffer.from(csv), { planId: "" });
    assert.equal(uploaded.status, 303, uploaded.text.slice(0, 2000));
    const check = await afterJob(lead, uploaded.location);
    assert.equal(check.status, 200);
    assert.equal(/<title>([^<]*)<\/title>/.exec(check.text)?.[1]?.match(/Error:/g)?.length, 1, "titled Error: once");
    // The title, type and date the file gives, to confirm.
    assert.match(check.text, /name="title" type="text" value="SEND Accelerated Progress Plan"/);
    assert.match(check.text, /<option value="priority-action-plan" selected>/);
    assert.match(check.text, /name="asOf-day" type="text" value="15"/);
    // What will be created: each section with its actions, numbered as in the file.
    assert.match(check.text, /<caption class="govuk-table__caption govuk-table__caption--s">1\. Priority 1: Waiting times<\/caption>/);
    assert.match(check.text, /<caption class="govuk-table__caption govuk-table__caption--s">2\. Priority 2 - Co-production<\/caption>/);
    assert.match(check.text, /Clear the assessment backlog/);
    assert.match(check.text, /Rows left out \(1\)/);
    // 'Sort of' is asked once, in place, with the scheme's statuses to choose from.
    assert.match(check.text, /&#39;Sort of&#39; \(row 6\) is not a status of/);
    const question = /<label class="govuk-label" for="(status-\d+)">\s*&#39;Sort of&#39;/.exec(check.text)?.[1];
    assert.ok(question, "a question for 'Sort of'");
    const csrf = /name="_csrf" value="([^"]+)"/.exec(check.text)?.[1] as string;
    const before = await counts();

    // A forged status code is ignored: the question stays.
    const forged = await afterJob(
      lead,
      (await lead.post(`/plans/import/${check.uploadId}`, { _csrf: csrf, [question]: "made-up", intent: "import" })).headers.get("location") ?? "",
    );
    assert.match(forged.text, /&#39;Sort of&#39; \(row 6\) is not a status of/);
    assert.equal((await counts()).plans, before.plans);

    // The statuses offered are the scheme's (worked out from the file: four-state names RED and Green).
    const select = new RegExp(`<select[^>]*name="${question}"[\\s\\S]*?</select>`).exec(check.text)?.[0] ?? "";
    const offered = [...select.matchAll(/<option value="([^"]+)"/g)].map((m) => m[1]);
    assert.deepEqual(offered, ["completed", "on-track", "dates-tbc", "limited-progress"]);
    const answered = await lead.post(`/plans/import/${check.uploadId}`, {
      _csrf: csrf,
      [question]: "on-track",
      title: "Priority action plan 2022",
      intent: "import",
    });
    const done = await afterJob(lead, answered.headers.get("location") ?? "");
    assert.equal(done.status, 303, done.text.slice(0, 3000));
    const planId = /\/plans\/([0-9a-f-]{36})\?imported=1$/.exec(done.headers.get("location") ?? "")?.[1] as string;
    const plan = (await app.plans.listPlansAs({ councilId, userId: null })).find((p) => p.id === planId);
    assert.equal(plan?.title, "Priority action plan 2022");
    assert.equal(plan?.type, "priority-action-plan");
    assert.equal(plan?.approved_on, "2022-03-15", "the date the file speaks for, never today");
  });

  test("values no scheme names can become the plan's own scheme on the check page; a forged colour saves nothing", async () => {
    const csv = [
      "Local SEND plan",
      "Progress update as at 1 March 2026",
      "No,Action,Lead,Timescale,Status",
      "1,Publish the local offer,Head of SEND,March 2026,Going well",
      "2,Train SENCOs,Head of SEND,April 2026,Stuck",
      "3,Audit plans,Head of SEND,May 2026,Finished",
    ].join("\n");
    const uploaded = await upload(lead, Buffer.from(csv), { planId: "" });
    const check = await afterJob(lead, uploaded.location);
    assert.match(check.text, /Make the plan&#39;s own scheme from the values in the file/);
    const colours = [...check.text.matchAll(/<select[^>]*name="(colour-\d+)"[\s\S]*?<option value="([a-z-]+)" selected>/g)].map((m) => [m[1], m[2]]);
    assert.equal(colours.length, 3, "a colour for each value, with a guess");
    const csrf = /name="_csrf" value="([^"]+)"/.exec(check.text)?.[1] as string;
    const before = await counts();
    const body = { _csrf: csrf, schemeFrom: "file", "colour-0": "green", "colour-1": "red", "colour-2": "blue", "done-2": "yes", intent: "import" };

    const forged = await afterJob(
      lead,
      (await lead.post(`/plans/import/${check.uploadId}`, { ...body, "colour-0": "purple" })).headers.get("location") ?? "",
    );
    assert.match(forged.text, /choose a colour for &#39;Going well&#39; from the list/);
    assert.match(forged.text, /href="#own-scheme"/);
    assert.deepEqual(await counts(), before, "nothing saved");

    const done = await afterJob(lead, (await lead.post(`/plans/import/${check.uploadId}`, body)).headers.get("location") ?? "");
    assert.equal(done.status, 303, /error-summary__list">([\s\S]*?)<\/ul>/.exec(done.text)?.[1]);
    const planId = /\/plans\/([0-9a-f-]{36})\?imported=1$/.exec(done.headers.get("location") ?? "")?.[1] as string;
    const plan = await app.plans.loadPlan({ councilId, userId: null }, "system", planId);
    assert.deepEqual(
      plan.plan.scheme.statuses.map((s) => [s.label, s.colour, s.complete]),
      [
        ["Going well", "green", false],
        ["Stuck", "red", false],
        ["Finished", "blue", true],
      ],
    );
  });

  test("while its job works, the page shows a progress bar in words and numbers; a stalled job says nothing was saved", async () => {
    const leadUser = await readAs(app.db, { councilId, userId: null }, (trx) =>
      trx.selectFrom("app_user").select("id").where("email", "=", "lead@demo-borough.example").executeTakeFirstOrThrow(),
    );
    const person = { id: leadUser.id, councilId, roles: ["improvement_lead" as const] };
    const held = await app.imports.holdUpload(person, { fileName: "big-plan.xlsx", bytes: Buffer.from("not read by this test") });
    const setState = (values: Record<string, unknown>) =>
      readAs(app.db, { councilId, userId: null }, (trx) => trx.updateTable("import_upload").set(values).where("id", "=", held.id).execute());
    await setState({ state: "running", phase: "saving", done: 400, total: 1000, request: JSON.stringify({ dryRun: false, asOf: "2026-11-24" }) });

    const page = await lead.get(`/plans/import/${held.id}`);
    assert.equal(page.status, 200);
    assert.match(page.text, /<h1 class="govuk-heading-l">Importing the plan<\/h1>/);
    assert.match(page.text, /<progress id="import-progress" class="app-progress" max="100" value="46">46%<\/progress>/);
    assert.match(page.text, /Saving 400 of 1,000 actions \(46%\)/);
    assert.match(page.text, /Nothing is saved until the whole file has been imported/);
    assert.match(page.text, new RegExp(`href="/plans/import/${held.id}">Check progress`));
    const json = await lead.get(`/plans/import/${held.id}/progress`);
    assert.equal(json.headers.get("cache-control"), "no-store");
    assert.deepEqual(JSON.parse(json.text), { state: "running", percent: 46, words: "Saving 400 of 1,000 actions", stage: "Saving the actions" });

    // Queued for over a minute and not started: the page says the job runner may be stopped.
    await setState({ state: "queued", phase: null, done: 0, total: 0, updated_at: new Date(Date.now() - 2 * 60_000) });
    const waiting = await lead.get(`/plans/import/${held.id}`);
    assert.match(waiting.text, /Waiting to start \(0%\)/);
    assert.match(waiting.text, /waited over a minute to start[\s\S]*tell your administrator/);
    await setState({ state: "running", phase: "saving", done: 400, total: 1000, updated_at: new Date() });
    assert.doesNotMatch((await lead.get(`/plans/import/${held.id}`)).text, /waited over a minute/);

    // A councillor may not watch an import; another council's upload is not there at all.
    const councillor = app.client();
    await councillor.signIn("councillor@demo-borough.example");
    assert.equal((await councillor.get(`/plans/import/${held.id}/progress`)).status, 403);
    const other = await app.people.createCouncil({ code: "OTHERIMP", name: "Other Import Council" });
    await readAs(app.db, { councilId: other.id, userId: null }, async (trx) => {
      assert.equal((await trx.selectFrom("import_upload").select("id").where("id", "=", held.id).execute()).length, 0);
    });
    assert.equal((await lead.get("/plans/import/not-an-id")).status, 404);

    // No word from the job for over ten minutes: it stopped, and its transaction was rolled back.
    await setState({ updated_at: new Date(Date.now() - 11 * 60_000) });
    const stalled = await lead.get(`/plans/import/${held.id}`);
    assert.equal(stalled.status, 200);
    assert.match(stalled.text, /govuk-error-summary/);
    assert.match(stalled.text, /The job stopped before it finished. Nothing was saved/);
  });

  test("a second file of the council waits for the first, and its page says which (issue 12)", async () => {
    const leadUser = await readAs(app.db, { councilId, userId: null }, (trx) =>
      trx.selectFrom("app_user").select(["id", "display_name"]).where("email", "=", "lead@demo-borough.example").executeTakeFirstOrThrow(),
    );
    const person = { id: leadUser.id, councilId, roles: ["improvement_lead" as const] };
    const set = (id: string, values: Record<string, unknown>) =>
      readAs(app.db, { councilId, userId: null }, (trx) => trx.updateTable("import_upload").set(values).where("id", "=", id).execute());
    // Earlier tests' uploads are put aside, so only this test's first file is running.
    await readAs(app.db, { councilId, userId: null }, (trx) =>
      trx.updateTable("import_upload").set({ state: "failed" }).where("state", "=", "running").execute(),
    );
    const first = await app.imports.holdUpload(person, { fileName: "first-plan.xlsx", bytes: Buffer.from("not read by this test") });
    const second = await app.imports.holdUpload(person, { fileName: "second-plan.xlsx", bytes: Buffer.from("not read by this test") });
    const request = JSON.stringify({ dryRun: true, asOf: "2026-11-24" });
    await set(first.id, { state: "running", phase: "reading", request, requested_by: leadUser.id });
    await set(second.id, { state: "queued", request });

    const page = await lead.get(`/plans/import/${second.id}`);
    assert.equal(page.status, 200);
    assert.match(page.text, /Waiting for another import of your council to finish \(first-plan\.xlsx\) \(0%\)/);
    assert.match(page.text, new RegExp(`This file starts when first-plan\\.xlsx \\(${leadUser.display_name}\\) has finished`));
    const json = JSON.parse((await lead.get(`/plans/import/${second.id}/progress`)).text);
    assert.equal(json.words, "Waiting for another import of your council to finish (first-plan.xlsx)");

    await set(first.id, { state: "done", outcome: JSON.stringify({}) });
    assert.doesNotMatch((await lead.get(`/plans/import/${second.id}`)).text, /Waiting for another import/);
  });

  test("an upload without the CSRF field or header is refused", async () => {
    const response = await fetch(`${lead.baseUrl}/plans/import`, {
      method: "POST",
      body: new FormData(),
      headers: { cookie: [...lead.cookies].map(([k, v]) => `${k}=${v}`).join("; ") },
    });
    assert.equal(response.status, 403);
  });

  test("closing a plan: every open action needs a disposition; a carried action keeps its history and links back", async () => {
    const plans = await app.plans.listPlansAs({ councilId, userId: null });
    const source = plans.find((p) => p.external_id === "southend-peer-review-2022");
    const target = plans.find((p) => p.id !== source?.id && p.state === "active");
    assert.ok(source && target);
    const form = await lead.get(`/plans/${source.id}/close`);
    assert.equal(form.status, 200);
    const ids = [...form.text.matchAll(/name="disposition-([0-9a-f-]{36})"/g)].map((m) => m[1] as string);
    const open = [...new Set(ids)];
    assert.ok(open.length > 1);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.text)?.[1] as string;
    const missing = await lead.post(`/plans/${source.id}/close`, { _csrf: csrf });
    assert.equal(missing.status, 400);
    assert.match(missing.text, /Choose what happens to action/);

    const [carried, owned, ...rest] = open as [string, string, ...string[]];
    const body: Record<string, string> = { _csrf: csrf, [`disposition-${carried}`]: "carried", [`target-${carried}`]: target.id };
    body[`disposition-${owned}`] = "owner";
    body[`owner-${owned}`] = "Head of SEND";
    for (const id of rest) body[`disposition-${id}`] = "business-as-usual";
    // The target rates progress with another scheme: the page asks what each status becomes (issue 11).
    const asked = [...form.text.matchAll(new RegExp(`<select[^>]*name="(statusMap-${target.id}-[a-z0-9-]+)"[^>]*>([\\s\\S]*?)</select>`, "g"))];
    assert.ok(asked.length > 0, "the close page asks how the statuses map into the other plan's scheme");
    const unmapped = await lead.post(`/plans/${source.id}/close`, body);
    assert.equal(unmapped.status, 400, "carrying into another scheme without saying how its statuses map saves nothing");
    assert.match(unmapped.text, /Choose the status of the .* scheme that &#39;.*&#39; becomes in/);
    assert.match(unmapped.text, /<title>Error: Close [^<]*<\/title>/, "the title says Error once");
    const forged = await lead.post(`/plans/${source.id}/close`, { ...body, ...Object.fromEntries(asked.map((m) => [m[1] as string, "purple"])) });
    assert.equal(forged.status, 400);
    assert.match(forged.text, /&#39;purple&#39; is not a status of the/);
    for (const m of asked) {
      const options = [...(m[2] as string).matchAll(/<option value="([^"]*)"( selected)?/g)];
      body[m[1] as string] = (options.find((o) => o[2] && o[1] !== "") ?? options.find((o) => o[1] !== ""))?.[1] as string;
    }
    const closed = await lead.post(`/plans/${source.id}/close`, body);
    assert.equal(closed.status, 303, /error-summary__list">([\s\S]*?)<\/ul>/.exec(closed.text)?.[1]);
    const closure = await lead.get(`/plans/${source.id}/closure`);
    assert.equal(closure.status, 200);
    assert.match(closure.text, new RegExp(`Carried into ${target.title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
    assert.match(closure.text, /Still to be done by Head of SEND/);
    assert.match(closure.text, /Business as usual/);
    assert.match((await lead.get(`/plans/${source.id}`)).text, /This plan is closed/);

    const { plan, action } = await app.plans.action({ id: "", councilId, roles: ["improvement_lead"] }, carried);
    const newId = /href="\/actions\/([0-9a-f-]{36})">Carried into/.exec(closure.text)?.[1] as string;
    const moved = await app.plans.action({ id: "", councilId, roles: ["improvement_lead"] }, newId);
    assert.equal(moved.action.plan_id, target.id);
    assert.equal(moved.action.text, action.text);
    assert.deepEqual(
      (moved.plan.updatesByAction.get(newId) ?? []).map((u) => [u.date, u.commentary]),
      (plan.updatesByAction.get(carried) ?? []).map((u) => [u.date, u.commentary]),
    );
    // Each status as chosen on the page: one of the target's scheme, never "Unknown status".
    assert.deepEqual(
      (moved.plan.updatesByAction.get(newId) ?? []).map((u) => u.status),
      (plan.updatesByAction.get(carried) ?? []).map((u) => body[`statusMap-${target.id}-${u.status}`] ?? u.status),
    );
    const page = await lead.get(`/actions/${newId}`);
    assert.doesNotMatch(page.text, /Unknown status/);
    assert.match(page.text, new RegExp(`Carried forward from <a class="govuk-link" href="/actions/${carried}">`));
    assert.match((await lead.get(`/actions/${carried}`)).text, new RegExp(`carried into <a class="govuk-link" href="/actions/${newId}">`));
    // Closed: the close page now shows the closure, and closing again is refused.
    assert.equal((await lead.get(`/plans/${source.id}/close`)).status, 303);
    assert.equal((await lead.post(`/plans/${source.id}/close`, body)).status, 303, "closing again shows the closure; nothing changes");
  });

  test("the closing API: asks which statuses to map into a plan with another scheme; nothing saved without them or with a forged body", async () => {
    const plans = await app.plans.listPlansAs({ councilId, userId: null });
    const source = plans.find((p) => p.external_id === "thurrock-wsoa-2019" && p.state === "active");
    assert.ok(source, "the Thurrock WSOA is open");
    const csrf = await lead.csrfFrom("/plans/import");
    const api = (method: string, path: string, body?: unknown) =>
      lead.request(method, path, body === undefined ? undefined : JSON.stringify(body), { "content-type": "application/json", "x-csrf-token": csrf });
    const asked = JSON.parse((await api("GET", `/api/plans/${source.id}/close`)).text) as {
      open: { actionId: string }[];
      targets: { planId: string; statusQuestions: { code: string; suggested: string | null }[]; statuses: { code: string }[] }[];
    };
    const target = asked.targets.find((t) => t.statusQuestions.length > 0);
    assert.ok(target && asked.open.length > 0, "a plan with another scheme is offered, with the statuses to map");
    const [first, ...rest] = asked.open as [{ actionId: string }, ...{ actionId: string }[]];
    const dispositions = [
      { actionId: first.actionId, disposition: "carried", targetPlanId: target.planId },
      ...rest.map((a) => ({ actionId: a.actionId, disposition: "business-as-usual" })),
    ];
    const before = await counts();
    const unmapped = await api("POST", `/api/plans/${source.id}/close`, { dispositions });
    assert.equal(unmapped.status, 400);
    assert.ok((JSON.parse(unmapped.text).errors as { field: string }[]).some((e) => e.field.startsWith(`statusMap-${target.planId}-`)));
    const forged = await api("POST", `/api/plans/${source.id}/close`, { dispositions: "all of them", statusMaps: [1] });
    assert.equal(forged.status, 400, "a body of the wrong shape is bad input, not a crash");
    assert.deepEqual(await counts(), before, "nothing saved");

    const map = Object.fromEntries(target.statusQuestions.map((q) => [q.code, q.suggested ?? (target.statuses[0]?.code as string)]));
    const closed = await api("POST", `/api/plans/${source.id}/close`, { dispositions, statusMaps: { [target.planId]: map } });
    assert.equal(closed.status, 200, closed.text);
    assert.deepEqual(JSON.parse(closed.text), { closed: source.id, dispositions: asked.open.length, carried: 1 });
  });

  // Last: its preview leaves an upload waiting, as a person who stops at the preview would.
  test("a browser's upload carries its CSRF token in the form's action; a forged query, header or body field is refused", async () => {
    const file = await writeXlsx(southendTables());
    const fields = { planId: "", scheme: "four-state", "asOf-day": "7", "asOf-month": "3", "asOf-year": "2022" };
    const before = await counts();
    assert.equal((await upload(lead, file, fields, false, { query: "forged" })).status, 403);
    assert.equal((await upload(lead, file, fields, false, { query: "", field: "forged" })).status, 403);
    assert.equal((await upload(lead, file, fields, true, { header: "forged" })).status, 403);
    assert.deepEqual(await counts(), before);
    const preview = await afterJob(lead, (await upload(lead, file, fields, false)).location);
    assert.equal(preview.status, 200);
    assert.match(preview.text, /54/);
  });
  test("a check stuck after a crash shows a Try again button, and the API retries it too", async () => {
    const leadRow = await readAs(app.db, { councilId, userId: null }, (trx) =>
      trx.selectFrom("app_user").select("id").where("email", "=", "lead@demo-borough.example").executeTakeFirstOrThrow(),
    );
    const person = { id: leadRow.id, councilId, roles: ["improvement_lead" as const] };
    // An upload left "running" by a process that died, silent for 11 minutes.
    const stuckUpload = async () => {
      const held = await app.imports.holdUpload(person, { fileName: "stuck.xlsx", bytes: await writeXlsx(southendTables()) });
      await readAs(app.db, { councilId, userId: null }, (trx) =>
        trx
          .updateTable("import_upload")
          .set({
            state: "running",
            phase: "reading",
            updated_at: new Date(Date.now() - 11 * 60_000),
            request: JSON.stringify({ dryRun: true, asOf: SOUTHEND_SHEET_DATE, scheme: "four-state" }),
          })
          .where("id", "=", held.id)
          .execute(),
      );
      return held.id;
    };

    const id = await stuckUpload();
    const page = await lead.get(`/plans/import/${id}`);
    assert.equal(page.status, 200);
    assert.match(page.text, /stopped before it finished/);
    assert.match(page.text, new RegExp(`action="/plans/import/${id}/retry"`));
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1] ?? "";
    const retried = await lead.post(`/plans/import/${id}/retry`, { _csrf: csrf });
    assert.equal(retried.status, 303);
    const finished = await afterJob(lead, retried.headers.get("location") ?? "");
    assert.match(finished.text, /Check the import/);
    assert.doesNotMatch(finished.text, /stopped before it finished/);

    const apiId = await stuckUpload();
    const api = (path: string) => lead.request("POST", path, undefined, { "x-csrf-token": csrf, accept: "application/json" });
    const accepted = await api(`/api/imports/${apiId}/retry`);
    assert.equal(accepted.status, 202);
    assert.deepEqual(JSON.parse(accepted.text), { uploadId: apiId, state: "queued", progressUrl: `/plans/import/${apiId}` });
    await afterJob(lead, `/plans/import/${apiId}`);
    const notStuck = await api(`/api/imports/${apiId}/retry`);
    assert.equal(notStuck.status, 409);
    assert.equal(JSON.parse(notStuck.text).state, "done");
    assert.equal((await api("/api/imports/00000000-0000-4000-8000-000000000000/retry")).status, 404);
    const councillor = app.client();
    await councillor.signIn("councillor@demo-borough.example");
    assert.equal(
      (await councillor.request("POST", `/api/imports/${apiId}/retry`, undefined, { "x-csrf-token": await councillor.csrfFrom("/account") })).status,
      403,
    );
  });
});
