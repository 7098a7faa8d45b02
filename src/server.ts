// `npm start`: the web service on the embedded database (or DATABASE_URL), with demo data on a
// first run outside production.
import cluster from "node:cluster";
import type { AddressInfo } from "node:net";
import { createSystem, gitCommit, packageVersion } from "./composition.ts";
import { registerJobHandlers } from "./jobs.ts";
import { DEMO_PASSWORD, DEMO_USERS, seedDemo } from "./modules/demo/demo.seed.ts";
import { type Config, ConfigError, loadConfig, webProcesses } from "./platform/config.ts";
import { DatabaseLockedError, describeTarget, loginRoleProblems, openDatabase, targetFromConfig } from "./platform/db.ts";
import { logger } from "./platform/logging.ts";

// Start-up takes seconds (tens on a first run with demo data): say what is happening, one line a
// step with the time since start. Counts only: no child's details are ever printed.
const started = performance.now();
function say(message: string): void {
  const seconds = ((performance.now() - started) / 1000).toFixed(1).padStart(5);
  process.stdout.write(`[${seconds} s] ${message}\n`);
}

async function start(): Promise<void> {
  const config = loadConfig(process.env, packageVersion(), gitCommit());
  const target = targetFromConfig(config);
  if (cluster.isWorker) return serveWebProcess(config, target);
  const processes = webProcesses(process.env, target.kind === "postgres");
  const where = describeTarget(target);
  say(target.kind === "pglite" ? `Opening ${where} (created on first run)` : `Connecting to ${where}`);
  const system = await createSystem(config, await openDatabase(target), { onStep: say });
  if (target.kind === "postgres") {
    for (const problem of await loginRoleProblems(system.db)) {
      logger.warn(`${problem}: give the application a login of its own and run migrations with MIGRATION_DATABASE_URL (see the README)`);
    }
  }
  if (config.seedDemo) say("Checking for the demo council");
  const seeded = config.seedDemo ? await seedDemo(system, { onStep: say, closeSouthend: true, qualityHistory: true, bindMeasures: true }) : false;
  // On PostgreSQL, RUN_JOBS=false leaves jobs to `npm run worker`.
  const runJobs = process.env.RUN_JOBS !== "false";
  say(
    runJobs
      ? "Starting the job queue, its handlers (imports, messages) and schedules (the worklists' refresh, daily reminders)"
      : "Starting the job queue (RUN_JOBS=false: `npm run worker` runs the jobs and schedules)",
  );
  await system.jobs.start();
  if (runJobs) await registerJobHandlers(system);

  const ready = (port: number) => {
    const lines = [
      `SEND Oversight is running on ${where} (started in ${((performance.now() - started) / 1000).toFixed(1)} s` +
        `${processes > 1 ? `, ${processes} web processes` : ""}).`,
      `Open http://localhost:${port}/ in your browser.`,
    ];
    if (config.seedDemo) {
      lines.push(
        seeded ? "Demo data was created: Demo Borough Council." : "Demo Borough Council is ready.",
        `Demo sign-ins (password for all: ${DEMO_PASSWORD}):`,
        ...DEMO_USERS.map((u) => `  ${u.roles.join(", ").padEnd(18)} ${u.email}`),
      );
    }
    lines.push("Press Ctrl+C to stop.");
    process.stdout.write(`${lines.join("\n")}\n`);
  };
  let stopping = false;
  const stopOn = (stopWeb: () => Promise<void>) => {
    const stop = async () => {
      if (stopping) return;
      stopping = true;
      await stopWeb();
      await system.close();
      process.exit(0);
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  };

  if (processes === 1) {
    say(`Starting the web server on ${config.host}:${config.port}`);
    const server = system.app.listen(config.port, config.host, () => ready((server.address() as AddressInfo).port));
    stopOn(async () => {
      server.close();
    });
    return;
  }

  // Several web processes share the port (node:cluster). This first process has migrated, seeded
  // and runs the jobs; the web processes only serve pages. One that dies is replaced, unless it
  // died before it ever listened (then starting again would only fail again).
  say(`Starting ${processes} web processes on ${config.host}:${config.port}`);
  const listening = new Set<number>();
  cluster.on("listening", (worker, address) => {
    listening.add(worker.id);
    if (listening.size === processes) ready(address.port);
  });
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) return;
    if (!listening.has(worker.id)) {
      process.stderr.write(`SEND Oversight could not start: a web process stopped while starting (${signal ?? `exit code ${code}`}).\n`);
      process.kill(process.pid, "SIGTERM");
      return;
    }
    logger.warn("A web process stopped; starting another", { code, signal });
    cluster.fork();
  });
  for (let i = 0; i < processes; i++) cluster.fork();
  stopOn(async () => {
    const exits = Object.values(cluster.workers ?? {}).map(
      (worker) => new Promise<void>((resolve) => (worker?.isDead() ? resolve() : worker?.once("exit", () => resolve()))),
    );
    for (const worker of Object.values(cluster.workers ?? {})) worker?.kill("SIGTERM");
    await Promise.all(exits);
  });
}

/** One of several web processes: pages only (the first process migrated, seeded and runs the jobs). */
async function serveWebProcess(config: Config, target: ReturnType<typeof targetFromConfig>): Promise<void> {
  const system = await createSystem(config, await openDatabase(target));
  // Started to send jobs (an import, a message) from requests; handlers run in the first process.
  await system.jobs.start();
  const server = system.app.listen(config.port, config.host);
  const stop = async () => {
    server.close();
    await system.close();
    process.exit(0);
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", () => {}); // Ctrl+C reaches every process: the first one stops the others in order.
  process.on("disconnect", stop);
}

start().catch((error) => {
  if (error instanceof ConfigError || error instanceof DatabaseLockedError) {
    process.stderr.write(`SEND Oversight could not start: ${error.message}\n`);
  } else {
    logger.error("SEND Oversight could not start", { error });
  }
  process.exit(1);
});
