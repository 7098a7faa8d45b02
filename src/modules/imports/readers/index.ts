// Picks the reader for an uploaded file by its content, not its name (SPEC A11), and refuses
// clearly what cannot be read: password-protected or old-format Office files, files too large,
// damaged zips, PDFs and binary files.
import JSZip from "jszip";
import type { ReadResult } from "../../../domain/imports/table.ts";
import { readCsv } from "./csv.ts";
import { readDocx } from "./docx.ts";
import { readXlsx } from "./xlsx.ts";
import { checkZipLimits } from "./zip-limits.ts";

export type { Cell, ReadResult, Table } from "../../../domain/imports/table.ts";
export { parseCsv, readCsv } from "./csv.ts";
export { readDocx } from "./docx.ts";
export { readXlsx } from "./xlsx.ts";

export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

export interface ReadOptions {
  /** Largest file accepted, in bytes; 50 MB unless given. */
  maxBytes?: number;
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, "")} MB`;
}

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

/** True when the bytes look like text: no NUL bytes and few control characters. */
function looksLikeText(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 64 * 1024);
  let control = 0;
  for (const b of sample) {
    if (b === 0) return false;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) control += 1;
  }
  return control <= sample.length / 100;
}

/** Reads the tables of an .xlsx, .docx or .csv file. `fileName` only shapes messages. Never throws. */
export async function readTables(fileName: string, bytes: Uint8Array, options: ReadOptions = {}): Promise<ReadResult> {
  try {
    const max = options.maxBytes ?? MAX_IMPORT_BYTES;
    const name = fileName || "the file";
    if (bytes.byteLength === 0) return { ok: false, problem: `${name} is empty` };
    if (bytes.byteLength > max)
      return { ok: false, problem: `the file is ${megabytes(bytes.byteLength)}; the largest that can be imported is ${megabytes(max)}` };
    if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) {
      return {
        ok: false,
        problem: "this file is password-protected or in the old .xls/.doc format: save it as .xlsx or .docx without a password",
      };
    }
    if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46]))
      return { ok: false, problem: "PDF files cannot be imported: open the plan in Word or Excel and save it as .docx or .xlsx" };
    if (startsWith(bytes, [0x50, 0x4b])) {
      // First, before anything holds what the zip expands to (issue 12).
      const limits = await checkZipLimits(name, bytes);
      if (!limits.ok) return limits;
      let zip: JSZip;
      try {
        zip = await JSZip.loadAsync(bytes);
      } catch {
        return { ok: false, problem: `${name} is damaged or incomplete (it may not have finished uploading): save it again and re-upload it` };
      }
      if (zip.file("xl/workbook.xml")) return readXlsx(bytes);
      if (zip.file("word/document.xml")) return readDocx(bytes);
      return { ok: false, problem: `${name} is a zip file but not an Excel (.xlsx) or Word (.docx) document` };
    }
    if (!looksLikeText(bytes)) return { ok: false, problem: `${name} is not an Excel (.xlsx), Word (.docx) or CSV file` };
    return readCsv(bytes);
  } catch (error) {
    return { ok: false, problem: `the file could not be read (${error instanceof Error ? error.message : String(error)})` };
  }
}
