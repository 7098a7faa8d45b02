// CSV cells: RFC 4180 quoting, and formula injection made inert.
import assert from "node:assert/strict";
import { test } from "node:test";
import { csvCell, renderCsv } from "./csv.ts";

test("cells with commas, quotes or line breaks are quoted, quotes doubled", () => {
  assert.equal(csvCell("plain"), "plain");
  assert.equal(csvCell("a, b"), '"a, b"');
  assert.equal(csvCell('say "hi"'), '"say ""hi"""');
  assert.equal(csvCell("line\nbreak"), '"line\nbreak"');
});

test("cells a spreadsheet would run as a formula start with an apostrophe", () => {
  for (const danger of ["=SUM(A1)", "+44 1702", "-1", "@cmd", "\tx"]) assert.equal(csvCell(danger).replace(/^"|"$/g, "").charAt(0), "'", danger);
  assert.equal(csvCell('=HYPERLINK("x")'), '"\'=HYPERLINK(""x"")"');
});

test("a document becomes a BOM, a header and CRLF records of its table with one row per action", () => {
  const csv = renderCsv({
    title: "T",
    asAtLine: "Position as at 1 January 2022",
    blocks: [
      { type: "table", table: { title: "Key", columns: [{ header: "Status", width: 1 }], rows: [[{ text: "Red", colour: "red" }]] } },
      {
        type: "table",
        table: {
          title: "Sheet",
          primary: true,
          columns: [
            { header: "No", width: 1 },
            { header: "Status", width: 1 },
          ],
          rows: [[{ text: "1" }, { text: "Red", colour: "red" }]],
        },
      },
    ],
  }).toString("utf8");
  assert.equal(csv, "\uFEFFNo,Status\r\n1,Red\r\n");
});
