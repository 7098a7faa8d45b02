// Every job handler in one place, so the web process (embedded) and the worker run the same ones.
import type { openSystem } from "./composition.ts";
import { IMPORT_QUEUE } from "./modules/imports/imports.service.ts";

type Services = Pick<Awaited<ReturnType<typeof openSystem>>, "jobs" | "imports">;

export async function registerJobHandlers(system: Services): Promise<void> {
  // Proves the queue end to end for /health.
  await system.jobs.work("system.selfCheck", async () => {});
  await system.jobs.work(IMPORT_QUEUE, (data) => system.imports.runJob(data));
}
