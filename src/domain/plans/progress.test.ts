import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { IMPACT_LABELS, isImpactJudgement, percentAsAt, rollUp } from "./progress.ts";

describe("percent complete roll-up", () => {
  test("each action weighs 1 unless given a weight", () => {
    assert.equal(
      rollUp([
        { percent: 100, weight: null },
        { percent: 0, weight: null },
      ]).percent,
      50,
    );
    // 100 x 3 + 0 x 1 over 4
    assert.equal(
      rollUp([
        { percent: 100, weight: 3 },
        { percent: 0, weight: null },
      ]).percent,
      75,
    );
  });

  test("actions without a percentage, or weighted 0, are left out and the words say so", () => {
    const result = rollUp([
      { percent: 40, weight: null },
      { percent: null, weight: 5 },
      { percent: 90, weight: 0 },
    ]);
    assert.deepEqual(result, { percent: 40, counted: 1, total: 3, text: "40% complete (1 of 3 actions with a percentage)" });
  });

  test("rounds to a whole number and says when every action counted", () => {
    assert.deepEqual(
      rollUp([
        { percent: 10, weight: 1 },
        { percent: 15, weight: 2 },
      ]),
      {
        percent: 13,
        counted: 2,
        total: 2,
        text: "13% complete (all 2 actions with a percentage)",
      },
    );
  });

  test("nothing to roll up is said in words, never 0%", () => {
    assert.equal(rollUp([]).text, "No actions");
    assert.deepEqual(rollUp([{ percent: null, weight: null }]), { percent: null, counted: 0, total: 1, text: "No percent complete given yet" });
  });
});

describe("an action's percent complete on a date", () => {
  const updates = [
    { date: "2026-01-10", sequence: 0, progress: 20 },
    { date: "2026-02-10", sequence: 0 },
    { date: "2026-03-10", sequence: 0, progress: 60 },
    { date: "2026-03-10", sequence: 1, progress: 65 },
  ];
  test("its own figure wins", () => assert.equal(percentAsAt(30, updates, "2026-03-31"), 30));
  test("otherwise the latest update's percentage by then", () => {
    assert.equal(percentAsAt(null, updates, "2026-02-28"), 20);
    assert.equal(percentAsAt(null, updates, "2026-03-31"), 65);
    assert.equal(percentAsAt(null, updates, "2026-01-01"), null);
  });
});

describe("impact judgements", () => {
  test("four, in words, and nothing else is one", () => {
    assert.deepEqual(Object.values(IMPACT_LABELS), ["Impact evidenced", "Impact emerging", "Too early to judge", "Not yet assessed"]);
    assert.equal(isImpactJudgement("emerging"), true);
    assert.equal(isImpactJudgement("on-track"), false);
    assert.equal(isImpactJudgement(undefined), false);
  });
});
