// Sign-in on the database itself, as the application role send_app (issue 12):
// - no lookup hands the application a password hash, of its own council or another's;
// - the sign-in limits live in the database, so a new limiter (a restart) still counts;
// - audit rows cannot be removed by TRUNCATE, DELETE or UPDATE, even by the owner.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "kysely";
import { openSystem } from "../../composition.ts";
import { openTestDatabase, type TestDatabase } from "../../platform/testing/test-database.ts";
import { readAs } from "../../platform/transaction.ts";
import { hashWithStoredSalt } from "./access.service.ts";
import { SignInLimits } from "./sign-in-limits.ts";

/**
 * A query as the owner. On PGlite both pools share one session, which the application has set to
 * send_app, so the owner's role is taken back for this transaction only.
 */
async function asOwner(testDb: TestDatabase, text: string) {
  const client = await testDb.database.ownerPool().connect();
  try {
    await client.query("BEGIN");
    await client.query("SET LOCAL ROLE NONE");
    const result = await client.query(text);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  } finally {
    client.release();
  }
}

describe("sign-in on the database", () => {
  let testDb: TestDatabase;
  let system: Awaited<ReturnType<typeof openSystem>>;
  let councilA: { id: string };
  let councilB: { id: string };
  let hashOfB: string;

  before(async () => {
    testDb = await openTestDatabase();
    system = await openSystem(testDb.database);
    councilA = await system.people.createCouncil({ code: "AAA", name: "Council A" });
    councilB = await system.people.createCouncil({ code: "BBB", name: "Council B" });
    await system.people.createUser({ councilId: councilA.id, userId: null }, "system", {
      email: "admin@a.example",
      displayName: "Admin A",
      password: "a long password for A",
      roles: "administrator",
    });
    await system.people.createUser({ councilId: councilB.id, userId: null }, "system", {
      email: "worker@b.example",
      displayName: "Worker B",
      password: "a long password for B",
      roles: "caseworker",
    });
    const owner = await asOwner(
      testDb,
      "select p.password_hash from app_user_password p join app_user u on u.id = p.user_id where u.email = 'worker@b.example'",
    );
    hashOfB = owner.rows[0].password_hash;
    assert.match(hashOfB, /^\$argon2id\$/);
  });
  after(async () => {
    await system.close();
    await testDb.close();
  });

  const asCouncilA = <T>(work: Parameters<typeof readAs<T>>[2]) => readAs(system.db, { councilId: councilA.id, userId: null }, work);
  const theHash = () => hashOfB.split("$").at(-1) as string;

  test("as send_app in council A, no sign-in function returns council B's password hash", async () => {
    const who = await sql<{ who: string }>`select current_user as who`.execute(system.db);
    assert.equal(who.rows[0]?.who, "send_app");
    const found = await asCouncilA((trx) => sql`select * from auth_find_user_by_email('worker@b.example')`.execute(trx));
    assert.equal(found.rows.length, 1, "the email is known (emails are unique in the installation)");
    assert.ok(!JSON.stringify(found.rows).includes(theHash()), "auth_find_user_by_email returned the hash");
    const salt = await asCouncilA((trx) => sql<{ salt: string }>`select auth_password_salt('worker@b.example') as salt`.execute(trx));
    assert.equal(`${salt.rows[0]?.salt}$${theHash()}`, hashOfB, "the salt is the stored hash without its last part");
    assert.ok(!salt.rows[0]?.salt.includes(theHash()));
    // And the table itself keeps B's row from council A.
    const direct = await asCouncilA((trx) => trx.selectFrom("app_user").select("password_hash").where("email", "=", "worker@b.example").execute());
    assert.deepEqual(direct, []);
  });

  test("send_app cannot read a hash from the table either, even in the account's own council; a new password still works", async () => {
    const asCouncilB = <T>(work: Parameters<typeof readAs<T>>[2]) => readAs(system.db, { councilId: councilB.id, userId: null }, work);
    const column = await asCouncilB((trx) => trx.selectFrom("app_user").select("password_hash").where("email", "=", "worker@b.example").execute());
    assert.deepEqual(column, [{ password_hash: "(kept apart)" }]);
    await assert.rejects(
      asCouncilB((trx) => sql`select * from app_user_password`.execute(trx)),
      /permission denied/,
    );
    // A password reset writes the column as before; the hash goes apart and sign-in uses it.
    const { hashPassword } = await import("./access.service.ts");
    const replacement = await hashPassword("a new long password for B");
    await asCouncilB((trx) => trx.updateTable("app_user").set({ password_hash: replacement }).where("email", "=", "worker@b.example").execute());
    const salt = (await sql<{ salt: string }>`select auth_password_salt('worker@b.example') as salt`.execute(system.db)).rows[0]?.salt ?? "";
    const offered = await hashWithStoredSalt("a new long password for B", salt);
    assert.equal(offered, replacement);
    const match = await sql`select id from auth_check_password('worker@b.example', ${offered}, '{}'::jsonb)`.execute(system.db);
    assert.equal(match.rows.length, 1);
    // Put the first password back for the tests that follow.
    await asCouncilB((trx) => trx.updateTable("app_user").set({ password_hash: hashOfB }).where("email", "=", "worker@b.example").execute());
    // An account whose column holds no argon2 hash (no local password) never matches, even an empty offer.
    await asCouncilB((trx) => trx.updateTable("app_user").set({ password_hash: "" }).where("email", "=", "worker@b.example").execute());
    await asOwner(testDb, "delete from app_user_password where user_id = (select id from app_user where email = 'worker@b.example')");
    assert.equal((await sql`select id from auth_check_password('worker@b.example', '', '{}'::jsonb)`.execute(system.db)).rows.length, 0);
    await asCouncilB((trx) => trx.updateTable("app_user").set({ password_hash: hashOfB }).where("email", "=", "worker@b.example").execute());
  });

  test("the database compares the offered hash: right password matches, wrong one is audited in the account's council", async () => {
    const salt = (await sql<{ salt: string }>`select auth_password_salt('worker@b.example') as salt`.execute(system.db)).rows[0]?.salt ?? "";
    const right = await hashWithStoredSalt("a long password for B", salt);
    const wrong = await hashWithStoredSalt("a guess", salt);
    const match = await sql`select * from auth_check_password('worker@b.example', ${right}, '{"address":"192.0.2.1"}'::jsonb)`.execute(system.db);
    assert.equal(match.rows.length, 1);
    const miss = await sql`select * from auth_check_password('worker@b.example', ${wrong}, '{"address":"192.0.2.1"}'::jsonb)`.execute(system.db);
    assert.equal(miss.rows.length, 0);
    const audited = await readAs(system.db, { councilId: councilB.id, userId: null }, (trx) =>
      trx.selectFrom("audit_event").select(["action", "after"]).where("action", "=", "sign-in.failed").execute(),
    );
    assert.deepEqual(
      audited.filter((row) => (row.after as { address?: string }).address === "192.0.2.1"),
      [{ action: "sign-in.failed", after: { address: "192.0.2.1", reason: "wrong password" } }],
    );
    assert.equal((await asCouncilA((trx) => trx.selectFrom("audit_event").select("id").where("action", "=", "sign-in.failed").execute())).length, 0);
  });

  test("an unknown email gets a stable made-up salt that looks like a real one", async () => {
    const saltOf = async (email: string) =>
      (await sql<{ salt: string }>`select auth_password_salt(${email}) as salt`.execute(system.db)).rows[0]?.salt ?? "";
    const first = await saltOf("nobody@b.example");
    assert.equal(first, await saltOf("NOBODY@b.example"));
    assert.notEqual(first, await saltOf("nobody.else@b.example"));
    const real = await saltOf("worker@b.example");
    assert.equal(first.length, real.length);
    assert.equal(first.replace(/[^$]*$/, ""), real.replace(/[^$]*$/, ""));
  });

  test("send_app cannot read the secret behind the made-up salts", async () => {
    await assert.rejects(sql`select * from auth_secret`.execute(system.db), /permission denied/);
  });

  test("the sign-in limits are kept in the database: a new limiter (a restart) still counts", async () => {
    const attempt = { account: "worker@b.example", address: "192.0.2.7" };
    const first = new SignInLimits(testDb.database.appPool());
    for (let i = 0; i < 5; i++) await first.recordFailure(attempt);
    assert.equal((await first.check(attempt)).allowed, false);
    const afterRestart = new SignInLimits(testDb.database.appPool());
    const verdict = await afterRestart.check(attempt);
    assert.equal(verdict.allowed, false);
    assert.equal(verdict.allowed === false && verdict.reason, "address-and-account");
    // The table holds digests, never the email or the address.
    const keys = await asOwner(testDb, "select key from sign_in_limit");
    assert.ok(keys.rows.length > 0);
    assert.doesNotMatch(JSON.stringify(keys.rows), /worker|192\.0\.2\.7/);
    await afterRestart.recordSuccess(attempt);
    assert.equal((await first.check(attempt)).allowed, true);
  });

  test("audit rows cannot be removed by TRUNCATE, DELETE or UPDATE, even by the owner", async () => {
    const count = async () => Number((await asOwner(testDb, "select count(*) from audit_event")).rows[0].count);
    const before = await count();
    assert.ok(before > 0);
    await assert.rejects(asOwner(testDb, "TRUNCATE audit_event"), /audit_event rows cannot be changed or removed/);
    await assert.rejects(asOwner(testDb, "DELETE FROM audit_event"), /audit_event rows cannot be changed or removed/);
    await assert.rejects(asOwner(testDb, "UPDATE audit_event SET action = 'x'"), /audit_event rows cannot be changed or removed/);
    await assert.rejects(sql`TRUNCATE audit_event`.execute(system.db), /permission denied/);
    assert.equal(await count(), before);
  });
});
