// Counts failed attempts in a sliding window, per key (for sign-in: the address and the email).
// Kept in memory: one process serves a council; a restart forgets, which only helps a real user.
export class RateLimiter {
  readonly #failures = new Map<string, number[]>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    readonly now: () => number = Date.now,
  ) {}

  isBlocked(key: string): boolean {
    return this.#recent(key).length >= this.limit;
  }

  recordFailure(key: string): void {
    const recent = this.#recent(key);
    recent.push(this.now());
    this.#failures.set(key, recent);
  }

  reset(key: string): void {
    this.#failures.delete(key);
  }

  #recent(key: string): number[] {
    const since = this.now() - this.windowMs;
    const recent = (this.#failures.get(key) ?? []).filter((t) => t > since);
    if (recent.length === 0) this.#failures.delete(key);
    return recent;
  }
}
