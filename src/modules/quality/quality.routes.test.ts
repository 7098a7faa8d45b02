// Quality audits over HTTP (issue 18 part 1): draw a sample with a recorded seed, assign an auditor
// and a different moderator, grade criterion by criterion, moderate and agree; the figure changes,
// the caseworker reads the feedback on the case, bad input saves nothing, and another council's
// audit is not found.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startTestApp, type TestClient } from "../../platform/testing/test-app.ts";
import { readAs } from "../../platform/transaction.ts";
import { DEMO_USERS } from "../demo/demo.seed.ts";

const email = (role: string) => DEMO_USERS.find((u) => u.roles.length === 1 && u.roles[0] === role)?.email as string;

describe("quality audits", () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let manager: TestClient;
  let caseworker: TestClient;
  let councilId: string;
  const people: Record<string, string> = {};

  before(async () => {
    app = await startTestApp({ today: () => "2026-11-20" });
    councilId = (await app.people.councilIdForCode("DEMO")) as string;
    for (const row of await readAs(app.db, { councilId, userId: null }, (trx) => trx.selectFrom("app_user").select(["id", "email"]).execute()))
      people[row.email] = row.id;
    manager = app.client();
    caseworker = app.client();
    await manager.signIn(email("send_manager"));
    await caseworker.signIn(email("caseworker"));
  });
  after(async () => app.stop());

  const audits = () =>
    readAs(app.db, { councilId, userId: null }, (trx) => trx.selectFrom("quality_audit").selectAll().orderBy("created_at").execute());

  test("a sample records its rule and seed; the same seed draws the same plans", async () => {
    const csrf = await manager.csrfFrom("/quality/samples/new");
    const bad = await manager.post("/quality/samples", { _csrf: csrf, method: "random", size: "0", seed: "x", from: "2026-02-30" });
    assert.equal(bad.status, 400);
    assert.match(bad.text, /Enter how many plans to audit/);
    assert.match(bad.text, /The seed must be a whole number/);
    assert.match(bad.text, /must be a real date/);
    assert.equal((await audits()).length, 0, "nothing saved");

    const drawn = await manager.post("/quality/samples", { _csrf: csrf, method: "random", size: "3", seed: "99" });
    assert.equal(drawn.status, 303);
    const page = await manager.get(drawn.headers.get("location") as string);
    assert.match(page.text, /99/);
    const first = (await audits()).map((a) => a.case_id).sort();
    assert.equal(first.length, 3);

    const api = await manager.request("POST", "/api/quality/samples", JSON.stringify({ method: "random", size: 3, seed: 99 }), {
      "content-type": "application/json",
      "x-csrf-token": csrf,
    });
    assert.equal(api.status, 201);
    const again = JSON.parse(api.text);
    assert.equal(again.seed, 99);
    assert.equal(again.frameworkVersion, 1, "the default framework was saved as version 1 with the first sample");
    assert.deepEqual(again.audits.map((a: { caseId: string }) => a.caseId).sort(), first);
  });

  test("auditor and moderator are two people; grades are checked criterion by criterion; the moderator agrees", async () => {
    const [audit] = await audits();
    assert.ok(audit);
    const auditorId = people[email("caseworker")] as string;
    const moderatorId = people[email("send_manager")] as string;
    const sampleCsrf = await manager.csrfFrom(`/quality/samples/${audit.sample_id}`);
    const same = await manager.post(`/quality/audits/${audit.id}/assign`, { _csrf: sampleCsrf, auditorId, moderatorId: auditorId });
    assert.equal(same.status, 400);
    assert.match(same.text, /The moderator must be a different person from the auditor/);
    const forged = await manager.post(`/quality/audits/${audit.id}/assign`, { _csrf: sampleCsrf, auditorId: "00000000-0000-4000-8000-000000000000" });
    assert.equal(forged.status, 400);
    assert.match(forged.text, /Select the auditor from the list/);
    assert.equal((await audits())[0]?.state, "unassigned", "nothing saved");

    // The plan's own caseworker would mark their own work: refused when that is who it is.
    if (audit.caseworker_user_id === auditorId) {
      await readAs(app.db, { councilId, userId: null }, (trx) =>
        trx.updateTable("quality_audit").set({ caseworker_user_id: null }).where("id", "=", audit.id).execute(),
      );
    }
    assert.equal((await manager.post(`/quality/audits/${audit.id}/assign`, { _csrf: sampleCsrf, auditorId, moderatorId })).status, 303);

    // The manager is not the auditor: no grading form, and a forged post is refused.
    const notMine = await manager.post(`/quality/audits/${audit.id}/grades`, { _csrf: sampleCsrf, overall: "good" });
    assert.equal(notMine.status, 400);
    assert.match(notMine.text, /Only this audit&#39;s auditor can grade it|Only this audit's auditor can grade it/);

    const page = await caseworker.get(`/quality/audits/${audit.id}`);
    assert.equal(page.status, 200);
    assert.match(page.text, /Send for moderation/);
    const csrf = await caseworker.csrfFrom(`/quality/audits/${audit.id}`);
    const form: Record<string, string> = { _csrf: csrf, overall: "good", summary: "Clear outcomes; the health advice needs summarising." };
    for (const id of ["1-1", "1-2", "2-1", "2-2", "3-1", "3-2", "4-1", "4-2"]) form[`grade-${id}`] = "good";
    const missing = await caseworker.post(`/quality/audits/${audit.id}/grades`, { ...form, "grade-2-2": "brilliant" });
    assert.equal(missing.status, 400);
    assert.match(missing.text, /Select a grade for 2\.2/);
    assert.match(missing.text, /Select a grade for 5\.1/);
    assert.equal((await audits())[0]?.state, "assigned", "nothing saved");
    form["grade-5-1"] = "requires-improvement";
    form["comment-5-1"] = "Issued in week 22.";
    assert.equal((await caseworker.post(`/quality/audits/${audit.id}/grades`, form)).status, 303);

    // Only the named moderator moderates; the auditor cannot agree their own grade.
    const selfAgree = await caseworker.post(`/quality/audits/${audit.id}/moderation`, { _csrf: csrf, decision: "agree", agreedGrade: "good" });
    assert.equal(selfAgree.status, 400);
    assert.match(selfAgree.text, /You graded this audit: a different person must moderate it/);
    assert.equal((await audits())[0]?.state, "submitted", "nothing saved");

    const before = JSON.parse((await manager.get("/api/quality/results")).text);
    assert.equal(before.overall.denominator, 0);
    const mcsrf = await manager.csrfFrom(`/quality/audits/${audit.id}`);
    const noGrade = await manager.post(`/quality/audits/${audit.id}/moderation`, { _csrf: mcsrf, decision: "agree", agreedGrade: "" });
    assert.equal(noGrade.status, 400);
    assert.match(noGrade.text, /Select the agreed overall grade/);
    assert.equal(
      (await manager.post(`/quality/audits/${audit.id}/moderation`, { _csrf: mcsrf, decision: "agree", agreedGrade: "good" })).status,
      303,
    );

    const results = JSON.parse((await manager.get("/api/quality/results")).text);
    assert.equal(results.overall.text, "100% (1 of 1)");
    assert.deepEqual(
      results.byQuarter.map((r: { key: string }) => r.key),
      ["2026-Q4"],
    );
    const timeliness = results.byCriterion.find((r: { key: string }) => r.key.startsWith("The plan was issued within"));
    assert.equal(timeliness.text, "0% (0 of 1)");
    const resultsPage = await manager.get("/quality/results");
    assert.match(resultsPage.text, /100% \(1 of 1\)/);

    const json = JSON.parse((await caseworker.get(`/api/quality/audits/${audit.id}`)).text);
    assert.equal(json.agreedGrade, "good");
    assert.equal(json.agreedGoodOrBetter, true);
    assert.equal(json.criteria.find((c: { id: string }) => c.id === "5.1").comment, "Issued in week 22.");

    // The caseworker reads the feedback on the case.
    const feedback = await caseworker.get(`/cases/${audit.case_id}/quality`);
    assert.equal(feedback.status, 200);
    assert.match(feedback.text, /the health advice needs summarising/);
    assert.match(feedback.text, /Issued in week 22\./);

    const trail = await readAs(app.db, { councilId, userId: null }, (trx) =>
      trx.selectFrom("audit_event").select("action").where("subject_id", "=", audit.id).orderBy("id").execute(),
    );
    assert.deepEqual(
      trail.map((t) => t.action),
      ["quality.audit-assigned", "quality.audit-graded", "quality.audit-agreed"],
    );
  });

  test("a new framework version leaves earlier audits on theirs", async () => {
    const csrf = await manager.csrfFrom("/quality/framework");
    const bad = await manager.post("/quality/framework", {
      _csrf: csrf,
      name: "Ours",
      sections: "No section first",
      grades: "Good\nNot good",
      goodOrBetter: "1",
    });
    assert.equal(bad.status, 400);
    assert.match(bad.text, /Line 1: start with a section line/);
    const saved = await manager.post("/quality/framework", {
      _csrf: csrf,
      name: "Ours",
      sections: "# Voice\nThe child's views",
      grades: "Good\nNot good",
      goodOrBetter: "1",
    });
    assert.equal(saved.status, 303);
    assert.match(saved.headers.get("location") as string, /saved=2/);
    const [first] = await audits();
    const json = JSON.parse((await manager.get(`/api/quality/audits/${first?.id}`)).text);
    assert.equal(json.framework.version, 1);
    assert.equal(json.criteria.length, 9);
  });

  test("a health or social care quality auditor opens and grades only the audits assigned to them, and no casework", async () => {
    const auditor = app.client();
    assert.equal((await auditor.signIn(email("quality_auditor"))).status, 303);
    const audit = (await audits())[1];
    assert.ok(audit && audit.state === "unassigned");
    const record = await readAs(app.db, { councilId, userId: null }, (trx) =>
      trx.selectFrom("child_case").select(["record", "child_name"]).where("id", "=", audit.case_id).executeTakeFirstOrThrow(),
    );
    const child = (record.record as { child: { postcode: string } }).child;

    // Not assigned yet: the audit is not there for them, and a forged grade saves nothing.
    const home = await auditor.get("/quality");
    assert.equal(home.status, 200);
    assert.match(home.text, /You have no audits to grade or moderate/);
    assert.doesNotMatch(home.text, />Samples<|\/quality\/samples\//, "no sample lists for a quality auditor");
    assert.equal((await auditor.get(`/quality/audits/${audit.id}`)).status, 404);
    assert.equal((await auditor.get(`/api/quality/audits/${audit.id}`)).status, 404);
    const csrf = await auditor.csrfFrom("/quality");
    assert.equal((await auditor.post(`/quality/audits/${audit.id}/grades`, { _csrf: csrf, overall: "good" })).status, 404);
    assert.equal((await audits())[1]?.state, "unassigned", "nothing saved");
    // No casework: not a case, its plan, the register, the worklists, samples, figures or complaints.
    for (const path of [
      `/cases/${audit.case_id}`,
      `/cases/${audit.case_id}/plan`,
      `/cases/${audit.case_id}/quality`,
      "/cases",
      "/cases/register",
      `/quality/samples/${audit.sample_id}`,
      "/quality/results",
      "/quality/framework",
      "/complaints",
      "/cases/register.csv",
    ]) {
      const response = await auditor.get(path);
      assert.ok(response.status === 403 || response.status === 404, `${path} answered ${response.status}`);
      assert.ok(!response.text.includes(record.child_name), `${path} named the child`);
    }

    // A manager names them as the auditor (they are offered in the list), with the manager to moderate.
    const sampleCsrf = await manager.csrfFrom(`/quality/samples/${audit.sample_id}`);
    assert.match((await manager.get(`/quality/samples/${audit.sample_id}`)).text, /Harper Health/);
    const assigned = await manager.post(`/quality/audits/${audit.id}/assign`, {
      _csrf: sampleCsrf,
      auditorId: people[email("quality_auditor")] as string,
      moderatorId: people[email("send_manager")] as string,
    });
    assert.equal(assigned.status, 303);

    // Now they read the plan's details the audit needs, and nothing that identifies the family.
    const page = await auditor.get(`/quality/audits/${audit.id}`);
    assert.equal(page.status, 200);
    assert.match(page.text, /The plan being audited/);
    assert.match(page.text, /Send for moderation/);
    assert.doesNotMatch(page.text, /href="\/cases\//, "no link into the casework");
    assert.ok(!page.text.includes(child.postcode), "no address");
    assert.match((await auditor.get("/quality")).text, new RegExp(record.child_name));
    const form: Record<string, string> = {
      _csrf: await auditor.csrfFrom(`/quality/audits/${audit.id}`),
      overall: "good",
      summary: "Health advice is summarised well.",
    };
    for (const id of ["1-1", "1-2", "2-1", "2-2", "3-1", "3-2", "4-1", "4-2", "5-1"]) form[`grade-${id}`] = "good";
    assert.equal((await auditor.post(`/quality/audits/${audit.id}/grades`, form)).status, 303);
    assert.equal((await audits())[1]?.state, "submitted");
    // Another audit in the same sample stays out of reach.
    const third = (await audits())[2];
    assert.ok(third);
    assert.equal((await auditor.get(`/quality/audits/${third.id}`)).status, 404);
  });

  test("strict forms: a field a quality form does not have is refused with 400, naming it, and nothing is saved", async () => {
    const [, submitted, third] = await audits();
    assert.ok(submitted?.state === "submitted" && third?.state === "unassigned");
    const csrf = await manager.csrfFrom(`/quality/samples/${third.sample_id}`);
    const auditorId = people[email("caseworker")] as string;
    if (third.caseworker_user_id === auditorId)
      await readAs(app.db, { councilId, userId: null }, (trx) =>
        trx.updateTable("quality_audit").set({ caseworker_user_id: null }).where("id", "=", third.id).execute(),
      );
    const moderatorId = people[email("send_manager")] as string;
    const forgedAssign = await manager.post(`/quality/audits/${third.id}/assign`, { _csrf: csrf, auditorId, moderatorId, state: "agreed" });
    assert.equal(forgedAssign.status, 400);
    assert.match(forgedAssign.text, /The form sent a field it does not have: state/);
    assert.equal((await manager.post(`/quality/audits/${third.id}/assign`, { _csrf: csrf, auditorId, moderatorId })).status, 303);

    const changes = () =>
      readAs(app.db, { councilId, userId: null }, async (trx) =>
        Number(
          (
            await trx
              .selectFrom("audit_event")
              .select((eb) => eb.fn.countAll<string>().as("n"))
              .executeTakeFirstOrThrow()
          ).n,
        ),
      );
    const before = { changes: await changes(), audits: JSON.stringify(await audits()) };
    const grades: Record<string, string> = {
      _csrf: await caseworker.csrfFrom(`/quality/audits/${third.id}`),
      overall: "good",
      agreed_grade: "outstanding",
    };
    for (const id of ["1-1", "1-2", "2-1", "2-2", "3-1", "3-2", "4-1", "4-2", "5-1"]) grades[`grade-${id}`] = "good";
    const pages = [
      await manager.post("/quality/framework", {
        _csrf: csrf,
        name: "Ours",
        sections: "# A\nB",
        grades: "Good\nBad",
        goodOrBetter: "1",
        version: "7",
      }),
      await manager.post("/quality/samples", { _csrf: csrf, method: "random", size: "1", seed: "5", council_id: "x" }),
      await caseworker.post(`/quality/audits/${third.id}/grades`, grades),
      await manager.post(`/quality/audits/${submitted.id}/moderation`, {
        _csrf: csrf,
        decision: "agree",
        agreedGrade: "good",
        agreed_on: "2020-01-01",
      }),
    ];
    for (const [i, page] of pages.entries()) {
      assert.equal(page.status, 400, `form ${i}`);
      assert.match(page.text, /The form sent a field it does not have: (version|council_id|agreed_grade|agreed_on)/, `form ${i}`);
    }
    const api = await manager.request("POST", "/api/quality/samples", JSON.stringify({ method: "random", size: 1, seed: 5, createdBy: "x" }), {
      "content-type": "application/json",
      "x-csrf-token": csrf,
    });
    assert.equal(api.status, 400);
    assert.match(api.text, /does not have: createdBy/);
    assert.deepEqual({ changes: await changes(), audits: JSON.stringify(await audits()) }, before, "nothing saved");
  });

  test("roles and councils: who may not, and another council's audit is not found", async () => {
    const board = app.client();
    await board.signIn(email("board_member"));
    assert.equal((await board.get("/quality")).status, 403);
    assert.equal((await board.get("/quality/results")).status, 403);
    const lead = app.client();
    await lead.signIn(email("improvement_lead"));
    assert.equal((await lead.get("/quality/results")).status, 200, "an improvement lead reads the figures");
    assert.equal((await caseworker.get("/quality/samples/new")).status, 403, "caseworkers audit but do not draw samples");

    const other = await app.people.createCouncil({ code: "QOTH", name: "Other Quality Council" });
    const system = { councilId: other.id, userId: null };
    const otherManager = await app.people.createUser(system, "system", {
      email: "manager@other-quality.example",
      displayName: "Olive Other",
      password: "a long password for the other council",
      roles: "send_manager,caseworker",
    });
    await app.cases.generateCaseload(system, { plans: 3, seed: 3 });
    await app.quality.drawSample({ id: otherManager.id, councilId: other.id, roles: ["send_manager"] }, { method: "random", size: "1", seed: "1" });
    const otherAudit = await readAs(app.db, { councilId: other.id, userId: null }, (trx) =>
      trx.selectFrom("quality_audit").select(["id", "sample_id"]).executeTakeFirst(),
    );
    assert.ok(otherAudit, "the other council has an audit");
    assert.equal((await manager.get(`/quality/audits/${otherAudit.id}`)).status, 404);
    assert.equal((await manager.get(`/quality/samples/${otherAudit.sample_id}`)).status, 404);
    assert.equal((await manager.get(`/api/quality/audits/${otherAudit.id}`)).status, 404);
    const csrf = await manager.csrfFrom("/quality/framework");
    assert.equal(
      (await manager.post(`/quality/audits/${otherAudit.id}/assign`, { _csrf: csrf, auditorId: people[email("caseworker")] as string })).status,
      404,
    );
  });

  test("the OpenAPI document describes the quality API", async () => {
    const openapi = JSON.parse((await manager.get("/api/openapi.json")).text);
    assert.ok(openapi.paths["/api/quality/results"].get.responses["200"]);
    assert.ok(openapi.paths["/api/quality/audits/{auditId}"].get.responses["200"]);
    assert.ok(openapi.paths["/api/quality/samples"].post.responses["201"]);
  });
});
