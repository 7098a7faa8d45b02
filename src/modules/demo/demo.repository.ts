// What of the demo council is already there, so a seed that was stopped part-way can finish.
import type { Trx } from "../../platform/transaction.ts";

export async function findDemoProgress(trx: Trx) {
  const [users, closures, plans, cases] = await Promise.all([
    trx.selectFrom("app_user").select("email").execute(),
    trx.selectFrom("school_closure").select(["description", "first_day_closed", "reopens"]).execute(),
    trx.selectFrom("plan").select("external_id").execute(),
    trx
      .selectFrom("child_case")
      .select((eb) => eb.fn.countAll<number>().as("count"))
      .executeTakeFirstOrThrow(),
  ]);
  return {
    emails: new Set(users.map((u) => u.email)),
    closures: new Set(closures.map((c) => `${c.description}|${c.first_day_closed}|${c.reopens}`)),
    planIds: new Set(plans.map((p) => p.external_id)),
    cases: Number(cases.count),
  };
}

/** Whether the demo's year of quality evidence is there (it is added in one transaction). */
export async function hasQualityHistory(trx: Trx): Promise<boolean> {
  return !!(await trx.selectFrom("complaint").select("id").executeTakeFirst());
}

/** The demo's SEND manager and caseworker: the moderator and auditor of its audits. */
export async function findDemoUserIds(trx: Trx) {
  const users = await trx.selectFrom("app_user").select(["id", "roles"]).orderBy("email").execute();
  return {
    managerId: users.find((u) => u.roles.includes("send_manager"))?.id ?? null,
    caseworkerId: users.find((u) => u.roles.includes("caseworker") && !u.roles.includes("send_manager"))?.id ?? null,
  };
}

/** An audit already graded and agreed, as the demo's year of audits. */
export async function insertAgreedAudit(
  trx: Trx,
  v: {
    councilId: string;
    sampleId: string;
    frameworkId: string;
    caseId: string;
    caseworkerUserId: string | null;
    caseworkerName: string | null;
    auditorUserId: string | null;
    moderatorUserId: string | null;
    grades: Record<string, { grade: string; comment: string }>;
    grade: string;
    summary: string;
    agreedOn: string;
  },
) {
  await trx
    .insertInto("quality_audit")
    .values({
      council_id: v.councilId,
      sample_id: v.sampleId,
      framework_id: v.frameworkId,
      case_id: v.caseId,
      caseworker_user_id: v.caseworkerUserId,
      caseworker_name: v.caseworkerName,
      auditor_user_id: v.auditorUserId,
      moderator_user_id: v.moderatorUserId,
      state: "agreed",
      grades: JSON.stringify(v.grades),
      proposed_grade: v.grade,
      summary: v.summary,
      agreed_grade: v.grade,
      submitted_at: new Date(`${v.agreedOn}T09:00:00Z`),
      agreed_on: v.agreedOn,
    })
    .execute();
}

/** The Thurrock plan's actions by their external ids, with the measures already bound to each. */
export async function listLinkedThurrockActions(trx: Trx, externalIds: readonly string[]) {
  if (!externalIds.length) return [];
  const actions = await trx.selectFrom("plan_action").select(["id", "external_id"]).where("external_id", "in", externalIds).execute();
  const links = actions.length
    ? await trx
        .selectFrom("action_measure_link")
        .select(["action_id", "measure_id"])
        .where(
          "action_id",
          "in",
          actions.map((a) => a.id),
        )
        .execute()
    : [];
  return actions.map((a) => ({ ...a, bound: links.filter((l) => l.action_id === a.id).map((l) => l.measure_id) }));
}
