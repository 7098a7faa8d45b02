// Pages and JSON API for forums, meetings, actions' forums and meeting decisions (issue 13).
// Mounted before plansRoutes, so /forums/new is not taken for a forum's id.

import express, { type Request, type Response } from "express";
import { formatDate, isIsoDate } from "../../domain/dates.ts";
import { NotFound } from "../../platform/errors.ts";
import { errorSummary } from "../../platform/forms.ts";
import { requirePermission, withErrorPages } from "../../platform/http.ts";
import { formChange, jsonChange, type Refusal, refusalErrors } from "./plans.change-routes.ts";
import { FORUM_KINDS, type ForumsService } from "./plans.forums.service.ts";
import type { PlansService } from "./plans.service.ts";
import { ACTION_FORUMS_FORM, DECISIONS_FORM, FORUM_FORM, MEETING_FORM } from "./plans.setup.schemas.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const kindItems = Object.entries(FORUM_KINDS).map(([value, text]) => ({ value, text }));

export function forumRoutes(forums: ForumsService, plans: PlansService): express.Router {
  const router = express.Router();
  const edit = requirePermission("editPlans");
  const user = (req: Request) => req.user as NonNullable<Request["user"]>;
  const handle = withErrorPages;
  const param = (req: Request, name: string, what: string) => {
    const id = String(req.params[name]);
    if (!UUID.test(id)) throw new NotFound(`No such ${what}.`);
    return id;
  };
  const dateParam = (req: Request) => {
    const date = String(req.params.date);
    if (!isIsoDate(date)) throw new NotFound("No such meeting.");
    return date;
  };
  const summary = (refusal: Refusal, conflictHref: string) => refusalErrors(refusal, (problems) => errorSummary(problems, ["date"]), conflictHref);

  const forumForm = (res: Response, status: number, extra: Record<string, unknown>) =>
    res.status(status).render("forum-form.njk", { kindItems, ...extra });

  router.get("/forums/new", edit, (_req, res) => forumForm(res, 200, { pageTitle: "Add a forum", values: { kind: "board" }, action: "/forums" }));
  router.post(
    "/forums",
    edit,
    formChange(
      FORUM_FORM,
      async (req) => `/forums/${(await forums.createForum(user(req), req.body)).id}/manage?done=created`,
      (req, res, refusal) =>
        forumForm(res, refusal.status, { pageTitle: "Add a forum", values: req.body, errors: summary(refusal, "#name"), action: "/forums" }),
    ),
  );

  router.get(
    "/forums/:forumId/edit",
    edit,
    handle(async (req, res) => {
      const forum = await forums.forumWithMeetings(user(req), param(req, "forumId", "forum"));
      forumForm(res, 200, { pageTitle: `Change ${forum.name}`, values: forum, action: `/forums/${forum.id}/edit`, forum });
    }),
  );
  router.post(
    "/forums/:forumId/edit",
    edit,
    formChange(
      FORUM_FORM,
      async (req) => {
        const forumId = param(req, "forumId", "forum");
        await forums.editForum(user(req), forumId, req.body);
        return `/forums/${forumId}/manage?done=changed`;
      },
      async (req, res, refusal) => {
        const forum = await forums.forumWithMeetings(user(req), param(req, "forumId", "forum"));
        forumForm(res, refusal.status, {
          pageTitle: `Change ${forum.name}`,
          values: refusal.status === 409 ? { ...req.body, version: forum.version } : req.body,
          errors: summary(refusal, "#name"),
          action: `/forums/${forum.id}/edit`,
          forum,
        });
      },
    ),
  );

  const managePage = async (req: Request, res: Response, status: number, extra: Record<string, unknown> = {}) => {
    const forum = await forums.forumWithMeetings(user(req), param(req, "forumId", "forum"));
    const done = {
      created: "The forum has been added.",
      changed: "The forum has been changed.",
      meeting: "The meeting has been added.",
      decisions: "The meeting's decisions have been recorded.",
    };
    res.status(status).render("forum-manage.njk", {
      pageTitle: `Manage ${forum.name}`,
      forum,
      kindLabel: FORUM_KINDS[forum.kind as keyof typeof FORUM_KINDS] ?? forum.kind,
      meetings: forum.meetings.map((m) => ({ date: m, text: formatDate(m) })),
      banner: typeof req.query.done === "string" ? done[req.query.done as keyof typeof done] : undefined,
      values: {},
      ...extra,
    });
  };
  router.get(
    "/forums/:forumId/manage",
    edit,
    handle(async (req, res) => managePage(req, res, 200)),
  );
  router.post(
    "/forums/:forumId/meetings",
    edit,
    formChange(
      MEETING_FORM,
      async (req) => {
        const forumId = param(req, "forumId", "forum");
        await forums.addMeeting(user(req), forumId, req.body);
        return `/forums/${forumId}/manage?done=meeting`;
      },
      (req, res, refusal) => managePage(req, res, refusal.status, { values: req.body, errors: summary(refusal, "#date-day") }),
    ),
  );

  const decisionsPage = async (req: Request, res: Response, status: number, extra: Record<string, unknown> = {}) => {
    const view = await forums.meetingActions(user(req), param(req, "forumId", "forum"), dateParam(req));
    res.status(status).render("meeting-decisions.njk", {
      pageTitle: `Decisions of ${view.forum.name} on ${formatDate(view.meetingDate)}`,
      view,
      meetingText: formatDate(view.meetingDate),
      values: {},
      ...extra,
    });
  };
  router.get(
    "/forums/:forumId/meetings/:date/decisions",
    edit,
    handle(async (req, res) => decisionsPage(req, res, 200)),
  );
  router.post(
    "/forums/:forumId/meetings/:date/decisions",
    edit,
    formChange(
      DECISIONS_FORM,
      async (req) => {
        const forumId = param(req, "forumId", "forum");
        await forums.recordDecisions(user(req), forumId, dateParam(req), req.body);
        return `/forums/${forumId}/manage?done=decisions`;
      },
      (req, res, refusal) => decisionsPage(req, res, refusal.status, { values: req.body, errors: summary(refusal, "#main-content") }),
    ),
  );

  const actionForumsPage = async (req: Request, res: Response, status: number, extra: Record<string, unknown> = {}) => {
    const { plan, action } = await plans.action(user(req), param(req, "actionId", "action"));
    const all = await plans.listForums(user(req));
    const chosen = (extra.chosen as string[] | undefined) ?? plan.forumsByAction.get(action.id) ?? [];
    res.status(status).render("action-forums.njk", {
      pageTitle: `Forums for action ${action.number}`,
      plan: plan.plan,
      action,
      items: all.map((f) => ({ value: f.id, text: f.name, checked: chosen.includes(f.id) })),
      ...extra,
    });
  };
  router.get(
    "/actions/:actionId/forums",
    edit,
    handle(async (req, res) => actionForumsPage(req, res, 200)),
  );
  router.post(
    "/actions/:actionId/forums",
    edit,
    formChange(
      ACTION_FORUMS_FORM,
      async (req) => {
        const actionId = param(req, "actionId", "action");
        await forums.setActionForums(user(req), actionId, req.body);
        return `/actions/${actionId}?forums=1`;
      },
      (req, res, refusal) => actionForumsPage(req, res, refusal.status, { errors: summary(refusal, "#main-content") }),
    ),
  );

  // ---- JSON API -----------------------------------------------------------------------------------

  router.post(
    "/api/forums",
    edit,
    jsonChange((req) => forums.createForum(user(req), req.body ?? {}), 201),
  );
  router.put(
    "/api/forums/:forumId",
    edit,
    jsonChange((req) => forums.editForum(user(req), param(req, "forumId", "forum"), req.body ?? {})),
  );
  router.post(
    "/api/forums/:forumId/meetings",
    edit,
    jsonChange((req) => forums.addMeeting(user(req), param(req, "forumId", "forum"), req.body ?? {}), 201),
  );
  router.post(
    "/api/forums/:forumId/meetings/:date/decisions",
    edit,
    jsonChange((req) => forums.recordDecisions(user(req), param(req, "forumId", "forum"), dateParam(req), req.body ?? {}), 201),
  );
  router.put(
    "/api/actions/:actionId/forums",
    edit,
    jsonChange((req) => forums.setActionForums(user(req), param(req, "actionId", "action"), req.body ?? {})),
  );
  return router;
}
