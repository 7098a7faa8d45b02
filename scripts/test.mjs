// Runs the test tiers of DESIGN.md with node:test through tsx. Node 20's `--test` does not take
// globs (and finds nothing given a folder), so the files are listed here.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const tiers = {
  unit: (f) => f.endsWith(".test.ts") && !f.endsWith(".db.test.ts") && !f.endsWith(".routes.test.ts") && !f.startsWith("e2e/"),
  db: (f) => f.endsWith(".db.test.ts"),
  routes: (f) => f.endsWith(".routes.test.ts"),
  e2e: (f) => f.startsWith("e2e/") && f.endsWith(".test.ts"),
};
const wanted = process.argv.slice(2);
const unknown = wanted.filter((t) => !(t in tiers));
if (unknown.length) {
  console.error(`Unknown test tier: ${unknown.join(", ")}. Tiers: ${Object.keys(tiers).join(", ")}.`);
  process.exit(2);
}
const selected = wanted.length ? wanted : Object.keys(tiers);

function walk(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? walk(full) : [full];
  });
}
const files = ["src", "e2e"]
  .filter((d) => fs.existsSync(d))
  .flatMap(walk)
  .map((f) => f.split(path.sep).join("/"))
  .filter((f) => selected.some((tier) => tiers[tier](f)))
  .sort();
if (files.length === 0) {
  console.error("No test files found.");
  process.exit(1);
}
console.log(
  `Running ${files.length} test files (${selected.join(", ")}) on ${process.env.DATABASE_URL ? "PostgreSQL" : "PGlite"} with Node ${process.version}.`,
);
// Three test files at a time even on two cores (node's default there is one): most of a file's
// time is spent waiting on a database, a browser, a child process or a job queue, not on the processor.
const concurrency = Number(process.env.TEST_CONCURRENCY ?? 3);
const result = spawnSync(process.execPath, ["--import", "tsx", "--test", `--test-concurrency=${concurrency}`, "--test-reporter=spec", ...files], {
  stdio: "inherit",
  env: { LOG_LEVEL: "silent", ...process.env },
});
process.exit(result.status ?? 1);
