// The chart's markup is printed unescaped by the page (it is SVG we build), so every text in it
// must be escaped here: a council's name or a measure's title must never become markup.
import assert from "node:assert/strict";
import { test } from "node:test";
import { trendChartSvg } from "./measures.chart.ts";

const HOSTILE = `<script>x</script><meta http-equiv="refresh" content="0;url=https://evil.example">`;

test("every text in the chart is escaped", () => {
  const svg = trendChartSvg({
    id: `newPlans"><script>`,
    title: HOSTILE,
    unit: "percent",
    council: [
      { label: HOSTILE, value: 40 },
      { label: "May 2026", value: 55 },
    ],
    england: [
      { label: HOSTILE, value: 50 },
      { label: "May 2026", value: null },
    ],
    councilName: HOSTILE,
  });
  assert.ok(svg.startsWith("<svg"));
  assert.ok(!svg.includes("<script"), svg);
  assert.ok(!svg.includes("<meta"), svg);
  assert.ok(!svg.includes(`newPlans">`), "the id cannot close its attribute");
});
