// SPEC D1: "access to a child's record needs a reason to see it, and every view of it is
// recorded". A person who is not the child's caseworker says why before the record opens; the
// reason holds for that person and that child for 12 hours (the longest a session lasts).
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`
CREATE TABLE case_access_reason (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  council_id uuid NOT NULL REFERENCES council(id),
  case_id uuid NOT NULL REFERENCES child_case(id),
  user_id uuid NOT NULL REFERENCES app_user(id),
  reason text NOT NULL CHECK (reason IN ('covering', 'managing', 'enquiry', 'data-quality', 'other')),
  detail text NOT NULL DEFAULT '' CHECK (length(detail) <= 500),
  given_at timestamptz NOT NULL DEFAULT now(),
  CHECK (reason <> 'other' OR length(detail) > 0)
);
CREATE INDEX case_access_reason_lookup ON case_access_reason (council_id, user_id, case_id, given_at);
ALTER TABLE case_access_reason ENABLE ROW LEVEL SECURITY;
CREATE POLICY case_access_reason_council ON case_access_reason
  USING (council_id = app_council_id()) WITH CHECK (council_id = app_council_id());
GRANT SELECT, INSERT ON case_access_reason TO send_app;
`)
    .execute(db);
}
