// Importing a plan from a council's own Excel, CSV or Word table (SPEC A11): read, map, check,
// then all or nothing. Into an existing plan, re-importing is idempotent, keyed on the actions'
// external ids: the same file changes nothing; a changed status becomes one new dated update.
import path from "node:path";
import {
  detectHeader,
  type ImportedSection,
  type ImportProblem,
  type MappingOverride,
  mapTables,
  type TableMapping,
} from "../../domain/imports/mapping.ts";
import { FOUR_STATE, findScheme } from "../../domain/plans/schemes.ts";
import type { PlanSeed, StatusScheme } from "../../domain/plans/types.ts";
import { can } from "../../domain/roles.ts";
import { NotAllowed } from "../../platform/errors.ts";
import type { Actor } from "../../platform/transaction.ts";
import type { PlansService } from "../plans/plans.service.ts";
import { readTables } from "./readers/index.ts";

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
  /** For a new plan: its built-in scheme (default four-state) and title. */
  scheme?: string;
  title?: string;
  /** The date the file speaks for (default today). */
  asOf?: string;
}

/** What the preview page shows: the report, and each table's mapping and header cells. */
export interface ImportPreview {
  report: ImportReport;
  mappings: TableMapping[];
  headers: { table: string; columns: string[] }[];
  /** The mapping used: the one given, or the one remembered for the plan. */
  mapping: MappingOverride | undefined;
  remembered: boolean;
}

export class ImportsService {
  constructor(
    private readonly plans: PlansService,
    private readonly today: () => string,
  ) {}

  async importFile(actor: Actor, roles: readonly string[] | "system", request: ImportRequest): Promise<ImportReport> {
    return (await this.preview(actor, roles, request)).report;
  }

  /**
   * The import with what the preview page shows beside the report: each table's detected (or
   * chosen) column mapping and its header cells. Into an existing plan with no mapping given,
   * the mapping last confirmed for that plan is used; a real import with a mapping remembers it.
   */
  async preview(actor: Actor, roles: readonly string[] | "system", request: ImportRequest): Promise<ImportPreview> {
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
    const result = await this.run(actor, { ...request, ...(mapping ? { mapping } : {}) });
    const { report } = result;
    if (!request.dryRun && request.mapping && report.planId && report.problems.length === 0) {
      await this.plans.saveImportMapping(actor, report.planId, request.mapping);
    }
    return { ...result, mapping, remembered };
  }

  private async run(actor: Actor, request: ImportRequest): Promise<Omit<ImportPreview, "mapping" | "remembered">> {
    const headers: { table: string; columns: string[] }[] = [];
    let mappings: TableMapping[] = [];
    const done = (report: ImportReport) => ({ report, mappings, headers });
    const report: ImportReport = {
      planId: request.planId ?? null,
      dryRun: request.dryRun,
      created: { sections: 0, actions: 0, updates: 0 },
      changed: { actions: 0, updates: 0 },
      problems: [],
    };
    const fail = (message: string) => done({ ...report, problems: [{ row: 0, column: "", message }] });
    const read = await readTables(request.fileName, request.bytes);
    if (!read.ok) return fail(read.problem);
    for (const table of read.tables) {
      const header = detectHeader(table.rows);
      if (header) headers.push({ table: table.name, columns: (table.rows[header.index] ?? []).map((c) => c.text.trim()) });
    }

    const updateDate = request.asOf ?? this.today();
    const existing = request.planId ? await this.plans.importTarget(actor, request.planId) : undefined;
    const scheme: StatusScheme | undefined = existing?.scheme ?? (request.scheme ? findScheme(request.scheme) : FOUR_STATE);
    if (!scheme) return fail(`Unknown status scheme "${request.scheme}": use four-state, five-level or rag-blue`);
    const mapped = mapTables(read.tables, {
      scheme,
      planStart: existing?.approvedOn ?? updateDate,
      updateDate,
      forums: existing?.forums ?? [],
      ...(request.mapping ? { mapping: request.mapping } : {}),
    });
    if (!mapped.ok) return fail(mapped.problem);
    mappings = mapped.mappings;
    if (mapped.problems.length) return done({ ...report, problems: mapped.problems.map(withTableName) });

    if (existing && request.planId) {
      const outcome = await this.plans.applyImport(actor, request.planId, mapped.sections, mapped.forums, { dryRun: request.dryRun, updateDate });
      return done({ ...report, created: outcome.created, changed: outcome.changed });
    }
    const seed: PlanSeed = {
      externalId: `import-${path
        .basename(request.fileName)
        .replace(/\.[^.]+$/, "")
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-")}-${updateDate}`,
      title: request.title ?? mapped.title ?? path.basename(request.fileName),
      type: "other",
      source: { title: path.basename(request.fileName), date: updateDate },
      owner: "Not recorded",
      scheme: scheme.code,
      cadence: "",
      approvedOn: updateDate,
      forums: mapped.forums,
      sections: mapped.sections,
    };
    report.created = { ...mapped.counts };
    if (request.dryRun) return done(report);
    const plan = await this.plans.createPlanFromSeed(actor, seed);
    return done({ ...report, planId: plan.id, created: { sections: plan.sections, actions: plan.actions, updates: plan.updates } });
  }
}

function withTableName(problem: ImportProblem) {
  return { row: problem.row, column: problem.column, message: problem.table ? `${problem.table}: ${problem.message}` : problem.message };
}

export type { ImportedSection };
