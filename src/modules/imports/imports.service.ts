// Importing a plan from a council's own Excel, CSV or Word table (SPEC A11): read, map, check,
// then all or nothing. Into an existing plan, re-importing is idempotent, keyed on the actions'
// external ids: the same file changes nothing; a changed status becomes one new dated update.
// On the web, the check and the import run as background jobs on a held upload, so a long file
// shows its progress (see docs/adr/0007).
import { randomUUID } from "node:crypto";
import path from "node:path";
import type { Kysely } from "kysely";
import { type FileStatusChoice, schemeFromFileValues } from "../../domain/imports/file-scheme.ts";
import {
  detectHeader,
  type ImportedSection,
  type ImportProblem,
  inferScheme,
  type LeftOutRow,
  type MappingOverride,
  mapTables,
  type StatusValue,
  type TableMapping,
} from "../../domain/imports/mapping.ts";
import type { ImportPhase, ImportProgress } from "../../domain/imports/progress.ts";
import type { FileDetails } from "../../domain/imports/reading.ts";
import { planSizeProblem } from "../../domain/plans/limits.ts";
import { BUILT_IN_SCHEMES, findScheme } from "../../domain/plans/schemes.ts";
import type { DueDate, PlanSeed, PlanType, StatusScheme } from "../../domain/plans/types.ts";
import { can, type Role } from "../../domain/roles.ts";
import type { DB } from "../../platform/db-types.ts";
import { InvalidInput, NotAllowed, NotFound } from "../../platform/errors.ts";
import type { Jobs } from "../../platform/jobs.ts";
import { logger } from "../../platform/logging.ts";
import { type Actor, bookkeepAs, changeAs, readAs } from "../../platform/transaction.ts";
import type { PlansService } from "../plans/plans.service.ts";
import * as repository from "./imports.repository.ts";
import { readTables } from "./readers/index.ts";

/** An upload is held this long after it was last touched, between the check and the import. */
export const UPLOAD_HELD_MINUTES = 30;
/** A job that has recorded nothing for this long has stopped (its transaction was rolled back). */
const STALLED_MINUTES = 10;
export const IMPORT_QUEUE = "imports.run";
/** A job whose council already has an import running tries again this much later (issue 12). */
export const BUSY_RETRY_SECONDS = 15;
/** Imports running at once across all councils, unless IMPORTS_MAX_RUNNING says otherwise. */
export const DEFAULT_MAX_RUNNING_IMPORTS = 4;

/** The command line's JSON (a contract): what was, or would be, created and changed, and every problem. */
export interface ImportReport {
  planId: string | null;
  dryRun: boolean;
  created: { sections: number; actions: number; updates: number };
  changed: { actions: number; updates: number };
  problems: { row: number; column: string; message: string }[];
}

export interface ImportRequest {
  fileName: string;
  bytes: Uint8Array;
  /** Into this existing plan; otherwise a new plan. */
  planId?: string;
  mapping?: MappingOverride;
  dryRun: boolean;
  /** For a new plan: its built-in scheme (worked out from the file's statuses when not given) and details. */
  scheme?: string;
  title?: string;
  type?: PlanType;
  respondsTo?: string;
  approvedOn?: string;
  /** The date the file speaks for, when the file does not say (or to correct it). */
  asOf?: string;
  /**
   * For a new plan: make its own scheme from the status values in the file (their words, in the
   * file's order), each with a colour and whether it counts as done. Values not listed take a guess.
   */
  statusesFromFile?: FileStatusChoice[];
}

/** The plan as it will be created: what the preview shows (SPEC A11). */
export interface PlannedSection {
  number: string;
  title: string;
  depth: number;
  actions: { number: string; text: string; lead: string; due: DueDate; status: string; updateDate: string; notes: string[]; row: string }[];
}

/** The plan's details for the preview: each value with where it came from (the file, the person), or missing. */
export interface PlanDetailsPreview {
  title: { value: string | null; where: string };
  type: { value: PlanType | null; where: string };
  respondsTo: { value: string | null; where: string };
  approvedOn: { value: string | null; where: string };
  asOf: { value: string | null; where: string };
  scheme: { code: string; name: string; where: string };
}

/** What the preview page shows: the report, and each table's mapping and header cells. */
export interface ImportPreview {
  report: ImportReport;
  mappings: TableMapping[];
  headers: { table: string; columns: string[] }[];
  /** The mapping used: the one given, or the one remembered for the plan. */
  mapping: MappingOverride | undefined;
  remembered: boolean;
  /** What will be created, section by section (absent on a refused file). */
  plan?: PlannedSection[];
  details?: PlanDetailsPreview;
  statusValues?: StatusValue[];
  statuses?: { code: string; label: string }[];
  leftOut?: LeftOutRow[];
}

/** Told as an import moves on: the phase, and how many rows or actions of how many. */
export type OnProgress = (phase: ImportPhase, done: number, total: number) => void;

/** What a person asked of a held upload: a check (dry run) or the import, with its options. */
export interface JobRequest {
  dryRun: boolean;
  asOf?: string;
  planId?: string;
  scheme?: string;
  title?: string;
  type?: PlanType;
  respondsTo?: string;
  approvedOn?: string;
  statusesFromFile?: FileStatusChoice[];
}

/** A held upload as the pages show it: how far its job has got, and what it found. */
export interface HeldUpload {
  id: string;
  fileName: string;
  progress: ImportProgress;
  request: JobRequest | undefined;
  mapping: MappingOverride | undefined;
  outcome: ImportPreview | undefined;
  /** Queued for over a minute and not started: the job worker may not be running. */
  waitingLong: boolean;
  /** Queued or running, but its job has gone or has been silent too long (a crash): it can be tried again. */
  stuck: boolean;
  /** Queued behind another import of the council, which runs first (one at a time per council). */
  waitingFor: { fileName: string; requestedBy: string | null } | undefined;
}

type Person = { id: string; councilId: string; roles: readonly Role[] };

export class ImportsService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly plans: PlansService,
    private readonly jobs: Jobs,
    // The day of the import never dates the file's statuses (issue 11): the clock is not used.
    _today?: () => string,
    /** Imports running at once in all councils and processes together (IMPORTS_MAX_RUNNING). */
    private readonly limits: { maxRunning: number } = { maxRunning: DEFAULT_MAX_RUNNING_IMPORTS },
  ) {}

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

  private async run(
    actor: Actor,
    request: ImportRequest,
    onProgress: OnProgress,
  ): Promise<Omit<ImportPreview, "mapping" | "remembered"> & { used?: MappingOverride }> {
    const headers: { table: string; columns: string[] }[] = [];
    let mappings: TableMapping[] = [];
    let extra: Pick<ImportPreview, "plan" | "details" | "statusValues" | "statuses" | "leftOut"> & { used?: MappingOverride } = {};
    const done = (report: ImportReport) => ({ report, mappings, headers, ...extra });
    const report: ImportReport = {
      planId: request.planId ?? null,
      dryRun: request.dryRun,
      created: { sections: 0, actions: 0, updates: 0 },
      changed: { actions: 0, updates: 0 },
      problems: [],
    };
    const fail = (message: string) => done({ ...report, problems: [{ row: 0, column: "", message }] });
    onProgress("reading", 0, 0);
    const read = await readTables(request.fileName, request.bytes);
    if (!read.ok) return fail(read.problem);
    const rows = read.tables.reduce((sum, t) => sum + t.rows.length, 0);
    onProgress("checking", 0, rows);
    for (const table of read.tables) {
      const header = detectHeader(table.rows);
      if (header) headers.push({ table: table.name, columns: (table.rows[header.index] ?? []).map((c) => c.text.trim()) });
    }

    const existing = request.planId ? await this.plans.importTarget(actor, request.planId) : undefined;
    let base = {
      forums: existing?.forums ?? [],
      ...(request.mapping ? { mapping: request.mapping } : {}),
      ...(read.properties ? { properties: read.properties } : {}),
      ...(existing?.repeatedNumbers.size ? { repeatedNumbers: existing.repeatedNumbers } : {}),
    };
    // The scheme: the plan's, the one chosen, or the one that names the file's statuses.
    let scheme: StatusScheme | undefined = existing?.scheme ?? (request.scheme ? findScheme(request.scheme) : undefined);
    if (request.scheme && !scheme) return fail(`Unknown status scheme "${request.scheme}": use four-state, five-level or rag-blue`);
    let schemeWhere = existing ? "the plan's scheme" : scheme ? "chosen" : "worked out from the statuses in the file";
    scheme ??= inferScheme(read.tables, BUILT_IN_SCHEMES, base) ?? BUILT_IN_SCHEMES[0];
    if (!scheme) return fail("No status scheme");
    let ownScheme: StatusScheme | undefined;
    const schemeProblems: ImportProblem[] = [];
    if (request.statusesFromFile) {
      // A scheme made from the file's own values (issue 11): its words, a colour each, which count as done.
      if (existing)
        return fail(
          "the plan already has its status scheme: choose which of its statuses each value means, or change the scheme on the plan's set-up page",
        );
      const found = mapTables(read.tables, { ...base, scheme });
      if (!found.ok) return fail(found.problem);
      const made = schemeFromFileValues(found.statusValues, request.statusesFromFile, `Statuses from ${path.basename(request.fileName)}`);
      // Refused: the check still shows everything, read with the scheme worked out, and says what to fix.
      if (!made.ok) schemeProblems.push(...made.problems.map((p) => ({ row: 0, column: "", message: p.message })));
      else {
        ownScheme = made.scheme;
        scheme = made.scheme;
        schemeWhere = "made from the statuses in the file";
        base = { ...base, mapping: { ...(request.mapping ?? {}), statuses: made.statuses } };
      }
    }
    // Read with what is known; read again only if the file's own dates change the reading.
    const datesFor = (asOf: string | undefined, approvedOn: string | undefined) => ({
      ...((approvedOn ?? asOf) ? { planStart: (approvedOn ?? asOf) as string } : {}),
      ...(asOf ? { updateDate: asOf } : {}),
    });
    const known = datesFor(request.asOf, existing?.approvedOn ?? request.approvedOn);
    let mapped = mapTables(read.tables, { ...base, scheme, ...known });
    if (!mapped.ok) return fail(mapped.problem);
    const fileSays: FileDetails = mapped.details;
    const asOf = request.asOf ?? fileSays.asOf?.value;
    const approvedOn = existing?.approvedOn ?? request.approvedOn ?? fileSays.approvedOn?.value;
    const dates = datesFor(asOf, approvedOn);
    if (dates.planStart !== known.planStart || dates.updateDate !== known.updateDate) mapped = mapTables(read.tables, { ...base, scheme, ...dates });
    if (!mapped.ok) return fail(mapped.problem);
    onProgress("checking", rows, rows);
    mappings = mapped.mappings;
    const from = (given: string | undefined, file: { value: string; where: string } | undefined) =>
      given !== undefined && given !== ""
        ? { value: given, where: "entered on the check page" }
        : file
          ? { value: file.value, where: `from ${file.where}` }
          : undefined;
    const title = from(request.title, fileSays.title);
    const type = from(request.type, fileSays.type) as { value: PlanType; where: string } | undefined;
    const respondsTo = from(request.respondsTo, fileSays.respondsTo);
    const dated = from(request.asOf, fileSays.asOf);
    // With no approval date written, the date the file speaks for (never the day of the import).
    const approved = existing
      ? { value: existing.approvedOn, where: "the plan's" }
      : (from(request.approvedOn, fileSays.approvedOn) ??
        (dated ? { value: dated.value, where: `the date the file speaks for (${dated.where})` } : undefined));
    const missing = { value: null, where: "not in the file: enter it below" };
    extra = {
      plan: plannedSections(mapped.sections, scheme),
      details: {
        title: title ?? missing,
        type: type ?? missing,
        respondsTo: respondsTo ?? missing,
        approvedOn: approved ?? missing,
        asOf: dated ?? (mapped.undated ? missing : { value: null, where: "every update is dated in the file" }),
        scheme: { code: scheme.code, name: scheme.name, where: schemeWhere },
      },
      statusValues: mapped.statusValues,
      statuses: scheme.statuses.map((s) => ({ code: s.code, label: s.label })),
      leftOut: mapped.leftOut,
      ...(base.mapping ? { used: base.mapping } : {}),
    };
    const questions: ImportProblem[] = [];
    if (mapped.undated > 0 && !asOf)
      questions.push({
        row: 0,
        column: "",
        message: `${mapped.undated} update${mapped.undated === 1 ? " has" : "s have"} no date in the file (no date column, no date in the text or the column's header): enter the date the file speaks for`,
      });
    if (!existing) {
      if (!title) questions.push({ row: 0, column: "", message: "the file has no title line: enter the plan's title" });
      if (!approved)
        questions.push({ row: 0, column: "", message: "the file does not say when the plan was approved: enter the date it was approved" });
    }
    // A new plan's size is known now, so its check says so first, before asking anything (issue 12); into an existing plan,
    // applyImport counts its actions with the file's new ones, in the check and the import alike.
    const tooBig = existing ? undefined : planSizeProblem(mapped.counts.actions);
    if (tooBig) return fail(tooBig);
    const problems = [...questions, ...schemeProblems, ...mapped.problems];
    if (problems.length) return done({ ...report, problems: problems.map(withTableName) });
    const onAction = (handled: number, total: number) => onProgress("saving", handled, total);

    if (existing && request.planId) {
      try {
        const outcome = await this.plans.applyImport(actor, request.planId, mapped.sections, mapped.forums, {
          dryRun: request.dryRun,
          updateDate: asOf ?? existing.approvedOn,
          onAction,
        });
        return done({ ...report, created: outcome.created, changed: outcome.changed });
      } catch (error) {
        if (error instanceof InvalidInput) return fail(error.problems.map((p) => p.message).join("; "));
        throw error;
      }
    }
    const approvedDate = approved?.value ?? "";
    const seed: PlanSeed = {
      // Unique, and within the column's 100 characters, however often the same file is imported.
      externalId: `import-${path
        .basename(request.fileName)
        .replace(/\.[^.]+$/, "")
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-")
        .slice(0, 60)}-${approvedDate}-${randomUUID().slice(0, 8)}`,
      title: (title?.value ?? "").slice(0, 300),
      type: type?.value ?? "other",
      source: { title: respondsTo?.value ?? "Not recorded in the file", date: approvedDate },
      owner: "Not recorded",
      scheme: scheme.code,
      cadence: "",
      approvedOn: approvedDate,
      forums: mapped.forums,
      sections: mapped.sections,
    };
    report.created = { ...mapped.counts };
    if (request.dryRun) return done(report);
    const plan = await this.plans.createPlanFromSeed(actor, seed, { onAction, ...(ownScheme ? { scheme: ownScheme } : {}) });
    return done({ ...report, planId: plan.id, created: { sections: plan.sections, actions: plan.actions, updates: plan.updates } });
  }

  // ---- held uploads and the jobs that check and import them ---------------------------------------

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
      outcome = await this.preview(
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

/** The sections and actions in reading order, as the preview lists them. */
function plannedSections(sections: ImportedSection[], scheme: StatusScheme, depth = 0): PlannedSection[] {
  const label = (code: string) => scheme.statuses.find((s) => s.code === code)?.label ?? "Not yet rated";
  return sections.flatMap((section) => [
    {
      number: section.number,
      title: section.title,
      depth,
      actions: section.actions.map((a) => {
        const latest = a.updates.at(-1);
        return {
          number: a.number,
          text: a.text,
          lead: a.leadRole ?? a.leadName ?? "",
          due: a.due,
          status: latest ? label(latest.status) : "Not yet rated",
          updateDate: latest?.date ?? "",
          notes: a.assumptions,
          row: `${a.source.table}, row ${a.source.row}`,
        };
      }),
    },
    ...plannedSections(section.sections ?? [], scheme, depth + 1),
  ]);
}

function withTableName(problem: ImportProblem) {
  return { row: problem.row, column: problem.column, message: problem.table ? `${problem.table}: ${problem.message}` : problem.message };
}

export type { ImportedSection };
