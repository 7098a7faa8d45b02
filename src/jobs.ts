// Every job handler and schedule in one place, so the web process (embedded database, or
// PostgreSQL with RUN_JOBS left on) and `npm run worker` run the same ones.
import type { openSystem } from "./composition.ts";
import { IMPORT_QUEUE } from "./modules/imports/imports.service.ts";
import { DAILY_QUEUE, SEND_QUEUE, SWEEP_QUEUE } from "./modules/notifications/notifications.service.ts";
import { ConfigError } from "./platform/config.ts";
import { logger } from "./platform/logging.ts";

type System = Awaited<ReturnType<typeof openSystem>>;
type Services = {
  jobs: System["jobs"];
  imports: Pick<System["imports"], "runJob">;
  cases: Pick<System["cases"], "refreshAllCouncils">;
  notifications: Pick<System["notifications"], "runSend" | "runSweep" | "reclaimSeconds">;
  reminders: Pick<System["reminders"], "runDaily">;
};

interface Schedule {
  cron: string;
  tz: string;
  slotSeconds: number;
}

export const WORKLIST_REFRESH_QUEUE = "worklists.refresh";

/**
 * Worklists depend on today's date: every council's are worked out again after midnight, before
 * the first page of the day (a Kent-size council takes about 4 s). The job looks every 15 minutes
 * (London time) and only touches cases last worked out before today, so most runs do nothing.
 * At most one runs per 15-minute slot, whichever and however many processes keep time.
 */
export const WORKLIST_REFRESH = { cron: "*/15 * * * *", tz: "Europe/London", slotSeconds: 15 * 60 };

/** Reminders and digests at 7am London time; at most one run an hour. */
export const MESSAGES_DAILY = { cron: "0 7 * * *", tz: "Europe/London", slotSeconds: 60 * 60 };
/** The sweep looks every 10 minutes (London time). */
export const MESSAGES_SWEEP_CRON = "*/10 * * * *";

/**
 * When the schedules fire, from the environment: WORKLIST_REFRESH_CRON, MESSAGES_DAILY_CRON and
 * MESSAGES_SWEEP_CRON (five-field cron, London time). How often each may run (its slot) stays as
 * above, so a schedule set to fire every minute still runs once per slot: the crash tests rely on it.
 */
export function schedulesFromEnv(env: NodeJS.ProcessEnv = process.env): { refresh: Schedule; daily: Schedule; sweepCron: string } {
  const cron = (name: string, fallback: string) => {
    const value = env[name]?.trim();
    if (!value) return fallback;
    if (!/^\S+( \S+){4}$/.test(value))
      throw new ConfigError(`${name} must be a cron expression of five fields, such as "0 7 * * *"; got "${value}".`);
    return value;
  };
  return {
    refresh: { ...WORKLIST_REFRESH, cron: cron("WORKLIST_REFRESH_CRON", WORKLIST_REFRESH.cron) },
    daily: { ...MESSAGES_DAILY, cron: cron("MESSAGES_DAILY_CRON", MESSAGES_DAILY.cron) },
    sweepCron: cron("MESSAGES_SWEEP_CRON", MESSAGES_SWEEP_CRON),
  };
}

export async function registerJobHandlers(
  system: Services,
  options: { refresh?: Schedule; daily?: Schedule; sweepCron?: string; refreshNow?: boolean } = {},
): Promise<void> {
  const fromEnv = schedulesFromEnv();
  const refresh = options.refresh ?? fromEnv.refresh;
  const daily = options.daily ?? fromEnv.daily;
  const sweepCron = options.sweepCron ?? fromEnv.sweepCron;
  // A cron the five-field check let through but pg-boss cannot read is named, not a stack trace.
  const schedule = async (queue: string, variable: string, s: Schedule) => {
    try {
      await system.jobs.schedule(queue, s.cron, { tz: s.tz, slotSeconds: s.slotSeconds });
    } catch (error) {
      // cron-parser's own wording (pg-boss reads the expression before touching the database).
      if (/^(Invalid|Constraint error|Validation error)/.test((error as Error).message))
        throw new ConfigError(`${variable} "${s.cron}" is not a cron expression pg-boss can read: ${(error as Error).message}`);
      throw error;
    }
  };
  // Proves the queue end to end for /health.
  await system.jobs.work("system.selfCheck", async () => {});
  await system.jobs.work(IMPORT_QUEUE, (data) => system.imports.runJob(data));
  await system.jobs.work(WORKLIST_REFRESH_QUEUE, async () => {
    const started = performance.now();
    try {
      await system.cases.refreshAllCouncils();
    } catch (error) {
      // pg-boss retries it; say why (the message names no child: it comes from the database).
      logger.error("Refreshing the worklists failed", { error: (error as Error).message });
      throw error;
    }
    logger.info("Worklists refreshed", { ms: Math.round(performance.now() - started) });
  });
  await schedule(WORKLIST_REFRESH_QUEUE, "WORKLIST_REFRESH_CRON", refresh);
  // A process that starts after midnight need not wait for the next quarter hour.
  if (options.refreshNow !== false) await system.jobs.sendOncePerSlot(WORKLIST_REFRESH_QUEUE, refresh.slotSeconds);
  // Messages (issue 15): each send is its own job; reminders and digests daily at 7am, London time;
  // the sweep finds any message no job holds.
  await system.jobs.work(SEND_QUEUE, (data) => system.notifications.runSend(data));
  await system.jobs.work(DAILY_QUEUE, async () => {
    await system.reminders.runDaily();
  });
  await system.jobs.work(SWEEP_QUEUE, async () => {
    await system.notifications.runSweep();
  });
  await schedule(DAILY_QUEUE, "MESSAGES_DAILY_CRON", daily);
  // The sweep runs at most once per reclaim window (10 minutes unless MESSAGES_RECLAIM_SECONDS).
  const reclaim = system.notifications.reclaimSeconds;
  await schedule(SWEEP_QUEUE, "MESSAGES_SWEEP_CRON", { cron: sweepCron, tz: "Europe/London", slotSeconds: reclaim });
  // A process that starts (after a crash, say) sweeps once the claims of one that stopped have
  // gone stale, rather than waiting for the clock: kill -9 mid-send loses nothing for long.
  await system.jobs.sendOncePerSlot(SWEEP_QUEUE, reclaim, { startAfterSeconds: reclaim });
}
