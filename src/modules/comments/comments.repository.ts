// The only SQL for partners' comments (issue 13 part 6). Every query runs inside a service's
// transaction, under the council's row-level security.
import type { Trx } from "../../platform/transaction.ts";

const columns = [
  "partner_comment.id",
  "partner_comment.action_id",
  "partner_comment.author_user_id",
  "partner_comment.author_name",
  "partner_comment.organisation",
  "partner_comment.body",
  "partner_comment.created_at",
  "partner_comment.moderation",
  "partner_comment.moderated_at",
  "partner_comment.hidden_reason",
] as const;

export type CommentRow = Awaited<ReturnType<typeof listCommentsForAction>>[number];

export async function listCommentsForAction(trx: Trx, actionId: string) {
  return trx.selectFrom("partner_comment").select(columns).where("action_id", "=", actionId).orderBy("created_at").orderBy("id").execute();
}

/** Approved comments on the plans' actions, oldest first: what the action pages and meeting packs show. */
export async function listApprovedForPlans(trx: Trx, planIds: string[]) {
  if (planIds.length === 0) return [];
  return trx
    .selectFrom("partner_comment")
    .innerJoin("plan_action", "plan_action.id", "partner_comment.action_id")
    .select(columns)
    .where("plan_action.plan_id", "in", planIds)
    .where("partner_comment.moderation", "=", "approved")
    .orderBy("partner_comment.created_at")
    .execute();
}

/** Comments on a plan's actions still waiting for the lead, with their action's number and text. */
export async function listPendingForPlan(trx: Trx, planId: string) {
  return trx
    .selectFrom("partner_comment")
    .innerJoin("plan_action", "plan_action.id", "partner_comment.action_id")
    .select([...columns, "plan_action.number as action_number", "plan_action.text as action_text"])
    .where("plan_action.plan_id", "=", planId)
    .where("partner_comment.moderation", "=", "pending")
    .orderBy("partner_comment.created_at")
    .execute();
}

export async function findComment(trx: Trx, id: string) {
  return trx
    .selectFrom("partner_comment")
    .innerJoin("plan_action", "plan_action.id", "partner_comment.action_id")
    .select([...columns, "plan_action.plan_id"])
    .where("partner_comment.id", "=", id)
    .executeTakeFirst();
}

/** The organisation the partner gave last, to fill in their next comment. */
export async function lastOrganisationOf(trx: Trx, userId: string): Promise<string | undefined> {
  const row = await trx
    .selectFrom("partner_comment")
    .select("organisation")
    .where("author_user_id", "=", userId)
    .orderBy("created_at", "desc")
    .executeTakeFirst();
  return row?.organisation;
}

export async function insertComment(
  trx: Trx,
  row: { councilId: string; actionId: string; authorUserId: string; authorName: string; organisation: string; body: string },
): Promise<string> {
  const { id } = await trx
    .insertInto("partner_comment")
    .values({
      council_id: row.councilId,
      action_id: row.actionId,
      author_user_id: row.authorUserId,
      author_name: row.authorName,
      organisation: row.organisation,
      body: row.body,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}

/** Records the lead's decision on a pending comment; returns nothing if someone decided first. */
export async function moderateComment(
  trx: Trx,
  id: string,
  by: string,
  decision: { moderation: "approved" | "hidden"; hiddenReason: string | null },
) {
  return trx
    .updateTable("partner_comment")
    .set({ moderation: decision.moderation, hidden_reason: decision.hiddenReason, moderated_by: by, moderated_at: new Date() })
    .where("id", "=", id)
    .where("moderation", "=", "pending")
    .returning("id")
    .executeTakeFirst();
}
