import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { formatDate, fromDayNumber, isIsoDate, partsFromDayNumber, toDayNumber } from "../dates.ts";
import { parseTimescale } from "./timescales.ts";
import type { DuePrecision } from "./types.ts";

// Southend's plan was approved by Cabinet on 13 January 2022; Thurrock's WSOA in July 2019.
const SOUTHEND = { planStart: "2022-01-13" };
const THURROCK = { planStart: "2019-07-01" };

describe("parseTimescale: what councils write", () => {
  // [text, context, precision, due date]
  const rows: [string, { planStart: string }, DuePrecision, string | null][] = [
    // Southend progress sheet: months without a year, in the plan's year or the next.
    ["Jan", SOUTHEND, "month", "2022-01-31"],
    ["Feb", SOUTHEND, "month", "2022-02-28"],
    ["March", SOUTHEND, "month", "2022-03-31"],
    ["Aug", SOUTHEND, "month", "2022-08-31"],
    ["Jan", { planStart: "2021-09-01" }, "month", "2022-01-31"],
    ["Sept", { planStart: "2021-09-30" }, "month", "2021-09-30"],
    ["Feb", { planStart: "2024-01-01" }, "month", "2024-02-29"],
    ["Feb onwards", SOUTHEND, "month", "2022-02-28"],
    ["wef Jan 2022", SOUTHEND, "month", "2022-01-31"],
    ["w.e.f. 1/2/22", SOUTHEND, "day", "2022-02-01"],
    // Ranges: the end of the latest part.
    ["Jan/Feb", SOUTHEND, "month", "2022-02-28"],
    ["April/July", SOUTHEND, "month", "2022-07-31"],
    ["Jan-Feb", SOUTHEND, "month", "2022-02-28"],
    ["Jan to March 2022", SOUTHEND, "month", "2022-03-31"],
    ["Sep 2019 / Nov 2019", THURROCK, "month", "2019-11-30"],
    ["Nov/Jan 2023", SOUTHEND, "month", "2023-01-31"],
    ["Feb 2022/March", { planStart: "2022-04-01" }, "month", "2022-03-31"],
    ["Jan/Feb 2022", { planStart: "2022-03-01" }, "month", "2022-02-28"],
    ["Q3 2022/23 - Q4 2022/23", SOUTHEND, "quarter", "2023-03-31"],
    ["March 2022 / Autumn term 2022", SOUTHEND, "term", "2022-12-31"],
    // Thurrock WSOA timescales.
    ["May 2019", THURROCK, "month", "2019-05-31"],
    ["Nov 2019", THURROCK, "month", "2019-11-30"],
    ["Sept 2019", THURROCK, "month", "2019-09-30"],
    ["Sep 2019", THURROCK, "month", "2019-09-30"],
    ["September 2019", THURROCK, "month", "2019-09-30"],
    ["Oct 19", THURROCK, "month", "2019-10-31"],
    ["March 2020", THURROCK, "month", "2020-03-31"],
    ["Dec 2019", THURROCK, "month", "2019-12-31"],
    ["DEC 2019", THURROCK, "month", "2019-12-31"],
    ["Dec. 2019", THURROCK, "month", "2019-12-31"],
    ["Jan-22", SOUTHEND, "month", "2022-01-31"],
    ["01/2022", SOUTHEND, "month", "2022-01-31"],
    ["summer term", THURROCK, "term", "2019-08-31"],
    // Days, UK order.
    ["31/03/2022", SOUTHEND, "day", "2022-03-31"],
    ["1/3/2022", SOUTHEND, "day", "2022-03-01"],
    ["31.03.22", SOUTHEND, "day", "2022-03-31"],
    ["31 March 2022", SOUTHEND, "day", "2022-03-31"],
    ["31st March 2022", SOUTHEND, "day", "2022-03-31"],
    ["1st of April 2022", SOUTHEND, "day", "2022-04-01"],
    ["31-Mar-2022", SOUTHEND, "day", "2022-03-31"],
    ["2022-03-31", SOUTHEND, "day", "2022-03-31"],
    ["29/02/2024", SOUTHEND, "day", "2024-02-29"],
    ["31 March", SOUTHEND, "day", "2022-03-31"],
    ["1 January", SOUTHEND, "day", "2023-01-01"],
    // Quarters.
    ["Q3 2022/23", SOUTHEND, "quarter", "2022-12-31"],
    ["Q4 2022/23", SOUTHEND, "quarter", "2023-03-31"],
    ["Q1 2022/23", SOUTHEND, "quarter", "2022-06-30"],
    ["Quarter 2 FY22/23", SOUTHEND, "quarter", "2022-09-30"],
    ["2022/23 Q4", SOUTHEND, "quarter", "2023-03-31"],
    ["Q2 2023", SOUTHEND, "quarter", "2023-06-30"],
    ["Q4 2023", SOUTHEND, "quarter", "2023-12-31"],
    // Terms and seasons.
    ["Autumn 2023", SOUTHEND, "season", "2023-11-30"],
    ["Autumn term 2023", SOUTHEND, "term", "2023-12-31"],
    ["Spring term 2024", SOUTHEND, "term", "2024-03-31"],
    ["Summer term 2024", SOUTHEND, "term", "2024-08-31"],
    ["Spring term 2023/24", SOUTHEND, "term", "2024-03-31"],
    ["Autumn term 2023/24", SOUTHEND, "term", "2023-12-31"],
    ["Spring 2023", SOUTHEND, "season", "2023-05-31"],
    ["Summer 2023", SOUTHEND, "season", "2023-08-31"],
    ["Winter 2023/24", SOUTHEND, "season", "2024-02-29"],
    ["by Autumn 2023", SOUTHEND, "season", "2023-11-30"],
    ["Autumn", SOUTHEND, "season", "2022-11-30"],
    ["Winter", SOUTHEND, "season", "2022-02-28"],
    // Years.
    ["2022/23", SOUTHEND, "year", "2023-03-31"],
    ["2022-23", SOUTHEND, "year", "2023-03-31"],
    ["2022/2023", SOUTHEND, "year", "2023-03-31"],
    ["FY 2022/23", SOUTHEND, "year", "2023-03-31"],
    ["academic year 2022/23", SOUTHEND, "year", "2023-08-31"],
    ["2022", SOUTHEND, "year", "2022-12-31"],
    ["end of 2022", SOUTHEND, "year", "2022-12-31"],
    // To be confirmed.
    ["TBC", SOUTHEND, "tbc", null],
    ["tbc", SOUTHEND, "tbc", null],
    ["TBC.", SOUTHEND, "tbc", null],
    ["To be confirmed", SOUTHEND, "tbc", null],
    ["Dates TBC", SOUTHEND, "tbc", null],
    ["To be agreed", SOUTHEND, "tbc", null],
    ["Ongoing", SOUTHEND, "tbc", null],
    ["Business as usual", SOUTHEND, "tbc", null],
    ["quarterly wef Jan 2022", SOUTHEND, "tbc", null],
    ["6 times a year", SOUTHEND, "tbc", null],
    ["Termly", SOUTHEND, "tbc", null],
    ["later in 2022", SOUTHEND, "year", "2022-12-31"],
    ["July 2020/July 2021", THURROCK, "month", "2021-07-31"],
    ["Feb/July", SOUTHEND, "month", "2022-07-31"],
  ];
  for (const [text, context, precision, date] of rows) {
    test(`${JSON.stringify(text)} from ${context.planStart} is ${precision} ${date ?? ""}`, () => {
      const result = parseTimescale(text, context);
      assert.equal(result.ok, true, JSON.stringify(result));
      if (!result.ok) return;
      assert.deepEqual(result.due, { precision, date, text: text.trim() });
    });
  }

  test("keeps the text as the council wrote it (trimmed)", () => {
    const result = parseTimescale("  Sep 2019 / Nov 2019 ", THURROCK);
    assert.equal(result.ok && result.due.text, "Sep 2019 / Nov 2019");
  });

  // [text, context, assumption fragment or undefined]
  const assumptions: [string, { planStart: string }, string | undefined][] = [
    ["Feb", SOUTHEND, "No year given: 'Feb' is taken as February 2022, the first that ends on or after the plan's start (13 January 2022)"],
    ["Jan/Feb", SOUTHEND, "taken as February 2022"],
    ["Autumn term", SOUTHEND, "taken as the autumn term 2022 (to 31 December 2022)"],
    ["Ongoing", SOUTHEND, "'Ongoing' has no end date, so it is treated as to be confirmed"],
    ["Oct 19", THURROCK, "'Oct 19' is taken as October 2019 (a two-digit year)"],
    ["quarterly wef Jan 2022", SOUTHEND, "'quarterly wef Jan 2022' repeats with no end date, so it is treated as to be confirmed"],
    ["Jan-22", SOUTHEND, "'Jan-22' is taken as January 2022 (a two-digit year)"],
    ["Oct '19", THURROCK, undefined],
    ["31/03/22", SOUTHEND, undefined],
    ["March 2022", SOUTHEND, undefined],
    ["Jan/Feb 2022", SOUTHEND, undefined],
    ["TBC", SOUTHEND, undefined],
  ];
  for (const [text, context, fragment] of assumptions) {
    test(`${JSON.stringify(text)} ${fragment ? "says what it assumed" : "assumes nothing"}`, () => {
      const result = parseTimescale(text, context);
      assert.equal(result.ok, true);
      if (!result.ok) return;
      if (fragment === undefined) assert.equal(result.assumption, undefined);
      else assert.ok(result.assumption?.includes(fragment), result.assumption);
    });
  }
});

describe("parseTimescale: never a guess presented as certain", () => {
  // [text, fragment of the message]
  const rows: [string, string][] = [
    ["Sept-ish", "'Sept-ish' is not a date or month"],
    ["soon", "'soon' is not a date or month. Write a date (31/03/2022), a month (Feb 2022)"],
    ["(July)", "'(July)' is not a date or month"],
    ["July 2020 July 2021", "is not a date or month"],
    ["Quarterly report provided starting in September 2019", "is not a date or month"],
    ["Early 2023", "is not a date or month"],
    ["quarterly wef whenever", "'quarterly wef whenever' is not a date or month"],
    ["monthly from 31/02/2022", "not a real date"],
    ["2022/23 Sept", "is not a date or month"],
    ["Jan 31", "'Jan 31' could be a day or a two-digit year: write the day with the month and year (31 Jan 2022) or the year in full (January 2031)"],
    ["Sept 12", "could be a day or a two-digit year"],
    ["1/3", "is not a date or month"],
    ["31/02/2022", "'31/02/2022' is not a real date: February 2022 has 28 days"],
    ["29/02/2023", "February 2023 has 28 days"],
    ["2022-13-01", "there is no month 13"],
    ["31 June 2022", "June 2022 has 30 days"],
    ["30 February", "February has no day 30"],
    ["29 Feb", "'29 Feb' needs a year"],
    ["13/2022", "there is no month 13"],
    ["Q3", "'Q3' does not say which year: write Q3 2022/23 for a financial-year quarter or Q3 2022 for a calendar quarter"],
    ["Q5 2022", "'Q5 2022' is not a quarter"],
    ["2022/24", "'2022/24' is not two years in a row: write 2022/23"],
    ["Q3 2022/24", "not two years in a row"],
    ["Winter 2023", "'Winter 2023' could mean the winter starting in December 2022 or in December 2023: write Winter 2022/23 or Winter 2023/24"],
    ["Winter term 2023", "is not a date or month"],
    ["March 2500", "'March 2500' is outside the years this system handles (1900 to 2199)"],
    ["1066", "outside the years"],
    ["", "Enter a timescale"],
    ["   ", "Enter a timescale"],
    ["x".repeat(201), "too long"],
  ];
  for (const [text, fragment] of rows) {
    test(`${JSON.stringify(text.slice(0, 40))} is refused`, () => {
      const result = parseTimescale(text, SOUTHEND);
      assert.equal(result.ok, false, JSON.stringify(result));
      if (result.ok) return;
      assert.ok(result.message.includes(fragment), `"${result.message}" should include "${fragment}"`);
    });
  }

  test("a two-digit year far from the plan's start is refused", () => {
    assert.equal(parseTimescale("Oct 19", { planStart: "2030-01-01" }).ok, false);
    assert.equal(parseTimescale("Oct 19", { planStart: "nonsense" }).ok, false);
    assert.equal(parseTimescale("Oct 2019", { planStart: "nonsense" }).ok, true);
  });

  test("a timescale without a year needs the plan's start date", () => {
    const result = parseTimescale("Feb", { planStart: "not a date" });
    assert.equal(result.ok, false);
    assert.match(result.ok ? "" : result.message, /'Feb' has no year, and the plan has no start date/);
    // With a year, the start date is not needed.
    assert.equal(parseTimescale("Feb 2022", { planStart: "not a date" }).ok, true);
  });
});

describe("parseTimescale: properties", () => {
  const planStart = fc.integer({ min: 0, max: 60000 }).map(fromDayNumber); // 1970 to 2134

  test("never throws on any text, and an ok result is a real date (or none for tbc)", () => {
    const words = fc.constantFrom(
      "Jan",
      "feb",
      "Sept",
      "Q3",
      "2022/23",
      "autumn",
      "term",
      "tbc",
      "/",
      "-",
      " ",
      "31",
      "2022",
      "onwards",
      "wef",
      "to",
      "&",
      "'19",
    );
    const text = fc.oneof(
      fc.string(),
      fc.string({ unit: "binary" }),
      fc.array(words, { maxLength: 6 }).map((w) => w.join(" ")),
      fc.array(words, { maxLength: 6 }).map((w) => w.join("")),
    );
    fc.assert(
      fc.property(text, planStart, (t, start) => {
        const result = parseTimescale(t, { planStart: start });
        if (!result.ok) {
          assert.ok(result.message.length > 0);
          return;
        }
        if (result.due.precision === "tbc") assert.equal(result.due.date, null);
        else assert.ok(isIsoDate(result.due.date), `${t} -> ${result.due.date}`);
        assert.equal(result.due.text, t.trim());
      }),
      { numRuns: 3000 },
    );
  });

  test("day precision round-trips in every written form", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 80000 }), planStart, (dayNumber, start) => {
        const iso = fromDayNumber(dayNumber);
        const { year, month, day } = partsFromDayNumber(dayNumber);
        const dd = String(day).padStart(2, "0");
        const mm = String(month).padStart(2, "0");
        for (const written of [iso, `${dd}/${mm}/${year}`, `${day}/${month}/${year}`, formatDate(iso)]) {
          const result = parseTimescale(written, { planStart: start });
          assert.deepEqual(result, { ok: true, due: { precision: "day", date: iso, text: written } });
        }
      }),
    );
  });

  test("a month with its year is due on its last day", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2199 }), fc.integer({ min: 1, max: 12 }), planStart, (year, month, start) => {
        const name = formatDate(`${year}-${String(month).padStart(2, "0")}-01`).split(" ")[1];
        const result = parseTimescale(`${name} ${year}`, { planStart: start });
        assert.equal(result.ok, true);
        if (!result.ok || result.due.date === null) return;
        assert.equal(result.due.precision, "month");
        const next = partsFromDayNumber(toDayNumber(result.due.date) + 1);
        assert.equal(next.day, 1, "the day after the due date starts a new month");
        assert.equal(result.due.date.slice(0, 7), `${year}-${String(month).padStart(2, "0")}`);
      }),
    );
  });

  test("a month without a year is the first one ending on or after the plan's start", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), planStart, (month, start) => {
        const name = formatDate(`2001-${String(month).padStart(2, "0")}-01`).split(" ")[1] ?? "";
        const result = parseTimescale(name.slice(0, 3), { planStart: start });
        assert.equal(result.ok, true);
        if (!result.ok || result.due.date === null) return;
        assert.ok(result.due.date >= start, "ends on or after the start");
        // The same month a year earlier ended before the start (a whole month before the start's month).
        const yearEarlier = `${Number(result.due.date.slice(0, 4)) - 1}${result.due.date.slice(4, 7)}`;
        assert.ok(yearEarlier < start.slice(0, 7));
      }),
    );
  });
});
