// Sign-in, sign-out, CSRF, rate limiting, session expiry, roles and error pages over real HTTP.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "kysely";
import { startTestApp } from "../../platform/testing/test-app.ts";
import { readAs } from "../../platform/transaction.ts";
import { DEMO_USERS } from "../demo/demo.seed.ts";

describe("sign-in and access", () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let councilId: string;
  const sessionsAndAudit = () =>
    readAs(app.db, { councilId, userId: null }, async (trx) => ({
      sessions: (await trx.selectFrom("user_session").select("id").execute()).length,
      audit: (await trx.selectFrom("audit_event").select("id").execute()).length,
    }));

  before(async () => {
    app = await startTestApp();
    councilId = (await app.people.councilIdForCode("DEMO")) as string;
  });
  after(async () => app.stop());

  test("the sign-in page has a labelled form with a CSRF token and security headers", async () => {
    const page = await app.client().get("/sign-in");
    assert.equal(page.status, 200);
    assert.match(page.text, /<label class="govuk-label govuk-label--s" for="email">/);
    assert.match(page.text, /name="_csrf" value="[^"]+"/);
    const csp = page.headers.get("content-security-policy") ?? "";
    assert.match(csp, /script-src 'self' 'nonce-[^']+'/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.equal(page.headers.get("x-content-type-options"), "nosniff");
    // The GOV.UK js-enabled script carries the nonce the policy allows.
    const nonce = csp.match(/'nonce-([^']+)'/)?.[1];
    assert.ok(nonce && page.text.includes(`<script nonce="${nonce}">`));
    assert.doesNotMatch(page.text, /GOV\.UK - The best place/);
  });

  test("pages need sign-in", async () => {
    const response = await app.client().get("/account");
    assert.equal(response.status, 303);
    assert.equal(response.headers.get("location"), "/sign-in?returnTo=%2Faccount");
  });

  test("each demo role signs in and sees its own home page", async () => {
    for (const demo of DEMO_USERS) {
      const client = app.client();
      const signIn = await client.signIn(demo.email);
      assert.equal(signIn.status, 303, demo.email);
      const home = await client.get("/");
      assert.equal(home.status, 200);
      assert.match(home.text, new RegExp(`Signed in as ${demo.displayName}`));
      assert.match(home.text, /Demo Borough Council/);
    }
  });

  test("a wrong password gets a clear message and creates no session", async () => {
    const before = await sessionsAndAudit();
    const client = app.client();
    const csrf = await client.csrfFrom("/sign-in");
    const response = await client.post("/sign-in", { _csrf: csrf, email: "caseworker@demo-borough.example", password: "not the password" });
    assert.equal(response.status, 401);
    assert.match(response.text, /There is a problem/);
    assert.match(response.text, /Enter a correct email address and password/);
    assert.match(response.text, /<title>Error: /);
    // No session; one audit row, the failed sign-in (sign-in-limits.routes.test.ts checks it).
    assert.deepEqual(await sessionsAndAudit(), { ...before, audit: before.audit + 1 });
  });

  test("a forged CSRF token is refused and changes nothing", async () => {
    const before = await sessionsAndAudit();
    const client = app.client();
    await client.get("/sign-in");
    const response = await client.post("/sign-in", { _csrf: "forged", email: DEMO_USERS[0]?.email ?? "", password: "demo-password-2026" });
    assert.equal(response.status, 403);
    assert.match(response.text, /This form could not be checked/);
    assert.deepEqual(await sessionsAndAudit(), before);

    // A token from another browser is no good either.
    const other = app.client();
    const stolen = await other.csrfFrom("/sign-in");
    assert.equal((await client.post("/sign-in", { _csrf: stolen, email: DEMO_USERS[0]?.email ?? "", password: "demo-password-2026" })).status, 403);

    // Signed in, a form without the session's token cannot sign the person out.
    const signedIn = app.client();
    await signedIn.signIn("lead@demo-borough.example");
    assert.equal((await signedIn.post("/sign-out", { _csrf: stolen })).status, 403);
    assert.equal((await signedIn.get("/account")).status, 200);
  });

  test("over-long and missing fields get messages that say what to fix", async () => {
    const client = app.client();
    const csrf = await client.csrfFrom("/sign-in");
    const long = await client.post("/sign-in", { _csrf: csrf, email: `${"a".repeat(300)}@example.gov.uk`, password: "x".repeat(2000) });
    assert.equal(long.status, 400);
    assert.match(long.text, /Email address must be 254 characters or fewer/);
    assert.match(long.text, /Password must be 1,000 characters or fewer/);
    const empty = await client.post("/sign-in", { _csrf: csrf, email: "", password: "" });
    assert.match(empty.text, /Enter your email address/);
    assert.match(empty.text, /Enter your password/);
    const huge = await client.post("/sign-in", { _csrf: csrf, email: "x".repeat(300_000), password: "y" });
    assert.equal(huge.status, 413);
    assert.match(huge.text, /too large/);
  });

  test("sign-in is rate limited: after 5 failures from one address even the right password waits", async () => {
    const client = app.client();
    const email = "board@demo-borough.example";
    for (let i = 0; i < 5; i++) {
      const csrf = await client.csrfFrom("/sign-in");
      assert.equal((await client.post("/sign-in", { _csrf: csrf, email, password: `wrong ${i}` })).status, 401);
    }
    const blocked = await client.signIn(email);
    assert.equal(blocked.status, 429);
    assert.match(blocked.text, /tried to sign in too many times/);
  });

  test("sign-out ends the session and is audited", async () => {
    const client = app.client();
    await client.signIn("manager@demo-borough.example");
    const token = client.cookies.get("so_session");
    const csrf = await client.csrfFrom("/account");
    const out = await client.post("/sign-out", { _csrf: csrf });
    assert.equal(out.status, 303);
    assert.equal(out.headers.get("location"), "/sign-in?signedOut=1");
    // Replaying the old session cookie no longer works.
    const replay = app.client();
    replay.cookies.set("so_session", token ?? "");
    assert.equal((await replay.get("/account")).status, 303);
    const ended = await readAs(app.db, { councilId, userId: null }, (trx) =>
      trx.selectFrom("audit_event").select("action").where("action", "=", "session.ended").execute(),
    );
    assert.ok(ended.length >= 1);
  });

  test("an idle session expires", async () => {
    const client = app.client();
    await client.signIn("councillor@demo-borough.example");
    assert.equal((await client.get("/account")).status, 200);
    await readAs(app.db, { councilId, userId: null }, (trx) =>
      trx.updateTable("user_session").set({ last_seen_at: sql`now() - interval '2 hours'` }).execute(),
    );
    const response = await client.get("/account");
    assert.equal(response.status, 303);
  });

  test("roles decide what each person may open", async () => {
    // (The board member's account is still rate limited by the test above.)
    const caseworker = app.client();
    await caseworker.signIn("caseworker@demo-borough.example");
    assert.equal((await caseworker.get("/people")).status, 403);
    const admin = app.client();
    await admin.signIn("admin@demo-borough.example");
    assert.equal((await admin.get("/people")).status, 200);
    assert.equal((await admin.get("/audit")).status, 200);
    const councillor = app.client();
    await councillor.signIn("councillor@demo-borough.example");
    const refused = await councillor.get("/people");
    assert.equal(refused.status, 403);
    assert.match(refused.text, /You do not have access to this page/);
    assert.equal((await councillor.get("/audit")).status, 403);
  });

  test("unknown pages get the GOV.UK 404 page; health and info answer in JSON", async () => {
    const client = app.client();
    const missing = await client.get("/no-such-page");
    assert.equal(missing.status, 404);
    assert.match(missing.text, /Page not found/);
    const health = await client.get("/health");
    assert.equal(health.status, 200);
    const body = JSON.parse(health.text);
    assert.equal(body.status, "ok");
    assert.deepEqual(Object.keys(body.checks).sort(), ["database", "migrations", "queue"]);
    const info = JSON.parse((await client.get("/info")).text);
    assert.equal(info.name, "send-oversight");
    assert.ok(info.version);
  });
});
