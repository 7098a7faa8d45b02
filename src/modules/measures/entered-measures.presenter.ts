// Measures entered by hand as people read them: the chart month by month (Vega-Lite, no England
// line: nobody publishes one) with its table, and the JSON the API and the CLI give.
import { formatDate } from "../../domain/dates.ts";
import { type EnteredEntry, monthlyEntries } from "../../domain/measures/entered.ts";
import { monthPeriod, type Period } from "../../domain/measures/registry.ts";
import type { EnteredFigure } from "./entered-measures.service.ts";
import { trendChartSvg } from "./measures.chart.ts";

/** The most months a measure's own chart shows: the five years to its latest figure. */
const CHART_MONTHS = 60;

/** An entered value as people read it (as `figure` in measures.routes.ts gives a value alone). */
export const enteredValue = (unit: "count" | "percent", value: number) =>
  unit === "percent" ? `${value.toFixed(1)}%` : value.toLocaleString("en-GB");

/** The months from the first figure's to the last's (at most CHART_MONTHS), for a measure's own chart. */
export function monthsBetween(first: string, last: string): Period[] {
  const months: Period[] = [];
  let y = Number(last.slice(0, 4));
  let m = Number(last.slice(5, 7));
  while (months.length < CHART_MONTHS) {
    const month = monthPeriod(y, m);
    months.unshift(month);
    if (month.from <= first) break;
    m -= 1;
    if (m === 0) {
      m = 12;
      y -= 1;
    }
  }
  return months;
}

type ChartEntry = Pick<EnteredEntry, "id" | "supersedes" | "date" | "enteredAt" | "value" | "source">;

/** A measure's chart month by month (the figure entered for a day of each month) and its table. */
export async function enteredChart(
  m: { id: string; title: string; unit: "count" | "percent" },
  councilName: string,
  months: readonly Period[],
  entries: readonly ChartEntry[],
) {
  const monthly = monthlyEntries(entries, months);
  const id = `entered-${m.id}`;
  return {
    id,
    title: m.title,
    // Markup built (and escaped) by trendChartSvg; "Html" tells the template test it is ours.
    svgHtml: await trendChartSvg({
      id,
      title: m.title,
      unit: m.unit,
      councilName,
      council: months.map((p, i) => ({ label: p.label, value: monthly[i]?.value ?? null })),
      england: months.map((p) => ({ label: p.label, value: null })),
    }),
    rows: months.map((p, i) => {
      const e = monthly[i];
      return {
        label: p.label,
        council: e ? enteredValue(m.unit, e.value) : "Nothing entered",
        source: e ? `${e.source}, for ${formatDate(e.date)}` : "",
      };
    }),
  };
}

/**
 * The entered measures of a period as JSON (the API's and the CLI's `entered`): the actual as at
 * the period's last day, with its date and source, and the figures entered for days in the period.
 */
export function enteredJson(figures: readonly EnteredFigure[]) {
  return figures.map((f) => ({
    id: f.id,
    measureId: f.measureId,
    title: f.title,
    unit: f.unit,
    higherIsBetter: f.higherIsBetter,
    value: f.asAt?.value ?? null,
    date: f.asAt?.date ?? null,
    source: f.asAt?.source ?? null,
    entries: f.entries.map((e) => ({ id: e.id, value: e.value, date: e.date, source: e.source, note: e.note })),
  }));
}
