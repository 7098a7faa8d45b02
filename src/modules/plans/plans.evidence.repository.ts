// SQL for evidence files (issue 13). Lists never read the files' content; only a download does.
import type { Trx } from "../../platform/transaction.ts";

export interface NewEvidenceRow {
  councilId: string;
  actionId: string;
  updateId: string | null;
  fileName: string;
  mediaType: string;
  content: Buffer;
  uploadedBy: string | null;
  uploadedByName: string | null;
}

const listed = [
  "plan_evidence.id",
  "plan_evidence.action_id",
  "plan_evidence.update_id",
  "plan_evidence.file_name",
  "plan_evidence.media_type",
  "plan_evidence.size_bytes",
  "plan_evidence.uploaded_by_name",
  "plan_evidence.created_at",
] as const;

export type EvidenceRow = Awaited<ReturnType<typeof listEvidenceForAction>>[number];

export async function insertEvidence(trx: Trx, row: NewEvidenceRow) {
  return trx
    .insertInto("plan_evidence")
    .values({
      council_id: row.councilId,
      action_id: row.actionId,
      update_id: row.updateId,
      file_name: row.fileName,
      media_type: row.mediaType,
      size_bytes: row.content.length,
      content: row.content,
      uploaded_by: row.uploadedBy,
      uploaded_by_name: row.uploadedByName,
    })
    .returning(listed)
    .executeTakeFirstOrThrow();
}

export async function listEvidenceForAction(trx: Trx, actionId: string) {
  return trx
    .selectFrom("plan_evidence")
    .leftJoin("action_update", "action_update.id", "plan_evidence.update_id")
    .select([...listed, "action_update.update_date"])
    .where("plan_evidence.action_id", "=", actionId)
    .orderBy("plan_evidence.created_at")
    .orderBy("plan_evidence.id")
    .execute();
}

export async function findEvidenceFile(trx: Trx, id: string) {
  return trx
    .selectFrom("plan_evidence")
    .select(["id", "action_id", "file_name", "media_type", "size_bytes", "content"])
    .where("id", "=", id)
    .executeTakeFirst();
}

export async function findUpdateOfAction(trx: Trx, actionId: string, updateId: string) {
  return trx
    .selectFrom("action_update")
    .select(["id", "update_date"])
    .where("id", "=", updateId)
    .where("action_id", "=", actionId)
    .executeTakeFirst();
}
