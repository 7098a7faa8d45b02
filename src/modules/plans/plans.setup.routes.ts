// Pages and JSON API for setting up and reshaping a plan (issue 13): create a plan (with "Check
// your answers"), its set-up task list, its details and status scheme, its sections and actions.
// Mounted before plansRoutes, so /plans/new is not taken for a plan's id.
import express, { type Request, type Response } from "express";
import { formatDate } from "../../domain/dates.ts";
import { BUILT_IN_SCHEMES, STATUS_COLOURS, validateCustomScheme } from "../../domain/plans/schemes.ts";
import type { StatusScheme } from "../../domain/plans/types.ts";
import { type FieldProblem, InvalidInput, NotFound } from "../../platform/errors.ts";
import { assertFormFields, errorSummary, formFieldProblems } from "../../platform/forms.ts";
import { requirePermission, withErrorPages } from "../../platform/http.ts";
import { formChange, jsonChange, refusalErrors } from "./plans.change-routes.ts";
import { PLAN_TYPE_LABELS } from "./plans.presenter.ts";
import type { PlansService } from "./plans.service.ts";
import {
  MOVE_FORM,
  NEW_ACTION_FORM,
  NEW_PLAN_TYPES,
  PLAN_DETAILS_FORM,
  parsePlanDetails,
  REORDER_FORM,
  RETIRE_FORM,
  SCHEME_FORM,
  SECTION_FORM,
  SECTION_KINDS,
  schemeFromRows,
  schemeRowsFromForm,
} from "./plans.setup.schemas.ts";
import { type PlanSetupService, type planJson, schemeInUseProblem } from "./plans.setup.service.ts";
import { actionJson, type PlanStructureService, sectionJson } from "./plans.structure.service.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE_FIELDS = ["sourceDate", "approvedOn", "addedOn", "startDate", "date"];

const typeItems = NEW_PLAN_TYPES.map((value) => ({
  value,
  text: value === "accelerated-progress-plan" ? "Accelerated progress plan" : (PLAN_TYPE_LABELS[value] as string),
}));
const kindItems = Object.entries(SECTION_KINDS).map(([value, text]) => ({ value, text }));
const colourItems = STATUS_COLOURS.map((c) => ({
  value: c,
  text: c === "none" ? "No colour" : c === "light-green" ? "Light green" : c[0]?.toUpperCase() + c.slice(1),
}));

/** A YYYY-MM-DD date as a GOV.UK date input's three values. */
function dateParts(name: string, iso: string | null | undefined): Record<string, string> {
  if (!iso) return {};
  return { [`${name}-day`]: String(Number(iso.slice(8, 10))), [`${name}-month`]: String(Number(iso.slice(5, 7))), [`${name}-year`]: iso.slice(0, 4) };
}

/** Problems as the error summary's items; a date's problem already names its box (approvedOn-day). */
const summaryOf = (problems: readonly FieldProblem[]) => errorSummary(problems, DATE_FIELDS);

export function planSetupRoutes(setup: PlanSetupService, structure: PlanStructureService, plans: PlansService): express.Router {
  const router = express.Router();
  const edit = requirePermission("editPlans");
  const user = (req: Request) => req.user as NonNullable<Request["user"]>;
  const handle = withErrorPages;
  const param = (req: Request, name: string, what: string) => {
    const id = String(req.params[name]);
    if (!UUID.test(id)) throw new NotFound(`No such ${what}.`);
    return id;
  };

  // ---- a new plan: details, check your answers, create --------------------------------------

  const detailsForm = async (req: Request, res: Response, status: number, extra: Record<string, unknown>) => {
    const otherPlans = await setup.otherPlans(user(req), extra.planId as string | undefined);
    const current = extra.currentScheme as StatusScheme | undefined;
    const schemes = [...BUILT_IN_SCHEMES, ...(current && !BUILT_IN_SCHEMES.some((s) => s.code === current.code) ? [current] : [])];
    res.status(status).render("plan-details.njk", {
      typeItems,
      schemeItems: schemes.map((s) => ({ value: s.code, text: s.name, hint: { text: s.statuses.map((x) => x.label).join(", ") } })),
      planItems: [{ value: "", text: "None" }, ...otherPlans.map((p) => ({ value: p.id, text: p.title }))],
      ...extra,
    });
  };

  router.get(
    "/plans/new",
    edit,
    handle(async (req, res) => {
      // "Change" on the check page comes back here with the answers in the address.
      const values = Object.fromEntries(Object.entries(req.query).filter(([, v]) => typeof v === "string"));
      await detailsForm(req, res, 200, { pageTitle: "Create a plan", values, action: "/plans/new", creating: true });
    }),
  );

  router.post(
    "/plans/new",
    edit,
    handle(async (req, res) => {
      const stray = formFieldProblems(req.body, PLAN_DETAILS_FORM);
      const { value, problems } = stray.length ? { value: undefined, problems: stray } : parsePlanDetails(req.body);
      if (problems.length || !value) {
        await detailsForm(req, res, 400, {
          pageTitle: "Create a plan",
          values: req.body,
          errors: summaryOf(problems),
          action: "/plans/new",
          creating: true,
        });
        return;
      }
      const otherPlans = await setup.otherPlans(user(req));
      const answers: Record<string, string> = {
        title: value.title,
        type: value.type,
        sourceTitle: value.sourceTitle ?? "",
        sourceDate: value.sourceDate ?? "",
        sourceUrl: value.sourceUrl ?? "",
        owner: value.owner,
        approvedOn: value.approvedOn,
        cadence: value.cadence ?? "",
        scheme: value.scheme,
        continuesPlanId: value.continuesPlanId ?? "",
      };
      const back = { ...answers, ...dateParts("sourceDate", value.sourceDate), ...dateParts("approvedOn", value.approvedOn) };
      delete (back as Record<string, string>).sourceDate;
      delete (back as Record<string, string>).approvedOn;
      // The form again with the answers given; each "Change" link adds the field's anchor.
      const backHref = `/plans/new?${new URLSearchParams(back).toString()}`;
      res.render("plan-check.njk", {
        pageTitle: "Check the plan's details",
        answers,
        backHref,
        typeLabel: typeItems.find((t) => t.value === value.type)?.text,
        schemeName: BUILT_IN_SCHEMES.find((s) => s.code === value.scheme)?.name,
        continuesTitle: otherPlans.find((p) => p.id === value.continuesPlanId)?.title,
        sourceDateText: value.sourceDate ? formatDate(value.sourceDate) : "",
        approvedText: formatDate(value.approvedOn),
      });
    }),
  );

  router.post(
    "/plans",
    edit,
    formChange(
      PLAN_DETAILS_FORM,
      async (req) => `/plans/${(await setup.createPlan(user(req), req.body)).id}/setup?created=1`,
      (req, res, refusal) =>
        detailsForm(req, res, refusal.status, {
          pageTitle: "Create a plan",
          values: { ...req.body, ...dateParts("sourceDate", req.body.sourceDate), ...dateParts("approvedOn", req.body.approvedOn) },
          errors: refusalErrors(refusal, summaryOf, "#title"),
          action: "/plans/new",
          creating: true,
        }),
    ),
  );

  // ---- the set-up task list ---------------------------------------------------------------------

  router.get(
    "/plans/:planId/setup",
    edit,
    handle(async (req, res) => {
      const status = await setup.setupStatus(user(req), param(req, "planId", "plan"));
      const tag = (done: boolean, started = false) =>
        done
          ? { text: "Completed" }
          : started
            ? { tag: { text: "In progress", classes: "govuk-tag--light-blue" } }
            : { tag: { text: "Not yet started", classes: "govuk-tag--blue" } };
      const id = status.plan.id;
      const custom = !BUILT_IN_SCHEMES.some((s) => s.code === status.plan.scheme.code);
      res.render("plan-setup.njk", {
        pageTitle: `Set up ${status.plan.title}`,
        status,
        banner: req.query.created === "1" ? "The plan has been created. Add its sections and actions next." : undefined,
        tasks: [
          {
            title: { text: "Plan details" },
            hint: { text: `${status.plan.typeLabel}, approved ${formatDate(status.plan.approvedOn)}` },
            href: `/plans/${id}/details`,
            status: tag(true),
          },
          {
            title: { text: "Status scheme" },
            hint: { text: `${status.plan.scheme.name}${custom ? " (the plan's own)" : ""}` },
            href: `/plans/${id}/scheme`,
            status: tag(true),
          },
          {
            title: { text: "Sections, aims and KPIs" },
            hint: { text: `${status.sections} sections, ${status.sectionsWithAim} with an aim` },
            href: `/plans/${id}/structure`,
            status: tag(status.sections > 0 && status.sectionsWithAim === status.sections, status.sections > 0),
          },
          {
            title: { text: "Actions" },
            hint: { text: `${status.actions} actions` },
            href: `/plans/${id}/structure#actions`,
            status: tag(status.actions > 0 && status.sections > 0, status.actions > 0),
          },
          {
            // The forums come before the meetings and their packs, so they belong to setting up.
            title: { text: "Forums and meetings" },
            hint: {
              text: `The boards and groups the plan reports to, and their meeting dates. ${status.actionsWithForum} of ${status.actions} actions report to a forum`,
            },
            href: "/forums",
            status: tag(status.actions > 0 && status.actionsWithForum === status.actions, status.actionsWithForum > 0),
          },
          {
            title: { text: "Publish the plan" },
            hint: { text: status.published ? "Published" : "Not published" },
            href: `/plans/${id}/publication`,
            status: tag(status.published),
          },
        ],
      });
    }),
  );

  // ---- a plan's details -------------------------------------------------------------------------

  const planDetailsValues = (p: ReturnType<typeof planJson>) => ({
    title: p.title,
    type: p.type,
    sourceTitle: p.respondsTo.title,
    sourceUrl: p.respondsTo.url,
    owner: p.owner,
    cadence: p.cadence,
    scheme: p.scheme.code,
    continuesPlanId: p.continuesPlanId ?? "",
    version: p.version,
    ...dateParts("sourceDate", p.respondsTo.date),
    ...dateParts("approvedOn", p.approvedOn),
  });

  router.get(
    "/plans/:planId/details",
    edit,
    handle(async (req, res) => {
      const { plan } = await setup.setupStatus(user(req), param(req, "planId", "plan"));
      await detailsForm(req, res, 200, {
        pageTitle: `Change the details of ${plan.title}`,
        values: planDetailsValues(plan),
        action: `/plans/${plan.id}/details`,
        planId: plan.id,
        plan,
        currentScheme: plan.scheme,
      });
    }),
  );

  router.post(
    "/plans/:planId/details",
    edit,
    formChange(
      PLAN_DETAILS_FORM,
      async (req) => {
        const planId = param(req, "planId", "plan");
        await setup.editPlan(user(req), planId, req.body);
        return `/plans/${planId}/setup`;
      },
      async (req, res, refusal) => {
        const { plan } = await setup.setupStatus(user(req), param(req, "planId", "plan"));
        await detailsForm(req, res, refusal.status, {
          pageTitle: `Change the details of ${plan.title}`,
          values: refusal.status === 409 ? { ...req.body, version: plan.version } : req.body,
          errors: refusalErrors(refusal, summaryOf, "#title"),
          action: `/plans/${plan.id}/details`,
          planId: plan.id,
          plan,
          currentScheme: plan.scheme,
        });
      },
    ),
  );

  // ---- the plan's own status scheme -------------------------------------------------------------

  const schemeForm = async (req: Request, res: Response, status: number, extra: Record<string, unknown> = {}) => {
    const { plan } = await setup.setupStatus(user(req), param(req, "planId", "plan"));
    const rated = plan.scheme.statuses.filter((s) => s.rank !== null);
    const worstFirst = rated.length > 1 && (rated[0]?.rank ?? 0) < (rated[rated.length - 1]?.rank ?? 0);
    const values: Record<string, unknown> = { name: plan.scheme.name, keyOrder: worstFirst ? "worst-first" : "best-first" };
    plan.scheme.statuses.forEach((s, i) => {
      Object.assign(values, {
        [`code-${i}`]: s.code,
        [`label-${i}`]: s.label,
        [`colour-${i}`]: s.colour,
        [`definition-${i}`]: s.definition,
        [`done-${i}`]: s.complete ? "yes" : "",
        [`unrated-${i}`]: s.unrated ? "yes" : "",
        [`order-${i}`]: String(i + 1),
      });
    });
    const rows = Math.min(10, plan.scheme.statuses.length + 3);
    res.status(status).render("plan-scheme.njk", {
      pageTitle: `Status scheme of ${plan.title}`,
      plan,
      values,
      rows: Array.from({ length: rows }, (_, i) => i),
      colourItems,
      ...extra,
    });
  };

  router.get(
    "/plans/:planId/scheme",
    edit,
    handle(async (req, res) => schemeForm(req, res, 200)),
  );

  router.post(
    "/plans/:planId/scheme",
    edit,
    handle(async (req, res) => {
      const planId = param(req, "planId", "plan");
      const { plan } = await setup.setupStatus(user(req), planId);
      const stray = formFieldProblems(req.body, SCHEME_FORM);
      if (stray.length) return schemeForm(req, res, 400, { values: req.body, errors: errorSummary(stray) });
      const { rows, name } = schemeRowsFromForm(req.body);
      const builtIn = BUILT_IN_SCHEMES.some((s) => s.code === plan.scheme.code);
      const code = builtIn ? `custom-${plan.externalId}`.slice(0, 40).replace(/-+$/, "") : plan.scheme.code;
      const built = schemeFromRows(rows, name, code, req.body.keyOrder === "worst-first");
      // The checks of SPEC A4 name statuses by their place in the scheme; the form names each row.
      const problems: FieldProblem[] = [...built.problems];
      if (!problems.length) {
        const validated = validateCustomScheme(built.scheme);
        if (!validated.ok) {
          for (const p of validated.problems) {
            const m = /^statuses\[(\d+)\]\.(\w+)$/.exec(p.field);
            const column = m?.[2] === "complete" ? "done" : m?.[2] === "rank" ? "order" : (m?.[2] ?? "");
            problems.push({
              field: m
                ? `${["label", "colour", "definition", "done", "unrated", "order"].includes(column) ? column : "label"}-${built.rowOf(Number(m[1]))}`
                : p.field === "name"
                  ? "name"
                  : "label-0",
              message: p.message,
            });
          }
        }
      }
      if (!problems.length) {
        try {
          await plans.setScheme(user(req), planId, built.scheme);
          res.redirect(303, `/plans/${planId}/setup`);
          return;
        } catch (error) {
          if (!(error instanceof InvalidInput)) throw error;
          const dropped = built.scheme.statuses.length
            ? plan.scheme.statuses.filter((s) => !built.scheme.statuses.some((b) => b.code === s.code)).map((s) => s.code)
            : [];
          problems.push(
            ...error.problems.map((p) =>
              p.field === "statuses" && dropped.length ? schemeInUseProblem("label-0", plan.scheme, dropped) : { ...p, field: "label-0" },
            ),
          );
        }
      }
      await schemeForm(req, res, 400, { values: req.body, errors: errorSummary(problems) });
    }),
  );

  // ---- sections and actions -----------------------------------------------------------------------

  router.get(
    "/plans/:planId/structure",
    edit,
    handle(async (req, res) => {
      const outline = await structure.outline(user(req), param(req, "planId", "plan"));
      const banner = typeof req.query.done === "string" ? DONE_MESSAGES[req.query.done] : undefined;
      res.render("plan-structure.njk", { pageTitle: `Sections and actions of ${outline.plan.title}`, outline, banner });
    }),
  );

  const sectionForm = async (
    req: Request,
    res: Response,
    status: number,
    extra: { planId: string; sectionId?: string } & Record<string, unknown>,
  ) => {
    const outline = await structure.outline(user(req), extra.planId);
    res.status(status).render("plan-section-form.njk", {
      plan: outline.plan,
      kindItems,
      parentItems: [
        { value: "", text: "None: a top-level section" },
        ...outline.sections
          .filter((s) => s.id !== extra.sectionId)
          .map((s) => ({ value: s.id, text: `${"– ".repeat(s.depth)}${s.number} ${s.title}` })),
      ],
      ...extra,
    });
  };

  router.get(
    "/plans/:planId/sections/new",
    edit,
    handle(async (req, res) => {
      const planId = param(req, "planId", "plan");
      const parentId = typeof req.query.parentId === "string" ? req.query.parentId : "";
      await sectionForm(req, res, 200, {
        planId,
        pageTitle: "Add a section",
        values: { kind: "significant-weakness", parentId },
        action: `/plans/${planId}/sections`,
      });
    }),
  );

  router.post(
    "/plans/:planId/sections",
    edit,
    formChange(
      SECTION_FORM,
      async (req) => {
        const planId = param(req, "planId", "plan");
        const section = await structure.addSection(user(req), planId, req.body);
        return `/plans/${planId}/structure?done=section-added#section-${section.id}`;
      },
      async (req, res, refusal) => {
        const planId = param(req, "planId", "plan");
        await sectionForm(req, res, refusal.status, {
          planId,
          pageTitle: "Add a section",
          values: req.body,
          errors: refusalErrors(refusal, summaryOf, "#title"),
          action: `/plans/${planId}/sections`,
        });
      },
    ),
  );

  router.get(
    "/sections/:sectionId/edit",
    edit,
    handle(async (req, res) => {
      const { section } = await structure.section(user(req), param(req, "sectionId", "section"));
      await sectionForm(req, res, 200, {
        planId: section.plan_id,
        sectionId: section.id,
        pageTitle: `Change section ${section.number}`,
        values: { ...section, parentId: section.parent_id ?? "" },
        action: `/sections/${section.id}/edit`,
      });
    }),
  );

  router.post(
    "/sections/:sectionId/edit",
    edit,
    formChange(
      SECTION_FORM,
      async (req) => {
        const section = await structure.editSection(user(req), param(req, "sectionId", "section"), req.body);
        return `/plans/${section.planId}/structure?done=section-changed#section-${section.id}`;
      },
      async (req, res, refusal) => {
        const { section } = await structure.section(user(req), param(req, "sectionId", "section"));
        await sectionForm(req, res, refusal.status, {
          planId: section.plan_id,
          sectionId: section.id,
          pageTitle: `Change section ${section.number}`,
          values: refusal.status === 409 ? { ...req.body, version: section.version } : req.body,
          errors: refusalErrors(refusal, summaryOf, "#title"),
          action: `/sections/${section.id}/edit`,
        });
      },
    ),
  );

  router.post(
    "/sections/:sectionId/reorder",
    edit,
    handle(async (req, res) => {
      const sectionId = param(req, "sectionId", "section");
      const { section } = await structure.section(user(req), sectionId);
      try {
        assertFormFields(req.body, REORDER_FORM);
        await structure.reorderSection(user(req), sectionId, req.body.direction);
        res.redirect(303, `/plans/${section.plan_id}/structure?done=section-moved#section-${sectionId}`);
      } catch (error) {
        if (!(error instanceof InvalidInput)) throw error;
        const outline = await structure.outline(user(req), section.plan_id);
        res.status(400).render("plan-structure.njk", {
          pageTitle: `Sections and actions of ${outline.plan.title}`,
          outline,
          errors: error.problems.map((p) => ({ text: p.message, href: `#section-${sectionId}` })),
        });
      }
    }),
  );

  const actionForm = async (req: Request, res: Response, status: number, extra: { planId: string } & Record<string, unknown>) => {
    const outline = await structure.outline(user(req), extra.planId);
    const values = (extra.values ?? {}) as Record<string, unknown>;
    const chosen = new Set((Array.isArray(values.forumIds) ? values.forumIds : [values.forumIds]).map(String));
    res.status(status).render("plan-action-form.njk", {
      plan: outline.plan,
      sectionItems: outline.sections.map((s) => ({ value: s.id, text: `${s.number} ${s.title}` })),
      // Its forums are chosen here too, so setting up a plan is not a second visit to every action.
      forumItems: (await plans.listForums(user(req))).map((f) => ({ value: f.id, text: f.name, checked: chosen.has(f.id) })),
      ...extra,
    });
  };

  router.get(
    "/plans/:planId/actions/new",
    edit,
    handle(async (req, res) => {
      const planId = param(req, "planId", "plan");
      const outline = await structure.outline(user(req), planId);
      // Actions entered while the plan is set up joined it when it was approved; later ones join today.
      const joined = outline.hasUpdates ? undefined : outline.plan.approved_on;
      await actionForm(req, res, 200, {
        planId,
        pageTitle: "Add an action",
        values: { sectionId: typeof req.query.sectionId === "string" ? req.query.sectionId : "", ...dateParts("addedOn", joined) },
        action: `/plans/${planId}/actions`,
      });
    }),
  );

  router.post(
    "/plans/:planId/actions",
    edit,
    formChange(
      NEW_ACTION_FORM,
      async (req) => {
        const planId = param(req, "planId", "plan");
        const action = await structure.addAction(user(req), planId, req.body);
        return `/plans/${planId}/structure?done=action-added#section-${action.sectionId}`;
      },
      async (req, res, refusal) => {
        const planId = param(req, "planId", "plan");
        await actionForm(req, res, refusal.status, {
          planId,
          pageTitle: "Add an action",
          values: req.body,
          errors: refusalErrors(refusal, summaryOf, "#text"),
          action: `/plans/${planId}/actions`,
        });
      },
    ),
  );

  const moveForm = async (req: Request, res: Response, status: number, extra: Record<string, unknown> = {}) => {
    const { plan, action } = await plans.action(user(req), param(req, "actionId", "action"));
    const outline = await structure.outline(user(req), plan.plan.id);
    res.status(status).render("action-move.njk", {
      pageTitle: `Move action ${action.number}`,
      plan: plan.plan,
      action,
      sectionItems: outline.sections.filter((s) => s.id !== action.section_id).map((s) => ({ value: s.id, text: `${s.number} ${s.title}` })),
      current: outline.sections.find((s) => s.id === action.section_id),
      values: {},
      ...extra,
    });
  };

  router.get(
    "/actions/:actionId/move",
    edit,
    handle(async (req, res) => moveForm(req, res, 200)),
  );
  router.post(
    "/actions/:actionId/move",
    edit,
    formChange(
      MOVE_FORM,
      async (req) => `/actions/${(await structure.moveAction(user(req), param(req, "actionId", "action"), req.body)).id}?moved=1`,
      (req, res, refusal) => moveForm(req, res, refusal.status, { values: req.body, errors: refusalErrors(refusal, summaryOf, "#sectionId") }),
    ),
  );

  const retireForm = async (req: Request, res: Response, status: number, extra: Record<string, unknown> = {}) => {
    const { plan, action } = await plans.action(user(req), param(req, "actionId", "action"));
    res.status(status).render("action-retire.njk", {
      pageTitle: `Retire action ${action.number}`,
      plan: plan.plan,
      action,
      values: { version: action.version },
      ...extra,
    });
  };

  router.get(
    "/actions/:actionId/retire",
    edit,
    handle(async (req, res) => retireForm(req, res, 200)),
  );
  router.post(
    "/actions/:actionId/retire",
    edit,
    formChange(
      RETIRE_FORM,
      async (req) => `/actions/${(await structure.retireAction(user(req), param(req, "actionId", "action"), req.body)).id}?retired=1`,
      (req, res, refusal) => retireForm(req, res, refusal.status, { values: req.body, errors: refusalErrors(refusal, summaryOf, "#reason") }),
    ),
  );

  // ---- JSON API (described by /api/openapi.json) -------------------------------------------------

  router.post(
    "/api/plans",
    edit,
    jsonChange((req) => setup.createPlan(user(req), req.body ?? {}), 201),
  );
  router.put(
    "/api/plans/:planId",
    edit,
    jsonChange((req) => setup.editPlan(user(req), param(req, "planId", "plan"), req.body ?? {})),
  );
  router.post(
    "/api/plans/:planId/sections",
    edit,
    jsonChange((req) => structure.addSection(user(req), param(req, "planId", "plan"), req.body ?? {}), 201),
  );
  router.put(
    "/api/sections/:sectionId",
    edit,
    jsonChange((req) => structure.editSection(user(req), param(req, "sectionId", "section"), req.body ?? {})),
  );
  router.post(
    "/api/sections/:sectionId/reorder",
    edit,
    jsonChange((req) => structure.reorderSection(user(req), param(req, "sectionId", "section"), req.body?.direction)),
  );
  router.post(
    "/api/plans/:planId/actions",
    edit,
    jsonChange((req) => structure.addAction(user(req), param(req, "planId", "plan"), req.body ?? {}), 201),
  );
  router.post(
    "/api/actions/:actionId/move",
    edit,
    jsonChange((req) => structure.moveAction(user(req), param(req, "actionId", "action"), req.body ?? {})),
  );
  router.post(
    "/api/actions/:actionId/retire",
    edit,
    jsonChange((req) => structure.retireAction(user(req), param(req, "actionId", "action"), req.body ?? {})),
  );

  return router;
}

const DONE_MESSAGES: Record<string, string> = {
  "section-added": "The section has been added.",
  "section-changed": "The section has been changed.",
  "section-moved": "The section has been moved.",
  "action-added": "The action has been added.",
};

export { actionJson, sectionJson };
