// The import tests' set-up: the whole system on a test database of its own, with one council to
// import into as the system, opened before the suite and closed after it. Call inside `describe`.
import { after, before } from "node:test";
import { openSystem } from "../../../composition.ts";
import { openTestDatabase, type TestDatabase } from "../../../platform/testing/test-database.ts";
import { readAs } from "../../../platform/transaction.ts";

type System = Awaited<ReturnType<typeof openSystem>>;

export function importCouncil(council: { code: string; name: string }) {
  let testDb: TestDatabase | undefined;
  let system: System | undefined;
  let actor: { councilId: string; userId: null } | undefined;
  const opened = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("importCouncil: used outside the suite's tests (before() has not run)");
    return value;
  };
  before(async () => {
    testDb = await openTestDatabase();
    system = await openSystem(testDb.database);
    actor = { councilId: (await system.people.createCouncil(council)).id, userId: null };
  });
  after(async () => {
    await system?.close();
    await testDb?.close();
  });
  return {
    get system(): System {
      return opened(system);
    },
    /** The council's system actor: imports as "system", reads under its row-level security. */
    get actor() {
      return opened(actor);
    },
    /** What the council has: to show what an import saved, or that a refused one saved nothing. */
    counts: () =>
      readAs(opened(system).db, opened(actor), async (trx) => ({
        plans: (await trx.selectFrom("plan").select("id").execute()).length,
        actions: (await trx.selectFrom("plan_action").select("id").execute()).length,
        updates: (await trx.selectFrom("action_update").select("id").execute()).length,
        audit: (await trx.selectFrom("audit_event").select("id").execute()).length,
      })),
  };
}
