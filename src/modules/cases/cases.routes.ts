// Casework pages: worklists, the register (with CSV and Excel), a child's case with its clock,
// and the forms that record what happened.
import express, { type Request, type Response } from "express";
import { EVENT_KINDS, EVENT_TITLES, type EventKind } from "../../domain/cases/events.ts";
import { NEED_CODES, NEED_LABELS, SETTING_TYPE_LABELS } from "../../domain/cases/types.ts";
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
import { InvalidInput } from "../../platform/errors.ts";
import { errorSummary } from "../../platform/forms.ts";
import { requirePermission, withErrorPages } from "../../platform/http.ts";
import { isUuid } from "../plans/plans.service.ts";
import { dateFieldsOf, eventFields } from "./cases.forms.ts";
import { presentDeadline } from "./cases.presenter.ts";
import { ACCESS_REASONS } from "./cases.schemas.ts";
import { CaseConflict, CaseNotFound, type CasesService, ReasonNeeded } from "./cases.service.ts";

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

  const newCaseForm = async (req: Request, res: Response, status = 200, extra: Record<string, unknown> = {}) => {
    res.status(status).render("new-case.njk", {
      pageTitle: "Add a child",
      needs: NEED_CODES.map((code) => ({ value: code, text: NEED_LABELS[code] })),
      caseworkers: await cases.caseworkers(user(req)),
      values: { caseworker: user(req).id },
      ...extra,
    });
  };
  router.get(
    "/cases/new",
    edit,
    handle(async (req, res) => newCaseForm(req, res)),
  );
  router.post(
    "/cases/new",
    edit,
    handle(async (req, res) => {
      try {
        const created = await cases.createCase(user(req), req.body);
        res.redirect(303, `/cases/${created.id}`);
      } catch (error) {
        if (!(error instanceof InvalidInput)) throw error;
        await newCaseForm(req, res, 400, { values: req.body, errors: errorSummary(error.problems, ["dateOfBirth"]) });
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
