import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { FIVE_LEVEL, FOUR_STATE, RAG_BLUE } from "../plans/schemes.ts";
import { colourOfFill, detectHeader, fieldForHeader, mapTables, parseUpdateDate, splitNumber, statusFromFill, statusFromText } from "./mapping.ts";
import type { Cell, Table } from "./table.ts";

const row = (...texts: string[]): Cell[] => texts.map((text) => ({ text }));
const options = { scheme: FIVE_LEVEL, planStart: "2019-07-25", updateDate: "2019-07-25" };

describe("column names", () => {
  it("knows the headers of Southend's and Thurrock's published tables", () => {
    assert.equal(fieldForHeader("Recommendation (short)"), "section");
    assert.equal(fieldForHeader("Summary actions (prom the implementation plan"), "action");
    assert.equal(fieldForHeader("Current commentary as of date in footer"), "update");
    assert.equal(fieldForHeader("Improvement Area"), "section");
    assert.equal(fieldForHeader("Success Measure(s)"), "successMeasures");
    assert.equal(fieldForHeader("Governance Forum"), "forum");
    assert.equal(fieldForHeader("RAG"), "status");
    assert.equal(fieldForHeader("Progress Update"), "update");
    assert.equal(fieldForHeader("Colour of the sky"), undefined);
  });

  it("finds the header below a caption, and treats No beside a section as its number", () => {
    const found = detectHeader([row("Title", "Title", "Title"), row("No", "Recommendation (short)", "Summary actions")]);
    assert.deepEqual(found, { index: 1, mapping: { sectionNumber: 0, section: 1, action: 2 } });
  });

  it("refuses a file with no recognisable header", () => {
    const result = mapTables([{ name: "Sheet1", rows: [row("Colour", "Shape"), row("red", "round")] }], options);
    assert.equal(result.ok, false);
    assert.match(result.ok ? "" : result.problem, /no header row was found/);
  });
});

describe("statuses", () => {
  it("maps words to the scheme", () => {
    assert.equal(statusFromText(FOUR_STATE, "Completed")?.code, "completed");
    assert.equal(statusFromText(FOUR_STATE, "On track")?.code, "on-track");
    assert.equal(statusFromText(FOUR_STATE, "delayed")?.code, "limited-progress");
    assert.equal(statusFromText(FIVE_LEVEL, "Light green")?.code, "light-green");
    assert.equal(statusFromText(FIVE_LEVEL, "done")?.code, "completed");
    assert.equal(statusFromText(RAG_BLUE, "Amber")?.code, "amber");
    assert.equal(statusFromText(RAG_BLUE, "sort of"), undefined);
  });

  it("maps fill colours to the scheme", () => {
    assert.equal(colourOfFill("FF0000"), "red");
    assert.equal(colourOfFill("FFC000"), "amber");
    assert.equal(colourOfFill("FFFF00"), "amber");
    assert.equal(colourOfFill("92D050"), "light-green");
    assert.equal(colourOfFill("00B050"), "green");
    assert.equal(colourOfFill("0070C0"), "blue");
    assert.equal(colourOfFill("FFFFFF"), "none");
    assert.equal(statusFromFill(FIVE_LEVEL, "92D050")?.code, "light-green");
    assert.equal(statusFromFill(RAG_BLUE, "92D050")?.code, "green");
    assert.equal(statusFromFill(FOUR_STATE, "00B0F0")?.code, "completed");
  });
});

describe("rows to plan", () => {
  const header = row("Improvement area", "Actions", "Lead", "Governance forum", "Timescale", "RAG", "Progress update", "Update date");
  const table: Table = {
    name: "WSOA",
    rows: [
      header,
      row("1. Oversight", "Audit records", "Head of SEN", "SEND Development Board", "Sept 2019", "Amber", "Started", "01/08/2019"),
      row("", "Review plans", "Head of SEN", "SEND Development Board; Directors Board", "Jan", "", "", ""),
      row("", "", "", "", "", "", "continued on the next page", ""),
      row("2. Quality", "Write QA framework", "Principal EP", "", "Sept-ish", "Sort of", "Drafted", "32/13/2019"),
      header,
      row("", "Train staff", "Principal EP", "", "TBC", "Completed", "Done", ""),
    ],
  };

  it("builds sections, carries the section down, and names each problem's row and column", () => {
    const result = mapTables([table], { ...options, forums: [{ code: "sdb", name: "SEND Development Board", meetings: [] }] });
    assert.ok(result.ok);
    assert.deepEqual(
      result.sections.map((s) => [s.number, s.title, s.actions.map((a) => a.externalId)]),
      [
        ["1", "Oversight", ["1.1", "1.2"]],
        ["2", "Quality", ["2.1", "2.2"]],
      ],
    );
    const [audit, review] = result.sections[0]?.actions ?? [];
    assert.equal(audit?.leadRole, "Head of SEN");
    assert.deepEqual(audit?.forums, ["sdb"]);
    assert.deepEqual(audit?.updates, [{ date: "2019-08-01", status: "amber", commentary: "Started" }]);
    assert.deepEqual(audit?.due, { precision: "month", date: "2019-09-30", text: "Sept 2019" });
    assert.deepEqual(review?.forums, ["sdb", "directors-board"]);
    assert.deepEqual(result.forums, [{ code: "directors-board", name: "Directors Board", meetings: [] }]);
    assert.equal(review?.due.date, "2020-01-31");
    assert.equal(review?.updates[0]?.commentary, "continued on the next page");
    assert.equal(result.sections[1]?.actions[1]?.updates[0]?.status, "completed");
    // A timescale that is not a date is kept as written, with no due date, and said so: not a refusal.
    const qa = result.sections[1]?.actions[0];
    assert.deepEqual(qa?.due, { precision: "tbc", date: null, text: "Sept-ish" });
    assert.equal(qa?.timescale, "Sept-ish");
    assert.match(qa?.assumptions.join(" ") ?? "", /'Sept-ish' could not be read as a date: kept as written/);
    // The repeated header is left out, and said so.
    assert.deepEqual(
      result.leftOut.map((l) => [l.row, l.reason]),
      [[6, "the header row repeated"]],
    );
    assert.deepEqual(
      result.problems.map((p) => [p.row, p.column]),
      [
        [5, "Update date"],
        [5, "RAG"],
      ],
    );
    assert.match(result.problems[0]?.message ?? "", /^'32\/13\/2019' is not a date/);
    assert.match(result.problems[1]?.message ?? "", /'Sort of' \(row 5\) is not a status of .*: choose the status it means/);
  });

  it("lets a person's mapping override the detected one", () => {
    const result = mapTables([table], { ...options, mapping: { lead: null, status: "Progress update" } });
    assert.ok(result.ok);
    const audit = result.sections[0]?.actions[0];
    assert.equal(audit?.leadRole, undefined);
    assert.deepEqual(result.mappings[0]?.columns.status, "Progress update");
    const bad = mapTables([table], { ...options, mapping: { lead: "Owner" } });
    assert.ok(bad.ok);
    assert.match(bad.problems[0]?.message ?? "", /no such column/);
  });

  it("with no number column, takes a list number at the start of the action as its number in its section", () => {
    const result = mapTables(
      [
        {
          name: "S",
          rows: [
            row("No", "Recommendation (short)", "Summary actions"),
            row("2", "Training for scrutiny", "Needs analysis undertaken with all elected members"),
            row("2", "Training for scrutiny", "3. Training delivery confirmed March"),
            row("2", "Training for scrutiny", "4) Regular programme of training established"),
            // A number already used in the section is not taken twice; a year is not a list number.
            row("2", "Training for scrutiny", "3. Dates confirmed"),
            row("2", "Training for scrutiny", "2022 programme agreed"),
          ],
        },
      ],
      options,
    );
    assert.ok(result.ok);
    assert.deepEqual(result.problems, []);
    assert.deepEqual(
      result.sections[0]?.actions.map((a) => [a.number, a.text]),
      [
        ["2.1", "Needs analysis undertaken with all elected members"],
        ["2.3", "Training delivery confirmed March"],
        ["2.4", "Regular programme of training established"],
        ["2.5", "3. Dates confirmed"],
        ["2.6", "2022 programme agreed"],
      ],
    );
  });

  it("gives no status to a 'Not yet rated' cell, whatever the colours around it (the product's own export)", () => {
    const result = mapTables(
      [
        {
          name: "Progress sheet",
          rows: [
            row("No", "Action", "Status"),
            [{ text: "1.1" }, { text: "Audit the records" }, { text: "On track to meet the deadline", fill: "00B050" }],
            row("1.2", "Agree the audit tool", "Not yet rated"),
          ],
        },
      ],
      // Four-state gives "no colour" a meaning (dates to be finalised): not to a cell that says it is not rated.
      { ...options, scheme: FOUR_STATE },
    );
    assert.ok(result.ok);
    assert.deepEqual(result.problems, []);
    assert.deepEqual(
      result.sections[0]?.actions.map((a) => [a.number, a.updates.map((u) => u.status)]),
      [
        ["1.1", ["on-track"]],
        ["1.2", []],
      ],
    );
  });

  it("uses the number column for external ids and flags duplicates", () => {
    const result = mapTables([{ name: "S", rows: [row("Ref", "Action"), row("A1", "One"), row("A1", "Two")] }], options);
    assert.ok(result.ok);
    assert.deepEqual(result.problems, [
      { row: 3, column: "Ref", message: "'A1' is also used at row 2 in 'Actions': give each action of a section its own number" },
    ]);
    // Into a plan that itself repeats the number in a section (actions carried in from a closed
    // plan), its own export is not refused: the two rows stay two actions, matched by their words.
    const again = mapTables([{ name: "S", rows: [row("Ref", "Action"), row("A1", "One"), row("A1", "Two")] }], {
      ...options,
      repeatedNumbers: new Set(["a1"]),
    });
    assert.ok(again.ok);
    assert.deepEqual(again.problems, []);
    const [one, two] = again.sections[0]?.actions ?? [];
    assert.deepEqual([one?.text, two?.text], ["One", "Two"]);
    assert.notEqual(one?.externalId, two?.externalId);
  });

  it("splits a section's own number and reads update dates", () => {
    assert.deepEqual(splitNumber("1-4. Management Oversight: 1. Realignment"), { number: "1-4", title: "Management Oversight: 1. Realignment" });
    assert.deepEqual(splitNumber("6a Parent guide"), { number: "6a", title: "Parent guide" });
    assert.deepEqual(splitNumber("Governance"), { title: "Governance" });
    // A label before the number (Thurrock's WSOA, 2019); a time or a ratio after a colon is not a number.
    assert.deepEqual(splitNumber("Record keeping: 8. Progress the Synergy Health Check work"), {
      number: "8",
      title: "Record keeping: Progress the Synergy Health Check work",
    });
    assert.deepEqual(splitNumber("Meeting: 10.30 start"), { title: "Meeting: 10.30 start" });
    assert.equal(parseUpdateDate("7/3/22"), "2022-03-07");
    assert.equal(parseUpdateDate("2022-02-30"), undefined);
  });

  it("reads a date with a time after it, as list exports write their Modified column", () => {
    assert.equal(parseUpdateDate("12/02/2024 09:14"), "2024-02-12");
    assert.equal(parseUpdateDate("2024-02-12T09:14:00Z"), "2024-02-12");
    assert.equal(parseUpdateDate("2024-02-12 09:14:00.123+00:00"), "2024-02-12");
    assert.equal(parseUpdateDate("12/02/2024 9:14 AM"), "2024-02-12");
    assert.equal(parseUpdateDate("12 February 2024, 16:02"), "2024-02-12");
    // A time does not make an impossible date possible, nor a lone time a date.
    assert.equal(parseUpdateDate("31/02/2024 09:14"), undefined);
    assert.equal(parseUpdateDate("09:14"), undefined);
  });
});
