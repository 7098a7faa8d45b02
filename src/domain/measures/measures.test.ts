// A council's SEN2 figures for a year, from hand-made cases whose answers can be worked out on
// paper: which requests, decisions and plans fall in the year, which were in time, and which had
// their 20 weeks relieved by an exception.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { type AssessmentRequest, type CaseRecord, newCaseRecord, type Plan } from "../cases/types.ts";
import { censusDay, measuresForYear } from "./measures.ts";

function caseWith(id: string, requests: Partial<AssessmentRequest>[], plans: Partial<Plan>[] = []): CaseRecord {
  const record = newCaseRecord(id, {
    id: `child-${id}`,
    firstName: "Test",
    lastName: id,
    dateOfBirth: "2015-05-01",
    sex: "F",
    ethnicity: "NOBT",
    postcode: "",
    needs: [],
    caseworker: { id: "cw", name: "Caseworker" },
  });
  record.requests = requests.map((r, i) => ({
    id: `${id}-r${i}`,
    received: "2025-01-01",
    requestedBy: "parent",
    adviceRequests: [],
    exceptions: [],
    ...r,
  }));
  record.plans = plans.map((p, i) => ({ id: `${id}-p${i}`, made: "2020-01-01", versions: [], ...p }));
  return record;
}

const records = [
  // Decided in 5 weeks, plan in 19: both in time.
  caseWith("r1", [{ received: "2025-01-06", decision: { date: "2025-02-10", outcome: "assess" }, finalPlanIssued: "2025-05-19" }]),
  // Decided in 7 weeks, plan in 23: both late.
  caseWith("r2", [{ received: "2025-02-03", decision: { date: "2025-03-24", outcome: "assess" }, finalPlanIssued: "2025-07-14" }]),
  // Refused in 5 weeks.
  caseWith("r3", [{ received: "2025-03-03", decision: { date: "2025-04-07", outcome: "refuse" } }]),
  // Plan late, but the family's exceptional circumstances relieved the 20 weeks (reg 13(3)(c)).
  caseWith("r4", [
    {
      received: "2025-01-13",
      decision: { date: "2025-02-17", outcome: "assess" },
      finalPlanIssued: "2025-07-07",
      exceptions: [{ ground: "personal-circumstances", from: "2025-03-03", to: "2025-04-30", reason: "Parent in hospital" }],
    },
  ]),
  // Asked for in 2024, plan issued in 2025 within 18 weeks: a 2025 plan, not a 2025 request.
  caseWith("r5", [{ received: "2024-11-04", decision: { date: "2024-12-09", outcome: "assess" }, finalPlanIssued: "2025-03-10" }]),
  // Plans on the census day (16 January 2025): one in force, one ceased before, one made after
  // (and the two plans of the review cases below, also in force).
  caseWith("p1", [], [{ made: "2024-06-03" }]),
  caseWith("p2", [], [{ made: "2022-09-01", ceased: { date: "2025-01-10", reason: 2 } as Plan["ceased"] }]),
  caseWith("p3", [], [{ made: "2025-02-03" }]),
  // Annual reviews in 2025: one within 12 months of the plan, one after them; one booked for 2026.
  withReviews(caseWith("v1", [], [{ made: "2024-03-01" }]), ["2025-02-20"]),
  withReviews(caseWith("v2", [], [{ made: "2024-01-10" }]), ["2025-03-01", "2026-02-20"]),
];

function withReviews(record: CaseRecord, meetings: string[]): CaseRecord {
  record.reviews = meetings.map((meeting, i) => ({ id: `${record.id}-v${i}`, meeting }));
  return record;
}

describe("SEN2 measures for a year", () => {
  test("the census day is the third Thursday of January", () => {
    assert.equal(censusDay(2025), "2025-01-16");
    assert.equal(censusDay(2026), "2026-01-15");
    assert.equal(censusDay(2027), "2027-01-21");
  });

  test("requests, refusals, decisions and new plans of 2025, each with what it is of", () => {
    const { values, censusDay: census } = measuresForYear(records, 2025);
    assert.equal(census, "2025-01-16");
    const first = [
      "plansOnCensusDay",
      "requests",
      "refusalRate",
      "decisionsWithin6Weeks",
      "newPlans",
      "within20WeeksInclExceptions",
      "within20WeeksExclExceptions",
      "reviewsOnTime",
    ];
    const byId = Object.fromEntries(values.filter((v) => first.includes(v.id)).map((v) => [v.id, [v.value, v.numerator, v.denominator]]));
    assert.deepEqual(byId, {
      plansOnCensusDay: [3, 3, null],
      requests: [4, 4, null],
      refusalRate: [25, 1, 4],
      decisionsWithin6Weeks: [75, 3, 4],
      newPlans: [4, 4, null],
      within20WeeksInclExceptions: [50, 2, 4],
      within20WeeksExclExceptions: [66.7, 2, 3],
      reviewsOnTime: [50, 1, 2],
    });
  });

  test("England's figures for the year sit beside the council's; none where none are published", () => {
    const y2024 = Object.fromEntries(measuresForYear([], 2024).values.map((v) => [v.id, v.england]));
    assert.equal(y2024.within20WeeksInclExceptions, 45.9);
    assert.equal(y2024.within20WeeksExclExceptions, 46.4);
    assert.equal(y2024.refusalRate, 25.2); // 38,889 of 154,489 requests
    assert.equal(y2024.decisionsWithin6Weeks, null);
    const y2025 = measuresForYear(records, 2025).values.find((v) => v.id === "within20WeeksInclExceptions");
    assert.equal(y2025?.england, null);
  });

  test("a review meeting booked for later in the year is not counted until it has been held", () => {
    const reviewsOn = (today: string) => measuresForYear(records, 2026, { today }).values.find((v) => v.id === "reviewsOnTime");
    assert.deepEqual([reviewsOn("2026-01-31")?.value, reviewsOn("2026-01-31")?.denominator], [null, 0]);
    // Held on 20 February 2026, within 12 months of the review on 1 March 2025.
    assert.deepEqual([reviewsOn("2026-11-24")?.value, reviewsOn("2026-11-24")?.numerator], [100, 1]);
  });

  test("the first review after a transfer in is on time by transfer.reviewBy, not 12 months from the plan (STATUTORY.md §4)", () => {
    // Made 18 January 2025, transferred in 19 March 2026: review due by 18 June 2026 (3 months from
    // the transfer, later than 17 January 2026). Held 10 June: on time; held 20 June: late.
    const transferred = (id: string, meeting: string) =>
      withReviews(caseWith(id, [], [{ made: "2025-01-18", transferredIn: { date: "2026-03-19", from: "Elsewhere" } }]), [meeting]);
    const onTime = (meeting: string) =>
      measuresForYear([transferred("t1", meeting)], 2026, { today: "2026-11-24" }).values.find((v) => v.id === "reviewsOnTime");
    assert.deepEqual([onTime("2026-06-10")?.numerator, onTime("2026-06-10")?.denominator], [1, 1]);
    assert.deepEqual([onTime("2026-06-20")?.numerator, onTime("2026-06-20")?.denominator], [0, 1]);
  });

  test("a year with nothing to count gives no percentage rather than 0%", () => {
    const none = measuresForYear(records, 2019).values.find((v) => v.id === "within20WeeksInclExceptions");
    assert.deepEqual([none?.value, none?.denominator], [null, 0]);
  });
});
