// A trend chart drawn on the server as SVG (SPEC C2): the council's figure month by month as a
// line, England's published figure for each month's year as a dashed line. Readable without
// JavaScript: the SVG has a title and a description in words, and the page puts a table of the
// same figures beside it. No chart library is installed; this draws only lines, points and axes.

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

const W = 640;
const H = 240;
const LEFT = 56;
const RIGHT = 16;
const TOP = 16;
const BOTTOM = 48;

const escapeXml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const fmt = (unit: "count" | "percent", v: number) => (unit === "percent" ? `${v.toFixed(1)}%` : v.toLocaleString("en-GB"));

/** The upper end of the value axis: 100 for percentages, else a round number above the largest value. */
function axisMax(unit: "count" | "percent", values: number[]): number {
  if (unit === "percent") return 100;
  const max = Math.max(1, ...values);
  const step = 10 ** Math.floor(Math.log10(max));
  return Math.ceil(max / step) * step;
}

export function trendChartSvg(input: ChartInput): string {
  const n = input.council.length;
  const values = [...input.council, ...input.england].map((p) => p.value).filter((v): v is number => v !== null);
  const top = axisMax(input.unit, values);
  const x = (i: number) => LEFT + (n <= 1 ? (W - LEFT - RIGHT) / 2 : (i * (W - LEFT - RIGHT)) / (n - 1));
  const y = (v: number) => TOP + (H - TOP - BOTTOM) * (1 - v / top);
  const path = (points: ChartPoint[]) => {
    let d = "";
    let pen = false;
    points.forEach((p, i) => {
      if (p.value === null) {
        pen = false;
        return;
      }
      d += `${pen ? "L" : "M"}${x(i).toFixed(1)},${y(p.value).toFixed(1)} `;
      pen = true;
    });
    return d.trim();
  };
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => f * top);
  const every = Math.max(1, Math.ceil(n / 12));
  const shown = input.council.filter((p) => p.value !== null);
  const last = shown.at(-1);
  const desc = shown.length
    ? `${input.councilName}: ${shown.length} months from ${shown[0]?.label} (${fmt(input.unit, shown[0]?.value ?? 0)}) to ${last?.label} (${fmt(input.unit, last?.value ?? 0)}). The figures are in the table that follows.`
    : "No figures in this period.";
  const id = escapeXml(input.id);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-labelledby="chart-${id}-title chart-${id}-desc" class="app-chart" focusable="false">`,
    `<title id="chart-${id}-title">${escapeXml(input.title)}, month by month</title>`,
    `<desc id="chart-${id}-desc">${escapeXml(desc)}</desc>`,
    ...ticks.map(
      (t) =>
        `<line x1="${LEFT}" x2="${W - RIGHT}" y1="${y(t).toFixed(1)}" y2="${y(t).toFixed(1)}" stroke="#b1b4b6" stroke-width="1"/><text x="${LEFT - 6}" y="${(y(t) + 4).toFixed(1)}" text-anchor="end" font-size="12" fill="#0b0c0c">${escapeXml(fmt(input.unit, t).replace(".0%", "%"))}</text>`,
    ),
    ...input.council.map((p, i) =>
      i % every === 0 || i === n - 1
        ? `<text x="${x(i).toFixed(1)}" y="${H - BOTTOM + 18}" text-anchor="middle" font-size="11" fill="#0b0c0c">${escapeXml(shortMonth(p.label))}</text>`
        : "",
    ),
    `<path d="${path(input.england)}" fill="none" stroke="#505a5f" stroke-width="2" stroke-dasharray="6 4"/>`,
    `<path d="${path(input.council)}" fill="none" stroke="#1d70b8" stroke-width="3"/>`,
    ...input.council.map((p, i) =>
      p.value === null ? "" : `<circle cx="${x(i).toFixed(1)}" cy="${y(p.value).toFixed(1)}" r="3.5" fill="#1d70b8"/>`,
    ),
    `<g font-size="12" fill="#0b0c0c"><line x1="${LEFT}" x2="${LEFT + 24}" y1="${H - 12}" y2="${H - 12}" stroke="#1d70b8" stroke-width="3"/><text x="${LEFT + 30}" y="${H - 8}">${escapeXml(input.councilName)}</text>`,
    input.england.some((p) => p.value !== null)
      ? `<line x1="${LEFT + 260}" x2="${LEFT + 284}" y1="${H - 12}" y2="${H - 12}" stroke="#505a5f" stroke-width="2" stroke-dasharray="6 4"/><text x="${LEFT + 290}" y="${H - 8}">England (the year's published figure)</text>`
      : "",
    "</g></svg>",
  ];
  return parts.join("");
}

/** "March 2025" to "Mar 25". */
function shortMonth(label: string): string {
  const [month, year] = label.split(" ");
  return month && year ? `${month.slice(0, 3)} ${year.slice(2)}` : label;
}
