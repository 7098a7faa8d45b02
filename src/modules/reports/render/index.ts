// Renders a report in any of the formats agenda packs use.
import { smallChartSvg } from "../../measures/measures.chart.ts";
import { progressSheetsOf } from "../report-measures.ts";
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

/** The bound measures' small charts (accessible SVG, Vega-Lite), by binding id: for Word, HTML and PDF. */
export async function boundMeasureCharts(report: Report): Promise<Map<string, string>> {
  const measures = progressSheetsOf(report).flatMap((sheet) => sheet.boundMeasures ?? []);
  const charts = await Promise.all(
    measures.map((m) =>
      smallChartSvg({
        id: `report-${m.linkId}`,
        title: `Action ${m.number}: ${m.title}, each month's figure to ${m.asAt}, and the milestone line`,
        unit: m.unit,
        actuals: m.series.map((p) => ({ label: p.label, value: p.value })),
        milestones: m.series.map((p) => ({ label: p.label, value: p.milestone })),
      }),
    ),
  );
  return new Map(measures.map((m, i) => [m.linkId, charts[i] as string]));
}

export async function renderReport(report: Report, format: ReportFormat): Promise<Buffer> {
  if (format === "json") return renderJson(report);
  const withCharts = format === "docx" || format === "html" || format === "pdf";
  const document = toDocument(report, withCharts ? await boundMeasureCharts(report) : undefined);
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
