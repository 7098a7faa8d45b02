// Partners' comments (issue 13 part 6): the partner's form on an action, the lead's moderation page
// for a plan, and the JSON API. Routes parse the request, call the service, render.
import express, { type Request, type Response } from "express";
import { InvalidInput, NotFound } from "../../platform/errors.ts";
import { errorSummary, type FormField, readForm } from "../../platform/forms.ts";
import { requirePermission, withErrorPages } from "../../platform/http.ts";
import { COMMENT_MAX, type CommentsService, REASON_MAX } from "./comments.service.ts";

const COMMENT_FIELDS: FormField[] = [
  { kind: "text", name: "organisation", label: "Organisation" },
  { kind: "textarea", name: "comment", label: "Comment" },
];
const MODERATION_FIELDS: FormField[] = [
  {
    kind: "radios",
    name: "decision",
    label: "Decision",
    options: [
      { value: "approve", text: "Show" },
      { value: "hide", text: "Do not show" },
    ],
  },
  { kind: "textarea", name: "reason", label: "Reason" },
];

export function commentsRoutes(comments: CommentsService): express.Router {
  const router = express.Router();
  const read = requirePermission("readPlans");
  const comment = requirePermission("commentOnActions");
  const moderate = requirePermission("moderateComments");
  const user = (req: Request) => req.user as NonNullable<Request["user"]>;
  const handle = withErrorPages;
  const param = (req: Request, name: string) => String(req.params[name]);

  const commentForm = async (req: Request, res: Response, status: number, extra: Record<string, unknown> = {}) => {
    const on = await comments.commentsOnAction(user(req), param(req, "actionId"));
    if (!on.canComment) throw new NotFound("This action takes no more comments.");
    res.status(status).render("comment-form.njk", {
      pageTitle: `Comment on action ${on.action.number}`,
      action: on.action,
      commentMax: COMMENT_MAX,
      values: { organisation: await comments.lastOrganisation(user(req)) },
      ...extra,
    });
  };

  router.get(
    "/actions/:actionId/comments/new",
    comment,
    handle(async (req, res) => commentForm(req, res, 200)),
  );

  router.post(
    "/actions/:actionId/comments",
    comment,
    handle(async (req, res) => {
      const { values, problems } = readForm(req.body, COMMENT_FIELDS);
      try {
        if (problems.length) throw new InvalidInput(problems);
        await comments.addComment(user(req), param(req, "actionId"), values);
        res.redirect(303, `/actions/${param(req, "actionId")}?commented=1`);
      } catch (error) {
        if (!(error instanceof InvalidInput)) throw error;
        await commentForm(req, res, 400, { values, errors: errorSummary(error.problems) });
      }
    }),
  );

  const moderationPage = async (req: Request, res: Response, status: number, extra: Record<string, unknown> = {}) => {
    const pending = await comments.pendingForPlan(user(req), param(req, "planId"));
    res.status(status).render("comments-moderation.njk", {
      pageTitle: `Partners' comments waiting: ${pending.plan.title}`,
      ...pending,
      reasonMax: REASON_MAX,
      done: req.query.done === "approved" ? "The comment is now shown." : req.query.done === "hidden" ? "The comment will not be shown." : undefined,
      ...extra,
    });
  };

  router.get(
    "/plans/:planId/comments",
    moderate,
    handle(async (req, res) => moderationPage(req, res, 200)),
  );

  router.post(
    "/comments/:commentId/moderate",
    moderate,
    handle(async (req, res) => {
      const { values, problems } = readForm(req.body, MODERATION_FIELDS, ["planId"]);
      const planId = typeof req.body?.planId === "string" ? req.body.planId : "";
      try {
        if (problems.length) throw new InvalidInput(problems);
        const decided = await comments.moderate(user(req), param(req, "commentId"), values);
        const back = await comments.commentsOnAction(user(req), decided.actionId);
        res.redirect(303, `/plans/${back.action.planId}/comments?done=${decided.moderation}`);
      } catch (error) {
        if (!(error instanceof InvalidInput)) throw error;
        const commentId = param(req, "commentId");
        // The page's fields are named per comment, so the summary links to this comment's radios.
        const errors = errorSummary(error.problems).map((e) => ({ ...e, href: e.href.replace(/^#(decision|reason)$/, `#$1-${commentId}`) }));
        if (!planId) throw error;
        req.params.planId = planId;
        await moderationPage(req, res, 400, { errors, failed: { id: commentId, values } });
      }
    }),
  );

  // ---- JSON API ------------------------------------------------------------------------------

  router.get(
    "/api/actions/:actionId/comments",
    read,
    handle(async (req, res) => {
      const on = await comments.commentsOnAction(user(req), param(req, "actionId"));
      res.json({ actionId: on.action.id, comments: on.comments });
    }),
  );

  router.post(
    "/api/actions/:actionId/comments",
    comment,
    handle(async (req, res) => {
      res.status(201).json(await comments.addComment(user(req), param(req, "actionId"), req.body ?? {}));
    }),
  );

  router.post(
    "/api/comments/:commentId/moderation",
    moderate,
    handle(async (req, res) => {
      res.json(await comments.moderate(user(req), param(req, "commentId"), req.body ?? {}));
    }),
  );

  return router;
}
