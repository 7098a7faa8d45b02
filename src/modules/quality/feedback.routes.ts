// Pages and API for families' feedback (issue 18 part 2): the family's form behind a one-time link
// (no account), the council's questions, and the anonymous figures.
import express, { type Request, type Response } from "express";
import { formatDate } from "../../domain/dates.ts";
import {
  answerLabels,
  SMALL_NUMBER,
  SURVEY_ANSWERS,
  SURVEY_RESPONDENT_LABELS,
  SURVEY_STAGE_LABELS,
  SURVEY_STAGES,
  type SurveyRespondent,
} from "../../domain/quality/survey.ts";
import { can } from "../../domain/roles.ts";
import { InvalidInput } from "../../platform/errors.ts";
import { errorSummary, strictForm, textFields } from "../../platform/forms.ts";
import { requirePermission, withErrorPages } from "../../platform/http.ts";
import { LinkRateLimited, LinkRefused } from "../notifications/advice-links.service.ts";
import type { FeedbackService } from "./feedback.service.ts";

const answerItems = (respondent: SurveyRespondent) => SURVEY_ANSWERS.map((a) => ({ value: a, text: answerLabels(respondent)[a] }));

/** Each page's words for whom it is for; young people's in plain words. */
const FORM_WORDS: Record<SurveyRespondent, { title: string; intro: string }> = {
  parentCarer: {
    title: "Tell us how it went",
    intro:
      "Your answers are anonymous: they are kept apart from your child's records and reported only in groups of 5 or more. Answer the questions you want to; this link works once.",
  },
  youngPerson: {
    title: "Tell us what you think",
    intro: "We will not know who said what. Answer the questions you want to. You can only use this link once.",
  },
  setting: {
    title: "Tell us how the plan process worked for you",
    intro:
      "Your answers are anonymous: they are kept apart from the child's records and reported only in groups of 5 or more. Answer the questions you want to; this link works once.",
  },
};
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
      pageTitle: FORM_WORDS[view.respondent].title,
      intro: FORM_WORDS[view.respondent].intro,
      ...view,
      stageLabel:
        view.respondent === "youngPerson"
          ? view.stage === "planIssued"
            ? "Your plan was made not long ago"
            : "Your plan was looked at again not long ago"
          : SURVEY_STAGE_LABELS[view.stage],
      answerItems: answerItems(view.respondent),
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
    const groups = await service.questions(user(req));
    const failed = extra.failedRespondent as string | undefined;
    res.status(status).render("quality-survey.njk", {
      pageTitle: "Feedback survey questions",
      groups: groups.map((g) => ({
        ...g,
        label: SURVEY_RESPONDENT_LABELS[g.respondent],
        value: failed === g.respondent ? (extra.failedText as string) : g.questions.map((q) => q.text).join("\n"),
        errors: failed === g.respondent ? extra.errors : undefined,
      })),
      canManage: can(user(req).roles, "manageQuality"),
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
        await service.saveQuestions(user(req), strictForm(body(req), textFields("questions", "respondent")));
        res.redirect(303, "/quality/survey?saved=yes");
      } catch (error) {
        if (!(error instanceof InvalidInput)) throw error;
        const b = body(req);
        const respondent = typeof b.respondent === "string" && b.respondent ? b.respondent : "parentCarer";
        // Each kind has its own form: the message links to that form's box.
        const errors = errorSummary(error.problems).map((e) => (e.href === "#questions" ? { ...e, href: `#questions-${respondent}` } : e));
        await questionsPage(req, res, 400, {
          errors,
          failedRespondent: respondent,
          failedText: typeof b.questions === "string" ? b.questions : "",
        });
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
          pageTitle: "Feedback from families, young people and settings",
          results,
          groups: results.byRespondent.map((g) => ({ ...g, label: SURVEY_RESPONDENT_LABELS[g.respondent] })),
          stages,
          smallNumber: SMALL_NUMBER,
          periodText: `${formatDate(results.period.from)} to ${formatDate(results.period.to)}`,
        });
      } catch (error) {
        if (!(error instanceof InvalidInput)) throw error;
        res.status(400).render("quality-feedback.njk", {
          pageTitle: "Feedback from families, young people and settings",
          stages,
          errors: errorSummary(error.problems),
        });
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
