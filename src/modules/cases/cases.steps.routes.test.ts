// "Add a child" as question pages with a check answers page (issue 20): each page checked on its
// own, Back and Change keep what was typed, forged fields and choices are refused, and nothing is
// saved until the person confirms.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { startTestApp, type TestClient } from "../../platform/testing/test-app.ts";
import { readAs } from "../../platform/transaction.ts";

const NAME = { step: "name", firstName: "Stepped", lastName: "Child" };
const BIRTH = { "dateOfBirth-day": "20", "dateOfBirth-month": "5", "dateOfBirth-year": "2015" };
const SEN2 = { sex: "F", ethnicity: "wbri", postcode: "ss2 6er" };
const IDENTIFIERS = { upn: "B801200005001", uln: "", nhsNumber: "" };
const NEEDS = { primaryNeed: "SLCN", secondaryNeed: "" };

/** What a browser would send from a page's main form (the last on the page): hidden fields, text boxes, chosen options. */
function formOf(html: string): Record<string, string> {
  const forms = [...html.matchAll(/<form method="post" action="\/cases\/(?:new|[0-9a-f-]{36}\/record\/\w+)"[^>]*>([\s\S]*?)<\/form>/g)];
  const body = forms.at(-1)?.[1] ?? "";
  const decode = (text: string) =>
    text
      .replace(/&#39;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&amp;/g, "&");
  const fields: Record<string, string> = {};
  for (const [input] of body.matchAll(/<input\b[^>]*>/g)) {
    const name = /name="([^"]+)"/.exec(input)?.[1];
    const type = /type="([^"]+)"/.exec(input)?.[1];
    if (!name || ((type === "radio" || type === "checkbox") && !/\bchecked\b/.test(input))) continue;
    fields[name] = decode(/value="([^"]*)"/.exec(input)?.[1] ?? "");
  }
  for (const [, name, options] of body.matchAll(/<select[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) {
    fields[name as string] = decode(/<option value="([^"]*)" selected>/.exec(options as string)?.[1] ?? "");
  }
  return fields;
}

/** What a text box on the page holds. */
const valueIn = (html: string, name: string) => new RegExp(`name="${name}" type="text"[^>]*value="([^"]*)"`).exec(html)?.[1];

const headingOf = (html: string) => /<h1 class="govuk-heading-l">([^<]+)<\/h1>/.exec(html)?.[1]?.replace(/&#39;/g, "'");

describe("adding a child, one question page at a time", () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let councilId: string;
  let caseworker: TestClient;
  const children = async (lastName: string) =>
    (await readAs(app.db, { councilId, userId: null }, (trx) => trx.selectFrom("child_case").select("record").execute())).filter(
      (row) => (row.record as { child: { lastName: string } }).child.lastName === lastName,
    ).length;
  const audits = async () =>
    Number(
      (
        await readAs(app.db, { councilId, userId: null }, (trx) =>
          trx
            .selectFrom("audit_event")
            .select((eb) => eb.fn.countAll().as("n"))
            .where("action", "=", "case.created")
            .executeTakeFirstOrThrow(),
        )
      ).n,
    );
  /** Posts a page's answers with what it carried, and answers the page that comes back. */
  const answer = async (page: { text: string }, answers: Record<string, string>, go = "continue") =>
    caseworker.post("/cases/new", { ...formOf(page.text), ...answers, go });

  before(async () => {
    app = await startTestApp();
    councilId = (await app.people.councilIdForCode("DEMO")) as string;
    caseworker = app.client();
    await caseworker.signIn("caseworker@demo-borough.example");
  });
  after(async () => app.stop());

  test("six question pages, then check your answers; the child is saved only on confirming", async () => {
    const auditsBefore = await audits();
    const first = await caseworker.get("/cases/new");
    assert.equal(first.status, 200);
    assert.equal(headingOf(first.text), "What is the child's name?");
    assert.match(first.text, /question 1 of 6/);
    assert.match(first.text, /href="\/cases" class="govuk-back-link">Back</);
    const birth = await answer(first, NAME);
    assert.equal(birth.status, 200);
    assert.equal(headingOf(birth.text), "What is the child's date of birth?");
    // What the first page was told travels on as hidden fields, and Back is a button posting it.
    assert.equal(formOf(birth.text).firstName, "Stepped");
    assert.match(birth.text, /<button type="submit" name="go" value="show:name" class="govuk-back-link app-back-button">Back<\/button>/);
    const sen2 = await answer(birth, BIRTH);
    assert.equal(headingOf(sen2.text), "About the child, for the SEN2 return");
    const identifiers = await answer(sen2, SEN2);
    const needs = await answer(identifiers, IDENTIFIERS);
    const who = await answer(needs, NEEDS);
    assert.equal(headingOf(who.text), "Who is the child's caseworker?");
    const check = await answer(who, {});
    assert.equal(check.status, 200);
    assert.equal(headingOf(check.text), "Check your answers");
    for (const shown of [
      "Stepped",
      "Child",
      "20 May 2015",
      "Female",
      "WBRI",
      "SS2 6ER",
      "B801200005001",
      "Speech, language and communication needs",
    ]) {
      assert.ok(check.text.toUpperCase().includes(shown.toUpperCase()), `check answers shows ${shown}`);
    }
    assert.match(
      check.text,
      /value="show:birth" class="app-link-button govuk-body">Change<span class="govuk-visually-hidden"> date of birth<\/span>/,
    );
    assert.equal(await children("Child"), 0, "nothing saved before confirming");
    assert.equal(await audits(), auditsBefore);

    const saved = await answer(check, {}, "confirm");
    assert.equal(saved.status, 303);
    const caseId = /^\/cases\/([0-9a-f-]{36})$/.exec(saved.headers.get("location") ?? "")?.[1] as string;
    assert.ok(caseId, saved.headers.get("location") ?? "no redirect");
    const record = await readAs(app.db, { councilId, userId: null }, (trx) =>
      trx.selectFrom("child_case").select("record").where("id", "=", caseId).executeTakeFirstOrThrow(),
    );
    const child = (record.record as { child: Record<string, unknown> }).child;
    assert.equal(child.dateOfBirth, "2015-05-20");
    assert.equal(child.postcode, "SS2 6ER");
    assert.equal(child.upn, "B801200005001");
    assert.equal(await audits(), auditsBefore + 1);
  });

  test("a refused page keeps what was typed and names the field; Back and Change lose nothing", async () => {
    const first = await caseworker.get("/cases/new");
    const birth = await answer(first, { firstName: "Refused", lastName: "Kept" });
    const impossible = await answer(birth, { "dateOfBirth-day": "31", "dateOfBirth-month": "2", "dateOfBirth-year": "2015" });
    assert.equal(impossible.status, 400);
    assert.equal(headingOf(impossible.text), "What is the child's date of birth?");
    assert.match(impossible.text, /href="#dateOfBirth-day">Date of birth must be a real date/);
    assert.equal(valueIn(impossible.text, "dateOfBirth-day"), "31");
    assert.equal(formOf(impossible.text).lastName, "Kept", "the earlier answers are still carried");
    // A carried answer is escaped in its hidden field and arrives back exactly as typed.
    const quoted = await answer(first, { firstName: `Zoë "Jo" <b>O'Brien</b>`, lastName: "Kept" });
    assert.doesNotMatch(quoted.text, /<b>O'Brien/);
    assert.equal(formOf(quoted.text).firstName, `Zoë "Jo" <b>O'Brien</b>`);

    // Back from the date page: the name page shows the name given.
    const back = await answer(impossible, {}, "show:name");
    assert.equal(headingOf(back.text), "What is the child's name?");
    assert.equal(valueIn(back.text, "firstName"), "Refused");

    const sen2 = await answer(await answer(back, {}), BIRTH);
    const identifiers = await answer(sen2, SEN2);
    const wrongUpn = await answer(identifiers, { ...IDENTIFIERS, upn: "A801200005001" });
    assert.equal(wrongUpn.status, 400);
    assert.match(wrongUpn.text, /href="#upn">[^<]*check letter/);
    assert.equal(valueIn(wrongUpn.text, "upn"), "A801200005001");
    const check = await answer(await answer(await answer(wrongUpn, IDENTIFIERS), NEEDS), {});
    assert.equal(headingOf(check.text), "Check your answers");

    // Change the name from the check answers page: Continue goes straight back there.
    const change = await answer(check, {}, "show:name");
    assert.equal(headingOf(change.text), "What is the child's name?");
    assert.equal(formOf(change.text).checking, "yes");
    assert.match(change.text, /value="show:check" class="govuk-back-link app-back-button"/);
    const again = await answer(change, { firstName: "Changed", lastName: "Kept" });
    assert.equal(headingOf(again.text), "Check your answers");
    assert.match(again.text, /Changed/);
    assert.equal(await children("Kept"), 0, "nothing saved half-way");
    assert.equal((await answer(again, {}, "confirm")).status, 303);
    assert.equal(await children("Kept"), 1);
  });

  test("forged fields, choices not offered and pages that do not exist are refused; nothing is saved", async () => {
    const first = await caseworker.get("/cases/new");
    const board = await readAs(app.db, { councilId, userId: null }, (trx) =>
      trx.selectFrom("app_user").select("id").where("email", "=", "board@demo-borough.example").executeTakeFirstOrThrow(),
    );
    const forgeries: [string, Record<string, string>, RegExp][] = [
      ["an unknown field", { ...NAME, lastName: "Forged", councilId: randomUUID() }, /The form sent a field it does not have: councilId/],
      ["a sex not offered", { ...NAME, lastName: "Forged", sex: "X" }, /Sex \(as recorded for the SEN2 return\): choose one of the options given/],
      [
        "another council's or a made-up caseworker",
        { ...NAME, lastName: "Forged", caseworker: randomUUID() },
        /Caseworker: choose one of the options given/,
      ],
      ["a board member as caseworker", { ...NAME, lastName: "Forged", caseworker: board.id }, /Caseworker: choose one of the options given/],
      ["a page that does not exist", { ...NAME, lastName: "Forged", go: "show:../../admin" }, /asked for a page it does not have/],
      ["a step that does not exist", { ...NAME, lastName: "Forged", step: "nowhere" }, /asked for a page it does not have/],
    ];
    for (const [what, fields, message] of forgeries) {
      const response = await caseworker.post("/cases/new", { ...formOf(first.text), go: "continue", ...fields });
      assert.equal(response.status, 400, what);
      assert.match(response.text, /There is a problem/, what);
      assert.match(response.text, message, what);
      // And confirming at once is refused the same way.
      if (fields.go || fields.step !== "name") continue;
      const confirmed = await caseworker.post("/cases/new", {
        ...formOf(first.text),
        ...BIRTH,
        ...SEN2,
        ...NEEDS,
        ...fields,
        step: "check",
        go: "confirm",
      });
      assert.equal(confirmed.status, 400, `${what}, confirmed`);
    }
    const twice = await caseworker.request(
      "POST",
      "/cases/new",
      `${new URLSearchParams({ ...formOf(first.text), ...NAME, lastName: "Forged" })}&firstName=Again&go=confirm`,
      { "content-type": "application/x-www-form-urlencoded" },
    );
    assert.equal(twice.status, 400);
    assert.match(twice.text, /firstName must be sent once, as text/);
    assert.equal(await children("Forged"), 0);
  });

  test("the one-page form's post still adds a child; a problem opens the page that asks for it", async () => {
    const csrf = formOf((await caseworker.get("/cases/new")).text)._csrf as string;
    const whole = { _csrf: csrf, firstName: "Whole", lastName: "Form", ...BIRTH, sex: "M", ethnicity: "", postcode: "", ...IDENTIFIERS, ...NEEDS };
    const wrong = await caseworker.post("/cases/new", { ...whole, nhsNumber: "9434765918" });
    assert.equal(wrong.status, 400);
    assert.equal(headingOf(wrong.text), "The child's numbers");
    assert.match(wrong.text, /href="#nhsNumber">/);
    assert.equal(formOf(wrong.text).checking, "yes", "Continue then goes back to check the answers");
    assert.equal(await children("Form"), 0);
    const saved = await caseworker.post("/cases/new", whole);
    assert.equal(saved.status, 303);
    assert.equal(await children("Form"), 1);
  });

  test("a placement is recorded in four question pages; a change by someone else meanwhile is caught on saving", async () => {
    const caseId = (await caseworker.get("/cases/worklists/my-cases")).text.match(/href="\/cases\/([0-9a-f-]{36})"/)?.[1] as string;
    const url = `/cases/${caseId}/record/placementStarted`;
    const events = async () =>
      readAs(app.db, { councilId, userId: null }, (trx) =>
        trx.selectFrom("case_event").select(["kind", "data"]).where("case_id", "=", caseId).orderBy("id").execute(),
      );
    const before = (await events()).length;
    const step = async (page: { text: string }, answers: Record<string, string>, go = "continue") =>
      caseworker.post(url, { ...formOf(page.text), ...answers, go });
    const first = await caseworker.get(url);
    assert.equal(headingOf(first.text), "Which setting is the child placed at?");
    assert.match(first.text, /question 1 of 4/);
    assert.match(formOf(first.text).version ?? "", /^\d+$/, "the version travels with the answers");
    const refused = await step(first, { settingName: "", urn: "12" });
    assert.equal(refused.status, 400);
    assert.match(refused.text, /href="#settingName">Enter the name of the setting/);
    assert.match(refused.text, /href="#urn">A URN or UKPRN is 6 to 8 digits/);
    assert.doesNotMatch(refused.text, /href="#start"/, "only this page's problems");
    const kind = await step(refused, { settingName: "Hill Top Academy", urn: "123456" });
    assert.equal(headingOf(kind.text), "What kind of setting is it?");
    const forged = await step(kind, { settingType: "castle" });
    assert.equal(forged.status, 400);
    assert.match(forged.text, /Type of setting: choose one of the options given/);
    const sen2 = await step(kind, { settingType: "mainstream", outOfAuthority: "yes" });
    assert.equal(headingOf(sen2.text), "More about the place, for the SEN2 return");
    const start = await step(sen2, {});
    const check = await step(start, { "start-day": "1", "start-month": "9", "start-year": "2026" });
    assert.equal(headingOf(check.text), "Check your answers");
    assert.match(check.text, /Outside the council&#39;s area<\/dt>\s*<dd class="govuk-summary-list__value">Yes/);
    assert.match(check.text, /1 September 2026/);
    assert.equal((await events()).length, before, "nothing saved before confirming");

    // Someone else records a visit meanwhile: saving is refused on the check answers page, nothing lost.
    const other = app.client();
    await other.signIn("caseworker@demo-borough.example");
    const visitForm = await other.get(`/cases/${caseId}/record/visitRecorded`);
    const visit = await other.post(`/cases/${caseId}/record/visitRecorded`, {
      ...formOf(visitForm.text),
      "date-day": "2",
      "date-month": "3",
      "date-year": "2026",
    });
    assert.equal(visit.status, 303);
    const conflict = await step(check, {}, "confirm");
    assert.equal(conflict.status, 409);
    assert.equal(headingOf(conflict.text), "Check your answers");
    assert.match(conflict.text, /Someone else recorded something on this case/);
    assert.equal((await events()).length, before + 1, "only the other person's visit");

    // Starting again from the case's new version saves the placement.
    const fresh = formOf((await caseworker.get(url)).text).version as string;
    const saved = await caseworker.post(url, { ...formOf(check.text), version: fresh, go: "confirm" });
    assert.equal(saved.status, 303);
    const last = (await events()).at(-1);
    // The same data the one-page form stored: the answers, nothing else.
    assert.deepEqual(last, {
      kind: "placementStarted",
      data: { settingName: "Hill Top Academy", urn: "123456", settingType: "mainstream", outOfAuthority: "yes", start: "2026-09-01" },
    });
  });
});
