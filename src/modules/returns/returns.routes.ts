// The SEN2 return on the web (SPEC C4, D5): a page with the council's SEN2 settings, the
// validation report by child (each issue linked to the child's record) and the export; the same
// report as CSV; and a JSON API to validate, export and read a return in. SEND managers only.
import express, { type Request, type Response } from "express";
import { DESIGNATED_OFFICER_VALUES } from "../../domain/sen2/constants.ts";
import { censusPeriod } from "../../domain/sen2/export.ts";
import { RULES } from "../../domain/sen2/validation.ts";
import { londonToday } from "../../platform/clock.ts";
import { InvalidInput } from "../../platform/errors.ts";
import { errorSummary } from "../../platform/forms.ts";
import { requirePermission, withErrorPages } from "../../platform/http.ts";
import { actorOf } from "../access/access.service.ts";
import { ExportRefused, type ReturnsService } from "./returns.service.ts";

export const SEN2_PAGE = "/returns/sen2";

export function returnsRoutes(returns: ReturnsService, today: () => string = londonToday): express.Router {
  const router = express.Router();
  const user = (req: Request) => req.user as NonNullable<Request["user"]>;
  /** The return due next: January's census after today (this January's until the end of March). */
  const defaultYear = () => {
    const now = today();
    return Number(now.slice(0, 4)) + (now.slice(5, 7) > "03" ? 1 : 0);
  };
  const yearOf = (value: unknown): number => {
    const text = typeof value === "string" && value ? value : String(defaultYear());
    if (!/^\d{4}$/.test(text)) throw new InvalidInput([{ field: "year", message: "Enter the census year, like 2027" }]);
    return Number(text);
  };

  const page = async (req: Request, res: Response, status = 200, extra: Record<string, unknown> = {}) => {
    const u = user(req);
    const year = yearOf(req.query.year ?? req.body?.year);
    const settings = await returns.settings(actorOf(u), u.roles);
    const report = settings ? await returns.validate(actorOf(u), u.roles, year) : undefined;
    const reconciliation = settings ? await returns.reconcile(actorOf(u), u.roles, year) : undefined;
    const thisYear = defaultYear();
    res.status(status).render("returns-sen2.njk", {
      pageTitle: `SEN2 return ${year}`,
      year: String(year),
      years: [thisYear - 2, thisYear - 1, thisYear, thisYear + 1].map((y) => ({ value: String(y), text: String(y) })),
      period: censusPeriod(year),
      settings: settings ?? null,
      values: { laNumber: settings?.la_number ?? "", dmo: settings?.dmo ?? "", dco: settings?.dco ?? "", dsco: settings?.dsco ?? "" },
      officerItems: [{ value: "", text: "Not given" }, ...DESIGNATED_OFFICER_VALUES.map((v) => ({ value: v, text: v }))],
      report,
      reconciliation,
      rules: RULES,
      ...extra,
    });
  };

  router.get(
    SEN2_PAGE,
    requirePermission("manageReturns"),
    withErrorPages(async (req, res) => page(req, res)),
  );

  router.post(
    `${SEN2_PAGE}/settings`,
    requirePermission("manageReturns"),
    withErrorPages(async (req, res) => {
      const u = user(req);
      const body = Object.fromEntries(["laNumber", "dmo", "dco", "dsco"].map((k) => [k, String(req.body?.[k] ?? "").slice(0, 20)]));
      try {
        await returns.saveSettings(actorOf(u), u.roles, body);
        res.redirect(303, `${SEN2_PAGE}?year=${yearOf(req.body?.year)}`);
      } catch (error) {
        if (!(error instanceof InvalidInput)) throw error;
        await page(req, res, 400, { errors: errorSummary(error.problems), values: body });
      }
    }),
  );

  router.post(
    `${SEN2_PAGE}/export`,
    requirePermission("manageReturns"),
    withErrorPages(async (req, res) => {
      const u = user(req);
      const year = yearOf(req.body?.year);
      const reason = String(req.body?.allowErrors ?? "").slice(0, 1000);
      try {
        const result = await returns.exportReturn(actorOf(u), u.roles, year, reason.trim() ? { allowErrors: reason } : {});
        res.set("Content-Type", "application/xml; charset=utf-8");
        res.set("Content-Disposition", `attachment; filename="sen2-${year}-${result.serialNo}.xml"`);
        res.send(result.xml);
      } catch (error) {
        if (error instanceof ExportRefused) {
          await page(req, res, 400, { errors: [{ text: error.message, href: "#allowErrors" }] });
          return;
        }
        if (!(error instanceof InvalidInput)) throw error;
        await page(req, res, 400, { errors: errorSummary(error.problems) });
      }
    }),
  );

  router.get(
    `${SEN2_PAGE}/validation.csv`,
    requirePermission("manageReturns"),
    withErrorPages(async (req, res) => {
      const u = user(req);
      const report = await returns.validate(actorOf(u), u.roles, yearOf(req.query.year));
      const rows = [
        ["Severity", "Rule", "Rule in words", "Child", "Item", "Problem", "Case"],
        ...report.issues.map((i) => [i.severity, i.rule, RULES[i.rule]?.text ?? "", i.where, i.item, i.message, i.caseId ?? ""]),
      ];
      res.set("Content-Type", "text/csv; charset=utf-8");
      res.set("Content-Disposition", `attachment; filename="sen2-${report.year}-validation.csv"`);
      res.send(`\uFEFF${rows.map((r) => r.map(csvCell).join(",")).join("\r\n")}\r\n`);
    }),
  );

  // ---- JSON API (described by /api/openapi.json) ------------------------------------------------

  router.get(
    "/api/returns/sen2/validation",
    requirePermission("manageReturns"),
    withErrorPages(async (req, res) => {
      const u = user(req);
      res.json(await returns.validate(actorOf(u), u.roles, yearOf(req.query.year)));
    }),
  );

  router.get(
    "/api/returns/sen2/reconciliation",
    requirePermission("manageReturns"),
    withErrorPages(async (req, res) => {
      const u = user(req);
      res.json(await returns.reconcile(actorOf(u), u.roles, yearOf(req.query.year)));
    }),
  );

  router.post(
    "/api/returns/sen2/export",
    requirePermission("manageReturns"),
    withErrorPages(async (req, res) => {
      const u = user(req);
      const reason = typeof req.body?.allowErrors === "string" ? req.body.allowErrors : undefined;
      try {
        const result = await returns.exportReturn(
          actorOf(u),
          u.roles,
          yearOf(req.body?.year ?? req.query.year),
          reason !== undefined ? { allowErrors: reason } : {},
        );
        res.set("Content-Type", "application/xml; charset=utf-8");
        res.set("Content-Disposition", `attachment; filename="sen2-${result.year}-${result.serialNo}.xml"`);
        res.send(result.xml);
      } catch (error) {
        if (!(error instanceof ExportRefused)) throw error;
        res.status(409).json({ refused: error.message, issues: error.issues });
      }
    }),
  );

  // The file is the body (Content-Type application/xml, read by request-parsing.ts); ?dryRun=true
  // previews and saves nothing.
  router.post(
    "/api/returns/sen2/import",
    requirePermission("manageReturns"),
    withErrorPages(async (req, res) => {
      const u = user(req);
      if (!Buffer.isBuffer(req.body)) {
        res.status(415).json({ errors: [{ field: "file", message: "Send the SEN2 XML file as the body, with Content-Type: application/xml" }] });
        return;
      }
      res.json(await returns.importReturn(actorOf(u), u.roles, req.body, { dryRun: req.query.dryRun === "true" }));
    }),
  );

  return router;
}

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) || /^[=+\-@]/.test(value) ? `"${value.replace(/^([=+\-@])/, "'$1").replace(/"/g, '""')}"` : value;
}
