// The audit trail's SQL: a filtered page of the council's audit rows, newest first, with the names
// that make each readable (who, which person, plan, action or child it was about).
import { type ExpressionBuilder, sql } from "kysely";
import type { DB } from "../../platform/db-types.ts";
import type { Trx } from "../../platform/transaction.ts";
import type { AuditRow } from "./audit.presenter.ts";

export interface AuditFilter {
  /** The sign-in tab (only sign-in actions) or everything else. */
  signIns: boolean;
  signInActions: readonly string[];
  actorId?: string | undefined;
  action?: string | undefined;
  caseId?: string | undefined;
  /** Days in Europe/London, YYYY-MM-DD, both included. */
  from?: string | undefined;
  to?: string | undefined;
}

function matching(filter: AuditFilter) {
  return (eb: ExpressionBuilder<DB, "audit_event">) => {
    const conditions = [
      filter.signIns ? eb("audit_event.action", "in", [...filter.signInActions]) : eb("audit_event.action", "not in", [...filter.signInActions]),
    ];
    if (filter.actorId) conditions.push(eb("audit_event.actor_user_id", "=", filter.actorId));
    if (filter.action) conditions.push(eb("audit_event.action", "=", filter.action));
    if (filter.caseId) conditions.push(eb.and([eb("audit_event.subject_type", "=", "case"), eb("audit_event.subject_id", "=", filter.caseId)]));
    // A London day starts at local midnight, whatever the clocks are doing.
    if (filter.from) conditions.push(eb("audit_event.at", ">=", sql<Date>`(${filter.from}::date)::timestamp AT TIME ZONE 'Europe/London'`));
    if (filter.to) conditions.push(eb("audit_event.at", "<", sql<Date>`(${filter.to}::date + 1)::timestamp AT TIME ZONE 'Europe/London'`));
    return eb.and(conditions);
  };
}

export async function countAuditEvents(trx: Trx, filter: AuditFilter): Promise<number> {
  const row = await trx
    .selectFrom("audit_event")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where(matching(filter))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** One page, newest first: the page is chosen first, then only its rows get their names. */
export async function listAuditEvents(trx: Trx, filter: AuditFilter, page: { limit: number; offset: number }): Promise<AuditRow[]> {
  const rows = await trx
    .with("page", (db) =>
      db
        .selectFrom("audit_event")
        .selectAll("audit_event")
        .where(matching(filter))
        .orderBy("audit_event.id", "desc")
        .limit(page.limit)
        .offset(page.offset),
    )
    .selectFrom("page")
    .leftJoin("app_user as actor", "actor.id", "page.actor_user_id")
    .leftJoin("app_user as subject_user", (join) =>
      join.on((eb) => eb.and([eb("page.subject_type", "=", "user"), eb(sql`subject_user.id::text`, "=", eb.ref("page.subject_id"))])),
    )
    .leftJoin("plan_action", (join) =>
      join.on((eb) => eb.and([eb("page.subject_type", "=", "plan_action"), eb(sql`plan_action.id::text`, "=", eb.ref("page.subject_id"))])),
    )
    .leftJoin("plan", (join) =>
      join.on((eb) =>
        eb.or([
          eb.and([eb("page.subject_type", "=", "plan"), eb(sql`plan.id::text`, "=", eb.ref("page.subject_id"))]),
          eb("plan.id", "=", eb.ref("plan_action.plan_id")),
        ]),
      ),
    )
    .leftJoin("child_case", (join) =>
      join.on((eb) => eb.and([eb("page.subject_type", "=", "case"), eb(sql`child_case.id::text`, "=", eb.ref("page.subject_id"))])),
    )
    .select([
      "page.id",
      "page.at",
      "page.action",
      "page.subject_type",
      "page.subject_id",
      "page.before",
      "page.after",
      "actor.display_name as actor_name",
      "subject_user.display_name as subject_user_name",
      "plan.title as plan_title",
      "plan_action.number as action_number",
      "plan.status_scheme as plan_scheme",
      "child_case.child_name as child_name",
    ])
    .orderBy("page.id", "desc")
    .execute();
  return rows as AuditRow[];
}

/** The council's people, for the "who" filter. */
export async function listPeople(trx: Trx) {
  return trx.selectFrom("app_user").select(["id", "display_name"]).orderBy("display_name").execute();
}
