// Single sign-on's edges over HTTP (issue 12): a forged or replayed return from a provider, an
// unknown council, and a council whose secret is missing get clear pages, never a fault.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startTestApp } from "../../platform/testing/test-app.ts";
import { readAs } from "../../platform/transaction.ts";

describe("single sign-on pages", () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  before(async () => {
    app = await startTestApp({ caseload: 0 });
    const demo = (await app.people.councilIdForCode("DEMO")) as string;
    // A provider nobody runs, and no OIDC_CLIENT_SECRET_DEMO in this process.
    delete process.env.OIDC_CLIENT_SECRET_DEMO;
    await app.sso.configure(demo, { issuer: "http://127.0.0.1:9/nowhere", clientId: "demo-app", tenantId: "tenant-demo" });
  });
  after(async () => app.stop());

  test("the sign-in page offers the council's single sign-on", async () => {
    const page = await app.client().get("/sign-in");
    assert.match(page.text, /href="\/sign-in\/sso\/DEMO\?returnTo=%2F">Sign in with your Demo Borough Council account/);
  });

  test("a return from a provider that this browser did not start is refused with a clear page, and starts no session", async () => {
    const client = app.client();
    for (const query of ["", "?code=abc&state=forged", "?code=abc&state=x&iss=http%3A%2F%2Fevil.example"]) {
      const response = await client.get(`/sign-in/callback${query}`);
      assert.equal(response.status, 400, query);
      assert.match(response.text, /This sign-in was not started here or took too long/);
      assert.equal(client.cookies.has("so_session"), false);
    }
    // The same state in the cookie but no sign-in under way with it: still refused.
    client.cookies.set("so_sso_state", "forged");
    assert.equal((await client.get("/sign-in/callback?code=abc&state=forged")).status, 400);
  });

  test("an unknown council is not found; a council with no secret set says single sign-on is not working, and logs no secret", async () => {
    assert.equal((await app.client().get("/sign-in/sso/NOPE")).status, 404);
    const response = await app.client().get("/sign-in/sso/DEMO");
    assert.equal(response.status, 503);
    assert.match(response.text, /Single sign-on is not working at the moment/);
    const demo = (await app.people.councilIdForCode("DEMO")) as string;
    const configured = await readAs(app.db, { councilId: demo, userId: null }, (trx) =>
      trx.selectFrom("audit_event").select("after").where("action", "=", "council.sso-configured").executeTakeFirstOrThrow(),
    );
    assert.equal(JSON.stringify(configured.after).includes("secret"), false, "no secret in the audit trail");
  });

  test("an administrator sets single sign-on on a page (never the secret); bad settings and forged fields are named and saved nowhere", async () => {
    const admin = app.client();
    assert.equal((await admin.signIn("admin@demo-borough.example")).status, 303);
    const page = await admin.get("/settings/single-sign-on");
    assert.equal(page.status, 200);
    assert.match(page.text, /value="http:\/\/127.0.0.1:9\/nowhere"/);
    assert.match(page.text, /OIDC_CLIENT_SECRET_DEMO/);
    assert.match(page.text, /Not set: single sign-on cannot work yet/);
    const csrf = await admin.csrfFrom("/settings/single-sign-on");
    const settings = { issuer: "https://login.microsoftonline.com/tenant-demo/v2.0", clientId: "demo-app-2", tenantId: "tenant-demo" };

    const badRole = await admin.post("/settings/single-sign-on", { _csrf: csrf, ...settings, groupRoles: "1111-aaaa=caseworker\n2222-bbbb=wizard" });
    assert.equal(badRole.status, 400);
    assert.match(badRole.text, /Group 2222-bbbb: &quot;wizard&quot; is not a role/);
    const forged = await admin.post("/settings/single-sign-on", { _csrf: csrf, ...settings, clientSecret: "s3cret" });
    assert.equal(forged.status, 400);
    assert.match(forged.text, /a field it does not have: clientSecret/);
    assert.match((await admin.get("/settings/single-sign-on")).text, /value="demo-app"/, "nothing saved");

    const saved = await admin.post("/settings/single-sign-on", {
      _csrf: csrf,
      ...settings,
      groupRoles: "1111-aaaa=caseworker\r\n2222-bbbb=partner\r\n",
      admitUninvited: "yes",
    });
    assert.equal(saved.status, 303);
    const after = await admin.get(saved.headers.get("location") as string);
    assert.match(after.text, /Single sign-on settings saved/);
    assert.match(after.text, /value="demo-app-2"/);
    assert.match(after.text, /1111-aaaa=caseworker\n2222-bbbb=partner/);
    const demo = (await app.people.councilIdForCode("DEMO")) as string;
    const audit = await readAs(app.db, { councilId: demo, userId: null }, (trx) =>
      trx
        .selectFrom("audit_event")
        .innerJoin("app_user", "app_user.id", "audit_event.actor_user_id")
        .select(["app_user.email", "audit_event.after"])
        .where("action", "=", "council.sso-configured")
        .execute(),
    );
    const last = audit.at(-1);
    assert.ok(last, "the change is audited");
    assert.equal(last.email, "admin@demo-borough.example");
    assert.deepEqual((last.after as { groupRoles: unknown }).groupRoles, { "1111-aaaa": "caseworker", "2222-bbbb": "partner" });

    const caseworker = app.client();
    await caseworker.signIn("caseworker@demo-borough.example");
    assert.equal((await caseworker.get("/settings/single-sign-on")).status, 403);
  });
});
