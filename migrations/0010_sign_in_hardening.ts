// Sign-in hardening (issue 12, docs/adr/0004): sign-in limits kept in the database, password
// checks that never hand a hash to the application, and an audit table TRUNCATE cannot empty
// (with indexes for the audit trail's filtered pages).
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`
-- Audit rows were already refused UPDATE and DELETE row by row; TRUNCATE fires no row trigger.
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
  FOR EACH STATEMENT EXECUTE FUNCTION audit_event_is_append_only();
-- The audit trail's pages: a council's newest first, and one person's.
CREATE INDEX audit_event_council_newest ON audit_event (council_id, id DESC);
CREATE INDEX audit_event_council_actor ON audit_event (council_id, actor_user_id, id DESC);

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

-- Password hashes are kept apart, where send_app cannot read them in any council's transaction:
-- a write of an argon2 hash to app_user.password_hash (creating a person, a reset) is moved here
-- by a trigger, and the column keeps only a marker. Code that writes the column works unchanged.
CREATE TABLE app_user_password (
  user_id uuid PRIMARY KEY,
  password_hash text NOT NULL
);
REVOKE ALL ON app_user_password FROM PUBLIC;
INSERT INTO app_user_password (user_id, password_hash)
  SELECT id, password_hash FROM app_user WHERE password_hash LIKE '$argon2%';
UPDATE app_user SET password_hash = '(kept apart)' WHERE password_hash LIKE '$argon2%';
CREATE FUNCTION app_user_keep_password_apart() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF NEW.password_hash LIKE '$argon2%' THEN
    INSERT INTO app_user_password (user_id, password_hash) VALUES (NEW.id, NEW.password_hash)
      ON CONFLICT (user_id) DO UPDATE SET password_hash = EXCLUDED.password_hash;
    NEW.password_hash := '(kept apart)';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER app_user_password_apart BEFORE INSERT OR UPDATE OF password_hash ON app_user
  FOR EACH ROW EXECUTE FUNCTION app_user_keep_password_apart();

-- The stored hash of an account: kept apart, or (a value that is not an argon2 hash) in the column.
CREATE FUNCTION auth_stored_hash(p_user_id uuid, p_column text) RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT coalesce((SELECT password_hash FROM app_user_password WHERE user_id = p_user_id), p_column)
$$;
REVOKE ALL ON FUNCTION auth_stored_hash(uuid, text) FROM PUBLIC;

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
    (SELECT regexp_replace(auth_stored_hash(id, password_hash), '[$][^$]*$', '') FROM app_user WHERE email = lower(p_email)),
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
  -- Only an argon2 hash can match: an account without a password (a marker) never signs in here.
  IF auth_stored_hash(u.id, u.password_hash) LIKE '$argon2%'
     AND sha256(convert_to(auth_stored_hash(u.id, u.password_hash), 'UTF8')) = sha256(convert_to(coalesce(p_candidate, ''), 'UTF8')) THEN
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
