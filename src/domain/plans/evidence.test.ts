import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { checkEvidenceFile, MAX_EVIDENCE_BYTES, sizeText, typeWords } from "./evidence.ts";

const pdf = { ext: "pdf", mime: "application/pdf" };
const cfb = { ext: "cfb", mime: "application/x-cfb" };

describe("which evidence files may be kept", () => {
  test("the name's type must agree with the content's", () => {
    assert.deepEqual(checkEvidenceFile("Minutes.PDF", 10, pdf), { ok: true, mediaType: "application/pdf", words: "a PDF" });
    assert.deepEqual(checkEvidenceFile("minutes.pdf", 10, undefined), {
      ok: false,
      message: '"minutes.pdf" says it is a PDF but its content is not: attach the real file, named as what it is',
    });
    assert.deepEqual(checkEvidenceFile("photo.jpg", 10, pdf), {
      ok: false,
      message: '"photo.jpg" says it is a JPEG image but its content is a PDF: attach the real file, named as what it is',
    });
  });

  test("old Word and Excel files share one container, told apart by their name", () => {
    assert.equal((checkEvidenceFile("old.doc", 10, cfb) as { mediaType: string }).mediaType, "application/msword");
    assert.equal((checkEvidenceFile("old.xls", 10, cfb) as { mediaType: string }).mediaType, "application/vnd.ms-excel");
    assert.equal(checkEvidenceFile("old.pdf", 10, cfb).ok, false);
  });

  test("other kinds, empty files and files over 20 MB are refused, naming the file", () => {
    assert.match(
      (checkEvidenceFile("notes.txt", 10, undefined) as { message: string }).message,
      /^"notes.txt" is not a file that can be attached: attach a PDF/,
    );
    assert.match((checkEvidenceFile("noname", 10, pdf) as { message: string }).message, /^"noname" is not a file/);
    assert.equal((checkEvidenceFile("a.pdf", 0, pdf) as { message: string }).message, '"a.pdf" is empty: select the file again');
    assert.equal(checkEvidenceFile("a.pdf", MAX_EVIDENCE_BYTES, pdf).ok, true);
    assert.equal(
      (checkEvidenceFile("a.pdf", MAX_EVIDENCE_BYTES + 1, pdf) as { message: string }).message,
      '"a.pdf" is larger than 20 MB: attach a smaller file',
    );
  });

  test("sizes and types in words", () => {
    assert.deepEqual([sizeText(900), sizeText(845 * 1024), sizeText(3.2 * 1024 * 1024)], ["900 bytes", "845 KB", "3.2 MB"]);
    assert.equal(typeWords("application/vnd.ms-excel"), "Excel workbook");
    assert.equal(typeWords("image/gif"), "GIF image");
  });
});
