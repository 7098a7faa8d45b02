// The "Download report" page and the report files over real HTTP.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { after, before, describe, test } from "node:test";
import JSZip from "jszip";
import { sharedChromium } from "../../platform/chromium.ts";
import { startTestApp } from "../../platform/testing/test-app.ts";
import { pdfAvailable } from "./render/pdf.ts";
import { pdfText } from "./render/pdf-text.ts";

describe("report downloads", () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let southendId: string;

  before(async () => {
    app = await startTestApp({ caseload: 0 });
    const councilId = (await app.people.councilIdForCode("DEMO")) as string;
    southendId = (await app.plans.listPlansAs({ councilId, userId: null })).find((p) => p.external_id === "southend-peer-review-2022")?.id as string;
  });
  after(async () => app.stop());

  test("the plan page links to the download page, whose form leads to the file", async () => {
    const councillor = app.client();
    await councillor.signIn("councillor@demo-borough.example");
    const plan = await councillor.get(`/plans/${southendId}?asAt=2022-03-15`);
    assert.match(plan.text, new RegExp(`href="/plans/${southendId}/reports\\?asAt=2022-03-15"`));
    const page = await councillor.get(`/plans/${southendId}/reports?asAt=2022-03-15`);
    assert.equal(page.status, 200);
    assert.match(page.text, /Download a report/);
    assert.match(page.text, /name="asAt-day"[^>]*value="15"/);
    const submitted = await councillor.get(
      `/plans/${southendId}/reports?kind=progress&format=docx&asAt-day=15&asAt-month=3&asAt-year=2022&since-day=&since-month=&since-year=`,
    );
    assert.equal(submitted.status, 303);
    assert.equal(submitted.headers.get("location"), `/plans/${southendId}/reports/progress.docx?asAt=2022-03-15`);
  });

  test("a file comes with its type and a Content-Disposition naming it", async () => {
    const lead = app.client();
    await lead.signIn("lead@demo-borough.example");
    const response = await fetch(`${app.baseUrl}/plans/${southendId}/reports/progress.docx?asAt=2022-03-15`, {
      headers: { cookie: [...lead.cookies].map(([k, v]) => `${k}=${v}`).join("; ") },
    });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get("content-type"), "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    assert.match(
      response.headers.get("content-disposition") ?? "",
      /^attachment; filename="?southend-peer-review-2022-progress-sheet-2022-03-15\.docx"?$/,
    );
    const zip = await JSZip.loadAsync(Buffer.from(await response.arrayBuffer()));
    assert.match((await zip.file("word/document.xml")?.async("string")) ?? "", /Position as at 15 March 2022/);
    const csv = await lead.get(`/plans/${southendId}/reports/exceptions.csv?asAt=2022-06-30`);
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get("content-type") ?? "", /^text\/csv/);
    // The web page opens in the browser for printing rather than downloading (issue 20).
    const html = await lead.get(`/plans/${southendId}/reports/progress.html?asAt=2022-03-15`);
    assert.equal(html.status, 200);
    assert.match(html.headers.get("content-type") ?? "", /^text\/html/);
    assert.match(html.headers.get("content-disposition") ?? "", /^inline; filename="southend-peer-review-2022-progress-sheet-2022-03-15\.html"$/);
    const json = await lead.get(`/plans/${southendId}/reports/changes.json?asAt=2022-03-15&since=2022-02-01`);
    assert.equal(json.status, 200);
    const body = JSON.parse(json.text);
    assert.equal(body.kind, "changes");
    assert.equal(body.since, "2022-02-01");
  });

  test("a PDF report is printed by Chromium and reads back; without Chromium the answer is a 503, not a crash", async () => {
    const lead = app.client();
    await lead.signIn("lead@demo-borough.example");
    const cookie = [...lead.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    if (pdfAvailable()) {
      const response = await fetch(`${app.baseUrl}/plans/${southendId}/reports/progress.pdf?asAt=2022-03-15`, { headers: { cookie } });
      assert.equal(response.status, 200);
      assert.equal(response.headers.get("content-type"), "application/pdf");
      assert.match(response.headers.get("content-disposition") ?? "", /progress-sheet-2022-03-15\.pdf/);
      const text = pdfText(Buffer.from(await response.arrayBuffer()));
      assert.match(text, /Position as at 15 March 2022/);
      assert.match(text, /Status key/);
      assert.match(text, /Progress sheet/);
    }
    const saved = process.env.CHROMIUM_PATH;
    process.env.CHROMIUM_PATH = "/nonexistent/chromium";
    try {
      const missing = await lead.get(`/plans/${southendId}/reports/progress.pdf?asAt=2022-03-15`);
      assert.equal(missing.status, 503);
      assert.match(missing.text, /PDF reports are not available/);
      assert.match(missing.text, /Chromium/);
    } finally {
      if (saved === undefined) delete process.env.CHROMIUM_PATH;
      else process.env.CHROMIUM_PATH = saved;
    }
  });

  test("twelve PDFs asked for at once share one Chromium: each is printed, or told clearly that PDFs are busy", {
    skip: !pdfAvailable(),
  }, async () => {
    const lead = app.client();
    await lead.signIn("lead@demo-borough.example");
    const cookie = [...lead.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    // Chromium's main processes started by this test process, sampled while the PDFs are made.
    const browsers = () =>
      execFileSync("ps", ["-o", "comm=", "--ppid", String(process.pid)])
        .toString()
        .split("\n")
        .filter((name) => /chrom/i.test(name)).length;
    let most = 0;
    const sampler = setInterval(() => {
      most = Math.max(most, browsers());
    }, 50);
    const launchesBefore = sharedChromium.launches;
    const responses = await Promise.all(
      Array.from({ length: 12 }, async () => {
        const response = await fetch(`${app.baseUrl}/plans/${southendId}/reports/progress.pdf?asAt=2022-03-15`, { headers: { cookie } });
        return { status: response.status, retryAfter: response.headers.get("retry-after"), body: Buffer.from(await response.arrayBuffer()) };
      }),
    );
    clearInterval(sampler);
    most = Math.max(most, browsers());
    assert.equal(most, 1, "one browser process, not one per PDF");
    assert.ok(sharedChromium.launches - launchesBefore <= 1, "launched at most once (once in all, if an earlier test launched it)");
    const printed = responses.filter((r) => r.status === 200);
    const busy = responses.filter((r) => r.status === 503);
    assert.equal(printed.length + busy.length, 12);
    // Two print at once and eight wait, so ten are printed and two are told to try again.
    assert.equal(printed.length, 10);
    for (const r of printed) assert.match(pdfText(r.body), /Position as at 15 March 2022/);
    for (const r of busy) {
      assert.equal(r.retryAfter, "60");
      assert.match(r.body.toString("utf8"), /PDF reports are busy/);
      assert.match(r.body.toString("utf8"), /Try again in a minute/);
    }
  });

  test("bad input gets a 400 naming the field; the form shows GOV.UK errors", async () => {
    const lead = app.client();
    await lead.signIn("lead@demo-borough.example");
    const kind = await lead.get(`/plans/${southendId}/reports/minutes.docx`);
    assert.equal(kind.status, 400);
    assert.equal(JSON.parse(kind.text).errors[0].field, "kind");
    const format = await lead.get(`/plans/${southendId}/reports/progress.pdfx`);
    assert.equal(format.status, 400);
    assert.equal(JSON.parse(format.text).errors[0].field, "format");
    const date = await lead.get(`/plans/${southendId}/reports/progress.csv?asAt=2022-02-30`);
    assert.equal(date.status, 400);
    assert.deepEqual(JSON.parse(date.text).errors, [{ field: "asAt", message: "The as-at date must be a real date, like 2022-03-15" }]);
    const since = await lead.get(`/plans/${southendId}/reports/changes.csv?asAt=2022-02-01&since=2022-03-01`);
    assert.equal(JSON.parse(since.text).errors[0].field, "since");
    const form = await lead.get(`/plans/${southendId}/reports?kind=progress&format=docx&asAt-day=31&asAt-month=2&asAt-year=2022`);
    assert.equal(form.status, 400);
    assert.match(form.text, /There is a problem/);
    assert.match(form.text, /href="#asAt-day">The as-at date must be a real date/);
    assert.equal((await lead.get("/plans/00000000-0000-4000-8000-000000000000/reports/progress.csv")).status, 404);
  });

  test("reports need someone signed in", async () => {
    const anonymous = app.client();
    const page = await anonymous.get(`/plans/${southendId}/reports`);
    assert.equal(page.status, 303);
    assert.match(page.headers.get("location") ?? "", /^\/sign-in/);
    const file = await anonymous.get(`/plans/${southendId}/reports/progress.json`, { accept: "application/json" });
    assert.equal(file.status, 401);
  });
});
