// The measures page (SPEC C1, C2): a year's figures for the council beside England's, each with
// what it counts. Figures only, so every role may read them.
import express, { type Request } from "express";
import { MEASURES, type MeasureValue } from "../../domain/measures/measures.ts";
import { londonToday } from "../../platform/clock.ts";
import { InvalidInput } from "../../platform/errors.ts";
import { errorSummary } from "../../platform/forms.ts";
import { requirePermission, withErrorPages } from "../../platform/http.ts";
import { actorOf } from "../access/access.service.ts";
import type { MeasuresService } from "./measures.service.ts";

const count = (n: number) => n.toLocaleString("en-GB");

/** A figure as people read it: a count, or a percentage with what it is of. */
export function figure(unit: "count" | "percent", value: number | null, numerator?: number, denominator?: number | null): string {
  if (value === null) return unit === "percent" && denominator === 0 ? "None in the year" : "Not published";
  if (unit === "count") return count(value);
  return denominator === undefined || denominator === null
    ? `${value.toFixed(1)}%`
    : `${value.toFixed(1)}% (${count(numerator ?? 0)} of ${count(denominator)})`;
}

export function measuresRoutes(measures: MeasuresService, today: () => string = londonToday): express.Router {
  const router = express.Router();
  const user = (req: Request) => req.user as NonNullable<Request["user"]>;

  router.get(
    "/measures",
    requirePermission("readMeasures"),
    withErrorPages(async (req, res) => {
      // This year so far by default: how the council is doing now. Earlier years are those of
      // SEN2 returns already made, which count a calendar year's activity.
      const thisYear = Number(today().slice(0, 4));
      const asked = typeof req.query.year === "string" ? req.query.year : String(thisYear);
      const yearText = (y: number) => (y === thisYear ? `${y} so far` : String(y));
      const years = measures.years().map((y) => ({ value: String(y), text: yearText(y) }));
      try {
        const year = /^\d{4}$/.test(asked) ? Number(asked) : Number.NaN;
        const result = await measures.forYear(actorOf(user(req)), user(req).roles, year);
        res.render("measures.njk", {
          pageTitle: `Measures for ${yearText(result.year)}`,
          year: String(result.year),
          yearText: yearText(result.year),
          censusDay: result.censusDay,
          years,
          rows: result.values.map((v: MeasureValue) => {
            const definition = MEASURES[v.id];
            return {
              title: definition.title,
              definition: definition.definition,
              council: figure(definition.unit, v.value, v.numerator, v.denominator),
              england: figure(definition.unit, v.england),
            };
          }),
        });
      } catch (error) {
        if (!(error instanceof InvalidInput)) throw error;
        res.status(400).render("measures.njk", { pageTitle: "Measures", year: asked, years, errors: errorSummary(error.problems), rows: [] });
      }
    }),
  );

  return router;
}
