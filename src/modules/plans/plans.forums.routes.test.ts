// Forums, meetings and decisions over real HTTP (issue 13): pages with GOV.UK errors, the API and
// its OpenAPI schemas, and every new route's role and council checks.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Role } from "../../domain/roles.ts";
import { startTestApp, type TestClient } from "../../platform/testing/test-app.ts";
import { readAs } from "../../platform/transaction.ts";

describe("forums, meetings and decisions over HTTP", () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let councilId: string;
  let lead: TestClient;
  let csrf: string;
  let actionId: string;
  let other: { forumId: string; actionId: string };
  const form = async (path: string, fields: Record<string, string>, client = lead) =>
    client.post(path, { _csrf: await client.csrfFrom("/account"), ...fields });
  const api = (method: string, path: string, body: unknown, client = lead, token = csrf) =>
    client.request(method, path, JSON.stringify(body), { "content-type": "application/json", "x-csrf-token": token });
  const auditCount = () =>
    readAs(app.db, { councilId, userId: null }, async (trx) => (await trx.selectFrom("audit_event").select("id").execute()).length);

  before(async () => {
    app = await startTestApp({ caseload: 0 });
    councilId = (await app.people.councilIdForCode("DEMO")) as string;
    lead = app.client();
    await lead.signIn("lead@demo-borough.example");
    csrf = await lead.csrfFrom("/account");
    const plan = await app.plans.loadPlan({ councilId, userId: null }, "system", "southend-peer-review-2022");
    actionId = plan.actions[0]?.id as string;
    const elsewhere = await app.people.createCouncil({ code: "ELSEF", name: "Elsewhere Forums Council" });
    const editor = { id: null as unknown as string, councilId: elsewhere.id, roles: ["improvement_lead"] as Role[] };
    const theirForum = await app.forums.createForum(editor, { name: "Their board", kind: "board" });
    await app.forums.addMeeting(editor, theirForum.id, { date: "2026-01-15" });
    const theirPlan = await app.planSetup.createPlan(
      { id: null, councilId: elsewhere.id, roles: "system" },
      { title: "Theirs", type: "other", owner: "Them", approvedOn: "2026-01-01", scheme: "rag-blue" },
    );
    const section = await app.planStructure.addSection(editor, theirPlan.id, { number: "1", title: "Theirs", kind: "theme" });
    const theirAction = await app.planStructure.addAction(editor, theirPlan.id, {
      sectionId: section.id,
      number: "1.1",
      text: "Theirs",
      timescale: "TBC",
      addedOn: "2026-01-01",
    });
    other = { forumId: theirForum.id, actionId: theirAction.id };
  });
  after(async () => app.stop());

  test("a lead adds a forum and a meeting, gives an action its forum, and records the meeting's decision", async () => {
    assert.match((await lead.get("/forums")).text, /href="\/forums\/new"/);
    const bad = await form("/forums", { name: "", kind: "club" });
    assert.equal(bad.status, 400);
    assert.match(bad.text, /href="#name">Enter the forum&#39;s name/);
    assert.match(bad.text, /href="#kind">Select whether the forum is a board/);
    const created = await form("/forums", { name: "SEND Partnership Board", kind: "board", members: "DCS (chair)", cycle: "Every six weeks" });
    assert.equal(created.status, 303);
    const managePath = (created.headers.get("location") as string).replace(/\?.*$/, "");
    const forumId = managePath.split("/")[2] as string;
    const manage = await lead.get(`${managePath}?done=created`);
    assert.match(manage.text, /The forum has been added/);
    const badDate = await form(`/forums/${forumId}/meetings`, { "date-day": "31", "date-month": "4", "date-year": "2026" });
    assert.equal(badDate.status, 400);
    assert.match(badDate.text, /href="#date-day">Date of the meeting must be a real date: 31\/4\/2026 does not exist/);
    assert.equal((await form(`/forums/${forumId}/meetings`, { "date-day": "15", "date-month": "3", "date-year": "2022" })).status, 303);
    // Each meeting's pack, in Word and in Excel, from the page that lists the meetings.
    const listed = (await lead.get(managePath)).text;
    for (const format of ["docx", "xlsx"]) {
      const href = `/forums/${forumId}/reports/meeting.${format}?meeting=2022-03-15`;
      assert.ok(listed.includes(`href="${href}"`), `the ${format} pack is linked`);
      const pack = await lead.get(href);
      assert.equal(pack.status, 200);
      assert.match(pack.headers.get("content-disposition") ?? "", new RegExp(`\\.${format}`));
    }

    const forumsPage = await lead.get(`/actions/${actionId}/forums`);
    assert.match(forumsPage.text, /SEND Partnership Board/);
    const chosen = [...forumsPage.text.matchAll(/name="forumIds" type="checkbox" value="([^"]+)" checked/g)].map((m) => m[1] as string);
    const body = new URLSearchParams({ _csrf: csrf });
    for (const id of [...chosen, forumId]) body.append("forumIds", id);
    const saved = await lead.request("POST", `/actions/${actionId}/forums`, body.toString(), { "content-type": "application/x-www-form-urlencoded" });
    assert.equal(saved.status, 303);

    const decisionsPage = await lead.get(`/forums/${forumId}/meetings/2022-03-15/decisions`);
    assert.equal(decisionsPage.status, 200);
    assert.match(decisionsPage.text, new RegExp(`name="decision-${actionId}"`));
    assert.equal((await lead.get(`/forums/${forumId}/meetings/2022-03-16/decisions`)).status, 404);
    const none = await form(`/forums/${forumId}/meetings/2022-03-15/decisions`, { [`decision-${actionId}`]: "" });
    assert.equal(none.status, 400);
    assert.match(none.text, /Enter what the meeting decided for at least one action/);
    assert.equal(
      (await form(`/forums/${forumId}/meetings/2022-03-15/decisions`, { [`decision-${actionId}`]: "Escalated to the board" })).status,
      303,
    );
    const action = await lead.get(`/actions/${actionId}`);
    assert.match(action.text, /Decisions at meetings/);
    assert.match(action.text, /SEND Partnership Board, 15 March 2022:<\/strong> Escalated to the board/);
  });

  test("the API adds forums, meetings, decisions and actions' forums, and documents them", async () => {
    const forum = JSON.parse((await api("POST", "/api/forums", { name: "Scrutiny committee", kind: "committee" })).text);
    assert.equal(forum.kind, "committee");
    assert.equal((await api("POST", `/api/forums/${forum.id}/meetings`, { date: "2022-03-29" })).status, 201);
    assert.equal((await api("POST", `/api/forums/${forum.id}/meetings`, { date: "2022-03-29" })).status, 400);
    assert.deepEqual(JSON.parse((await api("PUT", `/api/actions/${actionId}/forums`, { forumIds: [forum.id] })).text).forumIds, [forum.id]);
    const recorded = await api("POST", `/api/forums/${forum.id}/meetings/2022-03-29/decisions`, {
      decisions: [{ actionId, decision: "Agreed complete" }],
    });
    assert.equal(recorded.status, 201);
    assert.equal(
      JSON.parse((await api("PUT", `/api/forums/${forum.id}`, { name: "Scrutiny", kind: "committee", version: 1 })).text).name,
      "Scrutiny",
    );
    assert.equal((await api("PUT", `/api/forums/${forum.id}`, { name: "Stale", kind: "committee", version: 1 })).status, 409);
    const openapi = JSON.parse((await lead.get("/api/openapi.json")).text);
    for (const [path, method] of [
      ["/api/forums", "post"],
      ["/api/forums/{forumId}", "put"],
      ["/api/forums/{forumId}/meetings", "post"],
      ["/api/forums/{forumId}/meetings/{date}/decisions", "post"],
      ["/api/actions/{actionId}/forums", "put"],
    ] as const) {
      const operation = openapi.paths[path]?.[method];
      assert.ok(operation, `${method} ${path} is documented`);
      assert.ok(
        (operation.responses["200"] ?? operation.responses["201"]).content["application/json"].schema.properties,
        `${method} ${path} has a schema`,
      );
    }
  });

  test("every new route: a councillor is refused, and another council's forum and action are not found", async () => {
    const councillor = app.client();
    await councillor.signIn("councillor@demo-borough.example");
    const token = await councillor.csrfFrom("/account");
    const forum = await app.forums.createForum(
      {
        id: (
          await readAs(app.db, { councilId, userId: null }, (trx) =>
            trx.selectFrom("app_user").select("id").where("email", "=", "lead@demo-borough.example").executeTakeFirstOrThrow(),
          )
        ).id,
        councilId,
        roles: ["improvement_lead"],
      },
      { name: "Access forum", kind: "board" },
    );
    const routes = (f: string, a: string, date: string): [string, string][] => [
      ["GET", "/forums/new"],
      ["POST", "/forums"],
      ["GET", `/forums/${f}/edit`],
      ["POST", `/forums/${f}/edit`],
      ["GET", `/forums/${f}/manage`],
      ["POST", `/forums/${f}/meetings`],
      ["GET", `/forums/${f}/meetings/${date}/decisions`],
      ["POST", `/forums/${f}/meetings/${date}/decisions`],
      ["GET", `/actions/${a}/forums`],
      ["POST", `/actions/${a}/forums`],
      ["POST", "/api/forums"],
      ["PUT", `/api/forums/${f}`],
      ["POST", `/api/forums/${f}/meetings`],
      ["POST", `/api/forums/${f}/meetings/${date}/decisions`],
      ["PUT", `/api/actions/${a}/forums`],
    ];
    const before = await auditCount();
    for (const [method, path] of routes(forum.id, actionId, "2026-01-15")) {
      const response = path.startsWith("/api/")
        ? await api(method, path, { name: "x", kind: "board", date: "2026-02-01", forumIds: [], decisions: [] }, councillor, token)
        : method === "GET"
          ? await councillor.get(path)
          : await councillor.post(path, { _csrf: token, name: "x", kind: "board" });
      assert.equal(response.status, 403, `${method} ${path} refuses a councillor`);
    }
    for (const [method, path] of routes(other.forumId, other.actionId, "2026-01-15")) {
      if (path === "/forums/new" || path === "/forums" || path === "/api/forums") continue;
      const payload = { name: "x", kind: "board", version: "1", date: "2026-02-01", [`decision-${other.actionId}`]: "x" };
      const response = path.startsWith("/api/")
        ? await api(method, path, { ...payload, forumIds: [], decisions: [{ actionId: other.actionId, decision: "x" }] })
        : method === "GET"
          ? await lead.get(path)
          : await lead.post(path, { _csrf: csrf, ...payload });
      assert.equal(response.status, 404, `${method} ${path} does not find another council's records`);
    }
    assert.equal(await auditCount(), before, "nothing was changed");
  });
});
