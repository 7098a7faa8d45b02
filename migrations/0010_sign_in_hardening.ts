// Sign-in hardening (issue 12, docs/adr/0004): sign-in limits kept in the database, password
// checks that never hand a hash to the application, and an audit table TRUNCATE cannot empty.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`
-- Audit rows were already refused UPDATE and DELETE row by row; TRUNCATE fires no row trigger.
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
  FOR EACH STATEMENT EXECUTE FUNCTION audit_event_is_append_only();

-- rate-limiter-flexible's PostgreSQL store (its own table layout). Keys are HMACs of the address
-- and account, so no email or address is kept here; sign-in happens before a council is known,
-- so this table has no council and no row-level security.
CREATE TABLE sign_in_limit (
  key varchar(255) PRIMARY KEY,
  points integer NOT NULL DEFAULT 0,
  expire bigint
);
GRANT SELECT, INSERT, UPDATE, DELETE ON sign_in_limit TO send_app;

-- A secret only the owner can read, so the salt offered for an unknown email is stable and looks
-- like a real one (which emails have accounts is not given away).
CREATE TABLE auth_secret (pepper bytea NOT NULL);
INSERT INTO auth_secret (pepper) VALUES (sha256(convert_to(gen_random_uuid()::text || gen_random_uuid()::text || clock_timestamp()::text, 'UTF8')));
REVOKE ALL ON auth_secret FROM PUBLIC;

-- The password hash never leaves the database by a lookup. Sign-in asks for the hash's
-- parameters and salt (not secret), works out the argon2id of the offered password with them,
-- and the database compares. A misused application role gets an online oracle that is counted
-- and audited, never hashes to crack offline, for any council.
DROP FUNCTION auth_find_user_by_email(text);
CREATE FUNCTION auth_find_user_by_email(p_email text)
RETURNS TABLE (id uuid, council_id uuid, disabled boolean)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT id, council_id, disabled FROM app_user WHERE email = lower(p_email)
$$;

CREATE FUNCTION auth_password_salt(p_email text) RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT coalesce(
    (SELECT regexp_replace(password_hash, '[$][^$]*$', '') FROM app_user WHERE email = lower(p_email)),
    '$argon2id$v=19$m=19456,t=2,p=1$' || rtrim(encode(substring(
      sha256((SELECT pepper FROM auth_secret LIMIT 1) || convert_to(lower(p_email), 'UTF8')) FROM 1 FOR 16), 'base64'), '=')
  )
$$;

-- Compares the offered hash with the stored one (by their SHA-256, so the time taken says
-- nothing about the stored value). A failure for a known account is audited here, in the
-- database, so even a direct call is recorded (never the password or either hash).
CREATE FUNCTION auth_check_password(p_email text, p_candidate text, p_details jsonb)
RETURNS TABLE (id uuid, council_id uuid, disabled boolean)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  u app_user%ROWTYPE;
BEGIN
  SELECT * INTO u FROM app_user WHERE email = lower(p_email);
  IF NOT FOUND THEN
    RETURN;
  END IF;
  IF sha256(convert_to(u.password_hash, 'UTF8')) = sha256(convert_to(coalesce(p_candidate, ''), 'UTF8')) THEN
    RETURN QUERY SELECT u.id, u.council_id, u.disabled;
    RETURN;
  END IF;
  INSERT INTO audit_event (council_id, actor_user_id, action, subject_type, subject_id, after)
  VALUES (u.council_id, NULL, 'sign-in.failed', 'user', u.id::text,
          coalesce(p_details, '{}'::jsonb) || jsonb_build_object('reason', 'wrong password'));
END $$;

-- Sign-in outcomes the application decides (throttled; an account switched off), audited in the
-- council of the account when the email has one.
CREATE FUNCTION auth_audit_sign_in(p_email text, p_action text, p_details jsonb) RETURNS boolean
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  u app_user%ROWTYPE;
BEGIN
  IF p_action NOT IN ('sign-in.failed', 'sign-in.throttled') THEN
    RAISE EXCEPTION 'not a sign-in audit action: %', p_action;
  END IF;
  SELECT * INTO u FROM app_user WHERE email = lower(p_email);
  IF NOT FOUND THEN
    RETURN false;
  END IF;
  INSERT INTO audit_event (council_id, actor_user_id, action, subject_type, subject_id, after)
  VALUES (u.council_id, NULL, p_action, 'user', u.id::text, coalesce(p_details, '{}'::jsonb));
  RETURN true;
END $$;

REVOKE ALL ON FUNCTION auth_find_user_by_email(text), auth_password_salt(text),
  auth_check_password(text, text, jsonb), auth_audit_sign_in(text, text, jsonb) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION auth_find_user_by_email(text), auth_password_salt(text),
  auth_check_password(text, text, jsonb), auth_audit_sign_in(text, text, jsonb) TO send_app;
`)
    .execute(db);
}
