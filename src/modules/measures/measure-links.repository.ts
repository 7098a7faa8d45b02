// The only SQL for success measures bound to registry measures (migration 0016), read and
// written under the council's row-level security inside a service's transaction.
import type { Trx } from "../../platform/transaction.ts";

export interface LinkRow {
  id: string;
  actionId: string;
  measureId: string;
  baselineValue: number | null;
  baselineDate: string | null;
  targetValue: number;
  targetDate: string;
}

const toRow = (r: {
  id: string;
  action_id: string;
  measure_id: string;
  baseline_value: string | null;
  baseline_date: string | null;
  target_value: string;
  target_date: string;
}): LinkRow => ({
  id: r.id,
  actionId: r.action_id,
  measureId: r.measure_id,
  baselineValue: r.baseline_value === null ? null : Number(r.baseline_value),
  baselineDate: r.baseline_date,
  targetValue: Number(r.target_value),
  targetDate: r.target_date,
});

const COLUMNS = ["id", "action_id", "measure_id", "baseline_value", "baseline_date", "target_value", "target_date"] as const;

/** The action, its plan's status scheme and its latest status (the last update, latest date first), as at `asAt` if given. */
export async function findActionForLinks(trx: Trx, actionId: string, asAt?: string) {
  const action = await trx
    .selectFrom("plan_action")
    .innerJoin("plan", "plan.id", "plan_action.plan_id")
    .select([
      "plan_action.id",
      "plan_action.number",
      "plan_action.text",
      "plan_action.success_measures",
      "plan.id as plan_id",
      "plan.title as plan_title",
      "plan.status_scheme",
    ])
    .where("plan_action.id", "=", actionId)
    .executeTakeFirst();
  if (!action) return undefined;
  const latest = await trx
    .selectFrom("action_update")
    .select(["status", "update_date"])
    .where("action_id", "=", actionId)
    .$if(asAt !== undefined, (qb) => qb.where("update_date", "<=", asAt as string))
    .orderBy("update_date", "desc")
    .orderBy("sequence", "desc")
    .executeTakeFirst();
  return { ...action, latestStatus: latest?.status ?? null };
}

export async function listLinksForActions(trx: Trx, actionIds: readonly string[]): Promise<LinkRow[]> {
  if (!actionIds.length) return [];
  return (await trx.selectFrom("action_measure_link").select(COLUMNS).where("action_id", "in", actionIds).orderBy("created_at").execute()).map(toRow);
}

export async function insertLink(
  trx: Trx,
  values: {
    councilId: string;
    actionId: string;
    measureId: string;
    baselineValue: number | null;
    baselineDate: string | null;
    targetValue: number;
    targetDate: string;
    createdBy: string | null;
    /** A measure entered by hand (migration 0029): its uuid; measureId is then `entered:` and it. */
    enteredMeasureId?: string | null;
  },
): Promise<LinkRow | undefined> {
  const row = await trx
    .insertInto("action_measure_link")
    .values({
      council_id: values.councilId,
      action_id: values.actionId,
      measure_id: values.measureId,
      baseline_value: values.baselineValue === null ? null : String(values.baselineValue),
      baseline_date: values.baselineDate,
      target_value: String(values.targetValue),
      target_date: values.targetDate,
      created_by: values.createdBy,
      entered_measure_id: values.enteredMeasureId ?? null,
    })
    .onConflict((oc) => oc.columns(["action_id", "measure_id"]).doNothing())
    .returning(COLUMNS)
    .executeTakeFirst();
  return row ? toRow(row) : undefined;
}

/** The plan, its scheme, and the actions of it that have a bound measure, each with its latest status. */
export async function findPlanForLinks(trx: Trx, planId: string) {
  const plan = await trx.selectFrom("plan").select(["id", "title", "status_scheme"]).where("id", "=", planId).executeTakeFirst();
  if (!plan) return undefined;
  const actionIds = (
    await trx
      .selectFrom("action_measure_link")
      .innerJoin("plan_action", "plan_action.id", "action_measure_link.action_id")
      .select("plan_action.id")
      .distinct()
      .where("plan_action.plan_id", "=", planId)
      .execute()
  ).map((r) => r.id);
  const actions = [];
  for (const id of actionIds) {
    const action = await findActionForLinks(trx, id);
    if (action) actions.push(action);
  }
  return { plan, actions };
}

export interface RatingKept {
  linkId: string;
  rating: string;
  reason: string;
  keptBy: string | null;
  keptAt: string;
}

/** The latest reason kept for each of these bindings (any rating; the service checks it is the current one). */
export async function latestRatingsKept(trx: Trx, linkIds: readonly string[]): Promise<RatingKept[]> {
  if (!linkIds.length) return [];
  const rows = await trx
    .selectFrom("measure_rating_kept")
    .leftJoin("app_user", "app_user.id", "measure_rating_kept.kept_by")
    .select(["link_id", "rating", "reason", "app_user.display_name as kept_by", "kept_at"])
    .distinctOn("link_id")
    .where("link_id", "in", linkIds)
    .orderBy("link_id")
    .orderBy("kept_at", "desc")
    .execute();
  return rows.map((r) => ({
    linkId: r.link_id,
    rating: r.rating,
    reason: r.reason,
    keptBy: r.kept_by,
    keptAt: new Date(r.kept_at).toISOString(),
  }));
}

export async function insertRatingKept(
  trx: Trx,
  values: { councilId: string; linkId: string; rating: string; reason: string; keptBy: string | null },
): Promise<{ id: string }> {
  return trx
    .insertInto("measure_rating_kept")
    .values({ council_id: values.councilId, link_id: values.linkId, rating: values.rating, reason: values.reason, kept_by: values.keptBy })
    .returning("id")
    .executeTakeFirstOrThrow();
}
