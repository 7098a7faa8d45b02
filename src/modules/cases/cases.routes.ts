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
import { errorSummary } from "../../platform/forms.ts";
import { requirePermission, withErrorPages } from "../../platform/http.ts";
import { isUuid } from "../plans/plans.service.ts";
import { dateFieldsOf, type EventField, eventFields, newChildSteps } from "./cases.forms.ts";
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
        caseworkers: await cases.caseworkers(user(req)),
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
  const newChildPage = (res: Response, steps: FormStep[], shown: string, state: NewChildState) => {
    const common = { action: "/cases/new", caption: "Add a child", extraHidden: [], cancelHref: "/cases" };
    const errors = (fields: readonly { name: string }[]) =>
      errorSummary(
        (state.problems ?? []).map((p) => (fields.some((f) => f.name === p.field) ? p : { field: "main-content", message: p.message })),
        dateFieldsOf(fields as EventField[]),
      );
    const step = stepById(steps, shown);
    if (!step) {
      res.status(state.status ?? 200).render("case-check-answers.njk", {
        ...common,
        pageTitle: "Check the child's details before adding them",
        sections: answerRows(steps, state.values),
        hidden: hiddenAnswers(steps, CHECK, state.values),
        back: previousStep(steps, CHECK, false),
        confirmHeading: "Now add the child",
        confirmText: "The child's case opens with these details; the caseworker then records the request and what follows.",
        confirmButton: "Add child",
        errors: errors([]),
      });
      return;
    }
    res.status(state.status ?? 200).render("case-step.njk", {
      ...common,
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
  };
  router.get(
    "/cases/new",
    edit,
    handle(async (req, res) => {
      const steps = newChildSteps(await cases.caseworkers(user(req)));
      newChildPage(res, steps, (steps[0] as FormStep).id, { values: { caseworker: user(req).id }, checking: false });
    }),
  );
  router.post(
    "/cases/new",
    edit,
    handle(async (req, res) => {
      const steps = newChildSteps(await cases.caseworkers(user(req)));
      const post = readStepPost(req.body, steps);
      const { values, checking } = post;
      if (post.problems.length) {
        newChildPage(res, steps, post.from, { values, checking, problems: post.problems, status: 400 });
        return;
      }
      if (post.move.kind === "show") {
        newChildPage(res, steps, post.move.to, { values, checking: post.from === CHECK || (checking && post.move.to !== CHECK) });
        return;
      }
      if (post.move.kind === "continue") {
        const step = stepById(steps, post.from) as FormStep;
        const problems = (await cases.newChildProblems(user(req), values)).filter((p) => step.fields.some((f) => f.name === p.field));
        if (problems.length) newChildPage(res, steps, step.id, { values, checking, problems, status: 400, body: req.body });
        else newChildPage(res, steps, nextStep(steps, step.id, checking), { values, checking });
        return;
      }
      try {
        const created = await cases.createCase(user(req), values);
        res.redirect(303, `/cases/${created.id}`);
      } catch (error) {
        if (!(error instanceof InvalidInput)) throw error;
        // Back to the first page with a problem, then straight back to the check answers page.
        const step = steps.find((s) => error.problems.some((p) => s.fields.some((f) => f.name === p.field))) ?? (steps[0] as FormStep);
        const problems = error.problems.filter((p) => step.fields.some((f) => f.name === p.field));
        newChildPage(res, steps, step.id, { values, checking: true, problems: problems.length ? problems : error.problems, status: 400 });
      }
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
  router.get(
    "/cases/:caseId/record/:kind",
    edit,
    handle(async (req, res) => eventForm(req, res)),
  );
  router.post(
    "/cases/:caseId/record/:kind",
    edit,
    handle(async (req, res) => {
      const kind = String(req.params.kind) as EventKind;
      const caseId = caseIdOf(req);
      const before = await cases.viewCase(user(req), caseId);
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

interface NewChildState {
  values: Record<string, string>;
  checking: boolean;
  problems?: readonly FieldProblem[];
  status?: number;
  /** The post as sent: a refused date is shown as it was typed. */
  body?: unknown;
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
