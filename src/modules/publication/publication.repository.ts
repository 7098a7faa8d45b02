// The only SQL for publication (SPEC A13): the plan's published and publish-names flags and the
// updates whose commentary is public. Runs inside a service's transaction, under the council's
// row-level security.
import type { Trx } from "../../platform/transaction.ts";

export async function findPublication(trx: Trx, planId: string) {
  return trx.selectFrom("plan").select(["id", "published", "publish_names"]).where("id", "=", planId).executeTakeFirst();
}

export async function setPublication(trx: Trx, planId: string, flags: { published: boolean; publishNames: boolean }) {
  await trx.updateTable("plan").set({ published: flags.published, publish_names: flags.publishNames }).where("id", "=", planId).execute();
}

/** The ids of the plan's updates whose commentary is public. */
export async function listPublicUpdateIds(trx: Trx, planId: string): Promise<string[]> {
  const rows = await trx
    .selectFrom("public_commentary")
    .innerJoin("action_update", "action_update.id", "public_commentary.update_id")
    .innerJoin("plan_action", "plan_action.id", "action_update.action_id")
    .select("public_commentary.update_id")
    .where("plan_action.plan_id", "=", planId)
    .execute();
  return rows.map((r) => r.update_id);
}

export async function addPublicCommentary(trx: Trx, councilId: string, updateIds: string[]) {
  if (updateIds.length === 0) return;
  await trx
    .insertInto("public_commentary")
    .values(updateIds.map((id) => ({ council_id: councilId, update_id: id })))
    .onConflict((oc) => oc.column("update_id").doNothing())
    .execute();
}

export async function removePublicCommentary(trx: Trx, updateIds: string[]) {
  if (updateIds.length === 0) return;
  await trx.deleteFrom("public_commentary").where("update_id", "in", updateIds).execute();
}
