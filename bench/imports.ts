// Benchmark (issue "Import existing plans"): a 1,000-row .xlsx imported into a new plan; target
// under 2 s on PostgreSQL. Uses DATABASE_URL when set (a fresh database is created and dropped),
// otherwise PGlite, and says which.   DATABASE_URL=postgres://... npx tsx bench/imports.ts
import { performance } from "node:perf_hooks";
import { type FixtureCell, writeXlsx } from "../scripts/fixtures/make-import-fixtures.ts";
import { openSystem } from "../src/composition.ts";
import { openTestDatabase } from "../src/platform/testing/test-database.ts";

const ROWS = 1000;
const timescales = ["March 2023", "Autumn 2023", "TBC", "Q3 2023/24", "31/12/2023", "Jan/Feb"];
const statuses = ["On track", "Completed", "Limited progress", ""];
const rows: FixtureCell[][] = [
  [
    { text: "Section no" },
    { text: "Recommendation" },
    { text: "No" },
    { text: "Action" },
    { text: "Lead" },
    { text: "Timescale" },
    { text: "Status" },
    { text: "Progress update" },
  ],
];
for (let i = 0; i < ROWS; i++) {
  const section = Math.floor(i / 50) + 1;
  rows.push([
    { text: String(section) },
    { text: `Priority ${section}: improving timeliness and quality` },
    { text: `${section}.${(i % 50) + 1}` },
    { text: `Action ${i + 1}: review the EHC plans of locality ${i % 9} with the SENCOs and publish the findings` },
    { text: `Head of Service ${i % 12}` },
    { text: timescales[i % timescales.length] as string },
    { text: statuses[i % statuses.length] as string },
    { text: i % 3 ? `Progress reported to the board; next steps agreed (${i}).` : "" },
  ]);
}
const file = await writeXlsx([{ name: "Plan", rows }]);

const testDb = await openTestDatabase();
const system = await openSystem(testDb.database);
try {
  const council = await system.people.createCouncil({ code: "BENCHIMP", name: "Import Benchmark Council" });
  const actor = { councilId: council.id, userId: null };
  const timings: number[] = [];
  for (let run = 0; run < 3; run++) {
    const started = performance.now();
    const report = await system.imports.importFile(actor, "system", { fileName: `plan-${run}.xlsx`, bytes: file, dryRun: false, asOf: "2023-01-16" });
    timings.push(performance.now() - started);
    if (report.problems.length) throw new Error(`The benchmark file has problems: ${report.problems[0]?.message}`);
    if (run === 0) console.log(`Created ${report.created.sections} sections, ${report.created.actions} actions, ${report.created.updates} updates`);
  }
  console.log(`Database: ${testDb.kind === "postgres" ? "PostgreSQL" : "PGlite (set DATABASE_URL for the PostgreSQL figure)"}`);
  const worst = Math.max(...timings);
  console.log(
    `Import of a ${ROWS.toLocaleString("en-GB")}-row .xlsx (${(file.length / 1024).toFixed(0)} KB): ${timings.map((t) => `${(t / 1000).toFixed(2)} s`).join(", ")}; worst ${(worst / 1000).toFixed(2)} s (target under 2 s: ${worst < 2000 ? "met" : "NOT met"})`,
  );
} finally {
  await system.close();
  await testDb.close();
}
