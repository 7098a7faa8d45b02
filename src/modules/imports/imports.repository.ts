// The only SQL for imports: uploaded files held between the check and the import, and the state
// and progress of the job working on each. Queries run inside a service's transaction, under the
// acting council's row-level security.
import { sql } from "kysely";
import type { ImportPhase, ImportState } from "../../domain/imports/progress.ts";
import type { Trx } from "../../platform/transaction.ts";

const UPLOAD_COLUMNS = [
  "id",
  "file_name",
  "bytes",
  "mapping",
  "state",
  "request",
  "requested_by",
  "phase",
  "done",
  "total",
  "outcome",
  "created_at",
  "updated_at",
  "job_id",
] as const;

export async function deleteUploadsBefore(trx: Trx, cutoff: Date) {
  await trx.deleteFrom("import_upload").where("updated_at", "<", cutoff).execute();
}

export async function insertUpload(trx: Trx, upload: { councilId: string; fileName: string; bytes: Buffer }) {
  return trx
    .insertInto("import_upload")
    .values({ council_id: upload.councilId, file_name: upload.fileName, bytes: upload.bytes })
    .returning(["id", "file_name"])
    .executeTakeFirstOrThrow();
}

export async function findUpload(trx: Trx, id: string, notBefore: Date) {
  return trx.selectFrom("import_upload").select(UPLOAD_COLUMNS).where("id", "=", id).where("updated_at", ">=", notBefore).executeTakeFirst();
}

export type UploadRow = NonNullable<Awaited<ReturnType<typeof findUpload>>>;

/** Puts the upload in the queue with what was asked; false if a job is already working on it. */
export async function queueUpload(trx: Trx, id: string, request: unknown, mapping: unknown, userId: string | null) {
  const row = await trx
    .updateTable("import_upload")
    .set({
      state: "queued",
      request: JSON.stringify(request),
      mapping: mapping === undefined ? null : JSON.stringify(mapping),
      requested_by: userId,
      phase: null,
      done: 0,
      total: 0,
      outcome: null,
      updated_at: sql`now()`,
    })
    .where("id", "=", id)
    .where("state", "not in", ["queued", "running"])
    .returning("id")
    .executeTakeFirst();
  return row !== undefined;
}

export async function recordJob(trx: Trx, id: string, jobId: string | null) {
  await trx.updateTable("import_upload").set({ job_id: jobId }).where("id", "=", id).execute();
}

/**
 * Puts a stuck upload (queued or running, its job gone or silent) back in the queue, as it was
 * asked before; false if it has changed since it was seen stuck (it moved on after all).
 */
export async function requeueStuckUpload(trx: Trx, id: string, seenJobId: string | null) {
  const row = await trx
    .updateTable("import_upload")
    .set({ state: "queued", phase: null, done: 0, total: 0, outcome: null, job_id: null, updated_at: sql`now()` })
    .where("id", "=", id)
    .where("state", "in", ["queued", "running"])
    .where(sql<boolean>`job_id is not distinct from ${seenJobId}`)
    .returning("id")
    .executeTakeFirst();
  return row !== undefined;
}

/** The advisory lock that makes claims for an import's turn take turns (any fixed number). */
const IMPORT_SLOTS_LOCK = 7_261_012;

/**
 * Takes a queued upload for the job, if its council has no other import running: "started";
 * "busy" while another runs (it stays queued); "gone" if it is gone or not queued (a repeated
 * delivery). The unique index import_upload_one_running_per_council settles a race between two
 * processes: the loser's insert fails and the caller treats that as busy. With `maxRunning`, also
 * "busy" while that many imports run in all councils together (migration 0025).
 */
export async function startUpload(trx: Trx, id: string, maxRunning = Number.POSITIVE_INFINITY): Promise<"started" | "busy" | "gone"> {
  const queued = await trx.selectFrom("import_upload").select("council_id").where("id", "=", id).where("state", "=", "queued").executeTakeFirst();
  if (!queued) return "gone";
  if (await runningUpload(trx, id)) return "busy";
  if (Number.isFinite(maxRunning)) {
    // The cap over all councils and processes: claims take turns (a lock held to the end of this
    // transaction), so two processes cannot both see room for one more.
    await sql`select pg_advisory_xact_lock(${IMPORT_SLOTS_LOCK})`.execute(trx);
    const { rows } = await sql<{ n: number }>`select import_running_count() as n`.execute(trx);
    if (Number(rows[0]?.n ?? 0) >= maxRunning) return "busy";
  }
  const row = await trx
    .updateTable("import_upload")
    .set({ state: "running", phase: "reading", updated_at: sql`now()` })
    .where("id", "=", id)
    .where("state", "=", "queued")
    .returning("id")
    .executeTakeFirst();
  return row ? "started" : "gone";
}

/** The council's import now running, other than `exceptId`, with its file and who asked. */
export async function runningUpload(trx: Trx, exceptId: string) {
  return trx
    .selectFrom("import_upload")
    .leftJoin("app_user", "app_user.id", "import_upload.requested_by")
    .select(["import_upload.id", "import_upload.file_name", "app_user.display_name as requested_by_name"])
    .where("import_upload.state", "=", "running")
    .where("import_upload.id", "<>", exceptId)
    .executeTakeFirst();
}

/** Running imports that have recorded nothing since `before` stopped (their process ended): they no longer hold the council's turn. */
export async function failStalledUploads(trx: Trx, before: Date, outcome: unknown) {
  await trx
    .updateTable("import_upload")
    .set({ state: "failed", outcome: JSON.stringify(outcome), updated_at: sql`now()` })
    .where("state", "=", "running")
    .where("updated_at", "<", before)
    .execute();
}

/** A queued upload still waiting for its council's turn is alive: it is not shown as stopped. */
export async function touchQueuedUpload(trx: Trx, id: string) {
  await trx.updateTable("import_upload").set({ updated_at: sql`now()` }).where("id", "=", id).where("state", "=", "queued").execute();
}

/** The council's oldest upload still waiting for its turn. */
export async function nextQueuedUpload(trx: Trx) {
  return trx.selectFrom("import_upload").select("id").where("state", "=", "queued").orderBy("updated_at").orderBy("id").limit(1).executeTakeFirst();
}

export async function recordProgress(trx: Trx, id: string, progress: { phase: ImportPhase; done: number; total: number }) {
  await trx
    .updateTable("import_upload")
    .set({ ...progress, updated_at: sql`now()` })
    .where("id", "=", id)
    .where("state", "=", "running")
    .execute();
}

/** The job's outcome. A finished import no longer needs the file, so its bytes are dropped. */
export async function finishUpload(trx: Trx, id: string, state: Extract<ImportState, "done" | "failed">, outcome: unknown, dropBytes: boolean) {
  await trx
    .updateTable("import_upload")
    .set({
      state,
      outcome: JSON.stringify(outcome),
      updated_at: sql`now()`,
      ...(dropBytes ? { bytes: Buffer.alloc(0) } : {}),
    })
    .where("id", "=", id)
    .execute();
}

/** The council's uploads still held, newest first, with who asked: for the import page's list. */
export async function listUploads(trx: Trx, notBefore: Date) {
  return trx
    .selectFrom("import_upload")
    .leftJoin("app_user", "app_user.id", "import_upload.requested_by")
    .select([
      "import_upload.id",
      "import_upload.file_name",
      "import_upload.state",
      "import_upload.request",
      "import_upload.phase",
      "import_upload.done",
      "import_upload.total",
      "import_upload.updated_at",
      "app_user.display_name as requested_by_name",
    ])
    .where("import_upload.updated_at", ">=", notBefore)
    .orderBy("import_upload.updated_at", "desc")
    .limit(20)
    .execute();
}
