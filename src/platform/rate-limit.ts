// Counters kept in the database (rate-limiter-flexible's PostgreSQL store, table sign_in_limit
// from migration 0010), so a restart or a second process sees the same counts. Works on PGlite
// too: the store is given the application's own pg.Pool, which runs as send_app.
import { createHash } from "node:crypto";
import type pg from "pg";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";

export const LIMIT_TABLE = "sign_in_limit";

export interface Counter {
  /** Adds `points` and returns how many have been counted in the current window. */
  add(key: string, points?: number): Promise<number>;
  /** What has been counted in the current window (0 when nothing), and when it ends. */
  read(key: string): Promise<{ count: number; msLeft: number }>;
  /** Blocks the key for `seconds` (a `read` then reports at least `blockedCount`). */
  block(key: string, seconds: number): Promise<void>;
  clear(key: string): Promise<void>;
  readonly blockedCount: number;
}

/**
 * A named counter over a window of `windowSeconds`. Keys are stored as SHA-256 digests, so the
 * table holds no email or address in plain words.
 */
export function databaseCounter(pool: pg.Pool, name: string, options: { windowSeconds: number; points?: number }): Counter {
  const points = options.points ?? 1_000_000;
  const limiter = new RateLimiterPostgres({
    storeClient: pool,
    storeType: "pool",
    tableName: LIMIT_TABLE,
    tableCreated: true,
    keyPrefix: name,
    points,
    duration: options.windowSeconds,
  });
  const digest = (key: string) => createHash("sha256").update(`${name}\n${key}`).digest("base64url");
  return {
    blockedCount: points + 1,
    async add(key, by = 1) {
      try {
        return (await limiter.consume(digest(key), by)).consumedPoints;
      } catch (outcome) {
        // Over the limit is an answer, not a failure; a database error is.
        if (outcome instanceof RateLimiterRes) return outcome.consumedPoints;
        throw outcome;
      }
    },
    async read(key) {
      const res = await limiter.get(digest(key));
      return res ? { count: res.consumedPoints, msLeft: Math.max(res.msBeforeNext, 0) } : { count: 0, msLeft: 0 };
    },
    async block(key, seconds) {
      await limiter.block(digest(key), seconds);
    },
    async clear(key) {
      await limiter.delete(digest(key));
    },
  };
}
