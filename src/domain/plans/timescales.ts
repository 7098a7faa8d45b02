// Reads the timescales councils write in plan tables ("Feb", "March 2022", "Autumn 2023",
// "Q3 2022/23", "Jan/Feb", "TBC") into a due date with its precision (SPEC A3). The due date is
// the LAST day of the period named, so an action due "Feb 2022" is not late until 1 March 2022.
//
// Rules (each chosen so a flag is never raised early and nothing is guessed silently):
// - Dates are UK day-first: 01/03/2022 is 1 March. "2022-03-31" is ISO. Two-digit years are 20xx.
// - "Oct 19" is October 2019: UK writing puts a day before the month ("19 Oct"), and Thurrock's
//   WSOA uses "Oct 19" for October 2019. As "Jan 31" could still be an American 31 January, a
//   month with a two-digit year is read so only within 5 years of the plan's start, and says so.
// - No year ("Feb", "Autumn term"): the first such period that ends on or after the plan's start.
//   A plan starting 13 January 2022 reads "Jan" as January 2022 and "Aug" as August 2022; a plan
//   starting in September 2021 reads "Jan" as January 2022. The result says so in `assumption`.
// - Quarters: "Q3 2022/23" is a financial-year quarter (Q1 = April to June), so Q3 2022/23 ends
//   31 December 2022; "Q2 2023" is a calendar quarter (ends 30 June 2023). "Q3" alone is refused:
//   it could be either.
// - Terms (school year): autumn 1 September to 31 December, spring 1 January to 31 March,
//   summer 1 April to 31 August. Real term dates vary by council and by Easter; these fixed ends
//   never come before the real ones by more than a few days and leave no gaps.
// - Seasons (Met Office): spring March to May, summer June to August, autumn September to November,
//   winter December to February. "Winter 2023" is refused (which winter?): write "Winter 2023/24".
// - "2022/23" is the financial year (ends 31 March 2023), as council plans and budgets use it;
//   "academic year 2022/23" ends 31 August 2023. "2022" alone ends 31 December 2022.
// - A range ("Jan/Feb", "Sep 2019 / Nov 2019", "April/July") is due at the end of its latest
//   part, with that part's precision. A part without a year takes it from its neighbours.
// - "Feb onwards", "wef Jan 2022", "by March 2022": the period named.
// - "TBC", "to be confirmed", "Ongoing", "business as usual", and repeating actions ("quarterly
//   wef Jan 2022", "6 times a year"): precision "tbc", no date. They have no end date, so they are
//   treated as to be confirmed (and flagged as such), and the result says so.
// - Anything else is refused with a message naming the text: never a guess presented as a date.

import { type DayNumber, dayNumberFromParts, daysInMonth, formatDate, fromDayNumber, type IsoDate, parseIsoDate, yearOfDayNumber } from "../dates.ts";
import type { DueDate, DuePrecision } from "./types.ts";

export interface TimescaleContext {
  /** The plan's start (or approval) date: gives a year to timescales written without one. */
  planStart: IsoDate;
}

export type TimescaleResult =
  | {
      ok: true;
      due: DueDate;
      /** Set when part of the date was inferred (a year from the plan's start, "Ongoing" as TBC): show it to the person importing. */
      assumption?: string;
    }
  | { ok: false; message: string };

const FIRST_YEAR = 1900;
const LAST_YEAR = 2199;
const MAX_LENGTH = 200;

const MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const MONTHS: Record<string, number> = {
  jan: 1,
  january: 1,
  feb: 2,
  febr: 2,
  february: 2,
  mar: 3,
  march: 3,
  apr: 4,
  april: 4,
  may: 5,
  jun: 6,
  june: 6,
  jul: 7,
  july: 7,
  aug: 8,
  august: 8,
  sep: 9,
  sept: 9,
  september: 9,
  oct: 10,
  october: 10,
  nov: 11,
  november: 11,
  dec: 12,
  december: 12,
};

type DatedPrecision = Exclude<DuePrecision, "tbc">;

/** A period with known start and end. */
interface Period {
  precision: DatedPrecision;
  start: DayNumber;
  end: DayNumber;
  /** For people: "February 2022", "the autumn term 2023". */
  label: string;
  /** Written as a month and a two-digit year ("Oct 19"), which could also be a day. */
  twoDigitYear?: boolean;
}

/** A part of a timescale: a period with its year, or one still needing a year (given the year it starts in). */
type Part = { fixed: Period } | { floating: (year: number) => Period | undefined };

/** A specific reason the text was refused ("not a real date"), rather than "not understood". */
class Refusal {
  constructor(readonly message: string) {}
}

const TBC =
  /^(?:(?:the )?(?:dates?|timescales?|timelines?|deadline) )?(?:tbc|tba|tbd|tbf|to be (?:confirmed|agreed|arranged|determined|decided|finalised|finalized|set|scheduled))$/;
const ONGOING = /^(?:ongoing|on-going|on going|continuous|continual|business as usual|bau)$/;
// "quarterly wef Jan 2022", "6 times a year": repeats, with no end date.
const RECURRING =
  /^(?:weekly|fortnightly|monthly|quarterly|termly|half-yearly|six-monthly|bi-annually|biannually|annually|yearly|twice a year|\d{1,2} times (?:a|per) year|every (?:month|quarter|term|year))(?: (.+))?$/;
const PREFIX =
  /^(?:by the end of|by end of|by the end|by end|by|the end of|end of|end|later in|during|w\.?e\.?f\.?|with effect from|starting from|starting in|starting|commencing|from|due|deadline|in)\s+/;
const SUFFIX = /\s+(?:and onwards|onwards|onward)$/;
// Separators that split a range when written with spaces, or that never occur inside one part.
const SPACED_SEPARATOR = /\s*(?:,|;|&|\bto\b|\band\b|\buntil\b|\btill\b|\bthrough\b)\s*|\s+[/\-–—]\s+/;
// Only next to a letter, so "2022/23 Sept" is not cut into "2022" and "23 Sept".
const TIGHT_SEPARATOR = /(?<=[a-z])[/\-–—]|[/\-–—](?=[a-z])/;
/** How far from the plan's start a two-digit year after a month may be ("Oct 19"). */
const TWO_DIGIT_WINDOW = 5;

/** Reads one timescale as a council wrote it. Never throws. */
export function parseTimescale(text: string, context: TimescaleContext): TimescaleResult {
  if (typeof text !== "string") return { ok: false, message: "Enter a timescale: a date, a month (Feb 2022), a quarter, a term or TBC" };
  const written = text.trim();
  if (written === "") return { ok: false, message: "Enter a timescale: a date, a month (Feb 2022), a quarter, a term or TBC" };
  if (written.length > MAX_LENGTH) return { ok: false, message: `${quote(written)} is too long for a timescale: write a date, a month or TBC` };

  const normal = normalise(written);
  if (TBC.test(normal)) return { ok: true, due: { precision: "tbc", date: null, text: written } };
  if (ONGOING.test(normal))
    return {
      ok: true,
      due: { precision: "tbc", date: null, text: written },
      assumption: `${quote(written)} has no end date, so it is treated as to be confirmed`,
    };

  const recurring = RECURRING.exec(normal);
  if (recurring) {
    // The start ("wef Jan 2022") must still be a date we can read; the action itself has no end.
    const start = recurring[1] === undefined ? undefined : readParts(recurring[1]);
    if (start instanceof Refusal) return { ok: false, message: start.message.replace("{text}", quote(written)) };
    if (recurring[1] !== undefined && start === undefined) return { ok: false, message: notUnderstood(written) };
    return {
      ok: true,
      due: { precision: "tbc", date: null, text: written },
      assumption: `${quote(written)} repeats with no end date, so it is treated as to be confirmed`,
    };
  }

  const parts = readParts(normal);
  if (parts instanceof Refusal) return { ok: false, message: parts.message.replace("{text}", quote(written)) };
  if (parts === undefined || parts.length === 0) return { ok: false, message: notUnderstood(written) };

  const resolved = resolve(parts, context.planStart);
  if (resolved instanceof Refusal) return { ok: false, message: resolved.message.replace("{text}", quote(written)) };
  const latest = resolved.periods.reduce((a, b) => (b.end > a.end ? b : a));
  const year = yearOfDayNumber(latest.end);
  if (!inRange(year)) return { ok: false, message: OUT_OF_RANGE.replace("{text}", quote(written)) };
  const due: DueDate = { precision: latest.precision, date: fromDayNumber(latest.end), text: written };

  const assumptions: string[] = [];
  // "Oct 19" is October 2019 in UK writing, but "Jan 31" might be an American 31 January: a
  // two-digit year after a month is read as a year only near the plan's start.
  const twoDigit = resolved.periods.find((p) => p.twoDigitYear);
  if (twoDigit) {
    const start = parseIsoDate(typeof context.planStart === "string" ? context.planStart : "");
    const distance = start === undefined ? Number.POSITIVE_INFINITY : Math.abs(yearOfDayNumber(twoDigit.end) - yearOfDayNumber(start));
    if (distance > TWO_DIGIT_WINDOW) {
      return {
        ok: false,
        message: `${quote(written)} could be a day or a two-digit year: write the day with the month and year (31 Jan 2022) or the year in full (${twoDigit.label})`,
      };
    }
    assumptions.push(`${quote(written)} is taken as ${twoDigit.label} (a two-digit year)`);
  }
  if (resolved.yearFromPlanStart) {
    assumptions.push(
      `No year given: ${quote(written)} is taken as ${latest.label}, the first that ends on or after the plan's start (${formatDate(context.planStart)})`,
    );
  }
  return assumptions.length === 0 ? { ok: true, due } : { ok: true, due, assumption: assumptions.join("; ") };
}

function quote(text: string): string {
  return `'${text.length > 60 ? `${text.slice(0, 60)}…` : text}'`;
}

function notUnderstood(text: string): string {
  return `${quote(text)} is not a date or month. Write a date (31/03/2022), a month (Feb 2022), a quarter (Q3 2022/23), a term (Autumn term 2023), a financial year (2022/23) or TBC`;
}

// Refusal messages name the text as written through this placeholder.
const OUT_OF_RANGE = `{text} is outside the years this system handles (${FIRST_YEAR} to ${LAST_YEAR})`;

function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/\s+/g, " ")
    .replace(/([a-z])\.(?= |$)/g, "$1") // "Dec. 2019", "Sept."
    .replace(/[.\s]+$/, "")
    .trim();
}

function stripWords(text: string): string {
  let current = text;
  for (;;) {
    const next = current.replace(PREFIX, "").replace(SUFFIX, "").trim();
    if (next === current) return current;
    current = next;
  }
}

/** The parts of a whole timescale: one, or several for a range. */
function readParts(text: string): Part[] | Refusal | undefined {
  const whole = readPart(text);
  if (whole !== undefined) return whole instanceof Refusal ? whole : [whole];
  const parts: Part[] = [];
  for (const piece of stripWords(text).split(SPACED_SEPARATOR)) {
    if (piece === undefined || piece.trim() === "") return undefined;
    const one = readPart(piece.trim());
    if (one instanceof Refusal) return one;
    if (one !== undefined) {
      parts.push(one);
      continue;
    }
    // "Jan/Feb", "April/July", "Jan-Feb 2022": a range written without spaces.
    for (const bit of piece.trim().split(TIGHT_SEPARATOR)) {
      const small = readPart(bit.trim());
      if (small === undefined || small instanceof Refusal) return small;
      parts.push(small);
    }
  }
  return parts;
}

/** One period, or a refusal with a reason, or undefined when the text is not understood. */
function readPart(raw: string): Part | Refusal | undefined {
  const text = stripWords(raw);
  if (text === "") return undefined;
  return readDay(text) ?? readMonth(text) ?? readQuarter(text) ?? readTermOrSeason(text) ?? readYear(text);
}

function yearOf(digits: string): number {
  const clean = digits.replace("'", "");
  return clean.length === 2 ? 2000 + Number(clean) : Number(clean);
}

function inRange(year: number): boolean {
  return year >= FIRST_YEAR && year <= LAST_YEAR;
}

function dayPeriod(year: number, month: number, day: number): Period {
  const n = dayNumberFromParts(year, month, day);
  return { precision: "day", start: n, end: n, label: formatDate(fromDayNumber(n)) };
}

function checkedDay(year: number, month: number, day: number): Part | Refusal {
  if (!inRange(year)) return new Refusal(OUT_OF_RANGE);
  if (month < 1 || month > 12) return new Refusal(`{text} is not a real date: there is no month ${month}`);
  const last = daysInMonth(year, month);
  if (day < 1 || day > last) return new Refusal(`{text} is not a real date: ${MONTH_NAMES[month - 1]} ${year} has ${last} days`);
  return { fixed: dayPeriod(year, month, day) };
}

function readDay(text: string): Part | Refusal | undefined {
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (m) return checkedDay(Number(m[1]), Number(m[2]), Number(m[3]));
  // UK order: day, month, year.
  m = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})$/.exec(text);
  if (m) return checkedDay(yearOf(m[4] ?? ""), Number(m[3]), Number(m[1]));
  m = /^(\d{1,2})(?:st|nd|rd|th)?(?: of)?[ -]([a-z]+)(?:,?[ -](\d{4}|'?\d{2}))?$/.exec(text);
  if (m) {
    const month = MONTHS[m[2] ?? ""];
    if (month === undefined) return undefined;
    const day = Number(m[1]);
    if (m[3] !== undefined) return checkedDay(yearOf(m[3]), month, day);
    if (day < 1 || day > daysInMonth(2000, month)) return new Refusal(`{text} is not a real date: ${MONTH_NAMES[month - 1]} has no day ${day}`);
    // Without a year, 29 February could be years away: ask rather than guess.
    if (month === 2 && day === 29) return new Refusal("{text} needs a year: 29 February is only in leap years");
    return { floating: (year) => dayPeriod(year, month, day) };
  }
  return undefined;
}

function monthPeriod(year: number, month: number): Period {
  return {
    precision: "month",
    start: dayNumberFromParts(year, month, 1),
    end: dayNumberFromParts(year, month, daysInMonth(year, month)),
    label: `${MONTH_NAMES[month - 1]} ${year}`,
  };
}

function readMonth(text: string): Part | Refusal | undefined {
  // "Feb", "Feb 2022", "Oct 19", and the spreadsheet forms "Jan-22", "Jan/2022", "01/2022".
  const numeric = /^(\d{1,2})\/(\d{4})$/.exec(text);
  if (numeric) {
    const month = Number(numeric[1]);
    const year = Number(numeric[2]);
    if (month < 1 || month > 12) return new Refusal(`{text} is not a real month: there is no month ${month}`);
    if (!inRange(year)) return new Refusal(OUT_OF_RANGE);
    return { fixed: monthPeriod(year, month) };
  }
  const m = /^([a-z]+)(?:(?:,? |[/-])(\d{4}|'?\d{2}))?$/.exec(text);
  if (!m) return undefined;
  const month = MONTHS[m[1] ?? ""];
  if (month === undefined) return undefined;
  if (m[2] === undefined) return { floating: (year) => monthPeriod(year, month) };
  const year = yearOf(m[2]);
  if (!inRange(year)) return new Refusal(OUT_OF_RANGE);
  // "Oct '19" says it is a year; "Oct 19" is checked against the plan's start.
  return { fixed: m[2].length === 2 ? { ...monthPeriod(year, month), twoDigitYear: true } : monthPeriod(year, month) };
}

/** "2022/23", "22/23", "2022-23", "2022/2023": the first year, or a refusal when the years are not consecutive. */
function splitYear(text: string): number | Refusal | undefined {
  const m = /^(\d{4}|\d{2})[/-](\d{4}|\d{2})$/.exec(text);
  if (!m) return undefined;
  const first = yearOf(m[1] ?? "");
  const second = m[2] ?? "";
  const expected = second.length === 2 ? (first + 1) % 100 : first + 1;
  if (Number(second) !== expected || !inRange(first + 1))
    return new Refusal(`{text} is not two years in a row: write ${first}/${String((first + 1) % 100).padStart(2, "0")} for ${first} to ${first + 1}`);
  return first;
}

function readQuarter(text: string): Part | Refusal | undefined {
  // "Q3 2022/23", "Quarter 3 FY22/23", "2022/23 Q3", "Q2 2023".
  let quarterText: string | undefined;
  let yearText: string | undefined;
  const before = /^(?:q|quarter ?)(\d)(?: (?:fy ?)?(\S+))?$/.exec(text);
  const after = /^(?:fy ?)?(\S+) (?:q|quarter ?)(\d)$/.exec(text);
  if (before) [, quarterText, yearText] = before;
  else if (after) [, yearText, quarterText] = after;
  else return undefined;
  const quarter = Number(quarterText);
  if (quarter < 1 || quarter > 4) return new Refusal(`{text} is not a quarter: quarters are Q1 to Q4`);
  if (yearText === undefined)
    return new Refusal(
      `{text} does not say which year: write Q${quarter} 2022/23 for a financial-year quarter or Q${quarter} 2022 for a calendar quarter`,
    );
  const financial = splitYear(yearText);
  if (financial instanceof Refusal) return financial;
  if (financial !== undefined) {
    // Financial year: Q1 is April to June of the first year; Q4 is January to March of the second.
    const startMonth = quarter === 4 ? 1 : quarter * 3 + 1;
    const year = quarter === 4 ? financial + 1 : financial;
    return { fixed: quarterPeriod(year, startMonth, `Q${quarter} ${financial}/${String((financial + 1) % 100).padStart(2, "0")}`) };
  }
  if (!/^\d{4}$/.test(yearText)) return undefined;
  const year = Number(yearText);
  if (!inRange(year)) return new Refusal(OUT_OF_RANGE);
  return { fixed: quarterPeriod(year, (quarter - 1) * 3 + 1, `Q${quarter} ${year}`) };
}

function quarterPeriod(year: number, startMonth: number, name: string): Period {
  const endMonth = startMonth + 2;
  return {
    precision: "quarter",
    start: dayNumberFromParts(year, startMonth, 1),
    end: dayNumberFromParts(year, endMonth, daysInMonth(year, endMonth)),
    label: `${name} (${MONTH_NAMES[startMonth - 1]} to ${MONTH_NAMES[endMonth - 1]} ${year})`,
  };
}

// [first month, last month] and whether the period starts in the first year of an academic "2023/24".
const TERMS: Record<string, { from: number; to: number; firstYear: boolean }> = {
  autumn: { from: 9, to: 12, firstYear: true },
  spring: { from: 1, to: 3, firstYear: false },
  summer: { from: 4, to: 8, firstYear: false },
};
const SEASONS: Record<string, { from: number; to: number; firstYear: boolean }> = {
  spring: { from: 3, to: 5, firstYear: false },
  summer: { from: 6, to: 8, firstYear: false },
  autumn: { from: 9, to: 11, firstYear: true },
  fall: { from: 9, to: 11, firstYear: true },
  winter: { from: 12, to: 2, firstYear: true },
};

function termOrSeasonPeriod(kind: "term" | "season", name: string, year: number): Period | undefined {
  const spec = kind === "term" ? TERMS[name] : SEASONS[name];
  if (!spec) return undefined;
  const endYear = spec.to < spec.from ? year + 1 : year; // winter runs into the next year
  const label =
    kind === "term"
      ? `the ${name} term ${year} (to ${formatDate(isoLastDay(endYear, spec.to))})`
      : `${name} ${spec.to < spec.from ? `${year}/${String((year + 1) % 100).padStart(2, "0")}` : year} (to ${formatDate(isoLastDay(endYear, spec.to))})`;
  return {
    precision: kind,
    start: dayNumberFromParts(year, spec.from, 1),
    end: dayNumberFromParts(endYear, spec.to, daysInMonth(endYear, spec.to)),
    label,
  };
}

function isoLastDay(year: number, month: number): IsoDate {
  return fromDayNumber(dayNumberFromParts(year, month, daysInMonth(year, month)));
}

function readTermOrSeason(text: string): Part | Refusal | undefined {
  const m = /^(autumn|spring|summer|winter|fall)( term)?(?: (.+))?$/.exec(text);
  if (!m) return undefined;
  const name = m[1] ?? "";
  const kind = m[2] ? "term" : "season";
  const spec = kind === "term" ? TERMS[name] : SEASONS[name];
  if (!spec) return undefined; // no winter term in England
  const yearText = m[3];
  if (yearText === undefined) return { floating: (year) => termOrSeasonPeriod(kind, name, year) };
  const academic = splitYear(yearText);
  if (academic instanceof Refusal) return academic;
  let year: number;
  if (academic !== undefined) year = spec.firstYear ? academic : academic + 1;
  else if (/^\d{4}$/.test(yearText)) {
    if (kind === "season" && name === "winter")
      return new Refusal(
        `{text} could mean the winter starting in December ${Number(yearText) - 1} or in December ${yearText}: write Winter ${Number(yearText) - 1}/${yearText.slice(2)} or Winter ${yearText}/${String((Number(yearText) + 1) % 100).padStart(2, "0")}`,
      );
    year = Number(yearText);
  } else return undefined;
  if (!inRange(year) || !inRange(year + 1)) return new Refusal(OUT_OF_RANGE);
  const period = termOrSeasonPeriod(kind, name, year);
  return period ? { fixed: period } : undefined;
}

function readYear(text: string): Part | Refusal | undefined {
  let m = /^(\d{4})$/.exec(text);
  if (m) {
    const year = Number(m[1]);
    if (!inRange(year)) return new Refusal(OUT_OF_RANGE);
    return { fixed: { precision: "year", start: dayNumberFromParts(year, 1, 1), end: dayNumberFromParts(year, 12, 31), label: String(year) } };
  }
  m = /^(academic year |ay ?)?(?:financial year |fy ?)?(\S+)$/.exec(text);
  if (!m) return undefined;
  const first = splitYear(m[2] ?? "");
  if (first === undefined || first instanceof Refusal) return first;
  const name = `${first}/${String((first + 1) % 100).padStart(2, "0")}`;
  if (m[1]) {
    // Academic year: 1 September to 31 August.
    return {
      fixed: {
        precision: "year",
        start: dayNumberFromParts(first, 9, 1),
        end: dayNumberFromParts(first + 1, 8, 31),
        label: `the academic year ${name}`,
      },
    };
  }
  // Financial year: 1 April to 31 March.
  return {
    fixed: {
      precision: "year",
      start: dayNumberFromParts(first, 4, 1),
      end: dayNumberFromParts(first + 1, 3, 31),
      label: `the financial year ${name}`,
    },
  };
}

/** Gives every part a year; periods in the order written. */
function resolve(parts: Part[], planStart: IsoDate): { periods: Period[]; yearFromPlanStart: boolean } | Refusal {
  const periods: (Period | undefined)[] = parts.map((p) => ("fixed" in p ? p.fixed : undefined));
  // A part before a dated one takes the latest year that keeps it no later ("Nov/Jan 2023" -> Nov 2022).
  for (let i = parts.length - 1; i >= 0; i--) {
    const part = parts[i];
    const next = periods[i + 1];
    if (part && "floating" in part && next) periods[i] = backward(part.floating, next.end);
  }
  // A part after a dated one takes the first year that ends no earlier ("Feb 2022/March" -> March 2022);
  // with no dated part at all, the chain starts at the plan's start.
  let yearFromPlanStart = false;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (!part || !("floating" in part) || periods[i]) continue;
    const previous = i > 0 ? periods[i - 1] : undefined;
    let anchor: DayNumber;
    if (previous) anchor = previous.end;
    else {
      const start = parseIsoDate(typeof planStart === "string" ? planStart : "");
      if (start === undefined) return new Refusal("{text} has no year, and the plan has no start date to take one from: add the year");
      anchor = start;
      yearFromPlanStart = true;
    }
    periods[i] = forward(part.floating, anchor);
  }
  const done = periods.filter((p): p is Period => p !== undefined);
  if (done.length !== parts.length) return new Refusal("{text} could not be given a year: add the year");
  return { periods: done, yearFromPlanStart };
}

function forward(floating: (year: number) => Period | undefined, anchor: DayNumber): Period | undefined {
  const base = yearOfDayNumber(anchor);
  for (let year = base - 1; year <= base + 8; year++) {
    const period = floating(year);
    if (period && period.end >= anchor) return period;
  }
  return undefined;
}

function backward(floating: (year: number) => Period | undefined, limit: DayNumber): Period | undefined {
  const base = yearOfDayNumber(limit);
  for (let year = base + 1; year >= base - 8; year--) {
    const period = floating(year);
    if (period && period.end <= limit) return period;
  }
  return undefined;
}
