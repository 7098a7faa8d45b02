// Forward-only migrations (migrations/NNNN_name.ts), run as the owner on start and by `npm run migrate`.
import { promises as fs } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { FileMigrationProvider, Kysely, Migrator, PostgresDialect } from "kysely";
import type { Database } from "./db.ts";

const migrationFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../migrations");

export interface MigrationReport {
  applied: string[];
  total: number;
}

export async function migrateToLatest(database: Database): Promise<MigrationReport> {
  const owner = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: wrapWithoutEnd(database.ownerPool()) }) });
  const migrator = newMigrator(owner);
  const { error, results } = await migrator.migrateToLatest();
  await owner.destroy();
  if (error) {
    const failed = results?.find((r) => r.status === "Error");
    throw new Error(`Migration ${failed?.migrationName ?? ""} failed: ${(error as Error).message}`);
  }
  const all = await listMigrationNames();
  return { applied: (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName), total: all.length };
}

/** Migration names in the folder and those applied, for /health. */
export async function migrationStatus(db: Kysely<unknown>): Promise<{ pending: string[]; applied: number }> {
  const migrations = await newMigrator(db).getMigrations();
  return { pending: migrations.filter((m) => !m.executedAt).map((m) => m.name), applied: migrations.filter((m) => m.executedAt).length };
}

function newMigrator(db: Kysely<unknown>): Migrator {
  return new Migrator({ db, provider: new FileMigrationProvider({ fs, path, migrationFolder }), allowUnorderedMigrations: false });
}

async function listMigrationNames(): Promise<string[]> {
  return (await fs.readdir(migrationFolder)).filter((f) => f.endsWith(".ts")).sort();
}

// The owner pool is shared with later callers (PGlite has one connection), so Kysely must not end it.
function wrapWithoutEnd(pool: import("pg").Pool): import("pg").Pool {
  return new Proxy(pool, {
    get(target, prop, receiver) {
      if (prop === "end") return async () => {};
      return Reflect.get(target, prop, receiver);
    },
  });
}
