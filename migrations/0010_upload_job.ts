// The job working on a held upload, so an upload stuck after a crash (its job gone, or silent for
// too long) can be told apart from one still being worked on, and tried again (issue 12).
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw("ALTER TABLE import_upload ADD COLUMN job_id text;").execute(db);
}
