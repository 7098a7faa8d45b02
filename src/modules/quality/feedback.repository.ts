// The only SQL for families' feedback (migration 0021): invites, their lookup, and the anonymous answers.
import type { Kysely } from "kysely";
import type { SurveyQuestion } from "../../domain/quality/survey.ts";
import type { DB } from "../../platform/db-types.ts";
import type { Trx } from "../../platform/transaction.ts";

export async function findQuestions(trx: Trx, respondent: string): Promise<SurveyQuestion[] | undefined> {
  const row = await trx.selectFrom("survey_questions").select("questions").where("respondent", "=", respondent).executeTakeFirst();
  return row ? (row.questions as SurveyQuestion[]) : undefined;
}

export async function saveQuestions(trx: Trx, councilId: string, respondent: string, questions: SurveyQuestion[]) {
  await trx
    .insertInto("survey_questions")
    .values({ council_id: councilId, respondent, questions: JSON.stringify(questions) })
    .onConflict((oc) => oc.columns(["council_id", "respondent"]).doUpdateSet({ questions: JSON.stringify(questions), updated_at: new Date() }))
    .execute();
}

/** A new invite and its lookup row; undefined when this stage of this case has had one already. */
export async function insertInvite(
  trx: Trx,
  v: {
    councilId: string;
    caseId: string;
    stage: string;
    stageDate: string;
    respondent: string;
    questions: SurveyQuestion[];
    recipient: string;
    tokenHash: string;
    expiresAt: Date;
  },
): Promise<string | undefined> {
  const row = await trx
    .insertInto("survey_invite")
    .values({
      council_id: v.councilId,
      case_id: v.caseId,
      stage: v.stage,
      stage_date: v.stageDate,
      respondent: v.respondent,
      questions: JSON.stringify(v.questions),
      recipient: v.recipient,
      token_hash: v.tokenHash,
      expires_at: v.expiresAt,
    })
    .onConflict((oc) => oc.columns(["council_id", "case_id", "stage", "stage_date", "respondent"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  if (!row) return undefined;
  await trx.insertInto("survey_link_lookup").values({ token_hash: v.tokenHash, council_id: v.councilId, invite_id: row.id }).execute();
  return row.id;
}

/** Which council a token's hash belongs to: read before anyone is known (no row-level security on this table). */
export async function findLookup(db: Kysely<DB>, tokenHash: string) {
  return db.selectFrom("survey_link_lookup").select(["council_id", "invite_id"]).where("token_hash", "=", tokenHash).executeTakeFirst();
}

export async function findInvite(trx: Trx, id: string) {
  return trx
    .selectFrom("survey_invite")
    .select(["id", "stage", "respondent", "questions", "expires_at", "used_at"])
    .where("id", "=", id)
    .executeTakeFirst();
}

/** Marks the invite used, only if it was not: a second answer through the same link is refused. */
export async function useInvite(trx: Trx, id: string): Promise<boolean> {
  const result = await trx
    .updateTable("survey_invite")
    .set({ used_at: new Date() })
    .where("id", "=", id)
    .where("used_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertResponse(
  trx: Trx,
  v: {
    councilId: string;
    stage: string;
    respondent: string;
    month: string;
    questions: SurveyQuestion[];
    answers: Record<string, string>;
    comment: string | null;
  },
) {
  await trx
    .insertInto("survey_response")
    .values({
      council_id: v.councilId,
      stage: v.stage,
      respondent: v.respondent,
      answered_month: v.month,
      questions: JSON.stringify(v.questions),
      answers: JSON.stringify(v.answers),
      comment: v.comment,
    })
    .execute();
}

export async function listResponses(trx: Trx, from: string, to: string, stage?: string) {
  let query = trx
    .selectFrom("survey_response")
    .select(["stage", "respondent", "questions", "answers", "comment"])
    .where("answered_month", ">=", from)
    .where("answered_month", "<=", to);
  if (stage) query = query.where("stage", "=", stage);
  return query.execute();
}

/** Invites sent and answered in a period, by whom they were for. */
export async function countInvites(trx: Trx, from: string, to: string) {
  const rows = await trx
    .selectFrom("survey_invite")
    .select((eb) => ["respondent", eb.fn.countAll<string>().as("sent"), eb.fn.count<string>("used_at").as("answered")])
    .where("stage_date", ">=", from)
    .where("stage_date", "<=", to)
    .groupBy("respondent")
    .execute();
  return rows.map((r) => ({ respondent: r.respondent, sent: Number(r.sent), answered: Number(r.answered) }));
}
