// Benchmark (issue 14 part 3): signed-in pages over HTTP under load. Starts the server as
// `npm start` does (a real process, WEB_PROCESSES as given) on a Kent-size council, signs in as a
// caseworker through the sign-in form (its CSRF token and the session cookie), then drives each
// page with autocannon: 50 connections for 20 s. Prints requests a second, p50/p99, errors and
// time-outs, with the load average beside them (the machine is shared).
// Targets: on PostgreSQL the worklist at 500 requests a second or more with p99 under 100 ms; on
// the embedded database no time-outs and p99 under 1 s.
//
//   npx tsx bench/http.ts                                   embedded database (a temporary folder)
//   DATABASE_URL=postgres://... npx tsx bench/http.ts       PostgreSQL (a fresh database, dropped after)
//
// Options: --plans 21000  --connections 50  --seconds 20  --processes N (WEB_PROCESSES, PostgreSQL)
//   --pages worklist,case,register,plan   --keep NAME (a data folder or database name: loaded on the
//   first run and kept, so later runs skip the minutes of loading)   --profile DIR (node --cpu-prof
//   for every server process, written to DIR when it stops)
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon, { type Result } from "autocannon";
import pg from "pg";
import { openSystem } from "../src/composition.ts";
import { DEMO_USERS, seedDemo } from "../src/modules/demo/demo.seed.ts";
import { projectRoot } from "../src/platform/assets.ts";
import { type DatabaseTarget, openDatabase } from "../src/platform/db.ts";

const { values: options } = parseArgs({
  options: {
    plans: { type: "string", default: "21000" },
    connections: { type: "string", default: "50" },
    seconds: { type: "string", default: "20" },
    processes: { type: "string" },
    pages: { type: "string", default: "worklist,case,register,plan" },
    keep: { type: "string" },
    profile: { type: "string" },
  },
});
const PLANS = Number(options.plans);
const CONNECTIONS = Number(options.connections);
const SECONDS = Number(options.seconds);
// Kent had about 20 caseworkers for 21,000 plans: each has about a thousand cases.
const EXTRA_CASEWORKERS = Math.max(1, Math.round(PLANS / 1000));
const CASEWORKER = DEMO_USERS.find((u) => u.roles.includes("caseworker")) as (typeof DEMO_USERS)[number];
const PASSWORD = "benchmark password 2026";

const adminUrl = process.env.DATABASE_URL;
const kind = adminUrl ? "postgres" : "pglite";

function say(message: string): void {
  process.stdout.write(`${message}\n`);
}

function loadAverage(): string {
  return os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(" ");
}

/** Where the data is: a database on the server of DATABASE_URL, or an embedded data folder. */
async function prepareTarget(): Promise<{ target: DatabaseTarget; env: NodeJS.ProcessEnv; loaded: boolean; remove: () => Promise<void> }> {
  if (adminUrl) {
    const name = options.keep ?? `so_bench_http_${randomBytes(4).toString("hex")}`;
    if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`--keep must be a database name (lower-case letters, digits, _); got "${name}"`);
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    const exists = (await admin.query("select 1 from pg_database where datname = $1", [name])).rowCount === 1;
    if (!exists) await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return {
      target: { kind: "postgres", url: url.toString() },
      env: { DATABASE_URL: url.toString() },
      loaded: exists,
      async remove() {
        if (options.keep) return;
        const client = new pg.Client({ connectionString: adminUrl });
        await client.connect();
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await client.end();
      },
    };
  }
  const dataDir = options.keep ? path.resolve(options.keep) : fs.mkdtempSync(path.join(os.tmpdir(), "so-bench-http-"));
  const loaded = fs.existsSync(path.join(dataDir, "pgdata"));
  return {
    target: { kind: "pglite", dataDir },
    env: { DATA_DIR: dataDir },
    loaded,
    async remove() {
      if (!options.keep) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The demo council's people and plans, more caseworkers, and a Kent-size generated caseload. */
async function load(target: DatabaseTarget): Promise<void> {
  const started = performance.now();
  const system = await openSystem(await openDatabase(target));
  try {
    await seedDemo(system, { caseload: 0, onStep: (m) => say(`  ${m}`) });
    const councilId = (await system.people.councilIdForCode("DEMO")) as string;
    const actor = { councilId, userId: null };
    for (let i = 1; i <= EXTRA_CASEWORKERS; i++) {
      await system.people.createUser(actor, "system", {
        email: `caseworker${i}@demo-borough.example`,
        displayName: `Caseworker ${i}`,
        password: PASSWORD,
        roles: ["caseworker"],
      });
    }
    say(`  Generating ${PLANS.toLocaleString("en-GB")} plans among ${EXTRA_CASEWORKERS + 2} caseworkers and managers`);
    const { cases } = await system.cases.generateCaseload(actor, { plans: PLANS, seed: 2025 });
    say(`  Loaded ${cases.toLocaleString("en-GB")} cases in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  } finally {
    await system.close();
  }
}

/** The processes whose parent is `pid` (Linux /proc), and theirs. */
function processTree(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, "utf8");
      const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(name)]);
    } catch {
      // gone meanwhile
    }
  }
  const all: number[] = [];
  const visit = (p: number) => {
    all.push(p);
    for (const c of children.get(p) ?? []) visit(c);
  };
  visit(pid);
  return all;
}

/**
 * CPU seconds (user and system) used so far by a process and everything under it: the server's
 * processes, and PostgreSQL's when it runs on this machine. On a shared machine the CPU time per
 * request is the fairer figure: it does not depend on how much of a core others leave.
 */
function cpuSeconds(pid: number | undefined): number {
  if (!pid) return 0;
  let ticks = 0;
  for (const p of processTree(pid)) {
    try {
      const fields = fs.readFileSync(`/proc/${p}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
      // utime and stime; for the top process also cutime and cstime, the time of the children it
      // has reaped (a PostgreSQL backend or web process that ended during the run).
      ticks += Number(fields[11]) + Number(fields[12]) + (p === pid ? Number(fields[13]) + Number(fields[14]) : 0);
    } catch {
      // gone meanwhile
    }
  }
  return ticks / 100;
}

/** PostgreSQL's postmaster, when the server runs on this machine (the parent of our backend), else undefined. */
async function postgresPid(url: string | undefined): Promise<number | undefined> {
  if (!url) return undefined;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const backend = Number((await client.query("select pg_backend_pid() as pid")).rows[0].pid);
    const stat = fs.readFileSync(`/proc/${backend}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return undefined;
  } finally {
    await client.end();
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

/** `npm start` (tsx src/server.ts) as a child process; resolves with its address once it says it is running. */
async function startServer(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; base: string; startSeconds: number }> {
  const port = await freePort();
  const profile = options.profile ? ["--cpu-prof", "--cpu-prof-dir", path.resolve(options.profile)] : [];
  const child = spawn(process.execPath, [...profile, "--import", "tsx", "src/server.ts"], {
    cwd: projectRoot,
    env: {
      ...process.env,
      ...env,
      NODE_ENV: "production",
      SESSION_SECRET: randomBytes(32).toString("hex"),
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
      ...(options.processes ? { WEB_PROCESSES: options.processes } : {}),
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const started = performance.now();
  let output = "";
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk;
      if (output.includes("Press Ctrl+C to stop.")) resolve();
    });
    child.on("exit", (code) => reject(new Error(`The server stopped while starting (exit code ${code}):\n${output}`)));
  });
  const processes = /, (\d+) web processes\)/.exec(output)?.[1] ?? "1";
  say(`Server started in ${((performance.now() - started) / 1000).toFixed(1)} s: ${processes} web process${processes === "1" ? "" : "es"}`);
  return { child, base: `http://127.0.0.1:${port}`, startSeconds: (performance.now() - started) / 1000 };
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

/** Cookies as a browser keeps them: name=value pairs from Set-Cookie, an expired one removed. */
function keepCookies(jar: Map<string, string>, response: Response): void {
  for (const line of response.headers.getSetCookie()) {
    const [pair = ""] = line.split(";");
    const at = pair.indexOf("=");
    const name = pair.slice(0, at).trim();
    const value = pair.slice(at + 1).trim();
    if (/expires=Thu, 01 Jan 1970/i.test(line) || value === "") jar.delete(name);
    else jar.set(name, value);
  }
}
const cookieHeader = (jar: Map<string, string>) => [...jar].map(([name, value]) => `${name}=${value}`).join("; ");

/** Signs in through the form, as a browser does: the sign-in page's CSRF token, then the post. */
async function signIn(base: string, email: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  const form = await fetch(`${base}/sign-in`, { redirect: "manual" });
  keepCookies(jar, form);
  const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1];
  if (!token) throw new Error("The sign-in page has no CSRF token");
  const posted = await fetch(`${base}/sign-in`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(jar) },
    body: new URLSearchParams({ email, password, _csrf: token }),
  });
  keepCookies(jar, posted);
  if (posted.status !== 303 || !jar.has("so_session")) throw new Error(`Signing in as ${email} failed (status ${posted.status})`);
  return cookieHeader(jar);
}

/** A signed-in page's HTML; refuses a redirect (to sign in) or an error, so the load test is of the real page. */
async function page(base: string, cookie: string, pathname: string): Promise<string> {
  const response = await fetch(`${base}${pathname}`, { headers: { cookie }, redirect: "manual" });
  if (response.status !== 200) throw new Error(`${pathname} answered ${response.status}, not 200`);
  return response.text();
}

function firstLink(html: string, pattern: RegExp, what: string): string {
  const found = pattern.exec(html)?.[0];
  if (!found) throw new Error(`No ${what} found`);
  return found;
}

interface Figures {
  name: string;
  path: string;
  result: Result;
  loadBefore: string;
  loadAfter: string;
  serverCpuMs: number;
  postgresCpuMs: number;
}

async function measure(base: string, cookie: string, name: string, pathname: string, pids: { server?: number; postgres?: number }): Promise<Figures> {
  await page(base, cookie, pathname); // once by itself: it answers 200 signed in, and any first-use work is done
  const loadBefore = loadAverage();
  const server = cpuSeconds(pids.server);
  const postgres = cpuSeconds(pids.postgres);
  const result = await autocannon({ url: `${base}${pathname}`, connections: CONNECTIONS, duration: SECONDS, headers: { cookie } });
  const done = Math.max(1, result.requests.total);
  return {
    name,
    path: pathname,
    result,
    loadBefore,
    loadAfter: loadAverage(),
    serverCpuMs: ((cpuSeconds(pids.server) - server) * 1000) / done,
    postgresCpuMs: ((cpuSeconds(pids.postgres) - postgres) * 1000) / done,
  };
}

const prepared = await prepareTarget();
say(
  `Database: ${kind === "postgres" ? "PostgreSQL" : "embedded (PGlite; set DATABASE_URL for PostgreSQL)"}; ${os.availableParallelism()} cores; load average ${loadAverage()}`,
);
let server: ChildProcess | undefined;
try {
  if (prepared.loaded) say("Reusing the data loaded before (--keep)");
  else {
    say(`Loading a council of ${PLANS.toLocaleString("en-GB")} plans${PLANS === 21_000 ? " (Kent-size)" : ""}`);
    await load(prepared.target);
  }
  const started = await startServer(prepared.env);
  server = started.child;
  const { base } = started;
  const pids = { server: server.pid, postgres: await postgresPid(kind === "postgres" ? prepared.env.DATABASE_URL : undefined) };
  const cookie = await signIn(base, CASEWORKER.email, "demo-password-2026");
  // The caseworker's own case (a standing reason to see it: no question first) and the first plan.
  const worklist = await page(base, cookie, "/cases/worklists/my-cases");
  const casePath = firstLink(worklist, /\/cases\/[0-9a-f-]{36}/, "case on the caseworker's worklist");
  const planPath = firstLink(await page(base, cookie, "/plans"), /\/plans\/[0-9a-f-]{36}/, "plan");
  const all: [string, string][] = [
    ["worklist", "/cases/worklists/my-cases"],
    ["case", casePath],
    ["register", "/cases/register"],
    ["plan", planPath],
  ];
  const wanted = new Set((options.pages ?? "").split(","));
  const figures: Figures[] = [];
  for (const [name, pathname] of all.filter(([name]) => wanted.has(name))) {
    const f = await measure(base, cookie, name, pathname, pids);
    figures.push(f);
    const { requests, latency, errors, timeouts, non2xx } = f.result;
    say(
      `${name.padEnd(9)} ${requests.average.toFixed(0).padStart(5)} req/s  p50 ${String(latency.p50).padStart(5)} ms  p99 ${String(latency.p99).padStart(5)} ms  ` +
        `errors ${errors}  time-outs ${timeouts}  not 2xx ${non2xx}  CPU a request: server ${f.serverCpuMs.toFixed(1)} ms` +
        `${pids.postgres ? `, PostgreSQL ${f.postgresCpuMs.toFixed(1)} ms` : ""}  load average ${f.loadBefore} -> ${f.loadAfter}  (${f.path.replace(/[0-9a-f-]{36}/, ":id")})`,
    );
  }
  const worklistFigures = figures.find((f) => f.name === "worklist")?.result;
  if (worklistFigures) {
    const { requests, latency, timeouts } = worklistFigures;
    const met =
      kind === "postgres" ? requests.average >= 500 && latency.p99 < 100 : timeouts === 0 && figures.every((f) => f.result.latency.p99 < 1000);
    say(
      kind === "postgres"
        ? `Target (PostgreSQL): the worklist at 500 req/s or more with p99 under 100 ms: ${met ? "met" : "NOT met"}`
        : `Target (embedded): no time-outs and p99 under 1 s: ${met ? "met" : "NOT met"}`,
    );
  }
} finally {
  if (server) await stopServer(server);
  await prepared.remove();
}
