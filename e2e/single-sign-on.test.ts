// Browser journey (issue 12, What it must show, first bullet): single sign-on through a real OpenID
// provider started by this test (oidc-provider, issuing Entra-style claims: tid, oid, roles), as two
// people of two councils with different roles. Each sees only what their role and council allow; a
// person of the tenant who was not invited is refused with a clear page.
import assert from "node:assert/strict";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, test } from "node:test";
import Provider from "oidc-provider";
import type { Browser, Page } from "playwright-core";
import { startTestApp } from "../src/platform/testing/test-app.ts";
import { readAs } from "../src/platform/transaction.ts";
import { accessibilityViolations, launchBrowser } from "./browser.ts";

// The identity provider's accounts, as Entra ID would describe them.
const ACCOUNTS: Record<string, Record<string, unknown>> = {
  sam: { tid: "tenant-demo", oid: "oid-sam", name: "Sam Manager", email: "manager@demo-borough.example", roles: ["SEND.Manager"] },
  nat: { tid: "tenant-north", oid: "oid-nat", name: "Nat North", email: "nat@north.example", roles: ["SEND.ImprovementLead"] },
  stranger: { tid: "tenant-demo", oid: "oid-stranger", name: "Sol Stranger", email: "stranger@demo-borough.example", roles: ["SEND.Caseworker"] },
};
// Test-only client secrets for the provider this file starts; real ones come from the environment.
const SECRETS = { DEMO: "demo-client-secret-for-this-test-only", NORTH: "north-client-secret-for-this-test-only" };

describe("single sign-on through the council's identity provider", () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let browser: Browser;
  let op: http.Server;

  before(async () => {
    process.env.OIDC_CLIENT_SECRET_DEMO = SECRETS.DEMO;
    process.env.OIDC_CLIENT_SECRET_NORTH = SECRETS.NORTH;
    app = await startTestApp({ caseload: 5 });
    op = http.createServer();
    await new Promise<void>((resolve) => op.listen(0, "127.0.0.1", resolve));
    const issuer = `http://127.0.0.1:${(op.address() as AddressInfo).port}`;
    const client = (id: string, secret: string) => ({
      client_id: id,
      client_secret: secret,
      redirect_uris: [`${app.baseUrl}/sign-in/callback`],
      response_types: ["code"],
      grant_types: ["authorization_code"],
      token_endpoint_auth_method: "client_secret_post",
    });
    const provider = new Provider(issuer, {
      clients: [client("demo-app", SECRETS.DEMO), client("north-app", SECRETS.NORTH)],
      pkce: { required: () => true },
      cookies: { keys: ["a-cookie-key-for-this-test"] },
      claims: { openid: ["sub", "oid", "tid", "roles", "groups"], profile: ["name"], email: ["email"] },
      conformIdTokenClaims: false,
      async findAccount(_ctx, id) {
        const account = ACCOUNTS[id];
        return account && { accountId: id, claims: async () => ({ sub: id, ...account }) };
      },
    });
    op.on("request", provider.callback());

    const demo = (await app.people.councilIdForCode("DEMO")) as string;
    const north = await app.people.createCouncil({ code: "NORTH", name: "North Marker Council" });
    // Nat is invited to North (an account with their email); the stranger is invited nowhere.
    await app.people.createUser({ councilId: north.id, userId: null }, "system", {
      email: "nat@north.example",
      displayName: "Nat North",
      password: "a long password for nat",
      roles: "improvement_lead",
    });
    await app.sso.configure(demo, { issuer, clientId: "demo-app", tenantId: "tenant-demo" });
    await app.sso.configure(north.id, { issuer, clientId: "north-app", tenantId: "tenant-north" });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await new Promise((resolve) => op?.close(resolve));
    await app?.stop();
  });

  /** From our sign-in page, through the provider's login and consent, back to us. */
  async function signInThrough(page: Page, councilName: string, login: string) {
    await page.goto(`${app.baseUrl}/sign-in`);
    await page.getByRole("link", { name: `Sign in with your ${councilName} account` }).click();
    await page.locator('input[name="login"]').fill(login);
    await page.locator('input[name="password"]').fill("any password: the test provider checks none");
    await page.getByRole("button", { name: "Sign-in" }).click();
    await page.getByRole("button", { name: "Continue" }).click();
    await page.waitForURL((url) => url.origin === app.baseUrl);
  }

  test("two people of two councils with different roles, and a person not invited", async () => {
    // Sam, a SEND manager of the demo council: the register of children, of their own council only.
    const samContext = await browser.newContext();
    const sam = await samContext.newPage();
    await signInThrough(sam, "Demo Borough Council", "sam");
    await sam.getByRole("heading", { name: "Home", level: 1 }).waitFor();
    assert.ok(await sam.getByText("Signed in as Sam Manager").isVisible());
    await sam.goto(`${app.baseUrl}/cases/register`);
    await sam.getByRole("heading", { name: "Register of children with EHC plans" }).waitFor();
    assert.ok((await sam.locator("table tbody tr").count()) > 0, "Sam sees the demo council's children");
    assert.doesNotMatch(await sam.content(), /North Marker Council/);
    assert.deepEqual(await accessibilityViolations(sam), []);
    await samContext.close();

    // Nat, an improvement lead of North: plans, but no children, and nothing of the demo council.
    const natContext = await browser.newContext();
    const nat = await natContext.newPage();
    await signInThrough(nat, "North Marker Council", "nat");
    await nat.getByRole("heading", { name: "Home", level: 1 }).waitFor();
    assert.ok(await nat.getByText("Signed in as Nat North").isVisible());
    const register = await nat.goto(`${app.baseUrl}/cases/register`);
    assert.equal(register?.status(), 403, "an improvement lead may not see children's records");
    await nat.goto(`${app.baseUrl}/plans`);
    assert.equal(await nat.getByText("LGA SEND and CWD Peer Review Implementation Plan").count(), 0, "no plan of the demo council");
    await natContext.close();

    // A person of the demo council's tenant, with a role, but never invited: a clear refusal.
    const strangerContext = await browser.newContext();
    const stranger = await strangerContext.newPage();
    await signInThrough(stranger, "Demo Borough Council", "stranger");
    await stranger.getByRole("heading", { name: "You cannot sign in" }).waitFor();
    assert.ok(
      await stranger
        .getByText("You have not been invited to use this service. Ask an administrator at Demo Borough Council to invite you")
        .isVisible(),
    );
    assert.deepEqual(await accessibilityViolations(stranger), []);
    await stranger.goto(`${app.baseUrl}/`);
    assert.match(stranger.url(), /\/sign-in/, "no session was started");
    await strangerContext.close();

    // The first sign-ins tied each invited person to their provider id, and every outcome is audited.
    const demo = (await app.people.councilIdForCode("DEMO")) as string;
    const audited = await readAs(app.db, { councilId: demo, userId: null }, (trx) =>
      trx.selectFrom("audit_event").select(["action", "after"]).where("action", "in", ["user.sso-checked", "sign-in.sso-refused"]).execute(),
    );
    assert.deepEqual(audited.map((a) => a.action).sort(), ["sign-in.sso-refused", "user.sso-checked"]);
    const samRow = await readAs(app.db, { councilId: demo, userId: null }, (trx) =>
      trx.selectFrom("app_user").select(["sso_subject", "roles"]).where("email", "=", "manager@demo-borough.example").executeTakeFirstOrThrow(),
    );
    assert.deepEqual(samRow, { sso_subject: "oid-sam", roles: ["send_manager"] });
  });
});
