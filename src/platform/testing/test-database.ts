// Real databases for tests: PGlite in memory by default; a fresh PostgreSQL database of its own
// when DATABASE_URL is set (CI runs both). Creating PGlite costs seconds, so the migrated
// database is made once, kept on disk keyed by the migrations, and cloned for each test.
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { projectRoot } from "../assets.ts";
import type { Config } from "../config.ts";
import { type Database, openDatabase } from "../db.ts";
import { migrateToLatest } from "../migrate.ts";

const cacheDir = path.join(projectRoot, "node_modules/.cache/send-oversight");

export interface TestDatabase {
  database: Database;
  kind: "pglite" | "postgres";
  close(): Promise<void>;
}

export async function openTestDatabase(): Promise<TestDatabase> {
  const url = process.env.DATABASE_URL;
  return url ? openPostgresTestDatabase(url) : openPgliteTestDatabase();
}

async function openPgliteTestDatabase(): Promise<TestDatabase> {
  const pglite = await PGlite.create({ loadDataDir: await migratedTemplate() });
  const database = await openDatabase({ kind: "pglite", dataDir: null }, { pglite });
  return {
    database,
    kind: "pglite",
    async close() {
      await database.close();
      await pglite.close();
    },
  };
}

/** The migrated embedded database as a tar (made once, cached by the migrations): a new data folder starts from it. */
export async function migratedTemplate(): Promise<Blob> {
  const migrations = path.join(projectRoot, "migrations");
  const hash = createHash("sha256");
  for (const file of fs.readdirSync(migrations).sort()) hash.update(file).update(fs.readFileSync(path.join(migrations, file)));
  hash.update(JSON.parse(fs.readFileSync(path.join(projectRoot, "node_modules/@electric-sql/pglite/package.json"), "utf8")).version);
  // Kept as a plain tar: loading it is about half a second faster per test file than gzip.
  const file = path.join(cacheDir, `pglite-${hash.digest("hex").slice(0, 16)}.tar`);
  if (fs.existsSync(file)) return new Blob([fs.readFileSync(file)]);

  const pglite = await PGlite.create();
  const database = await openDatabase({ kind: "pglite", dataDir: null }, { pglite });
  await migrateToLatest(database);
  await database.close();
  const dump = await pglite.dumpDataDir("none");
  await pglite.close();
  fs.mkdirSync(cacheDir, { recursive: true });
  // Write then rename, so a test running alongside never reads half a file.
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, Buffer.from(await dump.arrayBuffer()));
  fs.renameSync(temporary, file);
  return dump;
}

async function openPostgresTestDatabase(url: string): Promise<TestDatabase> {
  const name = `so_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const testUrl = new URL(url);
  testUrl.pathname = `/${name}`;
  const database = await openDatabase({ kind: "postgres", url: testUrl.toString() });
  // Test files run two at a time, each migrating a database of its own; the first migration
  // creates the cluster-wide role send_app, so on a new cluster two at once would both try.
  // One at a time, by an advisory lock in the database every test file connects to first.
  await admin.query("SELECT pg_advisory_lock(hashtext('send-oversight test migrations'))");
  try {
    await migrateToLatest(database);
  } finally {
    await admin.end();
  }
  return {
    database,
    kind: "postgres",
    async close() {
      await database.close();
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    production: false,
    port: 0,
    host: "127.0.0.1",
    databaseUrl: undefined,
    migrationDatabaseUrl: undefined,
    dataDir: "",
    sessionSecret: randomBytes(32).toString("hex"),
    sessionIdleMinutes: 60,
    sessionAbsoluteHours: 12,
    seedDemo: false,
    trustProxy: false,
    // A key of each test's own, as TOTP_ENCRYPTION_KEY would give (tests that need none say so).
    totpEncryptionKey: randomBytes(32),
    version: "test",
    commit: "test",
    ...overrides,
  };
}
