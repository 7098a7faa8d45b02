// Pages and API for families' feedback (issue 18 part 2): the family's form behind a one-time link
// (no account), the council's questions, and the anonymous figures.
import express, { type Request, type Response } from "express";
import { formatDate } from "../../domain/dates.ts";
import { SMALL_NUMBER, SURVEY_ANSWER_LABELS, SURVEY_ANSWERS, SURVEY_STAGE_LABELS, SURVEY_STAGES } from "../../domain/quality/survey.ts";
import { can } from "../../domain/roles.ts";
import { InvalidInput } from "../../platform/errors.ts";
import { errorSummary } from "../../platform/forms.ts";
import { requirePermission, withErrorPages } from "../../platform/http.ts";
import { LinkRateLimited, LinkRefused } from "../notifications/advice-links.service.ts";
import type { FeedbackService } from "./feedback.service.ts";

const answerItems = SURVEY_ANSWERS.map((a) => ({ value: a, text: SURVEY_ANSWER_LABELS[a] }));

export function feedbackRoutes(service: FeedbackService): express.Router {
  const router = express.Router();
  const user = (req: Request) => req.user as NonNullable<Request["user"]>;
  const body = (req: Request) => (req.body ?? {}) as Record<string, unknown>;

  // ---- the family's page: no account; the token is the only key, and it says nothing when wrong ----

  const refusal = (res: Response, error: unknown) => {
    if (error instanceof LinkRateLimited) {
      res.status(429).render("feedback-refused.njk", { pageTitle: "Too many attempts", limited: true });
      return true;
    }
    if (error instanceof LinkRefused) {
      res.status(404).render("feedback-refused.njk", { pageTitle: "This link cannot be used" });
      return true;
    }
    return false;
  };
  const from = (req: Request) => req.ip ?? "unknown";
  const form = async (req: Request, res: Response, token: string, status = 200, extra: Record<string, unknown> = {}) => {
    const view = await service.openLink(token, from(req));
    res.status(status).render("feedback-form.njk", {
      pageTitle: "Tell us how it went",
      ...view,
      stageLabel: SURVEY_STAGE_LABELS[view.stage],
      answerItems,
      token,
      values: {},
      ...extra,
    });
  };

  router.get(
    "/feedback/:token",
    withErrorPages(async (req, res) => {
      res.set("Referrer-Policy", "no-referrer");
      try {
        await form(req, res, String(req.params.token));
      } catch (error) {
        if (!refusal(res, error)) throw error;
      }
    }),
  );

  // One fixed path with the token in the body (as /advice): the token is the secret, there is no session to protect.
  router.post(
    "/feedback",
    withErrorPages(async (req, res) => {
      res.set("Referrer-Policy", "no-referrer");
      const b = body(req);
      const token = typeof b.token === "string" ? b.token : "";
      try {
        await service.answer(token, from(req), b);
        res.render("feedback-done.njk", { pageTitle: "Thank you" });
      } catch (error) {
        try {
          if (!(error instanceof InvalidInput)) throw error;
          await form(req, res, token, 400, { values: b, errors: errorSummary(error.problems) });
        } catch (inner) {
          if (!refusal(res, inner)) throw inner;
        }
      }
    }),
  );

  // ---- the council's questions and the figures ----

  const questionsPage = async (req: Request, res: Response, status = 200, extra: Record<string, unknown> = {}) => {
    const { questions, isDefault } = await service.questions(user(req));
    res.status(status).render("quality-survey.njk", {
      pageTitle: "Feedback survey questions",
      questions,
      isDefault,
      canManage: can(user(req).roles, "manageQuality"),
      values: { questions: questions.map((q) => q.text).join("\n") },
      ...extra,
    });
  };

  router.get(
    "/quality/survey",
    requirePermission("readQuality"),
    withErrorPages((req, res) => questionsPage(req, res)),
  );

  router.post(
    "/quality/survey",
    requirePermission("manageQuality"),
    withErrorPages(async (req, res) => {
      try {
        await service.saveQuestions(user(req), body(req));
        res.redirect(303, "/quality/survey?saved=yes");
      } catch (error) {
        if (!(error instanceof InvalidInput)) throw error;
        await questionsPage(req, res, 400, { errors: errorSummary(error.problems), values: body(req) });
      }
    }),
  );

  router.get(
    "/quality/feedback",
    requirePermission("readQuality"),
    withErrorPages(async (req, res) => {
      const stages = [{ value: "", text: "Every stage" }, ...SURVEY_STAGES.map((s) => ({ value: s, text: SURVEY_STAGE_LABELS[s] }))];
      try {
        const results = await service.results(user(req), req.query);
        res.render("quality-feedback.njk", {
          pageTitle: "Feedback from families",
          results,
          stages,
          smallNumber: SMALL_NUMBER,
          periodText: `${formatDate(results.period.from)} to ${formatDate(results.period.to)}`,
        });
      } catch (error) {
        if (!(error instanceof InvalidInput)) throw error;
        res.status(400).render("quality-feedback.njk", { pageTitle: "Feedback from families", stages, errors: errorSummary(error.problems) });
      }
    }),
  );

  router.get(
    "/api/quality/feedback",
    requirePermission("readQuality"),
    withErrorPages(async (req, res) => {
      res.json(await service.results(user(req), req.query));
    }),
  );

  return router;
}
