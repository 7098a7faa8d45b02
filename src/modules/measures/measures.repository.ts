// The only SQL for measures, always inside a service's transaction under row-level security: the
// council's case records (for the drill-down and the calendar-year figures) and the stored
// measure facts and spans (migration 0023) and their day and month totals (0023, 0028) that the
// period figures are counted from.
import { sql } from "kysely";
import type { CaseMeasureRows } from "../../domain/measures/facts.ts";
import type { Trx } from "../../platform/transaction.ts";

export async function listCaseRecords(trx: Trx) {
  return (await trx.selectFrom("child_case").select("record").execute()).map((r) => r.record);
}

/**
 * Replaces the measure rows of these cases (called wherever their worklists are replaced); `fresh`
 * cases were created in this transaction, so they have none to remove.
 */
export async function replaceMeasureRows(
  trx: Trx,
  councilId: string,
  cases: { caseId: string; rows: CaseMeasureRows }[],
  options: { fresh?: boolean } = {},
) {
  if (cases.length === 0) return;
  if (!options.fresh) {
    const ids = cases.map((c) => c.caseId);
    await trx.deleteFrom("measure_fact").where("case_id", "in", ids).execute();
    await trx.deleteFrom("measure_span").where("case_id", "in", ids).execute();
  }
  const { facts, spans } = measureRowValues(councilId, cases);
  // The rows go in as one JSON parameter per statement, in few statements: the day and month totals
  // (0023, 0028) are kept by statement triggers, and a total row updated once per statement is
  // updated again and again in one transaction when a load comes in small statements, each update
  // leaving a row version the next must pass (a 30,000-child SEN2 import took minutes that way).
  await insertAsJson(trx, "measure_fact", facts);
  await insertAsJson(trx, "measure_span", spans);
}

/** Rows a statement: a Kent-size import's rows in a few statements, each parameter some tens of MB at most. */
const BULK_ROWS = 100_000;

async function insertAsJson(trx: Trx, table: "measure_fact" | "measure_span", rows: Record<string, unknown>[]) {
  const first = rows[0];
  if (!first) return;
  const columns = sql.raw(Object.keys(first).join(", "));
  for (let i = 0; i < rows.length; i += BULK_ROWS)
    await sql`INSERT INTO ${sql.table(table)} (${columns})
      SELECT ${columns} FROM json_populate_recordset(NULL::${sql.table(table)}, ${JSON.stringify(rows.slice(i, i + BULK_ROWS))}::json)`.execute(trx);
}

/** The measure_fact and measure_span rows of these cases (also the national benchmark's bulk load). */
export function measureRowValues(councilId: string, cases: readonly { caseId: string; rows: CaseMeasureRows }[]) {
  const facts = cases.flatMap(({ caseId, rows }) =>
    rows.flows.map((f) => ({
      council_id: councilId,
      case_id: caseId,
      measure: f.measure,
      date: f.date,
      counted: f.counted,
      service: f.service,
      primary_need: rows.primaryNeed,
      caseworker_id: rows.caseworkerId,
      setting_type: f.settingType,
      year_group: f.yearGroup,
      out_of_authority: f.outOfAuthority,
    })),
  );
  const spans = cases.flatMap(({ caseId, rows }) =>
    rows.spans.map((s) => ({
      council_id: councilId,
      case_id: caseId,
      from_date: s.from,
      to_date: s.to,
      out_of_authority: s.outOfAuthority,
      visit_due: s.visitDue,
      visited: s.visited,
      awaiting_provision: s.awaitingProvision,
      missing_education: s.missingEducation,
      primary_need: rows.primaryNeed,
      caseworker_id: rows.caseworkerId,
      setting_type: s.settingType,
      year_group: s.yearGroup,
      date_of_birth: rows.dateOfBirth,
    })),
  );
  return { facts, spans };
}

/** The filters of the measures pages (SPEC C2); each narrows to the children it names. */
export interface MeasureFilter {
  caseworkerId?: string;
  primaryNeed?: string;
  settingType?: string;
  /** 0 is Reception; below 0 any year group before it, above 13 any after Year 13. */
  yearGroup?: number;
  /** Placed outside the council's area (true) or inside it (false) on the day counted. */
  outOfAuthority?: boolean;
}

function where(filter: MeasureFilter) {
  const parts = [sql`true`];
  if (filter.caseworkerId !== undefined) parts.push(sql`caseworker_id = ${filter.caseworkerId}`);
  if (filter.primaryNeed !== undefined) parts.push(sql`primary_need = ${filter.primaryNeed}`);
  if (filter.settingType !== undefined) parts.push(sql`setting_type = ${filter.settingType}`);
  // Facts and spans both keep it for their days (migrations 0023, 0029).
  if (filter.outOfAuthority !== undefined) parts.push(sql`out_of_authority = ${filter.outOfAuthority}`);
  // Before Reception and after Year 13 are one group each, as on the breakdown.
  if (filter.yearGroup !== undefined && filter.yearGroup < 0) parts.push(sql`year_group < 0`);
  else if (filter.yearGroup !== undefined && filter.yearGroup > 13) parts.push(sql`year_group > 13`);
  else if (filter.yearGroup !== undefined) parts.push(sql`year_group = ${filter.yearGroup}`);
  return sql.join(parts, sql` AND `);
}

export interface FlowCount {
  /** 1 for the first period, 2 for the second... */
  bucket: number;
  measure: string;
  service: string | null;
  total: number;
  counted: number;
}

const unfiltered = (filter: MeasureFilter) => Object.keys(filter).length === 0;

/** Whether a day is the last of its month (the month totals answer for such days). */
function isMonthEnd(day: string): boolean {
  const next = new Date(`${day}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.getUTCDate() === 1;
}

/**
 * Flow facts counted per period: `starts` are the first days of consecutive periods, `last` the
 * last day of the last one. One scan, each fact put in its period by width_bucket.
 */
function flowsQuery(starts: string[], last: string, filter: MeasureFilter) {
  // The whole council's from the month totals when the periods are whole months (migration
  // 0028), else from the day totals (0023); both kept by triggers.
  if (unfiltered(filter) && starts.every((d) => d.endsWith("-01")) && isMonthEnd(last)) {
    return sql`
      SELECT width_bucket(month, ${starts}::date[]) AS bucket, measure, nullif(service, '') AS service,
             sum(total)::int AS total, sum(counted)::int AS counted
        FROM measure_fact_month
       WHERE month >= ${starts[0]}::date AND month <= ${last}::date
       GROUP BY 1, 2, 3`;
  }
  if (unfiltered(filter)) {
    return sql`
      SELECT width_bucket(date, ${starts}::date[]) AS bucket, measure, nullif(service, '') AS service,
             sum(total)::int AS total, sum(counted)::int AS counted
        FROM measure_fact_day
       WHERE date >= ${starts[0]}::date AND date <= ${last}::date
       GROUP BY 1, 2, 3`;
  }
  return sql`
    SELECT width_bucket(date, ${starts}::date[]) AS bucket, measure, service,
           count(*)::int AS total, (count(*) FILTER (WHERE counted))::int AS counted
      FROM measure_fact
     WHERE date >= ${starts[0]}::date AND date <= ${last}::date AND ${where(filter)}
     GROUP BY 1, 2, 3`;
}

export interface SpanChange {
  /** The number of the first day (of those asked, 1-based) the change counts on. */
  bucket: number;
  inForce: number;
  outOfAuthority: number;
  visitDue: number;
  visited: number;
  awaitingProvision: number;
  missingEducation: number;
}

/**
 * The snapshot counts on each of `days` (sorted, distinct), as changes: a span adds one on its
 * first day and takes it away the day after its last. The caller adds the changes up day by day,
 * so one scan answers every day of a five-year series.
 */
function spanChangesQuery(days: string[], filter: MeasureFilter) {
  const last = days[days.length - 1];
  // A change on day d counts on every asked day on or after d: its bucket is one more than the
  // number of asked days before d, which width_bucket gives against the days after each asked day.
  const after = days.map((d) => sql`(${d}::date + 1)`);
  if (unfiltered(filter)) {
    return sql`
      SELECT width_bucket(day, ARRAY[${sql.join(after)}]) + 1 AS bucket,
             sum(in_force)::int AS "inForce", sum(out_of_authority)::int AS "outOfAuthority", sum(visit_due)::int AS "visitDue",
             sum(visited)::int AS "visited", sum(awaiting_provision)::int AS "awaitingProvision", sum(missing_education)::int AS "missingEducation"
        FROM measure_span_day WHERE day <= ${last}::date
       GROUP BY 1`;
  }
  return sql`
    WITH change AS (
      SELECT from_date AS day, 1 AS delta, out_of_authority, visit_due, visited, awaiting_provision, missing_education
        FROM measure_span WHERE from_date <= ${last}::date AND ${where(filter)}
      UNION ALL
      SELECT to_date + 1, -1, out_of_authority, visit_due, visited, awaiting_provision, missing_education
        FROM measure_span WHERE to_date < ${last}::date AND ${where(filter)}
    )
    SELECT width_bucket(day, ARRAY[${sql.join(after)}]) + 1 AS bucket,
           sum(delta)::int AS "inForce",
           coalesce(sum(delta) FILTER (WHERE out_of_authority), 0)::int AS "outOfAuthority",
           coalesce(sum(delta) FILTER (WHERE visit_due), 0)::int AS "visitDue",
           coalesce(sum(delta) FILTER (WHERE visited), 0)::int AS "visited",
           coalesce(sum(delta) FILTER (WHERE awaiting_provision), 0)::int AS "awaitingProvision",
           coalesce(sum(delta) FILTER (WHERE missing_education), 0)::int AS "missingEducation"
      FROM change GROUP BY 1`;
}

export interface CaseloadRow {
  /** "age" rows are whole years (the caller bands them); "ageBand" rows are already banded. */
  by: "primaryNeed" | "settingType" | "age" | "ageBand" | "yearGroup";
  key: string;
  count: number;
}

/** The children with a plan on a day by primary need, setting type, age (or age band) and year group. */
function caseloadQuery(day: string, filter: MeasureFilter) {
  // The whole council's at a month's end: the month totals' changes up to it (migration 0028).
  if (unfiltered(filter) && isMonthEnd(day)) {
    return sql`
      SELECT by, key, sum(delta)::int AS count FROM measure_caseload_month
       WHERE month <= ${day}::date GROUP BY 1, 2 HAVING sum(delta) <> 0`;
  }
  return sql`
    SELECT CASE WHEN GROUPING(need) = 0 THEN 'primaryNeed' WHEN GROUPING(setting) = 0 THEN 'settingType'
                WHEN GROUPING(age) = 0 THEN 'age' ELSE 'yearGroup' END AS by,
           coalesce(need, setting, age::text, year::text) AS key, count(*)::int AS count
      FROM (
      SELECT primary_need AS need, setting_type AS setting,
             date_part('year', age(${day}::date, date_of_birth))::int AS age, year_group AS year
        FROM measure_span
       WHERE from_date <= ${day}::date AND (to_date IS NULL OR to_date >= ${day}::date) AND ${where(filter)}
    ) AS on_day
    GROUP BY GROUPING SETS ((need), (setting), (age), (year))`;
}

export interface MeasureCounts {
  /** Flows per month of the series (bucket 1 the first month). */
  seriesFlows: FlowCount[];
  /** Flows of the period (bucket 1), when it is not made of the series' months. */
  periodFlows: FlowCount[] | null;
  /** Snapshot changes against `days`. */
  changes: SpanChange[];
  /** The caseload on `caseloadDay`. */
  caseload: CaseloadRow[];
}

/**
 * Everything a period's report is counted from, in one statement: each part is a grouped query
 * whose rows come back as JSON, so a dashboard is one round trip to the database, however long
 * its series (under load every round trip waits for the processor).
 */
export async function countMeasures(
  trx: Trx,
  ask: { monthStarts: string[]; seriesLast: string; period: { from: string; to: string } | null; days: string[]; caseloadDay: string },
  filter: MeasureFilter,
): Promise<MeasureCounts> {
  const rows = (query: ReturnType<typeof sql>) => sql`(SELECT coalesce(json_agg(q), '[]'::json) FROM (${query}) AS q)`;
  const periodFlows = ask.period ? rows(flowsQuery([ask.period.from], ask.period.to, filter)) : sql`NULL::json`;
  const result = await sql<MeasureCounts>`
    SELECT ${rows(flowsQuery(ask.monthStarts, ask.seriesLast, filter))} AS "seriesFlows",
           ${periodFlows} AS "periodFlows",
           ${rows(spanChangesQuery(ask.days, filter))} AS changes,
           ${rows(caseloadQuery(ask.caseloadDay, filter))} AS caseload`.execute(trx);
  return result.rows[0] as MeasureCounts;
}

/** Whether a user of this council (row-level security) is a caseworker or SEND manager. */
export async function isCaseworker(trx: Trx, id: string): Promise<boolean> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return false;
  const row = await trx
    .selectFrom("app_user")
    .select("id")
    .where("id", "=", id)
    .where(sql<boolean>`roles && ARRAY['caseworker','send_manager']::text[]`)
    .executeTakeFirst();
  return row !== undefined;
}
