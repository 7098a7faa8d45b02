// An action's measures (SPEC A7, C3): the success measures bound to registry measures with their
// live figures, the proposed rating and whether it supports the lead's; a form to bind another.
// Kept in the measures module (its own file) so the plans pages can change beside it.
import express, { type Request } from "express";
import { isIsoDate } from "../../domain/dates.ts";
import { can } from "../../domain/roles.ts";
import { InvalidInput } from "../../platform/errors.ts";
import { assertFormFields, errorSummary, type FormShape } from "../../platform/forms.ts";
import { requirePermission, withErrorPages } from "../../platform/http.ts";
import { actorOf } from "../access/access.service.ts";
import { boundMeasureViews, PROPOSED_TAG } from "./measure-links.presenter.ts";
import { type ActionMeasures, BINDABLE_IDS, bindableMeasure, type MeasureLinksService } from "./measure-links.service.ts";
import { figure } from "./measures.routes.ts";

/** The JSON of an action's bound measures: camelCase, the same figures as the page. */
// The action's measures page's two forms (action-measures.njk), read strictly (issue 12).
const BIND_FORM: FormShape = { fields: ["measureId", "targetValue", "targetDate", "baselineValue", "baselineDate"] };
const KEEP_RATING_FORM: FormShape = { fields: ["reason"] };

export function actionMeasuresJson(result: ActionMeasures) {
  return {
    action: result.action,
    measures: result.links.map((l) => ({
      id: l.id,
      measureId: l.measureId,
      title: l.title,
      unit: l.unit,
      baseline: l.baselineValue === null ? null : { value: l.baselineValue, date: l.baselineDate },
      target: { value: l.targetValue, date: l.targetDate },
      period: l.period,
      actual: l.actual,
      numerator: l.numerator,
      denominator: l.denominator,
      expected: l.assessment.expected,
      proposedRating: l.assessment.proposed,
      supportsRating: l.assessment.supportsRating,
      sentence: l.assessment.sentence,
      ratingKept: l.ratingKept && {
        rating: l.ratingKept.rating,
        reason: l.ratingKept.reason,
        keptBy: l.ratingKept.keptBy,
        keptAt: l.ratingKept.keptAt,
      },
      // Added for measures entered by hand: the figure's date and source (null for the others, or none entered yet).
      entry: l.entry ?? null,
      asAt: l.asAt,
      // Each month's own figure, to the as-at date, beside the milestone line (the small chart's figures).
      series: l.series.map((p, i) => ({ period: p.period, value: p.value, milestone: l.milestones[i]?.value ?? null })),
    })),
  };
}

export function measureLinksRoutes(links: MeasureLinksService): express.Router {
  const router = express.Router();
  const user = (req: Request) => req.user as NonNullable<Request["user"]>;
  const options = BINDABLE_IDS.map((id) => {
    const m = bindableMeasure(id);
    return { value: id, text: `${m.title} (${m.unit === "percent" ? "%" : "count"})` };
  });

  const render = async (req: Request, res: express.Response, status: number, extra: Record<string, unknown> = {}) => {
    const result = await links.forAction(actorOf(user(req)), user(req).roles, String(req.params.actionId));
    res.status(status).render("action-measures.njk", {
      pageTitle: `Measures for action ${result.action.number}`,
      action: result.action,
      canEdit: can(user(req).roles, "editPlans"),
      measureOptions: [{ value: "", text: "Choose a measure" }, ...options, ...(await links.enteredOptions(actorOf(user(req))))],
      links: await boundMeasureViews(result.links),
      values: {},
      ...extra,
    });
  };

  router.get(
    "/actions/:actionId/measures",
    requirePermission("readPlans"),
    withErrorPages(async (req, res) => render(req, res, 200)),
  );

  router.post(
    "/actions/:actionId/measures",
    requirePermission("editPlans"),
    withErrorPages(async (req, res) => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      try {
        assertFormFields(body, BIND_FORM);
        await links.bind(actorOf(user(req)), user(req).roles, String(req.params.actionId), body);
        res.redirect(303, `/actions/${req.params.actionId}/measures`);
      } catch (error) {
        if (!(error instanceof InvalidInput)) throw error;
        await render(req, res, 400, { errors: errorSummary(error.problems), values: body });
      }
    }),
  );

  // The lead keeps a rating the measure does not support, and says why (SPEC C3); audited.
  router.post(
    "/actions/:actionId/measures/:linkId/keep-rating",
    requirePermission("editPlans"),
    withErrorPages(async (req, res) => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      try {
        assertFormFields(body, KEEP_RATING_FORM);
        await links.keepRating(actorOf(user(req)), user(req).roles, String(req.params.actionId), String(req.params.linkId), body);
        res.redirect(303, `/actions/${req.params.actionId}/measures`);
      } catch (error) {
        if (!(error instanceof InvalidInput)) throw error;
        // The error summary points at this binding's reason box.
        const problems = error.problems.map((p) => ({ ...p, field: `reason-${req.params.linkId}` }));
        await render(req, res, 400, { errors: errorSummary(problems), reasonValues: { [String(req.params.linkId)]: body.reason } });
      }
    }),
  );

  // The plan's check (A7): every bound measure of the plan, the ratings they do not support first.
  router.get(
    "/plans/:planId/measures",
    requirePermission("readPlans"),
    withErrorPages(async (req, res) => {
      const result = await links.forPlan(actorOf(user(req)), user(req).roles, String(req.params.planId));
      const rows = result.actions.flatMap((a) =>
        a.links.map((l) => ({
          actionId: a.action.id,
          number: a.action.number,
          title: l.title,
          rating: a.action.latestStatusLabel ?? "Not rated yet",
          actual: figure(l.unit, l.actual, l.numerator, l.denominator),
          proposed: l.assessment.proposed ?? "no figure yet",
          proposedTag: PROPOSED_TAG[l.assessment.proposed ?? ""] ?? "grey",
          supports: l.assessment.supportsRating,
          sentence: l.assessment.sentence,
          kept: l.ratingKept,
        })),
      );
      rows.sort((x, y) => Number(x.supports !== false) - Number(y.supports !== false));
      res.render("plan-measures.njk", {
        pageTitle: `Measures bound to ${result.planTitle}`,
        planId: result.planId,
        rows,
        unsupported: rows.filter((r) => r.supports === false).length,
      });
    }),
  );

  router.get(
    "/api/actions/:actionId/measures",
    requirePermission("readPlans"),
    withErrorPages(async (req, res) => {
      // ?asAt=YYYY-MM-DD: the figures and the lead's rating as at a past date (a report's date).
      const asAt = req.query.asAt;
      if (asAt !== undefined && (typeof asAt !== "string" || !isIsoDate(asAt)))
        throw new InvalidInput([{ field: "asAt", message: "The as-at date must be a real date, like 2026-03-31" }]);
      res.json(actionMeasuresJson(await links.forAction(actorOf(user(req)), user(req).roles, String(req.params.actionId), asAt)));
    }),
  );

  return router;
}
