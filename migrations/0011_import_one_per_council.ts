// Issue 12: imports share one queue, so one council's files could keep every other council's
// waiting and a council could run several at once. The database now holds each council to one
// running import (across every process), whatever the job workers do; a job that finds its
// council busy leaves its upload queued and tries again later (src/modules/imports, ADR 0007).
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`CREATE UNIQUE INDEX import_upload_one_running_per_council ON import_upload (council_id) WHERE state = 'running';`).execute(db);
}
