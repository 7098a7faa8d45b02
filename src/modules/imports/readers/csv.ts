// CSV reader (SPEC A11): RFC 4180 quoting (quotes, doubled quotes, newlines inside quotes), a
// byte-order mark, and the separators spreadsheets write: comma, semicolon (European Excel) and
// tab. Lenient where a person would be (a quote in the middle of a cell is just a character),
// strict where data would be lost (a quote that is never closed swallows the rest of the file).
import type { Cell, ReadResult, Table } from "../../../domain/imports/table.ts";

export interface CsvOptions {
  /** Force a separator instead of detecting it. */
  separator?: "," | ";" | "\t";
}

const SEPARATORS = [",", ";", "\t"] as const;

/** Text of the file: UTF-8 (with or without a BOM), else Windows-1252 as older Excel writes it. */
export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder("windows-1252").decode(bytes);
  }
}

/** The separator used on the first record: the one of comma, semicolon and tab that occurs most outside quotes. */
export function detectSeparator(text: string): "," | ";" | "\t" {
  const counts = new Map<string, number>(SEPARATORS.map((s) => [s, 0]));
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "\n" || ch === "\r")) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  let best: "," | ";" | "\t" = ",";
  for (const s of SEPARATORS) if ((counts.get(s) ?? 0) > (counts.get(best) ?? 0)) best = s;
  return best;
}

/** Parses CSV text into rows of strings, or names the row whose quoted cell is not closed. */
export function parseCsv(input: string, options: CsvOptions = {}): { ok: true; rows: string[][] } | { ok: false; problem: string } {
  let text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  let separator = options.separator;
  // Excel's "sep=;" first line names the separator.
  const hint = /^sep=(.)\r?\n/.exec(text);
  if (hint) {
    const s = hint[1];
    if (s === "," || s === ";" || s === "\t") separator = separator ?? s;
    text = text.slice(hint[0].length);
  }
  const sep = separator ?? detectSeparator(text);
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  let quoteStartRow = 0;
  let i = 0;
  const n = text.length;
  const endRow = () => {
    row.push(cell);
    rows.push(row);
    row = [];
    cell = "";
  };
  while (i < n) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i += 1;
        continue;
      }
      cell += ch;
      i += 1;
      continue;
    }
    if (ch === '"' && cell === "") {
      quoted = true;
      quoteStartRow = rows.length + 1;
      i += 1;
    } else if (ch === sep) {
      row.push(cell);
      cell = "";
      i += 1;
    } else if (ch === "\r" || ch === "\n") {
      endRow();
      i += ch === "\r" && text[i + 1] === "\n" ? 2 : 1;
    } else {
      cell += ch;
      i += 1;
    }
  }
  if (quoted) return { ok: false, problem: `row ${quoteStartRow}: a quoted cell is not closed (a " with no closing ")` };
  if (cell !== "" || row.length > 0) endRow();
  return { ok: true, rows };
}

/** Reads a CSV file's bytes into one table. Never throws. */
export async function readCsv(bytes: Uint8Array, options: CsvOptions = {}): Promise<ReadResult> {
  try {
    const parsed = parseCsv(decodeText(bytes), options);
    if (!parsed.ok) return parsed;
    if (parsed.rows.every((r) => r.every((c) => c.trim() === ""))) return { ok: false, problem: "the CSV file has no rows" };
    const table: Table = { name: "CSV", rows: parsed.rows.map((r) => r.map((text): Cell => ({ text }))) };
    return { ok: true, tables: [table] };
  } catch (error) {
    return { ok: false, problem: `the CSV file could not be read (${error instanceof Error ? error.message : String(error)})` };
  }
}
