// Who gets a feedback survey (issue 18 part 2) and what a plan audit may show (part 1). Pure.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { CaseRecord } from "../cases/types.ts";
import { planForAudit } from "./audit-plan.ts";
import { answerLabels, DEFAULT_QUESTIONS_FOR, SURVEY_RESPONDENTS, surveyRecipients } from "./survey.ts";

describe("survey recipients and questions", () => {
  test("a parent with parental responsibility, the young person themself and the setting, each with an email", () => {
    assert.deepEqual(
      surveyRecipients([
        { relationship: "Grandmother", email: "gran@example.org" },
        { relationship: "Mother", email: "mum@example.org", parentalResponsibility: true },
        { relationship: "Self", email: "me@example.org" },
        { relationship: "SENCo at Oak Primary School", email: "senco@oak.example" },
        { relationship: "Father", parentalResponsibility: true },
      ]),
      [
        { respondent: "parentCarer", email: "mum@example.org" },
        { respondent: "youngPerson", email: "me@example.org" },
        { respondent: "setting", email: "senco@oak.example" },
      ],
    );
    assert.deepEqual(surveyRecipients([{ relationship: "Young person" }, { relationship: "School" }]), [], "no email, no survey");
    assert.deepEqual(
      surveyRecipients([{ relationship: "Schoolteacher's partner", email: "x@example.org" }]),
      [],
      "a word inside another word does not make a setting",
    );
  });

  test("each kind has its own default questions; young people answer yes, not sure or no", () => {
    for (const kind of SURVEY_RESPONDENTS) assert.equal(DEFAULT_QUESTIONS_FOR[kind].length, 5, kind);
    assert.equal(DEFAULT_QUESTIONS_FOR.youngPerson[0]?.text, "People listened to me");
    assert.deepEqual(Object.values(answerLabels("youngPerson")), ["Yes", "Not sure", "No"]);
    assert.equal(answerLabels("setting").neither, "Neither agree nor disagree");
  });
});

describe("the plan an audit shows", () => {
  test("the plan's needs, history and current setting; nothing that identifies the family", () => {
    const record = {
      child: {
        id: "c",
        firstName: "Ada",
        lastName: "Ash",
        dateOfBirth: "2015-04-01",
        sex: "F",
        ethnicity: "WBRI",
        postcode: "SS1 1AA",
        upn: "A123456789012",
        needs: [
          { code: "SLCN", rank: 2 },
          { code: "ASD", rank: 1 },
        ],
        contacts: [{ name: "Mum", relationship: "Mother", email: "mum@example.org" }],
        caseworker: { id: "w", name: "Chris" },
      },
      requests: [
        {
          id: "r1",
          received: "2025-01-06",
          requestedBy: "parent",
          decision: { date: "2025-02-10", outcome: "assess" },
          adviceRequests: [{ service: "educationalPsychology", received: "2025-02-11", returned: "2025-03-20", headOfInstitution: false }],
          draftServed: "2025-04-14",
          finalPlanIssued: "2025-05-19",
          exceptions: [],
        },
      ],
      plans: [{ id: "p1", made: "2025-05-19", requestId: "r1", versions: [{ issued: "2025-05-19", kind: "final" }] }],
      reviews: [{ id: "v1", meeting: "2026-05-01", decision: { date: "2026-05-10", outcome: "maintain" } }],
      placements: [
        {
          id: "s1",
          settingName: "Oak Primary",
          settingType: "MSS",
          outOfAuthority: false,
          residential: false,
          independent: false,
          start: "2019-09-01",
        },
      ],
    } as unknown as CaseRecord;
    const plan = planForAudit(record, "2026-11-20");
    assert.equal(plan.childName, "Ada Ash");
    assert.match(plan.needs[0] ?? "", /\(primary\)$/);
    assert.equal(plan.request?.finalPlanIssued, "2025-05-19");
    assert.equal(plan.request?.advice[0]?.returned, "2025-03-20");
    assert.deepEqual(plan.plan?.versions, [{ issued: "2025-05-19", kind: "Final plan" }]);
    assert.deepEqual(plan.reviews, [{ meeting: "2026-05-01", decided: "2026-05-10", outcome: "maintain" }]);
    assert.equal(plan.setting?.name, "Oak Primary");
    const shown = JSON.stringify(plan);
    for (const secret of ["SS1 1AA", "A123456789012", "mum@example.org", "Mother"]) assert.ok(!shown.includes(secret), secret);
  });
});
