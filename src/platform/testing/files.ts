// Small real files for tests: a well-formed PDF, a PNG, and Word and Excel files made by the
// libraries the reports use, so checks that read a file's content meet the real thing.
import { Document, Packer, Paragraph } from "docx";
import ExcelJS from "exceljs";

/** A small, well-formed PDF: one empty page. */
export function tinyPdf(): Buffer {
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
  ];
  let body = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, "latin1");
}

export const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");

export async function wordFile(): Promise<Buffer> {
  return Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph("Minutes of the SEND Improvement Board")] }] }));
}

export async function excelFile(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.addWorksheet("KPIs").addRow(["EHC plans issued in 20 weeks", 0.62]);
  return Buffer.from(await book.xlsx.writeBuffer());
}
