// Every change writes exactly one audit row in the same transaction; a failed change writes none;
// the application cannot change or remove audit rows.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "kysely";
import { openSystem } from "../composition.ts";
import { InvalidInput } from "./errors.ts";
import { openTestDatabase, type TestDatabase } from "./testing/test-database.ts";
import { type Actor, changeAs, readAs } from "./transaction.ts";

describe("audit in the same transaction as the change", () => {
  let testDb: TestDatabase;
  let system: Awaited<ReturnType<typeof openSystem>>;
  let actor: Actor;
  const auditCount = () => readAs(system.db, actor, async (trx) => (await trx.selectFrom("audit_event").select("id").execute()).length);
  const userCount = () => readAs(system.db, actor, async (trx) => (await trx.selectFrom("app_user").select("id").execute()).length);

  before(async () => {
    testDb = await openTestDatabase();
    system = await openSystem(testDb.database);
    const council = await system.people.createCouncil({ code: "AUD", name: "Audit Council" });
    actor = { councilId: council.id, userId: null };
  });
  after(async () => {
    await system.close();
    await testDb.close();
  });

  test("creating a council wrote one audit row", async () => {
    const rows = await readAs(system.db, actor, (trx) => trx.selectFrom("audit_event").selectAll().execute());
    assert.equal(rows.length, 1);
    assert.equal(rows[0]?.action, "council.created");
  });

  test("a change writes exactly one audit row, with before and after, and no password hash", async () => {
    const before = await auditCount();
    const user = await system.people.createUser(actor, "system", {
      email: "one@audit.example",
      displayName: "One",
      password: "a long enough password",
      roles: ["caseworker"],
    });
    assert.equal(await auditCount(), before + 1);
    const row = await readAs(system.db, actor, (trx) =>
      trx.selectFrom("audit_event").selectAll().where("subject_id", "=", user.id).executeTakeFirstOrThrow(),
    );
    assert.equal(row.action, "user.created");
    assert.equal(row.subject_type, "user");
    assert.equal((row.after as { email: string }).email, "one@audit.example");
    assert.doesNotMatch(JSON.stringify(row.after), /argon2|password/);
  });

  test("a change that fails part-way saves nothing: neither the change nor an audit row", async () => {
    const [audits, users] = [await auditCount(), await userCount()];
    await assert.rejects(
      changeAs(system.db, actor, async (trx) => {
        await trx
          .insertInto("app_user")
          .values({ council_id: actor.councilId, email: "half@audit.example", display_name: "Half", password_hash: "x", roles: ["caseworker"] })
          .execute();
        throw new Error("something went wrong after the insert");
      }),
      /after the insert/,
    );
    assert.equal(await auditCount(), audits);
    assert.equal(await userCount(), users);
  });

  test("invalid input is refused before anything is written", async () => {
    const audits = await auditCount();
    await assert.rejects(
      system.people.createUser(actor, "system", { email: "not an email", displayName: "", password: "short", roles: "wizard" }),
      (error: unknown) => {
        assert.ok(error instanceof InvalidInput);
        assert.deepEqual(
          error.problems.map((p) => p.field),
          ["email", "displayName", "password", "roles"],
        );
        return true;
      },
    );
    assert.equal(await auditCount(), audits);
  });

  test("the application role cannot update or delete audit rows", async () => {
    await assert.rejects(
      readAs(system.db, actor, (trx) => trx.updateTable("audit_event").set({ action: "tampered" }).execute()),
      /permission denied/,
    );
    await assert.rejects(
      readAs(system.db, actor, (trx) => trx.deleteFrom("audit_event").execute()),
      /permission denied/,
    );
    await assert.rejects(sql`truncate audit_event`.execute(system.db), /permission denied/);
  });
});
