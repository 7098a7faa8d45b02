// Excel (.xlsx): the table with one row per action on the first sheet, then one sheet for each
// other table (summary, key); every sheet has a frozen header row, filters and status fills.
import ExcelJS from "exceljs";
import { type ReportDocument, STATUS_FILLS, type Table } from "./document.ts";

/** Excel sheet names: at most 31 characters, none of : \ / ? * [ ], unique in the workbook. */
function sheetName(title: string, used: Set<string>): string {
  const base =
    title
      .replace(/[:\\/?*[\]]/g, " ")
      .slice(0, 28)
      .trim() || "Sheet";
  let name = base;
  for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base.slice(0, 27)} ${n}`;
  used.add(name.toLowerCase());
  return name;
}

function addSheet(workbook: ExcelJS.Workbook, table: Table, used: Set<string>, footer: string): void {
  const sheet = workbook.addWorksheet(sheetName(table.title, used), {
    views: [{ state: "frozen", ySplit: 1 }],
    pageSetup: { orientation: "landscape", paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: "1:1" },
    headerFooter: { oddFooter: `&C${footer.replace(/&/g, "&&")}` },
  });
  sheet.columns = table.columns.map((c) => ({ header: c.header, width: Math.min(80, 8 + c.width * 6) }));
  const headerRow = sheet.getRow(1);
  headerRow.font = { bold: true };
  headerRow.alignment = { vertical: "top", wrapText: true };
  for (const cells of table.rows) {
    const row = sheet.addRow(cells.map((c) => c.text));
    row.alignment = { vertical: "top", wrapText: true };
    cells.forEach((c, i) => {
      const fill = c.colour ? STATUS_FILLS[c.colour] : null;
      if (!fill) return;
      const cell = row.getCell(i + 1);
      cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: `FF${fill.fill}` } };
      cell.font = { bold: true, color: { argb: `FF${fill.text}` } };
    });
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.columns.length } };
}

export async function renderXlsx(document: ReportDocument): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "SEND Oversight";
  workbook.title = document.title;
  workbook.subject = document.asAtLine;
  const tables = document.blocks.flatMap((b) => (b.type === "table" ? [b.table] : []));
  const ordered = [...tables.filter((t) => t.primary), ...tables.filter((t) => !t.primary)];
  const used = new Set<string>();
  for (const table of ordered) addSheet(workbook, table, used, `${document.title}. ${document.asAtLine}`);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
