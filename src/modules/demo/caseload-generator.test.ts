import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { englandAndWalesCalendar } from "../../domain/bank-holidays.ts";
import { caseCalculatorInput, caseClock, currentPlacements, currentPlan, monitoringVisitDue, openPeriodOn } from "../../domain/cases/case-clock.ts";
import { validateNhsNumber, validateUln, validateUpn } from "../../domain/cases/identifiers.ts";
import type { CaseRecord } from "../../domain/cases/types.ts";
import { registerRows } from "../../domain/cases/worklists.ts";
import { daysBetween } from "../../domain/dates.ts";
import { censusDay } from "../../domain/measures/registry.ts";
import { yearGroupOn } from "../../domain/school-year.ts";
import { parseCalculatorInput } from "../../domain/statutory/input.ts";
import { generateCaseload } from "./caseload-generator.ts";

const today = "2026-03-09";
const caseworkers = [
  { id: "cw-1", name: "Sam Patel" },
  { id: "cw-2", name: "Jo Reed" },
  { id: "cw-3", name: "Chris Ng" },
];
const options = { seed: 20260309, plans: 2000, today, caseworkers };
const records = generateCaseload(options);
const withPlan = records.filter((r) => currentPlan(r, today));
const share = (n: number, of: number) => n / of;

/** Every date recorded on a case, with where it is, except meetings booked ahead. */
function datesOf(record: CaseRecord): [string, string][] {
  const out: [string, string][] = [["dateOfBirth", record.child.dateOfBirth]];
  const walk = (value: unknown, path: string) => {
    if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)) out.push([path, value]);
    else if (Array.isArray(value)) {
      for (const [i, v] of value.entries()) walk(v, `${path}[${i}]`);
    } else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) walk(v, `${path}.${k}`);
  };
  walk(record.requests, "requests");
  walk(record.plans, "plans");
  walk(record.placements, "placements");
  walk(record.monitoringVisits, "visits");
  walk(record.awaitingProvision, "awaiting");
  walk(record.missingEducation, "missing");
  walk(record.phaseTransfers, "transfers");
  walk(
    record.reviews.filter((r) => r.meeting <= today),
    "reviews",
  );
  return out;
}

describe("generateCaseload: repeatable", () => {
  test("the same seed gives the same records; another seed different ones", () => {
    assert.deepEqual(generateCaseload({ ...options, plans: 300 }), generateCaseload({ ...options, plans: 300 }));
    assert.notDeepEqual(generateCaseload({ ...options, plans: 300 }), generateCaseload({ ...options, plans: 300, seed: 1 }));
  });

  test("exactly the number of plans asked for, and a quarter as many requests", () => {
    assert.equal(withPlan.length, 2000);
    // Requests received in the year to today; earlier years' requests are history.
    const yearAgo = "2025-03-09";
    const inYear = (rs: CaseRecord[]) => rs.filter((r) => r.requests.some((q) => q.received > yearAgo)).length;
    // Plus the requests of the few plans of the youngest children, made in the year from infancy.
    const youngest = records.filter((r) => r.requests.some((q) => q.received > yearAgo) && r.child.dateOfBirth > "2023-03-09").length;
    assert.ok(inYear(records) >= 500 && inYear(records) <= 500 + youngest, `${inYear(records)} requests, ${youngest} youngest`);
    const small = generateCaseload({ ...options, plans: 100, requestsPerYear: 10 });
    assert.ok(inYear(small) >= 10 && inYear(small) <= 15, `${inYear(small)}`);
    assert.equal(generateCaseload({ ...options, plans: 0, requestsPerYear: 0 }).length, 0);
  });

  test("ids are unique; ids can carry a prefix", () => {
    assert.equal(new Set(records.map((r) => r.id)).size, records.length);
    assert.equal(new Set(records.map((r) => r.child.id)).size, records.length);
    assert.ok(generateCaseload({ ...options, plans: 5, idPrefix: "kent-" }).every((r) => r.id.startsWith("kent-case-")));
  });

  test("a bad number of plans is refused with a message", () => {
    assert.throws(() => generateCaseload({ ...options, plans: -1 }), /plans must be a whole number/);
  });
});

describe("generateCaseload: valid data", () => {
  test("every UPN, ULN and NHS number passes its check, and none is used twice", () => {
    for (const [field, validate] of [
      ["upn", validateUpn],
      ["uln", validateUln],
      ["nhsNumber", validateNhsNumber],
    ] as const) {
      const values = records.map((r) => r.child[field]).filter((v): v is string => v !== undefined);
      assert.ok(values.length > records.length / 10, field);
      for (const value of values) assert.deepEqual(validate(value), { ok: true, value }, `${field} ${value}`);
      assert.equal(new Set(values).size, values.length, `${field} repeated`);
    }
    // NHS numbers from the range the NHS keeps for test data.
    assert.ok(records.every((r) => r.child.nhsNumber === undefined || r.child.nhsNumber.startsWith("999")));
  });

  test("every case goes on the clock without a date error, and nothing is recorded after today", () => {
    const calendar = englandAndWalesCalendar();
    for (const record of records) {
      const parsed = parseCalculatorInput(caseCalculatorInput(record, today));
      assert.ok(parsed.ok, `${record.id}: ${parsed.ok ? "" : parsed.errors.map((e) => e.message).join("; ")}`);
      assert.ok(!caseClock(record, { today, calendar }).warnings.some((w) => w.startsWith("The case's dates")));
      for (const [where, date] of datesOf(record)) assert.ok(date <= today, `${record.id} ${where} ${date} is after today`);
    }
  });

  test("dates follow each other: born, plan, reviews, placements, visits", () => {
    for (const record of records) {
      const born = record.child.dateOfBirth;
      for (const plan of record.plans) {
        assert.ok(plan.made > born, `${record.id} plan before birth`);
        if (plan.ceased) assert.ok(plan.ceased.date > plan.made, `${record.id} ceased before made`);
      }
      const plan = record.plans[0];
      for (const review of record.reviews) if (plan) assert.ok(review.meeting > plan.made, `${record.id} review before plan`);
      for (const placement of record.placements) {
        assert.ok(placement.start > born, `${record.id} placement before birth`);
        if (placement.end) assert.ok(placement.end >= placement.start, `${record.id} placement ends before it starts`);
        assert.ok(placement.urn !== undefined || placement.settingCode !== undefined, `${record.id} setting without URN or code`);
      }
      const ranks = record.child.needs.map((n) => n.rank);
      assert.deepEqual(ranks, ranks.length === 2 ? [1, 2] : [1]);
      assert.ok(caseworkers.some((c) => c.id === record.child.caseworker.id));
    }
  });
});

describe("generateCaseload: shaped like England (DfE, Education, health and care plans)", () => {
  test("ages 0-25, most 5 to 15", () => {
    const ages = withPlan.map((r) => Math.floor(daysBetween(r.child.dateOfBirth, today) / 365.25));
    assert.ok(ages.every((a) => a >= 0 && a <= 25));
    const schoolAge = ages.filter((a) => a >= 5 && a <= 15).length;
    assert.ok(share(schoolAge, ages.length) > 0.6 && share(schoolAge, ages.length) < 0.8, `${schoolAge}`);
    assert.ok(ages.some((a) => a < 5) && ages.some((a) => a >= 20));
  });

  test("autism, speech and language, and SEMH are the commonest primary needs", () => {
    const counts = new Map<string, number>();
    for (const r of withPlan) {
      const code = r.child.needs[0]?.code ?? "";
      counts.set(code, (counts.get(code) ?? 0) + 1);
    }
    const top = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([code]) => code);
    assert.deepEqual(top.slice(0, 3), ["ASD", "SLCN", "SEMH"]);
    assert.ok(share(counts.get("ASD") ?? 0, withPlan.length) > 0.25);
  });

  test("requests: about a quarter refused, about half of new plans late, a few exceptions", () => {
    const requests = records.flatMap((r) => r.requests);
    const refused = requests.filter((q) => q.decision?.outcome === "refuse").length;
    assert.ok(share(refused, requests.length) > 0.18 && share(refused, requests.length) < 0.32, `${refused} refused`);
    const issued = requests.filter((q) => q.finalPlanIssued);
    const within = issued.filter((q) => q.finalPlanIssued && daysBetween(q.received, q.finalPlanIssued) <= 140).length;
    assert.ok(share(within, issued.length) > 0.3 && share(within, issued.length) < 0.6, `${within} of ${issued.length} within 20 weeks`);
    assert.ok(requests.some((q) => q.exceptions.length > 0));
    assert.ok(
      requests.some((q) => !q.decision),
      "some decisions still to make",
    );
    assert.ok(requests.some((q) => q.noPlanNoticeSent));
    assert.ok(requests.some((q) => q.withdrawn));
    assert.ok(
      requests.some((q) => q.adviceRequests.some((a) => !a.returned)),
      "some advice outstanding",
    );
  });

  test("placements: some out of authority, a few residential, some home educated, awaiting provision or missing", () => {
    const placed = withPlan.map((r) => currentPlacements(r, today));
    const count = (test: (p: ReturnType<typeof currentPlacements>[number]) => boolean) => placed.filter((ps) => ps.some(test)).length;
    const ooa = share(
      count((p) => p.outOfAuthority),
      withPlan.length,
    );
    const residential = share(
      count((p) => p.residential),
      withPlan.length,
    );
    assert.ok(ooa > 0.04 && ooa < 0.1, `out of authority ${ooa}`);
    assert.ok(residential > 0.008 && residential < 0.04, `residential ${residential}`);
    assert.ok(count((p) => p.settingCode === "EHE") > 0);
    assert.ok(withPlan.some((r) => openPeriodOn(r.awaitingProvision, today)));
    assert.ok(withPlan.some((r) => openPeriodOn(r.missingEducation, today)));
    // Early years children are in early years settings or schools; nobody of school age is in a nursery.
    for (const r of withPlan) {
      for (const p of currentPlacements(r, today)) {
        if (p.settingCode === "EYP") assert.ok(yearGroupOn(r.child.dateOfBirth, today) < 1, `${r.id} in a nursery at school age`);
      }
    }
  });

  test("reviews mostly on time, a fair share overdue; visits mostly done, some overdue", () => {
    const register = registerRows(records, today);
    const overdue = register.filter((r) => r.nextReviewStatus === "overdue").length;
    assert.ok(share(overdue, register.length) > 0.1 && share(overdue, register.length) < 0.35, `${overdue} reviews overdue`);
    const visits = withPlan.map((r) => monitoringVisitDue(r, today)).filter((v) => v !== undefined);
    const late = visits.filter((v) => v.status === "overdue").length;
    assert.ok(visits.length > 0 && late > 0 && share(late, visits.length) < 0.4, `${late} of ${visits.length} visits overdue`);
  });

  test("phase transfers for the coming September are recorded, mostly finalised", () => {
    const transfers = withPlan.flatMap((r) => r.phaseTransfers);
    assert.ok(transfers.length > 0);
    assert.ok(transfers.every((t) => t.year === 2026));
    assert.ok(transfers.some((t) => t.kind === "school") && transfers.some((t) => t.kind === "post16"));
    assert.ok(share(transfers.filter((t) => t.finalised).length, transfers.length) > 0.4);
  });
});

describe("generateCaseload: the years add up", () => {
  // The issue: in 2025 "new plans issued = 0" while plans in force rose from 1,346 to 1,847.
  const census = (year: number) => censusDay(year);
  const inForce = (on: string) => records.filter((r) => r.plans.some((p) => p.made <= on && (!p.ceased || p.ceased.date > on))).length;
  const between = (dates: (string | undefined)[], from: string, to: string) => dates.filter((d) => d !== undefined && d > from && d <= to).length;
  const issued = records.flatMap((r) => r.requests.map((q) => q.finalPlanIssued));
  const ceased = records.flatMap((r) => r.plans.map((p) => p.ceased?.date));

  test("plans in January of each year = plans the January before + new plans issued - plans ceased", () => {
    // Five years of history before 9 March 2026: the census windows from January 2021.
    for (const year of [2021, 2022, 2023, 2024, 2025]) {
      const [from, to] = [census(year), census(year + 1)];
      const added = between(issued, from, to);
      const gone = between(ceased, from, to);
      assert.ok(added > 0 && gone > 0, `${year}: ${added} new, ${gone} ceased`);
      assert.equal(inForce(to), inForce(from) + added - gone, `${year}: ${inForce(from)} + ${added} - ${gone}`);
    }
  });

  test("every year of the history has requests, refusals and new plans", () => {
    for (const year of [2021, 2022, 2023, 2024, 2025]) {
      const requests = records.flatMap((r) => r.requests).filter((q) => q.received.startsWith(`${year}-`));
      assert.ok(requests.length > 200, `${year}: ${requests.length} requests`);
      assert.ok(
        requests.some((q) => q.decision?.outcome === "refuse"),
        `${year} refusals`,
      );
      assert.ok(
        requests.some((q) => q.finalPlanIssued),
        `${year} new plans`,
      );
    }
  });
});
