import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import {
  formatNhsNumber,
  isTemporaryUpn,
  nhsCheckDigit,
  UPN_ALPHABET,
  ulnCheckDigit,
  upnCheckLetter,
  validateNhsNumber,
  validateUln,
  validateUpn,
} from "./identifiers.ts";

type Row = [input: unknown, ok: boolean, expected: string];

function check(validate: (value: unknown) => ReturnType<typeof validateUpn>, rows: Row[]) {
  for (const [input, ok, expected] of rows) {
    test(`${JSON.stringify(input)} -> ${ok ? expected : "error"}`, () => {
      const result = validate(input);
      if (ok) assert.deepEqual(result, { ok: true, value: expected });
      else {
        assert.equal(result.ok, false);
        if (!result.ok) assert.match(result.message, new RegExp(expected));
      }
    });
  }
}

describe("validateUpn (DfE common basic data set: UPN check letter)", () => {
  check(validateUpn, [
    ["B801200005001", true, "B801200005001"],
    ["b801200005001", true, "B801200005001"],
    [" B801 2000 05001 ", true, "B801200005001"],
    ["A801200005001", false, "^The UPN's check letter should be B, not A: check it was typed correctly\\.$"],
    ["B80120000500", false, "A UPN has 13 characters .* has 12\\. Check it was copied in full\\."],
    ["B8012000050011", false, "has 14\\. Check for extra characters\\."],
    ["", false, "The UPN is empty"],
    ["   ", false, "The UPN is empty"],
    ["1801200005001", false, 'starts with a check letter .* starts with "1"'],
    ["I801200005001", false, "I is never used"],
    ["B8012O0005001", false, 'character 6 is "O"'],
    ["B80120000500O", false, 'ends with "O"'],
    [801200005001, false, "must be written as text; it was a number"],
    [null, false, "it was null"],
    [undefined, false, "it was nothing"],
    [{}, false, "an object"],
  ]);

  test("a temporary UPN: the final letter counts as its index in the alphabet", () => {
    // Body 80120000500 + A (index 0) sums as 80120000500 + 0, so the check letter is that of ...5000.
    const body = "80120000500A";
    const letter = upnCheckLetter(body);
    assert.equal(letter, upnCheckLetter("801200005000"));
    const upn = `${letter}${body}`;
    assert.deepEqual(validateUpn(upn), { ok: true, value: upn });
    assert.equal(isTemporaryUpn(upn), true);
    assert.equal(isTemporaryUpn("B801200005001"), false);
    // Index 1 (B) counts like the digit 1: B80120000500B is as valid as B801200005001.
    assert.equal(upnCheckLetter("80120000500B"), "B");
  });

  test("the check letter of B801200005001 worked by hand: 93 mod 23 = 1 = B", () => {
    assert.equal(upnCheckLetter("801200005001"), "B");
    assert.equal(upnCheckLetter("80120000500"), undefined);
    assert.equal(upnCheckLetter("8012000050X1"), undefined);
  });
});

describe("validateNhsNumber (NHS number, modulus 11)", () => {
  check(validateNhsNumber, [
    ["9434765919", true, "9434765919"],
    ["943 476 5919", true, "9434765919"],
    ["943-476-5919", true, "9434765919"],
    [9434765919, true, "9434765919"],
    ["9434765918", false, "^The NHS number's last digit \\(the check digit\\) should be 9, not 8: check it was typed correctly\\.$"],
    ["943476591", false, 'has 10 digits; "943476591" has 9\\. Check it was copied in full\\.'],
    ["94347659190", false, "has 11\\. Check for extra digits"],
    ["943476591X", false, 'digits only .* has "X"'],
    ["", false, "The NHS number is empty"],
    // 100000001 weighs 1x10 + 1x2 = 12, 12 mod 11 = 1, 11 - 1 = 10: no check digit fits.
    ["1000000010", false, "cannot be an NHS number: no check digit fits"],
    [true, false, "it was a boolean"],
  ]);

  test("formatNhsNumber writes it as the NHS does", () => {
    assert.equal(formatNhsNumber("9434765919"), "943 476 5919");
  });
});

describe("validateUln (ESFA unique learner number check digit)", () => {
  check(validateUln, [
    ["9276308686", true, "9276308686"],
    ["92763 08686", true, "9276308686"],
    ["9276308685", false, "^The ULN's last digit \\(the check digit\\) should be 6, not 5: check it was typed correctly\\.$"],
    ["0276308686", false, "never starts with 0"],
    ["927630868", false, "has 9\\. Check it was copied in full"],
    ["92763O8686", false, 'digits only; .* has "O"'],
    ["", false, "The ULN is empty"],
  ]);
});

// ---- Properties ---------------------------------------------------------------------------------

const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((a) => a.join(""));

const validUpn = fc
  .tuple(digits(11), fc.oneof(fc.integer({ min: 0, max: 9 }).map(String), fc.constantFrom(...UPN_ALPHABET)))
  .map(([body, last]) => `${upnCheckLetter(body + last)}${body}${last}`);

const validNhs = digits(9)
  .map((first) => ({ first, check: nhsCheckDigit(first) }))
  .filter((x) => x.check !== undefined)
  .map((x) => `${x.first}${x.check}`);

const validUln = fc
  .tuple(fc.integer({ min: 1, max: 9 }), digits(8))
  .map(([a, b]) => `${a}${b}`)
  .map((first) => ({ first, check: ulnCheckDigit(first) }))
  .filter((x) => x.check !== undefined)
  .map((x) => `${x.first}${x.check}`);

/** The value a UPN character counts for: a digit its value, a letter its index. */
const upnValue = (c: string) => (c >= "0" && c <= "9" ? Number(c) : UPN_ALPHABET.indexOf(c));

describe("identifier properties", () => {
  test("generated valid identifiers pass, unchanged", () => {
    fc.assert(fc.property(validUpn, (upn) => assert.deepEqual(validateUpn(upn), { ok: true, value: upn })));
    fc.assert(fc.property(validNhs, (nhs) => assert.deepEqual(validateNhsNumber(nhs), { ok: true, value: nhs })));
    fc.assert(fc.property(validUln, (uln) => assert.deepEqual(validateUln(uln), { ok: true, value: uln })));
  });

  test("NHS number: any change to one digit fails (11 is prime and every weight is below it)", () => {
    fc.assert(
      fc.property(validNhs, fc.integer({ min: 0, max: 9 }), fc.integer({ min: 1, max: 9 }), (nhs, at, delta) => {
        const changed = nhs.slice(0, at) + String((Number(nhs.charAt(at)) + delta) % 10) + nhs.slice(at + 1);
        assert.equal(validateNhsNumber(changed).ok, false, changed);
      }),
    );
  });

  test("ULN: any change to one digit fails", () => {
    fc.assert(
      fc.property(validUln, fc.integer({ min: 0, max: 9 }), fc.integer({ min: 1, max: 9 }), (uln, at, delta) => {
        const changed = uln.slice(0, at) + String((Number(uln.charAt(at)) + delta) % 10) + uln.slice(at + 1);
        assert.equal(validateUln(changed).ok, false, changed);
      }),
    );
  });

  test("UPN: any change to one character fails, unless the last becomes a letter worth the same as the digit it replaces", () => {
    const anyChar = fc.constantFrom(..."0123456789", ...UPN_ALPHABET, "I", "O", "S", "-", " x");
    fc.assert(
      fc.property(validUpn, fc.integer({ min: 0, max: 12 }), anyChar, (upn, at, replacement) => {
        const original = upn.charAt(at);
        fc.pre(replacement !== original);
        // Weights 2 to 13 and 23 prime: only a same-valued swap at the end keeps the sum.
        fc.pre(!(at === 12 && upnValue(replacement) === upnValue(original)));
        const changed = upn.slice(0, at) + replacement + upn.slice(at + 1);
        // Spaces and lower case are tidied away ("x" for "X"): that is the same UPN, not a change.
        fc.pre(changed.replace(/\s/g, "").toUpperCase() !== upn);
        assert.equal(validateUpn(changed).ok, false, changed);
      }),
    );
  });

  test("never throws, whatever it is given", () => {
    for (const validate of [validateUpn, validateNhsNumber, validateUln]) {
      fc.assert(
        fc.property(fc.oneof(fc.string(), fc.string({ unit: "grapheme" }), fc.anything()), (value) => {
          const result = validate(value);
          assert.equal(typeof result.ok, "boolean");
          if (!result.ok) assert.ok(result.message.length > 0);
        }),
      );
    }
  });
});
