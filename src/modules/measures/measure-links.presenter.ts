// Bound success measures (SPEC C3) as a page shows them: the figure as at the date, baseline,
// target, milestone line, the proposed rating and its reason, the lead's rating and whether the
// figure supports it, any "rating kept" reason, and the small chart (accessible SVG) with its
// figures as a table. Used by the action's page and the action's measures page.
import { formatDate } from "../../domain/dates.ts";
import { type BoundMeasure, boundMeasureChart } from "./measure-links.service.ts";
import { figure } from "./measures.routes.ts";

export const PROPOSED_TAG: Record<string, string> = { met: "blue", "on track": "green", "at risk": "yellow", "off track": "red" };

export interface BoundMeasureView {
  id: string;
  title: string;
  actual: string;
  asAtText: string;
  periodLabel: string;
  baseline: string;
  target: string;
  milestone: string;
  proposed: string;
  proposedTag: string;
  supports: boolean | null;
  sentence: string;
  kept: BoundMeasure["ratingKept"];
  /** Markup built (and escaped) by smallChartSvg; "Html" tells the template test it is ours. */
  chartHtml: string;
  months: { label: string; value: string; milestone: string }[];
}

export async function boundMeasureViews(links: readonly BoundMeasure[], idPrefix = "bound"): Promise<BoundMeasureView[]> {
  const charts = await Promise.all(links.map((l) => boundMeasureChart(l, idPrefix)));
  return links.map((l, i) => ({
    id: l.id,
    title: l.title,
    actual: figure(l.unit, l.actual, l.numerator, l.denominator, l.withheld),
    asAtText: formatDate(l.asAt),
    periodLabel:
      l.entry === undefined
        ? `${formatDate(l.period.from)} to ${formatDate(l.period.to)}`
        : l.entry
          ? `Entered for ${formatDate(l.entry.date)}: ${l.entry.source}`
          : "Nothing entered yet",
    baseline: l.baselineValue === null ? "None given" : `${figure(l.unit, l.baselineValue)} on ${formatDate(l.baselineDate as string)}`,
    target: `${figure(l.unit, l.targetValue)} by ${formatDate(l.targetDate)}`,
    milestone: `${figure(l.unit, l.assessment.expected)} on ${formatDate(l.asAt)}`,
    proposed: l.assessment.proposed ?? "no figure yet",
    proposedTag: PROPOSED_TAG[l.assessment.proposed ?? ""] ?? "grey",
    supports: l.assessment.supportsRating,
    sentence: l.assessment.sentence,
    kept: l.ratingKept,
    chartHtml: charts[i] as string,
    months: l.series.map((p, j) => {
      const line = l.milestones[j]?.value;
      return {
        label: p.period.label,
        value: p.withheld ? figure(l.unit, null, 0, null, true) : p.value === null ? "No figure" : figure(l.unit, p.value),
        milestone: line === null || line === undefined ? "None" : figure(l.unit, line),
      };
    }),
  }));
}
