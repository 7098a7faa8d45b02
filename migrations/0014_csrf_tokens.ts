// CSRF synchronizer tokens kept on the server (csrf-sync; docs/adr/0004): a signed-in person's token
// is a column of their session row; before sign-in, the sign-in form's token is a row of
// pre_session, found by the SHA-256 of a random cookie and gone an hour later.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`
ALTER TABLE user_session ADD COLUMN csrf_token text;

-- No council yet (nobody has signed in), so no council_id and no row-level security: a row holds
-- only a random token, found by the hash of a random cookie, and nothing about anybody.
CREATE TABLE pre_session (
  cookie_hash text PRIMARY KEY,
  csrf_token text NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX pre_session_expiry ON pre_session (expires_at);
GRANT SELECT, INSERT, DELETE ON pre_session TO send_app;
`)
    .execute(db);
}
