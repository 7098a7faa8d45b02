// Sealing TOTP secrets (issue 12): AES-256-GCM round trip, refusal of a changed, moved or
// wrongly-keyed value, the key from TOTP_ENCRYPTION_KEY, and the embedded start's key file.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { ConfigError, loadConfig } from "./config.ts";
import { EMBEDDED_KEY_FILE, isSealed, parseSecretKey, SecretBox, totpKeyFor } from "./secret-box.ts";

const SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

test("a sealed secret opens with its key and what it is bound to, and with nothing else", () => {
  const key = randomBytes(32);
  const box = new SecretBox(key);
  const sealed = box.seal(SECRET, "user_second_factor:a");
  assert.ok(isSealed(sealed));
  assert.ok(!sealed.includes(SECRET));
  assert.notEqual(box.seal(SECRET, "user_second_factor:a"), sealed, "a fresh nonce each time");
  assert.equal(box.open(sealed, "user_second_factor:a"), SECRET);
  assert.throws(() => box.open(sealed, "user_second_factor:b"), "copied onto another person's row");
  assert.throws(() => new SecretBox(randomBytes(32)).open(sealed, "user_second_factor:a"), "another key");
  const bytes = Buffer.from(sealed.slice(3), "base64url");
  bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 1;
  assert.throws(() => box.open(`v1:${bytes.toString("base64url")}`, "user_second_factor:a"), "changed");
  assert.equal(isSealed(SECRET), false);
});

test("TOTP_ENCRYPTION_KEY must be 32 bytes in base64: anything else stops the start, naming it", () => {
  const key = randomBytes(32);
  assert.deepEqual(parseSecretKey(key.toString("base64")), key);
  assert.equal(parseSecretKey(undefined), undefined);
  assert.equal(parseSecretKey("  "), undefined);
  assert.throws(() => parseSecretKey(randomBytes(16).toString("base64")), /TOTP_ENCRYPTION_KEY must be 32 random bytes in base64.*got 16 bytes/);
  assert.throws(() => parseSecretKey("not base64 at all!"), /TOTP_ENCRYPTION_KEY/);
  assert.deepEqual(loadConfig({ TOTP_ENCRYPTION_KEY: key.toString("base64") }).totpEncryptionKey, key);
  assert.throws(() => loadConfig({ TOTP_ENCRYPTION_KEY: "short" }), ConfigError);
  assert.equal(loadConfig({}).totpEncryptionKey, undefined);
});

test("the embedded start makes its key once in DATA_DIR, readable only by its owner; PostgreSQL without the variable has none", () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "so-secret-box-"));
  try {
    const first = totpKeyFor({ dataDir }, true);
    assert.equal(first?.length, 32);
    const file = path.join(dataDir, EMBEDDED_KEY_FILE);
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    assert.deepEqual(totpKeyFor({ dataDir }, true), first, "a restart reads the same key");
    fs.chmodSync(file, 0o644);
    totpKeyFor({ dataDir }, true);
    assert.equal(fs.statSync(file).mode & 0o777, 0o600, "a key file others could read is made private again");
    const fromEnv = randomBytes(32);
    assert.deepEqual(totpKeyFor({ dataDir, totpEncryptionKey: fromEnv }, true), fromEnv, "the variable wins");
    assert.equal(totpKeyFor({ dataDir }, false), undefined);
    assert.equal(totpKeyFor({ dataDir: "" }, true), undefined, "the in-memory database has nowhere to keep one");
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
