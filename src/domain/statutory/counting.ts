// The counting conventions (how "within N weeks of", "the period of N months starting with",
// "N working days beginning with" and the like are read in the SEND Regulations 2014 and the
// HESC Tribunal Rules 2008), one named function each. They work on day
// numbers (see dates.ts) because the clock runs them millions of times; `applyCountingIso` is
// the same thing on `YYYY-MM-DD` strings for callers and tests.

import type { WorkingDayCalendar } from "../bank-holidays.ts";
import { addMonthsToDayNumber, type DayNumber, dayNumberFromParts, fromDayNumber, type IsoDate, partsFromDayNumber, toDayNumber } from "../dates.ts";

/** WEEKS: "within N weeks of E" ends E + 7N (E not counted; the same weekday N weeks on). */
export function weeks(event: DayNumber, n: number): DayNumber {
  return event + 7 * n;
}

/**
 * DAYS_BEGINNING: "at least D days beginning with the day X was served" runs X to X + D - 1;
 * this returns that last day. The next step may not happen before X + D.
 */
export function daysBeginning(served: DayNumber, d: number): DayNumber {
  return served + d - 1;
}

/** DAYS_OF: "within D days of E" ends E + D. */
export function daysOf(event: DayNumber, d: number): DayNumber {
  return event + d;
}

/**
 * MONTHS_STARTING: "the period of N months starting with X" ends (X - 1 day) + N calendar
 * months, clamped to the month's last day. 10 Mar 2025 -> 9 Mar 2026; 29 Feb 2024 -> 28 Feb 2025.
 */
export function monthsStarting(start: DayNumber, n: number): DayNumber {
  return addMonthsToDayNumber(start - 1, n);
}

/** MONTHS_AFTER: "within N months after X" ends X + N calendar months, clamped. */
export function monthsAfter(event: DayNumber, n: number): DayNumber {
  return addMonthsToDayNumber(event, n);
}

/** MONTHS_BEFORE: "at least N months before T" means by T - N calendar months, clamped. */
export function monthsBefore(target: DayNumber, n: number): DayNumber {
  return addMonthsToDayNumber(target, -n);
}

/**
 * WEEKS_BEFORE: "at least N weeks' notice of the meeting" means by T - 7N. Not named in §1;
 * used for review invitations (Regs 20(3)-(4): "meeting - 14 days" in §2).
 */
export function weeksBefore(target: DayNumber, n: number): DayNumber {
  return target - 7 * n;
}

/** BEFORE_DATE: "before 15 February in the calendar year of transfer" means by 14 February. */
export function beforeDate(year: number, month: number, day: number): DayNumber {
  return dayNumberFromParts(year, month, day) - 1;
}

/**
 * WORKING_DAYS_BEGINNING: "within N working days beginning with the day E". E is day 1 if it is
 * a working day; otherwise counting starts at the next working day.
 */
export function workingDaysBeginning(event: DayNumber, n: number, calendar: WorkingDayCalendar): DayNumber {
  let d = event;
  let counted = 0;
  for (;;) {
    if (calendar.isWorkingDayNumber(d)) {
      counted++;
      if (counted >= n) return d;
    }
    d++;
  }
}

/** WORKING_DAYS_OF: "within N working days of E": count N working days after E. */
export function workingDaysOf(event: DayNumber, n: number, calendar: WorkingDayCalendar): DayNumber {
  return workingDaysBeginning(event + 1, n, calendar);
}

/** ON_DATE: on the day itself (Regs 15(2): the plan moves on the day of the move). */
export function onDate(event: DayNumber): DayNumber {
  return event;
}

/**
 * Tribunal Rules roll-forward (HESC Rules r12): an act due on a non-working day is in time on
 * the next working day; an appeal deadline ending 25 December to 1 January, or in August, is in
 * time on the first working day after 1 January or 31 August.
 */
export function tribunalRollForward(due: DayNumber, calendar: WorkingDayCalendar, isAppealStart: boolean): DayNumber {
  if (isAppealStart) {
    const { year, month, day } = partsFromDayNumber(due);
    if (month === 12 && day >= 25) return calendar.nextWorkingDayNumberOnOrAfter(dayNumberFromParts(year + 1, 1, 2));
    if (month === 1 && day === 1) return calendar.nextWorkingDayNumberOnOrAfter(dayNumberFromParts(year, 1, 2));
    if (month === 8) return calendar.nextWorkingDayNumberOnOrAfter(dayNumberFromParts(year, 9, 1));
  }
  return calendar.nextWorkingDayNumberOnOrAfter(due);
}

/** A counting rule as data: a convention and its amount. */
export type Counting =
  | { convention: "WEEKS"; weeks: number }
  | { convention: "WEEKS_BEFORE"; weeks: number }
  | { convention: "DAYS_BEGINNING"; days: number }
  | { convention: "DAYS_OF"; days: number }
  | { convention: "MONTHS_STARTING"; months: number }
  | { convention: "MONTHS_AFTER"; months: number }
  | { convention: "MONTHS_BEFORE"; months: number }
  | { convention: "BEFORE_DATE"; month: number; day: number }
  | { convention: "WORKING_DAYS_BEGINNING"; days: number }
  | { convention: "WORKING_DAYS_OF"; days: number }
  | { convention: "ON_DATE" };

export type CountingConvention = Counting["convention"];

/**
 * The last compliant day under a counting rule. For BEFORE_DATE the anchor is any day in the
 * calendar year of transfer.
 */
export function applyCounting(counting: Counting, anchor: DayNumber, calendar: WorkingDayCalendar): DayNumber {
  switch (counting.convention) {
    case "WEEKS":
      return weeks(anchor, counting.weeks);
    case "WEEKS_BEFORE":
      return weeksBefore(anchor, counting.weeks);
    case "DAYS_BEGINNING":
      return daysBeginning(anchor, counting.days);
    case "DAYS_OF":
      return daysOf(anchor, counting.days);
    case "MONTHS_STARTING":
      return monthsStarting(anchor, counting.months);
    case "MONTHS_AFTER":
      return monthsAfter(anchor, counting.months);
    case "MONTHS_BEFORE":
      return monthsBefore(anchor, counting.months);
    case "BEFORE_DATE":
      return beforeDate(partsFromDayNumber(anchor).year, counting.month, counting.day);
    case "WORKING_DAYS_BEGINNING":
      return workingDaysBeginning(anchor, counting.days, calendar);
    case "WORKING_DAYS_OF":
      return workingDaysOf(anchor, counting.days, calendar);
    case "ON_DATE":
      return onDate(anchor);
  }
}

/** `applyCounting` on `YYYY-MM-DD` strings. */
export function applyCountingIso(counting: Counting, anchor: IsoDate, calendar: WorkingDayCalendar): IsoDate {
  return fromDayNumber(applyCounting(counting, toDayNumber(anchor), calendar));
}

const MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** The counting rule in plain English, for pages: "6 weeks", "15 days beginning with the day". */
export function describeCounting(counting: Counting): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  switch (counting.convention) {
    case "WEEKS":
      return `within ${plural(counting.weeks, "week")} of`;
    case "WEEKS_BEFORE":
      return `at least ${plural(counting.weeks, "week")} before`;
    case "DAYS_BEGINNING":
      return `at least ${plural(counting.days, "day")} beginning with`;
    case "DAYS_OF":
      return `within ${plural(counting.days, "day")} of`;
    case "MONTHS_STARTING":
      return `within the ${plural(counting.months, "month")} starting with`;
    case "MONTHS_AFTER":
      return `within ${plural(counting.months, "month")} after`;
    case "MONTHS_BEFORE":
      return `at least ${plural(counting.months, "month")} before`;
    case "BEFORE_DATE":
      return `before ${counting.day} ${MONTH_NAMES[counting.month - 1]} in the calendar year of`;
    case "WORKING_DAYS_BEGINNING":
      return `within ${plural(counting.days, "working day")} beginning with`;
    case "WORKING_DAYS_OF":
      return `within ${plural(counting.days, "working day")} of`;
    case "ON_DATE":
      return "on";
  }
}
