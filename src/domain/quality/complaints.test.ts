// The response target of enquiries and complaints (issue 18 part 3): N working days after the day
// it came in, weekends and England and Wales bank holidays not counted; and the quality measures
// made from complaints, audits and families' answers, with fewer than five families withheld.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { englandAndWalesCalendar } from "../bank-holidays.ts";
import { nextStage, responseDue, stageState, workingDaysLate } from "./complaints.ts";
import {
  complaintsByThemeAndOutcome,
  figureText,
  QUALITY_MEASURE_IDS,
  QUALITY_MEASURES,
  type QualityRows,
  qualityFigures,
  qualitySeries,
} from "./measures.ts";

const calendar = englandAndWalesCalendar();

describe("the response target in working days", () => {
  test("the day it came in is not counted; weekends are skipped", () => {
    assert.equal(responseDue("2026-03-02", 5, calendar), "2026-03-09", "Monday in, the next Monday due");
    assert.equal(responseDue("2026-03-06", 5, calendar), "2026-03-13", "Friday in: Monday to Friday");
    assert.equal(responseDue("2026-03-07", 5, calendar), "2026-03-13", "a Saturday counts from the Monday");
    assert.equal(responseDue("2026-03-06", 1, calendar), "2026-03-09", "one working day after a Friday is the Monday");
  });

  test("bank holidays are not working days", () => {
    // Good Friday 3 April and Easter Monday 6 April 2026.
    assert.equal(responseDue("2026-04-01", 5, calendar), "2026-04-10");
    // Christmas 2026: Boxing Day is a Saturday, so Monday 28 December is the holiday; then New Year's Day.
    assert.equal(responseDue("2026-12-23", 5, calendar), "2027-01-04");
    // A stage 2 target of 20 working days over the late May bank holiday (25 May 2026).
    assert.equal(responseDue("2026-05-18", 20, calendar), "2026-06-16");
  });

  test("due, overdue, answered in time or late; working days late", () => {
    const stage = { dueOn: "2026-03-09", respondedOn: null };
    assert.equal(stageState(stage, "2026-03-09"), "due", "due today is not overdue");
    assert.equal(stageState(stage, "2026-03-10"), "overdue");
    assert.equal(workingDaysLate(stage, "2026-03-16", calendar), 5, "Tuesday 10 to Monday 16: five working days");
    assert.equal(stageState({ ...stage, respondedOn: "2026-03-09" }, "2026-04-01"), "answeredInTime");
    assert.equal(stageState({ ...stage, respondedOn: "2026-03-11" }, "2026-04-01"), "answeredLate");
    assert.equal(workingDaysLate({ ...stage, respondedOn: "2026-03-11" }, "2026-04-01", calendar), 2);
    assert.equal(workingDaysLate({ dueOn: "2026-04-02", respondedOn: "2026-04-07" }, "2026-05-01", calendar), 1, "Easter is not counted");
  });

  test("a complaint goes stage 1, stage 2, the Ombudsman; an enquiry has one stage", () => {
    assert.equal(nextStage("stage1"), "stage2");
    assert.equal(nextStage("stage2"), "ombudsman");
    assert.equal(nextStage("ombudsman"), null);
    assert.equal(nextStage("enquiry"), null);
  });
});

describe("the quality measures", () => {
  const year = { from: "2026-01-01", to: "2026-12-31", label: "2026" };
  const stage = (over: Partial<QualityRows["stages"][number]>): QualityRows["stages"][number] => ({
    kind: "complaint",
    stage: "stage1",
    openedOn: "2026-03-02",
    dueOn: "2026-03-09",
    respondedOn: "2026-03-09",
    outcome: "notUpheld",
    ...over,
  });
  const rows: QualityRows = {
    audits: [
      { agreedOn: "2026-02-10", goodOrBetter: true },
      { agreedOn: "2026-05-10", goodOrBetter: false },
      { agreedOn: "2026-05-11", goodOrBetter: true },
      { agreedOn: "2025-12-31", goodOrBetter: false },
    ],
    answers: [
      { month: "2026-01-01", answered: 5, agreed: 4 },
      { month: "2026-02-01", answered: 5, agreed: 3 },
      { month: "2026-02-01", answered: 4, agreed: 4 },
      { month: "2026-03-01", answered: 5, agreed: 0 },
    ],
    stages: [
      stage({}),
      stage({ respondedOn: "2026-03-12", outcome: "upheld" }),
      stage({ kind: "enquiry", stage: "enquiry", respondedOn: "2026-03-05", outcome: "answered" }),
      // Still open: overdue once its last day has passed, not counted before.
      stage({ openedOn: "2026-11-20", dueOn: "2026-11-27", respondedOn: null, outcome: null }),
      stage({ openedOn: "2026-12-01", dueOn: "2026-12-08", respondedOn: null, outcome: null }),
      stage({ stage: "stage2", openedOn: "2026-03-20", dueOn: "2026-04-20", respondedOn: "2026-04-01", outcome: "partlyUpheld" }),
      stage({ respondedOn: "2026-03-06", outcome: "withdrawn" }),
    ],
  };
  const byId = (figures: ReturnType<typeof qualityFigures>) => Object.fromEntries(figures.map((f) => [f.id, f]));

  test("each figure counts what its definition says", () => {
    const f = byId(qualityFigures(rows, year, "2026-12-02"));
    assert.deepEqual([f.auditsGoodOrBetter?.numerator, f.auditsGoodOrBetter?.denominator, f.auditsGoodOrBetter?.value], [2, 3, 66.7]);
    // Due in 2026 and answered or past due on 2 December: all but the stage due on 8 December.
    assert.deepEqual([f.contactsAnsweredInTime?.numerator, f.contactsAnsweredInTime?.denominator], [4, 6]);
    assert.equal(f.complaintsReceived?.value, 5, "stage 1 complaints opened; not the enquiry, not stage 2");
    // Answered complaint stages with a finding: not upheld, upheld, partly upheld (withdrawn left out).
    assert.deepEqual([f.complaintsUpheld?.numerator, f.complaintsUpheld?.denominator], [2, 3]);
    assert.equal(f.familiesAgreed?.value, null, "four families answered: withheld");
    const later = byId(qualityFigures(rows, year, "2026-12-09"));
    assert.deepEqual([later.contactsAnsweredInTime?.numerator, later.contactsAnsweredInTime?.denominator], [4, 7], "now overdue, so counted as late");
  });

  test("fewer than five families' answers: the feedback figure is withheld", () => {
    const february = byId(qualityFigures(rows, { from: "2026-02-01", to: "2026-02-28", label: "February" }, "2026-12-01"));
    assert.equal(february.familiesAgreed?.value, null);
    assert.equal(february.familiesAgreed?.numerator, 0, "not even the count of agreeing answers");
    assert.match(figureText(february.familiesAgreed as never), /Fewer than 5 families answered/);
    const fiveFamilies = { ...rows, answers: [...rows.answers, { month: "2026-07-01", answered: 1, agreed: 1 }] };
    const shown = byId(qualityFigures(fiveFamilies, year, "2026-12-01")).familiesAgreed;
    assert.deepEqual([shown?.numerator, shown?.denominator, shown?.value], [12, 20, 60], "every answer to every question");
    assert.equal(figureText(shown as never), "60% (12 of 20)");
  });

  test("month by month, each month counted on its own", () => {
    const series = qualitySeries(rows, year, "2026-12-02");
    assert.equal(series.length, 12);
    const march = byId(series[2]?.values ?? []);
    assert.equal(march.complaintsReceived?.value, 3, "the stage 2 opened in March is not a new complaint");
    assert.equal(byId(series[1]?.values ?? []).auditsGoodOrBetter?.value, 100);
    assert.equal(figureText(byId(series[0]?.values ?? []).contactsAnsweredInTime as never), "Nothing to count");
  });

  test("complaints by theme (two themes count under both) and by outcome", () => {
    const themed: QualityRows = {
      ...rows,
      stages: [
        stage({ themes: ["communication", "delay"], outcome: "upheld" }),
        stage({ themes: ["delay"], outcome: "notUpheld" }),
        stage({ kind: "enquiry", stage: "enquiry", themes: ["transport"], outcome: "answered" }),
        stage({
          stage: "stage2",
          openedOn: "2026-04-01",
          dueOn: "2026-04-29",
          respondedOn: "2026-04-20",
          outcome: "partlyUpheld",
          themes: ["delay"],
        }),
      ],
    };
    const { byTheme, byOutcome } = complaintsByThemeAndOutcome(themed, year);
    assert.deepEqual(byTheme, [
      { theme: "communication", received: 1, upheld: 1 },
      { theme: "delay", received: 2, upheld: 1 },
    ]);
    assert.deepEqual(
      byOutcome.filter((o) => o.stages > 0),
      [
        { outcome: "upheld", stages: 1 },
        { outcome: "partlyUpheld", stages: 1 },
        { outcome: "notUpheld", stages: 1 },
      ],
    );
  });

  test("each theme and each outcome is a measure of its own, counted month by month", () => {
    const themed: QualityRows = {
      ...rows,
      stages: [
        stage({ openedOn: "2026-03-02", themes: ["communication", "delay"], respondedOn: "2026-03-06", outcome: "upheld" }),
        stage({ openedOn: "2026-03-03", themes: ["delay"], respondedOn: "2026-04-01", outcome: "notUpheld" }),
        stage({ kind: "enquiry", stage: "enquiry", openedOn: "2026-03-04", themes: ["transport"], outcome: "answered" }),
        stage({
          stage: "stage2",
          openedOn: "2026-04-02",
          dueOn: "2026-04-30",
          respondedOn: "2026-04-20",
          outcome: "partlyUpheld",
          themes: ["delay"],
        }),
        stage({ openedOn: "2026-05-05", themes: ["transport"], respondedOn: null, outcome: null }),
      ],
    };
    const series = qualitySeries(themed, year, "2026-12-02");
    const month = (m: number) => byId(series[m - 1]?.values ?? []);
    const counts = (m: number, ids: string[]) => ids.map((id) => month(m)[id]?.value);
    const themes = ["complaintThemeCommunication", "complaintThemeDelay", "complaintThemeTransport"];
    assert.deepEqual(counts(3, themes), [1, 2, 0], "March: two complaints, one about two themes; the enquiry is not a complaint");
    assert.deepEqual(counts(4, themes), [0, 0, 0], "a stage 2 is not a new complaint");
    assert.deepEqual(counts(5, themes), [0, 0, 1]);
    const outcomes = ["complaintOutcomeUpheld", "complaintOutcomePartlyUpheld", "complaintOutcomeNotUpheld", "complaintOutcomeWithdrawn"];
    assert.deepEqual(counts(3, outcomes), [1, 0, 0, 0], "by the month answered");
    assert.deepEqual(counts(4, outcomes), [0, 1, 1, 0], "stage 2's answer counts too");
    const whole = byId(qualityFigures(themed, year, "2026-12-02"));
    assert.equal(whole.complaintThemeDelay?.value, 2);
    assert.equal(figureText(whole.complaintOutcomeUpheld as never), "1");
    // Every measure has a definition a plan's success measure can be bound to, lower being better for themes and findings.
    for (const id of QUALITY_MEASURE_IDS) assert.ok(QUALITY_MEASURES[id].definition && QUALITY_MEASURES[id].title, id);
    assert.equal(QUALITY_MEASURES.complaintThemeDelay.title, "Complaints about delay or timeliness");
    assert.equal(QUALITY_MEASURES.complaintOutcomeUpheld.higherIsBetter, false);
  });
});
