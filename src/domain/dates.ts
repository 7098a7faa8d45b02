// Date-only arithmetic on `YYYY-MM-DD` strings. Internally a date is a day number (days since
// 1970-01-01 in the proleptic Gregorian calendar), so there is no time of day, no time zone and
// no daylight-saving surprise. No Date objects: they carry a time and a zone we do not want.

/** A calendar date written `YYYY-MM-DD`. */
export type IsoDate = string;
/** Days since 1970-01-01 (negative before). */
export type DayNumber = number;

const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
] as const;

const WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in a month; `month` is 1 to 12. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

// The two conversions below are H. Hinnant's days_from_civil and civil_from_days. Every
// intermediate value is a non-negative integer for years 1 to 9999, so `(a / b) | 0` is floor.

/** Day number of a civil date (month 1 to 12, year 1 to 9999). */
export function dayNumberFromParts(year: number, month: number, day: number): DayNumber {
  const y = month <= 2 ? year - 1 : year;
  const era = (y / 400) | 0;
  const yoe = y - era * 400;
  const doy = (((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) | 0) + day - 1;
  const doe = yoe * 365 + ((yoe / 4) | 0) - ((yoe / 100) | 0) + doy;
  return era * 146097 + doe - 719468;
}

export interface DateParts {
  year: number;
  month: number;
  day: number;
}

/** The civil date of a day number (years 1 to 9999). */
export function partsFromDayNumber(dayNumber: DayNumber): DateParts {
  const z = dayNumber + 719468;
  const era = (z / 146097) | 0;
  const doe = z - era * 146097;
  const yoe = ((doe - ((doe / 1460) | 0) + ((doe / 36524) | 0) - ((doe / 146096) | 0)) / 365) | 0;
  const doy = doe - (365 * yoe + ((yoe / 4) | 0) - ((yoe / 100) | 0));
  const mp = ((5 * doy + 2) / 153) | 0;
  const day = doy - (((153 * mp + 2) / 5) | 0) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Year of a day number, without building an object (hot path). */
export function yearOfDayNumber(dayNumber: DayNumber): number {
  return partsFromDayNumber(dayNumber).year;
}

function digit(text: string, index: number): number {
  const code = text.charCodeAt(index) - 48;
  return code >= 0 && code <= 9 ? code : -1;
}

/**
 * Strictly parses `YYYY-MM-DD` (years 0001 to 9999). Returns the day number, or undefined when
 * the text is not in that form or is not a real date (2026-02-30).
 */
export function parseIsoDate(text: string): DayNumber | undefined {
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return undefined;
  let year = 0;
  for (let i = 0; i < 4; i++) {
    const d = digit(text, i);
    if (d < 0) return undefined;
    year = year * 10 + d;
  }
  const m1 = digit(text, 5);
  const m2 = digit(text, 6);
  const d1 = digit(text, 8);
  const d2 = digit(text, 9);
  if (m1 < 0 || m2 < 0 || d1 < 0 || d2 < 0) return undefined;
  const month = m1 * 10 + m2;
  const day = d1 * 10 + d2;
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return dayNumberFromParts(year, month, day);
}

/** True when `value` is a string holding a real `YYYY-MM-DD` date. */
export function isIsoDate(value: unknown): value is IsoDate {
  return typeof value === "string" && parseIsoDate(value) !== undefined;
}

/** Day number of a date the caller knows is valid; throws (a programming error) otherwise. */
export function toDayNumber(iso: IsoDate): DayNumber {
  const dayNumber = parseIsoDate(iso);
  if (dayNumber === undefined) throw new RangeError(`Not a real YYYY-MM-DD date: ${JSON.stringify(iso)}`);
  return dayNumber;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function formatParts(year: number, month: number, day: number): IsoDate {
  const y = year < 10 ? `000${year}` : year < 100 ? `00${year}` : year < 1000 ? `0${year}` : String(year);
  return `${y}-${pad2(month)}-${pad2(day)}`;
}

// Formatting is on the hot path of the benchmark, so the strings for 1900-2199 are cached.
const CACHE_FIRST = dayNumberFromParts(1900, 1, 1);
const CACHE_LAST = dayNumberFromParts(2199, 12, 31);
const isoCache: (IsoDate | undefined)[] = new Array(CACHE_LAST - CACHE_FIRST + 1);

/** `YYYY-MM-DD` for a day number. */
export function fromDayNumber(dayNumber: DayNumber): IsoDate {
  if (dayNumber >= CACHE_FIRST && dayNumber <= CACHE_LAST) {
    const cached = isoCache[dayNumber - CACHE_FIRST];
    if (cached !== undefined) return cached;
    const { year, month, day } = partsFromDayNumber(dayNumber);
    const text = formatParts(year, month, day);
    isoCache[dayNumber - CACHE_FIRST] = text;
    return text;
  }
  const { year, month, day } = partsFromDayNumber(dayNumber);
  return formatParts(year, month, day);
}

export function isoFromParts(year: number, month: number, day: number): IsoDate {
  return fromDayNumber(dayNumberFromParts(year, month, day));
}

export function addDays(iso: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(iso) + days);
}

/** Adds calendar months to a day number; a day past the end of the target month becomes its last day. */
export function addMonthsToDayNumber(dayNumber: DayNumber, months: number): DayNumber {
  // civil_from_days inline: this runs for every annual review, so no object is built.
  const z = dayNumber + 719468;
  const era = (z / 146097) | 0;
  const doe = z - era * 146097;
  const yoe = ((doe - ((doe / 1460) | 0) + ((doe / 36524) | 0) - ((doe / 146096) | 0)) / 365) | 0;
  const doy = doe - (365 * yoe + ((yoe / 4) | 0) - ((yoe / 100) | 0));
  const mp = ((5 * doy + 2) / 153) | 0;
  const day = doy - (((153 * mp + 2) / 5) | 0) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = index - targetYear * 12 + 1;
  const lastDay = daysInMonth(targetYear, targetMonth);
  return dayNumberFromParts(targetYear, targetMonth, Math.min(day, lastDay));
}

/** Adds calendar months, clamped to the month's last day: 31 Jan + 1 month = 28 or 29 Feb. */
export function addMonths(iso: IsoDate, months: number): IsoDate {
  return fromDayNumber(addMonthsToDayNumber(toDayNumber(iso), months));
}

/** ISO weekday of a day number: Monday 1 to Sunday 7. 1970-01-01 was a Thursday. */
export function weekdayOfDayNumber(dayNumber: DayNumber): number {
  return ((((dayNumber + 3) % 7) + 7) % 7) + 1;
}

/** ISO weekday: Monday 1 to Sunday 7. */
export function isoWeekday(iso: IsoDate): number {
  return weekdayOfDayNumber(toDayNumber(iso));
}

export function isWeekend(iso: IsoDate): boolean {
  return isoWeekday(iso) >= 6;
}

export function weekdayName(iso: IsoDate): string {
  return WEEKDAY_NAMES[isoWeekday(iso) - 1] ?? "";
}

/** -1, 0 or 1; `YYYY-MM-DD` strings also sort correctly as text, this says so explicitly. */
export function compareDates(a: IsoDate, b: IsoDate): number {
  const d = toDayNumber(a) - toDayNumber(b);
  return d < 0 ? -1 : d > 0 ? 1 : 0;
}

/** Days from `from` to `to`: positive when `to` is later. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

export function laterOf(a: IsoDate, b: IsoDate): IsoDate {
  return compareDates(a, b) >= 0 ? a : b;
}

export function earlierOf(a: IsoDate, b: IsoDate): IsoDate {
  return compareDates(a, b) <= 0 ? a : b;
}

/** For people: "9 March 2026". */
export function formatDate(iso: IsoDate): string {
  const { year, month, day } = partsFromDayNumber(toDayNumber(iso));
  return `${day} ${MONTH_NAMES[month - 1]} ${year}`;
}

/** For people: "Monday 9 March 2026". */
export function formatDateWithWeekday(iso: IsoDate): string {
  return `${weekdayName(iso)} ${formatDate(iso)}`;
}
