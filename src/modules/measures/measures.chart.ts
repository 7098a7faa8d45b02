// Charts drawn on the server as SVG (SPEC C2) by Vega-Lite, rendered by Vega without a browser:
// readable without JavaScript. Each SVG carries a title and a description in words, and every page
// that shows one puts a table of the same figures beside it. `chartPng` turns a chart into a PNG
// (resvg) for documents that cannot hold SVG alone (Word).

import { Resvg } from "@resvg/resvg-js";
import * as vega from "vega";
import { compile, type TopLevelSpec } from "vega-lite";

export interface ChartPoint {
  label: string;
  value: number | null;
}

export interface ChartInput {
  id: string;
  title: string;
  unit: "count" | "percent";
  council: ChartPoint[];
  england: ChartPoint[];
  councilName: string;
}

/** A small chart of one bound success measure: its actuals, and the line from baseline to target. */
export interface SmallChartInput {
  id: string;
  title: string;
  unit: "count" | "percent";
  actuals: ChartPoint[];
  /** The milestone line (baseline to target) on the same labels; null where it does not run. */
  milestones: ChartPoint[];
}

const BLUE = "#1d70b8";
const GREY = "#505a5f";
const TEXT = "#0b0c0c";

const escapeXml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const fmt = (unit: "count" | "percent", v: number) => (unit === "percent" ? `${v.toFixed(1)}%` : v.toLocaleString("en-GB"));

/** "March 2025" to "Mar 25". */
function shortMonth(label: string): string {
  const [month, year] = label.split(" ");
  return month && year ? `${month.slice(0, 3)} ${year.slice(2)}` : label;
}

interface Row {
  i: number;
  label: string;
  series: string;
  value: number | null;
}

function rows(points: ChartPoint[], series: string): Row[] {
  return points.map((p, i) => ({ i, label: shortMonth(p.label), series, value: p.value }));
}

/** A line per series, in the given colours and dashes, over the points' labels in order. */
function lineSpec(options: {
  width: number;
  height: number;
  unit: "count" | "percent";
  data: Row[];
  series: { name: string; colour: string; dash: number[] }[];
  labels: number;
}): TopLevelSpec {
  const order = [...new Map(options.data.map((r) => [r.i, r.label])).values()];
  const every = Math.max(1, Math.ceil(order.length / options.labels));
  const shownLabels = order.filter((_, i) => i % every === 0 || i === order.length - 1);
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    width: options.width,
    height: options.height,
    background: "white",
    config: {
      aria: false,
      font: "Arial, sans-serif",
      axis: { labelColor: TEXT, titleColor: TEXT, labelFontSize: 11 },
      legend: { labelColor: TEXT, labelFontSize: 12, labelLimit: 0, orient: "bottom", title: null },
      view: { stroke: null },
    },
    data: { values: options.data },
    // Points only where there are few enough to see (a year or so); a long series is a line.
    mark: { type: "line", point: order.length <= 24 ? { filled: true, size: 30 } : false, strokeWidth: 3 },
    encoding: {
      x: { field: "label", type: "ordinal", sort: order, title: null, axis: { values: shownLabels, labelAngle: 0, labelOverlap: true } },
      y: {
        field: "value",
        type: "quantitative",
        title: null,
        scale: options.unit === "percent" ? { domain: [0, 100] } : { zero: true, nice: true },
        axis: {
          tickCount: 5,
          format: options.unit === "percent" ? ".0f" : ",d",
          labelExpr: options.unit === "percent" ? "datum.label + '%'" : "datum.label",
        },
      },
      color: { field: "series", type: "nominal", scale: { domain: options.series.map((s) => s.name), range: options.series.map((s) => s.colour) } },
      strokeDash: {
        field: "series",
        type: "nominal",
        scale: { domain: options.series.map((s) => s.name), range: options.series.map((s) => s.dash) },
      },
    },
  };
}

/**
 * Charts drawn lately, by everything that goes into them: drawing one takes tens of milliseconds
 * (most of it Vega's rendering), and a dashboard draws twenty, mostly the same ones again.
 */
const drawn = new Map<string, string>();
const DRAWN_KEPT = 2000;

async function render(spec: TopLevelSpec, id: string, title: string, description: string): Promise<string> {
  const key = JSON.stringify([spec, id, title, description]);
  const kept = drawn.get(key);
  if (kept !== undefined) return kept;
  const svg = await draw(spec, id, title, description);
  if (drawn.size >= DRAWN_KEPT) drawn.delete(drawn.keys().next().value as string);
  drawn.set(key, svg);
  return svg;
}

async function draw(spec: TopLevelSpec, id: string, title: string, description: string): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: "none" });
  const svg = await view.toSVG();
  view.finalize();
  const safeId = escapeXml(id);
  // Vega's own opening tag has a fixed size; ours scales to its container and names the chart. The
  // chart is one image to assistive technology (its words are the title, description and table),
  // so the roles Vega gives its inner groups are dropped.
  return svg
    .replace(/ (role="graphics-[a-z]+"|aria-roledescription="[^"]*")/g, "")
    .replace(
      /^<svg[^>]*viewBox="([^"]+)"[^>]*>/,
      (_, viewBox: string) =>
        `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${viewBox}" width="100%" role="img" aria-labelledby="chart-${safeId}-title chart-${safeId}-desc" class="app-chart" focusable="false"><title id="chart-${safeId}-title">${escapeXml(title)}</title><desc id="chart-${safeId}-desc">${escapeXml(description)}</desc>`,
    );
}

function describe(name: string, unit: "count" | "percent", points: ChartPoint[]): string {
  const shown = points.filter((p): p is { label: string; value: number } => p.value !== null);
  const first = shown[0];
  const last = shown.at(-1);
  if (!first || !last) return "No figures in this period.";
  return `${name}: ${shown.length} months from ${first.label} (${fmt(unit, first.value)}) to ${last.label} (${fmt(unit, last.value)}). The figures are in the table that follows.`;
}

/** The council's figure month by month as a line, England's published figure as a dashed line. */
export async function trendChartSvg(input: ChartInput): Promise<string> {
  const hasEngland = input.england.some((p) => p.value !== null);
  const englandName = "England (the year's published figure)";
  const series = [{ name: input.councilName, colour: BLUE, dash: [1, 0] }];
  if (hasEngland) series.push({ name: englandName, colour: GREY, dash: [6, 4] });
  const data = [...rows(input.council, input.councilName), ...(hasEngland ? rows(input.england, englandName) : [])];
  const spec = lineSpec({ width: 560, height: 180, unit: input.unit, data, series, labels: 12 });
  return render(spec, input.id, `${input.title}, month by month`, describe(input.councilName, input.unit, input.council));
}

/** A bound success measure's actuals beside its milestone line (baseline to target), small. */
export async function smallChartSvg(input: SmallChartInput): Promise<string> {
  const series = [
    { name: "Actual", colour: BLUE, dash: [1, 0] },
    { name: "Milestone line", colour: GREY, dash: [6, 4] },
  ];
  const data = [...rows(input.actuals, "Actual"), ...rows(input.milestones, "Milestone line")];
  const spec = lineSpec({ width: 280, height: 90, unit: input.unit, data, series, labels: 4 });
  return render(spec, input.id, input.title, describe("Actual", input.unit, input.actuals));
}

/** A PNG of a chart, for Word documents (which show a picture where they cannot draw SVG). */
export function chartPng(svg: string, width = 1120): Buffer {
  const resvg = new Resvg(svg, {
    fitTo: { mode: "width", value: width },
    background: "white",
    font: { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans" },
  });
  return resvg.render().asPng();
}
