// Readers against generated fixtures and malformed files; the fixtures mapped back into plans and
// compared with the demo plans they were written from; a property test that no input throws.
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import fc from "fast-check";
import JSZip from "jszip";
import {
  flatSections,
  makeImportFixtures,
  SOUTHEND_SHEET_DATE,
  THURROCK_WSOA_DATE,
  updateOn,
} from "../../../scripts/fixtures/make-import-fixtures.ts";
import { type ImportedAction, type ImportedSection, mapTables } from "../../domain/imports/mapping.ts";
import { FIVE_LEVEL, FOUR_STATE } from "../../domain/plans/schemes.ts";
import type { ActionSeed, PlanSeed } from "../../domain/plans/types.ts";
import { southendPeerReview } from "../plans/demo/southend-peer-review-2022.ts";
import { thurrockWsoa } from "../plans/demo/thurrock-wsoa-2019.ts";
import { readTables } from "./readers/index.ts";

let dir = "";
let files: Record<"southendXlsx" | "southendDocx" | "thurrockXlsx" | "thurrockDocx", Buffer>;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), "import-fixtures-"));
  const paths = await makeImportFixtures(dir);
  files = {
    southendXlsx: await readFile(paths.southendXlsx),
    southendDocx: await readFile(paths.southendDocx),
    thurrockXlsx: await readFile(paths.thurrockXlsx),
    thurrockDocx: await readFile(paths.thurrockDocx),
  };
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

function allImported(sections: ImportedSection[]): ImportedAction[] {
  return sections.flatMap((s) => [...s.actions, ...allImported(s.sections ?? [])]);
}
function allDemo(plan: PlanSeed): ActionSeed[] {
  return flatSections(plan.sections).flatMap((s) => s.actions);
}

describe("readers", () => {
  it("reads an .xlsx with merged cells filled down and fills", async () => {
    const result = await readTables("sheet.xlsx", files.southendXlsx);
    assert.ok(result.ok);
    const rows = result.tables[0]?.rows ?? [];
    assert.equal(rows[0]?.[4]?.text, "SEND Peer Review Recommendations, Progress Sheet"); // merged across
    assert.deepEqual(
      rows.slice(2, 6).map((r) => r[0]?.text),
      ["1", "1", "1", "1"],
    ); // merged down
    assert.equal(rows[2]?.[4]?.fill, "00B0F0");
  });

  it("reads .docx tables: gridSpan, vMerge, bullets, shading, a table continued on the next page", async () => {
    const result = await readTables("wsoa.docx", files.thurrockDocx);
    assert.ok(result.ok);
    assert.equal(result.tables.length, 4);
    const rows = result.tables[0]?.rows ?? [];
    assert.equal(rows[0]?.[7]?.text, rows[0]?.[0]?.text);
    assert.equal(rows[3]?.[0]?.text, rows[2]?.[0]?.text);
    assert.match(rows[2]?.[0]?.text ?? "", /^1-4\. Management Oversight/);
    assert.equal(rows[2]?.[6]?.fill, "0070C0");
    const bullets = result.tables.flatMap((t) => t.rows.flatMap((r) => r.map((c) => c.text))).find((t) => t.includes("\n"));
    assert.ok(bullets);
  });

  it("refuses what it cannot read, clearly", async () => {
    const cases: [string, Uint8Array, RegExp][] = [
      [
        "locked.xlsx",
        Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]),
        /password-protected or in the old \.xls\/\.doc format/,
      ],
      ["big.csv", new Uint8Array(Math.round(52.3 * 1024 * 1024)), /^the file is 52\.3 MB; the largest that can be imported is 50 MB$/],
      ["cut.xlsx", files.southendXlsx.subarray(0, 4000), /damaged or incomplete/],
      ["random.bin", Uint8Array.from({ length: 500 }, (_, i) => (i * 37 + 11) % 256), /not an Excel \(\.xlsx\), Word \(\.docx\) or CSV file/],
      ["empty.csv", new Uint8Array(0), /empty/],
      ["broken.csv", new TextEncoder().encode('No,Action\n1,"open\n'), /row 2: a quoted cell is not closed/],
    ];
    for (const [name, bytes, expected] of cases) {
      const result = await readTables(name, bytes);
      assert.equal(result.ok, false, name);
      assert.match(result.ok ? "" : result.problem, expected, name);
    }
    const zip = new JSZip();
    zip.file("word/document.xml", '<w:document xmlns:w="x"><w:body><w:p><w:r><w:t>No table</w:t></w:r></w:p></w:body></w:document>');
    const noTable = await readTables("letter.docx", await zip.generateAsync({ type: "uint8array" }));
    assert.deepEqual(noTable, { ok: false, problem: "the Word document has no table: the plan must be in a table with a header row" });
  });

  it("never throws on random bytes or damaged real files", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), async (bytes) => {
        const result = await readTables("x", bytes);
        assert.equal(typeof result.ok, "boolean");
      }),
      { numRuns: 200 },
    );
    const originals = [files.southendXlsx, files.thurrockDocx];
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 1 }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 20 }),
        fc.option(fc.nat(), { nil: undefined }),
        async (which, flips, cut) => {
          const original = originals[which] ?? files.southendXlsx;
          const bytes = Uint8Array.from(original);
          for (const [at, value] of flips) bytes[at % bytes.length] = value;
          const input = cut === undefined ? bytes : bytes.subarray(0, cut % bytes.length);
          const result = await readTables("mutated", input);
          if (result.ok) {
            const mapped = mapTables(result.tables, { scheme: FIVE_LEVEL, planStart: "2019-07-25", updateDate: "2019-07-25" });
            assert.equal(typeof mapped.ok, "boolean");
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe("fixtures import into the demo plans", () => {
  for (const format of ["Xlsx", "Docx"] as const) {
    it(`Southend progress sheet (.${format.toLowerCase()})`, async () => {
      const read = await readTables(`southend.${format}`, files[`southend${format}`]);
      assert.ok(read.ok);
      const mapped = mapTables(read.tables, { scheme: FOUR_STATE, planStart: southendPeerReview.approvedOn, updateDate: SOUTHEND_SHEET_DATE });
      assert.ok(mapped.ok);
      // The document's own title line first; a workbook's caption above the header.
      assert.equal(mapped.title, format === "Docx" ? southendPeerReview.title : "SEND Peer Review Recommendations, Progress Sheet");
      assert.deepEqual(mapped.problems, []);
      assert.deepEqual(
        mapped.sections.map((s) => [s.number, s.title]),
        flatSections(southendPeerReview.sections).map((s) => [s.number, s.title]),
      );
      const demo = allDemo(southendPeerReview);
      const imported = allImported(mapped.sections);
      assert.equal(imported.length, 54);
      assert.deepEqual(
        imported.map((a) => [a.number, a.text, a.timescale, a.updates[0]?.status, a.updates[0]?.commentary]),
        demo.map((a) => [a.number, a.text, a.timescale, updateOn(a, SOUTHEND_SHEET_DATE)?.status, updateOn(a, SOUTHEND_SHEET_DATE)?.commentary]),
      );
      assert.ok(imported.every((a) => a.updates[0]?.date === SOUTHEND_SHEET_DATE));
    });

    it(`Thurrock WSOA action tables (.${format.toLowerCase()})`, async () => {
      const read = await readTables(`thurrock.${format}`, files[`thurrock${format}`]);
      assert.ok(read.ok);
      const mapped = mapTables(read.tables, {
        scheme: FIVE_LEVEL,
        planStart: thurrockWsoa.approvedOn,
        updateDate: THURROCK_WSOA_DATE,
        forums: thurrockWsoa.forums,
      });
      assert.ok(mapped.ok);
      assert.deepEqual(
        mapped.sections.map((w) => [w.title, (w.sections ?? []).map((s) => `${s.number}. ${s.title}`)]),
        thurrockWsoa.sections.map((w) => [w.title, (w.sections ?? []).map((s) => `${s.number}. ${s.title}`)]),
      );
      const demo = allDemo(thurrockWsoa);
      const imported = allImported(mapped.sections);
      assert.deepEqual(
        imported.map((a) => [a.number, a.text, a.successMeasures ?? "", a.leadRole, a.forums, a.timescale, a.updates[0]?.status]),
        demo.map((a) => [a.number, a.text, a.successMeasures ?? "", a.leadRole, a.forums, a.timescale, updateOn(a, THURROCK_WSOA_DATE)?.status]),
      );
      assert.deepEqual(mapped.forums, []);
      // The one timescale the WSOA writes as a sentence is kept as written, undated, and said so: not a refusal.
      assert.deepEqual(mapped.problems, []);
      const sentence = imported.find((a) => a.timescale.startsWith("Quarterly report"));
      assert.deepEqual(sentence?.due, { precision: "tbc", date: null, text: "Quarterly report provided starting in September 2019" });
      assert.equal(sentence?.source.row, 8);
      assert.match(sentence?.assumptions.join(" ") ?? "", /could not be read as a date: kept as written/);
      assert.ok(new Set(imported.map((a) => a.externalId)).size === imported.length);
    });
  }
});
