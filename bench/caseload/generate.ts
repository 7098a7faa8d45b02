// Benchmark of the demo caseload generator and the pure casework rules over it.
// Run: npx tsx bench/caseload/generate.ts
//
// Sizes from DfE "Education, health and care plans" (src/domain/measures/reference): the demo council (2,000 plans) and Kent (about 21,000 plans in
// January 2025). Targets: 2,000 plans generated in well under a second, 21,000 in a few seconds.
// Worklists and the register are timed too, in memory, as a floor for the database version
// (issue 7 asks for p95 under 150 ms per page on PostgreSQL; that is measured elsewhere).

import { englandAndWalesCalendar } from "../../src/domain/bank-holidays.ts";
import { registerRows, worklistCounts, worklistsFor } from "../../src/domain/cases/worklists.ts";
import { generateCaseload } from "../../src/modules/demo/caseload-generator.ts";

const TODAY = "2026-03-09";
const SEED = 20140901;
const CASEWORKERS = Array.from({ length: 40 }, (_, i) => ({ id: `cw-${i + 1}`, name: `Caseworker ${i + 1}` }));
const SIZES = [
  { name: "demo council", plans: 2_000, targetSeconds: 1 },
  { name: "Kent", plans: 21_000, targetSeconds: 5 },
];

function time<T>(run: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = run();
  return { value, ms: performance.now() - start };
}

const calendar = englandAndWalesCalendar();
// Warm up the JIT and the date caches so the figures are for steady running.
generateCaseload({ seed: 1, plans: 500, today: TODAY, caseworkers: CASEWORKERS });

let failed = false;
for (const size of SIZES) {
  const generated = time(() => generateCaseload({ seed: SEED, plans: size.plans, today: TODAY, caseworkers: CASEWORKERS }));
  const records = generated.value;
  const manager = time(() => worklistsFor(records, { today: TODAY, calendar }));
  const caseworker = time(() => worklistsFor(records, { today: TODAY, calendar, caseworkerId: "cw-1" }));
  const register = time(() => registerRows(records, TODAY, { calendar }));
  const ok = generated.ms / 1000 <= size.targetSeconds;
  failed ||= !ok;
  console.log(
    `${size.name}: ${size.plans.toLocaleString("en-GB")} plans, ${records.length.toLocaleString("en-GB")} records\n` +
      `  generate        ${generated.ms.toFixed(0).padStart(6)} ms  (target ${size.targetSeconds} s: ${ok ? "met" : "MISSED"})\n` +
      `  worklists (all) ${manager.ms.toFixed(0).padStart(6)} ms  ${JSON.stringify(worklistCounts(manager.value))}\n` +
      `  worklists (one) ${caseworker.ms.toFixed(0).padStart(6)} ms  ${caseworker.value.length} rows for cw-1\n` +
      `  register        ${register.ms.toFixed(0).padStart(6)} ms  ${register.value.length} rows`,
  );
}
process.exitCode = failed ? 1 : 0;
