// The stored form of the registry (issue 16, speed): each case's measure facts as rows, so a
// period's figure is one grouped query instead of every record read and put through the clock.
// Pure: the rows are worked out from the registry's own definitions (factsOf, snapshotOf), so the
// stored figures and the registry's agree by construction; a test checks they do.
//
// Flow measures keep one row per fact (a decision, a plan issued, a review held). Snapshot
// measures keep the spans of days a plan is in force, cut wherever anything a snapshot looks at
// changes (a placement starts or ends, a visit falls out of the last 12 months, 1 September moves
// the child up a year group), each span saying which snapshot measures count the child.

import type { CaseRecord } from "../cases/types.ts";
import { ADVICE_SERVICES, NEED_CODES, SETTING_TYPES } from "../cases/types.ts";
import { addDays, addMonths, type IsoDate } from "../dates.ts";
import { academicYearOf, yearGroupOn } from "../school-year.ts";
import {
  AGE_BANDS,
  ageBand,
  type Breakdown,
  type Figure,
  type FlowId,
  factsOf,
  figureOf,
  percent,
  placementsOn,
  REGISTRY,
  REGISTRY_IDS,
  type RegistryOptions,
  type SNAPSHOT_IDS,
  snapshotOf,
} from "./registry.ts";

/** Who a fact is about, for the filters (SPEC C2): the child's primary need and caseworker. */
export interface CaseDimensions {
  primaryNeed: string;
  caseworkerId: string;
  dateOfBirth: IsoDate;
}

export interface FlowRow {
  measure: FlowId;
  date: IsoDate;
  counted: boolean;
  /** Advice only: the service. */
  service: string | null;
  /** The setting type and year group on the fact's date. */
  settingType: string;
  yearGroup: number;
  /** Placed outside the council's area on the fact's date (as the snapshot counts it). */
  outOfAuthority: boolean;
}

export interface SpanRow {
  from: IsoDate;
  /** The last day, or null while it lasts. */
  to: IsoDate | null;
  outOfAuthority: boolean;
  /** In the "visited in the last 12 months" denominator (out of area, residential or home educated). */
  visitDue: boolean;
  visited: boolean;
  awaitingProvision: boolean;
  missingEducation: boolean;
  settingType: string;
  yearGroup: number;
}

export interface CaseMeasureRows extends CaseDimensions {
  flows: FlowRow[];
  spans: SpanRow[];
}

const settingOn = (record: CaseRecord, on: IsoDate) => placementsOn(record, on).at(-1)?.settingType ?? "other";
/** The registry's rule for "placed out of authority" on a day (its outOfAuthority snapshot). */
const outOfAuthorityOn = (record: CaseRecord, on: IsoDate) => placementsOn(record, on).some((p) => p.outOfAuthority);

export function dimensionsOf(record: CaseRecord): CaseDimensions {
  return {
    primaryNeed: record.child.needs.find((n) => n.rank === 1)?.code ?? "OTH",
    caseworkerId: record.child.caseworker.id,
    dateOfBirth: record.child.dateOfBirth,
  };
}

/** The filters of the measures pages (SPEC C2), as the stored rows apply them. */
export interface ChildFilter {
  caseworkerId?: string;
  primaryNeed?: string;
  settingType?: string;
  /** 0 is Reception; below 0 any year group before it, above 13 any after Year 13. */
  yearGroup?: number;
  /** Placed outside the council's area (true) or inside it (false) on the day counted. */
  outOfAuthority?: boolean;
}

/**
 * Whether a child counted on a day is one the filter names: the same rule as the stored rows'
 * (the setting type and year group are those on the day the child is counted), so the children
 * behind a filtered figure are the ones the figure counts.
 */
export function inFilter(record: CaseRecord, on: IsoDate, filter: ChildFilter): boolean {
  const dims = dimensionsOf(record);
  if (filter.caseworkerId !== undefined && dims.caseworkerId !== filter.caseworkerId) return false;
  if (filter.primaryNeed !== undefined && dims.primaryNeed !== filter.primaryNeed) return false;
  if (filter.settingType !== undefined && settingOn(record, on) !== filter.settingType) return false;
  if (filter.outOfAuthority !== undefined && outOfAuthorityOn(record, on) !== filter.outOfAuthority) return false;
  if (filter.yearGroup !== undefined) {
    const year = yearGroupOn(dims.dateOfBirth, on);
    // Before Reception and after Year 13 are one group each, as on the breakdown.
    if (filter.yearGroup < 0 ? year >= 0 : filter.yearGroup > 13 ? year <= 13 : year !== filter.yearGroup) return false;
  }
  return true;
}

/** A case's rows, as the registry would count it with the same options. */
export function measureRowsOf(record: CaseRecord, options: RegistryOptions): CaseMeasureRows {
  const dims = dimensionsOf(record);
  const flows = factsOf([record], options).map((f) => ({
    measure: f.measure,
    date: f.date,
    counted: f.counted,
    service: f.group ?? null,
    settingType: settingOn(record, f.date),
    yearGroup: yearGroupOn(dims.dateOfBirth, f.date),
    outOfAuthority: outOfAuthorityOn(record, f.date),
  }));
  return { ...dims, flows, spans: spansOf(record, options.today) };
}

/** The days on which something a snapshot looks at may change; between two of them nothing does. */
function changeDays(record: CaseRecord, today: IsoDate): IsoDate[] {
  const days = new Set<IsoDate>();
  const endOf = (to: IsoDate | undefined) => to && days.add(addDays(to, 1));
  for (const plan of record.plans) {
    days.add(plan.made);
    if (plan.ceased) days.add(plan.ceased.date);
  }
  for (const p of record.placements) {
    days.add(p.start);
    endOf(p.end);
  }
  for (const period of [...record.awaitingProvision, ...record.missingEducation]) {
    days.add(period.from);
    endOf(period.to);
  }
  // A visit counts while it is in the 12 months before the day; around the anniversary (and the
  // end of February) the day it stops counting is within a day or two of addMonths(visit, 12).
  for (const v of record.monitoringVisits) {
    days.add(v.date);
    const year = addMonths(v.date, 12);
    for (const d of [-1, 0, 1, 2]) days.add(addDays(year, d));
  }
  const first = [...days].sort()[0];
  // 1 September moves every child up a year group, up to the school year after today's (figures
  // are asked for up to the end of this calendar year; the daily refresh moves this on).
  if (first) for (let y = academicYearOf(first) + 1; y <= academicYearOf(today) + 1; y++) days.add(`${y}-09-01`);
  return [...days].sort();
}

function spansOf(record: CaseRecord, today: IsoDate): SpanRow[] {
  const days = changeDays(record, today);
  const spans: SpanRow[] = [];
  days.forEach((on, i) => {
    // The census day does not matter here: "plans on census day" is read from the spans on it.
    const snapshot = snapshotOf(record, { on, census: on, yearBefore: addMonths(on, -12) });
    if (!snapshot.plansInForce) return;
    const next = days[i + 1];
    const span: SpanRow = {
      from: on,
      to: next ? addDays(next, -1) : null,
      outOfAuthority: snapshot.outOfAuthority?.counted ?? false,
      visitDue: snapshot.visitedIn12Months !== undefined,
      visited: snapshot.visitedIn12Months?.counted ?? false,
      awaitingProvision: snapshot.awaitingProvision !== undefined,
      missingEducation: snapshot.missingEducation !== undefined,
      settingType: settingOn(record, on),
      yearGroup: yearGroupOn(record.child.dateOfBirth, on),
    };
    const last = spans.at(-1);
    // Days on which nothing changed join the span before them.
    if (last && last.to === addDays(on, -1) && sameCounts(last, span)) last.to = span.to;
    else spans.push(span);
  });
  return spans;
}

function sameCounts(a: SpanRow, b: SpanRow): boolean {
  return (
    a.outOfAuthority === b.outOfAuthority &&
    a.visitDue === b.visitDue &&
    a.visited === b.visited &&
    a.awaitingProvision === b.awaitingProvision &&
    a.missingEducation === b.missingEducation &&
    a.settingType === b.settingType &&
    a.yearGroup === b.yearGroup
  );
}

// ---- Figures from stored counts -------------------------------------------------------------

/** Flow facts of one period, per measure: how many, and how many counted (in time, refused...). */
export type FlowCounts = ReadonlyMap<string, { total: number; counted: number }>;

/** The snapshot counts on one day, from the spans that contain it. */
export interface SpanCounts {
  inForce: number;
  outOfAuthority: number;
  visitDue: number;
  visited: number;
  awaitingProvision: number;
  missingEducation: number;
}

export const NO_SPANS: SpanCounts = { inForce: 0, outOfAuthority: 0, visitDue: 0, visited: 0, awaitingProvision: 0, missingEducation: 0 };

/** Every registry measure's figure, as figuresFor gives it, from stored counts. */
export function figuresFromCounts(flows: FlowCounts, onLastDay: SpanCounts, onCensusDay: SpanCounts): Figure[] {
  const snapshot: Record<(typeof SNAPSHOT_IDS)[number], [number, number]> = {
    plansOnCensusDay: [onCensusDay.inForce, onCensusDay.inForce],
    plansInForce: [onLastDay.inForce, onLastDay.inForce],
    outOfAuthority: [onLastDay.outOfAuthority, onLastDay.inForce],
    visitedIn12Months: [onLastDay.visited, onLastDay.visitDue],
    awaitingProvision: [onLastDay.awaitingProvision, onLastDay.awaitingProvision],
    missingEducation: [onLastDay.missingEducation, onLastDay.missingEducation],
  };
  return REGISTRY_IDS.map((id) => {
    if (REGISTRY[id].kind === "snapshot") {
      const [numerator, denominator] = snapshot[id as (typeof SNAPSHOT_IDS)[number]];
      return figureOf(id, numerator, denominator);
    }
    const flow = flows.get(id);
    return figureOf(id, flow?.counted ?? 0, flow?.total ?? 0);
  });
}

/** The caseload breakdowns and advice by service, as breakdownsFor gives them, from stored counts. */
export function breakdownsFromCounts(
  caseload: readonly { by: "primaryNeed" | "settingType" | "age" | "ageBand" | "yearGroup"; key: string; count: number }[],
  advice: readonly { service: string; total: number; counted: number }[],
): Breakdown[] {
  const need = new Map<string, number>(NEED_CODES.map((c) => [c, 0]));
  const setting = new Map<string, number>(SETTING_TYPES.map((c) => [c, 0]));
  const age = new Map<string, number>(AGE_BANDS.map((c) => [c, 0]));
  const year = new Map<string, number>();
  const add = (m: Map<string, number>, k: string, n: number) => m.set(k, (m.get(k) ?? 0) + n);
  for (const row of caseload) {
    if (row.by === "primaryNeed") add(need, row.key, row.count);
    else if (row.by === "settingType") add(setting, row.key, row.count);
    else if (row.by === "age") add(age, ageBand(Number(row.key)), row.count);
    else if (row.by === "ageBand") add(age, row.key, row.count);
    else {
      const group = Number(row.key);
      add(year, group < 0 ? "below reception" : group > 13 ? "beyond year 13" : String(group), row.count);
    }
  }
  const services = new Map<string, [number, number]>(ADVICE_SERVICES.map((s) => [s, [0, 0]]));
  for (const a of advice) {
    const entry = services.get(a.service) ?? [0, 0];
    services.set(a.service, [entry[0] + a.counted, entry[1] + a.total]);
  }
  const yearOrder = ["below reception", ...Array.from({ length: 14 }, (_, i) => String(i)), "beyond year 13"];
  const rows = (m: Map<string, number>) => [...m].map(([key, count]) => ({ key, count }));
  return [
    { by: "primaryNeed", rows: rows(need) },
    { by: "settingType", rows: rows(setting) },
    { by: "ageBand", rows: rows(age) },
    { by: "yearGroup", rows: yearOrder.filter((k) => year.has(k)).map((key) => ({ key, count: year.get(key) ?? 0 })) },
    { by: "adviceService", rows: [...services].map(([key, [n, d]]) => ({ key, count: d, numerator: n, value: percent(n, d) })) },
  ];
}
