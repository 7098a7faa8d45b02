// Configuration comes from the environment only; secrets are never written in code or logs.
import { randomBytes } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { parseSecretKey } from "./secret-box.ts";

export interface Config {
  production: boolean;
  port: number;
  host: string;
  /** PostgreSQL connection string; when absent the embedded PGlite database under dataDir is used. */
  databaseUrl: string | undefined;
  /** The owner's connection string, for migrations only; DATABASE_URL can then be the application's own login. */
  migrationDatabaseUrl: string | undefined;
  dataDir: string;
  sessionSecret: string;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  /** Seed the demo council on an empty database (never in production). */
  seedDemo: boolean;
  /**
   * Which proxies in front of the service may say who the client is (X-Forwarded-For), in
   * Express's "trust proxy" terms: false (the default: none), a number of hops, or addresses.
   */
  trustProxy: false | number | string[];
  /**
   * TOTP_ENCRYPTION_KEY (32 bytes, base64): the key authenticator apps' secrets are stored under.
   * Unset: on the embedded start a key is made once in DATA_DIR; otherwise two-step set-up is refused.
   */
  totpEncryptionKey?: Buffer;
  version: string;
  commit: string;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, version = "0.0.0", commit = "unknown"): Config {
  const production = env.NODE_ENV === "production";
  const secret = env.SESSION_SECRET;
  if (production && (!secret || secret.length < 32)) {
    throw new ConfigError(
      "SESSION_SECRET must be set to at least 32 random characters when NODE_ENV=production. " +
        "Generate one with: node -e \"console.log(require('crypto').randomBytes(32).toString('hex'))\"",
    );
  }
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`PORT must be a port number; got "${env.PORT}".`);
  let totpEncryptionKey: Buffer | undefined;
  try {
    totpEncryptionKey = parseSecretKey(env.TOTP_ENCRYPTION_KEY);
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
  if (env.MIGRATION_DATABASE_URL && !env.DATABASE_URL) {
    throw new ConfigError("MIGRATION_DATABASE_URL is for PostgreSQL: set DATABASE_URL to the application's login as well.");
  }
  return {
    production,
    port,
    host: env.HOST ?? "127.0.0.1",
    databaseUrl: env.DATABASE_URL || undefined,
    migrationDatabaseUrl: env.MIGRATION_DATABASE_URL || undefined,
    dataDir: path.resolve(env.DATA_DIR ?? "data"),
    // Outside production a random secret is fine: sessions simply end when the process restarts.
    sessionSecret: secret ?? randomBytes(32).toString("hex"),
    sessionIdleMinutes: Number(env.SESSION_IDLE_MINUTES ?? 60),
    sessionAbsoluteHours: Number(env.SESSION_ABSOLUTE_HOURS ?? 12),
    seedDemo: !production && env.SEED_DEMO !== "false",
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    ...(totpEncryptionKey ? { totpEncryptionKey } : {}),
    version,
    commit: env.GIT_COMMIT ?? commit,
  };
}

/**
 * TRUST_PROXY: unset, empty or "false" trusts no proxy (the address is the connection's own); a
 * number trusts that many hops in front; otherwise a comma-separated list of addresses, subnets or
 * Express's names (loopback, linklocal, uniquelocal). "true" (trust anyone) is refused: any client
 * could then choose its own address and escape the sign-in limits.
 */
export function parseTrustProxy(value: string | undefined): false | number | string[] {
  const text = (value ?? "").trim();
  if (text === "" || text === "false") return false;
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops > 10) throw new ConfigError(`TRUST_PROXY must be a number of proxies from 0 to 10; got ${text}.`);
    return hops === 0 ? false : hops;
  }
  if (text === "true") {
    throw new ConfigError("TRUST_PROXY=true would let any client choose its own address. Give the number of proxies in front, or their addresses.");
  }
  const entries = text
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  for (const entry of entries) {
    if (!/^(loopback|linklocal|uniquelocal|[0-9a-fA-F.:]+(\/\d{1,3})?)$/.test(entry)) {
      throw new ConfigError(`TRUST_PROXY: "${entry}" is not an address, a subnet (10.0.0.0/8) or one of loopback, linklocal, uniquelocal.`);
    }
  }
  return entries;
}

/**
 * WEB_PROCESSES: on PostgreSQL, one web process per core unless set; the embedded database lives
 * inside one process, so it always has one. Refuses a value that is not a whole number from 1.
 */
export function webProcesses(env: NodeJS.ProcessEnv, postgres: boolean, cores = os.availableParallelism()): number {
  const text = env.WEB_PROCESSES?.trim();
  if (text && !/^[1-9]\d*$/.test(text)) throw new ConfigError(`WEB_PROCESSES must be a whole number from 1; got "${text}".`);
  if (!postgres) {
    if (text && text !== "1") throw new ConfigError("WEB_PROCESSES is for PostgreSQL: the embedded database runs in one process.");
    return 1;
  }
  return text ? Number(text) : cores;
}
