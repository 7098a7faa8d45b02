// Issue 12: authenticator apps' TOTP secrets are stored sealed (AES-256-GCM, src/platform/secret-box.ts)
// under a key from the environment (TOTP_ENCRYPTION_KEY) or, on the embedded start, a key file in
// DATA_DIR, so a copy of the database does not hold them. The column's check allowed only a plain
// base32 secret; it now allows the sealed form too. Secrets stored plain before this are still
// read, and are sealed by the service at the person's next code (the key is not the database's
// to know, so this migration cannot seal them).
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`
ALTER TABLE user_second_factor DROP CONSTRAINT user_second_factor_secret_check;
ALTER TABLE user_second_factor ADD CONSTRAINT user_second_factor_secret_check
  CHECK (secret ~ '^[A-Z2-7]{32}$' OR secret ~ '^v1:[A-Za-z0-9_-]{40,200}$');
`)
    .execute(db);
}
