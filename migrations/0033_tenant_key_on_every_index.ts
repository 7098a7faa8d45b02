// Issue 14 part 5 (SPEC D4, the path to Citus; docs/adr/0008): the tenant key, council_id, first in
// every index of a council-owned table. Every query of the application runs for one council (row-
// level security adds council_id = the acting council to each), so an index that starts with the
// council serves it as well as before and keeps each council's entries together; sharded by
// council (Citus), each shard's indexes then hold one council's rows. The unique keys and
// primary keys without it are listed, with their reasons, in src/platform/tenant-key.db.test.ts.
import { type Kysely, sql } from "kysely";

/** Each index found without council_id by the catalog test, and its columns after council_id. */
const INDEXES: [index: string, table: string, columns: string][] = [
  ["action_update_action", "action_update", "action_id, update_date, sequence"],
  ["advice_file_link", "advice_file", "link_id"],
  ["case_event_case", "case_event", "case_id, id"],
  ["case_worklist_case", "case_worklist_entry", "case_id"],
  ["import_upload_created", "import_upload", "created_at"],
  ["import_upload_updated", "import_upload", "updated_at"],
  ["measure_fact_case", "measure_fact", "case_id"],
  ["measure_span_case", "measure_span", "case_id"],
  ["meeting_decision_action", "meeting_decision", "action_id, meeting_date"],
  ["plan_action_plan", "plan_action", 'plan_id, "position"'],
  ["plan_action_section", "plan_action", "section_id"],
  ["plan_action_forum_forum", "plan_action_forum", "forum_id"],
  ["plan_action_move_action", "plan_action_move", "action_id, moved_on, created_at"],
  ["plan_evidence_action", "plan_evidence", "action_id, created_at"],
  ["plan_section_plan", "plan_section", 'plan_id, "position"'],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(INDEXES.map(([index, table, columns]) => `DROP INDEX ${index};\nCREATE INDEX ${index} ON ${table} (council_id, ${columns});`).join("\n"))
    .execute(db);
}
