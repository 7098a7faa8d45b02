// Issue 14 part 3, fast pages: measured with bench/http.ts (autocannon, 50 connections) and the
// statements' own times in PostgreSQL's log on a Kent-size council (21,000 plans).
//
// 1. Every signed-in request wrote its session (`last_seen_at = now()`, a commit that waits for
//    the disk) and then read the person and the CSRF token in two more transactions. Now one call
//    reads the session, its person, council and CSRF token, and writes `last_seen_at` only when
//    it is a minute old or more. A session still ends when idle for the set time: never later,
//    and at most a minute sooner (the time since the last write is what counts).
// 2. The register sorted every child with a plan (21,000 rows) by surname on every page (140 ms)
//    and counted them by reading every case (58 ms): an index in the register's order, limited to
//    cases with a plan, gives a page and the count from the index alone.
// 3. A caseworker's worklist counts joined every worklist entry of the council to its case (a
//    sequential scan, 100 ms): with the council and case leading an index holding the list, the
//    caseworker's cases are found by theirs and each entry from the index alone. It replaces the
//    index on case_id alone (the tenant key leads every index). The caseworker's cases by name
//    come from an index too, so "My cases" reads 50 rows, not every case of the council by name.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`
CREATE FUNCTION auth_session_user(p_token_hash text, p_idle_minutes integer)
RETURNS TABLE (session_id uuid, user_id uuid, council_id uuid, email text, display_name text, roles text[],
               council_name text, council_code text, csrf_token text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  -- Seen again: written at most once a minute, and only for a session still live.
  UPDATE user_session s SET last_seen_at = now()
   WHERE s.token_hash = p_token_hash AND s.ended_at IS NULL AND s.expires_at > now()
     AND s.last_seen_at > now() - make_interval(mins => p_idle_minutes)
     AND s.last_seen_at <= now() - interval '1 minute';
  -- A live session is one not ended, not past its absolute expiry, not idle for too long, and
  -- whose person is not switched off. Only that session's own person and council are answered.
  RETURN QUERY
  SELECT s.id, s.user_id, s.council_id, u.email, u.display_name, u.roles, c.name, c.code, s.csrf_token
    FROM user_session s
    JOIN app_user u ON u.id = s.user_id
    JOIN council c ON c.id = s.council_id
   WHERE s.token_hash = p_token_hash AND NOT u.disabled
     AND s.ended_at IS NULL AND s.expires_at > now()
     AND s.last_seen_at > now() - make_interval(mins => p_idle_minutes);
END $$;
REVOKE ALL ON FUNCTION auth_session_user(text, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION auth_session_user(text, integer) TO send_app;
DROP FUNCTION auth_find_session(text, integer);

CREATE INDEX child_case_register_order ON child_case
  (council_id, (register->>'lastName'), (register->>'firstName'), date_of_birth, id) WHERE has_plan;

CREATE INDEX case_worklist_council_case ON case_worklist_entry (council_id, case_id, list);
DROP INDEX case_worklist_case;
CREATE INDEX child_case_caseworker_cases ON child_case (council_id, caseworker_user_id, child_name, id);
DROP INDEX child_case_caseworker;
`)
    .execute(db);
}
