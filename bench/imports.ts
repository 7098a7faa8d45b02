// Benchmark (issue "Import existing plans"): a 1,000-row .xlsx imported into a new plan; target
// under 2 s on PostgreSQL. And (issue 11) a Word document of about 200 pages: 40 weaknesses, each
// a heading over its own table of 25 actions numbered from 1.1; target under 5 s. Uses
// DATABASE_URL when set (a fresh database is created and dropped), otherwise PGlite, and says
// which.   DATABASE_URL=postgres://... npx tsx bench/imports.ts [rows]
import { performance } from "node:perf_hooks";
import { type FixtureTable, generatedPlanTable, writeDocx, writeXlsx } from "../scripts/fixtures/make-import-fixtures.ts";
import { openSystem } from "../src/composition.ts";
import { openTestDatabase } from "../src/platform/testing/test-database.ts";

const ROWS = Number(process.argv[2] ?? 1000);
const file = await writeXlsx([generatedPlanTable(ROWS)]);

const testDb = await openTestDatabase();
const system = await openSystem(testDb.database);
try {
  const council = await system.people.createCouncil({ code: "BENCHIMP", name: "Import Benchmark Council" });
  const actor = { councilId: council.id, userId: null };
  const timings: number[] = [];
  for (let run = 0; run < 3; run++) {
    const started = performance.now();
    const report = await system.imports.importFile(actor, "system", {
      fileName: `plan-${run}.xlsx`,
      bytes: file,
      dryRun: false,
      asOf: "2023-01-16",
      title: "Benchmark plan",
    });
    timings.push(performance.now() - started);
    if (report.problems.length) throw new Error(`The benchmark file has problems: ${report.problems[0]?.message}`);
    if (run === 0) console.log(`Created ${report.created.sections} sections, ${report.created.actions} actions, ${report.created.updates} updates`);
  }
  console.log(`Database: ${testDb.kind === "postgres" ? "PostgreSQL" : "PGlite (set DATABASE_URL for the PostgreSQL figure)"}`);
  const worst = Math.max(...timings);
  console.log(
    `Import of a ${ROWS.toLocaleString("en-GB")}-row .xlsx (${(file.length / 1024).toFixed(0)} KB): ${timings.map((t) => `${(t / 1000).toFixed(2)} s`).join(", ")}; worst ${(worst / 1000).toFixed(2)} s${ROWS === 1000 ? ` (target under 2 s: ${worst < 2000 ? "met" : "NOT met"})` : ""}`,
  );

  // The web's way: the same import as a job on a held upload, recording its progress as it goes.
  await system.jobs.start();
  const user = await system.people.createUser(actor, "system", {
    email: "bench@import-benchmark.example",
    displayName: "Benchmark Lead",
    roles: ["improvement_lead"],
    password: "benchmark password 2026",
  });
  const person = { id: user.id, councilId: council.id, roles: ["improvement_lead" as const] };
  const started = performance.now();
  const held = await system.imports.holdUpload(person, { fileName: "plan-web.xlsx", bytes: file });
  await system.imports.queue(person, held.id, { dryRun: false, asOf: "2023-01-16", scheme: "four-state", title: "Benchmark plan" });
  await system.imports.runJob({ councilId: council.id, uploadId: held.id });
  const asJob = performance.now() - started;
  const outcome = await system.imports.heldUpload(person, held.id);
  if (outcome?.progress.state !== "done") throw new Error(`The job did not import the file: ${outcome?.outcome?.report.problems[0]?.message}`);
  console.log(`The same import as a job with its progress recorded (upload, queue, run): ${(asJob / 1000).toFixed(2)} s`);

  // About 200 pages of Word tables: 40 weaknesses under their headings, 25 actions each.
  const statuses = ["RED", "Amber", "LIGHT GREEN", "Green", "COMPLETED"];
  const tables: FixtureTable[] = Array.from({ length: 40 }, (_, w) => ({
    name: `Weakness ${w + 1}`,
    before: [
      `Significant weakness ${w + 1}: the local area's arrangements for area ${w + 1} are not effective enough`,
      "Aim: every child's needs are met on time",
    ],
    rows: [
      ["No", "Actions", "Success measures", "Lead", "Timescale", "RAG", "Progress update"].map((text) => ({ text })),
      ...Array.from({ length: 25 }, (_, a) =>
        [
          `1.${a + 1}`,
          `Action ${a + 1} of weakness ${w + 1}: review the records with the SENCOs, agree the changes and report to the board`,
          "- Records complete\n- Reviews on time\n- Families say they were heard",
          `Head of Service ${a % 7}`,
          ["Jan 2020", "Spring term 2020", "By March 2021", "Ongoing", "Feb onwards"][a % 5] as string,
          statuses[a % 5] as string,
          `Oct 19: progress reported to the board; next steps agreed for action ${a + 1}.`,
        ].map((text) => ({ text })),
      ),
    ],
  }));
  const docx = await writeDocx(tables, "Written Statement of Action - progress update October 2019");
  const docxTimings: number[] = [];
  for (let run = 0; run < 3; run++) {
    const begun = performance.now();
    const report = await system.imports.importFile(actor, "system", { fileName: `wsoa-${run}.docx`, bytes: docx, dryRun: false });
    docxTimings.push(performance.now() - begun);
    if (report.problems.length) throw new Error(`The benchmark document has problems: ${report.problems[0]?.message}`);
    if (run === 0)
      console.log(`Word: created ${report.created.sections} sections, ${report.created.actions} actions, ${report.created.updates} updates`);
  }
  const docxWorst = Math.max(...docxTimings);
  console.log(
    `Import of a 40-table .docx (1,000 actions, ${(docx.length / 1024).toFixed(0)} KB): ${docxTimings.map((t) => `${(t / 1000).toFixed(2)} s`).join(", ")}; worst ${(docxWorst / 1000).toFixed(2)} s (target under 5 s: ${docxWorst < 5000 ? "met" : "NOT met"})`,
  );
} finally {
  await system.close();
  await testDb.close();
}
