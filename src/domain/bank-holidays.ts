// England and Wales bank holidays, and the working-day calendar built on them.
// A working day (SEND Regulations 2014 reg 2) is Monday to Friday except bank holidays
// (including Good Friday, Christmas Day and substitute days). The holidays are data; years
// outside the data fall back to the rules of the Banking and Financial Dealings Act 1971 and
// royal proclamation, and the calendar records which source it used for each year.

import {
  type DayNumber,
  dayNumberFromParts,
  fromDayNumber,
  type IsoDate,
  isoFromParts,
  parseIsoDate,
  toDayNumber,
  weekdayOfDayNumber,
  yearOfDayNumber,
} from "./dates.ts";

export interface BankHoliday {
  date: IsoDate;
  title: string;
  notes?: string;
}

export type HolidaySource = "data" | "rules";

/** Where the data comes from and which years it covers. */
export const BANK_HOLIDAY_DATA_SOURCE = {
  name: "GOV.UK bank holidays feed",
  url: "https://www.gov.uk/bank-holidays.json",
  division: "england-and-wales",
  firstYear: 2018,
  lastYear: 2028,
  note:
    "Copied from the feed's england-and-wales division for 2018 to 2027. 2028 is the standard " +
    "pattern as announced; compare it with the feed when the feed publishes 2028. Refresh this " +
    "list when one-off holidays are proclaimed.",
} as const;

/** GOV.UK feed, division england-and-wales, 2018-2028 (see BANK_HOLIDAY_DATA_SOURCE). */
export const ENGLAND_AND_WALES_BANK_HOLIDAYS: readonly BankHoliday[] = [
  { date: "2018-01-01", title: "New Year’s Day" },
  { date: "2018-03-30", title: "Good Friday" },
  { date: "2018-04-02", title: "Easter Monday" },
  { date: "2018-05-07", title: "Early May bank holiday" },
  { date: "2018-05-28", title: "Spring bank holiday" },
  { date: "2018-08-27", title: "Summer bank holiday" },
  { date: "2018-12-25", title: "Christmas Day" },
  { date: "2018-12-26", title: "Boxing Day" },

  { date: "2019-01-01", title: "New Year’s Day" },
  { date: "2019-04-19", title: "Good Friday" },
  { date: "2019-04-22", title: "Easter Monday" },
  { date: "2019-05-06", title: "Early May bank holiday" },
  { date: "2019-05-27", title: "Spring bank holiday" },
  { date: "2019-08-26", title: "Summer bank holiday" },
  { date: "2019-12-25", title: "Christmas Day" },
  { date: "2019-12-26", title: "Boxing Day" },

  { date: "2020-01-01", title: "New Year’s Day" },
  { date: "2020-04-10", title: "Good Friday" },
  { date: "2020-04-13", title: "Easter Monday" },
  // Moved from Monday 4 May for the 75th anniversary of VE day.
  { date: "2020-05-08", title: "Early May bank holiday (VE day)" },
  { date: "2020-05-25", title: "Spring bank holiday" },
  { date: "2020-08-31", title: "Summer bank holiday" },
  { date: "2020-12-25", title: "Christmas Day" },
  { date: "2020-12-28", title: "Boxing Day", notes: "Substitute day" },

  { date: "2021-01-01", title: "New Year’s Day" },
  { date: "2021-04-02", title: "Good Friday" },
  { date: "2021-04-05", title: "Easter Monday" },
  { date: "2021-05-03", title: "Early May bank holiday" },
  { date: "2021-05-31", title: "Spring bank holiday" },
  { date: "2021-08-30", title: "Summer bank holiday" },
  { date: "2021-12-27", title: "Christmas Day", notes: "Substitute day" },
  { date: "2021-12-28", title: "Boxing Day", notes: "Substitute day" },

  { date: "2022-01-03", title: "New Year’s Day", notes: "Substitute day" },
  { date: "2022-04-15", title: "Good Friday" },
  { date: "2022-04-18", title: "Easter Monday" },
  { date: "2022-05-02", title: "Early May bank holiday" },
  // Spring bank holiday moved from Monday 30 May for the Platinum Jubilee.
  { date: "2022-06-02", title: "Spring bank holiday" },
  { date: "2022-06-03", title: "Platinum Jubilee bank holiday" },
  { date: "2022-08-29", title: "Summer bank holiday" },
  { date: "2022-09-19", title: "Bank Holiday for the State Funeral of Queen Elizabeth II" },
  { date: "2022-12-26", title: "Boxing Day" },
  { date: "2022-12-27", title: "Christmas Day", notes: "Substitute day" },

  { date: "2023-01-02", title: "New Year’s Day", notes: "Substitute day" },
  { date: "2023-04-07", title: "Good Friday" },
  { date: "2023-04-10", title: "Easter Monday" },
  { date: "2023-05-01", title: "Early May bank holiday" },
  { date: "2023-05-08", title: "Bank holiday for the coronation of King Charles III" },
  { date: "2023-05-29", title: "Spring bank holiday" },
  { date: "2023-08-28", title: "Summer bank holiday" },
  { date: "2023-12-25", title: "Christmas Day" },
  { date: "2023-12-26", title: "Boxing Day" },

  { date: "2024-01-01", title: "New Year’s Day" },
  { date: "2024-03-29", title: "Good Friday" },
  { date: "2024-04-01", title: "Easter Monday" },
  { date: "2024-05-06", title: "Early May bank holiday" },
  { date: "2024-05-27", title: "Spring bank holiday" },
  { date: "2024-08-26", title: "Summer bank holiday" },
  { date: "2024-12-25", title: "Christmas Day" },
  { date: "2024-12-26", title: "Boxing Day" },

  { date: "2025-01-01", title: "New Year’s Day" },
  { date: "2025-04-18", title: "Good Friday" },
  { date: "2025-04-21", title: "Easter Monday" },
  { date: "2025-05-05", title: "Early May bank holiday" },
  { date: "2025-05-26", title: "Spring bank holiday" },
  { date: "2025-08-25", title: "Summer bank holiday" },
  { date: "2025-12-25", title: "Christmas Day" },
  { date: "2025-12-26", title: "Boxing Day" },

  { date: "2026-01-01", title: "New Year’s Day" },
  { date: "2026-04-03", title: "Good Friday" },
  { date: "2026-04-06", title: "Easter Monday" },
  { date: "2026-05-04", title: "Early May bank holiday" },
  { date: "2026-05-25", title: "Spring bank holiday" },
  { date: "2026-08-31", title: "Summer bank holiday" },
  { date: "2026-12-25", title: "Christmas Day" },
  { date: "2026-12-28", title: "Boxing Day", notes: "Substitute day" },

  { date: "2027-01-01", title: "New Year’s Day" },
  { date: "2027-03-26", title: "Good Friday" },
  { date: "2027-03-29", title: "Easter Monday" },
  { date: "2027-05-03", title: "Early May bank holiday" },
  { date: "2027-05-31", title: "Spring bank holiday" },
  { date: "2027-08-30", title: "Summer bank holiday" },
  { date: "2027-12-27", title: "Christmas Day", notes: "Substitute day" },
  { date: "2027-12-28", title: "Boxing Day", notes: "Substitute day" },

  { date: "2028-01-03", title: "New Year’s Day", notes: "Substitute day" },
  { date: "2028-04-14", title: "Good Friday" },
  { date: "2028-04-17", title: "Easter Monday" },
  { date: "2028-05-01", title: "Early May bank holiday" },
  { date: "2028-05-29", title: "Spring bank holiday" },
  { date: "2028-08-28", title: "Summer bank holiday" },
  { date: "2028-12-25", title: "Christmas Day" },
  { date: "2028-12-26", title: "Boxing Day" },
];

/** Easter Sunday in the Gregorian calendar (the anonymous "Meeus/Jones/Butcher" computus). */
export function easterSunday(year: number): IsoDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return isoFromParts(year, month, day);
}

function firstMonday(year: number, month: number): DayNumber {
  const first = dayNumberFromParts(year, month, 1);
  return first + ((8 - weekdayOfDayNumber(first)) % 7);
}

function lastMonday(year: number, month: number): DayNumber {
  const nextFirst = month === 12 ? dayNumberFromParts(year + 1, 1, 1) : dayNumberFromParts(year, month + 1, 1);
  const last = nextFirst - 1;
  return last - ((weekdayOfDayNumber(last) + 6) % 7);
}

/**
 * The usual bank holidays of a year by rule, for years the data does not cover. One-off
 * holidays (jubilees, funerals, coronations, moved days) cannot be predicted by rule.
 */
export function ruleBasedBankHolidays(year: number): BankHoliday[] {
  const holidays: BankHoliday[] = [];
  const add = (dayNumber: DayNumber, title: string, substitute = false) =>
    holidays.push(substitute ? { date: fromDayNumber(dayNumber), title, notes: "Substitute day" } : { date: fromDayNumber(dayNumber), title });

  // New Year's Day (royal proclamation): on a weekend, the next Monday.
  const newYear = dayNumberFromParts(year, 1, 1);
  const newYearDay = weekdayOfDayNumber(newYear);
  if (newYearDay === 6) add(newYear + 2, "New Year’s Day", true);
  else if (newYearDay === 7) add(newYear + 1, "New Year’s Day", true);
  else add(newYear, "New Year’s Day");

  const easter = toDayNumber(easterSunday(year));
  add(easter - 2, "Good Friday");
  add(easter + 1, "Easter Monday");
  add(firstMonday(year, 5), "Early May bank holiday");
  add(lastMonday(year, 5), "Spring bank holiday");
  add(lastMonday(year, 8), "Summer bank holiday");

  // Christmas and Boxing Day with substitutes (Banking and Financial Dealings Act 1971, Sch 1).
  const christmas = dayNumberFromParts(year, 12, 25);
  switch (weekdayOfDayNumber(christmas)) {
    case 5: // Friday: Boxing Day is Saturday, substitute Monday 28th
      add(christmas, "Christmas Day");
      add(christmas + 3, "Boxing Day", true);
      break;
    case 6: // Saturday: Monday 27th and Tuesday 28th
      add(christmas + 2, "Christmas Day", true);
      add(christmas + 3, "Boxing Day", true);
      break;
    case 7: // Sunday: Boxing Day Monday 26th, Christmas substitute Tuesday 27th
      add(christmas + 1, "Boxing Day");
      add(christmas + 2, "Christmas Day", true);
      break;
    default:
      add(christmas, "Christmas Day");
      add(christmas + 1, "Boxing Day");
  }
  return holidays.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

export interface WorkingDayCalendar {
  isWorkingDay(date: IsoDate): boolean;
  isWorkingDayNumber(dayNumber: DayNumber): boolean;
  /** The date itself if it is a working day, else the working day before it. */
  lastWorkingDayOnOrBefore(date: IsoDate): IsoDate;
  lastWorkingDayNumberOnOrBefore(dayNumber: DayNumber): DayNumber;
  /** The date itself if it is a working day, else the next working day. */
  nextWorkingDayOnOrAfter(date: IsoDate): IsoDate;
  nextWorkingDayNumberOnOrAfter(dayNumber: DayNumber): DayNumber;
  /** Working days from `from` to `to`, both included (0 when `to` is before `from`). */
  countWorkingDays(from: IsoDate, to: IsoDate): number;
  /** The bank holidays of a year and where they came from. */
  bankHolidays(year: number): readonly BankHoliday[];
  /** Which source gives a year's bank holidays. */
  holidaySource(year: number): HolidaySource;
  /** Each year this calendar has been asked about so far, with the source it used. */
  sourcesUsed(): ReadonlyMap<number, HolidaySource>;
}

export interface CalendarOptions {
  /** Bank holidays as data; defaults to ENGLAND_AND_WALES_BANK_HOLIDAYS. */
  holidays?: readonly BankHoliday[];
  /** Years the data covers completely; defaults to the years present in `holidays`. */
  dataYears?: { first: number; last: number };
}

/**
 * A working-day calendar. Each year's non-working days are worked out once and kept in a byte
 * per day, so asking about a day costs an array read.
 */
export function createWorkingDayCalendar(options: CalendarOptions = {}): WorkingDayCalendar {
  const holidays = options.holidays ?? ENGLAND_AND_WALES_BANK_HOLIDAYS;
  const byYear = new Map<number, BankHoliday[]>();
  for (const holiday of holidays) {
    const dayNumber = parseIsoDate(holiday.date);
    if (dayNumber === undefined) throw new RangeError(`Bank holiday with a bad date: ${holiday.date}`);
    const year = yearOfDayNumber(dayNumber);
    const list = byYear.get(year) ?? [];
    list.push(holiday);
    byYear.set(year, list);
  }
  const years = [...byYear.keys()];
  const first = options.dataYears?.first ?? (years.length ? Math.min(...years) : 1);
  const last = options.dataYears?.last ?? (years.length ? Math.max(...years) : 0);

  const used = new Map<number, HolidaySource>();
  // 0 = year not loaded yet, 1 = working day, 2 = weekend or bank holiday. Covers 1900-2199;
  // other years use a slower path through a Set.
  const fastFirst = dayNumberFromParts(1900, 1, 1);
  const fastLast = dayNumberFromParts(2199, 12, 31);
  const flags = new Uint8Array(fastLast - fastFirst + 1);
  const slowHolidays = new Map<number, Set<DayNumber>>();

  const holidaySource = (year: number): HolidaySource => (year >= first && year <= last ? "data" : "rules");

  const bankHolidays = (year: number): readonly BankHoliday[] =>
    holidaySource(year) === "data" ? (byYear.get(year) ?? []) : ruleBasedBankHolidays(year);

  const holidaySet = (year: number): Set<DayNumber> => {
    used.set(year, holidaySource(year));
    return new Set(bankHolidays(year).map((h) => toDayNumber(h.date)));
  };

  const loadYear = (year: number) => {
    const set = holidaySet(year);
    const start = dayNumberFromParts(year, 1, 1);
    const end = dayNumberFromParts(year, 12, 31);
    for (let d = start; d <= end; d++) {
      flags[d - fastFirst] = weekdayOfDayNumber(d) >= 6 || set.has(d) ? 2 : 1;
    }
  };

  const isWorkingDayNumber = (dayNumber: DayNumber): boolean => {
    if (dayNumber >= fastFirst && dayNumber <= fastLast) {
      const flag = flags[dayNumber - fastFirst];
      if (flag === 1) return true;
      if (flag === 2) return false;
      loadYear(yearOfDayNumber(dayNumber));
      return flags[dayNumber - fastFirst] === 1;
    }
    if (weekdayOfDayNumber(dayNumber) >= 6) return false;
    const year = yearOfDayNumber(dayNumber);
    let set = slowHolidays.get(year);
    if (!set) {
      set = holidaySet(year);
      slowHolidays.set(year, set);
    }
    return !set.has(dayNumber);
  };

  const lastWorkingDayNumberOnOrBefore = (dayNumber: DayNumber): DayNumber => {
    let d = dayNumber;
    while (!isWorkingDayNumber(d)) d--;
    return d;
  };

  const nextWorkingDayNumberOnOrAfter = (dayNumber: DayNumber): DayNumber => {
    let d = dayNumber;
    while (!isWorkingDayNumber(d)) d++;
    return d;
  };

  return {
    isWorkingDay: (date) => isWorkingDayNumber(toDayNumber(date)),
    isWorkingDayNumber,
    lastWorkingDayOnOrBefore: (date) => fromDayNumber(lastWorkingDayNumberOnOrBefore(toDayNumber(date))),
    lastWorkingDayNumberOnOrBefore,
    nextWorkingDayOnOrAfter: (date) => fromDayNumber(nextWorkingDayNumberOnOrAfter(toDayNumber(date))),
    nextWorkingDayNumberOnOrAfter,
    countWorkingDays: (from, to) => {
      let count = 0;
      for (let d = toDayNumber(from), end = toDayNumber(to); d <= end; d++) if (isWorkingDayNumber(d)) count++;
      return count;
    },
    bankHolidays,
    holidaySource,
    sourcesUsed: () => used,
  };
}

let shared: WorkingDayCalendar | undefined;

/** The England and Wales calendar from the shipped data, shared by every caller. */
export function englandAndWalesCalendar(): WorkingDayCalendar {
  shared ??= createWorkingDayCalendar({
    dataYears: { first: BANK_HOLIDAY_DATA_SOURCE.firstYear, last: BANK_HOLIDAY_DATA_SOURCE.lastYear },
  });
  return shared;
}
