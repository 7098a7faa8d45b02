// Two-step sign-in for local accounts (issue 12): setting up an authenticator app on the pages,
// the code asked for after the right password, a code never accepted twice, recovery codes used
// once and kept only as hashes, wrong codes limited, turning it off, and an administrator's reset.
// Codes are worked out here with the RFC 6238 function the RFC's own vectors check (totp.test.ts).
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { base32Decode, base32Encode, totp } from "../../domain/access/totp.ts";
import { InvalidInput } from "../../platform/errors.ts";
import { startTestApp, type TestClient } from "../../platform/testing/test-app.ts";
import { readAs } from "../../platform/transaction.ts";
import { NO_KEY_MESSAGE, SecondFactorService } from "./second-factor.service.ts";

describe("two-step sign-in with an authenticator app", () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let councilId: string;

  const idOf = async (email: string) =>
    (
      await readAs(app.db, { councilId, userId: null }, (trx) =>
        trx.selectFrom("app_user").select("id").where("email", "=", email).executeTakeFirstOrThrow(),
      )
    ).id;
  const auditOf = async (subjectId: string) =>
    readAs(app.db, { councilId, userId: null }, (trx) =>
      trx.selectFrom("audit_event").select(["action", "after"]).where("subject_id", "=", subjectId).orderBy("id").execute(),
    );
  const signedIn = async (client: TestClient) => (await client.get("/account")).status === 200;

  /** Sets up an app on the pages, as a person would: returns the secret read off the page and the recovery codes. */
  const enrol = async (client: TestClient) => {
    const started = await client.post("/account/two-step/start", { _csrf: await client.csrfFrom("/account/two-step") });
    assert.equal(started.status, 200);
    const key = started.text.match(/<code id="setup-key">([A-Z2-7 ]+)<\/code>/)?.[1];
    assert.ok(key, "the setup key is on the page");
    assert.match(started.text, /href="otpauth:\/\/totp\/SEND%20Oversight%20\(Demo%20Borough[^"]*secret=([A-Z2-7]{32})/);
    // The QR code of the same address, drawn on the server as an inline SVG with a name for screen readers.
    assert.match(
      started.text,
      /<figure[^>]*id="setup-qr"><svg role="img" aria-label="QR code: scan it with your authenticator app[^"]*"[^>]*viewBox=/,
    );
    const secret = base32Decode(key) as Buffer;
    const token = started.text.match(/name="_csrf" value="([^"]+)"/)?.[1] as string;
    const confirmed = await client.post("/account/two-step/confirm", { _csrf: token, code: totp(secret, Date.now()) });
    assert.equal(confirmed.status, 200);
    assert.match(confirmed.text, /Two-step sign-in is on/);
    assert.match(confirmed.text, /only time these codes are shown/);
    const codes = [...confirmed.text.matchAll(/<code>([a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4})<\/code>/g)].map((m) => m[1] as string);
    assert.equal(codes.length, 10);
    return { secret, codes };
  };

  /** A password sign-in that stops at the code page. */
  const passwordStep = async (email: string) => {
    const client = app.client();
    const response = await client.signIn(email);
    assert.equal(response.status, 303);
    assert.equal(response.headers.get("location"), "/sign-in/code", "the right password alone does not sign in");
    assert.equal(await signedIn(client), false);
    return client;
  };
  const sendCode = async (client: TestClient, code: string) => client.post("/sign-in/code", { _csrf: await client.csrfFrom("/sign-in/code"), code });

  /** The person's stored secret, as the database holds it. */
  const storedSecret = async (userId: string) =>
    (
      await readAs(app.db, { councilId, userId: null }, (trx) =>
        trx.selectFrom("user_second_factor").select("secret").where("user_id", "=", userId).executeTakeFirstOrThrow(),
      )
    ).secret;

  before(async () => {
    app = await startTestApp({ caseload: 5 });
    councilId = (await app.people.councilIdForCode("DEMO")) as string;
  });
  after(async () => app.stop());

  test("after setting up an app, a password sign-in asks for its code; a wrong code is refused and audited, the right one signs in once", async () => {
    const email = "caseworker@demo-borough.example";
    const person = app.client();
    assert.equal((await person.signIn(email)).status, 303);
    const { secret, codes } = await enrol(person);
    // Shown once: the page afterwards has neither the key nor the codes.
    const status = await person.get("/account/two-step");
    assert.match(status.text, /Recovery codes left\s*<\/dt>\s*<dd[^>]*>\s*10/);
    assert.doesNotMatch(status.text, /setup-key/);
    for (const code of codes) assert.ok(!status.text.includes(code));

    const client = await passwordStep(email);
    const wrong = await sendCode(client, totp(secret, Date.now() + 10 * 60_000));
    assert.equal(wrong.status, 401);
    assert.match(wrong.text, /There is a problem/);
    assert.match(wrong.text, /The code is not right/);
    assert.equal(await signedIn(client), false);
    // The next step's code (within the allowed drift): the current one was used up setting the app up.
    const code = totp(secret, Date.now() + 30_000);
    const right = await sendCode(client, code);
    assert.equal(right.status, 303);
    assert.equal(right.headers.get("location"), "/");
    assert.equal(await signedIn(client), true);

    // The same code a second time (seen over a shoulder) does not sign anyone in.
    const again = await passwordStep(email);
    assert.equal((await sendCode(again, code)).status, 401);
    assert.equal(await signedIn(again), false);

    const id = await idOf(email);
    const actions = (await auditOf(id)).map((r) => r.action);
    for (const expected of ["user.second-factor-started", "user.second-factor-on", "sign-in.code-failed"])
      assert.ok(actions.includes(expected), expected);
    const sessions = (await auditOf(id)).filter((r) => r.action === "session.started").map((r) => (r.after as { how?: string }).how);
    assert.ok(sessions.includes("password and authenticator app"));
  });

  test("a recovery code signs in once; only its hash is stored", async () => {
    const email = "manager@demo-borough.example";
    const person = app.client();
    assert.equal((await person.signIn(email)).status, 303);
    const { codes } = await enrol(person);
    const id = await idOf(email);
    const hashes = (
      await readAs(app.db, { councilId, userId: null }, (trx) =>
        trx.selectFrom("recovery_code").select("code_hash").where("user_id", "=", id).execute(),
      )
    ).map((r) => r.code_hash);
    assert.equal(hashes.length, 10);
    for (const code of codes) assert.ok(!hashes.some((h) => h.includes(code.replace(/-/g, ""))), "no code stored as typed");

    const client = await passwordStep(email);
    const recovery = (codes[3] as string).toUpperCase().replace(/-/g, " ");
    assert.equal((await sendCode(client, recovery)).status, 303);
    assert.equal(await signedIn(client), true);
    const reused = await passwordStep(email);
    assert.equal((await sendCode(reused, codes[3] as string)).status, 401, "a recovery code works once");
    const audit = await auditOf(await idOf(email));
    const session = audit.filter((r) => r.action === "session.started").at(-1)?.after as { how?: string; recoveryCodesLeft?: number };
    assert.deepEqual(session, { ...session, how: "password and recovery code", recoveryCodesLeft: 9 });
    assert.match((await person.get("/account/two-step")).text, /Recovery codes left\s*<\/dt>\s*<dd[^>]*>\s*9/);

    // Turning it off needs a code: a wrong one is refused, a right one turns it off, then the password alone signs in.
    const page = await person.csrfFrom("/account/two-step");
    const refused = await person.post("/account/two-step/turn-off", { _csrf: page, code: "000000" });
    assert.equal(refused.status, 400);
    assert.match(refused.text, /The code is not right/);
    assert.equal((await person.post("/account/two-step/turn-off", { _csrf: page, code: codes[0] as string })).status, 303);
    assert.match((await person.get("/account/two-step?done=off")).text, /Two-step sign-in is off/);
    const plain = app.client();
    assert.equal((await plain.signIn(email)).headers.get("location"), "/");
    assert.ok((await auditOf(await idOf(email))).some((r) => r.action === "user.second-factor-off"));
  });

  test("five wrong codes stop the checking for fifteen minutes, even for the right code, and are audited", async () => {
    const email = "lead@demo-borough.example";
    const person = app.client();
    assert.equal((await person.signIn(email)).status, 303);
    const { secret } = await enrol(person);
    const client = await passwordStep(email);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await sendCode(client, String(100000 + i))).status);
    assert.deepEqual(statuses, [401, 401, 401, 401, 429]);
    const refused = await sendCode(client, totp(secret, Date.now()));
    assert.equal(refused.status, 429);
    assert.match(refused.text, /too many wrong codes. Wait 1[45] minutes/);
    assert.ok(Number(refused.headers.get("retry-after")) > 800);
    assert.equal(await signedIn(client), false);
    const actions = (await auditOf(await idOf(email))).map((r) => r.action);
    assert.equal(actions.filter((a) => a === "sign-in.code-failed").length, 4);
    assert.equal(actions.filter((a) => a === "sign-in.code-throttled").length, 1);
  });

  test("a wrong first code shows the set-up again; the code page without a waiting sign-in, or a forged field, saves nothing", async () => {
    const person = app.client();
    assert.equal((await person.signIn("councillor@demo-borough.example")).status, 303);
    const started = await person.post("/account/two-step/start", { _csrf: await person.csrfFrom("/account/two-step") });
    const token = started.text.match(/name="_csrf" value="([^"]+)"/)?.[1] as string;
    const wrong = await person.post("/account/two-step/confirm", { _csrf: token, code: "12345" });
    assert.equal(wrong.status, 400);
    assert.match(wrong.text, /The code is not right/);
    assert.match(wrong.text, /id="setup-key"/);
    const forged = await person.post("/account/two-step/confirm", { _csrf: token, code: "123456", confirmed_at: "now" });
    assert.equal(forged.status, 400);
    assert.match(forged.text, /a field it does not have: confirmed_at/);
    assert.match((await person.get("/account/two-step")).text, /<strong class="govuk-tag govuk-tag--grey">\s*Off/);

    const stranger = app.client();
    const noStep = await stranger.post("/sign-in/code", { _csrf: await stranger.csrfFrom("/sign-in"), code: "123456" });
    assert.equal(noStep.status, 303);
    assert.equal(noStep.headers.get("location"), "/sign-in?timedOut=1");
    assert.match((await stranger.get("/sign-in?timedOut=1")).text, /Your sign-in timed out or has ended/);
    assert.equal((await stranger.get("/sign-in/code")).headers.get("location"), "/sign-in");
  });

  test("an administrator resets a lost app; another council's person is not found", async () => {
    const email = "board@demo-borough.example";
    const person = app.client();
    assert.equal((await person.signIn(email)).status, 303);
    await enrol(person);
    await passwordStep(email);
    const id = await idOf(email);

    const admin = app.client();
    assert.equal((await admin.signIn("admin@demo-borough.example")).status, 303);
    const page = await admin.get(`/people/${id}`);
    assert.match(page.text, /On \(an authenticator app\)/);
    const token = await admin.csrfFrom(`/people/${id}`);
    const reset = await admin.post(`/people/${id}/reset-two-step`, { _csrf: token, confirm: "yes" });
    assert.equal(reset.status, 303);
    assert.match((await admin.get(reset.headers.get("location") as string)).text, /Two-step sign-in reset/);
    assert.equal((await app.client().signIn(email)).headers.get("location"), "/", "the password alone signs in again");
    const again = await admin.post(`/people/${id}/reset-two-step`, { _csrf: token, confirm: "yes" });
    assert.equal(again.status, 400);
    assert.match(again.text, /nothing to reset/);
    assert.ok((await auditOf(id)).some((r) => r.action === "user.second-factor-reset"));

    const other = await app.people.createCouncil({ code: "TWO", name: "Twostep Council" });
    const stranger = await app.people.createUser({ councilId: other.id, userId: null }, "system", {
      email: "someone@twostep.example",
      displayName: "Some One",
      password: "kettle orbit marmalade",
      roles: ["caseworker"],
    });
    assert.equal((await admin.post(`/people/${stranger.id}/reset-two-step`, { _csrf: token, confirm: "yes" })).status, 404);
  });

  test("the secret is stored sealed (AES-256-GCM), never as the key shown; signing in with a code still works", async () => {
    const email = "manager@demo-borough.example";
    const person = app.client();
    assert.equal((await person.signIn(email)).status, 303);
    const { secret } = await enrol(person);
    const stored = await storedSecret(await idOf(email));
    const key = base32Encode(secret);
    assert.match(stored, /^v1:[A-Za-z0-9_-]+$/);
    assert.ok(!stored.includes(key), "the stored column does not contain the secret");
    assert.ok(!Buffer.from(stored.slice(3), "base64url").includes(secret), "nor its bytes");
    const client = await passwordStep(email);
    assert.equal((await sendCode(client, totp(secret, Date.now() + 30_000))).status, 303);
    assert.equal(await signedIn(client), true);
  });

  test("a secret stored plain before secrets were sealed still signs in, and is sealed then", async () => {
    const email = "partner@demo-borough.example";
    const userId = await idOf(email);
    const key = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
    await readAs(app.db, { councilId, userId: null }, (trx) =>
      trx.insertInto("user_second_factor").values({ council_id: councilId, user_id: userId, secret: key, confirmed_at: new Date() }).execute(),
    );
    const client = await passwordStep(email);
    assert.equal((await sendCode(client, totp(base32Decode(key) as Buffer, Date.now()))).status, 303);
    assert.equal(await signedIn(client), true);
    const stored = await storedSecret(userId);
    assert.match(stored, /^v1:/);
    assert.ok(!stored.includes(key));
  });

  test("without a key to seal secrets (TOTP_ENCRYPTION_KEY unset on PostgreSQL), setting up an app is refused with a clear message", async () => {
    const counter = {
      read: async () => ({ count: 0, msLeft: 0 }),
      add: async () => 1,
      clear: async () => {},
      block: async () => {},
      blockedCount: 0,
    };
    // Refused before the database is touched: nothing can be saved.
    const keyless = new SecondFactorService(undefined as never, counter, undefined);
    const someone = {
      id: "p",
      sessionId: "s",
      councilId: councilId,
      councilName: "Demo",
      councilCode: "DEMO",
      email: "a@b.example",
      displayName: "A",
      roles: [],
    };
    await assert.rejects(
      keyless.startSetUp(someone, {}),
      (error: Error) => error instanceof InvalidInput && error.message.includes("TOTP_ENCRYPTION_KEY"),
    );
    assert.match(NO_KEY_MESSAGE, /Ask your council's IT team/);
  });
});
