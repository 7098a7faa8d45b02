// `send-oversight plans import`: the JSON contract, exit codes, and idempotent re-import.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { SOUTHEND_SHEET_DATE, southendTables, writeXlsx } from "../../../scripts/fixtures/make-import-fixtures.ts";
import { cliRunner } from "../../platform/testing/cli.ts";

const { run, dataDir: dir } = cliRunner({ today: "2026-11-24", name: "import" });

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

test("plans import: a file with no title or dates is asked for them, and --title, --type, --approved-on and --as-of give them", async () => {
  const file = path.join(dir, "bare.csv");
  fs.writeFileSync(
    file,
    "No,Action,Lead,Timescale,Status\n1.1,Audit the records,Head of SEN,Jan,Amber\n1.2,Fix the gaps,Head of SEN,Feb onwards,Light green\n",
  );
  assert.equal((await run(["councils", "create", "--code", "BARE", "--name", "Bare Council"])).code, 0);
  const asked = await run(["plans", "import", file, "--council", "BARE", "--dry-run", "--json"]);
  assert.equal(asked.code, 1);
  const messages = JSON.parse(asked.stdout).problems.map((p: { message: string }) => p.message);
  assert.ok(
    messages.some((m: string) => /no date in the file.*enter the date the file speaks for/.test(m)),
    messages.join("\n"),
  );
  assert.ok(messages.some((m: string) => /no title line: enter the plan's title/.test(m)));
  assert.ok(messages.some((m: string) => /enter the date it was approved/.test(m)));

  const badType = await run(["plans", "import", file, "--council", "BARE", "--type", "memo", "--json"]);
  assert.notEqual(badType.code, 0);
  const given = ["--title", "Bare plan", "--type", "wsoa", "--approved-on", "2019-07-25", "--as-of", "2019-12-01"];
  const done = await run(["plans", "import", file, "--council", "BARE", ...given, "--json"]);
  assert.equal(done.code, 0, done.stdout);
  const listed = JSON.parse((await run(["plans", "list", "--council", "BARE", "--json"])).stdout);
  assert.deepEqual(
    listed.map((p: { title: string; type: string }) => [p.title, p.type]),
    [["Bare plan", "wsoa"]],
  );
});
