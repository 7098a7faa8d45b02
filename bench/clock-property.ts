// The second reading against the engine on 100,000 random, legally plausible event sets (the same
// generator as src/domain/statutory/second-reading.test.ts, which runs a smaller seeded sample in
// `npm test`). Prints how many deadlines were compared and how many agree; lists the first
// differences (with the input) if there are any, and exits 1 then.
// Run: npx tsx bench/clock-property.ts [cases] [seed]

import fc from "fast-check";
import { compareReadings, scenarioArbitrary, toInput } from "../src/domain/statutory/second-reading.property.ts";

const CASES = Number(process.argv[2] ?? 100_000);
const SEED = Number(process.argv[3] ?? 20261207);

const started = performance.now();
const scenarios = fc.sample(scenarioArbitrary, { numRuns: CASES, seed: SEED });
let deadlines = 0;
let agreeing = 0;
let casesAgreeing = 0;
let rejected = 0;
const byKey = new Map<string, { compared: number; differing: number }>();
const statuses = new Map<string, number>();
const examples: string[] = [];
for (const scenario of scenarios) {
  const input = toInput(scenario);
  const result = compareReadings(input);
  if (result.rejected) {
    rejected++;
    if (examples.length < 5) examples.push(`refused: ${result.rejected} ${JSON.stringify(input)}`);
    continue;
  }
  deadlines += result.deadlines;
  agreeing += result.agreeing;
  if (result.differences.length === 0) casesAgreeing++;
  else if (examples.length < 5) examples.push(`${JSON.stringify(result.differences)}\n  input: ${JSON.stringify(input)}`);
  const differing = new Set(result.differences.map((d) => d.deadline));
  for (const deadline of result.second.deadlines) {
    const key = deadline.key;
    const entry = byKey.get(key) ?? { compared: 0, differing: 0 };
    entry.compared++;
    if (differing.has(deadline.subject === undefined ? key : `${key} (${deadline.subject})`)) entry.differing++;
    byKey.set(key, entry);
    statuses.set(deadline.status, (statuses.get(deadline.status) ?? 0) + 1);
  }
}
const seconds = (performance.now() - started) / 1000;
const percent = (n: number, of: number) => `${((100 * n) / Math.max(of, 1)).toFixed(3)}%`;

console.log(`Second reading against the engine: ${CASES.toLocaleString("en-GB")} random cases (seed ${SEED}), ${seconds.toFixed(1)} s`);
console.log(`  deadlines compared: ${deadlines.toLocaleString("en-GB")} (${(deadlines / CASES).toFixed(1)} a case)`);
console.log(
  `  deadlines agreeing (presence, due, practical, status, days late): ${agreeing.toLocaleString("en-GB")} = ${percent(agreeing, deadlines)}`,
);
console.log(`  cases agreeing in every deadline: ${casesAgreeing.toLocaleString("en-GB")} = ${percent(casesAgreeing, CASES - rejected)}`);
console.log(`  inputs the engine refused: ${rejected}`);
console.log("  statuses seen:", [...statuses].map(([s, n]) => `${s} ${n}`).join(", "));
console.log(`  keys seen: ${byKey.size} of 33`);
for (const [key, { compared, differing }] of [...byKey].sort()) {
  if (differing) console.log(`    ${key}: ${differing} of ${compared} differ`);
}
for (const example of examples) console.log(`  ${example}`);
if (agreeing !== deadlines || rejected) process.exitCode = 1;
