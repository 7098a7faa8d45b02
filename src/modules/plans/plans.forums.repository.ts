// SQL for forums, their meetings, the actions that report to them and what meetings decided
// (issue 13). Every query runs inside a service's transaction, under the council's row-level security.
import { sql } from "kysely";
import type { Trx } from "../../platform/transaction.ts";

const forumColumns = ["id", "code", "name", "kind", "members", "cycle", "version"] as const;

export type ForumRow = NonNullable<Awaited<ReturnType<typeof findForum>>>;

export async function findForum(trx: Trx, id: string) {
  return trx.selectFrom("forum").select(forumColumns).where("id", "=", id).executeTakeFirst();
}

export async function codeTaken(trx: Trx, code: string): Promise<boolean> {
  return !!(await trx.selectFrom("forum").select("id").where("code", "=", code).executeTakeFirst());
}

export interface ForumFields {
  name: string;
  kind: string;
  members: string | null;
  cycle: string | null;
}

export async function insertForum(trx: Trx, forum: ForumFields & { councilId: string; code: string }) {
  return trx
    .insertInto("forum")
    .values({ council_id: forum.councilId, code: forum.code, name: forum.name, kind: forum.kind, members: forum.members, cycle: forum.cycle })
    .returning("id")
    .executeTakeFirstOrThrow();
}

export async function updateForum(trx: Trx, id: string, expectedVersion: number, fields: ForumFields) {
  return trx
    .updateTable("forum")
    .set({ ...fields, version: sql`version + 1` })
    .where("id", "=", id)
    .where("version", "=", expectedVersion)
    .returning("id")
    .executeTakeFirst();
}

export async function meetingDates(trx: Trx, forumId: string): Promise<string[]> {
  const rows = await trx.selectFrom("forum_meeting").select("meeting_date").where("forum_id", "=", forumId).orderBy("meeting_date").execute();
  return rows.map((r) => r.meeting_date);
}

export async function insertMeeting(trx: Trx, councilId: string, forumId: string, date: string) {
  await trx.insertInto("forum_meeting").values({ council_id: councilId, forum_id: forumId, meeting_date: date }).execute();
}

export async function forumIdsOfAction(trx: Trx, actionId: string): Promise<string[]> {
  const rows = await trx.selectFrom("plan_action_forum").select("forum_id").where("action_id", "=", actionId).execute();
  return rows.map((r) => r.forum_id);
}

export async function replaceActionForums(trx: Trx, councilId: string, actionId: string, forumIds: string[]) {
  await trx.deleteFrom("plan_action_forum").where("action_id", "=", actionId).execute();
  if (forumIds.length) {
    await trx
      .insertInto("plan_action_forum")
      .values(forumIds.map((forumId) => ({ council_id: councilId, action_id: actionId, forum_id: forumId })))
      .execute();
  }
}

/** The actions that report to the forum, across the council's plans. */
export async function actionsOfForum(trx: Trx, forumId: string) {
  return trx
    .selectFrom("plan_action_forum")
    .innerJoin("plan_action", "plan_action.id", "plan_action_forum.action_id")
    .innerJoin("plan", "plan.id", "plan_action.plan_id")
    .select([
      "plan_action.id",
      "plan_action.number",
      "plan_action.text",
      "plan_action.added_on",
      "plan_action.retired_on",
      "plan.title as plan_title",
      "plan.id as plan_id",
    ])
    .where("plan_action_forum.forum_id", "=", forumId)
    .orderBy("plan.title")
    .orderBy("plan_action.position")
    .execute();
}

export async function insertDecisions(
  trx: Trx,
  rows: { councilId: string; forumId: string; meetingDate: string; actionId: string; decision: string; recordedBy: string | null }[],
) {
  if (rows.length === 0) return;
  await trx
    .insertInto("meeting_decision")
    .values(
      rows.map((r) => ({
        council_id: r.councilId,
        forum_id: r.forumId,
        meeting_date: r.meetingDate,
        action_id: r.actionId,
        decision: r.decision,
        recorded_by: r.recordedBy,
      })),
    )
    .execute();
}

export type DecisionRow = Awaited<ReturnType<typeof listDecisions>>[number];

/** Decisions on the plans' actions, oldest first, with the forum's name. */
export async function listDecisions(trx: Trx, planIds: string[]) {
  if (planIds.length === 0) return [];
  return trx
    .selectFrom("meeting_decision")
    .innerJoin("plan_action", "plan_action.id", "meeting_decision.action_id")
    .innerJoin("forum", "forum.id", "meeting_decision.forum_id")
    .select([
      "meeting_decision.id",
      "meeting_decision.action_id",
      "meeting_decision.forum_id",
      "meeting_decision.meeting_date",
      "meeting_decision.decision",
      "forum.name as forum_name",
    ])
    .where("plan_action.plan_id", "in", planIds)
    .orderBy("meeting_decision.meeting_date")
    .orderBy("meeting_decision.created_at")
    .execute();
}

// ---- one-time form tokens ---------------------------------------------------------------------

export async function submissionUsed(trx: Trx, id: string): Promise<boolean> {
  return !!(await trx.selectFrom("form_submission").select("id").where("id", "=", id).executeTakeFirst());
}

/** Marks the token used; false when it already was (another post of the same form got there first). */
export async function useSubmission(trx: Trx, councilId: string, id: string): Promise<boolean> {
  const row = await trx
    .insertInto("form_submission")
    .values({ id, council_id: councilId })
    .onConflict((oc) => oc.column("id").doNothing())
    .returning("id")
    .executeTakeFirst();
  return !!row;
}
