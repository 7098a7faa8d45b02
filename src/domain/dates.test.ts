import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import {
  addDays,
  addMonths,
  compareDates,
  daysBetween,
  formatDate,
  formatDateWithWeekday,
  fromDayNumber,
  isIsoDate,
  isoWeekday,
  parseIsoDate,
  toDayNumber,
} from "./dates.ts";

describe("parseIsoDate", () => {
  const cases: [string, boolean][] = [
    ["2026-03-09", true],
    ["2024-02-29", true],
    ["2000-02-29", true],
    ["1900-02-29", false],
    ["2025-02-29", false],
    ["2026-02-30", false],
    ["2026-04-31", false],
    ["2026-13-01", false],
    ["2026-00-10", false],
    ["2026-01-00", false],
    ["2026-3-9", false],
    ["09/03/2026", false],
    ["2026-03-09T00:00:00Z", false],
    [" 2026-03-09", false],
    ["", false],
    ["２０２６-03-09", false],
  ];
  for (const [text, valid] of cases) {
    test(`${JSON.stringify(text)} is ${valid ? "valid" : "not valid"}`, () => {
      assert.equal(parseIsoDate(text) !== undefined, valid);
      assert.equal(isIsoDate(text), valid);
    });
  }

  test("day numbers count from 1970-01-01", () => {
    assert.equal(toDayNumber("1970-01-01"), 0);
    assert.equal(toDayNumber("1970-01-02"), 1);
    assert.equal(toDayNumber("1969-12-31"), -1);
    assert.equal(toDayNumber("2000-03-01"), 11017);
  });

  test("toDayNumber throws on a bad date (a programming error)", () => {
    assert.throws(() => toDayNumber("2026-02-30"), RangeError);
  });

  test("agrees with the platform's UTC calendar on any date (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: -25000, max: 80000 }), (dayNumber) => {
        const iso = fromDayNumber(dayNumber);
        assert.equal(iso, new Date(dayNumber * 86400000).toISOString().slice(0, 10));
        assert.equal(toDayNumber(iso), dayNumber);
      }),
    );
  });
});

describe("arithmetic", () => {
  test("addDays crosses months, years and leap days", () => {
    assert.equal(addDays("2024-02-28", 1), "2024-02-29");
    assert.equal(addDays("2025-02-28", 1), "2025-03-01");
    assert.equal(addDays("2025-12-31", 1), "2026-01-01");
    assert.equal(addDays("2026-01-06", -14), "2025-12-23");
  });

  test("addMonths clamps to the end of the month", () => {
    const cases: [string, number, string][] = [
      ["2025-01-31", 1, "2025-02-28"],
      ["2024-01-31", 1, "2024-02-29"],
      ["2024-02-29", 12, "2025-02-28"],
      ["2025-10-31", 2, "2025-12-31"],
      ["2025-12-31", 2, "2026-02-28"],
      ["2025-03-31", -1, "2025-02-28"],
      ["2026-07-31", -5, "2026-02-28"],
      ["2025-03-10", 12, "2026-03-10"],
      ["2025-11-15", 14, "2027-01-15"],
    ];
    for (const [from, months, expected] of cases) assert.equal(addMonths(from, months), expected, `${from} + ${months} months`);
  });

  test("isoWeekday: Monday is 1, Sunday is 7", () => {
    assert.equal(isoWeekday("2026-03-09"), 1);
    assert.equal(isoWeekday("2026-02-14"), 6);
    assert.equal(isoWeekday("2026-02-15"), 7);
    assert.equal(isoWeekday("1970-01-01"), 4);
    assert.equal(isoWeekday("1969-12-29"), 1);
  });

  test("compareDates and daysBetween", () => {
    assert.equal(compareDates("2026-01-01", "2026-01-02"), -1);
    assert.equal(compareDates("2026-01-02", "2026-01-02"), 0);
    assert.equal(compareDates("2026-01-03", "2026-01-02"), 1);
    assert.equal(daysBetween("2025-09-08", "2026-01-26"), 140);
    assert.equal(daysBetween("2026-01-26", "2025-09-08"), -140);
  });
});

describe("formatDate", () => {
  test("for people, without leading zeros", () => {
    assert.equal(formatDate("2026-03-09"), "9 March 2026");
    assert.equal(formatDate("2025-12-25"), "25 December 2025");
    assert.equal(formatDateWithWeekday("2026-02-14"), "Saturday 14 February 2026");
  });
});
