// `npm run worker`: handles background jobs and runs the schedules (the worklists' refresh) in a
// process of its own, beside web processes started with RUN_JOBS=false. On the embedded database
// jobs and schedules run inside `npm start`.
import { openSystem } from "./composition.ts";
import { registerJobHandlers } from "./jobs.ts";
import { ConfigError, loadConfig } from "./platform/config.ts";
import { openDatabase, targetFromConfig } from "./platform/db.ts";
import { logger } from "./platform/logging.ts";

async function run(): Promise<void> {
  const config = loadConfig();
  if (!config.databaseUrl) throw new ConfigError("The worker needs DATABASE_URL: the embedded database runs its jobs inside npm start.");
  const system = await openSystem(await openDatabase(targetFromConfig(config)));
  await system.jobs.start();
  await registerJobHandlers(system);
  logger.info("Worker started: imports, and the worklists' refresh every 15 minutes (London time)");
  const stop = async () => {
    await system.close();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

run().catch((error) => {
  process.stderr.write(`SEND Oversight worker could not start: ${(error as Error).message}\n`);
  process.exit(1);
});
