// The SEN2 page and API over HTTP: a SEND manager saves the settings, sees every error and query by
// child with a link to the record, downloads the checks as CSV, is refused the export while errors
// remain and gets it with a reason; the API reads a file in (preview, then for real) and refuses a
// bad one with each problem named. Other roles are refused.
import assert from "node:assert/strict";
import http from "node:http";
import { after, before, describe, test } from "node:test";
import { startTestApp, type TestClient } from "../../platform/testing/test-app.ts";
import { readAs } from "../../platform/transaction.ts";

function personXml(surname: string, forename: string, born: string): string {
  return `<Person><Surname>${surname}</Surname><Forename>${forename}</Forename><PersonBirthDate>${born}</PersonBirthDate><Sex>M</Sex><UPNunknown>UN8</UPNunknown><Requests><ReceivedDate>2026-06-01</ReceivedDate><RequestSource>1</RequestSource><RequestOutcome>A</RequestOutcome><RequestMediation>0</RequestMediation><RequestTribunal>0</RequestTribunal></Requests></Person>`;
}

function uploadXml(surname: string, forename: string): string {
  return `<?xml version="1.0"?><Message><Header><CollectionDetails><Collection>SEN2</Collection><Year>2027</Year><ReferenceDate>2027-01-21</ReferenceDate></CollectionDetails><Source><LEA>883</LEA></Source></Header><Persons>${personXml(surname, forename, "2015-04-09")}</Persons></Message>`;
}

describe("SEN2 page and API", () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let manager: TestClient;
  let csrf: string;

  before(async () => {
    app = await startTestApp({ caseload: 60, today: () => "2027-02-01" });
    manager = app.client();
    await manager.signIn("manager@demo-borough.example");
    csrf = await manager.csrfFrom("/returns/sen2?year=2027");
  });
  after(async () => app.stop());

  test("settings: a wrong LA number is named in the error summary; a right one is saved", async () => {
    const bad = await manager.post("/returns/sen2/settings", { _csrf: csrf, year: "2027", laNumber: "88", dmo: "Maybe" });
    assert.equal(bad.status, 400);
    assert.match(bad.text, /href="#laNumber">Enter the council&#39;s 3-digit DfE LA number/);
    assert.match(bad.text, /href="#dmo">Select Yes, No or Recruiting/);
    assert.equal(bad.text.match(/class="govuk-error-summary"/g)?.length, 1, "one error summary (the layout's)");
    const good = await manager.post("/returns/sen2/settings", { _csrf: csrf, year: "2027", laNumber: "883", dmo: "Yes", dco: "No", dsco: "" });
    assert.equal(good.status, 303);
  });

  test("the page lists every issue by child with a link to the record; CSV and JSON say the same", async () => {
    const page = await manager.get("/returns/sen2?year=2027");
    assert.equal(page.status, 200);
    const api = await manager.get("/api/returns/sen2/validation?year=2027");
    const report = JSON.parse(api.text) as { children: number; errors: number; issues: { caseId: string; rule: string }[] };
    assert.ok(report.children > 0);
    assert.match(page.text, new RegExp(`${report.errors} errors`));
    for (const issue of report.issues.slice(0, 5)) assert.ok(page.text.includes(`href="/cases/${issue.caseId}"`));
    const csv = await manager.get("/returns/sen2/validation.csv?year=2027");
    assert.equal(csv.text.trim().split("\r\n").length, report.issues.length + 1);
    assert.ok(report.errors > 0, "the demo caseload has children without a UPN reason");
  });

  test("the return beside the measures: a table on the page, the same rows in the API, described in the OpenAPI document", async () => {
    const api = await manager.get("/api/returns/sen2/reconciliation?year=2027");
    assert.equal(api.status, 200);
    const body = JSON.parse(api.text) as { censusDay: string; rows: { label: string; agrees: boolean | null; fromReturn: { count: number } }[] };
    assert.equal(body.censusDay, "2027-01-21");
    assert.equal(body.rows.length, 5);
    for (const row of body.rows) assert.equal(row.agrees, true, row.label);
    const page = await manager.get("/returns/sen2?year=2027");
    assert.match(page.text, /The return beside the measures/);
    assert.equal((page.text.match(/govuk-tag--green">Equal</g) ?? []).length, 5);
    assert.ok(page.text.includes(`New EHC plans issued in 2026</th>`));
    const openapi = JSON.parse((await manager.get("/api/openapi.json")).text);
    const schema = openapi.paths["/api/returns/sen2/reconciliation"].get.responses[200].content["application/json"].schema;
    assert.deepEqual(schema.required, Object.keys(body));
    assert.deepEqual(schema.properties.rows.items.required.sort(), Object.keys(body.rows[0] ?? {}).sort());
    const bad = await manager.get("/api/returns/sen2/reconciliation?year=twenty");
    assert.equal(bad.status, 400);
    assert.match(bad.text, /Enter the census year/);
  });

  test("items left blank: listed on the page with the children each applies to, the same in the API, described in the OpenAPI document", async () => {
    const api = await manager.get("/api/returns/sen2/items-not-held?year=2027");
    assert.equal(api.status, 200);
    const body = JSON.parse(api.text) as { children: number; items: { item: string; children: number }[] };
    const weeks = body.items.find((i) => i.item === "Requests/Assessment/NamedPlan/PlanRes");
    assert.ok(weeks && weeks.children > 0 && weeks.children <= body.children, "the demo caseload has residential places without their weeks");
    const page = await manager.get("/returns/sen2?year=2027");
    assert.match(page.text, /Items left blank in the casework/);
    assert.match(page.text, new RegExp(`<code>Requests/Assessment/NamedPlan/PlanRes</code>[\\s\\S]*?govuk-table__cell--numeric">${weeks.children}<`));
    const openapi = JSON.parse((await manager.get("/api/openapi.json")).text);
    const schema = openapi.paths["/api/returns/sen2/items-not-held"].get.responses[200].content["application/json"].schema;
    assert.deepEqual(schema.required, Object.keys(body));
    assert.deepEqual(schema.properties.items.items.required.sort(), Object.keys(body.items[0] ?? {}).sort());
  });

  test("export: refused while errors remain, given with a reason", async () => {
    const refused = await manager.post("/returns/sen2/export", { _csrf: csrf, year: "2027" });
    assert.equal(refused.status, 400);
    assert.match(refused.text, /The return has \d+ errors/);
    const api = await manager.request("POST", "/api/returns/sen2/export", JSON.stringify({ year: 2027 }), {
      "content-type": "application/json",
      "x-csrf-token": csrf,
    });
    assert.equal(api.status, 409);
    const given = await manager.post("/returns/sen2/export", { _csrf: csrf, year: "2027", allowErrors: "Sending now, fixing in COLLECT" });
    assert.equal(given.status, 200);
    assert.match(given.headers.get("content-type") ?? "", /application\/xml/);
    assert.match(given.text, /<Collection>SEN2<\/Collection>/);
  });

  test("import over the API: a preview, then for real, then nothing new; a bad file is named", async () => {
    const xml = `<?xml version="1.0"?><Message><Header><CollectionDetails><Collection>SEN2</Collection><Year>2027</Year><ReferenceDate>2027-01-21</ReferenceDate></CollectionDetails><Source><LEA>883</LEA></Source></Header><Persons><Person><Surname>Newchild</Surname><Forename>Nia</Forename><PersonBirthDate>2015-02-03</PersonBirthDate><Sex>F</Sex><UPNunknown>UN8</UPNunknown><Requests><ReceivedDate>2026-05-01</ReceivedDate><RequestSource>1</RequestSource><RequestOutcome>A</RequestOutcome><RequestMediation>0</RequestMediation><RequestTribunal>0</RequestTribunal></Requests></Person></Persons></Message>`;
    const send = (body: string, query = "") =>
      manager.request("POST", `/api/returns/sen2/import${query}`, body, { "content-type": "application/xml", "x-csrf-token": csrf });
    const previewed = await send(xml, "?dryRun=true");
    assert.equal(previewed.status, 200, previewed.text.slice(0, 400));
    const preview = JSON.parse(previewed.text);
    assert.deepEqual([preview.dryRun, preview.created, preview.requests], [true, 1, 1]);
    const done = JSON.parse((await send(xml)).text);
    assert.deepEqual([done.dryRun, done.created], [false, 1]);
    const again = JSON.parse((await send(xml)).text);
    assert.deepEqual([again.alreadyRead, again.created, again.alreadyHeld], [true, 0, 1]);
    const bad = await send(xml.replace("2015-02-03", "2015-02-30"));
    assert.equal(bad.status, 400);
    assert.match(bad.text, /Person 1: Newchild, Nia \/ PersonBirthDate/);
    const notXml = await manager.request("POST", "/api/returns/sen2/import", "a,b", { "content-type": "text/csv", "x-csrf-token": csrf });
    assert.equal(notXml.status, 415);
  });

  test("upload page: a check saves nothing, reading in creates the children, a bad file is refused by child and item, with nothing saved", async () => {
    const form = await manager.get("/returns/sen2/import");
    assert.equal(form.status, 200);
    const action = /action="(\/returns\/sen2\/import\?_csrf=[^"]+)"/.exec(form.text)?.[1]?.replace(/&amp;/g, "&");
    assert.ok(action, "the upload form's action carries the CSRF token");
    assert.match(form.text, /<label class="govuk-label govuk-label--s" for="file">/);
    const upload = async (xml: string | undefined, mode: string | undefined, name = "last-return.xml") => {
      const body = new FormData();
      if (mode !== undefined) body.append("mode", mode);
      if (xml !== undefined) body.append("file", new Blob([xml], { type: "application/xml" }), name);
      const response = await fetch(`${app.baseUrl}${action}`, {
        method: "POST",
        body,
        redirect: "manual",
        headers: { cookie: [...manager.cookies].map(([k, v]) => `${k}=${v}`).join("; ") },
      });
      return { status: response.status, text: await response.text() };
    };
    const childCount = async () => JSON.parse((await manager.get("/api/returns/sen2/validation?year=2027")).text).children as number;
    const councilId = (await app.people.councilIdForCode("DEMO")) as string;
    const importAudit = () =>
      readAs(app.db, { councilId, userId: null }, (trx) =>
        trx.selectFrom("audit_event").select(["action", "after"]).where("action", "=", "sen2.imported").execute(),
      );
    const auditBefore = (await importAudit()).length;
    const before = await childCount();
    const xml = uploadXml("Uploaded", "Uma");

    const nothing = await upload(undefined, undefined);
    assert.equal(nothing.status, 400);
    assert.match(nothing.text, /href="#file">Select the SEN2 XML file/);
    assert.match(nothing.text, /href="#mode">Select whether to check the file or read it in/);
    assert.equal(nothing.text.match(/class="govuk-error-summary"/g)?.length, 1, "one error summary (the layout's)");

    const checked = await upload(xml, "check");
    assert.equal(checked.status, 200, checked.text.slice(0, 400));
    assert.match(checked.text, /File checked: nothing saved/);
    assert.match(checked.text, /Children it would create\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*1\s*</);
    assert.equal(await childCount(), before, "a check saves nothing");

    // Two problems in two children: each is named by child and item, and neither child is saved.
    const bad = xml
      .replace("2015-04-09", "2015-02-30")
      .replace("</Persons>", `${personXml("Second", "Sam", "2014-01-01").replace("<Sex>M</Sex>", "<Sex>Q</Sex>")}</Persons>`);
    const refused = await upload(bad, "import", "broken.xml");
    assert.equal(refused.status, 400);
    assert.match(refused.text, /&quot;broken.xml&quot; was not read, and nothing was saved: 2 problems, listed below/);
    assert.match(
      refused.text,
      /<td class="govuk-table__cell">Person 1: Uploaded, Uma<\/td>\s*<td class="govuk-table__cell"><code>PersonBirthDate<\/code>/,
    );
    assert.match(refused.text, /<td class="govuk-table__cell">Person 2: Second, Sam<\/td>\s*<td class="govuk-table__cell"><code>Sex<\/code>/);
    assert.equal(await childCount(), before, "a refused file saves nothing");

    const notXml = await upload("name,date\nUma,2015-04-09", "import", "caseload.csv");
    assert.equal(notXml.status, 400);
    assert.match(notXml.text, /<td class="govuk-table__cell">File<\/td>/);
    assert.doesNotMatch(notXml.text, /at .*\.ts:\d+/, "no stack trace");

    const done = await upload(xml, "import");
    assert.equal(done.status, 200);
    assert.match(done.text, /File read in/);
    assert.match(done.text, /Children created\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*1\s*</);
    assert.equal(await childCount(), before + 1);
    const again = await upload(xml, "import");
    assert.match(again.text, /Read before/);
    assert.match(again.text, /Children created\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*0\s*</);

    const audit = await importAudit();
    assert.equal(audit.length, auditBefore + 2, "each read-in is audited; checks and refusals change nothing");
    assert.doesNotMatch(JSON.stringify(audit), /Uploaded|Uma/, "no child's details in the audit");

    // A 1 GB upload: refused by the length it declares, after a few kilobytes, with nothing read or
    // saved and the server still answering (issue 17's bad files).
    const huge = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const boundary = "----sen2boundary";
      const head = `--${boundary}\r\nContent-Disposition: form-data; name="mode"\r\n\r\nimport\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="huge.xml"\r\nContent-Type: application/xml\r\n\r\n<Message>`;
      const request = http.request(`${app.baseUrl}${action}`, {
        method: "POST",
        headers: {
          cookie: [...manager.cookies].map(([k, v]) => `${k}=${v}`).join("; "),
          "content-type": `multipart/form-data; boundary=${boundary}`,
          "content-length": String(1024 ** 3),
        },
      });
      request.on("response", (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => {
          text += chunk;
        });
        response.on("end", () => {
          request.destroy();
          resolve({ status: response.statusCode ?? 0, text });
        });
      });
      request.on("error", reject);
      request.write(head);
      request.write(Buffer.alloc(64 * 1024, 32));
    });
    assert.equal(huge.status, 413);
    assert.match(huge.text, /href="#file">The file is larger than 200 MB: a SEN2 return is smaller/);
    assert.equal(await childCount(), before + 1, "nothing more saved");
    assert.equal((await manager.get("/health/live")).status, 200, "the server stays up");

    const plain = await manager.post("/returns/sen2/import", { _csrf: csrf, mode: "import" });
    assert.equal(plain.status, 415);
    assert.match(plain.text, /Choose the SEN2 XML file with the form on this page/);
  });

  test("other roles are refused", async () => {
    for (const email of ["admin@demo-borough.example", "caseworker@demo-borough.example"]) {
      const client = app.client();
      await client.signIn(email);
      assert.equal((await client.get("/returns/sen2")).status, 403, email);
      assert.equal((await client.get("/api/returns/sen2/validation")).status, 403, email);
      assert.equal((await client.get("/returns/sen2/import")).status, 403, email);
      assert.equal((await client.get("/api/returns/sen2/items-not-held")).status, 403, email);
    }
  });
});
