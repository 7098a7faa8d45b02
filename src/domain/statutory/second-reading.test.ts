// The second reading (second-reading.testkit.ts, written from STATUTORY.md alone) against the
// engine, on thousands of random, legally plausible inputs: every deadline's presence, due date,
// practical date, status and days late must agree. A difference fails with fast-check's shrunk
// (smallest) input. The seed is fixed so that `npm test` is repeatable; bench/clock-property.ts
// runs 100,000 cases.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { ruleBasedBankHolidays } from "../bank-holidays.ts";
import { compareReadings, scenarioArbitrary, toInput } from "./second-reading.property.ts";
import { dayOf, fallbackHolidays, isoOf, secondReading } from "./second-reading.testkit.ts";

const SEED = 20261207;
const RUNS = 2000;

describe("the second reading agrees with the engine", () => {
  test(`${RUNS} random event sets (seed ${SEED}): every deadline's due, practical and status`, () => {
    fc.assert(
      fc.property(scenarioArbitrary, (scenario) => {
        const input = toInput(scenario);
        const result = compareReadings(input);
        if (result.rejected) throw new Error(`the engine refused a generated input: ${result.rejected}\n${JSON.stringify(input)}`);
        if (result.differences.length) {
          throw new Error(`the readings differ:\n${JSON.stringify(result.differences, null, 1)}\ninput: ${JSON.stringify(input)}`);
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  test("the comparison can fail: one day's difference in one deadline is caught and shrunk", () => {
    // A deliberately wrong second reading must fail the property, or the property proves nothing.
    const offByOne: typeof secondReading = (input) => {
      const out = secondReading(input);
      return { ...out, deadlines: out.deadlines.map((d) => (d.key === "advice.due" ? { ...d, due: isoOf(dayOf(d.due) + 1) } : d)) };
    };
    assert.throws(
      () =>
        fc.assert(
          fc.property(scenarioArbitrary, (scenario) => {
            assert.deepEqual(compareReadings(toInput(scenario), offByOne).differences, []);
          }),
          { seed: SEED, numRuns: RUNS },
        ),
      (error: Error) => {
        // fast-check reports the shrunk input, and the difference itself as the cause.
        assert.match(error.message, /Counterexample: .*"advice":\[\{/);
        assert.match(String((error.cause as Error | undefined)?.message), /advice\.due \(Educational psychology\)/);
        return true;
      },
    );
  });
});

describe("the second reading on the two cases of issue 19", () => {
  test("a review decision notified before the as-of date meets review.decisionBy although a later amendment notice is also given", () => {
    const input = {
      asOf: "2026-06-16",
      events: { planMade: "2025-06-02", reviewMeeting: "2026-05-26", reviewDecisionNotified: "2026-06-15", amendmentNoticeSent: "2026-06-23" },
    };
    const decision = secondReading(input).deadlines.find((d) => d.key === "review.decisionBy");
    assert.deepEqual([decision?.due, decision?.status], ["2026-06-23", "met on time"]);
    assert.equal(compareReadings(input).differences.length, 0);
  });

  test("after a transfer in, review.due is not shown until the new council's review; transfer.reviewBy governs", () => {
    const input = { asOf: "2026-05-02", events: { planMade: "2025-01-18", transferredIn: "2026-03-19" } };
    const deadlines = secondReading(input).deadlines;
    assert.equal(
      deadlines.find((d) => d.key === "review.due"),
      undefined,
    );
    const reviewBy = deadlines.find((d) => d.key === "transfer.reviewBy");
    assert.deepEqual([reviewBy?.due, reviewBy?.status], ["2026-06-18", "not yet due"]);
    assert.equal(compareReadings(input).differences.length, 0);
  });
});

describe("the bank-holiday fallback, read twice", () => {
  test("the engine's rules and the second reading's give the same holidays for every year 2029 to 2100", () => {
    for (let year = 2029; year <= 2100; year++) {
      assert.deepEqual(
        ruleBasedBankHolidays(year).map((h) => h.date),
        fallbackHolidays(year)
          .map((h) => h.date)
          .sort(),
        String(year),
      );
    }
  });

  test("deadlines in 2029 and 2030 count past Easter, Christmas and August by the rules", () => {
    const cases: [object, string, string, string][] = [
      // 15 working days from Monday 19 March 2029 skip Good Friday (30th) and Easter Monday (2 April).
      [{ oldCouncilAware: "2029-03-19" }, "transfer.planTransferBy", "2029-04-10", "2029-04-10"],
      // A decision due on Good Friday 2030: the practical date is the Thursday before.
      [{ requestReceived: "2030-03-08" }, "assessment.decision", "2030-04-19", "2030-04-18"],
      // An appeal deadline in August 2029 rolls to the first working day after 31 August.
      [{ decisionNoticeSent: "2029-06-15", placementOnlyAppeal: true }, "appeal.lodgeBy", "2029-09-03", "2029-09-03"],
      // One ending 27 December 2030 rolls to the first working day after 1 January 2031.
      [{ decisionNoticeSent: "2030-10-27", placementOnlyAppeal: true }, "appeal.lodgeBy", "2031-01-02", "2031-01-02"],
      // 3 working days after Friday 21 December 2029 skip Christmas and Boxing Day.
      [{ decisionNoticeSent: "2029-11-01", mediationAdviserTold: "2029-12-21" }, "mediation.certificateBy", "2029-12-28", "2029-12-28"],
    ];
    for (const [events, key, due, practical] of cases) {
      const input = { asOf: "2031-06-02", events };
      const second = secondReading(input).deadlines.find((d) => d.key === key);
      assert.deepEqual([second?.due, second?.practical], [due, practical], key);
      assert.deepEqual(compareReadings(input).differences, [], key);
    }
  });
});
