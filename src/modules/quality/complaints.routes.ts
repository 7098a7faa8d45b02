// Pages and API for enquiries and complaints (issue 18 part 3): the worklists, recording a contact,
// one contact with its stages (answer, escalate, learning), and the quality measures over time.
import express, { type Request, type Response } from "express";
import { formatDate, isIsoDate } from "../../domain/dates.ts";
import { monthPeriod, type Period } from "../../domain/measures/registry.ts";
import {
  CHANNEL_LABELS,
  CHANNELS,
  CONTACT_FROM,
  CONTACT_FROM_LABELS,
  CONTACT_KIND_LABELS,
  DEFAULT_RESPONSE_DAYS,
  OUTCOME_LABELS,
  OUTCOMES,
  STAGE_LABELS,
  STAGE_STATE_LABELS,
  type Stage,
  type StageState,
  THEME_LABELS,
  THEMES,
} from "../../domain/quality/complaints.ts";
import {
  COMPLAINT_OUTCOMES,
  figureText,
  HEADLINE_MEASURE_IDS,
  OUTCOME_MEASURE_IDS,
  QUALITY_MEASURES,
  type QualityFigure,
  THEME_MEASURE_IDS,
} from "../../domain/quality/measures.ts";
import { InvalidInput } from "../../platform/errors.ts";
import { errorSummary, type FormField, strictForm, textFields } from "../../platform/forms.ts";
import { requirePermission, withErrorPages } from "../../platform/http.ts";
import { actorOf } from "../access/access.service.ts";
import type { ContactRow, StageRow } from "./complaints.repository.ts";
import { type ComplaintsService, WORKLISTS, type Worklist } from "./complaints.service.ts";
import type { QualityMeasuresService } from "./quality-measures.service.ts";

const options = (values: readonly string[], labels: Record<string, string>) => values.map((v) => ({ value: v, text: labels[v] ?? v }));
const reference = (n: number) => `C-${String(n).padStart(4, "0")}`;
const DATE_FIELDS = ["receivedOn", "respondedOn", "openedOn"];
const date = (name: string): FormField => ({ kind: "date", name, label: name });

// Each form's own fields (issue 12: strict forms); anything else is refused with nothing saved.
// `themes` is a list (checkboxes, or JSON), and the API may send the target as a number.
const CONTACT_FIELDS = [...textFields("kind", "fromType", "fromName", "channel", "caseId", "summary", "ownerUserId"), date("receivedOn")];
const CONTACT_EXTRA = ["themes", "targetWorkingDays"];
const FORMS = {
  response: { fields: [...textFields("outcome", "response"), date("respondedOn")], extra: [] as string[] },
  escalation: { fields: [date("openedOn")], extra: ["targetWorkingDays"] },
  learning: { fields: textFields("learning", "actionId"), extra: [] as string[] },
};

/** A contact as the API gives it: camelCase, dates as YYYY-MM-DD, codes with their words beside the page. */
export function contactJson(contact: ContactRow, stages: (StageRow & { state: StageState; daysLate: number })[]) {
  return {
    id: contact.id,
    reference: reference(contact.number),
    kind: contact.kind,
    fromType: contact.from_type,
    fromName: contact.from_name,
    channel: contact.channel,
    caseId: contact.case_id,
    summary: contact.summary,
    themes: contact.themes,
    owner: contact.owner_name,
    receivedOn: contact.received_on,
    learning: contact.learning,
    learningActionId: contact.learning_action_id,
    stages: stages.map((s) => ({
      stage: s.stage,
      openedOn: s.opened_on,
      targetWorkingDays: s.target_working_days,
      dueOn: s.due_on,
      respondedOn: s.responded_on,
      outcome: s.outcome,
      state: s.state,
      workingDaysLate: s.daysLate,
    })),
  };
}

/** The 12 whole months to today's month, or the asked period. */
function periodFrom(query: Request["query"], today: string): Period {
  const from = typeof query.from === "string" ? query.from : "";
  const to = typeof query.to === "string" ? query.to : "";
  if (from || to) {
    const problems = [];
    if (!isIsoDate(from)) problems.push({ field: "from", message: "The start must be a real date, like 2026-01-01" });
    if (!isIsoDate(to)) problems.push({ field: "to", message: "The end must be a real date, like 2026-12-31" });
    if (!problems.length && from > to) problems.push({ field: "to", message: "The end must be on or after the start" });
    if (!problems.length && Number(to.slice(0, 4)) - Number(from.slice(0, 4)) > 5)
      problems.push({ field: "from", message: "Choose a period of at most five years" });
    if (problems.length) throw new InvalidInput(problems);
    return { from, to, label: `${formatDate(from)} to ${formatDate(to)}` };
  }
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  const start = m === 12 ? monthPeriod(y, 1) : monthPeriod(y - 1, m + 1);
  return { from: start.from, to: monthPeriod(y, m).to, label: `the 12 months to ${formatDate(monthPeriod(y, m).to)}` };
}

/** Months as rows and the given measures as columns, each cell the month's count. */
function monthly(series: { period: Period; values: QualityFigure[] }[], columns: { id: string; label: string }[]) {
  return {
    columns,
    rows: series.map((s) => ({
      label: s.period.label,
      cells: columns.map((c) => ({ label: c.label, value: s.values.find((v) => v.id === c.id)?.value ?? 0 })),
    })),
  };
}

export function complaintsRoutes(service: ComplaintsService, measures: QualityMeasuresService, today: () => string): express.Router {
  const router = express.Router();
  const user = (req: Request) => req.user as NonNullable<Request["user"]>;
  const body = (req: Request) => (req.body ?? {}) as Record<string, unknown>;
  const handle = requirePermission("handleComplaints");
  const listOf = (req: Request): Worklist => (WORKLISTS.includes(req.query.list as Worklist) ? (req.query.list as Worklist) : "overdue");

  router.get(
    "/complaints",
    handle,
    withErrorPages(async (req, res) => {
      const list = listOf(req);
      const { items, counts } = await service.worklist(user(req), list);
      const all = list === "answered" ? undefined : counts;
      res.render("complaints-worklist.njk", {
        pageTitle: "Enquiries and complaints",
        list,
        counts: all,
        items: items.map((i) => ({
          ...i,
          reference: reference(i.number),
          kindText: CONTACT_KIND_LABELS[i.kind as "enquiry"] ?? i.kind,
          stageText: STAGE_LABELS[i.stage as Stage] ?? i.stage,
          stateLabel: STAGE_STATE_LABELS[i.state],
          themesText: i.themes.map((t) => THEME_LABELS[t as "other"] ?? t).join(", "),
        })),
      });
    }),
  );

  const newPage = async (req: Request, res: Response, status = 200, extra: Record<string, unknown> = {}) => {
    // After a refused post the case is shown again only if it was found; a forged one gets its message instead.
    const caseId =
      status === 200
        ? typeof req.query.caseId === "string"
          ? req.query.caseId
          : ""
        : typeof body(req).caseId === "string"
          ? String(body(req).caseId)
          : "";
    const { owners, child } = await service.formOptions(user(req), caseId || undefined, status === 200);
    const chosen = (extra.chosenThemes as string[] | undefined) ?? [];
    res.status(status).render("complaint-new.njk", {
      pageTitle: "Record an enquiry or complaint",
      child,
      kinds: options(["enquiry", "complaint"], CONTACT_KIND_LABELS),
      fromTypes: options(CONTACT_FROM, CONTACT_FROM_LABELS),
      channels: options(CHANNELS, CHANNEL_LABELS),
      themeItems: THEMES.map((t) => ({ value: t, text: THEME_LABELS[t], checked: chosen.includes(t) })),
      owners: [{ value: "", text: "Not chosen yet" }, ...owners.map((o) => ({ value: o.id, text: o.display_name }))],
      values: { targetWorkingDays: String(DEFAULT_RESPONSE_DAYS), ownerUserId: user(req).id },
      ...extra,
    });
  };

  // Before /complaints/:complaintId, so "new" is not read as an id.
  router.get(
    "/complaints/new",
    handle,
    withErrorPages((req, res) => newPage(req, res)),
  );

  router.post(
    "/complaints",
    handle,
    withErrorPages(async (req, res) => {
      try {
        const { id } = await service.record(user(req), strictForm(body(req), CONTACT_FIELDS, CONTACT_EXTRA));
        res.redirect(303, `/complaints/${id}`);
      } catch (error) {
        if (!(error instanceof InvalidInput)) throw error;
        const b = body(req);
        await newPage(req, res, 400, {
          errors: errorSummary(error.problems, DATE_FIELDS),
          values: b,
          chosenThemes: [b.themes].flat().filter((t) => typeof t === "string"),
        });
      }
    }),
  );

  const contactPage = async (req: Request, res: Response, status = 200, extra: Record<string, unknown> = {}) => {
    const view = await service.contact(user(req), String(req.params.complaintId));
    const outcomes = view.contact.kind === "enquiry" ? (["answered", "withdrawn"] as const) : OUTCOMES.filter((o) => o !== "answered");
    res.status(status).render("complaint.njk", {
      pageTitle: `${CONTACT_KIND_LABELS[view.contact.kind as "enquiry"]} ${reference(view.contact.number)}`,
      ...view,
      fromText: `${view.contact.from_name} (${CONTACT_FROM_LABELS[view.contact.from_type as "parent"] ?? view.contact.from_type})`,
      channelText: CHANNEL_LABELS[view.contact.channel as "email"] ?? view.contact.channel,
      themesText: view.contact.themes.map((t) => THEME_LABELS[t as "other"] ?? t).join(", "),
      stages: view.stages.map((s) => ({
        ...s,
        stageText: STAGE_LABELS[s.stage as Stage] ?? s.stage,
        stateLabel: STAGE_STATE_LABELS[s.state],
        outcomeText: s.outcome ? (OUTCOME_LABELS[s.outcome as "upheld"] ?? s.outcome) : null,
      })),
      nextText: view.next ? STAGE_LABELS[view.next] : null,
      outcomes: options(outcomes, OUTCOME_LABELS),
      actionOptions: [
        { value: "", text: "Not linked to an action" },
        ...view.actions.map((a) => ({ value: a.id, text: `${a.plan_title}: ${a.number} ${a.text}`.slice(0, 160) })),
      ],
      values: {
        learning: view.contact.learning ?? "",
        actionId: view.contact.learning_action_id ?? "",
        targetWorkingDays: String(DEFAULT_RESPONSE_DAYS),
      },
      ...extra,
    });
  };

  router.get(
    "/complaints/:complaintId",
    handle,
    withErrorPages((req, res) => contactPage(req, res)),
  );

  // The three changes to a contact: each back to its page, or the page again with its errors.
  const form = (req: Request, name: keyof typeof FORMS) => strictForm(body(req), FORMS[name].fields, FORMS[name].extra);
  for (const [path, change] of [
    ["response", (req: Request) => service.respond(user(req), String(req.params.complaintId), form(req, "response"))],
    ["escalation", (req: Request) => service.escalate(user(req), String(req.params.complaintId), form(req, "escalation"))],
    ["learning", (req: Request) => service.saveLearning(user(req), String(req.params.complaintId), form(req, "learning"))],
  ] as const) {
    router.post(
      `/complaints/:complaintId/${path}`,
      handle,
      withErrorPages(async (req, res) => {
        try {
          await change(req);
          res.redirect(303, `/complaints/${req.params.complaintId}?saved=${path}`);
        } catch (error) {
          if (!(error instanceof InvalidInput)) throw error;
          await contactPage(req, res, 400, {
            errors: errorSummary(error.problems, DATE_FIELDS),
            form: path,
            values: { ...body(req) },
          });
        }
      }),
    );
  }

  // ---- API ----

  router.get(
    "/api/complaints",
    handle,
    withErrorPages(async (req, res) => {
      const list = listOf(req);
      const { items, counts } = await service.worklist(user(req), list);
      res.json({
        list,
        counts: counts ?? null,
        items: items.map((i) => ({
          id: i.id,
          reference: reference(i.number),
          kind: i.kind,
          stage: i.stage,
          receivedOn: i.received_on,
          dueOn: i.due_on,
          respondedOn: i.responded_on,
          outcome: i.outcome,
          state: i.state,
          workingDaysLate: i.daysLate,
          themes: i.themes,
          owner: i.owner_name,
        })),
      });
    }),
  );

  router.post(
    "/api/complaints",
    handle,
    withErrorPages(async (req, res) => {
      const { id } = await service.record(user(req), strictForm(body(req), CONTACT_FIELDS, CONTACT_EXTRA));
      const view = await service.contact(user(req), id);
      res.status(201).json(contactJson(view.contact, view.stages));
    }),
  );

  router.get(
    "/api/complaints/:complaintId",
    handle,
    withErrorPages(async (req, res) => {
      const view = await service.contact(user(req), String(req.params.complaintId));
      res.json(contactJson(view.contact, view.stages));
    }),
  );

  router.post(
    "/api/complaints/:complaintId/response",
    handle,
    withErrorPages(async (req, res) => {
      await service.respond(user(req), String(req.params.complaintId), form(req, "response"));
      const view = await service.contact(user(req), String(req.params.complaintId));
      res.json(contactJson(view.contact, view.stages));
    }),
  );

  // ---- the quality measures over time (figures only) ----

  const measuresView = async (req: Request) => {
    const period = periodFrom(req.query, today());
    const { values, series, complaints } = await measures.withSeries(actorOf(user(req)), user(req).roles, period);
    return { period, values, series, complaints };
  };

  router.get(
    "/quality/measures",
    requirePermission("readQuality"),
    withErrorPages(async (req, res) => {
      try {
        const { period, values, series, complaints } = await measuresView(req);
        res.render("quality-measures.njk", {
          pageTitle: "Quality measures",
          period,
          byTheme: complaints.byTheme.map((t) => ({ ...t, label: THEME_LABELS[t.theme] })),
          byOutcome: complaints.byOutcome.map((o) => ({ ...o, label: OUTCOME_LABELS[o.outcome] })),
          // Complaints by theme and by outcome month by month: one table each, a column per measure.
          byThemeMonthly: monthly(
            series,
            THEMES.map((t, i) => ({ id: THEME_MEASURE_IDS[i] as string, label: THEME_LABELS[t] })).filter((c) =>
              complaints.byTheme.some((t) => THEME_LABELS[t.theme] === c.label),
            ),
          ),
          byOutcomeMonthly: monthly(
            series,
            COMPLAINT_OUTCOMES.map((o, i) => ({ id: OUTCOME_MEASURE_IDS[i] as string, label: OUTCOME_LABELS[o] })),
          ),
          measures: values
            .filter((v) => (HEADLINE_MEASURE_IDS as readonly string[]).includes(v.id))
            .map((v) => ({
              ...QUALITY_MEASURES[v.id],
              text: figureText(v),
              months: series.map((s) => ({ label: s.period.label, text: figureText(s.values.find((x) => x.id === v.id) ?? v) })),
            })),
        });
      } catch (error) {
        if (!(error instanceof InvalidInput)) throw error;
        res.status(400).render("quality-measures.njk", { pageTitle: "Quality measures", errors: errorSummary(error.problems), values: req.query });
      }
    }),
  );

  router.get(
    "/api/quality/measures",
    requirePermission("readQuality"),
    withErrorPages(async (req, res) => {
      const { period, values, series, complaints } = await measuresView(req);
      const withTitles = (list: typeof values) =>
        list.map((v) => ({ ...v, title: QUALITY_MEASURES[v.id].title, unit: QUALITY_MEASURES[v.id].unit, text: figureText(v) }));
      res.json({
        period: { from: period.from, to: period.to },
        measures: withTitles(values),
        series: series.map((s) => ({ period: { from: s.period.from, to: s.period.to }, measures: withTitles(s.values) })),
        complaintsByTheme: complaints.byTheme,
        complaintsByOutcome: complaints.byOutcome,
      });
    }),
  );

  return router;
}
