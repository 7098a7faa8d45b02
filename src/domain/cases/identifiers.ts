// Identifiers of a child or young person, checked by their check characters (DfE common basic data set for the
// UPN, NHS Digital's modulus 11 for the NHS number, the ESFA's check digit for the ULN):
// the unique pupil number (UPN), the NHS number and the unique learner number (ULN).
// Each validator takes any value (a form field, a cell of an imported file), never throws, and
// returns the normalised identifier or a message that says what is wrong and how to fix it.

export type IdentifierResult = { ok: true; value: string } | { ok: false; message: string };

/** UPN check letters: A to Z without I, O and S (DfE, "Unique pupil numbers"). */
export const UPN_ALPHABET = "ABCDEFGHJKLMNPQRTUVWXYZ";
const UPN_LENGTH = 13;
const NHS_LENGTH = 10;
const ULN_LENGTH = 10;

const fail = (message: string): IdentifierResult => ({ ok: false, message });

/** A value for a message: short, quoted, and safe whatever was given. */
function shown(text: string): string {
  return JSON.stringify(text.length > 20 ? `${text.slice(0, 20)}…` : text);
}

function isDigit(char: string): boolean {
  return char >= "0" && char <= "9";
}

function describeGiven(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "nothing";
  if (Array.isArray(value)) return "a list";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/** Text to check, or the reason there is none. Numbers are accepted for the all-digit identifiers. */
function asText(value: unknown, what: string, allowNumber: boolean): string | IdentifierResult {
  if (typeof value === "string") return value;
  if (allowNumber && typeof value === "number" && Number.isSafeInteger(value) && value >= 0) return String(value);
  return fail(`The ${what} must be written as text; it was ${describeGiven(value)}.`);
}

// ---- UPN ------------------------------------------------------------------------------------------

/** The value a UPN character counts for in the check: a digit its value, a letter its index in UPN_ALPHABET. */
function upnValue(char: string): number {
  return isDigit(char) ? char.charCodeAt(0) - 48 : UPN_ALPHABET.indexOf(char);
}

/**
 * The check letter for characters 2 to 13 of a UPN (12 characters, the last a digit or, for a
 * temporary UPN, a letter): each weighted by its position 2 to 13, summed, mod 23. Undefined when
 * the body is not of that form.
 */
export function upnCheckLetter(body: string): string | undefined {
  if (body.length !== UPN_LENGTH - 1) return undefined;
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const char = body.charAt(i);
    const last = i === body.length - 1;
    if (!isDigit(char) && !(last && UPN_ALPHABET.includes(char))) return undefined;
    sum += upnValue(char) * (i + 2);
  }
  return UPN_ALPHABET.charAt(sum % 23);
}

/**
 * A unique pupil number: a check letter, LA number (3 digits), establishment (4), year of issue
 * (2), serial (3 digits, or 2 digits and a letter for a temporary UPN). Spaces are ignored and
 * letters may be typed in lower case; the value returned is upper case without spaces.
 */
export function validateUpn(input: unknown): IdentifierResult {
  const text = asText(input, "UPN", false);
  if (typeof text !== "string") return text;
  const upn = text.replace(/\s+/g, "").toUpperCase();
  if (upn === "") return fail("The UPN is empty. Enter the 13-character unique pupil number, like B801200005001.");
  if (upn.length !== UPN_LENGTH) {
    const hint = upn.length < UPN_LENGTH ? "Check it was copied in full." : "Check for extra characters.";
    return fail(`A UPN has 13 characters (a letter and 12 more); ${shown(upn)} has ${upn.length}. ${hint}`);
  }
  const first = upn.charAt(0);
  if (!UPN_ALPHABET.includes(first)) {
    const why = first === "I" || first === "O" || first === "S" ? ` (${first} is never used, to avoid confusion with 1, 0 and 5)` : "";
    return fail(`A UPN starts with a check letter from A to Z other than I, O or S; this one starts with ${shown(first)}${why}.`);
  }
  for (let i = 1; i < UPN_LENGTH - 1; i++) {
    const char = upn.charAt(i);
    if (!isDigit(char)) {
      return fail(`Characters 2 to 12 of a UPN are digits; character ${i + 1} is ${shown(char)}. Check it was typed correctly (O for 0, I for 1).`);
    }
  }
  const last = upn.charAt(UPN_LENGTH - 1);
  if (!isDigit(last) && !UPN_ALPHABET.includes(last)) {
    return fail(`The last character of a UPN is a digit, or for a temporary UPN a letter other than I, O or S; this one ends with ${shown(last)}.`);
  }
  const expected = upnCheckLetter(upn.slice(1));
  if (expected !== first) {
    return fail(`The UPN's check letter should be ${expected}, not ${first}: check it was typed correctly.`);
  }
  return { ok: true, value: upn };
}

/** True for a temporary UPN (its serial ends with a letter). Assumes a valid UPN. */
export function isTemporaryUpn(upn: string): boolean {
  return !isDigit(upn.charAt(UPN_LENGTH - 1));
}

// ---- NHS number ----------------------------------------------------------------------------------

/** The NHS number check digit for the first nine digits (weights 10 to 2, mod 11); undefined when none is valid. */
export function nhsCheckDigit(firstNine: string): number | undefined {
  if (firstNine.length !== NHS_LENGTH - 1) return undefined;
  let sum = 0;
  for (let i = 0; i < firstNine.length; i++) {
    const char = firstNine.charAt(i);
    if (!isDigit(char)) return undefined;
    sum += (char.charCodeAt(0) - 48) * (10 - i);
  }
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  return check === 10 ? undefined : check;
}

/**
 * An NHS number: 10 digits, the last a mod 11 check digit. Spaces and hyphens are ignored
 * ("943 476 5919"); the value returned is the 10 digits.
 */
export function validateNhsNumber(input: unknown): IdentifierResult {
  const text = asText(input, "NHS number", true);
  if (typeof text !== "string") return text;
  const nhs = text.replace(/[\s-]+/g, "");
  if (nhs === "") return fail("The NHS number is empty. Enter the 10-digit NHS number, like 943 476 5919.");
  const bad = [...nhs].find((char) => !isDigit(char));
  if (bad !== undefined) return fail(`An NHS number is made of digits only (spaces are fine); ${shown(text.trim())} has ${shown(bad)}.`);
  if (nhs.length !== NHS_LENGTH) {
    const hint = nhs.length < NHS_LENGTH ? "Check it was copied in full." : "Check for extra digits.";
    return fail(`An NHS number has 10 digits; ${shown(nhs)} has ${nhs.length}. ${hint}`);
  }
  const expected = nhsCheckDigit(nhs.slice(0, 9));
  if (expected === undefined) {
    return fail(`${nhs} cannot be an NHS number: no check digit fits its first nine digits. Check it was typed correctly.`);
  }
  const given = nhs.charCodeAt(9) - 48;
  if (given !== expected) {
    return fail(`The NHS number's last digit (the check digit) should be ${expected}, not ${given}: check it was typed correctly.`);
  }
  return { ok: true, value: nhs };
}

/** "943 476 5919", as the NHS writes it. Assumes 10 digits. */
export function formatNhsNumber(nhs: string): string {
  return `${nhs.slice(0, 3)} ${nhs.slice(3, 6)} ${nhs.slice(6)}`;
}

// ---- ULN -----------------------------------------------------------------------------------------

/** The ULN's last digit for its first nine (weights 10 to 1; the weighted sum mod 11 must be 10); undefined when none fits. */
export function ulnCheckDigit(firstNine: string): number | undefined {
  if (firstNine.length !== ULN_LENGTH - 1) return undefined;
  let sum = 0;
  for (let i = 0; i < firstNine.length; i++) {
    const char = firstNine.charAt(i);
    if (!isDigit(char)) return undefined;
    sum += (char.charCodeAt(0) - 48) * (10 - i);
  }
  const check = (((10 - sum) % 11) + 11) % 11;
  return check === 10 ? undefined : check;
}

/**
 * A unique learner number: 10 digits, the first not 0; weighted 10 to 1, the sum mod 11 is 10.
 * Spaces are ignored; the value returned is the 10 digits.
 */
export function validateUln(input: unknown): IdentifierResult {
  const text = asText(input, "ULN", true);
  if (typeof text !== "string") return text;
  const uln = text.replace(/\s+/g, "");
  if (uln === "") return fail("The ULN is empty. Enter the 10-digit unique learner number, like 9276308686.");
  const bad = [...uln].find((char) => !isDigit(char));
  if (bad !== undefined) return fail(`A ULN is made of digits only; ${shown(text.trim())} has ${shown(bad)}.`);
  if (uln.length !== ULN_LENGTH) {
    const hint = uln.length < ULN_LENGTH ? "Check it was copied in full." : "Check for extra digits.";
    return fail(`A ULN has 10 digits; ${shown(uln)} has ${uln.length}. ${hint}`);
  }
  if (uln.charAt(0) === "0") return fail(`A ULN never starts with 0; ${shown(uln)} does. Check it was typed correctly.`);
  const expected = ulnCheckDigit(uln.slice(0, 9));
  if (expected === undefined) {
    return fail(`${uln} cannot be a ULN: no last digit fits its first nine digits. Check it was typed correctly.`);
  }
  const given = uln.charCodeAt(9) - 48;
  if (given !== expected) {
    return fail(`The ULN's last digit (the check digit) should be ${expected}, not ${given}: check it was typed correctly.`);
  }
  return { ok: true, value: uln };
}
