// The only SQL for closure narratives (issue 13 part 8): the few sentences under each group of a
// closed plan's closure table. Runs inside a service's transaction, under row-level security.
import type { Trx } from "../../platform/transaction.ts";

export async function listNarratives(trx: Trx, planId: string) {
  return trx.selectFrom("plan_closure_narrative").select(["disposition", "narrative"]).where("plan_id", "=", planId).execute();
}

export async function saveNarrative(trx: Trx, row: { councilId: string; planId: string; disposition: string; narrative: string }) {
  await trx
    .insertInto("plan_closure_narrative")
    .values({ council_id: row.councilId, plan_id: row.planId, disposition: row.disposition, narrative: row.narrative })
    .onConflict((oc) => oc.columns(["plan_id", "disposition"]).doUpdateSet({ narrative: row.narrative }))
    .execute();
}
