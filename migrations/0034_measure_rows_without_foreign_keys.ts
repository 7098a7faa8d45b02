// Issue 17 (a Kent-size SEN2 file read in under 30 s): the measure rows of migration 0023 are
// derived from the case record and replaced with it, in the same transaction, by the one service
// that writes them; cases are never deleted. Their foreign keys to the council and the case cost a
// lookup and a row lock each per row written (EXPLAIN ANALYZE on 45,703 facts: 1.5 s of 3.3 s),
// which is most of reading in a council's caseload. Row-level security still ties each row to its
// council; the case record stays the source, and the daily refresh rebuilds the rows from it.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE measure_fact DROP CONSTRAINT measure_fact_council_id_fkey, DROP CONSTRAINT measure_fact_case_id_fkey;
    ALTER TABLE measure_span DROP CONSTRAINT measure_span_council_id_fkey, DROP CONSTRAINT measure_span_case_id_fkey;
  `.execute(db);
}
