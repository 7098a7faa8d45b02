// Enquiries and complaints over HTTP (issue 18 part 3): a complaint recorded against a child's case
// with its 5-working-day target; bad and forged input saves nothing; answered late it shows as late,
// still open past its day it shows on the overdue worklist; escalated, its learning fed into a plan's
// action; looks are audited; another council's complaint is not found; the figure a plan binds to.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startTestApp, type TestClient } from "../../platform/testing/test-app.ts";
import { readAs } from "../../platform/transaction.ts";
import { DEMO_USERS } from "../demo/demo.seed.ts";

// Monday 7 December 2026: a complaint received Monday 23 November was due Monday 30 November.
const TODAY = "2026-12-07";
const email = (role: string) => DEMO_USERS.find((u) => u.roles.length === 1 && u.roles[0] === role)?.email as string;

describe("enquiries and complaints", () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let caseworker: TestClient;
  let csrf: string;
  let councilId: string;
  let caseId: string;
  let childName: string;
  let otherCaseId: string;
  let otherComplaintId: string;
  let otherActionId: string;
  let complaintId: string;

  before(async () => {
    app = await startTestApp({ today: () => TODAY, caseload: 10 });
    councilId = (await app.people.councilIdForCode("DEMO")) as string;
    caseworker = app.client();
    await caseworker.signIn(email("caseworker"));
    csrf = await caseworker.csrfFrom("/complaints/new");
    const child = await readAs(app.db, { councilId, userId: null }, (trx) =>
      trx.selectFrom("child_case").select(["id", "child_name"]).orderBy("child_name").executeTakeFirstOrThrow(),
    );
    caseId = child.id;
    childName = child.child_name;
    // Another council with its own case, action and complaint.
    const other = await app.people.createCouncil({ code: "OTC", name: "Otherton Complaints Council" });
    const system = { councilId: other.id, userId: null };
    const otherWorker = await app.people.createUser(system, "system", {
      email: "worker@otherton.example",
      displayName: "Otto Worker",
      password: "a long password for otherton",
      roles: "caseworker",
    });
    await app.cases.generateCaseload(system, { plans: 2, seed: 3 });
    const { southendPeerReview } = await import("../plans/demo/southend-peer-review-2022.ts");
    await app.plans.createPlanFromSeed(system, { ...southendPeerReview, externalId: "otc-plan" });
    const ids = await readAs(app.db, system, async (trx) => ({
      caseId: (await trx.selectFrom("child_case").select("id").executeTakeFirstOrThrow()).id,
      actionId: (await trx.selectFrom("plan_action").select("id").executeTakeFirstOrThrow()).id,
    }));
    otherCaseId = ids.caseId;
    otherActionId = ids.actionId;
    otherComplaintId = (
      await app.complaints.record(
        { id: otherWorker.id, councilId: other.id, roles: ["caseworker"] },
        {
          kind: "complaint",
          fromType: "parent",
          fromName: "Otherton family",
          channel: "email",
          receivedOn: "2026-12-01",
          themes: ["delay"],
          summary: "Otherton marker complaint",
        },
      )
    ).id;
  });
  after(async () => app.stop());

  const system = () => ({ councilId, userId: null });
  const count = (table: "complaint" | "complaint_stage") =>
    readAs(app.db, system(), async (trx) =>
      Number(
        (
          await trx
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<string>().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    );
  const form = (fields: [string, string][]) =>
    caseworker.request("POST", "/complaints", new URLSearchParams([["_csrf", csrf], ...fields]).toString(), {
      "content-type": "application/x-www-form-urlencoded",
    });
  const complaint = (over: Record<string, string> = {}): [string, string][] =>
    Object.entries({
      kind: "complaint",
      fromType: "parent",
      fromName: "Jo Parent",
      channel: "phone",
      "receivedOn-day": "23",
      "receivedOn-month": "11",
      "receivedOn-year": "2026",
      targetWorkingDays: "5",
      summary: "The draft plan was not sent as promised.",
      caseId,
      ...over,
    });

  test("bad input: every problem named at its field, nothing saved", async () => {
    const empty = await form([]);
    assert.equal(empty.status, 400);
    for (const message of [
      "Select whether it is an enquiry or a complaint",
      "Select who it is from",
      "Enter the name of the person it is from",
      "Select how it came in",
      "Enter the date it was received",
      "Select at least one theme",
      "Enter what it is about",
    ])
      assert.match(empty.text, new RegExp(message), message);
    assert.match(empty.text, /There is a problem/);
    assert.match(empty.text, /href="#receivedOn-day"/, "the date's message links to its day box");

    const impossible = await form([
      ...complaint({ "receivedOn-day": "31", "receivedOn-month": "2", targetWorkingDays: "0", kind: "grievance" }),
      ["themes", "nonsense"],
    ]);
    assert.equal(impossible.status, 400);
    assert.match(impossible.text, /The date it was received must be a real date/);
    assert.match(impossible.text, /The target must be a whole number of working days from 1 to 65/);
    assert.match(impossible.text, /Select themes from the list/);
    assert.match(impossible.text, /Select whether it is an enquiry or a complaint/);

    const future = await form([...complaint({ "receivedOn-day": "8", "receivedOn-month": "12" }), ["themes", "delay"]]);
    assert.match(future.text, /The date it was received must be today or in the past/);

    const forged = await form([...complaint({ caseId: otherCaseId }), ["themes", "delay"]]);
    assert.equal(forged.status, 400);
    assert.match(forged.text, /The child&#39;s case was not found/);
    assert.ok(!forged.text.includes("Otherton"), "nothing of the other council shown");
    assert.equal(await count("complaint"), 0, "nothing saved");
    assert.equal(await count("complaint_stage"), 0);
  });

  test("recorded against a case: its last day is 5 working days on; past it, it is on the overdue worklist", async () => {
    const start = await caseworker.get(`/complaints/new?caseId=${caseId}`);
    assert.equal(start.status, 200);
    assert.ok(start.text.includes(childName));
    assert.equal((await caseworker.get(`/complaints/new?caseId=${otherCaseId}`)).status, 404);

    const saved = await form([...complaint(), ["themes", "communication"], ["themes", "delay"]]);
    assert.equal(saved.status, 303, saved.text.slice(0, 300));
    complaintId = (saved.headers.get("location") ?? "").split("/").pop() as string;
    const page = await caseworker.get(`/complaints/${complaintId}`);
    assert.equal(page.status, 200);
    assert.match(page.text, /Complaint C-0001/);
    assert.match(page.text, /30 November 2026 \(5 working days\)/);
    assert.match(page.text, /Overdue<\/strong> 5 working days late/);
    assert.ok(page.text.includes(childName));

    const overdue = await caseworker.get("/complaints?list=overdue");
    assert.match(overdue.text, /C-0001/);
    assert.match(overdue.text, /Overdue \(1\)/);
    assert.match((await caseworker.get("/complaints?list=due")).text, /Nothing is waiting for an answer/);
    const api = JSON.parse((await caseworker.get("/api/complaints?list=overdue")).text);
    assert.deepEqual(
      api.items.map((i: { reference: string; state: string; dueOn: string; workingDaysLate: number }) => [
        i.reference,
        i.state,
        i.dueOn,
        i.workingDaysLate,
      ]),
      [["C-0001", "overdue", "2026-11-30", 5]],
    );

    const audit = await readAs(app.db, system(), (trx) =>
      trx.selectFrom("audit_event").select(["action", "after"]).where("subject_id", "=", complaintId).orderBy("id").execute(),
    );
    assert.deepEqual(
      audit.map((a) => a.action),
      ["complaint.recorded", "complaint.viewed"],
      "the record and the look are audited",
    );
    assert.ok(!JSON.stringify(audit).includes("Jo Parent"), "the audit row keeps no family's name");
  });

  test("strict forms: a field the form does not have is refused with 400, naming it, and nothing is saved", async () => {
    // Changes only: showing the page again with its errors audits the look at the complaint, as any view does.
    const changes = () =>
      readAs(app.db, system(), async (trx) =>
        Number(
          (
            await trx
              .selectFrom("audit_event")
              .select((eb) => eb.fn.countAll<string>().as("n"))
              .where("action", "!=", "complaint.viewed")
              .executeTakeFirstOrThrow()
          ).n,
        ),
      );
    const before = { changes: await changes(), complaints: await count("complaint"), stages: await count("complaint_stage") };
    const named = /The form sent a field it does not have: (council_id|number|learning_action_id|state|responded_on)/;
    const pages = [
      await form([...complaint(), ["themes", "delay"], ["council_id", "00000000-0000-4000-8000-000000000000"]]),
      await form([...complaint(), ["themes", "delay"], ["number", "1"]]),
      await caseworker.post(`/complaints/${complaintId}/response`, {
        _csrf: csrf,
        "respondedOn-day": "2",
        "respondedOn-month": "12",
        "respondedOn-year": "2026",
        outcome: "upheld",
        state: "answeredInTime",
      }),
      await caseworker.post(`/complaints/${complaintId}/escalation`, { _csrf: csrf, targetWorkingDays: "20", responded_on: "2026-12-01" }),
      await caseworker.post(`/complaints/${complaintId}/learning`, { _csrf: csrf, learning: "Call back sooner.", learning_action_id: otherActionId }),
    ];
    for (const page of pages) {
      assert.equal(page.status, 400);
      assert.match(page.text, named);
    }
    const api = (path: string, payload: unknown) =>
      caseworker.request("POST", path, JSON.stringify(payload), { "content-type": "application/json", "x-csrf-token": csrf });
    const created = await api("/api/complaints", {
      kind: "enquiry",
      fromType: "mp",
      fromName: "An MP",
      channel: "email",
      receivedOn: "2026-12-01",
      themes: ["delay"],
      summary: "When?",
      council_id: "forged",
    });
    assert.equal(created.status, 400);
    assert.match(created.text, /does not have: council_id/);
    const answered = await api(`/api/complaints/${complaintId}/response`, { respondedOn: "2026-12-02", outcome: "upheld", __proto__x: 1 });
    assert.equal(answered.status, 400);
    assert.match(answered.text, /does not have: __proto__x/);
    assert.deepEqual(
      { changes: await changes(), complaints: await count("complaint"), stages: await count("complaint_stage") },
      before,
      "nothing saved",
    );
    const stillOpen = JSON.parse((await caseworker.get(`/api/complaints/${complaintId}`)).text);
    assert.equal(stillOpen.stages.at(-1).respondedOn, null);
    assert.equal(stillOpen.learning, null);
  });

  test("answered late: off the overdue list, shown as answered late; a second answer is refused", async () => {
    const bad = await caseworker.post(`/complaints/${complaintId}/response`, {
      _csrf: csrf,
      "respondedOn-day": "20",
      "respondedOn-month": "11",
      "respondedOn-year": "2026",
      outcome: "answered",
    });
    assert.equal(bad.status, 400);
    assert.match(bad.text, /The date it was answered must be on or after 23 November 2026/);
    assert.match(bad.text, /Select the outcome/, "an enquiry's outcome is not a complaint's");
    const answered = await caseworker.post(`/complaints/${complaintId}/response`, {
      _csrf: csrf,
      "respondedOn-day": "2",
      "respondedOn-month": "12",
      "respondedOn-year": "2026",
      outcome: "partlyUpheld",
      response: "Apologised; the draft was sent.",
    });
    assert.equal(answered.status, 303);
    assert.match((await caseworker.get("/complaints?list=overdue")).text, /Nothing is overdue/);
    const done = await caseworker.get("/complaints?list=answered");
    assert.match(done.text, /Answered late<\/strong> 2 working days late/);
    const again = await caseworker.post(`/complaints/${complaintId}/response`, {
      _csrf: csrf,
      "respondedOn-day": "3",
      "respondedOn-month": "12",
      "respondedOn-year": "2026",
      outcome: "upheld",
    });
    assert.equal(again.status, 400);
    assert.match(again.text, /This stage has been answered already/);
  });

  test("taken to stage 2 with its own target; the learning fed into an action of the council's plan only", async () => {
    const escalated = await caseworker.post(`/complaints/${complaintId}/escalation`, {
      _csrf: csrf,
      // The same day the first stage was answered: the worklists must still show only the open stage.
      "openedOn-day": "2",
      "openedOn-month": "12",
      "openedOn-year": "2026",
      targetWorkingDays: "20",
    });
    assert.equal(escalated.status, 303);
    const page = await caseworker.get(`/complaints/${complaintId}`);
    assert.match(page.text, /Stage 2/);
    // 20 working days from Wednesday 2 December: Christmas Day, Monday 28 December (for Boxing Day) and New Year's Day not counted.
    assert.ok(page.text.includes("4 January 2027 (20 working days)"), "stage 2's last day");
    assert.match((await caseworker.get("/complaints?list=due")).text, /C-0001/);
    assert.ok(!(await caseworker.get("/complaints?list=answered")).text.includes("C-0001"), "its latest stage is open: not on the answered list");

    const action = await readAs(app.db, system(), (trx) =>
      trx.selectFrom("plan_action").select(["id", "number"]).orderBy("number").executeTakeFirstOrThrow(),
    );
    const forged = await caseworker.post(`/complaints/${complaintId}/learning`, {
      _csrf: csrf,
      learning: "Send drafts on time",
      actionId: otherActionId,
    });
    assert.equal(forged.status, 400);
    assert.match(forged.text, /Select an action from the list/);
    const linked = await caseworker.post(`/complaints/${complaintId}/learning`, {
      _csrf: csrf,
      learning: "Send drafts on time",
      actionId: action.id,
    });
    assert.equal(linked.status, 303);
    assert.match(
      (await caseworker.get(`/complaints/${complaintId}`)).text,
      new RegExp(`Learning fed into action ${action.number.replace(".", "\\.")}`),
    );
    const json = JSON.parse((await caseworker.get(`/api/complaints/${complaintId}`)).text);
    assert.equal(json.learningActionId, action.id);
    assert.deepEqual(
      json.stages.map((s: { stage: string; state: string }) => [s.stage, s.state]),
      [
        ["stage1", "answeredLate"],
        ["stage2", "due"],
      ],
    );
  });

  test("answered and taken to stage 2 on the day it came in: the worklists show its open stage once", async () => {
    const person = await readAs(app.db, system(), (trx) =>
      trx.selectFrom("app_user").select("id").where("email", "=", email("caseworker")).executeTakeFirstOrThrow(),
    );
    const worker = { id: person.id, councilId, roles: ["caseworker" as const] };
    const { id } = await app.complaints.record(worker, {
      kind: "complaint",
      fromType: "councillor",
      fromName: "Cllr Same Day",
      channel: "email",
      receivedOn: "2026-12-01",
      themes: ["provision"],
      summary: "Asked the same day for a review.",
    });
    await app.complaints.respond(worker, id, { respondedOn: "2026-12-01", outcome: "notUpheld" });
    await app.complaints.escalate(worker, id, { openedOn: "2026-12-01", targetWorkingDays: "20" });
    const due = await app.complaints.worklist(worker, "due");
    assert.deepEqual(
      due.items.filter((i) => i.id === id).map((i) => i.stage),
      ["stage2"],
    );
    const answered = await app.complaints.worklist(worker, "answered");
    assert.equal(answered.items.filter((i) => i.id === id).length, 0, "not on the answered list");
  });

  test("the API records with camelCase and names each bad field", async () => {
    const apiCsrf = await caseworker.csrfFrom("/complaints/new");
    const headers = { "content-type": "application/json", "x-csrf-token": apiCsrf };
    const bad = await caseworker.request("POST", "/api/complaints", JSON.stringify({ kind: "enquiry", receivedOn: "2026-13-01" }), headers);
    assert.equal(bad.status, 400);
    const fields = JSON.parse(bad.text).errors.map((e: { field: string }) => e.field);
    assert.ok(fields.includes("receivedOn") && fields.includes("themes"), fields.join());
    const made = await caseworker.request(
      "POST",
      "/api/complaints",
      JSON.stringify({
        kind: "enquiry",
        fromType: "mp",
        fromName: "A Member of Parliament",
        channel: "email",
        receivedOn: "2026-12-04",
        themes: ["communication"],
        summary: "Asked when the family will hear.",
      }),
      headers,
    );
    assert.equal(made.status, 201, made.text);
    const body = JSON.parse(made.text);
    assert.equal(body.reference, "C-0003");
    assert.deepEqual([body.stages[0].stage, body.stages[0].dueOn], ["enquiry", "2026-12-11"]);
    // Every field given is in the OpenAPI document, and every field it requires is given.
    const openapi = JSON.parse((await caseworker.get("/api/openapi.json")).text);
    const schema = openapi.paths["/api/complaints"].post.responses["201"].content["application/json"].schema;
    assert.deepEqual(
      Object.keys(body).filter((k) => !(k in schema.properties)),
      [],
    );
    assert.deepEqual(
      schema.required.filter((k: string) => !(k in body)),
      [],
    );
    const stageKeys = Object.keys(schema.properties.stages.items.properties).sort();
    assert.deepEqual(Object.keys(body.stages[0]).sort(), stageKeys);
    const list = JSON.parse((await caseworker.get("/api/complaints?list=due")).text);
    const itemSchema = openapi.paths["/api/complaints"].get.responses["200"].content["application/json"].schema.properties.items.items;
    assert.deepEqual(Object.keys(list.items[0]).sort(), Object.keys(itemSchema.properties).sort());
    const measures = JSON.parse((await caseworker.get("/api/quality/measures")).text);
    const figureSchema = openapi.paths["/api/quality/measures"].get.responses["200"].content["application/json"].schema.properties.measures.items;
    for (const m of measures.measures)
      assert.deepEqual(
        Object.keys(m).filter((k) => !(k in figureSchema.properties)),
        [],
        m.id,
      );
  });

  test("another council's complaint is not found; only those who handle casework see complaints", async () => {
    assert.equal((await caseworker.get(`/complaints/${otherComplaintId}`)).status, 404);
    assert.equal((await caseworker.get(`/api/complaints/${otherComplaintId}`)).status, 404);
    const respond = await caseworker.post(`/complaints/${otherComplaintId}/response`, {
      _csrf: csrf,
      "respondedOn-day": "2",
      "respondedOn-month": "12",
      "respondedOn-year": "2026",
      outcome: "upheld",
    });
    assert.equal(respond.status, 404);
    const lead = app.client();
    await lead.signIn(email("improvement_lead"));
    assert.equal((await lead.get("/complaints")).status, 403);
    assert.equal((await lead.get(`/complaints/${complaintId}`)).status, 403);
    assert.equal((await lead.get("/quality/measures")).status, 200, "figures, no names");
    const board = app.client();
    await board.signIn(email("board_member"));
    assert.equal((await board.get("/quality/measures")).status, 403);
  });

  test("the quality measures: a plan's success measure binds to complaints answered in target", async () => {
    const figures = JSON.parse((await caseworker.get("/api/quality/measures")).text);
    const inTime = figures.measures.find((m: { id: string }) => m.id === "contactsAnsweredInTime");
    assert.equal(inTime.text, "50% (1 of 2)", "C-0001 answered late; the same-day one answered in time (its stage 2 not yet due)");
    assert.equal(figures.series.length, 12);
    assert.equal(figures.measures.find((m: { id: string }) => m.id === "complaintsReceived").value, 2, "two complaints; the enquiry not counted");
    assert.equal((await caseworker.get("/api/quality/measures?from=2026-02-30&to=2026-03-01")).status, 400);
    assert.deepEqual(figures.complaintsByTheme, [
      { theme: "communication", received: 1, upheld: 1 },
      { theme: "delay", received: 1, upheld: 1 },
      { theme: "provision", received: 1, upheld: 0 },
    ]);
    const schema = JSON.parse((await caseworker.get("/api/openapi.json")).text).paths["/api/quality/measures"].get.responses["200"].content[
      "application/json"
    ].schema;
    assert.deepEqual(Object.keys(figures).sort(), Object.keys(schema.properties).sort());
    assert.match((await caseworker.get("/quality/measures")).text, /Complaints by theme/);
    // By theme and by outcome, month by month: each a measure of its own (issue 18 part 4).
    const monthly = (id: string) =>
      figures.series.map((s: { measures: { id: string; value: number }[] }) => s.measures.find((m) => m.id === id)?.value);
    assert.equal(monthly("complaintThemeDelay").length, 12);
    assert.equal(
      monthly("complaintThemeDelay").reduce((a: number, b: number) => a + b, 0),
      1,
    );
    assert.equal(figures.measures.find((m: { id: string }) => m.id === "complaintOutcomePartlyUpheld").value, 1);
    const page = (await caseworker.get("/quality/measures")).text;
    assert.match(page, /Complaints received by theme, month by month/);
    assert.match(page, /Complaint stages answered by outcome, month by month/);

    const lead = app.client();
    await lead.signIn(email("improvement_lead"));
    const action = await readAs(app.db, system(), (trx) => trx.selectFrom("plan_action").select("id").orderBy("number").executeTakeFirstOrThrow());
    const leadCsrf = await lead.csrfFrom(`/actions/${action.id}/measures`);
    assert.match((await lead.get(`/actions/${action.id}/measures`)).text, /Enquiries and complaints answered within target \(%\)/);
    const bound = await lead.post(`/actions/${action.id}/measures`, {
      _csrf: leadCsrf,
      measureId: "contactsAnsweredInTime",
      targetValue: "100",
      targetDate: "2027-03-31",
    });
    assert.equal(bound.status, 303, bound.text.slice(0, 500));
    const json = JSON.parse((await lead.get(`/api/actions/${action.id}/measures`)).text);
    const link = json.measures.find((l: { measureId: string }) => l.measureId === "contactsAnsweredInTime");
    // The live figure is the 12 months to today: the same-day stage 1, due tomorrow, is not in it yet.
    assert.deepEqual([link.actual, link.numerator, link.denominator], [0, 0, 1]);
    assert.match(link.sentence, /the measure is 0% against a target of 100% by 31 March 2027/i);
    const byTheme = await lead.post(`/actions/${action.id}/measures`, {
      _csrf: leadCsrf,
      measureId: "complaintThemeDelay",
      targetValue: "0",
      targetDate: "2027-03-31",
    });
    assert.equal(byTheme.status, 303, byTheme.text.slice(0, 500));
    const themed = JSON.parse((await lead.get(`/api/actions/${action.id}/measures`)).text).measures.find(
      (l: { measureId: string }) => l.measureId === "complaintThemeDelay",
    );
    assert.equal(themed.title, "Complaints about delay or timeliness");
    assert.equal(themed.actual, 1);
  });
});
