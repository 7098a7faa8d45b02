// The council's measures (SPEC C1, C2), worked out from its casework with the registry of
// src/domain/measures, for any period and month by month. Figures for every reader; the cases
// behind a figure only for those who may see children (readCases), and each look is audited.
import type { Kysely } from "kysely";
import type { CaseRecord } from "../../domain/cases/types.ts";
import { childName } from "../../domain/cases/worklists.ts";
import { earlierOf, laterOf } from "../../domain/dates.ts";
import { ENGLAND } from "../../domain/measures/england.ts";
import { breakdownsFromCounts, figuresFromCounts, inFilter, measureRowsOf, NO_SPANS, type SpanCounts } from "../../domain/measures/facts.ts";
import { englandFigure, type MeasureValue, measuresForYear, type YearMeasures } from "../../domain/measures/measures.ts";
import {
  type Breakdown,
  casesBehind,
  censusDayOnOrBefore,
  type Fact,
  type Figure,
  factsOf,
  monthsOf,
  type Period,
  REGISTRY,
  type RegistryId,
  type RegistryOptions,
} from "../../domain/measures/registry.ts";
import { isSmall, withholdSmall, withholdSmallRows } from "../../domain/measures/suppression.ts";
import { can } from "../../domain/roles.ts";
import type { DB } from "../../platform/db-types.ts";
import { InvalidInput, NotAllowed } from "../../platform/errors.ts";
import { type Actor, changeAs, readAs, type Trx } from "../../platform/transaction.ts";
import { listCaseworkers } from "../cases/cases.repository.ts";
import { listSchoolClosures } from "../deadlines/deadlines.repository.ts";
import {
  countMeasures,
  type FlowCount,
  isCaseworker,
  listCaseRecords,
  type MeasureFilter,
  replaceMeasureRows,
  type SpanChange,
} from "./measures.repository.ts";

/** The first year England's figures are held for; earlier years have nothing to compare with. */
export const FIRST_YEAR = ENGLAND[0]?.year ?? 2016;

/** The latest calendar year whose England figures include the 20-week percentage. */
export const LATEST_ENGLAND_YEAR = Math.max(...ENGLAND.filter((e) => e.within20WeeksInclExceptionsPct !== null).map((e) => e.year));

export interface PeriodReport {
  period: Period;
  censusDay: string;
  values: MeasureValue[];
  /** Month by month, with England's figure for each month's calendar year beside it. */
  series: { period: Period; values: MeasureValue[] }[];
  breakdowns: Breakdown[];
}

export interface CaseBehindRow {
  caseId: string;
  childName: string;
  counted: boolean;
  date?: string;
  group?: string;
}

/**
 * Keeps the stored measure rows of these cases (issue 16) in step with their records, inside the
 * caller's transaction: casework calls it wherever it replaces the cases' worklists, so a change
 * and the figures it moves are saved together or not at all.
 */
export async function keepMeasureRows(
  trx: Trx,
  councilId: string,
  records: CaseRecord[],
  options: RegistryOptions,
  /** The cases were created in this transaction: there are no rows to replace. */
  fresh = false,
): Promise<void> {
  await replaceMeasureRows(
    trx,
    councilId,
    records.map((record) => ({ caseId: record.id, rows: measureRowsOf(record, options) })),
    { fresh },
  );
}

export class MeasuresService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly today: () => string,
  ) {}

  /** The years that can be asked for: from the first England figures to this year (so far). */
  years(): number[] {
    const last = Number(this.today().slice(0, 4));
    return Array.from({ length: last - FIRST_YEAR + 1 }, (_, i) => last - i);
  }

  async forYear(actor: Actor, roles: readonly string[] | "system", year: number): Promise<YearMeasures> {
    this.mayRead(roles);
    if (!this.years().includes(year)) {
      throw new InvalidInput([{ field: "year", message: `Choose a year from ${FIRST_YEAR} to ${this.years()[0]}` }]);
    }
    return readAs(this.db, actor, async (trx) => {
      const { records, closures } = await this.load(trx);
      return measuresForYear(records, year, { closures, today: this.today() });
    });
  }

  /**
   * Every registry measure for a period, month by month over `seriesPeriod` (default the period),
   * and the caseload breakdowns, narrowed by `filter`. Counted from the stored measure rows
   * (migrations 0023, 0028): one statement of grouped queries however long the series.
   */
  async forPeriod(
    actor: Actor,
    roles: readonly string[] | "system",
    period: Period,
    seriesPeriod: Period = period,
    filter: MeasureFilter = {},
  ): Promise<PeriodReport> {
    this.mayRead(roles);
    this.checkPeriod(period);
    return readAs(this.db, actor, async (trx) => {
      if (filter.caseworkerId !== undefined && !(await isCaseworker(trx, filter.caseworkerId))) {
        throw new InvalidInput([{ field: "caseworker", message: "Select a caseworker from the list" }]);
      }
      const months = monthsOf(seriesPeriod).map((m) => ({ ...m, from: laterOf(m.from, seriesPeriod.from), to: earlierOf(m.to, seriesPeriod.to) }));
      const census = censusDayOnOrBefore(period.to);
      const days = [...new Set([period.to, census, ...months.flatMap((m) => [m.to, censusDayOnOrBefore(m.to)])])].sort();
      // A period made of whole months of the series (a year, a month, a quarter) is their sum;
      // any other is counted on its own.
      const first = months.findIndex((m) => m.from === period.from);
      const last = months.findIndex((m) => m.to === period.to);
      const wholeMonths = first >= 0 && last >= first;
      const { seriesFlows, periodFlows, changes, caseload } = await countMeasures(
        trx,
        { monthStarts: months.map((m) => m.from), seriesLast: seriesPeriod.to, period: wholeMonths ? null : period, days, caseloadDay: period.to },
        filter,
      );
      const flows = wholeMonths
        ? seriesFlows.filter((r) => r.bucket >= first + 1 && r.bucket <= last + 1).map((r) => ({ ...r, bucket: 1 }))
        : (periodFlows ?? []);
      const onDay = spansByDay(days, changes);
      const flowsOf = (rows: FlowCount[], bucket: number) => {
        const out = new Map<string, { total: number; counted: number }>();
        for (const r of rows) {
          if (r.bucket !== bucket) continue;
          const e = out.get(r.measure) ?? { total: 0, counted: 0 };
          out.set(r.measure, { total: e.total + r.total, counted: e.counted + r.counted });
        }
        return out;
      };
      const figures = (rows: FlowCount[], bucket: number, p: Period) =>
        figuresFromCounts(flowsOf(rows, bucket), onDay.get(p.to) ?? NO_SPANS, onDay.get(censusDayOnOrBefore(p.to)) ?? NO_SPANS);
      const year =
        period.from === `${period.from.slice(0, 4)}-01-01` && period.to === `${period.from.slice(0, 4)}-12-31`
          ? Number(period.from.slice(0, 4))
          : null;
      // Narrowed by a filter, a figure of too few children is withheld (suppression.ts); the
      // whole council's never is.
      const filtered = Object.keys(filter).length > 0;
      const shown = <F extends Figure>(f: F) => (filtered ? withholdSmall(f) : f);
      const breakdowns = breakdownsFromCounts(
        caseload,
        flows.filter((r) => r.measure === "adviceWithin6Weeks" && r.service !== null).map((r) => ({ ...r, service: r.service as string })),
      );
      return {
        period,
        censusDay: census,
        values: figures(flows, 1, period).map((f) => shown({ ...f, england: year === null ? null : englandFigure(f.id, year) })),
        // A month's England figure is its calendar year's: the DfE publishes years only.
        series: months.map((month, i) => ({
          period: month,
          values: figures(seriesFlows, i + 1, month).map((f) => shown({ ...f, england: englandFigure(f.id, Number(month.from.slice(0, 4))) })),
        })),
        breakdowns: filtered ? breakdowns.map(withholdSmallRows) : breakdowns,
      };
    });
  }

  /** The caseworkers a reader can narrow the measures to (names only, no children). */
  async caseworkers(actor: Actor, roles: readonly string[] | "system"): Promise<{ id: string; name: string }[]> {
    this.mayRead(roles);
    return readAs(this.db, actor, async (trx) => (await listCaseworkers(trx)).map((c) => ({ id: c.id, name: c.display_name })));
  }

  /**
   * The children behind a figure, for those who may see children; the look is audited (SPEC D1).
   * Narrowed by a filter to the children the filtered figure counts; where that figure is
   * withheld (fewer than 5 children, suppression.ts) so is the list: `withheld` and no rows.
   */
  async casesBehind(
    actor: Actor,
    roles: readonly string[],
    id: RegistryId,
    period: Period,
    filter: MeasureFilter = {},
  ): Promise<{ rows: CaseBehindRow[]; withheld: boolean }> {
    if (!can(roles, "readCases")) throw new NotAllowed("see the children behind a measure");
    this.checkPeriod(period);
    return changeAs(this.db, actor, async (trx) => {
      if (filter.caseworkerId !== undefined && !(await isCaseworker(trx, filter.caseworkerId))) {
        throw new InvalidInput([{ field: "caseworker", message: "Select a caseworker from the list" }]);
      }
      const { records, facts } = await this.factsFor(trx);
      const byId = new Map(records.map((r) => [r.id, r]));
      // A child is counted on the fact's day, or the snapshot's (the census day for plans on it).
      const countedOn = (date?: string) => date ?? (id === "plansOnCensusDay" ? censusDayOnOrBefore(period.to) : period.to);
      const behind = casesBehind(records, facts, id, period).filter((c) => {
        const record = byId.get(c.caseId);
        return record !== undefined && inFilter(record, countedOn(c.date), filter);
      });
      const filtered = Object.keys(filter).length > 0;
      const children = REGISTRY[id].unit === "percent" ? behind.length : behind.filter((c) => c.counted).length;
      const withheld = filtered && isSmall(children);
      const rows = withheld
        ? []
        : behind.map((c) => {
            const record = byId.get(c.caseId);
            return { ...c, childName: record ? childName(record) : c.caseId };
          });
      return {
        result: { rows, withheld },
        audit: {
          action: "measure.casesViewed",
          subjectType: "measure",
          subjectId: id,
          after: { from: period.from, to: period.to, cases: rows.length, ...(filtered ? { filter } : {}), ...(withheld ? { withheld } : {}) },
        },
      };
    });
  }

  private mayRead(roles: readonly string[] | "system") {
    if (roles !== "system" && !can(roles, "readMeasures")) throw new NotAllowed("read the council's measures");
  }

  private checkPeriod(period: Period) {
    const last = `${this.years()[0]}-12-31`;
    if (period.from < `${FIRST_YEAR}-01-01` || period.to > last || period.from > period.to) {
      throw new InvalidInput([
        { field: "period", message: `Choose dates from 1 January ${FIRST_YEAR} to 31 December ${this.years()[0]}, the first before the last` },
      ]);
    }
  }

  private async load(trx: Trx) {
    const records = (await listCaseRecords(trx)) as CaseRecord[];
    const closures = (await listSchoolClosures(trx)).map((c) => ({ from: c.first_day_closed, reopens: c.reopens, reason: c.description }));
    return { records, closures };
  }

  private async factsFor(trx: Trx): Promise<{ records: CaseRecord[]; facts: Fact[] }> {
    const { records, closures } = await this.load(trx);
    return { records, facts: factsOf(records, { closures, today: this.today() }) };
  }
}

/** The snapshot counts on each asked day, adding up the changes day by day. */
function spansByDay(days: readonly string[], changes: readonly SpanChange[]): Map<string, SpanCounts> {
  const byBucket = new Map(changes.map((c) => [c.bucket, c]));
  const running: SpanCounts = { ...NO_SPANS };
  const out = new Map<string, SpanCounts>();
  days.forEach((day, i) => {
    const c = byBucket.get(i + 1);
    if (c) for (const k of Object.keys(running) as (keyof SpanCounts)[]) running[k] += c[k];
    out.set(day, { ...running });
  });
  return out;
}
