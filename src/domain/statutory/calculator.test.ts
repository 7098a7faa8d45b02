import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { englandAndWalesCalendar } from "../bank-holidays.ts";
import { fromDayNumber, toDayNumber } from "../dates.ts";
import {
  type CalculatorResult,
  calculateDeadlines,
  DEADLINE_STATUSES,
  type Deadline,
  evaluateCalculatorRequest,
  hasTwentyWeekException,
} from "./calculator.ts";
import type { CalculatorEvents, CalculatorInput } from "./input.ts";
import { DEADLINE_KEYS, describeDeadline, rulesForKey, STATUTORY_RULES } from "./rules.ts";

const calendar = englandAndWalesCalendar();
const TODAY = "2026-11-24";

function run(input: CalculatorInput, dueSoonDays?: number): CalculatorResult {
  return calculateDeadlines(input, { today: TODAY, calendar, ...(dueSoonDays === undefined ? {} : { dueSoonDays }) });
}

function find(result: CalculatorResult, key: string, subject?: string): Deadline {
  const found = result.deadlines.find((d) => d.key === key && d.subject === subject);
  assert.ok(found, `${key}${subject ? ` (${subject})` : ""} is in ${JSON.stringify(result.deadlines.map((d) => [d.key, d.subject]))}`);
  return found;
}

describe("every rule key (every time limit of rules.ts)", () => {
  // [key, subject, events, due, practical?]
  const rows: [string, string | undefined, CalculatorEvents, string, string?][] = [
    ["assessment.decision", undefined, { requestReceived: "2025-09-08" }, "2025-10-20"],
    ["advice.due", "Educational psychology", { adviceRequests: [{ service: "Educational psychology", received: "2025-10-27" }] }, "2025-12-08"],
    ["advice.due", "advice request 1", { adviceRequests: [{ received: "2025-11-20" }] }, "2026-01-01", "2025-12-31"],
    ["assessment.noPlanNotice", undefined, { requestReceived: "2025-09-08" }, "2025-12-29"],
    ["draft.representationsEnd", undefined, { draftServed: "2025-12-15" }, "2025-12-29"],
    ["assessment.finalPlan", undefined, { requestReceived: "2025-09-08" }, "2026-01-26"],
    ["review.due", undefined, { planMade: "2025-03-10" }, "2026-03-09"],
    ["review.due", undefined, { planMade: "2024-02-29" }, "2025-02-28"],
    ["review.due", undefined, { planMade: "2023-05-01", previousReviewMeeting: "2025-06-20" }, "2026-06-19"],
    ["review.due", "next review", { planMade: "2024-12-02", reviewMeeting: "2025-11-19" }, "2026-11-18"],
    ["review.underFive", "3 months", { planMade: "2025-03-10", childUnderFive: true }, "2025-06-09"],
    ["review.underFive", "6 months", { planMade: "2025-03-10", childUnderFive: true }, "2025-09-09"],
    ["review.invitationsBy", undefined, { planMade: "2025-03-10", reviewMeeting: "2026-01-06" }, "2025-12-23"],
    ["review.reportBy", undefined, { reviewMeeting: "2025-11-19" }, "2025-12-03"],
    ["review.decisionBy", undefined, { reviewMeeting: "2025-11-19" }, "2025-12-17"],
    ["amendment.representationsEnd", undefined, { amendmentNoticeSent: "2025-12-17" }, "2025-12-31"],
    ["amendment.finalBy", undefined, { amendmentNoticeSent: "2025-12-17" }, "2026-02-11"],
    ["phaseTransfer.school", undefined, { planMade: "2023-05-01", transferKind: "school", transferYear: 2026 }, "2026-02-14", "2026-02-13"],
    ["phaseTransfer.post16", undefined, { planMade: "2023-05-01", transferKind: "post16", transferYear: 2026 }, "2026-03-30"],
    ["phaseTransfer.post16Other", undefined, { planMade: "2023-05-01", transferKind: "post16Other", transferDate: "2026-09-01" }, "2026-04-01"],
    ["reassessment.decision", undefined, { reassessmentRequestReceived: "2025-12-01" }, "2025-12-16"],
    ["reassessment.finalPlan", undefined, { reassessmentDecisionNotified: "2025-12-10" }, "2026-03-18"],
    ["transfer.planTransferBy", undefined, { oldCouncilAware: "2025-12-15" }, "2026-01-07"],
    ["transfer.planTransferBy", undefined, { oldCouncilAware: "2025-12-15", moveDate: "2026-02-20" }, "2026-02-20"],
    ["transfer.planTransferBy", undefined, { oldCouncilAware: "2025-12-15", moveDate: "2025-12-20" }, "2026-01-07"],
    ["transfer.notifyBy", undefined, { transferredIn: "2026-01-05" }, "2026-02-16"],
    ["transfer.reviewBy", undefined, { transferredIn: "2026-01-05", previousReviewMeeting: "2025-06-20" }, "2026-06-19"],
    ["transfer.reviewBy", undefined, { transferredIn: "2026-01-05", planMade: "2024-09-01" }, "2026-04-04"],
    ["transfer.reviewBy", undefined, { transferredIn: "2026-01-05" }, "2026-04-04"],
    ["mediation.contactBy", undefined, { decisionNoticeSent: "2025-10-31" }, "2025-12-31"],
    ["mediation.certificateBy", undefined, { mediationAdviserTold: "2025-12-23" }, "2025-12-30"],
    ["appeal.lodgeBy", undefined, { decisionNoticeSent: "2025-12-31", placementOnlyAppeal: true }, "2026-03-02", "2026-03-02"],
    ["appeal.lodgeBy", undefined, { decisionNoticeSent: "2025-12-31", mediationCertificateIssued: "2026-02-10" }, "2026-03-10"],
    ["appeal.lodgeBy", undefined, { decisionNoticeSent: "2025-10-27" }, "2026-01-02"],
    ["appeal.lodgeBy", undefined, { decisionNoticeSent: "2026-06-15" }, "2026-09-01"],
    ["order.notify", undefined, { tribunalOrder: { date: "2026-03-20", kind: "assess" } }, "2026-04-03", "2026-04-02"],
    ["order.noPlanDecision", undefined, { tribunalOrder: { date: "2026-03-20", kind: "assess" } }, "2026-05-29"],
    ["order.finalPlan", undefined, { tribunalOrder: { date: "2026-03-20", kind: "assess" } }, "2026-06-26"],
    ["order.draft", undefined, { tribunalOrder: { date: "2026-03-20", kind: "makePlan" } }, "2026-04-24"],
    ["order.finalPlan", undefined, { tribunalOrder: { date: "2026-03-20", kind: "makePlan" } }, "2026-06-05"],
    ["order.amendedPlan", undefined, { tribunalOrder: { date: "2026-03-20", kind: "amend" } }, "2026-04-24"],
    ["order.placement", undefined, { tribunalOrder: { date: "2026-03-20", kind: "placement" } }, "2026-04-03", "2026-04-02"],
    ["unopposed.notify", undefined, { unopposedNotice: { date: "2026-03-20", kind: "assessment" } }, "2026-04-03"],
    ["unopposed.noPlanDecision", undefined, { unopposedNotice: { date: "2026-03-20", kind: "assessment" } }, "2026-05-29"],
    ["unopposed.finalPlan", undefined, { unopposedNotice: { date: "2026-03-20", kind: "assessment" } }, "2026-06-26"],
    ["unopposed.amendedPlan", undefined, { unopposedNotice: { date: "2026-03-20", kind: "contents" } }, "2026-04-24"],
  ];

  for (const [key, subject, events, due, practical] of rows) {
    test(`${key}${subject ? ` (${subject})` : ""} from ${JSON.stringify(events)} is due ${due}`, () => {
      // As of a date after every event: later events would be set aside (§4).
      const deadline = find(run({ asOf: "2026-11-24", events }), key, subject);
      assert.equal(deadline.due, due);
      assert.equal(deadline.practical, practical ?? calendar.lastWorkingDayOnOrBefore(due));
      assert.equal(deadline.provision, rulesForKey(key)[0]?.provision);
    });
  }

  test("the table covers every key", () => {
    const covered = new Set(rows.map((row) => row[0]));
    for (const key of DEADLINE_KEYS) assert.ok(covered.has(key), key);
  });

  test("an order to assess gives exactly its three deadlines", () => {
    const result = run({ events: { tribunalOrder: { date: "2026-03-20", kind: "assess" } } });
    assert.deepEqual(
      result.deadlines.map((d) => d.key),
      ["order.notify", "order.noPlanDecision", "order.finalPlan"],
    );
  });

  test("no events, no deadlines", () => {
    assert.deepEqual(run({}), { deadlines: [], warnings: [] });
    assert.deepEqual(run({ events: {} }), { deadlines: [], warnings: [] });
  });

  test("each deadline has exactly the contract's fields, in order", () => {
    const result = run({
      asOf: "2026-02-01",
      events: { requestReceived: "2025-09-08", finalPlanIssued: "2026-01-30", adviceRequests: [{ service: "Health", received: "2025-10-01" }] },
    });
    const allowed = ["key", "due", "practical", "status", "provision", "subject", "daysLate", "relievedBy"];
    for (const d of result.deadlines) {
      const keys = Object.keys(d);
      assert.deepEqual(keys.slice(0, 5), ["key", "due", "practical", "status", "provision"]);
      for (const k of keys) assert.ok(allowed.includes(k), k);
      assert.ok((DEADLINE_STATUSES as readonly string[]).includes(d.status));
    }
  });
});

describe("rules as data", () => {
  test("every row cites its provision and explains itself in plain English", () => {
    for (const rule of STATUTORY_RULES) {
      assert.match(rule.provision, /(Regulations|Act|Rules|Code of Practice)/, rule.key);
      assert.ok(rule.basis.length > 40, rule.key);
      assert.ok(rule.step.length > 10, rule.key);
      assert.ok(rule.starts.length >= 1, rule.key);
    }
  });

  test("describeDeadline gives the basis for every key", () => {
    for (const key of DEADLINE_KEYS) {
      const description = describeDeadline(key);
      assert.ok(description, key);
      assert.equal(description.key, key);
    }
    assert.equal(describeDeadline("no.such"), undefined);
    assert.equal(describeDeadline("appeal.lodgeBy")?.movesOffNonWorkingDays, true);
    assert.equal(describeDeadline("review.underFive")?.advisory, true);
  });
});

describe("status of a deadline as of a date", () => {
  // Request on Monday 2 March 2026: the decision is due Monday 13 April 2026.
  const events = { requestReceived: "2026-03-02" };
  const statusOn = (asOf: string, extra: CalculatorEvents = {}, dueSoonDays?: number) =>
    find(run({ asOf, events: { ...events, ...extra } }, dueSoonDays), "assessment.decision");

  test("not yet due", () => assert.equal(statusOn("2026-03-02").status, "not yet due"));
  test("not yet due at 15 days", () => assert.equal(statusOn("2026-03-29").status, "not yet due"));
  test("due soon at 14 days", () => assert.equal(statusOn("2026-03-30").status, "due soon"));
  test("due soon at 1 day", () => assert.equal(statusOn("2026-04-12").status, "due soon"));
  test("due today", () => assert.equal(statusOn("2026-04-13").status, "due today"));
  test("overdue the day after", () => assert.equal(statusOn("2026-04-14").status, "overdue"));
  test("due soon is configurable", () => assert.equal(statusOn("2026-03-20", {}, 30).status, "due soon"));
  test("met on time on the due day", () => assert.equal(statusOn("2026-05-01", { decisionNotified: "2026-04-13" }).status, "met on time"));
  test("met late, with the days late", () => {
    const deadline = statusOn("2026-05-01", { decisionNotified: "2026-04-20" });
    assert.equal(deadline.status, "met late");
    assert.equal(deadline.daysLate, 7);
  });
  test("an event after the as-of date does not count yet, and says so", () => {
    const result = run({ asOf: "2026-04-01", events: { ...events, decisionNotified: "2026-04-10" } });
    assert.equal(find(result, "assessment.decision").status, "due soon");
    assert.ok(result.warnings.some((w) => w.includes("events.decisionNotified (2026-04-10) is after the as-of date")));
  });
  test("asOf defaults to today", () => {
    const result = calculateDeadlines({ events }, { today: "2026-04-13", calendar });
    assert.equal(find(result, "assessment.decision").status, "due today");
  });
  test("a new plan on request + 140 days is within 20 weeks", () => {
    const result = run({ asOf: "2026-12-01", events: { requestReceived: "2025-09-08", finalPlanIssued: "2026-01-26" } });
    assert.equal(find(result, "assessment.finalPlan").status, "met on time");
    const late = run({ asOf: "2026-12-01", events: { requestReceived: "2025-09-08", finalPlanIssued: "2026-01-27" } });
    assert.equal(find(late, "assessment.finalPlan").status, "met late");
    assert.equal(find(late, "assessment.finalPlan").daysLate, 1);
  });
  test("not applicable: no-plan notice once a plan is issued, final plan once a no-plan notice is sent", () => {
    const planned = run({ asOf: "2026-02-01", events: { requestReceived: "2025-09-08", draftServed: "2025-12-15", finalPlanIssued: "2026-01-05" } });
    assert.equal(find(planned, "assessment.noPlanNotice").status, "not applicable");
    assert.equal(find(planned, "assessment.finalPlan").status, "met on time");
    const refused = run({ asOf: "2026-02-01", events: { requestReceived: "2025-09-08", noPlanNoticeSent: "2025-12-20" } });
    assert.equal(find(refused, "assessment.noPlanNotice").status, "met on time");
    assert.equal(find(refused, "assessment.finalPlan").status, "not applicable");
  });
  test("not applicable: no mediation adviser needed for a placement-only appeal", () => {
    const result = run({ events: { decisionNoticeSent: "2025-10-31", placementOnlyAppeal: true } });
    assert.equal(find(result, "mediation.contactBy").status, "not applicable");
  });
  test("advice is met by the request's returned date", () => {
    const result = run({
      asOf: "2026-01-10",
      events: {
        adviceRequests: [
          { service: "Health", received: "2025-10-27", returned: "2025-12-01" },
          { service: "Social care", received: "2025-10-27", returned: "2025-12-15" },
          { service: "Educational psychology", received: "2025-10-27" },
        ],
      },
    });
    assert.deepEqual(
      result.deadlines.map((d) => [d.subject, d.due, d.status, d.daysLate]),
      [
        ["Health", "2025-12-08", "met on time", undefined],
        ["Social care", "2025-12-08", "met late", 7],
        ["Educational psychology", "2025-12-08", "overdue", undefined],
      ],
    );
  });
  test("the review decision is met by the amendment notice, or the later of the two", () => {
    const base = { planMade: "2024-12-02", reviewMeeting: "2025-11-19" };
    const byNotice = run({ asOf: "2026-03-01", events: { ...base, amendmentNoticeSent: "2025-12-17" } });
    assert.equal(find(byNotice, "review.decisionBy").status, "met on time");
    const both = run({ asOf: "2026-03-01", events: { ...base, reviewDecisionNotified: "2025-12-01", amendmentNoticeSent: "2025-12-22" } });
    assert.equal(find(both, "review.decisionBy").status, "met late");
    assert.equal(find(both, "review.decisionBy").daysLate, 5);
  });
  test("the annual review is met by the meeting, and the next one counts from it", () => {
    const result = run({ asOf: "2026-01-01", events: { planMade: "2024-12-02", reviewMeeting: "2025-12-05" } });
    const review = find(result, "review.due");
    assert.deepEqual([review.due, review.status, review.daysLate], ["2025-12-01", "met late", 4]);
    assert.equal(find(result, "review.due", "next review").due, "2026-12-04");
  });
  test("a booked meeting does not meet the review yet, and a late booking is flagged", () => {
    const result = run({ asOf: "2025-11-01", events: { planMade: "2024-12-02", reviewMeeting: "2025-12-10" } });
    assert.equal(find(result, "review.due").status, "not yet due");
    assert.equal(
      result.deadlines.some((d) => d.subject === "next review"),
      false,
    );
    assert.ok(result.warnings.some((w) => w.includes("booked for 10 December 2025 is after the annual review is due")));
  });
  test("the under-five review is guidance, and says so", () => {
    const result = run({ asOf: "2025-08-01", events: { planMade: "2025-03-10", childDateOfBirth: "2022-01-01" } });
    assert.equal(find(result, "review.underFive", "3 months").status, "overdue");
    assert.equal(find(result, "review.underFive", "6 months").status, "not yet due");
    assert.ok(result.warnings.some((w) => w.includes("not a legal time limit")));
    const older = run({ asOf: "2025-08-01", events: { planMade: "2025-03-10", childDateOfBirth: "2019-01-01" } });
    assert.equal(
      older.deadlines.some((d) => d.key === "review.underFive"),
      false,
    );
  });
  test("a transferred plan's review is met by a review after the transfer", () => {
    const result = run({
      asOf: "2026-07-01",
      events: { transferredIn: "2026-01-05", previousReviewMeeting: "2025-06-20", reviewMeeting: "2026-05-01" },
    });
    assert.equal(find(result, "transfer.reviewBy").status, "met on time");
  });
});

describe("Regulations dates do not move; the practical date is the last working day", () => {
  test("a deadline on Christmas Day keeps its date", () => {
    // 15 days of 10 Dec 2025 is Thursday 25 Dec 2025.
    const deadline = find(run({ events: { reassessmentRequestReceived: "2025-12-10" } }), "reassessment.decision");
    assert.equal(deadline.due, "2025-12-25");
    assert.equal(deadline.practical, "2025-12-24");
  });
  test("a deadline on Easter Monday: practical is the Thursday before Good Friday", () => {
    const deadline = find(run({ events: { requestReceived: "2026-02-23" } }), "assessment.decision");
    assert.equal(deadline.due, "2026-04-06");
    assert.equal(deadline.practical, "2026-04-02");
  });
  test("the Tribunal deadline moves and its practical date is itself", () => {
    const deadline = find(run({ events: { decisionNoticeSent: "2025-12-31", placementOnlyAppeal: true } }), "appeal.lodgeBy");
    assert.equal(deadline.due, "2026-03-02");
    assert.equal(deadline.practical, "2026-03-02");
  });
});

describe("exceptions (SEND Regulations 2014 reg 5(4), 8(2), 10(4), 13(3))", () => {
  // Request 15 June 2026; decision due 27 July, final plan due 2 November 2026.
  const summer = { from: "2026-07-22", reopens: "2026-09-02", reason: "Oak School summer holiday" };
  const schoolAdvice = (received: string, headOfInstitution = true) => ({
    requestReceived: "2026-06-15",
    adviceRequests: [{ service: "Oak School", received, headOfInstitution }],
  });

  test("advice asked of a school in the week before the summer closure relieves the 20-week limit", () => {
    const result = run({ asOf: "2026-11-10", events: schoolAdvice("2026-07-20"), closures: [summer] });
    const finalPlan = find(result, "assessment.finalPlan");
    assert.equal(finalPlan.status, "relieved by an exception");
    assert.equal(finalPlan.due, "2026-11-02", "the statutory date stays");
    assert.match(finalPlan.relievedBy ?? "", /Oak School/);
    assert.match(finalPlan.relievedBy ?? "", /reg 13\(3\)\(a\) or \(b\)/);
    assert.ok(hasTwentyWeekException(result));
    assert.ok(result.warnings.some((w) => w.includes("SEN2 20-week exception flag")));
    assert.ok(result.warnings.some((w) => w.includes("as soon as practicable")));
  });
  test("the closure window ends one week before the school reopens", () => {
    assert.equal(
      find(run({ asOf: "2026-11-10", events: schoolAdvice("2026-08-26"), closures: [summer] }), "assessment.finalPlan").status,
      "relieved by an exception",
    );
    assert.equal(find(run({ asOf: "2026-11-10", events: schoolAdvice("2026-08-27"), closures: [summer] }), "assessment.finalPlan").status, "overdue");
  });
  test("the closure window starts one week before the school closes", () => {
    assert.equal(
      find(run({ asOf: "2026-11-10", events: schoolAdvice("2026-07-15"), closures: [summer] }), "assessment.finalPlan").status,
      "relieved by an exception",
    );
    assert.equal(find(run({ asOf: "2026-11-10", events: schoolAdvice("2026-07-14"), closures: [summer] }), "assessment.finalPlan").status, "overdue");
  });
  test("a closure only counts for advice asked of a head of institution", () => {
    assert.equal(
      find(run({ asOf: "2026-11-10", events: schoolAdvice("2026-07-20", false), closures: [summer] }), "assessment.finalPlan").status,
      "overdue",
    );
  });
  test("a closure of less than 4 weeks does not count, and is flagged", () => {
    const result = run({ asOf: "2026-11-10", events: schoolAdvice("2026-07-20"), closures: [{ from: "2026-07-22", reopens: "2026-08-18" }] });
    assert.equal(find(result, "assessment.finalPlan").status, "overdue");
    assert.ok(result.warnings.some((w) => w.startsWith("closures[0] is shorter than 4 weeks")));
  });
  test("a closure does not excuse the adviser (Regs 8(2) has no such ground)", () => {
    const result = run({ asOf: "2026-11-10", events: schoolAdvice("2026-07-20"), closures: [summer] });
    assert.equal(find(result, "advice.due", "Oak School").status, "overdue");
  });

  // Request 2 March 2026: final plan due 20 July 2026.
  const request = { requestReceived: "2026-03-02" };
  test("absence from the area for 4 weeks during the period relieves the limits", () => {
    const result = run({ asOf: "2026-08-01", events: request, absences: [{ from: "2026-05-01", to: "2026-05-28", reason: "family abroad" }] });
    const finalPlan = find(result, "assessment.finalPlan");
    assert.equal(finalPlan.status, "relieved by an exception");
    assert.match(finalPlan.relievedBy ?? "", /absent from the area from 1 May 2026 to 28 May 2026: family abroad/);
    assert.match(finalPlan.relievedBy ?? "", /reg 13\(3\)\(d\)/);
  });
  test("an absence of 27 days does not", () => {
    const result = run({ asOf: "2026-08-01", events: request, absences: [{ from: "2026-05-01", to: "2026-05-27" }] });
    assert.equal(find(result, "assessment.finalPlan").status, "overdue");
    assert.ok(result.warnings.some((w) => w.startsWith("absences[0] is shorter than 4 weeks")));
  });
  test("an absence needs 4 weeks inside the period", () => {
    // 40 days of absence, but only 20 of them before the decision is due (13 April).
    const result = run({ asOf: "2026-08-01", events: request, absences: [{ from: "2026-03-25", to: "2026-05-03" }] });
    assert.equal(find(result, "assessment.decision").status, "overdue");
    assert.equal(find(result, "assessment.finalPlan").status, "relieved by an exception");
  });
  test("exceptional personal circumstances during the period relieve it", () => {
    const result = run({
      asOf: "2026-08-01",
      events: request,
      exceptionalCircumstances: [{ from: "2026-07-01", to: "2026-07-10", reason: "bereavement" }],
    });
    assert.equal(find(result, "assessment.finalPlan").status, "relieved by an exception");
    assert.match(find(result, "assessment.finalPlan").relievedBy ?? "", /bereavement.*reg 13\(3\)\(c\)/);
    assert.equal(find(result, "assessment.decision").status, "overdue", "outside the 6-week period");
    assert.equal(find(result, "assessment.noPlanNotice").status, "overdue", "its 16 weeks ended on 22 June");
  });
  test("an exception recorded after the as-of date is not known yet", () => {
    const result = run({ asOf: "2026-06-30", events: request, exceptionalCircumstances: [{ from: "2026-07-01", to: "2026-07-10" }] });
    assert.equal(find(result, "assessment.finalPlan").status, "not yet due");
  });
  test("met on time needs no exception; met late with one is relieved, with the days late", () => {
    const circumstances = [{ from: "2026-07-01", to: "2026-07-10" }];
    const onTime = run({ asOf: "2026-08-01", events: { ...request, finalPlanIssued: "2026-07-20" }, exceptionalCircumstances: circumstances });
    assert.equal(find(onTime, "assessment.finalPlan").status, "met on time");
    assert.equal(hasTwentyWeekException(onTime), false);
    const late = run({ asOf: "2026-08-01", events: { ...request, finalPlanIssued: "2026-07-24" }, exceptionalCircumstances: circumstances });
    assert.deepEqual([find(late, "assessment.finalPlan").status, find(late, "assessment.finalPlan").daysLate], ["relieved by an exception", 4]);
  });
  test("the 14-week re-assessment limit is relieved too (Regs 27(3))", () => {
    const result = run({
      asOf: "2026-08-01",
      events: { reassessmentDecisionNotified: "2026-03-02" },
      exceptionalCircumstances: [{ from: "2026-04-01", to: "2026-04-02" }],
    });
    assert.match(find(result, "reassessment.finalPlan").relievedBy ?? "", /reg 27\(3\)\(c\)/);
  });
  test("an adviser is excused by a missed appointment in the 6 weeks (Regs 8(2)(c))", () => {
    const result = run({
      asOf: "2026-01-10",
      events: { adviceRequests: [{ service: "Health", received: "2025-10-27", missedAppointment: "2025-11-10" }] },
    });
    const advice = find(result, "advice.due", "Health");
    assert.equal(advice.status, "relieved by an exception");
    assert.match(advice.relievedBy ?? "", /missed an appointment on 10 November 2025 \(SEND Regulations 2014 reg 8\(2\)\(c\)\)/);
  });
  test("an adviser is excused by absence or exceptional circumstances in its 6 weeks (Regs 8(2)(a)-(b))", () => {
    const absent = run({
      asOf: "2026-01-10",
      events: { adviceRequests: [{ service: "Health", received: "2025-10-27" }] },
      absences: [{ from: "2025-11-01", to: "2025-12-05" }],
    });
    assert.match(find(absent, "advice.due", "Health").relievedBy ?? "", /reg 8\(2\)\(b\)/);
    const circumstances = run({
      asOf: "2026-01-10",
      events: { adviceRequests: [{ service: "Health", received: "2025-10-27" }] },
      exceptionalCircumstances: [{ from: "2025-11-03", to: "2025-11-04" }],
    });
    assert.match(find(circumstances, "advice.due", "Health").relievedBy ?? "", /reg 8\(2\)\(a\)/);
  });
  test("limits without exceptions are never relieved", () => {
    const result = run({
      asOf: "2026-08-01",
      events: { planMade: "2025-03-10" },
      exceptionalCircumstances: [{ from: "2025-04-01", to: "2026-07-01" }],
    });
    assert.equal(find(result, "review.due").status, "overdue");
  });
});

describe("phase transfers from the date of birth (§5)", () => {
  test("a Year 6 child with a plan gets the secondary transfer deadline", () => {
    const result = run({ asOf: "2026-01-10", events: { planMade: "2023-05-01", childDateOfBirth: "2014-10-20" } });
    const transfer = find(result, "phaseTransfer.school");
    assert.deepEqual([transfer.due, transfer.practical], ["2026-02-14", "2026-02-13"]);
    assert.ok(result.warnings.some((w) => w.includes("worked out from events.childDateOfBirth") && w.includes("September 2026")));
  });
  test("the recorded transfer year overrides it", () => {
    const result = run({
      asOf: "2026-01-10",
      events: { planMade: "2023-05-01", childDateOfBirth: "2014-10-20", transferKind: "school", transferYear: 2027 },
    });
    assert.equal(find(result, "phaseTransfer.school").due, "2027-02-14");
  });
  test("after the move to secondary, the next is post-16", () => {
    const result = run({ asOf: "2026-10-01", events: { planMade: "2023-05-01", childDateOfBirth: "2014-10-20" } });
    assert.equal(find(result, "phaseTransfer.post16").due, "2031-03-30");
  });
  test("a transfer year without a kind is taken as a school transfer, or as the child's own transfer", () => {
    const guessed = run({ events: { planMade: "2023-05-01", transferYear: 2027 } });
    assert.equal(find(guessed, "phaseTransfer.school").due, "2027-02-14");
    assert.ok(guessed.warnings.some((w) => w.includes("without events.transferKind")));
    const post16 = run({ events: { planMade: "2023-05-01", transferYear: 2031, childDateOfBirth: "2014-10-20" } });
    assert.equal(find(post16, "phaseTransfer.post16").due, "2031-03-30");
  });
  test("missing pieces are explained", () => {
    const plan = { planMade: "2023-05-01" };
    assert.ok(
      run({ events: { ...plan, transferKind: "school" } }).warnings.some((w) => w.includes("needs events.transferYear or events.childDateOfBirth")),
    );
    assert.ok(run({ events: { ...plan, transferKind: "post16Other" } }).warnings.some((w) => w.includes("needs events.transferDate")));
  });
  test("only while a plan is in force (§4, 2026-12): no plan, or one made after the as-of date, gives none", () => {
    for (const events of [
      { transferKind: "school" as const, transferYear: 2027 },
      { transferKind: "school" as const, childDateOfBirth: "2021-11-02" },
      { transferKind: "post16Other" as const, transferDate: "2027-01-04" },
      { planMade: "2026-12-01", transferKind: "school" as const, transferYear: 2027 },
    ]) {
      const result = run({ asOf: "2026-11-24", events });
      assert.deepEqual(
        result.deadlines.filter((d) => d.key.startsWith("phaseTransfer.")),
        [],
        JSON.stringify(events),
      );
      assert.ok(result.warnings.some((w) => w.includes("only while a plan is in force")));
    }
  });
  test("early years to school is into Reception in the year §5 gives, unless the plan records another year", () => {
    // Born 2 November 2021: Reception in 2026/27 (born 1 Sep 2021 to 31 Aug 2022), so September 2026.
    const events = { planMade: "2024-06-03", childDateOfBirth: "2021-11-02", transferKind: "school" as const };
    assert.equal(find(run({ asOf: "2025-10-01", events }), "phaseTransfer.school").due, "2026-02-14");
    assert.equal(find(run({ asOf: "2025-10-01", events: { ...events, transferYear: 2027 } }), "phaseTransfer.school").due, "2027-02-14");
  });
  test("met by phaseTransferFinalised", () => {
    const result = run({
      asOf: "2026-03-01",
      events: { planMade: "2023-05-01", transferKind: "school", transferYear: 2026, phaseTransferFinalised: "2026-02-10" },
    });
    assert.equal(find(result, "phaseTransfer.school").status, "met on time");
  });
});

describe("warnings", () => {
  test("a final plan before the family's 15 days have ended", () => {
    const result = run({ events: { requestReceived: "2025-09-08", draftServed: "2025-12-15", finalPlanIssued: "2025-12-22" } });
    assert.ok(result.warnings.some((w) => w.includes("reg 13(1)")));
  });
  test("a transfer without the day the old council knew", () => {
    const result = run({ events: { moveDate: "2026-02-20" } });
    assert.deepEqual(result.deadlines, []);
    assert.ok(result.warnings.some((w) => w.includes("transfer.planTransferBy cannot be worked out without events.oldCouncilAware")));
  });
  test("an appeal date that a later mediation certificate could move", () => {
    assert.ok(run({ events: { decisionNoticeSent: "2025-10-31" } }).warnings.some((w) => w.includes("mediation certificate")));
  });
  test("bank holidays worked out by rule beyond the shipped data", () => {
    const result = run({ asOf: "2031-06-02", events: { requestReceived: "2031-01-06" } });
    assert.ok(result.warnings.some((w) => w.includes("Bank holidays for 2031 are worked out by rule")));
    assert.equal(run({ events: { requestReceived: "2026-01-05" } }).warnings.length, 0);
  });
  test("an overdue step that no event can record says so", () => {
    const result = run({ asOf: "2026-02-01", events: { planMade: "2025-03-10", reviewMeeting: "2026-01-06" } });
    assert.ok(result.warnings.some((w) => w.startsWith("review.invitationsBy: nothing in the input records")));
  });
});

describe("evaluateCalculatorRequest", () => {
  test("returns the errors for bad input and the deadlines for good", () => {
    const bad = evaluateCalculatorRequest({ events: { requestReceived: "2026-02-30" } }, { today: TODAY });
    assert.equal(bad.ok, false);
    const good = evaluateCalculatorRequest({ events: { requestReceived: "2025-09-08" } }, { today: TODAY });
    assert.ok(good.ok);
    assert.equal(good.value.deadlines.length, 3);
  });
});

describe("properties", () => {
  const dates = fc.integer({ min: toDayNumber("2015-01-01"), max: toDayNumber("2035-12-31") }).map(fromDayNumber);
  const eventsArbitrary = fc.record(
    {
      requestReceived: dates,
      draftServed: dates,
      planMade: dates,
      reviewMeeting: dates,
      amendmentNoticeSent: dates,
      reassessmentRequestReceived: dates,
      oldCouncilAware: dates,
      moveDate: dates,
      transferredIn: dates,
      decisionNoticeSent: dates,
      mediationAdviserTold: dates,
      transferYear: fc.integer({ min: 2015, max: 2035 }),
      transferKind: fc.constantFrom("school" as const, "post16" as const),
      childUnderFive: fc.boolean(),
      tribunalOrder: fc.record({
        date: dates,
        kind: fc.constantFrom("assess" as const, "makePlan" as const, "amend" as const, "placement" as const),
      }),
      adviceRequests: fc.array(fc.record({ received: dates, headOfInstitution: fc.boolean() }), { maxLength: 3 }),
    },
    { requiredKeys: [] },
  );

  test("practical is never after due, and is always a working day", () => {
    fc.assert(
      fc.property(eventsArbitrary, dates, (events, asOf) => {
        const result = evaluateCalculatorRequest({ asOf, events, closures: [{ from: "2026-07-22", reopens: "2026-09-02" }] }, { today: TODAY });
        if (!result.ok) return; // e.g. a review meeting drawn before the plan
        for (const d of result.value.deadlines) {
          assert.ok(d.practical <= d.due, `${d.key}: ${d.practical} > ${d.due}`);
          assert.ok(calendar.isWorkingDay(d.practical), `${d.key}: ${d.practical}`);
          assert.ok((DEADLINE_STATUSES as readonly string[]).includes(d.status));
          if (d.key === "appeal.lodgeBy") assert.equal(d.practical, d.due);
        }
      }),
      { numRuns: 500 },
    );
  });

  test("status is a function of asOf: before the due date nothing is overdue", () => {
    fc.assert(
      fc.property(dates, (requestReceived) => {
        const result = run({ asOf: requestReceived, events: { requestReceived } });
        for (const d of result.deadlines) assert.ok(d.status === "not yet due" || d.status === "due soon", d.status);
      }),
    );
  });
});

describe("STATUTORY.md §4, the 2026-12 clarification", () => {
  test("issue 19 (a): a decision notified before the as-of date meets review.decisionBy although a later amendment notice is given", () => {
    const result = run({
      asOf: "2026-06-16",
      events: { planMade: "2025-06-02", reviewMeeting: "2026-05-26", reviewDecisionNotified: "2026-06-15", amendmentNoticeSent: "2026-06-23" },
    });
    const decision = find(result, "review.decisionBy");
    assert.deepEqual([decision.due, decision.status], ["2026-06-23", "met on time"]);
    // The notice is set aside, with a warning, and so is everything that runs from it.
    assert.ok(
      result.warnings.some((w) => w.includes("events.amendmentNoticeSent (2026-06-23) is after the as-of date (2026-06-16), so it is set aside")),
    );
    assert.equal(
      result.deadlines.find((d) => d.key.startsWith("amendment.")),
      undefined,
    );
    // Once both have happened the later of the two meets it (here still within the 4 weeks).
    assert.equal(
      find(
        run({
          asOf: "2026-06-24",
          events: { planMade: "2025-06-02", reviewMeeting: "2026-05-26", reviewDecisionNotified: "2026-06-15", amendmentNoticeSent: "2026-06-23" },
        }),
        "review.decisionBy",
      ).status,
      "met on time",
    );
  });

  test("issue 19 (b): after a transfer in, review.due is not shown until the new council's review; transfer.reviewBy governs", () => {
    const result = run({ asOf: "2026-05-02", events: { planMade: "2025-01-18", transferredIn: "2026-03-19" } });
    assert.equal(
      result.deadlines.find((d) => d.key === "review.due"),
      undefined,
    );
    const reviewBy = find(result, "transfer.reviewBy");
    assert.deepEqual([reviewBy.due, reviewBy.status], ["2026-06-18", "not yet due"]);
    assert.ok(result.warnings.some((w) => w.includes("review.due is not shown after the transfer in")));
    // The new council's review meeting meets transfer.reviewBy; the 12-month cycle then runs from it.
    const after = run({ asOf: "2026-07-01", events: { planMade: "2025-01-18", transferredIn: "2026-03-19", reviewMeeting: "2026-06-10" } });
    assert.equal(find(after, "transfer.reviewBy").status, "met on time");
    const next = find(after, "review.due", "next review");
    assert.deepEqual([next.due, next.status], ["2027-06-09", "not yet due"]);
    assert.equal(after.deadlines.filter((d) => d.key === "review.due").length, 1);
    // A review held by the old council before the transfer does not restart review.due either.
    const old = run({ asOf: "2026-05-02", events: { planMade: "2024-01-18", reviewMeeting: "2025-01-10", transferredIn: "2026-03-19" } });
    assert.equal(
      old.deadlines.find((d) => d.key === "review.due"),
      undefined,
    );
    assert.equal(find(old, "transfer.reviewBy").due, "2026-06-18");
  });

  test("events and exception grounds after the as-of date are set aside one by one, each with a warning", () => {
    const result = run({
      asOf: "2026-03-01",
      events: {
        requestReceived: "2026-01-05",
        decisionNotified: "2026-03-02",
        adviceRequests: [
          { service: "Health", received: "2026-02-02", returned: "2026-03-05" },
          { service: "School", received: "2026-03-10" },
        ],
        decisionNoticeSent: "2026-03-10",
        tribunalOrder: { date: "2026-04-01", kind: "amend" },
      },
      absences: [{ from: "2026-03-02", to: "2026-05-01" }],
    });
    assert.deepEqual(
      result.deadlines.map((d) => [d.key, d.subject, d.status]),
      [
        ["assessment.decision", undefined, "overdue"],
        ["advice.due", "Health", "not yet due"],
        ["assessment.noPlanNotice", undefined, "not yet due"],
        ["assessment.finalPlan", undefined, "not yet due"],
      ],
    );
    for (const field of [
      "events.decisionNotified",
      "events.adviceRequests[0].returned",
      "events.adviceRequests[1].received",
      "events.decisionNoticeSent",
      "events.tribunalOrder.date",
      "absences[0].from",
    ]) {
      assert.ok(
        result.warnings.some((w) => w.startsWith(`${field} (`) && w.includes("set aside")),
        field,
      );
    }
  });

  test("a booked review meeting is a plan, not a happening: its invitations are worked out before it", () => {
    const result = run({ asOf: "2026-01-02", events: { planMade: "2025-03-10", reviewMeeting: "2026-02-20" } });
    assert.equal(find(result, "review.invitationsBy").due, "2026-02-06");
    assert.equal(find(result, "review.due").status, "not yet due");
  });

  test("not applicable once the path has closed, unless the deadline's own event has happened", () => {
    const request = { requestReceived: "2026-01-05" };
    assert.equal(
      find(run({ asOf: "2026-06-01", events: { ...request, draftServed: "2026-04-01" } }), "assessment.noPlanNotice").status,
      "not applicable",
    );
    assert.equal(
      find(run({ asOf: "2026-06-01", events: { ...request, noPlanNoticeSent: "2026-04-01" } }), "assessment.finalPlan").status,
      "not applicable",
    );
    assert.equal(
      find(run({ asOf: "2026-06-01", events: { decisionNoticeSent: "2026-04-01", placementOnlyAppeal: true } }), "mediation.contactBy").status,
      "not applicable",
    );
    // A draft served after the as-of date has not closed anything yet.
    assert.equal(
      find(run({ asOf: "2026-03-01", events: { ...request, draftServed: "2026-04-01" } }), "assessment.noPlanNotice").status,
      "not yet due",
    );
  });

  test("the events that meet each deadline", () => {
    const asOf = "2026-12-01";
    const cases: [string, CalculatorEvents, string?][] = [
      ["review.due", { planMade: "2025-03-10", reviewMeeting: "2026-03-02" }],
      ["reassessment.decision", { reassessmentRequestReceived: "2026-01-05", reassessmentDecisionNotified: "2026-01-19" }],
      ["transfer.planTransferBy", { oldCouncilAware: "2026-01-05", transferredIn: "2026-01-20" }],
      ["mediation.contactBy", { decisionNoticeSent: "2026-01-05", mediationAdviserTold: "2026-02-20" }],
      ["mediation.certificateBy", { decisionNoticeSent: "2026-01-05", mediationAdviserTold: "2026-02-20", mediationCertificateIssued: "2026-02-25" }],
      ["review.decisionBy", { planMade: "2025-03-10", reviewMeeting: "2026-03-02", amendmentNoticeSent: "2026-03-20" }],
      ["amendment.finalBy", { amendmentNoticeSent: "2026-03-20", amendedPlanIssued: "2026-05-01" }],
      ["phaseTransfer.school", { planMade: "2023-05-01", transferKind: "school", transferYear: 2026, phaseTransferFinalised: "2026-02-13" }],
      ["advice.due", { adviceRequests: [{ service: "Health", received: "2026-01-05", returned: "2026-02-10" }] }, "Health"],
    ];
    for (const [key, events, subject] of cases) {
      assert.equal(find(run({ asOf, events }), key, subject).status, "met on time", key);
    }
    // And one day late is "met late" by one day.
    const late = find(
      run({ asOf, events: { reassessmentRequestReceived: "2026-01-05", reassessmentDecisionNotified: "2026-01-21" } }),
      "reassessment.decision",
    );
    assert.deepEqual([late.status, late.daysLate], ["met late", 1]);
  });
});
