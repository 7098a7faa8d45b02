// Issue 12 (What to build 1): an optional second step for local accounts, a code from an
// authenticator app (TOTP, RFC 6238), with recovery codes for a lost phone. Single sign-on people
// get their second factor from the council's identity provider, so this is for passwords only.
// Also: a count of running imports across councils, for a cap every process keeps to.
import { type Kysely, sql } from "kysely";
import { councilTableSql } from "../src/platform/migration-sql.ts";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`
-- A person's authenticator app. The secret must be readable to check a code, so it is kept under
-- row-level security; until confirmed_at is set it is being set up and does not guard sign-in.
CREATE TABLE user_second_factor (
  user_id uuid PRIMARY KEY REFERENCES app_user(id),
  council_id uuid NOT NULL REFERENCES council(id),
  secret text NOT NULL CHECK (secret ~ '^[A-Z2-7]{32}$'),
  created_at timestamptz NOT NULL DEFAULT now(),
  confirmed_at timestamptz,
  -- The last time step whose code was accepted: a code is never accepted twice (RFC 6238 5.2).
  last_used_step bigint NOT NULL DEFAULT 0
);
${councilTableSql("user_second_factor", ["SELECT", "INSERT", "UPDATE", "DELETE"])}

-- Recovery codes: only their SHA-256 (each code has 80 random bits), each usable once.
CREATE TABLE recovery_code (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  council_id uuid NOT NULL REFERENCES council(id),
  user_id uuid NOT NULL REFERENCES app_user(id),
  code_hash text NOT NULL CHECK (code_hash ~ '^[0-9a-f]{64}$'),
  used_at timestamptz,
  UNIQUE (user_id, code_hash)
);
${councilTableSql("recovery_code", ["SELECT", "INSERT", "UPDATE", "DELETE"])}

-- A sign-in whose password was right, waiting for its code: found by the SHA-256 of a random
-- cookie, for five minutes. No council's records, like sso_attempt.
CREATE TABLE sign_in_second_step (
  token_hash text PRIMARY KEY CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  council_id uuid NOT NULL REFERENCES council(id),
  user_id uuid NOT NULL REFERENCES app_user(id),
  return_to text NOT NULL CHECK (length(return_to) < 2000),
  address text NOT NULL CHECK (length(address) <= 100),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sign_in_second_step_expiry ON sign_in_second_step (expires_at);
GRANT SELECT, INSERT, DELETE ON sign_in_second_step TO send_app;

-- Issue 12 (one person can starve everyone): how many imports are running in all councils, so
-- every process keeps to one cap. Only a number crosses councils; row-level security hides the rest.
CREATE FUNCTION import_running_count()
RETURNS integer
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT count(*)::integer FROM import_upload WHERE state = 'running'
$$;
REVOKE ALL ON FUNCTION import_running_count() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION import_running_count() TO send_app;
`)
    .execute(db);
}
