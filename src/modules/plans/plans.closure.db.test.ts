// Closing a plan and carrying its open actions into a plan with another status scheme (SPEC A12,
// issue 11): the statuses used are asked about, a missing or forged choice saves nothing, the
// carried history uses the other scheme's statuses (nothing "Unknown status"), and the carried
// action links back to where it came from while the old one links forward.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { openSystem } from "../../composition.ts";
import { InvalidInput } from "../../platform/errors.ts";
import { openTestDatabase, type TestDatabase } from "../../platform/testing/test-database.ts";
import { readAs } from "../../platform/transaction.ts";
import { statusTag } from "./plans.presenter.ts";

const csv = (rows: string[][]) => new TextEncoder().encode(rows.map((r) => r.join(",")).join("\n"));

describe("closing a plan into a plan with another status scheme", () => {
  let testDb: TestDatabase;
  let system: Awaited<ReturnType<typeof openSystem>>;
  let councilId: string;
  let lead: { id: string; councilId: string; roles: ["improvement_lead"]; displayName: string };
  const counts = () =>
    readAs(system.db, { councilId, userId: null }, async (trx) => ({
      actions: (await trx.selectFrom("plan_action").select("id").execute()).length,
      updates: (await trx.selectFrom("action_update").select("id").execute()).length,
      dispositions: (await trx.selectFrom("plan_closure_disposition").select("action_id").execute()).length,
      closed: (await trx.selectFrom("plan").select("id").where("state", "=", "closed").execute()).length,
      audit: (await trx.selectFrom("audit_event").select("id").execute()).length,
    }));
  const importPlan = async (title: string, scheme: string, rows: string[][]) => {
    const report = await system.imports.importFile({ councilId, userId: null }, "system", {
      fileName: `${title}.csv`,
      bytes: csv([["No", "Action", "Lead", "Timescale", "RAG"], ...rows]),
      dryRun: false,
      scheme,
      title,
      type: "wsoa",
      approvedOn: "2026-01-15",
      asOf: "2026-03-01",
    });
    assert.deepEqual(report.problems, []);
    return report.planId as string;
  };

  let wsoa: string;
  let strategy: string;
  let sameScheme: string;

  before(async () => {
    testDb = await openTestDatabase();
    system = await openSystem(testDb.database);
    councilId = (await system.people.createCouncil({ code: "CLO", name: "Closing Council" })).id;
    const user = await system.people.createUser({ councilId, userId: null }, "system", {
      email: "lead@closing.example",
      displayName: "Lead Person",
      password: "a long enough password",
      roles: ["improvement_lead"],
    });
    lead = { id: user.id, councilId, roles: ["improvement_lead"], displayName: "Lead Person" };
    wsoa = await importPlan("WSOA 2026", "five-level", [
      ["1.1", "Publish the local offer", "Head of SEND", "March 2026", "RED"],
      ["1.2", "Train SENCOs", "Head of SEND", "April 2026", "AMBER"],
      ["1.3", "Audit plans", "Head of SEND", "May 2026", "COMPLETED"],
    ]);
    strategy = await importPlan("SEND Strategy 2027", "four-state", [["1", "Keep going", "Director", "June 2027", "On track"]]);
    sameScheme = await importPlan("Another WSOA", "five-level", [["1", "Something", "Director", "June 2027", "GREEN"]]);
  });
  after(async () => {
    await system.close();
    await testDb.close();
  });

  const carryBoth = (target: string) => async () => {
    const { open } = await system.plans.closureCandidates(lead, wsoa);
    return open.map((a) => ({ actionId: a.id, disposition: "carried" as const, targetPlanId: target }));
  };

  test("the closing page asks, for a plan with another scheme only, what each status used becomes, with a guess", async () => {
    const { open, targets } = await system.plans.closureCandidates(lead, wsoa);
    assert.deepEqual(
      open.map((a) => a.number),
      ["1.1", "1.2"],
    );
    const other = targets.find((t) => t.id === strategy);
    assert.deepEqual(other?.statusQuestions, [
      { code: "red", label: "Red", suggested: "limited-progress" },
      { code: "amber", label: "Amber", suggested: null },
    ]);
    assert.equal(other?.scheme?.statuses.length, 4);
    assert.equal(targets.find((t) => t.id === sameScheme)?.statusQuestions, undefined, "the same scheme asks nothing");
  });

  test("without a choice for each status, or with a status the other scheme does not have, nothing is saved", async () => {
    const before = await counts();
    const dispositions = await carryBoth(strategy)();
    await assert.rejects(system.plans.closePlan(lead, wsoa, dispositions), (error: unknown) => {
      assert.ok(error instanceof InvalidInput);
      assert.deepEqual(
        error.problems.map((p) => p.field),
        [`statusMap-${strategy}-red`, `statusMap-${strategy}-amber`],
      );
      assert.match(error.problems[1]?.message ?? "", /Choose the status of the Four-state .* scheme that 'Amber' becomes in SEND Strategy 2027/);
      return true;
    });
    await assert.rejects(
      system.plans.closePlan(lead, wsoa, dispositions, { [strategy]: { red: "limited-progress", amber: "purple" } }),
      (error: unknown) => error instanceof InvalidInput && /'purple' is not a status of the Four-state/.test(error.problems[0]?.message ?? ""),
    );
    // A forged plan id for the target is a problem with the form, not a crash.
    await assert.rejects(
      system.plans.closePlan(
        lead,
        wsoa,
        dispositions.map((d) => ({ ...d, targetPlanId: "not-a-plan" })),
      ),
      (error: unknown) => error instanceof InvalidInput && error.problems.every((p) => /Choose the plan action/.test(p.message)),
    );
    assert.deepEqual(await counts(), before);
  });

  test("carried with a map: the history uses the other scheme's statuses, and the actions link both ways", async () => {
    const dispositions = await carryBoth(strategy)();
    const outcome = await system.plans.closePlan(lead, wsoa, dispositions, { [strategy]: { red: "limited-progress", amber: "on-track" } });
    assert.equal(outcome.carried, 2);

    const target = await system.plans.loadPlan({ councilId, userId: null }, "system", strategy);
    const carried = target.actions.filter((a) => a.external_id?.startsWith("carried-"));
    assert.deepEqual(carried.map((a) => a.number).sort(), ["1.1", "1.2"]);
    const statuses = carried.map((a) => (target.updatesByAction.get(a.id) ?? []).map((u) => u.status));
    assert.deepEqual(statuses.sort(), [["limited-progress"], ["on-track"]]);
    for (const a of target.actions)
      for (const u of target.updatesByAction.get(a.id) ?? []) assert.doesNotMatch(statusTag(target.plan.scheme, u.status).text, /Unknown status/);

    const one = carried.find((a) => a.number === "1.2");
    const back = await system.plans.action(lead, one?.id as string);
    assert.equal(back.carry.from?.planId, wsoa);
    assert.equal(back.carry.from?.number, "1.2");
    const forward = await system.plans.action(lead, back.carry.from?.actionId as string);
    assert.equal(forward.carry.to?.actionId, one?.id);
    assert.equal(forward.carry.to?.planTitle, "SEND Strategy 2027");

    const audit = await readAs(system.db, { councilId, userId: null }, (trx) =>
      trx.selectFrom("audit_event").select("after").where("action", "=", "plan.closed").executeTakeFirstOrThrow(),
    );
    assert.deepEqual((audit.after as { statusMaps: unknown }).statusMaps, { [strategy]: { red: "limited-progress", amber: "on-track" } });
  });
});
