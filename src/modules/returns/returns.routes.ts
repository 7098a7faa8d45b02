// The SEN2 return on the web (SPEC C4, D5): a page with the council's SEN2 settings, the
// validation report by child (each issue linked to the child's record) and the export; the same
// report as CSV; and a JSON API to validate, export and read a return in. SEND managers only.
import express, { type Request, type Response } from "express";
import { DESIGNATED_OFFICER_VALUES, MAX_IMPORT_BYTES } from "../../domain/sen2/constants.ts";
import { censusPeriod } from "../../domain/sen2/export.ts";
import { RULES } from "../../domain/sen2/validation.ts";
import { londonToday } from "../../platform/clock.ts";
import { InvalidInput } from "../../platform/errors.ts";
import { assertFormFields, errorSummary, type FormShape, formFieldProblems } from "../../platform/forms.ts";
import { requirePermission, withErrorPages } from "../../platform/http.ts";
import { parseMultipart } from "../../platform/multipart.ts";
import { actorOf } from "../access/access.service.ts";
import { ExportRefused, type ImportResult, type ReturnsService, Sen2FileRefused } from "./returns.service.ts";

export const SEN2_PAGE = "/returns/sen2";
const SEN2_UPLOAD = `${SEN2_PAGE}/import`;

/** The route that takes a SEN2 file from a form: the pipeline lets multipart reach it, after the CSRF check. */
export const SEN2_UPLOAD_PATHS = [SEN2_UPLOAD];

// The page's forms, read strictly (issue 12): a field they do not have is refused, naming it.
const SETTINGS_FORM: FormShape = { fields: ["laNumber", "dmo", "dco", "dsco", "year"] };
const EXPORT_FORM: FormShape = { fields: ["year", "allowErrors"] };
const IMPORT_FORM: FormShape = { fields: ["mode"] };

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
    const notHeld = settings ? await returns.itemsNotHeld(actorOf(u), u.roles, year) : undefined;
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
      notHeld,
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
        assertFormFields(req.body, SETTINGS_FORM);
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
        assertFormFields(req.body, EXPORT_FORM);
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

  // ---- Reading a council's last return in, from a form (issue 17, part 4) ----------------------

  const uploadPage = (res: Response, status = 200, extra: Record<string, unknown> = {}) =>
    res.status(status).render("returns-sen2-import.njk", {
      pageTitle: "Read in a SEN2 return",
      maxMegabytes: MAX_IMPORT_BYTES / 1048576,
      modeItems: [
        { value: "check", text: "Check the file: show what it would create, save nothing" },
        { value: "import", text: "Read the file in: create the children and their casework" },
      ],
      values: { mode: "check" },
      ...extra,
    });

  router.get(
    SEN2_UPLOAD,
    requirePermission("manageReturns"),
    withErrorPages(async (_req, res) => uploadPage(res)),
  );

  router.post(
    SEN2_UPLOAD,
    requirePermission("manageReturns"),
    withErrorPages(async (req, res) => {
      const u = user(req);
      if (!req.is("multipart/form-data")) {
        uploadPage(res, 415, { errors: [{ text: "Choose the SEN2 XML file with the form on this page", href: "#file" }] });
        return;
      }
      const upload = await parseMultipart(req, {
        maxBytes: MAX_IMPORT_BYTES,
        tooLargeMessage: `The selected file must be smaller than ${MAX_IMPORT_BYTES / 1048576} MB`,
        maxFields: 5,
      });
      const mode = upload.fields.mode === "import" ? "import" : upload.fields.mode === "check" ? "check" : "";
      const values = { mode };
      const fieldProblems: { field: string; message: string }[] = formFieldProblems(upload.fields, IMPORT_FORM);
      if (upload.file && upload.file.field !== "file")
        fieldProblems.push({ field: "file", message: "Choose the SEN2 XML file with the form on this page" });
      if (upload.tooLarge) {
        // Refused by its declared length, the form was not read: its size is the only problem to tell.
        if (!upload.tooLarge.name) fieldProblems.length = 0;
        const what = upload.tooLarge.name ? `"${upload.tooLarge.name}"` : "The file";
        fieldProblems.push({ field: "file", message: `${what} is larger than ${MAX_IMPORT_BYTES / 1048576} MB: a SEN2 return is smaller` });
        // The rest of the body is not worth reading: the connection ends with this answer.
        res.setHeader("Connection", "close");
      } else if (upload.problem) fieldProblems.push({ field: "file", message: upload.problem });
      else if (!upload.file || upload.file.bytes.length === 0) fieldProblems.push({ field: "file", message: "Select the SEN2 XML file" });
      if (!mode && !upload.tooLarge) fieldProblems.push({ field: "mode", message: "Select whether to check the file or read it in" });
      if (fieldProblems.length || !upload.file) {
        uploadPage(res, upload.tooLarge ? 413 : 400, { errors: errorSummary(fieldProblems), values });
        return;
      }
      const fileName = upload.file.name;
      try {
        const result = await returns.importReturn(actorOf(u), u.roles, upload.file.bytes, { dryRun: mode === "check" });
        uploadPage(res, 200, { values, fileName, result, resultRows: resultRows(result) });
      } catch (error) {
        if (!(error instanceof Sen2FileRefused)) throw error;
        const problems = error.sen2Problems;
        const words = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
        uploadPage(res, 400, {
          values,
          fileName,
          refused: problems,
          errors: [{ text: `"${fileName}" was not read, and nothing was saved: ${words}, listed below`, href: "#problems" }],
        });
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

  router.get(
    "/api/returns/sen2/items-not-held",
    requirePermission("manageReturns"),
    withErrorPages(async (req, res) => {
      const u = user(req);
      res.json(await returns.itemsNotHeld(actorOf(u), u.roles, yearOf(req.query.year)));
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

/** What a file read in created (or would create), in words for a summary list. */
function resultRows(r: ImportResult) {
  const row = (key: string, value: number | string) => ({ key: { text: key }, value: { text: String(value) } });
  return [
    row("Census year of the file", r.year),
    row("Children in the file", r.persons),
    row(r.dryRun ? "Children it would create" : "Children created", r.created),
    row("Children already held (left as they are)", r.alreadyHeld),
    row("Requests for assessment", r.requests),
    row("EHC plans", r.plans),
    row("Placements", r.placements),
    row("Annual reviews", r.reviews),
    row("SEN needs", r.needs),
  ];
}

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) || /^[=+\-@]/.test(value) ? `"${value.replace(/^([=+\-@])/, "'$1").replace(/"/g, '""')}"` : value;
}
