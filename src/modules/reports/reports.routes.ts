// The "Download report" page and the report files (SPEC A9): the same address serves people and
// programs (/plans/:planId/reports/progress.docx?asAt=2022-03-15&since=2022-01-13).
import express, { type Request, type Response } from "express";
import { formatDate } from "../../domain/dates.ts";
import { ChromiumBusy } from "../../platform/chromium.ts";
import { londonToday } from "../../platform/clock.ts";
import { InvalidInput } from "../../platform/errors.ts";
import { errorSummary } from "../../platform/forms.ts";
import { renderError, requirePermission, withErrorPages } from "../../platform/http.ts";
import { actorOf } from "../access/access.service.ts";
import { REPORT_FORMATS } from "./render/index.ts";
import { PdfUnavailable } from "./render/pdf.ts";
import { REPORT_KIND_TITLES, REPORT_KINDS } from "./report-model.ts";
import { parseReportRequest } from "./reports.schemas.ts";
import type { ReportsService } from "./reports.service.ts";

const FORMAT_TITLES: Record<(typeof REPORT_FORMATS)[number], string> = {
  docx: "Word (.docx), for agenda packs",
  xlsx: "Excel (.xlsx)",
  csv: "CSV (the table with one row per action)",
  json: "JSON (for other programs)",
  html: "Web page (.html), for printing",
  pdf: "PDF, ready to print",
};

const KIND_HINTS: Record<(typeof REPORT_KINDS)[number], string> = {
  progress: "One row per action with its status and latest commentary, the summary and the status key",
  exceptions: "Actions rated below on track, past their due date, missing an update or with dates to be confirmed, and why",
  summary: "Counts by status, and ratings initially, at the previous report and now, per section and overall",
  changes: "New actions, status changes, new commentary and completed actions since the previous report",
  meeting: "For a forum's meeting: the actions reporting to it, their progress and exceptions, and what changed since its previous meeting",
};

export function reportsRoutes(reports: ReportsService, today: () => string = londonToday): express.Router {
  const router = express.Router();
  const read = requirePermission("readPlans");
  const user = (req: Request) => req.user as NonNullable<Request["user"]>;

  router.get(
    "/plans/:planId/reports",
    read,
    withErrorPages(async (req, res) => {
      const u = user(req);
      const plan = await reports.planTitle(actorOf(u), u.roles, String(req.params.planId));
      const query = req.query as Record<string, unknown>;
      const submitted = query.kind !== undefined || query.format !== undefined;
      const { value, problems } = submitted ? parseReportRequest(query) : { value: undefined, problems: [] };
      if (value) {
        const params =
          value.kind === "meeting"
            ? new URLSearchParams({ forum: value.forum ?? "", meeting: value.meeting ?? "" })
            : new URLSearchParams({ asAt: value.asAt ?? today(), ...(value.since ? { since: value.since } : {}) });
        res.redirect(303, `/plans/${plan.id}/reports/${value.kind}.${value.format}?${params}`);
        return;
      }
      const asAt = (typeof query.asAt === "string" && query.asAt) || today();
      res.status(problems.length ? 400 : 200).render("reports.njk", {
        pageTitle: `${problems.length ? "Error: " : ""}Download a report: ${plan.title}`,
        plan,
        errors: errorSummary(problems, ["asAt", "since", "meeting"]),
        kinds: REPORT_KINDS.map((k) => ({
          value: k,
          text: REPORT_KIND_TITLES[k],
          hint: { text: KIND_HINTS[k] },
          checked: (query.kind ?? "progress") === k,
        })),
        formats: REPORT_FORMATS.map((f) => ({ value: f, text: FORMAT_TITLES[f], checked: (query.format ?? "docx") === f })),
        asAt: {
          day: query["asAt-day"] ?? asAt.slice(8, 10),
          month: query["asAt-month"] ?? asAt.slice(5, 7),
          year: query["asAt-year"] ?? asAt.slice(0, 4),
        },
        since: { day: query["since-day"] ?? "", month: query["since-month"] ?? "", year: query["since-year"] ?? "" },
        forums: [
          { value: "", text: "Choose a forum" },
          ...plan.forums.map((f) => ({ value: f.id, text: f.name, selected: query.forum === f.id || query.forum === f.code })),
        ],
        meeting: { day: query["meeting-day"] ?? "", month: query["meeting-month"] ?? "", year: query["meeting-year"] ?? "" },
        todayText: formatDate(today()),
      });
    }),
  );

  /** Sends the report file; `planRef` null is a meeting pack across the council's plans. */
  async function sendFile(req: Request, res: Response, planRef: string | null, params: Record<string, unknown>): Promise<void> {
    const u = user(req);
    const { value, problems } = parseReportRequest({ ...(req.query as Record<string, unknown>), ...params });
    if (!value) {
      res.status(400).json({ errors: problems });
      return;
    }
    const file = await reports.reportFile(actorOf(u), u.roles, planRef, { ...value, asAt: value.asAt ?? today() }).catch((error) => {
      if (error instanceof InvalidInput) {
        res.status(400).json({ errors: error.problems });
        return undefined;
      }
      if (error instanceof PdfUnavailable) {
        renderError(req, res, 503, "PDF reports are not available", [error.message]);
        return undefined;
      }
      if (error instanceof ChromiumBusy) {
        res.setHeader("Retry-After", "60");
        renderError(req, res, 503, "PDF reports are busy", [error.message]);
        return undefined;
      }
      throw error;
    });
    if (!file) return;
    res.type(file.contentType);
    // JSON is read by programs in place and the web page opens in the browser for printing
    // (issue 20); every other format is a file to save.
    if (value.format === "json" || value.format === "html") res.setHeader("Content-Disposition", `inline; filename="${file.filename}"`);
    else res.attachment(file.filename);
    // The web page carries its own styles; it runs no script.
    if (value.format === "html") res.setHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
    res.setHeader("Cache-Control", "private, no-store");
    res.send(file.body);
  }

  router.get(
    "/plans/:planId/reports/:kind.:format",
    read,
    withErrorPages((req, res) => sendFile(req, res, String(req.params.planId), { kind: req.params.kind, format: req.params.format })),
  );

  // A forum's meeting pack across every plan of the council: /forums/:forumId/reports/meeting.docx?meeting=2022-03-15
  router.get(
    "/forums/:forumId/reports/meeting.:format",
    read,
    withErrorPages((req, res) => sendFile(req, res, null, { kind: "meeting", format: req.params.format, forum: req.params.forumId })),
  );

  return router;
}
