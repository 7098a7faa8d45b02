// The council's measures (SPEC C1, C2), worked out from its casework with the registry of
// src/domain/measures, for any period and month by month. Figures for every reader; the cases
// behind a figure only for those who may see children (readCases), and each look is audited.
import type { Kysely } from "kysely";
import type { CaseRecord } from "../../domain/cases/types.ts";
import { childName } from "../../domain/cases/worklists.ts";
import { ENGLAND } from "../../domain/measures/england.ts";
import { englandFigure, type MeasureValue, measuresForYear, type YearMeasures } from "../../domain/measures/measures.ts";
import {
  type Breakdown,
  breakdownsFor,
  casesBehind,
  censusDayOnOrBefore,
  type Fact,
  factsOf,
  figuresFor,
  monthlySeries,
  type Period,
  type RegistryId,
} from "../../domain/measures/registry.ts";
import { can } from "../../domain/roles.ts";
import type { DB } from "../../platform/db-types.ts";
import { InvalidInput, NotAllowed } from "../../platform/errors.ts";
import { type Actor, changeAs, readAs, type Trx } from "../../platform/transaction.ts";
import { listSchoolClosures } from "../deadlines/deadlines.repository.ts";
import { listCaseRecords } from "./measures.repository.ts";

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

  /** Every registry measure for a period, month by month over `seriesPeriod` (default the period), and the caseload breakdowns. */
  async forPeriod(actor: Actor, roles: readonly string[] | "system", period: Period, seriesPeriod: Period = period): Promise<PeriodReport> {
    this.mayRead(roles);
    this.checkPeriod(period);
    return readAs(this.db, actor, async (trx) => {
      const { records, facts } = await this.factsFor(trx);
      const withEngland = (p: Period, figures: ReturnType<typeof figuresFor>) => {
        const year = p.from === `${p.from.slice(0, 4)}-01-01` && p.to === `${p.from.slice(0, 4)}-12-31` ? Number(p.from.slice(0, 4)) : null;
        return figures.map((f) => ({ ...f, england: year === null ? null : englandFigure(f.id, year) }));
      };
      return {
        period,
        censusDay: censusDayOnOrBefore(period.to),
        values: withEngland(period, figuresFor(records, facts, period)),
        // A month's England figure is its calendar year's: the DfE publishes years only.
        series: monthlySeries(records, facts, seriesPeriod).map((point) => ({
          period: point.period,
          values: point.figures.map((f) => ({ ...f, england: englandFigure(f.id, Number(point.period.from.slice(0, 4))) })),
        })),
        breakdowns: breakdownsFor(records, facts, period),
      };
    });
  }

  /** The children behind a figure, for those who may see children; the look is audited (SPEC D1). */
  async casesBehind(actor: Actor, roles: readonly string[], id: RegistryId, period: Period): Promise<CaseBehindRow[]> {
    if (!can(roles, "readCases")) throw new NotAllowed("see the children behind a measure");
    this.checkPeriod(period);
    return changeAs(this.db, actor, async (trx) => {
      const { records, facts } = await this.factsFor(trx);
      const byId = new Map(records.map((r) => [r.id, r]));
      const rows = casesBehind(records, facts, id, period).map((c) => {
        const record = byId.get(c.caseId);
        return { ...c, childName: record ? childName(record) : c.caseId };
      });
      return {
        result: rows,
        audit: {
          action: "measure.casesViewed",
          subjectType: "measure",
          subjectId: id,
          after: { from: period.from, to: period.to, cases: rows.length },
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
