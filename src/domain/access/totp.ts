// Time-based one-time passwords for the optional second step of a local sign-in (issue 12):
// HOTP (RFC 4226) over 30-second time steps (RFC 6238), with HMAC-SHA-1 and 6 digits, which is
// what authenticator apps (Microsoft Authenticator, Google Authenticator, FreeOTP) use by default.
// No library for this is installed, so it is the RFC's algorithm, checked against its test vectors.
// Pure: the time and the secret are parameters.
import { createHmac, timingSafeEqual } from "node:crypto";

export const TOTP_STEP_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Steps either side of now that are accepted: a phone's clock may be up to 30 seconds out (RFC 6238 section 5.2). */
export const TOTP_DRIFT_STEPS = 1;
/** A 160-bit secret, the length RFC 4226 section 4 recommends (R6), as 32 base32 letters. */
export const TOTP_SECRET_BYTES = 20;

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** Base32 (RFC 4648 section 6), the form authenticator apps take secrets in. */
export function base32Encode(bytes: Uint8Array): string {
  let out = "";
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = ((value << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out.padEnd(Math.ceil(out.length / 8) * 8, "=");
}

/** The bytes of a base32 text (case, spaces and padding ignored), or undefined when it is not base32. */
export function base32Decode(text: string): Buffer | undefined {
  const clean = text.replace(/[\s=]/g, "").toUpperCase();
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (const char of clean) {
    const index = BASE32.indexOf(char);
    if (index < 0) return undefined;
    value = ((value << 5) | index) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(bytes);
}

/** HOTP (RFC 4226 section 5.3): the dynamic truncation of HMAC(secret, counter), as `digits` digits. */
export function hotp(secret: Uint8Array, counter: number, digits = TOTP_DIGITS, algorithm: "sha1" | "sha256" | "sha512" = "sha1"): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(algorithm, secret).update(message).digest();
  const offset = (mac[mac.length - 1] as number) & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, "0");
}

/** The time step a moment falls in (RFC 6238 section 4.2, T0 = 0). */
export function timeStep(unixMs: number): number {
  return Math.floor(unixMs / 1000 / TOTP_STEP_SECONDS);
}

/** TOTP (RFC 6238): the code for the time step of `unixMs`. */
export function totp(secret: Uint8Array, unixMs: number, digits = TOTP_DIGITS, algorithm: "sha1" | "sha256" | "sha512" = "sha1"): string {
  return hotp(secret, timeStep(unixMs), digits, algorithm);
}

/**
 * The time step a typed code belongs to, within the allowed drift of now, or undefined when it
 * matches none. Steps at or before `lastUsedStep` are not accepted, so a code seen over someone's
 * shoulder cannot be used a second time (RFC 6238 section 5.2).
 */
export function matchTotp(secret: Uint8Array, typed: string, unixMs: number, lastUsedStep = -1): number | undefined {
  const code = typed.replace(/[\s-]/g, "");
  if (!/^\d{6}$/.test(code)) return undefined;
  const now = timeStep(unixMs);
  let found: number | undefined;
  // Every step is compared, in constant time, so the answer's timing says nothing about which matched.
  for (let step = now - TOTP_DRIFT_STEPS; step <= now + TOTP_DRIFT_STEPS; step++) {
    const same = timingSafeEqual(Buffer.from(hotp(secret, step)), Buffer.from(code));
    if (same && step > lastUsedStep && found === undefined) found = step;
  }
  return found;
}

/**
 * The otpauth:// address an authenticator app reads (the Key Uri Format of Google Authenticator,
 * which the others follow): the issuer names the service and council, the label the person.
 */
export function otpauthUri(secretBase32: string, issuer: string, account: string): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
  const query = new URLSearchParams({
    secret: secretBase32.replace(/=+$/, ""),
    issuer,
    algorithm: "SHA1",
    digits: String(TOTP_DIGITS),
    period: String(TOTP_STEP_SECONDS),
  });
  return `otpauth://totp/${label}?${query.toString().replace(/\+/g, "%20")}`;
}

/** A secret in groups of four letters, easier to type into an app by hand. */
export function groupSecret(secretBase32: string): string {
  return (
    secretBase32
      .replace(/=+$/, "")
      .match(/.{1,4}/g)
      ?.join(" ") ?? ""
  );
}

/** Recovery codes: 16 base32 letters (80 bits) each, shown as four groups of four. */
export function formatRecoveryCode(bytes: Uint8Array): string {
  return base32Encode(bytes).replace(/=+$/, "").slice(0, 16).toLowerCase().match(/.{4}/g)?.join("-") ?? "";
}

/** A recovery code as typed, in the one form that is hashed: lower case, no spaces or hyphens. */
export function normaliseRecoveryCode(typed: string): string | undefined {
  const clean = typed.replace(/[\s-]/g, "").toLowerCase();
  return /^[a-z2-7]{16}$/.test(clean) ? clean : undefined;
}
