import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { detectSeparator, parseCsv, readCsv } from "./csv.ts";

const bytes = (text: string) => new TextEncoder().encode(text);

describe("CSV reader", () => {
  it("reads quotes, doubled quotes, embedded newlines and CRLF", () => {
    const parsed = parseCsv('No,Action,Update\r\n1,"Review, then ""refresh""","line one\r\nline two"\r\n2,Plain,\r\n');
    assert.deepEqual(parsed, {
      ok: true,
      rows: [
        ["No", "Action", "Update"],
        ["1", 'Review, then "refresh"', "line one\r\nline two"],
        ["2", "Plain", ""],
      ],
    });
  });

  it("drops a byte-order mark and detects semicolons and tabs", async () => {
    assert.equal(detectSeparator("a;b;c\n1,5;2;3"), ";");
    assert.equal(detectSeparator("a\tb\tc"), "\t");
    assert.equal(detectSeparator('"a;b",c,d'), ",");
    const result = await readCsv(bytes("\uFEFFNo;Action\n1;Do it"));
    assert.ok(result.ok);
    assert.deepEqual(
      result.tables[0]?.rows.map((r) => r.map((c) => c.text)),
      [
        ["No", "Action"],
        ["1", "Do it"],
      ],
    );
  });

  it("honours Excel's sep= line", () => {
    assert.deepEqual(parseCsv("sep=;\na;b,c\n"), { ok: true, rows: [["a", "b,c"]] });
  });

  it("reads Windows-1252 text", async () => {
    const result = await readCsv(Uint8Array.from([0x43, 0x61, 0x66, 0xe9, 0x2c, 0x41]));
    assert.ok(result.ok);
    assert.deepEqual(
      result.tables[0]?.rows[0]?.map((c) => c.text),
      ["Café", "A"],
    );
  });

  it("names the row of a quoted cell that is never closed", async () => {
    const lines = ["No,Action"];
    for (let i = 1; i <= 12; i += 1) lines.push(`${i},Action ${i}`);
    lines.push('13,"Broken quote starts here');
    lines.push("14,Swallowed");
    const result = await readCsv(bytes(lines.join("\n")));
    assert.deepEqual(result, { ok: false, problem: 'row 14: a quoted cell is not closed (a " with no closing ")' });
  });

  it("refuses an empty file", async () => {
    assert.equal((await readCsv(bytes("\n\n"))).ok, false);
  });
});
