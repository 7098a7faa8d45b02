// The calculator page and JSON API over real HTTP, checked against the worked examples.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { projectRoot } from "../../platform/assets.ts";
import { startTestApp } from "../../platform/testing/test-app.ts";

const vectors = JSON.parse(fs.readFileSync(path.resolve(projectRoot, "src/domain/statutory/examples/statutory-examples.json"), "utf8")) as {
  cases: { id: string; input: unknown; expect: { key: string; due?: string; practical?: string }[] }[];
};

describe("deadline calculator over HTTP", () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  before(async () => {
    app = await startTestApp({ seed: false });
  });
  after(async () => app.stop());

  const postJson = (body: string, contentType = "application/json") =>
    fetch(`${app.baseUrl}/api/deadlines`, { method: "POST", body, headers: { "content-type": contentType } });

  test("the API gives every worked example's expected dates", async () => {
    for (const example of vectors.cases) {
      const response = await postJson(JSON.stringify(example.input));
      assert.equal(response.status, 200, example.id);
      const body = (await response.json()) as { deadlines: { key: string; due: string; practical: string; status: string }[] };
      for (const expected of example.expect) {
        const found = body.deadlines.find((d) => d.key === expected.key);
        assert.ok(found, `${example.id}: ${expected.key} missing`);
        if (expected.due) assert.equal(found.due, expected.due, `${example.id}: ${expected.key} due`);
        if (expected.practical) assert.equal(found.practical, expected.practical, `${example.id}: ${expected.key} practical`);
      }
    }
  });

  test("the API refuses bad input with the field named, and no stack trace", async () => {
    const impossible = await postJson(JSON.stringify({ events: { requestReceived: "2026-02-30" } }));
    assert.equal(impossible.status, 400);
    const body = (await impossible.json()) as { errors: { field: string; message: string }[] };
    assert.equal(body.errors[0]?.field, "events.requestReceived");
    assert.match(body.errors[0]?.message ?? "", /not a real date/);

    const unknown = (await (await postJson(JSON.stringify({ events: { requestRecieved: "2026-01-05" } }))).json()) as { errors: { field: string }[] };
    assert.equal(unknown.errors[0]?.field, "events.requestRecieved");

    const order = (await (await postJson(JSON.stringify({ events: { planMade: "2026-03-01", reviewMeeting: "2026-01-01" } }))).json()) as {
      errors: { field: string }[];
    };
    assert.equal(order.errors[0]?.field, "events.reviewMeeting");

    const malformed = await postJson("{not json");
    assert.equal(malformed.status, 400);
    assert.doesNotMatch(await malformed.text(), /\n\s+at |SyntaxError/);
    assert.equal((await postJson("requestReceived=2026-01-05", "application/x-www-form-urlencoded")).status, 415);
  });

  test("the page works without JavaScript: dates in, deadlines with statuses and the law out", async () => {
    const query = new URLSearchParams({
      "requestReceived-day": "8",
      "requestReceived-month": "9",
      "requestReceived-year": "2025",
      "decisionNotified-day": "21",
      "decisionNotified-month": "10",
      "decisionNotified-year": "2025",
      "asOf-day": "1",
      "asOf-month": "12",
      "asOf-year": "2025",
    });
    const page = await app.client().get(`/deadlines?${query}`);
    assert.equal(page.status, 200);
    assert.match(page.text, /Deadlines as at 1 December 2025/);
    // Decision due 20 October 2025, told on the 21st: met late by a day, in words.
    assert.match(page.text, /<time datetime="2025-10-20">20 October 2025<\/time>/);
    assert.match(page.text, /Met late \(1 day\)/);
    assert.match(page.text, /SEND Regulations 2014 reg 5\(1\)/);
    assert.match(page.text, /Issue the final EHC plan/);
    assert.match(page.text, /26 January 2026/);
    // What was typed is shown again.
    assert.match(page.text, /name="requestReceived-year" type="text" value="2025"|value="2025"[^>]*name="requestReceived-year"/);
  });

  test("the page's warnings are in the form's words, not the calculator's field names", async () => {
    const query = new URLSearchParams({
      "planMade-day": "3",
      "planMade-month": "3",
      "planMade-year": "2025",
      "reviewMeeting-day": "10",
      "reviewMeeting-month": "3",
      "reviewMeeting-year": "2026",
      "amendmentNoticeSent-day": "2",
      "amendmentNoticeSent-month": "3",
      "amendmentNoticeSent-year": "2026",
      "asOf-day": "1",
      "asOf-month": "6",
      "asOf-year": "2026",
    });
    const page = await app.client().get(`/deadlines?${query}`);
    assert.equal(page.status, 200);
    const warnings = [...page.text.matchAll(/<strong class="govuk-warning-text__text">([\s\S]*?)<\/strong>/g)].map((m) => m[1] ?? "");
    assert.ok(
      warnings.some((w) => w.includes("Date the amendment notice was sent") && w.includes("(2 March 2026)")),
      warnings.join("\n"),
    );
    for (const w of warnings) assert.doesNotMatch(w, /events\.|\d{4}-\d{2}-\d{2}|review\.\w+|amendment\.\w+/);
  });

  test("issue 19's two cases through the API and the page (STATUTORY.md §4, 2026-12)", async () => {
    type Body = { deadlines: { key: string; due: string; status: string }[]; warnings: string[] };
    const decided = (await (
      await postJson(
        JSON.stringify({
          asOf: "2026-06-16",
          events: { planMade: "2025-06-02", reviewMeeting: "2026-05-26", reviewDecisionNotified: "2026-06-15", amendmentNoticeSent: "2026-06-23" },
        }),
      )
    ).json()) as Body;
    const decision = decided.deadlines.find((d) => d.key === "review.decisionBy");
    assert.deepEqual([decision?.due, decision?.status], ["2026-06-23", "met on time"]);

    const transferred = (await (
      await postJson(JSON.stringify({ asOf: "2026-05-02", events: { planMade: "2025-01-18", transferredIn: "2026-03-19" } }))
    ).json()) as Body;
    assert.deepEqual(
      transferred.deadlines.filter((d) => d.key === "review.due"),
      [],
    );
    const reviewBy = transferred.deadlines.find((d) => d.key === "transfer.reviewBy");
    assert.deepEqual([reviewBy?.due, reviewBy?.status], ["2026-06-18", "not yet due"]);

    // The page: the decision is met on time, and its warnings are in the form's words.
    const date = (name: string, iso: string) => {
      const [y, m, d] = iso.split("-");
      return { [`${name}-day`]: String(Number(d)), [`${name}-month`]: String(Number(m)), [`${name}-year`]: y as string };
    };
    const page = await app.client().get(
      `/deadlines?${new URLSearchParams({
        ...date("planMade", "2025-06-02"),
        ...date("reviewMeeting", "2026-05-26"),
        ...date("reviewDecisionNotified", "2026-06-15"),
        ...date("amendmentNoticeSent", "2026-06-23"),
        ...date("asOf", "2026-06-16"),
      })}`,
    );
    assert.equal(page.status, 200);
    const row = /<time datetime="2026-06-23">[\s\S]*?<\/tr>/.exec(page.text)?.[0] ?? "";
    assert.match(row, /Met on time/);
    const warnings = [...page.text.matchAll(/<strong class="govuk-warning-text__text">([\s\S]*?)<\/strong>/g)].map((m) => m[1] ?? "");
    assert.ok(
      warnings.some((w) => w.includes("set aside")),
      warnings.join("\n"),
    );
    for (const w of warnings) assert.doesNotMatch(w, /events\.|\d{4}-\d{2}-\d{2}|review\.\w+|amendment\.\w+/);

    const transferPage = await app
      .client()
      .get(
        `/deadlines?${new URLSearchParams({ ...date("planMade", "2025-01-18"), ...date("transferredIn", "2026-03-19"), ...date("asOf", "2026-05-02") })}`,
      );
    assert.equal(transferPage.status, 200);
    assert.doesNotMatch(transferPage.text, /datetime="2026-01-17"/);
    assert.match(transferPage.text, /<time datetime="2026-06-18">/);
    for (const m of transferPage.text.matchAll(/<strong class="govuk-warning-text__text">([\s\S]*?)<\/strong>/g))
      assert.doesNotMatch(m[1] ?? "", /events\.|\d{4}-\d{2}-\d{2}|review\.\w+|transfer\.\w+/);
  });

  test("the form folds its rarer sections, and opens one that holds an answer or an error (issue 20)", async () => {
    const openSections = (html: string) =>
      [...html.matchAll(/<details class="govuk-details app-form-section" id="section-([a-z]+)"( open)?>/g)].map(
        (m) => `${m[1]}${m[2] ? " open" : ""}`,
      );
    const blank = await app.client().get("/deadlines");
    assert.deepEqual(openSections(blank.text), [
      "assessment open",
      "advice",
      "review open",
      "transfer",
      "reassessment",
      "move",
      "appeals",
      "exceptions",
    ]);
    // An answer in the appeals section opens it; the others stay folded.
    const answered = await app.client().get("/deadlines?decisionNoticeSent-day=2&decisionNoticeSent-month=3&decisionNoticeSent-year=2026");
    assert.equal(answered.status, 200);
    assert.ok(openSections(answered.text).includes("appeals open"));
    assert.ok(openSections(answered.text).includes("exceptions"));
    // A wrong date there opens it too, so the error summary's link lands on a field people can see.
    const wrong = await app.client().get("/deadlines?absenceFrom-day=31&absenceFrom-month=2&absenceFrom-year=2026");
    assert.equal(wrong.status, 400);
    assert.match(wrong.text, /href="#absenceFrom-day"/);
    assert.ok(openSections(wrong.text).includes("exceptions open"));
  });

  test("the page shows an impossible date as a GOV.UK error that names the field", async () => {
    const page = await app.client().get("/deadlines?requestReceived-day=30&requestReceived-month=2&requestReceived-year=2026");
    assert.equal(page.status, 400);
    assert.match(page.text, /There is a problem/);
    assert.match(page.text, /href="#requestReceived-day">Date the request for an EHC needs assessment was received must be a real date/);
    const partial = await app.client().get("/deadlines?planMade-day=3&planMade-year=2025");
    assert.match(partial.text, /Date the plan was first made must include a month/);
    const order = await app
      .client()
      .get("/deadlines?planMade-day=1&planMade-month=3&planMade-year=2026&reviewMeeting-day=1&reviewMeeting-month=1&reviewMeeting-year=2026");
    assert.equal(order.status, 400);
    assert.match(order.text, /href="#reviewMeeting-day">/);
    assert.match(order.text, /&#39;Date of this year&#39;s review meeting&#39;/);
  });
});

describe("school closures pages", () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  before(async () => {
    app = await startTestApp();
  });
  after(async () => app.stop());

  test("a SEND manager adds a closure through the form; mistakes are shown field by field", async () => {
    const manager = app.client();
    await manager.signIn("manager@demo-borough.example");
    const page = await manager.get("/closures");
    assert.match(page.text, /Summer holiday 2025/);
    const csrf = await manager.csrfFrom("/closures");
    const bad = await manager.post("/closures", { _csrf: csrf, description: "", "from-day": "30", "from-month": "2", "from-year": "2027" });
    assert.equal(bad.status, 400);
    assert.match(bad.text, /Describe the closure/);
    assert.match(bad.text, /href="#from-day">First day closed must be a real date: 30\/2\/2027 does not exist/);
    assert.match(bad.text, /href="#reopens-day">Enter the day schools reopen/);
    const badMonth = await manager.post("/closures", {
      _csrf: csrf,
      description: "Summer",
      "from-day": "21",
      "from-month": "13",
      "from-year": "2027",
    });
    assert.match(badMonth.text, /href="#from-month">First day closed must be a real date: the month must be between 1 and 12/);
    assert.match(badMonth.text, /class="govuk-input govuk-date-input__input govuk-input--width-2 govuk-input--error" id="from-month"/);
    const good = await manager.post("/closures", {
      _csrf: csrf,
      description: "Summer holiday 2027",
      "from-day": "21",
      "from-month": "7",
      "from-year": "2027",
      "reopens-day": "1",
      "reopens-month": "9",
      "reopens-year": "2027",
    });
    assert.equal(good.status, 303);
    assert.match((await manager.get("/closures")).text, /Summer holiday 2027[\s\S]*21 July 2027[\s\S]*1 September 2027/);
  });

  test("a councillor can read the closures but not add one", async () => {
    const councillor = app.client();
    await councillor.signIn("councillor@demo-borough.example");
    const page = await councillor.get("/closures");
    assert.equal(page.status, 200);
    assert.doesNotMatch(page.text, /Add a closure/);
    const csrf = await councillor.csrfFrom("/account");
    const refused = await councillor.post("/closures", {
      _csrf: csrf,
      description: "Sneaky",
      "from-day": "1",
      "from-month": "8",
      "from-year": "2027",
    });
    assert.equal(refused.status, 403);
  });

  test("signed in, the calculator page says which of the council's closures it applied", async () => {
    const caseworker = app.client();
    await caseworker.signIn("caseworker@demo-borough.example");
    const query = new URLSearchParams({
      "requestReceived-day": "16",
      "requestReceived-month": "6",
      "requestReceived-year": "2025",
      advice0Service: "school",
      "advice0Received-day": "16",
      "advice0Received-month": "7",
      "advice0Received-year": "2025",
      advice0Head: "yes",
      "asOf-day": "1",
      "asOf-month": "12",
      "asOf-year": "2025",
    });
    const page = await caseworker.get(`/deadlines?${query}`);
    assert.equal(page.status, 200);
    assert.match(page.text, /Demo Borough Council's school closures were taken into account/);
    assert.match(page.text, /Relieved by an exception/);
    const anonymous = await app.client().get(`/deadlines?${query}`);
    assert.doesNotMatch(anonymous.text, /Relieved by an exception/);
  });

  test("a forged field is named and nothing is saved; the closures come in pages of 50, newest first (issue 12)", async () => {
    const manager = app.client();
    await manager.signIn("manager@demo-borough.example");
    const csrf = await manager.csrfFrom("/closures");
    const fields = {
      description: "Forged",
      "from-day": "1",
      "from-month": "8",
      "from-year": "2099",
      "reopens-day": "1",
      "reopens-month": "9",
      "reopens-year": "2099",
    };
    const forged = await manager.post("/closures", { _csrf: csrf, ...fields, council_id: "someone else's" });
    assert.equal(forged.status, 400);
    assert.match(forged.text, /a field it does not have: council_id/);
    assert.doesNotMatch((await manager.get("/closures")).text, />Forged</);

    // Far-future closures (they touch no other test's deadlines), added as the command line does.
    const councilId = (await app.people.councilIdForCode("DEMO")) as string;
    for (let year = 2100; year < 2160; year++) {
      await app.deadlines.addClosure({ councilId, userId: null }, "system", {
        description: `Closure ${year}`,
        firstDayClosed: `${year}-07-20`,
        reopens: `${year}-09-01`,
      });
    }
    const first = await manager.get("/closures");
    const rows = (html: string) => [...html.matchAll(/<td class="govuk-table__cell">(Closure \d{4})<\/td>/g)].map((m) => m[1]);
    assert.equal(rows(first.text).length, 50);
    assert.equal(rows(first.text)[0], "Closure 2159");
    assert.match(first.text, /href="\/closures\?page=2"/);
    const second = await manager.get("/closures?page=2");
    assert.deepEqual(rows(second.text), ["Closure 2109", ...Array.from({ length: 9 }, (_, i) => `Closure ${2108 - i}`)]);
    assert.match(second.text, /Summer holiday 2025/);
  });
});
