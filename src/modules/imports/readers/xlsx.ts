// Excel (.xlsx) reader (SPEC A11) on exceljs: every worksheet as a table, merged cells filled
// down and across with the merge's text and colour (councils merge an area's cell over its
// actions), each cell's solid fill colour (RAG columns are often colour only), dates as YYYY-MM-DD.
import ExcelJS from "exceljs";
import type { Cell, ReadResult, Table } from "../../../domain/imports/table.ts";

/** Six hex digits of an ARGB or RGB colour, or undefined (theme and indexed colours are not resolved). */
export function hexColour(argb: unknown): string | undefined {
  if (typeof argb !== "string") return undefined;
  const hex = argb.length === 8 ? argb.slice(2) : argb;
  return /^[0-9a-f]{6}$/i.test(hex) ? hex.toUpperCase() : undefined;
}

function isoDate(d: Date): string {
  if (Number.isNaN(d.getTime())) return "";
  return d.toISOString().slice(0, 10);
}

/** The text a person sees in a cell, for each kind of value exceljs gives. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value instanceof Date) return isoDate(value);
  if (typeof value === "object") {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.richText)) return v.richText.map((part: { text?: unknown }) => (typeof part?.text === "string" ? part.text : "")).join("");
    if ("result" in v) return cellText(v.result);
    if ("formula" in v || "sharedFormula" in v) return "";
    if (typeof v.text === "string" || typeof v.text === "object") return cellText(v.text);
    if (typeof v.error === "string") return v.error;
  }
  return "";
}

function fillOf(fill: unknown): string | undefined {
  if (!fill || typeof fill !== "object") return undefined;
  const f = fill as {
    type?: string;
    pattern?: string;
    fgColor?: { argb?: string };
    bgColor?: { argb?: string };
    stops?: { color?: { argb?: string } }[];
  };
  if (f.type === "pattern") {
    if (f.pattern === "none") return undefined;
    return hexColour(f.fgColor?.argb) ?? hexColour(f.bgColor?.argb);
  }
  if (f.type === "gradient") return hexColour(f.stops?.[0]?.color?.argb);
  return undefined;
}

/** Drops empty rows and columns at the end, so a sheet formatted to row 1000 is not 1000 rows. */
export function trimTable(rows: Cell[][]): Cell[][] {
  const blank = (c: Cell | undefined) => !c || (c.text.trim() === "" && c.fill === undefined);
  let lastRow = rows.length;
  while (lastRow > 0 && (rows[lastRow - 1] ?? []).every(blank)) lastRow -= 1;
  const kept = rows.slice(0, lastRow);
  let width = 0;
  for (const row of kept) {
    for (let c = row.length; c > 0; c -= 1) {
      if (!blank(row[c - 1])) {
        width = Math.max(width, c);
        break;
      }
    }
  }
  return kept.map((row) => {
    const out = row.slice(0, width);
    while (out.length < width) out.push({ text: "" });
    return out;
  });
}

const MAX_CELLS = 2_000_000;

/** Reads every sheet of an .xlsx file. Never throws. */
export async function readXlsx(bytes: Uint8Array): Promise<ReadResult> {
  try {
    const workbook = new ExcelJS.Workbook();
    // exceljs's types ask for its own Buffer type; a Node Buffer is what it reads.
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer);
    const tables: Table[] = [];
    for (const sheet of workbook.worksheets) {
      const rowCount = sheet.rowCount;
      const columnCount = sheet.columnCount;
      if (rowCount * columnCount > MAX_CELLS)
        return { ok: false, problem: `the sheet "${sheet.name}" has more than ${MAX_CELLS} cells: remove the empty rows and columns` };
      const rows: Cell[][] = [];
      for (let r = 1; r <= rowCount; r += 1) {
        const row: Cell[] = [];
        for (let c = 1; c <= columnCount; c += 1) {
          const cell = sheet.getCell(r, c);
          // A merged cell's value and style live in its master (top-left) cell.
          const source = cell.isMerged && cell.master ? cell.master : cell;
          const out: Cell = { text: cellText(source.value) };
          const fill = fillOf(source.fill);
          if (fill) out.fill = fill;
          row.push(out);
        }
        rows.push(row);
      }
      tables.push({ name: sheet.name, rows: trimTable(rows) });
    }
    if (tables.every((t) => t.rows.length === 0)) return { ok: false, problem: "the workbook has no filled cells" };
    const title = typeof workbook.title === "string" ? workbook.title.trim().slice(0, 300) : "";
    const subject = typeof workbook.subject === "string" ? workbook.subject.trim().slice(0, 300) : "";
    return { ok: true, tables, properties: { ...(title ? { title } : {}), ...(subject ? { subject } : {}) } };
  } catch (error) {
    return {
      ok: false,
      problem: `the Excel file is damaged or incomplete and could not be opened (${error instanceof Error ? error.message : String(error)})`,
    };
  }
}
