// People on pages (issue 12): inviting, the one-time link and the password policy, changing roles,
// switching an account off (its sessions end at once), resets, the last administrator, another
// council's people, and the list in pages. Through HTTP on one started app.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startTestApp, type TestClient } from "../../platform/testing/test-app.ts";
import { readAs } from "../../platform/transaction.ts";

describe("people on pages", () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let admin: TestClient;
  let councilId: string;

  const idOf = async (email: string) =>
    (
      await readAs(app.db, { councilId, userId: null }, (trx) =>
        trx.selectFrom("app_user").select("id").where("email", "=", email).executeTakeFirstOrThrow(),
      )
    ).id;
  const auditActions = async (subjectId: string) =>
    (
      await readAs(app.db, { councilId, userId: null }, (trx) =>
        trx.selectFrom("audit_event").select("action").where("subject_id", "=", subjectId).orderBy("id").execute(),
      )
    ).map((r) => r.action);
  const csrf = (client: TestClient) => client.csrfFrom("/account");
  const linkOn = (html: string) => {
    const match = html.match(/value="https?:\/\/[^"]*(\/set-password\/[A-Za-z0-9_-]+)"/);
    assert.ok(match?.[1], "the page shows the link");
    return match[1];
  };
  const invite = async (email: string, roles: string[], displayName = "Robin Newcomer") =>
    admin.request(
      "POST",
      "/people/invite",
      new URLSearchParams([
        ["_csrf", await csrf(admin)],
        ["displayName", displayName],
        ["email", email],
        ...roles.map((r) => ["roles", r]),
      ]).toString(),
      { "content-type": "application/x-www-form-urlencoded" },
    );

  before(async () => {
    app = await startTestApp({ caseload: 5 });
    councilId = (await app.people.councilIdForCode("DEMO")) as string;
    admin = app.client();
    assert.equal((await admin.signIn("admin@demo-borough.example")).status, 303);
  });
  after(async () => app.stop());

  test("an invitation shows its link once when the council sends no email; the person chooses a password that passes the policy and signs in", async () => {
    const made = await invite("robin@demo-borough.example", ["caseworker", "improvement_lead"]);
    assert.equal(made.status, 200);
    assert.match(made.text, /This is the only time the link is shown/);
    const link = linkOn(made.text);
    const id = await idOf("robin@demo-borough.example");

    // Not able to sign in before choosing a password.
    assert.equal((await app.client().signIn("robin@demo-borough.example", "kettle orbit marmalade")).status, 401);
    const person = app.client();
    const page = await person.get(link);
    assert.equal(page.status, 200);
    assert.match(page.text, /Choose your password/);
    const token = await person.csrfFrom(link);
    for (const [weak, words] of [
      ["aaaaaaaaaaaaaaa", /one character or a short piece repeated/],
      ["123456789012", /run of letters, numbers or keys/],
      ["Password2026!", /most common passwords/],
      ["short", /at least 12 characters/],
    ] as const) {
      const refused = await person.post(link, { _csrf: token, password: weak, confirmPassword: weak });
      assert.equal(refused.status, 400, weak);
      assert.match(refused.text, words);
      assert.match(refused.text, /There is a problem/);
    }
    const mismatch = await person.post(link, { _csrf: token, password: "kettle orbit marmalade", confirmPassword: "kettle orbit marmalad" });
    assert.match(mismatch.text, /The passwords do not match/);

    const saved = await person.post(link, { _csrf: token, password: "kettle orbit marmalade", confirmPassword: "kettle orbit marmalade" });
    assert.equal(saved.status, 303);
    assert.equal(saved.headers.get("location"), "/sign-in?passwordSet=1");
    assert.equal((await app.client().signIn("robin@demo-borough.example", "kettle orbit marmalade")).status, 303);

    // The link works once.
    assert.equal((await app.client().get(link)).status, 404);
    assert.deepEqual(await auditActions(id), ["user.invited", "sign-in.failed", "user.password-set", "session.started"]);
    const list = await admin.get("/people");
    assert.match(list.text, /Robin Newcomer/);
    assert.match(list.text, /Last signed in/);
  });

  test("a council with an email channel for invitations gets the link by email (the outbox), not on the page", async () => {
    await readAs(app.db, { councilId, userId: null }, (trx) =>
      trx.insertInto("notification_channel").values({ council_id: councilId, kind: "accountInvite", channel: "smtp" }).execute(),
    );
    const made = await invite("emailed@demo-borough.example", ["board_member"], "Erin Emailed");
    assert.equal(made.status, 200);
    assert.match(made.text, /We have emailed a link to emailed@demo-borough.example/);
    assert.doesNotMatch(made.text, /set-password\//);
    const queued = await readAs(app.db, { councilId, userId: null }, (trx) =>
      trx.selectFrom("outbox_message").select(["recipient", "body"]).where("kind", "=", "accountInvite").execute(),
    );
    assert.equal(queued.length, 1);
    assert.equal(queued[0]?.recipient, "emailed@demo-borough.example");
    assert.match(queued[0]?.body ?? "", /\/set-password\/[A-Za-z0-9_-]{40,}/);
  });

  test("bad invitations save nothing and say what is wrong", async () => {
    const before = (await admin.get("/people?pageSize=200")).text.match(/<tr class="govuk-table__row">/g)?.length;
    const noRole = await invite("norole@demo-borough.example", []);
    assert.equal(noRole.status, 400);
    assert.match(noRole.text, /Select at least one role/);
    const forged = await invite("forged@demo-borough.example", ["superuser"]);
    assert.match(forged.text, /choose from the roles given/);
    const taken = await invite("caseworker@demo-borough.example", ["caseworker"]);
    assert.match(taken.text, /already exists/);
    const extra = await admin.post("/people/invite", {
      _csrf: await csrf(admin),
      displayName: "X",
      email: "x@demo-borough.example",
      roles: "caseworker",
      isAdmin: "yes",
    });
    assert.match(extra.text, /a field it does not have: isAdmin/);
    assert.equal((await admin.get("/people?pageSize=200")).text.match(/<tr class="govuk-table__row">/g)?.length, before);
  });

  test("switching an account off ends its sessions at once; switching it on lets it sign in again", async () => {
    const board = app.client();
    assert.equal((await board.signIn("board@demo-borough.example")).status, 303);
    assert.equal((await board.get("/plans")).status, 200);
    const id = await idOf("board@demo-borough.example");

    const noConfirm = await admin.post(`/people/${id}/switch-off`, { _csrf: await csrf(admin) });
    assert.equal(noConfirm.status, 400);
    assert.equal((await board.get("/plans")).status, 200, "nothing changed without the confirmation");

    const off = await admin.post(`/people/${id}/switch-off`, { _csrf: await csrf(admin), confirm: "yes" });
    assert.equal(off.status, 303);
    const after = await board.get("/plans");
    assert.equal(after.status, 303, "the switched-off person's next request is sent to sign in");
    assert.match(after.headers.get("location") ?? "", /^\/sign-in/);
    assert.equal((await app.client().signIn("board@demo-borough.example")).status, 401);
    assert.match((await admin.get(`/people/${id}?done=switched-off`)).text, /Switched off/);

    assert.equal((await admin.post(`/people/${id}/switch-on`, { _csrf: await csrf(admin), confirm: "yes" })).status, 303);
    assert.equal((await app.client().signIn("board@demo-borough.example")).status, 303);
    const actions = await auditActions(id);
    assert.ok(actions.includes("user.switched-off") && actions.includes("user.switched-on"));
  });

  test("roles are changed, and the last administrator can be neither switched off nor lose the role", async () => {
    const lead = await idOf("lead@demo-borough.example");
    const changed = await admin.request(
      "POST",
      `/people/${lead}/roles`,
      new URLSearchParams([
        ["_csrf", await csrf(admin)],
        ["roles", "improvement_lead"],
        ["roles", "board_member"],
      ]).toString(),
      { "content-type": "application/x-www-form-urlencoded" },
    );
    assert.equal(changed.status, 303);
    assert.match((await admin.get(`/people/${lead}`)).text, /Improvement lead, Board member/);

    const self = await idOf("admin@demo-borough.example");
    const demote = await admin.post(`/people/${self}/roles`, { _csrf: await csrf(admin), roles: "send_manager" });
    assert.equal(demote.status, 400);
    assert.match(demote.text, /last administrator/);
    const off = await admin.post(`/people/${self}/switch-off`, { _csrf: await csrf(admin), confirm: "yes" });
    assert.equal(off.status, 400);
    assert.match(off.text, /last administrator/);
    assert.equal((await admin.get("/people")).status, 200, "still signed in, still an administrator");

    // With a second administrator, the first may step down.
    await admin.post(`/people/${lead}/roles`, { _csrf: await csrf(admin), roles: "administrator" });
    const second = app.client();
    assert.equal((await second.signIn("lead@demo-borough.example")).status, 303);
    assert.equal((await second.post(`/people/${self}/roles`, { _csrf: await csrf(second), roles: "send_manager" })).status, 303);
    // And the remaining administrator is now the last one.
    assert.equal((await second.post(`/people/${lead}/switch-off`, { _csrf: await csrf(second), confirm: "yes" })).status, 400);
    await second.post(`/people/${self}/roles`, { _csrf: await csrf(second), roles: "administrator" });
    assert.deepEqual((await auditActions(self)).filter((a) => a === "user.roles-changed").length, 2);
  });

  test("a reset makes a new link; the old password works until the new one is chosen", async () => {
    const id = await idOf("councillor@demo-borough.example");
    const made = await admin.post(`/people/${id}/reset-password`, { _csrf: await csrf(admin), confirm: "yes" });
    assert.equal(made.status, 200);
    const link = linkOn(made.text);
    const signedIn = app.client();
    assert.equal((await signedIn.signIn("councillor@demo-borough.example")).status, 303, "the old password still works");
    const person = app.client();
    const token = await person.csrfFrom(link);
    assert.equal((await person.post(link, { _csrf: token, password: "lantern quay biscuit", confirmPassword: "lantern quay biscuit" })).status, 303);
    assert.equal((await app.client().signIn("councillor@demo-borough.example")).status, 401, "the old password no longer works");
    assert.equal((await app.client().signIn("councillor@demo-borough.example", "lantern quay biscuit")).status, 303);
    assert.equal((await signedIn.get("/plans")).status, 303, "a session with the old password has ended");
  });

  test("another council's person is not found, and nothing of theirs changes", async () => {
    const other = await app.people.createCouncil({ code: "OTHP", name: "Other People Council" });
    const stranger = await app.people.createUser({ councilId: other.id, userId: null }, "system", {
      email: "stranger@other.example",
      displayName: "Sasha Stranger",
      password: "a long password for sasha",
      roles: "administrator,caseworker",
    });
    assert.equal((await admin.get(`/people/${stranger.id}`)).status, 404);
    for (const [path, body] of [
      [`/people/${stranger.id}/switch-off`, { confirm: "yes" }],
      [`/people/${stranger.id}/roles`, { roles: "councillor" }],
      [`/people/${stranger.id}/reset-password`, { confirm: "yes" }],
    ] as const) {
      const response = await admin.post(path, { _csrf: await csrf(admin), ...body });
      assert.equal(response.status, 404, path);
      assert.doesNotMatch(response.text, /Sasha Stranger/);
    }
    assert.doesNotMatch((await admin.get("/people?pageSize=200")).text, /Sasha Stranger/);
    assert.equal((await app.client().signIn("stranger@other.example", "a long password for sasha")).status, 303);
  });

  test("the list is in pages, with the GOV.UK pagination", async () => {
    const first = await admin.get("/people?pageSize=2");
    assert.equal(first.text.match(/<tr class="govuk-table__row">/g)?.length, 3, "a header row and 2 people");
    assert.match(first.text, /govuk-pagination/);
    assert.match(first.text, /href="\/people\?pageSize=2&amp;page=2"/);
    const second = await admin.get("/people?pageSize=2&page=2");
    assert.notEqual(first.text.match(/\/people\/[0-9a-f-]{36}/)?.[0], second.text.match(/\/people\/[0-9a-f-]{36}/)?.[0]);
  });

  test("people other than administrators cannot invite or see people", async () => {
    const manager = app.client();
    await manager.signIn("manager@demo-borough.example");
    assert.equal((await manager.get("/people")).status, 403);
    assert.equal(
      (
        await manager.post("/people/invite", {
          _csrf: await csrf(manager),
          displayName: "X",
          email: "x2@demo-borough.example",
          roles: "administrator",
        })
      ).status,
      403,
    );
  });
});
