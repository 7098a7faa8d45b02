// A council's users can never read or change another council's rows: through the services, and
// directly through SQL as the application role.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "kysely";
import { openSystem } from "../composition.ts";
import type { CurrentUser } from "../modules/access/access.service.ts";
import { InvalidInput, NotAllowed } from "./errors.ts";
import { openTestDatabase, type TestDatabase } from "./testing/test-database.ts";
import { readAs } from "./transaction.ts";

describe("council isolation", () => {
  let testDb: TestDatabase;
  let system: Awaited<ReturnType<typeof openSystem>>;
  let councilA: { id: string };
  let councilB: { id: string };
  let adminA: CurrentUser;
  let userB: { id: string };

  before(async () => {
    testDb = await openTestDatabase();
    system = await openSystem(testDb.database);
    councilA = await system.people.createCouncil({ code: "AAA", name: "Council A" });
    councilB = await system.people.createCouncil({ code: "BBB", name: "Council B" });
    const a = await system.people.createUser({ councilId: councilA.id, userId: null }, "system", {
      email: "admin@a.example",
      displayName: "Admin A",
      password: "a long password for A",
      roles: "administrator",
    });
    userB = await system.people.createUser({ councilId: councilB.id, userId: null }, "system", {
      email: "worker@b.example",
      displayName: "Worker B",
      password: "a long password for B",
      roles: "caseworker",
    });
    adminA = {
      id: a.id,
      sessionId: "none",
      councilId: councilA.id,
      councilName: "Council A",
      councilCode: "AAA",
      email: a.email,
      displayName: a.display_name,
      roles: ["administrator"],
    };
  });
  after(async () => {
    await system.close();
    await testDb.close();
  });

  test("the application works as send_app: not superuser, owns no table, cannot bypass RLS", async () => {
    const { rows } = await sql<{ who: string; rolsuper: boolean; rolbypassrls: boolean; owned: number }>`
      select current_user as who, r.rolsuper, r.rolbypassrls,
        (select count(*) from pg_tables where tableowner = current_user and schemaname = 'public')::int as owned
      from pg_roles r where r.rolname = current_user`.execute(system.db);
    assert.deepEqual(rows[0], { who: "send_app", rolsuper: false, rolbypassrls: false, owned: 0 });
  });

  test("through the service, council A's administrator lists only council A's people", async () => {
    const users = await system.people.listUsers(adminA);
    assert.deepEqual(
      users.map((u) => u.email),
      ["admin@a.example"],
    );
  });

  test("a caseworker may not list people", async () => {
    await assert.rejects(system.people.listUsers({ ...adminA, roles: ["caseworker"] }), NotAllowed);
  });

  test("through SQL as the application role, council A cannot read council B's rows", async () => {
    const seen = await readAs(system.db, { councilId: councilA.id, userId: adminA.id }, async (trx) => ({
      users: await trx.selectFrom("app_user").select("email").where("council_id", "=", councilB.id).execute(),
      councils: await trx.selectFrom("council").select("code").execute(),
      audit: await trx.selectFrom("audit_event").select("id").where("council_id", "=", councilB.id).execute(),
    }));
    assert.deepEqual(seen, { users: [], councils: [{ code: "AAA" }], audit: [] });
  });

  test("through SQL as the application role, council A cannot change council B's rows", async () => {
    const updated = await readAs(system.db, { councilId: councilA.id, userId: adminA.id }, (trx) =>
      trx.updateTable("app_user").set({ display_name: "Hijacked" }).where("id", "=", userB.id).executeTakeFirst(),
    );
    assert.equal(updated.numUpdatedRows, 0n);
    await assert.rejects(
      readAs(system.db, { councilId: councilA.id, userId: adminA.id }, (trx) =>
        trx
          .insertInto("app_user")
          .values({ council_id: councilB.id, email: "planted@b.example", display_name: "Planted", password_hash: "x", roles: ["administrator"] })
          .execute(),
      ),
      /row-level security/,
    );
    const stillB = await readAs(system.db, { councilId: councilB.id, userId: null }, (trx) =>
      trx.selectFrom("app_user").select(["email", "display_name"]).orderBy("email").execute(),
    );
    assert.deepEqual(stillB, [{ email: "worker@b.example", display_name: "Worker B" }]);
  });

  test("with no council set, nothing is visible at all", async () => {
    const rows = await system.db.selectFrom("app_user").select("id").execute();
    assert.equal(rows.length, 0);
  });

  test("an email already used in another council is refused with a clear message", async () => {
    await assert.rejects(
      system.people.createUser({ councilId: councilA.id, userId: null }, "system", {
        email: "worker@b.example",
        displayName: "Copy",
        password: "a long password copy",
        roles: "caseworker",
      }),
      (error: unknown) => error instanceof InvalidInput && /already exists/.test(error.message),
    );
  });
});
