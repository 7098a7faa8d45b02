// The password policy for local accounts (issue 12), after NIST SP 800-63B section 5.1.1.2 and the
// NCSC's password guidance: a minimum length, no upper limit on the kinds of character, and refusal
// of passwords that are common, expected, repeated or sequential. Pure: no I/O.
import { COMMON_PASSWORDS } from "./common-passwords.ts";

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 1000;

const COMMON = new Set(COMMON_PASSWORDS);
// Runs people type: along the keyboard's rows, the alphabet and the digits (either way round).
const RUNS = ["qwertyuiopasdfghjklzxcvbnm", "abcdefghijklmnopqrstuvwxyz", "01234567890", "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p"];

const ADVICE = "Try 3 random words, like ‘kettle orbit marmalade’";

/** Why a password is refused, in words that say what to do; undefined when it may be used. */
export function passwordProblem(password: string, person: { email?: string; displayName?: string } = {}): string | undefined {
  if (password.length < MIN_PASSWORD_LENGTH) return `Password must be at least ${MIN_PASSWORD_LENGTH} characters. ${ADVICE}`;
  if (password.length > MAX_PASSWORD_LENGTH) return `Password must be ${MAX_PASSWORD_LENGTH.toLocaleString("en-GB")} characters or fewer`;
  const lower = password.toLowerCase();
  if (isRepeated(lower)) return `Password must not be one character or a short piece repeated, like ‘aaaaaaaaaaaa’. ${ADVICE}`;
  if (isSequential(lower)) return `Password must not be a run of letters, numbers or keys, like ‘123456789012’ or ‘qwertyuiopas’. ${ADVICE}`;
  if (isCommon(lower)) return `Password is one of the most common passwords, so it is easy to guess. ${ADVICE}`;
  const localPart = (person.email ?? "").toLowerCase().split("@")[0] ?? "";
  const names = [localPart, ...(person.displayName ?? "").toLowerCase().split(/\s+/)].filter((n) => n.length >= 4);
  if (names.some((n) => stripEnds(lower.replace(/\s+/g, "")) === n.replace(/[^a-z0-9]/g, "") || lower === n))
    return `Password must not be your name or email address. ${ADVICE}`;
  return undefined;
}

/** One short piece repeated to the full length: "aaaaaaaaaaaa", "abcabcabcabc", "passwordpassword". */
export function isRepeated(password: string): boolean {
  const chars = [...password];
  for (let period = 1; period <= chars.length / 2; period++) {
    if (chars.every((c, i) => c === chars[i % period])) return true;
  }
  return new Set(chars).size <= 2;
}

/** Every neighbouring pair of characters is a step along a run (the alphabet, digits, a keyboard row). */
export function isSequential(password: string): boolean {
  const chars = [...password.replace(/\s+/g, "")];
  if (chars.length < 2) return false;
  const step = (a: string, b: string) =>
    RUNS.some(
      (run) =>
        run.includes(a + b) ||
        [...run]
          .reverse()
          .join("")
          .includes(a + b),
    );
  return chars.slice(1).every((c, i) => step(chars[i] as string, c));
}

/** A common password, also with digits and symbols added at either end or spaces between ("Password 2026!"). */
export function isCommon(password: string): boolean {
  const squeezed = password.replace(/\s+/g, "");
  if (COMMON.has(squeezed)) return true;
  const core = stripEnds(squeezed);
  if (COMMON.has(core)) return true;
  // The same word twice or more with something added: "monkeymonkey1".
  return core.length > 0 && isRepeated(core) && COMMON.has(core.slice(0, smallestPeriod(core)));
}

function stripEnds(password: string): string {
  return password.replace(/^[^a-z]+|[^a-z]+$/g, "");
}

function smallestPeriod(text: string): number {
  for (let p = 1; p <= text.length; p++) if ([...text].every((c, i) => c === text[i % p])) return p;
  return text.length;
}
