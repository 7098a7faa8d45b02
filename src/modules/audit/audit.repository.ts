import type { Trx } from "../../platform/transaction.ts";

export async function listRecentAuditEvents(trx: Trx, limit: number) {
  return trx
    .selectFrom("audit_event")
    .leftJoin("app_user", "app_user.id", "audit_event.actor_user_id")
    .select([
      "audit_event.id",
      "audit_event.at",
      "audit_event.action",
      "audit_event.subject_type",
      "audit_event.subject_id",
      "audit_event.before",
      "audit_event.after",
      "app_user.display_name as actor_name",
    ])
    .orderBy("audit_event.id", "desc")
    .limit(limit)
    .execute();
}
