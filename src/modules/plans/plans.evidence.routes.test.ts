// Evidence files and percent complete / impact over real HTTP (issue 13): the GOV.UK upload page
// with its error summary, the CSRF token checked before a multipart body is read, downloads sent
// as attachments that cannot be sniffed or cached, the JSON API and its OpenAPI entries, and the
// action and plan pages showing percent complete and impact.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { PNG, tinyPdf } from "../../platform/testing/files.ts";
import { startTestApp, type TestClient } from "../../platform/testing/test-app.ts";
import { readAs } from "../../platform/transaction.ts";

/** A multipart body with one file and some fields, as a browser sends it. */
function multipart(file: { name: string; bytes: Buffer; type?: string } | undefined, fields: Record<string, string> = {}) {
  const boundary = "----evidence-test-boundary";
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type ?? "application/octet-stream"}\r\n\r\n`,
      ),
      file.bytes,
      Buffer.from("\r\n"),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), type: `multipart/form-data; boundary=${boundary}` };
}

describe("evidence files, percent complete and impact over HTTP", () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let councilId: string;
  let lead: TestClient;
  let csrf: string;
  let planId: string;
  let actionId: string;
  const cookie = (client: TestClient) => [...client.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  const send = (client: TestClient, path: string, body: Buffer, type: string, headers: Record<string, string> = {}) =>
    fetch(app.baseUrl + path, {
      method: "POST",
      body: new Uint8Array(body),
      redirect: "manual",
      headers: { cookie: cookie(client), "content-type": type, ...headers },
    });
  const files = () =>
    readAs(app.db, { councilId, userId: null }, async (trx) => (await trx.selectFrom("plan_evidence").select("id").execute()).length);

  before(async () => {
    app = await startTestApp({ caseload: 0 });
    councilId = (await app.people.councilIdForCode("DEMO")) as string;
    lead = app.client();
    await lead.signIn("lead@demo-borough.example");
    csrf = await lead.csrfFrom("/account");
    const plan = await app.plans.loadPlan({ councilId, userId: null }, "system", "southend-peer-review-2022");
    planId = plan.plan.id;
    actionId = plan.actions[0]?.id as string;
  });
  after(async () => app.stop());

  test("a lead attaches a PDF on the GOV.UK upload page; the action page lists it with type, size, who and when", async () => {
    const page = await lead.get(`/actions/${actionId}/evidence/new`);
    assert.equal(page.status, 200);
    assert.match(page.text, /enctype="multipart\/form-data"/);
    assert.match(page.text, new RegExp(`action="/actions/${actionId}/evidence\\?_csrf=`));
    assert.match(page.text, /<input class="govuk-file-upload[^>]*id="file"/);
    const { body, type } = multipart({ name: "Board minutes.pdf", bytes: tinyPdf(), type: "application/pdf" }, { updateId: "" });
    const response = await send(lead, `/actions/${actionId}/evidence?_csrf=${encodeURIComponent(csrf)}`, body, type);
    assert.equal(response.status, 303);
    assert.equal(response.headers.get("location"), `/actions/${actionId}?evidence=1`);
    const action = await lead.get(`/actions/${actionId}?evidence=1`);
    assert.match(action.text, /The evidence file has been attached/);
    assert.match(
      action.text,
      /Board minutes\.pdf<span class="govuk-visually-hidden"> \(download\)<\/span><\/a><\/td>\s*<td class="govuk-table__cell">PDF<\/td>/,
    );
    assert.match(action.text, /Lee Lead/);
    assert.match(action.text, new RegExp(`${tinyPdf().length} bytes`));
  });

  test("a file that says it is a PDF but is not gets an error summary naming it, and nothing is saved", async () => {
    const before = await files();
    const { body, type } = multipart({ name: "minutes.pdf", bytes: Buffer.from("plain words, not a PDF"), type: "application/pdf" });
    const response = await send(lead, `/actions/${actionId}/evidence?_csrf=${encodeURIComponent(csrf)}`, body, type);
    assert.equal(response.status, 400);
    const text = await response.text();
    assert.match(text, /govuk-error-summary/);
    assert.match(text, /<a href="#file">&quot;minutes.pdf&quot; says it is a PDF but its content is not/);
    assert.match(text, /govuk-file-upload--error/);
    // No file at all: said, not a crash.
    const empty = multipart(undefined);
    const none = await send(lead, `/actions/${actionId}/evidence?_csrf=${encodeURIComponent(csrf)}`, empty.body, empty.type);
    assert.equal(none.status, 400);
    assert.match(await none.text(), /Select the file to attach/);
    assert.equal(await files(), before);
  });

  test("an upload without the CSRF token is refused before its body is read; a board member cannot upload", async () => {
    const before = await files();
    const { body, type } = multipart({ name: "chart.png", bytes: PNG });
    assert.equal((await send(lead, `/actions/${actionId}/evidence`, body, type)).status, 403);
    assert.equal((await send(lead, `/actions/${actionId}/evidence?_csrf=forged`, body, type)).status, 403);
    const board = app.client();
    await board.signIn("board@demo-borough.example");
    const boardToken = await board.csrfFrom("/account");
    assert.equal((await send(board, `/actions/${actionId}/evidence?_csrf=${encodeURIComponent(boardToken)}`, body, type)).status, 403);
    assert.equal(await files(), before);
  });

  test("a download is an attachment, never sniffed or cached, and is audited", async () => {
    const [file] = (JSON.parse((await lead.get(`/api/actions/${actionId}/evidence`)).text) as { items: { id: string; href: string }[] }).items;
    assert.ok(file);
    for (const path of [file.href, `/api/evidence/${file.id}`]) {
      const response = await fetch(app.baseUrl + path, { headers: { cookie: cookie(lead) } });
      assert.equal(response.status, 200);
      assert.equal(response.headers.get("content-type"), "application/pdf");
      assert.equal(response.headers.get("content-disposition"), `attachment; filename="Board minutes.pdf"; filename*=UTF-8''Board%20minutes.pdf`);
      assert.equal(response.headers.get("x-content-type-options"), "nosniff");
      assert.equal(response.headers.get("cache-control"), "no-store");
      assert.deepEqual(Buffer.from(await response.arrayBuffer()), tinyPdf());
    }
    const downloads = await readAs(app.db, { councilId, userId: null }, (trx) =>
      trx.selectFrom("audit_event").select("subject_id").where("action", "=", "plan.evidence.downloaded").execute(),
    );
    assert.deepEqual(
      downloads.map((d) => d.subject_id),
      [file.id, file.id],
    );
    assert.equal((await lead.get("/evidence/00000000-0000-4000-8000-000000000000")).status, 404);
  });

  test("the API lists, uploads (multipart, token in the header) and refuses other bodies; OpenAPI describes it", async () => {
    const { body, type } = multipart({ name: "Chart.png", bytes: PNG });
    const created = await send(lead, `/api/actions/${actionId}/evidence`, body, type, { "x-csrf-token": csrf });
    assert.equal(created.status, 201);
    const json = (await created.json()) as Record<string, unknown>;
    assert.equal(json.fileName, "Chart.png");
    assert.equal(json.mediaType, "image/png");
    assert.equal(json.sizeBytes, PNG.length);
    const wrong = await lead.request("POST", `/api/actions/${actionId}/evidence`, JSON.stringify({ file: "x" }), {
      "content-type": "application/json",
      "x-csrf-token": csrf,
    });
    assert.equal(wrong.status, 415);
    assert.deepEqual(JSON.parse(wrong.text).errors[0].field, "file");
    const fake = multipart({ name: "report.pdf", bytes: PNG });
    const refused = await send(lead, `/api/actions/${actionId}/evidence`, fake.body, fake.type, { "x-csrf-token": csrf });
    assert.equal(refused.status, 400);
    assert.deepEqual(await refused.json(), {
      errors: [{ field: "file", message: '"report.pdf" says it is a PDF but its content is a PNG image: attach the real file, named as what it is' }],
    });
    const list = JSON.parse((await lead.get(`/api/actions/${actionId}/evidence`)).text);
    assert.deepEqual(
      list.items.map((f: { fileName: string }) => f.fileName),
      ["Board minutes.pdf", "Chart.png"],
    );
    const openapi = JSON.parse((await lead.get("/api/openapi.json")).text);
    const paths = openapi.paths;
    assert.ok(paths["/api/actions/{actionId}/evidence"].get.responses[200]);
    assert.ok(paths["/api/actions/{actionId}/evidence"].post.requestBody.content["multipart/form-data"]);
    assert.ok(paths["/api/evidence/{evidenceId}"].get.responses[200]);
    const required = paths["/api/actions/{actionId}/evidence"].post.responses[201].content["application/json"].schema.required;
    for (const key of Object.keys(json)) assert.ok(required.includes(key), `${key} is in the schema`);
  });

  test("percent complete and impact are changed on the action page, shown on it and rolled up on the plan page", async () => {
    const editPage = await lead.get(`/actions/${actionId}/edit`);
    assert.match(editPage.text, /id="progress"/);
    assert.match(editPage.text, /name="impact"/);
    const version = /name="version" value="(\d+)"/.exec(editPage.text)?.[1] as string;
    const number = /id="number" name="number" type="text" value="([^"]*)"/.exec(editPage.text)?.[1] as string;
    const { action } = await app.plans.action({ id: "", councilId, roles: ["board_member"] }, actionId);
    const fields = { _csrf: csrf, number, text: action.text, timescale: action.due_text, version };
    const bad = await lead.post(`/actions/${actionId}/edit`, { ...fields, progress: "150", impact: "brilliant" });
    assert.equal(bad.status, 400);
    assert.match(bad.text, /<a href="#progress">Percent complete must be a whole number from 0 to 100, or left empty/);
    assert.match(bad.text, /<a href="#impact">Choose the impact judgement/);
    const saved = await lead.post(`/actions/${actionId}/edit`, { ...fields, progress: "55", impact: "emerging" });
    assert.equal(saved.status, 303);
    const page = await lead.get(`/actions/${actionId}`);
    assert.match(page.text, /Percent complete\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*55%/);
    assert.match(page.text, /<strong class="govuk-tag govuk-tag--turquoise">\s*Impact emerging\s*<\/strong>/);
    const audit = await readAs(app.db, { councilId, userId: null }, (trx) =>
      trx
        .selectFrom("audit_event")
        .select(["before", "after"])
        .where("action", "=", "plan.action.edited")
        .where("subject_id", "=", actionId)
        .execute(),
    );
    const last = audit.at(-1) as {
      before: { progress: number | null; impact: string };
      after: { progress: number; impact: string; version: number };
    };
    assert.deepEqual([last.before.progress, last.before.impact], [null, "not-assessed"]);
    assert.deepEqual([last.after.progress, last.after.impact, last.after.version], [55, "emerging", Number(version) + 1]);
    // The API leaves out percent complete and impact: they are kept.
    const put = await lead.request(
      "PUT",
      `/api/actions/${actionId}`,
      JSON.stringify({ number, text: action.text, timescale: action.due_text, version: Number(version) + 1 }),
      { "content-type": "application/json", "x-csrf-token": csrf },
    );
    assert.equal(put.status, 200);
    assert.deepEqual([JSON.parse(put.text).progress, JSON.parse(put.text).impact], [55, "emerging"]);
    const plan = await lead.get(`/plans/${planId}`);
    assert.match(plan.text, /55% complete \(1 of \d+ actions with a percentage\)/);
    assert.match(plan.text, /Impact emerging\s*<\/strong>\s*<\/td>\s*<td class="govuk-table__cell govuk-table__cell--numeric">1<\/td>/);
  });
});
