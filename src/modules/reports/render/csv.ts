// CSV (RFC 4180): the table with one row per action, CRLF line ends, a byte-order mark so Excel
// reads UTF-8, and cells that a spreadsheet would run as a formula made inert.
import { primaryTable, type ReportDocument } from "./document.ts";

/** A cell as RFC 4180 writes it, guarded against formula injection (OWASP: prefix with '). */
export function csvCell(value: string): string {
  const guarded = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(guarded) || guarded !== guarded.trim() ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

export function renderCsv(document: ReportDocument): Buffer {
  const table = primaryTable(document);
  const lines = table ? [table.columns.map((c) => c.header), ...table.rows.map((row) => row.map((c) => c.text))] : [];
  return Buffer.from(`\uFEFF${lines.map((cells) => cells.map(csvCell).join(",")).join("\r\n")}\r\n`, "utf8");
}
