// Pages and JSON API for improvement plans. Routes parse the request, call the service, render.
import { randomUUID } from "node:crypto";
import express, { type Request, type Response } from "express";
import { formatDate } from "../../domain/dates.ts";
import { londonToday } from "../../platform/clock.ts";
import { InvalidInput } from "../../platform/errors.ts";
import { assertFormFields, errorSummary, unknownJsonFields } from "../../platform/forms.ts";
import { requirePermission, withErrorPages } from "../../platform/http.ts";
import { hrefWithPage, pageOf, paginationView, pagingOf, strictPagingOf } from "../../platform/pagination.ts";
import { userCan } from "../access/access.service.ts";
import type { CommentsService } from "../comments/comments.service.ts";
import type { EvidenceService, EvidenceView } from "./plans.evidence.service.ts";
import { openApiDocument } from "./plans.openapi.ts";
import { statusKey, statusTag, updateJson } from "./plans.presenter.ts";
import { ACTION_EDIT_FIELDS, ACTION_EDIT_FORM, parseAsAt, UPDATE_FORM } from "./plans.schemas.ts";
import { EditConflict, isUuid, NotFound, type PlansService } from "./plans.service.ts";
import { actionJson } from "./plans.structure.service.ts";

/** Lists are paged (issue 12): plans 20 to a page, actions 50; asked-for sizes up to 100 and 200. */
export const PLANS_PAGING = { defaultSize: 20, maxSize: 100 };
export const ACTIONS_PAGING = { defaultSize: 50, maxSize: 200 };

export function plansRoutes(
  plans: PlansService,
  today: () => string = londonToday,
  evidence?: EvidenceService,
  comments?: CommentsService,
  /** The plan's last publication in effect, linked from the plan page (publication's service). */
  lastPublished?: (user: NonNullable<Request["user"]>, planId: string) => Promise<{ dateText: string; href: string } | null>,
  /** The action's success measures bound to measures as at the date, presented with their small charts (measures module). */
  boundMeasures?: (user: NonNullable<Request["user"]>, actionId: string, asAt: string) => Promise<unknown[]>,
): express.Router {
  const router = express.Router();
  const read = requirePermission("readPlans");
  const edit = requirePermission("editPlans");
  const user = (req: Request) => req.user as NonNullable<Request["user"]>;
  const handle = withErrorPages;
  const asAtOf = (req: Request) => {
    const { date, problem } = parseAsAt(req.query as Record<string, unknown>);
    if (problem) throw new InvalidInput([problem]);
    return date ?? today();
  };
  const compareOf = (req: Request) => parseAsAt(req.query as Record<string, unknown>, "compareTo").date;

  router.get(
    "/plans",
    read,
    handle(async (req, res) => {
      const list = await plans.listPlansPage(user(req), asAtOf(req), pagingOf(req.query, PLANS_PAGING));
      res.render("plans.njk", {
        pageTitle: "Improvement plans",
        plans: list.items,
        total: list.total,
        pagination: paginationView(list.page, list.total, list.pageSize, (n) => hrefWithPage("/plans", req.query, n)),
      });
    }),
  );

  router.get(
    "/plans/actions",
    read,
    handle(async (req, res) => {
      const q = req.query as Record<string, string | undefined>;
      const filters = {
        status: q.status || undefined,
        lead: q.lead || undefined,
        forum: q.forum || undefined,
        plan: q.plan || undefined,
        overdue: q.overdue === "yes",
      };
      const asAt = asAtOf(req);
      const result = await plans.actionsAcrossPlans(user(req), filters, asAt, pagingOf(req.query, ACTIONS_PAGING));
      res.render("plan-actions.njk", {
        pageTitle: "All actions",
        ...result,
        filters,
        asAt,
        asAtText: formatDate(asAt),
        first: result.matching ? (result.page - 1) * result.pageSize + 1 : 0,
        last: Math.min(result.matching, result.page * result.pageSize),
        pagination: paginationView(result.page, result.matching, result.pageSize, (n) => hrefWithPage("/plans/actions", req.query, n)),
      });
    }),
  );

  router.get(
    "/plans/:planId",
    read,
    handle(async (req, res) => {
      let view: Awaited<ReturnType<PlansService["planView"]>>;
      try {
        view = await plans.planView(user(req), String(req.params.planId), { asAt: asAtOf(req), compareTo: compareOf(req) });
      } catch (error) {
        if (!(error instanceof InvalidInput)) throw error;
        view = await plans.planView(user(req), String(req.params.planId), {});
        res.status(400).render("plan.njk", {
          pageTitle: view.plan.title,
          view,
          errors: [{ text: "Enter a real date to view the plan as at", href: "#asAt-day" }],
        });
        return;
      }
      const published = lastPublished ? await lastPublished(user(req), view.plan.id) : null;
      res.render("plan.njk", { pageTitle: view.plan.title, view, published, canEdit: userCan(user(req), "editPlans"), query: req.query });
    }),
  );

  router.get(
    "/plans/:planId/sections/:sectionId",
    read,
    handle(async (req, res) => {
      const view = await plans.planView(user(req), String(req.params.planId), { asAt: asAtOf(req), compareTo: compareOf(req) });
      const section = view.sections.find((s) => s.id === req.params.sectionId);
      if (!section) throw new NotFound("No such section in this plan.");
      res.render("section.njk", { pageTitle: `${section.number} ${section.title}`, view, section });
    }),
  );

  router.get(
    "/actions/:actionId",
    read,
    handle(async (req, res) => {
      const { plan, action, carry } = await plans.action(user(req), actionIdOf(req));
      const view = await plans.planView(user(req), plan.plan.id, { asAt: asAtOf(req) });
      const state = view.sections.flatMap((s) => s.actions).find((a) => a.id === action.id);
      // Evidence files (issue 13): listed on the page, and beside the update each one backs.
      const files: EvidenceView[] = evidence ? await evidence.list(user(req), action.id) : [];
      const updates = [...(plan.updatesByAction.get(action.id) ?? [])].reverse().map((u) => ({
        ...u,
        files: files.filter((f) => f.updateId === u.id),
        dateText: formatDate(u.date),
        tag: statusTag(plan.plan.scheme, u.status),
        corrects: u.correctsUpdateId ? (plan.updatesByAction.get(action.id) ?? []).find((x) => x.id === u.correctsUpdateId) : undefined,
      }));
      const banner =
        req.query.updated === "1"
          ? "Your update has been saved."
          : req.query.changed === "1"
            ? "The action has been changed."
            : req.query.moved === "1"
              ? "The action has been moved."
              : req.query.retired === "1"
                ? "The action has been retired."
                : req.query.forums === "1"
                  ? "The action's forums have been saved."
                  : req.query.evidence === "1"
                    ? "The evidence file has been attached."
                    : req.query.commented === "1"
                      ? "Your comment has been sent. It is shown once the improvement lead has approved it."
                      : undefined;
      res.render("action.njk", {
        pageTitle: `Action ${action.number}`,
        view,
        action,
        state,
        updates,
        banner,
        decisions: plan.decisionsByAction?.get(action.id) ?? [],
        files,
        percentText:
          typeof state?.percent !== "number"
            ? "Not given"
            : action.progress === null
              ? `${state.percent}% (from the latest update that gave a percentage)`
              : `${state.percent}%`,
        partnerComments: comments ? await comments.commentsOnAction(user(req), action.id) : undefined,
        boundMeasures: boundMeasures ? await boundMeasures(user(req), action.id, view.asAt) : undefined,
        carry,
        canEdit: userCan(user(req), "editPlans"),
      });
    }),
  );

  const updateForm = async (req: Request, res: Response, status = 200, extra: Record<string, unknown> = {}) => {
    const { plan, action } = await plans.action(user(req), actionIdOf(req));
    const history = plan.updatesByAction.get(action.id) ?? [];
    const current = history[history.length - 1];
    res.status(status).render("add-update.njk", {
      pageTitle: `Add an update to action ${action.number}`,
      plan: plan.plan,
      action,
      key: statusKey(plan.plan.scheme),
      statusItems: plan.plan.scheme.statuses.map((s) => ({ value: s.code, text: s.label, hint: { text: s.definition } })),
      currentTag: statusTag(plan.plan.scheme, current?.status),
      earlier: [...history].reverse().map((u) => ({ value: u.id, text: `${formatDate(u.date)}: ${u.commentary.slice(0, 80) || "(no commentary)"}` })),
      values: { status: current?.status },
      submissionId: randomUUID(),
      ...extra,
    });
  };

  router.get(
    "/actions/:actionId/updates/new",
    edit,
    handle(async (req, res) => updateForm(req, res)),
  );

  router.post(
    "/actions/:actionId/updates",
    edit,
    handle(async (req, res) => {
      try {
        assertFormFields(req.body, UPDATE_FORM);
        await plans.addUpdate(user(req), actionIdOf(req), req.body);
        res.redirect(303, `/actions/${actionIdOf(req)}?updated=1`);
      } catch (error) {
        if (!(error instanceof InvalidInput)) throw error;
        await updateForm(req, res, 400, { errors: errorSummary(error.problems, ["date"]), values: req.body });
      }
    }),
  );

  const editForm = async (req: Request, res: Response, status = 200, extra: Record<string, unknown> = {}) => {
    const { plan, action } = await plans.action(user(req), actionIdOf(req));
    res.status(status).render("edit-action.njk", {
      pageTitle: `Change action ${action.number}`,
      plan: plan.plan,
      action,
      values: {
        number: action.number,
        text: action.text,
        successMeasures: action.success_measures,
        leadName: action.lead_name,
        leadRole: action.lead_role,
        timescale: action.due_text,
        externalDependency: action.external_dependency,
        "startDate-day": action.start_date?.slice(8, 10),
        "startDate-month": action.start_date?.slice(5, 7),
        "startDate-year": action.start_date?.slice(0, 4),
        weight: action.weight,
        progress: action.progress,
        impact: action.impact,
        evidenceLinks: action.evidence_links.join("\n"),
        version: action.version,
      },
      ...extra,
    });
  };

  router.get(
    "/actions/:actionId/edit",
    edit,
    handle(async (req, res) => editForm(req, res)),
  );

  router.post(
    "/actions/:actionId/edit",
    edit,
    handle(async (req, res) => {
      try {
        assertFormFields(req.body, ACTION_EDIT_FORM);
        await plans.editAction(user(req), actionIdOf(req), req.body);
        res.redirect(303, `/actions/${actionIdOf(req)}?changed=1`);
      } catch (error) {
        if (error instanceof EditConflict) {
          // Nothing is lost: their version is shown, and what this person typed stays in the form.
          await editForm(req, res, 409, {
            conflict: { number: error.current.number, text: error.current.text, lead: error.current.lead_name, timescale: error.current.due_text },
            errors: [
              {
                text: "Someone else changed this action while you were editing it. Check their changes below, then save yours again.",
                href: "#text",
              },
            ],
            values: { ...req.body, version: error.current.version },
          });
          return;
        }
        if (!(error instanceof InvalidInput)) throw error;
        await editForm(req, res, 400, { errors: errorSummary(error.problems, ["startDate"]), values: req.body });
      }
    }),
  );

  router.get(
    "/forums",
    read,
    handle(async (req, res) => {
      res.render("forums.njk", { pageTitle: "Governance forums", forums: await plans.listForums(user(req)) });
    }),
  );

  router.get(
    "/forums/:forumId",
    read,
    handle(async (req, res) => {
      if (!isUuid(String(req.params.forumId))) throw new NotFound("No such forum.");
      const view = await plans.forum(user(req), String(req.params.forumId), asAtOf(req));
      // The counts and what changed cover every action; the table shows one page of them.
      const page = pageOf(view.actions, pagingOf(req.query, ACTIONS_PAGING));
      res.render("forum.njk", {
        pageTitle: view.forum.name,
        view,
        actions: page.items,
        pagination: paginationView(page.page, page.total, page.pageSize, (n) => hrefWithPage(`/forums/${view.forum.id}`, req.query, n)),
      });
    }),
  );

  // ---- JSON API (described by /api/openapi.json) -------------------------------------------------

  router.get("/api/openapi.json", (_req, res) => {
    res.json(openApiDocument());
  });
  router.get(
    "/api/plans",
    read,
    handle(async (req, res) => {
      const paging = strictPagingOf(req.query, PLANS_PAGING);
      const list = await plans.listPlansPage(user(req), asAtOf(req), paging);
      res.json({
        items: list.items.map((p) => ({
          id: p.id,
          externalId: p.external_id,
          title: p.title,
          type: p.type,
          owner: p.owner,
          approvedOn: p.approved_on,
          state: p.state,
          summary: { total: p.summary.total, sentence: p.summary.sentence, statuses: p.summary.statuses, flags: p.summary.flags.length },
        })),
        page: list.page,
        pageSize: list.pageSize,
        total: list.total,
      });
    }),
  );
  router.get(
    "/api/plans/:planId",
    read,
    handle(async (req, res) => {
      const view = await plans.planView(user(req), String(req.params.planId), { asAt: asAtOf(req), compareTo: compareOf(req) });
      res.json({
        id: view.plan.id,
        externalId: view.plan.external_id,
        title: view.plan.title,
        type: view.plan.type,
        asOf: view.asAt,
        compareTo: view.compareTo,
        scheme: view.plan.scheme,
        sections: view.sections.map((s) => ({
          id: s.id,
          parentId: s.parent_id,
          number: s.number,
          title: s.title,
          aim: s.aim,
          kpis: s.kpis,
          actions: s.actions.map((a) => ({
            id: a.id,
            number: a.number,
            text: a.text,
            lead: a.lead,
            due: a.due,
            status: a.status ?? null,
            statusLabel: a.tag.text,
            direction: a.direction,
            flags: a.flags,
          })),
        })),
      });
    }),
  );
  router.get(
    "/api/plans/:planId/summary",
    read,
    handle(async (req, res) => {
      const u = user(req);
      res.json(await plans.summary({ councilId: u.councilId, userId: u.id }, u.roles, String(req.params.planId), asAtOf(req)));
    }),
  );
  router.get(
    "/api/actions/:actionId",
    read,
    handle(async (req, res) => {
      const { plan, action } = await plans.action(user(req), actionIdOf(req));
      res.json({ ...actionJson(action), updates: (plan.updatesByAction.get(action.id) ?? []).map(updateJson) });
    }),
  );
  router.post(
    "/api/actions/:actionId/updates",
    edit,
    handle(async (req, res) => {
      const result = await plans.addUpdate(user(req), actionIdOf(req), req.body);
      // The same submissionId again: the first update stands, nothing new is created.
      res.status("duplicate" in result ? 200 : 201).json(result);
    }),
  );
  router.put(
    "/api/plans/:planId/scheme",
    edit,
    handle(async (req, res) => {
      res.json(await plans.setScheme(user(req), String(req.params.planId), req.body));
    }),
  );
  router.put(
    "/api/actions/:actionId",
    edit,
    handle(async (req, res) => {
      // camelCase in and out, like every other operation (changed December 2026: it answered with
      // the stored row in snake_case and ignored fields it did not know, so `lead_name` was lost).
      const unknown = unknownJsonFields(req.body, ACTION_EDIT_FIELDS);
      if (unknown.length) throw new InvalidInput(unknown);
      try {
        res.json(actionJson(await plans.editAction(user(req), actionIdOf(req), req.body)));
      } catch (error) {
        if (!(error instanceof EditConflict)) throw error;
        res.status(409).json({ errors: [{ field: "version", message: error.message }], current: actionJson(error.current) });
      }
    }),
  );

  return router;
}

function actionIdOf(req: Request): string {
  const id = String(req.params.actionId);
  if (!isUuid(id)) throw new NotFound("No such action.");
  return id;
}
