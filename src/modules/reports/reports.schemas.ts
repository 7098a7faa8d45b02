// The report request (kind, format, as-at and since dates) and the messages people see.
import { isIsoDate } from "../../domain/dates.ts";
import type { FieldProblem } from "../../platform/errors.ts";
import { REPORT_FORMATS, type ReportFormat } from "./render/index.ts";
import { REPORT_KIND_TITLES, REPORT_KINDS, type ReportKind } from "./report-model.ts";

export interface ReportRequest {
  kind: ReportKind;
  format: ReportFormat;
  asAt?: string;
  since?: string;
  /** Meeting pack: the forum (its id or code) and the meeting's date, which is the as-at date. */
  forum?: string;
  meeting?: string;
}

/** A date from "YYYY-MM-DD" or the GOV.UK date input's day, month and year fields. */
function dateField(input: Record<string, unknown>, name: string, label: string): { date?: string; problem?: FieldProblem } {
  const raw = input[name];
  let text = typeof raw === "string" ? raw.trim() : "";
  if (!text) {
    const [day, month, year] = ["day", "month", "year"].map((p) => String(input[`${name}-${p}`] ?? "").trim());
    if (!day && !month && !year) return {};
    if (!day || !month || !year) return { problem: { field: name, message: `${label} must include a day, month and year` } };
    if (![day, month, year].every((p) => /^\d+$/.test(p))) return { problem: { field: name, message: `${label} must be a real date` } };
    text = `${year.padStart(4, "0")}-${month.padStart(2, "0")}-${day.padStart(2, "0")}`;
  }
  if (!isIsoDate(text)) return { problem: { field: name, message: `${label} must be a real date, like 2022-03-15` } };
  return { date: text };
}

export function parseReportRequest(input: Record<string, unknown>): { value?: ReportRequest; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const kind = String(input.kind ?? "");
  const format = String(input.format ?? "");
  if (!REPORT_KINDS.includes(kind as ReportKind)) {
    problems.push({
      field: "kind",
      message: `Choose the kind of report: ${REPORT_KINDS.map((k) => `${k} (${REPORT_KIND_TITLES[k].toLowerCase()})`).join(", ")}`,
    });
  }
  if (!REPORT_FORMATS.includes(format as ReportFormat)) {
    problems.push({ field: "format", message: `Choose the format: one of ${REPORT_FORMATS.join(", ")}` });
  }
  const asAt = dateField(input, "asAt", "The as-at date");
  const since = dateField(input, "since", "The date of the previous report");
  if (asAt.problem) problems.push(asAt.problem);
  if (since.problem) problems.push(since.problem);
  if (asAt.date && since.date && since.date >= asAt.date) {
    problems.push({ field: "since", message: "The date of the previous report must be before the as-at date" });
  }
  const meeting = dateField(input, "meeting", "The date of the meeting");
  const forum = typeof input.forum === "string" ? input.forum.trim() : "";
  if (kind === "meeting") {
    if (!forum) problems.push({ field: "forum", message: "Choose the forum whose meeting the pack is for" });
    else if (forum.length > 100) problems.push({ field: "forum", message: "The forum must be its id or code" });
    if (meeting.problem) problems.push(meeting.problem);
    else if (!meeting.date) problems.push({ field: "meeting", message: "Enter the date of the meeting" });
  }
  if (problems.length) return { problems };
  return {
    problems,
    value: {
      kind: kind as ReportKind,
      format: format as ReportFormat,
      ...(asAt.date ? { asAt: asAt.date } : {}),
      ...(since.date ? { since: since.date } : {}),
      ...(kind === "meeting" ? { forum, meeting: meeting.date as string, asAt: meeting.date as string } : {}),
    },
  };
}
