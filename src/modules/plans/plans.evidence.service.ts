// Evidence files of actions and updates (issue 13, What to build 4). Each file is checked from its
// content (file-type reads its magic numbers), kept in the council's own rows (so it is in the
// council's backups and under row-level security), and every upload and every download is audited:
// who, which file, of which action. File names and content never go into the logs.
import { fileTypeFromBuffer } from "file-type";
import type { Kysely } from "kysely";
import { formatDate } from "../../domain/dates.ts";
import { checkEvidenceFile, sizeText, typeWords } from "../../domain/plans/evidence.ts";
import { can } from "../../domain/roles.ts";
import type { DB } from "../../platform/db-types.ts";
import { type FieldProblem, InvalidInput, NotAllowed, NotFound } from "../../platform/errors.ts";
import { changeAs, readAs, type Trx } from "../../platform/transaction.ts";
import { actorOf, type CurrentUser } from "../access/access.service.ts";
import * as evidence from "./plans.evidence.repository.ts";
import * as repository from "./plans.repository.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Person = Pick<CurrentUser, "id" | "councilId" | "roles"> & { displayName?: string };

export interface EvidenceUpload {
  fileName: string;
  bytes: Buffer;
  /** The update the file backs, if not the action as a whole. */
  updateId?: string | null;
}

/** An evidence file as the pages and the API show it (camelCase; never its content). */
export function evidenceJson(row: evidence.EvidenceRow | (Omit<evidence.EvidenceRow, "update_date"> & { update_date?: string | null })) {
  return {
    id: row.id,
    actionId: row.action_id,
    updateId: row.update_id,
    updateDate: row.update_date ?? null,
    fileName: row.file_name,
    mediaType: row.media_type,
    typeText: typeWords(row.media_type),
    sizeBytes: row.size_bytes,
    sizeText: sizeText(row.size_bytes),
    uploadedBy: row.uploaded_by_name,
    uploadedAt: new Date(row.created_at).toISOString(),
    href: `/evidence/${row.id}`,
  };
}

export type EvidenceView = ReturnType<typeof evidenceJson>;

export class EvidenceService {
  constructor(private readonly db: Kysely<DB>) {}

  /** An action's evidence files, oldest first, with the updates they back. */
  async list(user: Person, actionId: string): Promise<EvidenceView[]> {
    this.check(user, "readPlans");
    return readAs(this.db, actorOf(user as CurrentUser), async (trx) => {
      await this.mustFindAction(trx, actionId);
      return (await evidence.listEvidenceForAction(trx, actionId)).map(evidenceJson);
    });
  }

  /** Attaches a file to an action (or one of its updates). A file that is not what it says is refused and nothing is saved. */
  async attach(user: Person, actionId: string, upload: EvidenceUpload): Promise<EvidenceView> {
    this.check(user, "editPlans");
    const problems: FieldProblem[] = [];
    const fileName = upload.fileName.trim().replace(/^.*[\\/]/, "");
    if (!fileName || upload.bytes.length === 0) problems.push({ field: "file", message: "Select the file to attach" });
    else if (fileName.length > 255)
      problems.push({ field: "file", message: "The file's name must be 255 characters or fewer: rename it and attach it again" });
    let mediaType = "";
    if (!problems.length) {
      const checked = checkEvidenceFile(fileName, upload.bytes.length, await fileTypeFromBuffer(upload.bytes));
      if (checked.ok) mediaType = checked.mediaType;
      else problems.push({ field: "file", message: checked.message });
    }
    const updateId = upload.updateId || null;
    if (updateId && !UUID.test(updateId))
      problems.push({ field: "updateId", message: "Choose one of this action's updates, or the action as a whole" });
    return changeAs(this.db, actorOf(user as CurrentUser), async (trx) => {
      const action = await this.mustFindAction(trx, actionId);
      if (action.retired_on)
        problems.push({
          field: "file",
          message: `Action ${action.number} was retired on ${formatDate(action.retired_on)}: no more evidence can be attached`,
        });
      if (updateId && UUID.test(updateId) && !(await evidence.findUpdateOfAction(trx, actionId, updateId)))
        problems.push({ field: "updateId", message: "Choose one of this action's updates, or the action as a whole" });
      if (problems.length) throw new InvalidInput(problems);
      const row = await evidence.insertEvidence(trx, {
        councilId: user.councilId,
        actionId,
        updateId,
        fileName,
        mediaType,
        content: upload.bytes,
        uploadedBy: user.id,
        uploadedByName: user.displayName ?? null,
      });
      const update = updateId ? await evidence.findUpdateOfAction(trx, actionId, updateId) : undefined;
      const view = evidenceJson({ ...row, update_date: update?.update_date ?? null });
      const { href: _href, ...audited } = view;
      return { result: view, audit: { action: "plan.evidence.added", subjectType: "plan_action", subjectId: actionId, after: audited } };
    });
  }

  /** A file to download; the download itself is audited (who downloaded which file). */
  async download(user: Person, evidenceId: string) {
    this.check(user, "readPlans");
    if (!UUID.test(evidenceId)) throw new NotFound("No such evidence file.");
    return changeAs(this.db, actorOf(user as CurrentUser), async (trx) => {
      const file = await evidence.findEvidenceFile(trx, evidenceId);
      if (!file) throw new NotFound("No such evidence file.");
      return {
        result: { fileName: file.file_name, mediaType: file.media_type, content: file.content },
        audit: {
          action: "plan.evidence.downloaded",
          subjectType: "plan_evidence",
          subjectId: file.id,
          after: { actionId: file.action_id, fileName: file.file_name, sizeBytes: file.size_bytes },
        },
      };
    });
  }

  private async mustFindAction(trx: Trx, actionId: string) {
    const action = UUID.test(actionId) ? await repository.findAction(trx, actionId) : undefined;
    if (!action) throw new NotFound("No such action.");
    return action;
  }

  private check(user: { roles: readonly string[] }, permission: "readPlans" | "editPlans"): void {
    if (!can(user.roles, permission)) throw new NotAllowed(permission === "editPlans" ? "attach evidence to improvement plans" : "improvement plans");
  }
}
