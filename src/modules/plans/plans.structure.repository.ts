// SQL for setting up and reshaping plans (issue 13): a plan's details, sections, moves and
// retirements. Every query runs inside a service's transaction, under the council's row-level security.
import { sql } from "kysely";
import type { Trx } from "../../platform/transaction.ts";

export interface PlanDetailsRow {
  title: string;
  type: string;
  sourceTitle: string | null;
  sourceDate: string | null;
  sourceUrl: string | null;
  owner: string;
  cadence: string | null;
  approvedOn: string;
  continuesPlanId: string | null;
  statusScheme: unknown;
}

/** Optimistic locking: changes the plan only if nobody else has since `expectedVersion`. */
export async function updatePlanDetails(trx: Trx, planId: string, expectedVersion: number, details: PlanDetailsRow) {
  return trx
    .updateTable("plan")
    .set({
      title: details.title,
      type: details.type,
      source_title: details.sourceTitle,
      source_date: details.sourceDate,
      source_url: details.sourceUrl,
      owner: details.owner,
      cadence: details.cadence,
      approved_on: details.approvedOn,
      continues_plan_id: details.continuesPlanId,
      status_scheme: JSON.stringify(details.statusScheme),
      version: sql`version + 1`,
      updated_at: sql`now()`,
    })
    .where("id", "=", planId)
    .where("version", "=", expectedVersion)
    .returning(["id", "version"])
    .executeTakeFirst();
}

export async function setContinuesPlan(trx: Trx, planId: string, continuesPlanId: string | null) {
  await trx.updateTable("plan").set({ continues_plan_id: continuesPlanId }).where("id", "=", planId).execute();
}

export async function isPublished(trx: Trx, planId: string): Promise<boolean> {
  return (await trx.selectFrom("plan").select("published").where("id", "=", planId).executeTakeFirst())?.published ?? false;
}

export async function externalIdTaken(trx: Trx, externalId: string): Promise<boolean> {
  return !!(await trx.selectFrom("plan").select("id").where("external_id", "=", externalId).executeTakeFirst());
}

/** The statuses a plan's history of updates has used. */
export async function statusesUsed(trx: Trx, planId: string): Promise<string[]> {
  const rows = await trx
    .selectFrom("action_update")
    .innerJoin("plan_action", "plan_action.id", "action_update.action_id")
    .select("action_update.status")
    .distinct()
    .where("plan_action.plan_id", "=", planId)
    .execute();
  return rows.map((r) => r.status);
}

export async function countUpdates(trx: Trx, planId: string): Promise<number> {
  const row = await trx
    .selectFrom("action_update")
    .innerJoin("plan_action", "plan_action.id", "action_update.action_id")
    .select(sql<number>`count(*)`.as("n"))
    .where("plan_action.plan_id", "=", planId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

// ---- sections ---------------------------------------------------------------------------------

const sectionColumns = ["id", "plan_id", "parent_id", "position", "number", "title", "kind", "aim", "kpis", "version"] as const;

export type SectionRow = NonNullable<Awaited<ReturnType<typeof findSection>>>;

export async function findSection(trx: Trx, id: string) {
  return trx.selectFrom("plan_section").select(sectionColumns).where("id", "=", id).executeTakeFirst();
}

export async function updateSection(
  trx: Trx,
  id: string,
  expectedVersion: number,
  fields: { number: string; title: string; kind: string; aim: string | null; kpis: string | null },
) {
  return trx
    .updateTable("plan_section")
    .set({ ...fields, version: sql`version + 1` })
    .where("id", "=", id)
    .where("version", "=", expectedVersion)
    .returning(["id", "version"])
    .executeTakeFirst();
}

/** Saves the sections' places (parent and position) after a reorder or a nesting. */
export async function placeSections(trx: Trx, places: { id: string; parentId: string | null; position: number }[]) {
  for (const place of places) {
    await trx
      .updateTable("plan_section")
      .set({ parent_id: place.parentId, position: place.position })
      .where("id", "=", place.id)
      .where((eb) => eb.or([eb("parent_id", "is distinct from", place.parentId), eb("position", "<>", place.position)]))
      .execute();
  }
}

export async function nextActionPosition(trx: Trx, planId: string): Promise<number> {
  const row = await trx
    .selectFrom("plan_action")
    .select(sql<number>`coalesce(max(position) + 1, 0)`.as("next"))
    .where("plan_id", "=", planId)
    .executeTakeFirst();
  return Number(row?.next ?? 0);
}

export async function nextSectionPosition(trx: Trx, planId: string): Promise<number> {
  const row = await trx
    .selectFrom("plan_section")
    .select(sql<number>`coalesce(max(position) + 1, 0)`.as("next"))
    .where("plan_id", "=", planId)
    .executeTakeFirst();
  return Number(row?.next ?? 0);
}

// ---- actions: moves and retirement ------------------------------------------------------------

export async function moveAction(
  trx: Trx,
  move: { councilId: string; actionId: string; fromSectionId: string; toSectionId: string; movedOn: string; movedBy: string | null },
) {
  await trx
    .insertInto("plan_action_move")
    .values({
      council_id: move.councilId,
      action_id: move.actionId,
      from_section_id: move.fromSectionId,
      to_section_id: move.toSectionId,
      moved_on: move.movedOn,
      moved_by: move.movedBy,
    })
    .execute();
  await trx
    .updateTable("plan_action")
    .set({ section_id: move.toSectionId, version: sql`version + 1`, updated_at: sql`now()` })
    .where("id", "=", move.actionId)
    .execute();
}

export async function listMoves(trx: Trx, planIds: string[]) {
  if (planIds.length === 0) return [];
  return trx
    .selectFrom("plan_action_move")
    .innerJoin("plan_action", "plan_action.id", "plan_action_move.action_id")
    .select([
      "plan_action_move.action_id",
      "plan_action_move.from_section_id",
      "plan_action_move.to_section_id",
      "plan_action_move.moved_on",
      "plan_action_move.created_at",
    ])
    .where("plan_action.plan_id", "in", planIds)
    .orderBy("plan_action_move.moved_on")
    .orderBy("plan_action_move.created_at")
    .execute();
}

export async function retireAction(trx: Trx, actionId: string, expectedVersion: number, retiredOn: string, reason: string) {
  return trx
    .updateTable("plan_action")
    .set({ retired_on: retiredOn, retired_reason: reason, version: sql`version + 1`, updated_at: sql`now()` })
    .where("id", "=", actionId)
    .where("version", "=", expectedVersion)
    .where("retired_on", "is", null)
    .returning(["id", "version"])
    .executeTakeFirst();
}
