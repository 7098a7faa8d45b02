// Small-number suppression: figures of 1 to 4 children are withheld, 0 and 5 or more are shown.
import assert from "node:assert/strict";
import { test } from "node:test";
import { figureOf } from "./registry.ts";
import { isSmall, SMALL_NUMBER, withholdSmall, withholdSmallRows } from "./suppression.ts";

test("1 to 4 children are a small number; none, 5 and more are not", () => {
  assert.equal(SMALL_NUMBER, 5);
  assert.deepEqual([0, 1, 4, 5, 50, null].map(isSmall), [false, true, true, false, false, false]);
});

test("a count of 1 to 4 children is withheld; 0 and 5 are shown as they are", () => {
  assert.deepEqual(withholdSmall(figureOf("newPlans", 4, 4)), { id: "newPlans", value: null, numerator: 0, denominator: null, withheld: true });
  assert.deepEqual(withholdSmall(figureOf("newPlans", 5, 5)), figureOf("newPlans", 5, 5));
  assert.deepEqual(withholdSmall(figureOf("newPlans", 0, 0)), figureOf("newPlans", 0, 0));
});

test("a percentage is withheld when it is a share of 1 to 4 children, whatever its numerator", () => {
  const of4 = withholdSmall(figureOf("within20WeeksInclExceptions", 0, 4));
  assert.deepEqual(of4, { id: "within20WeeksInclExceptions", value: null, numerator: 0, denominator: null, withheld: true });
  // 1 of 5: the share rests on 5 children, so it is shown.
  assert.deepEqual(withholdSmall(figureOf("within20WeeksInclExceptions", 1, 5)), figureOf("within20WeeksInclExceptions", 1, 5));
  // None to count: shown as "None in the period".
  assert.equal(withholdSmall(figureOf("within20WeeksInclExceptions", 0, 0)).withheld, undefined);
});

test("breakdown rows of 1 to 4 children are withheld, with their share where they have one", () => {
  const rows = withholdSmallRows({
    by: "adviceService",
    rows: [
      { key: "health", count: 3, numerator: 2, value: 66.7 },
      { key: "education", count: 12, numerator: 6, value: 50 },
      { key: "social care", count: 0, numerator: 0, value: null },
    ],
  }).rows;
  assert.deepEqual(rows, [
    { key: "health", count: 0, withheld: true, numerator: 0, value: null },
    { key: "education", count: 12, numerator: 6, value: 50 },
    { key: "social care", count: 0, numerator: 0, value: null },
  ]);
  assert.deepEqual(withholdSmallRows({ by: "primaryNeed", rows: [{ key: "ASD", count: 2 }] }).rows, [{ key: "ASD", count: 0, withheld: true }]);
});
