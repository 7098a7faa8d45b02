// The stepped forms' rules without a server: every field of a form is asked on exactly one page,
// and a post's controls are read strictly (issue 20).
import assert from "node:assert/strict";
import { test } from "node:test";
import { EVENT_KINDS } from "../../domain/cases/events.ts";
import { newCaseRecord } from "../../domain/cases/types.ts";
import { eventFields, eventSteps, newChildSteps } from "./cases.forms.ts";
import { answerRows, CHECK, hiddenAnswers, nextStep, previousStep, readStepPost, shownValues } from "./cases.steps.ts";

const record = newCaseRecord("case-1", {
  id: "child-1",
  firstName: "Amy",
  lastName: "Example",
  dateOfBirth: "2015-05-20",
  sex: "F",
  ethnicity: "WBRI",
  postcode: "",
  needs: [],
  caseworker: { id: "cw-1", name: "Chris" },
});
record.requests.push(
  { id: "r1", received: "2026-01-05", adviceRequests: [] } as never,
  { id: "r2", received: "2026-03-05", adviceRequests: [] } as never,
);
record.placements.push({
  id: "p1",
  settingName: "Hill Top",
  settingType: "mainstream",
  outOfAuthority: false,
  residential: false,
  independent: false,
  start: "2025-09-01",
});

test("a stepped event form asks every field of the one-page form, each on exactly one page", () => {
  let stepped = 0;
  for (const kind of EVENT_KINDS) {
    const steps = eventSteps(kind, record);
    if (!steps) continue;
    stepped++;
    const asked = steps.flatMap((s) => s.fields.map((f) => f.name));
    assert.deepEqual(
      [...asked].sort(),
      eventFields(kind, record)
        .map((f) => f.name)
        .sort(),
      kind,
    );
    assert.equal(new Set(asked).size, asked.length, `${kind}: a field asked twice`);
    assert.ok(
      steps.every((s) => s.fields.length > 0),
      `${kind}: an empty page`,
    );
  }
  assert.equal(stepped, 4, "the placement, the advice request, the parent or carer and the review meeting (its invitees) are stepped");
});

test("Add a child asks each field the rules read, once", () => {
  const asked = newChildSteps([{ id: "cw-1", display_name: "Chris" }]).flatMap((s) => s.fields.map((f) => f.name));
  const read = [
    "firstName",
    "lastName",
    "dateOfBirth",
    "sex",
    "ethnicity",
    "postcode",
    "upn",
    "uln",
    "nhsNumber",
    "primaryNeed",
    "secondaryNeed",
    "caseworker",
  ];
  assert.deepEqual([...asked].sort(), [...read].sort());
});

test("a post's controls: Continue, Back and Change, confirm; anything else is refused", () => {
  const steps = newChildSteps([{ id: "cw-1", display_name: "Chris" }]);
  assert.deepEqual(readStepPost({ step: "name", firstName: "A" }, steps).move, { kind: "continue" });
  assert.deepEqual(readStepPost({ step: "birth", go: "show:name" }, steps).move, { kind: "show", to: "name" });
  assert.deepEqual(readStepPost({ step: CHECK, go: "confirm" }, steps).move, { kind: "confirm" });
  // The whole form at once (no step) asks to save.
  const whole = readStepPost({ firstName: "A", "dateOfBirth-day": "2", "dateOfBirth-month": "3", "dateOfBirth-year": "2015" }, steps);
  assert.deepEqual([whole.from, whole.move, whole.problems], [CHECK, { kind: "confirm" }, []]);
  assert.equal(whole.values.dateOfBirth, "2015-03-02");
  for (const forged of [
    { step: "name", go: "show:nowhere" },
    { step: "nowhere" },
    { step: "name", go: "confirm" },
    { step: CHECK, go: "continue" },
    { step: ["name", "birth"] },
    { step: "name", go: ["continue", "confirm"] },
    { step: "name", sneaky: "x" },
  ]) {
    assert.ok(readStepPost(forged, steps).problems.length > 0, JSON.stringify(forged));
  }
  assert.match(readStepPost({ step: "name", sneaky: "x" }, steps).problems[0]?.message ?? "", /a field it does not have: sneaky/);
});

test("Continue and Back: in order, or back to the check answers page when changing an answer", () => {
  const steps = newChildSteps([]);
  assert.equal(nextStep(steps, "name", false), "birth");
  assert.equal(nextStep(steps, "caseworker", false), CHECK);
  assert.equal(nextStep(steps, "name", true), CHECK);
  assert.equal(previousStep(steps, "name", false), undefined);
  assert.equal(previousStep(steps, "birth", false), "name");
  assert.equal(previousStep(steps, "birth", true), CHECK);
  assert.equal(previousStep(steps, CHECK, false), "caseworker");
});

test("answers travel as hidden fields except the shown page's; dates show as their three boxes and in words", () => {
  const steps = newChildSteps([{ id: "cw-1", display_name: "Chris" }]);
  const values = { firstName: "Amy", lastName: "", dateOfBirth: "2015-03-02", sex: "F", caseworker: "cw-1" };
  assert.deepEqual(
    hiddenAnswers(steps, "name", values).map((h) => h.name),
    ["dateOfBirth", "sex", "caseworker"],
  );
  assert.deepEqual(shownValues(steps[1]?.fields ?? [], values), {
    ...values,
    "dateOfBirth-day": "2",
    "dateOfBirth-month": "3",
    "dateOfBirth-year": "2015",
  });
  // What was typed is shown as typed, even when it is no date.
  assert.equal(
    shownValues(steps[1]?.fields ?? [], values, { "dateOfBirth-day": "31", "dateOfBirth-month": "2", "dateOfBirth-year": "2015" })["dateOfBirth-day"],
    "31",
  );
  const rows = answerRows(steps, values).flatMap((s) => s.rows);
  assert.equal(rows.find((r) => r.name === "dateOfBirth")?.answer, "2 March 2015");
  assert.equal(rows.find((r) => r.name === "sex")?.answer, "Female");
  assert.equal(rows.find((r) => r.name === "caseworker")?.answer, "Chris");
  assert.equal(rows.find((r) => r.name === "lastName")?.answer, "Not given");
});
