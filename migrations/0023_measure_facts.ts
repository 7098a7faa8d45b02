// Issue 16 (speed): each case's measure facts stored beside the case, so a measure for a period is
// one grouped query rather than every record read and put through the statutory clock. Rows are
// worked out by src/domain/measures/facts.ts and replaced with the case's worklists, in the same
// transaction as the case's event (and by the daily refresh, as dates move on). Derived data only:
// the case record stays the source, so every case is marked for the refresh to fill them in.
import { type Kysely, sql } from "kysely";
import { councilTableSql } from "../src/platform/migration-sql.ts";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`
-- One row per flow fact: a request, a decision, a plan issued, a review held, advice returned.
CREATE TABLE measure_fact (
  council_id uuid NOT NULL REFERENCES council(id),
  case_id uuid NOT NULL REFERENCES child_case(id) ON DELETE CASCADE,
  measure text NOT NULL,
  date date NOT NULL,
  counted boolean NOT NULL,
  service text,
  primary_need text NOT NULL,
  caseworker_id text NOT NULL,
  setting_type text NOT NULL,
  year_group integer NOT NULL
);
CREATE INDEX measure_fact_case ON measure_fact (case_id);
-- Covering the dashboard's unfiltered count, so it is read from the index alone.
CREATE INDEX measure_fact_date ON measure_fact (council_id, date) INCLUDE (measure, counted, service);
${councilTableSql("measure_fact", ["SELECT", "INSERT", "DELETE"])}

-- The days a plan is in force, cut wherever a snapshot measure would count the child differently.
CREATE TABLE measure_span (
  council_id uuid NOT NULL REFERENCES council(id),
  case_id uuid NOT NULL REFERENCES child_case(id) ON DELETE CASCADE,
  from_date date NOT NULL,
  to_date date,
  out_of_authority boolean NOT NULL,
  visit_due boolean NOT NULL,
  visited boolean NOT NULL,
  awaiting_provision boolean NOT NULL,
  missing_education boolean NOT NULL,
  primary_need text NOT NULL,
  caseworker_id text NOT NULL,
  setting_type text NOT NULL,
  year_group integer NOT NULL,
  date_of_birth date NOT NULL,
  CHECK (to_date IS NULL OR to_date >= from_date)
);
CREATE INDEX measure_span_case ON measure_span (case_id);
CREATE INDEX measure_span_from ON measure_span (council_id, from_date)
  INCLUDE (to_date, out_of_authority, visit_due, visited, awaiting_provision, missing_education);
${councilTableSql("measure_span", ["SELECT", "INSERT", "DELETE"])}

-- The dashboard's whole-council counts, day by day, kept by statement triggers as rows come and
-- go (so in the same transaction as the case's event): a five-year series reads a few thousand
-- rows instead of every fact. Filtered figures are counted from the rows above.
CREATE TABLE measure_fact_day (
  council_id uuid NOT NULL REFERENCES council(id),
  date date NOT NULL,
  measure text NOT NULL,
  service text NOT NULL,
  total integer NOT NULL,
  counted integer NOT NULL,
  PRIMARY KEY (council_id, date, measure, service)
);
${councilTableSql("measure_fact_day", ["SELECT", "INSERT", "UPDATE"])}

-- A span adds one on its first day and takes it away the day after its last.
CREATE TABLE measure_span_day (
  council_id uuid NOT NULL REFERENCES council(id),
  day date NOT NULL,
  in_force integer NOT NULL,
  out_of_authority integer NOT NULL,
  visit_due integer NOT NULL,
  visited integer NOT NULL,
  awaiting_provision integer NOT NULL,
  missing_education integer NOT NULL,
  PRIMARY KEY (council_id, day)
);
${councilTableSql("measure_span_day", ["SELECT", "INSERT", "UPDATE"])}

-- Rows added count in, rows removed count out; keys in order, so two writers never deadlock.
CREATE FUNCTION measure_fact_day_keep() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE sign integer := CASE WHEN TG_OP = 'INSERT' THEN 1 ELSE -1 END;
BEGIN
  INSERT INTO measure_fact_day AS d (council_id, date, measure, service, total, counted)
  SELECT council_id, date, measure, coalesce(service, ''), sign * count(*), sign * count(*) FILTER (WHERE counted)
    FROM changed GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
  ON CONFLICT (council_id, date, measure, service)
  DO UPDATE SET total = d.total + excluded.total, counted = d.counted + excluded.counted;
  RETURN NULL;
END $fn$;
CREATE TRIGGER measure_fact_added AFTER INSERT ON measure_fact REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION measure_fact_day_keep();
CREATE TRIGGER measure_fact_removed AFTER DELETE ON measure_fact REFERENCING OLD TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION measure_fact_day_keep();

CREATE FUNCTION measure_span_day_keep() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE sign integer := CASE WHEN TG_OP = 'INSERT' THEN 1 ELSE -1 END;
BEGIN
  INSERT INTO measure_span_day AS d (council_id, day, in_force, out_of_authority, visit_due, visited, awaiting_provision, missing_education)
  SELECT council_id, day, sign * sum(delta), sign * coalesce(sum(delta) FILTER (WHERE out_of_authority), 0),
         sign * coalesce(sum(delta) FILTER (WHERE visit_due), 0), sign * coalesce(sum(delta) FILTER (WHERE visited), 0),
         sign * coalesce(sum(delta) FILTER (WHERE awaiting_provision), 0), sign * coalesce(sum(delta) FILTER (WHERE missing_education), 0)
    FROM (
      SELECT council_id, from_date AS day, 1 AS delta, out_of_authority, visit_due, visited, awaiting_provision, missing_education
        FROM changed
      UNION ALL
      SELECT council_id, to_date + 1, -1, out_of_authority, visit_due, visited, awaiting_provision, missing_education
        FROM changed WHERE to_date IS NOT NULL
    ) AS change
   GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT (council_id, day) DO UPDATE SET
    in_force = d.in_force + excluded.in_force,
    out_of_authority = d.out_of_authority + excluded.out_of_authority,
    visit_due = d.visit_due + excluded.visit_due,
    visited = d.visited + excluded.visited,
    awaiting_provision = d.awaiting_provision + excluded.awaiting_provision,
    missing_education = d.missing_education + excluded.missing_education;
  RETURN NULL;
END $fn$;
CREATE TRIGGER measure_span_added AFTER INSERT ON measure_span REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION measure_span_day_keep();
CREATE TRIGGER measure_span_removed AFTER DELETE ON measure_span REFERENCING OLD TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION measure_span_day_keep();

-- The planner's figures for the new tables are refreshed with the casework's (after a large import).
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
END $fn$;

-- SPEC C3: where a bound measure does not support the lead's rating, the lead may keep the rating
-- and say why. Kept for the rating given at the time (a new rating needs a new reason); never
-- edited, a later reason for the same rating is read instead. Audited by the service.
CREATE TABLE measure_rating_kept (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  council_id uuid NOT NULL REFERENCES council(id),
  link_id uuid NOT NULL REFERENCES action_measure_link(id) ON DELETE CASCADE,
  rating text NOT NULL CHECK (length(rating) BETWEEN 1 AND 60),
  reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
  kept_by uuid REFERENCES app_user(id),
  kept_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX measure_rating_kept_link ON measure_rating_kept (council_id, link_id, kept_at);
${councilTableSql("measure_rating_kept", ["SELECT", "INSERT"])}

-- Existing cases get their rows from the next refresh.
UPDATE child_case SET derived_on = '2000-01-01';
`)
    .execute(db);
}
