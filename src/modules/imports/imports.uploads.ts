// Held uploads and the jobs that check and import them (SPEC A11, docs/adr/0007): on the web a
// file is held, then checked or imported by a background job that records its progress, so a long
// file shows how far it has got. One import runs at a time per council (issue 12).
import type { Kysely } from "kysely";
import type { MappingOverride } from "../../domain/imports/mapping.ts";
import type { ImportPhase, ImportProgress } from "../../domain/imports/progress.ts";
import { can } from "../../domain/roles.ts";
import type { DB } from "../../platform/db-types.ts";
import { InvalidInput, NotAllowed, NotFound } from "../../platform/errors.ts";
import type { Jobs } from "../../platform/jobs.ts";
import { logger } from "../../platform/logging.ts";
import { type Actor, bookkeepAs, changeAs, readAs } from "../../platform/transaction.ts";
import * as repository from "./imports.repository.ts";
import type { HeldUpload, ImportPreview, ImportRequest, JobRequest, OnProgress, Person } from "./imports.types.ts";

/** An upload is held this long after it was last touched, between the check and the import. */
export const UPLOAD_HELD_MINUTES = 30;
/** A job that has recorded nothing for this long has stopped (its transaction was rolled back). */
const STALLED_MINUTES = 10;
export const IMPORT_QUEUE = "imports.run";
/** A job whose council already has an import running tries again this much later (issue 12). */
export const BUSY_RETRY_SECONDS = 15;
/** Imports running at once across all councils, unless IMPORTS_MAX_RUNNING says otherwise. */
export const DEFAULT_MAX_RUNNING_IMPORTS = 4;

/** The check or import a job runs: ImportsService.preview, as the system acting for the person who asked. */
type Check = (actor: Actor, roles: "system", request: ImportRequest, onProgress: OnProgress) => Promise<ImportPreview>;

export class ImportUploads {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly jobs: Jobs,
    private readonly check: Check,
    /** Imports running at once in all councils and processes together (IMPORTS_MAX_RUNNING). */
    private readonly limits: { maxRunning: number } = { maxRunning: DEFAULT_MAX_RUNNING_IMPORTS },
  ) {}

  /** Holds an uploaded file for the check and the import, clearing uploads no longer wanted. */
  async holdUpload(person: Person, upload: { fileName: string; bytes: Buffer }) {
    this.mayImport(person);
    return changeAs(this.db, actorOf(person), async (trx) => {
      await repository.deleteUploadsBefore(trx, minutesAgo(UPLOAD_HELD_MINUTES));
      const row = await repository.insertUpload(trx, { councilId: person.councilId, ...upload });
      return {
        result: row,
        audit: {
          action: "plan.import.uploaded",
          subjectType: "import_upload",
          subjectId: row.id,
          after: { fileName: upload.fileName, bytes: upload.bytes.length },
        },
      };
    });
  }

  /**
   * Asks for a check (dry run) or the import of a held upload, as a job. False when the upload is
   * no longer held, or a job is already working on it (a second press of the button).
   */
  async queue(person: Person, uploadId: string, request: JobRequest, mapping?: MappingOverride): Promise<boolean> {
    this.mayImport(person);
    const queued = await changeAs(this.db, actorOf(person), async (trx) => {
      const held = await repository.findUpload(trx, uploadId, minutesAgo(UPLOAD_HELD_MINUTES));
      // A finished import has dropped its file: there is nothing left to import again.
      const ok = !!held && held.bytes.length > 0 && (await repository.queueUpload(trx, uploadId, request, mapping, person.id));
      if (ok) await repository.recordJob(trx, uploadId, await this.jobs.enqueue(trx, IMPORT_QUEUE, { councilId: person.councilId, uploadId }));
      return {
        result: ok,
        audit: {
          action: request.dryRun ? "plan.import.check-asked" : "plan.import.asked",
          subjectType: "import_upload",
          subjectId: uploadId,
          after: { ...request, mapping, queued: ok },
        },
      };
    });
    if (queued) this.jobs.nudge(IMPORT_QUEUE);
    return queued;
  }

  /** A held upload of this council, with its job's progress and outcome; undefined once it has gone. */
  async heldUpload(person: Person, uploadId: string): Promise<HeldUpload | undefined> {
    this.mayImport(person);
    const row = await readAs(this.db, actorOf(person), (trx) => repository.findUpload(trx, uploadId, minutesAgo(UPLOAD_HELD_MINUTES)));
    if (!row) return undefined;
    const request = (row.request ?? undefined) as JobRequest | undefined;
    const stuck = await this.#isStuck(row);
    const progress: ImportProgress = stuck ? { ...progressOf(row), state: "failed" } : progressOf(row);
    const stalled = progress.state === "failed" && row.state !== "failed";
    const outcome = stalled
      ? stoppedOutcome(request, "The job stopped before it finished")
      : ((row.outcome ?? undefined) as ImportPreview | undefined);
    const running =
      progress.state === "queued" ? await readAs(this.db, actorOf(person), (trx) => repository.runningUpload(trx, uploadId)) : undefined;
    return {
      id: row.id,
      fileName: row.file_name,
      progress,
      request,
      mapping: (row.mapping ?? undefined) as MappingOverride | undefined,
      outcome,
      stuck,
      waitingLong: progress.state === "queued" && !running && row.updated_at < minutesAgo(1),
      waitingFor: running ? { fileName: running.file_name, requestedBy: running.requested_by_name } : undefined,
    };
  }

  /**
   * Tries a stuck upload again (a crash left it queued or running): the same check or import,
   * with the same options, as a new job. False when it is not stuck (still being worked on, or
   * finished) or no longer held.
   */
  async retry(person: Person, uploadId: string): Promise<boolean> {
    this.mayImport(person);
    const row = await readAs(this.db, actorOf(person), (trx) => repository.findUpload(trx, uploadId, minutesAgo(UPLOAD_HELD_MINUTES)));
    if (!row || row.bytes.length === 0 || !(await this.#isStuck(row))) return false;
    const retried = await changeAs(this.db, actorOf(person), async (trx) => {
      const ok = await repository.requeueStuckUpload(trx, uploadId, row.job_id);
      if (ok) await repository.recordJob(trx, uploadId, await this.jobs.enqueue(trx, IMPORT_QUEUE, { councilId: person.councilId, uploadId }));
      return {
        result: ok,
        audit: {
          action: "plan.import.retried",
          subjectType: "import_upload",
          subjectId: uploadId,
          before: { state: row.state, phase: row.phase },
          after: { dryRun: (row.request as JobRequest | null)?.dryRun ?? true, queued: ok },
        },
      };
    });
    if (retried) this.jobs.nudge(IMPORT_QUEUE);
    return retried;
  }

  /**
   * Queued or running, yet nothing will finish it: its job has finished, failed or gone (a crash
   * after which pg-boss gave the job up), or nothing has been recorded for STALLED_MINUTES.
   */
  async #isStuck(row: repository.UploadRow): Promise<boolean> {
    if (row.state !== "queued" && row.state !== "running") return false;
    if (row.updated_at < minutesAgo(STALLED_MINUTES)) return true;
    // Without a job id (asked before ids were kept) only the silence tells.
    return !!row.job_id && !(await this.jobs.isLive(IMPORT_QUEUE, row.job_id));
  }

  /** The council's uploads still held (the last 30 minutes), newest first, so a person can go back to one. */
  async recentUploads(person: Person) {
    this.mayImport(person);
    const rows = await readAs(this.db, actorOf(person), (trx) => repository.listUploads(trx, minutesAgo(UPLOAD_HELD_MINUTES)));
    return rows.map((row) => ({
      id: row.id,
      fileName: row.file_name,
      requestedBy: row.requested_by_name,
      updatedAt: row.updated_at,
      progress: progressOf(row),
    }));
  }

  /**
   * The job: checks or imports a held upload, recording its progress as it goes. Progress is
   * written outside the import's own transaction, and never waited for inside it: on PGlite,
   * which has one connection, those writes land when the transaction ends.
   *
   * One import runs at a time per council (issue 12: one council's files must not hold up
   * everyone's, nor one person's run the council's share many times over). A job whose council
   * is busy leaves its upload queued, asks again in BUSY_RETRY_SECONDS, and frees this worker
   * for other councils' jobs; an import that ends queues its council's next one at once.
   */
  async runJob(data: Record<string, unknown>): Promise<void> {
    const councilId = String(data.councilId);
    const uploadId = String(data.uploadId);
    const system: Actor = { councilId, userId: null };
    let row: repository.UploadRow | undefined;
    let claim: "started" | "busy" | "gone" = "gone";
    try {
      await bookkeepAs(this.db, system, async (trx) => {
        await repository.failStalledUploads(trx, minutesAgo(STALLED_MINUTES), stoppedOutcome(undefined, "The job stopped before it finished"));
        claim = await repository.startUpload(trx, uploadId, this.limits.maxRunning);
        if (claim === "started") row = await repository.findUpload(trx, uploadId, new Date(0));
      });
    } catch (error) {
      // Another process took the council's turn between our look and our claim.
      if ((error as { code?: string }).code !== "23505") throw error;
      claim = "busy";
    }
    if (claim === "busy") {
      await bookkeepAs(this.db, system, async (trx) => {
        await repository.touchQueuedUpload(trx, uploadId);
        // Its job is now the delayed one, so a retry check does not take it for a lost job.
        await repository.recordJob(
          trx,
          uploadId,
          await this.jobs.enqueue(trx, IMPORT_QUEUE, { councilId, uploadId }, { startAfterSeconds: BUSY_RETRY_SECONDS }),
        );
      });
      return;
    }
    if (!row) return;
    try {
      await this.work(system, uploadId, row);
    } finally {
      await this.queueNext(system);
    }
  }

  /** After an import of a council ends: its next queued upload's job runs now, not at its retry. */
  private async queueNext(system: Actor): Promise<void> {
    let queued = false;
    await bookkeepAs(this.db, system, async (trx) => {
      const next = await repository.nextQueuedUpload(trx);
      if (next)
        await repository.recordJob(trx, next.id, await this.jobs.enqueue(trx, IMPORT_QUEUE, { councilId: system.councilId, uploadId: next.id }));
      queued = !!next;
    });
    if (queued) this.jobs.nudge(IMPORT_QUEUE);
  }

  private async work(system: Actor, uploadId: string, row: repository.UploadRow): Promise<void> {
    const councilId = system.councilId;
    const request = row.request as JobRequest;
    const progress = latestOnly((p: { phase: ImportPhase; done: number; total: number }) =>
      bookkeepAs(this.db, system, (trx) => repository.recordProgress(trx, uploadId, p)),
    );
    let outcome: ImportPreview;
    try {
      // The person who asked is named in the audit; the route checked they may import.
      outcome = await this.check(
        { councilId, userId: row.requested_by },
        "system",
        {
          fileName: row.file_name,
          bytes: row.bytes,
          dryRun: request.dryRun,
          ...(request.asOf ? { asOf: request.asOf } : {}),
          ...(request.planId ? { planId: request.planId } : {}),
          ...(request.scheme ? { scheme: request.scheme } : {}),
          ...(request.title ? { title: request.title } : {}),
          ...(request.type ? { type: request.type } : {}),
          ...(request.respondsTo ? { respondsTo: request.respondsTo } : {}),
          ...(request.approvedOn ? { approvedOn: request.approvedOn } : {}),
          ...(request.statusesFromFile ? { statusesFromFile: request.statusesFromFile } : {}),
          ...(row.mapping ? { mapping: row.mapping as MappingOverride } : {}),
        },
        (phase, done, total) => progress.push({ phase, done, total }),
      );
    } catch (error) {
      // A refusal (the plan has gone, say) is told as it is; anything else is a fault to look into.
      const refused = error instanceof NotFound || error instanceof NotAllowed || error instanceof InvalidInput;
      if (!refused) logger.error("An import job failed", { uploadId, error: (error as Error).message });
      outcome = stoppedOutcome(request, refused ? (error as Error).message.replace(/\.$/, "") : "Something went wrong on the server");
    }
    await progress.settled();
    const ok = outcome.report.problems.length === 0;
    await bookkeepAs(this.db, system, (trx) => repository.finishUpload(trx, uploadId, ok ? "done" : "failed", outcome, ok && !request.dryRun));
  }

  private mayImport(person: Person): void {
    if (!can(person.roles, "editPlans")) throw new NotAllowed("import plans");
  }
}

/** How far a held upload's job has got; a job that has recorded nothing for 10 minutes has stopped. */
function progressOf(row: Pick<repository.UploadRow, "state" | "phase" | "done" | "total" | "request" | "updated_at">): ImportProgress {
  const stalled = (row.state === "running" || row.state === "queued") && row.updated_at < minutesAgo(STALLED_MINUTES);
  return {
    state: stalled ? "failed" : row.state,
    phase: row.phase,
    done: row.done,
    total: row.total,
    dryRun: (row.request as JobRequest | null)?.dryRun ?? true,
  };
}

function actorOf(person: Person): Actor {
  return { councilId: person.councilId, userId: person.id };
}

function minutesAgo(minutes: number): Date {
  return new Date(Date.now() - minutes * 60_000);
}

/** The outcome of a job that did not finish: its transaction was rolled back, so nothing was saved. */
function stoppedOutcome(request: JobRequest | undefined, what: string): ImportPreview {
  const message = `${what}. Nothing was saved: try again, and if it happens again tell your administrator.`;
  return {
    report: {
      planId: request?.planId ?? null,
      dryRun: request?.dryRun ?? true,
      created: { sections: 0, actions: 0, updates: 0 },
      changed: { actions: 0, updates: 0 },
      problems: [{ row: 0, column: "", message }],
    },
    mappings: [],
    headers: [],
    mapping: undefined,
    remembered: false,
  };
}

/**
 * Writes only the latest of a stream of values, one write at a time, without the caller waiting:
 * an import told of every action makes a handful of progress writes, not thousands.
 */
function latestOnly<T>(write: (value: T) => Promise<void>) {
  let next: T | undefined;
  let writing: Promise<void> | undefined;
  const drain = async () => {
    while (next !== undefined) {
      const value = next;
      next = undefined;
      await write(value).catch((error) => logger.warn("Import progress was not recorded", { error: (error as Error).message }));
    }
    writing = undefined;
  };
  return {
    push(value: T) {
      next = value;
      writing ??= drain();
    },
    async settled() {
      await writing;
    },
  };
}
