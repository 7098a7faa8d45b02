// Pages for importing a plan (SPEC A11) and closing one with carry-forward (SPEC A12). The upload
// is parsed in memory (busboy, 50 MB), held server-side for 30 minutes between the preview (a dry
// run) and the commit, and deleted once imported. Routes parse, call the services, render.
import { timingSafeEqual } from "node:crypto";
import busboy from "busboy";
import express, { type Request, type Response } from "express";
import { isIsoDate } from "../../domain/dates.ts";
import { FIELD_LABELS, IMPORT_FIELDS, type ImportField, type MappingOverride } from "../../domain/imports/mapping.ts";
import { BUILT_IN_SCHEMES } from "../../domain/plans/schemes.ts";
import { londonToday } from "../../platform/clock.ts";
import { InvalidInput } from "../../platform/errors.ts";
import { renderError, requirePermission, withErrorPages } from "../../platform/http.ts";
import { actorOf, type CurrentUser, userCan } from "../access/access.service.ts";
import { CLOSURE_DISPOSITIONS, type ClosureDisposition, isUuid, NotFound, type PlansService } from "../plans/plans.service.ts";
import type { ImportsService } from "./imports.service.ts";
import { MAX_IMPORT_BYTES } from "./readers/index.ts";

const MAX_FIELDS = 20;

interface Upload {
  fields: Record<string, string>;
  file?: { name: string; bytes: Buffer };
  problem?: string;
}

/** Reads a multipart form into memory: one file up to 50 MB, at most 20 fields. */
export function parseMultipart(req: Request): Promise<Upload> {
  return new Promise((resolve) => {
    const out: Upload = { fields: {} };
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { fileSize: MAX_IMPORT_BYTES, fields: MAX_FIELDS, files: 1, fieldSize: 100_000 } });
    } catch {
      resolve({ fields: {}, problem: "The upload could not be read: send the form again" });
      return;
    }
    parser.on("field", (name, value) => {
      out.fields[name] = value;
    });
    parser.on("file", (_name, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("limit", () => {
        out.problem = "The selected file must be smaller than 50 MB";
      });
      stream.on("end", () => {
        if (info.filename && !out.problem) out.file = { name: info.filename, bytes: Buffer.concat(chunks) };
      });
    });
    parser.on("fieldsLimit", () => {
      out.problem = "The form has too many fields: send it again from the import page";
    });
    parser.on("filesLimit", () => {
      out.problem = "Select one file";
    });
    parser.on("error", () => resolve({ fields: {}, problem: "The upload could not be read: send the form again" }));
    parser.on("close", () => resolve(out));
    req.pipe(parser);
  });
}

function sameToken(sent: string, expected: string): boolean {
  return sent.length === expected.length && timingSafeEqual(Buffer.from(sent), Buffer.from(expected));
}

const DISPOSITION_TEXT: Record<ClosureDisposition["disposition"], string> = {
  completed: "Completed",
  "business-as-usual": "Business as usual",
  carried: "Carried into another plan",
  owner: "Still to be done by a named owner",
};

export function importsRoutes(imports: ImportsService, plans: PlansService, today: () => string = londonToday): express.Router {
  const router = express.Router();
  const read = requirePermission("readPlans");
  const edit = requirePermission("editPlans");
  const user = (req: Request) => req.user as NonNullable<Request["user"]>;
  const handle = withErrorPages;
  const schemes = BUILT_IN_SCHEMES.map((s) => ({ value: s.code, text: s.name }));

  const uploadForm = async (req: Request, res: Response, status = 200, extra: Record<string, unknown> = {}) => {
    const list = await plans.listPlansAs(actorOf(user(req)));
    res.status(status).render("imports-upload.njk", {
      pageTitle: "Import a plan",
      planItems: [{ value: "", text: "A new plan" }, ...list.filter((p) => p.state === "active").map((p) => ({ value: p.id, text: p.title }))],
      schemeItems: schemes,
      values: { scheme: "four-state" },
      ...extra,
    });
  };

  interface Options {
    planId?: string;
    scheme?: string;
    asOf: string;
  }

  const previewPage = async (
    req: Request,
    res: Response,
    upload: { id: string; file_name: string; bytes: Buffer },
    options: Options,
    mapping: MappingOverride | undefined,
    status = 200,
  ) => {
    const preview = await imports.preview(actorOf(user(req)), user(req).roles, {
      fileName: upload.file_name,
      bytes: upload.bytes,
      dryRun: true,
      asOf: options.asOf,
      ...(options.planId ? { planId: options.planId } : {}),
      ...(options.scheme ? { scheme: options.scheme } : {}),
      ...(mapping ? { mapping } : {}),
    });
    const { report } = preview;
    const headerTexts = [...new Set(preview.headers.flatMap((h) => h.columns).filter((c) => c !== ""))];
    const chosen = preview.mappings[0]?.columns ?? {};
    const errors = report.problems.map((p) => ({
      text: `${p.row ? `Row ${p.row}` : "The file"}${p.column ? `, column ${p.column}` : ""}: ${p.message}`,
      href: "#mapping",
    }));
    res.status(errors.length && status === 200 ? 400 : status).render("imports-preview.njk", {
      pageTitle: errors.length ? "Error: Check the import" : "Check the import",
      upload: { id: upload.id, fileName: upload.file_name },
      options,
      report,
      errors,
      remembered: preview.remembered,
      mappings: preview.mappings.map((m) => ({
        ...m,
        rows: IMPORT_FIELDS.filter((f) => m.columns[f] !== undefined).map((f) => [{ text: FIELD_LABELS[f] }, { text: m.columns[f] }]),
      })),
      fields: IMPORT_FIELDS.map((f) => ({
        name: `map-${f}`,
        label: FIELD_LABELS[f],
        items: [{ value: "", text: "Not in the file" }, ...headerTexts.map((h) => ({ value: h, text: h }))].map((i) => ({
          ...i,
          selected: i.value === (chosen[f] ?? ""),
        })),
      })),
    });
  };

  router.get(
    "/plans/import",
    edit,
    handle(async (req, res) => uploadForm(req, res)),
  );

  router.post(
    "/plans/import",
    edit,
    handle(async (req, res) => {
      if (!req.is("multipart/form-data")) {
        await uploadForm(req, res, 415, {
          errors: [{ text: "Upload the file with the form on this page (multipart/form-data)", href: "#file" }],
        });
        return;
      }
      const upload = await parseMultipart(req);
      // The CSRF check for multipart forms: the header was checked before the route; otherwise the form's field.
      if (!req.get("x-csrf-token") && !sameToken(upload.fields._csrf ?? "", String(res.locals.csrfToken ?? ""))) {
        renderError(req, res, 403, "This form could not be checked", ["Go back, reload the page and try again. Nothing has been changed."]);
        return;
      }
      const f = upload.fields;
      const values = { ...f };
      const errors: { text: string; href: string }[] = [];
      if (upload.problem) errors.push({ text: upload.problem, href: "#file" });
      else if (!upload.file || upload.file.bytes.length === 0) errors.push({ text: "Select a .xlsx, .csv or .docx file", href: "#file" });
      const planId = f.planId && isUuid(f.planId) ? f.planId : undefined;
      if (f.planId && !planId) errors.push({ text: "Choose a plan from the list", href: "#planId" });
      const scheme = f.scheme || "four-state";
      if (!planId && !schemes.some((s) => s.value === scheme)) errors.push({ text: "Choose a status scheme", href: "#scheme" });
      let asOf = today();
      if (f["asOf-day"] || f["asOf-month"] || f["asOf-year"]) {
        const iso = `${(f["asOf-year"] ?? "").trim()}-${(f["asOf-month"] ?? "").trim().padStart(2, "0")}-${(f["asOf-day"] ?? "").trim().padStart(2, "0")}`;
        if (isIsoDate(iso)) asOf = iso;
        else errors.push({ text: "The date the file speaks for must be a real date", href: "#asOf-day" });
      }
      if (errors.length || !upload.file) {
        await uploadForm(req, res, upload.problem?.includes("50 MB") ? 413 : 400, { errors, values });
        return;
      }
      const saved = await plans.saveImportUpload(user(req), { fileName: upload.file.name.slice(0, 300), bytes: upload.file.bytes });
      const stored = { id: saved.id, file_name: saved.file_name, bytes: upload.file.bytes };
      await previewPage(req, res, stored, { asOf, ...(planId ? { planId } : { scheme }) }, undefined);
    }),
  );

  router.post(
    "/plans/import/:uploadId",
    edit,
    handle(async (req, res) => {
      const upload = await plans.findImportUpload(user(req), String(req.params.uploadId));
      if (!upload) {
        await uploadForm(req, res, 410, {
          errors: [{ text: "The uploaded file is no longer held (after 30 minutes): upload it again", href: "#file" }],
        });
        return;
      }
      const body = req.body as Record<string, string | undefined>;
      const options: Options = {
        asOf: body.asOf && isIsoDate(body.asOf) ? body.asOf : today(),
        ...(body.planId && isUuid(body.planId) ? { planId: body.planId } : {}),
        ...(body.scheme ? { scheme: body.scheme } : {}),
      };
      const mapping: MappingOverride = {};
      for (const field of IMPORT_FIELDS) {
        const key = `map-${field}`;
        if (key in body) mapping[field as ImportField] = body[key] ? String(body[key]) : null;
      }
      const chosen = Object.keys(mapping).length ? mapping : undefined;
      if (body.intent !== "import") {
        if (chosen) await plans.setImportUploadMapping(user(req), upload.id, chosen);
        await previewPage(req, res, upload, options, chosen);
        return;
      }
      const report = await imports.importFile(actorOf(user(req)), user(req).roles, {
        fileName: upload.file_name,
        bytes: upload.bytes,
        dryRun: false,
        asOf: options.asOf,
        ...(options.planId ? { planId: options.planId } : {}),
        ...(options.scheme ? { scheme: options.scheme } : {}),
        ...(chosen ? { mapping: chosen } : {}),
      });
      if (report.problems.length || !report.planId) {
        await previewPage(req, res, upload, options, chosen, 400);
        return;
      }
      await plans.deleteImportUpload(user(req), upload.id);
      res.redirect(303, `/plans/${report.planId}?imported=1`);
    }),
  );

  // ---- closing a plan (SPEC A12) ------------------------------------------------------------------

  const closeForm = async (req: Request, res: Response, status = 200, extra: Record<string, unknown> = {}) => {
    const candidates = await plans.closureCandidates(user(req), planIdOf(req));
    if (candidates.plan.state === "closed") {
      res.redirect(303, `/plans/${candidates.plan.id}/closure`);
      return;
    }
    const values = (extra.values ?? {}) as Record<string, string>;
    res.status(status).render("imports-close.njk", {
      pageTitle: `${status === 400 ? "Error: " : ""}Close ${candidates.plan.title}`,
      plan: candidates.plan,
      actions: candidates.open.map((a) => ({
        ...a,
        dispositionItems: CLOSURE_DISPOSITIONS.map((d) => ({ value: d, text: DISPOSITION_TEXT[d], checked: values[`disposition-${a.id}`] === d })),
        targetItems: [{ value: "", text: "Choose a plan" }, ...candidates.targets.map((t) => ({ value: t.id, text: t.title }))].map((t) => ({
          ...t,
          selected: t.value === (values[`target-${a.id}`] ?? ""),
        })),
      })),
      values,
      ...extra,
    });
  };

  router.get(
    "/plans/:planId/close",
    edit,
    handle(async (req, res) => closeForm(req, res)),
  );

  router.post(
    "/plans/:planId/close",
    edit,
    handle(async (req, res) => {
      const body = req.body as Record<string, string | undefined>;
      const dispositions: ClosureDisposition[] = Object.keys(body)
        .filter((k) => k.startsWith("disposition-"))
        .map((k) => {
          const actionId = k.slice("disposition-".length);
          return {
            actionId,
            disposition: String(body[k]) as ClosureDisposition["disposition"],
            ...(body[`target-${actionId}`] ? { targetPlanId: String(body[`target-${actionId}`]) } : {}),
            ...(body[`owner-${actionId}`] ? { owner: String(body[`owner-${actionId}`]) } : {}),
            ...(body[`note-${actionId}`] ? { note: String(body[`note-${actionId}`]) } : {}),
          };
        });
      try {
        await plans.closePlan(user(req), planIdOf(req), dispositions);
        res.redirect(303, `/plans/${planIdOf(req)}/closure`);
      } catch (error) {
        if (!(error instanceof InvalidInput)) throw error;
        await closeForm(req, res, 400, { errors: error.problems.map((p) => ({ text: p.message, href: `#${p.field}` })), values: body });
      }
    }),
  );

  router.get(
    "/plans/:planId/closure",
    read,
    handle(async (req, res) => {
      const closure = await plans.closure(user(req), planIdOf(req));
      res.render("imports-closure.njk", {
        pageTitle: `How ${closure.plan.title} closed`,
        plan: closure.plan,
        rows: closure.rows,
        canEdit: userCan(user(req) as CurrentUser, "editPlans"),
      });
    }),
  );

  return router;
}

function planIdOf(req: Request): string {
  const id = String(req.params.planId);
  if (!isUuid(id)) throw new NotFound("No such plan.");
  return id;
}
