// Pages for importing a plan (SPEC A11) and closing one with carry-forward (SPEC A12). The upload
// is parsed in memory (busboy, 50 MB) and held in the database for 30 minutes; the check (a dry
// run) and the import each run as a job, with a progress page between. Routes parse, call the
// services, render.
import express, { type Request, type Response } from "express";
import { formatDate, isIsoDate } from "../../domain/dates.ts";
import { guessChoice } from "../../domain/imports/file-scheme.ts";
import { FIELD_LABELS, IMPORT_FIELDS, type ImportField, type MappingOverride } from "../../domain/imports/mapping.ts";
import { type ImportState, percentDone, progressWords } from "../../domain/imports/progress.ts";
import { BUILT_IN_SCHEMES, STATUS_COLOURS } from "../../domain/plans/schemes.ts";
import type { PlanType } from "../../domain/plans/types.ts";
import { londonToday } from "../../platform/clock.ts";
import { InvalidInput } from "../../platform/errors.ts";
import { errorSummary, type FormShape, formFieldProblems } from "../../platform/forms.ts";
import { requirePermission, withErrorPages } from "../../platform/http.ts";
import { parseMultipart } from "../../platform/multipart.ts";
import { actorOf } from "../access/access.service.ts";
import { PLAN_TYPE_LABELS } from "../plans/plans.presenter.ts";
import { CLOSURE_DISPOSITIONS, type ClosureDisposition, isUuid, NotFound, type PlansService } from "../plans/plans.service.ts";
import type { HeldUpload, ImportPreview, ImportsService, JobRequest } from "./imports.service.ts";
import { MAX_IMPORT_BYTES } from "./readers/index.ts";

const MAX_FIELDS = 20;

/** The routes that take a file: the only ones the pipeline lets a multipart/form-data body reach. */
export const IMPORT_UPLOAD_PATHS = ["/plans/import"];

// The state of an upload's job as a tag; its words come from progressWords.
const PROGRESS_TAG: Record<ImportState, string> = {
  held: "govuk-tag--grey",
  queued: "govuk-tag--grey",
  running: "govuk-tag--blue",
  done: "govuk-tag--green",
  failed: "govuk-tag--red",
};

/** Reads the import form: one file up to 50 MB, at most 20 fields. */
// The import's forms, read strictly (issue 12): a field a form does not have is refused, naming it.
const ID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
/** imports-upload.njk: the file (as `file`), the plan or scheme, and the date the file speaks for. */
const UPLOAD_FORM: FormShape = { fields: ["planId", "scheme"], dates: ["asOf"] };
/** imports-preview.njk: the plan's details, a column per field, a status (or colour) per value in the file. */
const MAPPING_FORM: FormShape = {
  fields: ["title", "respondsTo", "type", "schemeFrom", "intent", /^map-[A-Za-z]{1,40}$/, /^(status|colour|done)-\d{1,4}$/],
  dates: ["approvedOn", "asOf"],
};
/** imports-close.njk: per open action what becomes of it, and per other scheme what each status becomes. */
const CLOSE_FORM: FormShape = { fields: [new RegExp(`^(disposition|target|owner|note)-${ID}$`), new RegExp(`^statusMap-${ID}-.{1,60}$`)] };

function parseImportForm(req: Request) {
  return parseMultipart(req, {
    maxBytes: MAX_IMPORT_BYTES,
    tooLargeMessage: "The selected file must be smaller than 50 MB",
    maxFields: MAX_FIELDS,
    tooManyFieldsMessage: "The form has too many fields: send it again from the import page",
  });
}

const COLOUR_WORDS: Record<(typeof STATUS_COLOURS)[number], string> = {
  blue: "Blue",
  green: "Green",
  "light-green": "Light green",
  amber: "Amber",
  red: "Red",
  grey: "Grey",
  none: "No colour",
};

const DISPOSITION_TEXT: Record<ClosureDisposition["disposition"], string> = {
  completed: "Completed",
  "business-as-usual": "Business as usual",
  carried: "Carried into another plan",
  owner: "Still to be done by a named owner",
};

// The third parameter (the clock) is kept for callers: the day of the import never dates a file (issue 11).
export function importsRoutes(imports: ImportsService, plans: PlansService, _today: () => string = londonToday): express.Router {
  const router = express.Router();
  const edit = requirePermission("editPlans");
  const user = (req: Request) => req.user as NonNullable<Request["user"]>;
  const handle = withErrorPages;
  const schemes = BUILT_IN_SCHEMES.map((s) => ({ value: s.code, text: s.name }));

  const uploadForm = async (req: Request, res: Response, status = 200, extra: Record<string, unknown> = {}) => {
    const list = await plans.listPlansAs(actorOf(user(req)));
    const recent = await imports.recentUploads(user(req));
    res.status(status).render("imports-upload.njk", {
      pageTitle: "Import a plan",
      planItems: [{ value: "", text: "A new plan" }, ...list.filter((p) => p.state === "active").map((p) => ({ value: p.id, text: p.title }))],
      recent: recent.map((r) => ({
        ...r,
        asked: r.progress.state === "held" ? "Uploaded" : r.progress.dryRun ? "Check" : "Import",
        status: { text: progressWords(r.progress, false), classes: PROGRESS_TAG[r.progress.state] },
      })),
      schemeItems: [{ value: "", text: "Work it out from the statuses used" }, ...schemes],
      values: { scheme: "" },
      ...extra,
    });
  };

  /** The check's outcome: what would be created and changed, every problem, and the columns to correct. */
  /** The check's outcome; `refused`: what was wrong with the form just sent (400), listed first. */
  const previewPage = (res: Response, held: HeldUpload, outcome: ImportPreview, refused: { text: string; href: string }[] = []) => {
    const { report } = outcome;
    const headerTexts = [...new Set(outcome.headers.flatMap((h) => h.columns).filter((c) => c !== ""))];
    const chosen = outcome.mappings[0]?.columns ?? {};
    const errors = report.problems.map((p) => ({
      text: `${p.row ? `Row ${p.row}` : "The file"}${p.column ? `, column ${p.column}` : ""}: ${p.message}`,
      href: /choose the status/.test(p.message)
        ? "#statuses"
        : /colour|as complete|rated status|statuses: a scheme|at most \d+ statuses|same label/.test(p.message)
          ? "#own-scheme"
          : /enter the|the date the file speaks for/.test(p.message)
            ? "#details"
            : "#mapping",
    }));
    res.status(refused.length ? 400 : 200).render("imports-preview.njk", {
      // The layout puts "Error: " before the title when there are errors: once, not twice.
      pageTitle: "Check the import",
      upload: { id: held.id, fileName: held.fileName },
      stuck: held.stuck,
      options: held.request,
      report,
      errors: [...refused, ...errors],
      remembered: outcome.remembered,
      mappings: outcome.mappings.map((m) => ({
        ...m,
        rows: IMPORT_FIELDS.filter((f) => m.columns[f] !== undefined).map((f) => [{ text: FIELD_LABELS[f] }, { text: m.columns[f] }]),
      })),
      details: outcome.details,
      plan: (outcome.plan ?? []).map((section) => ({
        ...section,
        rows: section.actions.map((a) => [
          { text: a.number },
          { text: a.text },
          { text: a.lead || "Not given" },
          { text: a.due.date ? `${a.due.text} (${formatDate(a.due.date)})` : a.due.text ? `${a.due.text} (no date)` : "Not given" },
          { text: a.updateDate ? `${a.status} (${formatDate(a.updateDate)})` : a.status },
          { text: a.notes.join("; ") },
        ]),
      })),
      typeItems: [{ value: "", text: "Choose the type" }, ...Object.entries(PLAN_TYPE_LABELS).map(([value, text]) => ({ value, text }))].map((i) => ({
        ...i,
        selected: i.value === (held.request?.type ?? outcome.details?.type.value ?? ""),
      })),
      statusQuestions: (outcome.statusValues ?? []).map((v, n) => {
        // For a scheme made from the file: the colour and "done" chosen before, else a guess.
        const own = held.request?.statusesFromFile?.find((c) => c.key === v.key) ?? guessChoice(v);
        return {
          ...v,
          name: `status-${n}`,
          items: [{ value: "", text: "Choose a status" }, ...(outcome.statuses ?? []).map((s) => ({ value: s.code, text: s.label }))].map((i) => ({
            ...i,
            selected: i.value !== "" && i.value === (v.code ?? ""),
          })),
          colourItems: STATUS_COLOURS.map((c) => ({ value: c, text: COLOUR_WORDS[c], selected: c === own.colour })),
          done: own.done,
        };
      }),
      schemeFromFile: !!held.request?.statusesFromFile,
      leftOut: outcome.leftOut ?? [],
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

  const uploadGone = (req: Request, res: Response) =>
    uploadForm(req, res, 410, { errors: [{ text: "The uploaded file is no longer held (after 30 minutes): upload it again", href: "#file" }] });

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
      // The CSRF token came in the form action's query (or a header) and was checked before this
      // route, so nothing of a forged upload is read.
      const upload = await parseImportForm(req);
      const f = upload.fields;
      const values = { ...f };
      const errors: { text: string; href: string }[] = errorSummary(formFieldProblems(f, UPLOAD_FORM));
      if (upload.file && upload.file.field !== "file") errors.push({ text: "Select the file with the form on this page", href: "#file" });
      if (upload.problem) errors.push({ text: upload.problem, href: "#file" });
      else if (!upload.file || upload.file.bytes.length === 0) errors.push({ text: "Select a .xlsx, .csv or .docx file", href: "#file" });
      const planId = f.planId && isUuid(f.planId) ? f.planId : undefined;
      if (f.planId && !planId) errors.push({ text: "Choose a plan from the list", href: "#planId" });
      // No scheme chosen: it is worked out from the statuses in the file.
      const scheme = f.scheme || undefined;
      if (!planId && scheme && !schemes.some((s) => s.value === scheme)) errors.push({ text: "Choose a status scheme", href: "#scheme" });
      // No date given: the file's own date is used, or the check page asks for it (never today).
      let asOf: string | undefined;
      if (f["asOf-day"] || f["asOf-month"] || f["asOf-year"]) {
        const iso = `${(f["asOf-year"] ?? "").trim()}-${(f["asOf-month"] ?? "").trim().padStart(2, "0")}-${(f["asOf-day"] ?? "").trim().padStart(2, "0")}`;
        if (isIsoDate(iso)) asOf = iso;
        else errors.push({ text: "The date the file speaks for must be a real date", href: "#asOf-day" });
      }
      if (errors.length || !upload.file) {
        await uploadForm(req, res, upload.problem?.includes("50 MB") ? 413 : 400, { errors, values });
        return;
      }
      const held = await imports.holdUpload(user(req), { fileName: upload.file.name.slice(0, 300), bytes: upload.file.bytes });
      await imports.queue(user(req), held.id, { dryRun: true, ...(asOf ? { asOf } : {}), ...(planId ? { planId } : scheme ? { scheme } : {}) });
      res.redirect(303, `/plans/import/${held.id}`);
    }),
  );

  /** A council's imports run one at a time (issue 12): a queued one says what it waits for. */
  const waitingWords = (held: { waitingFor: { fileName: string } | undefined }) =>
    held.waitingFor ? `Waiting for another import of your council to finish (${held.waitingFor.fileName})` : undefined;

  // While its job works, the held upload's page shows progress; then the check's outcome, or
  // (after the import) the plan.
  router.get(
    "/plans/import/:uploadId",
    edit,
    handle(async (req, res) => {
      const held = await imports.heldUpload(user(req), uploadIdOf(req));
      if (!held) return uploadGone(req, res);
      const { progress, outcome } = held;
      if (progress.state === "done" && !progress.dryRun && outcome?.report.planId) {
        res.redirect(303, `/plans/${outcome.report.planId}?imported=1`);
        return;
      }
      if ((progress.state === "done" || progress.state === "failed") && outcome) return previewPage(res, held, outcome);
      res.render("imports-progress.njk", {
        pageTitle: progress.dryRun ? "Checking the file" : "Importing the plan",
        upload: { id: held.id, fileName: held.fileName },
        progress: { ...progress, percent: percentDone(progress), words: waitingWords(held) ?? progressWords(progress) },
        waitingLong: held.waitingLong,
        waitingFor: held.waitingFor,
      });
    }),
  );

  // The progress page's script asks here, so the bar moves without reloading the page.
  router.get(
    "/plans/import/:uploadId/progress",
    edit,
    handle(async (req, res) => {
      const held = await imports.heldUpload(user(req), uploadIdOf(req));
      if (!held) {
        const words = "The uploaded file is no longer held";
        res.status(410).json({ state: "gone", percent: 0, words, stage: words });
        return;
      }
      const { progress } = held;
      const waiting = waitingWords(held);
      res.set("cache-control", "no-store").json({
        state: progress.state,
        percent: percentDone(progress),
        words: waiting ?? progressWords(progress),
        stage: waiting ?? progressWords(progress, false),
      });
    }),
  );

  router.post(
    "/plans/import/:uploadId",
    edit,
    handle(async (req, res) => {
      const held = await imports.heldUpload(user(req), uploadIdOf(req));
      if (!held) return uploadGone(req, res);
      const body = req.body as Record<string, string | undefined>;
      const stray = formFieldProblems(body, MAPPING_FORM);
      if (stray.length) {
        if (held.outcome) return previewPage(res, held, held.outcome, errorSummary(stray));
        return uploadForm(req, res, 400, { errors: errorSummary(stray) });
      }
      const mapping: MappingOverride = {};
      for (const field of IMPORT_FIELDS) {
        const key = `map-${field}`;
        if (key in body) mapping[field as ImportField] = body[key] ? String(body[key]) : null;
      }
      // Each status value the file uses, mapped to a status of the scheme (only values the check listed).
      const values = held.outcome?.statusValues ?? [];
      // Or, for a new plan, its own scheme made from those values: a colour each (checked by the
      // service, so a forged colour is a problem on the page) and which count as done.
      const fromFile =
        body.schemeFrom === "file" && !held.request?.planId
          ? values.map((v, n) => ({ key: v.key, colour: String(body[`colour-${n}`] ?? ""), done: body[`done-${n}`] === "yes" }))
          : undefined;
      const codes = new Set((held.outcome?.statuses ?? []).map((s) => s.code));
      const statuses: Record<string, string> = { ...(held.mapping?.statuses ?? {}) };
      values.forEach((v, n) => {
        const chosen = body[`status-${n}`];
        if (chosen && codes.has(chosen)) statuses[v.key] = chosen;
      });
      if (Object.keys(statuses).length) mapping.statuses = statuses;
      // The plan and scheme come from the held upload, never from the form: a forged field cannot
      // change them. The plan's details are the person's to confirm or enter here, checked.
      const asked: JobRequest = { ...(held.request ?? { dryRun: true }) };
      const text = (name: string) => String(body[name] ?? "").trim();
      if ("title" in body) asked.title = text("title").slice(0, 300) || undefined;
      if ("respondsTo" in body) asked.respondsTo = text("respondsTo").slice(0, 300) || undefined;
      if ("type" in body) asked.type = (Object.hasOwn(PLAN_TYPE_LABELS, text("type")) ? text("type") : undefined) as PlanType | undefined;
      for (const name of ["approvedOn", "asOf"] as const) {
        if (!(`${name}-year` in body)) continue;
        const iso = `${text(`${name}-year`)}-${text(`${name}-month`).padStart(2, "0")}-${text(`${name}-day`).padStart(2, "0")}`;
        asked[name] = isIsoDate(iso) ? iso : undefined;
      }
      if ("schemeFrom" in body) asked.statusesFromFile = fromFile;
      const clean = Object.fromEntries(Object.entries(asked).filter(([, v]) => v !== undefined)) as unknown as JobRequest;
      await imports.queue(user(req), held.id, { ...clean, dryRun: body.intent !== "import" }, Object.keys(mapping).length ? mapping : held.mapping);
      // Queued, or already being worked on (a second press of the button): either way, its progress.
      res.redirect(303, `/plans/import/${held.id}`);
    }),
  );

  // A check or import stuck after a crash (queued or running, its job gone or silent): the same
  // request again as a new job. Not stuck (still working, or finished): back to its page.
  router.post(
    "/plans/import/:uploadId/retry",
    edit,
    handle(async (req, res) => {
      const id = uploadIdOf(req);
      if (!(await imports.heldUpload(user(req), id))) return uploadGone(req, res);
      await imports.retry(user(req), id);
      res.redirect(303, `/plans/import/${id}`);
    }),
  );

  router.post(
    "/api/imports/:uploadId/retry",
    edit,
    handle(async (req, res) => {
      const id = uploadIdOf(req);
      const held = await imports.heldUpload(user(req), id);
      if (!held) {
        res.status(404).json({ error: "No such upload, or it is no longer held (after 30 minutes)." });
        return;
      }
      if (!(await imports.retry(user(req), id))) {
        res.status(409).json({ error: "This upload is not stuck: it is still being worked on, or it has finished.", state: held.progress.state });
        return;
      }
      res.status(202).json({ uploadId: id, state: "queued", progressUrl: `/plans/import/${id}` });
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
      // The layout puts "Error: " before the title when there are errors: once, not twice.
      pageTitle: `Close ${candidates.plan.title}`,
      plan: candidates.plan,
      actions: candidates.open.map((a) => ({
        ...a,
        dispositionItems: CLOSURE_DISPOSITIONS.map((d) => ({ value: d, text: DISPOSITION_TEXT[d], checked: values[`disposition-${a.id}`] === d })),
        targetItems: [{ value: "", text: "Choose a plan" }, ...candidates.targets.map((t) => ({ value: t.id, text: t.title }))].map((t) => ({
          ...t,
          selected: t.value === (values[`target-${a.id}`] ?? ""),
        })),
      })),
      // Plans with another status scheme: what each status used becomes there, offered as a guess to confirm.
      statusMaps: candidates.targets
        .filter((t) => t.statusQuestions?.length)
        .map((t) => ({
          id: t.id,
          title: t.title,
          schemeName: t.scheme?.name ?? "",
          questions: (t.statusQuestions ?? []).map((q) => {
            const name = `statusMap-${t.id}-${q.code}`;
            const chosen = name in values ? values[name] : (q.suggested ?? "");
            return {
              name,
              label: q.label,
              items: [{ value: "", text: "Choose a status" }, ...(t.scheme?.statuses ?? []).map((s) => ({ value: s.code, text: s.label }))].map(
                (i) => ({
                  ...i,
                  selected: i.value === chosen,
                }),
              ),
            };
          }),
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
      const stray = formFieldProblems(body, CLOSE_FORM);
      if (stray.length) return closeForm(req, res, 400, { errors: errorSummary(stray), values: {} });
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
      // statusMap-<plan id>-<status code>: what a status becomes in a plan with another scheme; the service checks both.
      const statusMaps: Record<string, Record<string, string>> = {};
      for (const key of Object.keys(body)) {
        const m = /^statusMap-([0-9a-f-]{36})-(.+)$/.exec(key);
        if (!m?.[1] || !m[2]) continue;
        statusMaps[m[1]] ??= {};
        (statusMaps[m[1]] as Record<string, string>)[m[2]] = String(body[key] ?? "");
      }
      try {
        await plans.closePlan(user(req), planIdOf(req), dispositions, statusMaps);
        res.redirect(303, `/plans/${planIdOf(req)}/closure`);
      } catch (error) {
        if (!(error instanceof InvalidInput)) throw error;
        await closeForm(req, res, 400, { errors: errorSummary(error.problems), values: body });
      }
    }),
  );

  // The closure table itself is in src/modules/closure.
  // The same closing for programs (SPEC A12): what is open and, for each plan with another scheme,
  // which statuses to map; then the dispositions and the maps, all or nothing.
  router.get(
    "/api/plans/:planId/close",
    edit,
    handle(async (req, res) => {
      const candidates = await plans.closureCandidates(user(req), planIdOf(req));
      res.json({
        planId: candidates.plan.id,
        state: candidates.plan.state,
        open: candidates.open.map((a) => ({ actionId: a.id, number: a.number, text: a.text, status: a.status ?? null })),
        targets: candidates.targets.map((t) => ({
          planId: t.id,
          title: t.title,
          statusQuestions: (t.statusQuestions ?? []).map((q) => ({ code: q.code, label: q.label, suggested: q.suggested })),
          statuses: t.scheme?.statuses ?? [],
        })),
      });
    }),
  );

  router.post(
    "/api/plans/:planId/close",
    edit,
    handle(async (req, res) => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      const text = (v: unknown) => (typeof v === "string" ? v : undefined);
      const list = Array.isArray(body.dispositions) ? body.dispositions : [];
      const dispositions: ClosureDisposition[] = list
        .filter((d): d is Record<string, unknown> => typeof d === "object" && d !== null)
        .map((d) => ({
          actionId: text(d.actionId) ?? "",
          disposition: (text(d.disposition) ?? "") as ClosureDisposition["disposition"],
          ...(text(d.targetPlanId) ? { targetPlanId: text(d.targetPlanId) } : {}),
          ...(text(d.owner) ? { owner: text(d.owner) } : {}),
          ...(text(d.note) ? { note: text(d.note) } : {}),
        }));
      // { "<target plan id>": { "<this plan's status code>": "<target's status code>" } }; anything else counts as no choice.
      const statusMaps: Record<string, Record<string, string>> = {};
      if (typeof body.statusMaps === "object" && body.statusMaps !== null)
        for (const [planId, map] of Object.entries(body.statusMaps as Record<string, unknown>))
          if (typeof map === "object" && map !== null)
            statusMaps[planId] = Object.fromEntries(Object.entries(map).filter((e): e is [string, string] => typeof e[1] === "string"));
      res.json(await plans.closePlan(user(req), planIdOf(req), dispositions, statusMaps));
    }),
  );

  return router;
}

function uploadIdOf(req: Request): string {
  const id = String(req.params.uploadId);
  if (!isUuid(id)) throw new NotFound("No such upload.");
  return id;
}

function planIdOf(req: Request): string {
  const id = String(req.params.planId);
  if (!isUuid(id)) throw new NotFound("No such plan.");
  return id;
}
