// Measures entered by hand (issue 16 part 2): the list, a measure with its chart, its figures and
// their history, the forms to define a measure, enter a figure and correct one, and the JSON API
// (described in entered-measures.openapi.ts). Routes parse the request, call the service, render.
import express, { type Request, type Response } from "express";
import { formatDate } from "../../domain/dates.ts";
import { currentEntries } from "../../domain/measures/entered.ts";
import { can } from "../../domain/roles.ts";
import { londonToday } from "../../platform/clock.ts";
import { InvalidInput, NotFound } from "../../platform/errors.ts";
import { errorSummary } from "../../platform/forms.ts";
import { requirePermission, withErrorPages } from "../../platform/http.ts";
import { actorOf } from "../access/access.service.ts";
import { enteredChart, enteredValue, monthsBetween } from "./entered-measures.presenter.ts";
import { asFormBody, CORRECTION_FIELDS, DEFINITION_FIELDS, ENTRY_FIELDS } from "./entered-measures.schemas.ts";
import type { EnteredEntryView, EnteredMeasuresService, EnteredMeasureView } from "./entered-measures.service.ts";

/** An entry as JSON: camelCase, dates as YYYY-MM-DD. */
export const entryJson = (e: Omit<EnteredEntryView, "correctedBy"> & { correctedBy?: string | null }) => ({
  id: e.id,
  value: e.value,
  date: e.date,
  source: e.source,
  note: e.note,
  supersedes: e.supersedes,
  enteredAt: e.enteredAt,
  enteredBy: e.enteredBy,
  ...(e.correctedBy === undefined ? {} : { correctedBy: e.correctedBy }),
});

export function enteredMeasureJson(m: EnteredMeasureView) {
  return {
    id: m.id,
    measureId: m.measureId,
    title: m.title,
    unit: m.unit,
    higherIsBetter: m.higherIsBetter,
    description: m.description,
    entries: m.entries.map(entryJson),
  };
}

export function enteredMeasuresRoutes(entered: EnteredMeasuresService, today: () => string = londonToday): express.Router {
  const router = express.Router();
  const user = (req: Request) => req.user as NonNullable<Request["user"]>;
  const read = requirePermission("readMeasures");
  const enter = requirePermission("enterMeasures");
  const param = (req: Request, name: string) => String(req.params[name]);
  const form = (req: Request) => (req.body ?? {}) as Record<string, unknown>;
  /** What a form sent, as text, to show it again beside its errors. */
  const sent = (body: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(body).flatMap(([k, v]) => (typeof v === "string" && k !== "_csrf" ? [[k, v.slice(0, 2000)]] : [])));

  router.get(
    "/measures/entered",
    read,
    withErrorPages(async (req, res) => {
      const measures = await entered.list(actorOf(user(req)), user(req).roles);
      res.render("entered-measures.njk", {
        pageTitle: "Measures entered by hand",
        canEnter: can(user(req).roles, "enterMeasures"),
        measures: measures.map((m) => {
          const latest = currentEntries(m.entries).at(-1);
          return {
            id: m.id,
            title: m.title,
            unit: m.unit === "percent" ? "Percentage" : "Count",
            better: m.higherIsBetter ? "Higher is better" : "Lower is better",
            latest: latest ? `${enteredValue(m.unit, latest.value)} for ${formatDate(latest.date)}` : "Nothing entered yet",
          };
        }),
      });
    }),
  );

  const definitionForm = (res: Response, status: number, extra: Record<string, unknown> = {}) =>
    res
      .status(status)
      .render("entered-measure-new.njk", { pageTitle: "Define a measure to enter by hand", fields: DEFINITION_FIELDS, values: {}, ...extra });

  router.get("/measures/entered/new", enter, (_req, res) => definitionForm(res, 200));

  router.post(
    "/measures/entered",
    enter,
    withErrorPages(async (req, res) => {
      try {
        const measure = await entered.define(actorOf(user(req)), user(req).roles, form(req));
        res.redirect(303, `/measures/entered/${measure.id}?done=defined`);
      } catch (error) {
        if (!(error instanceof InvalidInput)) throw error;
        definitionForm(res, 400, { values: sent(form(req)), errors: errorSummary(error.problems) });
      }
    }),
  );

  const measurePage = async (req: Request, res: Response, status: number, extra: Record<string, unknown> = {}) => {
    const m = await entered.get(actorOf(user(req)), user(req).roles, param(req, "enteredId"));
    const current = currentEntries(m.entries);
    const first = current[0]?.date;
    const last = current.at(-1)?.date;
    const canEnter = can(user(req).roles, "enterMeasures");
    const byId = new Map(m.entries.map((e) => [e.id, e]));
    const correctsText = (old: EnteredEntryView | undefined) =>
      old ? `Corrects ${enteredValue(m.unit, old.value)} for ${formatDate(old.date)}` : null;
    res.status(status).render("entered-measure.njk", {
      pageTitle: m.title,
      measure: {
        ...m,
        unitText: m.unit === "percent" ? "A percentage" : "A count",
        better: m.higherIsBetter ? "Higher is better" : "Lower is better",
      },
      chart: first && last ? await enteredChart(m, user(req).councilName, monthsBetween(first, last), m.entries) : null,
      entries: [...m.entries].reverse().map((e) => ({
        id: e.id,
        value: enteredValue(m.unit, e.value),
        date: formatDate(e.date),
        source: e.source,
        note: e.note,
        enteredBy: e.enteredBy ?? "Not known",
        enteredOn: formatDate(londonToday(new Date(e.enteredAt))),
        correctsText: correctsText(e.supersedes ? byId.get(e.supersedes) : undefined),
        counts: e.correctedBy === null,
        correctHref: canEnter && e.correctedBy === null ? `/measures/entered/${m.id}/entries/${e.id}/correct` : null,
      })),
      canEnter,
      fields: ENTRY_FIELDS,
      values: {},
      done:
        req.query.done === "defined"
          ? "The measure is defined. Enter its first figure below."
          : req.query.done === "entered"
            ? "The figure is entered."
            : req.query.done === "corrected"
              ? "The figure is corrected; the old one is kept in the history."
              : null,
      today: today(),
      ...extra,
    });
  };

  router.get(
    "/measures/entered/:enteredId",
    read,
    withErrorPages(async (req, res) => measurePage(req, res, 200)),
  );

  router.post(
    "/measures/entered/:enteredId/entries",
    enter,
    withErrorPages(async (req, res) => {
      try {
        await entered.enter(actorOf(user(req)), user(req).roles, param(req, "enteredId"), form(req));
        res.redirect(303, `/measures/entered/${param(req, "enteredId")}?done=entered`);
      } catch (error) {
        if (!(error instanceof InvalidInput)) throw error;
        await measurePage(req, res, 400, { values: sent(form(req)), errors: errorSummary(error.problems, ["date"]) });
      }
    }),
  );

  const correctionPage = async (req: Request, res: Response, status: number, extra: Record<string, unknown> = {}) => {
    const m = await entered.get(actorOf(user(req)), user(req).roles, param(req, "enteredId"));
    const old = m.entries.find((e) => e.id === param(req, "entryId"));
    if (!old) throw new NotFound("There is no such figure.");
    const [y, mo, d] = old.date.split("-");
    res.status(status).render("entered-entry-correct.njk", {
      pageTitle: `Correct a figure: ${m.title}`,
      measure: m,
      old: { ...old, valueText: enteredValue(m.unit, old.value), dateText: formatDate(old.date) },
      alreadyCorrected: old.correctedBy !== null,
      fields: CORRECTION_FIELDS,
      values: {
        value: String(old.value),
        "date-day": String(Number(d)),
        "date-month": String(Number(mo)),
        "date-year": y,
        source: old.source,
        note: old.note ?? "",
      },
      ...extra,
    });
  };

  router.get(
    "/measures/entered/:enteredId/entries/:entryId/correct",
    enter,
    withErrorPages(async (req, res) => correctionPage(req, res, 200)),
  );

  router.post(
    "/measures/entered/:enteredId/entries/:entryId/correct",
    enter,
    withErrorPages(async (req, res) => {
      try {
        await entered.correct(actorOf(user(req)), user(req).roles, param(req, "enteredId"), param(req, "entryId"), form(req));
        res.redirect(303, `/measures/entered/${param(req, "enteredId")}?done=corrected`);
      } catch (error) {
        if (!(error instanceof InvalidInput)) throw error;
        await correctionPage(req, res, 400, { values: sent(form(req)), errors: errorSummary(error.problems, ["date"]) });
      }
    }),
  );

  // ---- JSON API ------------------------------------------------------------------------------

  router.get(
    "/api/measures/entered",
    read,
    withErrorPages(async (req, res) => {
      res.json({ measures: (await entered.list(actorOf(user(req)), user(req).roles)).map(enteredMeasureJson) });
    }),
  );

  router.post(
    "/api/measures/entered",
    enter,
    withErrorPages(async (req, res) => {
      const measure = await entered.define(actorOf(user(req)), user(req).roles, asFormBody(req.body ?? {}));
      res.status(201).json(enteredMeasureJson(await entered.get(actorOf(user(req)), user(req).roles, measure.id)));
    }),
  );

  router.get(
    "/api/measures/entered/:enteredId",
    read,
    withErrorPages(async (req, res) => {
      res.json(enteredMeasureJson(await entered.get(actorOf(user(req)), user(req).roles, param(req, "enteredId"))));
    }),
  );

  router.post(
    "/api/measures/entered/:enteredId/entries",
    enter,
    withErrorPages(async (req, res) => {
      await entered.enter(actorOf(user(req)), user(req).roles, param(req, "enteredId"), asFormBody(req.body ?? {}));
      res.status(201).json(enteredMeasureJson(await entered.get(actorOf(user(req)), user(req).roles, param(req, "enteredId"))));
    }),
  );

  router.post(
    "/api/measures/entered/:enteredId/entries/:entryId/correction",
    enter,
    withErrorPages(async (req, res) => {
      await entered.correct(actorOf(user(req)), user(req).roles, param(req, "enteredId"), param(req, "entryId"), asFormBody(req.body ?? {}));
      res.status(201).json(enteredMeasureJson(await entered.get(actorOf(user(req)), user(req).roles, param(req, "enteredId"))));
    }),
  );

  return router;
}
