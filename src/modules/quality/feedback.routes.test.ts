// Families' feedback over HTTP (issue 18 part 2): an annual review decided sends the family a survey
// through the outbox; they answer from the link without signing in; bad answers save nothing; the
// link works once; the answer is kept with no case; figures from fewer than five answers are withheld.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { addDays } from "../../domain/dates.ts";
import { startTestApp, type TestClient } from "../../platform/testing/test-app.ts";
import { readAs } from "../../platform/transaction.ts";
import { DEMO_USERS } from "../demo/demo.seed.ts";

const TODAY = "2026-11-20";
const email = (role: string) => DEMO_USERS.find((u) => u.roles.length === 1 && u.roles[0] === role)?.email as string;

describe("feedback from families", () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let manager: TestClient;
  let councilId: string;
  let token: string;
  let childName: string;

  before(async () => {
    app = await startTestApp({ today: () => TODAY, caseload: 10 });
    councilId = (await app.people.councilIdForCode("DEMO")) as string;
    manager = app.client();
    await manager.signIn(email("send_manager"));
  });
  after(async () => app.stop());

  const system = () => ({ councilId, userId: null });
  const count = (table: "survey_response" | "outbox_message") =>
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

  test("a review decided sends the family a survey link through the outbox, with no child named", async () => {
    const caseworkerId = await readAs(
      app.db,
      system(),
      async (trx) => (await trx.selectFrom("app_user").select("id").where("email", "=", email("caseworker")).executeTakeFirstOrThrow()).id,
    );
    const child = await readAs(app.db, system(), (trx) =>
      trx
        .selectFrom("child_case")
        .select(["id", "child_name", "record"])
        .where("has_plan", "=", true)
        .orderBy("child_name")
        .executeTakeFirstOrThrow(),
    );
    childName = child.child_name;
    const worker = { id: caseworkerId, councilId, roles: ["caseworker" as const] };
    await app.cases.recordEvent(worker, child.id, "reviewMeeting", { meeting: addDays(TODAY, -10) });
    await app.cases.recordEvent(worker, child.id, "reviewDecision", { date: addDays(TODAY, -3), outcome: "maintain" });
    const message = await readAs(app.db, system(), (trx) =>
      trx.selectFrom("outbox_message").select(["body", "recipient", "outside"]).where("kind", "=", "familySurvey").executeTakeFirstOrThrow(),
    );
    assert.equal(message.outside, true);
    assert.match(message.recipient, /@example\.org$/);
    const link = message.body.match(/\/feedback\/([A-Za-z0-9_-]{43})/);
    assert.ok(link?.[1], message.body);
    token = link[1];
    for (const part of childName.split(" ")) assert.ok(!message.body.includes(part), "the message names no child");
    assert.equal(await count("outbox_message"), 1, "one survey for the review, nothing else");
  });

  test("the family answers without an account; bad answers save nothing; the link works once", async () => {
    const family = app.client();
    const page = await family.get(`/feedback/${token}`);
    assert.equal(page.status, 200);
    assert.match(page.text, /I felt fully involved in the process/);
    assert.ok(!page.text.includes(childName), "the page names no child");

    const forged = await family.post("/feedback", { token, q1: "brilliant" });
    assert.equal(forged.status, 400);
    assert.match(forged.text, /Select agree, neither or disagree for “I felt fully involved in the process”/);
    const empty = await family.post("/feedback", { token });
    assert.equal(empty.status, 400);
    assert.match(empty.text, /Answer at least one question, or write a comment/);
    // Strict form (issue 12): a field the survey does not have is refused, naming it.
    const extra = await family.post("/feedback", { token, q1: "agree", case_id: "00000000-0000-4000-8000-000000000000" });
    assert.equal(extra.status, 400);
    assert.match(extra.text, /The form sent a field it does not have: case_id/);
    assert.equal(await count("survey_response"), 0, "nothing saved");

    const done = await family.post("/feedback", { token, q1: "agree", q2: "disagree", comment: "Kept informed throughout." });
    assert.equal(done.status, 200);
    assert.match(done.text, /Thank you/);
    const again = await family.post("/feedback", { token, q1: "disagree" });
    assert.equal(again.status, 404);
    assert.match(again.text, /This link cannot be used/);
    assert.equal((await family.get(`/feedback/${token}`)).status, 404);
    assert.equal((await family.get(`/feedback/${"A".repeat(43)}`)).status, 404);

    const [saved] = await readAs(app.db, system(), (trx) => trx.selectFrom("survey_response").selectAll().execute());
    assert.ok(saved);
    assert.deepEqual(
      Object.keys(saved).sort(),
      ["answered_month", "answers", "comment", "council_id", "id", "questions", "respondent", "stage"],
      "no case, no address",
    );
    assert.equal(saved.answered_month, "2026-11-01");
    assert.equal(saved.stage, "reviewHeld");
  });

  test("figures: withheld under five answers, then a percentage with its counts", async () => {
    const first = JSON.parse((await manager.get("/api/quality/feedback")).text);
    assert.equal(first.responses, 1);
    assert.equal(first.questions[0].agreed.suppressed, true);
    assert.equal(first.comments.suppressed, true);
    assert.ok(!(await manager.get("/quality/feedback")).text.includes("Kept informed throughout."));

    // Four more answers to the first question (three agree, one disagree), as families would give.
    await readAs(app.db, system(), async (trx) => {
      const { questions } = await trx.selectFrom("survey_response").select("questions").executeTakeFirstOrThrow();
      for (const answer of ["agree", "agree", "agree", "disagree"])
        await trx
          .insertInto("survey_response")
          .values({
            council_id: councilId,
            stage: "planIssued",
            answered_month: "2026-10-01",
            questions: JSON.stringify(questions),
            answers: JSON.stringify({ q1: answer }),
            comment: null,
          })
          .execute();
    });
    const results = JSON.parse((await manager.get("/api/quality/feedback")).text);
    assert.equal(results.questions[0].agreed.value.text, "80% (4 of 5)");
    assert.equal(results.questions[1].agreed.suppressed, true, "only one family answered the second question");
    assert.deepEqual(results.comments.value, ["Kept informed throughout."]);
    const page = await manager.get("/quality/feedback");
    assert.match(page.text, /80% \(4 of 5\)/);
    const byStage = JSON.parse((await manager.get("/api/quality/feedback?stage=planIssued")).text);
    assert.equal(byStage.questions[0].agreed.suppressed, true, "four answers after a plan was issued: withheld");
    assert.equal((await manager.get("/api/quality/feedback?stage=nonsense")).status, 400);
  });

  test("young people and settings get their own surveys (young people's in plain words); figures by kind, small groups withheld", async () => {
    const caseworkerId = await readAs(
      app.db,
      system(),
      async (trx) => (await trx.selectFrom("app_user").select("id").where("email", "=", email("caseworker")).executeTakeFirstOrThrow()).id,
    );
    const child = await readAs(app.db, system(), (trx) =>
      trx
        .selectFrom("child_case")
        .select(["id", "child_name"])
        .where("has_plan", "=", true)
        .orderBy("child_name")
        .offset(1)
        .executeTakeFirstOrThrow(),
    );
    const worker = { id: caseworkerId, councilId, roles: ["caseworker" as const] };
    await app.cases.recordEvent(worker, child.id, "contactAdded", { name: "Themself", relationship: "Self", email: "young.person@example.org" });
    await app.cases.recordEvent(worker, child.id, "contactAdded", {
      name: "Ms Reed",
      relationship: "SENCo at Oak School",
      email: "senco@oak.example",
    });
    await app.cases.recordEvent(worker, child.id, "reviewMeeting", { meeting: addDays(TODAY, -9) });
    await app.cases.recordEvent(worker, child.id, "reviewDecision", { date: addDays(TODAY, -2), outcome: "maintain" });
    const messages = await readAs(app.db, system(), (trx) =>
      trx.selectFrom("outbox_message").select(["kind", "body", "recipient"]).where("case_id", "=", child.id).execute(),
    );
    const young = messages.find((m) => m.kind === "youngPersonSurvey");
    const setting = messages.find((m) => m.kind === "settingSurvey");
    assert.equal(young?.recipient, "young.person@example.org");
    assert.equal(setting?.recipient, "senco@oak.example");
    for (const m of [young, setting]) for (const part of child.child_name.split(" ")) assert.ok(!m?.body.includes(part), "no child named");

    // The young person's page: plain words, the same three answers as yes, not sure and no.
    const youngToken = young?.body.match(/\/feedback\/([A-Za-z0-9_-]{43})/)?.[1] as string;
    const person = app.client();
    const page = await person.get(`/feedback/${youngToken}`);
    assert.equal(page.status, 200);
    assert.match(page.text, /Tell us what you think/);
    assert.match(page.text, /People listened to me/);
    assert.match(page.text, /Not sure/);
    assert.doesNotMatch(page.text, /Neither agree nor disagree/);
    assert.equal((await person.post("/feedback", { token: youngToken, q1: "agree", q3: "neither" })).status, 200);

    // One young person answered: their figures are withheld; the parents' and carers' are as they were.
    const results = JSON.parse((await manager.get("/api/quality/feedback")).text);
    const kind = (r: { byRespondent: { respondent: string }[] }, k: string) =>
      r.byRespondent.find((g) => g.respondent === k) as never as {
        responses: number;
        invites: { sent: number; answered: number };
        questions: { text: string; agreed: { suppressed: boolean; value?: { text: string } } }[];
      };
    assert.equal(results.respondent, "parentCarer");
    assert.equal(results.responses, 5, "parents' and carers' answers only at the top level");
    assert.equal(kind(results, "youngPerson").responses, 1);
    assert.equal(kind(results, "youngPerson").questions[0]?.agreed.suppressed, true);
    assert.deepEqual(kind(results, "setting").invites, { sent: 1, answered: 0 });
    // Four more young people agree with the first question: five in the group, so it is shown.
    await readAs(app.db, system(), async (trx) => {
      const { questions } = await trx
        .selectFrom("survey_response")
        .select("questions")
        .where("respondent", "=", "youngPerson")
        .executeTakeFirstOrThrow();
      for (let i = 0; i < 4; i++)
        await trx
          .insertInto("survey_response")
          .values({
            council_id: councilId,
            stage: "reviewHeld",
            respondent: "youngPerson",
            answered_month: "2026-11-01",
            questions: JSON.stringify(questions),
            answers: JSON.stringify({ q1: "agree" }),
            comment: null,
          })
          .execute();
    });
    const young5 = JSON.parse((await manager.get("/api/quality/feedback?respondent=youngPerson")).text);
    assert.equal(young5.respondent, "youngPerson");
    assert.equal(young5.questions[0].agreed.value.text, "100% (5 of 5)");
    assert.equal(young5.questions[2].agreed.suppressed, true, "one young person answered the third question");
    const shown = await manager.get("/quality/feedback");
    assert.match(shown.text, /Young people/);
    assert.match(shown.text, /100% \(5 of 5\)/);
    assert.match(shown.text, /Schools, colleges and settings/);
    assert.equal((await manager.get("/api/quality/feedback?respondent=nonsense")).status, 400);
    const measure = JSON.parse((await manager.get("/api/quality/measures")).text).measures.find((m: { id: string }) => m.id === "familiesAgreed");
    assert.equal(measure.denominator, 6, "families who agreed: parents' and carers' answers (1 + 1 + 4 questions), not young people's");
  });

  test("the council's questions: checked, saved, and who may", async () => {
    const csrf = await manager.csrfFrom("/quality/survey");
    const bad = await manager.post("/quality/survey", { _csrf: csrf, questions: "  \n " });
    assert.equal(bad.status, 400);
    assert.match(bad.text, /Enter between 1 and 12 questions/);
    const forged = await manager.post("/quality/survey", { _csrf: csrf, questions: "Forged question", council_id: "x" });
    assert.equal(forged.status, 400);
    assert.match(forged.text, /The form sent a field it does not have: council_id/);
    assert.doesNotMatch((await manager.get("/quality/survey")).text, /Forged question/, "nothing saved");
    assert.equal((await manager.post("/quality/survey", { _csrf: csrf, questions: "I was listened to\nThe plan was clear" })).status, 303);
    assert.match((await manager.get("/quality/survey")).text, /I was listened to/);
    const mine = await manager.post("/quality/survey", { _csrf: csrf, respondent: "youngPerson", questions: "Did people listen to you?" });
    assert.equal(mine.status, 303);
    const survey = (await manager.get("/quality/survey")).text;
    assert.match(survey, /Did people listen to you\?/);
    assert.match(survey, /We were asked for our advice/, "settings keep the default questions");
    const wrong = await manager.post("/quality/survey", { _csrf: csrf, respondent: "councillor", questions: "Mine" });
    assert.equal(wrong.status, 400);
    assert.match(wrong.text, /Choose whose questions to change/);
    const board = app.client();
    await board.signIn(email("board_member"));
    assert.equal((await board.get("/quality/feedback")).status, 403);
    const caseworker = app.client();
    await caseworker.signIn(email("caseworker"));
    const cwCsrf = await caseworker.csrfFrom("/quality/survey");
    assert.equal((await caseworker.post("/quality/survey", { _csrf: cwCsrf, questions: "Mine" })).status, 403);
  });
});
