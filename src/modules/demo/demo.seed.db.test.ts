// A seed stopped part-way (killed, or a step failed) leaves part of the demo council; running it
// again finishes it rather than refusing because the council exists (issue 12).
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { openSystem } from "../../composition.ts";
import { openTestDatabase, type TestDatabase } from "../../platform/testing/test-database.ts";
import { readAs } from "../../platform/transaction.ts";
import { DEMO_CLOSURES, DEMO_USERS, seedDemo } from "./demo.seed.ts";

let testDb: TestDatabase;
let system: Awaited<ReturnType<typeof openSystem>>;
before(async () => {
  testDb = await openTestDatabase();
  system = await openSystem(testDb.database);
});
after(async () => {
  await system.close();
  await testDb.close();
});

async function whatIsThere() {
  const councilId = await system.people.councilIdForCode("DEMO");
  if (!councilId) return undefined;
  return readAs(system.db, { councilId, userId: null }, async (trx) => ({
    users: (await trx.selectFrom("app_user").select("id").execute()).length,
    closures: (await trx.selectFrom("school_closure").select("id").execute()).length,
    plans: (await trx.selectFrom("plan").select("external_id").orderBy("external_id").execute()).map((p) => p.external_id),
    cases: (await trx.selectFrom("child_case").select("id").execute()).length,
  }));
}

test("a seed that fails after the first plan is finished by running it again, and a third run changes nothing", async () => {
  // The second plan fails, as if the process were killed there.
  let plansMade = 0;
  const failing = {
    ...system,
    plans: Object.assign(Object.create(system.plans), {
      createPlanFromSeed: (...args: Parameters<typeof system.plans.createPlanFromSeed>) => {
        plansMade += 1;
        if (plansMade === 2) throw new Error("killed");
        return system.plans.createPlanFromSeed(...args);
      },
    }),
  };
  await assert.rejects(seedDemo(failing, { caseload: 20 }), /killed/);
  assert.deepEqual(await whatIsThere(), { users: DEMO_USERS.length, closures: DEMO_CLOSURES.length, plans: ["southend-peer-review-2022"], cases: 0 });

  assert.equal(await seedDemo(system, { caseload: 20 }), true, "the second run finishes the council");
  const finished = await whatIsThere();
  assert.deepEqual(finished?.plans, ["southend-peer-review-2022", "thurrock-wsoa-2019"]);
  assert.equal(finished?.users, DEMO_USERS.length);
  assert.equal(finished?.closures, DEMO_CLOSURES.length);
  assert.ok((finished?.cases ?? 0) >= 20, "the generated caseload (plans and a year of requests)");

  assert.equal(await seedDemo(system, { caseload: 20 }), false, "a complete council is left as it is");
  assert.deepEqual(await whatIsThere(), finished);
});
