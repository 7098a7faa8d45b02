// Partners' comments over HTTP (issue 13 part 6): a partner comments from the action's page; a
// forged field or an empty comment is refused with the error summary and saves nothing; the lead
// approves it on the moderation page; then every reader sees it, attributed, on the action's page;
// the API answers in the shape its OpenAPI schema gives.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startTestApp } from "../../platform/testing/test-app.ts";
import { readAs } from "../../platform/transaction.ts";

describe("partners' comments over HTTP", () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let actionId: string;
  let planId: string;
  let councilId: string;
  const comments = () =>
    readAs(app.db, { councilId, userId: null }, (trx) => trx.selectFrom("partner_comment").select(["id", "moderation"]).execute());

  before(async () => {
    app = await startTestApp({ caseload: 0 });
    councilId = (await app.people.councilIdForCode("DEMO")) as string;
    const loaded = await app.plans.loadPlan({ councilId, userId: null }, "system", "southend-peer-review-2022");
    planId = loaded.plan.id;
    actionId = (loaded.actions[2] as { id: string }).id;
  });
  after(async () => app.stop());

  test("a partner comments, the lead approves, everyone reads it", async () => {
    const partner = app.client();
    await partner.signIn("partner@demo-borough.example");
    const page = await partner.get(`/actions/${actionId}`);
    assert.equal(page.status, 200);
    assert.match(page.text, /What partners said/);
    assert.match(page.text, new RegExp(`href="/actions/${actionId}/comments/new"`));
    assert.doesNotMatch(page.text, /Add an update/, "a partner changes nothing else");
    assert.equal((await partner.get(`/actions/${actionId}/updates/new`)).status, 403);

    const csrf = await partner.csrfFrom(`/actions/${actionId}/comments/new`);
    const forged = await partner.post(`/actions/${actionId}/comments`, {
      _csrf: csrf,
      organisation: "SSIF",
      comment: "Hello",
      moderation: "approved",
    });
    assert.equal(forged.status, 400);
    assert.match(forged.text, /The form sent a field it does not have: moderation/);
    const empty = await partner.post(`/actions/${actionId}/comments`, { _csrf: csrf, organisation: "SSIF", comment: "  " });
    assert.equal(empty.status, 400);
    assert.match(empty.text, /govuk-error-summary/);
    assert.match(empty.text, /href="#comment">Enter your comment on the action/);
    assert.match(empty.text, /value="SSIF"/, "what was typed is kept");
    assert.equal((await comments()).length, 0);

    const sent = await partner.post(`/actions/${actionId}/comments`, {
      _csrf: csrf,
      organisation: "Southend SEND Independent Forum",
      comment: "Families notice the faster replies.",
    });
    assert.equal(sent.status, 303);
    const own = await partner.get(`/actions/${actionId}?commented=1`);
    assert.match(own.text, /Waiting for the improvement lead/);

    const councillor = app.client();
    await councillor.signIn("councillor@demo-borough.example");
    assert.doesNotMatch((await councillor.get(`/actions/${actionId}`)).text, /Families notice the faster replies/);
    assert.equal((await councillor.get(`/plans/${planId}/comments`)).status, 403);

    const lead = app.client();
    await lead.signIn("lead@demo-borough.example");
    assert.match((await lead.get(`/actions/${actionId}`)).text, /1 comment is waiting for you to approve/);
    const queue = await lead.get(`/plans/${planId}/comments`);
    assert.equal(queue.status, 200);
    assert.match(queue.text, /Pat Partner, Southend SEND Independent Forum/);
    const [comment] = await comments();
    assert.ok(comment);
    const leadCsrf = await lead.csrfFrom(`/plans/${planId}/comments`);
    const noReason = await lead.post(`/comments/${comment.id}/moderate`, { _csrf: leadCsrf, planId, decision: "hide", reason: "" });
    assert.equal(noReason.status, 400);
    assert.match(noReason.text, new RegExp(`href="#reason-${comment.id}">Enter why the comment is not shown`));
    const approved = await lead.post(`/comments/${comment.id}/moderate`, { _csrf: leadCsrf, planId, decision: "approve", reason: "" });
    assert.equal(approved.status, 303);
    assert.equal((await comments())[0]?.moderation, "approved");

    const read = await councillor.get(`/actions/${actionId}`);
    assert.match(read.text, /Pat Partner, Southend SEND Independent Forum/);
    assert.match(read.text, /Families notice the faster replies/);

    const api = JSON.parse((await councillor.get(`/api/actions/${actionId}/comments`)).text);
    const openapi = JSON.parse((await councillor.get("/api/openapi.json")).text);
    const schema = openapi.paths["/api/actions/{actionId}/comments"].get.responses[200].content["application/json"].schema;
    assert.deepEqual(Object.keys(api).sort(), Object.keys(schema.properties).sort());
    assert.deepEqual(Object.keys(api.comments[0]).sort(), [...schema.properties.comments.items.required].sort());
    assert.equal(api.comments[0].moderation, "approved");
  });
});
