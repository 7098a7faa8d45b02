// Evidence files, and the impact judgement of an action (issue 13, What to build 4 and 5).
// Evidence is kept in the council's own rows (bytea under row-level security), so it is in the
// council's backups and no other council can read it; it is append-only: a file is never changed.
// The impact judgement is kept apart from the delivery status, because inspectors ask what changed
// for children, not whether tasks were done. Percent complete and weight already exist (0003).
import { type Kysely, sql } from "kysely";
import { councilTableSql } from "../src/platform/migration-sql.ts";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`
ALTER TABLE plan_action
  ADD COLUMN impact text NOT NULL DEFAULT 'not-assessed'
    CHECK (impact IN ('evidenced', 'emerging', 'too-early', 'not-assessed'));

CREATE TABLE plan_evidence (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  council_id uuid NOT NULL REFERENCES council(id),
  action_id uuid NOT NULL REFERENCES plan_action(id),
  -- Set when the file backs one update of the action rather than the action as a whole.
  update_id uuid REFERENCES action_update(id),
  file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
  -- Worked out from the content, never from the name or the browser's word for it.
  media_type text NOT NULL CHECK (length(media_type) BETWEEN 1 AND 200),
  size_bytes integer NOT NULL CHECK (size_bytes BETWEEN 1 AND 20971520),
  content bytea NOT NULL,
  uploaded_by uuid REFERENCES app_user(id),
  uploaded_by_name text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX plan_evidence_action ON plan_evidence (action_id, created_at);
${councilTableSql("plan_evidence", ["SELECT", "INSERT"])}
`)
    .execute(db);
}
