// Imports run as background jobs (SPEC A11: "long imports show progress"). The held upload
// records what was asked (a check or the import itself), how far the job has got, and its
// outcome, so the progress page can be served while the job works.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`
ALTER TABLE import_upload
  ADD COLUMN state text NOT NULL DEFAULT 'held' CHECK (state IN ('held', 'queued', 'running', 'done', 'failed')),
  ADD COLUMN request jsonb,
  ADD COLUMN requested_by uuid REFERENCES app_user(id),
  ADD COLUMN phase text CHECK (phase IN ('reading', 'checking', 'saving')),
  ADD COLUMN done integer NOT NULL DEFAULT 0 CHECK (done >= 0),
  ADD COLUMN total integer NOT NULL DEFAULT 0 CHECK (total >= 0),
  ADD COLUMN outcome jsonb,
  ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
CREATE INDEX import_upload_updated ON import_upload (updated_at);
`)
    .execute(db);
}
