// The calculator's warnings, as a family or caseworker reads them on the page: the form's labels,
// the steps in words and dates as dates; never a JSON path, a deadline key or an ISO date.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { fromDayNumber, toDayNumber } from "../../domain/dates.ts";
import { DEADLINE_KEYS, evaluateCalculatorRequest } from "../../domain/statutory/index.ts";
import { plainWarning } from "./deadlines.presenter.ts";

const TODAY = "2026-11-24";

/** What a program's words look like: any of these on the page is a failure. */
function machineWords(text: string): string[] {
  const found: string[] = [];
  if (/\bevents\./.test(text)) found.push("an input path");
  if (/\d{4}-\d{2}-\d{2}/.test(text)) found.push("an ISO date");
  if (/\[\d+\]/.test(text)) found.push("an array index");
  if (/\btransferKind\b|phaseTransfer\./.test(text)) found.push("a field or rule name");
  for (const key of DEADLINE_KEYS) if (text.includes(key)) found.push(`the key ${key}`);
  if (!/^[A-Z‘“]/.test(text)) found.push("a lower-case start");
  return found;
}

describe("warnings in plain words", () => {
  test("each kind of warning reads as the page's own words", () => {
    const cases: [string, string][] = [
      [
        "events.amendmentNoticeSent (2026-03-02) is before events.reviewMeeting (2026-03-09), so it is not counted as the decision after that review.",
        "‘Date the amendment notice was sent’ (2 March 2026) is before ‘Date of this year's review meeting’ (9 March 2026), so it is not counted as the decision after that review.",
      ],
      [
        'draft.representationsEnd is the family\'s time limit; "overdue" means only that it has passed.',
        "“The family comments on the draft plan, asks for a school or college to be named, or asks for a meeting” is the family's time limit; “overdue” means only that it has passed.",
      ],
      [
        "events.adviceRequests[1] (Health) has no received date, so its advice.due deadline cannot be worked out.",
        "Advice request 2 (Health) has no received date, so its “Give advice and information for the EHC needs assessment” deadline cannot be worked out.",
      ],
      [
        "closures[0] is shorter than 4 weeks, so it cannot excuse a time limit (SEND Regulations 2014 reg 5(4)(a)).",
        "The school closure is shorter than 4 weeks, so it cannot excuse a time limit (SEND Regulations 2014 reg 5(4)(a)).",
      ],
    ];
    for (const [machine, plain] of cases) assert.equal(plainWarning(machine), plain);
  });

  test("every warning the calculator gives, for any dates, has no program words left", () => {
    const dates = fc.integer({ min: toDayNumber("2018-01-01"), max: toDayNumber("2030-12-31") }).map(fromDayNumber);
    const events = fc.record(
      {
        requestReceived: dates,
        noPlanNoticeSent: dates,
        draftServed: dates,
        finalPlanIssued: dates,
        planMade: dates,
        reviewMeeting: dates,
        amendmentNoticeSent: dates,
        amendedPlanIssued: dates,
        childDateOfBirth: dates,
        transferYear: fc.integer({ min: 2018, max: 2030 }),
        transferKind: fc.constantFrom("school" as const, "post16" as const, "post16Other" as const),
        transferDate: dates,
        decisionNoticeSent: dates,
        mediationCertificateIssued: dates,
        childUnderFive: fc.boolean(),
        adviceRequests: fc.array(
          fc.record({ service: fc.constantFrom("Health", "Educational psychology"), received: dates }, { requiredKeys: ["service"] }),
          {
            maxLength: 2,
          },
        ),
      },
      { requiredKeys: [] },
    );
    const spans = fc.array(fc.tuple(dates, fc.integer({ min: 1, max: 60 })), { maxLength: 1 });
    let warnings = 0;
    fc.assert(
      fc.property(events, dates, spans, spans, (given, asOf, closures, absences) => {
        const result = evaluateCalculatorRequest(
          {
            asOf,
            events: given,
            closures: closures.map(([from, days]) => ({ from, reopens: fromDayNumber(toDayNumber(from) + days) })),
            absences: absences.map(([from, days]) => ({ from, to: fromDayNumber(toDayNumber(from) + days) })),
          },
          { today: TODAY },
        );
        if (!result.ok) return; // dates drawn in an impossible order are refused, with their own messages
        for (const warning of result.value.warnings) {
          warnings++;
          const plain = plainWarning(warning);
          assert.deepEqual(machineWords(plain), [], `"${warning}" became "${plain}"`);
        }
      }),
      { numRuns: 1000 },
    );
    // Most random dates come in an impossible order and are refused: 1,000 draws give 200 to 350
    // warnings; fewer than 50 would mean the generator had stopped reaching the calculator.
    assert.ok(warnings > 50, `the inputs drawn gave warnings to check (${warnings})`);
  });
});
