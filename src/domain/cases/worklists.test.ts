import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { englandAndWalesCalendar } from "../bank-holidays.ts";
import { CASEWORKER, OTHER_CASEWORKER, testCase } from "./fixtures.ts";
import type { CaseRecord } from "./types.ts";
import { REGISTER_COLUMNS, registerCells, registerRows, type WorklistRow, worklistCounts, worklistsFor } from "./worklists.ts";

const today = "2026-03-09";
const calendar = englandAndWalesCalendar();

/** A: an assessment under way; health advice late; the final plan due in a week. */
const assessing = testCase(
  {
    id: "case-a",
    requests: [
      {
        id: "req-a",
        received: "2025-10-27",
        requestedBy: "school",
        decision: { date: "2025-12-01", outcome: "assess" },
        adviceRequests: [
          { service: "health", received: "2025-12-03", headOfInstitution: false },
          { service: "educational-psychology", received: "2025-12-03", returned: "2026-01-10", headOfInstitution: false },
        ],
        exceptions: [],
      },
    ],
  },
  { id: "child-a", firstName: "Amara", lastName: "Okafor", dateOfBirth: "2017-04-12" },
);

/** B: out of authority, visit overdue, annual review due this month. */
const outOfArea = testCase(
  {
    id: "case-b",
    plans: [{ id: "plan-b", made: "2021-03-20", versions: [] }],
    reviews: [
      { id: "rv-b1", meeting: "2024-03-18", reportCirculated: "2024-03-25", decision: { date: "2024-04-02", outcome: "maintain" } },
      { id: "rv-b2", meeting: "2025-03-25", reportCirculated: "2025-03-30", decision: { date: "2025-04-01", outcome: "maintain" } },
    ],
    placements: [
      {
        id: "pl-b",
        settingName: "Heathfield House School",
        urn: "123456",
        settingType: "independent",
        outOfAuthority: true,
        residential: false,
        independent: true,
        start: "2022-09-01",
      },
    ],
    monitoringVisits: [{ date: "2025-02-01" }],
  },
  {
    id: "child-b",
    firstName: "Oliver",
    lastName: "Smith",
    dateOfBirth: "2012-06-10",
    upn: "B801200005001",
    caseworker: { ...OTHER_CASEWORKER },
  },
);

/** C: Year 6, phase transfer overdue, awaiting provision. */
const awaiting = testCase(
  {
    id: "case-c",
    plans: [{ id: "plan-c", made: "2019-05-01", versions: [] }],
    reviews: [{ id: "rv-c1", meeting: "2025-06-10", reportCirculated: "2025-06-15", decision: { date: "2025-06-20", outcome: "maintain" } }],
    placements: [
      {
        id: "pl-c",
        settingName: "Oakfield Primary School",
        settingType: "mainstream",
        outOfAuthority: false,
        residential: false,
        independent: false,
        start: "2019-09-01",
        end: "2026-01-04",
      },
    ],
    awaitingProvision: [{ from: "2026-01-05" }],
  },
  { id: "child-c", firstName: "Ava", lastName: "Brown", dateOfBirth: "2014-11-02" },
);

/** D: Year 11, post-16 transfer coming, may be missing education. */
const missing = testCase(
  {
    id: "case-d",
    plans: [{ id: "plan-d", made: "2020-01-10", versions: [] }],
    reviews: [{ id: "rv-d1", meeting: "2025-09-01", reportCirculated: "2025-09-05", decision: { date: "2025-09-20", outcome: "maintain" } }],
    placements: [
      {
        id: "pl-d",
        settingName: "Northgate Academy",
        settingType: "mainstream",
        outOfAuthority: false,
        residential: false,
        independent: false,
        start: "2021-09-01",
      },
    ],
    missingEducation: [{ from: "2026-02-01" }],
  },
  { id: "child-d", firstName: "Noah", lastName: "Khan", dateOfBirth: "2010-05-01", caseworker: { ...OTHER_CASEWORKER } },
);

/** E: refused last summer: nothing to do. */
const refused = testCase(
  {
    id: "case-e",
    requests: [
      {
        id: "req-e",
        received: "2025-06-02",
        requestedBy: "parent",
        decision: { date: "2025-07-01", outcome: "refuse" },
        adviceRequests: [],
        exceptions: [],
      },
    ],
  },
  { id: "child-e", firstName: "Leo", lastName: "Walker", dateOfBirth: "2016-02-02" },
);

/** F: plan ceased in January. */
const ceased = testCase(
  { id: "case-f", plans: [{ id: "plan-f", made: "2018-01-10", versions: [], ceased: { date: "2026-01-15", reason: 5 } }] },
  { id: "child-f", firstName: "Isla", lastName: "Ahmed", dateOfBirth: "2011-03-03" },
);

const caseload: CaseRecord[] = [assessing, outOfArea, awaiting, missing, refused, ceased];

const summary = (rows: WorklistRow[]) => rows.map((r) => [r.list, r.caseId, r.date ?? "", r.reason]);

describe("worklistsFor: a manager's view of every case", () => {
  const rows = worklistsFor(caseload, { today, calendar });

  test("each case is on the lists the clock puts it on, with the reason in words", () => {
    assert.deepEqual(summary(rows), [
      ["due-soon", "case-a", "2026-03-16", "Final plan due 16 March 2026 (20 weeks from the request on 27 October 2025): 7 days left"],
      [
        "overdue",
        "case-a",
        "2026-01-14",
        "Advice from health due 14 January 2026 (6 weeks from the service receiving the request on 3 December 2025): 54 days overdue",
      ],
      [
        "overdue",
        "case-c",
        "2026-02-14",
        "Phase transfer: Year 6 (primary school) to Year 7 (secondary school) due 14 February 2026 (before 15 February in 2026, the year of the move; last working day 13 February 2026): 23 days overdue",
      ],
      [
        "overdue",
        "case-a",
        "2026-02-16",
        "Decision whether to issue a plan (notice if not) due 16 February 2026 (16 weeks from the request on 27 October 2025): 21 days overdue",
      ],
      [
        "advice-outstanding",
        "case-a",
        "2026-01-14",
        "Advice from health due 14 January 2026 (6 weeks from the service receiving the request on 3 December 2025): 54 days overdue",
      ],
      [
        "reviews-this-month",
        "case-b",
        "2026-03-24",
        "Next annual review due 24 March 2026 (12 months starting with the last review meeting, 25 March 2025): 15 days left; no meeting booked",
      ],
      [
        "phase-transfers",
        "case-c",
        "2026-02-14",
        "Phase transfer: Year 6 (primary school) to Year 7 (secondary school) due 14 February 2026 (before 15 February in 2026, the year of the move; last working day 13 February 2026): 23 days overdue",
      ],
      [
        "phase-transfers",
        "case-d",
        "2026-03-30",
        "Phase transfer: Year 11 (secondary school) to post-16 due 30 March 2026 (before 31 March in 2026, the year of the move): 21 days left",
      ],
      ["awaiting-provision", "case-c", "2026-01-05", "Awaiting provision since 5 January 2026 (63 days)"],
      ["missing-education", "case-d", "2026-02-01", "May be missing education since 1 February 2026 (36 days); last known setting Northgate Academy"],
      [
        "visits-overdue",
        "case-b",
        "2026-02-01",
        "Placed out of authority at Heathfield House School since 1 September 2022; last visited 1 February 2025. Next visit was due 1 February 2026: 36 days overdue",
      ],
    ]);
  });

  test("advice outstanding names the service; rows carry the deadline and its status", () => {
    const advice = rows.find((r) => r.list === "advice-outstanding");
    assert.deepEqual([advice?.service, advice?.deadlineKey, advice?.status, advice?.childName], ["health", "advice.due", "overdue", "Amara Okafor"]);
  });

  test("counts per list", () => {
    assert.deepEqual(worklistCounts(rows), {
      "my-cases": 0,
      "due-soon": 1,
      overdue: 3,
      "advice-outstanding": 1,
      "reviews-this-month": 1,
      "phase-transfers": 2,
      "awaiting-provision": 1,
      "missing-education": 1,
      "visits-overdue": 1,
    });
  });
});

describe("worklistsFor: a caseworker's view", () => {
  test("only their cases, and my cases lists the open ones with the next step", () => {
    const rows = worklistsFor(caseload, { today, calendar, caseworkerId: CASEWORKER.id });
    assert.ok(rows.every((r) => r.caseworkerId === CASEWORKER.id));
    const mine = rows.filter((r) => r.list === "my-cases");
    assert.deepEqual(
      mine.map((r) => [r.caseId, r.reason]),
      [
        [
          "case-a",
          "Your case: assessing since 1 December 2025 (request received 27 October 2025). Next: Advice from health due 14 January 2026 (6 weeks from the service receiving the request on 3 December 2025): 54 days overdue",
        ],
        [
          "case-c",
          "Your case: EHC plan since 1 May 2019. Next: Phase transfer: Year 6 (primary school) to Year 7 (secondary school) due 14 February 2026 (before 15 February in 2026, the year of the move; last working day 13 February 2026): 23 days overdue",
        ],
      ],
    );
    // The refused request (case E) has nothing left to do.
    assert.ok(!rows.some((r) => r.caseId === "case-e"));
  });
});

describe("worklistsFor: recording dates moves a case between lists", () => {
  test("advice returned, then the final plan issued", () => {
    const lists = (record: CaseRecord) => worklistsFor([record], { today, calendar }).map((r) => `${r.list} ${r.deadlineKey ?? ""}`);
    assert.deepEqual(lists(assessing), [
      "due-soon assessment.finalPlan",
      "overdue advice.due",
      "overdue assessment.noPlanNotice",
      "advice-outstanding advice.due",
    ]);

    const request = assessing.requests[0];
    assert.ok(request);
    const adviceIn = {
      ...assessing,
      requests: [{ ...request, adviceRequests: request.adviceRequests.map((a) => ({ ...a, returned: "2026-02-18" })), draftServed: "2026-02-20" }],
    };
    // The family's 15 days on the draft ended on 6 March: their time limit, not a breach.
    assert.deepEqual(lists(adviceIn), ["due-soon assessment.finalPlan"]);

    const issued: CaseRecord = {
      ...adviceIn,
      requests: adviceIn.requests.map((r) => ({ ...r, finalPlanIssued: "2026-03-09" })),
      plans: [{ id: "plan-a", made: "2026-03-09", requestId: "req-a", versions: [{ issued: "2026-03-09", kind: "final" }] }],
    };
    assert.deepEqual(lists(issued), []);
    assert.deepEqual(
      registerRows([issued], today).map((r) => [r.name, r.nextReviewDue]),
      [["Amara Okafor", "2027-03-08"]],
    );
  });

  test("a monitoring visit due within 14 days is on the due-soon list", () => {
    const visitSoon = { ...outOfArea, monitoringVisits: [{ date: "2025-03-20" }] };
    const rows = worklistsFor([visitSoon], { today, calendar }).filter((r) => r.list === "due-soon");
    assert.deepEqual(
      rows.map((r) => r.reason),
      [
        "Monitoring visit due 20 March 2026 (Placed out of authority at Heathfield House School since 1 September 2022; last visited 20 March 2025): 11 days left",
      ],
    );
  });

  test("a meeting booked is named on the reviews-this-month row", () => {
    const booked = { ...outOfArea, reviews: [...outOfArea.reviews, { id: "rv-b3", meeting: "2026-03-20" }] };
    const row = worklistsFor([booked], { today, calendar }).find((r) => r.list === "reviews-this-month");
    assert.match(row?.reason ?? "", /; meeting booked for 20 March 2026$/);
  });
});

describe("registerRows: the WSOA register", () => {
  const rows = registerRows(caseload, today, { calendar });

  test("every child with a plan in force, by surname", () => {
    assert.deepEqual(
      rows.map((r) => r.name),
      ["Ava Brown", "Noah Khan", "Oliver Smith"],
    );
  });

  test("the columns the WSOA and issue 7 name, in order", () => {
    assert.deepEqual(
      REGISTER_COLUMNS.map((c) => c.header),
      [
        "Name",
        "Date of birth",
        "UPN",
        "Setting",
        "Setting type",
        "Out of authority",
        "Residential",
        "Last review",
        "Next review due",
        "Last visit",
        "Next visit due",
        "Awaiting provision",
        "Missing education",
        "Caseworker",
      ],
    );
  });

  test("each row as text for people", () => {
    assert.deepEqual(
      rows.map((r) => registerCells(r)),
      [
        [
          "Ava Brown",
          "2 November 2014",
          "",
          "None: awaiting provision",
          "",
          "No",
          "No",
          "10 June 2025",
          "9 June 2026",
          "Not required",
          "Not required",
          "Since 5 January 2026",
          "No",
          "Sam Patel",
        ],
        [
          "Noah Khan",
          "1 May 2010",
          "",
          "Northgate Academy",
          "Mainstream",
          "No",
          "No",
          "1 September 2025",
          "31 August 2026",
          "Not required",
          "Not required",
          "No",
          "Since 1 February 2026",
          "Jo Reed",
        ],
        [
          "Oliver Smith",
          "10 June 2012",
          "B801200005001",
          "Heathfield House School",
          "Independent or non-maintained special school",
          "Yes",
          "No",
          "25 March 2025",
          "24 March 2026",
          "1 February 2025",
          "1 February 2026",
          "No",
          "No",
          "Jo Reed",
        ],
      ],
    );
  });

  test("dates for machines, and the statuses beside them", () => {
    const smith = rows.find((r) => r.lastName === "Smith");
    assert.ok(smith);
    assert.deepEqual(registerCells(smith, { dates: "iso" }).slice(7, 11), ["2025-03-25", "2026-03-24", "2025-02-01", "2026-02-01"]);
    assert.deepEqual([smith.nextReviewStatus, smith.nextVisitStatus, smith.visitRequired], ["not yet due", "overdue", true]);
  });

  test("a plan with no review yet: the first review from the day it was made; home education needs a visit", () => {
    const ehe = testCase({
      plans: [{ id: "p", made: "2025-09-15", versions: [] }],
      placements: [
        {
          id: "pl",
          settingName: "Elective home education",
          settingCode: "EHE",
          settingType: "other",
          outOfAuthority: false,
          residential: false,
          independent: false,
          start: "2025-10-01",
        },
      ],
    });
    const [row] = registerRows([ehe], today);
    assert.ok(row);
    const cells = registerCells(row);
    assert.deepEqual(cells.slice(3, 11), [
      "Elective home education",
      "Other: Elective home education",
      "No",
      "No",
      "None yet",
      "14 September 2026",
      "Not visited",
      "1 October 2026",
    ]);
  });
});
