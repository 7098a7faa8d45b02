// The route table is the test (issue 12 part 5): every route the application has, read from its
// own router, is tried by nobody and by every role, with the council's own ids and with another
// council's. No answer is a 500; nobody gets past their role (src/domain/roles.ts); nobody sees or
// changes another council's data. A route with no rule here fails the test, so none is added
// without being covered.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type express from "express";
import { can, type Permission, ROLES, type Role } from "../domain/roles.ts";
import { DEMO_USERS } from "../modules/demo/demo.seed.ts";
import * as notifications from "../modules/notifications/notifications.repository.ts";
import { southendPeerReview } from "../modules/plans/demo/southend-peer-review-2022.ts";
import { PNG, tinyPdf } from "./testing/files.ts";
import { startTestApp, type TestClient } from "./testing/test-app.ts";
import { readAs } from "./transaction.ts";

/** Who may use a route: anyone, anyone signed in, or the holders of a permission. */
type Access = "public" | "signedIn" | Permission;

/** Every route, by method and path, with who may use it. Keep in step with the routes. */
const RULES: Record<string, Access> = {
  "GET /assets/app.css": "public",
  "GET /assets/app.js": "public",
  "GET /assets/govuk-frontend.min.js": "public",
  "GET /assets/moj-frontend.min.js": "public",
  "GET /health": "public",
  "GET /info": "public",
  "GET /health/live": "public",
  "GET /health/ready": "public",
  // Setting up and reshaping plans, forums and meetings (issue 13): improvement leads and managers.
  "GET /plans/new": "editPlans",
  "POST /plans/new": "editPlans",
  "POST /plans": "editPlans",
  "GET /plans/:planId/setup": "editPlans",
  "GET /plans/:planId/details": "editPlans",
  "POST /plans/:planId/details": "editPlans",
  "GET /plans/:planId/scheme": "editPlans",
  "POST /plans/:planId/scheme": "editPlans",
  "GET /plans/:planId/structure": "editPlans",
  "GET /plans/:planId/sections/new": "editPlans",
  "POST /plans/:planId/sections": "editPlans",
  "GET /sections/:sectionId/edit": "editPlans",
  "POST /sections/:sectionId/edit": "editPlans",
  "POST /sections/:sectionId/reorder": "editPlans",
  "GET /plans/:planId/actions/new": "editPlans",
  "POST /plans/:planId/actions": "editPlans",
  "GET /actions/:actionId/move": "editPlans",
  "POST /actions/:actionId/move": "editPlans",
  "GET /actions/:actionId/retire": "editPlans",
  "POST /actions/:actionId/retire": "editPlans",
  "POST /api/plans": "editPlans",
  "PUT /api/plans/:planId": "editPlans",
  "POST /api/plans/:planId/sections": "editPlans",
  "PUT /api/sections/:sectionId": "editPlans",
  "POST /api/sections/:sectionId/reorder": "editPlans",
  "POST /api/plans/:planId/actions": "editPlans",
  "POST /api/actions/:actionId/move": "editPlans",
  "POST /api/actions/:actionId/retire": "editPlans",
  "GET /forums/new": "editPlans",
  "POST /forums": "editPlans",
  "GET /forums/:forumId/edit": "editPlans",
  "POST /forums/:forumId/edit": "editPlans",
  "GET /forums/:forumId/manage": "editPlans",
  "POST /forums/:forumId/meetings": "editPlans",
  "GET /forums/:forumId/meetings/:date/decisions": "editPlans",
  "POST /forums/:forumId/meetings/:date/decisions": "editPlans",
  "GET /actions/:actionId/forums": "editPlans",
  "POST /actions/:actionId/forums": "editPlans",
  "POST /api/forums": "editPlans",
  "PUT /api/forums/:forumId": "editPlans",
  "POST /api/forums/:forumId/meetings": "editPlans",
  "POST /api/forums/:forumId/meetings/:date/decisions": "editPlans",
  "PUT /api/actions/:actionId/forums": "editPlans",
  // Evidence files (issue 13): attached by those who edit plans, downloaded by those who read them.
  "GET /actions/:actionId/evidence/new": "editPlans",
  "POST /actions/:actionId/evidence": "editPlans",
  "GET /evidence/:evidenceId": "readPlans",
  "GET /api/actions/:actionId/evidence": "readPlans",
  "POST /api/actions/:actionId/evidence": "editPlans",
  "GET /api/evidence/:evidenceId": "readPlans",
  // Partners' comments (issue 13 part 6): partners comment, leads moderate, every reader reads.
  "GET /actions/:actionId/comments/new": "commentOnActions",
  "POST /actions/:actionId/comments": "commentOnActions",
  "GET /plans/:planId/comments": "moderateComments",
  "POST /comments/:commentId/moderate": "moderateComments",
  "GET /api/actions/:actionId/comments": "readPlans",
  "POST /api/actions/:actionId/comments": "commentOnActions",
  "POST /api/comments/:commentId/moderation": "moderateComments",
  "GET /sign-in": "public",
  "POST /sign-in": "public",
  "GET /sign-in/sso/:councilCode": "public",
  "GET /sign-in/callback": "public",
  "GET /sign-in/code": "public",
  "POST /sign-in/code": "public",
  "POST /sign-out": "public",
  "GET /settings/single-sign-on": "manageUsers",
  "POST /settings/single-sign-on": "manageUsers",
  "GET /": "signedIn",
  "GET /accessibility": "public",
  "GET /account": "signedIn",
  "GET /account/two-step": "signedIn",
  "POST /account/two-step/start": "signedIn",
  "POST /account/two-step/confirm": "signedIn",
  "POST /account/two-step/turn-off": "signedIn",
  "GET /people": "manageUsers",
  "GET /people/invite": "manageUsers",
  "POST /people/invite": "manageUsers",
  "GET /people/:personId": "manageUsers",
  "POST /people/:personId/roles": "manageUsers",
  "POST /people/:personId/switch-off": "manageUsers",
  "POST /people/:personId/switch-on": "manageUsers",
  "POST /people/:personId/reset-password": "manageUsers",
  "POST /people/:personId/reset-two-step": "manageUsers",
  "GET /set-password/:token": "public",
  "POST /set-password/:token": "public",
  "GET /audit": "readAudit",
  "GET /audit.csv": "readAudit",
  "GET /deadlines": "public",
  "GET /closures": "useCalculator",
  "POST /closures": "manageClosures",
  "POST /api/deadlines": "public",
  "GET /plans/import": "editPlans",
  "POST /plans/import": "editPlans",
  "GET /plans/import/:uploadId": "editPlans",
  "GET /plans/import/:uploadId/progress": "editPlans",
  "POST /plans/import/:uploadId": "editPlans",
  "POST /plans/import/:uploadId/retry": "editPlans",
  "POST /api/imports/:uploadId/retry": "editPlans",
  "GET /plans/:planId/close": "editPlans",
  "POST /plans/:planId/close": "editPlans",
  "GET /api/plans/:planId/close": "editPlans",
  "POST /api/plans/:planId/close": "editPlans",
  "GET /plans/:planId/closure": "readPlans",
  "GET /plans/:planId/closure.:format": "readPlans",
  "POST /plans/:planId/closure/narratives": "editPlans",
  "GET /plans": "readPlans",
  "GET /plans/actions": "readPlans",
  "GET /plans/:planId": "readPlans",
  "GET /plans/:planId/sections/:sectionId": "readPlans",
  "GET /actions/:actionId": "readPlans",
  "GET /actions/:actionId/updates/new": "editPlans",
  "POST /actions/:actionId/updates": "editPlans",
  "GET /actions/:actionId/edit": "editPlans",
  "POST /actions/:actionId/edit": "editPlans",
  "GET /forums": "readPlans",
  "GET /forums/:forumId": "readPlans",
  "GET /api/openapi.json": "public",
  "GET /api/plans": "readPlans",
  "GET /api/plans/:planId": "readPlans",
  "GET /api/plans/:planId/summary": "readPlans",
  "GET /api/actions/:actionId": "readPlans",
  "POST /api/actions/:actionId/updates": "editPlans",
  "PUT /api/plans/:planId/scheme": "editPlans",
  "PUT /api/actions/:actionId": "editPlans",
  "GET /plans/:planId/reports": "readPlans",
  "GET /plans/:planId/reports/:kind.:format": "readPlans",
  "GET /forums/:forumId/reports/meeting.:format": "readPlans",
  "GET /plans/:planId/publication": "editPlans",
  "POST /plans/:planId/publication": "editPlans",
  "GET /public/:councilCode/plans/:planId.csv": "public",
  "GET /public/:councilCode/plans/:planId.json": "public",
  "GET /public/:councilCode/plans/:planId": "public",
  "GET /cases": "readCases",
  "GET /cases/worklists/:list": "readCases",
  "GET /cases/register": "readCases",
  "GET /cases/register.csv": "readCases",
  "GET /cases/register.xlsx": "readCases",
  "GET /cases/new": "editCases",
  "POST /cases/new": "editCases",
  "GET /cases/:caseId": "readCases",
  "GET /cases/:caseId/timeline": "readCases",
  "GET /cases/:caseId/plan": "readCases",
  "GET /cases/:caseId/placements": "readCases",
  "GET /cases/:caseId/record/:kind": "editCases",
  "POST /cases/:caseId/record/:kind": "editCases",
  "POST /cases/:caseId/reason": "readCases",
  "GET /measures": "readMeasures",
  "GET /measures/:measureId/cases": "readCases",
  "GET /api/measures": "readMeasures",
  "GET /measures/entered": "readMeasures",
  "GET /measures/entered/new": "enterMeasures",
  "POST /measures/entered": "enterMeasures",
  "GET /measures/entered/:enteredId": "readMeasures",
  "POST /measures/entered/:enteredId/entries": "enterMeasures",
  "GET /measures/entered/:enteredId/entries/:entryId/correct": "enterMeasures",
  "POST /measures/entered/:enteredId/entries/:entryId/correct": "enterMeasures",
  "GET /api/measures/entered": "readMeasures",
  "POST /api/measures/entered": "enterMeasures",
  "GET /api/measures/entered/:enteredId": "readMeasures",
  "POST /api/measures/entered/:enteredId/entries": "enterMeasures",
  "POST /api/measures/entered/:enteredId/entries/:entryId/correction": "enterMeasures",
  "GET /actions/:actionId/measures": "readPlans",
  "POST /actions/:actionId/measures": "editPlans",
  "POST /actions/:actionId/measures/:linkId/keep-rating": "editPlans",
  "GET /api/actions/:actionId/measures": "readPlans",
  "GET /plans/:planId/measures": "readPlans",
  "GET /messages": "manageMessages",
  "GET /messages/settings": "manageMessages",
  "POST /messages/settings/channels": "manageMessages",
  "POST /messages/settings/timings": "manageMessages",
  "GET /messages/templates/:kind": "manageMessages",
  "POST /messages/templates/:kind": "manageMessages",
  "GET /cases/:caseId/advice-links": "readCases",
  "POST /advice-links/:linkId/revoke": "editCases",
  "GET /advice-files/:adviceFileId": "readCases",
  // Each person's own weekly digests (issue 15): anyone signed in, for themselves only.
  "GET /account/digests": "signedIn",
  "POST /account/digests": "signedIn",
  "GET /advice/:token": "public",
  "POST /advice": "public",
  // Notify's delivery receipts: no session; its bearer token is checked (not set up in this test: 404).
  "POST /api/notify/delivery-receipts": "public",
  "GET /returns/sen2": "manageReturns",
  "POST /returns/sen2/settings": "manageReturns",
  "POST /returns/sen2/export": "manageReturns",
  "GET /returns/sen2/validation.csv": "manageReturns",
  "GET /returns/sen2/import": "manageReturns",
  "POST /returns/sen2/import": "manageReturns",
  "GET /api/returns/sen2/validation": "manageReturns",
  "GET /api/returns/sen2/reconciliation": "manageReturns",
  "GET /api/returns/sen2/items-not-held": "manageReturns",
  "POST /api/returns/sen2/export": "manageReturns",
  "POST /api/returns/sen2/import": "manageReturns",
  // Quality audits (issue 18). Grading and moderating also for health and social care quality
  // auditors (gradeAudits), who find only the audits they are named on (404 for any other).
  "GET /quality": "gradeAudits",
  "GET /quality/framework": "auditPlans",
  "POST /quality/framework": "manageQuality",
  "GET /quality/samples/new": "manageQuality",
  "POST /quality/samples": "manageQuality",
  "GET /quality/samples/:sampleId": "auditPlans",
  "POST /quality/audits/:auditId/assign": "manageQuality",
  "GET /quality/audits/:auditId": "gradeAudits",
  "POST /quality/audits/:auditId/grades": "gradeAudits",
  "POST /quality/audits/:auditId/moderation": "gradeAudits",
  "GET /quality/results": "readQuality",
  "GET /cases/:caseId/quality": "readCases",
  "GET /api/quality/results": "readQuality",
  "GET /api/quality/audits/:auditId": "gradeAudits",
  "POST /api/quality/samples": "manageQuality",
  "GET /feedback/:token": "public",
  "POST /feedback": "public",
  "GET /quality/survey": "readQuality",
  "POST /quality/survey": "manageQuality",
  "GET /quality/feedback": "readQuality",
  "GET /api/quality/feedback": "readQuality",
  // Enquiries and complaints (issue 18 part 3): those who handle casework; the figures for quality readers.
  "GET /complaints": "handleComplaints",
  "GET /complaints/new": "handleComplaints",
  "POST /complaints": "handleComplaints",
  "GET /complaints/:complaintId": "handleComplaints",
  "POST /complaints/:complaintId/response": "handleComplaints",
  "POST /complaints/:complaintId/escalation": "handleComplaints",
  "POST /complaints/:complaintId/learning": "handleComplaints",
  "GET /api/complaints": "handleComplaints",
  "POST /api/complaints": "handleComplaints",
  "GET /api/complaints/:complaintId": "handleComplaints",
  "POST /api/complaints/:complaintId/response": "handleComplaints",
  "GET /quality/measures": "readQuality",
  "GET /api/quality/measures": "readQuality",
};

/** Parameters that are not a council's ids: the same for both councils. */
const FIXED_PARAMS: Record<string, string> = { kind: "progress", format: "csv", list: "overdue", date: "2026-01-15", measureId: "newPlans" };

/** The application's routes, read from its router: method and path. */
function routesOf(app: express.Express): string[] {
  const found: string[] = [];
  type Layer = { route?: { path: string; methods: Record<string, boolean> }; handle?: { stack?: Layer[] } };
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route) for (const method of Object.keys(layer.route.methods)) found.push(`${method.toUpperCase()} ${layer.route.path}`);
      else if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack);
  return found;
}

describe("the route table", () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  const ids: Record<"own" | "other", Record<string, string>> = { own: {}, other: {} };
  let otherCouncilId: string;
  /** What only the other council has: its name, its plan's title, its children's names. */
  let otherMarkers: string[];

  before(async () => {
    app = await startTestApp();
    const own = (await app.people.councilIdForCode("DEMO")) as string;
    const other = await app.people.createCouncil({ code: "OTH", name: "Otherton Marker Council" });
    otherCouncilId = other.id;
    const system = { councilId: other.id, userId: null };
    const otherLead = await app.people.createUser(system, "system", {
      email: "lead@otherton.example",
      displayName: "Otto Lead",
      password: "a long password for otherton",
      roles: "improvement_lead,caseworker",
    });
    await app.plans.createPlanFromSeed(system, { ...southendPeerReview, externalId: "otherton-plan", title: "Otherton marker plan" });
    await app.cases.generateCaseload(system, { plans: 3, seed: 7 });
    await app.quality.drawSample({ id: otherLead.id, councilId: other.id, roles: ["send_manager"] }, { method: "random", size: "2", seed: "1" });
    const otherUpload = await app.imports.holdUpload(
      { id: otherLead.id, councilId: other.id, roles: ["improvement_lead"] },
      { fileName: "otherton.csv", bytes: Buffer.from("Number,Action\n1,Otherton marker action\n") },
    );
    // An evidence file for each council; the other council's is named with its marker.
    const png = PNG;
    const otherAction = await readAs(app.db, system, (trx) => trx.selectFrom("plan_action").select("id").executeTakeFirstOrThrow());
    await app.evidence.attach({ id: otherLead.id, councilId: other.id, roles: ["improvement_lead"] }, otherAction.id, {
      fileName: "Otherton evidence.png",
      bytes: png,
    });
    const ownLead = DEMO_USERS.find((u) => u.roles.includes("improvement_lead"));
    const leadId = await readAs(app.db, { councilId: own, userId: null }, async (trx) =>
      trx
        .selectFrom("app_user")
        .select("id")
        .where("email", "=", ownLead?.email ?? "")
        .executeTakeFirstOrThrow(),
    );
    const ownAction = await readAs(app.db, { councilId: own, userId: null }, (trx) =>
      trx.selectFrom("plan_action").select("id").executeTakeFirstOrThrow(),
    );
    await app.evidence.attach({ id: leadId.id, councilId: own, roles: ["improvement_lead"] }, ownAction.id, {
      fileName: "our evidence.png",
      bytes: png,
    });
    const ownUpload = await app.imports.holdUpload(
      { id: leadId.id, councilId: own, roles: ["improvement_lead"] },
      { fileName: "own.csv", bytes: Buffer.from("Number,Action\n1,Our action\n") },
    );
    // A partner's comment in each council, so the comment routes are tried with both councils' ids.
    const otherPartner = await app.people.createUser(system, "system", {
      email: "partner@otherton.example",
      displayName: "Otto Partner",
      password: "a long password for otherton",
      roles: "partner",
    });
    const ownPartner = DEMO_USERS.find((u) => u.roles.includes("partner"));
    const ownPartnerId = await readAs(app.db, { councilId: own, userId: null }, (trx) =>
      trx
        .selectFrom("app_user")
        .select("id")
        .where("email", "=", ownPartner?.email ?? "")
        .executeTakeFirstOrThrow(),
    );
    for (const [councilId, partner, words] of [
      [other.id, { id: otherPartner.id, displayName: "Otto Partner" }, "Otherton marker comment"],
      [own, { id: ownPartnerId.id, displayName: "Pat Partner" }, "Our partner's comment"],
    ] as const) {
      const actionId = await readAs(
        app.db,
        { councilId, userId: null },
        async (trx) => (await trx.selectFrom("plan_action").select("id").executeTakeFirstOrThrow()).id,
      );
      await app.comments.addComment({ ...partner, councilId, roles: ["partner"] }, actionId, {
        organisation: "A parent carer forum",
        comment: words,
      });
    }
    await app.quality.drawSample({ id: leadId.id, councilId: own, roles: ["send_manager"] }, { method: "random", size: "2", seed: "1" });
    // A complaint in each council; the other council's names its marker.
    for (const [councilId, userId, from] of [
      [other.id, otherLead.id, "Otherton marker family"],
      [own, leadId.id, "Our family"],
    ] as const) {
      await app.complaints.record(
        { id: userId, councilId, roles: ["caseworker"] },
        { kind: "complaint", fromType: "parent", fromName: from, channel: "email", receivedOn: "2026-01-05", themes: ["delay"], summary: from },
      );
    }
    // A measure entered by hand in each council, with a figure; the other council's names its marker.
    const entered: Record<string, { enteredId: string; entryId: string }> = {};
    for (const [side, councilId, userId, title] of [
      ["other", other.id, otherLead.id, "Otherton marker audit grades"],
      ["own", own, leadId.id, "Our audit grades"],
    ] as const) {
      const actor = { councilId, userId };
      const measure = await app.enteredMeasures.define(actor, ["improvement_lead"], {
        title,
        unit: "percent",
        higherIsBetter: "yes",
        description: `${title}, from the quarterly audit`,
      });
      const entry = await app.enteredMeasures.enter(actor, ["improvement_lead"], measure.id, {
        value: "61",
        date: "2026-09-30",
        source: `${title} report`,
      });
      entered[side] = { enteredId: measure.id, entryId: entry.id };
    }
    for (const [side, councilId, code, uploadId] of [
      ["own", own, "DEMO", ownUpload.id],
      ["other", other.id, "OTH", otherUpload.id],
    ] as const) {
      ids[side] = await readAs(app.db, { councilId, userId: null }, async (trx) => {
        const action = await trx.selectFrom("plan_action").select(["id", "plan_id", "section_id"]).executeTakeFirstOrThrow();
        const forum = await trx.selectFrom("forum").select("id").executeTakeFirstOrThrow();
        const child = await trx.selectFrom("child_case").select("id").executeTakeFirstOrThrow();
        const evidence = await trx.selectFrom("plan_evidence").select("id").executeTakeFirstOrThrow();
        const person = await trx.selectFrom("app_user").select("id").orderBy("email").executeTakeFirstOrThrow();
        const comment = await trx.selectFrom("partner_comment").select("id").executeTakeFirstOrThrow();
        const audit = await trx.selectFrom("quality_audit").select(["id", "sample_id"]).executeTakeFirstOrThrow();
        const complaint = await trx.selectFrom("complaint").select("id").executeTakeFirstOrThrow();
        // An advice file returned through a link, named with the other council's marker there.
        const linkId = await notifications.insertAdviceLink(trx, {
          councilId,
          caseId: child.id,
          requestId: "route-table",
          adviceIndex: 0,
          reference: `ADV-${code}`,
          recipient: "ep@psychology.example",
          service: "Educational psychology",
          due: "2027-01-15",
          tokenHash: `route-table-${code}`,
          expiresAt: new Date("2027-01-29T23:59:59Z"),
        });
        const adviceFileId = await notifications.insertAdviceFile(trx, {
          councilId,
          linkId,
          caseId: child.id,
          fileName: code === "OTH" ? "Otherton advice.pdf" : "Our advice.pdf",
          mediaType: "application/pdf",
          bytes: tinyPdf(),
          sha256: "0".repeat(64),
          scan: "not-scanned",
          scannedWith: null,
        });
        return {
          complaintId: complaint.id,
          personId: person.id,
          planId: action.plan_id,
          sectionId: action.section_id,
          actionId: action.id,
          forumId: forum.id,
          caseId: child.id,
          evidenceId: evidence.id,
          commentId: comment.id,
          sampleId: audit.sample_id,
          auditId: audit.id,
          adviceFileId,
          uploadId,
          councilCode: code,
          ...entered[side],
        };
      });
    }
    // The other council's plan and children must never appear to the first council's people.
    ids.other.councilCode = "DEMO"; // its plan asked for under the first council's public pages
    const children = await readAs(app.db, system, (trx) => trx.selectFrom("child_case").select("child_name").execute());
    const ownChildren = new Set(
      (await readAs(app.db, { councilId: own, userId: null }, (trx) => trx.selectFrom("child_case").select("child_name").execute())).map(
        (c) => c.child_name,
      ),
    );
    // A generated name both councils happen to have would prove nothing, so it is left out.
    otherMarkers = ["Otherton", ...children.map((c) => c.child_name).filter((name) => !ownChildren.has(name))];
    assert.ok(otherMarkers.length > 1);
  });
  after(async () => app.stop());

  test("every route has a rule, and every rule a route", () => {
    const routes = routesOf(app.app);
    assert.deepEqual(
      routes.filter((r) => !(r in RULES)),
      [],
      "a route with no rule: add it to RULES with who may use it",
    );
    assert.deepEqual(
      Object.keys(RULES).filter((r) => !routes.includes(r)),
      [],
      "a rule for a route that no longer exists",
    );
  });

  test("every route × every role × both councils' ids: no 500, nothing beyond the role, nothing of another council", async (t) => {
    const clients: { role: Role | "nobody"; client: TestClient; csrf: string }[] = [];
    // Nobody (not signed in) holds the sign-in form's token, so their posts reach each route's guard.
    const nobody = app.client();
    clients.push({ role: "nobody", client: nobody, csrf: await nobody.csrfFrom("/sign-in") });
    for (const role of ROLES) {
      const person = DEMO_USERS.find((u) => u.roles.length === 1 && u.roles[0] === role);
      assert.ok(person, role);
      const client = app.client();
      assert.equal((await client.signIn(person.email)).status, 303, role);
      clients.push({ role, client, csrf: await client.csrfFrom("/account") });
    }
    const otherChanges = () =>
      readAs(app.db, { councilId: otherCouncilId, userId: null }, async (trx) =>
        Number(
          (
            await trx
              .selectFrom("audit_event")
              .select((eb) => eb.fn.countAll().as("n"))
              .executeTakeFirstOrThrow()
          ).n,
        ),
      );
    const otherBefore = await otherChanges();

    // Sign-out last, so each person stays signed in for the rest.
    const routes = routesOf(app.app).sort((a, b) => Number(a === "POST /sign-out") - Number(b === "POST /sign-out"));
    const failures: string[] = [];
    let requests = 0;
    for (const route of routes) {
      const access = RULES[route] as Access;
      const [method = "GET", pattern = "/"] = route.split(" ");
      for (const side of ["own", "other"] as const) {
        const usesIds = /:(?!kind|format|list)\w+/.test(pattern);
        if (side === "other" && !usesIds) continue;
        const fixed = (name: string) => (name === "kind" && pattern.includes("/record/") ? "visitRecorded" : FIXED_PARAMS[name]);
        const path = pattern.replace(/:(\w+)/g, (_m, name: string) => fixed(name) ?? ids[side][name] ?? `missing-${name}`);
        for (const { role, client, csrf } of clients) {
          const json = path.startsWith("/api/");
          const response =
            method === "GET"
              ? await client.get(path)
              : await client.request(method, path, json ? "{}" : new URLSearchParams({ _csrf: csrf }).toString(), {
                  "content-type": json ? "application/json" : "application/x-www-form-urlencoded",
                  ...(json && csrf ? { "x-csrf-token": csrf } : {}),
                });
          requests++;
          const where = `${role} ${method} ${path} (${side} council's ids) answered ${response.status}`;
          if (response.status >= 500) failures.push(`${where}: a fault`);
          const allowed = access === "public" || (role !== "nobody" && (access === "signedIn" || can([role], access)));
          if (!allowed) {
            const toSignIn = response.status === 303 && (response.headers.get("location") ?? "").startsWith("/sign-in");
            const refused = role === "nobody" ? toSignIn || response.status === 401 : response.status === 403;
            if (!refused) failures.push(`${where}: beyond the role (${access})`);
          } else if (side === "own" && (response.status === 401 || response.status === 403)) {
            failures.push(`${where}: refused though the role allows it (${access})`);
          }
          if (side === "other" && otherMarkers.some((marker) => response.text.includes(marker))) {
            failures.push(`${where}: showed another council's data`);
          }
        }
      }
    }
    assert.equal(await otherChanges(), otherBefore, "nothing of the other council was changed (no audit row)");
    t.diagnostic(`route table: ${routes.length} routes, ${clients.length} callers (nobody and ${ROLES.length} roles), ${requests} requests`);
    assert.deepEqual(failures, []);
  });
});
