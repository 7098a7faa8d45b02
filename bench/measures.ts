// Benchmark of the measure registry in memory (no database): a Kent-size demo caseload (21,000
// plans, five years of history), every measure for five years month by month, as the dashboard
// works it out once the records are read. Run: npx tsx bench/measures.ts
//
// Issue 16's targets are for the whole page on PostgreSQL (p95 under 150 ms) and one measure for
// 153 councils (under 2 s); this measures the pure part, which sets the floor for both.

import { factsOf, figuresFor, monthlySeries, yearPeriod } from "../src/domain/measures/registry.ts";
import { generateCaseload } from "../src/modules/demo/caseload-generator.ts";
import { percentile, timings } from "./stats.ts";

const TODAY = "2026-12-07";
const records = generateCaseload({ seed: 20261207, plans: 21_000, today: TODAY, caseworkers: [{ id: "cw", name: "Caseworker" }] });
const five = { from: "2022-01-01", to: "2026-12-31", label: "five years" };

const t0 = performance.now();
const facts = factsOf(records, { today: TODAY });
const factsMs = performance.now() - t0;

const year = await timings(async () => figuresFor(records, facts, yearPeriod(2025)), 10, 2);
const series = await timings(async () => monthlySeries(records, facts, five), 3, 1);
const whole = await timings(async () => monthlySeries(records, factsOf(records, { today: TODAY }), five), 3, 1);

console.log(`records: ${records.length.toLocaleString("en-GB")}, facts: ${facts.length.toLocaleString("en-GB")}`);
console.log(`facts from every record (statutory clock per request and review): ${factsMs.toFixed(0)} ms`);
console.log(`every measure for one year: p95 ${percentile(year, 95).toFixed(1)} ms`);
console.log(`every measure, 60 months: p95 ${percentile(series, 95).toFixed(0)} ms`);
console.log(`facts and 60 months together (the dashboard's work after reading the records): p95 ${percentile(whole, 95).toFixed(0)} ms`);
