// Background jobs on pg-boss, behind a small interface. Work is enqueued inside the business
// transaction (so a rolled-back change leaves no job behind) and survives restarts.
import { CompiledQuery, type Kysely } from "kysely";
import PgBoss from "pg-boss";
import type { DB } from "./db-types.ts";
import { logger } from "./logging.ts";
import type { Trx } from "./transaction.ts";

export type JobHandler = (data: Record<string, unknown>) => Promise<void>;

export interface Jobs {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Adds a job as part of `trx`: it exists only if the transaction commits. */
  enqueue(trx: Trx, queue: string, data: Record<string, unknown>, options?: { singletonKey?: string }): Promise<string | null>;
  /** Handles jobs of a queue in this process (the embedded default) or a separate worker. */
  work(queue: string, handler: JobHandler): Promise<void>;
  /** Whether a job is still waiting or being worked on (false once it has finished, failed or gone). */
  isLive(queue: string, id: string): Promise<boolean>;
  /** After a commit that enqueued work: this process's workers look now, not at their next poll. */
  nudge(queue: string): void;
  healthy(): Promise<boolean>;
  /** Runs `queue` on a cron schedule (London time), once across all processes (pg-boss's own clock). */
  schedule(queue: string, cron: string): Promise<void>;
}

// Every queue the application uses is declared here, so it exists before anything is sent.
export const QUEUES = ["system.selfCheck", "imports.run", "notifications.send", "notifications.daily", "notifications.sweep"] as const;

/** Retries for queues whose work meets the outside world: a mail server or GOV.UK Notify that is busy. */
const QUEUE_OPTIONS: Partial<Record<(typeof QUEUES)[number], { retryLimit: number; retryDelay: number; retryBackoff: boolean }>> = {
  "notifications.send": { retryLimit: 5, retryDelay: 30, retryBackoff: true },
};

/** pg-boss runs through the application's own connection (as send_app), on PGlite as on PostgreSQL. */
function adapter(db: Kysely<DB> | Trx): PgBoss.Db {
  return {
    executeSql: async (text, values) => {
      const result = await db.executeQuery(CompiledQuery.raw(text, values ?? []));
      return { rows: result.rows as unknown[] as never[] };
    },
  };
}

export function createJobs(db: Kysely<DB>): Jobs {
  const boss = new PgBoss({ db: adapter(db), schema: "pgboss", schedule: true, supervise: true, migrate: true });
  boss.on("error", (error) => logger.error("Job queue error", { error }));
  let started = false;
  const workers = new Map<string, string[]>();
  return {
    async start() {
      if (started) return;
      await boss.start();
      for (const name of QUEUES) if (!(await boss.getQueue(name))) await boss.createQueue(name, { name, policy: "standard", ...QUEUE_OPTIONS[name] });
      started = true;
    },
    async stop() {
      if (!started) return;
      started = false;
      await boss.stop({ graceful: true, wait: true, timeout: 5000 });
    },
    async enqueue(trx, queue, data, options = {}) {
      return boss.send(queue, data, { ...options, db: adapter(trx) });
    },
    async isLive(queue, id) {
      const job = await boss.getJobById(queue, id);
      return !!job && ["created", "retry", "active"].includes(job.state);
    },
    async work(queue, handler) {
      const id = await boss.work(queue, { pollingIntervalSeconds: 1 }, async (jobs) => {
        for (const job of jobs) await handler(job.data as Record<string, unknown>);
      });
      workers.set(queue, [...(workers.get(queue) ?? []), id]);
    },
    nudge(queue) {
      for (const id of workers.get(queue) ?? []) boss.notifyWorker(id);
    },
    async schedule(queue, cron) {
      await boss.schedule(queue, cron, {}, { tz: "Europe/London" });
    },
    async healthy() {
      if (!started) return false;
      try {
        await boss.getQueueSize(QUEUES[0]);
        return true;
      } catch {
        return false;
      }
    },
  };
}
