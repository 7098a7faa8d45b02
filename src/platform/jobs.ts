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
  enqueue(
    trx: Trx,
    queue: string,
    data: Record<string, unknown>,
    options?: { singletonKey?: string; startAfterSeconds?: number },
  ): Promise<string | null>;
  /** Handles jobs of a queue in this process (the embedded default) or a separate worker. */
  work(queue: string, handler: JobHandler): Promise<void>;
  /** Whether a job is still waiting or being worked on (false once it has finished, failed or gone). */
  isLive(queue: string, id: string): Promise<boolean>;
  /** After a commit that enqueued work: this process's workers look now, not at their next poll. */
  nudge(queue: string): void;
  healthy(): Promise<boolean>;
  /**
   * Runs `queue` on a cron schedule (pg-boss keeps it in the database; whichever process keeps
   * time sends it). At most one job per `slotSeconds` is created, however many processes send.
   */
  schedule(queue: string, cron: string, options: { tz: string; slotSeconds: number }): Promise<void>;
  /** Sends a job now unless one was already sent in this slot (see schedule). Returns its id, or null if not sent. */
  sendOncePerSlot(queue: string, slotSeconds: number, options?: { startAfterSeconds?: number }): Promise<string | null>;
}

// Every queue the application uses is declared here with its policy, so it exists before anything
// is sent. "stately": at most one job waiting and one running, so a scheduled job never runs twice
// at once however many processes work the queue.
export const QUEUES = {
  "system.selfCheck": "standard",
  "imports.run": "standard",
  "worklists.refresh": "stately",
  "notifications.send": "standard",
  "notifications.daily": "stately",
  "notifications.sweep": "stately",
} as const satisfies Record<string, "standard" | "short" | "singleton" | "stately">;

/** Retries for queues whose work meets the outside world: a mail server or GOV.UK Notify that is busy. */
const QUEUE_OPTIONS: Partial<Record<keyof typeof QUEUES, { retryLimit: number; retryDelay: number; retryBackoff: boolean }>> = {
  "notifications.send": { retryLimit: 5, retryDelay: 30, retryBackoff: true },
};

/**
 * pg-boss runs through the application's own connection (as send_app), on PGlite as on PostgreSQL.
 * Queries still running are kept in `running`: pg-boss 10 marks a job done without awaiting it,
 * and a worker stopped while fetching still runs the job it fetched, so its stop() can return
 * while either is under way, and closing the database then would fail them.
 */
function adapter(db: Kysely<DB> | Trx, running?: Set<Promise<unknown>>): PgBoss.Db {
  return {
    executeSql: async (text, values) => {
      const query = db.executeQuery(CompiledQuery.raw(text, values ?? []));
      running?.add(query);
      try {
        const result = await query;
        return { rows: result.rows as unknown[] as never[] };
      } finally {
        running?.delete(query);
      }
    },
  };
}

export function createJobs(db: Kysely<DB>): Jobs {
  // Every process that starts the queue keeps time for the schedules: pg-boss lets one of them
  // look at the schedules per interval (a time stamp in its own table), so a schedule fires once.
  const running = new Set<Promise<unknown>>();
  const boss = new PgBoss({ db: adapter(db, running), schema: "pgboss", schedule: true, supervise: true, migrate: true });
  boss.on("error", (error) => logger.error("Job queue error", { error }));
  let started = false;
  const workers = new Map<string, string[]>();
  return {
    async start() {
      if (started) return;
      await boss.start();
      for (const [name, policy] of Object.entries(QUEUES) as [keyof typeof QUEUES, PgBoss.QueuePolicy][])
        if (!(await boss.getQueue(name))) await boss.createQueue(name, { name, policy, ...QUEUE_OPTIONS[name] });
      started = true;
    },
    async stop() {
      if (!started) return;
      started = false;
      await boss.stop({ graceful: true, wait: true, timeout: 5000 });
      // A settled fetch hands its jobs to the handler in later microtasks, so after each wait
      // let a timer fire and look again: only then is an empty set really empty. A job that hangs
      // (a mail server that never answers) is not waited for beyond 30 seconds.
      const giveUp = Date.now() + 30_000;
      do {
        await Promise.race([Promise.allSettled([...running]), new Promise((resolve) => setTimeout(resolve, 1000))]);
        await new Promise((resolve) => setTimeout(resolve, 0));
      } while (running.size > 0 && Date.now() < giveUp);
      if (running.size > 0) logger.warn("Stopped with jobs still running", { count: running.size });
    },
    async enqueue(trx, queue, data, options = {}) {
      const { startAfterSeconds, ...rest } = options;
      return boss.send(queue, data, { ...rest, ...(startAfterSeconds ? { startAfter: startAfterSeconds } : {}), db: adapter(trx) });
    },
    async isLive(queue, id) {
      const job = await boss.getJobById(queue, id);
      return !!job && ["created", "retry", "active"].includes(job.state);
    },
    async work(queue, handler) {
      // One job at a time per queue in each process (batchSize 1, handled in turn): with the web
      // process and N workers, at most N + 1 imports run at once.
      let id = "";
      id = await boss.work(queue, { pollingIntervalSeconds: 1 }, async (jobs) => {
        const handling = (async () => {
          for (const job of jobs) await handler(job.data as Record<string, unknown>);
        })();
        running.add(handling);
        try {
          await handling;
        } finally {
          running.delete(handling);
          // pg-boss 10 waits out its polling interval after every fetch, even one that found work:
          // one job a second per queue (1,000 messages took 17 minutes). After a job, look again at once.
          if (jobs.length > 0 && id) boss.notifyWorker(id);
        }
      });
      workers.set(queue, [...(workers.get(queue) ?? []), id]);
    },
    nudge(queue) {
      for (const id of workers.get(queue) ?? []) boss.notifyWorker(id);
    },
    async healthy() {
      if (!started) return false;
      try {
        await boss.getQueueSize("system.selfCheck");
        return true;
      } catch {
        return false;
      }
    },
    async schedule(queue, cron, { tz, slotSeconds }) {
      await boss.schedule(queue, cron, {}, { tz, singletonKey: queue, singletonSeconds: slotSeconds });
    },
    async sendOncePerSlot(queue, slotSeconds, options = {}) {
      const startAfter = options.startAfterSeconds ? { startAfter: options.startAfterSeconds } : {};
      return boss.send(queue, {}, { singletonKey: queue, singletonSeconds: slotSeconds, ...startAfter });
    },
  };
}
