import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { fromDayNumber } from "../dates.ts";
import { directionBetween, directionOfTravel, latestUpdate, sortUpdates, statusAsAt } from "./history.ts";
import { FIVE_LEVEL, FOUR_STATE, RAG_BLUE, validateCustomScheme } from "./schemes.ts";
import type { ActionUpdate, DirectionOfTravel, StatusScheme } from "./types.ts";

function update(date: string, status: string, extra: Partial<ActionUpdate> = {}): ActionUpdate {
  return { date, status, commentary: `${status} on ${date}`, ...extra };
}

describe("statusAsAt", () => {
  const updates = [
    update("2022-02-17", "on-track"),
    update("2022-01-20", "dates-tbc"),
    update("2022-03-01", "on-track", { sequence: 2, commentary: "second of the day" }),
    update("2022-03-01", "limited-progress", { sequence: 1, commentary: "first of the day" }),
    update("2022-03-29", "completed"),
  ];
  // [as at, expected commentary or undefined]
  const rows: [string, string | undefined][] = [
    ["2022-01-19", undefined],
    ["2022-01-20", "dates-tbc on 2022-01-20"],
    ["2022-02-16", "dates-tbc on 2022-01-20"],
    ["2022-02-17", "on-track on 2022-02-17"],
    ["2022-03-01", "second of the day"],
    ["2022-03-28", "second of the day"],
    ["2022-03-29", "completed on 2022-03-29"],
    ["2030-01-01", "completed on 2022-03-29"],
  ];
  for (const [asAt, commentary] of rows) {
    test(`as at ${asAt}`, () => {
      assert.equal(statusAsAt(updates, asAt)?.commentary, commentary);
    });
  }

  test("on the same date and sequence, the later entry in the list wins", () => {
    const same = [update("2022-03-01", "on-track", { commentary: "a" }), update("2022-03-01", "limited-progress", { commentary: "b" })];
    assert.equal(statusAsAt(same, "2022-03-01")?.commentary, "b");
    assert.equal(latestUpdate(same)?.commentary, "b");
    assert.deepEqual(
      sortUpdates(same).map((u) => u.commentary),
      ["a", "b"],
    );
  });

  test("a missing sequence counts as 0", () => {
    const same = [update("2022-03-01", "on-track", { commentary: "a", sequence: 1 }), update("2022-03-01", "red", { commentary: "b" })];
    assert.equal(statusAsAt(same, "2022-03-01")?.commentary, "a");
  });

  test("no updates: undefined", () => {
    assert.equal(statusAsAt([], "2022-03-01"), undefined);
    assert.equal(latestUpdate([]), undefined);
  });

  test("agrees with sorting then taking the last on or before the date (property)", () => {
    const anUpdate = fc.record({
      date: fc.integer({ min: 19000, max: 19030 }).map(fromDayNumber),
      status: fc.constantFrom("a", "b", "c"),
      commentary: fc.string({ maxLength: 3 }),
      sequence: fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(anUpdate, { maxLength: 12 }), fc.integer({ min: 18995, max: 19035 }).map(fromDayNumber), (raw, asAt) => {
        const updates = raw.map((u, i) => ({ ...u, commentary: String(i) }));
        const expected = sortUpdates(updates)
          .filter((u) => u.date <= asAt)
          .at(-1);
        assert.equal(statusAsAt(updates, asAt), expected);
      }),
    );
  });
});

describe("directionOfTravel", () => {
  // [scheme, earlier, later, direction]
  const rows: [StatusScheme, string | undefined, string | undefined, DirectionOfTravel][] = [
    [FOUR_STATE, undefined, "on-track", "new"],
    [FOUR_STATE, undefined, "dates-tbc", "new"],
    [FOUR_STATE, undefined, undefined, "unchanged"],
    [FOUR_STATE, "on-track", "completed", "improved"],
    [FOUR_STATE, "limited-progress", "on-track", "improved"],
    [FOUR_STATE, "on-track", "limited-progress", "worse"],
    [FOUR_STATE, "completed", "on-track", "worse"],
    [FOUR_STATE, "on-track", "on-track", "unchanged"],
    // Unrated "dates to be finalised": no rating to compare with.
    [FOUR_STATE, "dates-tbc", "dates-tbc", "unchanged"],
    [FOUR_STATE, "dates-tbc", "on-track", "new"],
    [FOUR_STATE, "dates-tbc", "completed", "new"],
    [FOUR_STATE, "on-track", "dates-tbc", "worse"],
    [FOUR_STATE, "on-track", "no-such-status", "worse"],
    [FOUR_STATE, "no-such-status", "on-track", "new"],
    [FOUR_STATE, "on-track", undefined, "unchanged"],
    [FIVE_LEVEL, "red", "amber", "improved"],
    [FIVE_LEVEL, "amber", "light-green", "improved"],
    [FIVE_LEVEL, "light-green", "green", "improved"],
    [FIVE_LEVEL, "green", "completed", "improved"],
    [FIVE_LEVEL, "light-green", "amber", "worse"],
    [FIVE_LEVEL, "amber", "amber", "unchanged"],
    [RAG_BLUE, "green", "blue", "improved"],
    [RAG_BLUE, "blue", "red", "worse"],
    [RAG_BLUE, undefined, "red", "new"],
  ];
  for (const [scheme, earlier, later, direction] of rows) {
    test(`${scheme.code}: ${earlier ?? "(none)"} -> ${later ?? "(none)"} is ${direction}`, () => {
      assert.equal(directionOfTravel(scheme, earlier, later), direction);
    });
  }

  test("moving to a cancelled status is unchanged; back from it is new", () => {
    const result = validateCustomScheme({
      code: "with-withdrawn",
      name: "With withdrawn",
      statuses: [
        { code: "red", label: "Red", colour: "red", definition: "Behind.", rank: 0 },
        { code: "done", label: "Done", colour: "blue", definition: "Done.", rank: 1, complete: true },
        { code: "withdrawn", label: "Withdrawn", colour: "grey", definition: "No longer needed.", cancelled: true, unrated: true },
      ],
    });
    assert.ok(result.ok);
    assert.equal(directionOfTravel(result.scheme, "red", "withdrawn"), "unchanged");
    assert.equal(directionOfTravel(result.scheme, "withdrawn", "red"), "new");
    assert.equal(directionOfTravel(result.scheme, "withdrawn", "withdrawn"), "unchanged");
  });

  test("reversing a change reverses the direction between rated statuses (property)", () => {
    const rated = FIVE_LEVEL.statuses.map((s) => s.code);
    fc.assert(
      fc.property(fc.constantFrom(...rated), fc.constantFrom(...rated), (a, b) => {
        const there = directionOfTravel(FIVE_LEVEL, a, b);
        const back = directionOfTravel(FIVE_LEVEL, b, a);
        const opposite: Record<string, string> = { improved: "worse", worse: "improved", unchanged: "unchanged" };
        assert.equal(back, opposite[there]);
      }),
    );
  });
});

describe("directionBetween", () => {
  const updates = [update("2022-01-20", "dates-tbc"), update("2022-02-17", "on-track"), update("2022-04-10", "limited-progress")];
  // [from, to, direction]
  const rows: [string, string, DirectionOfTravel][] = [
    ["2022-01-01", "2022-01-25", "new"],
    ["2022-01-25", "2022-03-01", "new"],
    ["2022-02-20", "2022-03-01", "unchanged"],
    ["2022-03-01", "2022-04-30", "worse"],
    ["2022-01-01", "2022-01-10", "unchanged"],
  ];
  for (const [from, to, direction] of rows) {
    test(`${from} to ${to}: ${direction}`, () => {
      assert.equal(directionBetween(FOUR_STATE, updates, from, to), direction);
    });
  }
});
