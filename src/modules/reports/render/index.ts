// Renders a report in any of the formats agenda packs use.
import type { Report } from "../report-model.ts";
import { renderCsv } from "./csv.ts";
import { toDocument } from "./document.ts";
import { renderDocx } from "./docx.ts";
import { renderHtml } from "./html.ts";
import { renderJson } from "./json.ts";
import { renderPdf } from "./pdf.ts";
import { renderXlsx } from "./xlsx.ts";

export const REPORT_FORMATS = ["docx", "xlsx", "csv", "json", "html", "pdf"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const CONTENT_TYPES: Record<ReportFormat, string> = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  csv: "text/csv; charset=utf-8",
  json: "application/json; charset=utf-8",
  html: "text/html; charset=utf-8",
  pdf: "application/pdf",
};

export async function renderReport(report: Report, format: ReportFormat): Promise<Buffer> {
  if (format === "json") return renderJson(report);
  const document = toDocument(report);
  switch (format) {
    case "docx":
      return renderDocx(document);
    case "xlsx":
      return renderXlsx(document);
    case "csv":
      return renderCsv(document);
    case "html":
      return renderHtml(document);
    case "pdf":
      return renderPdf(document);
  }
}
