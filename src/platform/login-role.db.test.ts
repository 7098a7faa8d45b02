// On PostgreSQL the application can log in as a role of its own, a member of send_app and nothing
// more, while the owner's login (MIGRATION_DATABASE_URL) runs the migrations. Then even RESET ROLE
// leaves the application with no rights at all (docs/adr/0003). PGlite has one superuser session
// underneath, so there is no second login to test there.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { test } from "node:test";
import pg from "pg";
import { openSystem } from "../composition.ts";
import { loadConfig } from "./config.ts";
import { loginRoleProblems, openDatabase, targetFromConfig } from "./db.ts";
import { migrateToLatest } from "./migrate.ts";

const adminUrl = process.env.DATABASE_URL;

test("MIGRATION_DATABASE_URL goes with DATABASE_URL: the owner migrates, the application's login works", () => {
  assert.throws(() => loadConfig({ MIGRATION_DATABASE_URL: "postgres://owner@db/send" }), /set DATABASE_URL/);
  const config = loadConfig({ DATABASE_URL: "postgres://app@db/send", MIGRATION_DATABASE_URL: "postgres://owner@db/send" });
  assert.deepEqual(targetFromConfig(config), { kind: "postgres", url: "postgres://app@db/send", ownerUrl: "postgres://owner@db/send" });
  assert.deepEqual(targetFromConfig(loadConfig({ DATABASE_URL: "postgres://owner@db/send" })), { kind: "postgres", url: "postgres://owner@db/send" });
});

test("an application login that is only a member of send_app works, and RESET ROLE gets it nothing", {
  skip: adminUrl ? false : "PostgreSQL only (set DATABASE_URL): PGlite has no second login",
}, async () => {
  const suffix = randomBytes(4).toString("hex");
  const dbName = `so_login_${suffix}`;
  const login = `so_app_login_${suffix}`;
  const password = randomBytes(12).toString("hex");
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  const ownerUrl = new URL(adminUrl as string);
  ownerUrl.pathname = `/${dbName}`;
  const appUrl = new URL(ownerUrl);
  appUrl.username = login;
  appUrl.password = password;
  try {
    // The owner creates the schema (and send_app, on a new cluster); then the login is made.
    const owner = await openDatabase({ kind: "postgres", url: ownerUrl.toString() });
    await migrateToLatest(owner);
    await owner.close();
    await admin.query(`CREATE ROLE ${login} LOGIN NOINHERIT PASSWORD '${password}' IN ROLE send_app`);

    const system = await openSystem(await openDatabase({ kind: "postgres", url: appUrl.toString(), ownerUrl: ownerUrl.toString() }));
    try {
      const council = await system.people.createCouncil({ code: "LOGIN", name: "Own Login Council" });
      assert.equal(await system.people.councilIdForCode("LOGIN"), council.id);
      assert.deepEqual(await loginRoleProblems(system.db), []);
    } finally {
      await system.close();
    }
    const asOwner = await openDatabase({ kind: "postgres", url: ownerUrl.toString() });
    assert.ok((await loginRoleProblems(asOwner.app())).length > 0, "the owner's login is named as a problem");
    await asOwner.close();

    // Stepping out of send_app leaves the login with no rights to any table.
    const raw = new pg.Client({ connectionString: appUrl.toString() });
    await raw.connect();
    try {
      await assert.rejects(raw.query("RESET ROLE; SELECT count(*) FROM council"), /permission denied/);
    } finally {
      await raw.end();
    }
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.query(`DROP ROLE IF EXISTS ${login}`);
    await admin.end();
  }
});
