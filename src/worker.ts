// `npm run worker`: handles background jobs in a process of its own, for installations that do
// not want them in the web process. On the embedded database jobs run inside `npm start`.
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
  logger.info("Worker started");
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
