// The only SQL for improvement plans. Every query runs inside a service's transaction, under the
// acting council's row-level security.
import { sql } from "kysely";
import type { Trx } from "../../platform/transaction.ts";

// ---- forums and meetings ----------------------------------------------------------------------

export async function upsertForum(trx: Trx, forum: { councilId: string; code: string; name: string }) {
  return trx
    .insertInto("forum")
    .values({ council_id: forum.councilId, code: forum.code, name: forum.name })
    .onConflict((oc) => oc.columns(["council_id", "code"]).doUpdateSet({ name: forum.name }))
    .returning(["id", "code", "name"])
    .executeTakeFirstOrThrow();
}

export async function insertMeetings(trx: Trx, councilId: string, forumId: string, dates: string[]) {
  if (dates.length === 0) return;
  await trx
    .insertInto("forum_meeting")
    .values(dates.map((meeting_date) => ({ council_id: councilId, forum_id: forumId, meeting_date })))
    .onConflict((oc) => oc.columns(["forum_id", "meeting_date"]).doNothing())
    .execute();
}

export async function listForums(trx: Trx) {
  return trx.selectFrom("forum").select(["id", "code", "name"]).orderBy("name").execute();
}

export async function findForum(trx: Trx, id: string) {
  return trx.selectFrom("forum").select(["id", "code", "name"]).where("id", "=", id).executeTakeFirst();
}

export async function listMeetings(trx: Trx, forumIds?: string[]) {
  let query = trx.selectFrom("forum_meeting").select(["forum_id", "meeting_date"]).orderBy("meeting_date");
  if (forumIds) {
    if (forumIds.length === 0) return [];
    query = query.where("forum_id", "in", forumIds);
  }
  return query.execute();
}

// ---- plans ------------------------------------------------------------------------------------

export interface NewPlanRow {
  councilId: string;
  externalId: string;
  title: string;
  type: string;
  sourceTitle: string | null;
  sourceDate: string | null;
  sourceUrl: string | null;
  owner: string;
  statusScheme: unknown;
  cadence: string | null;
  approvedOn: string;
}

export async function insertPlan(trx: Trx, plan: NewPlanRow) {
  return trx
    .insertInto("plan")
    .values({
      council_id: plan.councilId,
      external_id: plan.externalId,
      title: plan.title,
      type: plan.type,
      source_title: plan.sourceTitle,
      source_date: plan.sourceDate,
      source_url: plan.sourceUrl,
      owner: plan.owner,
      status_scheme: JSON.stringify(plan.statusScheme),
      cadence: plan.cadence,
      approved_on: plan.approvedOn,
    })
    .returning(["id", "external_id", "title"])
    .executeTakeFirstOrThrow();
}

const planColumns = [
  "id",
  "external_id",
  "title",
  "type",
  "source_title",
  "source_date",
  "source_url",
  "owner",
  "status_scheme",
  "cadence",
  "approved_on",
  "state",
  "continues_plan_id",
  "version",
] as const;

export async function listPlans(trx: Trx) {
  return trx.selectFrom("plan").select(planColumns).orderBy("approved_on", "desc").orderBy("title").execute();
}

export async function findPlan(trx: Trx, id: string) {
  return trx.selectFrom("plan").select(planColumns).where("id", "=", id).executeTakeFirst();
}

export async function findPlanByExternalId(trx: Trx, externalId: string) {
  return trx.selectFrom("plan").select(planColumns).where("external_id", "=", externalId).executeTakeFirst();
}

export async function updatePlanScheme(trx: Trx, planId: string, scheme: unknown) {
  await trx
    .updateTable("plan")
    .set({ status_scheme: JSON.stringify(scheme), version: sql`version + 1` })
    .where("id", "=", planId)
    .execute();
}

// ---- sections and actions ---------------------------------------------------------------------

export async function insertSection(
  trx: Trx,
  section: {
    councilId: string;
    planId: string;
    parentId: string | null;
    position: number;
    number: string;
    title: string;
    kind: string;
    aim: string | null;
    kpis: string | null;
  },
) {
  return trx
    .insertInto("plan_section")
    .values({
      council_id: section.councilId,
      plan_id: section.planId,
      parent_id: section.parentId,
      position: section.position,
      number: section.number,
      title: section.title,
      kind: section.kind,
      aim: section.aim,
      kpis: section.kpis,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
}

export async function listSections(trx: Trx, planIds: string[]) {
  if (planIds.length === 0) return [];
  return trx
    .selectFrom("plan_section")
    .select(["id", "plan_id", "parent_id", "position", "number", "title", "kind", "aim", "kpis", "version"])
    .where("plan_id", "in", planIds)
    .orderBy("position")
    .execute();
}

export interface ActionFields {
  number: string;
  text: string;
  successMeasures: string | null;
  leadName: string | null;
  leadRole: string | null;
  startDate: string | null;
  dueText: string;
  duePrecision: string;
  dueDate: string | null;
  externalDependency: string | null;
  progress: number | null;
  weight?: number | null;
  evidenceLinks?: string[];
  /** The impact judgement (issue 13); not given: left as it is (a new action: not yet assessed). */
  impact?: string;
}

export type NewActionRow = ActionFields & {
  councilId: string;
  planId: string;
  sectionId: string;
  position: number;
  externalId: string;
  addedOn: string;
};

const newActionValues = (action: NewActionRow) => ({
  council_id: action.councilId,
  plan_id: action.planId,
  section_id: action.sectionId,
  position: action.position,
  external_id: action.externalId,
  added_on: action.addedOn,
  ...actionColumns(action),
});

export async function insertAction(trx: Trx, action: NewActionRow) {
  return trx.insertInto("plan_action").values(newActionValues(action)).returning("id").executeTakeFirstOrThrow();
}

/** Many new actions in one statement; their ids are chosen by the caller, so links and updates can follow. */
export async function insertActions(trx: Trx, actions: (NewActionRow & { id: string })[]) {
  if (actions.length === 0) return;
  await trx
    .insertInto("plan_action")
    .values(actions.map((a) => ({ id: a.id, ...newActionValues(a) })))
    .execute();
}

function actionColumns(action: ActionFields) {
  return {
    number: action.number,
    text: action.text,
    success_measures: action.successMeasures,
    lead_name: action.leadName,
    lead_role: action.leadRole,
    start_date: action.startDate,
    due_text: action.dueText,
    due_precision: action.duePrecision,
    due_date: action.dueDate,
    external_dependency: action.externalDependency,
    progress: action.progress,
    ...(action.weight === undefined ? {} : { weight: action.weight === null ? null : String(action.weight) }),
    ...(action.evidenceLinks === undefined ? {} : { evidence_links: action.evidenceLinks }),
    ...(action.impact === undefined ? {} : { impact: action.impact }),
  };
}

const actionSelect = [
  "plan_action.id",
  "plan_action.plan_id",
  "plan_action.section_id",
  "plan_action.position",
  "plan_action.number",
  "plan_action.external_id",
  "plan_action.text",
  "plan_action.success_measures",
  "plan_action.lead_name",
  "plan_action.lead_role",
  "plan_action.start_date",
  "plan_action.due_text",
  "plan_action.due_precision",
  "plan_action.due_date",
  "plan_action.external_dependency",
  "plan_action.progress",
  "plan_action.weight",
  "plan_action.evidence_links",
  "plan_action.added_on",
  "plan_action.version",
  "plan_action.created_at",
  "plan_action.retired_on",
  "plan_action.retired_reason",
  "plan_action.impact",
] as const;

export type ActionRow = Awaited<ReturnType<typeof listActions>>[number];

export async function listActions(trx: Trx, planIds: string[]) {
  if (planIds.length === 0) return [];
  return trx.selectFrom("plan_action").select(actionSelect).where("plan_id", "in", planIds).orderBy("position").execute();
}

export async function findAction(trx: Trx, id: string) {
  return trx.selectFrom("plan_action").select(actionSelect).where("id", "=", id).executeTakeFirst();
}

/** Optimistic locking: changes the action only if nobody else has since `expectedVersion`. */
export async function updateAction(trx: Trx, id: string, expectedVersion: number, fields: ActionFields) {
  return trx
    .updateTable("plan_action")
    .set({ ...actionColumns(fields), version: sql`version + 1`, updated_at: sql`now()` })
    .where("id", "=", id)
    .where("version", "=", expectedVersion)
    .returning(["id", "version"])
    .executeTakeFirst();
}

export async function linkActionForums(trx: Trx, councilId: string, actionId: string, forumIds: string[]) {
  await insertActionForumLinks(
    trx,
    forumIds.map((forumId) => ({ councilId, actionId, forumId })),
  );
}

export async function insertActionForumLinks(trx: Trx, links: { councilId: string; actionId: string; forumId: string }[]) {
  if (links.length === 0) return;
  await trx
    .insertInto("plan_action_forum")
    .values(links.map((l) => ({ council_id: l.councilId, action_id: l.actionId, forum_id: l.forumId })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function listActionForums(trx: Trx, planIds: string[]) {
  if (planIds.length === 0) return [];
  return trx
    .selectFrom("plan_action_forum")
    .innerJoin("plan_action", "plan_action.id", "plan_action_forum.action_id")
    .select(["plan_action_forum.action_id", "plan_action_forum.forum_id"])
    .where("plan_action.plan_id", "in", planIds)
    .execute();
}

// ---- updates ----------------------------------------------------------------------------------

export interface NewUpdateRow {
  councilId: string;
  actionId: string;
  date: string;
  sequence: number;
  status: string;
  commentary: string;
  progress: number | null;
  authorUserId: string | null;
  authorName: string | null;
  correctsUpdateId?: string | null;
}

const newUpdateValues = (update: NewUpdateRow) => ({
  council_id: update.councilId,
  action_id: update.actionId,
  update_date: update.date,
  sequence: update.sequence,
  status: update.status,
  commentary: update.commentary,
  progress: update.progress,
  author_user_id: update.authorUserId,
  author_name: update.authorName,
  corrects_update_id: update.correctsUpdateId ?? null,
});

export async function insertUpdate(trx: Trx, update: NewUpdateRow) {
  return trx
    .insertInto("action_update")
    .values(newUpdateValues(update))
    .returning(["id", "update_date", "sequence", "status", "commentary", "progress"])
    .executeTakeFirstOrThrow();
}

export async function insertUpdates(trx: Trx, updates: NewUpdateRow[]) {
  if (updates.length === 0) return;
  await trx.insertInto("action_update").values(updates.map(newUpdateValues)).execute();
}

export type UpdateRow = Awaited<ReturnType<typeof listUpdates>>[number];

/** Every update of the plans' actions, oldest first; the as-at views are worked out from these. */
export async function listUpdates(trx: Trx, planIds: string[]) {
  if (planIds.length === 0) return [];
  return trx
    .selectFrom("action_update")
    .innerJoin("plan_action", "plan_action.id", "action_update.action_id")
    .select([
      "action_update.id",
      "action_update.action_id",
      "action_update.update_date",
      "action_update.sequence",
      "action_update.status",
      "action_update.commentary",
      "action_update.progress",
      "action_update.author_name",
      "action_update.corrects_update_id",
      "action_update.created_at",
    ])
    .where("plan_action.plan_id", "in", planIds)
    .orderBy("action_update.update_date")
    .orderBy("action_update.sequence")
    .orderBy("action_update.created_at")
    .execute();
}

export async function listUpdatesForAction(trx: Trx, actionId: string) {
  return trx
    .selectFrom("action_update")
    .select(["id", "action_id", "update_date", "sequence", "status", "commentary", "progress", "author_name", "corrects_update_id", "created_at"])
    .where("action_id", "=", actionId)
    .orderBy("update_date")
    .orderBy("sequence")
    .orderBy("created_at")
    .execute();
}

export async function nextSequence(trx: Trx, actionId: string, date: string): Promise<number> {
  const row = await trx
    .selectFrom("action_update")
    .select(sql<number>`coalesce(max(sequence) + 1, 0)`.as("next"))
    .where("action_id", "=", actionId)
    .where("update_date", "=", date)
    .executeTakeFirst();
  return Number(row?.next ?? 0);
}

// ---- imports: the mapping confirmed for each plan ---------------------------------------------------

export async function findImportMapping(trx: Trx, planId: string) {
  return trx.selectFrom("plan_import_mapping").select(["plan_id", "mapping"]).where("plan_id", "=", planId).executeTakeFirst();
}

export async function upsertImportMapping(trx: Trx, row: { councilId: string; planId: string; mapping: unknown }) {
  await trx
    .insertInto("plan_import_mapping")
    .values({ council_id: row.councilId, plan_id: row.planId, mapping: JSON.stringify(row.mapping) })
    .onConflict((oc) => oc.column("plan_id").doUpdateSet({ mapping: JSON.stringify(row.mapping) }))
    .execute();
}

// ---- closure and carry-forward (SPEC A12) -----------------------------------------------------------

export async function closePlanRow(trx: Trx, planId: string) {
  await trx.updateTable("plan").set({ state: "closed", version: sql`version + 1` }).where("id", "=", planId).execute();
}

export async function insertClosureDisposition(
  trx: Trx,
  row: {
    councilId: string;
    actionId: string;
    disposition: string;
    carriedToPlanId: string | null;
    carriedActionId: string | null;
    owner: string | null;
    note: string;
    decidedOn: string;
  },
) {
  await trx
    .insertInto("plan_closure_disposition")
    .values({
      council_id: row.councilId,
      action_id: row.actionId,
      disposition: row.disposition,
      carried_to_plan_id: row.carriedToPlanId,
      carried_action_id: row.carriedActionId,
      owner: row.owner,
      note: row.note,
      decided_on: row.decidedOn,
    })
    .execute();
}

export async function listClosureDispositions(trx: Trx, planId: string) {
  return trx
    .selectFrom("plan_closure_disposition")
    .innerJoin("plan_action", "plan_action.id", "plan_closure_disposition.action_id")
    .select([
      "plan_closure_disposition.action_id",
      "plan_closure_disposition.disposition",
      "plan_closure_disposition.carried_to_plan_id",
      "plan_closure_disposition.carried_action_id",
      "plan_closure_disposition.owner",
      "plan_closure_disposition.note",
      "plan_closure_disposition.decided_on",
    ])
    .where("plan_action.plan_id", "=", planId)
    .execute();
}

/** Where a carried action came from, and where an action closed by carrying went (SPEC A12). */
export async function findCarryLinks(trx: Trx, actionId: string) {
  const link = (
    column: "plan_closure_disposition.action_id" | "plan_closure_disposition.carried_action_id",
    other: "action_id" | "carried_action_id",
  ) =>
    trx
      .selectFrom("plan_closure_disposition")
      .innerJoin("plan_action", "plan_action.id", `plan_closure_disposition.${other}`)
      .innerJoin("plan", "plan.id", "plan_action.plan_id")
      .select(["plan_action.id as actionId", "plan_action.number", "plan.id as planId", "plan.title as planTitle"])
      .where(column, "=", actionId)
      .executeTakeFirst();
  const from = await link("plan_closure_disposition.carried_action_id", "action_id");
  const to = await link("plan_closure_disposition.action_id", "carried_action_id");
  return { from, to };
}
