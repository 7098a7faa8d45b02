// Several web processes (WEB_PROCESSES, node:cluster) on one PostgreSQL: started as `npm start`
// does, they answer together; one killed with SIGKILL is replaced while the others serve; SIGTERM
// stops them all. The embedded database refuses more than one process with a clear message.
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import pg from "pg";
import { projectRoot } from "./platform/assets.ts";

function startServer(env: NodeJS.ProcessEnv): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, ["--import", "tsx", "src/server.ts"], { cwd: projectRoot, env: { ...env, LOG_LEVEL: "error" } });
  let text = "";
  child.stdout?.on("data", (chunk) => {
    text += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    text += chunk;
  });
  return { child, output: () => text };
}

async function waitFor<T>(what: string, check: () => T | undefined | Promise<T | undefined>, seconds = 180): Promise<T> {
  const until = Date.now() + seconds * 1000;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`Gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** A request on a connection of its own (as a new browser's): a kept-alive one would go to the killed process. */
function statusOf(url: string): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false, timeout: 10_000 }, (res) => resolve(res.resume().statusCode))
      .on("timeout", function (this: http.ClientRequest) {
        this.destroy(new Error(`No answer from ${url} within 10 s`));
      })
      .on("error", reject);
  });
}

/** The processes whose parent is `pid` (Linux /proc). */
function childrenOf(pid: number): number[] {
  return fs
    .readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .filter((name) => {
      try {
        // The parent is the 4th field, after the command name in brackets (which may hold spaces).
        const stat = fs.readFileSync(`/proc/${name}/stat`, "utf8");
        return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === pid;
      } catch {
        return false; // gone meanwhile
      }
    })
    .map(Number);
}

test("the embedded database refuses WEB_PROCESSES above 1, saying why, and starts nothing", async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "so-processes-"));
  const { DATABASE_URL: _unused, ...env } = process.env;
  const server = startServer({ ...env, DATA_DIR: dataDir, WEB_PROCESSES: "2", PORT: "0" });
  const code = await new Promise<number | null>((resolve) => server.child.on("exit", resolve));
  assert.equal(code, 1);
  assert.match(server.output(), /could not start: WEB_PROCESSES is for PostgreSQL: the embedded database runs in one process\./);
  assert.deepEqual(fs.readdirSync(dataDir), []);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const adminUrl = process.env.DATABASE_URL;
describe("two web processes on one PostgreSQL", {
  skip: adminUrl ? false : "PostgreSQL only (set DATABASE_URL): the embedded database runs in one process",
}, () => {
  const name = `so_test_processes_${randomBytes(4).toString("hex")}`;
  let server: ReturnType<typeof startServer>;
  let baseUrl: string;

  before(async () => {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(adminUrl as string);
    url.pathname = `/${name}`;
    server = startServer({ ...process.env, DATABASE_URL: url.toString(), WEB_PROCESSES: "2", PORT: "0", SEED_DEMO: "false" });
    const port = await waitFor("the server to say it is running", () => {
      if (server.child.exitCode !== null) throw new Error(`The server stopped: ${server.output()}`);
      return /2 web processes\)\.\nOpen http:\/\/localhost:(\d+)\//.exec(server.output())?.[1];
    });
    baseUrl = `http://127.0.0.1:${port}`;
  });

  after(async () => {
    if (server?.child.exitCode === null) {
      server.child.kill("SIGKILL");
      for (const pid of childrenOf(server.child.pid as number)) process.kill(pid, "SIGKILL");
    }
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });

  test("both answer; one killed is replaced while the other serves; SIGTERM stops every process", async () => {
    const primary = server.child.pid as number;
    const webs = childrenOf(primary);
    assert.equal(webs.length, 2, "two web processes beside the first");
    for (let i = 0; i < 20; i++) assert.equal(await statusOf(`${baseUrl}/health/ready`), 200);

    const [killed, kept] = webs as [number, number];
    process.kill(killed, "SIGKILL");
    // Once the first process has seen it go, the other answers every request while the replacement starts.
    await waitFor("the killed process to be gone", () => (childrenOf(primary).includes(killed) ? undefined : true), 30);
    for (let i = 0; i < 10; i++) assert.equal(await statusOf(`${baseUrl}/health/live`), 200);
    const replacement = await waitFor("a new web process", () => childrenOf(primary).find((pid) => pid !== kept));
    assert.notEqual(replacement, killed);
    assert.equal(await statusOf(`${baseUrl}/sign-in`), 200);

    server.child.kill("SIGTERM");
    const code = await new Promise<number | null>((resolve) => server.child.on("exit", resolve));
    assert.equal(code, 0);
    await waitFor(
      "the web processes to end",
      () => (childrenOf(primary).length === 0 && [kept, replacement].every((pid) => !fs.existsSync(`/proc/${pid}`)) ? true : undefined),
      30,
    );
  });
});
