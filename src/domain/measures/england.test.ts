// England's figures in england.ts are the DfE's published ones, as kept in reference/: a new
// release that changes one and not the other fails here.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { ENGLAND, type EnglandYear } from "./england.ts";

const csv = readFileSync(new URL("./reference/england-ehc-plans.csv", import.meta.url), "utf8");

function fromCsv(text: string): EnglandYear[] {
  const [header, ...lines] = text.trim().split("\n");
  assert.equal(
    header,
    "year,ehc_plans_in_january,requests_for_assessment,refused_to_assess,new_ehc_plans,within_20_weeks_incl_exceptions_pct,within_20_weeks_excl_exceptions_pct",
  );
  const num = (cell: string | undefined) => (cell === undefined || cell === "" ? null : Number(cell));
  return lines.map((line) => {
    const [year, plans, requests, refused, newPlans, incl, excl] = line.split(",");
    return {
      year: Number(year),
      plansInJanuary: Number(plans),
      requests: num(requests),
      refusedToAssess: num(refused),
      newPlans: num(newPlans),
      within20WeeksInclExceptionsPct: num(incl),
      within20WeeksExclExceptionsPct: num(excl),
    };
  });
}

test("england.ts carries exactly the published figures of reference/england-ehc-plans.csv", () => {
  const published = fromCsv(csv);
  assert.ok(published.length >= 10);
  assert.deepEqual(ENGLAND, published);
});
