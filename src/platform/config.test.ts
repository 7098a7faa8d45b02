import assert from "node:assert/strict";
import { test } from "node:test";
import { ConfigError, loadConfig, parseTrustProxy, webProcesses } from "./config.ts";

test("forwarded headers are trusted only when TRUST_PROXY says so", () => {
  assert.equal(loadConfig({}).trustProxy, false);
  assert.equal(parseTrustProxy(""), false);
  assert.equal(parseTrustProxy("false"), false);
  assert.equal(parseTrustProxy("0"), false);
  assert.equal(parseTrustProxy("1"), 1);
  assert.deepEqual(parseTrustProxy("loopback, 10.0.0.0/8,fd00::1"), ["loopback", "10.0.0.0/8", "fd00::1"]);
});

test("TRUST_PROXY=true and nonsense are refused with a message saying what to give", () => {
  assert.throws(
    () => parseTrustProxy("true"),
    (e: Error) => e instanceof ConfigError && /number of proxies/.test(e.message),
  );
  assert.throws(() => parseTrustProxy("my-proxy.example"), /"my-proxy.example" is not an address/);
  assert.throws(() => parseTrustProxy("99"), /0 to 10/);
});

test("WEB_PROCESSES: one per core on PostgreSQL unless set; always one on the embedded database; nonsense refused", () => {
  assert.equal(webProcesses({}, true, 4), 4);
  assert.equal(webProcesses({ WEB_PROCESSES: "2" }, true, 4), 2);
  assert.equal(webProcesses({}, false, 4), 1);
  assert.equal(webProcesses({ WEB_PROCESSES: "1" }, false, 4), 1);
  assert.throws(() => webProcesses({ WEB_PROCESSES: "3" }, false, 4), /WEB_PROCESSES is for PostgreSQL/);
  for (const value of ["0", "-1", "two", "1.5"])
    assert.throws(
      () => webProcesses({ WEB_PROCESSES: value }, true, 4),
      (error: unknown) => error instanceof ConfigError && error.message.includes(`"${value}"`),
    );
});
