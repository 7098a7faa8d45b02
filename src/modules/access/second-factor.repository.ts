// The optional second step of a local sign-in (migration 0025): the person's authenticator app
// secret, their recovery codes (SHA-256 only), and sign-ins waiting for a code.
import { type Kysely, sql } from "kysely";
import type { DB } from "../../platform/db-types.ts";
import type { Trx } from "../../platform/transaction.ts";

export interface SecondFactorRow {
  secret: string;
  confirmed: boolean;
  lastUsedStep: number;
}

export async function findSecondFactor(trx: Trx, userId: string): Promise<SecondFactorRow | undefined> {
  const row = await trx
    .selectFrom("user_second_factor")
    .select(["secret", "confirmed_at", "last_used_step"])
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return row && { secret: row.secret, confirmed: row.confirmed_at !== null, lastUsedStep: Number(row.last_used_step) };
}

/** A secret stored plain before secrets were sealed, replaced by its sealed form (only if it is still the same). */
export async function replaceSecret(trx: Trx, userId: string, plain: string, sealed: string): Promise<void> {
  await trx.updateTable("user_second_factor").set({ secret: sealed }).where("user_id", "=", userId).where("secret", "=", plain).execute();
}

/** A new secret being set up; a confirmed one is never replaced here (it must be turned off first). */
export async function savePendingSecondFactor(trx: Trx, values: { councilId: string; userId: string; secret: string }): Promise<boolean> {
  const result = await trx
    .insertInto("user_second_factor")
    .values({ council_id: values.councilId, user_id: values.userId, secret: values.secret })
    .onConflict((oc) =>
      oc
        .column("user_id")
        .doUpdateSet({ secret: values.secret, created_at: sql`now()`, last_used_step: 0 })
        .where("user_second_factor.confirmed_at", "is", null),
    )
    .executeTakeFirst();
  return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
}

/** The secret being set up is confirmed by its first code, which is then used up. */
export async function confirmSecondFactor(trx: Trx, userId: string, step: number): Promise<boolean> {
  const result = await trx
    .updateTable("user_second_factor")
    .set({ confirmed_at: sql`now()`, last_used_step: step })
    .where("user_id", "=", userId)
    .where("confirmed_at", "is", null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Uses up a time step's code; false if it (or a later one) was used already, so two requests cannot both use it. */
export async function useTimeStep(trx: Trx, userId: string, step: number): Promise<boolean> {
  const result = await trx
    .updateTable("user_second_factor")
    .set({ last_used_step: step })
    .where("user_id", "=", userId)
    .where("confirmed_at", "is not", null)
    .where("last_used_step", "<", String(step))
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Removes the app and the recovery codes; whether there was an app. */
export async function deleteSecondFactor(trx: Trx, userId: string): Promise<boolean> {
  await trx.deleteFrom("recovery_code").where("user_id", "=", userId).execute();
  const result = await trx.deleteFrom("user_second_factor").where("user_id", "=", userId).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export async function replaceRecoveryCodes(trx: Trx, values: { councilId: string; userId: string; hashes: string[] }): Promise<void> {
  await trx.deleteFrom("recovery_code").where("user_id", "=", values.userId).execute();
  await trx
    .insertInto("recovery_code")
    .values(values.hashes.map((codeHash) => ({ council_id: values.councilId, user_id: values.userId, code_hash: codeHash })))
    .execute();
}

/** Uses up a recovery code; false when it is not one of the person's, or was used. */
export async function useRecoveryCode(trx: Trx, userId: string, codeHash: string): Promise<boolean> {
  const result = await trx
    .updateTable("recovery_code")
    .set({ used_at: sql`now()` })
    .where("user_id", "=", userId)
    .where("code_hash", "=", codeHash)
    .where("used_at", "is", null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function countUnusedRecoveryCodes(trx: Trx, userId: string): Promise<number> {
  const row = await trx
    .selectFrom("recovery_code")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("user_id", "=", userId)
    .where("used_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

// ---- sign-ins waiting for their code (no council known from the cookie alone) -------------------

export interface SecondStepRow {
  council_id: string;
  user_id: string;
  return_to: string;
  address: string;
}

/** Adds a waiting sign-in, and clears away those that have expired. */
export async function insertSecondStep(
  db: Kysely<DB>,
  values: { tokenHash: string; councilId: string; userId: string; returnTo: string; address: string; expiresAt: Date },
): Promise<void> {
  await db.deleteFrom("sign_in_second_step").where("expires_at", "<=", sql<Date>`now()`).execute();
  await db
    .insertInto("sign_in_second_step")
    .values({
      token_hash: values.tokenHash,
      council_id: values.councilId,
      user_id: values.userId,
      return_to: values.returnTo,
      address: values.address.slice(0, 100),
      expires_at: values.expiresAt,
    })
    .execute();
}

export async function findSecondStep(db: Kysely<DB>, tokenHash: string): Promise<SecondStepRow | undefined> {
  return db
    .selectFrom("sign_in_second_step")
    .select(["council_id", "user_id", "return_to", "address"])
    .where("token_hash", "=", tokenHash)
    .where("expires_at", ">", sql<Date>`now()`)
    .executeTakeFirst();
}

/** Ends a waiting sign-in; false when it had already ended (another request finished it). */
export async function deleteSecondStep(db: Kysely<DB>, tokenHash: string): Promise<boolean> {
  const result = await db.deleteFrom("sign_in_second_step").where("token_hash", "=", tokenHash).executeTakeFirst();
  return result.numDeletedRows > 0n;
}
