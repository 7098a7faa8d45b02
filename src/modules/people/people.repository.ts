import { type Kysely, sql } from "kysely";
import type { DB } from "../../platform/db-types.ts";
import type { Trx } from "../../platform/transaction.ts";

export async function councilIdForCode(db: Kysely<DB>, code: string): Promise<string | undefined> {
  const { rows } = await sql<{ id: string | null }>`select council_id_for_code(${code}) as id`.execute(db);
  return rows[0]?.id ?? undefined;
}

export async function insertCouncil(trx: Trx, council: { id: string; code: string; name: string }) {
  return trx.insertInto("council").values(council).returning(["id", "code", "name"]).executeTakeFirstOrThrow();
}

export async function findCouncil(trx: Trx, id: string) {
  return trx.selectFrom("council").select(["id", "code", "name"]).where("id", "=", id).executeTakeFirst();
}

export async function insertUser(trx: Trx, user: { councilId: string; email: string; displayName: string; passwordHash: string; roles: string[] }) {
  return trx
    .insertInto("app_user")
    .values({
      council_id: user.councilId,
      email: user.email,
      display_name: user.displayName,
      password_hash: user.passwordHash,
      roles: user.roles,
    })
    .returning(["id", "email", "display_name", "roles"])
    .executeTakeFirstOrThrow();
}

export async function emailInUse(trx: Trx, email: string): Promise<boolean> {
  // Sign-in's lookup crosses councils: an email can belong to one account in the installation.
  const { rows } = await sql<{ id: string }>`select id from auth_find_user_by_email(${email})`.execute(trx);
  return rows.length > 0;
}

export async function listUsers(trx: Trx) {
  return trx.selectFrom("app_user").select(["id", "email", "display_name", "roles", "disabled"]).orderBy("display_name").execute();
}

export async function listRecentAuditForUser(trx: Trx, userId: string, limit: number) {
  return trx
    .selectFrom("audit_event")
    .select(["at", "action", "subject_type"])
    .where("actor_user_id", "=", userId)
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
}

// ---- People on pages (issue 12) ------------------------------------------------------------------

// The start of the person's latest session (sessions are kept, ended, never deleted).
const lastSignIn = sql<Date | null>`(select max(s.created_at) from user_session s where s.user_id = app_user.id)`.as("last_signed_in_at");

export async function countPeople(trx: Trx): Promise<number> {
  const row = await trx
    .selectFrom("app_user")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listPeoplePage(trx: Trx, offset: number, limit: number) {
  return trx
    .selectFrom("app_user")
    .select(["id", "email", "display_name", "roles", "disabled", "sso_subject", lastSignIn])
    .select(sql<boolean>`password_hash <> '(kept apart)' and sso_subject is null`.as("awaiting_password"))
    .orderBy("display_name")
    .orderBy("id")
    .offset(offset)
    .limit(limit)
    .execute();
}

export async function findPerson(trx: Trx, id: string) {
  return trx
    .selectFrom("app_user")
    .select(["id", "email", "display_name", "roles", "disabled", "sso_subject", "created_at", lastSignIn])
    .select(sql<boolean>`password_hash <> '(kept apart)' and sso_subject is null`.as("awaiting_password"))
    .select(sql<boolean>`exists (select 1 from user_second_factor f where f.user_id = app_user.id and f.confirmed_at is not null)`.as("two_step_on"))
    .where("id", "=", id)
    .executeTakeFirst();
}

/** Locks the council's administrators' rows, so two changes at once cannot remove the last one. */
export async function lockActiveAdministrators(trx: Trx): Promise<string[]> {
  const rows = await trx
    .selectFrom("app_user")
    .select("id")
    .where("disabled", "=", false)
    .where(sql<boolean>`'administrator' = any(roles)`)
    .forUpdate()
    .execute();
  return rows.map((r) => r.id);
}

export async function setRoles(trx: Trx, id: string, roles: string[]): Promise<void> {
  await trx.updateTable("app_user").set({ roles }).where("id", "=", id).execute();
}

export async function setDisabled(trx: Trx, id: string, disabled: boolean): Promise<void> {
  await trx.updateTable("app_user").set({ disabled }).where("id", "=", id).execute();
}

/** Ends every live session of a person, so a switched-off account is signed out at once. */
export async function endSessionsOf(trx: Trx, userId: string): Promise<number> {
  const result = await trx
    .updateTable("user_session")
    .set({ ended_at: sql`now()` })
    .where("user_id", "=", userId)
    .where("ended_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function insertInvitedUser(trx: Trx, user: { councilId: string; email: string; displayName: string; roles: string[] }) {
  return trx
    .insertInto("app_user")
    .values({
      council_id: user.councilId,
      email: user.email,
      display_name: user.displayName,
      // Not an argon2 hash, so nobody can sign in with a password until the link is used.
      password_hash: "(invited)",
      roles: user.roles,
    })
    .returning(["id", "email", "display_name", "roles"])
    .executeTakeFirstOrThrow();
}

/** A new link for a person; any earlier unused link of theirs stops working. */
export async function insertPasswordLink(
  trx: Trx,
  link: { councilId: string; userId: string; purpose: "invite" | "reset"; tokenHash: string; createdBy: string | null; expiresAt: Date },
): Promise<string> {
  await trx.updateTable("password_link").set({ used_at: sql`now()` }).where("user_id", "=", link.userId).where("used_at", "is", null).execute();
  const row = await trx
    .insertInto("password_link")
    .values({
      council_id: link.councilId,
      user_id: link.userId,
      purpose: link.purpose,
      token_hash: link.tokenHash,
      created_by: link.createdBy,
      expires_at: link.expiresAt,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findLiveLink(db: Kysely<DB>, tokenHash: string) {
  const { rows } = await sql<{
    link_id: string;
    council_id: string;
    user_id: string;
    purpose: "invite" | "reset";
  }>`select * from auth_find_password_link(${tokenHash})`.execute(db);
  return rows[0];
}

/** Marks a link used; false when it was used (or replaced) meanwhile. */
export async function useLink(trx: Trx, linkId: string): Promise<boolean> {
  const result = await trx
    .updateTable("password_link")
    .set({ used_at: sql`now()` })
    .where("id", "=", linkId)
    .where("used_at", "is", null)
    .where("expires_at", ">", sql<Date>`now()`)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function setPasswordHash(trx: Trx, userId: string, passwordHash: string): Promise<void> {
  // The trigger of migration 0010 moves the hash where the application cannot read it.
  await trx.updateTable("app_user").set({ password_hash: passwordHash }).where("id", "=", userId).execute();
}
