// The limits on what an uploaded .xlsx or .docx expands to (issue 12), on generated zip bombs:
// small files whose XML is huge and repetitive. They must be refused with the limit named, before
// exceljs or the Word reader holds them.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { docxBomb, xlsxBomb, zipParts } from "../../../../scripts/fixtures/make-zip-bomb.ts";
import { readTables } from "./index.ts";
import { checkZipLimits, ZIP_LIMITS } from "./zip-limits.ts";

describe("zip limits", () => {
  it("refuses a workbook with more cells in a sheet than the limit, naming the sheet", async () => {
    // 600,000 cells in a file of a few kilobytes; exceljs would have read it all.
    const bomb = await xlsxBomb({ rows: 6_000, columns: 100, sheetName: "Q3 & Q4" });
    assert.ok(bomb.byteLength < 100_000, `the bomb is ${bomb.byteLength} bytes`);
    const result = await readTables("plan.xlsx", bomb);
    assert.deepEqual(result, {
      ok: false,
      problem:
        "the file has more than 500,000 cells in sheet 'Q3 & Q4', the most one sheet can have: remove empty rows and columns, or split the sheet into smaller files",
    });
  });

  it("refuses a sheet of more empty rows than the limit", async () => {
    const bomb = await xlsxBomb({ rows: 100_001, columns: 0 });
    const result = await readTables("plan.xlsx", bomb);
    assert.equal(result.ok, false);
    assert.match(result.ok ? "" : result.problem, /^the file has more than 100,000 rows in sheet 'Actions'/);
  });

  it("refuses a Word document that expands past the size limit", async () => {
    const bomb = await docxBomb({ bytes: ZIP_LIMITS.maxUncompressedBytes + 1024 * 1024 });
    assert.ok(bomb.byteLength < 1024 * 1024, `the bomb is ${bomb.byteLength} bytes`);
    const result = await readTables("plan.docx", bomb);
    assert.deepEqual(result, {
      ok: false,
      problem:
        "the file expands to more than 100 MB when opened, the most that can be imported: remove pictures, empty rows and columns or other sheets, or split the plan into smaller files",
    });
  });

  it("counts cells exactly, whatever chunk a tag is cut across, with or without a namespace prefix", async () => {
    const limits = { ...ZIP_LIMITS, maxCellsPerSheet: 250_000 };
    const at = await xlsxBomb({ rows: 2_500, columns: 100 });
    assert.deepEqual(await checkZipLimits("plan.xlsx", at, limits), { ok: true });
    const over = await xlsxBomb({ rows: 2_501, columns: 100 });
    assert.equal((await checkZipLimits("plan.xlsx", over, limits)).ok, false);
    const prefixed = (n: number) =>
      zipParts([
        {
          name: "xl/worksheets/sheet1.xml",
          *chunks() {
            yield "<x:worksheet><x:sheetData>";
            const rows = Array.from({ length: n }, (_, i) => `<x:row r="${i + 1}"><x:c r="A${i + 1}" t="n"><x:v>1</x:v></x:c></x:row>`);
            yield rows.join("");
            yield "</x:sheetData></x:worksheet>";
          },
        },
      ]);
    const small = { ...ZIP_LIMITS, maxCellsPerSheet: 100_000 };
    assert.deepEqual(await checkZipLimits("plan.xlsx", await prefixed(100_000), small), { ok: true });
    const refused = await checkZipLimits("plan.xlsx", await prefixed(100_001), small);
    // Without a workbook.xml the sheet is named by its place in the file.
    assert.match(refused.ok ? "" : refused.problem, /more than 100,000 cells in sheet 'xl\/worksheets\/sheet1\.xml'/);
  });

  it("refuses many sheets each under the limit that are too many together", async () => {
    const sheet = (n: number) => ({
      name: `xl/worksheets/sheet${n}.xml`,
      *chunks() {
        yield "<worksheet><sheetData>";
        const row = `<row>${'<c r="A1"/>'.repeat(400)}</row>`;
        for (let r = 0; r < 1_000; r += 1) yield row;
        yield "</sheetData></worksheet>";
      },
    });
    // Three sheets of 400,000 cells: each within 500,000, together over 1,000,000.
    const result = await checkZipLimits("plan.xlsx", await zipParts([sheet(1), sheet(2), sheet(3)]));
    assert.match(result.ok ? "" : result.problem, /^the file has more than 1,000,000 cells in all its sheets together/);
    assert.deepEqual(await checkZipLimits("plan.xlsx", await zipParts([sheet(1), sheet(2)])), { ok: true });
  });

  it("does not trust the sizes the zip declares", async () => {
    const bomb = Buffer.from(await docxBomb({ bytes: ZIP_LIMITS.maxUncompressedBytes + 1024 * 1024 }));
    // Claim the document is 100 bytes, in the local header and the central directory.
    bomb.writeUInt32LE(100, 22);
    const central = bomb.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    bomb.writeUInt32LE(100, central + 24);
    const result = await readTables("plan.docx", bomb);
    assert.match(result.ok ? "" : result.problem, /^the file expands to more than 100 MB/);
  });

  it("says a zip whose directory points outside the file is damaged", async () => {
    const bytes = Buffer.from(await xlsxBomb({ rows: 10, columns: 10 }));
    const central = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    bytes.writeUInt32LE(0x7fffffff, central + 42);
    const result = await checkZipLimits("plan.xlsx", bytes);
    assert.match(result.ok ? "" : result.problem, /^plan\.xlsx is damaged or incomplete/);
  });
});
