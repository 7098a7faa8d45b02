// Statutory casework (SPEC B1-B6). Each child's case is a record derived from an append-only
// log of events (who recorded what, when); the current record and what the worklists and the
// register need from it are kept beside it, refreshed on every change and every day.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`
CREATE TABLE child_case (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  council_id uuid NOT NULL REFERENCES council(id),
  -- The current CaseRecord (src/domain/cases/types.ts), derived from case_event.
  record jsonb NOT NULL,
  child_name text NOT NULL,
  date_of_birth date NOT NULL,
  upn text,
  caseworker_user_id uuid REFERENCES app_user(id),
  has_plan boolean NOT NULL DEFAULT false,
  -- The register row (the WSOA's list) as worked out on derived_on.
  register jsonb,
  derived_on date NOT NULL,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX child_case_council_name ON child_case (council_id, child_name);
CREATE INDEX child_case_caseworker ON child_case (council_id, caseworker_user_id);
CREATE INDEX child_case_derived ON child_case (council_id, derived_on);

-- Append-only: what was recorded, by whom and when.
CREATE TABLE case_event (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  council_id uuid NOT NULL REFERENCES council(id),
  case_id uuid NOT NULL REFERENCES child_case(id),
  kind text NOT NULL,
  data jsonb NOT NULL,
  recorded_by uuid REFERENCES app_user(id),
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_event_case ON case_event (case_id, id);

-- Why each case is on each worklist, as worked out on derived_on (replaced on every change).
CREATE TABLE case_worklist_entry (
  council_id uuid NOT NULL REFERENCES council(id),
  case_id uuid NOT NULL REFERENCES child_case(id),
  list text NOT NULL,
  reason text NOT NULL,
  due date,
  subject text
);
CREATE INDEX case_worklist_list ON case_worklist_entry (council_id, list, due);
CREATE INDEX case_worklist_case ON case_worklist_entry (case_id);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['child_case', 'case_event', 'case_worklist_entry'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON %I USING (council_id = app_council_id()) WITH CHECK (council_id = app_council_id())', t || '_council', t);
  END LOOP;
END $$;

-- The background refresh of worklists needs to know which councils there are (ids only).
CREATE FUNCTION council_ids() RETURNS SETOF uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$ SELECT id FROM council ORDER BY id $$;
REVOKE ALL ON FUNCTION council_ids() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION council_ids() TO send_app;

GRANT SELECT, INSERT, UPDATE ON child_case TO send_app;
GRANT SELECT, INSERT ON case_event TO send_app;
GRANT SELECT, INSERT, DELETE ON case_worklist_entry TO send_app;
`)
    .execute(db);
}
