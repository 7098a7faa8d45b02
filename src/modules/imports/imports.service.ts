// Importing a plan from a council's own Excel, CSV or Word table (SPEC A11): read, map, check,
// then all or nothing. Into an existing plan, re-importing is idempotent, keyed on the actions'
// external ids: the same file changes nothing; a changed status becomes one new dated update.
// On the web, the check and the import run as background jobs on a held upload, so a long file
// shows its progress (see docs/adr/0007).
// The use cases each have a file: imports.check.ts (read and check), imports.apply.ts (create or
// change the plan), imports.uploads.ts (held uploads and their jobs); this is their one entrance.
import type { Kysely } from "kysely";
import type { ImportedSection, MappingOverride } from "../../domain/imports/mapping.ts";
import { can } from "../../domain/roles.ts";
import type { DB } from "../../platform/db-types.ts";
import { NotAllowed } from "../../platform/errors.ts";
import type { Jobs } from "../../platform/jobs.ts";
import type { Actor } from "../../platform/transaction.ts";
import type { PlansService } from "../plans/plans.service.ts";
import { applyCheckedFile } from "./imports.apply.ts";
import { checkFile } from "./imports.check.ts";
import type { HeldUpload, ImportPreview, ImportReport, ImportRequest, JobRequest, OnProgress, Person, RunResult } from "./imports.types.ts";
import { ImportUploads } from "./imports.uploads.ts";

export type {
  HeldUpload,
  ImportPreview,
  ImportReport,
  ImportRequest,
  JobRequest,
  OnProgress,
  PlanDetailsPreview,
  PlannedSection,
} from "./imports.types.ts";
export { BUSY_RETRY_SECONDS, DEFAULT_MAX_RUNNING_IMPORTS, IMPORT_QUEUE, UPLOAD_HELD_MINUTES } from "./imports.uploads.ts";

export class ImportsService {
  readonly #uploads: ImportUploads;

  constructor(
    db: Kysely<DB>,
    private readonly plans: PlansService,
    jobs: Jobs,
    // The day of the import never dates the file's statuses (issue 11): the clock is not used.
    _today?: () => string,
    /** Imports running at once in all councils and processes together (IMPORTS_MAX_RUNNING). */
    limits?: { maxRunning: number },
  ) {
    this.#uploads = new ImportUploads(db, jobs, (actor, roles, request, onProgress) => this.preview(actor, roles, request, onProgress), limits);
  }

  async importFile(actor: Actor, roles: readonly string[] | "system", request: ImportRequest, onProgress?: OnProgress): Promise<ImportReport> {
    return (await this.preview(actor, roles, request, onProgress)).report;
  }

  /**
   * The import with what the preview page shows beside the report: each table's detected (or
   * chosen) column mapping and its header cells. Into an existing plan with no mapping given,
   * the mapping last confirmed for that plan is used; a real import with a mapping remembers it.
   */
  async preview(
    actor: Actor,
    roles: readonly string[] | "system",
    request: ImportRequest,
    onProgress: OnProgress = () => {},
  ): Promise<ImportPreview> {
    if (roles !== "system" && !can(roles, "editPlans")) throw new NotAllowed("import plans");
    let mapping = request.mapping;
    let remembered = false;
    if (!mapping && request.planId) {
      const stored = (await this.plans.importMapping(actor, request.planId)) as MappingOverride | undefined;
      if (stored) {
        mapping = stored;
        remembered = true;
      }
    }
    const { used, ...result } = await this.run(actor, { ...request, ...(mapping ? { mapping } : {}) }, onProgress);
    const { report } = result;
    // Remembered for the next import into the plan: the columns and the statuses chosen (and a scheme made from the file's values).
    if (!request.dryRun && (request.mapping || request.statusesFromFile) && used && report.planId && report.problems.length === 0) {
      await this.plans.saveImportMapping(actor, report.planId, used);
    }
    return { ...result, mapping: used ?? mapping, remembered };
  }

  private async run(actor: Actor, request: ImportRequest, onProgress: OnProgress): Promise<RunResult> {
    const checked = await checkFile(this.plans, actor, request, onProgress);
    if (!checked.ok) return checked.result;
    return applyCheckedFile(this.plans, actor, request, checked, onProgress);
  }

  // ---- held uploads and the jobs that check and import them (imports.uploads.ts) -----------------

  /** Holds an uploaded file for the check and the import, clearing uploads no longer wanted. */
  holdUpload(person: Person, upload: { fileName: string; bytes: Buffer }) {
    return this.#uploads.holdUpload(person, upload);
  }

  /** Asks for a check (dry run) or the import of a held upload, as a job; false when it cannot be queued. */
  queue(person: Person, uploadId: string, request: JobRequest, mapping?: MappingOverride): Promise<boolean> {
    return this.#uploads.queue(person, uploadId, request, mapping);
  }

  /** A held upload of this council, with its job's progress and outcome; undefined once it has gone. */
  heldUpload(person: Person, uploadId: string): Promise<HeldUpload | undefined> {
    return this.#uploads.heldUpload(person, uploadId);
  }

  /** Tries a stuck upload again; false when it is not stuck or no longer held. */
  retry(person: Person, uploadId: string): Promise<boolean> {
    return this.#uploads.retry(person, uploadId);
  }

  /** The council's uploads still held, newest first. */
  recentUploads(person: Person) {
    return this.#uploads.recentUploads(person);
  }

  /** The job: checks or imports a held upload, recording its progress as it goes. */
  runJob(data: Record<string, unknown>): Promise<void> {
    return this.#uploads.runJob(data);
  }
}

export type { ImportedSection };
