import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { describeValue, EVENT_FIELDS, parseCalculatorInput } from "./input.ts";

function errorsOf(json: unknown) {
  const result = parseCalculatorInput(json);
  assert.equal(result.ok, false, `expected errors for ${JSON.stringify(json)}`);
  return result.ok ? [] : result.errors;
}

describe("parseCalculatorInput: bad input names the field and says how to fix it", () => {
  // [what, input, field, fragments of the message]
  const rows: [string, unknown, string, string[]][] = [
    [
      "an impossible date",
      { events: { requestReceived: "2026-02-30" } },
      "events.requestReceived",
      [
        "events.requestReceived must be a real date in the form YYYY-MM-DD, like 2026-03-09; 2026-02-30 is not a real date",
        "February 2026 has 28 days",
      ],
    ],
    [
      "29 February in a year that is not a leap year",
      { events: { planMade: "2025-02-29" } },
      "events.planMade",
      ["not a real date", "February 2025 has 28 days"],
    ],
    ["month 13", { asOf: "2026-13-01" }, "asOf", ["there is no month 13"]],
    [
      "a date in the UK style",
      { events: { draftServed: "9/3/2026" } },
      "events.draftServed",
      ["in the form YYYY-MM-DD", "Write 9/3/2026 as 2026-03-09"],
    ],
    ["a date as a number", { events: { draftServed: 20260309 } }, "events.draftServed", ["written as text", "it was 20260309"]],
    ["a date out of range", { events: { planMade: "1066-10-14" } }, "events.planMade", ["between 1900 and 2199"]],
    ["an unknown event", { events: { foo: "2026-01-01" } }, "events.foo", ["events.foo is not a recognised event", "requestReceived"]],
    ["a misspelt event", { events: { requestRecieved: "2026-01-01" } }, "events.requestRecieved", ["Did you mean requestReceived?"]],
    ["an unknown top-level field", { event: {} }, "event", ["event is not a recognised field", "Did you mean events?"]],
    ["events not an object", { events: [] }, "events", ["events must be an object", "it was a list"]],
    ["not an object at all", [1, 2], "input", ["must be a JSON object", "it was a list"]],
    ["null", null, "input", ["must be a JSON object", "it was null"]],
    ["a string", "hello", "input", ["must be a JSON object"]],
    ["a boolean given as text", { events: { childUnderFive: "yes" } }, "events.childUnderFive", ["must be true or false", '"yes"']],
    ["a year as text", { events: { transferYear: "2026" } }, "events.transferYear", ["whole number", "like 2026"]],
    ["a year with a fraction", { events: { transferYear: 2026.5 } }, "events.transferYear", ["whole number"]],
    [
      "an unknown transfer kind",
      { events: { transferKind: "post-16" } },
      "events.transferKind",
      ['"school", "post16" or "post16Other"', 'Did you mean "post16"?'],
    ],
    ["advice requests not a list", { events: { adviceRequests: {} } }, "events.adviceRequests", ["must be a list"]],
    ["an advice request not an object", { events: { adviceRequests: ["EP"] } }, "events.adviceRequests[0]", ["must be an object"]],
    [
      "a bad date in an advice request",
      { events: { adviceRequests: [{ received: "2026-01-01" }, { received: "2026-02-31" }] } },
      "events.adviceRequests[1].received",
      ["not a real date"],
    ],
    [
      "an unknown field in an advice request",
      { events: { adviceRequests: [{ recieved: "2026-01-01" }] } },
      "events.adviceRequests[0].recieved",
      ["not a recognised field of an advice request", "Did you mean received?"],
    ],
    [
      "advice returned before it was asked for",
      { events: { adviceRequests: [{ received: "2026-02-01", returned: "2026-01-20" }] } },
      "events.adviceRequests[0].returned",
      ["before events.adviceRequests[0].received"],
    ],
    [
      "a review meeting before the plan was made",
      { events: { planMade: "2025-03-10", reviewMeeting: "2025-01-10" } },
      "events.reviewMeeting",
      ["events.reviewMeeting (2025-01-10) is before events.planMade (2025-03-10): a review meeting cannot be held before the plan was made"],
    ],
    [
      "a final plan before the request",
      { events: { requestReceived: "2025-09-08", finalPlanIssued: "2025-09-01" } },
      "events.finalPlanIssued",
      ["a final plan cannot be issued before the request was received"],
    ],
    [
      "a final plan before the draft",
      { events: { draftServed: "2025-12-15", finalPlanIssued: "2025-12-01" } },
      "events.finalPlanIssued",
      ["before the draft was served"],
    ],
    [
      "this year's meeting not after the previous one",
      { events: { previousReviewMeeting: "2025-06-20", reviewMeeting: "2025-06-20" } },
      "events.reviewMeeting",
      ["must be after events.previousReviewMeeting"],
    ],
    [
      "a decision before the request",
      { events: { requestReceived: "2025-09-08", decisionNotified: "2025-09-01" } },
      "events.decisionNotified",
      ["before events.requestReceived"],
    ],
    [
      "a tribunal order without a kind",
      { events: { tribunalOrder: { date: "2026-03-20" } } },
      "events.tribunalOrder.kind",
      ["is missing", '"assess", "makePlan", "amend" or "placement"'],
    ],
    [
      "a tribunal order of an unknown kind",
      { events: { tribunalOrder: { date: "2026-03-20", kind: "amended" } } },
      "events.tribunalOrder.kind",
      ['Did you mean "amend"?'],
    ],
    ["an unopposed notice without a date", { events: { unopposedNotice: { kind: "contents" } } }, "events.unopposedNotice.date", ["is missing"]],
    [
      "a closure that reopens before it closes",
      { closures: [{ from: "2026-09-02", reopens: "2026-07-22" }] },
      "closures[0].reopens",
      ["must be after closures[0].from"],
    ],
    ["a closure without a reopening date", { closures: [{ from: "2026-07-22" }] }, "closures[0].reopens", ["is missing"]],
    [
      "an absence that ends before it starts",
      { absences: [{ from: "2026-05-01", to: "2026-04-01" }] },
      "absences[0].to",
      ["is before absences[0].from"],
    ],
    ["circumstances not a list", { exceptionalCircumstances: "ill" }, "exceptionalCircumstances", ["must be a list"]],
    [
      "an unknown field of an absence",
      { absences: [{ from: "2026-05-01", to: "2026-06-01", until: "x" }] },
      "absences[0].until",
      ["not a recognised field"],
    ],
    [
      "a very long service name",
      { events: { adviceRequests: [{ service: "x".repeat(600), received: "2026-01-01" }] } },
      "events.adviceRequests[0].service",
      ["at most 500 characters"],
    ],
    ["too many advice requests", { events: { adviceRequests: Array.from({ length: 201 }, () => ({})) } }, "events.adviceRequests", ["at most 200"]],
  ];

  for (const [what, input, field, fragments] of rows) {
    test(what, () => {
      const errors = errorsOf(input);
      const error = errors.find((e) => e.field === field);
      assert.ok(error, `an error for ${field} in ${JSON.stringify(errors)}`);
      for (const fragment of fragments) assert.ok(error.message.includes(fragment), `"${error.message}" mentions "${fragment}"`);
    });
  }

  test("every problem is reported, one message per field", () => {
    const errors = errorsOf({ asOf: "x", events: { requestReceived: "2026-02-30", foo: 1, planMade: 3 }, bar: true });
    assert.deepEqual(errors.map((e) => e.field).sort(), ["asOf", "bar", "events.foo", "events.planMade", "events.requestReceived"]);
  });
});

describe("parseCalculatorInput: good input", () => {
  test("every field is optional", () => {
    assert.deepEqual(parseCalculatorInput({}), { ok: true, value: {} });
    assert.deepEqual(parseCalculatorInput({ events: {} }), { ok: true, value: { events: {} } });
  });

  test("null and empty text mean 'not given'", () => {
    const result = parseCalculatorInput({ asOf: null, events: { requestReceived: "", planMade: null, childUnderFive: null } });
    assert.deepEqual(result, { ok: true, value: { events: {} } });
  });

  test("a full input comes back as given", () => {
    const input = {
      asOf: "2026-03-09",
      events: {
        requestReceived: "2025-09-08",
        decisionNotified: "2025-10-15",
        adviceRequests: [{ service: "Health", received: "2025-10-20", returned: "2025-11-28", headOfInstitution: false }],
        planMade: "2023-05-01",
        previousReviewMeeting: "2024-04-20",
        reviewMeeting: "2025-04-10",
        childDateOfBirth: "2014-10-20",
        transferKind: "school",
        transferYear: 2026,
        placementOnlyAppeal: true,
        tribunalOrder: { date: "2026-03-20", kind: "amend" },
        unopposedNotice: { date: "2026-02-20", kind: "contents" },
      },
      closures: [{ from: "2026-07-22", reopens: "2026-09-02", reason: "summer" }],
      absences: [{ from: "2026-01-05", to: "2026-02-13" }],
      exceptionalCircumstances: [{ from: "2026-01-05", to: "2026-01-06", reason: "illness" }],
    };
    assert.deepEqual(parseCalculatorInput(input), { ok: true, value: input });
  });

  test("every event of the calculator's contract is recognised", () => {
    const names = [
      "requestReceived",
      "decisionNotified",
      "noPlanNoticeSent",
      "draftServed",
      "finalPlanIssued",
      "adviceRequests",
      "planMade",
      "reviewMeeting",
      "previousReviewMeeting",
      "reviewReportCirculated",
      "reviewDecisionNotified",
      "amendmentNoticeSent",
      "amendedPlanIssued",
      "childUnderFive",
      "childDateOfBirth",
      "transferKind",
      "transferYear",
      "transferDate",
      "phaseTransferFinalised",
      "reassessmentRequestReceived",
      "reassessmentDecisionNotified",
      "oldCouncilAware",
      "moveDate",
      "transferredIn",
      "decisionNoticeSent",
      "mediationAdviserTold",
      "mediationCertificateIssued",
      "placementOnlyAppeal",
      "tribunalOrder",
      "unopposedNotice",
    ];
    assert.deepEqual(Object.keys(EVENT_FIELDS).sort(), [...names].sort());
  });
});

describe("parseCalculatorInput never throws", () => {
  test("on arbitrary JSON", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (json) => {
        const result = parseCalculatorInput(json);
        assert.equal(typeof result.ok, "boolean");
      }),
      { numRuns: 2000 },
    );
  });

  test("on arbitrary JSON inside the expected shape", () => {
    const anyEvents = fc.dictionary(fc.constantFrom(...Object.keys(EVENT_FIELDS), "__proto__", "constructor", "toString"), fc.jsonValue());
    fc.assert(
      fc.property(anyEvents, fc.jsonValue(), fc.jsonValue(), (events, closures, asOf) => {
        const result = parseCalculatorInput({ asOf, events, closures, absences: [closures], exceptionalCircumstances: [{ from: asOf, to: asOf }] });
        if (!result.ok) for (const e of result.errors) assert.ok(e.field.length > 0 && e.message.length > 0);
      }),
      { numRuns: 2000 },
    );
  });

  test("on any JavaScript value, including objects without a prototype", () => {
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, withBigInt: true, withMap: true, withSet: true, withDate: true }), (value) => {
        parseCalculatorInput(value);
        parseCalculatorInput({ events: value });
        parseCalculatorInput({ events: { adviceRequests: [value], tribunalOrder: value } });
      }),
      { numRuns: 2000 },
    );
  });

  test("the JSON-looking keys __proto__ and constructor are just unknown fields", () => {
    const errors = errorsOf(JSON.parse('{"__proto__": {"asOf": "x"}, "events": {"constructor": 1}}'));
    assert.deepEqual(errors.map((e) => e.field).sort(), ["__proto__", "events.constructor"]);
  });

  test("describeValue is safe on anything", () => {
    assert.equal(describeValue(Object.create(null)), "an object");
    assert.equal(describeValue(10n), "a bigint");
    assert.equal(describeValue(undefined), "nothing");
    assert.equal(describeValue("x".repeat(100)).length < 50, true);
  });
});
