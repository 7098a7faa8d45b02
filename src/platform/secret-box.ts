// Secrets the service must read back (authenticator apps' TOTP secrets, issue 12), kept encrypted
// with AES-256-GCM under a key from the environment, so a copy of the database (a backup, a leaked
// dump) does not hold them. Each sealed value is bound to what it belongs to (GCM's additional
// data), so one person's sealed secret cannot be copied onto another's row.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Config } from "./config.ts";

const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const SECRET_KEY_BYTES = 32;
/** The key file of the embedded start, in DATA_DIR. */
export const EMBEDDED_KEY_FILE = "totp-encryption.key";

export class SecretBox {
  readonly #key: Buffer;

  constructor(key: Buffer) {
    if (key.length !== SECRET_KEY_BYTES) throw new Error(`The encryption key must be ${SECRET_KEY_BYTES} bytes`);
    this.#key = Buffer.from(key);
  }

  /** `v1:` and base64url of nonce, tag and ciphertext. A fresh random nonce each time (96 bits, NIST SP 800-38D 8.2.2). */
  seal(plain: string, boundTo: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv("aes-256-gcm", this.#key, iv);
    cipher.setAAD(Buffer.from(boundTo, "utf8"));
    const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
    return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url")}`;
  }

  /** The plain text; throws when the value was changed, sealed under another key, or bound to something else. */
  open(sealed: string, boundTo: string): string {
    const bytes = Buffer.from(sealed.slice(VERSION.length + 1), "base64url");
    const decipher = createDecipheriv("aes-256-gcm", this.#key, bytes.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(boundTo, "utf8"));
    decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString("utf8");
  }
}

/** Whether a stored value was sealed by a SecretBox (secrets stored before issue 12's change are plain). */
export function isSealed(stored: string): boolean {
  return stored.startsWith(`${VERSION}:`);
}

/**
 * TOTP_ENCRYPTION_KEY: 32 random bytes in base64 (`openssl rand -base64 32`). Undefined when unset;
 * anything else is refused, so a mistyped key never silently weakens the encryption.
 */
export function parseSecretKey(value: string | undefined, name = "TOTP_ENCRYPTION_KEY"): Buffer | undefined {
  const text = (value ?? "").trim();
  if (text === "") return undefined;
  const key = /^[A-Za-z0-9+/_-]+={0,2}$/.test(text) ? Buffer.from(text, "base64") : Buffer.alloc(0);
  if (key.length !== SECRET_KEY_BYTES)
    throw new Error(`${name} must be ${SECRET_KEY_BYTES} random bytes in base64 (make one with: openssl rand -base64 32); got ${key.length} bytes.`);
  return key;
}

/**
 * The key for TOTP secrets: TOTP_ENCRYPTION_KEY when set; on the embedded start (no DATABASE_URL,
 * a DATA_DIR on disk) a key made once and kept beside the database in DATA_DIR, readable only by
 * its owner (mode 0600), so a restart reads the same key; otherwise none, and two-step sign-in
 * cannot be set up (the service says so).
 */
export function totpKeyFor(config: Pick<Config, "totpEncryptionKey" | "dataDir">, embedded: boolean): Buffer | undefined {
  if (config.totpEncryptionKey) return config.totpEncryptionKey;
  if (!embedded || !config.dataDir) return undefined;
  const file = path.join(config.dataDir, EMBEDDED_KEY_FILE);
  fs.mkdirSync(config.dataDir, { recursive: true });
  try {
    // "wx": made only if it is not there, so two starts at once cannot each write a different key.
    fs.writeFileSync(file, `${randomBytes(SECRET_KEY_BYTES).toString("base64")}\n`, { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  if ((fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
  const key = parseSecretKey(fs.readFileSync(file, "utf8"), file);
  if (!key) throw new Error(`${file} is empty: restore it from a backup (the TOTP secrets cannot be read without it)`);
  return key;
}
