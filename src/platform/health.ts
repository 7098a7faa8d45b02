// Health for operators and load balancers, answered before any session, cookie or template work:
// - /health/live: the process is up and its event loop turns; costs nothing, touches nothing.
// - /health/ready: the database answers (within a time limit), so this process can serve pages.
// - /health: the full check (database, migrations, job queue) for people and monitoring; JSON.
// - /info: version, commit and kind of database.
import express from "express";
import { type Kysely, sql } from "kysely";
import type { DB } from "./db-types.ts";
import type { Jobs } from "./jobs.ts";
import { migrationStatus } from "./migrate.ts";

// A load balancer's probe gives up after a few seconds; answer before it does.
const READY_TIMEOUT_MS = 3000;

export function healthRoutes(
  db: Kysely<DB>,
  jobs: Pick<Jobs, "healthy">,
  info: { version: string; commit: string; database: string },
  options: { readyTimeoutMs?: number } = {},
): express.Router {
  const router = express.Router();
  // Probes are never cached, and their JSON is never sniffed as anything else.
  router.use(["/health", "/info"], (_req, res, next) => {
    res.set({ "cache-control": "no-store", "x-content-type-options": "nosniff" });
    next();
  });
  router.get("/health/live", (_req, res) => {
    res.json({ status: "ok" });
  });
  router.get("/health/ready", async (_req, res) => {
    const answered = await withTimeout(sql`select 1`.execute(db), options.readyTimeoutMs ?? READY_TIMEOUT_MS);
    if (answered === "ok") res.json({ status: "ok" });
    else
      res
        .status(503)
        .json({ status: "error", message: answered === "timeout" ? "The database did not answer in time" : "The database did not answer" });
  });
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

async function withTimeout(work: Promise<unknown>, ms: number): Promise<"ok" | "timeout" | "error"> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), ms);
  });
  try {
    return await Promise.race([work.then(() => "ok" as const), timeout]);
  } catch {
    return "error";
  } finally {
    clearTimeout(timer);
  }
}
