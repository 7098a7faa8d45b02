// Configuration comes from the environment only; secrets are never written in code or logs.
import { randomBytes } from "node:crypto";
import path from "node:path";

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
    version,
    commit: env.GIT_COMMIT ?? commit,
  };
}
