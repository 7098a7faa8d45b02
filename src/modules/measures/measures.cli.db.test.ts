// `send-oversight measures`: the JSON contract, England's figures beside the council's, and a
// clear refusal of a year that cannot be shown.
import assert from "node:assert/strict";
import { test } from "node:test";
import { cliRunner } from "../../platform/testing/cli.ts";

const { run } = cliRunner({ today: "2026-11-24", name: "measures" });

test("measures --json: every measure with what it is of, and England's figure for the year", async () => {
  assert.equal((await run(["councils", "create", "--code", "MEASCLI", "--name", "Measures CLI Council"])).code, 0);
  const result = await run(["measures", "--year", "2024", "--council", "MEASCLI", "--json"]);
  assert.equal(result.code, 0, result.stderr);
  const json = JSON.parse(result.stdout);
  // The contract's fields first and unchanged; fields are only ever added after them.
  assert.deepEqual(Object.keys(json).slice(0, 3), ["year", "censusDay", "measures"]);
  assert.deepEqual(json.period, { from: "2024-01-01", to: "2024-12-31", label: "2024" });
  assert.deepEqual([json.year, json.censusDay], [2024, "2024-01-18"]);
  // Added last: the measures entered by hand (none in a new council).
  assert.equal(Object.keys(json).at(-1), "entered");
  assert.deepEqual(json.entered, []);
  assert.deepEqual(
    json.measures.map((m: Record<string, unknown>) => Object.keys(m)),
    json.measures.map(() => ["id", "title", "unit", "value", "numerator", "denominator", "england"]),
  );
  const incl = json.measures.find((m: { id: string }) => m.id === "within20WeeksInclExceptions");
  assert.deepEqual(incl, {
    id: "within20WeeksInclExceptions",
    title: "New plans issued within 20 weeks, including exceptions",
    unit: "percent",
    value: null,
    numerator: 0,
    denominator: 0,
    england: 45.9,
  });

  const bad = await run(["measures", "--year", "1999", "--council", "MEASCLI", "--json"]);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /year: Choose a year from 2016 to \d{4}/);
  assert.equal((await run(["measures", "--year", "last", "--council", "MEASCLI"])).code, 1);
});

test("measures for a month, with --monthly: the series month by month; the same figure as the API's for the period", async () => {
  assert.equal((await run(["councils", "create", "--code", "MEASCLI2", "--name", "Measures CLI Council 2"])).code, 0);
  const month = JSON.parse((await run(["measures", "--month", "2025-03", "--monthly", "--council", "MEASCLI2", "--json"])).stdout);
  assert.deepEqual(month.period, { from: "2025-03-01", to: "2025-03-31", label: "March 2025" });
  assert.equal(month.series.length, 12, "the 12 months to March 2025");
  assert.equal(month.series.at(-1).period.label, "March 2025");
  assert.equal(month.measures.find((m: { id: string }) => m.id === "within20WeeksInclExceptions").england, null, "England publishes years only");
  const range = await run(["measures", "--from", "2025-04-01", "--to", "2025-02-01", "--council", "MEASCLI2", "--json"]);
  assert.equal(range.code, 1);
  assert.match(range.stderr, /to: The last day must be on or after the first day/);
});
