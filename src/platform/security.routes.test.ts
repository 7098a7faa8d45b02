// The holes found when the service was attacked (issue 12), each closed and checked over real HTTP:
// no-store on everything a signed-in person is sent, CSRF on multipart posts, strict forms.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startTestApp, type TestClient } from "./testing/test-app.ts";
import { readAs } from "./transaction.ts";

/** A multipart/form-data body by hand, so the test controls every byte a forger would. */
function multipart(fields: Record<string, string>, file?: { name: string; content: string }): { body: string; type: string } {
  const boundary = "----forged-boundary-7MA4YWxkTrZu0gW";
  const parts = Object.entries(fields).map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
  if (file) {
    parts.push(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: text/csv\r\n\r\n${file.content}\r\n`,
    );
  }
  return { body: `${parts.join("")}--${boundary}--\r\n`, type: `multipart/form-data; boundary=${boundary}` };
}

describe("security of the HTTP pipeline", () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let councilId: string;
  let caseId: string;
  let actionId: string;
  let planId: string;

  const signedIn = async (email: string): Promise<TestClient> => {
    const client = app.client();
    const response = await client.signIn(email);
    assert.equal(response.status, 303, `${email} signs in`);
    return client;
  };

  before(async () => {
    app = await startTestApp();
    councilId = (await app.people.councilIdForCode("DEMO")) as string;
    const ids = await readAs(app.db, { councilId, userId: null }, async (trx) => {
      const me = await trx.selectFrom("app_user").select("id").where("email", "=", "caseworker@demo-borough.example").executeTakeFirstOrThrow();
      const mine = await trx.selectFrom("child_case").select("id").where("caseworker_user_id", "=", me.id).executeTakeFirstOrThrow();
      const action = await trx.selectFrom("plan_action").select(["id", "plan_id"]).executeTakeFirstOrThrow();
      return { caseId: mine.id, actionId: action.id, planId: action.plan_id };
    });
    ({ caseId, actionId, planId } = ids);
  });
  after(async () => app.stop());

  test("every page, download and API answer sent to a signed-in person says Cache-Control: no-store", async () => {
    const caseworker = await signedIn("caseworker@demo-borough.example");
    const lead = await signedIn("lead@demo-borough.example");
    const manager = await signedIn("manager@demo-borough.example");
    const checks: [TestClient, string][] = [
      [caseworker, "/"],
      [caseworker, "/cases/register"],
      [caseworker, "/cases/register.csv"],
      [caseworker, "/cases/register.xlsx"],
      [caseworker, `/cases/${caseId}`],
      [caseworker, "/no-such-page"],
      [lead, "/plans"],
      [lead, `/api/plans/${planId}`],
      [lead, `/actions/${actionId}`],
      [manager, "/audit"],
    ];
    for (const [client, path] of checks) {
      const response = await client.get(path);
      assert.ok(response.status < 500, `${path} answered ${response.status}`);
      assert.match(response.headers.get("cache-control") ?? "", /no-store/, `${path} (${response.status}) must not be kept by the browser`);
    }
    // The sign-in page holds a CSRF token bound to this browser: not kept either.
    assert.match((await app.client().get("/sign-in")).headers.get("cache-control") ?? "", /no-store/);
  });

  test("a forged multipart POST to sign-out, or to any route, is refused and changes nothing", async () => {
    const caseworker = await signedIn("caseworker@demo-borough.example");
    const lead = await signedIn("lead@demo-borough.example");
    const auditCount = async () =>
      Number(
        (
          await readAs(app.db, { councilId, userId: null }, (trx) =>
            trx
              .selectFrom("audit_event")
              .select((eb) => eb.fn.countAll().as("n"))
              .executeTakeFirstOrThrow(),
          )
        ).n,
      );
    const before = await auditCount();
    const forged = multipart({
      reason: "enquiry",
      commentary: "forged",
      status: "completed",
      "date-day": "1",
      "date-month": "1",
      "date-year": "2026",
    });
    const targets: [TestClient, string][] = [
      [caseworker, "/sign-out"],
      [caseworker, `/cases/${caseId}/record/visitRecorded`],
      [caseworker, `/cases/${caseId}/reason`],
      [caseworker, "/cases/new"],
      [lead, `/actions/${actionId}/updates`],
      [lead, `/actions/${actionId}/edit`],
      [lead, `/plans/${planId}/publication`],
      [lead, "/plans/import"],
    ];
    for (const [client, path] of targets) {
      const response = await client.request("POST", path, forged.body, { "content-type": forged.type });
      assert.equal(response.status, 403, `forged multipart POST ${path} answered ${response.status}`);
      assert.match(response.text, /This form could not be checked/, path);
    }
    assert.equal(await auditCount(), before, "nothing was changed or recorded");
    // Still signed in: sign-out was not forced.
    assert.equal((await caseworker.get("/cases/register")).status, 200);
  });

  test("multipart with a good token is refused cleanly by a route that takes no file", async () => {
    const caseworker = await signedIn("caseworker@demo-borough.example");
    const csrf = await caseworker.csrfFrom(`/cases/${caseId}/record/visitRecorded`);
    const form = multipart({ _csrf: csrf, "date-day": "1", "date-month": "1", "date-year": "2026" });
    const lead = await signedIn("lead@demo-borough.example");
    const leadCsrf = await lead.csrfFrom("/account");
    const targets: [TestClient, string, string][] = [
      [caseworker, csrf, `/cases/${caseId}/record/visitRecorded`],
      [caseworker, csrf, "/sign-out"],
      [caseworker, csrf, `/cases/${caseId}/reason`],
      [caseworker, csrf, "/cases/new"],
      [lead, leadCsrf, `/actions/${actionId}/updates`],
      [lead, leadCsrf, `/actions/${actionId}/edit`],
      [lead, leadCsrf, `/plans/${planId}/publication`],
      [lead, leadCsrf, `/plans/${planId}/close`],
      [lead, leadCsrf, `/api/actions/${actionId}/updates`],
    ];
    for (const [client, token, path] of targets) {
      const response = await client.request("POST", path, form.body, { "content-type": form.type, "x-csrf-token": token });
      assert.equal(response.status, 415, `${path} answered ${response.status}`);
      assert.match(response.text, /This form was sent in a way the page does not accept/);
    }
    // Nor does any other kind of body a route does not read reach it.
    const text = await caseworker.request("POST", `/cases/${caseId}/reason`, "reason=enquiry", {
      "content-type": "text/plain",
      "x-csrf-token": csrf,
    });
    assert.equal(text.status, 415);
    assert.equal((await caseworker.get("/cases/register")).status, 200, "still signed in");
    assert.equal((await lead.get("/plans")).status, 200, "still signed in");
  });

  test("CSRF tokens are kept on the server: the sign-in form's in a pre-session row, then a new one on the session row", async () => {
    const client = app.client();
    const before = await client.csrfFrom("/sign-in");
    const cookie = client.cookies.get("so_presession");
    assert.ok(cookie, "the sign-in page starts a pre-session");
    const preSessions = () => app.db.selectFrom("pre_session").select("csrf_token").execute();
    assert.ok(
      (await preSessions()).some((row) => row.csrf_token === before),
      "the token is a row on the server, not derived from the cookie",
    );
    // Another browser's cookie, or one made up, has no token: its form is refused.
    const stranger = app.client();
    stranger.cookies.set("so_presession", "made-up-cookie");
    assert.equal((await stranger.post("/sign-in", { _csrf: before, email: "caseworker@demo-borough.example", password: "x" })).status, 403);

    assert.equal(
      (await client.post("/sign-in", { _csrf: before, email: "caseworker@demo-borough.example", password: "demo-password-2026", returnTo: "/" }))
        .status,
      303,
    );
    const after = await client.csrfFrom("/account");
    assert.notEqual(after, before, "signing in gives a new token");
    assert.equal(client.cookies.has("so_presession"), false, "the pre-session cookie is cleared");
    assert.ok(!(await preSessions()).some((row) => row.csrf_token === before), "and its row removed");
    const session = await readAs(app.db, { councilId, userId: null }, (trx) =>
      trx.selectFrom("user_session").select("csrf_token").where("csrf_token", "=", after).executeTakeFirst(),
    );
    assert.ok(session, "the session row holds the token");
    // The token from before sign-in is no use now.
    assert.equal((await client.post("/sign-out", { _csrf: before })).status, 403);
    assert.equal((await client.post("/sign-out", { _csrf: after })).status, 303);
  });
});
