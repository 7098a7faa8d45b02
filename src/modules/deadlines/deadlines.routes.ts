// The deadline calculator on the web: a page anyone can use (caseworkers and families; nothing is
// saved and no personal details are asked for) and a JSON API taking the command line's input.
import express from "express";
import { evaluateCalculatorRequest } from "../../domain/statutory/index.ts";
import { londonToday } from "../../platform/clock.ts";
import { presentDeadlines } from "./deadlines.presenter.ts";
import { AS_OF_FIELD, FORM_SECTIONS, formErrorsFrom, parseDeadlineForm } from "./deadlines.schemas.ts";

export const DEADLINES_API = "/api/deadlines";

export function deadlinesRoutes(today: () => string = londonToday): express.Router {
  const router = express.Router();

  router.get("/deadlines", (req, res) => {
    const form = parseDeadlineForm(req.query as Record<string, unknown>);
    const view = { pageTitle: "Work out EHC deadlines", sections: FORM_SECTIONS, asOfField: AS_OF_FIELD, values: form.values, today: today() };
    if (form.errors.length) return res.status(400).render("deadlines.njk", { ...view, errors: form.errors });
    if (!form.input) return res.render("deadlines.njk", view);
    const result = evaluateCalculatorRequest(form.input, { today: today() });
    if (!result.ok) return res.status(400).render("deadlines.njk", { ...view, errors: formErrorsFrom(result.errors) });
    res.render("deadlines.njk", { ...view, asOf: (form.input.asOf as string | undefined) ?? today(), result: presentDeadlines(result.value) });
  });

  // Same input and output as `send-oversight deadlines` (STATUTORY.md §8).
  router.post(DEADLINES_API, (req, res) => {
    if (!req.is("application/json")) {
      res.status(415).json({ errors: [{ field: "input", message: "Send the events as JSON with the header Content-Type: application/json." }] });
      return;
    }
    const result = evaluateCalculatorRequest(req.body, { today: today() });
    if (result.ok) res.json(result.value);
    else res.status(400).json({ errors: result.errors });
  });

  return router;
}
