// Status values that match no scheme (issue 11, What to build 2): mapped to a scheme's statuses, or
// made into the plan's own scheme (labels in the file's order, a colour each, which count as done);
// either way remembered, so importing the same file into the plan again asks nothing. Bad choices
// (a forged colour, no status done, a scheme for a plan that has one) save nothing.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { StatusScheme } from "../../domain/plans/types.ts";
import type { ImportRequest } from "./imports.service.ts";
import { importCouncil } from "./testing/import-council.ts";

const FILE = new TextEncoder().encode(
  [
    "No,Action,Lead,Timescale,Status",
    "1,Publish the local offer,Head of SEND,March 2026,Going well",
    "2,Train SENCOs,Head of SEND,April 2026,Stuck",
    "3,Audit plans,Head of SEND,May 2026,Finished",
    "4,Review the panel,Head of SEND,June 2026,going well",
  ].join("\n"),
);

describe("status values that match no scheme", () => {
  const kit = importCouncil({ code: "SCH", name: "Scheme Council" });
  const { counts } = kit;
  const run = (extra: Partial<ImportRequest>) =>
    kit.system.imports.preview(kit.actor, "system", {
      fileName: "progress.csv",
      bytes: FILE,
      dryRun: true,
      title: "Local plan",
      type: "strategy",
      approvedOn: "2026-01-15",
      asOf: "2026-03-01",
      ...extra,
    });
  // The same file checked again, into the plan it made.
  const intoPlan = (planId: string, extra: Partial<ImportRequest>) =>
    kit.system.imports.preview(kit.actor, "system", { fileName: "progress.csv", bytes: FILE, dryRun: true, planId, ...extra });

  test("the check lists each value once, in the file's order, and asks for the ones no scheme names", async () => {
    const preview = await run({});
    assert.deepEqual(
      preview.statusValues?.map((v) => [v.label, v.count, v.code]),
      [
        ["Going well", 2, null],
        ["Stuck", 1, null],
        ["Finished", 1, null],
      ],
    );
    assert.deepEqual(
      preview.report.problems.map((p) => p.message.replace(/ is not a status of the .* scheme: /, " is not a status: ")),
      [
        "'Going well' (2 rows: 2, 5) is not a status: choose the status it means",
        "'Stuck' (row 3) is not a status: choose the status it means",
        "'Finished' (row 4) is not a status: choose the status it means",
      ],
    );
  });

  test("a scheme made from the values: a forged colour, or no value counted as done, saves nothing", async () => {
    const before = await counts();
    const forged = await run({
      dryRun: false,
      statusesFromFile: [{ key: "going well", colour: "purple", done: false }],
    });
    // Said first; the values stay asked about, as the scheme was not made.
    assert.equal(forged.report.problems[0]?.message, "choose a colour for 'Going well' from the list");
    const noneDone = await run({
      dryRun: false,
      statusesFromFile: [
        { key: "going well", colour: "green", done: false },
        { key: "stuck", colour: "red", done: false },
        { key: "finished", colour: "blue", done: false },
      ],
    });
    assert.match(noneDone.report.problems[0]?.message ?? "", /Mark at least one status as complete/);
    assert.deepEqual(await counts(), before);
  });

  test("a scheme made from the values becomes the plan's, and importing the file again asks nothing and changes nothing", async () => {
    const choices = [
      { key: "going well", colour: "green", done: false },
      { key: "stuck", colour: "red", done: false },
      { key: "finished", colour: "blue", done: true },
    ];
    const check = await run({ statusesFromFile: choices });
    assert.deepEqual(check.report.problems, []);
    assert.match(check.details?.scheme.where ?? "", /made from the statuses in the file/);
    const imported = await run({ dryRun: false, statusesFromFile: choices });
    assert.deepEqual(imported.report.problems, []);
    const planId = imported.report.planId as string;
    const plan = await kit.system.plans.loadPlan(kit.actor, "system", planId);
    const scheme = plan.plan.scheme as StatusScheme;
    assert.deepEqual(
      scheme.statuses.map((s) => [s.label, s.colour, s.complete, s.rank]),
      [
        ["Going well", "green", false, 1],
        ["Stuck", "red", false, 0],
        ["Finished", "blue", true, 2],
      ],
    );
    const latest = plan.actions.map((a) => plan.updatesByAction.get(a.id)?.at(-1)?.status);
    assert.deepEqual(latest, ["going-well", "stuck", "finished", "going-well"]);

    const again = await intoPlan(planId, { asOf: "2026-03-01" });
    assert.equal(again.remembered, true);
    assert.deepEqual(again.report.problems, []);
    assert.deepEqual(
      [again.report.created, again.report.changed],
      [
        { sections: 0, actions: 0, updates: 0 },
        { actions: 0, updates: 0 },
      ],
    );
    // The plan has its scheme: a scheme from the file is for a new plan only.
    const into = await intoPlan(planId, { statusesFromFile: choices });
    assert.match(into.report.problems[0]?.message ?? "", /the plan already has its status scheme/);
  });

  test("values mapped to a built-in scheme's statuses are remembered for the plan: the same file again asks nothing", async () => {
    const mapping = { statuses: { "going well": "on-track", stuck: "limited-progress", finished: "completed" } };
    const imported = await run({ dryRun: false, scheme: "four-state", mapping });
    assert.deepEqual(imported.report.problems, []);
    const planId = imported.report.planId as string;
    const again = await intoPlan(planId, { asOf: "2026-03-01" });
    assert.deepEqual(again.report.problems, []);
    assert.deepEqual(again.report.changed, { actions: 0, updates: 0 });
    assert.deepEqual(
      again.statusValues?.map((v) => [v.label, v.code]),
      [
        ["Going well", "on-track"],
        ["Stuck", "limited-progress"],
        ["Finished", "completed"],
      ],
    );
  });
});
