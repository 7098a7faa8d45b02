// The only SQL for enquiries and complaints (migration 0024), and for the rows the quality measures
// are counted from. Read and written under the council's row-level security in a service's transaction.
import { sql } from "kysely";
import type { Trx } from "../../platform/transaction.ts";

export interface ContactRow {
  id: string;
  number: number;
  kind: string;
  from_type: string;
  from_name: string;
  channel: string;
  case_id: string | null;
  child_name: string | null;
  summary: string;
  themes: string[];
  owner_user_id: string | null;
  owner_name: string | null;
  received_on: string;
  learning: string | null;
  learning_action_id: string | null;
  learning_action: string | null;
}

export interface StageRow {
  id: string;
  complaint_id: string;
  stage: string;
  opened_on: string;
  target_working_days: number;
  due_on: string;
  responded_on: string | null;
  outcome: string | null;
  response: string | null;
}

/** A stage's place in the order enquiry or stage 1, stage 2, the Ombudsman. */
const stageRank = (table: string) => sql<number>`array_position(array['enquiry', 'stage1', 'stage2', 'ombudsman'], ${sql.ref(`${table}.stage`)})`;

const contactQuery = (trx: Trx) =>
  trx
    .selectFrom("complaint")
    .leftJoin("child_case", "child_case.id", "complaint.case_id")
    .leftJoin("app_user", "app_user.id", "complaint.owner_user_id")
    .leftJoin("plan_action", "plan_action.id", "complaint.learning_action_id")
    .select([
      "complaint.id",
      "complaint.number",
      "complaint.kind",
      "complaint.from_type",
      "complaint.from_name",
      "complaint.channel",
      "complaint.case_id",
      "child_case.child_name",
      "complaint.summary",
      "complaint.themes",
      "complaint.owner_user_id",
      "app_user.display_name as owner_name",
      "complaint.received_on",
      "complaint.learning",
      "complaint.learning_action_id",
      sql<string | null>`case when plan_action.id is null then null else plan_action.number || ' ' || plan_action.text end`.as("learning_action"),
    ]);

export async function findContact(trx: Trx, id: string): Promise<ContactRow | undefined> {
  return contactQuery(trx).where("complaint.id", "=", id).executeTakeFirst();
}

export async function listStages(trx: Trx, complaintIds: readonly string[]): Promise<StageRow[]> {
  if (!complaintIds.length) return [];
  return trx
    .selectFrom("complaint_stage")
    .select(["id", "complaint_id", "stage", "opened_on", "target_working_days", "due_on", "responded_on", "outcome", "response"])
    .where("complaint_id", "in", complaintIds)
    .orderBy(stageRank("complaint_stage"))
    .execute();
}

/** Each contact with its latest stage: the open ones (the worklist) or those answered in a period. */
export async function listContacts(trx: Trx, filter: { open: boolean; from?: string; to?: string; limit: number }) {
  let query = contactQuery(trx)
    .innerJoin("complaint_stage as s", "s.complaint_id", "complaint.id")
    .select(["s.id as stage_id", "s.stage", "s.opened_on", "s.due_on", "s.responded_on", "s.outcome", "s.target_working_days"])
    // The latest stage only: no later stage of the same contact (stages are in order, and a stage
    // can open on the day the last was answered, so the order is the stage's, not its date's).
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("complaint_stage as later")
            .select("later.id")
            .whereRef("later.complaint_id", "=", "complaint.id")
            .where(sql<boolean>`${stageRank("later")} > ${stageRank("s")}`),
        ),
      ),
    );
  if (filter.open) query = query.where("s.responded_on", "is", null).orderBy("s.due_on").orderBy("complaint.number");
  else {
    query = query.where("s.responded_on", "is not", null).orderBy("s.responded_on", "desc").orderBy("complaint.number", "desc");
    if (filter.from) query = query.where("s.responded_on", ">=", filter.from);
    if (filter.to) query = query.where("s.responded_on", "<=", filter.to);
  }
  return query.limit(filter.limit).execute();
}

export async function nextNumber(trx: Trx): Promise<number> {
  // Serialised per council by the transaction-scoped advisory lock, so two people recording at
  // once do not take the same number (the unique index would refuse the second).
  await sql`select pg_advisory_xact_lock(hashtext('complaint-number:' || current_setting('app.council_id')))`.execute(trx);
  const row = await trx
    .selectFrom("complaint")
    .select((eb) => eb.fn.max("number").as("last"))
    .executeTakeFirst();
  return Number(row?.last ?? 0) + 1;
}

export async function insertContact(
  trx: Trx,
  v: {
    councilId: string;
    number: number;
    kind: string;
    fromType: string;
    fromName: string;
    channel: string;
    caseId: string | null;
    summary: string;
    themes: string[];
    ownerUserId: string | null;
    receivedOn: string;
    createdBy: string | null;
  },
): Promise<string> {
  const row = await trx
    .insertInto("complaint")
    .values({
      council_id: v.councilId,
      number: v.number,
      kind: v.kind,
      from_type: v.fromType,
      from_name: v.fromName,
      channel: v.channel,
      case_id: v.caseId,
      summary: v.summary,
      themes: JSON.stringify(v.themes),
      owner_user_id: v.ownerUserId,
      received_on: v.receivedOn,
      created_by: v.createdBy,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertStage(
  trx: Trx,
  v: { councilId: string; complaintId: string; stage: string; openedOn: string; targetWorkingDays: number; dueOn: string },
): Promise<string> {
  const row = await trx
    .insertInto("complaint_stage")
    .values({
      council_id: v.councilId,
      complaint_id: v.complaintId,
      stage: v.stage,
      opened_on: v.openedOn,
      target_working_days: v.targetWorkingDays,
      due_on: v.dueOn,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Records the answer to a stage, only if it has none yet; false when it was already answered. */
export async function answerStage(trx: Trx, stageId: string, v: { respondedOn: string; outcome: string; response: string | null }): Promise<boolean> {
  const result = await trx
    .updateTable("complaint_stage")
    .set({ responded_on: v.respondedOn, outcome: v.outcome, response: v.response })
    .where("id", "=", stageId)
    .where("responded_on", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function updateLearning(trx: Trx, id: string, v: { learning: string | null; learningActionId: string | null }) {
  await trx.updateTable("complaint").set({ learning: v.learning, learning_action_id: v.learningActionId }).where("id", "=", id).execute();
}

export async function findChild(trx: Trx, caseId: string) {
  return trx.selectFrom("child_case").select(["id", "child_name"]).where("id", "=", caseId).executeTakeFirst();
}

/** Whether a child's case is the council's (row-level security hides another council's). */
export async function caseExists(trx: Trx, caseId: string): Promise<boolean> {
  return !!(await trx.selectFrom("child_case").select("id").where("id", "=", caseId).executeTakeFirst());
}

/** The people who may own a contact: the council's SEND managers and caseworkers. */
export async function listOwners(trx: Trx) {
  return trx
    .selectFrom("app_user")
    .select(["id", "display_name"])
    .where(sql<boolean>`roles && array['send_manager', 'caseworker']::text[]`)
    .where("disabled", "=", false)
    .orderBy("display_name")
    .execute();
}

/** The actions of the council's plans, for linking the learning ("learning fed into action 3.2"). */
export async function listActions(trx: Trx) {
  return trx
    .selectFrom("plan_action")
    .innerJoin("plan", "plan.id", "plan_action.plan_id")
    .select(["plan_action.id", "plan_action.number", "plan_action.text", "plan.title as plan_title"])
    .orderBy("plan.title")
    .orderBy("plan_action.number")
    .execute();
}

export async function actionExists(trx: Trx, actionId: string): Promise<boolean> {
  return !!(await trx.selectFrom("plan_action").select("id").where("id", "=", actionId).executeTakeFirst());
}

// ---- the rows the quality measures are counted from ---------------------------------------------

export async function listStagesForMeasures(trx: Trx, from: string, to: string) {
  return trx
    .selectFrom("complaint_stage")
    .innerJoin("complaint", "complaint.id", "complaint_stage.complaint_id")
    .select([
      "complaint.kind",
      "complaint.themes",
      "complaint_stage.stage",
      "complaint_stage.opened_on",
      "complaint_stage.due_on",
      "complaint_stage.responded_on",
      "complaint_stage.outcome",
    ])
    .where((eb) =>
      eb.or([
        eb.between("complaint_stage.due_on", from, to),
        eb.between("complaint_stage.opened_on", from, to),
        eb.between("complaint_stage.responded_on", from, to),
      ]),
    )
    .execute();
}

export async function listAgreedAudits(trx: Trx, from: string, to: string) {
  return trx
    .selectFrom("quality_audit")
    .innerJoin("quality_framework", "quality_framework.id", "quality_audit.framework_id")
    .select(["quality_audit.agreed_on", "quality_audit.agreed_grade", "quality_framework.grades"])
    .where("quality_audit.state", "=", "agreed")
    .where("quality_audit.agreed_on", ">=", from)
    .where("quality_audit.agreed_on", "<=", to)
    .execute();
}

export async function listAnswers(trx: Trx, fromMonth: string, to: string) {
  return (
    trx
      .selectFrom("survey_response")
      .select(["answered_month", "answers"])
      // "Families who agreed": parents' and carers' answers (young people's and settings' are shown by kind on /quality/feedback).
      .where("respondent", "=", "parentCarer")
      .where("answered_month", ">=", fromMonth)
      .where("answered_month", "<=", to)
      .execute()
  );
}
