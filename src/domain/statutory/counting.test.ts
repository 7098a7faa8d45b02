import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { englandAndWalesCalendar } from "../bank-holidays.ts";
import { addMonths, fromDayNumber, isoWeekday, toDayNumber } from "../dates.ts";
import {
  applyCountingIso,
  beforeDate,
  daysBeginning,
  daysOf,
  describeCounting,
  monthsAfter,
  monthsBefore,
  monthsStarting,
  onDate,
  tribunalRollForward,
  weeks,
  weeksBefore,
  workingDaysBeginning,
  workingDaysOf,
} from "./counting.ts";

const calendar = englandAndWalesCalendar();
const d = toDayNumber;
const iso = fromDayNumber;

// Each row: convention, anchor, amount, expected last compliant day, why.
type Row = [string, string, number, string, string];

const table: { name: string; run: (anchor: number, amount: number) => number; rows: Row[] }[] = [
  {
    name: "WEEKS",
    run: weeks,
    rows: [
      ["6 weeks from a request on Monday 8 Sep 2025", "2025-09-08", 6, "2025-10-20", "same weekday"],
      ["16 weeks", "2025-09-08", 16, "2025-12-29", "over Christmas, no move"],
      ["20 weeks is request + 140 days", "2025-09-08", 20, "2026-01-26", "§4"],
      ["2 weeks across a leap day", "2024-02-20", 2, "2024-03-05", "29 Feb counted"],
      ["8 weeks across the new year", "2025-12-17", 8, "2026-02-11", "Devon chain"],
    ],
  },
  {
    name: "DAYS_BEGINNING",
    run: daysBeginning,
    rows: [
      ["15 days beginning with a draft served 15 Dec 2025", "2025-12-15", 15, "2025-12-29", "runs X to X + 14"],
      ["15 days beginning with 20 Feb 2024", "2024-02-20", 15, "2024-03-05", "leap year"],
      ["1 day beginning with X is X", "2026-03-09", 1, "2026-03-09", "the day itself"],
    ],
  },
  {
    name: "DAYS_OF",
    run: daysOf,
    rows: [
      ["15 days of a request on 1 Dec 2025", "2025-12-01", 15, "2025-12-16", "E + D"],
      ["15 days of 20 Dec 2025, over Christmas", "2025-12-20", 15, "2026-01-04", "does not move"],
    ],
  },
  {
    name: "MONTHS_STARTING",
    run: monthsStarting,
    rows: [
      ["12 months starting with 10 Mar 2025", "2025-03-10", 12, "2026-03-09", "(X - 1) + 12 months"],
      ["12 months starting with 29 Feb 2024", "2024-02-29", 12, "2025-02-28", "not 27 Feb"],
      ["12 months starting with 1 Mar 2024", "2024-03-01", 12, "2025-02-28", "X - 1 is 29 Feb, clamped"],
      // The adopted formula is (X - 1) + N months: 28 Feb 2023 + 12 = 28 Feb 2024, a day inside
      // the strict period end (29 Feb 2024), so never late.
      ["12 months starting with 1 Mar 2023", "2023-03-01", 12, "2024-02-28", "(X - 1) + 12, as adopted"],
      ["12 months starting with 2 Mar 2023", "2023-03-02", 12, "2024-03-01", "ordinary"],
      ["12 months starting with 1 Jan 2026", "2026-01-01", 12, "2026-12-31", "a calendar year"],
      ["3 months starting with 31 Mar 2026", "2026-03-31", 3, "2026-06-30", "30 Mar + 3 months"],
      ["1 month starting with 31 Mar 2026", "2026-03-31", 1, "2026-04-30", "30 Mar + 1"],
      ["3 months starting with 30 Nov 2025", "2025-11-30", 3, "2026-02-28", "clamped to February"],
      ["3 months starting with 5 Jan 2026", "2026-01-05", 3, "2026-04-04", "transfer-in"],
      ["12 months starting with 20 Jun 2025", "2025-06-20", 12, "2026-06-19", "transfer-in"],
    ],
  },
  {
    name: "MONTHS_AFTER",
    run: monthsAfter,
    rows: [
      ["2 months after 31 Oct 2025", "2025-10-31", 2, "2025-12-31", "month end kept"],
      ["2 months after 31 Dec 2025", "2025-12-31", 2, "2026-02-28", "clamped"],
      ["2 months after 31 Dec 2027", "2027-12-31", 2, "2028-02-29", "leap year"],
      ["1 month after 31 Jan 2026", "2026-01-31", 1, "2026-02-28", "clamped"],
      ["2 months after 15 Jun 2026", "2026-06-15", 2, "2026-08-15", "plain"],
    ],
  },
  {
    name: "MONTHS_BEFORE",
    run: monthsBefore,
    rows: [
      ["5 months before 1 Sep 2026", "2026-09-01", 5, "2026-04-01", "plain"],
      ["5 months before 31 Jul 2026", "2026-07-31", 5, "2026-02-28", "clamped"],
      ["5 months before 31 Jul 2028", "2028-07-31", 5, "2028-02-29", "leap year"],
      ["5 months before 15 Jan 2027", "2027-01-15", 5, "2026-08-15", "previous year"],
    ],
  },
  {
    name: "WEEKS_BEFORE",
    run: weeksBefore,
    rows: [["2 weeks before a meeting on 6 Jan 2026", "2026-01-06", 2, "2025-12-23", "meeting - 14 days"]],
  },
  {
    name: "WORKING_DAYS_BEGINNING",
    run: (anchor, amount) => workingDaysBeginning(anchor, amount, calendar),
    rows: [
      ["15 working days beginning Mon 15 Dec 2025", "2025-12-15", 15, "2026-01-07", "Christmas, Boxing Day, New Year skipped"],
      ["1 working day beginning a working day is that day", "2026-03-09", 1, "2026-03-09", "E is day 1"],
      ["1 working day beginning Saturday is the Monday", "2026-03-07", 1, "2026-03-09", "E not a working day"],
      ["15 working days beginning Good Friday 2026", "2026-04-03", 15, "2026-04-27", "Easter Monday skipped"],
      ["5 working days beginning Wed 31 Dec 2025", "2025-12-31", 5, "2026-01-07", "New Year skipped"],
    ],
  },
  {
    name: "WORKING_DAYS_OF",
    run: (anchor, amount) => workingDaysOf(anchor, amount, calendar),
    rows: [
      ["3 working days of Mon 9 Mar 2026", "2026-03-09", 3, "2026-03-12", "counted after E"],
      ["3 working days of Tue 23 Dec 2025", "2025-12-23", 3, "2025-12-30", "24, 29, 30"],
      ["3 working days of Thu 2 Apr 2026", "2026-04-02", 3, "2026-04-09", "Easter skipped"],
      ["3 working days of Sat 7 Mar 2026", "2026-03-07", 3, "2026-03-11", "from a weekend"],
    ],
  },
];

for (const convention of table) {
  describe(convention.name, () => {
    for (const [name, anchor, amount, expected, why] of convention.rows) {
      test(`${name} -> ${expected} (${why})`, () => assert.equal(iso(convention.run(d(anchor), amount)), expected));
    }
  });
}

describe("BEFORE_DATE", () => {
  test("before 15 February is 14 February", () => assert.equal(iso(beforeDate(2026, 2, 15)), "2026-02-14"));
  test("before 31 March is 30 March", () => assert.equal(iso(beforeDate(2026, 3, 31)), "2026-03-30"));
  test("before 1 March in a leap year is 29 February", () => assert.equal(iso(beforeDate(2028, 3, 1)), "2028-02-29"));
  test("applyCountingIso takes any day in the year of transfer", () => {
    assert.equal(applyCountingIso({ convention: "BEFORE_DATE", month: 2, day: 15 }, "2026-01-01", calendar), "2026-02-14");
  });
});

describe("ON_DATE", () => {
  test("is the day itself", () => assert.equal(iso(onDate(d("2026-03-09"))), "2026-03-09"));
});

describe("Tribunal Rules roll-forward (HESC Rules r12)", () => {
  const rows: [string, string, boolean, string][] = [
    ["a working day stays", "2026-03-09", true, "2026-03-09"],
    ["Saturday 28 Feb 2026 moves to Monday", "2026-02-28", true, "2026-03-02"],
    ["Good Friday moves past Easter Monday", "2026-04-03", true, "2026-04-07"],
    ["an appeal ending 25 Dec moves past 1 January", "2025-12-25", true, "2026-01-02"],
    ["an appeal ending 29 Dec (a working day) still moves", "2025-12-29", true, "2026-01-02"],
    ["an appeal ending 1 Jan moves to 2 Jan", "2026-01-01", true, "2026-01-02"],
    ["2 Jan on a Saturday moves on to Monday 4 Jan", "2026-12-31", true, "2027-01-04"],
    ["an appeal ending in August moves to September", "2026-08-14", true, "2026-09-01"],
    ["31 Aug 2026, a bank holiday, moves to 1 Sep", "2026-08-31", true, "2026-09-01"],
    ["1 Sep 2029 is a Saturday: Monday 3 Sep", "2029-08-10", true, "2029-09-03"],
    ["24 Dec is not in the Christmas rule", "2025-12-24", true, "2025-12-24"],
    ["other acts: only off non-working days", "2025-12-29", false, "2025-12-29"],
    ["other acts in August do not move", "2026-08-14", false, "2026-08-14"],
  ];
  for (const [name, due, isAppeal, expected] of rows) {
    test(name, () => assert.equal(iso(tribunalRollForward(d(due), calendar, isAppeal)), expected));
  }
});

describe("describeCounting", () => {
  test("reads as English", () => {
    assert.equal(describeCounting({ convention: "WEEKS", weeks: 6 }), "within 6 weeks of");
    assert.equal(describeCounting({ convention: "BEFORE_DATE", month: 2, day: 15 }), "before 15 February in the calendar year of");
    assert.equal(describeCounting({ convention: "WORKING_DAYS_OF", days: 1 }), "within 1 working day of");
  });
});

describe("properties", () => {
  const anyDay = fc.integer({ min: d("1990-01-01"), max: d("2150-12-31") });

  test("a WEEKS deadline is always on the same weekday", () => {
    fc.assert(
      fc.property(anyDay, fc.integer({ min: 0, max: 60 }), (anchor, n) => {
        assert.equal(isoWeekday(iso(weeks(anchor, n))), isoWeekday(iso(anchor)));
      }),
    );
  });

  test("MONTHS_STARTING never lands after the same date one year on, and at most one day before it", () => {
    fc.assert(
      fc.property(anyDay, (anchor) => {
        const end = monthsStarting(anchor, 12);
        const oneYearOn = d(addMonths(iso(anchor), 12));
        assert.ok(end <= oneYearOn, `${iso(anchor)} -> ${iso(end)} after ${iso(oneYearOn)}`);
        // The adopted formula, (X - 1 day) + N months, gives 28 February for a period starting
        // 1 March before a leap year: two days before the corresponding date, one day earlier
        // than a strict reading (29 February). The earlier date is the safe one to work to.
        const startsFirstMarch = iso(anchor).endsWith("-03-01");
        assert.ok(end >= oneYearOn - (startsFirstMarch ? 2 : 1), `${iso(anchor)} -> ${iso(end)}`);
      }),
    );
  });

  test("MONTHS_STARTING covers exactly N months: the next period starts the day after", () => {
    fc.assert(
      fc.property(anyDay, fc.integer({ min: 1, max: 24 }), (anchor, n) => {
        const end = monthsStarting(anchor, n);
        assert.ok(end >= anchor);
        assert.ok(end <= monthsAfter(anchor, n));
      }),
    );
  });

  test("working-day counts land on working days, with exactly N working days counted", () => {
    fc.assert(
      fc.property(anyDay, fc.integer({ min: 1, max: 30 }), (anchor, n) => {
        const beginning = workingDaysBeginning(anchor, n, calendar);
        assert.ok(calendar.isWorkingDayNumber(beginning));
        assert.equal(calendar.countWorkingDays(iso(anchor), iso(beginning)), n);
        const of = workingDaysOf(anchor, n, calendar);
        assert.equal(calendar.countWorkingDays(iso(anchor + 1), iso(of)), n);
      }),
    );
  });

  test("the Tribunal roll-forward never moves a deadline earlier, and lands on a working day", () => {
    fc.assert(
      fc.property(anyDay, fc.boolean(), (due, isAppeal) => {
        const rolled = tribunalRollForward(due, calendar, isAppeal);
        assert.ok(rolled >= due);
        assert.ok(calendar.isWorkingDayNumber(rolled));
        // r12(3) applies to a time that *ends* in August; one that ends on a weekend at the end
        // of July moves only by r12(2), to the next working day, which may be early August. That
        // is the earlier, safer date to tell a family.
        const month = iso(rolled).slice(5, 7);
        if (isAppeal && month === "08") assert.equal(iso(due).slice(5, 7), "07");
      }),
    );
  });
});

test("a period of 12 months starting 1 March 2135 ends 28 February 2136 by the adopted formula", () => {
  assert.equal(iso(monthsStarting(toDayNumber("2135-03-01"), 12)), "2136-02-28");
});

test("an appeal time ending on a weekend at the end of July moves to the next working day, not to September", () => {
  // Saturday 30 July 2016 -> Monday 1 August 2016 (HESC Rules r12(2)); r12(3) is for times ending in August.
  assert.equal(iso(tribunalRollForward(toDayNumber("2016-07-30"), calendar, true)), "2016-08-01");
  // A time ending in August itself goes to the first working day after 31 August.
  assert.equal(iso(tribunalRollForward(toDayNumber("2016-08-01"), calendar, true)), "2016-09-01");
});
