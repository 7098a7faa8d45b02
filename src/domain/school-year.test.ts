import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { fromDayNumber, toDayNumber } from "./dates.ts";
import {
  academicYearOf,
  nextPhaseTransfer,
  receptionStartYear,
  schoolYear,
  standardPhaseTransfers,
  yearGroupLabel,
  yearGroupOn,
} from "./school-year.ts";

describe("school year from the date of birth (Education Act 1996 s8: compulsory school age)", () => {
  const rows: [dob: string, on: string, label: string, academicYear: string][] = [
    // Born 1 Sep 2020 to 31 Aug 2021: Reception in 2025/26.
    ["2020-09-01", "2025-10-01", "Reception", "2025/26"],
    ["2021-08-31", "2025-10-01", "Reception", "2025/26"],
    ["2021-09-01", "2025-10-01", "early years (before Reception)", "2025/26"],
    ["2020-08-31", "2025-10-01", "Year 1", "2025/26"],
    ["2014-09-01", "2026-03-09", "Year 6", "2025/26"],
    ["2015-08-31", "2026-03-09", "Year 6", "2025/26"],
    ["2015-09-01", "2026-03-09", "Year 5", "2025/26"],
    ["2010-01-15", "2026-03-09", "Year 11", "2025/26"],
    ["2008-06-30", "2026-03-09", "Year 13", "2025/26"],
    ["2000-06-30", "2026-03-09", "beyond Year 13", "2025/26"],
    // 31 August is still the old academic year, 1 September the new one.
    ["2014-09-01", "2026-08-31", "Year 6", "2025/26"],
    ["2014-09-01", "2026-09-01", "Year 7", "2026/27"],
    ["2016-02-29", "2026-03-09", "Year 5", "2025/26"],
  ];
  for (const [dob, on, label, academicYear] of rows) {
    test(`born ${dob}: ${label} on ${on}`, () => {
      const year = schoolYear(dob, on);
      assert.equal(year.label, label);
      assert.equal(year.academicYear, academicYear);
    });
  }

  test("academic year and Reception start", () => {
    assert.equal(academicYearOf("2026-08-31"), 2025);
    assert.equal(academicYearOf("2026-09-01"), 2026);
    assert.equal(receptionStartYear("2020-09-01"), 2025);
    assert.equal(receptionStartYear("2021-08-31"), 2025);
    assert.equal(yearGroupLabel(0), "Reception");
  });
});

describe("phase transfers", () => {
  test("Year 6 moves to secondary on 1 September of the following calendar year", () => {
    // Year 6 in 2025/26, so the transfer is September 2026 and the deadline 15 February 2026.
    const transfers = standardPhaseTransfers("2014-10-20");
    assert.deepEqual(
      transfers.map((t) => [t.kind, t.transferYear]),
      [
        ["school", 2019],
        ["school", 2026],
        ["post16", 2031],
      ],
    );
  });

  test("the next transfer after a date", () => {
    assert.equal(nextPhaseTransfer("2014-10-20", "2026-03-09")?.transferYear, 2026);
    assert.equal(nextPhaseTransfer("2014-10-20", "2026-08-31")?.transferYear, 2026);
    assert.equal(nextPhaseTransfer("2014-10-20", "2026-09-01")?.transferYear, 2031);
    assert.equal(nextPhaseTransfer("2014-10-20", "2026-09-01")?.kind, "post16");
    assert.equal(nextPhaseTransfer("2021-01-10", "2024-06-01")?.to, "Reception");
    assert.equal(nextPhaseTransfer("2014-10-20", "2026-09-01", "school"), undefined);
    assert.equal(nextPhaseTransfer("2000-01-01", "2026-03-09"), undefined);
  });

  test("the secondary transfer is when the child is in Year 6 the academic year before (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: toDayNumber("2000-01-01"), max: toDayNumber("2025-12-31") }), (dayNumber) => {
        const dob = fromDayNumber(dayNumber);
        const secondary = standardPhaseTransfers(dob)[1];
        assert.ok(secondary);
        assert.equal(yearGroupOn(dob, `${secondary.transferYear}-07-01`), 6);
        assert.equal(yearGroupOn(dob, `${secondary.transferYear}-09-01`), 7);
        const post16 = standardPhaseTransfers(dob)[2];
        assert.equal(yearGroupOn(dob, `${post16?.transferYear}-07-01`), 11);
      }),
    );
  });
});
