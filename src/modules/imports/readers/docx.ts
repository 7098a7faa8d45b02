// Word (.docx) table reader (SPEC A11): every table in word/document.xml, read from the XML so
// cell shading survives (mammoth drops it). Horizontal merges (w:gridSpan) are filled across,
// vertical merges (w:vMerge continue) take the text and shading of the cell above, paragraphs in
// a cell (bullet lists) are joined with newlines, and w:shd w:fill is the cell's colour.
import { XMLParser } from "fast-xml-parser";
import JSZip from "jszip";
import type { Cell, FileProperties, ReadResult, Table } from "../../../domain/imports/table.ts";

/** fast-xml-parser's ordered form: one tag name key with its children, and ":@" for attributes. */
type XmlNode = Record<string, unknown>;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: "",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: true,
});

function tagOf(node: XmlNode): string | undefined {
  for (const key of Object.keys(node)) if (key !== ":@") return key;
  return undefined;
}

function childrenOf(node: XmlNode): XmlNode[] {
  const tag = tagOf(node);
  const value = tag === undefined ? undefined : node[tag];
  return Array.isArray(value) ? (value as XmlNode[]) : [];
}

function attr(node: XmlNode | undefined, name: string): string | undefined {
  const attrs = node?.[":@"];
  if (!attrs || typeof attrs !== "object") return undefined;
  const value = (attrs as Record<string, unknown>)[name];
  return typeof value === "string" ? value : undefined;
}

function child(node: XmlNode | undefined, tag: string): XmlNode | undefined {
  if (!node) return undefined;
  return childrenOf(node).find((c) => tagOf(c) === tag);
}

/** The text of a run-level subtree: w:t text, tabs and breaks. Skips nested tables and deleted text. */
function runText(node: XmlNode): string {
  const tag = tagOf(node);
  if (tag === "#text") return "";
  if (tag === "w:t")
    return childrenOf(node)
      .map((c) => (typeof c["#text"] === "string" ? c["#text"] : String(c["#text"] ?? "")))
      .join("");
  if (tag === "w:tab") return "\t";
  if (tag === "w:br" || tag === "w:cr") return "\n";
  if (tag === "w:tbl" || tag === "w:del" || tag === "w:instrText" || tag === "w:pPr" || tag === "w:rPr") return "";
  return childrenOf(node).map(runText).join("");
}

/** A cell's paragraphs (including those inside content controls), one per line. */
function cellText(tc: XmlNode): string {
  const lines: string[] = [];
  const walk = (node: XmlNode) => {
    for (const c of childrenOf(node)) {
      const tag = tagOf(c);
      if (tag === "w:p") lines.push(runText(c));
      else if (tag === "w:sdt" || tag === "w:sdtContent" || tag === "w:customXml") walk(c);
    }
  };
  walk(tc);
  return lines
    .map((l) => l.replace(/[ \t]+$/u, ""))
    .join("\n")
    .replace(/^\n+|\n+$/g, "");
}

function hexFill(value: string | undefined): string | undefined {
  if (!value || !/^[0-9a-f]{6}$/i.test(value)) return undefined; // "auto" or a theme colour
  return value.toUpperCase();
}

/**
 * The tables in reading order, each with the paragraphs between it and the table before (its
 * heading, aim and KPIs). Tables nested in a table's cells are not plan tables and are skipped.
 */
function findTables(nodes: XmlNode[], out: { tbl: XmlNode; before: string[] }[], pending: string[]): void {
  for (const node of nodes) {
    const tag = tagOf(node);
    if (tag === "w:tbl") {
      out.push({ tbl: node, before: pending.splice(0) });
    } else if (tag === "w:p") {
      const text = runText(node).replace(/\s+/g, " ").trim();
      if (text !== "") {
        // At most 40 kept, the first few (a title) and the last (the table's heading, aim and KPIs).
        if (pending.length >= 40) pending.splice(5, 1);
        pending.push(text.slice(0, 1000));
      }
    } else if (tag !== undefined && tag !== "#text") findTables(childrenOf(node), out, pending);
  }
}

/** The title and subject in docProps/core.xml, when the author filled them in. */
async function coreProperties(zip: JSZip): Promise<FileProperties> {
  const core = await zip.file("docProps/core.xml")?.async("string");
  if (!core) return {};
  const field = (tag: string) => {
    const m = new RegExp(`<${tag}[^>]*>([^<]*)</${tag}>`).exec(core);
    const text = m?.[1]
      ?.replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, "&")
      .trim();
    return text ? text.slice(0, 300) : undefined;
  };
  const title = field("dc:title");
  const subject = field("dc:subject");
  return { ...(title ? { title } : {}), ...(subject ? { subject } : {}) };
}

/** Rows of one table as a grid, merges resolved. */
function readTable(tbl: XmlNode): Cell[][] {
  const rows: Cell[][] = [];
  const rowNodes: XmlNode[] = [];
  const collectRows = (node: XmlNode) => {
    for (const c of childrenOf(node)) {
      const tag = tagOf(c);
      if (tag === "w:tr") rowNodes.push(c);
      else if (tag === "w:sdt" || tag === "w:sdtContent" || tag === "w:customXml") collectRows(c);
    }
  };
  collectRows(tbl);
  for (const tr of rowNodes) {
    const row: Cell[] = [];
    const above = rows[rows.length - 1];
    const trPr = child(tr, "w:trPr");
    const before = Number.parseInt(attr(child(trPr, "w:gridBefore"), "w:val") ?? "0", 10);
    for (let i = 0; i < (Number.isFinite(before) ? Math.min(before, 64) : 0); i += 1) row.push({ text: "" });
    const cells: XmlNode[] = [];
    const collectCells = (node: XmlNode) => {
      for (const c of childrenOf(node)) {
        const tag = tagOf(c);
        if (tag === "w:tc") cells.push(c);
        else if (tag === "w:sdt" || tag === "w:sdtContent" || tag === "w:customXml") collectCells(c);
      }
    };
    collectCells(tr);
    for (const tc of cells) {
      const tcPr = child(tc, "w:tcPr");
      const spanText = attr(child(tcPr, "w:gridSpan"), "w:val");
      const parsedSpan = spanText === undefined ? 1 : Number.parseInt(spanText, 10);
      const span = Number.isFinite(parsedSpan) && parsedSpan >= 1 ? Math.min(parsedSpan, 64) : 1;
      const vMerge = child(tcPr, "w:vMerge");
      // <w:vMerge/> without a value (or "continue") continues the merge from the cell above.
      const continues = vMerge !== undefined && (attr(vMerge, "w:val") ?? "continue") === "continue";
      let cell: Cell;
      const column = row.length;
      const fromAbove = above?.[column];
      if (continues && fromAbove) {
        cell = { ...fromAbove };
      } else {
        cell = { text: cellText(tc) };
        const fill = hexFill(attr(child(tcPr, "w:shd"), "w:fill"));
        if (fill) cell.fill = fill;
      }
      for (let s = 0; s < span; s += 1) row.push({ ...cell });
    }
    rows.push(row);
  }
  const width = Math.max(0, ...rows.map((r) => r.length));
  for (const row of rows) while (row.length < width) row.push({ text: "" });
  return rows;
}

/** Reads every table of a .docx file. Never throws. */
export async function readDocx(bytes: Uint8Array): Promise<ReadResult> {
  try {
    const zip = await JSZip.loadAsync(bytes);
    const document = zip.file("word/document.xml");
    if (!document) return { ok: false, problem: "this is not a Word document: it has no word/document.xml" };
    const xml = await document.async("string");
    const parsed = parser.parse(xml) as XmlNode[];
    const found: { tbl: XmlNode; before: string[] }[] = [];
    findTables(Array.isArray(parsed) ? parsed : [], found, []);
    const tables: Table[] = found
      .map(({ tbl, before }, i) => ({ name: `Table ${i + 1}`, rows: readTable(tbl), before }))
      .filter((t) => t.rows.length > 0);
    if (tables.length === 0) return { ok: false, problem: "the Word document has no table: the plan must be in a table with a header row" };
    return { ok: true, tables, properties: await coreProperties(zip) };
  } catch (error) {
    return {
      ok: false,
      problem: `the Word file is damaged or incomplete and could not be opened (${error instanceof Error ? error.message : String(error)})`,
    };
  }
}
