// Sign-in limits over real HTTP (issue 12, docs/adr/0004): forwarded headers are not believed
// unless TRUST_PROXY says so; a guesser spread over many addresses cannot lock the owner out of
// their own address; a mistyping owner waits seconds; failures and refusals are audited in the
// account's council and logged without the email, the address or the password.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startTestApp } from "../../platform/testing/test-app.ts";
import { readAs } from "../../platform/transaction.ts";

type App = Awaited<ReturnType<typeof startTestApp>>;

async function failSignIn(app: App, email: string, headers: Record<string, string> = {}) {
  const client = app.client();
  const csrf = await client.csrfFrom("/sign-in");
  return client.post("/sign-in", { _csrf: csrf, email, password: "a wrong guess" }, headers);
}

async function signInFrom(app: App, email: string, address: string) {
  const client = app.client();
  const csrf = await client.csrfFrom("/sign-in");
  return client.post("/sign-in", { _csrf: csrf, email, password: "demo-password-2026" }, { "x-forwarded-for": address });
}

async function auditRows(app: App, action: string) {
  const councilId = (await app.people.councilIdForCode("DEMO")) as string;
  return readAs(app.db, { councilId, userId: null }, (trx) =>
    trx.selectFrom("audit_event").select(["action", "subject_id", "after", "council_id", "actor_user_id"]).where("action", "=", action).execute(),
  );
}

/** What the logger writes while `work` runs (LOG_LEVEL is silent in tests otherwise). */
async function captureLog(work: () => Promise<void>): Promise<string> {
  const level = process.env.LOG_LEVEL;
  const write = process.stderr.write.bind(process.stderr);
  let captured = "";
  process.env.LOG_LEVEL = "info";
  process.stderr.write = ((chunk: string | Uint8Array) => {
    captured += String(chunk);
    return true;
  }) as typeof process.stderr.write;
  try {
    await work();
  } finally {
    process.stderr.write = write;
    if (level === undefined) delete process.env.LOG_LEVEL;
    else process.env.LOG_LEVEL = level;
  }
  return captured;
}

describe("sign-in limits without a trusted proxy (the default)", () => {
  let app: App;
  before(async () => {
    app = await startTestApp({ caseload: 0 });
  });
  after(async () => app.stop());

  test("X-Forwarded-For is ignored: a guesser cannot pose as 100 addresses to escape the address limit", async () => {
    for (let i = 0; i < 100; i++) {
      const response = await failSignIn(app, `nobody${i}@example.gov.uk`, { "x-forwarded-for": `198.51.100.${i}` });
      assert.equal(response.status, 401, `attempt ${i + 1}`);
    }
    const refused = await failSignIn(app, "someone.else@example.gov.uk", { "x-forwarded-for": "203.0.113.9" });
    assert.equal(refused.status, 429);
    assert.match(refused.text, /tried to sign in too many times/);
    assert.ok(Number(refused.headers.get("retry-after")) > 0);
  });
});

describe("sign-in limits behind a trusted proxy", () => {
  let app: App;
  before(async () => {
    app = await startTestApp({ caseload: 0, config: { trustProxy: ["loopback"] } });
  });
  after(async () => app.stop());

  test("a mistyping owner waits 30 seconds after the fifth mistake, not 15 minutes", async () => {
    const email = "board@demo-borough.example";
    for (let i = 0; i < 4; i++) assert.equal((await failSignIn(app, email, { "x-forwarded-for": "192.0.2.50" })).status, 401);
    assert.equal((await failSignIn(app, email, { "x-forwarded-for": "192.0.2.50" })).status, 401);
    const waiting = await signInFrom(app, email, "192.0.2.50");
    assert.equal(waiting.status, 429);
    assert.match(waiting.text, /Wait (29|30) seconds, then try again/);
    // From another address the same person is not held up.
    assert.equal((await signInFrom(app, email, "192.0.2.51")).status, 303);
  });

  test("guessing from many addresses cannot lock the owner out of an address they have signed in from", async () => {
    const email = "manager@demo-borough.example";
    assert.equal((await signInFrom(app, email, "192.0.2.10")).status, 303, "the owner signs in from their office");
    // 20 addresses, one guess each: no address reaches its own limits, the account does.
    for (let i = 0; i < 20; i++) assert.equal((await failSignIn(app, email, { "x-forwarded-for": `198.51.100.${i}` })).status, 401);
    // A new address must now wait, even with the right password...
    const stranger = await signInFrom(app, email, "203.0.113.77");
    assert.equal(stranger.status, 429);
    // ...but the owner at their own address signs in.
    assert.equal((await signInFrom(app, email, "192.0.2.10")).status, 303);
  });

  test("failed and throttled sign-ins are audited in the account's council and logged without personal data", async () => {
    const email = "councillor@demo-borough.example";
    const address = "192.0.2.99";
    const failedBefore = (await auditRows(app, "sign-in.failed")).length;
    const log = await captureLog(async () => {
      for (let i = 0; i < 5; i++) assert.equal((await failSignIn(app, email, { "x-forwarded-for": address })).status, 401);
      assert.equal((await signInFrom(app, email, address)).status, 429);
      assert.equal((await signInFrom(app, email, address)).status, 429);
    });
    const failed = await auditRows(app, "sign-in.failed");
    assert.equal(failed.length - failedBefore, 5);
    const councillor = await app.people.councilIdForCode("DEMO");
    for (const row of failed.slice(-5)) {
      assert.equal(row.council_id, councillor);
      assert.equal(row.actor_user_id, null);
      assert.deepEqual(row.after, { address, reason: "wrong password" });
    }
    const throttled = (await auditRows(app, "sign-in.throttled")).filter((row) => (row.after as { address: string }).address === address);
    // Two refusals in the same minute: one audit row, not a flood.
    assert.equal(throttled.length, 1);
    assert.deepEqual(throttled[0]?.after, { address, reason: "too many failures for this account from this address" });
    assert.doesNotMatch(JSON.stringify(failed.concat(throttled)), /a wrong guess|demo-password|argon2/);

    assert.match(log, /"message":"Sign-in failed"/);
    assert.match(log, /"message":"Sign-in refused: too many attempts"/);
    assert.doesNotMatch(log, /councillor@|demo-borough|192\.0\.2\.99|a wrong guess|demo-password/);
  });

  test("an email with no account is not audited anywhere but still counts", async () => {
    const response = await failSignIn(app, "no.such.person@demo-borough.example", { "x-forwarded-for": "192.0.2.200" });
    assert.equal(response.status, 401);
    const rows = await auditRows(app, "sign-in.failed");
    assert.ok(rows.every((row) => (row.after as { address?: string }).address !== "192.0.2.200"));
  });
});
