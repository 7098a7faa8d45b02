// Health probes over real HTTP on a real database: liveness costs nothing, readiness asks the
// database, and neither reads a session or renders a template (nor sets a cookie).
import assert from "node:assert/strict";
import type { AddressInfo } from "node:net";
import { after, before, describe, test } from "node:test";
import { healthRoutes } from "./health.ts";
import { createApp } from "./http.ts";
import { startTestApp } from "./testing/test-app.ts";
import { openTestDatabase, testConfig } from "./testing/test-database.ts";

describe("health probes", () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let sessionReads = 0;
  let renders = 0;
  before(async () => {
    app = await startTestApp({ seed: false });
    // Watch the real session lookup and the real template renderer.
    const findSignedInUser = app.access.findSignedInUser.bind(app.access);
    app.access.findSignedInUser = async (token) => {
      sessionReads++;
      return findSignedInUser(token);
    };
    const render = app.app.render.bind(app.app);
    app.app.render = ((...args: Parameters<typeof render>) => {
      renders++;
      return render(...args);
    }) as typeof render;
  });
  after(async () => app.stop());

  test("the watch works: an ordinary page reads the session and renders a template", async () => {
    const [reads, rendered] = [sessionReads, renders];
    const page = await app.client().get("/sign-in");
    assert.equal(page.status, 200);
    assert.ok(sessionReads > reads && renders > rendered);
  });

  for (const path of ["/health/live", "/health/ready", "/health", "/info"]) {
    test(`${path} answers in JSON without a session read, a template or a cookie`, async () => {
      const [reads, rendered] = [sessionReads, renders];
      const response = await fetch(`${app.baseUrl}${path}`, { headers: { cookie: "so_session=some-token" } });
      assert.equal(response.status, 200);
      assert.match(response.headers.get("content-type") ?? "", /^application\/json/);
      assert.equal(response.headers.get("cache-control"), "no-store");
      assert.deepEqual(response.headers.getSetCookie(), []);
      const body = await response.json();
      if (path !== "/info") assert.equal(body.status, "ok");
      assert.equal(sessionReads, reads, "no session read");
      assert.equal(renders, rendered, "no template rendered");
    });
  }

  test("/health keeps its checks", async () => {
    const body = await (await fetch(`${app.baseUrl}/health`)).json();
    assert.deepEqual(Object.keys(body.checks).sort(), ["database", "migrations", "queue"]);
  });

  test("/health/live touches nothing: it answers even when the database is gone", async () => {
    const testDb = await openTestDatabase();
    const db = testDb.database.app();
    const probes = healthRoutes(db, { healthy: async () => true }, { version: "0", commit: "x", database: testDb.kind });
    // The probes answer before sessions and CSRF, so the token store must never be asked.
    const never = async (): Promise<never> => assert.fail("the CSRF token store was asked");
    const csrfTokens = { findForSession: never, saveForSession: never, findBeforeSignIn: never, saveBeforeSignIn: never, forgetBeforeSignIn: never };
    const server = createApp({
      config: testConfig(),
      findSignedInUser: async () => undefined,
      navigationFor: () => [],
      csrfTokens,
      probes,
      routers: [],
    }).listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      assert.equal((await fetch(`${base}/health/ready`)).status, 200);
      await testDb.close();
      const ready = await fetch(`${base}/health/ready`);
      assert.equal(ready.status, 503);
      assert.deepEqual(await ready.json(), { status: "error", message: "The database did not answer" });
      const full = await fetch(`${base}/health`);
      assert.equal(full.status, 503);
      const live = await fetch(`${base}/health/live`);
      assert.equal(live.status, 200);
      assert.deepEqual(await live.json(), { status: "ok" });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
