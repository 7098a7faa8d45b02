// Every job handler and schedule in one place, so the web process (embedded database, or
// PostgreSQL with RUN_JOBS left on) and `npm run worker` run the same ones.
import type { openSystem } from "./composition.ts";
import { IMPORT_QUEUE } from "./modules/imports/imports.service.ts";
import { DAILY_QUEUE, SEND_QUEUE, SWEEP_QUEUE } from "./modules/notifications/notifications.service.ts";
import { logger } from "./platform/logging.ts";

type System = Awaited<ReturnType<typeof openSystem>>;
type Services = {
  jobs: System["jobs"];
  imports: Pick<System["imports"], "runJob">;
  cases: Pick<System["cases"], "refreshAllCouncils">;
  notifications: Pick<System["notifications"], "runSend" | "runSweep">;
  reminders: Pick<System["reminders"], "runDaily">;
};

export const WORKLIST_REFRESH_QUEUE = "worklists.refresh";

/**
 * Worklists depend on today's date: every council's are worked out again after midnight, before
 * the first page of the day (a Kent-size council takes about 4 s). The job looks every 15 minutes
 * (London time) and only touches cases last worked out before today, so most runs do nothing.
 * At most one runs per 15-minute slot, whichever and however many processes keep time.
 */
export const WORKLIST_REFRESH = { cron: "*/15 * * * *", tz: "Europe/London", slotSeconds: 15 * 60 };

export async function registerJobHandlers(
  system: Services,
  options: { refresh?: { cron: string; tz: string; slotSeconds: number }; refreshNow?: boolean } = {},
): Promise<void> {
  const refresh = options.refresh ?? WORKLIST_REFRESH;
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
  await system.jobs.schedule(WORKLIST_REFRESH_QUEUE, refresh.cron, { tz: refresh.tz, slotSeconds: refresh.slotSeconds });
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
  await system.jobs.schedule(DAILY_QUEUE, "0 7 * * *", { tz: "Europe/London", slotSeconds: 60 * 60 });
  await system.jobs.schedule(SWEEP_QUEUE, "*/10 * * * *", { tz: "Europe/London", slotSeconds: 10 * 60 });
}
