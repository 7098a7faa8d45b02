// The rules of measures entered by hand, on hand-made entries: which count after a correction, and
// the actual as at a day (the latest on or before it).
import assert from "node:assert/strict";
import { test } from "node:test";
import { actualOn, currentEntries, enteredIdOf, enteredMeasureId, entriesIn, monthlyEntries, valueProblem } from "./entered.ts";

const entry = (id: string, date: string, value: number, supersedes: string | null = null, enteredAt = `${date}T12:00:00.000Z`) => ({
  id,
  date,
  value,
  supersedes,
  enteredAt,
  source: "audit",
  note: null,
});

const june = entry("a", "2026-06-30", 40);
const september = entry("b", "2026-09-30", 55);
// September's figure was wrong: corrected to 50 on 3 October.
const corrected = entry("c", "2026-09-30", 50, "b", "2026-10-03T09:00:00.000Z");

test("a correction replaces the entry it supersedes; the history keeps both", () => {
  const all = [june, september, corrected];
  assert.deepEqual(
    currentEntries(all).map((e) => e.id),
    ["a", "c"],
  );
  assert.equal(all.length, 3);
});

test("the actual as at a day is the latest current entry on or before it", () => {
  const all = [june, september, corrected];
  assert.equal(actualOn(all, "2026-06-29"), null, "nothing entered before 30 June");
  assert.equal(actualOn(all, "2026-06-30")?.value, 40, "on the entry's own day");
  assert.equal(actualOn(all, "2026-09-29")?.value, 40);
  assert.equal(actualOn(all, "2026-09-30")?.value, 50, "the corrected figure, not the superseded 55");
  assert.equal(actualOn(all, "2027-03-31")?.value, 50);
  // Two entries for one day: the later entered counts.
  const twice = [june, entry("d", "2026-06-30", 45, null, "2026-07-01T08:00:00.000Z")];
  assert.equal(actualOn(twice, "2026-07-01")?.value, 45);
});

test("a correction may move the date: the figure moves with it", () => {
  const moved = entry("e", "2026-08-31", 52, "b", "2026-10-04T09:00:00.000Z");
  const all = [june, september, moved];
  assert.equal(actualOn(all, "2026-08-31")?.value, 52);
  assert.equal(actualOn(all, "2026-09-30")?.value, 52, "September's own figure is gone");
});

test("entries in a period, and month by month with a gap where nothing was entered", () => {
  const all = [june, september, corrected];
  assert.deepEqual(
    entriesIn(all, { from: "2026-07-01", to: "2026-12-31" }).map((e) => e.id),
    ["c"],
  );
  const months = [
    { from: "2026-06-01", to: "2026-06-30" },
    { from: "2026-07-01", to: "2026-07-31" },
    { from: "2026-09-01", to: "2026-09-30" },
  ];
  assert.deepEqual(
    monthlyEntries(all, months).map((e) => e?.value ?? null),
    [40, null, 50],
  );
});

test("a value must fit its unit", () => {
  assert.equal(valueProblem("percent", 100), null);
  assert.equal(valueProblem("percent", 0), null);
  assert.match(valueProblem("percent", 100.5) ?? "", /percentage: enter 0 to 100/);
  assert.match(valueProblem("count", -1) ?? "", /0 or more/);
  assert.match(valueProblem("count", Number.NaN) ?? "", /must be a number/);
  assert.equal(valueProblem("count", 12_000), null);
});

test("a binding names an entered measure as entered: and its uuid", () => {
  const id = "0195f1de-7a3b-7c00-8000-000000000001";
  assert.equal(enteredIdOf(enteredMeasureId(id)), id);
  assert.equal(enteredIdOf("newPlans"), null);
});
