// The words around plan tables, as families: headings, keys and legends, dates in text, details.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  colourKeyRow,
  dateAtStart,
  fileDetails,
  headerDate,
  isContinuation,
  keyEntryRow,
  keyRow,
  sectionHeading,
  updateDateInText,
} from "./reading.ts";

describe("section headings", () => {
  it("reads the headings councils write, with their kind and number", () => {
    const cases: [string, string, string | undefined][] = [
      ["Significant weakness 1: Inaccurate and incomplete records", "significant-weakness", "1"],
      ["Significant Weakness 2 - Quality assurance", "significant-weakness", "2"],
      ["Weakness 3", "significant-weakness", "3"],
      ["Area of weakness: The quality of EHC plans", "significant-weakness", undefined],
      ["Area for development 4: Transitions", "significant-weakness", "4"],
      ["Area of significant weakness", "significant-weakness", undefined],
      ["Priority 2 - Joint commissioning", "priority", "2"],
      ["Key priority 5: Inclusion", "priority", "5"],
      ["Recommendation 3", "recommendation", "3"],
      ["Recommendation 6a: Parent guide", "recommendation", "6a"],
      ["Improvement area 1: Post-16", "improvement-area", "1"],
      ["Theme 4 – Preparing for adulthood", "theme", "4"],
      ["Workstream 2: Sufficiency", "theme", "2"],
      ["4. Joint commissioning", "theme", "4"],
      ["2) Transitions", "theme", "2"],
    ];
    for (const [text, kind, number] of cases) {
      const heading = sectionHeading(text);
      assert.equal(heading?.kind, kind, text);
      assert.equal(heading?.number, number, text);
      assert.equal(heading?.title, text);
    }
  });

  it("does not take prose, dates, aims or titles for headings", () => {
    for (const text of [
      "Priorities for the coming year were agreed by the board",
      "15 March 2022",
      "Aim: to know where every child is",
      "Written Statement of Action",
      "SEND Peer Review Recommendations, Progress Sheet",
      "2019 update",
      "",
    ])
      assert.equal(sectionHeading(text), undefined, text);
  });

  it("knows a continued heading", () => {
    for (const text of ["Weakness 2 (continued)", "Priority 1 cont.", "Continued from the previous page"]) assert.ok(isContinuation(text), text);
    assert.ok(!isContinuation("Contact the SENCO"));
  });
});

describe("keys and legends", () => {
  it("recognises key rows in several forms", () => {
    for (const texts of [
      ["Key: Completed = implemented in full"],
      ["KEY", "", ""],
      ["Legend"],
      ["RAG key"],
      ["Colour key:", "Blue = complete"],
      ["Status key"],
      ["Green = on track"],
      ["Red - not started", "Amber - some delay"],
      ["Note: dates are provisional"],
    ])
      assert.ok(keyRow(texts), texts.join(" | "));
  });

  it("recognises the entries of a key, and leaves actions alone", () => {
    assert.ok(keyEntryRow(["Red", "Not started"]));
    assert.ok(keyEntryRow(["Light green", "On track, evidence needed"]));
    assert.ok(!keyEntryRow(["1.1", "Review the records", "Head of SEN", "Jan", "Red"]));
    assert.equal(keyRow(["1.1", "Review the key stage 4 results", "Head of SEN"]), undefined);
    assert.equal(keyRow(["Keyworker service launched", "Lead"]), undefined);
  });

  it("counts a merged cell once: a key entry whose meaning is merged across the table", () => {
    const meaning = "The action has not yet started or there is significant delay in implementation.";
    assert.ok(keyEntryRow(["RED", ...Array(7).fill(meaning)]));
    assert.ok(colourKeyRow(["AMBER", ...Array(5).fill("The action has started but there is some delay")]));
    // Different texts in every column are an action, merged or not.
    assert.ok(!keyEntryRow(["Red", "Review the records", "Head of SEN", "Jan 2020"]));
  });
});

describe("dates written in the file", () => {
  it("reads a date at the start of text", () => {
    assert.deepEqual(dateAtStart("15 March 2022"), { date: "2022-03-15", precision: "day", text: "15 March 2022" });
    assert.equal(dateAtStart("15/03/22: met")?.date, "2022-03-15");
    assert.equal(dateAtStart("2022-03-15")?.date, "2022-03-15");
    assert.deepEqual(dateAtStart("Oct 19"), { date: "2019-10-31", precision: "month", text: "Oct 19" });
    assert.equal(dateAtStart("February 2020")?.date, "2020-02-29");
    assert.equal(dateAtStart("31/02/2022"), undefined, "not a real day");
    assert.equal(dateAtStart("Review the plan"), undefined);
  });

  it("dates an update by the date that labels it, the latest when there are several", () => {
    assert.equal(updateDateInText("Oct 19: audit started")?.date, "2019-10-31");
    assert.equal(updateDateInText("January 2020 update - board met")?.date, "2020-01-31");
    assert.equal(updateDateInText("Update 15/03/2022: done")?.date, "2022-03-15");
    assert.equal(updateDateInText("(7/3/22) first sample reviewed")?.date, "2022-03-07");
    assert.equal(updateDateInText("Oct 19: started\nJan 20: half done")?.date, "2020-01-31");
    assert.equal(updateDateInText("March 2022 saw the board agree the plan"), undefined, "a sentence, not a label");
    assert.equal(updateDateInText("Board agreed the plan"), undefined);
  });

  it("reads the date a column header speaks for", () => {
    assert.equal(headerDate("Commentary as at 7 March 2022")?.date, "2022-03-07");
    assert.equal(headerDate("Update March 2022")?.date, "2022-03-31");
    assert.equal(headerDate("Jan 2020")?.date, "2020-01-31");
    assert.equal(headerDate("Progress update"), undefined);
  });
});

describe("the plan's details", () => {
  it("takes the title, type, what it responds to and dates from the lines that say them, with where", () => {
    const details = fileDetails([
      { text: "Thurrock Council", where: "line 1" },
      { text: "Written Statement of Action following the Ofsted and CQC joint local area SEND inspection in March 2019", where: "line 2" },
      { text: "Approved by Cabinet on 12 September 2019", where: "line 3" },
      { text: "Progress update - March 2022", where: "line 4" },
    ]);
    assert.deepEqual(details.title, { value: "Thurrock Council", where: "line 1" });
    assert.deepEqual(details.type, { value: "wsoa", where: "line 2" });
    assert.deepEqual(details.respondsTo, { value: "Ofsted and CQC local area SEND inspection (March 2019)", where: "line 2" });
    assert.deepEqual(details.approvedOn, { value: "2019-09-12", where: "line 3" });
    assert.deepEqual(details.asOf, { value: "2022-03-31", where: "line 4" });
  });

  it("makes nothing up when the file says nothing, and uses the document's title", () => {
    assert.deepEqual(fileDetails([]), {});
    assert.deepEqual(fileDetails([], { title: "SEND Strategy 2022-25" }).title, {
      value: "SEND Strategy 2022-25",
      where: "the document's properties",
    });
    assert.equal(fileDetails([], { title: "SEND Strategy 2022-25" }).type?.value, "strategy");
  });
});
