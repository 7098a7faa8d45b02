// One pg.Pool drives both targets: PostgreSQL (DATABASE_URL) or PGlite (embedded, in ./data or in
// memory). The application works as the role `send_app`, which is neither superuser nor owner of
// any table, so row-level security applies to every query it makes (see docs/adr/0003).
import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { createPgConfig } from "@electric-sql/pglite/node-postgres";
import { CompiledQuery, Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { takeLock } from "./data-lock.ts";
import type { DB } from "./db-types.ts";
import { DatabaseLockedError } from "./errors.ts";
import { logger } from "./logging.ts";

export { DatabaseLockedError };

export const APP_ROLE = "send_app";

// Dates stay `YYYY-MM-DD` strings and bigint counts numbers: no time zone can shift a date.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

/** PostgreSQL: the application's login, and (when it is not the owner) the owner's, for migrations. */
export type DatabaseTarget = { kind: "postgres"; url: string; ownerUrl?: string } | { kind: "pglite"; dataDir: string | null };

export interface Database {
  kind: DatabaseTarget["kind"];
  /** Connected as the owner: for migrations only. */
  ownerPool(): pg.Pool;
  /** The application's connection, as send_app. Call after migrating. */
  app(): Kysely<DB>;
  /** The same pool as app(), for libraries that take a pg.Pool (the sign-in limits' store). */
  appPool(): pg.Pool;
  close(): Promise<void>;
}

/** Where the embedded database keeps its files inside the data folder (beside its lock). */
export function embeddedDataPath(dataDir: string): string {
  return path.join(dataDir, "pgdata");
}

export async function openDatabase(target: DatabaseTarget, options: { pglite?: PGlite } = {}): Promise<Database> {
  let pglite: PGlite | undefined;
  let releaseLock = () => {};
  if (target.kind === "pglite") {
    if (options.pglite) {
      pglite = options.pglite;
    } else if (target.dataDir) {
      fs.mkdirSync(target.dataDir, { recursive: true });
      releaseLock = takeLock(target.dataDir);
      try {
        pglite = await PGlite.create(embeddedDataPath(target.dataDir));
      } catch (error) {
        releaseLock();
        throw error;
      }
    } else {
      pglite = await PGlite.create();
    }
  }
  const poolConfig = (url: string | undefined): pg.PoolConfig =>
    pglite ? { ...createPgConfig(pglite), max: 1 } : { connectionString: url, max: 10 };
  // An idle connection the server ends (a restart, a failover) must not crash the process: the
  // pool drops it and opens another when next needed.
  const newPool = (url?: string) =>
    new pg.Pool(poolConfig(url)).on("error", (error) => logger.warn("A database connection was closed", { error: error.message }));
  const appUrl = target.kind === "postgres" ? target.url : undefined;
  const ownerUrl = target.kind === "postgres" ? (target.ownerUrl ?? target.url) : undefined;

  let owner: pg.Pool | undefined;
  let app: Kysely<DB> | undefined;
  let appPool: pg.Pool | undefined;
  // Every connection works as send_app before its first query (a query sent in the connect
  // event is queued ahead of the caller's), so row-level security always applies, for Kysely
  // and for libraries given the pool alike; if the role cannot be taken the connection is ended.
  const getAppPool = () => {
    appPool ??= newPool(appUrl).on("connect", (client) => {
      client.query(`SET ROLE ${APP_ROLE}`).catch((error: Error) => {
        logger.error("Could not work as the application role; closing the connection", { error: error.message });
        void client.end();
      });
    });
    return appPool;
  };
  let closed = false;

  const database: Database = {
    kind: target.kind,
    ownerPool() {
      owner ??= newPool(ownerUrl);
      return owner;
    },
    app() {
      app ??= new Kysely<DB>({
        dialect: new PostgresDialect({
          pool: getAppPool(),
          // Every connection works as send_app before its first query, so row-level security
          // always applies; if the role cannot be taken the connection fails rather than run as owner.
          onCreateConnection: async (connection) => {
            await connection.executeQuery(CompiledQuery.raw(`SET ROLE ${APP_ROLE}`));
          },
        }),
      });
      return app;
    },
    appPool() {
      database.app();
      return getAppPool();
    },
    async close() {
      if (closed) return;
      closed = true;
      // Kysely's destroy ends the app pool; PGlite itself is closed last.
      if (app) await app.destroy();
      if (owner) await owner.end();
      if (pglite && !options.pglite) await pglite.close();
      releaseLock();
    },
  };
  return database;
}

export function targetFromConfig(config: {
  databaseUrl?: string | undefined;
  migrationDatabaseUrl?: string | undefined;
  dataDir: string;
}): DatabaseTarget {
  if (!config.databaseUrl) return { kind: "pglite", dataDir: config.dataDir };
  return { kind: "postgres", url: config.databaseUrl, ...(config.migrationDatabaseUrl ? { ownerUrl: config.migrationDatabaseUrl } : {}) };
}

/**
 * What is wrong with the application's PostgreSQL login, in words for the log: a superuser or
 * the tables' owner could step out of send_app with RESET ROLE (docs/adr/0003). Empty when fine.
 */
export async function loginRoleProblems(db: Kysely<DB>): Promise<string[]> {
  const { rows } = await sql<{ superuser: boolean; owns: number }>`
    select r.rolsuper as superuser, (select count(*)::int from pg_tables t where t.schemaname = 'public' and t.tableowner = session_user) as owns
      from pg_roles r where r.rolname = session_user`.execute(db);
  const login = rows[0];
  if (!login) return [];
  const problems: string[] = [];
  if (login.superuser) problems.push("DATABASE_URL logs in as a superuser");
  if (login.owns > 0) problems.push("DATABASE_URL logs in as the owner of the tables");
  return problems;
}

/** Where the data is, in words for people: a folder, or a PostgreSQL server and database (never the login or password). */
export function describeTarget(target: DatabaseTarget): string {
  if (target.kind === "pglite") return target.dataDir ? `the embedded database in ${target.dataDir}` : "an embedded database in memory";
  try {
    const url = new URL(target.url);
    const database = decodeURIComponent(url.pathname.replace(/^\//, "")) || "(default database)";
    return `PostgreSQL at ${url.host || "(local socket)"}, database ${database}`;
  } catch {
    return "PostgreSQL (DATABASE_URL)";
  }
}
