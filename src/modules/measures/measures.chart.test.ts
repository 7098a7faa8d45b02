// The chart's markup is printed unescaped by the page (it is SVG we build), so every text in it
// must be escaped here: a council's name or a measure's title must never become markup.
import assert from "node:assert/strict";
import { test } from "node:test";
import { chartPng, smallChartSvg, trendChartSvg } from "./measures.chart.ts";

const HOSTILE = `<script>x</script><meta http-equiv="refresh" content="0;url=https://evil.example">`;

test("every text in the chart is escaped", async () => {
  const svg = await trendChartSvg({
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

test("a chart names itself in words and draws both lines; a small chart turns into a PNG for Word", async () => {
  const svg = await trendChartSvg({
    id: "newPlans",
    title: "New plans within 20 weeks",
    unit: "percent",
    council: [
      { label: "April 2026", value: 40 },
      { label: "May 2026", value: 55 },
    ],
    england: [
      { label: "April 2026", value: 46 },
      { label: "May 2026", value: 46 },
    ],
    councilName: "Demo Council",
  });
  assert.match(svg, /^<svg [^>]*role="img" aria-labelledby="chart-newPlans-title chart-newPlans-desc"/);
  assert.match(svg, /<desc id="chart-newPlans-desc">Demo Council: 2 months from April 2026 \(40.0%\) to May 2026 \(55.0%\)/);
  assert.match(svg, />England \(the year(&#39;|&apos;|')s published figure\)</);
  assert.doesNotMatch(svg, /role="graphics-/, "one image: no roles inside it");
  const small = await smallChartSvg({
    id: "link-1",
    title: "New plans within 20 weeks against the target",
    unit: "percent",
    actuals: [
      { label: "April 2026", value: 40 },
      { label: "May 2026", value: null },
    ],
    milestones: [
      { label: "April 2026", value: 45 },
      { label: "May 2026", value: 50 },
    ],
  });
  assert.match(small, /Milestone line/);
  const png = chartPng(small);
  assert.deepEqual([...png.subarray(1, 4)], [0x50, 0x4e, 0x47], "a PNG signature");
});
