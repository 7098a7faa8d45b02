// Real processes for the crash tests: `src/server.ts` and `src/worker.ts` started as `npm start`
// and `npm run worker` start them, killed with SIGKILL; a database of their own (a new PostgreSQL
// database, or an embedded data folder made from the migrated template).
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { projectRoot } from "../assets.ts";
import { type DatabaseTarget, embeddedDataPath } from "../db.ts";
import { migratedTemplate } from "./test-database.ts";

export interface RunningProcess {
  child: ChildProcess;
  output(): string;
  /** Resolves with the exit code, or the signal that ended it. */
  exited: Promise<number | NodeJS.Signals | null>;
}

/** Starts a script of the project (`src/server.ts`, `src/worker.ts`, `bin/send-oversight.js`) in a process of its own. */
export function startProcess(script: string, env: NodeJS.ProcessEnv, args: string[] = []): RunningProcess {
  const child = spawn(process.execPath, ["--import", "tsx", script, ...args], {
    cwd: projectRoot,
    env: { LOG_LEVEL: "error", ...env },
  });
  let text = "";
  child.stdout?.on("data", (chunk) => {
    text += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    text += chunk;
  });
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) => child.on("exit", (code, signal) => resolve(signal ?? code)));
  return { child, output: () => text, exited };
}

/** SIGKILL: the process gets no chance to finish anything. */
export async function killHard(running: RunningProcess): Promise<void> {
  if (running.child.exitCode === null && running.child.signalCode === null) running.child.kill("SIGKILL");
  await running.exited;
}

export async function waitFor<T>(what: string, check: () => T | undefined | Promise<T | undefined>, seconds = 120, everyMs = 100): Promise<T> {
  const until = Date.now() + seconds * 1000;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`Gave up waiting for ${what} after ${seconds} s`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** The environment of this test process without a database: the caller says which. */
export function envWithout(...names: string[]): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of names) delete env[name];
  return env;
}

export interface ProcessDatabase {
  target: DatabaseTarget;
  /** What a process is given to use it: DATABASE_URL, or DATA_DIR. */
  env: NodeJS.ProcessEnv;
  remove(): Promise<void>;
}

/**
 * A database for processes: with DATABASE_URL a new PostgreSQL database (dropped at the end),
 * otherwise an embedded data folder, migrated when `migrated` (from the cached template: seconds
 * faster than migrating), or empty.
 */
export async function processDatabase(options: { migrated: boolean }): Promise<ProcessDatabase> {
  const adminUrl = process.env.DATABASE_URL;
  if (adminUrl) {
    const name = `so_test_crash_${randomBytes(5).toString("hex")}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return {
      target: { kind: "postgres", url: url.toString() },
      env: { ...envWithout("DATA_DIR"), DATABASE_URL: url.toString() },
      async remove() {
        const client = new pg.Client({ connectionString: adminUrl });
        await client.connect();
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await client.end();
      },
    };
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "so-crash-"));
  if (options.migrated) {
    const pglite = await PGlite.create(embeddedDataPath(dataDir), { loadDataDir: await migratedTemplate() });
    await pglite.close();
  }
  return {
    target: { kind: "pglite", dataDir },
    env: { ...envWithout("DATABASE_URL", "MIGRATION_DATABASE_URL"), DATA_DIR: dataDir },
    async remove() {
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
