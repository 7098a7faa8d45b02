// The registry's measures from hand-made cases whose answers are worked out on paper: each limit
// met on its last day and missed the day after; snapshots on a period's last day; months; drill-down.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { type CaseRecord, newCaseRecord, type Placement } from "../cases/types.ts";
import {
  academicYearPeriod,
  breakdownsFor,
  casesBehind,
  censusDayOnOrBefore,
  factsOf,
  figuresFor,
  monthlySeries,
  monthPeriod,
  quarterPeriod,
  type RegistryId,
  yearPeriod,
} from "./registry.ts";

function child(id: string, dateOfBirth = "2015-05-01"): CaseRecord {
  return newCaseRecord(id, {
    id: `child-${id}`,
    firstName: "Test",
    lastName: id,
    dateOfBirth,
    sex: "F",
    ethnicity: "NOBT",
    postcode: "",
    needs: [{ code: "ASD", rank: 1 }],
    caseworker: { id: "cw", name: "Caseworker" },
  });
}

function noPlan(id: string, notice: string): CaseRecord {
  const r = child(id);
  r.requests = [
    {
      id: `${id}-r`,
      received: "2025-01-06",
      requestedBy: "parent",
      decision: { date: "2025-02-10", outcome: "assess" },
      noPlanNoticeSent: notice,
      adviceRequests: [],
      exceptions: [],
    },
  ];
  return r;
}

function reviewed(id: string, decision: string, amended?: string): CaseRecord {
  const r = child(id);
  r.plans = [{ id: `${id}-p`, made: "2024-03-10", versions: [] }];
  r.reviews = [
    { id: `${id}-v`, meeting: "2025-03-03", decision: { date: decision, outcome: "amend" }, ...(amended ? { amendedPlanIssued: amended } : {}) },
  ];
  return r;
}

function transfer(id: string, kind: "school" | "post16", year: number, finalised?: string): CaseRecord {
  const r = child(id);
  r.phaseTransfers = [{ year, kind, ...(finalised ? { finalised } : {}) }];
  return r;
}

function advice(id: string, returned: string, service: "health" | "educational-psychology"): CaseRecord {
  const r = child(id);
  r.requests = [
    {
      id: `${id}-r`,
      received: "2025-01-13",
      requestedBy: "school",
      decision: { date: "2025-01-27", outcome: "assess" },
      adviceRequests: [{ service, received: "2025-02-01", returned, headOfInstitution: false }],
      exceptions: [],
    },
  ];
  return r;
}

const placement = (overrides: Partial<Placement>): Placement => ({
  id: "pl",
  settingName: "Somewhere",
  settingType: "special",
  outOfAuthority: false,
  residential: false,
  independent: false,
  start: "2024-09-01",
  ...overrides,
});

function placed(id: string, outOfAuthority: boolean, visit?: string): CaseRecord {
  const r = child(id, "2012-10-15");
  r.plans = [{ id: `${id}-p`, made: "2023-06-01", versions: [] }];
  r.placements = [placement({ outOfAuthority })];
  if (visit) r.monitoringVisits = [{ date: visit }];
  return r;
}

const records = [
  // reg 10(1): 16 weeks from 6 January 2025 is 28 April.
  noPlan("n1", "2025-04-28"),
  noPlan("n2", "2025-04-29"),
  // reg 20(10): 4 weeks from 3 March is 31 March; reg 22(3): 12 weeks is 26 May.
  reviewed("v1", "2025-03-31", "2025-05-26"),
  reviewed("v2", "2025-04-01", "2025-05-27"),
  // reg 18(1): before 15 February (school), before 31 March (post-16); one never finalised; one next year.
  transfer("t1", "school", 2025, "2025-02-14"),
  transfer("t2", "school", 2025, "2025-02-15"),
  transfer("t3", "post16", 2025, "2025-03-30"),
  transfer("t4", "post16", 2025),
  transfer("t5", "school", 2026, "2025-11-01"),
  // reg 8(1): 6 weeks from 1 February is 15 March.
  advice("a1", "2025-03-15", "health"),
  advice("a2", "2025-03-16", "health"),
  advice("a3", "2025-03-01", "educational-psychology"),
  // Placements on 30 June 2025: out of area visited within 12 months, out of area not, in area.
  placed("o1", true, "2024-07-01"),
  placed("o2", true, "2024-06-30"),
  placed("o3", false),
];
records[records.length - 1]?.awaitingProvision.push({ from: "2025-06-01" });
records[records.length - 2]?.missingEducation.push({ from: "2025-05-01", to: "2025-06-15" });

const today = "2025-12-01";
const facts = factsOf(records, { today });
const figures = (from: string, to: string) =>
  Object.fromEntries(figuresFor(records, facts, { from, to, label: "" }).map((f) => [f.id, [f.value, f.numerator, f.denominator]])) as Record<
    RegistryId,
    [number | null, number, number | null]
  >;

describe("the registry, each limit on its last day and the day after", () => {
  const year = figures("2025-01-01", "2025-12-31");

  test('"no plan" notices within 16 weeks (reg 10(1))', () => {
    assert.deepEqual(year.noPlanWithin16Weeks, [50, 1, 2]);
  });

  test("annual review decisions within 4 weeks and amended plans within 12 weeks of the meeting", () => {
    assert.deepEqual(year.reviewDecisionsWithin4Weeks, [50, 1, 2]);
    assert.deepEqual(year.amendedWithin12Weeks, [50, 1, 2]);
  });

  test("phase transfers by 15 February or 31 March; a transfer whose deadline has not come is not counted", () => {
    assert.deepEqual(year.phaseTransfersOnTime, [50, 2, 4]);
    // The school deadline falls in February, the post-16 one in March.
    assert.deepEqual(figures("2025-02-01", "2025-02-28").phaseTransfersOnTime, [50, 1, 2]);
    assert.deepEqual(figures("2025-03-01", "2025-03-31").phaseTransfersOnTime, [50, 1, 2]);
  });

  test("advice within 6 weeks (reg 8(1)), overall and by service", () => {
    assert.deepEqual(year.adviceWithin6Weeks, [66.7, 2, 3]);
    const byService = breakdownsFor(records, facts, yearPeriod(2025)).find((b) => b.by === "adviceService")?.rows;
    assert.deepEqual(
      byService?.filter((r) => r.count > 0),
      [
        { key: "educational-psychology", count: 1, numerator: 1, value: 100 },
        { key: "health", count: 2, numerator: 1, value: 50 },
      ],
    );
  });
});

describe("snapshots on the period's last day", () => {
  const june = figures("2025-06-01", "2025-06-30");

  test("plans in force, placed out of area, and visited in the 12 months before", () => {
    // v1, v2 (plans from 2024) and o1-o3.
    assert.deepEqual(june.plansInForce, [5, 5, null]);
    assert.deepEqual(june.outOfAuthority, [40, 2, 5]);
    // o1 visited 1 July 2024, within the 12 months to 30 June 2025; o2 on 30 June 2024, just outside.
    assert.deepEqual(june.visitedIn12Months, [50, 1, 2]);
  });

  test("awaiting provision and missing education are open on the last day or not counted", () => {
    assert.deepEqual(june.awaitingProvision, [1, 1, null]);
    assert.deepEqual(june.missingEducation, [0, 0, null], "missing education ended on 15 June");
    assert.deepEqual(figures("2025-05-01", "2025-05-31").missingEducation, [1, 1, null]);
  });

  test("the caseload by primary need, age band and year group", () => {
    const b = Object.fromEntries(breakdownsFor(records, facts, monthPeriod(2025, 6)).map((x) => [x.by, x.rows.filter((r) => r.count)]));
    assert.deepEqual(b.primaryNeed, [{ key: "ASD", count: 5 }]);
    // Born 1 May 2015: 10 on 30 June 2025, Year 5; born 15 October 2012: 12, Year 7.
    assert.deepEqual(b.ageBand, [
      { key: "5to10", count: 2 },
      { key: "11to15", count: 3 },
    ]);
    assert.deepEqual(b.yearGroup, [
      { key: "5", count: 2 },
      { key: "7", count: 3 },
    ]);
    assert.deepEqual(b.settingType, [
      { key: "special", count: 3 },
      { key: "other", count: 2 },
    ]);
  });

  test("the census day counted is the last one on or before the period's end", () => {
    assert.equal(censusDayOnOrBefore("2025-01-15"), "2024-01-18");
    assert.equal(censusDayOnOrBefore("2025-01-16"), "2025-01-16");
  });
});

describe("periods, series and drill-down", () => {
  test("quarters, school years and months have their days", () => {
    assert.deepEqual(quarterPeriod(2025, 1), { from: "2025-01-01", to: "2025-03-31", label: "January to March 2025" });
    assert.deepEqual(academicYearPeriod(2024), { from: "2024-09-01", to: "2025-08-31", label: "2024 to 2025 school year" });
    assert.deepEqual(monthPeriod(2024, 2).to, "2024-02-29");
  });

  test("a series month by month adds up to the year for flow measures", () => {
    const series = monthlySeries(records, facts, yearPeriod(2025));
    assert.equal(series.length, 12);
    const sum = (id: RegistryId) => series.reduce((n, p) => n + (p.figures.find((f) => f.id === id)?.denominator ?? 0), 0);
    for (const id of ["noPlanWithin16Weeks", "reviewDecisionsWithin4Weeks", "phaseTransfersOnTime", "adviceWithin6Weeks"] as const) {
      assert.equal(sum(id), figures("2025-01-01", "2025-12-31")[id][2], id);
    }
    const april = series[3]?.figures.find((f) => f.id === "noPlanWithin16Weeks");
    assert.deepEqual([april?.numerator, april?.denominator], [1, 2]);
  });

  test("a past month's figure does not change when today moves on", () => {
    const later = factsOf(records, { today: "2027-06-01" });
    assert.deepEqual(figuresFor(records, later, monthPeriod(2025, 3)), figuresFor(records, facts, monthPeriod(2025, 3)));
  });

  test("the cases behind a figure, each marked whether it is counted", () => {
    assert.deepEqual(casesBehind(records, facts, "noPlanWithin16Weeks", yearPeriod(2025)), [
      { caseId: "n1", counted: true, date: "2025-04-28" },
      { caseId: "n2", counted: false, date: "2025-04-29" },
    ]);
    assert.deepEqual(
      casesBehind(records, facts, "outOfAuthority", monthPeriod(2025, 6)).filter((c) => c.counted),
      [
        { caseId: "o1", counted: true },
        { caseId: "o2", counted: true },
      ],
    );
  });
});
