// PDF reports printed by Chromium, read back by their text: the content streams are inflated and
// each font's ToUnicode map turns the glyph codes back into words, so the test checks what a
// reader of the PDF would see, not just that a file exists.
import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { ChromiumBusy, SharedChromium, sharedChromium } from "../../../platform/chromium.ts";
import type { ReportDocument } from "./document.ts";
import { pdfAvailable, renderPdf } from "./pdf.ts";
import { pdfText } from "./pdf-text.ts";

const DOCUMENT: ReportDocument = {
  title: "Southend peer review: progress sheet",
  asAtLine: "Position as at 15 March 2022",
  blocks: [
    { type: "heading", text: "Progress by action" },
    {
      type: "table",
      table: {
        title: "Progress sheet",
        columns: [
          { header: "No", width: 1 },
          { header: "Action", width: 6 },
          { header: "Status", width: 2 },
        ],
        rows: [
          [{ text: "1.1" }, { text: "Agree the local area's SEND strategy with parents & carers" }, { text: "Off track", colour: "red" }],
          [{ text: "1.2" }, { text: "Publish the local offer" }, { text: "Complete", colour: "blue" }],
        ],
        primary: true,
      },
    },
  ],
};

describe("PDF reports", { skip: pdfAvailable() ? false : "Chromium is not installed" }, () => {
  after(() => sharedChromium.close());

  test("Chromium prints the report's HTML to an A4 landscape PDF whose text reads back", async () => {
    const pdf = await renderPdf(DOCUMENT);
    assert.equal(pdf.subarray(0, 5).toString("latin1"), "%PDF-");
    const text = pdfText(pdf);
    for (const phrase of [
      "Southend peer review: progress sheet",
      "Position as at 15 March 2022",
      "Progress by action",
      "Agree the local area's SEND strategy with parents & carers",
      "Off track",
      "Publish the local offer",
      "Complete",
    ]) {
      assert.ok(text.includes(phrase), `the PDF should say "${phrase}"; it says: ${text}`);
    }
    // A4 landscape: 842 x 595 points.
    const box = pdf.toString("latin1").match(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/);
    assert.ok(box, "the PDF has a page size");
    assert.deepEqual([Math.round(Number(box[1])), Math.round(Number(box[2]))], [842, 595]);
  });

  test("PDFs share one browser: two print at once, a few wait, the rest are told it is busy; closing lets the next start another", async () => {
    const chromium = new SharedChromium({ concurrency: 2, queue: 3 });
    try {
      const outcomes = await Promise.all(
        Array.from({ length: 8 }, () =>
          renderPdf(DOCUMENT, chromium).then(
            (pdf) => (pdfText(pdf).includes("Publish the local offer") ? "printed" : "unreadable"),
            (error) => (error instanceof ChromiumBusy ? "busy" : String(error)),
          ),
        ),
      );
      assert.deepEqual([...outcomes].sort(), ["busy", "busy", "busy", "printed", "printed", "printed", "printed", "printed"]);
      assert.equal(chromium.launches, 1);
      await chromium.close();
      assert.ok(pdfText(await renderPdf(DOCUMENT, chromium)).includes("Off track"));
      assert.equal(chromium.launches, 2);
    } finally {
      await chromium.close();
    }
  });
});
