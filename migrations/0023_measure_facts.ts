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
CREATE INDEX measure_fact_date ON measure_fact (council_id, date);
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
CREATE INDEX measure_span_from ON measure_span (council_id, from_date);
${councilTableSql("measure_span", ["SELECT", "INSERT", "DELETE"])}

-- Existing cases get their rows from the next refresh.
UPDATE child_case SET derived_on = '2000-01-01';
`)
    .execute(db);
}
