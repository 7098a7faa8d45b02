// Every job handler in one place, so the web process (embedded) and the worker run the same ones.
import type { openSystem } from "./composition.ts";
import { IMPORT_QUEUE } from "./modules/imports/imports.service.ts";
import { DAILY_QUEUE, SEND_QUEUE, SWEEP_QUEUE } from "./modules/notifications/notifications.service.ts";

type Services = Pick<Awaited<ReturnType<typeof openSystem>>, "jobs" | "imports" | "notifications">;

export async function registerJobHandlers(system: Services): Promise<void> {
  // Proves the queue end to end for /health.
  await system.jobs.work("system.selfCheck", async () => {});
  await system.jobs.work(IMPORT_QUEUE, (data) => system.imports.runJob(data));
  // Messages (issue 15): each send is its own job; reminders and digests daily at 7am, London time;
  // the sweep finds any message no job holds.
  await system.jobs.work(SEND_QUEUE, (data) => system.notifications.runSend(data));
  await system.jobs.work(DAILY_QUEUE, async () => {
    await system.notifications.runDaily();
  });
  await system.jobs.work(SWEEP_QUEUE, async () => {
    await system.notifications.runSweep();
  });
  await system.jobs.schedule(DAILY_QUEUE, "0 7 * * *");
  await system.jobs.schedule(SWEEP_QUEUE, "*/10 * * * *");
}
