// The measures pages (SPEC C1, C2): every registry measure for a period beside England's, a trend
// chart per measure with its figures as a table, the caseload breakdowns, and for those who may
// see children the cases behind a figure. Also the JSON API of the same figures.
import express, { type Request, type Response } from "express";
import { ADVICE_SERVICE_LABELS, NEED_CODES, NEED_LABELS, SETTING_TYPE_LABELS, SETTING_TYPES } from "../../domain/cases/types.ts";
import { earlierOf, formatDate, laterOf } from "../../domain/dates.ts";
import { MEASURES, type MeasureValue } from "../../domain/measures/measures.ts";
import { AGE_BAND_LABELS, monthsOf, REGISTRY_IDS, type RegistryId } from "../../domain/measures/registry.ts";
import { SMALL_NUMBER } from "../../domain/measures/suppression.ts";
import { can } from "../../domain/roles.ts";
import { londonToday } from "../../platform/clock.ts";
import { InvalidInput } from "../../platform/errors.ts";
import { errorSummary } from "../../platform/forms.ts";
import { renderError, requirePermission, withErrorPages } from "../../platform/http.ts";
import { actorOf } from "../access/access.service.ts";
import { enteredChart, enteredJson, enteredValue } from "./entered-measures.presenter.ts";
import type { EnteredMeasuresService } from "./entered-measures.service.ts";
import { trendChartSvg } from "./measures.chart.ts";
import { type AskedFilter, filterQuery, parseFilter, parsePeriod } from "./measures.periods.ts";
import { LATEST_ENGLAND_YEAR, type MeasuresService, type PeriodReport } from "./measures.service.ts";

const count = (n: number) => n.toLocaleString("en-GB");

/** Said in place of a figure of too few children (suppression.ts). */
export const WITHHELD = `Withheld (fewer than ${SMALL_NUMBER} children)`;

/** A figure as people read it: a count, or a percentage with what it is of. */
export function figure(unit: "count" | "percent", value: number | null, numerator?: number, denominator?: number | null, withheld?: boolean): string {
  if (withheld) return WITHHELD;
  if (value === null) return unit === "percent" && denominator === 0 ? "None in the period" : "Not published";
  if (unit === "count") return count(value);
  return denominator === undefined || denominator === null
    ? `${value.toFixed(1)}%`
    : `${value.toFixed(1)}% (${count(numerator ?? 0)} of ${count(denominator)})`;
}

const BREAKDOWN_TITLES: Record<string, string> = {
  primaryNeed: "Children with a plan by primary need",
  settingType: "Children with a plan by type of setting",
  ageBand: "Children with a plan by age",
  yearGroup: "Children with a plan by year group",
  adviceService: "Advice returned within 6 weeks, by service",
};

function breakdownLabel(by: string, key: string): string {
  if (by === "primaryNeed") return NEED_LABELS[key as keyof typeof NEED_LABELS] ?? key;
  if (by === "settingType") return SETTING_TYPE_LABELS[key as keyof typeof SETTING_TYPE_LABELS] ?? key;
  if (by === "ageBand") return AGE_BAND_LABELS[key as keyof typeof AGE_BAND_LABELS] ?? key;
  if (by === "adviceService") return ADVICE_SERVICE_LABELS[key as keyof typeof ADVICE_SERVICE_LABELS] ?? key;
  if (key === "0") return "Reception";
  return /^\d+$/.test(key) ? `Year ${key}` : key[0]?.toUpperCase() + key.slice(1);
}

/** The JSON shape of a period's report: camelCase, the same numbers as the page and the CLI. */
export function reportJson(report: PeriodReport, filter: AskedFilter = {}) {
  // A withheld figure says so and gives no numbers (suppression.ts); `withheld` is added.
  const numbers = (v: MeasureValue) => ({
    value: v.value,
    numerator: v.withheld ? null : v.numerator,
    denominator: v.denominator,
    ...(v.withheld ? { withheld: true } : {}),
  });
  const measure = (v: MeasureValue) => ({
    id: v.id,
    title: MEASURES[v.id].title,
    unit: MEASURES[v.id].unit,
    ...numbers(v),
    england: v.england,
  });
  return {
    period: report.period,
    censusDay: report.censusDay,
    measures: report.values.map(measure),
    series: report.series.map((p) => ({
      period: p.period,
      measures: p.values.map((v) => ({ id: v.id, ...numbers(v), england: v.england })),
    })),
    breakdowns: report.breakdowns.map((b) => ({
      ...b,
      rows: b.rows.map((r) =>
        r.withheld ? { key: r.key, count: null, withheld: true, ...(r.value === undefined ? {} : { numerator: null, value: null }) } : r,
      ),
    })),
    // Added by issue 16's filters: the children the figures are narrowed to ({} for all).
    filter,
  };
}

const YEAR_GROUP_OPTIONS = [
  { value: "-1", text: "Before Reception" },
  { value: "0", text: "Reception" },
  ...Array.from({ length: 13 }, (_, i) => ({ value: String(i + 1), text: `Year ${i + 1}` })),
  { value: "14", text: "After Year 13" },
];

/** The filter form's choices, with "All" first and the chosen one selected by the template. */
function filterChoices(caseworkers: { id: string; name: string }[]) {
  const all = (text: string) => ({ value: "", text });
  return {
    caseworker: [all("All caseworkers"), ...caseworkers.map((c) => ({ value: c.id, text: c.name }))],
    primaryNeed: [all("All needs"), ...NEED_CODES.map((c) => ({ value: c, text: NEED_LABELS[c] }))],
    settingType: [all("All types of setting"), ...SETTING_TYPES.map((c) => ({ value: c, text: SETTING_TYPE_LABELS[c] }))],
    yearGroup: [all("All year groups"), ...YEAR_GROUP_OPTIONS],
    outOfAuthority: [
      all("All placements"),
      { value: "yes", text: "Placed out of authority" },
      { value: "no", text: "Placed in the council's area, or no placement" },
    ],
  };
}

export function measuresRoutes(measures: MeasuresService, today: () => string = londonToday, entered?: EnteredMeasuresService): express.Router {
  const router = express.Router();
  const user = (req: Request) => req.user as NonNullable<Request["user"]>;
  const query = (req: Request) => req.query as Record<string, unknown>;

  /** What the filter form needs: its choices, what is chosen, and the period's fields to carry. */
  const filterView = async (req: Request, filter: AskedFilter) => {
    const asked = query(req);
    const chosen = filterQuery(filter);
    const periodFields = ["year", "month", "quarter", "schoolYear", "from", "to"]
      .filter((k) => typeof asked[k] === "string")
      .map((k) => ({ name: k, value: asked[k] as string }));
    return {
      filterChoices: filterChoices(await measures.caseworkers(actorOf(user(req)), user(req).roles)),
      filter: chosen,
      filtered: Object.keys(chosen).length > 0,
      periodFields,
      filterFields: Object.entries(chosen).map(([name, value]) => ({ name, value })),
    };
  };

  router.get(
    "/measures",
    requirePermission("readMeasures"),
    withErrorPages(async (req, res) => {
      const thisYear = Number(today().slice(0, 4));
      const years = measures.years().map((y) => ({ value: String(y), text: y === thisYear ? `${y} so far` : String(y) }));
      const asked = query(req);
      const chosenByDefault = !["year", "month", "quarter", "schoolYear", "from", "to"].some((k) => asked[k] !== undefined);
      try {
        // Opens on the latest year whose England figures are published, and says so.
        const { period, seriesPeriod } = parsePeriod(asked, LATEST_ENGLAND_YEAR);
        const filter = parseFilter(asked);
        const report = await measures.forPeriod(actorOf(user(req)), user(req).roles, period, seriesPeriod, filter);
        // The children behind a figure, narrowed by the same filter; none for a withheld figure.
        const seeCases = can(user(req).roles, "readCases");
        const casesQuery = new URLSearchParams({ from: period.from, to: period.to, ...filterQuery(filter) }).toString();
        const councilName = user(req).councilName;
        const charts = await Promise.all(
          REGISTRY_IDS.map(async (id) => {
            const def = MEASURES[id];
            const points = report.series.map((p) => ({ label: p.period.label, value: p.values.find((v) => v.id === id) as MeasureValue }));
            return {
              id,
              title: def.title,
              // Markup built (and escaped) by trendChartSvg; "Html" tells the template test it is ours.
              svgHtml: await trendChartSvg({
                id,
                title: def.title,
                unit: def.unit,
                councilName,
                council: points.map((p) => ({ label: p.label, value: p.value.value })),
                england: points.map((p) => ({ label: p.label, value: p.value.england })),
              }),
              rows: points.map((p) => ({
                label: p.label,
                council: figure(def.unit, p.value.value, p.value.numerator, p.value.denominator, p.value.withheld),
                england: figure(def.unit, p.value.england),
              })),
            };
          }),
        );
        // Measures entered by hand (issue 16 part 2): the whole council's, the filter does not narrow them.
        const months = monthsOf(seriesPeriod).map((m) => ({ ...m, from: laterOf(m.from, seriesPeriod.from), to: earlierOf(m.to, seriesPeriod.to) }));
        const enteredFigures = entered ? await entered.forPeriod(actorOf(user(req)), user(req).roles, period, months) : [];
        const enteredShown = await Promise.all(
          enteredFigures.map(async (f) => ({
            ...(await enteredChart(
              f,
              councilName,
              months,
              f.series.flatMap((p) => (p.entry ? [p.entry] : [])),
            )),
            measureId: f.id,
            description: f.description,
            asAt: f.asAt
              ? `${enteredValue(f.unit, f.asAt.value)}, entered for ${formatDate(f.asAt.date)} (${f.asAt.source})`
              : `Nothing entered for ${formatDate(period.to)} or before`,
          })),
        );
        res.render("measures.njk", {
          pageTitle: `Measures for ${period.label}`,
          entered: enteredShown,
          canEnter: can(user(req).roles, "enterMeasures"),
          chosenByDefault,
          ...(await filterView(req, filter)),
          latestEnglandYear: LATEST_ENGLAND_YEAR,
          year: asked.year ?? (chosenByDefault ? String(LATEST_ENGLAND_YEAR) : ""),
          years,
          from: period.from,
          to: period.to,
          periodLabel: period.label,
          seriesLabel: seriesPeriod.label,
          censusDay: report.censusDay,
          rows: report.values.map((v) => {
            const def = MEASURES[v.id];
            return {
              id: v.id,
              title: def.title,
              definition: def.definition,
              council: figure(def.unit, v.value, v.numerator, v.denominator, v.withheld),
              england: figure(def.unit, v.england),
              casesHref: seeCases && !v.withheld && (v.denominator ?? v.numerator) > 0 ? `/measures/${v.id}/cases?${casesQuery}` : null,
            };
          }),
          charts,
          breakdowns: report.breakdowns.map((b) => ({
            title: BREAKDOWN_TITLES[b.by] ?? b.by,
            percent: b.by === "adviceService",
            rows: b.rows.map((r) => ({
              label: breakdownLabel(b.by, r.key),
              count: r.withheld ? WITHHELD : count(r.count),
              value: r.value === undefined ? null : figure("percent", r.value ?? null, r.numerator, r.count, r.withheld),
            })),
          })),
        });
      } catch (error) {
        if (!(error instanceof InvalidInput)) throw error;
        // A period outside the years held is about the field the reader used.
        const field = asked.from !== undefined || asked.to !== undefined ? "from" : "year";
        const problems = error.problems.map((p) => (p.field === "period" ? { ...p, field } : p));
        res.status(400).render("measures.njk", {
          pageTitle: "Measures",
          year: asked.year,
          years,
          errors: errorSummary(problems),
          rows: [],
          ...(await filterView(req, {})),
        });
      }
    }),
  );

  // The children behind a figure (SPEC C2): only for those who may see children. Each child's
  // record still asks for a reason when opened (SPEC D1); the list itself is audited.
  router.get(
    "/measures/:measureId/cases",
    requirePermission("readCases"),
    withErrorPages(async (req, res) => {
      const id = req.params.measureId as RegistryId;
      if (!REGISTRY_IDS.includes(id)) {
        renderError(req, res, 404, "Page not found", [`There is no measure called "${String(req.params.measureId).slice(0, 60)}".`]);
        return;
      }
      try {
        const { period } = parsePeriod(query(req), LATEST_ENGLAND_YEAR);
        const filter = parseFilter(query(req));
        const { rows, withheld } = await measures.casesBehind(actorOf(user(req)), user(req).roles, id, period, filter);
        const def = MEASURES[id];
        res.render("measure-cases.njk", {
          pageTitle: `${def.title}: the children behind the figure for ${period.label}`,
          measure: def,
          periodLabel: period.label,
          filtered: Object.keys(filter).length > 0,
          withheld: withheld ? WITHHELD : null,
          backHref: `/measures?${new URLSearchParams({ from: period.from, to: period.to, ...filterQuery(filter) }).toString()}`,
          counted: rows.filter((r) => r.counted).length,
          rows: rows.map((r) => ({
            ...r,
            date: r.date ? formatDate(r.date) : "",
            group: r.group ? (ADVICE_SERVICE_LABELS[r.group as keyof typeof ADVICE_SERVICE_LABELS] ?? r.group) : "",
          })),
        });
      } catch (error) {
        if (!(error instanceof InvalidInput)) throw error;
        res.status(400).render("measures.njk", { pageTitle: "Measures", years: [], errors: errorSummary(error.problems), rows: [] });
      }
    }),
  );

  // ---- JSON API (described in measures.openapi.ts) ----
  router.get(
    "/api/measures",
    requirePermission("readMeasures"),
    withErrorPages(async (req: Request, res: Response) => {
      try {
        const { period, seriesPeriod } = parsePeriod(query(req), LATEST_ENGLAND_YEAR);
        const filter = parseFilter(query(req));
        const report = reportJson(await measures.forPeriod(actorOf(user(req)), user(req).roles, period, seriesPeriod, filter), filterQuery(filter));
        // Added by issue 16 part 2: the measures entered by hand, as at the period's last day.
        const enteredFigures = entered ? await entered.forPeriod(actorOf(user(req)), user(req).roles, period) : [];
        res.json({ ...report, entered: enteredJson(enteredFigures) });
      } catch (error) {
        if (!(error instanceof InvalidInput)) throw error;
        res.status(400).json({ errors: error.problems });
      }
    }),
  );

  return router;
}
