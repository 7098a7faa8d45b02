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

// ---- publications on a date (issue 13 part 7) -----------------------------------------------------

const publicationColumns = ["id", "publish_on", "show_statuses", "show_commentary", "publish_names", "scheduled_at"] as const;

export type PublicationRow = Awaited<ReturnType<typeof listPublications>>[number];

/** The plan's publications, earliest first. */
export async function listPublications(trx: Trx, planId: string) {
  return trx
    .selectFrom("plan_publication")
    .select(publicationColumns)
    .where("plan_id", "=", planId)
    .orderBy("publish_on")
    .orderBy("scheduled_at")
    .execute();
}

/** Publications still to come are replaced by the next one scheduled, or cancelled on withdrawal; past ones are never changed. */
export async function deletePublicationsAfter(trx: Trx, planId: string, day: string) {
  await trx.deleteFrom("plan_publication").where("plan_id", "=", planId).where("publish_on", ">", day).execute();
}

export async function deletePublicationsOn(trx: Trx, planId: string, day: string) {
  await trx.deleteFrom("plan_publication").where("plan_id", "=", planId).where("publish_on", "=", day).execute();
}

export async function insertPublication(
  trx: Trx,
  row: {
    councilId: string;
    planId: string;
    publishOn: string;
    showStatuses: boolean;
    showCommentary: boolean;
    publishNames: boolean;
    scheduledBy: string | null;
  },
) {
  await trx
    .insertInto("plan_publication")
    .values({
      council_id: row.councilId,
      plan_id: row.planId,
      publish_on: row.publishOn,
      show_statuses: row.showStatuses,
      show_commentary: row.showCommentary,
      publish_names: row.publishNames,
      scheduled_by: row.scheduledBy,
    })
    .execute();
}

/** What was recorded after a moment: the published position leaves it out, whatever date it carries. */
export async function recordedAfter(trx: Trx, planId: string, moment: Date) {
  const [actions, updates] = await Promise.all([
    trx.selectFrom("plan_action").select("id").where("plan_id", "=", planId).where("created_at", ">", moment).execute(),
    trx
      .selectFrom("action_update")
      .innerJoin("plan_action", "plan_action.id", "action_update.action_id")
      .select("action_update.id")
      .where("plan_action.plan_id", "=", planId)
      .where("action_update.created_at", ">", moment)
      .execute(),
  ]);
  return { actionIds: new Set(actions.map((a) => a.id)), updateIds: new Set(updates.map((u) => u.id)) };
}
