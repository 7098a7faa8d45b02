// After a bulk load of cases (an import, the demo caseload) the planner's statistics are empty or
// stale until autovacuum gets to them, and it then picks nested loops that make a caseworker's
// list take a second instead of milliseconds. The application may ask for fresh statistics; it
// owns no table, so this function (owned by the owner) does it for it.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`
CREATE FUNCTION refresh_casework_statistics() RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  ANALYZE child_case;
  ANALYZE case_worklist_entry;
  ANALYZE case_event;
END $$;
REVOKE ALL ON FUNCTION refresh_casework_statistics() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION refresh_casework_statistics() TO send_app;
`)
    .execute(db);
}
