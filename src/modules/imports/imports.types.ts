// The shapes the import's use cases share: the command line's report (a contract), what a person
// asks of a file, and what the preview and the held-upload pages show.
import type { FileStatusChoice } from "../../domain/imports/file-scheme.ts";
import type { LeftOutRow, MappingOverride, StatusValue, TableMapping } from "../../domain/imports/mapping.ts";
import type { ImportPhase, ImportProgress } from "../../domain/imports/progress.ts";
import type { DueDate, PlanType } from "../../domain/plans/types.ts";
import type { Role } from "../../domain/roles.ts";

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

/** Who asks, on the web: checked for the editPlans permission. */
export type Person = { id: string; councilId: string; roles: readonly Role[] };

/** What reading, checking and applying a file give, before the preview adds the mapping it used. */
export type RunResult = Omit<ImportPreview, "mapping" | "remembered"> & { used?: MappingOverride };
