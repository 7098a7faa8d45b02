// Publication (SPEC A13): the lead's form at /plans/:planId/publication, and the public page and
// open data at /public/:councilCode/plans/:planId(.csv|.json), which need no sign-in.
import express, { type Request } from "express";
import { InvalidInput } from "../../platform/errors.ts";
import { assertFormFields, errorSummary } from "../../platform/forms.ts";
import { requirePermission, withErrorPages } from "../../platform/http.ts";
import { csvCell } from "../reports/render/csv.ts";
import type { PublicationService, PublicPlan } from "./publication.service.ts";

const CSV_HEADERS = ["No", "Section", "Action", "Lead", "Due", "Status", "Commentary date", "Commentary"];

function publicCsv(view: PublicPlan): string {
  const rows = view.actions.map((a) => [
    a.number,
    a.section,
    a.action,
    a.lead,
    a.due,
    a.status?.label ?? "",
    a.commentary?.date ?? "",
    a.commentary?.text ?? "",
  ]);
  return `\uFEFF${[CSV_HEADERS, ...rows].map((cells) => cells.map(csvCell).join(",")).join("\r\n")}\r\n`;
}

function publicJson(view: PublicPlan) {
  return {
    plan: view.plan,
    asAt: view.asAt,
    publishedOn: view.asAt,
    nextPublication: view.nextPublication,
    namesShown: view.namesShown,
    statusesShown: view.statusesShown,
    commentaryShown: view.commentaryShown,
    summary: view.summary.rows.map((r) => ({ status: r.label, count: r.count, percent: r.percentText })),
    actions: view.actions.map((a) => ({
      number: a.number,
      section: a.section,
      action: a.action,
      lead: a.lead,
      due: a.due,
      status: a.status ? { code: a.status.code, label: a.status.label } : null,
      commentary: a.commentary ? { date: a.commentary.date, text: a.commentary.text } : null,
    })),
  };
}

export function publicationRoutes(publication: PublicationService): express.Router {
  const router = express.Router();
  const edit = requirePermission("editPlans");
  const user = (req: Request) => req.user as NonNullable<Request["user"]>;

  const form = async (req: Request, res: express.Response, status: number, extra: Record<string, unknown> = {}) => {
    const u = user(req);
    const settings = await publication.settings(u, String(req.params.planId));
    const values = (extra.values ?? {}) as Record<string, unknown>;
    const posted = "values" in extra;
    const chosenPublic = new Set((Array.isArray(values.public) ? values.public : [values.public]).map(String));
    res.status(status).render("publication.njk", {
      pageTitle: `Publish this plan: ${settings.plan.title}`,
      ...settings,
      ...(posted
        ? {
            published: values.published === "yes",
            publishNames: values.publishNames === "yes",
            showStatuses: values.showStatuses === "yes",
            showCommentary: values.showCommentary === "yes",
          }
        : {}),
      values,
      saved: req.query.saved === "1",
      publicUrl: `/public/${encodeURIComponent(u.councilCode)}/plans/${settings.plan.id}`,
      updateItems: settings.updates.map((up) => ({
        value: up.id,
        text: `Action ${up.actionNumber}, ${up.dateText} (${up.status}): ${up.commentary.length > 200 ? `${up.commentary.slice(0, 200)}…` : up.commentary}`,
        checked: posted ? chosenPublic.has(up.id) : up.public,
      })),
      ...extra,
    });
  };

  router.get(
    "/plans/:planId/publication",
    edit,
    withErrorPages(async (req, res) => form(req, res, 200)),
  );

  router.post(
    "/plans/:planId/publication",
    edit,
    withErrorPages(async (req, res) => {
      const planId = String(req.params.planId);
      try {
        // publication.njk's fields (issue 12: read strictly); `public` is a checkbox per update.
        assertFormFields(req.body, {
          fields: ["published", "showStatuses", "showCommentary", "publishNames"],
          dates: ["publishOn"],
          repeatable: ["public"],
        });
        await publication.save(user(req), planId, req.body as Record<string, unknown>);
      } catch (error) {
        if (!(error instanceof InvalidInput)) throw error;
        await form(req, res, 400, { values: req.body ?? {}, errors: errorSummary(error.problems) });
        return;
      }
      res.redirect(303, `/plans/${planId}/publication?saved=1`);
    }),
  );

  const publicHeaders = (res: express.Response) => {
    res.setHeader("Cache-Control", "public, max-age=300");
    res.setHeader("Access-Control-Allow-Origin", "*");
  };

  router.get(
    "/public/:councilCode/plans/:planId.csv",
    withErrorPages(async (req, res) => {
      const view = await publication.publicPlan(String(req.params.councilCode), String(req.params.planId));
      publicHeaders(res);
      res.type("text/csv; charset=utf-8").attachment(`plan-${view.plan.id}-${view.asAt}.csv`).send(publicCsv(view));
    }),
  );

  router.get(
    "/public/:councilCode/plans/:planId.json",
    withErrorPages(async (req, res) => {
      const view = await publication.publicPlan(String(req.params.councilCode), String(req.params.planId));
      publicHeaders(res);
      res.json(publicJson(view));
    }),
  );

  router.get(
    "/public/:councilCode/plans/:planId",
    withErrorPages(async (req, res) => {
      const view = await publication.publicPlan(String(req.params.councilCode), String(req.params.planId));
      publicHeaders(res);
      res.render("public-plan.njk", {
        pageTitle: view.plan.title,
        view,
        base: `/public/${encodeURIComponent(view.councilCode)}/plans/${view.plan.id}`,
      });
    }),
  );

  return router;
}
