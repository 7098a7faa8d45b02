// The only SQL for quality audits (migration 0021), run under the council's row-level security
// inside a service's transaction.
import { sql } from "kysely";
import type { CaseRecord } from "../../domain/cases/types.ts";
import type { Framework } from "../../domain/quality/framework.ts";
import type { Trx } from "../../platform/transaction.ts";

export interface FrameworkRow extends Framework {
  id: string;
  version: number;
  createdAt: Date;
}

const toFramework = (r: { id: string; version: number; name: string; grades: unknown; sections: unknown; created_at: Date }): FrameworkRow => ({
  id: r.id,
  version: r.version,
  name: r.name,
  grades: r.grades as Framework["grades"],
  sections: r.sections as Framework["sections"],
  createdAt: r.created_at,
});

const FRAMEWORK_COLUMNS = ["id", "version", "name", "grades", "sections", "created_at"] as const;

export async function findLatestFramework(trx: Trx): Promise<FrameworkRow | undefined> {
  const row = await trx.selectFrom("quality_framework").select(FRAMEWORK_COLUMNS).orderBy("version", "desc").limit(1).executeTakeFirst();
  return row ? toFramework(row) : undefined;
}

export async function listFrameworks(trx: Trx, ids: readonly string[]): Promise<FrameworkRow[]> {
  if (!ids.length) return [];
  return (await trx.selectFrom("quality_framework").select(FRAMEWORK_COLUMNS).where("id", "in", ids).execute()).map(toFramework);
}

export async function insertFramework(trx: Trx, councilId: string, framework: Framework, createdBy: string | null): Promise<FrameworkRow> {
  const latest = await findLatestFramework(trx);
  const row = await trx
    .insertInto("quality_framework")
    .values({
      council_id: councilId,
      version: (latest?.version ?? 0) + 1,
      name: framework.name,
      grades: JSON.stringify(framework.grades),
      sections: JSON.stringify(framework.sections),
      created_by: createdBy,
    })
    .returning(FRAMEWORK_COLUMNS)
    .executeTakeFirstOrThrow();
  return toFramework(row);
}

/** Every case with a current plan: its caseworker and the day the plan was made. */
export async function listPlanCandidates(trx: Trx) {
  const rows = await trx
    .selectFrom("child_case")
    .select([
      "id",
      "caseworker_user_id",
      sql<string | null>`record->'child'->'caseworker'->>'name'`.as("caseworker_name"),
      sql<string | null>`record->'child'->'caseworker'->>'id'`.as("caseworker_id"),
      sql<{ made: string; ceased?: unknown }[] | null>`record->'plans'`.as("plans"),
    ])
    .where("has_plan", "=", true)
    .execute();
  return rows.map((r) => {
    const current = (r.plans ?? []).filter((p) => !p.ceased).at(-1);
    return {
      caseId: r.id,
      caseworkerId: r.caseworker_user_id ?? r.caseworker_id,
      caseworkerUserId: r.caseworker_user_id,
      caseworkerName: r.caseworker_name,
      planMade: current?.made ?? null,
    };
  });
}

export async function insertSample(
  trx: Trx,
  values: { councilId: string; frameworkId: string; method: string; seed: number; size: number; from: string; to: string; createdBy: string | null },
): Promise<string> {
  const row = await trx
    .insertInto("quality_sample")
    .values({
      council_id: values.councilId,
      framework_id: values.frameworkId,
      method: values.method,
      seed: values.seed,
      size: values.size,
      period_from: values.from,
      period_to: values.to,
      created_by: values.createdBy,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertAudits(
  trx: Trx,
  rows: {
    councilId: string;
    sampleId: string;
    frameworkId: string;
    caseId: string;
    caseworkerUserId: string | null;
    caseworkerName: string | null;
  }[],
) {
  if (!rows.length) return;
  await trx
    .insertInto("quality_audit")
    .values(
      rows.map((r) => ({
        council_id: r.councilId,
        sample_id: r.sampleId,
        framework_id: r.frameworkId,
        case_id: r.caseId,
        caseworker_user_id: r.caseworkerUserId,
        caseworker_name: r.caseworkerName,
      })),
    )
    .execute();
}

export async function listSamples(trx: Trx) {
  return trx
    .selectFrom("quality_sample")
    .leftJoin("quality_audit", "quality_audit.sample_id", "quality_sample.id")
    .select([
      "quality_sample.id",
      "quality_sample.method",
      "quality_sample.seed",
      "quality_sample.period_from",
      "quality_sample.period_to",
      "quality_sample.created_at",
      sql<number>`count(quality_audit.id)::int`.as("audits"),
      sql<number>`count(quality_audit.id) FILTER (WHERE quality_audit.state = 'agreed')::int`.as("agreed"),
    ])
    .groupBy("quality_sample.id")
    .orderBy("quality_sample.created_at", "desc")
    .limit(50)
    .execute();
}

export async function findSample(trx: Trx, id: string) {
  return trx
    .selectFrom("quality_sample")
    .innerJoin("quality_framework", "quality_framework.id", "quality_sample.framework_id")
    .select([
      "quality_sample.id",
      "quality_sample.method",
      "quality_sample.seed",
      "quality_sample.size",
      "quality_sample.period_from",
      "quality_sample.period_to",
      "quality_sample.created_at",
      "quality_framework.version as framework_version",
      "quality_framework.name as framework_name",
    ])
    .where("quality_sample.id", "=", id)
    .executeTakeFirst();
}

const AUDIT_COLUMNS = [
  "quality_audit.id",
  "quality_audit.sample_id",
  "quality_audit.framework_id",
  "quality_audit.case_id",
  "quality_audit.caseworker_user_id",
  "quality_audit.caseworker_name",
  "quality_audit.auditor_user_id",
  "quality_audit.moderator_user_id",
  "quality_audit.state",
  "quality_audit.grades",
  "quality_audit.proposed_grade",
  "quality_audit.summary",
  "quality_audit.moderation_comment",
  "quality_audit.agreed_grade",
  "quality_audit.submitted_at",
  "quality_audit.agreed_on",
  "child_case.child_name",
  "auditor.display_name as auditor_name",
  "moderator.display_name as moderator_name",
] as const;

function auditQuery(trx: Trx) {
  return trx
    .selectFrom("quality_audit")
    .innerJoin("child_case", "child_case.id", "quality_audit.case_id")
    .leftJoin("app_user as auditor", "auditor.id", "quality_audit.auditor_user_id")
    .leftJoin("app_user as moderator", "moderator.id", "quality_audit.moderator_user_id")
    .select(AUDIT_COLUMNS);
}

export type AuditRow = Awaited<ReturnType<typeof findAudit>> & {};

export async function findAudit(trx: Trx, id: string) {
  return auditQuery(trx).where("quality_audit.id", "=", id).executeTakeFirst();
}

export async function listAuditsForSample(trx: Trx, sampleId: string) {
  return auditQuery(trx).where("quality_audit.sample_id", "=", sampleId).orderBy("child_case.child_name").execute();
}

export async function listAuditsForCase(trx: Trx, caseId: string) {
  return auditQuery(trx).where("quality_audit.case_id", "=", caseId).orderBy("quality_audit.created_at", "desc").execute();
}

/** The audits a person is to grade or moderate now. */
export async function listAuditsToDo(trx: Trx, userId: string) {
  return auditQuery(trx)
    .where((eb) =>
      eb.or([
        eb.and([eb("quality_audit.auditor_user_id", "=", userId), eb("quality_audit.state", "=", "assigned")]),
        eb.and([eb("quality_audit.moderator_user_id", "=", userId), eb("quality_audit.state", "=", "submitted")]),
      ]),
    )
    .orderBy("quality_audit.created_at")
    .limit(100)
    .execute();
}

/** Agreed audits in a period (by the day agreed), for the figures: no child's name. */
export async function listAgreedAudits(trx: Trx, from: string, to: string) {
  return trx
    .selectFrom("quality_audit")
    .select(["id", "framework_id", "caseworker_name", "grades", "agreed_grade", "agreed_on"])
    .where("state", "=", "agreed")
    .where("agreed_on", ">=", from)
    .where("agreed_on", "<=", to)
    .orderBy("agreed_on")
    .execute();
}

/** The council's people who may audit (managers, caseworkers and health or social care quality auditors), for the assign form. */
export async function listAuditors(trx: Trx) {
  return trx
    .selectFrom("app_user")
    .select(["id", "display_name"])
    .where("disabled", "=", false)
    .where(sql<boolean>`roles && ARRAY['send_manager', 'caseworker', 'quality_auditor']::text[]`)
    .orderBy("display_name")
    .execute();
}

/** The case record an audit reads its plan from: only the parts a plan audit needs are passed on (planForAudit). */
export async function findCaseRecordForAudit(trx: Trx, caseId: string) {
  const row = await trx.selectFrom("child_case").select("record").where("id", "=", caseId).executeTakeFirst();
  return row ? (row.record as CaseRecord) : undefined;
}

export async function updateAudit(
  trx: Trx,
  id: string,
  expectedState: string,
  values: Partial<{
    auditor_user_id: string | null;
    moderator_user_id: string | null;
    state: string;
    grades: string;
    proposed_grade: string | null;
    summary: string | null;
    moderation_comment: string | null;
    agreed_grade: string | null;
    submitted_at: Date | null;
    agreed_on: string | null;
  }>,
): Promise<boolean> {
  // The state it was read in: a second tab or person who changed it first wins, this one is refused.
  const result = await trx.updateTable("quality_audit").set(values).where("id", "=", id).where("state", "=", expectedState).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
