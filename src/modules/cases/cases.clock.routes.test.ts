// Issue 19 on a case: the two wrong answers of the clock, recorded through the case forms and
// checked on the case page and the worklists, on a server whose "today" the test sets.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startTestApp, type TestClient } from "../../platform/testing/test-app.ts";
import { readAs } from "../../platform/transaction.ts";

describe("the clock on a case (STATUTORY.md §4, 2026-12 clarification)", () => {
  let today = "2026-06-23";
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let councilId: string;
  let caseworker: TestClient;
  let caseworkerId: string;

  before(async () => {
    app = await startTestApp({ caseload: 6, today: () => today });
    councilId = (await app.people.councilIdForCode("DEMO")) as string;
    caseworker = app.client();
    await caseworker.signIn("caseworker@demo-borough.example");
    caseworkerId = (
      await readAs(app.db, { councilId, userId: null }, (trx) =>
        trx.selectFrom("app_user").select("id").where("email", "=", "caseworker@demo-borough.example").executeTakeFirstOrThrow(),
      )
    ).id;
  });
  after(async () => app.stop());

  const newCase = async (firstName: string) =>
    (
      await app.cases.createCase(
        { id: caseworkerId, councilId, roles: ["caseworker"] },
        {
          firstName,
          lastName: "Clockcase",
          "dateOfBirth-day": "3",
          "dateOfBirth-month": "4",
          "dateOfBirth-year": "2014",
          sex: "F",
          primaryNeed: "ASD",
        },
      )
    ).id;

  /** Fills in and sends an event's form, as a caseworker would. Dates are YYYY-MM-DD. */
  const record = async (caseId: string, kind: string, fields: Record<string, string>) => {
    const form = await caseworker.get(`/cases/${caseId}/record/${kind}`);
    assert.equal(form.status, 200, kind);
    const body: Record<string, string> = {
      _csrf: /name="_csrf" value="([^"]+)"/.exec(form.text)?.[1] as string,
      version: /name="version" value="([^"]+)"/.exec(form.text)?.[1] as string,
    };
    for (const [name, value] of Object.entries(fields)) {
      const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
      if (date) {
        body[`${name}-day`] = String(Number(date[3]));
        body[`${name}-month`] = String(Number(date[2]));
        body[`${name}-year`] = date[1] as string;
      } else body[name] = value;
    }
    const response = await caseworker.post(`/cases/${caseId}/record/${kind}`, body);
    assert.equal(response.status, 303, `${kind}: ${response.text.match(/govuk-error-summary__list[\s\S]*?<\/ul>/)?.[0] ?? ""}`);
  };

  /** The case page's deadline rows, each in words: "<label> <step>. <counted from>. <law>. <date> <status>". */
  const deadlinesOnPage = async (caseId: string) => {
    const page = await caseworker.get(`/cases/${caseId}`);
    assert.equal(page.status, 200);
    const table = /Statutory deadlines on[\s\S]*?<\/table>/.exec(page.text)?.[0] ?? "";
    return [...table.matchAll(/<tr class="govuk-table__row">([\s\S]*?)<\/tr>/g)]
      .map((m) =>
        (m[1] as string)
          .replace(/<[^>]+>/g, " ")
          .replace(/\s+/g, " ")
          .trim(),
      )
      .filter((row) => !row.startsWith("What must happen"));
  };
  const rowFor = (rows: string[], label: string) => rows.filter((row) => row.startsWith(label));

  /** The worklist rows of one case, in words (the worklists as worked out today). */
  const rowsOn = async (list: string, caseId: string) => {
    // Worked out again as of the test's day, as the nightly refresh does.
    await readAs(app.db, { councilId, userId: null }, (trx) =>
      trx.updateTable("child_case").set({ derived_on: "2020-01-01" }).where("id", "=", caseId).execute(),
    );
    const page = await caseworker.get(`/cases/worklists/${list}`);
    assert.equal(page.status, 200);
    return [...page.text.matchAll(new RegExp(`href="/cases/${caseId}"[\\s\\S]*?</tr>`, "g"))].map((m) =>
      m[0].replace(/<[^>]+>/g, " ").replace(/\s+/g, " "),
    );
  };

  test("issue 19 (a): a review decision made before the day counts, although a later amendment notice is on record", async () => {
    today = "2026-06-23";
    const caseId = await newCase("Ada");
    await record(caseId, "requestReceived", { received: "2025-01-06", requestedBy: "parent" });
    await record(caseId, "decisionRecorded", { outcome: "assess", date: "2025-02-10" });
    await record(caseId, "finalPlanIssued", { date: "2025-05-19" });
    await record(caseId, "reviewMeeting", { meeting: "2026-05-26" });
    await record(caseId, "reviewReportCirculated", { date: "2026-06-02" });
    await record(caseId, "reviewDecision", { outcome: "amend", date: "2026-06-15" });
    await record(caseId, "amendmentNoticeSent", { date: "2026-06-23" });

    // As of 16 June the notice has not been sent yet; the decision of 15 June has.
    today = "2026-06-16";
    const rows = await deadlinesOnPage(caseId);
    const decision = rowFor(rows, "Decision after the review");
    assert.equal(decision.length, 1, rows.join("\n"));
    assert.match(decision[0] as string, /23 June 2026 Met on time$/);
    assert.deepEqual(rowFor(rows, "Final amended plan"), [], "the amendment's own deadlines wait for the notice");
    // Worklists follow: nothing about the decision is due soon or overdue.
    for (const list of ["due-soon", "overdue"]) {
      assert.deepEqual(
        (await rowsOn(list, caseId)).filter((row) => row.includes("Decision after the review")),
        [],
        list,
      );
    }
    // A week later the notice has been sent and the final amended plan is counted from it.
    today = "2026-06-24";
    const later = await deadlinesOnPage(caseId);
    assert.match(rowFor(later, "Decision after the review")[0] as string, /23 June 2026 Met on time$/);
    assert.match(rowFor(later, "Final amended plan")[0] as string, /18 August 2026 Not yet due$/);
  });

  test("issue 19 (b): a child whose plan was transferred in is not overdue for review; the new council's review is due by transfer.reviewBy", async () => {
    today = "2026-05-02";
    const caseId = await newCase("Bea");
    await record(caseId, "planTransferredIn", { made: "2025-01-18", transferred: "2026-03-19", from: "Elsewhere Council" });

    const rows = await deadlinesOnPage(caseId);
    assert.match(rowFor(rows, "First review after the transfer in")[0] ?? rows.join("\n"), /18 June 2026 Not yet due$/);
    assert.deepEqual(rowFor(rows, "Annual review"), []);
    assert.ok(!rows.some((row) => row.includes("17 January 2026")), rows.join("\n"));
    // Not on the overdue list from the day they arrive (telling the family is not a recorded step).
    assert.deepEqual(await rowsOn("overdue", caseId), []);

    // In June the review is on the "reviews this month" list, under the transfer's date.
    today = "2026-06-05";
    const reviews = await rowsOn("reviews-this-month", caseId);
    assert.equal(reviews.length, 1);
    assert.match(reviews[0] as string, /First review after the transfer in due 18 June 2026/);

    // Once the new council holds its review, the 12-month cycle runs from that meeting.
    today = "2026-06-20";
    await record(caseId, "reviewMeeting", { meeting: "2026-06-10" });
    const held = await deadlinesOnPage(caseId);
    assert.match(rowFor(held, "First review after the transfer in")[0] ?? held.join("\n"), /18 June 2026 Met on time$/);
    assert.match(rowFor(held, "Next annual review")[0] ?? held.join("\n"), /9 June 2027 Not yet due$/);
    assert.deepEqual(rowFor(held, "Annual review "), []);
    assert.deepEqual(
      (await rowsOn("overdue", caseId)).filter((row) => /review/i.test(row) && !/report/i.test(row)),
      [],
    );
  });

  test("the transfer-in form names what is wrong and saves nothing", async () => {
    today = "2026-05-02";
    const caseId = await newCase("Cy");
    const form = await caseworker.get(`/cases/${caseId}/record/planTransferredIn`);
    const response = await caseworker.post(`/cases/${caseId}/record/planTransferredIn`, {
      _csrf: /name="_csrf" value="([^"]+)"/.exec(form.text)?.[1] as string,
      version: /name="version" value="([^"]+)"/.exec(form.text)?.[1] as string,
      "made-day": "18",
      "made-month": "1",
      "made-year": "2026",
      "transferred-day": "19",
      "transferred-month": "3",
      "transferred-year": "2025",
    });
    assert.equal(response.status, 400);
    assert.match(response.text, /href="#transferred-day">The transfer cannot be before the plan was made/);
    const events = await readAs(app.db, { councilId, userId: null }, (trx) =>
      trx.selectFrom("case_event").select("kind").where("case_id", "=", caseId).execute(),
    );
    assert.deepEqual(
      events.map((e) => e.kind),
      ["childRegistered"],
    );
  });
});
