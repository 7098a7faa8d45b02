// The measure registry (SPEC C1), its first part: a council's SEN2 figures for a calendar year of
// activity, worked out from its casework with the statutory clock, so they reconcile with the
// return (DfE SEN2 person-level return) and sit beside England's published figures. One definition per measure;
// dashboards, plans and the return are to use these, never a copy.

import type { WorkingDayCalendar } from "../bank-holidays.ts";
import type { CaseRecord } from "../cases/types.ts";
import type { IsoDate } from "../dates.ts";
import type { Closure } from "../statutory/input.ts";
import { englandFor } from "./england.ts";
import {
  censusDay,
  censusDayOnOrBefore,
  type Figure,
  factsOf,
  figuresFor,
  type Period,
  REGISTRY,
  REGISTRY_IDS,
  type RegistryDefinition,
  type RegistryId,
  yearPeriod,
} from "./registry.ts";

export { censusDay };
export const MEASURE_IDS = REGISTRY_IDS;
export type MeasureId = RegistryId;
export type MeasureDefinition = RegistryDefinition;
export const MEASURES: Readonly<Record<MeasureId, MeasureDefinition>> = REGISTRY;

export interface MeasureValue extends Figure {
  /** England's published figure for the same calendar year, where there is one. */
  england: number | null;
  /** Filtered to too few children: value, numerator and denominator withheld (suppression.ts). */
  withheld?: true;
}

export interface YearMeasures {
  year: number;
  censusDay: IsoDate;
  values: MeasureValue[];
}

export interface PeriodMeasures {
  period: Period;
  censusDay: IsoDate;
  values: MeasureValue[];
}

const percent = (numerator: number, denominator: number) => (denominator ? Math.round((1000 * numerator) / denominator) / 10 : null);

/**
 * England's published figure for a measure and a calendar year (DfE "Education, health and care
 * plans"); null where the DfE publishes none, or for a period that is not a calendar year.
 */
export function englandFigure(id: MeasureId, year: number): number | null {
  const england = englandFor(year);
  if (!england) return null;
  switch (id) {
    case "plansOnCensusDay":
      return england.plansInJanuary;
    case "requests":
      return england.requests;
    case "refusalRate":
      return england.requests && england.refusedToAssess !== null ? percent(england.refusedToAssess, england.requests) : null;
    case "newPlans":
      return england.newPlans;
    case "within20WeeksInclExceptions":
      return england.within20WeeksInclExceptionsPct;
    case "within20WeeksExclExceptions":
      return england.within20WeeksExclExceptionsPct;
    default:
      return null;
  }
}

/** Whether a period is exactly one calendar year: the only periods England publishes. */
export function calendarYearOf(period: Period): number | null {
  const year = Number(period.from.slice(0, 4));
  return period.from === `${year}-01-01` && period.to === `${year}-12-31` ? year : null;
}

/** The council's figures for any period, from every case record it holds, England's beside them for a calendar year. */
export function measuresForPeriod(
  records: readonly CaseRecord[],
  period: Period,
  options: { closures?: readonly Closure[]; calendar?: WorkingDayCalendar; today?: IsoDate } = {},
): PeriodMeasures {
  const facts = factsOf(records, { ...options, today: options.today ?? "9999-12-31" });
  const year = calendarYearOf(period);
  return {
    period,
    censusDay: censusDayOnOrBefore(period.to),
    values: figuresFor(records, facts, period).map((f) => ({ ...f, england: year === null ? null : englandFigure(f.id, year) })),
  };
}

/** The council's figures for a calendar year of activity, from every case record it holds. */
export function measuresForYear(
  records: readonly CaseRecord[],
  year: number,
  options: { closures?: readonly Closure[]; calendar?: WorkingDayCalendar; today?: IsoDate } = {},
): YearMeasures {
  const { values } = measuresForPeriod(records, yearPeriod(year), options);
  return { year, censusDay: censusDay(year), values };
}
