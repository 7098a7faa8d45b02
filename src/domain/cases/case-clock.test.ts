import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { englandAndWalesCalendar } from "../bank-holidays.ts";
import { fromDayNumber, toDayNumber } from "../dates.ts";
import { type CaseDeadline, caseClock, caseDeadlines, deadlineSentence, monitoringVisitDue, statusInWords } from "./case-clock.ts";
import { testCase } from "./fixtures.ts";
import type { AnnualReview, AssessmentRequest, CaseRecord, Placement } from "./types.ts";

const calendar = englandAndWalesCalendar();

function request(overrides: Partial<AssessmentRequest> = {}): AssessmentRequest {
  return { id: "req-1", received: "2025-09-08", requestedBy: "parent", adviceRequests: [], exceptions: [], ...overrides };
}

function find(deadlines: CaseDeadline[], key: string, subject?: string): CaseDeadline {
  const found = deadlines.find((d) => d.key === key && (subject === undefined || d.subject === subject));
  assert.ok(found, `no ${key}${subject ? ` (${subject})` : ""} in ${deadlines.map((d) => d.key).join(", ")}`);
  return found;
}

describe("caseDeadlines: the assessment", () => {
  const inProgress = testCase({
    requests: [
      request({
        decision: { date: "2025-10-10", outcome: "assess" },
        adviceRequests: [
          { service: "health", received: "2025-10-13", headOfInstitution: false },
          { service: "educational-psychology", received: "2025-10-13", returned: "2025-11-20", headOfInstitution: false },
        ],
      }),
    ],
  });

  test("a request in progress: each step with its status and the words for a list", () => {
    const today = "2026-01-23";
    const deadlines = caseDeadlines(inProgress, { today, calendar });
    const rows = deadlines.map((d) => [d.key, d.due, d.status, d.service ?? ""]);
    assert.deepEqual(rows, [
      ["assessment.decision", "2025-10-20", "met on time", ""],
      ["advice.due", "2025-11-24", "overdue", "health"],
      ["advice.due", "2025-11-24", "met on time", "educational-psychology"],
      ["assessment.noPlanNotice", "2025-12-29", "overdue", ""],
      ["assessment.finalPlan", "2026-01-26", "due soon", ""],
    ]);
    const final = find(deadlines, "assessment.finalPlan");
    assert.equal(deadlineSentence(final, today), "Final plan due 26 January 2026 (20 weeks from the request on 8 September 2025): 3 days left");
    assert.equal(final.step, "Issue the final EHC plan");
    assert.equal(final.provision, "SEND Regulations 2014 reg 13(2)");
    assert.equal(final.requestId, "req-1");
    assert.equal(final.actionable, true);
    const health = deadlines[1];
    assert.ok(health);
    assert.equal(
      deadlineSentence(health, today),
      "Advice from health due 24 November 2025 (6 weeks from the service receiving the request on 13 October 2025): 60 days overdue",
    );
  });

  // [what, request, today, key, status, note]
  const endings: [string, AssessmentRequest, string, string, string, RegExp | undefined][] = [
    [
      "refused: the final plan is not needed",
      request({ decision: { date: "2025-10-01", outcome: "refuse" } }),
      "2026-03-09",
      "assessment.finalPlan",
      "not applicable",
      /the council decided not to assess on 1 October 2025/,
    ],
    [
      "refused: the 16-week notice is not needed",
      request({ decision: { date: "2025-10-01", outcome: "refuse" } }),
      "2026-03-09",
      "assessment.noPlanNotice",
      "not applicable",
      /decided not to assess/,
    ],
    [
      "refused: the decision itself was on time",
      request({ decision: { date: "2025-10-01", outcome: "refuse" } }),
      "2026-03-09",
      "assessment.decision",
      "met on time",
      undefined,
    ],
    [
      "refused in the future of today: still running",
      request({ decision: { date: "2025-10-01", outcome: "refuse" } }),
      "2025-09-20",
      "assessment.finalPlan",
      "not yet due",
      undefined,
    ],
    [
      "withdrawn: advice no longer needed",
      request({
        decision: { date: "2025-10-10", outcome: "assess" },
        adviceRequests: [{ service: "health", received: "2025-10-13", headOfInstitution: false }],
        withdrawn: { date: "2025-10-15" },
      }),
      "2026-03-09",
      "advice.due",
      "not applicable",
      /the request was withdrawn on 15 October 2025/,
    ],
    [
      "withdrawn: final plan not needed",
      request({ decision: { date: "2025-10-10", outcome: "assess" }, withdrawn: { date: "2025-10-15" } }),
      "2026-03-09",
      "assessment.finalPlan",
      "not applicable",
      /withdrawn/,
    ],
    [
      "a no-plan notice: the final plan is not applicable (calculator)",
      request({ decision: { date: "2025-10-10", outcome: "assess" }, noPlanNoticeSent: "2025-12-20" }),
      "2026-03-09",
      "assessment.finalPlan",
      "not applicable",
      undefined,
    ],
    [
      "a no-plan notice on time",
      request({ decision: { date: "2025-10-10", outcome: "assess" }, noPlanNoticeSent: "2025-12-20" }),
      "2026-03-09",
      "assessment.noPlanNotice",
      "met on time",
      undefined,
    ],
    [
      "final plan on day 140 is within 20 weeks",
      request({ decision: { date: "2025-10-10", outcome: "assess" }, draftServed: "2026-01-05", finalPlanIssued: "2026-01-26" }),
      "2026-03-09",
      "assessment.finalPlan",
      "met on time",
      undefined,
    ],
    [
      "final plan on day 141 is late",
      request({ decision: { date: "2025-10-10", outcome: "assess" }, draftServed: "2026-01-05", finalPlanIssued: "2026-01-27" }),
      "2026-03-09",
      "assessment.finalPlan",
      "met late",
      undefined,
    ],
  ];
  for (const [what, req, today, key, status, note] of endings) {
    test(what, () => {
      const d = find(caseDeadlines(testCase({ requests: [req] }), { today, calendar }), key);
      assert.equal(d.status, status);
      if (note) assert.match(d.note ?? "", note);
      else assert.equal(d.note, undefined);
      if (status === "not applicable" && note) assert.match(statusInWords(d, today), /^not needed: /);
    });
  }

  test("a recorded exception relieves the 20-week limit and keeps the statutory date (§3)", () => {
    const record = testCase({
      requests: [
        request({
          received: "2025-03-03",
          decision: { date: "2025-04-07", outcome: "assess" },
          draftServed: "2025-08-01",
          finalPlanIssued: "2025-08-20",
          exceptions: [{ ground: "personal-circumstances", from: "2025-05-01", to: "2025-06-15", reason: "The child was in hospital" }],
        }),
      ],
    });
    const final = find(caseDeadlines(record, { today: "2025-09-01", calendar }), "assessment.finalPlan");
    assert.equal(final.due, "2025-07-21");
    assert.equal(final.status, "relieved by an exception");
    assert.equal(final.daysLate, 30);
    assert.match(final.relievedBy ?? "", /exceptional personal circumstances from 1 May 2025 to 15 June 2025: The child was in hospital/);
    assert.equal(statusInWords(final, "2025-09-01"), "done late, relieved by an exception");
  });

  test("an absence from the area of 4 weeks or more relieves it; a shorter one does not", () => {
    const build = (to: string) =>
      testCase({
        requests: [
          request({
            received: "2025-03-03",
            decision: { date: "2025-04-07", outcome: "assess" },
            exceptions: [{ ground: "absence", from: "2025-05-01", to, reason: "Abroad" }],
          }),
        ],
      });
    assert.equal(
      find(caseDeadlines(build("2025-05-28"), { today: "2025-09-01", calendar }), "assessment.finalPlan").status,
      "relieved by an exception",
    );
    assert.equal(find(caseDeadlines(build("2025-05-27"), { today: "2025-09-01", calendar }), "assessment.finalPlan").status, "overdue");
  });

  test("the council's summer closure relieves it when the school was asked for advice in the window (§3 (a)/(b))", () => {
    const record = testCase({
      requests: [
        request({
          received: "2025-06-02",
          decision: { date: "2025-07-10", outcome: "assess" },
          adviceRequests: [{ service: "education", received: "2025-07-18", returned: "2025-09-20", headOfInstitution: true }],
        }),
      ],
    });
    const closures = [{ from: "2025-07-23", reopens: "2025-09-03", reason: "Summer holiday" }];
    assert.equal(find(caseDeadlines(record, { today: "2025-11-01", calendar, closures }), "assessment.finalPlan").status, "relieved by an exception");
    assert.equal(find(caseDeadlines(record, { today: "2025-11-01", calendar }), "assessment.finalPlan").status, "overdue");
    // A closure recorded on the request counts the same way.
    const own = testCase({
      requests: [
        {
          ...(record.requests[0] as AssessmentRequest),
          exceptions: [{ ground: "closure", from: "2025-07-23", to: "2025-09-02", reason: "Summer holiday" }],
        },
      ],
    });
    assert.equal(find(caseDeadlines(own, { today: "2025-11-01", calendar }), "assessment.finalPlan").status, "relieved by an exception");
  });

  test("the latest request is the current one", () => {
    const record = testCase({
      requests: [
        request({ id: "old", received: "2023-01-09", decision: { date: "2023-02-01", outcome: "refuse" } }),
        request({ id: "new", received: "2025-09-08" }),
      ],
    });
    const decision = find(caseDeadlines(record, { today: "2025-09-10", calendar }), "assessment.decision");
    assert.equal(decision.requestId, "new");
    assert.equal(decision.due, "2025-10-20");
  });
});

describe("caseDeadlines: plans, reviews and phase transfers", () => {
  // Born 2016-01-15: Reception in 2020/21, Year 5 in 2025/26, to secondary school in September 2027.
  const child = { dateOfBirth: "2016-01-15" };

  // [plan made, today, review.due date, status, counted from]
  const firstReviews: [string, string, string, string, string][] = [
    ["2025-03-10", "2026-03-09", "2026-03-09", "due today", "12 months starting with the day the plan was made, 10 March 2025"],
    ["2024-02-29", "2025-01-01", "2025-02-28", "not yet due", "12 months starting with the day the plan was made, 29 February 2024"],
    ["2025-03-10", "2026-03-01", "2026-03-09", "due soon", "12 months starting with the day the plan was made, 10 March 2025"],
    ["2025-03-10", "2026-03-10", "2026-03-09", "overdue", "12 months starting with the day the plan was made, 10 March 2025"],
  ];
  for (const [made, today, due, status, countedFrom] of firstReviews) {
    test(`plan made ${made}: first review due ${due}, ${status} on ${today}`, () => {
      const record = testCase({ plans: [{ id: "plan-1", made, versions: [] }] }, child);
      const review = find(caseDeadlines(record, { today, calendar }), "review.due");
      assert.deepEqual([review.due, review.status, review.countedFrom, review.label], [due, status, countedFrom, "Annual review"]);
    });
  }

  const reviews: AnnualReview[] = [
    { id: "rv-1", meeting: "2024-04-20", decision: { date: "2024-05-01", outcome: "maintain" } },
    {
      id: "rv-2",
      meeting: "2025-04-10",
      reportCirculated: "2025-04-20",
      decision: { date: "2025-05-20", outcome: "amend" },
      amendmentNoticeSent: "2025-05-20",
    },
    { id: "rv-3", meeting: "2026-03-30" },
  ];
  const withReviews = testCase({ plans: [{ id: "plan-1", made: "2023-05-03", versions: [] }], reviews }, child);

  test("the last review held, its steps, the next review and the meeting booked", () => {
    const today = "2026-03-09";
    const deadlines = caseDeadlines(withReviews, { today, calendar });
    const rows = deadlines.map((d) => [d.key, d.subject ?? "", d.due, d.status, d.reviewId ?? "", d.actionable]);
    assert.deepEqual(rows, [
      ["review.due", "", "2025-04-19", "met on time", "rv-2", true],
      ["review.due", "next review", "2026-04-09", "not yet due", "", true],
      ["review.reportBy", "", "2025-04-24", "met on time", "rv-2", true],
      ["review.decisionBy", "", "2025-05-08", "met late", "rv-2", true],
      ["amendment.representationsEnd", "", "2025-06-03", "overdue", "rv-2", false],
      ["amendment.finalBy", "", "2025-07-15", "overdue", "rv-2", true],
      ["phaseTransfer.school", "", "2027-02-14", "not yet due", "", true],
      ["review.invitationsBy", "", "2026-03-16", "due soon", "rv-3", false],
    ]);
    const next = find(deadlines, "review.due", "next review");
    assert.equal(
      deadlineSentence(next, today),
      "Next annual review due 9 April 2026 (12 months starting with the last review meeting, 10 April 2025): 31 days left",
    );
    assert.equal(
      deadlineSentence(find(deadlines, "amendment.representationsEnd"), today),
      "Family's comments on the proposed amendments closes 3 June 2025 (15 days beginning with the day the amendment notice was sent, 20 May 2025): ended 279 days ago",
    );
    assert.equal(
      deadlineSentence(find(deadlines, "review.invitationsBy"), today),
      "Review invitations and advice due 16 March 2026 (2 weeks before the review meeting on 30 March 2026): 7 days left",
    );
  });

  test("reviews of an earlier plan are not this plan's", () => {
    const record = testCase({ plans: [{ id: "plan-2", made: "2025-06-01", versions: [] }], reviews: [{ id: "old", meeting: "2024-05-01" }] }, child);
    const review = find(caseDeadlines(record, { today: "2026-03-09", calendar }), "review.due");
    assert.equal(review.due, "2026-05-31");
  });

  test("a ceased plan has no reviews or phase transfers", () => {
    const record = testCase(
      { plans: [{ id: "plan-1", made: "2020-05-01", versions: [], ceased: { date: "2025-12-01", reason: 5 } }], reviews },
      { dateOfBirth: "2014-11-02" },
    );
    const keys = caseDeadlines(record, { today: "2026-03-09", calendar }).map((d) => d.key);
    assert.deepEqual(keys, []);
  });

  test("phase transfer worked out from the date of birth: Year 6 to Year 7", () => {
    const record = testCase({ plans: [{ id: "plan-1", made: "2020-05-01", versions: [] }] }, { dateOfBirth: "2014-11-02" });
    const clock = caseClock(record, { today: "2026-03-09", calendar });
    const transfer = find(clock.deadlines, "phaseTransfer.school");
    assert.equal(transfer.due, "2026-02-14");
    assert.equal(transfer.status, "overdue");
    assert.equal(transfer.label, "Phase transfer: Year 6 (primary school) to Year 7 (secondary school)");
    assert.equal(
      deadlineSentence(transfer, "2026-03-09"),
      "Phase transfer: Year 6 (primary school) to Year 7 (secondary school) due 14 February 2026 (before 15 February in 2026, the year of the move; last working day 13 February 2026): 23 days overdue",
    );
    assert.ok(clock.warnings.some((w) => w.includes("worked out from events.childDateOfBirth")));
  });

  test("phase transfer as recorded: finalised on time", () => {
    const record = testCase(
      {
        plans: [{ id: "plan-1", made: "2020-05-01", versions: [] }],
        phaseTransfers: [{ year: 2026, kind: "school", from: "Year 4 (middle school)", to: "Year 5", finalised: "2026-02-10" }],
      },
      { dateOfBirth: "2016-01-15" },
    );
    const transfer = find(caseDeadlines(record, { today: "2026-03-09", calendar }), "phaseTransfer.school");
    assert.deepEqual(
      [transfer.due, transfer.status, transfer.label],
      ["2026-02-14", "met on time", "Phase transfer: Year 4 (middle school) to Year 5"],
    );
  });

  test("post-16 transfer: before 31 March of the year of the move", () => {
    const record = testCase({ plans: [{ id: "plan-1", made: "2018-05-01", versions: [] }] }, { dateOfBirth: "2010-05-01" });
    const transfer = find(caseDeadlines(record, { today: "2026-03-09", calendar }), "phaseTransfer.post16");
    assert.deepEqual(
      [transfer.due, transfer.status, transfer.countedFrom],
      ["2026-03-30", "not yet due", "before 31 March in 2026, the year of the move"],
    );
  });

  test("under five: the advisory reviews are shown, never as actionable", () => {
    const record = testCase({ plans: [{ id: "plan-1", made: "2025-11-03", versions: [] }] }, { dateOfBirth: "2022-06-01" });
    const advisory = caseDeadlines(record, { today: "2026-03-09", calendar }).filter((d) => d.key === "review.underFive");
    assert.deepEqual(
      advisory.map((d) => [d.subject, d.due, d.advisory, d.actionable]),
      [
        ["3 months", "2026-02-02", true, false],
        ["6 months", "2026-05-02", true, false],
      ],
    );
  });
});

describe("caseClock: bad dates never throw", () => {
  // [what, record, message]
  const bad: [string, CaseRecord, RegExp][] = [
    [
      "a final plan dated before its request",
      testCase({ requests: [request({ received: "2025-09-08", finalPlanIssued: "2025-09-01" })] }),
      /a final plan cannot be issued before the request was received/,
    ],
    [
      "a review before the plan",
      testCase({
        plans: [{ id: "p", made: "2025-06-01", versions: [] }],
        reviews: [{ id: "r", meeting: "2025-07-01", reportCirculated: "2025-06-20" }],
      }),
      /the report of the review meeting cannot be sent before the meeting/,
    ],
    ["an impossible date", testCase({ requests: [request({ received: "2025-02-30" })] }), /not a real date \(February 2025 has 28 days\)/],
  ];
  for (const [what, record, message] of bad) {
    test(what, () => {
      const clock = caseClock(record, { today: "2026-03-09", calendar });
      assert.deepEqual(clock.deadlines, []);
      assert.ok(
        clock.warnings.some((w) => message.test(w)),
        clock.warnings.join("\n"),
      );
    });
  }

  const day = fc.integer({ min: toDayNumber("2015-01-01"), max: toDayNumber("2027-12-31") }).map(fromDayNumber);
  const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
  const anyRecord = fc
    .record({
      received: day,
      decision: maybe(fc.record({ date: day, outcome: fc.constantFrom("assess" as const, "refuse" as const) })),
      draftServed: maybe(day),
      finalPlanIssued: maybe(day),
      made: maybe(day),
      meetings: fc.array(day, { maxLength: 4 }),
      dateOfBirth: day,
      today: day,
    })
    .map(({ received, decision, draftServed, finalPlanIssued, made, meetings, dateOfBirth, today }) => {
      const req = request({ received });
      if (decision) req.decision = decision;
      if (draftServed) req.draftServed = draftServed;
      if (finalPlanIssued) req.finalPlanIssued = finalPlanIssued;
      const record = testCase(
        {
          requests: [req],
          plans: made ? [{ id: "p", made, versions: [] }] : [],
          reviews: meetings.map((meeting, i) => ({ id: `r${i}`, meeting })),
        },
        { dateOfBirth },
      );
      return { record, today };
    });

  test("any dates in any order: deadlines with words, or a warning, never an exception", () => {
    fc.assert(
      fc.property(anyRecord, ({ record, today }) => {
        const clock = caseClock(record, { today, calendar });
        for (const d of clock.deadlines) {
          assert.ok(d.label.length > 0 && d.countedFrom.length > 0 && d.step.length > 0);
          assert.ok(deadlineSentence(d, today).length > 0);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("monitoringVisitDue: out of authority, residential and home educated", () => {
  const today = "2026-03-09";
  const plan = { id: "plan-1", made: "2022-01-01", versions: [] };
  const placement = (overrides: Partial<Placement>): Placement => ({
    id: "pl-1",
    settingName: "Heathfield House School",
    settingType: "independent",
    outOfAuthority: true,
    residential: false,
    independent: true,
    start: "2023-09-01",
    ...overrides,
  });

  // [what, placement, visits, due, status, days left, reason]
  const rows: [string, Placement, { date: string; placementId?: string }[], string, string, number, string][] = [
    [
      "never visited: 12 months from the start",
      placement({ start: "2025-06-01" }),
      [],
      "2026-06-01",
      "not yet due",
      84,
      "Placed out of authority at Heathfield House School since 1 June 2025; not visited since the placement began",
    ],
    [
      "visited 1 March 2025: overdue",
      placement({}),
      [{ date: "2025-03-01" }],
      "2026-03-01",
      "overdue",
      -8,
      "Placed out of authority at Heathfield House School since 1 September 2023; last visited 1 March 2025",
    ],
    [
      "a visit before the placement began does not count",
      placement({}),
      [{ date: "2023-05-01" }],
      "2024-09-01",
      "overdue",
      -554,
      "Placed out of authority at Heathfield House School since 1 September 2023; not visited since the placement began",
    ],
    [
      "a visit to another placement does not count",
      placement({}),
      [{ date: "2025-12-01", placementId: "other" }],
      "2024-09-01",
      "overdue",
      -554,
      "Placed out of authority at Heathfield House School since 1 September 2023; not visited since the placement began",
    ],
    [
      "the latest visit counts",
      placement({}),
      [{ date: "2024-10-01" }, { date: "2025-10-01", placementId: "pl-1" }],
      "2026-10-01",
      "not yet due",
      206,
      "Placed out of authority at Heathfield House School since 1 September 2023; last visited 1 October 2025",
    ],
    [
      "home educated: due soon",
      placement({
        settingName: "Elective home education",
        settingCode: "EHE",
        settingType: "other",
        outOfAuthority: false,
        independent: false,
        start: "2024-01-10",
      }),
      [{ date: "2025-03-15" }],
      "2026-03-15",
      "due soon",
      6,
      "Home educated since 10 January 2024; last visited 15 March 2025",
    ],
    [
      "residential in the area: due today",
      placement({ outOfAuthority: false, residential: true, start: "2024-09-01" }),
      [{ date: "2025-03-09" }],
      "2026-03-09",
      "due today",
      0,
      "In a residential placement at Heathfield House School since 1 September 2024; last visited 9 March 2025",
    ],
    [
      "out of authority and residential",
      placement({ residential: true }),
      [{ date: "2025-09-09" }],
      "2026-09-09",
      "not yet due",
      184,
      "Placed out of authority and in a residential placement at Heathfield House School since 1 September 2023; last visited 9 September 2025",
    ],
  ];
  for (const [what, pl, visits, due, status, daysLeft, reason] of rows) {
    test(what, () => {
      const visit = monitoringVisitDue(testCase({ plans: [plan], placements: [pl], monitoringVisits: visits }), today);
      assert.ok(visit);
      assert.deepEqual([visit.due, visit.status, visit.daysLeft, visit.reason], [due, status, daysLeft, reason]);
    });
  }

  test("no visit needed: in-area mainstream, an ended placement, or no plan in force", () => {
    const mainstream = placement({ settingType: "mainstream", outOfAuthority: false, independent: false });
    assert.equal(monitoringVisitDue(testCase({ plans: [plan], placements: [mainstream] }), today), undefined);
    assert.equal(monitoringVisitDue(testCase({ plans: [plan], placements: [placement({ end: "2025-12-31" })] }), today), undefined);
    const ceased = { ...plan, ceased: { date: "2026-01-10", reason: 2 as const } };
    assert.equal(monitoringVisitDue(testCase({ plans: [ceased], placements: [placement({})] }), today), undefined);
  });
});

describe("a plan transferred in (Regs 15; STATUTORY.md §4)", () => {
  const transferred = (reviews: AnnualReview[] = []) =>
    testCase({
      plans: [{ id: "p1", made: "2024-01-18", versions: [], transferredIn: { date: "2026-03-19", from: "Elsewhere", lastReview: "2025-11-10" } }],
      reviews,
    });

  test("the old council's last review counts: transfer.reviewBy is 12 months from it, later than 3 months from the transfer", () => {
    const clock = caseClock(transferred(), { today: "2026-05-02", calendar });
    assert.deepEqual(clock.input.events?.transferredIn, "2026-03-19");
    assert.deepEqual(clock.input.events?.previousReviewMeeting, "2025-11-10");
    assert.equal(find(clock.deadlines, "transfer.reviewBy").due, "2026-11-09");
    assert.equal(
      clock.deadlines.find((d) => d.key === "review.due"),
      undefined,
    );
  });

  test("the new council's review meets it, and the annual cycle then runs from that meeting", () => {
    const deadlines = caseDeadlines(transferred([{ id: "v1", meeting: "2026-10-01" }]), { today: "2026-10-20", calendar });
    assert.equal(find(deadlines, "transfer.reviewBy").status, "met on time");
    assert.equal(find(deadlines, "review.due", "next review").due, "2027-09-30");
    assert.equal(deadlines.filter((d) => d.key === "review.due").length, 1);
  });
});
