// Sign-in and sessions. Checking a password happens before the council is known, so it goes
// through the narrow owner functions of migrations 0001 and 0010; everything else runs under RLS.
import { type Kysely, sql } from "kysely";
import type { DB } from "../../platform/db-types.ts";
import type { Trx } from "../../platform/transaction.ts";

export interface SignInMatch {
  id: string;
  council_id: string;
  disabled: boolean;
}

/** The stored hash's algorithm, parameters and salt, never the hash itself (migration 0010). */
export async function findPasswordSalt(db: Kysely<DB>, email: string): Promise<string> {
  const { rows } = await sql<{ salt: string }>`select auth_password_salt(${email}) as salt`.execute(db);
  return rows[0]?.salt ?? "";
}

/** The account whose stored hash equals the offered one; the database audits a mismatch. */
export async function checkPassword(db: Kysely<DB>, email: string, candidateHash: string, details: object): Promise<SignInMatch | undefined> {
  const { rows } = await sql<SignInMatch>`select * from auth_check_password(${email}, ${candidateHash}, ${JSON.stringify(details)}::jsonb)`.execute(
    db,
  );
  return rows[0];
}

/** Audits a sign-in refused by the application, in the account's council; false when no account has the email. */
export async function auditSignIn(db: Kysely<DB>, email: string, action: "sign-in.failed" | "sign-in.throttled", details: object): Promise<boolean> {
  const { rows } = await sql<{
    audited: boolean;
  }>`select auth_audit_sign_in(${email}, ${action}, ${JSON.stringify(details)}::jsonb) as audited`.execute(db);
  return rows[0]?.audited ?? false;
}

export interface LiveSession {
  session_id: string;
  user_id: string;
  council_id: string;
  email: string;
  display_name: string;
  roles: string[];
  council_name: string;
  council_code: string;
  csrf_token: string | null;
}

/**
 * A live session with its person, council and CSRF token, in one call: the one query a signed-in
 * request makes before its page. It writes the session's last use at most once a minute (migration 0036).
 */
export async function findLiveSession(db: Kysely<DB>, tokenHash: string, idleMinutes: number): Promise<LiveSession | undefined> {
  const { rows } = await sql<LiveSession>`select * from auth_session_user(${tokenHash}, ${idleMinutes})`.execute(db);
  return rows[0];
}

export async function insertSession(trx: Trx, values: { councilId: string; userId: string; tokenHash: string; expiresAt: Date }): Promise<string> {
  const row = await trx
    .insertInto("user_session")
    .values({ council_id: values.councilId, user_id: values.userId, token_hash: values.tokenHash, expires_at: values.expiresAt })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function endSession(trx: Trx, sessionId: string): Promise<boolean> {
  const result = await trx
    .updateTable("user_session")
    .set({ ended_at: sql`now()` })
    .where("id", "=", sessionId)
    .where("ended_at", "is", null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function findSessionUser(trx: Trx, userId: string) {
  return trx
    .selectFrom("app_user")
    .innerJoin("council", "council.id", "app_user.council_id")
    .select([
      "app_user.id",
      "app_user.council_id",
      "app_user.email",
      "app_user.display_name",
      "app_user.roles",
      "council.name as council_name",
      "council.code as council_code",
    ])
    .where("app_user.id", "=", userId)
    .executeTakeFirst();
}

/** Whether a person may still sign in (an account switched off while its sign-in waited for a code may not). */
export async function findSignInState(trx: Trx, userId: string): Promise<{ email: string; disabled: boolean } | undefined> {
  return trx.selectFrom("app_user").select(["email", "disabled"]).where("id", "=", userId).executeTakeFirst();
}

// ---- CSRF tokens kept on the server (migration 0014, docs/adr/0004) --------------------------

export async function findSessionCsrfToken(trx: Trx, sessionId: string): Promise<string | undefined> {
  const row = await trx.selectFrom("user_session").select("csrf_token").where("id", "=", sessionId).executeTakeFirst();
  return row?.csrf_token ?? undefined;
}

export async function setSessionCsrfToken(trx: Trx, sessionId: string, token: string): Promise<void> {
  await trx.updateTable("user_session").set({ csrf_token: token }).where("id", "=", sessionId).where("csrf_token", "is", null).execute();
}

export async function findPreSessionCsrfToken(db: Kysely<DB>, cookieHash: string): Promise<string | undefined> {
  const row = await db
    .selectFrom("pre_session")
    .select("csrf_token")
    .where("cookie_hash", "=", cookieHash)
    .where("expires_at", ">", sql<Date>`now()`)
    .executeTakeFirst();
  return row?.csrf_token;
}

/** Adds a pre-session, and clears away those that have expired. */
export async function insertPreSession(db: Kysely<DB>, values: { cookieHash: string; csrfToken: string; expiresAt: Date }): Promise<void> {
  await db.deleteFrom("pre_session").where("expires_at", "<=", sql<Date>`now()`).execute();
  await db.insertInto("pre_session").values({ cookie_hash: values.cookieHash, csrf_token: values.csrfToken, expires_at: values.expiresAt }).execute();
}

export async function deletePreSession(db: Kysely<DB>, cookieHash: string): Promise<void> {
  await db.deleteFrom("pre_session").where("cookie_hash", "=", cookieHash).execute();
}
