// Limits on what a zipped Office file (.xlsx, .docx) expands to, checked while inflating and
// before any library holds the document (issue 12: a 1.9 MB workbook of 30 million cells took the
// web process to 4 GB). The zip's central directory gives each entry's place and declared size,
// but declared sizes can lie, so every entry is inflated as a stream with its bytes counted, and
// cells and rows are counted in the XML as it goes by; the first limit passed stops the work.
import { createInflateRaw } from "node:zlib";

export interface ZipLimits {
  /** Most bytes all the entries together may inflate to. */
  maxUncompressedBytes: number;
  /** Most entries in the zip. */
  maxEntries: number;
  /** Most cells (`<c>`) in one worksheet, and (`<w:tc>`) in a Word document. */
  maxCellsPerSheet: number;
  /** Most rows (`<row>`, `<w:tr>`) in one worksheet or Word document. */
  maxRowsPerSheet: number;
  /** Most cells in all the sheets together (many sheets just under the limit are still too many). */
  maxCellsPerFile: number;
}

// A 5,000-action plan (src/domain/plans MAX_ACTIONS_PER_PLAN) of 30 columns is 150,000 cells;
// these leave room for other sheets and formatting while keeping what exceljs holds bounded.
export const ZIP_LIMITS: ZipLimits = {
  maxUncompressedBytes: 100 * 1024 * 1024,
  maxEntries: 5_000,
  maxCellsPerSheet: 500_000,
  maxRowsPerSheet: 100_000,
  maxCellsPerFile: 1_000_000,
};

export type ZipCheck = { ok: true } | { ok: false; problem: string };

interface Entry {
  name: string;
  method: number;
  compressedSize: number;
  localHeaderOffset: number;
}

const DAMAGED = (name: string) => `${name} is damaged or incomplete (it may not have finished uploading): save it again and re-upload it`;

function megabytes(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024)).toLocaleString("en-GB")} MB`;
}

const count = (n: number) => n.toLocaleString("en-GB");

/** The central directory's entries, or undefined when the zip's structure is broken. */
function centralDirectory(bytes: Uint8Array, maxEntries: number): Entry[] | "too many" | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record is in the last 22 + 65,535 (comment) bytes.
  let end = -1;
  for (let i = bytes.byteLength - 22; i >= Math.max(0, bytes.byteLength - 22 - 65_535); i -= 1) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) return undefined;
  const total = view.getUint16(end + 10, true);
  const directoryOffset = view.getUint32(end + 16, true);
  // Zip64 (sizes or offsets past 4 GB) is never needed under the 50 MB upload limit.
  if (total === 0xffff || directoryOffset === 0xffffffff) return undefined;
  if (total > maxEntries) return "too many";
  const entries: Entry[] = [];
  let at = directoryOffset;
  const decoder = new TextDecoder();
  for (let n = 0; n < total; n += 1) {
    if (at + 46 > bytes.byteLength || view.getUint32(at, true) !== 0x02014b50) return undefined;
    const method = view.getUint16(at + 10, true);
    const compressedSize = view.getUint32(at + 20, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const localHeaderOffset = view.getUint32(at + 42, true);
    if (at + 46 + nameLength > bytes.byteLength) return undefined;
    const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    entries.push({ name, method, compressedSize, localHeaderOffset });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The entry's compressed bytes, found through its local header, or undefined when out of bounds. */
function compressedData(bytes: Uint8Array, entry: Entry): Uint8Array | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.localHeaderOffset;
  if (at + 30 > bytes.byteLength || view.getUint32(at, true) !== 0x04034b50) return undefined;
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  const end = start + entry.compressedSize;
  if (end > bytes.byteLength) return undefined;
  return bytes.subarray(start, end);
}

/** Yields an entry's inflated bytes in chunks; stored entries in one piece. Throws on bad data. */
async function* inflate(entry: Entry, data: Uint8Array): AsyncGenerator<Uint8Array> {
  if (entry.method === 0) {
    yield data;
    return;
  }
  if (entry.method !== 8) throw new Error(`unsupported compression method ${entry.method}`);
  const inflater = createInflateRaw({ chunkSize: 64 * 1024 });
  inflater.end(data);
  // Leaving the loop early (a limit passed) destroys the stream, so nothing more is inflated.
  for await (const chunk of inflater) yield chunk as Buffer;
}

// An element's start tag with any namespace prefix: <c r="A1">, <x:c>, <row>, <w:tc>, <w:tr>.
const TAG = /<(?:[A-Za-z_][\w.-]*:)?(c|row|tc|tr)[\s/>]/g;

/** Counts cell and row start tags across chunks; a tag cut at a chunk's end is carried over. */
class TagCounter {
  cells = 0;
  rows = 0;
  private carry = "";
  constructor(private readonly word: boolean) {}

  add(chunk: Uint8Array): void {
    let text = this.carry + Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString("latin1");
    const cut = text.lastIndexOf("<");
    // A start tag's name is short: hold back a "<" near the end until the next chunk completes it.
    if (cut >= 0 && text.length - cut < 64 && text.indexOf(">", cut) < 0) {
      this.carry = text.slice(cut);
      text = text.slice(0, cut);
    } else this.carry = "";
    for (const match of text.matchAll(TAG)) {
      const name = match[1];
      if (this.word) {
        if (name === "tc") this.cells += 1;
        else if (name === "tr") this.rows += 1;
      } else if (name === "c") this.cells += 1;
      else if (name === "row") this.rows += 1;
    }
  }
}

/** Sheet names by entry path, read from xl/workbook.xml and its relationships (both small). */
async function sheetNames(bytes: Uint8Array, entries: Entry[]): Promise<Map<string, string>> {
  const text = async (path: string): Promise<string> => {
    const entry = entries.find((e) => e.name.replace(/^\//, "") === path);
    const data = entry && compressedData(bytes, entry);
    if (!entry || !data) return "";
    let out = "";
    for await (const chunk of inflate(entry, data)) {
      out += Buffer.from(chunk).toString("utf8");
      if (out.length > 5 * 1024 * 1024) return "";
    }
    return out;
  };
  const names = new Map<string, string>();
  try {
    const targets = new Map<string, string>();
    for (const rel of (await text("xl/_rels/workbook.xml.rels")).matchAll(/<Relationship\b[^>]*>/g)) {
      const id = /\bId="([^"]*)"/.exec(rel[0])?.[1];
      const target = /\bTarget="([^"]*)"/.exec(rel[0])?.[1];
      if (id && target) targets.set(id, target.startsWith("/") ? target.slice(1) : `xl/${target}`);
    }
    for (const sheet of (await text("xl/workbook.xml")).matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
      const name = /\bname="([^"]*)"/.exec(sheet[0])?.[1];
      const id = /\br:id="([^"]*)"/.exec(sheet[0])?.[1];
      const target = id ? targets.get(id) : undefined;
      if (name && target) names.set(target, decodeXml(name));
    }
  } catch {
    // Names only shape the message; the entry's path is used without them.
  }
  return names;
}

function decodeXml(text: string): string {
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
}

/**
 * Checks a zipped Office file against the limits without holding what it expands to. Call it
 * before JSZip, exceljs or an XML parser sees the file. `fileName` only shapes messages.
 */
export async function checkZipLimits(fileName: string, bytes: Uint8Array, limits: ZipLimits = ZIP_LIMITS): Promise<ZipCheck> {
  const name = fileName || "the file";
  const entries = centralDirectory(bytes, limits.maxEntries);
  if (entries === "too many") return { ok: false, problem: `${name} holds more than ${count(limits.maxEntries)} files inside it: it is not a plan` };
  if (!entries) return { ok: false, problem: DAMAGED(name) };
  const word = entries.some((e) => e.name.replace(/^\//, "") === "word/document.xml");
  let total = 0;
  let cellsBefore = 0; // in the parts already read
  for (const entry of entries) {
    if (entry.name.endsWith("/")) continue; // a folder
    const data = compressedData(bytes, entry);
    if (!data) return { ok: false, problem: DAMAGED(name) };
    const counter = /\.xml$/i.test(entry.name) ? new TagCounter(word) : undefined;
    try {
      for await (const chunk of inflate(entry, data)) {
        total += chunk.byteLength;
        if (total > limits.maxUncompressedBytes)
          return {
            ok: false,
            problem: `the file expands to more than ${megabytes(limits.maxUncompressedBytes)} when opened, the most that can be imported: remove pictures, empty rows and columns or other sheets, or split the plan into smaller files`,
          };
        if (!counter) continue;
        counter.add(chunk);
        if (cellsBefore + counter.cells > limits.maxCellsPerFile)
          return {
            ok: false,
            problem: `the file has more than ${count(limits.maxCellsPerFile)} cells in all its ${word ? "tables" : "sheets"} together, the most a file can have: remove empty rows and columns or other sheets, or split the plan into smaller files`,
          };
        if (counter.cells > limits.maxCellsPerSheet || counter.rows > limits.maxRowsPerSheet) {
          const what = counter.cells > limits.maxCellsPerSheet ? `${count(limits.maxCellsPerSheet)} cells` : `${count(limits.maxRowsPerSheet)} rows`;
          if (word)
            return {
              ok: false,
              problem: `the file has more than ${what} in its tables, the most a document can have: split it into smaller documents`,
            };
          const sheet = (await sheetNames(bytes, entries)).get(entry.name.replace(/^\//, "")) ?? entry.name;
          return {
            ok: false,
            problem: `the file has more than ${what} in sheet '${sheet}', the most one sheet can have: remove empty rows and columns, or split the sheet into smaller files`,
          };
        }
      }
    } catch {
      return { ok: false, problem: DAMAGED(name) };
    }
    cellsBefore += counter?.cells ?? 0;
  }
  return { ok: true };
}
