// A signed-in request reads its session, person, council and CSRF token in one call, and writes
// the session's last use at most once a minute (issue 14, migration 0036). The session still ends
// on time: idle for the set minutes since its last write, it is refused and stays refused.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "kysely";
import { openSystem } from "../../composition.ts";
import { openTestDatabase, type TestDatabase } from "../../platform/testing/test-database.ts";
import { readAs } from "../../platform/transaction.ts";
import { AccessService } from "./access.service.ts";
import { SignInLimits } from "./sign-in-limits.ts";

describe("sessions touched at most once a minute", () => {
  let testDb: TestDatabase;
  let system: Awaited<ReturnType<typeof openSystem>>;
  let access: AccessService;
  let councilId: string;
  let userId: string;
  const IDLE_MINUTES = 60;

  before(async () => {
    testDb = await openTestDatabase();
    system = await openSystem(testDb.database);
    councilId = (await system.people.createCouncil({ code: "TCH", name: "Touch Council" })).id;
    userId = (
      await system.people.createUser({ councilId, userId: null }, "system", {
        email: "worker@touch.example",
        displayName: "Worker T",
        password: "a long password for T",
        roles: "caseworker",
      })
    ).id;
    access = new AccessService(system.db, new SignInLimits(testDb.database.appPool()), { idleMinutes: IDLE_MINUTES, absoluteHours: 12 });
  });
  after(async () => {
    await system.close();
    await testDb.close();
  });

  const asCouncil = {
    get councilId() {
      return councilId;
    },
    userId: null,
  };
  /** Sets when the session was last written, as `interval` before now. */
  const lastSeen = (sessionId: string, interval: string) =>
    readAs(system.db, asCouncil, (trx) =>
      trx
        .updateTable("user_session")
        .set({ last_seen_at: sql`now() - ${interval}::interval` })
        .where("id", "=", sessionId)
        .execute(),
    );
  /** Seconds since the session was last written. */
  const secondsSinceWritten = (sessionId: string) =>
    readAs(system.db, asCouncil, async (trx) => {
      const row = await trx
        .selectFrom("user_session")
        .select(sql<number>`extract(epoch from now() - last_seen_at)::float8`.as("seconds"))
        .where("id", "=", sessionId)
        .executeTakeFirstOrThrow();
      return row.seconds;
    });
  const newSession = async () => (await access.startSession({ id: userId, councilId }, { how: "test" })).token;

  test("one call gives the person, council and roles, and the CSRF token once there is one", async () => {
    const token = await newSession();
    const user = await access.findSignedInUser(token);
    assert.ok(user);
    assert.equal(user.id, userId);
    assert.equal(user.councilId, councilId);
    assert.equal(user.councilCode, "TCH");
    assert.equal(user.councilName, "Touch Council");
    assert.equal(user.email, "worker@touch.example");
    assert.equal(user.displayName, "Worker T");
    assert.deepEqual(user.roles, ["caseworker"]);
    assert.equal(user.csrfToken, undefined);
    await access.csrfTokens.saveForSession(user, "a-token-kept-on-the-server");
    assert.equal((await access.findSignedInUser(token))?.csrfToken, "a-token-kept-on-the-server");
    assert.equal(await access.findSignedInUser(`${token}x`), undefined);
    assert.equal(await access.findSignedInUser(undefined), undefined);
  });

  test("within a minute of the last write the session is not written again; after a minute it is", async () => {
    const token = await newSession();
    const user = await access.findSignedInUser(token);
    assert.ok(user);
    await lastSeen(user.sessionId, "30 seconds");
    assert.ok(await access.findSignedInUser(token));
    assert.ok((await secondsSinceWritten(user.sessionId)) >= 29, "not written: it was seen less than a minute ago");

    await lastSeen(user.sessionId, "90 seconds");
    assert.ok(await access.findSignedInUser(token));
    assert.ok((await secondsSinceWritten(user.sessionId)) < 5, "written: the last write was over a minute ago");
  });

  test("a session idle for the set minutes since its last write is refused, and stays refused", async () => {
    const token = await newSession();
    const user = await access.findSignedInUser(token);
    assert.ok(user);
    // Just inside the limit: still live, and written (so it lasts another hour from now).
    await lastSeen(user.sessionId, `${IDLE_MINUTES} minutes - 30 seconds`);
    assert.ok(await access.findSignedInUser(token));
    assert.ok((await secondsSinceWritten(user.sessionId)) < 5);

    // Just past it: refused, and the refusal does not bring it back to life.
    await lastSeen(user.sessionId, `${IDLE_MINUTES} minutes + 1 second`);
    assert.equal(await access.findSignedInUser(token), undefined);
    assert.ok((await secondsSinceWritten(user.sessionId)) > IDLE_MINUTES * 60);
    assert.equal(await access.findSignedInUser(token), undefined);
  });

  test("a session signed out, past its absolute expiry, or of a person switched off is refused", async () => {
    const ended = await newSession();
    const endedUser = await access.findSignedInUser(ended);
    assert.ok(endedUser);
    await access.signOut(endedUser);
    assert.equal(await access.findSignedInUser(ended), undefined);

    const expired = await newSession();
    const expiredUser = await access.findSignedInUser(expired);
    assert.ok(expiredUser);
    await readAs(system.db, asCouncil, (trx) =>
      trx.updateTable("user_session").set({ expires_at: sql`now() - interval '1 second'` }).where("id", "=", expiredUser.sessionId).execute(),
    );
    assert.equal(await access.findSignedInUser(expired), undefined);

    const live = await newSession();
    assert.ok(await access.findSignedInUser(live));
    await readAs(system.db, asCouncil, (trx) => trx.updateTable("app_user").set({ disabled: true }).where("id", "=", userId).execute());
    try {
      assert.equal(await access.findSignedInUser(live), undefined);
    } finally {
      await readAs(system.db, asCouncil, (trx) => trx.updateTable("app_user").set({ disabled: false }).where("id", "=", userId).execute());
    }
  });
});
