// What of the demo council is already there, so a seed that was stopped part-way can finish.
import type { Trx } from "../../platform/transaction.ts";

export async function findDemoProgress(trx: Trx) {
  const [users, closures, plans, cases] = await Promise.all([
    trx.selectFrom("app_user").select("email").execute(),
    trx.selectFrom("school_closure").select(["description", "first_day_closed", "reopens"]).execute(),
    trx.selectFrom("plan").select("external_id").execute(),
    trx
      .selectFrom("child_case")
      .select((eb) => eb.fn.countAll<number>().as("count"))
      .executeTakeFirstOrThrow(),
  ]);
  return {
    emails: new Set(users.map((u) => u.email)),
    closures: new Set(closures.map((c) => `${c.description}|${c.first_day_closed}|${c.reopens}`)),
    planIds: new Set(plans.map((p) => p.external_id)),
    cases: Number(cases.count),
  };
}
