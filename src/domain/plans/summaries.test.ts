import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { FIVE_LEVEL, FOUR_STATE, RAG_BLUE } from "./schemes.ts";
import { committeeSentence, roundedPercent, summarise, wsoaTable } from "./summaries.ts";

function repeat(code: string | undefined, times: number): (string | undefined)[] {
  return Array.from({ length: times }, () => code);
}

describe("roundedPercent: nearest whole percent, halves up", () => {
  // [count, total, percent]
  const rows: [number, number, number][] = [
    [32, 86, 37], // 37.21
    [39, 86, 45], // 45.35
    [15, 86, 17], // 17.44
    [1, 8, 13], // 12.5 rounds up
    [1, 200, 1], // 0.5 rounds up
    [1, 201, 0], // 0.497
    [0, 86, 0],
    [86, 86, 100],
    [2, 3, 67],
    [1, 3, 33],
    [3, 0, 0],
  ];
  for (const [count, total, percent] of rows) {
    test(`${count} of ${total} is ${percent}%`, () => assert.equal(roundedPercent(count, total), percent));
  }

  test("is never more than half a percent from the true value (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100000 }), fc.nat(), (total, n) => {
        const count = n % (total + 1);
        const exact = (100 * count) / total;
        const rounded = roundedPercent(count, total);
        assert.ok(Math.abs(rounded - exact) <= 0.5 + 1e-9, `${count}/${total}: ${rounded} vs ${exact}`);
      }),
    );
  });
});

describe("summarise and committeeSentence", () => {
  // Southend, People Scrutiny Committee 15 March 2022, cover report 4.3.1: "Approximately 38% (32)
  // ... implemented in full, 46% (39) ... on track, 16% of the actions (15) ... yet to be
  // finalised in terms of timelines, 0% (0) are red".
  //
  // The printed counts (32 + 39 + 15 = 86) cannot give the printed percentages by any rounding
  // to the nearest: 32, 39 and 15 of 86 are 37.2%, 45.3% and 17.4%; "16%" of 86 is 13.8 actions.
  // The paper's figures are what you get by rounding the first two UP (38, 46) and making the last
  // up to 100 (16), which understates "to be finalised" by 1.4 points; or exactly what 32, 39 and
  // 14 of 85 give to the nearest (37.6, 45.9, 16.5), i.e. one action counted twice in "(15)".
  // Either way we print what the counts give, nearest whole percent, and say when the sum is 99.
  test("Southend's counts as printed (86 actions): the honest percentages, with a rounding note", () => {
    const codes = [...repeat("completed", 32), ...repeat("on-track", 39), ...repeat("dates-tbc", 15)];
    const summary = summarise(FOUR_STATE, codes);
    assert.equal(summary.total, 86);
    assert.deepEqual(
      summary.rows.map((r) => [r.code, r.count, r.percent]),
      [
        ["completed", 32, 37],
        ["on-track", 39, 45],
        ["dates-tbc", 15, 17],
        ["limited-progress", 0, 0],
      ],
    );
    assert.equal(summary.percentSum, 99);
    assert.equal(summary.roundingNote, "Percentages are rounded to the nearest whole number, so they add up to 99%, not 100%.");
    assert.equal(
      committeeSentence(summary),
      "37% (32) of the actions implemented in full, 45% (39) on track, 17% (15) timelines to be finalised, 0% (0) red",
    );
  });

  test("the counts behind the paper's percentages (32, 39, 14 of 85) reproduce 38%, 46%, 16%, 0%", () => {
    const codes = [...repeat("completed", 32), ...repeat("on-track", 39), ...repeat("dates-tbc", 14)];
    const summary = summarise(FOUR_STATE, codes);
    assert.deepEqual(
      summary.rows.map((r) => r.percent),
      [38, 46, 16, 0],
    );
    assert.equal(summary.percentSum, 100);
    assert.equal(summary.roundingNote, undefined);
    assert.equal(
      committeeSentence(summary),
      "38% (32) of the actions implemented in full, 46% (39) on track, 16% (14) timelines to be finalised, 0% (0) red",
    );
  });

  test("actions with no update are counted as not yet rated, in a row of their own", () => {
    const summary = summarise(RAG_BLUE, ["green", "green", undefined, "blue"]);
    assert.deepEqual(
      summary.rows.map((r) => [r.code, r.label, r.count, r.percent]),
      [
        ["red", "Red", 0, 0],
        ["amber", "Amber", 0, 0],
        ["green", "Green", 2, 50],
        ["blue", "Blue", 1, 25],
        ["not-yet-rated", "Not yet rated", 1, 25],
      ],
    );
    assert.equal(committeeSentence(summary), "0% (0) of the actions red, 0% (0) amber, 50% (2) green, 25% (1) delivered, 25% (1) not yet rated");
  });

  test("no 'not yet rated' row when every action is rated", () => {
    assert.ok(!summarise(RAG_BLUE, ["green"]).rows.some((r) => r.code === "not-yet-rated"));
  });

  test("a code the scheme does not have is counted, not hidden", () => {
    const summary = summarise(RAG_BLUE, ["green", "purple"]);
    assert.deepEqual(summary.rows.at(-1), {
      code: "unrecognised",
      label: "Status not in this scheme",
      phrase: "with a status not in this scheme",
      colour: "none",
      count: 1,
      percent: 50,
      percentText: "50%",
    });
  });

  test("one red action in 300 is 'less than 1%', never '0%'", () => {
    const summary = summarise(FOUR_STATE, [...repeat("on-track", 299), "limited-progress"]);
    const red = summary.rows.find((r) => r.code === "limited-progress");
    assert.equal(red?.percent, 0);
    assert.equal(red?.percentText, "less than 1%");
    const onTrack = summary.rows.find((r) => r.code === "on-track");
    assert.equal(onTrack?.percentText, "more than 99%");
    assert.equal(
      committeeSentence(summary),
      "0% (0) of the actions implemented in full, more than 99% (299) on track, 0% (0) timelines to be finalised, less than 1% (1) red",
    );
  });

  test("no actions", () => {
    const summary = summarise(FOUR_STATE, []);
    assert.equal(summary.total, 0);
    assert.ok(summary.rows.every((r) => r.count === 0 && r.percent === 0));
    assert.equal(summary.roundingNote, undefined);
    assert.equal(committeeSentence(summary), "There are no actions to summarise");
  });

  test("one action", () => {
    assert.equal(committeeSentence(summarise(RAG_BLUE, ["blue"])), "0% (0) of the action red, 0% (0) amber, 0% (0) green, 100% (1) delivered");
  });

  test("counts always add up to the total, and the note appears exactly when percentages do not add to 100 (property)", () => {
    const code = fc.constantFrom("completed", "on-track", "limited-progress", "dates-tbc", undefined, "other");
    fc.assert(
      fc.property(fc.array(code, { maxLength: 400 }), (codes) => {
        const summary = summarise(FOUR_STATE, codes);
        assert.equal(
          summary.rows.reduce((n, r) => n + r.count, 0),
          codes.length,
        );
        assert.equal(summary.roundingNote !== undefined, codes.length > 0 && summary.percentSum !== 100);
      }),
    );
  });
});

describe("wsoaTable", () => {
  test("Thurrock's RAG summary: initial, previous quarter, current, totals and direction of travel", () => {
    const table = wsoaTable(FIVE_LEVEL, [
      { initial: "red", previous: "amber", current: "light-green" }, // improved
      { initial: "red", previous: "red", current: "red" }, // unchanged
      { initial: "amber", previous: "light-green", current: "amber" }, // worse
      { initial: "amber", previous: "light-green", current: "completed" }, // improved
      { initial: undefined, previous: undefined, current: "amber" }, // new
    ]);
    assert.deepEqual(
      table.rows.map((r) => [r.label, r.initial, r.previous, r.current, r.changeSincePrevious]),
      [
        ["Red", 2, 1, 1, 0],
        ["Amber", 2, 1, 2, 1],
        ["Light green", 0, 2, 1, -1],
        ["Green", 0, 0, 0, 0],
        ["Completed", 0, 0, 1, 1],
        ["Not yet rated", 1, 1, 0, -1],
      ],
    );
    assert.deepEqual(table.totals, { initial: 5, previous: 5, current: 5 });
    assert.deepEqual(table.direction, { improved: 2, worse: 1, unchanged: 1, new: 1 });
  });

  test("columns add up to the totals, and every action has one direction (property)", () => {
    const code = fc.option(fc.constantFrom(...FIVE_LEVEL.statuses.map((s) => s.code), "x"), { nil: undefined });
    fc.assert(
      fc.property(fc.array(fc.record({ initial: code, previous: code, current: code }), { maxLength: 60 }), (actions) => {
        const table = wsoaTable(FIVE_LEVEL, actions);
        for (const column of ["initial", "previous", "current"] as const) {
          assert.equal(
            table.rows.reduce((n, r) => n + r[column], 0),
            table.totals[column],
          );
        }
        assert.equal(
          Object.values(table.direction).reduce((a, b) => a + b, 0),
          actions.length,
        );
      }),
    );
  });

  test("no actions: empty columns, no extra rows", () => {
    const table = wsoaTable(FIVE_LEVEL, []);
    assert.equal(table.rows.length, 5);
    assert.deepEqual(table.totals, { initial: 0, previous: 0, current: 0 });
  });
});
