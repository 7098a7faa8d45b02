// How sign-in attempts are slowed (docs/adr/0004): numbers and rules only, no storage or clock.
// The aim is to slow guessing without letting a guesser lock the real owner out.

/** Failed sign-ins from one address, across all accounts, in an hour (an office shares one address). */
export const ADDRESS_FAILURES_PER_HOUR = 100;
/** Consecutive failures for one account from one address before each further one adds a wait. */
export const FREE_CONSECUTIVE_FAILURES = 4;
/** Failures for one account from anywhere in an hour before addresses it has never signed in from must wait. */
export const ACCOUNT_FAILURES_PER_HOUR = 20;
/** How long an address where the account signed in stays "known" to it. */
export const KNOWN_ADDRESS_DAYS = 90;

const FIRST_WAIT_SECONDS = 30;
const LONGEST_WAIT_SECONDS = 15 * 60;

/**
 * The wait after the given number of consecutive failures for one account from one address:
 * none for the first four (people mistype), then 30 seconds, doubling to at most 15 minutes.
 */
export function waitAfterConsecutiveFailures(failures: number): number {
  if (failures <= FREE_CONSECUTIVE_FAILURES) return 0;
  const doublings = failures - FREE_CONSECUTIVE_FAILURES - 1;
  return Math.min(FIRST_WAIT_SECONDS * 2 ** Math.min(doublings, 10), LONGEST_WAIT_SECONDS);
}

/** "Wait 30 seconds" / "Wait 2 minutes": rounded up, so nobody comes back too early. */
export function waitInWords(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 60) return `${seconds} ${seconds === 1 ? "second" : "seconds"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} ${minutes === 1 ? "minute" : "minutes"}`;
}

/** Wrong codes at the second step (or when turning it off) for one account before it must wait (RFC 4226 section 7.3, throttling). */
export const CODE_FAILURES_PER_WINDOW = 5;
/** The window those wrong codes are counted over: five guesses in fifteen minutes make a 6-digit code take years to guess. */
export const CODE_WINDOW_SECONDS = 15 * 60;
