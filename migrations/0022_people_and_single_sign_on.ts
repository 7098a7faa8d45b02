// People managed on pages and single sign-on (issue 12, What to build 1 and 2): one-time links to
// set a password (an invitation or a reset), each council's OpenID Connect
// settings, and the short-lived state of a sign-in at the council's identity provider.
import { type Kysely, sql } from "kysely";
import { councilTableSql } from "../src/platform/migration-sql.ts";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`
-- The person's identity-provider id: Entra ID's "oid", unique in the council's tenant.
ALTER TABLE app_user ADD COLUMN sso_subject text CHECK (length(sso_subject) BETWEEN 1 AND 200);
CREATE UNIQUE INDEX app_user_sso_subject ON app_user (council_id, sso_subject) WHERE sso_subject IS NOT NULL;

-- A one-time link that lets a person set their password: an invitation or a reset. Only the
-- SHA-256 of the token is kept, so a copy of the database cannot use a link.
CREATE TABLE password_link (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  council_id uuid NOT NULL REFERENCES council(id),
  user_id uuid NOT NULL REFERENCES app_user(id),
  purpose text NOT NULL CHECK (purpose IN ('invite', 'reset')),
  token_hash text NOT NULL UNIQUE,
  created_by uuid REFERENCES app_user(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);
CREATE INDEX password_link_user ON password_link (council_id, user_id);
${councilTableSql("password_link")}

-- The person opening a link is not signed in, so the council is not known yet: this narrow
-- function answers only which live link a token hash is.
CREATE FUNCTION auth_find_password_link(p_token_hash text)
RETURNS TABLE (link_id uuid, council_id uuid, user_id uuid, purpose text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT l.id, l.council_id, l.user_id, l.purpose FROM password_link l JOIN app_user u ON u.id = l.user_id
  WHERE l.token_hash = p_token_hash AND l.used_at IS NULL AND l.expires_at > now() AND NOT u.disabled
$$;
REVOKE ALL ON FUNCTION auth_find_password_link(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION auth_find_password_link(text) TO send_app;

-- A council's OpenID Connect settings (Microsoft Entra ID). The client secret is never stored:
-- it is read from the environment (OIDC_CLIENT_SECRET_<COUNCIL CODE>).
CREATE TABLE council_sso (
  council_id uuid PRIMARY KEY REFERENCES council(id),
  issuer text NOT NULL CHECK (issuer ~ '^https?://' AND length(issuer) <= 500),
  client_id text NOT NULL CHECK (length(client_id) BETWEEN 1 AND 200),
  tenant_id text NOT NULL CHECK (length(tenant_id) BETWEEN 1 AND 200),
  -- Off: only people the council has invited get in. On: anyone of the tenant with a role.
  admit_uninvited boolean NOT NULL DEFAULT false,
  -- Entra group object ids to our roles, for councils that use groups instead of app roles.
  group_roles jsonb NOT NULL DEFAULT '{}'::jsonb,
  updated_at timestamptz NOT NULL DEFAULT now()
);
${councilTableSql("council_sso")}

-- Which councils offer single sign-on, for the sign-in page (no one is signed in yet).
CREATE FUNCTION auth_sso_councils()
RETURNS TABLE (council_id uuid, code text, name text, issuer text, client_id text, tenant_id text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT c.id, c.code, c.name, s.issuer, s.client_id, s.tenant_id FROM council_sso s JOIN council c ON c.id = s.council_id ORDER BY c.name
$$;
REVOKE ALL ON FUNCTION auth_sso_councils() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION auth_sso_councils() TO send_app;

-- A sign-in under way at an identity provider, found by the SHA-256 of its state: the PKCE
-- verifier and nonce wait here for the provider to send the person back. No council's data.
CREATE TABLE sso_attempt (
  state_hash text PRIMARY KEY,
  council_id uuid NOT NULL REFERENCES council(id),
  code_verifier text NOT NULL,
  nonce text NOT NULL,
  return_to text NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX sso_attempt_expiry ON sso_attempt (expires_at);
GRANT SELECT, INSERT, DELETE ON sso_attempt TO send_app;
`)
    .execute(db);
}
