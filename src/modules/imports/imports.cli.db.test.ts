// `send-oversight plans import`: the JSON contract, exit codes, and idempotent re-import.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { SOUTHEND_SHEET_DATE, southendTables, writeXlsx } from "../../../scripts/fixtures/make-import-fixtures.ts";
import { type CommandIO, main } from "../../cli.ts";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "so-import-"));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

async function run(args: string[]) {
  let stdout = "";
  let stderr = "";
  const io: CommandIO = {
    stdin: async () => "",
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    today: () => "2026-11-24",
    env: { DATA_DIR: path.join(dir, "data") },
  };
  return { code: await main(args, io), stdout, stderr };
}

test("plans import: dry run, import, re-import and a broken file, with the JSON contract", async () => {
  const file = path.join(dir, "southend.xlsx");
  fs.writeFileSync(file, await writeXlsx(southendTables()));
  assert.equal((await run(["councils", "create", "--code", "IMPCLI", "--name", "Import CLI Council"])).code, 0);
  const common = ["--council", "IMPCLI", "--as-of", SOUTHEND_SHEET_DATE, "--json"];

  const dry = await run(["plans", "import", file, "--dry-run", ...common]);
  assert.equal(dry.code, 0, dry.stderr);
  const dryReport = JSON.parse(dry.stdout);
  assert.deepEqual(Object.keys(dryReport), ["planId", "dryRun", "created", "changed", "problems"]);
  assert.deepEqual(dryReport, { planId: null, dryRun: true, created: dryReport.created, changed: { actions: 0, updates: 0 }, problems: [] });
  assert.equal(dryReport.created.actions, 54);

  const first = JSON.parse((await run(["plans", "import", file, ...common])).stdout);
  assert.ok(first.planId);
  const again = JSON.parse((await run(["plans", "import", file, "--plan", first.planId, ...common])).stdout);
  assert.deepEqual(
    [again.created, again.changed],
    [
      { sections: 0, actions: 0, updates: 0 },
      { actions: 0, updates: 0 },
    ],
  );

  const broken = path.join(dir, "broken.csv");
  fs.writeFileSync(broken, 'No,Summary actions,Timescale\n1,"Never closed,March 2022\n');
  const refused = await run(["plans", "import", broken, ...common]);
  assert.equal(refused.code, 1);
  const report = JSON.parse(refused.stdout);
  assert.equal(report.planId, null);
  assert.match(report.problems[0].message, /not closed/);
  const missing = await run(["plans", "import", path.join(dir, "nope.xlsx"), ...common]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /cannot read the file/);
});
