// Single sign-on (issue 12): each council's OpenID Connect settings, sign-ins under way at an
// identity provider, and the person an identity-provider account belongs to.
import { type Kysely, sql } from "kysely";
import type { DB } from "../../platform/db-types.ts";
import type { Trx } from "../../platform/transaction.ts";

export interface SsoCouncil {
  council_id: string;
  code: string;
  name: string;
  issuer: string;
  client_id: string;
  tenant_id: string;
}

/** Councils that offer single sign-on; asked before anyone is signed in (migration 0022). */
export async function listSsoCouncils(db: Kysely<DB>): Promise<SsoCouncil[]> {
  const { rows } = await sql<SsoCouncil>`select * from auth_sso_councils()`.execute(db);
  return rows;
}

export async function findSettings(trx: Trx) {
  return trx.selectFrom("council_sso").selectAll().executeTakeFirst();
}

export async function saveSettings(
  trx: Trx,
  councilId: string,
  values: { issuer: string; clientId: string; tenantId: string; admitUninvited: boolean; groupRoles: Record<string, string> },
) {
  const row = {
    issuer: values.issuer,
    client_id: values.clientId,
    tenant_id: values.tenantId,
    admit_uninvited: values.admitUninvited,
    group_roles: JSON.stringify(values.groupRoles),
    updated_at: new Date(),
  };
  await trx
    .insertInto("council_sso")
    .values({ council_id: councilId, ...row })
    .onConflict((oc) => oc.column("council_id").doUpdateSet(row))
    .execute();
}

/** Adds a sign-in under way, and clears away those that have expired. */
export async function insertAttempt(
  db: Kysely<DB>,
  attempt: { stateHash: string; councilId: string; codeVerifier: string; nonce: string; returnTo: string; expiresAt: Date },
): Promise<void> {
  await db.deleteFrom("sso_attempt").where("expires_at", "<=", sql<Date>`now()`).execute();
  await db
    .insertInto("sso_attempt")
    .values({
      state_hash: attempt.stateHash,
      council_id: attempt.councilId,
      code_verifier: attempt.codeVerifier,
      nonce: attempt.nonce,
      return_to: attempt.returnTo,
      expires_at: attempt.expiresAt,
    })
    .execute();
}

/** Takes a sign-in under way (it can be used once). */
export async function takeAttempt(db: Kysely<DB>, stateHash: string) {
  return db
    .deleteFrom("sso_attempt")
    .where("state_hash", "=", stateHash)
    .where("expires_at", ">", sql<Date>`now()`)
    .returningAll()
    .executeTakeFirst();
}

export async function findPersonBySubject(trx: Trx, subject: string) {
  return trx.selectFrom("app_user").select(["id", "roles", "disabled", "display_name"]).where("sso_subject", "=", subject).executeTakeFirst();
}

/** An invited person not yet tied to an identity-provider account, by the email they were invited with. */
export async function findUnboundPersonByEmail(trx: Trx, email: string) {
  return trx
    .selectFrom("app_user")
    .select(["id", "roles", "disabled", "display_name"])
    .where("email", "=", email)
    .where("sso_subject", "is", null)
    .executeTakeFirst();
}

export async function bindSubject(trx: Trx, userId: string, subject: string): Promise<void> {
  await trx.updateTable("app_user").set({ sso_subject: subject }).where("id", "=", userId).execute();
}

export async function setRoles(trx: Trx, userId: string, roles: string[]): Promise<void> {
  await trx.updateTable("app_user").set({ roles }).where("id", "=", userId).execute();
}

export async function insertPerson(trx: Trx, person: { councilId: string; email: string; displayName: string; roles: string[]; subject: string }) {
  return trx
    .insertInto("app_user")
    .values({
      council_id: person.councilId,
      email: person.email,
      display_name: person.displayName,
      // Signs in only through the council's identity provider.
      password_hash: "(single sign-on)",
      roles: person.roles,
      sso_subject: person.subject,
    })
    .returning(["id", "email", "display_name", "roles"])
    .executeTakeFirstOrThrow();
}
