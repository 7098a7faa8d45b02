// Evidence files on pages and in the JSON API (issue 13): attach a file to an action or one of its
// updates, list them, download one. Uploads are multipart: the pipeline lets multipart reach only
// EVIDENCE_UPLOAD_PATHS, after the CSRF check (the token in the form action's query or a header).
import express, { type Request, type Response } from "express";
import { formatDate } from "../../domain/dates.ts";
import { MAX_EVIDENCE_BYTES } from "../../domain/plans/evidence.ts";
import { InvalidInput } from "../../platform/errors.ts";
import { errorSummary, type FormShape, formFieldProblems } from "../../platform/forms.ts";
import { requirePermission, withErrorPages } from "../../platform/http.ts";
import { parseMultipart, type Upload } from "../../platform/multipart.ts";
import type { EvidenceService } from "./plans.evidence.service.ts";
import { isUuid, NotFound, type PlansService } from "./plans.service.ts";

/** The routes that take an evidence file: the only ones, with the import's, that accept multipart. */
export const EVIDENCE_UPLOAD_PATHS = [/^\/actions\/[^/]+\/evidence$/, /^\/api\/actions\/[^/]+\/evidence$/];

function readEvidenceForm(req: Request): Promise<Upload> {
  return parseMultipart(req, { maxBytes: MAX_EVIDENCE_BYTES, tooLargeMessage: "The selected file must be smaller than 20 MB", maxFields: 5 });
}

/**
 * The upload's own problem (too large, unreadable, a field the form does not have), naming the
 * file or the field where it can.
 */
function uploadProblem(upload: Upload): { field: string; message: string } | undefined {
  if (upload.tooLarge)
    return {
      field: "file",
      message: `${upload.tooLarge.name ? `"${upload.tooLarge.name}"` : "The file"} is larger than 20 MB: attach a smaller file`,
    };
  if (upload.problem) return { field: "file", message: upload.problem };
  const stray = formFieldProblems(upload.fields, EVIDENCE_FORM)[0];
  if (stray) return stray;
  if (upload.file && upload.file.field !== "file") return { field: "file", message: "Attach the file in the field named file" };
  return undefined;
}

/** action-evidence.njk (and the API's multipart body): the file, and what it is evidence of. */
const EVIDENCE_FORM: FormShape = { fields: ["updateId"] };

export function evidenceRoutes(evidence: EvidenceService, plans: PlansService): express.Router {
  const router = express.Router();
  const read = requirePermission("readPlans");
  const edit = requirePermission("editPlans");
  const user = (req: Request) => req.user as NonNullable<Request["user"]>;
  const handle = withErrorPages;

  const uploadForm = async (req: Request, res: Response, status = 200, extra: Record<string, unknown> = {}) => {
    const { plan, action } = await plans.action(user(req), actionIdOf(req));
    const updates = [...(plan.updatesByAction.get(action.id) ?? [])].reverse();
    res.status(status).render("action-evidence.njk", {
      pageTitle: `Attach evidence to action ${action.number}`,
      plan: plan.plan,
      action,
      updateItems: [
        { value: "", text: "The action as a whole" },
        ...updates.map((u) => ({ value: u.id, text: `The update of ${formatDate(u.date)}${u.commentary ? `: ${u.commentary.slice(0, 60)}` : ""}` })),
      ],
      values: {},
      ...extra,
    });
  };

  router.get(
    "/actions/:actionId/evidence/new",
    edit,
    handle(async (req, res) => uploadForm(req, res)),
  );

  router.post(
    "/actions/:actionId/evidence",
    edit,
    handle(async (req, res) => {
      const actionId = actionIdOf(req);
      if (!req.is("multipart/form-data")) {
        await uploadForm(req, res, 415, { errors: [{ text: "Attach the file with the form on this page", href: "#file" }] });
        return;
      }
      const upload = await readEvidenceForm(req);
      const values = { updateId: upload.fields.updateId ?? "" };
      const problem = uploadProblem(upload);
      if (problem) {
        await uploadForm(req, res, upload.tooLarge ? 413 : 400, { errors: errorSummary([problem]), values });
        return;
      }
      try {
        await evidence.attach(user(req), actionId, {
          fileName: upload.file?.name ?? "",
          bytes: upload.file?.bytes ?? Buffer.alloc(0),
          updateId: upload.fields.updateId || null,
        });
      } catch (error) {
        if (!(error instanceof InvalidInput)) throw error;
        await uploadForm(req, res, 400, { errors: errorSummary(error.problems), values });
        return;
      }
      res.redirect(303, `/actions/${actionId}?evidence=1`);
    }),
  );

  const download = handle(async (req, res) => {
    const file = await evidence.download(user(req), String(req.params.evidenceId));
    // Sent as a download, never shown in the page: the browser must not guess another type.
    res.set({
      "content-type": file.mediaType,
      "content-disposition": contentDisposition(file.fileName),
      "x-content-type-options": "nosniff",
      "cache-control": "no-store",
      "content-length": String(file.content.length),
    });
    res.end(file.content);
  });
  router.get("/evidence/:evidenceId", read, download);

  // ---- JSON API ----------------------------------------------------------------------------------

  router.get(
    "/api/actions/:actionId/evidence",
    read,
    handle(async (req, res) => {
      res.json({ items: await evidence.list(user(req), actionIdOf(req)) });
    }),
  );

  router.post(
    "/api/actions/:actionId/evidence",
    edit,
    handle(async (req, res) => {
      const actionId = actionIdOf(req);
      if (!req.is("multipart/form-data")) {
        res.status(415).json({ errors: [{ field: "file", message: "Send the file as multipart/form-data, in a field named file" }] });
        return;
      }
      const upload = await readEvidenceForm(req);
      const problem = uploadProblem(upload);
      if (problem) {
        res.status(upload.tooLarge ? 413 : 400).json({ errors: [problem] });
        return;
      }
      const attached = await evidence.attach(user(req), actionId, {
        fileName: upload.file?.name ?? "",
        bytes: upload.file?.bytes ?? Buffer.alloc(0),
        updateId: upload.fields.updateId || null,
      });
      res.status(201).json(attached);
    }),
  );

  router.get("/api/evidence/:evidenceId", read, download);

  return router;
}

/** RFC 6266: a plain-ASCII fallback name and the UTF-8 name, so no name can break the header. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

function actionIdOf(req: Request): string {
  const id = String(req.params.actionId);
  if (!isUuid(id)) throw new NotFound("No such action.");
  return id;
}
