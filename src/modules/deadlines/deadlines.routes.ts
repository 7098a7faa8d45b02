// The deadline calculator on the web: a page anyone can use (caseworkers and families; nothing is
// saved and no personal details are asked for) and a JSON API taking the command line's input.
import express from "express";
import { can } from "../../domain/roles.ts";
import { evaluateCalculatorRequest } from "../../domain/statutory/index.ts";
import { londonToday } from "../../platform/clock.ts";
import { InvalidInput } from "../../platform/errors.ts";
import { errorSummary, type FormField, readDateParts, readForm } from "../../platform/forms.ts";
import { requirePermission } from "../../platform/http.ts";
import { hrefWithPage, paginationView, pagingOf } from "../../platform/pagination.ts";
import { actorOf } from "../access/access.service.ts";
import { presentDeadlines } from "./deadlines.presenter.ts";
import { AS_OF_FIELD, formErrorsFrom, parseDeadlineForm, sectionsShown } from "./deadlines.schemas.ts";
import type { DeadlinesService } from "./deadlines.service.ts";

export const DEADLINES_API = "/api/deadlines";

const CLOSURE_DATES = [
  { name: "from", label: "First day closed" },
  { name: "reopens", label: "Day schools reopen" },
] as const;
const CLOSURE_FORM: readonly FormField[] = [
  { kind: "text", name: "description", label: "Closure" },
  ...CLOSURE_DATES.map(({ name, label }) => ({ kind: "date" as const, name, label })),
];
const CLOSURE_PAGING = { defaultSize: 50, maxSize: 200 };

export function deadlinesRoutes(deadlines: DeadlinesService, today: () => string = londonToday): express.Router {
  const router = express.Router();

  router.get("/deadlines", async (req, res) => {
    const form = parseDeadlineForm(req.query as Record<string, unknown>);
    const view = {
      pageTitle: "Work out EHC deadlines",
      sections: sectionsShown(form.values),
      asOfField: AS_OF_FIELD,
      values: form.values,
      today: today(),
    };
    if (form.errors.length)
      return res.status(400).render("deadlines.njk", { ...view, sections: sectionsShown(form.values, form.errors), errors: form.errors });
    if (!form.input) return res.render("deadlines.njk", view);
    const result = await deadlines.calculate(form.input, today(), req.user ? actorOf(req.user) : undefined);
    if (!result.ok) {
      const errors = formErrorsFrom(result.errors);
      return res.status(400).render("deadlines.njk", { ...view, sections: sectionsShown(form.values, errors), errors });
    }
    res.render("deadlines.njk", {
      ...view,
      asOf: (form.input.asOf as string | undefined) ?? today(),
      result: presentDeadlines(result.value),
      closuresUsed: result.closuresUsed,
    });
  });

  /** The closures page: newest first, in pages (issue 12: no list unbounded). */
  const closuresPage = async (req: express.Request, res: express.Response, status: number, extra: Record<string, unknown>) => {
    const user = req.user as NonNullable<typeof req.user>;
    const page = await deadlines.listClosuresPage(actorOf(user), pagingOf(req.query, CLOSURE_PAGING));
    res.status(status).render("closures.njk", {
      pageTitle: "School closures",
      closures: page.items,
      total: page.total,
      pagination: paginationView(page.page, page.total, page.pageSize, (n) => hrefWithPage("/closures", req.query, n)),
      values: {},
      canManage: userCanManage(user),
      ...extra,
    });
  };

  router.get("/closures", requirePermission("useCalculator"), (req, res) => closuresPage(req, res, 200, {}));

  router.post("/closures", requirePermission("manageClosures"), async (req, res) => {
    const user = req.user as NonNullable<typeof req.user>;
    // Only the form's own fields, each once as text: anything else is named and nothing is saved.
    const strict = readForm(req.body, CLOSURE_FORM).problems;
    if (strict.length) return closuresPage(req, res, 400, { errors: errorSummary(strict, ["from", "reopens"]), canManage: true });
    const values = Object.fromEntries(
      ["description", "from-day", "from-month", "from-year", "reopens-day", "reopens-month", "reopens-year"].map((k) => [
        k,
        String(req.body[k] ?? "").slice(0, 200),
      ]),
    );
    // A date typed wrongly is told in the form's words (which box, what is wrong); the service
    // checks the rest and refuses the date, which it receives empty.
    const typed = new Map<string, { text: string; href: string }>();
    const dates = Object.fromEntries(
      CLOSURE_DATES.map(({ name, label }) => {
        const typedIn = (part: string) => values[`${name}-${part}`] ?? "";
        const [day, month, year] = [typedIn("day"), typedIn("month"), typedIn("year")];
        const read = readDateParts(day, month, year);
        if (typeof read === "string") return [name, read];
        const empty = !day && !month && !year;
        typed.set(name, {
          text: empty ? `Enter the ${label.toLowerCase()}` : `${label} ${read.problem}`,
          href: `#${name}-${empty ? "day" : read.part}`,
        });
        return [name, ""];
      }),
    );
    try {
      await deadlines.addClosure(actorOf(user), user.roles, { description: values.description, firstDayClosed: dates.from, reopens: dates.reopens });
      res.redirect(303, "/closures");
    } catch (error) {
      if (!(error instanceof InvalidInput)) throw error;
      const errors = errorSummary(error.problems, ["from", "reopens"]).map((e, i) => typed.get(error.problems[i]?.field ?? "") ?? e);
      await closuresPage(req, res, 400, { values, errors, canManage: true });
    }
  });

  // Same input and output as `send-oversight deadlines` (src/domain/statutory/input.ts).
  router.post(DEADLINES_API, (req, res) => {
    if (!req.is("application/json")) {
      res.status(415).json({ errors: [{ field: "input", message: "Send the events as JSON with the header Content-Type: application/json." }] });
      return;
    }
    // The API is the calculator's stable contract: the input alone decides the answer.
    const result = evaluateCalculatorRequest(req.body, { today: today() });
    if (result.ok) res.json(result.value);
    else res.status(400).json({ errors: result.errors });
  });

  return router;
}

function userCanManage(user: { roles: readonly string[] }): boolean {
  return can(user.roles, "manageClosures");
}
