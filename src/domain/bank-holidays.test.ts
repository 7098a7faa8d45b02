import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import {
  BANK_HOLIDAY_DATA_SOURCE,
  createWorkingDayCalendar,
  ENGLAND_AND_WALES_BANK_HOLIDAYS,
  easterSunday,
  englandAndWalesCalendar,
  ruleBasedBankHolidays,
} from "./bank-holidays.ts";
import { fromDayNumber, isoWeekday, toDayNumber } from "./dates.ts";

const calendar = englandAndWalesCalendar();
const datesOf = (year: number, list = ENGLAND_AND_WALES_BANK_HOLIDAYS) => list.filter((h) => h.date.startsWith(`${year}-`)).map((h) => h.date);

describe("the shipped data", () => {
  test("names its source and covers 2018 to 2028", () => {
    assert.equal(BANK_HOLIDAY_DATA_SOURCE.division, "england-and-wales");
    assert.match(BANK_HOLIDAY_DATA_SOURCE.url, /gov\.uk\/bank-holidays\.json/);
    for (let year = 2018; year <= 2028; year++) {
      assert.ok(datesOf(year).length >= 8, `${year} has its holidays`);
      assert.equal(calendar.holidaySource(year), "data");
    }
  });

  test("every bank holiday in the data is a weekday, in date order", () => {
    for (const holiday of ENGLAND_AND_WALES_BANK_HOLIDAYS) assert.ok(isoWeekday(holiday.date) <= 5, holiday.date);
    const dates = ENGLAND_AND_WALES_BANK_HOLIDAYS.map((h) => h.date);
    assert.deepEqual(dates, [...dates].sort());
  });

  const special: [string, string, boolean][] = [
    ["VE day moved the early May holiday to Friday 8 May 2020", "2020-05-08", false],
    ["so Monday 4 May 2020 was a working day", "2020-05-04", true],
    ["Spring bank holiday moved to Thursday 2 June 2022", "2022-06-02", false],
    ["Platinum Jubilee, Friday 3 June 2022", "2022-06-03", false],
    ["so Monday 30 May 2022 was a working day", "2022-05-30", true],
    ["State Funeral, Monday 19 September 2022", "2022-09-19", false],
    ["Coronation, Monday 8 May 2023", "2023-05-08", false],
    ["Christmas 2021 on a Saturday: substitute Monday 27 December", "2021-12-27", false],
    ["and Boxing Day substitute Tuesday 28 December 2021", "2021-12-28", false],
    ["Christmas 2022 on a Sunday: Boxing Day Monday 26 December", "2022-12-26", false],
    ["and Christmas substitute Tuesday 27 December 2022", "2022-12-27", false],
    ["Boxing Day 2020 on a Saturday: substitute Monday 28 December", "2020-12-28", false],
    ["Boxing Day 2026 on a Saturday: substitute Monday 28 December", "2026-12-28", false],
    ["Christmas 2027 on a Saturday: Monday 27 December", "2027-12-27", false],
    ["and Tuesday 28 December 2027", "2027-12-28", false],
    ["New Year 2022 on a Saturday: Monday 3 January", "2022-01-03", false],
    ["New Year 2023 on a Sunday: Monday 2 January", "2023-01-02", false],
    ["Good Friday 2026", "2026-04-03", false],
    ["Easter Monday 2026", "2026-04-06", false],
    ["Christmas Eve 2025 is a working day", "2025-12-24", true],
    ["a Saturday is never a working day", "2026-03-07", false],
  ];
  for (const [name, date, working] of special) {
    test(name, () => assert.equal(calendar.isWorkingDay(date), working));
  }
});

describe("the rule-based fallback", () => {
  test("Easter Sunday by the Gregorian computus", () => {
    const known: [number, string][] = [
      [2018, "2018-04-01"],
      [2019, "2019-04-21"],
      [2024, "2024-03-31"],
      [2025, "2025-04-20"],
      [2026, "2026-04-05"],
      [2027, "2027-03-28"],
      [2038, "2038-04-25"],
      [2285, "2285-03-22"],
      [1943, "1943-04-25"],
    ];
    for (const [year, date] of known) assert.equal(easterSunday(year), date, String(year));
  });

  test("reproduces the data exactly in every ordinary year", () => {
    for (const year of [2018, 2019, 2021, 2024, 2025, 2026, 2027, 2028]) {
      assert.deepEqual(
        ruleBasedBankHolidays(year),
        ENGLAND_AND_WALES_BANK_HOLIDAYS.filter((h) => h.date.startsWith(`${year}-`)),
        String(year),
      );
    }
  });

  test("differs from the data only in the years with one-off holidays", () => {
    assert.notDeepEqual(datesOf(2020, ruleBasedBankHolidays(2020)), datesOf(2020));
    assert.notDeepEqual(datesOf(2022, ruleBasedBankHolidays(2022)), datesOf(2022));
    assert.notDeepEqual(datesOf(2023, ruleBasedBankHolidays(2023)), datesOf(2023));
  });

  test("always gives 8 weekday holidays, Easter in March or April (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1600, max: 3000 }), (year) => {
        const holidays = ruleBasedBankHolidays(year);
        assert.equal(holidays.length, 8);
        for (const h of holidays) {
          assert.ok(isoWeekday(h.date) <= 5, h.date);
          assert.ok(h.date.startsWith(`${year}-`), h.date);
        }
        assert.equal(isoWeekday(easterSunday(year)), 7);
        assert.match(easterSunday(year), /-0[34]-/);
      }),
    );
  });

  test("the calendar uses the rules outside the data, and records it", () => {
    const fresh = createWorkingDayCalendar({ dataYears: { first: 2018, last: 2028 } });
    assert.equal(fresh.holidaySource(2031), "rules");
    assert.equal(fresh.isWorkingDay("2031-12-25"), false);
    assert.equal(fresh.isWorkingDay("2031-12-26"), false);
    assert.equal(fresh.isWorkingDay("2031-04-11"), false); // Good Friday 2031
    assert.equal(fresh.isWorkingDay("2026-12-28"), false);
    assert.equal(fresh.sourcesUsed().get(2031), "rules");
    assert.equal(fresh.sourcesUsed().get(2026), "data");
    assert.equal(fresh.sourcesUsed().has(2040), false);
  });

  test("works far outside the fast range too", () => {
    assert.equal(calendar.isWorkingDay("2300-12-25"), false);
    assert.equal(calendar.isWorkingDay("1850-12-25"), false);
    assert.equal(calendar.nextWorkingDayOnOrAfter("2300-12-25"), "2300-12-27");
  });
});

describe("working days", () => {
  test("last working day on or before, next on or after", () => {
    assert.equal(calendar.lastWorkingDayOnOrBefore("2026-02-14"), "2026-02-13");
    assert.equal(calendar.lastWorkingDayOnOrBefore("2025-12-28"), "2025-12-24");
    assert.equal(calendar.lastWorkingDayOnOrBefore("2026-04-06"), "2026-04-02");
    assert.equal(calendar.lastWorkingDayOnOrBefore("2026-03-09"), "2026-03-09");
    assert.equal(calendar.nextWorkingDayOnOrAfter("2025-12-25"), "2025-12-29");
    assert.equal(calendar.nextWorkingDayOnOrAfter("2026-04-03"), "2026-04-07");
    assert.equal(calendar.nextWorkingDayOnOrAfter("2027-12-25"), "2027-12-29");
  });

  test("counting working days, both ends included", () => {
    assert.equal(calendar.countWorkingDays("2025-12-15", "2026-01-07"), 15);
    assert.equal(calendar.countWorkingDays("2026-03-09", "2026-03-13"), 5);
    assert.equal(calendar.countWorkingDays("2026-03-14", "2026-03-15"), 0);
    assert.equal(calendar.countWorkingDays("2026-03-15", "2026-03-14"), 0);
  });

  test("working days agree with the weekday and the holiday list (property)", () => {
    const holidays = new Set(ENGLAND_AND_WALES_BANK_HOLIDAYS.map((h) => h.date));
    fc.assert(
      fc.property(fc.integer({ min: toDayNumber("2018-01-01"), max: toDayNumber("2028-12-31") }), (dayNumber) => {
        const date = fromDayNumber(dayNumber);
        assert.equal(calendar.isWorkingDay(date), isoWeekday(date) <= 5 && !holidays.has(date));
        const before = calendar.lastWorkingDayOnOrBefore(date);
        const after = calendar.nextWorkingDayOnOrAfter(date);
        assert.ok(before <= date && after >= date);
        assert.ok(calendar.isWorkingDay(before) && calendar.isWorkingDay(after));
      }),
    );
  });
});

describe("years past the shipped data: 2029, 2030 and on (the fallback by rule)", () => {
  const fresh = () => createWorkingDayCalendar({ dataYears: { first: 2018, last: 2028 } });

  test("the data stops at 2028, so 2029 and 2030 come from the rules, and the calendar says so", () => {
    assert.equal(Math.max(...ENGLAND_AND_WALES_BANK_HOLIDAYS.map((h) => Number(h.date.slice(0, 4)))), 2028);
    assert.equal(calendar.holidaySource(2029), "rules");
    assert.equal(calendar.holidaySource(2030), "rules");
    assert.equal(calendar.holidaySource(2028), "data");
  });

  const expected: [year: number, dates: string[]][] = [
    // New Year, Good Friday, Easter Monday, early May, spring, summer, Christmas, Boxing Day
    [2029, ["2029-01-01", "2029-03-30", "2029-04-02", "2029-05-07", "2029-05-28", "2029-08-27", "2029-12-25", "2029-12-26"]],
    [2030, ["2030-01-01", "2030-04-19", "2030-04-22", "2030-05-06", "2030-05-27", "2030-08-26", "2030-12-25", "2030-12-26"]],
    // Christmas on a Saturday: substitutes Monday 27 and Tuesday 28
    [2032, ["2032-01-01", "2032-03-26", "2032-03-29", "2032-05-03", "2032-05-31", "2032-08-30", "2032-12-27", "2032-12-28"]],
    // New Year on a Saturday (Monday 3rd); Christmas on a Sunday (Boxing Day Monday 26, Christmas Tuesday 27)
    [2033, ["2033-01-03", "2033-04-15", "2033-04-18", "2033-05-02", "2033-05-30", "2033-08-29", "2033-12-26", "2033-12-27"]],
    // New Year on a Sunday (Monday 2nd)
    [2034, ["2034-01-02", "2034-04-07", "2034-04-10", "2034-05-01", "2034-05-29", "2034-08-28", "2034-12-25", "2034-12-26"]],
    // Christmas on a Friday: Boxing Day substitute Monday 28
    [2037, ["2037-01-01", "2037-04-03", "2037-04-06", "2037-05-04", "2037-05-25", "2037-08-31", "2037-12-25", "2037-12-28"]],
  ];
  for (const [year, dates] of expected) {
    test(`${year}: Good Friday, Easter Monday, the May, spring and summer holidays, Christmas and its substitutes`, () => {
      assert.deepEqual(datesOf(year, ruleBasedBankHolidays(year)), dates);
      const c = fresh();
      for (const date of dates) assert.equal(c.isWorkingDay(date), false, date);
      // The days either side of a Monday holiday (or a substitute) are working days when they are weekdays.
      for (const date of dates) {
        for (const next of [fromDayNumber(toDayNumber(date) - 1), fromDayNumber(toDayNumber(date) + 1)]) {
          if (isoWeekday(next) <= 5 && !dates.includes(next)) assert.equal(c.isWorkingDay(next), true, next);
        }
      }
      assert.equal(c.holidaySource(year), "rules");
    });
  }

  test("substitute days are marked as such", () => {
    const notes = (year: number) =>
      ruleBasedBankHolidays(year)
        .filter((h) => h.notes === "Substitute day")
        .map((h) => h.date);
    assert.deepEqual(notes(2029), []);
    assert.deepEqual(notes(2030), []);
    assert.deepEqual(notes(2032), ["2032-12-27", "2032-12-28"]);
    assert.deepEqual(notes(2033), ["2033-01-03", "2033-12-27"]);
    assert.deepEqual(notes(2037), ["2037-12-28"]);
  });

  test("working-day counts across Easter and Christmas 2029 and 2030", () => {
    const c = fresh();
    assert.equal(c.lastWorkingDayOnOrBefore("2029-04-02"), "2029-03-29"); // Easter Monday back past Good Friday
    assert.equal(c.nextWorkingDayOnOrAfter("2029-03-30"), "2029-04-03");
    assert.equal(c.lastWorkingDayOnOrBefore("2030-04-22"), "2030-04-18");
    assert.equal(c.nextWorkingDayOnOrAfter("2029-12-25"), "2029-12-27");
    assert.equal(c.nextWorkingDayOnOrAfter("2030-12-25"), "2030-12-27");
    assert.equal(c.nextWorkingDayOnOrAfter("2030-08-26"), "2030-08-27");
  });
});
