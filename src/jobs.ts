// Every job handler in one place, so the web process (embedded) and the worker run the same ones.
import type { Jobs } from "./platform/jobs.ts";

export async function registerJobHandlers(jobs: Jobs): Promise<void> {
  // Proves the queue end to end for /health; features add their handlers here.
  await jobs.work("system.selfCheck", async () => {});
}
