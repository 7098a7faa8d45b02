// The period a reader asks for, from the query string: a calendar year (`year=2024`), a month
// (`month=2025-03`), a quarter (`quarter=2025-Q1`), a school year (`schoolYear=2024`) or a range
// (`from=2024-04-01&to=2025-03-31`). Each gives the period and the months its chart shows.
import { NEED_CODES, SETTING_TYPES } from "../../domain/cases/types.ts";
import { formatDate, isIsoDate } from "../../domain/dates.ts";
import { academicYearPeriod, monthPeriod, type Period, quarterPeriod, yearPeriod } from "../../domain/measures/registry.ts";
import { InvalidInput } from "../../platform/errors.ts";

export interface AskedPeriod {
  period: Period;
  /** The months the chart shows: the period's, or the 12 months to the end of a month or quarter. */
  seriesPeriod: Period;
}

const one = (v: unknown) => (typeof v === "string" ? v.trim() : undefined);

export function parsePeriod(query: Record<string, unknown>, defaultYear: number): AskedPeriod {
  const year = one(query.year);
  const month = one(query.month);
  const quarter = one(query.quarter);
  const schoolYear = one(query.schoolYear);
  const from = one(query.from);
  const to = one(query.to);
  const twelveMonthsTo = (p: Period): Period => {
    const y = Number(p.to.slice(0, 4));
    const m = Number(p.to.slice(5, 7));
    const start = m === 12 ? monthPeriod(y, 1) : monthPeriod(y - 1, m + 1);
    return { from: start.from, to: p.to, label: `12 months to ${p.label}` };
  };
  if (from || to) {
    const problems = [];
    if (!from || !isIsoDate(from)) problems.push({ field: "from", message: "Enter the first day as a real date, like 2024-04-01" });
    if (!to || !isIsoDate(to)) problems.push({ field: "to", message: "Enter the last day as a real date, like 2025-03-31" });
    if (problems.length) throw new InvalidInput(problems);
    if ((from as string) > (to as string)) throw new InvalidInput([{ field: "to", message: "The last day must be on or after the first day" }]);
    // A whole calendar year asked for by its dates is that year (and has England's figures).
    const whole = yearPeriod(Number((from as string).slice(0, 4)));
    const period =
      whole.from === from && whole.to === to
        ? whole
        : { from: from as string, to: to as string, label: `${formatDate(from as string)} to ${formatDate(to as string)}` };
    return { period, seriesPeriod: period };
  }
  if (month !== undefined) {
    const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
    if (!m) throw new InvalidInput([{ field: "month", message: "Enter a month like 2025-03" }]);
    const period = monthPeriod(Number(m[1]), Number(m[2]));
    return { period, seriesPeriod: twelveMonthsTo(period) };
  }
  if (quarter !== undefined) {
    const q = /^(\d{4})-Q([1-4])$/i.exec(quarter);
    if (!q) throw new InvalidInput([{ field: "quarter", message: "Enter a quarter like 2025-Q1" }]);
    const period = quarterPeriod(Number(q[1]), Number(q[2]));
    return { period, seriesPeriod: twelveMonthsTo(period) };
  }
  if (schoolYear !== undefined) {
    if (!/^\d{4}$/.test(schoolYear)) throw new InvalidInput([{ field: "schoolYear", message: "Enter the year the school year starts, like 2024" }]);
    const period = academicYearPeriod(Number(schoolYear));
    return { period, seriesPeriod: period };
  }
  const asked = year ?? String(defaultYear);
  if (!/^\d{4}$/.test(asked)) throw new InvalidInput([{ field: "year", message: `"${asked}" is not a year like 2025` }]);
  const period = yearPeriod(Number(asked));
  return { period, seriesPeriod: period };
}

/** The children a reader narrows the measures to (SPEC C2): by caseworker, need, setting, year group, out of authority. */
export interface AskedFilter {
  caseworkerId?: string;
  primaryNeed?: string;
  settingType?: string;
  /** 0 is Reception; -1 any year group before it; 14 any after Year 13. */
  yearGroup?: number;
  /** Placed outside the council's area (yes) or inside it (no) on the day counted. */
  outOfAuthority?: boolean;
}

/** The filter from the query string; an empty field is no filter, a forged value a clear problem. */
export function parseFilter(query: Record<string, unknown>): AskedFilter {
  const filter: AskedFilter = {};
  const problems: { field: string; message: string }[] = [];
  const caseworker = one(query.caseworker);
  if (caseworker) filter.caseworkerId = caseworker;
  const need = one(query.primaryNeed);
  if (need) {
    if ((NEED_CODES as readonly string[]).includes(need)) filter.primaryNeed = need;
    else problems.push({ field: "primaryNeed", message: "Select a primary need from the list" });
  }
  const setting = one(query.settingType);
  if (setting) {
    if ((SETTING_TYPES as readonly string[]).includes(setting)) filter.settingType = setting;
    else problems.push({ field: "settingType", message: "Select a type of setting from the list" });
  }
  const year = one(query.yearGroup);
  if (year) {
    if (/^(-1|[0-9]|1[0-4])$/.test(year)) filter.yearGroup = Number(year);
    else problems.push({ field: "yearGroup", message: "Select a year group from the list" });
  }
  const away = one(query.outOfAuthority);
  if (away) {
    if (away === "yes" || away === "no") filter.outOfAuthority = away === "yes";
    else problems.push({ field: "outOfAuthority", message: "Select out of authority, in the area, or all placements" });
  }
  if (problems.length) throw new InvalidInput(problems);
  return filter;
}

/** The filter as query-string pairs, to carry it from one form or link to the next. */
export function filterQuery(filter: AskedFilter): Record<string, string> {
  const out: Record<string, string> = {};
  if (filter.caseworkerId) out.caseworker = filter.caseworkerId;
  if (filter.primaryNeed) out.primaryNeed = filter.primaryNeed;
  if (filter.settingType) out.settingType = filter.settingType;
  if (filter.yearGroup !== undefined) out.yearGroup = String(filter.yearGroup);
  if (filter.outOfAuthority !== undefined) out.outOfAuthority = filter.outOfAuthority ? "yes" : "no";
  return out;
}
