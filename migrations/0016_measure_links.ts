// SPEC A7, C3: an action's success measure bound to a registry measure, with a baseline (value and
// date) and a target (value and date). The live figure is worked out from the casework each time;
// only the binding is stored. Changes are audited by the service; a binding is removed, not edited.
import { type Kysely, sql } from "kysely";
import { councilTableSql } from "../src/platform/migration-sql.ts";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`
CREATE TABLE action_measure_link (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  council_id uuid NOT NULL REFERENCES council(id),
  action_id uuid NOT NULL REFERENCES plan_action(id),
  measure_id text NOT NULL CHECK (length(measure_id) BETWEEN 1 AND 60),
  baseline_value numeric,
  baseline_date date,
  target_value numeric NOT NULL,
  target_date date NOT NULL,
  created_by uuid REFERENCES app_user(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((baseline_value IS NULL) = (baseline_date IS NULL)),
  CHECK (baseline_date IS NULL OR baseline_date < target_date),
  UNIQUE (action_id, measure_id)
);
CREATE INDEX action_measure_link_action ON action_measure_link (council_id, action_id);
${councilTableSql("action_measure_link", ["SELECT", "INSERT", "DELETE"])}
`)
    .execute(db);
}
