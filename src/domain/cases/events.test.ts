import assert from "node:assert/strict";
import { test } from "node:test";
import { applyCaseEvent, type CaseEvent } from "./events.ts";
import type { CaseRecord } from "./types.ts";

const TODAY = "2026-11-24";
let n = 0;
const newId = () => `id-${++n}`;

function emptyCase(): CaseRecord {
  return {
    id: "case-1",
    child: {
      id: "child-1",
      firstName: "Ada",
      lastName: "Test",
      dateOfBirth: "2015-05-20",
      sex: "F",
      ethnicity: "NOBT",
      postcode: "",
      needs: [],
      caseworker: { id: "cw", name: "Chris" },
    },
    requests: [],
    plans: [],
    placements: [],
    awaitingProvision: [],
    missingEducation: [],
    monitoringVisits: [],
    reviews: [],
    phaseTransfers: [],
  };
}

function run(record: CaseRecord, ...events: CaseEvent[]): CaseRecord {
  let current = record;
  for (const event of events) {
    const result = applyCaseEvent(current, event, TODAY, newId);
    if (!result.ok) assert.fail(`${event.kind}: ${JSON.stringify(result.problems)}`);
    current = result.record;
  }
  return current;
}

const withPlan = () =>
  run(
    emptyCase(),
    { kind: "requestReceived", data: { received: "2025-01-06", requestedBy: "parent" } },
    { kind: "decisionRecorded", data: { outcome: "assess", date: "2025-02-10" } },
    { kind: "finalPlanIssued", data: { date: "2025-05-19" } },
  );

test("the assessment pathway builds a request and, with the final plan, a plan", () => {
  const record = withPlan();
  assert.equal(record.requests.length, 1);
  assert.equal(record.requests[0]?.decision?.outcome, "assess");
  assert.deepEqual(
    record.plans.map((p) => p.made),
    ["2025-05-19"],
  );
});

test("the review cycle: meeting, report, notice, amended plan (which adds a plan version); plan ceased with its SEN2 reason", () => {
  const record = run(
    withPlan(),
    { kind: "reviewMeeting", data: { meeting: "2026-05-01" } },
    { kind: "reviewReportCirculated", data: { date: "2026-05-12" } },
    { kind: "amendmentNoticeSent", data: { date: "2026-05-26" } },
    { kind: "amendedPlanIssued", data: { date: "2026-07-10" } },
    { kind: "phaseTransferRecorded", data: { year: "2027", kind: "school" } },
    { kind: "planCeased", data: { date: "2026-11-01", reason: "5" } },
  );
  const review = record.reviews[0];
  assert.deepEqual([review?.reportCirculated, review?.amendmentNoticeSent, review?.amendedPlanIssued], ["2026-05-12", "2026-05-26", "2026-07-10"]);
  assert.equal(record.plans[0]?.versions.length, 2);
  assert.deepEqual(record.phaseTransfers, [{ year: 2027, kind: "school" }]);
  assert.deepEqual(record.plans[0]?.ceased, { date: "2026-11-01", reason: 5 });
});

test("contacts, exceptions, mediation, withdrawal and missing education are recorded", () => {
  const record = run(
    emptyCase(),
    { kind: "contactAdded", data: { name: "Sam Test", relationship: "Mother", phone: "01632 960 001", parentalResponsibility: "yes" } },
    { kind: "requestReceived", data: { received: "2026-03-02", requestedBy: "school" } },
    { kind: "exceptionRecorded", data: { ground: "absence", from: "2026-04-01", to: "2026-05-15", reason: "Family abroad" } },
    { kind: "mediationAndAppeal", data: { decisionNoticeSent: "2026-06-01", placementOnlyAppeal: "yes" } },
    { kind: "requestWithdrawn", data: { date: "2026-07-01", reason: "Family moved" } },
    { kind: "missingEducationStarted", data: { from: "2026-09-10" } },
    { kind: "missingEducationEnded", data: { to: "2026-10-01" } },
  );
  assert.equal(record.child.contacts?.[0]?.parentalResponsibility, true);
  assert.equal(record.requests[0]?.exceptions[0]?.ground, "absence");
  assert.equal(record.requests[0]?.mediation?.placementOnlyAppeal, true);
  assert.equal(record.requests[0]?.withdrawn?.date, "2026-07-01");
  assert.deepEqual(record.missingEducation, [{ from: "2026-09-10", to: "2026-10-01" }]);
});

test("impossible orders and bad values are refused, naming the field", () => {
  const cases: [string, CaseRecord, CaseEvent, string, RegExp][] = [
    [
      "final plan before the request",
      withPlan(),
      { kind: "finalPlanIssued", data: { date: "2024-12-01" } },
      "date",
      /before the request was received/,
    ],
    ["review before the plan", withPlan(), { kind: "reviewMeeting", data: { meeting: "2025-05-01" } }, "meeting", /before the plan was made/],
    ["impossible date", emptyCase(), { kind: "requestReceived", data: { received: "2026-02-30", requestedBy: "parent" } }, "received", /real date/],
    [
      "future request",
      emptyCase(),
      { kind: "requestReceived", data: { received: "2027-01-01", requestedBy: "parent" } },
      "received",
      /today or in the past/,
    ],
    [
      "amended plan before a notice",
      run(withPlan(), { kind: "reviewMeeting", data: { meeting: "2026-05-01" } }),
      { kind: "amendedPlanIssued", data: { date: "2026-06-01" } },
      "date",
      /amendment notice first/,
    ],
    ["unknown cease reason", withPlan(), { kind: "planCeased", data: { date: "2026-01-01", reason: "12" } }, "reason", /cease reason/],
    [
      "exception with no reason",
      withPlan(),
      { kind: "exceptionRecorded", data: { ground: "absence", from: "2025-02-01", to: "2025-03-01" } },
      "reason",
      /explained/,
    ],
    [
      "withdrawing a request that has a plan",
      withPlan(),
      { kind: "requestWithdrawn", data: { date: "2025-06-01" } },
      "date",
      /cease the plan instead/,
    ],
    [
      "refusal without reasons",
      run(emptyCase(), { kind: "requestReceived", data: { received: "2026-01-05", requestedBy: "parent" } }),
      { kind: "decisionRecorded", data: { outcome: "refuse", date: "2026-02-01" } },
      "reasons",
      /reasons/,
    ],
    ["an unknown kind", emptyCase(), { kind: "teleported" as never, data: {} }, "kind", /not something that can be recorded/],
  ];
  for (const [what, record, event, field, message] of cases) {
    const result = applyCaseEvent(record, event, TODAY, newId);
    assert.equal(result.ok, false, what);
    if (!result.ok) {
      assert.equal(result.problems[0]?.field, field, what);
      assert.match(result.problems[0]?.message ?? "", message, what);
    }
  }
});

test("applying an event never changes the record it was given", () => {
  const record = withPlan();
  const before = JSON.stringify(record);
  run(record, { kind: "reviewMeeting", data: { meeting: "2026-05-01" } });
  assert.equal(JSON.stringify(record), before);
});

test("over-long text is refused, never cut short", () => {
  const result = applyCaseEvent(
    emptyCase(),
    { kind: "placementStarted", data: { settingName: "School", urn: "123456789", settingType: "mainstream", start: "2026-09-01" } },
    TODAY,
    newId,
  );
  assert.equal(result.ok, false);
  if (!result.ok) assert.equal(result.problems[0]?.field, "urn");
});

test("a plan transferred in from another council (Regs 15) becomes the plan in force, with its transfer", () => {
  const record = run(emptyCase(), {
    kind: "planTransferredIn",
    data: { made: "2025-01-18", transferred: "2026-03-19", lastReview: "2025-12-10", from: "Elsewhere Council" },
  });
  assert.deepEqual(record.plans[0]?.made, "2025-01-18");
  assert.deepEqual(record.plans[0]?.transferredIn, { date: "2026-03-19", from: "Elsewhere Council", lastReview: "2025-12-10" });
  const refused: [CaseRecord, Record<string, string>, string, RegExp][] = [
    [emptyCase(), { made: "2026-01-18", transferred: "2025-03-19" }, "transferred", /cannot be before the plan was made/],
    [emptyCase(), { made: "2025-01-18", transferred: "2026-03-19", lastReview: "2026-04-01" }, "lastReview", /on or before the transfer/],
    [emptyCase(), { made: "2025-01-18", transferred: "2027-03-19" }, "transferred", /today or in the past/],
    [withPlan(), { made: "2025-01-18", transferred: "2026-03-19" }, "transferred", /already has a plan in force/],
  ];
  for (const [record_, data, field, message] of refused) {
    const result = applyCaseEvent(record_, { kind: "planTransferredIn", data }, TODAY, newId);
    assert.equal(result.ok, false, JSON.stringify(data));
    if (!result.ok)
      assert.ok(
        result.problems.some((p) => p.field === field && message.test(p.message)),
        JSON.stringify(result.problems),
      );
  }
});
