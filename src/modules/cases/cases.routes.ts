// Casework pages: worklists, the register (with CSV and Excel), a child's case with its clock,
// and the forms that record what happened.
import express, { type Request, type Response } from "express";
import { EVENT_KINDS, EVENT_TITLES, type EventKind } from "../../domain/cases/events.ts";
import { NEED_LABELS, SETTING_TYPE_LABELS } from "../../domain/cases/types.ts";
import {
  REGISTER_COLUMNS,
  registerCells,
  registerColumnsShown,
  WORKLIST_TITLES,
  WORKLISTS,
  type WorklistName,
} from "../../domain/cases/worklists.ts";
import { formatDate } from "../../domain/dates.ts";
import { schoolYear } from "../../domain/school-year.ts";
import { type FieldProblem, InvalidInput } from "../../platform/errors.ts";
import { errorSummary, type FormField } from "../../platform/forms.ts";
import { requirePermission, withErrorPages } from "../../platform/http.ts";
import { isUuid } from "../plans/plans.service.ts";
import { dateFieldsOf, eventFields, eventSteps, newChildSteps } from "./cases.forms.ts";
import { presentDeadline } from "./cases.presenter.ts";
import { ACCESS_REASONS } from "./cases.schemas.ts";
import { CaseConflict, CaseNotFound, type CasesService, ReasonNeeded } from "./cases.service.ts";
import { answerRows, CHECK, type FormStep, hiddenAnswers, nextStep, previousStep, readStepPost, shownValues, stepById } from "./cases.steps.ts";

export function casesRoutes(cases: CasesService): express.Router {
  const router = express.Router();
  const read = requirePermission("readCases");
  const edit = requirePermission("editCases");
  const user = (req: Request) => req.user as NonNullable<Request["user"]>;
  // A child's record opens only once the person has a reason to see it (SPEC D1): otherwise
  // they are asked for one, and then sent on to the page they wanted.
  const handle = (work: (req: Request, res: Response) => Promise<void>) =>
    withErrorPages(async (req, res) => {
      try {
        await work(req, res);
      } catch (error) {
        if (!(error instanceof ReasonNeeded)) throw error;
        reasonForm(req, res, 200, { values: { returnTo: req.method === "GET" ? req.originalUrl : `/cases/${caseIdOf(req)}` } });
      }
    });
  const reasonForm = (req: Request, res: Response, status: number, extra: { values: Record<string, unknown>; errors?: unknown[] }) => {
    res.status(status).render("case-reason.njk", {
      pageTitle: "Why do you need to see this record?",
      caseId: caseIdOf(req),
      reasons: Object.entries(ACCESS_REASONS).map(([value, text]) => ({ value, text })),
      ...extra,
    });
  };
  const page = (req: Request) => Math.max(1, Math.min(10_000, Number.parseInt(String(req.query.page ?? "1"), 10) || 1));
  const caseIdOf = (req: Request) => {
    const id = String(req.params.caseId);
    if (!isUuid(id)) throw new CaseNotFound("No such case.");
    return id;
  };

  router.get("/cases", read, (req, res) => {
    res.redirect(303, user(req).roles.includes("caseworker") ? "/cases/worklists/my-cases" : "/cases/worklists/overdue");
  });

  router.get(
    "/cases/worklists/:list",
    read,
    handle(async (req, res) => {
      const list = String(req.params.list) as WorklistName;
      if (!(WORKLISTS as readonly string[]).includes(list)) throw new CaseNotFound("No such worklist.");
      const mine = list === "my-cases" || req.query.mine === "yes";
      const caseworker = typeof req.query.caseworker === "string" && isUuid(req.query.caseworker) ? req.query.caseworker : undefined;
      const current = page(req);
      const result = await cases.worklist(user(req), list, { mine, page: current, ...(caseworker ? { caseworker } : {}) });
      res.render("worklist.njk", {
        pageTitle: WORKLIST_TITLES[list],
        list,
        lists: WORKLISTS.map((name) => ({ name, title: WORKLIST_TITLES[name], count: result.counts[name], current: name === list })),
        rows: result.rows.map((r) => ({ ...r, dueText: r.due ? formatDate(r.due) : "" })),
        total: result.total,
        page: current,
        pages: Math.max(1, Math.ceil(result.total / 50)),
        caseworkers: result.caseworkers,
        caseworker,
        mine,
      });
    }),
  );

  router.get(
    "/cases/register",
    read,
    handle(async (req, res) => {
      const search = typeof req.query.search === "string" ? req.query.search.trim().slice(0, 100) : "";
      const current = page(req);
      const result = await cases.register(user(req), { search, page: current });
      // Six key columns unless asked for all fourteen (issue 20: the full table was 1,813 px wide).
      const allColumns = req.query.columns === "all";
      const columns = registerColumnsShown(allColumns);
      res.render("register.njk", {
        pageTitle: "Register of children with EHC plans",
        allColumns,
        columns,
        columnCount: REGISTER_COLUMNS.length,
        rows: result.rows.map((row) => {
          const cells = registerCells(row);
          return { caseId: row.caseId, cells: columns.map((c) => ({ key: c.key, header: c.header, text: cells[c.index] })) };
        }),
        total: result.total,
        search,
        page: current,
        pages: Math.max(1, Math.ceil(result.total / 50)),
      });
    }),
  );

  for (const format of ["csv", "xlsx"] as const) {
    router.get(
      `/cases/register.${format}`,
      read,
      handle(async (req, res) => {
        const u = user(req);
        const file = await cases.exportRegister({ councilId: u.councilId, userId: u.id }, u.roles, format);
        res.attachment(`register-${u.councilCode.toLowerCase()}.${format}`);
        res.type(format === "csv" ? "text/csv; charset=utf-8" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        res.send(file);
      }),
    );
  }

  // "Add a child" as question pages and a check answers page (issue 20): nothing is saved until
  // the person confirms, and each page is checked by the same rules as the whole (cases.steps.ts).
  const newChildForm = async (req: Request): Promise<SteppedForm> => ({
    steps: newChildSteps(await cases.caseworkers(user(req))),
    action: "/cases/new",
    caption: "Add a child",
    cancelHref: "/cases",
    extraHidden: [],
    checkTitle: "Check the child's details before adding them",
    confirmText: "The child's case opens with these details; the caseworker then records the request and what follows.",
    confirmButton: "Add child",
  });
  router.get(
    "/cases/new",
    edit,
    handle(async (req, res) => {
      const form = await newChildForm(req);
      renderStep(res, form, (form.steps[0] as FormStep).id, { values: { caseworker: user(req).id }, checking: false });
    }),
  );
  router.post(
    "/cases/new",
    edit,
    handle(async (req, res) => {
      await answerStepped(req, res, await newChildForm(req), {
        problems: (values) => cases.newChildProblems(user(req), values),
        save: async (values) => `/cases/${(await cases.createCase(user(req), values)).id}`,
      });
    }),
  );

  for (const section of ["", "/timeline", "/plan", "/placements"]) {
    router.get(
      `/cases/:caseId${section}`,
      read,
      handle(async (req, res) => {
        const view = await cases.viewCase(user(req), caseIdOf(req));
        const { child } = view.record;
        res.render("case.njk", {
          pageTitle: `${child.firstName} ${child.lastName}`,
          section: section.slice(1) || "overview",
          view,
          child,
          deadlines: view.deadlines.map(presentDeadline),
          schoolYear: schoolYear(child.dateOfBirth, view.today).label,
          needsText: child.needs.map((n) => `${NEED_LABELS[n.code]}${n.rank === 1 ? " (primary)" : ""}`).join(", "),
          settingTypes: SETTING_TYPE_LABELS,
          recordable: RECORD_GROUPS.map((group) => ({ ...group, items: group.kinds.map((kind) => ({ kind, title: EVENT_TITLES[kind] })) })),
          canEdit: user(req).roles.some((r) => r === "caseworker" || r === "send_manager"),
          banner: req.query.recorded === "1" ? "Saved. The case's deadlines have been worked out again." : undefined,
        });
      }),
    );
  }

  const eventForm = async (req: Request, res: Response, status = 200, extra: Record<string, unknown> = {}) => {
    const kind = String(req.params.kind) as EventKind;
    if (!(EVENT_KINDS as readonly string[]).includes(kind)) throw new CaseNotFound("Nothing of that kind can be recorded.");
    const view = await cases.viewCase(user(req), caseIdOf(req));
    res.status(status).render("record-event.njk", {
      pageTitle: EVENT_TITLES[kind],
      kind,
      title: EVENT_TITLES[kind],
      child: view.record.child,
      caseId: view.record.id,
      version: view.version,
      fields: eventFields(kind, view.record),
      values: {},
      ...extra,
    });
  };
  // The longer forms (a placement, an advice request, a parent or carer) as question pages and a
  // check answers page (issue 20); the rest stay one short page.
  const eventStepped = (req: Request, view: Awaited<ReturnType<CasesService["viewCase"]>>, kind: EventKind): SteppedForm | undefined => {
    const steps = eventSteps(kind, view.record);
    if (!steps) return undefined;
    const posted = (req.body as Record<string, unknown> | undefined)?.version;
    const { child } = view.record;
    return {
      steps,
      action: `/cases/${view.record.id}/record/${kind}`,
      caption: `${child.firstName} ${child.lastName}: ${EVENT_TITLES[kind].toLowerCase()}`,
      cancelHref: `/cases/${view.record.id}`,
      // The version the person started from, so a change by someone else meanwhile is caught on saving.
      extraHidden: [{ name: "version", value: typeof posted === "string" && /^\d{1,10}$/.test(posted) ? posted : String(view.version) }],
      checkTitle: `Check the ${EVENT_TITLES[kind].toLowerCase()} before saving`,
      confirmText: "Saving adds this to the case's timeline and works its deadlines out again.",
      confirmButton: "Save",
    };
  };
  const kindOf = (req: Request) => {
    const kind = String(req.params.kind) as EventKind;
    if (!(EVENT_KINDS as readonly string[]).includes(kind)) throw new CaseNotFound("Nothing of that kind can be recorded.");
    return kind;
  };
  router.get(
    "/cases/:caseId/record/:kind",
    edit,
    handle(async (req, res) => {
      const kind = kindOf(req);
      const view = await cases.viewCase(user(req), caseIdOf(req));
      const stepped = eventStepped(req, view, kind);
      if (stepped) renderStep(res, stepped, (stepped.steps[0] as FormStep).id, { values: {}, checking: false });
      else await eventForm(req, res);
    }),
  );
  router.post(
    "/cases/:caseId/record/:kind",
    edit,
    handle(async (req, res) => {
      const kind = kindOf(req);
      const caseId = caseIdOf(req);
      const before = await cases.viewCase(user(req), caseId);
      const stepped = eventStepped(req, before, kind);
      if (stepped) {
        const version = (stepped.extraHidden[0] as { value: string }).value;
        await answerStepped(req, res, stepped, {
          problems: (values) => cases.eventProblems(user(req), caseId, kind, values),
          save: async (values) => {
            await cases.recordEvent(user(req), caseId, kind, { ...values, version });
            return `/cases/${caseId}?recorded=1`;
          },
        });
        return;
      }
      const fields = eventFields(kind, before.record);
      try {
        await cases.recordEvent(user(req), caseId, kind, req.body);
        res.redirect(303, `/cases/${caseId}?recorded=1`);
      } catch (error) {
        if (error instanceof CaseConflict) {
          await eventForm(req, res, 409, { values: req.body, errors: [{ text: error.message, href: "#main-content" }] });
          return;
        }
        if (!(error instanceof InvalidInput)) throw error;
        await eventForm(req, res, 400, { values: req.body, errors: errorSummary(error.problems, dateFieldsOf(fields)) });
      }
    }),
  );

  router.post(
    "/cases/:caseId/reason",
    read,
    handle(async (req, res) => {
      const caseId = caseIdOf(req);
      const body = req.body as Record<string, unknown>;
      // Only back to a page of this case: never a link to anywhere else.
      const wanted = typeof body.returnTo === "string" ? body.returnTo : "";
      const returnTo = wanted.startsWith(`/cases/${caseId}`) && !/[\\]|\/\//.test(wanted) ? wanted : `/cases/${caseId}`;
      try {
        await cases.giveAccessReason(user(req), caseId, body);
        res.redirect(303, returnTo);
      } catch (error) {
        if (!(error instanceof InvalidInput)) throw error;
        reasonForm(req, res, 400, { values: { ...body, returnTo }, errors: errorSummary(error.problems) });
      }
    }),
  );

  return router;
}

/** A long form asked as question pages: its steps and the words around them. */
interface SteppedForm {
  steps: FormStep[];
  action: string;
  caption: string;
  cancelHref: string;
  /** Fields every page sends unchanged (the case's version, so a change by someone else is caught). */
  extraHidden: { name: string; value: string }[];
  checkTitle: string;
  confirmText: string;
  confirmButton: string;
}

interface StepState {
  values: Record<string, string>;
  checking: boolean;
  problems?: readonly FieldProblem[];
  status?: number;
  /** The post as sent: a refused date is shown as it was typed. */
  body?: unknown;
}

/** Draws one question page, or the check answers page; problems about other pages' fields point at the page's top. */
function renderStep(res: Response, form: SteppedForm, shown: string, state: StepState): void {
  const { steps } = form;
  const errors = (fields: readonly FormField[]) =>
    errorSummary(
      (state.problems ?? []).map((p) => (fields.some((f) => f.name === p.field) ? p : { field: "main-content", message: p.message })),
      dateFieldsOf([...fields]),
    );
  const step = stepById(steps, shown);
  if (!step) {
    res.status(state.status ?? 200).render("case-check-answers.njk", {
      ...form,
      pageTitle: form.checkTitle,
      sections: answerRows(steps, state.values),
      hidden: hiddenAnswers(steps, CHECK, state.values),
      back: previousStep(steps, CHECK, false),
      errors: errors([]),
    });
    return;
  }
  res.status(state.status ?? 200).render("case-step.njk", {
    ...form,
    pageTitle: step.title,
    step,
    number: steps.indexOf(step) + 1,
    count: steps.length,
    values: shownValues(step.fields, state.values, state.body),
    hidden: hiddenAnswers(steps, step.id, state.values),
    everything: hiddenAnswers(steps, "", state.values),
    back: previousStep(steps, step.id, state.checking),
    checking: state.checking,
    errors: errors(step.fields),
  });
}

/**
 * Answers a stepped form's post: Back and Change show the page asked for; Continue checks this
 * page's answers (`problems`, which saves nothing) and shows the next; confirm saves (`save`,
 * which answers where to go). A refusal on saving opens the first page with a problem.
 */
async function answerStepped(
  req: Request,
  res: Response,
  form: SteppedForm,
  act: { problems: (values: Record<string, string>) => Promise<FieldProblem[]>; save: (values: Record<string, string>) => Promise<string> },
): Promise<void> {
  const { steps } = form;
  const post = readStepPost(
    req.body,
    steps,
    form.extraHidden.map((h) => h.name),
  );
  const { values, checking } = post;
  const on = (step: FormStep, problems: readonly FieldProblem[]) => problems.filter((p) => step.fields.some((f) => f.name === p.field));
  if (post.problems.length) {
    renderStep(res, form, post.from, { values, checking, problems: post.problems, status: 400 });
  } else if (post.move.kind === "show") {
    renderStep(res, form, post.move.to, { values, checking: post.from === CHECK || (checking && post.move.to !== CHECK) });
  } else if (post.move.kind === "continue") {
    const step = stepById(steps, post.from) as FormStep;
    const problems = on(step, await act.problems(values));
    if (problems.length) renderStep(res, form, step.id, { values, checking, problems, status: 400, body: req.body });
    else renderStep(res, form, nextStep(steps, step.id, checking), { values, checking });
  } else {
    try {
      res.redirect(303, await act.save(values));
    } catch (error) {
      if (error instanceof CaseConflict) {
        renderStep(res, form, CHECK, { values, checking, problems: [{ field: "main-content", message: error.message }], status: 409 });
        return;
      }
      if (!(error instanceof InvalidInput)) throw error;
      // Back to the first page with a problem, then straight back to the check answers page.
      const step = steps.find((s) => on(s, error.problems).length) ?? (steps[0] as FormStep);
      const problems = on(step, error.problems);
      renderStep(res, form, step.id, { values, checking: true, problems: problems.length ? problems : error.problems, status: 400 });
    }
  }
}

const RECORD_GROUPS: { title: string; kinds: EventKind[] }[] = [
  {
    title: "Assessment",
    kinds: [
      "requestReceived",
      "decisionRecorded",
      "adviceRequested",
      "adviceReturned",
      "exceptionRecorded",
      "draftServed",
      "finalPlanIssued",
      "noPlanNoticeSent",
      "requestWithdrawn",
      "mediationAndAppeal",
    ],
  },
  {
    title: "Plan and annual review",
    kinds: [
      "reviewMeeting",
      "reviewReportCirculated",
      "reviewDecision",
      "amendmentNoticeSent",
      "amendedPlanIssued",
      "phaseTransferRecorded",
      "planTransferredIn",
      "planCeased",
    ],
  },
  {
    title: "Placement",
    kinds: [
      "placementStarted",
      "placementEnded",
      "visitRecorded",
      "awaitingProvisionStarted",
      "provisionArranged",
      "missingEducationStarted",
      "missingEducationEnded",
    ],
  },
  { title: "Family", kinds: ["contactAdded"] },
];
