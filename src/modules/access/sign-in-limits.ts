// Sign-in limits (docs/adr/0004), counted in the database so they survive a restart:
// - per address: many failures across accounts from one address are stopped for the hour;
// - per address and account: after four mistakes each further one adds a growing wait, so the
//   owner who mistypes waits seconds, and a guesser on one address gets few tries a day;
// - per account: many failures from anywhere stop addresses the account has never signed in
//   from, but not the owner's own (known) addresses, so a spread-out guesser cannot lock them out.
import type pg from "pg";
import {
  ACCOUNT_FAILURES_PER_HOUR,
  ADDRESS_FAILURES_PER_HOUR,
  KNOWN_ADDRESS_DAYS,
  waitAfterConsecutiveFailures,
} from "../../domain/access/sign-in-limits.ts";
import { type Counter, databaseCounter } from "../../platform/rate-limit.ts";

export interface SignInAttempt {
  /** The email, lower case. */
  account: string;
  /** The client's address as Express worked it out (forwarded headers only when TRUST_PROXY says). */
  address: string;
}

export type LimitReason = "address" | "address-and-account" | "account";
export type Verdict = { allowed: true } | { allowed: false; reason: LimitReason; msLeft: number };

export class SignInLimits {
  readonly #address: Counter;
  readonly #consecutive: Counter;
  readonly #wait: Counter;
  readonly #account: Counter;
  readonly #known: Counter;
  readonly #refusals: Counter;

  constructor(pool: pg.Pool) {
    this.#address = databaseCounter(pool, "sign-in:address", { windowSeconds: 3600 });
    this.#consecutive = databaseCounter(pool, "sign-in:consecutive", { windowSeconds: 24 * 3600 });
    this.#wait = databaseCounter(pool, "sign-in:wait", { windowSeconds: 1 });
    this.#account = databaseCounter(pool, "sign-in:account", { windowSeconds: 3600 });
    this.#known = databaseCounter(pool, "sign-in:known", { windowSeconds: 1 });
    this.#refusals = databaseCounter(pool, "sign-in:refusals", { windowSeconds: 60 });
  }

  /** Whether this attempt may have its password checked at all. */
  async check(attempt: SignInAttempt): Promise<Verdict> {
    const pair = pairKey(attempt);
    const address = await this.#address.read(attempt.address);
    if (address.count >= ADDRESS_FAILURES_PER_HOUR) return { allowed: false, reason: "address", msLeft: address.msLeft };
    const wait = await this.#wait.read(pair);
    if (wait.count >= this.#wait.blockedCount) return { allowed: false, reason: "address-and-account", msLeft: wait.msLeft };
    const account = await this.#account.read(attempt.account);
    if (account.count >= ACCOUNT_FAILURES_PER_HOUR && (await this.#known.read(pair)).count === 0) {
      return { allowed: false, reason: "account", msLeft: account.msLeft };
    }
    return { allowed: true };
  }

  async recordFailure(attempt: SignInAttempt): Promise<void> {
    const pair = pairKey(attempt);
    await this.#address.add(attempt.address);
    await this.#account.add(attempt.account);
    const wait = waitAfterConsecutiveFailures(await this.#consecutive.add(pair));
    if (wait > 0) await this.#wait.block(pair, wait);
  }

  /** Signed in: the mistakes from this address are forgiven and the address becomes known. */
  async recordSuccess(attempt: SignInAttempt): Promise<void> {
    const pair = pairKey(attempt);
    await this.#consecutive.clear(pair);
    await this.#wait.clear(pair);
    await this.#known.block(pair, KNOWN_ADDRESS_DAYS * 24 * 3600);
  }

  /** Whether this is the first refusal for the account and reason this minute (to audit it once). */
  async firstRefusalThisMinute(attempt: SignInAttempt, reason: LimitReason): Promise<boolean> {
    return (await this.#refusals.add(`${reason}\n${attempt.account}`)) === 1;
  }
}

const pairKey = (attempt: SignInAttempt) => `${attempt.address}\n${attempt.account}`;
