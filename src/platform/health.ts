// /health (database, migrations, queue; JSON) and /info (version, commit).
import express from "express";
import { type Kysely, sql } from "kysely";
import type { DB } from "./db-types.ts";
import type { Jobs } from "./jobs.ts";
import { migrationStatus } from "./migrate.ts";

export function healthRoutes(db: Kysely<DB>, jobs: Jobs, info: { version: string; commit: string; database: string }): express.Router {
  const router = express.Router();
  router.get("/health", async (_req, res) => {
    const database = await sql`select 1`.execute(db).then(
      () => ({ status: "ok" }),
      () => ({ status: "error", message: "The database did not answer" }),
    );
    const migrations = await migrationStatus(db as Kysely<unknown>).then(
      ({ pending, applied }) => (pending.length ? { status: "error", applied, pending } : { status: "ok", applied, pending }),
      () => ({ status: "error", message: "Could not read the migrations table" }),
    );
    const queue = (await jobs.healthy()) ? { status: "ok" } : { status: "error", message: "The job queue is not running" };
    const ok = [database, migrations, queue].every((check) => check.status === "ok");
    res.status(ok ? 200 : 503).json({ status: ok ? "ok" : "error", checks: { database, migrations, queue } });
  });
  router.get("/info", (_req, res) => {
    res.json({ name: "send-oversight", version: info.version, commit: info.commit, database: info.database });
  });
  return router;
}
