// Issue 16 (the 150 ms target): month totals beside the day totals of migration 0023. Profiling
// the Kent-size dashboard (bench/measures-db.ts, EXPLAIN ANALYZE) showed two reads dominating:
// five years of flow day totals (20,000 rows, each checked by row-level security) and the
// caseload breakdown, which read every span in force on the day (20,000 of 135,000 rows). Both
// become a few thousand rows at most: flows per month, and the caseload as changes per month
// (a span adds one to its need, setting type, year group and age band in the month it starts and
// takes it away in the month after it ends), so the caseload at a month's end is the changes up
// to that month. Kept by statement triggers, in the same transaction as the rows, like 0023's.
import { type Kysely, sql } from "kysely";
import { councilTableSql } from "../src/platform/migration-sql.ts";

/**
 * The caseload changes of the spans in `source` (a table, or a trigger's transition table).
 * The age band (SEN2: under 5, 5 to 10, 11 to 15, 16 to 19, 20 to 25) moves on the birthdays of
 * 5, 11, 16 and 20, so each span is cut there. A birthday is counted as the registry's ageOn
 * counts it: a child born on 29 February turns a year older on 1 March in other years, which is
 * "the day after the day before the birthday" (dob - 1 + years, + 1).
 */
function caseloadChanges(source: string): string {
  return `
  SELECT council_id, 'primaryNeed' AS by, primary_need AS key, from_date AS day, 1 AS delta FROM ${source}
  UNION ALL SELECT council_id, 'primaryNeed', primary_need, to_date + 1, -1 FROM ${source} WHERE to_date IS NOT NULL
  UNION ALL SELECT council_id, 'settingType', setting_type, from_date, 1 FROM ${source}
  UNION ALL SELECT council_id, 'settingType', setting_type, to_date + 1, -1 FROM ${source} WHERE to_date IS NOT NULL
  UNION ALL SELECT council_id, 'yearGroup', year_group::text, from_date, 1 FROM ${source}
  UNION ALL SELECT council_id, 'yearGroup', year_group::text, to_date + 1, -1 FROM ${source} WHERE to_date IS NOT NULL
  UNION ALL
  SELECT s.council_id, 'ageBand', band.key, change.day, change.delta
    FROM ${source} AS s
   CROSS JOIN LATERAL (VALUES
      ('under5', NULL::int, 5), ('5to10', 5, 11), ('11to15', 11, 16), ('16to19', 16, 20), ('20to25', 20, NULL::int)
   ) AS band (key, from_age, to_age)
   CROSS JOIN LATERAL (SELECT
      CASE WHEN band.from_age IS NULL THEN s.from_date
           ELSE greatest(s.from_date, (s.date_of_birth - 1 + make_interval(years => band.from_age))::date + 1) END AS first,
      CASE WHEN band.to_age IS NULL THEN s.to_date
           ELSE least(s.to_date, (s.date_of_birth - 1 + make_interval(years => band.to_age))::date) END AS last
   ) AS piece
   CROSS JOIN LATERAL (VALUES (piece.first, 1), (piece.last + 1, -1)) AS change (day, delta)
   WHERE (piece.last IS NULL OR piece.first <= piece.last) AND change.day IS NOT NULL`;
}

/** Adds (sign 1) or takes away (sign -1) the changes of `source` to the month totals. */
function keepCaseloadMonth(source: string, sign: string): string {
  return `
  INSERT INTO measure_caseload_month AS m (council_id, month, by, key, delta)
  SELECT council_id, date_trunc('month', day)::date, by, key, ${sign} * sum(delta)
    FROM (${caseloadChanges(source)}) AS change
   GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
  ON CONFLICT (council_id, month, by, key) DO UPDATE SET delta = m.delta + excluded.delta`;
}

function keepFactMonth(source: string, sign: string): string {
  return `
  INSERT INTO measure_fact_month AS m (council_id, month, measure, service, total, counted)
  SELECT council_id, date_trunc('month', date)::date, measure, coalesce(service, ''),
         ${sign} * count(*), ${sign} * count(*) FILTER (WHERE counted)
    FROM ${source} GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
  ON CONFLICT (council_id, month, measure, service)
  DO UPDATE SET total = m.total + excluded.total, counted = m.counted + excluded.counted`;
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`
-- Flow facts per month (the first day of the month): a series of whole months reads these.
CREATE TABLE measure_fact_month (
  council_id uuid NOT NULL REFERENCES council(id),
  month date NOT NULL CHECK (extract(day FROM month) = 1),
  measure text NOT NULL,
  service text NOT NULL,
  total integer NOT NULL,
  counted integer NOT NULL,
  -- Covering, so a series is read from the index alone (row-level security checked once).
  PRIMARY KEY (council_id, month, measure, service) INCLUDE (total, counted)
);
${councilTableSql("measure_fact_month", ["SELECT", "INSERT", "UPDATE"])}

-- The caseload's changes per month, by primary need, setting type, year group and age band.
CREATE TABLE measure_caseload_month (
  council_id uuid NOT NULL REFERENCES council(id),
  month date NOT NULL CHECK (extract(day FROM month) = 1),
  by text NOT NULL CHECK (by IN ('primaryNeed', 'settingType', 'yearGroup', 'ageBand')),
  key text NOT NULL,
  delta integer NOT NULL,
  PRIMARY KEY (council_id, month, by, key) INCLUDE (delta)
);
${councilTableSql("measure_caseload_month", ["SELECT", "INSERT", "UPDATE"])}

-- 0023's snapshot day totals, covered likewise.
CREATE INDEX measure_span_day_cover ON measure_span_day (council_id, day)
  INCLUDE (in_force, out_of_authority, visit_due, visited, awaiting_provision, missing_education);

CREATE FUNCTION measure_fact_month_keep() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'INSERT' THEN ${keepFactMonth("changed", "1")};
  ELSE ${keepFactMonth("changed", "-1")};
  END IF;
  RETURN NULL;
END $fn$;
CREATE TRIGGER measure_fact_month_added AFTER INSERT ON measure_fact REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION measure_fact_month_keep();
CREATE TRIGGER measure_fact_month_removed AFTER DELETE ON measure_fact REFERENCING OLD TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION measure_fact_month_keep();

CREATE FUNCTION measure_caseload_month_keep() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'INSERT' THEN ${keepCaseloadMonth("changed", "1")};
  ELSE ${keepCaseloadMonth("changed", "-1")};
  END IF;
  RETURN NULL;
END $fn$;
CREATE TRIGGER measure_caseload_month_added AFTER INSERT ON measure_span REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION measure_caseload_month_keep();
CREATE TRIGGER measure_caseload_month_removed AFTER DELETE ON measure_span REFERENCING OLD TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION measure_caseload_month_keep();

-- The rows already stored (the migration runs as the owner, so row-level security does not apply).
${keepFactMonth("measure_fact", "1")};
${keepCaseloadMonth("measure_span", "1")};

CREATE OR REPLACE FUNCTION refresh_casework_statistics() RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
BEGIN
  ANALYZE child_case;
  ANALYZE case_worklist_entry;
  ANALYZE case_event;
  ANALYZE measure_fact;
  ANALYZE measure_span;
  ANALYZE measure_fact_day;
  ANALYZE measure_span_day;
  ANALYZE measure_fact_month;
  ANALYZE measure_caseload_month;
END $fn$;
`)
    .execute(db);
}
