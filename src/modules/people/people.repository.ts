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
