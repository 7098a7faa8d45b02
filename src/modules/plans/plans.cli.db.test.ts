// `plans create` and `plans edit` against a real embedded database: the JSON contract, options
// not given kept, and bad input refused with the option named, nothing saved.
import assert from "node:assert/strict";
import { test } from "node:test";
import { cliRunner } from "../../platform/testing/cli.ts";

const { run } = cliRunner({ today: "2026-11-24", name: "plans-cli" });

test("plans create and plans edit print the plan in camelCase; bad input names the option and saves nothing", async () => {
  assert.equal((await run(["councils", "create", "--code", "PLN", "--name", "Plan Council"])).code, 0);
  const args = ["--council", "PLN", "--json"];
  const bad = await run([
    "plans",
    "create",
    "--title",
    "WSOA",
    "--type",
    "wsoa",
    "--owner",
    "DCS",
    "--approved-on",
    "2026-02-30",
    "--scheme",
    "five-level",
    ...args,
  ]);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /approvedOn: Date the plan was approved must be a real date in the form YYYY-MM-DD/);
  assert.doesNotMatch(bad.stderr, /\n\s+at /);
  assert.equal(JSON.parse((await run(["plans", "list", ...args])).stdout).length, 0, "nothing was saved");

  const created = await run([
    "plans",
    "create",
    "--title",
    "Written Statement of Action 2026",
    "--type",
    "wsoa",
    "--owner",
    "Director of Children's Services",
    "--approved-on",
    "2026-08-20",
    "--scheme",
    "five-level",
    "--responds-to",
    "Area SEND inspection",
    "--responds-date",
    "2026-06-10",
    "--cadence",
    "Monthly",
    "--reference",
    "pln-wsoa-2026",
    ...args,
  ]);
  assert.equal(created.code, 0, created.stderr);
  const plan = JSON.parse(created.stdout);
  assert.deepEqual(Object.keys(plan), [
    "id",
    "externalId",
    "title",
    "type",
    "typeLabel",
    "respondsTo",
    "owner",
    "approvedOn",
    "cadence",
    "scheme",
    "continuesPlanId",
    "state",
    "version",
  ]);
  assert.equal(plan.externalId, "pln-wsoa-2026");
  assert.deepEqual(plan.respondsTo, { title: "Area SEND inspection", date: "2026-06-10", url: null });

  const next = await run([
    "plans",
    "create",
    "--title",
    "Strategy 2027",
    "--type",
    "strategy",
    "--owner",
    "DCS",
    "--approved-on",
    "2027-01-05",
    "--scheme",
    "rag-blue",
    "--continues",
    "pln-wsoa-2026",
    ...args,
  ]);
  assert.equal(next.code, 0, next.stderr);
  assert.equal(JSON.parse(next.stdout).continuesPlanId, plan.id);

  const edited = await run(["plans", "edit", "pln-wsoa-2026", "--owner", "Executive Director", "--type", "accelerated-progress-plan", ...args]);
  assert.equal(edited.code, 0, edited.stderr);
  const after = JSON.parse(edited.stdout);
  assert.equal(after.owner, "Executive Director");
  assert.equal(after.typeLabel, "Accelerated progress plan");
  assert.equal(after.title, "Written Statement of Action 2026", "options not given are kept");
  assert.equal(after.version, 2);

  const missing = await run(["plans", "edit", "no-such-plan", "--owner", "X", ...args]);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /No plan "no-such-plan" in this council/);
  const noRef = await run(["plans", "edit", "--owner", "X", ...args]);
  assert.equal(noRef.code, 2);
});
