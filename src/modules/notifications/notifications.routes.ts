// Pages for messages (issue 15): the message log, the council's channels, wording and timings with
// a preview, withdrawing an advice link, and the professional's page behind a link (no account).
import express, { type Request, type Response } from "express";
import { formatDate } from "../../domain/dates.ts";
import { MAX_ADVICE_FILE_BYTES } from "../../domain/notifications/advice-file.ts";
import { CHANNEL_LABELS, CHANNELS, KINDS, MESSAGE_KINDS } from "../../domain/notifications/templates.ts";
import { sizeText } from "../../domain/plans/evidence.ts";
import { InvalidInput, NotFound } from "../../platform/errors.ts";
import { assertFormFields, errorSummary, type FormShape, formFieldProblems } from "../../platform/forms.ts";
import { requirePermission, requireSignIn, withErrorPages } from "../../platform/http.ts";
import { parseMultipart } from "../../platform/multipart.ts";
import { userCan } from "../access/access.service.ts";
import { contentDisposition } from "../plans/plans.evidence.routes.ts";
import { isUuid } from "../plans/plans.service.ts";
import type { AdviceUpload } from "./advice-files.ts";
import { type AdviceLinksService, LinkRateLimited, LinkRefused } from "./advice-links.service.ts";
import type { DigestPreferences } from "./notifications.digests.ts";
import { type DeliveryReceipts, ReceiptRefused } from "./notifications.receipts.ts";
import type { NotificationsService } from "./notifications.service.ts";

/** The one route here that takes a file: the professional's answer, with their advice as a PDF or Word file. */
export const ADVICE_UPLOAD_PATHS = ["/advice"];

// The forms, read strictly (issue 12): a field a form does not have is refused, naming it.
const CHANNELS_FORM: FormShape = { fields: Object.keys(KINDS).map((kind) => `channel-${kind}`) };
const TIMINGS_FORM: FormShape = { fields: ["reminderWorkingDays", "escalateAfterDays", "linkGraceDays", "reviewInvitationDays"] };
const TEMPLATE_FORM: FormShape = { fields: ["subject", "body", "action"] };
const DIGESTS_FORM: FormShape = { fields: [], repeatable: ["digests"] };
/** advice-form.njk: the link's token, the professional's answer, and (as the file) adviceFile. */
const ADVICE_FORM: FormShape = { fields: ["token", "advice", "outcome", "reason"] };

const STATES = ["pending", "sending", "sent", "failed", "bounced"] as const;
const STATE_LABELS: Record<string, string> = { pending: "Waiting", sending: "Sending", sent: "Sent", failed: "Failed", bounced: "Bounced" };

export function notificationsRoutes(
  service: NotificationsService,
  links: AdviceLinksService,
  receipts: DeliveryReceipts,
  digests: DigestPreferences,
): express.Router {
  const router = express.Router();
  const manage = requirePermission("manageMessages");
  const edit = requirePermission("editCases");
  const user = (req: Request) => req.user as NonNullable<Request["user"]>;
  const body = (req: Request) => (req.body ?? {}) as Record<string, unknown>;

  router.get(
    "/messages",
    manage,
    withErrorPages(async (req, res) => {
      const pick = (name: string, allowed: readonly string[]) =>
        typeof req.query[name] === "string" && allowed.includes(req.query[name] as string) ? (req.query[name] as string) : undefined;
      const caseId = typeof req.query.case === "string" && isUuid(req.query.case) ? req.query.case : undefined;
      const filters = { kind: pick("kind", MESSAGE_KINDS), channel: pick("channel", CHANNELS), state: pick("state", STATES), caseId };
      const page = Math.max(1, Math.min(10_000, Number.parseInt(String(req.query.page ?? "1"), 10) || 1));
      const { rows, total } = await service.messages(user(req), filters, page);
      res.render("messages.njk", {
        pageTitle: "Message log",
        rows: rows.map((r) => ({
          ...r,
          kindTitle: KINDS[r.kind as keyof typeof KINDS]?.title ?? r.kind,
          stateLabel: STATE_LABELS[r.state] ?? r.state,
        })),
        total,
        page,
        filters,
        kinds: MESSAGE_KINDS.map((k) => ({ value: k, text: KINDS[k].title })),
        channels: CHANNELS.map((c) => ({ value: c, text: CHANNEL_LABELS[c] })),
        states: STATES.map((s) => ({ value: s, text: STATE_LABELS[s] })),
      });
    }),
  );

  const settingsPage = async (req: Request, res: Response, status = 200, extra: Record<string, unknown> = {}) => {
    res.status(status).render("message-settings.njk", {
      pageTitle: "Messages: channels, wording and timings",
      ...(await service.settings(user(req))),
      channelOptions: CHANNELS.map((c) => ({ value: c, text: CHANNEL_LABELS[c] })),
      ...extra,
    });
  };

  router.get(
    "/messages/settings",
    manage,
    withErrorPages((req, res) => settingsPage(req, res)),
  );

  router.post(
    "/messages/settings/channels",
    manage,
    withErrorPages(async (req, res) => {
      try {
        assertFormFields(body(req), CHANNELS_FORM);
        await service.saveChannels(user(req), body(req));
        res.redirect(303, "/messages/settings?saved=channels");
      } catch (error) {
        if (!(error instanceof InvalidInput)) throw error;
        await settingsPage(req, res, 400, { errors: errorSummary(error.problems) });
      }
    }),
  );

  router.post(
    "/messages/settings/timings",
    manage,
    withErrorPages(async (req, res) => {
      try {
        assertFormFields(body(req), TIMINGS_FORM);
        await service.saveTimings(user(req), body(req));
        res.redirect(303, "/messages/settings?saved=timings");
      } catch (error) {
        if (!(error instanceof InvalidInput)) throw error;
        await settingsPage(req, res, 400, { errors: errorSummary(error.problems), values: body(req) });
      }
    }),
  );

  router.get(
    "/messages/templates/:kind",
    manage,
    withErrorPages(async (req, res) => {
      const preview = await service.preview(user(req), String(req.params.kind));
      res.render("message-template.njk", { pageTitle: `Wording: ${preview.title}`, preview });
    }),
  );

  // "Preview" shows the draft as it would read; "Save" keeps it. Nothing is saved by a preview.
  router.post(
    "/messages/templates/:kind",
    manage,
    withErrorPages(async (req, res) => {
      const kind = String(req.params.kind);
      const b = body(req);
      const draft = {
        subject: typeof b.subject === "string" ? b.subject.trim() : "",
        body: typeof b.body === "string" ? b.body.replace(/\r\n/g, "\n").trim() : "",
      };
      const stray = formFieldProblems(b, TEMPLATE_FORM);
      if (b.action === "save" && !stray.length) {
        try {
          await service.saveTemplate(user(req), kind, b);
          res.redirect(303, `/messages/templates/${kind}?saved=yes`);
          return;
        } catch (error) {
          if (!(error instanceof InvalidInput)) throw error;
        }
      }
      const preview = await service.preview(user(req), kind, draft);
      const problems = [...stray, ...preview.problems];
      res.status(problems.length ? 400 : 200).render("message-template.njk", {
        pageTitle: `Wording: ${preview.title}`,
        preview,
        errors: errorSummary(problems),
      });
    }),
  );

  // The advice requests sent from a case by email, to see their state and withdraw a link. It shows
  // references, addresses and dates only: nothing about the child.
  router.get(
    "/cases/:caseId/advice-links",
    requirePermission("readCases"),
    withErrorPages(async (req, res) => {
      const caseId = String(req.params.caseId);
      if (!isUuid(caseId)) throw new NotFound("No such case.");
      const now = new Date();
      const sent = (await links.adviceLinks(user(req), caseId)).map((l) => ({
        ...l,
        dueText: formatDate(String(l.due)),
        state:
          l.outcome === "returned"
            ? "Advice returned"
            : l.outcome === "declined"
              ? "Cannot give advice"
              : l.revoked_at
                ? "Withdrawn"
                : new Date(l.expires_at) < now
                  ? "Expired"
                  : "Waiting",
        open: !l.used_at && !l.revoked_at && new Date(l.expires_at) >= now,
        files: l.files.map((f) => ({
          ...f,
          sizeText: sizeText(f.size_bytes),
          scanText: f.scan === "clean" ? `Scanned, no virus found (${f.scanned_with ?? "ClamAV"})` : "Not scanned for viruses",
        })),
      }));
      res.render("advice-links.njk", { pageTitle: "Advice requests sent by email", caseId, links: sent, canEdit: userCan(user(req), "editCases") });
    }),
  );

  // A returned advice file, downloaded from the case by those who read casework (audited).
  router.get(
    "/advice-files/:adviceFileId",
    requirePermission("readCases"),
    withErrorPages(async (req, res) => {
      const id = String(req.params.adviceFileId);
      if (!isUuid(id)) throw new NotFound("No such advice file.");
      const file = await links.adviceFile(user(req), id);
      // Sent as a download, never shown in the page: the browser must not guess another type.
      res.set({
        "content-type": file.media_type,
        "content-disposition": contentDisposition(file.file_name),
        "x-content-type-options": "nosniff",
        "cache-control": "no-store",
        "content-length": String(file.content.length),
      });
      res.end(file.content);
    }),
  );

  router.post(
    "/advice-links/:linkId/revoke",
    edit,
    withErrorPages(async (req, res) => {
      const id = String(req.params.linkId);
      if (!isUuid(id)) throw new InvalidInput([{ field: "link", message: "No such advice request" }]);
      const caseId = await links.revokeLink(user(req), id);
      res.redirect(303, `/cases/${caseId}/advice-links`);
    }),
  );

  // ---- each person's own weekly digests ----

  const digestsPage = async (req: Request, res: Response, status = 200, extra: Record<string, unknown> = {}) => {
    const choices = await digests.list(user(req));
    res.status(status).render("digests.njk", {
      pageTitle: "Weekly digests",
      items: choices.map((c) => ({ value: c.kind, text: c.title, checked: c.on })),
      saved: req.query.saved === "yes",
      ...extra,
    });
  };
  router.get(
    "/account/digests",
    requireSignIn,
    withErrorPages((req, res) => digestsPage(req, res)),
  );
  router.post(
    "/account/digests",
    requireSignIn,
    withErrorPages(async (req, res) => {
      try {
        assertFormFields(body(req), DIGESTS_FORM);
        await digests.save(user(req), body(req));
        res.redirect(303, "/account/digests?saved=yes");
      } catch (error) {
        if (!(error instanceof InvalidInput)) throw error;
        await digestsPage(req, res, 400, { errors: errorSummary(error.problems) });
      }
    }),
  );

  // ---- GOV.UK Notify's delivery receipts (no session: Notify's bearer token is the key) ----

  router.post(
    "/api/notify/delivery-receipts",
    withErrorPages(async (req, res) => {
      // Not set up here: as if there were no such address, so nothing is learnt by trying it.
      if (!receipts.configured) {
        res.status(404).json({ errors: [{ field: "path", message: "Delivery receipts are not taken on this installation" }] });
        return;
      }
      try {
        receipts.checkToken(req.get("authorization"));
        res.json(await receipts.record(req.body));
      } catch (error) {
        if (error instanceof ReceiptRefused) {
          res.status(401).json({ errors: [{ field: "authorization", message: "The bearer token is not the one set for delivery receipts" }] });
        } else if (error instanceof InvalidInput) {
          res.status(400).json({ errors: error.problems });
        } else if (error instanceof NotFound) {
          res.status(404).json({ errors: [{ field: "id", message: "No message with that id" }] });
        } else throw error;
      }
    }),
  );

  // ---- the professional's page: no account; the token is the only key, and it says nothing when wrong ----

  const refusal = (res: Response, error: unknown) => {
    if (error instanceof LinkRateLimited) {
      res.status(429).render("advice-refused.njk", { pageTitle: "Too many attempts", limited: true });
      return true;
    }
    if (error instanceof LinkRefused) {
      res.status(404).render("advice-refused.njk", { pageTitle: "This link cannot be used" });
      return true;
    }
    return false;
  };
  const from = (req: Request) => req.ip ?? "unknown";

  router.get(
    "/advice/:token",
    withErrorPages(async (req, res) => {
      res.set("Referrer-Policy", "no-referrer");
      try {
        const view = await links.openLink(String(req.params.token), from(req));
        res.render("advice-form.njk", { pageTitle: `Advice request ${view.reference}`, view, token: String(req.params.token), values: {} });
      } catch (error) {
        if (!refusal(res, error)) throw error;
      }
    }),
  );

  // The form posts to one fixed path with the token in its body: the token is the secret a forged
  // request would need, so this path takes no CSRF token (there is no session to protect).
  router.post(
    "/advice",
    withErrorPages(async (req, res) => {
      res.set("Referrer-Policy", "no-referrer");
      // The form is multipart (it may carry a file); a plain form still works.
      let b = body(req);
      let file: AdviceUpload | undefined;
      let uploadProblem: string | undefined;
      if (req.is("multipart/form-data")) {
        const upload = await parseMultipart(req, {
          maxBytes: MAX_ADVICE_FILE_BYTES,
          tooLargeMessage: "The selected file must be smaller than 20 MB",
          maxFields: 6,
        });
        b = upload.fields;
        file = upload.file && upload.file.bytes.length > 0 ? upload.file : undefined;
        uploadProblem = upload.tooLarge
          ? `${upload.tooLarge.name ? `"${upload.tooLarge.name}"` : "The file"} is larger than 20 MB: send a smaller file`
          : upload.problem;
        if (!uploadProblem && upload.file && upload.file.field !== "adviceFile") uploadProblem = "Choose the file with the form on this page";
      }
      const token = typeof b.token === "string" ? b.token : "";
      try {
        // A wrong link is still refused as such below, when the form would be shown again.
        if (uploadProblem) throw new InvalidInput([{ field: "adviceFile", message: uploadProblem }]);
        assertFormFields(b, ADVICE_FORM);
        const answer = await links.answerLink(token, from(req), b, file);
        res.render("advice-done.njk", { pageTitle: "Thank you", answer });
      } catch (error) {
        if (error instanceof InvalidInput) {
          const view = await links.openLink(token, from(req)).catch((e) => {
            if (refusal(res, e)) return undefined;
            throw e;
          });
          if (!view) return;
          res.status(400).render("advice-form.njk", {
            pageTitle: `Advice request ${view.reference}`,
            view,
            token,
            values: b,
            errors: errorSummary(error.problems),
          });
        } else if (!refusal(res, error)) throw error;
      }
    }),
  );

  return router;
}
