// Foundation: councils, people, sessions, audit; the application role and row-level security.
// Forward-only: a mistake is corrected by a new migration, never by editing this one.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`
-- The application's role: not superuser, owns nothing, so row-level security always applies.
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'send_app') THEN
    CREATE ROLE send_app NOLOGIN NOSUPERUSER NOBYPASSRLS;
  END IF;
END $$;
-- The owner (whoever runs migrations) must be able to SET ROLE send_app.
DO $$ BEGIN
  EXECUTE format('GRANT send_app TO %I', current_user);
EXCEPTION WHEN others THEN NULL; -- a superuser already can
END $$;

-- The council (and user) a transaction acts for, set by the service with set_config(..., true).
CREATE FUNCTION app_council_id() RETURNS uuid LANGUAGE sql STABLE AS
  $$ SELECT nullif(current_setting('app.council_id', true), '')::uuid $$;
CREATE FUNCTION app_user_id() RETURNS uuid LANGUAGE sql STABLE AS
  $$ SELECT nullif(current_setting('app.user_id', true), '')::uuid $$;

CREATE TABLE council (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code text NOT NULL UNIQUE CHECK (code ~ '^[A-Z0-9-]{2,20}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE app_user (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  council_id uuid NOT NULL REFERENCES council(id),
  email text NOT NULL CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 254),
  display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
  password_hash text NOT NULL,
  roles text[] NOT NULL CHECK (
    cardinality(roles) > 0 AND roles <@ ARRAY['administrator','send_manager','caseworker','improvement_lead','board_member','councillor']::text[]
  ),
  disabled boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (email)
);
CREATE INDEX app_user_council ON app_user (council_id);

CREATE TABLE user_session (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  council_id uuid NOT NULL REFERENCES council(id),
  user_id uuid NOT NULL REFERENCES app_user(id),
  token_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  ended_at timestamptz
);
CREATE INDEX user_session_user ON user_session (council_id, user_id);

-- Append-only: the application may add and read audit rows, never change or remove them.
CREATE TABLE audit_event (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  council_id uuid NOT NULL REFERENCES council(id),
  actor_user_id uuid REFERENCES app_user(id),
  at timestamptz NOT NULL DEFAULT now(),
  action text NOT NULL,
  subject_type text NOT NULL,
  subject_id text NOT NULL,
  before jsonb,
  after jsonb
);
CREATE INDEX audit_event_subject ON audit_event (council_id, subject_type, subject_id);
CREATE FUNCTION audit_event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_event rows cannot be changed or removed';
END $$;
CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
  FOR EACH ROW EXECUTE FUNCTION audit_event_is_append_only();

-- Row-level security: a transaction sees and writes only its own council's rows.
ALTER TABLE council ENABLE ROW LEVEL SECURITY;
CREATE POLICY council_own ON council USING (id = app_council_id()) WITH CHECK (id = app_council_id());
ALTER TABLE app_user ENABLE ROW LEVEL SECURITY;
CREATE POLICY app_user_council ON app_user USING (council_id = app_council_id()) WITH CHECK (council_id = app_council_id());
ALTER TABLE user_session ENABLE ROW LEVEL SECURITY;
CREATE POLICY user_session_council ON user_session USING (council_id = app_council_id()) WITH CHECK (council_id = app_council_id());
ALTER TABLE audit_event ENABLE ROW LEVEL SECURITY;
CREATE POLICY audit_event_council ON audit_event USING (council_id = app_council_id()) WITH CHECK (council_id = app_council_id());

GRANT USAGE ON SCHEMA public TO send_app;
GRANT SELECT, INSERT, UPDATE ON council, app_user, user_session TO send_app;
GRANT SELECT, INSERT ON audit_event TO send_app;
GRANT SELECT ON kysely_migration TO send_app; -- so /health can report pending migrations

-- Sign-in happens before the council is known. These two narrow functions, run as the owner,
-- answer only what sign-in needs; nothing else crosses councils.
CREATE FUNCTION auth_find_user_by_email(p_email text)
RETURNS TABLE (id uuid, council_id uuid, password_hash text, disabled boolean)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT id, council_id, password_hash, disabled FROM app_user WHERE email = lower(p_email)
$$;
CREATE FUNCTION auth_find_session(p_token_hash text, p_idle_minutes integer)
RETURNS TABLE (session_id uuid, user_id uuid, council_id uuid)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  -- A live session is one not ended, not past its absolute expiry and not idle for too long.
  RETURN QUERY
  UPDATE user_session s SET last_seen_at = now()
  FROM app_user u
  WHERE s.token_hash = p_token_hash AND u.id = s.user_id AND NOT u.disabled
    AND s.ended_at IS NULL AND s.expires_at > now()
    AND s.last_seen_at > now() - make_interval(mins => p_idle_minutes)
  RETURNING s.id, s.user_id, s.council_id;
END $$;
CREATE FUNCTION council_id_for_code(p_code text) RETURNS uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT id FROM council WHERE code = upper(p_code)
$$;
REVOKE ALL ON FUNCTION auth_find_user_by_email(text), auth_find_session(text, integer), council_id_for_code(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION auth_find_user_by_email(text), auth_find_session(text, integer), council_id_for_code(text) TO send_app;

-- pg-boss keeps its queues here. It creates tables as it runs, so send_app owns this schema; it
-- holds job ids and names only, never a child's details.
CREATE SCHEMA IF NOT EXISTS pgboss AUTHORIZATION send_app;
-- pg-boss starts with CREATE SCHEMA IF NOT EXISTS, which PostgreSQL checks against the database.
DO $$ BEGIN
  EXECUTE format('GRANT CREATE ON DATABASE %I TO send_app', current_database());
END $$;
`)
    .execute(db);
}
