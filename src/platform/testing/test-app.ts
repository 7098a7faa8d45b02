// A real server on a free port, on a real test database, and a small cookie-keeping client.
import type { AddressInfo } from "node:net";
import { createSystem } from "../../composition.ts";
import { registerJobHandlers } from "../../jobs.ts";
import { DEMO_PASSWORD, seedDemo } from "../../modules/demo/demo.seed.ts";
import { sharedChromium } from "../chromium.ts";
import type { Config } from "../config.ts";
import { openTestDatabase, testConfig } from "./test-database.ts";

/** A demo council with a small generated caseload (tests that need more say so). */
export async function startTestApp(options: { config?: Partial<Config>; seed?: boolean; caseload?: number; today?: () => string } = {}) {
  const testDb = await openTestDatabase();
  const config = testConfig(options.config);
  const system = await createSystem(config, testDb.database, options.today ? { today: options.today } : {});
  if (options.seed !== false) await seedDemo(system, { caseload: options.caseload ?? 40 });
  await system.jobs.start();
  await registerJobHandlers(system);
  const server = system.app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    ...system,
    config,
    baseUrl,
    testDb,
    client: () => new TestClient(baseUrl),
    async stop() {
      await new Promise((resolve) => server.close(resolve));
      await system.jobs.stop();
      await sharedChromium.close();
      await testDb.close();
    },
  };
}

export class TestClient {
  readonly cookies = new Map<string, string>();

  constructor(readonly baseUrl: string) {}

  async get(path: string, headers: Record<string, string> = {}) {
    return this.request("GET", path, undefined, headers);
  }

  async post(path: string, form: Record<string, string>, headers: Record<string, string> = {}) {
    return this.request("POST", path, new URLSearchParams(form).toString(), { "content-type": "application/x-www-form-urlencoded", ...headers });
  }

  async request(method: string, path: string, body?: string, headers: Record<string, string> = {}) {
    const response = await fetch(this.baseUrl + path, {
      method,
      body,
      redirect: "manual",
      headers: { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "), ...headers },
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ""] = cookie.split(";");
      const [name = "", value = ""] = pair.split("=");
      if (/expires=Thu, 01 Jan 1970/i.test(cookie) || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return { status: response.status, headers: response.headers, text: await response.text() };
  }

  /** The CSRF token of the form on a page. */
  async csrfFrom(path: string): Promise<string> {
    const page = await this.get(path);
    const match = page.text.match(/name="_csrf" value="([^"]+)"/);
    if (!match?.[1]) throw new Error(`No CSRF token on ${path} (status ${page.status})`);
    return match[1];
  }

  async signIn(email: string, password = DEMO_PASSWORD) {
    const csrf = await this.csrfFrom("/sign-in");
    return this.post("/sign-in", { _csrf: csrf, email, password, returnTo: "/" });
  }
}
