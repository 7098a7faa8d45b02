// A fault inside a route gets the GOV.UK error page, never a stack trace.
import assert from "node:assert/strict";
import type { AddressInfo } from "node:net";
import { test } from "node:test";
import express from "express";
import { createApp } from "./http.ts";
import { testConfig } from "./testing/test-database.ts";

test("an unexpected fault shows the 500 page without any internal detail", async () => {
  const failing = express.Router();
  failing.get("/boom", async () => {
    throw new Error("secret internal detail at /work/main/src/thing.ts:12");
  });
  const app = createApp({
    config: testConfig(),
    findSignedInUser: async () => undefined,
    csrfTokens: {
      findForSession: async () => undefined,
      saveForSession: async () => {},
      findBeforeSignIn: async () => undefined,
      saveBeforeSignIn: async () => {},
      forgetBeforeSignIn: async () => {},
    },
    navigationFor: () => [],
    routers: [failing],
  });
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  try {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const page = await fetch(`${base}/boom`);
    const text = await page.text();
    assert.equal(page.status, 500);
    assert.match(text, /Sorry, there is a problem with the service/);
    assert.doesNotMatch(text, /secret internal detail|thing\.ts|\n\s+at /);
    const json = await fetch(`${base}/boom`, { headers: { accept: "application/json" } });
    assert.equal(json.status, 500);
    assert.deepEqual(Object.keys(await json.json()), ["error", "details"]);
  } finally {
    server.close();
  }
});
