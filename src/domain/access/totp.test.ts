// The second step's codes against the RFCs' own test vectors, so the algorithm is the standard one
// that authenticator apps compute, not one that merely agrees with itself.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { base32Decode, base32Encode, formatRecoveryCode, groupSecret, hotp, matchTotp, normaliseRecoveryCode, otpauthUri, totp } from "./totp.ts";

// RFC 6238 appendix B: the seeds for SHA-1, SHA-256 and SHA-512.
const SEED_SHA1 = Buffer.from("12345678901234567890");
const SEED_SHA256 = Buffer.from("12345678901234567890123456789012");
const SEED_SHA512 = Buffer.from("1234567890123456789012345678901234567890123456789012345678901234");

describe("one-time codes (RFC 4226, RFC 6238)", () => {
  test("HOTP matches RFC 4226 appendix D", () => {
    const expected = ["755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"];
    for (const [counter, code] of expected.entries()) assert.equal(hotp(SEED_SHA1, counter), code, `counter ${counter}`);
  });

  test("TOTP matches RFC 6238 appendix B for SHA-1, SHA-256 and SHA-512 (8 digits)", () => {
    const vectors: [number, string, string, string][] = [
      [59, "94287082", "46119246", "90693936"],
      [1111111109, "07081804", "68084774", "25091201"],
      [1111111111, "14050471", "67062674", "99943326"],
      [1234567890, "89005924", "91819424", "93441116"],
      [2000000000, "69279037", "90698825", "38618901"],
      [20000000000, "65353130", "77737706", "47863826"],
    ];
    for (const [seconds, sha1, sha256, sha512] of vectors) {
      assert.equal(totp(SEED_SHA1, seconds * 1000, 8, "sha1"), sha1, `SHA-1 at ${seconds}`);
      assert.equal(totp(SEED_SHA256, seconds * 1000, 8, "sha256"), sha256, `SHA-256 at ${seconds}`);
      assert.equal(totp(SEED_SHA512, seconds * 1000, 8, "sha512"), sha512, `SHA-512 at ${seconds}`);
    }
  });

  test("base32 matches RFC 4648 section 10, and decodes what it encodes", () => {
    const vectors = [
      ["", ""],
      ["f", "MY======"],
      ["fo", "MZXQ===="],
      ["foo", "MZXW6==="],
      ["foob", "MZXW6YQ="],
      ["fooba", "MZXW6YTB"],
      ["foobar", "MZXW6YTBOI======"],
    ];
    for (const [plain, encoded] of vectors) {
      assert.equal(base32Encode(Buffer.from(plain as string)), encoded);
      assert.equal(base32Decode(encoded as string)?.toString(), plain);
    }
    const random = Buffer.from(Array.from({ length: 40 }, (_, i) => (i * 37 + 11) % 256));
    assert.deepEqual(base32Decode(base32Encode(random).toLowerCase()), random);
    assert.equal(base32Decode("not base32!"), undefined);
  });

  test("a code is accepted one step either side of now, not two, and never for a step already used", () => {
    const now = 1_111_111_111_000;
    const at = (offsetSteps: number) => totp(SEED_SHA1, now + offsetSteps * 30_000);
    const step = Math.floor(now / 30_000);
    assert.equal(matchTotp(SEED_SHA1, at(0), now), step);
    assert.equal(matchTotp(SEED_SHA1, at(-1), now), step - 1);
    assert.equal(matchTotp(SEED_SHA1, at(1), now), step + 1);
    assert.equal(matchTotp(SEED_SHA1, at(-2), now), undefined);
    assert.equal(matchTotp(SEED_SHA1, at(2), now), undefined);
    // Typed with a space, as apps show it.
    assert.equal(matchTotp(SEED_SHA1, `${at(0).slice(0, 3)} ${at(0).slice(3)}`, now), step);
    // Used already: the same code, or an older one, is refused.
    assert.equal(matchTotp(SEED_SHA1, at(0), now, step), undefined);
    assert.equal(matchTotp(SEED_SHA1, at(-1), now, step - 1), undefined);
    assert.equal(matchTotp(SEED_SHA1, at(1), now, step), step + 1);
    for (const junk of ["", "12345", "1234567", "abcdef", "12345a"]) assert.equal(matchTotp(SEED_SHA1, junk, now), undefined, junk);
  });

  test("the app's address, the grouped secret and recovery codes", () => {
    const uri = otpauthUri("JBSWY3DPEHPK3PXP", "SEND Oversight (Demo Borough)", "sam@demo.example");
    assert.equal(
      uri,
      "otpauth://totp/SEND%20Oversight%20(Demo%20Borough):sam%40demo.example?secret=JBSWY3DPEHPK3PXP&issuer=SEND%20Oversight%20%28Demo%20Borough%29&algorithm=SHA1&digits=6&period=30",
    );
    assert.equal(groupSecret("JBSWY3DPEHPK3PXP"), "JBSW Y3DP EHPK 3PXP");
    const code = formatRecoveryCode(Buffer.alloc(10, 0xab));
    assert.match(code, /^[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}$/);
    assert.equal(normaliseRecoveryCode(` ${code.toUpperCase().replace(/-/g, " ")} `), code.replace(/-/g, ""));
    assert.equal(normaliseRecoveryCode("too-short"), undefined);
  });
});
