// Imports and closure (SPEC A11, A12): uploaded files held for 30 minutes between the preview
// and the commit, the mapping a person confirmed for each plan (used again on re-import), and
// each open action's disposition when a plan closes.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`
CREATE TABLE import_upload (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  council_id uuid NOT NULL REFERENCES council(id),
  file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 300),
  bytes bytea NOT NULL,
  mapping jsonb,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX import_upload_created ON import_upload (created_at);

CREATE TABLE plan_import_mapping (
  council_id uuid NOT NULL REFERENCES council(id),
  plan_id uuid PRIMARY KEY REFERENCES plan(id),
  mapping jsonb NOT NULL
);

CREATE TABLE plan_closure_disposition (
  council_id uuid NOT NULL REFERENCES council(id),
  action_id uuid PRIMARY KEY REFERENCES plan_action(id),
  disposition text NOT NULL CHECK (disposition IN ('completed', 'business-as-usual', 'carried', 'owner')),
  carried_to_plan_id uuid REFERENCES plan(id),
  carried_action_id uuid REFERENCES plan_action(id),
  owner text,
  note text NOT NULL DEFAULT '',
  decided_on date NOT NULL,
  CHECK ((disposition = 'carried') = (carried_to_plan_id IS NOT NULL)),
  CHECK (disposition <> 'owner' OR owner IS NOT NULL)
);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['import_upload', 'plan_import_mapping', 'plan_closure_disposition'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON %I USING (council_id = app_council_id()) WITH CHECK (council_id = app_council_id())', t || '_council', t);
  END LOOP;
END $$;

GRANT SELECT, INSERT, UPDATE, DELETE ON import_upload TO send_app;
GRANT SELECT, INSERT, UPDATE ON plan_import_mapping TO send_app;
GRANT SELECT, INSERT ON plan_closure_disposition TO send_app;
`)
    .execute(db);
}
