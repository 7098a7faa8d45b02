// The return's own totals, counted from the file as the DfE counts them, and the rows beside the measures.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Figure } from "../measures/registry.ts";
import { censusPeriod } from "./export.ts";
import type { Sen2Person, Sen2Request, Sen2Return } from "./model.ts";
import { reconcile, returnTotals } from "./reconcile.ts";

const period = censusPeriod(2027); // census 21 January 2027, activity year 2026
const request = (received: string, extra: Partial<Sen2Request> = {}): Sen2Request => ({
  ReceivedDate: received,
  RequestSource: "1",
  RequestOutcome: "Y",
  RequestMediation: "0",
  RequestTribunal: "0",
  ...extra,
});
const issued = (date: string, week20 = "0") => ({
  AssessmentOutcome: "Y",
  AssessmentOutcomeDate: date,
  AssessmentMediation: "0",
  AssessmentTribunal: "0",
  Week20: week20,
});
const person = (...requests: Sen2Request[]): Sen2Person => ({
  Surname: "Case",
  Forename: "Test",
  PersonBirthDate: "2015-01-01",
  Sex: "F",
  Requests: requests,
});
const active = { PlacementDetail: [], SENneed: [] };

const sen2: Sen2Return = {
  header: {} as Sen2Return["header"],
  persons: [
    // Issued on the last day of week 20 (140 days after 2 March 2026): in time.
    person(request("2026-03-02", { Assessment: issued("2026-07-20"), ActivePlans: active })),
    // Issued a day later, with an exception (reg 13(3)): late, and out of "excluding exceptions".
    person(request("2026-03-02", { Assessment: issued("2026-07-21", "1"), ActivePlans: active })),
    // Issued a day late, no exception.
    person(request("2026-03-02", { Assessment: issued("2026-07-21") })),
    // Received in 2025 and issued in 2026: a new plan of 2026, not a request of 2026.
    person(request("2025-11-03", { Assessment: issued("2026-02-02"), ActivePlans: active })),
    // A plan made before the product held the request (outcome H, no source): neither a request nor a new plan.
    person({ ReceivedDate: "2026-05-01", RequestOutcome: "H", RequestMediation: "0", RequestTribunal: "0", ActivePlans: active }),
    // Received in 2026 and refused; received in January 2027 (after the activity year).
    person(request("2026-09-01", { RequestOutcome: "N" }), request("2027-01-05", { RequestOutcome: "A" })),
  ],
};

test("the return's totals: plans on census day, the activity year's requests and new plans, and the 20 weeks as the DfE counts them", () => {
  assert.deepEqual(returnTotals(sen2, period), {
    plansOnCensusDay: { count: 4, of: null },
    requests: { count: 4, of: null },
    newPlans: { count: 4, of: null },
    within20WeeksInclExceptions: { count: 2, of: 4 },
    within20WeeksExclExceptions: { count: 2, of: 3 },
  });
});

test("each total beside its measure: equal agrees, a difference says where to look, census day to come is not compared", () => {
  const totals = returnTotals(sen2, period);
  const figure = (id: Figure["id"], numerator: number, denominator: number | null): Figure => ({ id, value: numerator, numerator, denominator });
  const flows = [
    figure("requests", 4, null),
    figure("newPlans", 5, null),
    figure("within20WeeksInclExceptions", 2, 4),
    figure("within20WeeksExclExceptions", 2, 3),
  ];
  const rows = reconcile(totals, flows, null, period);
  assert.deepEqual(
    rows.map((r) => [r.measureId, r.agrees]),
    [
      ["plansOnCensusDay", null],
      ["requests", true],
      ["newPlans", false],
      ["within20WeeksInclExceptions", true],
      ["within20WeeksExclExceptions", true],
    ],
  );
  assert.match(rows[0]?.explanation ?? "", /Census day \(2027-01-21\) is still to come/);
  assert.match(rows[2]?.explanation ?? "", /named plans in the return/);
  assert.equal(rows[1]?.explanation, null);
  assert.equal(rows[2]?.label, "New EHC plans issued in 2026");
  const withCensus = reconcile(totals, flows, [figure("plansOnCensusDay", 4, null)], period);
  assert.equal(withCensus[0]?.agrees, true);
});
